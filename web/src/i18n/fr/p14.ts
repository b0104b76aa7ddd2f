// French (fr), part 14 of the web catalogue: skills programmes, the survey workbook, the self-assessment and a trainer's cohorts in My work.
// cybercap's own translation, not an official ITU text; terms follow docs/glossary/fr.md.
import type { Key, Msg } from '../index';

const m: Partial<Record<Key, Msg>> = {
  skWorkTrainer: "Cohorte {cohort} : sessions, présences et progression (formateur)",
  skWorkbookTitle: "Ou répondez hors ligne, dans le classeur",
  skWorkbookLead: "Téléchargez le classeur (un fichier Excel avec les affirmations du questionnaire et les réponses déjà données), remplissez la colonne des réponses et déposez-le ici. Chaque réponse est vérifiée ; rien n’est enregistré si une seule est invalide.",
  skWorkbookDownload: "Télécharger le classeur (XLSX)",
  skWorkbookFile: "Le classeur rempli",
  skWorkbookSend: "Déposer mes réponses",
  skErrWorkbook: "Choisissez le classeur rempli à déposer",
  skWorkbookRefused: "Problèmes dans le classeur : {n}. Rien n’a été enregistré.",
  skSelfTitle: "Auto-évaluation par compétence, cohorte {cohort}",
  skSelfLead: "Évaluez-vous sur chaque compétence de votre parcours, une fois avant le programme et une fois après. Seules les personnes qui donnent les deux sont comptées dans l’évolution, et jamais nommément.",
  skSelfHint: "De 1 (débutant) à 5 (expert).",
  skSendSelf: "Envoyer mon auto-évaluation",
  skLevel1: "1 débutant",
  skLevel2: "2",
  skLevel3: "3",
  skLevel4: "4",
  skLevel5: "5 expert",
};

export default m;
