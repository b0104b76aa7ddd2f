/*
 * mapping.c - binding a crosswalk to its frameworks, what covers a target
 * node, and pre-filling target answers from source answers (see
 * mapping.h and ../shared/spec/mapping-format.md).
 */
#include "mapping.h"

#include "score.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Distances this close are ties (values are shares computed in double). */
#define CC_MAPPING_TIE 1e-12

int cc_mapping_init(struct cc_mapping *m, const char *file)
{
	memset(m, 0, sizeof(*m));
	cc_arena_init(&m->arena);
	m->file = cc_arena_strdup(&m->arena, file ? file : "");
	return m->file ? CC_OK : CC_ENOMEM;
}

void cc_mapping_free(struct cc_mapping *m)
{
	cc_arena_free(&m->arena);
	memset(m, 0, sizeof(*m));
}

void cc_bound_mapping_free(struct cc_bound_mapping *b)
{
	if (b->loaded > 2)
		cc_framework_free(&b->dst);
	if (b->loaded > 1)
		cc_framework_free(&b->src);
	if (b->loaded > 0)
		cc_mapping_free(&b->m);
	b->loaded = 0;
}

const char *cc_relation_name(enum cc_relation r)
{
	static const char *const names[] = {"equal", "superset", "subset", "intersect",
					    "not_related"};
	return names[r];
}

static int check_fw(const struct cc_mapping *m, const char *role, const char *want,
		    const char *version, long line, long col, long vline, long vcol,
		    const struct cc_framework *fw, struct cc_error *err)
{
	if (strcmp(want, fw->id) != 0)
		return cc_error_set(err, CC_EINPUT, m->file, line, col,
				    "the mapping's %s is \"%s\", but the %s framework given is \"%s\" (%s)",
				    role, want, role, fw->id, fw->file);
	if (version && (!fw->version || strcmp(version, fw->version) != 0))
		return cc_error_set(err, CC_EINPUT, m->file, vline, vcol,
				    "the mapping is for %s version \"%s\", but %s is version \"%s\"",
				    want, version, fw->file, fw->version ? fw->version : "(none)");
	return CC_OK;
}

int cc_mapping_bind(struct cc_mapping *m, const struct cc_framework *src,
		    const struct cc_framework *dst, struct cc_error *err)
{
	int rc;

	if ((rc = check_fw(m, "source", m->source, m->source_version, m->source_line,
			   m->source_col, m->sv_line, m->sv_col, src, err)) ||
	    (rc = check_fw(m, "target", m->target, m->target_version, m->target_line,
			   m->target_col, m->tv_line, m->tv_col, dst, err)))
		return rc;
	for (int i = 0; i < m->npairs; i++) {
		struct cc_mapping_pair *p = &m->pairs[i];

		p->source = cc_framework_find(src, p->source_id);
		if (p->source < 0)
			return cc_error_set(err, CC_EINPUT, m->file, p->source_line, p->source_col,
					    "\"%s\" is not a node of the source framework %s",
					    p->source_id, src->id);
		p->target = cc_framework_find(dst, p->target_id);
		if (p->target < 0)
			return cc_error_set(err, CC_EINPUT, m->file, p->target_line, p->target_col,
					    "\"%s\" is not a node of the target framework %s",
					    p->target_id, dst->id);
	}
	return CC_OK;
}

int cc_mapping_cover(const struct cc_mapping *m, int t)
{
	int best = -1;

	for (int i = 0; i < m->npairs; i++)
		if (m->pairs[i].target == t && (best < 0 || (int)m->pairs[i].relation < best))
			best = (int)m->pairs[i].relation;
	return best;
}

int cc_mapping_sources(const struct cc_mapping *m, int t, int *out, int max)
{
	int rel = cc_mapping_cover(m, t), n = 0;

	for (int i = 0; rel >= 0 && i < m->npairs; i++)
		if (m->pairs[i].target == t && (int)m->pairs[i].relation == rel) {
			if (n < max)
				out[n] = i;
			n++;
		}
	return n;
}

static bool applied(const struct cc_mapping_pair *p)
{
	return p->relation == CC_REL_EQUAL || p->relation == CC_REL_SUPERSET;
}

/* The target's answer closest to v: candidates in the contract's order
 * (yes_no: no, yes, partial; choice: options; rating: levels); a tie
 * goes to the lower value, equal values to the first. */
