// Spanish (es), part 17 of the web catalogue: skills programmes, the knowledge checks on the dashboard and in the report.
// cybercap's own translation, not an official ITU text; terms follow docs/glossary/es.md.
import type { Key, Msg } from '../index';

const m: Partial<Record<Key, Msg>> = {
  skKnowledge: "Pruebas de conocimientos",
  skKnowledgeLead: "Puntuaciones de 0 a 100 de las pruebas de conocimientos de la plataforma de aprendizaje, importadas con su exportación de finalización. Solo cuentan los participantes que dieron su consentimiento para la evaluación (N); una puntuación igual o superior a la nota de aprobado aprueba.",
  skKnowledgeNone: "Este programa no tiene pruebas de conocimientos definidas.",
  skCheck: "Prueba de conocimientos",
  skPassMark: "Nota de aprobado",
  skMeanScore: "Puntuación media",
  skSharePassed: "Proporción de aprobados",
};

export default m;
