/*
 * risk_import.c - the register as a table (see risks.h): the columns an
 * assessment's matrix gives, the export, and the import, all or nothing.
 *
 * Columns: id, title, scenario, sectors (ids, ";" between), threat,
 * actor, owner, vulnerabilities, nodes ("framework:node", ";" between),
 * confidence, review_date, public (yes/no), public_title,
 * public_summary, then per phase P (inherent, current, target):
 * P_likelihood, P_impact (a matrix without dimensions) or P_impact_DIM
 * per dimension, P_confidence, P_rationale; and computed columns the
 * import ignores: P_impact (the highest, with dimensions), P_level,
 * treatments, actions.
 *
 * An imported row becomes the body POST takes and goes through the same
 * checks (risk_input.c), with levels and terms also by name; every
 * report is turned back into the cell it came from.
 */
#include "risks_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

enum kind {
	K_ID, K_TITLE, K_SCENARIO, K_SECTORS, K_THREAT, K_ACTOR, K_OWNER, K_VULN, K_NODES,
	K_CONFIDENCE, K_REVIEW, K_PUBLIC, K_PTITLE, K_PSUMMARY, K_NFIXED,
	K_LIKELIHOOD = K_NFIXED, K_IMPACT, K_PCONFIDENCE, K_RATIONALE,
	K_HIGHEST, K_LEVEL, K_TREATMENTS, K_ACTIONS,     /* computed */
};

static const char *const fixed[K_NFIXED] = {
	"id", "title", "scenario", "sectors", "threat", "actor", "owner", "vulnerabilities",
	"nodes", "confidence", "review_date", "public", "public_title", "public_summary",
};

struct col {
	char name[160];
	enum kind kind;
	int phase, dim;           /* -1 when none */
};

/* The columns of matrix m into a new array (*n of them); NULL when out
 * of memory. */
static struct col *columns(const struct cc_matrix *m, int *n)
{
	int nd = m->ndimensions, max = K_NFIXED + CC_NPHASES * (nd + 5) + 2;
	struct col *c = calloc((size_t)max, sizeof(*c));

	*n = 0;
	if (!c)
		return NULL;
	for (int k = 0; k < K_NFIXED; k++)
		c[(*n)++] = (struct col){"", (enum kind)k, -1, -1};
	for (int k = 0; k < K_NFIXED; k++)
		snprintf(c[k].name, sizeof(c[k].name), "%s", fixed[k]);
	for (int p = 0; p < CC_NPHASES; p++) {
		const char *ph = cc_phase_names[p];
		struct col *x = &c[(*n)++];

		*x = (struct col){"", K_LIKELIHOOD, p, -1};
		snprintf(x->name, sizeof(x->name), "%s_likelihood", ph);
		for (int d = 0; d < (nd ? nd : 1); d++) {
			x = &c[(*n)++];
			*x = (struct col){"", K_IMPACT, p, nd ? d : -1};
			if (nd)
				snprintf(x->name, sizeof(x->name), "%s_impact_%.120s", ph,
					 m->dimensions[d].id);
			else
				snprintf(x->name, sizeof(x->name), "%s_impact", ph);
		}
		if (nd) {
			x = &c[(*n)++];
			*x = (struct col){"", K_HIGHEST, p, -1};
			snprintf(x->name, sizeof(x->name), "%s_impact", ph);
		}
		x = &c[(*n)++];
		*x = (struct col){"", K_LEVEL, p, -1};
		snprintf(x->name, sizeof(x->name), "%s_level", ph);
		x = &c[(*n)++];
		*x = (struct col){"", K_PCONFIDENCE, p, -1};
		snprintf(x->name, sizeof(x->name), "%s_confidence", ph);
		x = &c[(*n)++];
		*x = (struct col){"", K_RATIONALE, p, -1};
		snprintf(x->name, sizeof(x->name), "%s_rationale", ph);
	}
	c[(*n)++] = (struct col){"treatments", K_TREATMENTS, -1, -1};
	c[(*n)++] = (struct col){"actions", K_ACTIONS, -1, -1};
	return c;
}

/* ---- export ---- */

