// Russian (ru), part 12 of the web catalogue: skills programmes, the participant's page: surveys and mentoring pairs.
// cybercap's own translation, not an official ITU text; terms follow docs/glossary/ru.md.
import type { Key, Msg } from '../index';

const m: Partial<Record<Key, Msg>> = {
  skSurveysTitle: "Опросы потока {cohort}",
  skSurveyNeedsConsent: "Чтобы отвечать на опросы, дайте согласие на оценку (выше).",
  skSv_reaction_module: "После модуля",
  skSv_reaction_end: "В конце программы",
  skSv_self_before: "Самооценка до",
  skSv_self_after: "Самооценка после",
  skSurveyLead: "Один ответ на каждое утверждение; ответы можно изменить позже.",
  skSurveyAnswered: "Вы уже ответили: измените любой ответ и отправьте снова.",
  skErrRate: "Выберите ответ: {q}",
  skSendSurvey: "Отправить ответы",
  skSurveySaved: "Спасибо: ответы сохранены ({n}).",
  skMyPairs: "Наставничество",
  skYourMentor: "Ваш наставник: {name}",
  skYourMentee: "Ваш подопечный: {name}",
  skPairNow: "Статус пары: {status}.",
  skMeetings: "Встречи",
  skMeetingLine: "{at}, {minutes} мин.",
  skMeetingAt: "Дата встречи",
  skMeetingNotes: "Заметки (необязательно)",
  skAddMeeting: "Записать встречу",
  skMeetingSaved: "Встреча записана.",
  skErrMeetingAt: "Укажите дату встречи в виде ГГГГ-ММ-ДД",
  skGoals: "Цели",
  skNewGoal: "Новая цель",
  skAddGoal: "Добавить цель",
  skGoalSaved: "Цель добавлена.",
  skErrGoal: "Введите цель",
  skGoalStatusOf: "Статус цели: {goal}",
  skGoalNow: "Статус цели: {status}.",
  skGoal_open: "в работе",
  skGoal_met: "достигнута",
  skGoal_dropped: "снята",
};

export default m;
