// French (fr), part 12 of the web catalogue: skills programmes, the participant's page: surveys and mentoring pairs.
// cybercap's own translation, not an official ITU text; terms follow docs/glossary/fr.md.
import type { Key, Msg } from '../index';

const m: Partial<Record<Key, Msg>> = {
  skSurveysTitle: "Questionnaires de la cohorte {cohort}",
  skSurveyNeedsConsent: "Donnez votre consentement pour l’évaluation (ci-dessus) pour répondre aux questionnaires.",
  skSv_reaction_module: "Après un module",
  skSv_reaction_end: "À la fin du programme",
  skSv_self_before: "Auto-évaluation avant",
  skSv_self_after: "Auto-évaluation après",
  skSurveyLead: "Une réponse par affirmation ; vous pourrez modifier vos réponses plus tard.",
  skSurveyAnswered: "Vous avez répondu : modifiez une réponse et envoyez de nouveau.",
  skErrRate: "Choisissez une réponse pour : {q}",
  skSendSurvey: "Envoyer mes réponses",
  skSurveySaved: "Merci : vos réponses sont enregistrées ({n}).",
  skMyPairs: "Mentorat",
  skYourMentor: "Votre mentor : {name}",
  skYourMentee: "Votre mentoré : {name}",
  skPairNow: "Le binôme est désormais : {status}.",
  skMeetings: "Rencontres",
  skMeetingLine: "{at}, {minutes} minutes",
  skMeetingAt: "Date de la rencontre",
  skMeetingNotes: "Notes (facultatif)",
  skAddMeeting: "Enregistrer la rencontre",
  skMeetingSaved: "Rencontre enregistrée.",
  skErrMeetingAt: "Indiquez la date de la rencontre, au format AAAA-MM-JJ",
  skGoals: "Objectifs",
  skNewGoal: "Un nouvel objectif",
  skAddGoal: "Ajouter l’objectif",
  skGoalSaved: "Objectif ajouté.",
  skErrGoal: "Indiquez l’objectif",
  skGoalStatusOf: "État de l’objectif : {goal}",
  skGoalNow: "Objectif marqué : {status}.",
  skGoal_open: "en cours",
  skGoal_met: "atteint",
  skGoal_dropped: "abandonné",
};

export default m;
