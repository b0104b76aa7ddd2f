/*
 * workshop_xlsx.c - a workshop's annex as an Excel workbook (the layout
 * is in workshop_xlsx.h), written with libxlsxwriter. The first error is
 * kept and stops the writing; the workbook is closed whatever happens.
 */
#include "workshop_xlsx.h"

#include <stdio.h>
#include <xlsxwriter.h>

enum { C_NAME, C_ORG, C_GROUP, C_QID, C_QTEXT, C_ANSWER, C_LABEL, C_COMMENT, C_AT,
       C_BY, C_REMOVED, C_CONSENSUS, C_CONSENSUS_LABEL, C_CONSENSUS_NOTE, C_COUNT };

static const struct {
	const char *name;
	double width;
} columns[C_COUNT] = {
	{"respondent", 24}, {"organisation", 24}, {"group", 18}, {"question id", 18},
	{"question", 50}, {"answer", 14}, {"answer label", 24}, {"comment", 40},
	{"time", 20}, {"by", 24}, {"removed", 9}, {"consensus", 14},
	{"consensus label", 24}, {"consensus note", 40},
};

struct wctx {
	lxw_worksheet *ws;
	lxw_format *wrap;
	lxw_error e;
};

static void put(struct wctx *w, int row, int col, const char *text)
{
	if (w->e == LXW_NO_ERROR && text && *text)
		w->e = worksheet_write_string(w->ws, (lxw_row_t)row, (lxw_col_t)col, text, w->wrap);
}

static void responses(struct wctx *w, lxw_format *head, const struct cc_annex_row *rows, int n)
{
	for (int c = 0; c < C_COUNT && w->e == LXW_NO_ERROR; c++) {
		w->e = worksheet_write_string(w->ws, 0, (lxw_col_t)c, columns[c].name, head);
		if (w->e == LXW_NO_ERROR)
			w->e = worksheet_set_column(w->ws, (lxw_col_t)c, (lxw_col_t)c,
						    columns[c].width, NULL);
	}
	if (w->e == LXW_NO_ERROR)
		worksheet_freeze_panes(w->ws, 1, 0);
	for (int i = 0; i < n && w->e == LXW_NO_ERROR; i++) {
		const struct cc_annex_row *r = &rows[i];
		int row = i + 1;

		put(w, row, C_NAME, r->name);
		put(w, row, C_ORG, r->organisation);
		put(w, row, C_GROUP, r->group);
		put(w, row, C_QID, r->question);
		put(w, row, C_QTEXT, r->question_text);
		put(w, row, C_ANSWER, r->answer);
		put(w, row, C_LABEL, r->label);
		put(w, row, C_COMMENT, r->comment);
		put(w, row, C_AT, r->at);
		put(w, row, C_BY, r->by);
		put(w, row, C_REMOVED, r->removed ? "yes" : "");
		put(w, row, C_CONSENSUS, r->consensus);
		put(w, row, C_CONSENSUS_LABEL, r->consensus_label);
		put(w, row, C_CONSENSUS_NOTE, r->consensus_note);
	}
	if (w->e == LXW_NO_ERROR && n > 0)
		w->e = worksheet_autofilter(w->ws, 0, 0, (lxw_row_t)n, C_COUNT - 1);
}

static void about(struct wctx *w, const char *campaign, const char *unit, int nrespondents, int n)
{
	char count[64], answers[64];
	const char *rows[][2] = {
		{"campaign", campaign}, {"unit", unit}, {"respondents", count}, {"answers", answers},
		{"what this is", "Each respondent's answer to each question they answered in the "
		 "workshop, and the consensus recorded as the assessment's answer. For the "
		 "assessment team only: individual answers are never published."},
	};

	snprintf(count, sizeof(count), "%d", nrespondents);
	snprintf(answers, sizeof(answers), "%d", n);
	if (w->e == LXW_NO_ERROR)
		w->e = worksheet_set_column(w->ws, 0, 0, 16, NULL);
	if (w->e == LXW_NO_ERROR)
		w->e = worksheet_set_column(w->ws, 1, 1, 80, NULL);
	for (int i = 0; i < (int)(sizeof(rows) / sizeof(rows[0])); i++) {
		put(w, i, 0, rows[i][0]);
		put(w, i, 1, rows[i][1]);
	}
}

int cc_workshop_xlsx_write(const char *path, const char *campaign, const char *unit,
			   int nrespondents, const struct cc_annex_row *rows, int n,
			   struct cc_error *err)
{
	lxw_workbook *wb = workbook_new(path);
	struct wctx w = {0};
	lxw_format *head;
	lxw_error closed;

	if (!wb)
		return cc_error_set(err, CC_EIO, path, 0, 0, "cannot create the workbook");
	head = workbook_add_format(wb);
	w.wrap = workbook_add_format(wb);
	w.ws = workbook_add_worksheet(wb, "Responses");
	if (!head || !w.wrap || !w.ws) {
		w.e = LXW_ERROR_MEMORY_MALLOC_FAILED;
	} else {
		format_set_bold(head);
		format_set_text_wrap(w.wrap);
		format_set_align(w.wrap, LXW_ALIGN_VERTICAL_TOP);
		responses(&w, head, rows, n);
	}
	if (w.e == LXW_NO_ERROR) {
		w.ws = workbook_add_worksheet(wb, "About");
		w.e = w.ws ? LXW_NO_ERROR : LXW_ERROR_MEMORY_MALLOC_FAILED;
		about(&w, campaign, unit, nrespondents, n);
	}
	closed = workbook_close(wb);
	if (w.e == LXW_NO_ERROR)
		w.e = closed;
	if (w.e != LXW_NO_ERROR)
		return cc_error_set(err, w.e == LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED ? CC_ELIMIT : CC_EIO,
				    NULL, 0, 0, "the annex workbook: %s", lxw_strerror(w.e));
	return CC_OK;
}
