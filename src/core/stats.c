/*
 * stats.c - the statistical audit (see stats.h and docs/audit-stats.md).
 *
 * GSL computes means, standard deviations, Pearson correlations, sorts and
 * the eigen-decomposition. Skewness and kurtosis are computed here from
 * central moments: GSL's gsl_stats_skew and gsl_stats_kurtosis divide
 * population moments by the sample standard deviation, an estimator that
 * is neither the one COINr and Excel use (G1, G2) nor the plain moment
 * ratio, so the JRC thresholds would not apply to them.
 */
#include "stats.h"

#include <gsl/gsl_eigen.h>
#include <gsl/gsl_matrix.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

const struct cc_stats_rule cc_stats_rules[] = {
	{CC_STATS_F_NEGATIVE, "negative-corr",
	 "Pearson correlation of a child with its parent < 0",
	 "OECD/JRC Handbook (2008), multivariate analysis; COINr get_corr()"},
	{CC_STATS_F_REDUNDANT, "redundant",
	 "Pearson correlation of a child with its parent > 0.92 "
	 "(groups of 3 or more children)",
	 "JRC statistical audits (collinearity threshold 0.92)"},
	{CC_STATS_F_COLLINEAR, "collinear",
	 "Pearson correlation of two children of a group > 0.92",
	 "JRC statistical audits (0.92); COINr get_corr_flags() (default 0.9)"},
	{CC_STATS_F_LOW_ALPHA, "low-alpha",
	 "Cronbach's alpha of a group's children < 0.7",
	 "Nunnally (1978), as cited by the OECD/JRC Handbook (2008)"},
	{CC_STATS_F_WEAK_PC1, "weak-pc1",
	 "first principal component explains < 60 % of the children's variance",
	 "OECD/JRC Handbook (2008), PCA: components kept should explain "
	 "more than 60 % of the variance"},
	{CC_STATS_F_OUTLIERS, "outliers",
	 "|skewness| > 2 and excess kurtosis > 3.5 (G1, G2 as COINr and Excel)",
	 "JRC; COINr get_stats() / check_SkewKurt() (t_skew 2, t_kurt 3.5)"},
};
const int cc_stats_nrules = (int)(sizeof(cc_stats_rules) / sizeof(cc_stats_rules[0]));

const char *cc_stats_state_text(int state)
{
	switch (state) {
	case CC_STATS_OK: return "ok";
	case CC_STATS_FEW: return "not enough data";
	case CC_STATS_CONSTANT: return "constant: undefined";
	case CC_STATS_TOO_MANY: return "too many children";
	default: return "unknown";
	}
}

static bool near(double a, double b)
{
	return fabs(a - b) <= CC_STATS_EPS * fmax(1.0, fmax(fabs(a), fabs(b)));
}

static double clamp1(double r)
{
	return r > 1 ? 1 : r < -1 ? -1 : r;
}

/* True when x[0..n) does not vary. */
static bool constant(const double *x, size_t stride, size_t n)
{
	double lo, hi;

	gsl_stats_minmax(&lo, &hi, x, stride, n);
	return near(lo, hi);
}

int cc_stats_work_init(struct cc_stats_work *w, size_t cap)
{
	size_t c = cap ? cap : 1;

	memset(w, 0, sizeof(*w));
	w->x = malloc(c * sizeof(double));
	w->y = malloc(c * sizeof(double));
	w->rx = malloc(c * sizeof(double));
	w->ry = malloc(c * sizeof(double));
	w->idx = malloc(c * sizeof(size_t));
	if (!w->x || !w->y || !w->rx || !w->ry || !w->idx) {
		cc_stats_work_free(w);
		return CC_ENOMEM;
	}
	w->cap = cap;
	return CC_OK;
}

void cc_stats_work_free(struct cc_stats_work *w)
{
	free(w->x);
	free(w->y);
	free(w->rx);
	free(w->ry);
	free(w->idx);
	memset(w, 0, sizeof(*w));
}

