/*
 * msel.c - a scenario's injects to and from the cells of an MSEL table
 * (see msel.h). Reading checks every row and every cell before it stops,
 * so that one upload names every bad cell; what spans rows (duplicate
 * ids, `after` naming an inject of the table, `after` loops) is checked
 * once all rows are in. The injects read live in the scenario's arena.
 */
#include "msel.h"

#include "results_out.h"
#include "../core/framework.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { M_ID, M_AT, M_AFTER, M_TO, M_CHANNEL, M_FROM, M_TITLE, M_CONTENT, M_EXPECTS,
       M_NOTES };

const char *const cc_msel_columns[CC_MSEL_NCOLS] = {
	"id", "at", "after", "to", "channel", "from", "title", "content", "expects", "notes",
};

static const bool required[CC_MSEL_NCOLS] = {
	[M_ID] = true, [M_AT] = true, [M_TO] = true, [M_CHANNEL] = true, [M_TITLE] = true,
	[M_CONTENT] = true,
};

/* ---- export ---- */

static const char *to_cell(const struct cc_inject *in, struct cc_arena *ar)
{
	size_t n = 4;
	char *s, *p;

	if (in->to_all)
		return "all";
	for (int t = 0; t < in->nto; t++)
		n += strlen(in->to[t].id) + 1;
	if (!(s = p = cc_arena_alloc(ar, n)))
		return NULL;
	*p = '\0';
	for (int t = 0; t < in->nto; t++)
		p += sprintf(p, "%s%s", t ? "|" : "", in->to[t].id);
	return s;
}

/* s without the white space around it (what a cell keeps), in ar. */
static const char *trimmed(const char *s, struct cc_arena *ar, bool *oom)
{
	size_t n;

	if (!s)
		return NULL;
	while (*s && strchr(" \t\r\n", *s))
		s++;
	n = strlen(s);
	while (n && strchr(" \t\r\n", s[n - 1]))
		n--;
	if (!(s = cc_arena_strndup(ar, s, n)))
		*oom = true;
	return s;
}

/* One line per expected action; a line break in a text becomes a space. */
static const char *expects_cell(const struct cc_inject *in, struct cc_arena *ar)
{
	size_t n = 1;
	char *s, *p;

	for (int e = 0; e < in->nexpects; e++) {
		const struct cc_expect *x = &in->expects[e];
		n += strlen(x->id) + strlen(x->text) + 6 +
		     (x->has_objective ? strlen(x->objective.id) + 3 : 0);
	}
	if (!(s = p = cc_arena_alloc(ar, n)))
		return NULL;
	*p = '\0';
	for (int e = 0; e < in->nexpects; e++) {
		const struct cc_expect *x = &in->expects[e];
		char *text;
		p += sprintf(p, "%s%s", e ? "\n" : "", x->id);
		if (x->has_objective)
			p += sprintf(p, " [%s]", x->objective.id);
		text = p + 2;
		p += sprintf(p, ": %s", x->text);
		for (; text < p; text++)
			if (*text == '\n' || *text == '\r')
				*text = ' ';
	}
	return s;
}

int cc_msel_table(const struct cc_scenario *sc, const char *hash, struct cc_arena *ar,
		  struct cc_reg_out *o)
{
	const char **cells = cc_arena_array(ar, (size_t)sc->ninjects * CC_MSEL_NCOLS + 1,
					    sizeof(char *));
	const char **meta = cc_arena_array(ar, 4, sizeof(char *));

	if (!cells || !meta)
		return CC_ENOMEM;
	for (int i = 0; i < sc->ninjects; i++) {
		const struct cc_inject *in = &sc->injects[i];
		const char **row = cells + (size_t)i * CC_MSEL_NCOLS;
		char at[64];
		bool oom = false;

		cc_format_number(at, sizeof(at), in->at);
		row[M_ID] = in->id;
		row[M_AT] = cc_arena_strdup(ar, at);
		row[M_AFTER] = in->has_after ? in->after.id : NULL;
		row[M_TO] = to_cell(in, ar);
		row[M_CHANNEL] = cc_channel_name(in->channel);
		row[M_FROM] = trimmed(in->from, ar, &oom);
		row[M_TITLE] = trimmed(in->title, ar, &oom);
		row[M_CONTENT] = trimmed(in->content, ar, &oom);
		row[M_EXPECTS] = expects_cell(in, ar);
		row[M_NOTES] = trimmed(in->notes, ar, &oom);
		if (oom || !row[M_AT] || !row[M_TO] || !row[M_EXPECTS])
			return CC_ENOMEM;
	}
	meta[0] = "scenario";
	meta[1] = sc->id;
	meta[2] = "scenario hash";
	meta[3] = hash ? hash : "";
	*o = (struct cc_reg_out){.sheet = CC_MSEL_SHEET, .help_sheet = "Columns",
				 .format = CC_MSEL_FORMAT, .header = cc_msel_columns,
				 .ncols = CC_MSEL_NCOLS, .cells = cells, .nrows = sc->ninjects,
				 .meta = meta, .nmeta = 2};
	return CC_OK;
}

