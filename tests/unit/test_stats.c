/*
 * test_stats.c - the statistical audit (core/stats.h) against values
 * computed independently: by hand, or with plain python3 (fractions, no
 * numpy) as shown in the comments.
 */
#include "helpers.h"

#include "core/stats.h"

#define assert_close(got, want, tol) \
	cc_test_near((got), (want), (tol), #got, __FILE__, __LINE__)

/* ---- Pearson and Spearman --------------------------------------------- */

/* Anscombe's quartet, set 1 (Anscombe 1973): r = 0.816.
 *   sum x = 99, mean 9; Sxx = 110; mean y = 82.51 / 11 = 7.50091
 *   Sxy = 55.01, Syy = 41.27269 (= 1134999 / 27500)
 *   r = 55.01 / sqrt(110 * 41.27269) = 0.81642051634484
 * Spearman: ranks of x 7 5 10 6 8 11 3 1 9 4 2, of y 7 4 6 9 8 10 5 1 11 2 3;
 *   sum d^2 = 0+1+16+9+0+1+4+0+4+4+1 = 40, no ties:
 *   rho = 1 - 6 * 40 / (11 * 120) = 1 - 240 / 1320 = 9 / 11 = 0.818181... */
static void test_anscombe(void **state)
{
	static const double x[] = {10, 8, 13, 9, 11, 14, 6, 4, 12, 7, 5};
	static const double y[] = {8.04, 6.95, 7.58, 8.81, 8.33, 9.96, 7.24, 4.26,
				   10.84, 4.82, 5.68};
	struct cc_stats_work w;
	struct cc_stats_corr c;

	(void)state;
	assert_int_equal(cc_stats_work_init(&w, 11), CC_OK);
	cc_stats_corr(&w, x, 1, y, 1, 11, &c);
	assert_int_equal(c.state, CC_STATS_OK);
	assert_int_equal(c.n, 11);
	assert_close(c.pearson, 55.01 / sqrt(110 * (1134999.0 / 27500)), 1e-12);
	assert_close(c.pearson, 0.816, 5e-4);
	assert_close(c.spearman, 9.0 / 11, 1e-12);
	cc_stats_work_free(&w);
}

/* Ties take average ranks.
 *   x = 1 2 2 3 4 -> ranks 1 2.5 2.5 4 5
 *   y = 2 1 3 3 5 -> ranks 2 1 3.5 3.5 5
 *   rank means 3 and 3; deviations x: -2 -.5 -.5 1 2, y: -1 -2 .5 .5 2
 *   Sxy = 2 + 1 - .25 + .5 + 4 = 7.25; Sxx = 4+.25+.25+1+4 = 9.5; Syy = 1+4+.25+.25+4 = 9.5
 *   rho = 7.25 / 9.5 = 29 / 38 = 0.76315789...
 * (the shortcut 1 - 6 sum d^2 / (n (n^2 - 1)) would give 1 - 6*3/120 = 0.85:
 * it is wrong with ties, which is why ranks are correlated with Pearson) */
static void test_spearman_ties(void **state)
{
	static const double x[] = {1, 2, 2, 3, 4};
	static const double y[] = {2, 1, 3, 3, 5};
	double rank[5];
	size_t idx[5];
	struct cc_stats_work w;
	struct cc_stats_corr c;

	(void)state;
	cc_stats_rank(x, 5, idx, rank);
	assert_near(rank[0], 1);
	assert_near(rank[1], 2.5);
	assert_near(rank[2], 2.5);
	assert_near(rank[3], 4);
	assert_near(rank[4], 5);
	assert_int_equal(cc_stats_work_init(&w, 5), CC_OK);
	cc_stats_corr(&w, x, 1, y, 1, 5, &c);
	assert_int_equal(c.state, CC_STATS_OK);
	assert_close(c.spearman, 29.0 / 38, 1e-12);
	cc_stats_work_free(&w);
}

/* NaN rows are left out pairwise; constant and short series are refused.
 * With a stride of 2 the columns of a row-major n x 2 matrix are read in
 * place. x = 1 2 3 NaN 4, y = 2 4 6 8 NaN -> pairs (1,2) (2,4) (3,6): r = 1. */
static void test_corr_missing_constant_few(void **state)
{
	const double m[] = {1, 2, 2, 4, 3, 6, NAN, 8, 4, NAN};
	const double k[] = {0.3, 0.1 + 0.2, 0.3, 0.3};   /* 0.1 + 0.2 != 0.3 */
	const double v[] = {1, 2, 3, 4};
	struct cc_stats_work w;
	struct cc_stats_corr c;

	(void)state;
	assert_int_equal(cc_stats_work_init(&w, 5), CC_OK);
	cc_stats_corr(&w, m, 2, m + 1, 2, 5, &c);
	assert_int_equal(c.state, CC_STATS_OK);
	assert_int_equal(c.n, 3);
	assert_close(c.pearson, 1, 1e-12);
	assert_close(c.spearman, 1, 1e-12);
	cc_stats_corr(&w, k, 1, v, 1, 4, &c);
	assert_int_equal(c.state, CC_STATS_CONSTANT);
	assert_nan(c.pearson);
	assert_nan(c.spearman);
	cc_stats_corr(&w, m, 2, m + 1, 2, 2, &c);
	assert_int_equal(c.state, CC_STATS_FEW);
	assert_int_equal(c.n, 2);
	assert_nan(c.pearson);
	assert_string_equal(cc_stats_state_text(CC_STATS_FEW), "not enough data");
	cc_stats_work_free(&w);
}

/* ---- descriptive statistics ------------------------------------------- */

/* x = 1 2 3 4 10, n = 5: mean 4; deviations -3 -2 -1 0 6
 *   sum d^2 = 50, sum d^3 = 180, sum d^4 = 1394
 *   m2 = 10, m3 = 36, m4 = 278.8; sd = sqrt(50 / 4) = 3.5355339
 *   g1 = 36 / 10^1.5 = 1.1384; G1 = g1 sqrt(5 * 4) / 3 = 1.2 sqrt(2) = 1.6970563
 *   g2 = 278.8 / 100 - 3 = -0.212
 *   G2 = ((n+1) g2 + 6)(n-1) / ((n-2)(n-3)) = (6 * -0.212 + 6) * 4 / 6 = 3.152
 * (the same as Excel SKEW/KURT and COINr skew()/kurt()) */
static void test_describe(void **state)
{
	static const double x[] = {1, 2, 3, 4, 10};
	struct cc_stats_work w;
	struct cc_stats_desc d;

	(void)state;
	assert_int_equal(cc_stats_work_init(&w, 5), CC_OK);
	cc_stats_describe(&w, x, 1, 5, &d);
	assert_int_equal(d.n, 5);
	assert_int_equal(d.state, CC_STATS_OK);
	assert_near(d.mean, 4);
	assert_near(d.sd, sqrt(12.5));
	assert_near(d.min, 1);
	assert_near(d.max, 10);
	assert_near(d.skew, 1.2 * sqrt(2));
	assert_near(d.kurt, 3.152);
	assert_int_equal(d.distinct, 5);
	cc_stats_work_free(&w);
}

/* The JRC outlier rule. 0 x 9 and one 1 (n = 10): mean 0.1
 *   m2 = (9 * 0.01 + 0.81) / 10 = 0.09, m3 = (-9 * 0.001 + 0.729) / 10 = 0.072
 *   m4 = (9 * 0.0001 + 0.6561) / 10 = 0.0657
 *   g1 = 0.072 / 0.027 = 8/3; G1 = 8/3 * sqrt(90) / 8 = sqrt(10) = 3.1623
 *   g2 = 0.0657 / 0.0081 - 3 = 46/9; G2 = (11 * 46/9 + 6) * 9 / 56 = 560 / 56 = 10
 * And 0 0 0 0 1 (n = 5): m2 = 0.16, m3 = 0.096, m4 = 0.0832
 *   g1 = 1.5, G1 = 1.5 sqrt(20) / 3 = sqrt(5) = 2.2361
 *   b2 = 0.0832 / 0.0256 = 3.25 (non-excess, population), g2 = 0.25
 *   G2 = (6 * 0.25 + 6) * 4 / 6 = 5: flagged (5 > 3.5), as COINr flags it;
 *   on the non-excess population scale (3.25) it would not be. */
static void test_describe_skewed_and_degenerate(void **state)
{
	double x[10] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
	static const double y[] = {0, 0, 0, 0, 1};
	static const double c[] = {0.5, NAN, 0.5, 0.5, 0.5};
	static const double few[] = {0.2, NAN, 0.7};
	struct cc_stats_work w;
	struct cc_stats_desc d;

	(void)state;
	assert_int_equal(cc_stats_work_init(&w, 10), CC_OK);
	cc_stats_describe(&w, x, 1, 10, &d);
	assert_near(d.skew, sqrt(10));
	assert_near(d.kurt, 10);
	assert_int_equal(d.distinct, 2);
	cc_stats_describe(&w, y, 1, 5, &d);
	assert_near(d.skew, sqrt(5));
	assert_near(d.kurt, 5);
	cc_stats_describe(&w, c, 1, 5, &d);
	assert_int_equal(d.n, 4);
	assert_int_equal(d.state, CC_STATS_CONSTANT);
	assert_near(d.sd, 0);
	assert_nan(d.skew);
	assert_nan(d.kurt);
	cc_stats_describe(&w, few, 1, 3, &d);
	assert_int_equal(d.n, 2);
	assert_int_equal(d.state, CC_STATS_FEW);
	assert_near(d.mean, 0.45);
	assert_near(d.sd, sqrt(0.125));
	assert_nan(d.skew);
	cc_stats_describe(&w, few + 1, 1, 1, &d);
	assert_int_equal(d.n, 0);
	assert_nan(d.mean);
	cc_stats_work_free(&w);
}

/* ---- Cronbach's alpha ------------------------------------------------- */

/* 4 units x 3 items:   1 2 2 | 5
 *                      2 2 3 | 7
 *                      3 4 3 | 10
 *                      4 4 4 | 12
 * item variances (n - 1): 5/3, 4/3, 2/3 (sum 11/3); row sums 5 7 10 12, mean
 * 8.5, variance (12.25 + 2.25 + 2.25 + 12.25) / 3 = 29/3
 * alpha = 3/2 * (1 - (11/3) / (29/3)) = 3/2 * 18/29 = 27/29 = 0.931034... */
static const double alpha_m[] = {1, 2, 2, 2, 2, 3, 3, 4, 3, 4, 4, 4};

static void test_cronbach(void **state)
{
	static const double flat[] = {1, 2, 2, 1, 3, 0};   /* row sums all 3 */
	int st;

	(void)state;
	assert_near(cc_stats_cronbach(alpha_m, 4, 3, &st), 27.0 / 29);
	assert_int_equal(st, CC_STATS_OK);
	/* two items: 1 2 3 4 with 2 2 4 4: variances 5/3, 4/3; sums 3 4 7 8,
	 * variance (7.5^2.. ) = (2.5^2 + 1.5^2 + 1.5^2 + 2.5^2) / 3 = 17/3;
	 * alpha = 2 * (1 - 3 / (17/3)) = 2 * 8/17 = 16/17 */
	{
		const double two[] = {1, 2, 2, 2, 3, 4, 4, 4};
		assert_near(cc_stats_cronbach(two, 4, 2, &st), 16.0 / 17);
	}
	assert_nan(cc_stats_cronbach(flat, 3, 2, &st));
	assert_int_equal(st, CC_STATS_CONSTANT);
	assert_nan(cc_stats_cronbach(alpha_m, 2, 3, &st));
	assert_int_equal(st, CC_STATS_FEW);
	assert_nan(cc_stats_cronbach(alpha_m, 4, 1, &st));
	assert_int_equal(st, CC_STATS_FEW);
}

/* ---- PCA -------------------------------------------------------------- */

/* Equicorrelation with r: R = (1 - r) I + r J. J has eigenvalue 3 on
 * (1,1,1) and 0 twice, so R has 1 + 2r once and 1 - r twice: the first
 * component explains (1 + 2r) / 3 with loadings 1/sqrt(3) each.
 * r = 0.5: eigenvalues 2, 0.5, 0.5; share 2/3. */
static void test_pca_equicorrelation(void **state)
{
	const double r = 0.5;
	const double R[] = {1, r, r, r, 1, r, r, r, 1};
	double ev[3], ld[3], share;

	(void)state;
	assert_int_equal(cc_stats_pca_corr(R, 3, ev, ld, &share), CC_OK);
	assert_near(ev[0], 1 + 2 * r);
	assert_near(ev[1], 1 - r);
	assert_near(ev[2], 1 - r);
	assert_near(share, (1 + 2 * r) / 3);
	for (int i = 0; i < 3; i++)
		assert_near(ld[i], 1 / sqrt(3));
}

/* Block R = [[1, r, 0], [r, 1, 0], [0, 0, 1]], r = 0.6: eigenvalues 1 + r
 * on (1,1,0)/sqrt2, 1 on (0,0,1), 1 - r on (1,-1,0)/sqrt2; share 1.6 / 3.
 * [[1, -0.4], [-0.4, 1]]: 1.4 on (1,-1)/sqrt2 - its loadings sum to 0, so
 * the sign makes the largest (here the first, tied) positive. */
static void test_pca_block_and_sign(void **state)
{
	const double R[] = {1, 0.6, 0, 0.6, 1, 0, 0, 0, 1};
	const double N[] = {1, -0.4, -0.4, 1};
	double ev[3], ld[3], share;

	(void)state;
	assert_int_equal(cc_stats_pca_corr(R, 3, ev, ld, &share), CC_OK);
	assert_near(ev[0], 1.6);
	assert_near(ev[1], 1);
	assert_near(ev[2], 0.4);
	assert_near(share, 1.6 / 3);
	assert_near(ld[0], 1 / sqrt(2));
	assert_near(ld[1], 1 / sqrt(2));
	assert_near(ld[2], 0);
	assert_int_equal(cc_stats_pca_corr(N, 2, ev, ld, &share), CC_OK);
	assert_near(ev[0], 1.4);
	assert_near(share, 0.7);
	assert_near(ld[0], 1 / sqrt(2));
	assert_near(ld[1], -1 / sqrt(2));
}

/* The correlation matrix of alpha_m: Sxy / sqrt(Sxx Syy) with S (n - 1
 * times covariances) 5 4 3 / 4 4 2 / 3 2 2:
 *   r12 = 4 / sqrt(20) = 2/sqrt5, r13 = 3 / sqrt(10), r23 = 2 / sqrt(8) = 1/sqrt2
 * Characteristic polynomial of a 3x3 correlation matrix with p, q, s:
 *   l^3 - 3 l^2 + (3 - p^2 - q^2 - s^2) l - (1 + 2pqs - p^2 - q^2 - s^2)
 *   p^2 + q^2 + s^2 = 0.8 + 0.9 + 0.5 = 2.2, pqs = 6 / sqrt(100) = 0.6
 *   -> l^3 - 3 l^2 + 0.8 l = l (l^2 - 3 l + 0.8): l1 = (3 + sqrt(5.8)) / 2
 * = 2.7041594578792, share (3 + sqrt(5.8)) / 6 = 0.90138648596.
 * python3 power iteration (v = R v / |R v|, 2000 times from (1,1,1)) gives
 * the loadings 0.6075870202531126, 0.5547444796737786, 0.5684158469742135. */
static void test_corr_matrix_and_pca(void **state)
{
	double R[9], ev[3], ld[3], share;

	(void)state;
	assert_int_equal(cc_stats_corr_matrix(alpha_m, 4, 3, R), CC_STATS_OK);
	assert_near(R[1], 2 / sqrt(5));
	assert_near(R[2], 3 / sqrt(10));
	assert_near(R[5], 1 / sqrt(2));
	assert_near(R[7], R[5]);
	assert_near(R[4], 1);
	assert_int_equal(cc_stats_pca_corr(R, 3, ev, ld, &share), CC_OK);
	assert_near(ev[0], (3 + sqrt(5.8)) / 2);
	assert_near(ev[1], (3 - sqrt(5.8)) / 2);
	assert_close(ev[2], 0, 1e-12);
	assert_near(share, (3 + sqrt(5.8)) / 6);
	assert_close(ld[0], 0.6075870202531126, 1e-9);
	assert_close(ld[1], 0.5547444796737786, 1e-9);
	assert_close(ld[2], 0.5684158469742135, 1e-9);
	/* R v = l1 v */
	for (int i = 0; i < 3; i++)
		assert_near(R[i * 3] * ld[0] + R[i * 3 + 1] * ld[1] + R[i * 3 + 2] * ld[2],
			    ev[0] * ld[i]);
}

static void test_corr_matrix_degenerate(void **state)
{
	const double m[] = {1, 5, 2, 2, 5, 4, 3, 5, 5};   /* column 2 constant */
	double R[9];

	(void)state;
	assert_int_equal(cc_stats_corr_matrix(m, 3, 3, R), CC_STATS_CONSTANT);
	assert_nan(R[1]);
	assert_nan(R[5]);
	assert_near(R[4], 1);
	/* columns 1 2 3 and 2 4 5: Sxy = 3, Sxx = 2, Syy = 42/9 */
	assert_near(R[2], 3 / sqrt(2 * 42.0 / 9));
	assert_int_equal(cc_stats_corr_matrix(m, 2, 3, R), CC_STATS_FEW);
}

/* ---- the audit over a scored framework -------------------------------- */

/* g's children are alpha_m / 4 (values in [0, 1], normalise: none); the
 * group's value is their mean = row sum / 12, so every correlation with g
 * is the correlation with the row sums 5 7 10 12 (mean 8.5, S = 29):
 *   a: Sxy = 12, Sxx = 5 -> r = 12 / sqrt(145) = 0.99654576  (> 0.92: redundant)
 *   b: Sxy = 10, Sxx = 4 -> r = 10 / sqrt(116) = 0.92847669  (redundant)
 *   c: Sxy = 7,  Sxx = 2 -> r = 7 / sqrt(58)   = 0.91914503  (not)
 * a-c correlate at 3/sqrt(10) = 0.9487 > 0.92: both collinear. Alpha is
 * unchanged by the common factor 1/4: 27/29, and the PCA is that above.
 * Spearman with g: a ranks as the sums (1), b ranks 1.5 1.5 3.5 3.5
 * against 1 2 3 4: 2/sqrt(5); c 1 2.5 2.5 4: 3/sqrt(10).
 * h has one child (not enough data); the text question and the weight-0
 * question are not audited. */
static const char *const audit_yaml =
	"cybercap: 1\n"
	"id: t\n"
	"title: T\n"
	"nodes:\n"
	"  - id: g\n"
	"    name: G\n"
	"    children:\n"
	"      - {id: a, name: A, indicator: true, normalise: none}\n"
	"      - {id: b, name: B, indicator: true, normalise: none}\n"
	"      - {id: c, name: C, indicator: true, normalise: none}\n"
	"      - {id: z, question: Z, type: yes_no, weight: 0}\n"
	"  - id: h\n"
	"    name: H\n"
	"    children:\n"
	"      - {id: h1, name: H1, indicator: true, normalise: none}\n"
	"  - {id: note, question: Notes, type: text}\n";

static const char *const audit_csv =
	"unit,question,answer\n"
	"U1,a,0.25\nU1,b,0.5\nU1,c,0.5\nU1,h1,0\nU1,z,yes\n"
	"U2,a,0.5\nU2,b,0.5\nU2,c,0.75\nU2,h1,1\nU2,z,no\n"
	"U3,a,0.75\nU3,b,1\nU3,c,0.75\nU3,h1,0\nU3,z,yes\n"
	"U4,a,1\nU4,b,1\nU4,c,1\nU4,h1,1\nU4,z,no\n";

static const struct cc_stats_group *group_of(const struct cc_stats_audit *a,
					     const struct scored *t, const char *id)
{
	int node = node_of(&t->fw, id);

	for (int i = 0; i < a->ngroups; i++)
		if (a->groups[i].node == node)
			return &a->groups[i];
	fail_msg("no group %s", id);
	return NULL;
}

static void test_audit(void **state)
{
	struct scored t;
	struct cc_stats_audit a;
	const struct cc_stats_group *g, *h, *root;

	(void)state;
	score_text(&t, audit_yaml, audit_csv);
	assert_int_equal(cc_stats_audit(&a, &t.s), CC_OK);
	assert_int_equal(a.ngroups, 3);
	g = group_of(&a, &t, "g");
	assert_int_equal(g->state, CC_STATS_OK);
	assert_int_equal(g->units, 4);
	assert_int_equal(g->nitems, 4);
	assert_int_equal(g->nin, 3);
	assert_int_equal(g->items[3].role, CC_STATS_WEIGHT0);
	assert_near(g->items[0].parent.pearson, 12 / sqrt(145));
	assert_near(g->items[1].parent.pearson, 10 / sqrt(116));
	assert_near(g->items[2].parent.pearson, 7 / sqrt(58));
	assert_near(g->items[0].parent.spearman, 1);
	assert_near(g->items[1].parent.spearman, 2 / sqrt(5));
	assert_near(g->items[2].parent.spearman, 3 / sqrt(10));
	assert_int_equal(g->items[0].flags, CC_STATS_F_REDUNDANT | CC_STATS_F_COLLINEAR);
	assert_int_equal(g->items[1].flags, CC_STATS_F_REDUNDANT);
	assert_int_equal(g->items[2].flags, CC_STATS_F_COLLINEAR);
	assert_near(g->pairs[0 * 3 + 2].pearson, 3 / sqrt(10));
	assert_near(g->pairs[2 * 3 + 0].pearson, 3 / sqrt(10));
	assert_int_equal(g->complete, 4);
	assert_int_equal(g->alpha_state, CC_STATS_OK);
	assert_near(g->alpha, 27.0 / 29);
	assert_int_equal(g->pca.state, CC_STATS_OK);
	assert_near(g->pca.share, (3 + sqrt(5.8)) / 6);
	assert_true(g->pca.unique);
	assert_int_equal(g->flags, 0);
	/* leaf descriptives: a = .25 .5 .75 1: mean .625, sd sqrt(0.3125/3);
	 * symmetric, so skew 0; the weight-0 question is described too
	 * (1 0 1 0: deviations +-0.5, m2 = 0.25, m4 = 0.0625, b2 = 1, g2 = -2,
	 * G2 = (5 * -2 + 6) * 3 / (2 * 1) = -6) */
	assert_true(g->items[0].leaf);
	assert_near(g->items[0].desc.mean, 0.625);
	assert_near(g->items[0].desc.sd, sqrt(0.3125 / 3));
	assert_close(g->items[0].desc.skew, 0, 1e-12);
	assert_int_equal(g->items[3].desc.n, 4);
	assert_close(g->items[3].desc.skew, 0, 1e-12);
	assert_near(g->items[3].desc.kurt, -6);
	assert_int_equal(g->items[3].flags, 0);

	h = group_of(&a, &t, "h");
	assert_int_equal(h->state, CC_STATS_FEW);
	assert_int_equal(h->alpha_state, CC_STATS_FEW);
	assert_int_equal(h->pca.state, CC_STATS_FEW);
	assert_null(h->pairs);
	assert_int_equal(h->items[0].desc.n, 4);

	root = group_of(&a, &t, "t");
	assert_int_equal(root->nin, 2);
	assert_int_equal(root->items[2].role, CC_STATS_TEXT);
	assert_int_equal(root->state, CC_STATS_OK);
	/* root: g = sums / 12 = 5/12 7/12 10/12 1, h = 0 1 0 1; variances
	 * (29/144)/3 = 0.067130 and 1/3; g + h = 5/12 19/12 10/12 2, variance
	 * (0.626736 + 0.140625 + 0.140625 + 0.626736) / 3 = 0.511574;
	 * = 221/432; alpha = 2 (1 - (29/432 + 144/432) / (221/432)) = 96/221
	 * = 0.434389: low-alpha */
	assert_near(root->alpha, 96.0 / 221);
	assert_int_equal(root->flags, CC_STATS_F_LOW_ALPHA);
	/* 2 redundant + 2 collinear + 1 low-alpha */
	assert_int_equal(a.nflags, 5);
	cc_stats_audit_free(&a);
	cc_stats_audit_free(&a);   /* a second free is harmless */
	scored_free(&t);
}

/* x, y rising together, w falling: the group is (x + y + w)/3 = (x + 1)/3,
 * so r(x, g) = r(y, g) = 1 and r(w, g) = -1 (negative-corr). All three
 * variances are equal (v) and the row sum x + 1 has variance v: alpha =
 * 3/2 (1 - 3v / v) = -3 (low-alpha). R = [[1,1,-1],[1,1,-1],[-1,-1,1]] =
 * u u' with u = (1,1,-1): eigenvalues 3, 0, 0, share 1, loadings
 * (1,1,-1)/sqrt3 (sum 1/sqrt3 > 0). A constant child k makes its
 * correlations and the PCA undefined. */
static void test_audit_flags_and_constant(void **state)
{
	static const char *const yaml =
		"cybercap: 1\n"
		"id: t\n"
		"title: T\n"
		"nodes:\n"
		"  - id: g\n"
		"    name: G\n"
		"    children:\n"
		"      - {id: x, name: X, indicator: true, normalise: none}\n"
		"      - {id: y, name: Y, indicator: true, normalise: none}\n"
		"      - {id: w, name: W, indicator: true, normalise: none}\n"
		"  - id: k\n"
		"    name: K\n"
		"    children:\n"
		"      - {id: k1, name: K1, indicator: true, normalise: none}\n"
		"      - {id: k2, name: K2, indicator: true, normalise: none}\n";
	static const char *const csv =
		"unit,question,answer\n"
		"U1,x,0\nU1,y,0\nU1,w,1\nU1,k1,0.5\nU1,k2,0\n"
		"U2,x,0.25\nU2,y,0.25\nU2,w,0.75\nU2,k1,0.5\nU2,k2,1\n"
		"U3,x,0.5\nU3,y,0.5\nU3,w,0.5\nU3,k1,0.5\nU3,k2,0\n"
		"U4,x,0.75\nU4,y,0.75\nU4,w,0.25\nU4,k1,0.5\nU4,k2,1\n"
		"U5,x,1\nU5,y,1\nU5,w,0\nU5,k1,0.5\nU5,k2,0\n";
	struct scored t;
	struct cc_stats_audit a;
	const struct cc_stats_group *g, *k;

	(void)state;
	score_text(&t, yaml, csv);
	assert_int_equal(cc_stats_audit(&a, &t.s), CC_OK);
	g = group_of(&a, &t, "g");
	assert_near(g->items[0].parent.pearson, 1);
	assert_near(g->items[2].parent.pearson, -1);
	assert_int_equal(g->items[0].flags, CC_STATS_F_REDUNDANT | CC_STATS_F_COLLINEAR);
	assert_int_equal(g->items[2].flags, CC_STATS_F_NEGATIVE);
	assert_near(g->alpha, -3);
	assert_near(g->pca.share, 1);
	assert_near(g->pca.loading[0], 1 / sqrt(3));
	assert_near(g->pca.loading[2], -1 / sqrt(3));
	assert_true(g->pca.unique);
	assert_int_equal(g->flags, CC_STATS_F_LOW_ALPHA);

	k = group_of(&a, &t, "k");
	assert_int_equal(k->state, CC_STATS_OK);
	assert_int_equal(k->items[0].parent.state, CC_STATS_CONSTANT);
	assert_nan(k->items[0].parent.pearson);
	assert_int_equal(k->items[1].parent.state, CC_STATS_OK);
	assert_near(k->items[1].parent.pearson, 1);
	assert_int_equal(k->items[0].desc.state, CC_STATS_CONSTANT);
	assert_int_equal(k->pca.state, CC_STATS_CONSTANT);
	/* k1 has variance 0: alpha = 2 (1 - v / v) = 0 (low-alpha) */
	assert_int_equal(k->alpha_state, CC_STATS_OK);
	assert_close(k->alpha, 0, 1e-12);
	cc_stats_audit_free(&a);
	scored_free(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_anscombe),
		cmocka_unit_test(test_spearman_ties),
		cmocka_unit_test(test_corr_missing_constant_few),
		cmocka_unit_test(test_describe),
		cmocka_unit_test(test_describe_skewed_and_degenerate),
		cmocka_unit_test(test_cronbach),
		cmocka_unit_test(test_pca_equicorrelation),
		cmocka_unit_test(test_pca_block_and_sign),
		cmocka_unit_test(test_corr_matrix_and_pca),
		cmocka_unit_test(test_corr_matrix_degenerate),
		cmocka_unit_test(test_audit),
		cmocka_unit_test(test_audit_flags_and_constant),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
