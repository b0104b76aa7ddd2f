/*
 * xlsx_words.h - the words of the questionnaire workbook itself (column
 * heads, sheet names, the Instructions sheet, answer types, the drop-down's
 * message) in the six UN languages, so that a focal point gets the whole
 * workbook in their language (its framework texts come from the
 * framework's translations). The reader accepts a column head in any of
 * them, so a workbook is read back whatever language it was written in.
 * Codes stay as they are in every language: the "id" column, option ids,
 * yes, no, partial, and the hidden meta sheet. cybercap's own wording,
 * not an official text.
 */
#ifndef CC_XLSX_WORDS_H
#define CC_XLSX_WORDS_H

#include <stdbool.h>
#include <stddef.h>

enum cc_xw {
	XW_H_QUESTION, XW_H_GUIDANCE, XW_H_TYPE, XW_H_ALLOWED, XW_H_ANSWER,
	XW_H_COMMENT, XW_H_EVIDENCE, XW_H_URL,
	XW_INSTRUCTIONS, XW_HISTORY, XW_GENERAL,
	XW_T_YES_NO, XW_T_CHOICE, XW_T_MULTI, XW_T_NUMBER, XW_T_TEXT, XW_T_RATING,
	XW_A_SCALE,             /* one %s: the scale's name */
	XW_A_YES_NO, XW_A_YES_NO_PARTIAL, XW_A_NUMBER, XW_A_TEXT, XW_A_MULTI, XW_A_ONE,
	XW_V_TITLE, XW_V_MESSAGE, XW_E_OPTIONAL, XW_E_REQUIRED,
	XW_I_LEAD, XW_I_HOW, XW_I_ALLOWED, XW_I_CAMPAIGN, XW_I_UNIT, XW_I_FRAMEWORK,
	XW_I_VERSION, XW_I_STEP1, XW_I_STEP2, XW_I_STEP3, XW_I_STEP4, XW_I_STEP5,
	XW_I_YES_NO, XW_I_CHOICE, XW_I_MULTI, XW_I_NUMBER, XW_I_TEXT, XW_I_URL,
	XW_COUNT
};

#define CC_XLSX_LANGS 6

/* The index of tag's language (exact, then its primary subtag), or 0
 * (English) when the workbook has no words in it. */
int cc_xlsx_lang(const char *tag);
/* The tag of language index l ("en" for 0). */
const char *cc_xlsx_lang_tag(int l);
/* Word w in language l. */
const char *cc_xlsx_word(int l, enum cc_xw w);
/* Whether s[0..len) is word w in some language (ASCII case aside). */
bool cc_xlsx_is_word(const char *s, size_t len, enum cc_xw w);

#endif
