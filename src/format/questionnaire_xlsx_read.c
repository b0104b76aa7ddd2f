/*
 * questionnaire_xlsx_read.c - checking an uploaded questionnaire workbook
 * against its framework (the layout is in questionnaire_xlsx.h; the cells
 * come from questionnaire_xlsx_sheets.c).
 *
 * The meta sheet is read first, then the other sheets in the workbook's
 * order, so errors come out in that order. In a sheet, row 1 decides: with
 * an `id` cell it is a question sheet and its header names the columns,
 * else the sheet is skipped. Each question row is checked as a whole and
 * every error is recorded; rows are kept only while no error has been
 * seen, and dropped at the end if one was, so the caller gets all or none.
 *
 * Memory: rows and their strings go to out's arena, errors to errs'; what
 * is only needed during the call hangs off the sheet reader's arena.
 */
#include "questionnaire_xlsx.h"
#include "xlsx_words.h"

#include "questionnaire_xlsx_sheets.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum meta_key { M_FORMAT, M_FRAMEWORK, M_VERSION, M_CAMPAIGN, M_UNIT, M_COUNT };
static const char *const meta_keys[M_COUNT] = {
	"format", "framework", "framework version", "campaign", "unit",
};

enum sheet_state { S_FIRST, S_QUESTIONS, S_SKIP, S_META };
enum col { C_ID, C_ANSWER, C_COMMENT, C_URL, C_COUNT };
static const enum cc_xw head_words[C_COUNT] = {XW_COUNT, XW_H_ANSWER, XW_H_COMMENT, XW_H_URL};

struct rd {
	const struct cc_framework *fw;
	struct cc__xlsx x;
	struct cc_xlsx_rows *out;
	const char *expect[M_COUNT];
	const char *meta[M_COUNT];
	int meta_row[M_COUNT];
	const char **seen_sheet;      /* per node: where its row was */
	int *seen_row;
	int question_sheets;
	char *scratch;                /* canonical answers */
	size_t scratch_cap;
	/* the sheet being read */
	const char *sheet;
	const char *sheet_out;        /* its name in out's arena, once needed */
	enum sheet_state state;
	int cols[C_COUNT];            /* -1: no such column */
	int row;
	const struct cc__xlsx_cell *cells;
	int ncells;
};

static bool has_errors(const struct rd *r)
{
	return r->x.errs->n || r->x.errs->dropped;
}

