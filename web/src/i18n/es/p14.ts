// Spanish (es), part 14 of the web catalogue: skills programmes, the survey workbook, the self-assessment and a trainer's cohorts in My work.
// cybercap's own translation, not an official ITU text; terms follow docs/glossary/es.md.
import type { Key, Msg } from '../index';

const m: Partial<Record<Key, Msg>> = {
  skWorkTrainer: "Cohorte {cohort}: sesiones, asistencia y progreso (formador)",
  skWorkbookTitle: "O responda sin conexión, en el libro de Excel",
  skWorkbookLead: "Descargue el libro (un archivo de Excel con las afirmaciones de la encuesta y las respuestas que ya dio), complete la columna de respuestas y súbalo aquí. Se comprueba cada respuesta; no se guarda nada salvo que todas sean válidas.",
  skWorkbookDownload: "Descargar el libro (XLSX)",
  skWorkbookFile: "El libro completado",
  skWorkbookSend: "Subir mis respuestas",
  skErrWorkbook: "Elija el libro completado que desea subir",
  skWorkbookRefused: "Problemas en el libro: {n}. No se guardó nada.",
  skSelfTitle: "Autoevaluación por competencia, cohorte {cohort}",
  skSelfLead: "Valórese en cada competencia de su itinerario, una vez antes del programa y otra después. Solo se cuentan en el cambio las personas que dan ambas, y nunca por su nombre.",
  skSelfHint: "De 1 (principiante) a 5 (experto).",
  skSendSelf: "Enviar mi autoevaluación",
  skLevel1: "1 principiante",
  skLevel2: "2",
  skLevel3: "3",
  skLevel4: "4",
  skLevel5: "5 experto",
};

export default m;
