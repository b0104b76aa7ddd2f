/*
 * questionnaire_xlsx_wctx.h - what the questionnaire writer's two files
 * share (questionnaire_xlsx_write.c: the pillars' sheets;
 * questionnaire_xlsx_book.c: the Instructions and meta sheets and the
 * formats): the writing context and its helpers. Not for other files.
 */
#ifndef CC_QUESTIONNAIRE_XLSX_WCTX_H
#define CC_QUESTIONNAIRE_XLSX_WCTX_H

#include "questionnaire_xlsx.h"
#include "xlsx_words.h"
#include "../core/framework_i18n.h"

#include <stdbool.h>
#include <xlsxwriter.h>

#define SHEET_NAME_CHARS 31
#define SHEET_NAME_BYTES (SHEET_NAME_CHARS * 4 + 1)
#define SECTION_INDENTS 4

struct pillar {
	int node;                      /* -1: the root's own questions */
	char name[SHEET_NAME_BYTES];
	lxw_worksheet *ws;
};

struct wctx {
	const struct cc_framework *fw;
	const struct cc_answers *a;
	int unit;
	lxw_workbook *wb;
	lxw_worksheet *meta;
	bool *has_q;                   /* per node: a question at or below */
	struct pillar *pillars;
	int npillars;
	lxw_format *f_head, *f_text, *f_id, *f_input, *f_input_num, *f_title,
		   *f_bold;
	lxw_format *f_section[SECTION_INDENTS];   /* by depth */
	int rc;
	struct cc_error *err;
	int xl;                        /* the workbook's words (xlsx_words.h) */
	int fl;                        /* the framework's translation, -1: its own */
};

#define W(id) cc_xlsx_word(w->xl, (id))

/* A text of the framework in the workbook's language (its own where the
 * translation lacks it). */
static inline const char *ftr(const struct wctx *w, int kind, int index, int sub, const char *own)
{
	const char *t = cc_fw_text(w->fw, w->fl, kind, index, sub);

	return t ? t : own;
}

/* Keeps the first libxlsxwriter error; returns true when writing goes on. */
bool cc__xw_ok(struct wctx *w, lxw_error e, const char *what);
/* Protects a sheet without a password (widths and heights stay free). */
void cc__xw_protect(lxw_worksheet *ws);
/* The formats every sheet uses. */
void cc__xw_formats(struct wctx *w);
/* The Instructions sheet (in the workbook's language) and the hidden meta. */
void cc__xw_instructions(struct wctx *w, lxw_worksheet *ws, const char *campaign,
			 const char *unit_id);
void cc__xw_meta(struct wctx *w, const char *campaign, const char *unit_id);

#endif
