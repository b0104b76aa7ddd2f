// Arabic (ar), part 12 of the web catalogue: skills programmes, the participant's page: surveys and mentoring pairs.
// cybercap's own translation, not an official ITU text; terms follow docs/glossary/ar.md.
import type { Key, Msg } from '../index';

const m: Partial<Record<Key, Msg>> = {
  skSurveysTitle: "استبيانات الدفعة {cohort}",
  skSurveyNeedsConsent: "أعطِ موافقتك على التقييم (أعلاه) لتجيب عن الاستبيانات.",
  skSv_reaction_module: "بعد وحدة",
  skSv_reaction_end: "في نهاية البرنامج",
  skSv_self_before: "التقييم الذاتي قبل",
  skSv_self_after: "التقييم الذاتي بعد",
  skSurveyLead: "إجابة واحدة لكل عبارة؛ ويمكنك تغيير إجاباتك لاحقًا.",
  skSurveyAnswered: "لقد أجبت: غيّر أي إجابة وأرسل من جديد.",
  skErrRate: "اختر إجابة عن: {q}",
  skSendSurvey: "إرسال إجاباتي",
  skSurveySaved: "شكرًا: حُفظت إجاباتك ({n}).",
  skMyPairs: "الإرشاد",
  skYourMentor: "مرشدك: {name}",
  skYourMentee: "المسترشد: {name}",
  skPairNow: "حالة الثنائي الآن: {status}.",
  skMeetings: "اللقاءات",
  skMeetingLine: "{at}، {minutes} دقيقة",
  skMeetingAt: "تاريخ اللقاء",
  skMeetingNotes: "ملاحظات (اختياري)",
  skAddMeeting: "تسجيل اللقاء",
  skMeetingSaved: "سُجّل اللقاء.",
  skErrMeetingAt: "اكتب تاريخ اللقاء بالصيغة YYYY-MM-DD",
  skGoals: "الأهداف",
  skNewGoal: "هدف جديد",
  skAddGoal: "إضافة الهدف",
  skGoalSaved: "أُضيف الهدف.",
  skErrGoal: "اكتب الهدف",
  skGoalStatusOf: "حالة الهدف: {goal}",
  skGoalNow: "عُلّم الهدف: {status}.",
  skGoal_open: "قيد العمل",
  skGoal_met: "تحقّق",
  skGoal_dropped: "أُسقط",
};

export default m;
