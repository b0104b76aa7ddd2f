/*
 * questionnaire_xlsx_sheets.c - the cells of an .xlsx workbook (see
 * questionnaire_xlsx_sheets.h).
 *
 * The zip is opened in memory with libzip; each XML part is inflated in
 * 64 KiB chunks straight into an expat parser, so a part is never held
 * whole and the bytes are counted as they come: a zip's declared sizes
 * are checked first, then the real ones, so a zip bomb stops within one
 * chunk of the limit. Namespace processing is on and elements are matched
 * by namespace and local name, so any prefix works and extension elements
 * (other namespaces) are skipped. A DOCTYPE stops the parse: no entity is
 * ever declared, let alone expanded.
 *
 * Parts: xl/workbook.xml (sheet names -> relationship ids), xl/_rels/
 * workbook.xml.rels (ids -> part names), the shared strings (the part its
 * relationship names, else xl/sharedStrings.xml, else none), then a sheet
 * on demand. A sheet is streamed row by row: the wanted cells of one row
 * are kept, and handed to the caller when the row ends.
 */
#include "questionnaire_xlsx_sheets.h"

#include <expat.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#define CHUNK 65536
#define MAX_ROWS 1048576           /* Excel's */
#define MAX_COLS 16384

struct cc__xlsx_rel {
	const char *id, *type, *target;
};

/* ---- small things ------------------------------------------------------- */

struct buf {
	char *p;
	size_t len, cap;
};

static int buf_add(struct buf *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 256;
		char *p;

		while (cap < b->len + n + 1)
			cap *= 2;
		if (!(p = realloc(b->p, cap)))
			return CC_ENOMEM;
		b->p = p;
		b->cap = cap;
	}
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
	return CC_OK;
}

/* The array v of *cap items (n used) with room for one more, or NULL
 * (v is kept) when out of memory. */
static void *grow(void *v, int *cap, int n, size_t size)
{
	void *p;
	int c;

	if (n < *cap)
		return v;
	c = *cap ? *cap * 2 : 16;
	if (!(p = realloc(v, (size_t)c * size)))
		return NULL;
	*cap = c;
	return p;
}

bool cc__xlsx_word_case(const char *s, size_t n, const char *w)
{
	size_t i = 0;

	for (; i < n && w[i]; i++) {
		char a = s[i] >= 'A' && s[i] <= 'Z' ? (char)(s[i] + 32) : s[i];
		char b = w[i] >= 'A' && w[i] <= 'Z' ? (char)(w[i] + 32) : w[i];

		if (a != b)
			return false;
	}
	return i == n && !w[i];
}

void cc__xlsx_col_name(int col, char out[4])
{
	char tmp[4];
	int n = 0, i = 0;

	for (col++; col > 0 && n < 3; col = (col - 1) / 26)
		tmp[n++] = (char)('A' + (col - 1) % 26);
	while (n)
		out[i++] = tmp[--n];
	out[i] = '\0';
}

/* "F12" -> col 5, row 12. */
static bool cell_ref(const char *s, int *col, int *row)
{
	int c = 0, r = 0, i = 0;

	for (; s[i] >= 'A' && s[i] <= 'Z' && i < 3; i++)
		c = c * 26 + (s[i] - 'A' + 1);
	if (i == 0 || c > MAX_COLS || s[i] < '1' || s[i] > '9')
		return false;
	for (; s[i] >= '0' && s[i] <= '9' && r <= MAX_ROWS; i++)
		r = r * 10 + (s[i] - '0');
	*col = c - 1;
	*row = r;
	return !s[i] && r <= MAX_ROWS;
}

/* A decimal in [lo, max]. */
static bool whole(const char *s, long lo, long max, long *out)
{
	long v = 0;

	if (!*s)
		return false;
	for (; *s >= '0' && *s <= '9' && v <= max; s++)
		v = v * 10 + (*s - '0');
	*out = v;
	return !*s && v >= lo && v <= max;
}

/* ---- errors ------------------------------------------------------------- */