/* a, b, ... joined by sep in ar. */
static const char *join(struct cc_arena *ar, const char *const *parts, int n, const char *sep)
{
	size_t len = 1;
	char *s;

	for (int i = 0; i < n; i++)
		len += strlen(parts[i]) + strlen(sep);
	if (!(s = cc_arena_alloc(ar, len)))
		return NULL;
	for (int i = 0; i < n; i++) {
		if (i)
			strcat(s, sep);
		strcat(s, parts[i]);
	}
	return s;
}

static const char *cell_of(const struct cc_register *reg, const struct cc_risk_view *v,
			   const struct col *c, struct cc_arena *ar)
{
	const struct cc_risk_rec *r = v->r;
	const struct cc_matrix *m = &reg->m;
	const struct cc_rated *x = c->phase >= 0 ? &v->phase[c->phase] : NULL;
	const char *parts[CC_RISK_MAX_TREATMENTS + CC_RISK_MAX_NODES + 1];
	int n = 0;

	switch (c->kind) {
	case K_ID: return r->id;
	case K_TITLE: return r->title;
	case K_SCENARIO: return r->scenario;
	case K_SECTORS: return join(ar, v->sectors, v->nsectors, "; ");
	case K_THREAT: return r->threat;
	case K_ACTOR: return r->actor;
	case K_OWNER: return r->owner;
	case K_VULN: return r->vulnerabilities;
	case K_NODES:
		for (int k = 0; k < v->nnodes && n < CC_RISK_MAX_NODES; k++) {
			char *s = cc_arena_alloc(ar, strlen(v->nodes[k]->framework) +
						 strlen(v->nodes[k]->value) + 2);
			if (!s)
				return NULL;
			sprintf(s, "%s:%s", v->nodes[k]->framework, v->nodes[k]->value);
			parts[n++] = s;
		}
		return join(ar, parts, n, "; ");
	case K_CONFIDENCE: return r->confidence;
	case K_REVIEW: return r->review_date;
	case K_PUBLIC: return r->is_public ? "yes" : "no";
	case K_PTITLE: return r->public_title;
	case K_PSUMMARY: return r->public_summary;
	case K_LIKELIHOOD: return x->set ? m->likelihood[x->likelihood].id : NULL;
	case K_IMPACT:
		if (!x->set)
			return NULL;
		n = x->impacts[c->dim < 0 ? 0 : c->dim];
		return n >= 0 ? m->impact[n].id : NULL;
	case K_HIGHEST: return x->set ? m->impact[x->impact].id : NULL;
	case K_LEVEL: return x->set ? m->levels[x->level].id : NULL;
	case K_PCONFIDENCE: return x->set ? x->rec->confidence : NULL;
	case K_RATIONALE: return x->set ? x->rec->rationale : NULL;
	case K_TREATMENTS:
		for (int k = 0; k < v->ntreatments; k++)
			parts[n++] = v->treatments[k]->option;
		return join(ar, parts, n, "; ");
	case K_ACTIONS:
		for (int k = 0; k < v->ntreatments; k++) {
			const struct cc_treatment_rec *t = v->treatments[k];
			char *s;
			if (!t->action)
				continue;
			s = cc_arena_alloc(ar, strlen(t->plan) + strlen(t->action_status) + 40);
			if (!s)
				return NULL;
			sprintf(s, "%s#%lld: %s", t->plan, t->action, t->action_status);
			parts[n++] = s;
		}
		return join(ar, parts, n, "; ");
	default:
		return NULL;
	}
}

/* "label\tvalue" lines for the Matrix sheet: the levels to choose from
 * and the taxonomies. */
static int help_lines(const struct cc_matrix *m, const struct cc_list *terms,
		      struct cc_arena *ar, const char ***out, int *n)
{
	static const char *const heads[] = {"Likelihood levels", "Impact dimensions",
					    "Impact levels", "Risk levels"};
	const struct cc_mitem *lists[] = {m->likelihood, m->dimensions, m->impact, m->levels};
	int counts[] = {m->nlikelihood, m->ndimensions, m->nimpact, m->nlevels}, max = 8;
	const struct cc_term_rec *t = terms->items;
	const char **l;

