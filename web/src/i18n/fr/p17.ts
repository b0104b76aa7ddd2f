// French (fr), part 17 of the web catalogue: skills programmes, the knowledge checks on the dashboard and in the report.
// cybercap's own translation, not an official ITU text; terms follow docs/glossary/fr.md.
import type { Key, Msg } from '../index';

const m: Partial<Record<Key, Msg>> = {
  skKnowledge: "Contrôles des connaissances",
  skKnowledgeLead: "Notes de 0 à 100 des contrôles des connaissances de la plateforme d’apprentissage, importées avec son export des achèvements. Seuls les participants ayant consenti à l’évaluation sont comptés (N) ; une note égale ou supérieure au seuil de réussite est une réussite.",
  skKnowledgeNone: "Aucun contrôle des connaissances n’est défini pour ce programme.",
  skCheck: "Contrôle des connaissances",
  skPassMark: "Seuil de réussite",
  skMeanScore: "Note moyenne",
  skSharePassed: "Part de réussite",
};

export default m;
