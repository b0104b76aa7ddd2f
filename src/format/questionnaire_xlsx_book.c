/*
 * questionnaire_xlsx_book.c - the questionnaire workbook's Instructions
 * and hidden meta sheets and its formats (see questionnaire_xlsx_wctx.h;
 * the pillars' sheets are questionnaire_xlsx_write.c's). The Instructions
 * are in the workbook's language (xlsx_words.h); meta keeps its codes.
 */
#include "questionnaire_xlsx_wctx.h"

#include <stdio.h>
#include <string.h>

/* Keeps the first libxlsxwriter error; returns true when writing goes on. */
bool cc__xw_ok(struct wctx *w, lxw_error e, const char *what)
{
	if (w->rc || e == LXW_NO_ERROR)
		return w->rc == 0;
	w->rc = e == LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED ? CC_ELIMIT : CC_EIO;
	cc_error_set(w->err, w->rc, NULL, 0, 0, "%s: %s", what, lxw_strerror(e));
	return false;
}

void cc__xw_protect(lxw_worksheet *ws)
{
	lxw_protection p = {0};

	p.format_columns = 1;          /* set = allowed: widths and heights */
	p.format_rows = 1;
	worksheet_protect(ws, NULL, &p);
}

/* ---- Instructions and meta --------------------------------------------- */

static void put(struct wctx *w, lxw_worksheet *ws, int row, int col,
		const char *text, lxw_format *f)
{
	cc__xw_ok(w, worksheet_write_string(ws, (lxw_row_t)row, (lxw_col_t)col, text, f),
	   "Instructions");
}

void cc__xw_instructions(struct wctx *w, lxw_worksheet *ws,
			       const char *campaign, const char *unit_id)
{
	static const enum cc_xw how[] = {XW_I_STEP1, XW_I_STEP2, XW_I_STEP3, XW_I_STEP4,
					 XW_I_STEP5};
	static const enum cc_xw allowed[][2] = {
		{XW_T_YES_NO, XW_I_YES_NO}, {XW_T_CHOICE, XW_I_CHOICE}, {XW_T_MULTI, XW_I_MULTI},
		{XW_T_NUMBER, XW_I_NUMBER}, {XW_T_TEXT, XW_I_TEXT}, {XW_H_URL, XW_I_URL},
	};
	const struct cc_framework *fw = w->fw;
	const char *const facts[][2] = {
		{W(XW_I_CAMPAIGN), campaign}, {W(XW_I_UNIT), unit_id}, {W(XW_I_FRAMEWORK), fw->id},
		{W(XW_I_VERSION), fw->version ? fw->version : ""},
	};
	int r = 2;

	worksheet_set_column(ws, 0, 0, 22, NULL);
	worksheet_set_column(ws, 1, 1, 100, w->f_text);
	put(w, ws, 0, 0, ftr(w, CC_TR_TITLE, 0, 0, fw->title), w->f_title);
	put(w, ws, 1, 0, W(XW_I_LEAD), NULL);
	for (size_t i = 0; i < sizeof(facts) / sizeof(*facts); i++, r++) {
		put(w, ws, r, 0, facts[i][0], w->f_bold);
		put(w, ws, r, 1, facts[i][1], w->f_text);
	}
	put(w, ws, ++r, 0, W(XW_I_HOW), w->f_bold);
	for (size_t i = 0; i < sizeof(how) / sizeof(*how); i++) {
		cc__xw_ok(w, worksheet_write_number(ws, (lxw_row_t)++r, 0, (double)(i + 1), NULL),
		   "Instructions");
		put(w, ws, r, 1, W(how[i]), w->f_text);
	}
	r += 2;
	put(w, ws, r, 0, W(XW_I_ALLOWED), w->f_bold);
	for (size_t i = 0; i < sizeof(allowed) / sizeof(*allowed); i++) {
		put(w, ws, ++r, 0, W(allowed[i][0]), NULL);
		put(w, ws, r, 1, W(allowed[i][1]), w->f_text);
	}
	cc__xw_protect(ws);
	worksheet_activate(ws);
}

void cc__xw_meta(struct wctx *w, const char *campaign, const char *unit_id)
{
	const char *const kv[][2] = {
		{"format", CC_XLSX_FORMAT},
		{"framework", w->fw->id},
		{"framework version", w->fw->version ? w->fw->version : ""},
		{"campaign", campaign},
		{"unit", unit_id},
	};

	for (size_t i = 0; i < sizeof(kv) / sizeof(*kv); i++) {
		cc__xw_ok(w, worksheet_write_string(w->meta, (lxw_row_t)i, 0, kv[i][0], NULL), "meta");
		cc__xw_ok(w, worksheet_write_string(w->meta, (lxw_row_t)i, 1, kv[i][1], NULL), "meta");
	}
	worksheet_set_column(w->meta, 0, 1, 24, NULL);
	worksheet_hide(w->meta);
	cc__xw_protect(w->meta);
}

void cc__xw_formats(struct wctx *w)
{
	lxw_workbook *wb = w->wb;

	w->f_text = workbook_add_format(wb);
	format_set_text_wrap(w->f_text);
	format_set_align(w->f_text, LXW_ALIGN_VERTICAL_TOP);
	w->f_id = workbook_add_format(wb);
	format_set_align(w->f_id, LXW_ALIGN_VERTICAL_TOP);
	format_set_num_format(w->f_id, "@");
	w->f_head = workbook_add_format(wb);
	format_set_bold(w->f_head);
	format_set_bg_color(w->f_head, 0xD9E1F2);
	format_set_bottom(w->f_head, LXW_BORDER_THIN);
	for (int i = 0; i < SECTION_INDENTS; i++) {
		w->f_section[i] = workbook_add_format(wb);
		format_set_bold(w->f_section[i]);
		format_set_bg_color(w->f_section[i], 0xEDEDED);
		format_set_indent(w->f_section[i], (uint8_t)i);
	}
	/* Answers are text, so that Excel keeps "1.10" or "01" as typed. */
	w->f_input = workbook_add_format(wb);
	format_set_unlocked(w->f_input);
	format_set_text_wrap(w->f_input);
	format_set_align(w->f_input, LXW_ALIGN_VERTICAL_TOP);
	format_set_bg_color(w->f_input, 0xFFF2CC);
	format_set_border(w->f_input, LXW_BORDER_THIN);
	format_set_border_color(w->f_input, 0xBFBFBF);
	format_set_num_format(w->f_input, "@");
	w->f_input_num = workbook_add_format(wb);
	format_set_unlocked(w->f_input_num);
	format_set_align(w->f_input_num, LXW_ALIGN_VERTICAL_TOP);
	format_set_bg_color(w->f_input_num, 0xFFF2CC);
	format_set_border(w->f_input_num, LXW_BORDER_THIN);
	format_set_border_color(w->f_input_num, 0xBFBFBF);
	w->f_title = workbook_add_format(wb);
	format_set_bold(w->f_title);
	format_set_font_size(w->f_title, 14);
	w->f_bold = workbook_add_format(wb);
	format_set_bold(w->f_bold);
	format_set_align(w->f_bold, LXW_ALIGN_VERTICAL_TOP);
}