	for (int i = 0; i < 4; i++)
		max += counts[i] + 1;
	max += terms->n + 3;
	if (!(l = cc_arena_array(ar, (size_t)max, sizeof(char *))))
		return CC_ENOMEM;
	*n = 0;
	l[(*n)++] = cc_arena_strdup(ar, m->title);
	for (int i = 0; i < 4; i++) {
		if (!counts[i])
			continue;
		l[(*n)++] = heads[i];
		for (int k = 0; k < counts[i]; k++) {
			char *s = cc_arena_alloc(ar, strlen(lists[i][k].id) + strlen(lists[i][k].name) + 2);
			if (!s)
				return CC_ENOMEM;
			sprintf(s, "%s\t%s", lists[i][k].id, lists[i][k].name);
			l[(*n)++] = s;
		}
	}
	for (int k = 0; k < terms->n; k++) {
		char *s = cc_arena_alloc(ar, strlen(t[k].kind) + strlen(t[k].id) + strlen(t[k].name) + 8);
		if (!s)
			return CC_ENOMEM;
		if (k == 0 || strcmp(t[k].kind, t[k - 1].kind) != 0)
			l[(*n)++] = !strcmp(t[k].kind, "sector") ? "Sectors (sectors column)" :
				!strcmp(t[k].kind, "threat") ? "Threats (threat column)" :
				"Actor types (actor column)";
		sprintf(s, "%s\t%s", t[k].id, t[k].name);
		l[(*n)++] = s;
	}
	*out = l;
	return CC_OK;
}

int cc_register_export(struct cc_store *s, const struct cc_register *reg,
		       struct cc_reg_out *o, struct cc_arena *ar, struct cc_error *err)
{
	struct cc_list terms;
	const char **header, **cells, **meta, **help;
	int ncols, nhelp, rc;
	struct col *c = columns(&reg->m, &ncols);

	memset(o, 0, sizeof(*o));
	if (!c)
		return cc_error_set(err, CC_ENOMEM, NULL, 0, 0, "out of memory");
	header = cc_arena_array(ar, (size_t)ncols, sizeof(char *));
	cells = cc_arena_array(ar, (size_t)ncols * ((size_t)reg->n + 1), sizeof(char *));
	meta = cc_arena_array(ar, 6, sizeof(char *));
	rc = !header || !cells || !meta ? CC_ENOMEM : cc_store_terms(s, NULL, &terms, err);
	if (!rc) {
		rc = help_lines(&reg->m, &terms, ar, &help, &nhelp);
		for (int k = 0; !rc && k < ncols; k++)
			if (!(header[k] = cc_arena_strdup(ar, c[k].name)))
				rc = CC_ENOMEM;
		for (int r = 0; !rc && r < reg->n; r++)
			for (int k = 0; k < ncols; k++)
				cells[(size_t)r * (size_t)ncols + (size_t)k] =
					cell_of(reg, &reg->v[reg->order[r]], &c[k], ar);
		cc_list_free(&terms);
	}
	free(c);
	if (rc)
		return rc == CC_ENOMEM ? cc_error_set(err, rc, NULL, 0, 0, "out of memory") : rc;
	meta[0] = "assessment", meta[1] = reg->a->id;
	meta[2] = "matrix", meta[3] = reg->a->matrix;
	meta[4] = "matrix hash", meta[5] = reg->a->matrix_hash;
	*o = (struct cc_reg_out){header, ncols, cells, reg->n, meta, 3, help, nhelp, NULL, NULL, NULL};
	return CC_OK;
}

/* ---- import ---- */

struct imp {
	const struct cc_reg_table *t;
	const struct cc_reg_row *row;
	struct cc_xlsx_errors *errs;
	const struct cc_matrix *m;
	int fatal;
};

static int header_index(const struct cc_reg_table *t, const char *name)
{
	for (int k = 0; k < t->ncols; k++)
		if (strcmp(t->header[k], name) == 0)
			return k;
	return -1;
}

static void bad_cell(struct imp *im, int k, const char *msg)
{
	if (cc_xlsx_errors_add(im->errs, im->t->sheet, im->row ? im->row->row : 1,
			       k >= 0 ? im->t->col[k] : -1, "%s", msg))
		im->fatal = CC_ENOMEM;
}

