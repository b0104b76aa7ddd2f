/*
 * risk_register_write.c - a risk register's table out as CSV or as an
 * Excel workbook (see risk_register.h). Cells are written as text, so a
 * spreadsheet keeps what was typed; in CSV, a text that a spreadsheet
 * would read as a formula gets an apostrophe in front (results_out.h
 * cc_csv_write_cell), which the reader takes off again.
 */
#include "risk_register.h"

#include "results_out.h"

#include <string.h>
#include <xlsxwriter.h>

int cc_reg_write_csv(FILE *f, const struct cc_reg_out *o)
{
	int rc = CC_OK;

	for (int c = 0; !rc && c < o->ncols; c++) {
		if (c && fputc(',', f) == EOF)
			rc = CC_EIO;
		if (!rc)
			rc = cc_csv_write_cell(f, o->header[c]);
	}
	if (!rc && fputs("\r\n", f) == EOF)
		rc = CC_EIO;
	for (int r = 0; !rc && r < o->nrows; r++) {
		for (int c = 0; !rc && c < o->ncols; c++) {
			const char *s = o->cells[(size_t)r * (size_t)o->ncols + (size_t)c];
			if (c && fputc(',', f) == EOF)
				rc = CC_EIO;
			if (!rc)
				rc = cc_csv_write_cell(f, s ? s : "");
		}
		if (!rc && fputs("\r\n", f) == EOF)
			rc = CC_EIO;
	}
	return rc;
}

struct wr {
	lxw_workbook *wb;
	lxw_format *head, *text;
	int rc;
	struct cc_error *err;
};

static void check(struct wr *w, lxw_error e, const char *what)
{
	if (w->rc || e == LXW_NO_ERROR)
		return;
	w->rc = e == LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED ? CC_ELIMIT : CC_EIO;
	cc_error_set(w->err, w->rc, NULL, 0, 0, "%s: %s", what, lxw_strerror(e));
}

static void put(struct wr *w, lxw_worksheet *ws, int row, int col, const char *s,
		lxw_format *f)
{
	if (s && *s)
		check(w, worksheet_write_string(ws, (lxw_row_t)row, (lxw_col_t)col, s, f),
		      "a cell of the table");
}

static void register_sheet(struct wr *w, lxw_worksheet *ws, const struct cc_reg_out *o)
{
	for (int c = 0; c < o->ncols && !w->rc; c++) {
		put(w, ws, 0, c, o->header[c], w->head);
		worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, 18, NULL);
	}
	worksheet_freeze_panes(ws, 1, 1);
	for (int r = 0; r < o->nrows && !w->rc; r++)
		for (int c = 0; c < o->ncols && !w->rc; c++)
			put(w, ws, r + 1, c, o->cells[(size_t)r * (size_t)o->ncols + (size_t)c],
			    w->text);
}

/* The help lines, "label\tvalue" each, in two columns. */
static void help_sheet(struct wr *w, lxw_worksheet *ws, const struct cc_reg_out *o)
{
	worksheet_set_column(ws, 0, 0, 28, NULL);
	worksheet_set_column(ws, 1, 1, 80, NULL);
	for (int i = 0; i < o->nhelp && !w->rc; i++) {
		const char *tab = strchr(o->help[i], '\t');
		char label[200];
		size_t n = tab ? (size_t)(tab - o->help[i]) : strlen(o->help[i]);

		if (n >= sizeof(label))
			n = sizeof(label) - 1;
		memcpy(label, o->help[i], n);
		label[n] = '\0';
		put(w, ws, i, 0, label, tab ? w->text : w->head);
		if (tab)
			put(w, ws, i, 1, tab + 1, w->text);
	}
}

int cc_reg_write_xlsx(const char *path, const struct cc_reg_out *o, struct cc_error *err)
{
	struct wr w = {.err = err};
	lxw_worksheet *reg, *help, *meta;
	lxw_error e;

	w.wb = workbook_new(path);
	if (!w.wb)
		return cc_error_set(err, CC_EIO, path, 0, 0, "cannot create the workbook");
	w.head = workbook_add_format(w.wb);
	w.text = workbook_add_format(w.wb);
	reg = workbook_add_worksheet(w.wb, o->sheet ? o->sheet : CC_REGISTER_SHEET);
	help = workbook_add_worksheet(w.wb, o->help_sheet ? o->help_sheet : "Matrix");
	meta = workbook_add_worksheet(w.wb, "meta");
	if (!w.head || !w.text || !reg || !help || !meta) {
		w.rc = cc_error_set(err, CC_EIO, path, 0, 0, "cannot add a sheet");
	} else {
		format_set_bold(w.head);
		format_set_text_wrap(w.text);
		format_set_align(w.text, LXW_ALIGN_VERTICAL_TOP);
		register_sheet(&w, reg, o);
		help_sheet(&w, help, o);
		put(&w, meta, 0, 0, "format", NULL);
		put(&w, meta, 0, 1, o->format ? o->format : CC_REGISTER_FORMAT, NULL);
		for (int i = 0; i < o->nmeta && !w.rc; i++) {
			put(&w, meta, i + 1, 0, o->meta[2 * i], NULL);
			put(&w, meta, i + 1, 1, o->meta[2 * i + 1], NULL);
		}
		worksheet_hide(meta);
		worksheet_activate(reg);
	}
	e = workbook_close(w.wb);
	if (!w.rc && e != LXW_NO_ERROR)
		w.rc = cc_error_set(err, CC_EIO, path, 0, 0, "cannot write the workbook: %s",
				    lxw_strerror(e));
	return w.rc;
}
