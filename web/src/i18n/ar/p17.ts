// Arabic (ar), part 17 of the web catalogue: skills programmes, the knowledge checks on the dashboard and in the report.
// cybercap's own translation, not an official ITU text; terms follow docs/glossary/ar.md.
import type { Key, Msg } from '../index';

const m: Partial<Record<Key, Msg>> = {
  skKnowledge: "اختبارات المعارف",
  skKnowledgeLead: "درجات اختبارات المعارف من 0 إلى 100 على منصة التعلّم، مستوردة مع ملف الإتمام الذي تصدّره. ولا يُحتسب إلا المشاركون الذين وافقوا على التقييم (N)؛ والدرجة التي تساوي درجة النجاح أو تزيد عليها تُعدّ نجاحًا.",
  skKnowledgeNone: "لم تُحدَّد اختبارات معارف لهذا البرنامج.",
  skCheck: "اختبار المعارف",
  skPassMark: "درجة النجاح",
  skMeanScore: "متوسط الدرجات",
  skSharePassed: "نسبة الناجحين",
};

export default m;