int cc_xlsx_errors_vadd(struct cc_xlsx_errors *e, const char *sheet, int row, int col,
			const char *fmt, va_list ap)
{
	struct cc_xlsx_error *v;
	char msg[700];

	if (e->n >= CC_XLSX_MAX_ERRORS) {
		e->dropped++;
		return CC_OK;
	}
	v = &e->v[e->n];
	vsnprintf(msg, sizeof(msg), fmt, ap);
	v->msg = cc_arena_strdup(&e->arena, msg);
	v->sheet = sheet ? cc_arena_strdup(&e->arena, sheet) : NULL;
	if (!v->msg || (sheet && !v->sheet))
		return CC_ENOMEM;
	v->row = row;
	if (col >= 0)
		cc__xlsx_col_name(col, v->col);
	else
		v->col[0] = '\0';
	e->n++;
	return CC_OK;
}

int cc_xlsx_errors_add(struct cc_xlsx_errors *e, const char *sheet, int row, int col,
		       const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = cc_xlsx_errors_vadd(e, sheet, row, col, fmt, ap);
	va_end(ap);
	return rc;
}

static void verror(struct cc__xlsx *x, const char *sheet, int row, int col,
		   const char *fmt, va_list ap)
{
	if (cc_xlsx_errors_vadd(x->errs, sheet, row, col, fmt, ap))
		x->fatal = CC_ENOMEM;
}

void cc__xlsx_error(struct cc__xlsx *x, const char *sheet, int row, int col,
		    const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	verror(x, sheet, row, col, fmt, ap);
	va_end(ap);
}

/* A limit: recorded, and everything stops. */
__attribute__((format(printf, 3, 4)))
static int limit(struct cc__xlsx *x, const char *sheet, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	verror(x, sheet, 0, -1, fmt, ap);
	va_end(ap);
	if (!x->fatal)
		x->fatal = CC_ELIMIT;
	return x->fatal;
}

/* ---- one XML part ------------------------------------------------------- */

enum doc_kind { DOC_WORKBOOK, DOC_RELS, DOC_SST, DOC_SHEET };

struct cell {
	int col;
	size_t off, len;          /* in d->rowtext, unless ext */
	const char *ext;
};

struct doc {
	enum doc_kind kind;
	struct cc__xlsx *x;
	XML_Parser p;
	int depth;
	char stop[160];               /* why a handler stopped the parser */
	int stop_code;
	struct buf text;
	bool capture;
	int rph;                      /* inside phonetic runs, not text */
	bool in_si;
	/* sheets */
	const char *sheet;            /* its name */
	cc__xlsx_want_fn want;
	cc__xlsx_row_fn row_fn;
	void *ud;
	bool in_data, in_row, in_cell, in_is;
	int row, last_row, col, last_col;
	char type[12];
	struct buf rowtext;
	struct cell *cells;
	int ncells, capcells;
	struct cc__xlsx_cell *out;
	int capout;
};

__attribute__((format(printf, 3, 4)))
static void stop(struct doc *d, int code, const char *fmt, ...)
{
	va_list ap;

	if (!d->stop_code) {
		va_start(ap, fmt);
		vsnprintf(d->stop, sizeof(d->stop), fmt, ap);
		va_end(ap);
		d->stop_code = code;
	}
	XML_StopParser(d->p, XML_FALSE);
}

/* The local name of a spreadsheetml element (any prefix, or none), or
 * NULL for an element of another namespace (extensions). */
static const char *main_name(const char *name)
{
	const char *sp = strrchr(name, ' ');
	size_t n;

	if (!sp)
		return name;
	n = (size_t)(sp - name);
	if ((n >= 23 && memcmp(sp - 23, "spreadsheetml/2006/main", 23) == 0) ||
	    (n >= 18 && memcmp(sp - 18, "spreadsheetml/main", 18) == 0))
		return sp + 1;
	return NULL;
}

/* The attribute named local: with no namespace when ns is NULL, else in
 * a namespace whose name ends in ns. */
static const char *attr(const char **atts, const char *local, const char *ns)
{
	for (int i = 0; atts[i]; i += 2) {
		const char *sp = strrchr(atts[i], ' ');

		if (!ns && !sp && strcmp(atts[i], local) == 0)
			return atts[i + 1];
		if (ns && sp && strcmp(sp + 1, local) == 0 &&
		    (size_t)(sp - atts[i]) >= strlen(ns) &&
		    memcmp(sp - strlen(ns), ns, strlen(ns)) == 0)
			return atts[i + 1];
	}
	return NULL;
}