static const char *closest(const struct cc_node *q, double v, char *buf, size_t size)
{
	double best_d = INFINITY, best_v = 0;
	int best = -1, n;

	n = q->qtype == CC_Q_YES_NO ? (q->has_partial ? 3 : 2) :
	    q->qtype == CC_Q_CHOICE ? q->noptions : q->rating_scale->nlevels;
	for (int k = 0; k < n; k++) {
		double val, d;

		if (q->qtype == CC_Q_YES_NO)
			val = k == 0 ? 0 : k == 1 ? 1 : q->partial;
		else if (q->qtype == CC_Q_CHOICE)
			val = q->options[k].value;
		else {
			const struct cc_scale *sc = q->rating_scale;
			val = (double)(sc->levels[k].value - sc->levels[0].value) /
			      (sc->levels[sc->nlevels - 1].value - sc->levels[0].value);
		}
		d = fabs(val - v);
		if (best < 0 || d < best_d - CC_MAPPING_TIE ||
		    (fabs(d - best_d) <= CC_MAPPING_TIE && val < best_v)) {
			best = k;
			best_d = d;
			best_v = val;
		}
	}
	if (q->qtype == CC_Q_YES_NO)
		return best == 0 ? "no" : best == 1 ? "yes" : "partial";
	if (q->qtype == CC_Q_CHOICE)
		return q->options[best].id;
	snprintf(buf, size, "%d", q->rating_scale->levels[best].value);
	return buf;
}

static bool fillable(const struct cc_node *q)
{
	return q->kind == CC_QUESTION &&
	       (q->qtype == CC_Q_YES_NO || q->qtype == CC_Q_CHOICE || q->qtype == CC_Q_RATING);
}

void cc_prefill_free(struct cc_prefill *p, int n)
{
	for (int i = 0; p && i < n; i++) {
		free(p[i].pairs);
		free(p[i].answer);
	}
	free(p);
}

/* Appends the row of unit u and target question t, if any source
 * question of an applied pair has a value. */
static int fill_one(const struct cc_mapping *m, const struct cc_framework *src,
		    const struct cc_answers *a, const struct cc_node *q, int u, int t,
		    const double *values, struct cc_prefill *row, int *used)
{
	double sum = 0;
	int cnt = 0;

	row->pairs = malloc((size_t)m->npairs * sizeof(int) + 1);
	if (!row->pairs)
		return CC_ENOMEM;
	row->npairs = 0;
	for (int i = 0; i < m->npairs; i++) {
		const struct cc_mapping_pair *p = &m->pairs[i];
		const struct cc_node *s = &src->nodes[p->source];

		if (p->target != t || !applied(p) || s->kind != CC_QUESTION ||
		    !cc_answer_present(cc_answers_cell(a, u, s->leaf)) || isnan(values[p->source]))
			continue;
		sum += values[p->source];
		cnt++;
		row->pairs[row->npairs++] = i;
	}
	if (!cnt) {
		free(row->pairs);
		row->pairs = NULL;
		return CC_OK;
	}
	row->unit = u;
	row->question = t;
	{
		char buf[32];
		row->answer = strdup(closest(q, sum / cnt, buf, sizeof(buf)));
		if (!row->answer)
			return CC_ENOMEM;
	}
	(*used)++;
	return CC_OK;
}

int cc_mapping_apply(const struct cc_mapping *m, const struct cc_framework *src,
		     const struct cc_framework *dst, const struct cc_answers *a,
		     struct cc_prefill **out, int *n, struct cc_error *err)
{
	size_t cap = (size_t)a->nunits * (size_t)dst->nnodes + 1;
	struct cc_range *ranges = malloc(((size_t)src->nleaves + 1) * sizeof(*ranges));
	double *values = malloc(((size_t)src->nnodes + 1) * sizeof(double));
	unsigned char *state = malloc((size_t)src->nnodes + 1);
	int rc = CC_OK;

	*n = 0;
	*out = calloc(cap, sizeof(**out));
	if (!ranges || !values || !state || !*out) {
		rc = cc_error_set(err, CC_ENOMEM, NULL, 0, 0, "out of memory");
		goto cleanup;
	}
	cc_score_ranges(src, a, ranges);
	for (int u = 0; !rc && u < a->nunits; u++) {
		cc_score_unit(src, a, ranges, NULL, u, values, state);
		for (int t = 1; !rc && t < dst->nnodes; t++)
			if (fillable(&dst->nodes[t]))
				rc = fill_one(m, src, a, &dst->nodes[t], u, t, values, &(*out)[*n], n);
	}
	if (rc)
		rc = cc_error_set(err, CC_ENOMEM, NULL, 0, 0, "out of memory");
cleanup:
	free(ranges);
	free(values);
	free(state);
	if (rc) {
		cc_prefill_free(*out, *n);
		*out = NULL;
		*n = 0;
	}
	return rc;
}