void cc_stats_rank(const double *x, size_t n, size_t *idx, double *rank)
{
	size_t i = 0;

	if (n == 0)
		return;
	gsl_sort_index(idx, x, 1, n);
	while (i < n) {
		size_t j = i;
		while (j + 1 < n && near(x[idx[j]], x[idx[j + 1]]))
			j++;
		/* positions i+1 .. j+1 share their mean */
		for (size_t t = i; t <= j; t++)
			rank[idx[t]] = (double)(i + j + 2) / 2.0;
		i = j + 1;
	}
}

void cc_stats_corr(struct cc_stats_work *w, const double *x, size_t xs,
		   const double *y, size_t ys, size_t n,
		   struct cc_stats_corr *out)
{
	size_t m = 0;

	for (size_t i = 0; i < n; i++) {
		if (isnan(x[i * xs]) || isnan(y[i * ys]))
			continue;
		w->x[m] = x[i * xs];
		w->y[m] = y[i * ys];
		m++;
	}
	out->n = (int)m;
	out->pearson = out->spearman = NAN;
	if (m < CC_STATS_MIN_UNITS) {
		out->state = CC_STATS_FEW;
		return;
	}
	if (constant(w->x, 1, m) || constant(w->y, 1, m)) {
		out->state = CC_STATS_CONSTANT;
		return;
	}
	cc_stats_rank(w->x, m, w->idx, w->rx);
	cc_stats_rank(w->y, m, w->idx, w->ry);
	out->pearson = clamp1(gsl_stats_correlation(w->x, 1, w->y, 1, m));
	/* ranks cannot vary less than values, but a chain of near-equal values
	 * can tie them all: then Spearman is undefined too */
	if (constant(w->rx, 1, m) || constant(w->ry, 1, m)) {
		out->pearson = NAN;
		out->state = CC_STATS_CONSTANT;
		return;
	}
	out->spearman = clamp1(gsl_stats_correlation(w->rx, 1, w->ry, 1, m));
	out->state = CC_STATS_OK;
}

/* Skewness G1 and excess kurtosis G2 of x[0..n) (n >= 3, not constant). */
static void shape(const double *x, size_t n, double mean, double *skew,
		  double *kurt)
{
	double m2 = 0, m3 = 0, m4 = 0, dn = (double)n;

	for (size_t i = 0; i < n; i++) {
		double d = x[i] - mean, d2 = d * d;
		m2 += d2;
		m3 += d2 * d;
		m4 += d2 * d2;
	}
	m2 /= dn;
	m3 /= dn;
	m4 /= dn;
	*skew = m3 / pow(m2, 1.5) * sqrt(dn * (dn - 1)) / (dn - 2);
	*kurt = n < CC_STATS_MIN_KURT ? NAN :
		((dn + 1) * (m4 / (m2 * m2) - 3) + 6) * (dn - 1) /
		((dn - 2) * (dn - 3));
}

void cc_stats_describe(struct cc_stats_work *w, const double *x,
		       size_t stride, size_t n, struct cc_stats_desc *out)
{
	size_t m = 0;

	for (size_t i = 0; i < n; i++)
		if (!isnan(x[i * stride]))
			w->x[m++] = x[i * stride];
	out->n = (int)m;
	out->mean = out->min = out->max = out->sd = NAN;
	out->skew = out->kurt = NAN;
	out->distinct = 0;
	out->state = m < CC_STATS_MIN_KURT ? CC_STATS_FEW : CC_STATS_OK;
	if (m == 0)
		return;
	out->mean = gsl_stats_mean(w->x, 1, m);
	gsl_stats_minmax(&out->min, &out->max, w->x, 1, m);
	memcpy(w->y, w->x, m * sizeof(double));
	gsl_sort(w->y, 1, m);
	out->distinct = 1;
	for (size_t i = 1; i < m; i++)
		out->distinct += !near(w->y[i - 1], w->y[i]);
	if (m < 2)
		return;
	out->sd = gsl_stats_sd_m(w->x, 1, m, out->mean);
	if (out->distinct == 1) {
		out->sd = 0;
		out->state = CC_STATS_CONSTANT;
		return;
	}
	if (m >= CC_STATS_MIN_UNITS)
		shape(w->x, m, out->mean, &out->skew, &out->kurt);
}

