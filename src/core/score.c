/*
 * score.c - the scoring rules (see score.h and docs/framework-format.md).
 *
 * Two passes per unit. First, in fw->order, each node's applicability:
 * applicable, not applicable and zero, or not applicable and excluded; a
 * node inherits its parent's state, else its own `when` decides. Second, in
 * reverse pre-order (children before parents), each node's value.
 */
#include "score.h"

#include "rank.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>


/* A node's weight: the model's when it varies them, else the file's. */
#define WEIGHT(fw, weight, i) ((weight) ? (weight)[i] : (fw)->nodes[i].weight)

void cc_score_ranges(const struct cc_framework *fw, const struct cc_answers *a,
		     struct cc_range *ranges)
{
	for (int l = 0; l < fw->nleaves; l++) {
		ranges[l].lo = INFINITY;
		ranges[l].hi = -INFINITY;
		ranges[l].count = 0;
		ranges[l].mean = ranges[l].sd = 0;
		ranges[l].sorted = NULL;
	}
	for (int l = 0; l < fw->nleaves; l++) {
		if (fw->nodes[fw->leaves[l]].kind != CC_INDICATOR)
			continue;
		for (int u = 0; u < a->nunits; u++) {
			const struct cc_answer *c = cc_answers_cell(a, u, l);
			if (!cc_answer_present(c))
				continue;
			if (c->num < ranges[l].lo)
				ranges[l].lo = c->num;
			if (c->num > ranges[l].hi)
				ranges[l].hi = c->num;
			ranges[l].count++;
		}
	}
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

int cc_score_ranges_full(const struct cc_framework *fw,
			 const struct cc_answers *a, struct cc_range *ranges,
			 double **sorted_out)
{
	size_t total = 0, at = 0;
	double *sorted;

	cc_score_ranges(fw, a, ranges);
	for (int l = 0; l < fw->nleaves; l++)
		total += (size_t)ranges[l].count;
	sorted = malloc(total * sizeof(double) + 1);
	if (!sorted)
		return CC_ENOMEM;
	for (int l = 0; l < fw->nleaves; l++) {
		double sum = 0, ss = 0, *v = sorted + at;
		int n = 0;

		if (!ranges[l].count)
			continue;
		for (int u = 0; u < a->nunits; u++) {
			const struct cc_answer *c = cc_answers_cell(a, u, l);
			if (cc_answer_present(c)) {
				v[n++] = c->num;
				sum += c->num;
			}
		}
		ranges[l].mean = sum / n;
		for (int i = 0; i < n; i++)
			ss += (v[i] - ranges[l].mean) * (v[i] - ranges[l].mean);
		ranges[l].sd = n > 1 ? sqrt(ss / (n - 1)) : 0;
		qsort(v, (size_t)n, sizeof(double), cmp_double);
		ranges[l].sorted = v;
		at += (size_t)n;
	}
	*sorted_out = sorted;
	return CC_OK;
}

/* Percentile rank of x among the sorted values, ties at their middle. */
static double rank_value(const struct cc_range *r, double x)
{
	int below = 0, equal = 0;

	if (!r->sorted || r->count < 2)
		return 1;
	for (int lo = 0, hi = r->count; lo < hi;) {
		int mid = (lo + hi) / 2;
		if (r->sorted[mid] < x)
			lo = below = mid + 1;
		else
			hi = mid;
	}
	while (below + equal < r->count && r->sorted[below + equal] == x)
		equal++;
	return (below + 0.5 * (equal > 0 ? equal - 1 : 0)) / (r->count - 1);
}

static int when_holds(const struct cc_framework *fw, const struct cc_answers *a,
		      int unit, const struct cc_node *n,
		      const unsigned char *state)
{
	const struct cc_when *w = &n->when;
	const struct cc_node *q = &fw->nodes[w->q];
	const struct cc_answer *c = cc_answers_cell(a, unit, q->leaf);

	if (state[w->q] != CC_APPLIES || !cc_answer_present(c))
		return 0;
	switch (q->qtype) {
	case CC_Q_MULTI:
		return (c->bits & w->bits) != 0;
	case CC_Q_NUMBER:
		return c->num == w->num;
	case CC_Q_TEXT:
		return strcmp(a->texts[c->bits], w->is) == 0;
	default:
		return c->bits == w->bits;
	}
}

static double normalise(const struct cc_node *n, enum cc_norm norm,
			const struct cc_range *r, double x)
{
	double v;

	switch (norm) {
	case CC_NORM_GOALPOSTS:
		if (n->has_goalposts) {
			v = (x - n->lo) / (n->hi - n->lo);
			v = v < 0 ? 0 : v > 1 ? 1 : v;
			break;
		}
		/* No goalposts in the file (a varied model): use minmax. */
		v = r->hi > r->lo ? (x - r->lo) / (r->hi - r->lo) : 1;
		break;
	case CC_NORM_MINMAX:
		v = r->hi > r->lo ? (x - r->lo) / (r->hi - r->lo) : 1;
		break;
	case CC_NORM_ZSCORE:
		/* The z-score through the normal CDF, so values stay in [0, 1]. */
		v = r->sd > 0 ? 0.5 * erfc(-(x - r->mean) / (r->sd * M_SQRT2)) : 0.5;
		break;
	case CC_NORM_RANK:
		v = rank_value(r, x);
		break;
	default:
		v = x < 0 ? 0 : x > 1 ? 1 : x;
		break;
	}
	return n->direction < 0 ? 1 - v : v;
}

static double leaf_value(const struct cc_framework *fw,
			 const struct cc_answers *a, const struct cc_range *ranges,
			 const struct cc_model *model, int unit,
			 const struct cc_node *n, int node)
{
	const struct cc_answer *c = cc_answers_cell(a, unit, n->leaf);
	int missing = model && model->missing >= 0 ? model->missing : (int)fw->missing;

	if (n->kind == CC_INDICATOR) {
		enum cc_norm norm = model && model->norm ?
			(enum cc_norm)model->norm[node] : n->norm;
		return cc_answer_present(c) ?
			normalise(n, norm, &ranges[n->leaf], c->num) : NAN;
	}
	if (n->qtype == CC_Q_TEXT)
		return NAN;
	if (cc_answer_present(c))
		return cc_answer_value(n, c);
	return missing == CC_MISSING_ZERO ? 0 : NAN;
}

static double stage_value(const struct cc_framework *fw, const struct cc_node *n,
			  const double *values, const double *weight)
{
	int first_short = n->max_stage + 1, any = 0;

	for (int c = 0; c < n->nchildren; c++) {
		int ch = n->children[c];
		double v = values[ch];

		if (isnan(v) || WEIGHT(fw, weight, ch) <= 0)
			continue;
		any = 1;
		if (v < 1 && fw->nodes[ch].stage < first_short)
			first_short = fw->nodes[ch].stage;
	}
	if (!any)
		return NAN;
	return (double)(first_short - 1) / n->max_stage;
}

double cc_group_value(const struct cc_framework *fw, const struct cc_node *n,
		      enum cc_agg agg, const double *values, const double *weight,
		      const double *logs)
{
	double W = 0, acc = 0, best = NAN;
	int zero = 0, any = 0;

	if (agg == CC_AGG_STAGE)
		return stage_value(fw, n, values, weight);
	for (int c = 0; c < n->nchildren; c++) {
		int ch = n->children[c];
		double v = values[ch], w = WEIGHT(fw, weight, ch);

		if (isnan(v) || w <= 0)
			continue;
		any = 1;
		W += w;
		switch (agg) {
		case CC_AGG_MEAN:
			acc += w * v;
			break;
		case CC_AGG_GEOMETRIC:
			if (v <= 0)
				zero = 1;
			else
				acc += w * (logs && !isnan(logs[ch]) ? logs[ch] : log(v));
			break;
		case CC_AGG_HARMONIC:
			if (v <= 0)
				zero = 1;
			else
				acc += w / v;
			break;
		case CC_AGG_MIN:
			if (isnan(best) || v < best)
				best = v;
			break;
		default:
			if (isnan(best) || v > best)
				best = v;
			break;
		}
	}
	if (!any)
		return NAN;
	switch (agg) {
	case CC_AGG_MEAN:
		return acc / W;
	case CC_AGG_GEOMETRIC:
		return zero ? 0 : exp(acc / W);
	case CC_AGG_HARMONIC:
		return zero ? 0 : W / acc;
	default:
		return best;
	}
}

void cc_score_applicability(const struct cc_framework *fw,
			    const struct cc_answers *a, int unit,
			    unsigned char *state)
{
	for (int k = 0; k < fw->nnodes; k++) {
		int i = fw->order[k];
		const struct cc_node *n = &fw->nodes[i];

		if (n->parent >= 0 && state[n->parent] != CC_APPLIES)
			state[i] = state[n->parent];
		else if (n->has_when && !when_holds(fw, a, unit, n, state))
			state[i] = n->na == CC_NA_ZERO ? CC_NA_ZERO_STATE : CC_NA_EXCLUDE_STATE;
		else
			state[i] = CC_APPLIES;
	}
}

void cc_score_unit(const struct cc_framework *fw, const struct cc_answers *a,
		   const struct cc_range *ranges, const struct cc_model *model,
		   int unit, double *values, unsigned char *state)
{
	const double *weight = model ? model->weight : NULL;

	cc_score_applicability(fw, a, unit, state);
	for (int i = fw->nnodes - 1; i >= 0; i--) {
		const struct cc_node *n = &fw->nodes[i];
		double v;

		if (state[i] == CC_NA_EXCLUDE_STATE) {
			v = NAN;
		} else if (state[i] == CC_NA_ZERO_STATE) {
			v = n->kind == CC_QUESTION && n->qtype == CC_Q_TEXT ? NAN : 0;
		} else if (n->kind != CC_GROUP) {
			v = leaf_value(fw, a, ranges, model, unit, n, i);
		} else {
			enum cc_agg agg = model && model->agg ?
				(enum cc_agg)model->agg[i] : n->agg;
			v = cc_group_value(fw, n, agg, values, weight, NULL);
		}
		values[i] = v;
	}
}

double cc_precision_scale(const struct cc_framework *fw)
{
	double p = 1;

	for (int i = 0; i < fw->precision; i++)
		p *= 10;
	return p;
}

long long cc_round_points(const struct cc_framework *fw, double points)
{
	return llround(points * cc_precision_scale(fw));
}

double cc_scores_points(const struct cc_scores *s, int unit, int node)
{
	return s->value[(size_t)unit * (size_t)s->nnodes + (size_t)node] *
	       s->fw->nodes[node].max;
}

const char *cc_scores_level(const struct cc_scores *s, int unit, int node)
{
	const struct cc_node *n = &s->fw->nodes[node];
	double v = s->value[(size_t)unit * (size_t)s->nnodes + (size_t)node];

	if (node == 0)
		return s->level[unit] >= 0 ? s->fw->levels[s->level[unit]].id : NULL;
	if (n->kind != CC_GROUP || n->agg != CC_AGG_STAGE || !n->nstage_names ||
	    isnan(v))
		return NULL;
	return n->stage_names[lround(v * n->max_stage)];
}

void cc_scores_free(struct cc_scores *s)
{
	free(s->value);
	free(s->rank);
	free(s->level);
	memset(s, 0, sizeof(*s));
}

static int find_level(const struct cc_framework *fw, double root_points)
{
	double rounded;

	if (isnan(root_points))
		return -1;
	rounded = (double)cc_round_points(fw, root_points) / cc_precision_scale(fw);
	for (int l = 0; l < fw->nlevels; l++)
		if (fw->levels[l].min <= rounded)
			return l;
	return -1;
}

int cc_scores_compute(struct cc_scores *s, const struct cc_framework *fw,
		      const struct cc_answers *a, struct cc_error *err)
{
	size_t nn = (size_t)fw->nnodes, nu = (size_t)a->nunits;
	struct cc_range *ranges = NULL;
	unsigned char *state = NULL;
	int rc = CC_OK;

	memset(s, 0, sizeof(*s));
	s->fw = fw;
	s->nunits = a->nunits;
	s->nnodes = fw->nnodes;
	if (nu && nn > SIZE_MAX / nu / sizeof(double))
		return cc_error_set(err, CC_ENOMEM, NULL, 0, 0, "out of memory");
	s->value = malloc(nn * nu * sizeof(double) + 1);
	s->rank = malloc(nn * nu * sizeof(int32_t) + 1);
	s->level = malloc(nu * sizeof(int) + 1);
	ranges = malloc((size_t)(fw->nleaves + 1) * sizeof(*ranges));
	state = malloc(nn);
	if (!s->value || !s->rank || !s->level || !ranges || !state) {
		rc = cc_error_set(err, CC_ENOMEM, NULL, 0, 0, "out of memory");
		goto cleanup;
	}
	cc_score_ranges(fw, a, ranges);
	for (size_t u = 0; u < nu; u++)
		cc_score_unit(fw, a, ranges, NULL, (int)u, s->value + u * nn, state);
	rc = cc_rank_all(fw, s->value, (int)nu, s->rank);
	if (rc) {
		rc = cc_error_set(err, rc, NULL, 0, 0, "out of memory");
		goto cleanup;
	}
	for (size_t u = 0; u < nu; u++)
		s->level[u] = find_level(fw, s->value[u * nn] * fw->nodes[0].max);
cleanup:
	free(ranges);
	free(state);
	if (rc)
		cc_scores_free(s);
	return rc;
}
