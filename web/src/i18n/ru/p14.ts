// Russian (ru), part 14 of the web catalogue: skills programmes, the survey workbook, the self-assessment and a trainer's cohorts in My work.
// cybercap's own translation, not an official ITU text; terms follow docs/glossary/ru.md.
import type { Key, Msg } from '../index';

const m: Partial<Record<Key, Msg>> = {
  skWorkTrainer: "Когорта {cohort}: занятия, посещаемость и прогресс (тренер)",
  skWorkbookTitle: "Или ответьте офлайн, в рабочей книге",
  skWorkbookLead: "Скачайте рабочую книгу (файл Excel с утверждениями опроса и уже данными ответами), заполните столбец ответов и загрузите её здесь. Каждый ответ проверяется; ничего не сохраняется, пока все ответы не будут верны.",
  skWorkbookDownload: "Скачать рабочую книгу (XLSX)",
  skWorkbookFile: "Заполненная рабочая книга",
  skWorkbookSend: "Загрузить мои ответы",
  skErrWorkbook: "Выберите заполненную рабочую книгу для загрузки",
  skWorkbookRefused: "Ошибок в рабочей книге: {n}. Ничего не сохранено.",
  skSelfTitle: "Самооценка по компетенциям, когорта {cohort}",
  skSelfLead: "Оцените себя по каждой компетенции вашего направления: один раз до программы и один раз после. В изменении учитываются только те, кто дал обе оценки, и никогда поимённо.",
  skSelfHint: "От 1 (новичок) до 5 (эксперт).",
  skSendSelf: "Отправить мою самооценку",
  skLevel1: "1 новичок",
  skLevel2: "2",
  skLevel3: "3",
  skLevel4: "4",
  skLevel5: "5 эксперт",
};

export default m;