static void on_text(void *ud, const XML_Char *s, int len)
{
	struct doc *d = ud;

	if (d->capture && !d->rph && buf_add(&d->text, s, (size_t)len))
		stop(d, CC_ENOMEM, "out of memory");
}

static void on_doctype(void *ud, const XML_Char *name, const XML_Char *sysid,
		       const XML_Char *pubid, int has_internal)
{
	(void)name, (void)sysid, (void)pubid, (void)has_internal;
	stop(ud, CC_EINPUT, "%s", "a DOCTYPE, which a workbook never has");
}

/* ---- workbook.xml, its rels and the shared strings ---------------------- */

static void start_workbook(struct doc *d, const char *el, const char **atts)
{
	struct cc__xlsx *x = d->x;
	const char *name = attr(atts, "name", NULL);
	const char *rid = attr(atts, "id", "relationships");
	struct cc__xlsx_sheet *s;

	if (!el || strcmp(el, "sheet") != 0)
		return;
	if (x->nsheets >= CC_XLSX_MAX_SHEETS) {
		stop(d, CC_ELIMIT, "more than %d sheets", CC_XLSX_MAX_SHEETS);
		return;
	}
	if (!name || !rid) {
		stop(d, CC_EINPUT, "%s", "a sheet without a name or relationship id");
		return;
	}
	s = &x->sheets[x->nsheets++];
	s->name = cc_arena_strdup(&x->tmp, name);
	s->part = cc_arena_strdup(&x->tmp, rid);  /* resolved after the rels */
	if (!s->name || !s->part)
		stop(d, CC_ENOMEM, "out of memory");
}

static void start_rels(struct doc *d, const char *name, const char **atts)
{
	struct cc__xlsx *x = d->x;
	const char *sp = strrchr(name, ' ');
	const char *id = attr(atts, "Id", NULL), *type = attr(atts, "Type", NULL);
	const char *target = attr(atts, "Target", NULL);
	const char *mode = attr(atts, "TargetMode", NULL);
	struct cc__xlsx_rel *r;

	if (strcmp(sp ? sp + 1 : name, "Relationship") != 0 || !id || !type ||
	    !target || (mode && strcmp(mode, "External") == 0))
		return;
	if (!(r = grow(x->rels, &x->caprels, x->nrels, sizeof(*x->rels)))) {
		stop(d, CC_ENOMEM, "out of memory");
		return;
	}
	x->rels = r;
	r = &x->rels[x->nrels++];
	r->id = cc_arena_strdup(&x->tmp, id);
	r->type = cc_arena_strdup(&x->tmp, type);
	r->target = cc_arena_strdup(&x->tmp, target);
	if (!r->id || !r->type || !r->target)
		stop(d, CC_ENOMEM, "out of memory");
}

static void start_sst(struct doc *d, const char *el)
{
	if (!el)
		return;
	if (strcmp(el, "si") == 0) {
		d->in_si = true;
		d->text.len = 0;
	} else if (strcmp(el, "rPh") == 0) {
		d->rph++;
	} else if (strcmp(el, "t") == 0 && d->in_si) {
		d->capture = true;
	}
}

static void end_sst(struct doc *d, const char *el)
{
	struct cc__xlsx *x = d->x;
	const char *s, **v;

	if (!el)
		return;
	if (strcmp(el, "rPh") == 0 && d->rph) {
		d->rph--;
	} else if (strcmp(el, "t") == 0) {
		d->capture = false;
	} else if (strcmp(el, "si") == 0) {
		d->in_si = false;
		s = cc_arena_strndup(&x->tmp, d->text.p ? d->text.p : "", d->text.len);
		if (!s || !(v = grow(x->sst, &x->capsst, x->nsst, sizeof(*v)))) {
			stop(d, CC_ENOMEM, "out of memory");
			return;
		}
		x->sst = v;
		x->sst[x->nsst++] = s;
	}
}

/* ---- sheets: cells and rows --------------------------------------------- */

