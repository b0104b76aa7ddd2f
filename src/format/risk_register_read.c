/*
 * risk_register_read.c - a risk register's table from an uploaded CSV or
 * workbook (see risk_register.h): the header row, then every row that has
 * a cell, each cell trimmed and kept under its header's column. What the
 * cells mean is the service's.
 *
 * A cell that starts with an apostrophe followed by one of = + - @ (what
 * the CSV writer adds so that a spreadsheet does not read a text as a
 * formula) loses the apostrophe, so that a register comes back as it
 * went out.
 */
#include "risk_register.h"

#include "csv.h"
#include "questionnaire_xlsx_sheets.h"

#include <stdlib.h>
#include <string.h>

void cc_reg_table_init(struct cc_reg_table *t)
{
	memset(t, 0, sizeof(*t));
	cc_arena_init(&t->arena);
}

void cc_reg_table_free(struct cc_reg_table *t)
{
	free(t->rows);
	cc_arena_free(&t->arena);
	memset(t, 0, sizeof(*t));
}

const char *cc_reg_table_meta(const struct cc_reg_table *t, const char *key)
{
	for (int i = 0; i < t->nmeta; i++)
		if (strcmp(t->meta[2 * i], key) == 0)
			return t->meta[2 * i + 1];
	return NULL;
}

/* s[0..*len) without the white space around it (and the formula guard). */
static const char *clean(const char *s, size_t *len)
{
	size_t n = *len;

	while (n && strchr(" \t\r\n", *s))
		s++, n--;
	while (n && strchr(" \t\r\n", s[n - 1]))
		n--;
	if (n >= 2 && s[0] == '\'' && strchr("=+-@", s[1]))
		s++, n--;
	*len = n;
	return s;
}

/* The reading in progress: the table, where errors go, and the row cap. */
struct rd {
	struct cc_reg_table *t;
	struct cc_xlsx_errors *errs;
	int cap;
	int fatal;
	int line;                 /* where the current row starts (CSV lines) */
};

static void bad(struct rd *r, int row, int col, const char *fmt, const char *arg)
{
	if (cc_xlsx_errors_add(r->errs, r->t->sheet, row, col, fmt, arg))
		r->fatal = CC_ENOMEM;
}

/* Row 1: the header names, every one given once. */
static void header(struct rd *r, const int *cols, const char *const *text, const size_t *lens,
		   int n)
{
	struct cc_reg_table *t = r->t;

	t->header = cc_arena_array(&t->arena, (size_t)n + 1, sizeof(char *));
	t->col = cc_arena_array(&t->arena, (size_t)n + 1, sizeof(int));
	if (!t->header || !t->col) {
		r->fatal = CC_ENOMEM;
		return;
	}
	for (int i = 0; i < n; i++) {
		size_t len = lens[i];
		const char *s = clean(text[i], &len);
		char *name;

		if (!len)
			continue;
		if (!(name = cc_arena_strndup(&t->arena, s, len))) {
			r->fatal = CC_ENOMEM;
			return;
		}
		for (int k = 0; k < t->ncols; k++)
			if (strcmp(t->header[k], name) == 0)
				bad(r, 1, cols[i], "the column \"%.80s\" is in the header twice", name);
		t->header[t->ncols] = name;
		t->col[t->ncols++] = cols[i];
	}
	if (!t->ncols)
		bad(r, 1, -1, "%s", "the first row is the header: the names of the columns");
}