/* ---- import ---- */

struct rd {
	const struct cc_reg_table *t;
	struct cc_scenario *sc;
	struct cc_xlsx_errors *errs;
	int col[CC_MSEL_NCOLS];         /* the table's column of each, -1 when absent */
	int rc;                         /* CC_ENOMEM once memory runs out */
};

static void bad(struct rd *r, int line, int c, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* Records "COLUMN: MSG" at the cell (c: one of M_*, or -1 for the row). */
static void bad(struct rd *r, int line, int c, const char *fmt, ...)
{
	char msg[600];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (cc_xlsx_errors_add(r->errs, r->t->sheet, line, c >= 0 ? r->t->col[r->col[c]] : -1,
			       c >= 0 ? "column \"%s\": %s" : "%s%s",
			       c >= 0 ? cc_msel_columns[c] : "", msg))
		r->rc = CC_ENOMEM;
}

static int header(struct rd *r)
{
	int errors = r->errs->n;

	for (int c = 0; c < CC_MSEL_NCOLS; c++)
		r->col[c] = -1;
	for (int k = 0; k < r->t->ncols; k++) {
		int c = 0;
		while (c < CC_MSEL_NCOLS && strcmp(cc_msel_columns[c], r->t->header[k]) != 0)
			c++;
		if (c < CC_MSEL_NCOLS) {
			r->col[c] = k;
		} else if (cc_xlsx_errors_add(r->errs, r->t->sheet, 1, r->t->col[k],
			       "unknown column \"%.80s\": an MSEL has the columns id, at, after, "
			       "to, channel, from, title, content, expects, notes",
			       r->t->header[k])) {
			r->rc = CC_ENOMEM;
		}
	}
	for (int c = 0; c < CC_MSEL_NCOLS; c++)
		if (required[c] && r->col[c] < 0 &&
		    cc_xlsx_errors_add(r->errs, r->t->sheet, 1, -1, "the column \"%s\" is missing "
				       "from the header row", cc_msel_columns[c]))
			r->rc = CC_ENOMEM;
	return r->errs->n > errors ? CC_EINPUT : CC_OK;
}

static const char *cell(const struct rd *r, const struct cc_reg_row *row, int c)
{
	return r->col[c] < 0 ? "" : row->cells[r->col[c]];
}

static const char *copy(struct rd *r, const char *s, size_t n)
{
	const char *p = cc_arena_strndup(&r->sc->arena, s, n);

	if (!p)
		r->rc = CC_ENOMEM;
	return p ? p : "";
}

/* A required text, or an optional one (NULL when empty). */
static const char *text(struct rd *r, const struct cc_reg_row *row, int c)
{
	const char *s = cell(r, row, c);

	if (!*s) {
		if (required[c])
			bad(r, row->line, c, "the inject needs a value here");
		return required[c] ? "" : NULL;
	}
	return copy(r, s, strlen(s));
}

static bool valid_id(const char *s, size_t n)
{
	return n && cc_framework_valid_id(s, n);
}

static const char *id_of(struct rd *r, const struct cc_reg_row *row, int c, const char *s,
			 size_t n)
{
	if (!valid_id(s, n)) {
		bad(r, row->line, c, "\"%.*s\" is not an id: use letters, digits, '_', '.', ':' "
		    "or '-'", (int)(n > 60 ? 60 : n), s);
		return "";
	}
	return copy(r, s, n);
}

static void read_channel(struct rd *r, const struct cc_reg_row *row, struct cc_inject *in)
{
	const char *s = cell(r, row, M_CHANNEL);

	for (int k = 0; k <= CC_CH_SYSTEM; k++)
		if (strcmp(s, cc_channel_name((enum cc_channel)k)) == 0) {
			in->channel = (enum cc_channel)k;
			return;
		}
	bad(r, row->line, M_CHANNEL, "\"%.60s\" is not a channel: use email, phone, media, "
	    "social, handout or system", s);
}

static void set_ref(struct cc_ref *ref, const char *id, const struct cc_reg_row *row,
		    int col)
{
	*ref = (struct cc_ref){.id = id, .index = -1, .line = row->line, .col = col + 1};
}

/* "cirt|ministry" or "all": each a team of the scenario. */
static void read_to(struct rd *r, const struct cc_reg_row *row, struct cc_inject *in)
{
	const char *s = cell(r, row, M_TO), *p = s;
	int n = 1, col = r->t->col[r->col[M_TO]];

	if (strcmp(s, "all") == 0) {
		in->to_all = true;
		return;
	}
	if (!*s) {
		bad(r, row->line, M_TO, "name the teams (ids joined by |) or all");
		return;
	}
	for (const char *q = s; *q; q++)
		n += *q == '|';
	if (!(in->to = cc_arena_array(&r->sc->arena, (size_t)n, sizeof(*in->to)))) {
		r->rc = CC_ENOMEM;
		return;
	}
	while (p) {
		const char *bar = strchr(p, '|'), *end = bar ? bar : p + strlen(p);
		const char *a = p, *id;
		while (a < end && (*a == ' ' || *a == '\t'))
			a++;
		while (end > a && (end[-1] == ' ' || end[-1] == '\t'))
			end--;
		if (end - a == 3 && memcmp(a, "all", 3) == 0) {
			bad(r, row->line, M_TO, "all stands alone: list team ids or all, not both");
			return;
		}
		id = id_of(r, row, M_TO, a, (size_t)(end - a));
		if (*id && cc_scenario_team(r->sc, id) < 0)
			bad(r, row->line, M_TO, "the scenario has no team \"%.60s\"", id);
		set_ref(&in->to[in->nto++], id, row, col);
		p = bar ? bar + 1 : NULL;
	}
}

/* The colon ending the head of an expected action: the first one that is
 * followed by a space or the end (ids may hold ':' themselves). */
static const char *head_end(const char *s, const char *end)
{
	for (const char *q = s; q < end; q++)
		if (*q == ':' && (q + 1 == end || q[1] == ' ' || q[1] == '\t'))
			return q;
	return NULL;
}

/* One line "ID [OBJECTIVE]: TEXT" or "ID: TEXT". */
static void read_expect(struct rd *r, const struct cc_reg_row *row, const char *s, size_t n,
			struct cc_expect *e)
{
	const char *end = s + n, *colon = head_end(s, end), *id_end, *br;
	int col = r->t->col[r->col[M_EXPECTS]];

	e->objective.index = -1;
	e->id = e->text = "";
	e->line = row->line;
	e->col = col + 1;
	if (!colon) {
		bad(r, row->line, M_EXPECTS, "\"%.*s\" is not \"ID [OBJECTIVE]: TEXT\" (one "
		    "expected action a line)", (int)(n > 60 ? 60 : n), s);
		return;
	}
	id_end = colon;
	br = memchr(s, '[', (size_t)(colon - s));
	if (br) {
		const char *close = memchr(br, ']', (size_t)(colon - br)), *o = br + 1;
		if (!close) {
			bad(r, row->line, M_EXPECTS, "the objective after \"[\" needs a closing \"]\"");
			return;
		}
		e->has_objective = true;
		set_ref(&e->objective, id_of(r, row, M_EXPECTS, o, (size_t)(close - o)), row, col);
		if (*e->objective.id && cc_scenario_objective(r->sc, e->objective.id) < 0)
			bad(r, row->line, M_EXPECTS, "the scenario has no objective \"%.60s\"",
			    e->objective.id);
		id_end = br;
	}
	while (id_end > s && (id_end[-1] == ' ' || id_end[-1] == '\t'))
		id_end--;
	e->id = id_of(r, row, M_EXPECTS, s, (size_t)(id_end - s));
	for (s = colon + 1; s < end && (*s == ' ' || *s == '\t'); s++)
		;
	if (s == end)
		bad(r, row->line, M_EXPECTS, "expected action \"%s\" has no text after the colon",
		    e->id);
	e->text = copy(r, s, (size_t)(end - s));
	if (!e->text)
		e->text = "";
}

static void read_expects(struct rd *r, const struct cc_reg_row *row, struct cc_inject *in)
{
	const char *s = cell(r, row, M_EXPECTS);
	int n = 1;

	if (!*s)
		return;
	for (const char *q = s; *q; q++)
		n += *q == '\n';
	if (!(in->expects = cc_arena_array(&r->sc->arena, (size_t)n, sizeof(*in->expects)))) {
		r->rc = CC_ENOMEM;
		return;
	}
	while (*s && !r->rc) {
		const char *nl = strchr(s, '\n'), *end = nl ? nl : s + strlen(s);
		const char *a = s;
		while (a < end && strchr(" \t\r", *a))
			a++;
		while (end > a && strchr(" \t\r", end[-1]))
			end--;
		if (end > a) {
			struct cc_expect *e = &in->expects[in->nexpects++];
			read_expect(r, row, a, (size_t)(end - a), e);
			for (int k = 0; k < in->nexpects - 1; k++)
				if (strcmp(in->expects[k].id, e->id) == 0 && *e->id)
					bad(r, row->line, M_EXPECTS, "expected action \"%s\" is given "
					    "twice", e->id);
		}
		s = nl ? nl + 1 : end;
	}
}

static void read_row(struct rd *r, const struct cc_reg_row *row, struct cc_inject *in)
{
	const char *s = cell(r, row, M_ID), *after = cell(r, row, M_AFTER);

	memset(in, 0, sizeof(*in));
	in->line = row->line;
	in->col = r->t->col[r->col[M_ID]] + 1;
	in->after.index = -1;
	in->id = *s ? id_of(r, row, M_ID, s, strlen(s)) : text(r, row, M_ID);
	s = cell(r, row, M_AT);
	if (!*s)
		bad(r, row->line, M_AT, "give minutes of play (0 or more) or parts such as "
		    "\"D+1 H+2 M+30\"");
	else if (!cc_scenario_parse_time(s, &in->at))
		bad(r, row->line, M_AT, "\"%.60s\" is not minutes of play (a number >= 0) nor "
		    "parts such as \"D+1 H+2 M+30\"", s);
	read_to(r, row, in);
	read_channel(r, row, in);
	in->from = text(r, row, M_FROM);
	in->title = text(r, row, M_TITLE);
	in->content = text(r, row, M_CONTENT);
	in->notes = text(r, row, M_NOTES);
	read_expects(r, row, in);
	if (*after) {
		in->has_after = true;
		set_ref(&in->after, id_of(r, row, M_AFTER, after, strlen(after)), row,
			r->t->col[r->col[M_AFTER]]);
	}
}

/* What spans rows: ids once each, `after` naming a row's inject. */
static void across(struct rd *r, const struct cc_inject *in, int n)
{
	const struct cc_reg_row *rows = r->t->rows;

	for (int i = 0; i < n; i++) {
		for (int j = 0; j < i; j++)
			if (*in[i].id && strcmp(in[i].id, in[j].id) == 0) {
				bad(r, rows[i].line, M_ID, "the inject id \"%s\" is used on line %d "
				    "already", in[i].id, rows[j].line);
				break;
			}
		if (in[i].has_after && *in[i].after.id) {
			int k = 0;
			while (k < n && strcmp(in[k].id, in[i].after.id) != 0)
				k++;
			if (k == n)
				bad(r, rows[i].line, M_AFTER, "no inject of this table has the id "
				    "\"%.60s\"", in[i].after.id);
			else if (k == i)
				bad(r, rows[i].line, M_AFTER, "an inject cannot come after itself");
		}
	}
}

static int done(struct rd *r, struct cc_error *err)
{
	int rc = r->rc ? r->rc : r->errs->n || r->errs->dropped ? CC_EINPUT : CC_OK;

	if (rc)
		cc_xlsx_errors_summary(rc, r->errs, err);
	return rc;
}

int cc_msel_apply(const struct cc_reg_table *t, struct cc_scenario *sc,
		  struct cc_xlsx_errors *errs, struct cc_error *err)
{
	struct rd r = {.t = t, .sc = sc, .errs = errs};
	struct cc_inject *in;
	struct cc_error e;

	if (header(&r))
		return done(&r, err);
	in = cc_arena_array(&sc->arena, (size_t)t->nrows + 1, sizeof(*in));
	if (!in)
		return cc_error_set(err, CC_ENOMEM, t->sheet, 0, 0, "out of memory");
	for (int i = 0; i < t->nrows && !r.rc; i++)
		read_row(&r, &t->rows[i], &in[i]);
	if (!r.rc)
		across(&r, in, t->nrows);
	if (r.rc || errs->n || errs->dropped)
		return done(&r, err);
	sc->injects = in;
	sc->ninjects = t->nrows;
	sc->file = t->sheet;
	cc_error_clear(&e);
	/* what is left for it to find: an `after` chain that loops */
	if (cc_scenario_finish(sc, &e)) {
		if (e.code == CC_ENOMEM)
			return cc_error_set(err, CC_ENOMEM, t->sheet, 0, 0, "out of memory");
		if (cc_xlsx_errors_add(errs, t->sheet, (int)e.line, (int)e.col - 1, "column "
				       "\"after\": %s", e.msg))
			r.rc = CC_ENOMEM;
	}
	return done(&r, err);
}
