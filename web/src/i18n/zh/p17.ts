// Chinese (zh), part 17 of the web catalogue: skills programmes, the knowledge checks on the dashboard and in the report.
// cybercap's own translation, not an official ITU text; terms follow docs/glossary/zh.md.
import type { Key, Msg } from '../index';

const m: Partial<Record<Key, Msg>> = {
  skKnowledge: "知识测验",
  skKnowledgeLead: "学习平台上知识测验的得分（0到100），随其完成情况导出文件一并导入。只统计同意项目评价的学员（N）；得分达到或高于及格线即为通过。",
  skKnowledgeNone: "本项目尚未设置知识测验。",
  skCheck: "知识测验",
  skPassMark: "及格线",
  skMeanScore: "平均得分",
  skSharePassed: "通过比例",
};

export default m;