/* A report of the checks (field) back to its cell. */
static void bad_field(void *ud, const char *field, const char *msg)
{
	struct imp *im = ud;
	const struct cc_matrix *m = im->m;
	char name[200];
	size_t n = strcspn(field, "[.");
	int p = -1;

	for (int q = 0; q < CC_NPHASES; q++)
		if (strlen(cc_phase_names[q]) == n && strncmp(field, cc_phase_names[q], n) == 0)
			p = q;
	snprintf(name, sizeof(name), "%.*s", (int)n, field);
	if (p >= 0) {
		const char *rest = field[n] == '.' ? field + n + 1 : "likelihood";
		if (strncmp(rest, "impacts.", 8) == 0)
			snprintf(name, sizeof(name), "%s_impact_%.100s", cc_phase_names[p], rest + 8);
		else if (strncmp(rest, "impact", 6) == 0 && m->ndimensions)
			snprintf(name, sizeof(name), "%s_impact_%.100s", cc_phase_names[p],
				 m->dimensions[0].id);
		else if (strncmp(rest, "impact", 6) == 0)
			snprintf(name, sizeof(name), "%s_impact", cc_phase_names[p]);
		else
			snprintf(name, sizeof(name), "%s_%.100s", cc_phase_names[p], rest);
	}
	bad_cell(im, header_index(im->t, name), msg);
}

static const char *cell(const struct imp *im, const char *name)
{
	int k = header_index(im->t, name);
	return k >= 0 ? im->row->cells[k] : "";
}

/* s split at sep into a JSON array of the trimmed non-empty parts. */
static json_t *split(const char *s, char sep)
{
	json_t *a = json_array();

	while (a && *s) {
		const char *e = strchr(s, sep);
		size_t n = e ? (size_t)(e - s) : strlen(s);
		const char *p = s;

		while (n && (*p == ' ' || *p == '\t'))
			p++, n--;
		while (n && (p[n - 1] == ' ' || p[n - 1] == '\t'))
			n--;
		if (n)
			json_array_append_new(a, json_stringn(p, n));
		s = e ? e + 1 : s + strlen(s);
	}
	return a;
}

static void set_text(json_t *o, const char *key, const char *v)
{
	if (*v)
		json_object_set_new(o, key, json_string(v));
}

/* One phase's cells as a rating object; NULL when they are all empty. */
static json_t *phase_cells(struct imp *im, int p)
{
	const struct cc_matrix *m = im->m;
	const char *ph = cc_phase_names[p];
	json_t *o = json_object(), *imp = json_object();
	char name[200];
	bool any = false;

	snprintf(name, sizeof(name), "%s_likelihood", ph);
	set_text(o, "likelihood", cell(im, name));
	for (int d = 0; d < (m->ndimensions ? m->ndimensions : 1); d++) {
		const char *v;
		if (m->ndimensions)
			snprintf(name, sizeof(name), "%s_impact_%.120s", ph, m->dimensions[d].id);
		else
			snprintf(name, sizeof(name), "%s_impact", ph);
		v = cell(im, name);
		if (*v && m->ndimensions)
			json_object_set_new(imp, m->dimensions[d].id, json_string(v));
		else if (*v)
			json_object_set_new(o, "impact", json_string(v));
	}
	if (m->ndimensions && json_object_size(imp))
		json_object_set(o, "impacts", imp);
	snprintf(name, sizeof(name), "%s_confidence", ph);
	set_text(o, "confidence", cell(im, name));
	snprintf(name, sizeof(name), "%s_rationale", ph);
	set_text(o, "rationale", cell(im, name));
	json_decref(imp);
	any = json_object_size(o) > 0;
	if (any && m->ndimensions && !json_object_get(o, "impacts"))
		json_object_set_new(o, "impacts", json_object());
	if (!any) {
		json_decref(o);
		return NULL;
	}
	return o;
}

/* The row as the body POST takes; cells that cannot become one are
 * reported here. */
