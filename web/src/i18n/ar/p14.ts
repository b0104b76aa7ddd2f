// Arabic (ar), part 14 of the web catalogue: skills programmes, the survey workbook, the self-assessment and a trainer's cohorts in My work.
// cybercap's own translation, not an official ITU text; terms follow docs/glossary/ar.md.
import type { Key, Msg } from '../index';

const m: Partial<Record<Key, Msg>> = {
  skWorkTrainer: "الفوج {cohort}: الجلسات والحضور والتقدّم (مدرّب)",
  skWorkbookTitle: "أو أجب دون اتصال، في المصنّف",
  skWorkbookLead: "نزّل المصنّف (ملف Excel فيه عبارات الاستبيان والإجابات التي قدّمتها حتى الآن)، واملأ عمود الإجابة ثم ارفعه هنا. تُفحص كل إجابة؛ ولا يُحفظ شيء ما لم تكن كلها صحيحة.",
  skWorkbookDownload: "تنزيل المصنّف (XLSX)",
  skWorkbookFile: "المصنّف بعد ملئه",
  skWorkbookSend: "رفع إجاباتي",
  skErrWorkbook: "اختر المصنّف المملوء لرفعه",
  skWorkbookRefused: "مشكلات في المصنّف: {n}. لم يُحفظ شيء.",
  skSelfTitle: "التقييم الذاتي لكل كفاءة، الفوج {cohort}",
  skSelfLead: "قيّم نفسك في كل كفاءة من كفاءات مسارك، مرة قبل البرنامج ومرة بعده. لا يُحتسب في التغيّر إلا من قدّم التقييمين، ولا يُذكر أحد باسمه.",
  skSelfHint: "من 1 (مبتدئ) إلى 5 (خبير).",
  skSendSelf: "إرسال تقييمي الذاتي",
  skLevel1: "1 مبتدئ",
  skLevel2: "2",
  skLevel3: "3",
  skLevel4: "4",
  skLevel5: "5 خبير",
};

export default m;
