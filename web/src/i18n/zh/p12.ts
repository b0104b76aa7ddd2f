// Chinese (zh), part 12 of the web catalogue: skills programmes, the participant's page: surveys and mentoring pairs.
// cybercap's own translation, not an official ITU text; terms follow docs/glossary/zh.md.
import type { Key, Msg } from '../index';

const m: Partial<Record<Key, Msg>> = {
  skSurveysTitle: "班期 {cohort} 的问卷",
  skSurveyNeedsConsent: "请先在上方给予评估同意，再回答问卷。",
  skSv_reaction_module: "模块结束后",
  skSv_reaction_end: "项目结束时",
  skSv_self_before: "培训前自评",
  skSv_self_after: "培训后自评",
  skSurveyLead: "每项陈述选一个答案；之后仍可修改。",
  skSurveyAnswered: "您已作答：可修改任意答案后再次提交。",
  skErrRate: "请为以下问题选择答案：{q}",
  skSendSurvey: "提交我的答案",
  skSurveySaved: "谢谢：您的答案已保存（{n}）。",
  skMyPairs: "导师辅导",
  skYourMentor: "您的导师：{name}",
  skYourMentee: "您辅导的学员：{name}",
  skPairNow: "配对现为：{status}。",
  skMeetings: "会面",
  skMeetingLine: "{at}，{minutes} 分钟",
  skMeetingAt: "会面日期",
  skMeetingNotes: "备注（选填）",
  skAddMeeting: "记录会面",
  skMeetingSaved: "已记录会面。",
  skErrMeetingAt: "请按 YYYY-MM-DD 填写会面日期",
  skGoals: "目标",
  skNewGoal: "新目标",
  skAddGoal: "添加目标",
  skGoalSaved: "已添加目标。",
  skErrGoal: "请填写目标",
  skGoalStatusOf: "目标状态：{goal}",
  skGoalNow: "目标已标记为：{status}。",
  skGoal_open: "进行中",
  skGoal_met: "已达成",
  skGoal_dropped: "已放弃",
};

export default m;