static void start_row(struct doc *d, const char **atts)
{
	const char *ref = attr(atts, "r", NULL);
	long r = d->last_row + 1;

	if (ref && !whole(ref, 1, MAX_ROWS, &r)) {
		stop(d, CC_EINPUT, "%s", "a row has a bad number");
		return;
	}
	if (r <= d->last_row || r > MAX_ROWS) {
		stop(d, CC_EINPUT, "%s", "rows are out of order");
		return;
	}
	d->row = (int)r;
	d->in_row = true;
	d->last_col = -1;
	d->ncells = 0;
	d->rowtext.len = 0;
}

static void start_cell(struct doc *d, const char **atts)
{
	const char *ref = attr(atts, "r", NULL), *t = attr(atts, "t", NULL);
	int row = d->row;

	d->col = d->last_col + 1;
	if (ref && (!cell_ref(ref, &d->col, &row) || row != d->row)) {
		stop(d, CC_EINPUT, "a cell has a bad reference (row %d)", d->row);
		return;
	}
	if (d->col >= MAX_COLS) {
		stop(d, CC_EINPUT, "a cell lies beyond the last column (row %d)", d->row);
		return;
	}
	d->last_col = d->col;
	snprintf(d->type, sizeof(d->type), "%s", t ? t : "n");
	d->in_cell = true;
	d->text.len = 0;
}

/* The value of the cell that ends, by its type; false when it has none. */
static bool cell_value(struct doc *d, const char **ext, size_t *len)
{
	struct cc__xlsx *x = d->x;
	const char *text = d->text.p ? d->text.p : "";
	long i;

	*ext = NULL;
	*len = d->text.len;
	if (strcmp(d->type, "s") == 0) {
		if (!whole(text, 0, (long)x->nsst - 1, &i)) {
			cc__xlsx_error(x, d->sheet, d->row, d->col,
				       "the cell names shared string \"%.20s\", which does not exist",
				       text);
			return false;
		}
		*ext = x->sst[i];
		*len = strlen(*ext);
	} else if (strcmp(d->type, "b") == 0) {
		*ext = strcmp(text, "1") == 0 ? "TRUE" : "FALSE";
		*len = strlen(*ext);
	}
	return *len > 0;
}

static void end_cell(struct doc *d)
{
	struct cell *c;
	const char *ext;
	size_t off = d->rowtext.len, len;

	d->in_cell = d->capture = false;
	if (d->text.len == 0 || !d->want(d->ud, d->col) || !cell_value(d, &ext, &len))
		return;
	if ((!ext && buf_add(&d->rowtext, d->text.p, len)) ||
	    !(c = grow(d->cells, &d->capcells, d->ncells, sizeof(*c)))) {
		stop(d, CC_ENOMEM, "out of memory");
		return;
	}
	d->cells = c;
	c = &d->cells[d->ncells++];
	c->col = d->col;
	c->off = off;
	c->len = len;
	c->ext = ext;
}

static void end_row(struct doc *d)
{
	struct cc__xlsx_cell *out;
	int rc;

	d->in_row = false;
	d->last_row = d->row;
	/* room for every cell of the row (grow adds room for one more only) */
	while (d->capout < d->ncells) {
		if (!(out = grow(d->out, &d->capout, d->capout, sizeof(*out)))) {
			stop(d, CC_ENOMEM, "out of memory");
			return;
		}
		d->out = out;
	}
	for (int i = 0; i < d->ncells; i++) {
		const struct cell *c = &d->cells[i];

		d->out[i].col = c->col;
		d->out[i].text = c->ext ? c->ext : d->rowtext.p + c->off;
		d->out[i].len = c->len;
	}
	if ((rc = d->row_fn(d->ud, d->row, d->out, d->ncells)))
		stop(d, rc, "%s", cc_strerror(rc));
}

static void start_sheet(struct doc *d, const char *el, const char **atts)
{
	if (!el)
		return;
	if (strcmp(el, "sheetData") == 0) {
		d->in_data = true;
	} else if (!d->in_data) {
		return;
	} else if (strcmp(el, "row") == 0) {
		start_row(d, atts);
	} else if (strcmp(el, "c") == 0 && d->in_row) {
		start_cell(d, atts);
	} else if (!d->in_cell) {
		return;
	} else if (strcmp(el, "v") == 0) {
		d->text.len = 0;
		d->capture = true;
	} else if (strcmp(el, "is") == 0) {
		d->text.len = 0;
		d->in_is = true;
	} else if (strcmp(el, "rPh") == 0) {
		d->rph++;
	} else if (strcmp(el, "t") == 0 && d->in_is) {
		d->capture = true;
	}
}

