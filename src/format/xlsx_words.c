/*
 * xlsx_words.c - the questionnaire workbook's own words in six languages
 * (see xlsx_words.h). The Instructions name the column heads in the same
 * words as the heads; codes (id, yes, no, partial, option ids) are the
 * same in every language.
 */
#include "xlsx_words.h"

#include "../core/lang.h"

#include <string.h>
#include <strings.h>

static const char *const tags[CC_XLSX_LANGS] = {"en", "fr", "es", "ru", "zh", "ar"};

static const char *const words[CC_XLSX_LANGS][XW_COUNT] = {
	{ /* en */
		"question", "guidance", "type", "allowed answers", "answer", "comment",
		"evidence", "evidence URL",
		"Instructions", "History", "General",
		"yes/no", "one choice", "several choices", "number", "text", "rating",
		"one level of the scale \"%s\":",
		"yes | no", "yes | no | partial", "a number", "any text",
		"one or more, joined by |:", "one of:",
		"Not an allowed answer",
		"Pick one of the answers in the list (column \"allowed answers\").",
		"optional", "required",
		"Questionnaire: fill it in offline, then upload it.", "How to fill it in",
		"Allowed answers", "Campaign", "Unit", "Framework", "Framework version",
		"Each sheet after this one holds the questions of one pillar. Type each answer in "
		"the yellow cells of column \"answer\"; leave the cell empty for a question you do "
		"not answer.",
		"Write the answer as column \"allowed answers\" shows it: for a list, the option's "
		"id (the part before \"=\"), or pick it from the drop-down.",
		"\"comment\" takes any text. Where \"evidence\" says required or optional, put the "
		"address of the evidence (http:// or https://) in \"evidence URL\".",
		"Do not rename or delete the sheets, the header rows or the ids in column \"id\": "
		"the sheets are protected, without a password, to keep them intact.",
		"Save the file as an Excel workbook (.xlsx) and upload it. Every mistake is listed "
		"with its sheet, row and column, and nothing is saved until the whole file is "
		"correct.",
		"yes or no (partial where the question lists it)", "one option id, e.g. basic",
		"option ids joined by |, e.g. awareness|training",
		"a number, with a dot for decimals, e.g. 12 or 0.5", "any text",
		"an address starting with http:// or https://",
	},
	{ /* fr */
		"question", "aide", "type", "réponses admises", "réponse", "commentaire",
		"justificatif", "URL du justificatif",
		"Instructions", "Historique", "Général",
		"oui/non", "un choix", "plusieurs choix", "nombre", "texte", "cotation",
		"un niveau de l’échelle « %s » :",
		"yes (oui) | no (non)", "yes (oui) | no (non) | partial (partiel)", "un nombre",
		"tout texte", "un ou plusieurs, séparés par | :", "l’un de :",
		"Réponse non admise",
		"Choisissez l’une des réponses de la liste (colonne « réponses admises »).",
		"facultatif", "obligatoire",
		"Questionnaire : remplissez-le hors ligne, puis téléversez-le.",
		"Comment le remplir", "Réponses admises", "Campagne", "Unité", "Référentiel",
		"Version du référentiel",
		"Chaque feuille après celle-ci contient les questions d’un pilier. Saisissez chaque "
		"réponse dans les cellules jaunes de la colonne « réponse » ; laissez la cellule vide "
		"pour une question à laquelle vous ne répondez pas.",
		"Écrivez la réponse comme l’indique la colonne « réponses admises » : pour une liste, "
		"l’identifiant de l’option (la partie avant « = »), ou choisissez-la dans la liste "
		"déroulante. Les réponses oui/non s’écrivent yes, no ou partial.",
		"« commentaire » accepte tout texte. Lorsque « justificatif » indique obligatoire ou "
		"facultatif, indiquez l’adresse du justificatif (http:// ou https://) dans « URL du "
		"justificatif ».",
		"Ne renommez ni ne supprimez les feuilles, les lignes d’en-tête ou les identifiants de "
		"la colonne « id » : les feuilles sont protégées, sans mot de passe, pour les garder "
		"intactes.",
		"Enregistrez le fichier comme classeur Excel (.xlsx) et téléversez-le. Chaque erreur "
		"est signalée avec sa feuille, sa ligne et sa colonne, et rien n’est enregistré tant "
		"que le fichier entier n’est pas correct.",
		"yes ou no (partial lorsque la question le prévoit)",
		"un identifiant d’option, par ex. basic",
		"des identifiants d’option séparés par |, par ex. awareness|training",
		"un nombre, avec un point pour les décimales, par ex. 12 ou 0.5", "tout texte",
		"une adresse commençant par http:// ou https://",
	},
	{ /* es */
		"pregunta", "orientación", "tipo", "respuestas admitidas", "respuesta",
		"comentario", "evidencia", "URL de la evidencia",
		"Instrucciones", "Historial", "General",
		"sí/no", "una opción", "varias opciones", "número", "texto", "calificación",
		"un nivel de la escala «%s»:",
		"yes (sí) | no (no)", "yes (sí) | no (no) | partial (parcial)", "un número",
		"cualquier texto", "una o más, separadas por |:", "una de:",
		"Respuesta no admitida",
		"Elija una de las respuestas de la lista (columna «respuestas admitidas»).",
		"opcional", "obligatoria",
		"Cuestionario: rellénelo sin conexión y luego súbalo.", "Cómo rellenarlo",
		"Respuestas admitidas", "Campaña", "Unidad", "Marco", "Versión del marco",
		"Cada hoja después de esta contiene las preguntas de un pilar. Escriba cada respuesta "
		"en las celdas amarillas de la columna «respuesta»; deje la celda vacía si no "
		"responde a una pregunta.",
		"Escriba la respuesta como la muestra la columna «respuestas admitidas»: para una "
		"lista, el identificador de la opción (la parte antes de «=»), o elíjala en la lista "
		"desplegable. Las respuestas sí/no se escriben yes, no o partial.",
		"«comentario» admite cualquier texto. Cuando «evidencia» indique obligatoria u "
		"opcional, ponga la dirección de la evidencia (http:// o https://) en «URL de la "
		"evidencia».",
		"No cambie el nombre ni borre las hojas, las filas de encabezado ni los "
		"identificadores de la columna «id»: las hojas están protegidas, sin contraseña, "
		"para que no se alteren.",
		"Guarde el archivo como libro de Excel (.xlsx) y súbalo. Cada error se indica con su "
		"hoja, fila y columna, y no se guarda nada hasta que todo el archivo sea correcto.",
		"yes o no (partial cuando la pregunta lo prevé)",
		"un identificador de opción, p. ej. basic",
		"identificadores de opción separados por |, p. ej. awareness|training",
		"un número, con punto para los decimales, p. ej. 12 o 0.5", "cualquier texto",
		"una dirección que empiece por http:// o https://",
	},
	{ /* ru */
		"вопрос", "пояснение", "тип", "допустимые ответы", "ответ", "комментарий",
		"подтверждение", "URL подтверждения",
		"Инструкции", "История", "Общие",
		"да/нет", "один вариант", "несколько вариантов", "число", "текст", "оценка",
		"один уровень шкалы «%s»:",
		"yes (да) | no (нет)", "yes (да) | no (нет) | partial (частично)", "число",
		"любой текст", "один или несколько, через |:", "один из:",
		"Недопустимый ответ",
		"Выберите один из ответов списка (столбец «допустимые ответы»).",
		"необязательно", "обязательно",
		"Анкета: заполните ее без подключения к сети, затем загрузите.",
		"Как заполнить", "Допустимые ответы", "Кампания", "Объект оценки", "Методика",
		"Версия методики",
		"Каждый лист после этого содержит вопросы одного направления. Впишите каждый ответ "
		"в желтые ячейки столбца «ответ»; оставьте ячейку пустой, если не отвечаете на "
		"вопрос.",
		"Пишите ответ так, как показывает столбец «допустимые ответы»: для списка — "
		"идентификатор варианта (часть до «=»), или выберите его в раскрывающемся списке. "
		"Ответы да/нет пишутся как yes, no или partial.",
		"В «комментарий» можно вписать любой текст. Где «подтверждение» отмечено как "
		"обязательное или необязательное, укажите адрес подтверждения (http:// или https://) "
		"в «URL подтверждения».",
		"Не переименовывайте и не удаляйте листы, строки заголовков и идентификаторы в "
		"столбце «id»: листы защищены без пароля, чтобы сохранить их без изменений.",
		"Сохраните файл как книгу Excel (.xlsx) и загрузите его. Каждая ошибка указывается с "
		"листом, строкой и столбцом, и ничего не сохраняется, пока весь файл не будет "
		"верным.",
		"yes или no (partial, если вопрос это предусматривает)",
		"идентификатор варианта, например basic",
		"идентификаторы вариантов через |, например awareness|training",
		"число с точкой для десятичных знаков, например 12 или 0.5", "любой текст",
		"адрес, начинающийся с http:// или https://",
	},
	{ /* zh */
		"问题", "说明", "类型", "允许的答案", "答案", "评论", "证据", "证据网址",
		"填写说明", "历史记录", "通用",
		"是/否", "单选", "多选", "数字", "文本", "评级",
		"量表“%s”的一个级别：",
		"yes（是）| no（否）", "yes（是）| no（否）| partial（部分）", "一个数字",
		"任意文本", "一个或多个，用 | 连接：", "以下之一：",
		"不是允许的答案",
		"请从列表中选择一个答案（见“允许的答案”列）。",
		"可选", "必填",
		"问卷：离线填写后上传。", "如何填写", "允许的答案", "评估活动", "评估对象", "框架",
		"框架版本",
		"本表之后的每张工作表包含一个支柱的问题。请在“答案”列的黄色单元格中填写每个答案；"
		"不回答的问题请留空。",
		"请按“允许的答案”列所示填写答案：列表题填写选项的标识（“=”之前的部分），或从下拉列表中选择。"
		"是/否题填写 yes、no 或 partial。",
		"“评论”可填写任意文本。“证据”标为必填或可选时，请在“证据网址”中填写证据的地址"
		"（http:// 或 https://）。",
		"请勿重命名或删除工作表、标题行或“id”列中的标识：工作表已加保护（无密码），以保持完整。",
		"请将文件保存为 Excel 工作簿（.xlsx）后上传。每个错误都会标明其工作表、行和列；"
		"在整个文件正确之前不会保存任何内容。",
		"yes 或 no（问题列出时可填 partial）", "一个选项标识，例如 basic",
		"用 | 连接的选项标识，例如 awareness|training",
		"一个数字，小数用点表示，例如 12 或 0.5", "任意文本",
		"以 http:// 或 https:// 开头的地址",
	},
	{ /* ar */
		"السؤال", "إرشادات", "النوع", "الإجابات المسموح بها", "الإجابة", "تعليق",
		"الدليل", "رابط الدليل",
		"تعليمات", "السجل", "عام",
		"نعم/لا", "اختيار واحد", "اختيارات متعددة", "رقم", "نص", "تقدير",
		"مستوى واحد من السلّم «%s»:",
		"yes (نعم) | no (لا)", "yes (نعم) | no (لا) | partial (جزئيًا)", "رقم",
		"أي نص", "واحد أو أكثر، مفصولة بـ |:", "أحد ما يلي:",
		"إجابة غير مسموح بها",
		"اختر إحدى الإجابات من القائمة (عمود «الإجابات المسموح بها»).",
		"اختياري", "مطلوب",
		"الاستبيان: املأه دون اتصال ثم ارفعه.", "طريقة التعبئة", "الإجابات المسموح بها",
		"الحملة", "الوحدة", "الإطار", "إصدار الإطار",
		"تضم كل ورقة بعد هذه الورقة أسئلة ركيزة واحدة. اكتب كل إجابة في الخلايا الصفراء في "
		"عمود «الإجابة»، واترك الخلية فارغة للسؤال الذي لا تجيب عنه.",
		"اكتب الإجابة كما يبينها عمود «الإجابات المسموح بها»: في القائمة، معرّف الخيار (الجزء "
		"الذي يسبق «=»)، أو اختره من القائمة المنسدلة. تُكتب إجابات نعم/لا بـ yes أو no أو "
		"partial.",
		"يقبل «تعليق» أي نص. وحيث يشير «الدليل» إلى أنه مطلوب أو اختياري، ضع عنوان الدليل "
		"(http:// أو https://) في «رابط الدليل».",
		"لا تغيّر أسماء الأوراق ولا تحذفها، ولا صفوف العناوين ولا المعرّفات في عمود «id»: "
		"الأوراق محمية، دون كلمة مرور، لإبقائها سليمة.",
		"احفظ الملف بصيغة مصنف Excel (.xlsx) ثم ارفعه. يُذكر كل خطأ مع ورقته وصفه وعموده، ولا "
		"يُحفظ شيء حتى يصبح الملف كله صحيحًا.",
		"yes أو no (أو partial حيث يذكرها السؤال)", "معرّف خيار واحد، مثل basic",
		"معرّفات خيارات مفصولة بـ |، مثل awareness|training",
		"رقم، بنقطة للكسور العشرية، مثل 12 أو 0.5", "أي نص",
		"عنوان يبدأ بـ http:// أو https://",
	},
};

int cc_xlsx_lang(const char *tag)
{
	int l = cc_lang_match(tag, tags, CC_XLSX_LANGS);

	return l < 0 ? 0 : l;
}

const char *cc_xlsx_lang_tag(int l)
{
	return l >= 0 && l < CC_XLSX_LANGS ? tags[l] : tags[0];
}

const char *cc_xlsx_word(int l, enum cc_xw w)
{
	return words[l >= 0 && l < CC_XLSX_LANGS ? l : 0][w];
}

bool cc_xlsx_is_word(const char *s, size_t len, enum cc_xw w)
{
	for (int l = 0; l < CC_XLSX_LANGS; l++) {
		const char *x = words[l][w];
		if (strlen(x) == len && strncasecmp(s, x, len) == 0)
			return true;
	}
	return false;
}