static json_t *row_body(struct imp *im)
{
	json_t *o = json_object(), *nodes = json_array(), *parts;
	const char *pub = cell(im, "public");
	size_t i;
	json_t *x;

	for (int k = K_ID; k <= K_PSUMMARY; k++)
		if (k != K_SECTORS && k != K_NODES && k != K_PUBLIC)
			set_text(o, fixed[k], cell(im, fixed[k]));
	json_object_set_new(o, "sectors", split(cell(im, "sectors"), ';'));
	parts = split(cell(im, "nodes"), ';');
	json_array_foreach(parts, i, x) {
		const char *s = json_string_value(x), *colon = strchr(s, ':');
		if (!colon || colon == s || !colon[1]) {
			bad_cell(im, header_index(im->t, "nodes"), "nodes are framework:node, "
				 "separated by \";\"");
			continue;
		}
		json_array_append_new(nodes, json_pack("{s:s%,s:s}", "framework", s,
						       (size_t)(colon - s), "node", colon + 1));
	}
	json_decref(parts);
	json_object_set_new(o, "nodes", nodes);
	if (!strcasecmp(pub, "yes") || !strcasecmp(pub, "true") || !strcmp(pub, "1"))
		json_object_set_new(o, "public", json_true());
	else if (*pub && strcasecmp(pub, "no") && strcasecmp(pub, "false") && strcmp(pub, "0"))
		bad_cell(im, header_index(im->t, "public"), "public is yes or no");
	for (int p = 0; p < CC_NPHASES; p++) {
		json_t *ph = phase_cells(im, p);
		if (ph)
			json_object_set_new(o, cc_phase_names[p], ph);
	}
	return o;
}

/* The header: every name a column of the matrix, the required ones
 * there. Returns how many required ones are missing (rows are checked
 * only when none is: each would lack them all). */
static int check_header(struct imp *im, const struct col *c, int ncols)
{
	static const char *const required[] = {"title", "scenario", "sectors", "threat", "actor",
					       "owner", "inherent_likelihood", "current_likelihood",
					       NULL};
	const struct cc_reg_table *t = im->t;
	char msg[300];
	int missing = 0;

	for (int k = 0; k < t->ncols; k++) {
		bool known = false;
		for (int j = 0; j < ncols && !known; j++)
			known = strcmp(t->header[k], c[j].name) == 0;
		if (!known) {
			snprintf(msg, sizeof(msg), "\"%.100s\" is not a column of a register on "
				 "matrix %s (docs/risks.md lists them)", t->header[k], im->m->id);
			bad_cell(im, k, msg);
		}
	}
	for (int i = 0; required[i]; i++) {
		if (header_index(t, required[i]) >= 0)
			continue;
		snprintf(msg, sizeof(msg), "the header has no column \"%s\"", required[i]);
		bad_cell(im, -1, msg);
		missing++;
	}
	return missing;
}

struct parsed {
	struct cc__risk_in in;      /* its texts point into body */
	json_t *body;
	int at;                     /* in the register, -1: new */
	bool used;
};

/* Checks every row into rows[]; reports go to errs. */
static int check_rows(struct cc_store *s, const struct cc_register *reg, struct imp *im,
		      struct parsed *rows, struct cc_error *err)
{
	const struct cc_reg_table *t = im->t;
	struct cc__risk_ctx c;
	int rc = cc__risk_ctx_open(&c, s, &reg->m, err);

	if (rc)
		return rc;
	c.names = true;
	c.bad = bad_field;
	c.ud = im;
	for (int i = 0; i < t->nrows && !c.fatal && !im->fatal; i++) {
		im->row = &t->rows[i];
		cc__risk_in_init(&rows[i].in);
		rows[i].used = true;
		rows[i].body = row_body(im);
		cc__risk_parse(&c, rows[i].body, &rows[i].in);
		rows[i].at = rows[i].in.rec.id ? cc_register_find(reg, rows[i].in.rec.id) : -1;
		for (int j = 0; j < i && rows[i].in.rec.id; j++)
			if (rows[j].in.rec.id && strcmp(rows[j].in.rec.id, rows[i].in.rec.id) == 0) {
				char msg[200];
				snprintf(msg, sizeof(msg), "risk \"%s\" is in the file twice (row %d)",
					 rows[i].in.rec.id, t->rows[j].row);
				bad_cell(im, header_index(t, "id"), msg);
			}
	}
	rc = c.fatal ? c.fatal : im->fatal;
	cc__risk_ctx_close(&c);
	return rc ? cc_error_set(err, rc, NULL, 0, 0, "out of memory") : CC_OK;
}