/* A row after the header: its cells under their columns. */
static void data_row(struct rd *r, int row, const int *cols, const char *const *text,
		     const size_t *lens, int n)
{
	struct cc_reg_table *t = r->t;
	const char **cells = NULL;
	bool any = false;

	for (int i = 0; i < n && !r->fatal; i++) {
		size_t len = lens[i];
		const char *s = clean(text[i], &len);
		int k = 0;

		if (!len)
			continue;
		while (k < t->ncols && t->col[k] != cols[i])
			k++;
		if (k == t->ncols) {
			bad(r, r->line, cols[i], "%s", "this cell has no column name in the header row");
			continue;
		}
		if (!cells && !(cells = cc_arena_array(&t->arena, (size_t)t->ncols, sizeof(char *)))) {
			r->fatal = CC_ENOMEM;
			return;
		}
		if (!(cells[k] = cc_arena_strndup(&t->arena, s, len)))
			r->fatal = CC_ENOMEM;
		any = true;
	}
	if (!any || r->fatal)
		return;
	if (t->nrows == CC_REGISTER_MAX_ROWS) {
		bad(r, row, -1, "a register upload holds at most %s risks", "2000");
		r->fatal = CC_ELIMIT;
		return;
	}
	if (t->nrows == r->cap) {
		int ncap = r->cap ? 2 * r->cap : 64;
		struct cc_reg_row *v = realloc(t->rows, (size_t)ncap * sizeof(*v));
		if (!v) {
			r->fatal = CC_ENOMEM;
			return;
		}
		t->rows = v;
		r->cap = ncap;
	}
	for (int k = 0; k < t->ncols; k++)
		if (!cells[k])
			cells[k] = "";
	t->rows[t->nrows++] = (struct cc_reg_row){row, r->line, cells};
}

static void one_row(struct rd *r, int row, const int *cols, const char *const *text,
		    const size_t *lens, int n)
{
	for (int i = 0; i < n; i++)
		if (cols[i] >= CC_REGISTER_MAX_COLS) {
			bad(r, row, cols[i], "a register has at most %s columns", "200");
			return;
		}
	if (row == 1)
		header(r, cols, text, lens, n);
	else if (r->t->ncols)
		data_row(r, row, cols, text, lens, n);
}

static int finish(struct rd *r, int rc, struct cc_error *err)
{
	if (r->fatal)
		rc = r->fatal;
	else if (rc || r->errs->n || r->errs->dropped)
		rc = CC_EINPUT;
	if (rc)
		cc_xlsx_errors_summary(rc, r->errs, err);
	return rc;
}

/* ---- CSV ---- */

int cc_reg_table_csv(const char *sheet, const char *data, size_t len, struct cc_reg_table *t,
		     struct cc_xlsx_errors *errs, struct cc_error *err)
{
	struct rd r = {t, errs, 0, 0, 0};
	struct cc_csv csv;
	struct cc_error e;
	int cols[CC_CSV_MAX_FIELDS], row = 0, more, rc;
	const char *text[CC_CSV_MAX_FIELDS];
	size_t lens[CC_CSV_MAX_FIELDS];

	cc_reg_table_init(t);
	cc_xlsx_errors_init(errs);
	t->sheet = cc_arena_strdup(&t->arena, sheet);
	if (!t->sheet)
		return cc_error_set(err, CC_ENOMEM, NULL, 0, 0, "out of memory");
	if (len > CC_REGISTER_MAX_BYTES) {
		bad(&r, 0, -1, "%s", "the file is larger than 10 MiB");
		return finish(&r, CC_ELIMIT, err);
	}
	rc = cc_csv_open(&csv, sheet, data, len, &e);
	while (!rc && !r.fatal && (more = cc_csv_next(&csv, &e)) == 1) {
		row++;
		r.line = (int)csv.record_line;
		for (int i = 0; i < csv.nfields; i++) {
			cols[i] = i;
			text[i] = csv.fields[i].s;
			lens[i] = csv.fields[i].len;
		}
		one_row(&r, row, cols, text, lens, csv.nfields);
	}
	if (!rc && more < 0)
		rc = more;
	if (rc)      /* not UTF-8, a quote left open, too many fields */
		bad(&r, (int)e.line, -1, "%s", e.msg);
	else if (!row)
		bad(&r, 0, -1, "%s", "the file is empty: the first row is the header");
	cc_csv_close(&csv);
	return finish(&r, rc == CC_ENOMEM ? rc : CC_OK, err);
}

/* ---- the workbook ---- */

struct xrd {
	struct rd r;
	struct cc__xlsx x;
	bool meta;
};

static bool want_all(void *ud, int col)
{
	(void)ud;
	return col < CC_REGISTER_MAX_COLS;
}