static void end_sheet(struct doc *d, const char *el)
{
	if (!el || !d->in_data)
		return;
	if (strcmp(el, "sheetData") == 0)
		d->in_data = false;
	else if (strcmp(el, "row") == 0 && d->in_row)
		end_row(d);
	else if (strcmp(el, "c") == 0 && d->in_cell)
		end_cell(d);
	else if (strcmp(el, "v") == 0 || strcmp(el, "t") == 0)
		d->capture = false;
	else if (strcmp(el, "is") == 0)
		d->in_is = false;
	else if (strcmp(el, "rPh") == 0 && d->rph)
		d->rph--;
}

static void on_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct doc *d = ud;
	const char *el = main_name(name);

	if (++d->depth > CC_XLSX_MAX_XML_DEPTH) {
		stop(d, CC_ELIMIT, "elements nested more than %d deep",
		     CC_XLSX_MAX_XML_DEPTH);
		return;
	}
	switch (d->kind) {
	case DOC_WORKBOOK:
		start_workbook(d, el, atts);
		break;
	case DOC_RELS:
		start_rels(d, name, atts);
		break;
	case DOC_SST:
		start_sst(d, el);
		break;
	case DOC_SHEET:
		start_sheet(d, el, atts);
		break;
	}
}

static void on_end(void *ud, const XML_Char *name)
{
	struct doc *d = ud;
	const char *el = main_name(name);

	d->depth--;
	if (d->kind == DOC_SST)
		end_sst(d, el);
	else if (d->kind == DOC_SHEET)
		end_sheet(d, el);
}

static void doc_free(struct doc *d)
{
	free(d->text.p);
	free(d->rowtext.p);
	free(d->cells);
	free(d->out);
}

/* Feeds the part's bytes to the parser, counting them against the limits. */
static int inflate_into(struct cc__xlsx *x, zip_file_t *zf, const char *part,
			struct doc *d, char *chunk)
{
	const char *where = d->kind == DOC_SHEET ? d->sheet : NULL;
	size_t size = 0;

	for (;;) {
		zip_int64_t n = zip_fread(zf, chunk, CHUNK);

		if (n < 0) {
			cc__xlsx_error(x, where, 0, -1, "%s cannot be inflated: %s", part,
				       zip_file_strerror(zf));
			return CC_EINPUT;
		}
		size += (size_t)n;
		x->total += (size_t)n;
		if (size > CC_XLSX_MAX_ENTRY_BYTES || x->total > CC_XLSX_MAX_TOTAL_BYTES)
			return limit(x, where, "%s inflates to more than the limit "
				     "(%u bytes for one part, %u for all)", part,
				     CC_XLSX_MAX_ENTRY_BYTES, CC_XLSX_MAX_TOTAL_BYTES);
		if (XML_Parse(d->p, chunk, (int)n, n == 0) == XML_STATUS_ERROR)
			break;
		if (n == 0)
			return CC_OK;
	}
	if (d->stop_code == CC_ELIMIT)
		return limit(x, where, "%s has %s, more than the limit", part, d->stop);
	if (d->stop_code == CC_ENOMEM || x->fatal)
		return x->fatal = x->fatal ? x->fatal : CC_ENOMEM;
	cc__xlsx_error(x, where, 0, -1, "%s is not a valid part of a workbook (line %lu: %s)",
		       part, (unsigned long)XML_GetCurrentLineNumber(d->p),
		       d->stop_code ? d->stop : XML_ErrorString(XML_GetErrorCode(d->p)));
	return CC_EINPUT;
}

/* Parses the zip entry named part with d's handlers. missing is the error
 * when there is no such entry (NULL: then there is nothing to parse). */