static int write_rows(struct cc_store *s, const struct cc_register *reg, struct parsed *rows,
		      int n, const char *actor, int *created, int *updated, struct cc_error *err)
{
	char (*ids)[CC_RISK_ID_MAX + 1] = calloc((size_t)n + 1, sizeof(*ids));
	const char **taken = calloc((size_t)n + 1, sizeof(char *));
	int rc = ids && taken ? CC_OK : cc_error_set(err, CC_ENOMEM, NULL, 0, 0, "out of memory");

	for (int i = 0; !rc && i < n; i++)
		taken[i] = rows[i].in.rec.id;
	for (int i = 0; !rc && i < n; i++) {
		struct cc__risk_in *in = &rows[i].in;
		long long key;

		if (!in->rec.id) {
			cc__risk_new_id(reg, taken, n, ids[i]);
			in->rec.id = taken[i] = ids[i];
		}
		for (int p = 0; p < CC_NPHASES; p++)
			in->ph[p].given = true;
		in->rec.key = rows[i].at >= 0 ? reg->v[rows[i].at].r->key : 0;
		rc = cc__risk_write(s, reg, in, rows[i].at >= 0 ? cc_risk_input_json(reg, rows[i].at) :
				    NULL, actor, &key, err);
		*(rows[i].at >= 0 ? updated : created) += !rc;
	}
	free(ids);
	free(taken);
	return rc;
}

static int import(struct cc_store *s, const char *assessment, const struct cc_reg_table *t,
		  const char *actor, struct cc_xlsx_errors *errs, int *created, int *updated,
		  struct cc_error *err)
{
	struct cc_register reg;
	struct imp im = {.t = t, .errs = errs};
	struct parsed *rows = NULL;
	struct col *c = NULL;
	const char *meta = cc_reg_table_meta(t, "assessment");
	int ncols, fresh = 0, rc = cc_register_load(s, assessment, &reg, err);

	if (!rc) {
		im.m = &reg.m;
		c = columns(&reg.m, &ncols);
		rows = calloc((size_t)t->nrows + 1, sizeof(*rows));
		if (!c || !rows)
			rc = cc_error_set(err, CC_ENOMEM, NULL, 0, 0, "out of memory");
	}
	if (!rc && meta && strcmp(meta, assessment) != 0) {
		char msg[300];
		snprintf(msg, sizeof(msg), "this is the register of %.100s, not of %s", meta,
			 assessment);
		if (cc_xlsx_errors_add(errs, "meta", 0, -1, "%s", msg))
			rc = CC_ENOMEM;
	}
	if (!rc && !check_header(&im, c, ncols))
		rc = check_rows(s, &reg, &im, rows, err);
	for (int i = 0; !rc && i < t->nrows; i++)
		fresh += rows[i].at < 0;
	if (!rc && !errs->n && reg.n + fresh > CC_RISK_MAX_RISKS)
		rc = cc_error_set(err, CC_ELIMIT, NULL, 0, 0, "an assessment holds at most %d risks",
				  CC_RISK_MAX_RISKS);
	if (!rc && (errs->n || errs->dropped)) {
		rc = CC_EINPUT;
		cc_xlsx_errors_summary(rc, errs, err);
	}
	if (!rc)
		rc = write_rows(s, &reg, rows, t->nrows, actor, created, updated, err);
	for (int i = 0; rows && i < t->nrows; i++)
		if (rows[i].used) {
			cc__risk_in_free(&rows[i].in);
			json_decref(rows[i].body);
		}
	free(rows);
	free(c);
	cc_register_free(&reg);
	return rc;
}

int cc_register_import(struct cc_store *s, const char *assessment, const char *data,
		       size_t len, bool xlsx, const char *name, const char *actor,
		       struct cc_xlsx_errors *errs, int *created, int *updated,
		       struct cc_error *err)
{
	struct cc_reg_table t;
	int rc = xlsx ? cc_reg_table_xlsx(data, len, &t, errs, err) :
		cc_reg_table_csv(name, data, len, &t, errs, err);

	*created = *updated = 0;
	if (!rc) {
		rc = cc_store_begin(s, err);
		if (!rc)
			rc = import(s, assessment, &t, actor, errs, created, updated, err);
		if (!rc)
			rc = cc_store_commit(s, err);
		if (rc) {
			cc_store_rollback(s);
			*created = *updated = 0;
		}
	}
	cc_reg_table_free(&t);
	return rc;
}