double cc_stats_cronbach(const double *m, size_t n, size_t k, int *state)
{
	double items = 0, mean = 0, var = 0, lo = INFINITY, hi = -INFINITY;

	if (n < CC_STATS_MIN_UNITS || k < 2) {
		*state = CC_STATS_FEW;
		return NAN;
	}
	for (size_t j = 0; j < k; j++) {
		double mj = gsl_stats_mean(m + j, k, n);
		items += gsl_stats_variance_m(m + j, k, n, mj);
		mean += mj;
	}
	for (size_t i = 0; i < n; i++) {
		double sum = 0;
		for (size_t j = 0; j < k; j++)
			sum += m[i * k + j];
		var += (sum - mean) * (sum - mean);
		lo = fmin(lo, sum);
		hi = fmax(hi, sum);
	}
	if (near(lo, hi)) {
		*state = CC_STATS_CONSTANT;
		return NAN;
	}
	var /= (double)(n - 1);
	*state = CC_STATS_OK;
	return (double)k / (double)(k - 1) * (1 - items / var);
}

int cc_stats_corr_matrix(const double *m, size_t n, size_t k, double *corr)
{
	int state = n < CC_STATS_MIN_UNITS ? CC_STATS_FEW : CC_STATS_OK;

	for (size_t a = 0; a < k; a++) {
		bool ca = n >= CC_STATS_MIN_UNITS && constant(m + a, k, n);
		if (ca)
			state = CC_STATS_CONSTANT;
		corr[a * k + a] = 1;
		for (size_t b = 0; b < a; b++) {
			double r = NAN;
			if (n >= CC_STATS_MIN_UNITS && !ca && !constant(m + b, k, n))
				r = clamp1(gsl_stats_correlation(m + a, k, m + b, k, n));
			corr[a * k + b] = corr[b * k + a] = r;
		}
	}
	if (state == CC_STATS_FEW)
		for (size_t i = 0; i < k * k; i++)
			corr[i] = NAN;
	return state;
}

int cc_stats_pca_corr(const double *corr, size_t k, double *eigen,
		      double *loading, double *share)
{
	double *a, *vec, *val, sum = 0;
	gsl_eigen_symmv_workspace *ws;
	size_t big = 0;

	*share = NAN;
	if (k == 0)
		return CC_OK;
	a = malloc(k * k * sizeof(double));
	vec = malloc(k * k * sizeof(double));
	val = malloc(k * sizeof(double));
	if (!a || !vec || !val) {
		free(a);
		free(vec);
		free(val);
		return CC_ENOMEM;
	}
	memcpy(a, corr, k * k * sizeof(double));   /* symmv destroys its input */
	gsl_matrix_view A = gsl_matrix_view_array(a, k, k);
	gsl_matrix_view V = gsl_matrix_view_array(vec, k, k);
	gsl_vector_view L = gsl_vector_view_array(val, k);
	ws = gsl_eigen_symmv_alloc(k);
	gsl_eigen_symmv(&A.matrix, &L.vector, &V.matrix, ws);
	gsl_eigen_symmv_free(ws);
	gsl_eigen_symmv_sort(&L.vector, &V.matrix, GSL_EIGEN_SORT_VAL_DESC);
	for (size_t i = 0; i < k; i++) {
		eigen[i] = val[i];
		loading[i] = vec[i * k];
		sum += loading[i];
		if (fabs(loading[i]) > fabs(loading[big]))
			big = i;
	}
	/* the first of the entries as large as the largest, so that a tie
	 * decided by the last bit does not flip the sign */
	for (size_t i = 0; i < big; i++)
		if (near(fabs(loading[i]), fabs(loading[big])))
			big = i;
	if (sum < -CC_STATS_EPS || (fabs(sum) <= CC_STATS_EPS && loading[big] < 0))
		for (size_t i = 0; i < k; i++)
			loading[i] = -loading[i];
	*share = eigen[0] / (double)k;
	free(a);
	free(vec);
	free(val);
	return CC_OK;
}

/* ---- the audit -------------------------------------------------------- */

static int child_role(const struct cc_node *c)
{
	if (c->kind == CC_QUESTION && c->qtype == CC_Q_TEXT)
		return CC_STATS_TEXT;
	return c->weight > 0 ? CC_STATS_IN : CC_STATS_WEIGHT0;
}

