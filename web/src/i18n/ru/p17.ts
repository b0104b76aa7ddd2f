// Russian (ru), part 17 of the web catalogue: skills programmes, the knowledge checks on the dashboard and in the report.
// cybercap's own translation, not an official ITU text; terms follow docs/glossary/ru.md.
import type { Key, Msg } from '../index';

const m: Partial<Record<Key, Msg>> = {
  skKnowledge: "Проверки знаний",
  skKnowledgeLead: "Баллы от 0 до 100 за проверки знаний на платформе обучения, импортированные вместе с её выгрузкой о прохождении. Учитываются только участники, давшие согласие на оценку обучения (N); балл не ниже проходного означает, что проверка пройдена.",
  skKnowledgeNone: "Для этой программы проверки знаний не заданы.",
  skCheck: "Проверка знаний",
  skPassMark: "Проходной балл",
  skMeanScore: "Средний балл",
  skSharePassed: "Доля прошедших",
};

export default m;