static int parse_part(struct cc__xlsx *x, const char *part, struct doc *d,
		      const char *missing)
{
	const char *where = d->kind == DOC_SHEET ? d->sheet : NULL;
	zip_int64_t idx = zip_name_locate(x->zip, part, 0);
	zip_stat_t st;
	zip_file_t *zf = NULL;
	char *chunk = NULL;
	int rc;

	if (idx < 0) {
		if (missing)
			cc__xlsx_error(x, where, 0, -1, "%s", missing);
		return missing ? CC_EINPUT : CC_OK;
	}
	if (zip_stat_index(x->zip, (zip_uint64_t)idx, 0, &st) == 0 &&
	    (st.valid & ZIP_STAT_SIZE) &&
	    (st.size > CC_XLSX_MAX_ENTRY_BYTES ||
	     x->total + st.size > CC_XLSX_MAX_TOTAL_BYTES))
		return limit(x, where, "%s inflates to %llu bytes, more than the limit "
			     "(%u for one part, %u for all)", part,
			     (unsigned long long)st.size, CC_XLSX_MAX_ENTRY_BYTES,
			     CC_XLSX_MAX_TOTAL_BYTES);
	d->p = XML_ParserCreateNS(NULL, ' ');
	chunk = malloc(CHUNK);
	if (!d->p || !chunk) {
		rc = x->fatal = CC_ENOMEM;
	} else if (!(zf = zip_fopen_index(x->zip, (zip_uint64_t)idx, 0))) {
		cc__xlsx_error(x, where, 0, -1, "%s cannot be opened: %s", part,
			       zip_strerror(x->zip));
		rc = CC_EINPUT;
	} else {
		XML_SetUserData(d->p, d);
		XML_SetElementHandler(d->p, on_start, on_end);
		XML_SetCharacterDataHandler(d->p, on_text);
		XML_SetStartDoctypeDeclHandler(d->p, on_doctype);
		rc = inflate_into(x, zf, part, d, chunk);
		zip_fclose(zf);
	}
	if (d->p)
		XML_ParserFree(d->p);
	d->p = NULL;
	free(chunk);
	return rc;
}

/* ---- the workbook ------------------------------------------------------- */

/* The zip name of the part a workbook relationship's target names. */
static const char *part_name(struct cc__xlsx *x, const char *target)
{
	struct buf b = {0};
	const char *s = target, *out = NULL;
	int rc = CC_OK;

	if (*s == '/')
		s++;
	else
		rc = buf_add(&b, "xl/", 3);
	while (*s && !rc) {
		const char *slash = strchr(s, '/');
		size_t n = slash ? (size_t)(slash - s) : strlen(s);

		if (n == 2 && memcmp(s, "..", 2) == 0) {
			if (b.len)
				b.len--;           /* the '/' that ends the last folder */
			while (b.len && b.p[b.len - 1] != '/')
				b.len--;
		} else if (n && !(n == 1 && *s == '.')) {
			rc = buf_add(&b, s, n + (slash ? 1 : 0));
		}
		s += n + (slash ? 1 : 0);
	}
	if (!rc)
		out = cc_arena_strndup(&x->tmp, b.p ? b.p : "", b.len);
	free(b.p);
	return out;
}

/* The relationship with this id, or (id NULL) whose type ends in type_end. */
static const struct cc__xlsx_rel *find_rel(const struct cc__xlsx *x,
					   const char *id, const char *type_end)
{
	for (int i = 0; i < x->nrels; i++) {
		const struct cc__xlsx_rel *r = &x->rels[i];
		size_t t = strlen(r->type), e = type_end ? strlen(type_end) : 0;

		if (id ? strcmp(r->id, id) == 0 :
		    type_end && t >= e && strcmp(r->type + t - e, type_end) == 0)
			return r;
	}
	return NULL;
}