static void describe_items(struct cc_stats_audit *au, const struct cc_scores *s,
			   struct cc_stats_work *w, struct cc_stats_group *g)
{
	const struct cc_framework *fw = s->fw;
	size_t nn = (size_t)s->nnodes;

	for (int i = 0; i < g->nitems; i++) {
		struct cc_stats_item *it = &g->items[i];
		const struct cc_node *c = &fw->nodes[it->node];
		it->role = child_role(c);
		it->leaf = c->kind != CC_GROUP;
		it->parent.n = 0;
		it->parent.state = CC_STATS_FEW;
		it->parent.pearson = it->parent.spearman = NAN;
		if (it->role == CC_STATS_IN)
			g->in[g->nin++] = i;
		if (!it->leaf || it->role == CC_STATS_TEXT)
			continue;
		cc_stats_describe(w, s->value + it->node, nn, (size_t)s->nunits, &it->desc);
		if (it->desc.state == CC_STATS_OK &&
		    fabs(it->desc.skew) > CC_STATS_SKEW_MAX &&
		    it->desc.kurt > CC_STATS_KURT_MAX) {
			it->flags |= CC_STATS_F_OUTLIERS;
			au->nflags++;
		}
	}
}

static void flag_item(struct cc_stats_audit *au, struct cc_stats_item *it,
		      unsigned flag)
{
	if (!(it->flags & flag))
		au->nflags++;
	it->flags |= flag;
}

/* Correlations of the audited children with the group and among them. */
static int correlate(struct cc_stats_audit *au, const struct cc_scores *s,
		     struct cc_stats_work *w, struct cc_stats_group *g)
{
	size_t nn = (size_t)s->nnodes, nu = (size_t)s->nunits, k = (size_t)g->nin;

	for (int a = 0; a < g->nin; a++) {
		struct cc_stats_item *it = &g->items[g->in[a]];
		cc_stats_corr(w, s->value + it->node, nn, s->value + g->node, nn, nu,
			      &it->parent);
		if (it->parent.state != CC_STATS_OK)
			continue;
		if (it->parent.pearson < 0)
			flag_item(au, it, CC_STATS_F_NEGATIVE);
		if (it->parent.pearson > CC_STATS_REDUNDANT &&
		    g->nin >= CC_STATS_REDUNDANT_MIN_ITEMS)
			flag_item(au, it, CC_STATS_F_REDUNDANT);
	}
	if (g->nin > CC_STATS_MAX_ITEMS)
		return CC_OK;
	g->pairs = cc_arena_array(&au->arena, k * k, sizeof(*g->pairs));
	if (!g->pairs)
		return CC_ENOMEM;
	for (size_t a = 0; a < k; a++) {
		const double *x = s->value + g->items[g->in[a]].node;
		for (size_t b = 0; b <= a; b++) {
			const double *y = s->value + g->items[g->in[b]].node;
			cc_stats_corr(w, x, nn, y, nn, nu, &g->pairs[a * k + b]);
			g->pairs[b * k + a] = g->pairs[a * k + b];
			if (a != b && g->pairs[a * k + b].state == CC_STATS_OK &&
			    g->pairs[a * k + b].pearson > CC_STATS_REDUNDANT) {
				flag_item(au, &g->items[g->in[a]], CC_STATS_F_COLLINEAR);
				flag_item(au, &g->items[g->in[b]], CC_STATS_F_COLLINEAR);
			}
		}
	}
	return CC_OK;
}

/* Alpha and PCA over the units where every audited child is present. */
static int structure(struct cc_stats_audit *au, const struct cc_scores *s,
		     struct cc_stats_group *g)
{
	size_t nn = (size_t)s->nnodes, k = (size_t)g->nin, n = 0;
	double *m = malloc(((size_t)s->nunits * k + 1) * sizeof(double));
	double *corr = malloc((k * k + 1) * sizeof(double));
	int rc = CC_OK;

