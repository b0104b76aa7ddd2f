// Chinese (zh), part 14 of the web catalogue: skills programmes, the survey workbook, the self-assessment and a trainer's cohorts in My work.
// cybercap's own translation, not an official ITU text; terms follow docs/glossary/zh.md.
import type { Key, Msg } from '../index';

const m: Partial<Record<Key, Msg>> = {
  skWorkTrainer: "群组 {cohort}：课程、出勤与进度（培训师）",
  skWorkbookTitle: "或离线作答：使用工作簿",
  skWorkbookLead: "下载工作簿（一个 Excel 文件，包含调查的各项陈述和您已给出的答案），填写答案列后在此上传。每个答案都会被检查；只有全部有效才会保存。",
  skWorkbookDownload: "下载工作簿（XLSX）",
  skWorkbookFile: "已填写的工作簿",
  skWorkbookSend: "上传我的答案",
  skErrWorkbook: "请选择要上传的已填写工作簿",
  skWorkbookRefused: "工作簿中的问题：{n}。未保存任何内容。",
  skSelfTitle: "按能力自评，群组 {cohort}",
  skSelfLead: "请就您所在方向的每项能力为自己评分：项目开始前一次，结束后一次。只有两次都评分的人才计入变化，且从不具名。",
  skSelfHint: "从 1（初学者）到 5（专家）。",
  skSendSelf: "提交我的自评",
  skLevel1: "1 初学者",
  skLevel2: "2",
  skLevel3: "3",
  skLevel4: "4",
  skLevel5: "5 专家",
};

export default m;