/* Trims spaces, tabs, line breaks and no-break spaces (U+00A0). */
static const char *trim(const char *s, size_t *len)
{
	size_t n = *len;

	for (;;) {
		if (n && (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n'))
			s++, n--;
		else if (n >= 2 && (unsigned char)s[0] == 0xC2 && (unsigned char)s[1] == 0xA0)
			s += 2, n -= 2;
		else
			break;
	}
	for (;;) {
		char c = n ? s[n - 1] : 'x';

		if (c == ' ' || c == '\t' || c == '\r' || c == '\n')
			n--;
		else if (n >= 2 && (unsigned char)s[n - 2] == 0xC2 &&
			 (unsigned char)s[n - 1] == 0xA0)
			n -= 2;
		else
			break;
	}
	*len = n;
	return s;
}

static size_t utf8_chars(const char *s, size_t n)
{
	size_t c = 0;

	for (size_t i = 0; i < n; i++)
		c += ((unsigned char)s[i] & 0xC0) != 0x80;
	return c;
}

/* The trimmed text of the current row's cell in column col ("" if none). */
static const char *cell(const struct rd *r, int col, size_t *len)
{
	for (int i = 0; col >= 0 && i < r->ncells; i++) {
		if (r->cells[i].col == col) {
			*len = r->cells[i].len;
			return trim(r->cells[i].text, len);
		}
	}
	*len = 0;
	return "";
}

/* ---- meta and header ---------------------------------------------------- */

static void meta_row(struct rd *r)
{
	size_t klen, vlen;
	const char *key = cell(r, 0, &klen), *val = cell(r, 1, &vlen);

	for (int k = 0; k < M_COUNT; k++) {
		if (r->meta[k] || !cc__xlsx_word_case(key, klen, meta_keys[k]))
			continue;
		if (!(r->meta[k] = cc_arena_strndup(&r->x.tmp, val, vlen)))
			r->x.fatal = CC_ENOMEM;
		r->meta_row[k] = r->row;
	}
}

static void check_meta(struct rd *r)
{
	static const char *const what[M_COUNT] = {
		NULL, "framework", "framework version", "campaign", "unit",
	};

	for (int k = 0; k < M_COUNT; k++) {
		const char *got = r->meta[k], *want = r->expect[k];

		if (!got)
			cc__xlsx_error(&r->x, r->sheet, 0, -1, "no \"%s\" row: the workbook "
				       "is not a questionnaire downloaded from cybercap",
				       meta_keys[k]);
		else if (strcmp(got, want) == 0)
			continue;
		else if (k == M_FORMAT)
			cc__xlsx_error(&r->x, r->sheet, r->meta_row[k], 1,
				       "\"%.60s\" is not a questionnaire format this "
				       "version reads (%s)", got, want);
		else
			cc__xlsx_error(&r->x, r->sheet, r->meta_row[k], 1,
				       "the questionnaire is for %s \"%.100s\", not \"%.100s\"",
				       what[k], got, want);
	}
}

static void header_row(struct rd *r)
{
	r->state = S_SKIP;
	if (r->row != 1)
		return;
	for (int i = 0; i < r->ncells; i++) {
		size_t len = r->cells[i].len;
		const char *s = trim(r->cells[i].text, &len);

		/* "id" is a code; the other heads in any of the workbook's
		 * languages (xlsx_words.h) */
		for (int k = 0; k < C_COUNT; k++)
			if (r->cols[k] < 0 && (k == C_ID ? cc__xlsx_word_case(s, len, "id") :
					       cc_xlsx_is_word(s, len, head_words[k])))
				r->cols[k] = r->cells[i].col;
	}
	if (r->cols[C_ID] < 0)
		return;
	if (r->cols[C_ANSWER] < 0) {
		cc__xlsx_error(&r->x, r->sheet, 1, -1, "the header row has an \"id\" "
			       "column but no \"answer\" column");
		return;
	}
	r->state = S_QUESTIONS;
	r->question_sheets++;
}

/* ---- one question row --------------------------------------------------- */

/* s[0..*len) in the framework's spelling when it differs only in ASCII
 * case from a yes_no word or an option id; a multi answer part by part. */
static const char *canonical(struct rd *r, const struct cc_node *n,
			     const char *s, size_t *len)
{
	static const char *const yes_no[] = {"yes", "no", "partial"};
	size_t start = 0, used = 0;

	if (n->qtype != CC_Q_YES_NO && n->qtype != CC_Q_CHOICE && n->qtype != CC_Q_MULTI)
		return s;
	if (*len + 1 > r->scratch_cap) {
		char *p = realloc(r->scratch, *len + 1);

		if (!p)
			return s;
		r->scratch = p;
		r->scratch_cap = *len + 1;
	}
	while (start <= *len) {
		size_t end = start, plen;
		const char *part, *best = NULL;
		int count = n->qtype == CC_Q_YES_NO ? 3 : n->noptions, matches = 0;

		while (n->qtype == CC_Q_MULTI && end < *len && s[end] != '|')
			end++;
		if (n->qtype != CC_Q_MULTI)
			end = *len;
		plen = end - start;
		part = trim(s + start, &plen);
		for (int i = 0; i < count && matches != -1; i++) {
			const char *w = n->qtype == CC_Q_YES_NO ? yes_no[i] : n->options[i].id;

			if (strlen(w) == plen && memcmp(w, part, plen) == 0)
				best = w, matches = -1;     /* exact: done */
			else if (cc__xlsx_word_case(part, plen, w))
				best = w, matches++;
		}
		if (used)
			r->scratch[used++] = '|';
		if (matches == 1 || matches == -1)
			part = best;               /* same length as typed */
		memcpy(r->scratch + used, part, plen);
		used += plen;
		start = end + 1;
	}
	*len = used;
	return r->scratch;
}

static bool web_address(const char *s, size_t n)
{
	size_t p = n >= 7 && cc__xlsx_word_case(s, 7, "http://") ? 7 :
		   n >= 8 && cc__xlsx_word_case(s, 8, "https://") ? 8 : 0;

	if (!p || p == n || s[p] == '/')
		return false;
	for (size_t i = p; i < n; i++)
		if ((unsigned char)s[i] <= 0x20 || s[i] == 0x7f)
			return false;
	return true;
}

/* Checks the answer s[0..*len) to question n; returns the text to keep
 * (*len updated), or NULL after recording the error. */
static const char *check_answer(struct rd *r, const struct cc_node *n,
				const char *s, size_t *len)
{
	struct cc_answer parsed;
	char why[400];

	if (n->qtype == CC_Q_TEXT) {
		if (utf8_chars(s, *len) <= CC_XLSX_MAX_TEXT)
			return s;
		cc__xlsx_error(&r->x, r->sheet, r->row, r->cols[C_ANSWER],
			       "the answer is longer than %d characters", CC_XLSX_MAX_TEXT);
		return NULL;
	}
	s = canonical(r, n, s, len);
	if (cc_answer_parse(n, s, *len, &parsed, why, sizeof(why)))
		return s;
	cc__xlsx_error(&r->x, r->sheet, r->row, r->cols[C_ANSWER], "%s", why);
	return NULL;
}

/* Copies text[0..len) into out's arena: NULL when empty, or *bad = true
 * when out of memory. */
static const char *keep(struct cc_xlsx_rows *o, const char *text, size_t len,
			bool *bad)
{
	const char *s = len ? cc_arena_strndup(&o->arena, text, len) : NULL;

	*bad |= len && !s;
	return s;
}

static int keep_row(struct rd *r, int node, const char *const text[C_COUNT],
		    const size_t len[C_COUNT])
{
	struct cc_xlsx_rows *o = r->out;
	struct cc_xlsx_row *x;
	bool bad = false;

	if (o->n == o->cap) {
		int cap = o->cap ? o->cap * 2 : 64;
		struct cc_xlsx_row *v = realloc(o->v, (size_t)cap * sizeof(*v));

		if (!v)
			return CC_ENOMEM;
		o->v = v;
		o->cap = cap;
	}
	if (!r->sheet_out && !(r->sheet_out = cc_arena_strdup(&o->arena, r->sheet)))
		return CC_ENOMEM;
	x = &o->v[o->n];
	x->sheet = r->sheet_out;
	x->row = r->row;
	x->node = node;
	x->question = keep(o, r->fw->nodes[node].id, strlen(r->fw->nodes[node].id), &bad);
	x->answer = keep(o, text[C_ANSWER], len[C_ANSWER], &bad);
	x->comment = keep(o, text[C_COMMENT], len[C_COMMENT], &bad);
	x->evidence_url = keep(o, text[C_URL], len[C_URL], &bad);
	if (bad)
		return CC_ENOMEM;
	o->n++;
	return CC_OK;
}

/* The question node of the row's id, or -1 after recording why not. */
static int row_question(struct rd *r, const char *id, size_t len)
{
	const struct cc_framework *fw = r->fw;
	int node = cc_idmap_get(&fw->ids, id, len);

	if (node < 0 || fw->nodes[node].kind != CC_QUESTION) {
		cc__xlsx_error(&r->x, r->sheet, r->row, r->cols[C_ID],
			       "\"%.*s\" is not a question of framework %s",
			       (int)(len > 100 ? 100 : len), id, fw->id);
		return -1;
	}
	if (r->seen_row[node]) {
		cc__xlsx_error(&r->x, r->sheet, r->row, r->cols[C_ID],
			       "question \"%s\" is given a second time (first in %s, row %d)",
			       fw->nodes[node].id, r->seen_sheet[node], r->seen_row[node]);
		return -1;
	}
	r->seen_row[node] = r->row;
	r->seen_sheet[node] = r->sheet;
	return node;
}

static void question_row(struct rd *r)
{
	static const char *const what[C_COUNT] = {
		NULL, "an answer", "a comment", "an evidence URL",
	};
	const char *text[C_COUNT];
	size_t len[C_COUNT];
	int node;

	for (int k = 0; k < C_COUNT; k++)
		text[k] = cell(r, r->cols[k], &len[k]);
	if (!len[C_ID]) {
		for (int k = C_ANSWER; k < C_COUNT; k++) {
			if (len[k]) {
				cc__xlsx_error(&r->x, r->sheet, r->row, r->cols[k],
					       "%s on a row without a question id", what[k]);
				break;
			}
		}
		return;
	}
	node = row_question(r, text[C_ID], len[C_ID]);
	if (node >= 0 && len[C_ANSWER] &&
	    !(text[C_ANSWER] = check_answer(r, &r->fw->nodes[node], text[C_ANSWER],
					    &len[C_ANSWER])))
		len[C_ANSWER] = 0;
	if (len[C_COMMENT] && utf8_chars(text[C_COMMENT], len[C_COMMENT]) > CC_XLSX_MAX_TEXT)
		cc__xlsx_error(&r->x, r->sheet, r->row, r->cols[C_COMMENT],
			       "the comment is longer than %d characters", CC_XLSX_MAX_TEXT);
	if (len[C_URL] && !web_address(text[C_URL], len[C_URL]))
		cc__xlsx_error(&r->x, r->sheet, r->row, r->cols[C_URL],
			       "\"%.*s\" is not a web address (http:// or https://)",
			       (int)(len[C_URL] > 100 ? 100 : len[C_URL]), text[C_URL]);
	if (node >= 0 && !has_errors(r) && keep_row(r, node, text, len))
		r->x.fatal = CC_ENOMEM;
}

/* ---- sheets ------------------------------------------------------------- */

static bool want(void *ud, int col)
{
	const struct rd *r = ud;

	switch (r->state) {
	case S_META:
		return col <= 1;
	case S_FIRST:
		return true;
	case S_QUESTIONS:
		for (int k = 0; k < C_COUNT; k++)
			if (col == r->cols[k])
				return true;
		return false;
	default:
		return false;
	}
}

static int on_row(void *ud, int row, const struct cc__xlsx_cell *cells, int n)
{
	struct rd *r = ud;

	r->row = row;
	r->cells = cells;
	r->ncells = n;
	if (r->state == S_META)
		meta_row(r);
	else if (r->state == S_FIRST)
		header_row(r);
	else if (r->state == S_QUESTIONS)
		question_row(r);
	return r->x.fatal;
}

static int read_sheet(struct rd *r, int i, bool meta)
{
	r->sheet = r->x.sheets[i].name;
	r->sheet_out = NULL;
	r->state = meta ? S_META : S_FIRST;
	for (int k = 0; k < C_COUNT; k++)
		r->cols[k] = -1;
	return cc__xlsx_read_sheet(&r->x, i, want, on_row, r);
}

static int read_sheets(struct rd *r)
{
	const struct cc__xlsx *x = &r->x;
	int meta = -1;

	for (int i = 0; i < x->nsheets && meta < 0; i++)
		if (cc__xlsx_word_case(x->sheets[i].name, strlen(x->sheets[i].name), "meta"))
			meta = i;
	if (meta < 0)
		cc__xlsx_error(&r->x, NULL, 0, -1, "the workbook has no \"meta\" sheet: "
			       "it is not a questionnaire downloaded from cybercap");
	else if (read_sheet(r, meta, true) == CC_OK)
		check_meta(r);
	for (int i = 0; i < x->nsheets && !x->fatal; i++)
		if (i != meta)
			read_sheet(r, i, false);
	if (!x->fatal && r->question_sheets == 0)
		cc__xlsx_error(&r->x, NULL, 0, -1, "the workbook has no sheet of questions "
			       "(a sheet whose first row has an \"id\" column)");
	return x->fatal;
}

/* ---- the public side ---------------------------------------------------- */

void cc_xlsx_rows_init(struct cc_xlsx_rows *r)
{
	memset(r, 0, sizeof(*r));
	cc_arena_init(&r->arena);
}

void cc_xlsx_rows_free(struct cc_xlsx_rows *r)
{
	free(r->v);
	cc_arena_free(&r->arena);
	memset(r, 0, sizeof(*r));
}

void cc_xlsx_errors_init(struct cc_xlsx_errors *e)
{
	memset(e, 0, sizeof(*e));
	cc_arena_init(&e->arena);
}

void cc_xlsx_errors_free(struct cc_xlsx_errors *e)
{
	cc_arena_free(&e->arena);
	memset(e, 0, sizeof(*e));
}

void cc_xlsx_error_format(const struct cc_xlsx_error *e, char *buf, size_t size)
{
	char where[400] = "";
	char row[32] = "";

	if (e->row)
		snprintf(row, sizeof(row), "row %d", e->row);
	snprintf(where, sizeof(where), "%s%s%s%s%s%s",
		 e->sheet ? e->sheet : "", e->sheet && e->row ? ", " : "", row,
		 (e->sheet || e->row) && e->col[0] ? ", " : "",
		 e->col[0] ? "column " : "", e->col);
	snprintf(buf, size, "%s%s%s", where, where[0] ? ": " : "", e->msg);
}

void cc_xlsx_errors_summary(int rc, const struct cc_xlsx_errors *errs, struct cc_error *err)
{
	char first[900];
	int more = errs->n + errs->dropped - 1;

	if (rc == CC_ENOMEM || !errs->n) {
		cc_error_set(err, rc, NULL, 0, 0, "%s", cc_strerror(rc));
		return;
	}
	cc_xlsx_error_format(&errs->v[rc == CC_ELIMIT ? errs->n - 1 : 0], first,
			     sizeof(first));
	if (more > 0)
		cc_error_set(err, rc, NULL, 0, 0, "%s (and %d more error%s)", first,
			     more, more == 1 ? "" : "s");
	else
		cc_error_set(err, rc, NULL, 0, 0, "%s", first);
}

int cc_questionnaire_xlsx_read(const char *data, size_t len,
			       const struct cc_framework *fw,
			       const char *campaign, const char *unit_id,
			       struct cc_xlsx_rows *out,
			       struct cc_xlsx_errors *errs,
			       struct cc_error *err)
{
	struct rd r = {0};
	int rc;

	if (out)
		cc_xlsx_rows_init(out);
	if (errs)
		cc_xlsx_errors_init(errs);
	if (!fw || !fw->finished || !out || !errs || (!data && len))
		return cc_error_set(err, CC_EUSAGE, NULL, 0, 0,
				    "cc_questionnaire_xlsx_read: bad arguments");
	r.fw = fw;
	r.out = out;
	r.expect[M_FORMAT] = CC_XLSX_FORMAT;
	r.expect[M_FRAMEWORK] = fw->id;
	r.expect[M_VERSION] = fw->version ? fw->version : "";
	r.expect[M_CAMPAIGN] = campaign ? campaign : "";
	r.expect[M_UNIT] = unit_id ? unit_id : "";
	rc = cc__xlsx_open(&r.x, data ? data : "", len, errs);
	if (!rc) {
		r.seen_row = cc_arena_array(&r.x.tmp, (size_t)fw->nnodes, sizeof(int));
		r.seen_sheet = cc_arena_array(&r.x.tmp, (size_t)fw->nnodes, sizeof(char *));
		rc = !r.seen_row || !r.seen_sheet ? CC_ENOMEM : read_sheets(&r);
	}
	if (r.x.fatal)
		rc = r.x.fatal;
	else if (rc || has_errors(&r))
		rc = CC_EINPUT;
	if (rc) {
		cc_xlsx_errors_summary(rc, errs, err);
		out->n = 0;
	}
	free(r.scratch);
	cc__xlsx_close(&r.x);
	return rc;
}