	if (!m || !corr) {
		rc = CC_ENOMEM;
		goto cleanup;
	}
	for (int u = 0; u < s->nunits; u++) {
		const double *row = s->value + (size_t)u * nn;
		size_t j = 0;
		for (; j < k && !isnan(row[g->items[g->in[j]].node]); j++)
			m[n * k + j] = row[g->items[g->in[j]].node];
		n += j == k;
	}
	g->complete = (int)n;
	g->pca.n = (int)n;
	g->alpha = cc_stats_cronbach(m, n, k, &g->alpha_state);
	if (g->alpha_state == CC_STATS_OK && g->alpha < CC_STATS_ALPHA_MIN) {
		g->flags |= CC_STATS_F_LOW_ALPHA;
		au->nflags++;
	}
	g->pca.state = cc_stats_corr_matrix(m, n, k, corr);
	if (g->pca.state != CC_STATS_OK)
		goto cleanup;
	g->pca.eigen = cc_arena_array(&au->arena, k, sizeof(double));
	g->pca.loading = cc_arena_array(&au->arena, k, sizeof(double));
	if (!g->pca.eigen || !g->pca.loading) {
		rc = CC_ENOMEM;
		goto cleanup;
	}
	rc = cc_stats_pca_corr(corr, k, g->pca.eigen, g->pca.loading, &g->pca.share);
	if (rc)
		goto cleanup;
	g->pca.unique = !near(g->pca.eigen[0], g->pca.eigen[1]);
	if (g->pca.share < CC_STATS_PC1_MIN) {
		g->flags |= CC_STATS_F_WEAK_PC1;
		au->nflags++;
	}
cleanup:
	free(m);
	free(corr);
	return rc;
}

static int audit_group(struct cc_stats_audit *au, const struct cc_scores *s,
		       struct cc_stats_work *w, int node, struct cc_stats_group *g)
{
	const struct cc_node *n = &s->fw->nodes[node];
	size_t nn = (size_t)s->nnodes;
	int rc;

	g->node = node;
	g->nitems = n->nchildren;
	g->items = cc_arena_array(&au->arena, (size_t)n->nchildren + 1, sizeof(*g->items));
	g->in = cc_arena_array(&au->arena, (size_t)n->nchildren + 1, sizeof(int));
	if (!g->items || !g->in)
		return CC_ENOMEM;
	for (int i = 0; i < n->nchildren; i++)
		g->items[i].node = n->children[i];
	for (int u = 0; u < s->nunits; u++)
		g->units += !isnan(s->value[(size_t)u * nn + (size_t)node]);
	describe_items(au, s, w, g);
	g->alpha = g->pca.share = NAN;
	g->state = g->alpha_state = g->pca.state = CC_STATS_FEW;
	if (g->nin < 2 || g->units < CC_STATS_MIN_UNITS)
		return CC_OK;
	g->state = CC_STATS_OK;
	rc = correlate(au, s, w, g);
	if (rc || g->nin > CC_STATS_MAX_ITEMS) {
		g->alpha_state = g->pca.state = CC_STATS_TOO_MANY;
		return rc;
	}
	return structure(au, s, g);
}

int cc_stats_audit(struct cc_stats_audit *out, const struct cc_scores *s)
{
	const struct cc_framework *fw = s->fw;
	struct cc_stats_work w;
	int rc = CC_OK, g = 0;

	memset(out, 0, sizeof(*out));
	cc_arena_init(&out->arena);
	out->fw = fw;
	out->nunits = s->nunits;
	for (int i = 0; i < fw->nnodes; i++)
		out->ngroups += fw->nodes[i].kind == CC_GROUP;
	out->groups = cc_arena_array(&out->arena, (size_t)out->ngroups + 1,
				     sizeof(*out->groups));
	if (!out->groups || cc_stats_work_init(&w, (size_t)s->nunits)) {
		cc_stats_audit_free(out);
		return CC_ENOMEM;
	}
	for (int i = 0; i < fw->nnodes && !rc; i++)
		if (fw->nodes[i].kind == CC_GROUP)
			rc = audit_group(out, s, &w, i, &out->groups[g++]);
	cc_stats_work_free(&w);
	if (rc)
		cc_stats_audit_free(out);
	return rc;
}

void cc_stats_audit_free(struct cc_stats_audit *a)
{
	cc_arena_free(&a->arena);
	memset(a, 0, sizeof(*a));
	cc_arena_init(&a->arena);
}