static int open_zip(struct cc__xlsx *x, const char *data, size_t len)
{
	zip_error_t ze;
	zip_source_t *src;
	zip_int64_t n;
	int code;

	zip_error_init(&ze);
	src = zip_source_buffer_create(data, len, 0, &ze);
	if (src && !(x->zip = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &ze)))
		zip_source_free(src);
	code = zip_error_code_zip(&ze);
	zip_error_fini(&ze);
	if (!x->zip && code == ZIP_ER_MEMORY)
		return x->fatal = CC_ENOMEM;
	if (!x->zip) {
		cc__xlsx_error(x, NULL, 0, -1, "%s", code == ZIP_ER_NOZIP ?
			       "the file is not an Excel workbook (.xlsx): it is not a zip archive" :
			       "the file is not a readable Excel workbook: its zip archive is damaged");
		return CC_EINPUT;
	}
	n = zip_get_num_entries(x->zip, 0);
	if (n > CC_XLSX_MAX_ENTRIES)
		return limit(x, NULL, "the zip holds %lld files, more than the limit (%d)",
			     (long long)n, CC_XLSX_MAX_ENTRIES);
	return CC_OK;
}

/* Turns each sheet's relationship id into its part name (NULL if none). */
static int resolve_sheets(struct cc__xlsx *x)
{
	for (int i = 0; i < x->nsheets; i++) {
		const struct cc__xlsx_rel *r = find_rel(x, x->sheets[i].part, NULL);

		x->sheets[i].part = NULL;
		if (r && !(x->sheets[i].part = part_name(x, r->target)))
			return x->fatal = CC_ENOMEM;
	}
	return CC_OK;
}

int cc__xlsx_open(struct cc__xlsx *x, const char *data, size_t len,
		  struct cc_xlsx_errors *errs)
{
	struct doc wb = {.kind = DOC_WORKBOOK, .x = x};
	struct doc rels = {.kind = DOC_RELS, .x = x};
	struct doc sst = {.kind = DOC_SST, .x = x};
	const struct cc__xlsx_rel *ss;
	const char *ss_part = "xl/sharedStrings.xml";
	int rc;

	memset(x, 0, sizeof(*x));
	cc_arena_init(&x->tmp);
	x->errs = errs;
	if (len > CC_XLSX_MAX_BYTES)
		return limit(x, NULL, "the file has %zu bytes, more than the limit (%u)",
			     len, CC_XLSX_MAX_BYTES);
	if (len == 0) {
		/* libzip would open it as a new, empty archive */
		cc__xlsx_error(x, NULL, 0, -1, "the file is empty");
		return CC_EINPUT;
	}
	if ((rc = open_zip(x, data, len)))
		return rc;
	if (!(x->sheets = cc_arena_array(&x->tmp, CC_XLSX_MAX_SHEETS, sizeof(*x->sheets))))
		return x->fatal = CC_ENOMEM;
	rc = parse_part(x, "xl/workbook.xml", &wb, "the file is not an Excel "
			"workbook (.xlsx): its zip has no xl/workbook.xml");
	if (!rc)
		rc = parse_part(x, "xl/_rels/workbook.xml.rels", &rels,
				"the file is not an Excel workbook (.xlsx): its zip "
				"has no xl/_rels/workbook.xml.rels");
	if (!rc && (ss = find_rel(x, NULL, "/sharedStrings")) &&
	    !(ss_part = part_name(x, ss->target)))
		rc = x->fatal = CC_ENOMEM;
	if (!rc)
		rc = parse_part(x, ss_part, &sst, NULL);
	if (!rc)
		rc = resolve_sheets(x);
	doc_free(&wb);
	doc_free(&rels);
	doc_free(&sst);
	return rc;
}

int cc__xlsx_read_sheet(struct cc__xlsx *x, int i, cc__xlsx_want_fn want,
			cc__xlsx_row_fn row, void *ud)
{
	const struct cc__xlsx_sheet *s = &x->sheets[i];
	struct doc d = {.kind = DOC_SHEET, .x = x, .sheet = s->name,
			.want = want, .row_fn = row, .ud = ud};
	int rc;

	if (!s->part) {
		cc__xlsx_error(x, s->name, 0, -1,
			       "the workbook does not say where the sheet is");
		return CC_EINPUT;
	}
	rc = parse_part(x, s->part, &d, "the sheet's part is missing from the zip");
	doc_free(&d);
	return rc;
}

void cc__xlsx_close(struct cc__xlsx *x)
{
	if (x->zip)
		zip_discard(x->zip);
	free(x->sst);
	free(x->rels);
	cc_arena_free(&x->tmp);
	memset(x, 0, sizeof(*x));
}