static int on_row(void *ud, int row, const struct cc__xlsx_cell *cells, int n)
{
	struct xrd *x = ud;
	int cols[CC_REGISTER_MAX_COLS];
	const char *text[CC_REGISTER_MAX_COLS];
	size_t lens[CC_REGISTER_MAX_COLS];
	int k = 0;

	for (int i = 0; i < n && k < CC_REGISTER_MAX_COLS; i++, k++) {
		cols[k] = cells[i].col;
		text[k] = cells[i].text;
		lens[k] = cells[i].len;
	}
	if (x->meta) {
		struct cc_reg_table *t = x->r.t;
		size_t kl = 0, vl = 0;
		const char *key = NULL, *val = "";
		for (int i = 0; i < k; i++) {
			if (cols[i] == 0) {
				kl = lens[i];
				key = clean(text[i], &kl);
			} else if (cols[i] == 1) {
				vl = lens[i];
				val = clean(text[i], &vl);
			}
		}
		if (!key || !kl)
			return CC_OK;
		if (t->nmeta >= 32)
			return CC_OK;
		if (!t->meta && !(t->meta = cc_arena_array(&t->arena, 64, sizeof(char *))))
			return CC_ENOMEM;
		t->meta[2 * t->nmeta] = cc_arena_strndup(&t->arena, key, kl);
		t->meta[2 * t->nmeta + 1] = cc_arena_strndup(&t->arena, val, vl);
		if (!t->meta[2 * t->nmeta] || !t->meta[2 * t->nmeta + 1])
			return CC_ENOMEM;
		t->nmeta++;
		return CC_OK;
	}
	x->r.line = row;
	one_row(&x->r, row, cols, text, lens, k);
	return x->r.fatal;
}

int cc_reg_table_xlsx(const char *data, size_t len, struct cc_reg_table *t,
		      struct cc_xlsx_errors *errs, struct cc_error *err)
{
	return cc_reg_table_xlsx_sheet(data, len, CC_REGISTER_SHEET, t, errs, err);
}

int cc_reg_table_xlsx_sheet(const char *data, size_t len, const char *sheet,
			    struct cc_reg_table *t, struct cc_xlsx_errors *errs,
			    struct cc_error *err)
{
	struct xrd x = {.r = {t, errs, 0, 0, 0}};
	int reg = -1, meta = -1, rc;

	cc_reg_table_init(t);
	cc_xlsx_errors_init(errs);
	t->sheet = sheet;
	if (len > CC_REGISTER_MAX_BYTES) {
		bad(&x.r, 0, -1, "%s", "the file is larger than 10 MiB");
		return finish(&x.r, CC_ELIMIT, err);
	}
	rc = cc__xlsx_open(&x.x, data ? data : "", len, errs);
	for (int i = 0; !rc && i < x.x.nsheets; i++) {
		const char *name = x.x.sheets[i].name;
		if (reg < 0 && cc__xlsx_word_case(name, strlen(name), sheet))
			reg = i;
		if (meta < 0 && cc__xlsx_word_case(name, strlen(name), "meta"))
			meta = i;
	}
	if (!rc && meta >= 0) {
		x.meta = true;
		rc = cc__xlsx_read_sheet(&x.x, meta, want_all, on_row, &x);
		x.meta = false;
	}
	if (!rc && reg < 0)
		bad(&x.r, 0, -1, "the workbook has no sheet \"%.60s\" (the table to read)", sheet);
	else if (!rc)
		rc = cc__xlsx_read_sheet(&x.x, reg, want_all, on_row, &x);
	if (!rc && !x.r.fatal && reg >= 0 && !t->ncols && !errs->n)
		bad(&x.r, 1, -1, "the sheet \"%.60s\" is empty: its first row is the header", sheet);
	if (x.x.fatal)
		x.r.fatal = x.x.fatal;
	cc__xlsx_close(&x.x);
	return finish(&x.r, rc == CC_ENOMEM || rc == CC_ELIMIT ? rc : CC_OK, err);
}
