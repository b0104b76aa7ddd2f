// Spanish (es), part 12 of the web catalogue: skills programmes, the participant's page: surveys and mentoring pairs.
// cybercap's own translation, not an official ITU text; terms follow docs/glossary/es.md.
import type { Key, Msg } from '../index';

const m: Partial<Record<Key, Msg>> = {
  skSurveysTitle: "Encuestas de la cohorte {cohort}",
  skSurveyNeedsConsent: "Dé su consentimiento para la evaluación (arriba) para responder las encuestas.",
  skSv_reaction_module: "Después de un módulo",
  skSv_reaction_end: "Al final del programa",
  skSv_self_before: "Autoevaluación previa",
  skSv_self_after: "Autoevaluación posterior",
  skSurveyLead: "Una respuesta por afirmación; podrá cambiar sus respuestas más tarde.",
  skSurveyAnswered: "Ya respondió: cambie cualquier respuesta y envíe de nuevo.",
  skErrRate: "Elija una respuesta para: {q}",
  skSendSurvey: "Enviar mis respuestas",
  skSurveySaved: "Gracias: sus respuestas están guardadas ({n}).",
  skMyPairs: "Mentoría",
  skYourMentor: "Su mentor: {name}",
  skYourMentee: "Su persona mentorizada: {name}",
  skPairNow: "La pareja está ahora: {status}.",
  skMeetings: "Reuniones",
  skMeetingLine: "{at}, {minutes} minutos",
  skMeetingAt: "Fecha de la reunión",
  skMeetingNotes: "Notas (opcional)",
  skAddMeeting: "Registrar la reunión",
  skMeetingSaved: "Reunión registrada.",
  skErrMeetingAt: "Indique la fecha de la reunión, como AAAA-MM-DD",
  skGoals: "Objetivos",
  skNewGoal: "Un objetivo nuevo",
  skAddGoal: "Añadir el objetivo",
  skGoalSaved: "Objetivo añadido.",
  skErrGoal: "Escriba el objetivo",
  skGoalStatusOf: "Estado del objetivo: {goal}",
  skGoalNow: "Objetivo marcado como {status}.",
  skGoal_open: "abierto",
  skGoal_met: "cumplido",
  skGoal_dropped: "abandonado",
};

export default m;
