/*
 * test_robust.c - the robustness analysis against cases with known
 * answers: the Ishigami function's analytic Sobol indices (estimators), a
 * two-unit index whose rank changes can be counted by hand, and results
 * identical whatever the thread count.
 */
#include "helpers.h"

#include "core/robust.h"
#include "core/sample.h"
#include "core/sobol.h"

/* Ishigami: f = sin x1 + a sin^2 x2 + b x3^4 sin x1, x_i ~ U(-pi, pi),
 * a = 7, b = 0.1. Analytic (Ishigami & Homma 1990; Saltelli et al. 2010):
 * V = a^2/8 + b pi^4/5 + b^2 pi^8/18 + 1/2 = 13.8446;
 * S1 = 0.3139, S2 = 0.4424, S3 = 0; ST1 = 0.5576, ST2 = 0.4424, ST3 = 0.2437. */
static double ishigami(const double *u)
{
	double x1 = -M_PI + 2 * M_PI * u[0], x2 = -M_PI + 2 * M_PI * u[1];
	double x3 = -M_PI + 2 * M_PI * u[2];

	return sin(x1) + 7 * sin(x2) * sin(x2) + 0.1 * pow(x3, 4) * sin(x1);
}

static void test_ishigami_indices(void **state)
{
	const struct cc_sobol_factor f[3] = {{0, 1}, {1, 1}, {2, 1}};
	const double s1[3] = {0.3139, 0.4424, 0}, st[3] = {0.5576, 0.4424, 0.2437};
	int n = 1 << 15;
	struct cc_sobol_index idx[3];
	struct cc_error err;
	double *points, *y;
	gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);

	(void)state;
	assert_int_equal(cc_sobol_design(n, 3, f, 3, 42, &points, &err), CC_OK);
	y = malloc((size_t)n * 5 * sizeof(double));
	for (int r = 0; r < n * 5; r++)
		y[r] = ishigami(points + (size_t)r * 3);
	cc_sobol_indices(y, n, 3, 200, rng, idx);
	for (int i = 0; i < 3; i++) {
		/* Random (not quasi-random) sampling with N = 32768: the
		 * estimators' standard error is below 0.02. */
		cc_test_near(idx[i].first, s1[i], 0.04, "first", __FILE__, __LINE__);
		cc_test_near(idx[i].total, st[i], 0.04, "total", __FILE__, __LINE__);
		assert_true(idx[i].first_lo <= idx[i].first && idx[i].first <= idx[i].first_hi);
		assert_true(idx[i].total_lo <= idx[i].total && idx[i].total <= idx[i].total_hi);
		/* and the interval holds the true value */
		assert_true(idx[i].total_lo - 0.01 <= st[i] && st[i] <= idx[i].total_hi + 0.01);
	}
	/* AB_i rows differ from A only in factor i's columns. */
	for (int j = 0; j < 10; j++) {
		const double *a = points + (size_t)j * 3, *b = points + ((size_t)n + j) * 3;
		const double *ab1 = points + ((size_t)3 * n + j) * 3;   /* AB_1 */
		assert_true(ab1[0] == a[0] && ab1[1] == b[1] && ab1[2] == a[2]);
	}
	free(points);
	free(y);
	gsl_rng_free(rng);
}

/* Two units, two pillars of equal weight:
 *   U1: p1 = 1,   p2 = 0.4 -> 0.70 (rank 2)
 *   U2: p1 = 0.5, p2 = 1   -> 0.75 (rank 1)
 * drop:root leaves out p1 (U1 0.4, U2 1: U1 2nd), p2 (U1 1, U2 0.5: U1
 * 1st) or nothing (U1 2nd), each with probability 1/3. */
static const char two_yaml[] =
	"cybercap: 1\nid: two\ntitle: Two\nnodes:\n"
	"  - id: p1\n    name: P1\n    children:\n"
	"      - {id: q1, question: Q1, type: yes_no}\n"
	"      - {id: q2, question: Q2, type: yes_no}\n"
	"  - id: p2\n    name: P2\n    children:\n"
	"      - {id: q3, question: Q3, type: choice, options: [{id: lo, value: 0.4}, {id: hi, value: 1}]}\n";
static const char two_csv[] =
	"unit,question,answer\nU1,q1,yes\nU1,q2,yes\nU1,q3,lo\nU2,q1,yes\nU2,q2,no\nU2,q3,hi\n";

static void load_two(struct cc_framework *fw, struct cc_answers *a)
{
	struct cc_error err;

	parse_framework(fw, two_yaml);
	assert_int_equal(cc_responses_parse(a, fw, "two.csv", two_csv, strlen(two_csv), &err), CC_OK);
}

static void test_two_units_counted_by_hand(void **state)
{
	struct cc_framework fw;
	struct cc_answers a;
	struct cc_factor f[2];
	struct cc_robust r;
	struct cc_robust_ws ws;
	struct cc_error err;
	char why[200];
	int32_t ranks[2];
	double u[2];

	(void)state;
	load_two(&fw, &a);
	assert_int_equal(cc_factor_parse(&fw, "drop:two", &f[0], why, sizeof(why)), CC_OK);
	assert_int_equal(cc_factor_parse(&fw, "aggregate:two:mean,min,max", &f[1], why, sizeof(why)), CC_OK);
	assert_int_equal(cc_robust_init(&r, &fw, &a, f, 2, &err), CC_OK);
	assert_int_equal(r.nominal[0], 2);
	assert_int_equal(r.nominal[1], 1);
	assert_int_equal(cc_robust_ws_init(&r, &ws), CC_OK);
	/* u[0] picks the dropped child (3 choices), u[1] the aggregation. */
	u[1] = 0.1; /* mean */
	u[0] = 0.1; cc_robust_eval(&r, u, &ws, ranks);   /* drop p1 */
	assert_int_equal(ranks[0], 2); assert_int_equal(ranks[1], 1);
	u[0] = 0.5; cc_robust_eval(&r, u, &ws, ranks);   /* drop p2 */
	assert_int_equal(ranks[0], 1); assert_int_equal(ranks[1], 2);
	u[0] = 0.9; cc_robust_eval(&r, u, &ws, ranks);   /* drop none */
	assert_int_equal(ranks[0], 2); assert_int_equal(ranks[1], 1);
	/* min: U1 0.4 < U2 0.5; max: both 1, a tie at rank 1 (dense). */
	u[1] = 0.5; cc_robust_eval(&r, u, &ws, ranks);
	assert_int_equal(ranks[0], 2); assert_int_equal(ranks[1], 1);
	u[1] = 0.9; cc_robust_eval(&r, u, &ws, ranks);
	assert_int_equal(ranks[0], 1); assert_int_equal(ranks[1], 1);
	cc_robust_ws_free(&ws);
	cc_robust_free(&r);
	cc_answers_free(&a);
	cc_framework_free(&fw);
}

static void test_uncertainty_summary_and_threads(void **state)
{
	struct cc_framework fw;
	struct cc_answers a;
	struct cc_factor f;
	struct cc_robust r;
	struct cc_error err;
	struct cc_rank_summary sum[2];
	char why[200];
	int runs = 3000;
	int32_t *one = malloc((size_t)runs * 2 * sizeof(int32_t));
	int32_t *two = malloc((size_t)runs * 2 * sizeof(int32_t));
	struct cc_uncertainty o = {.runs = runs, .seed = 9, .threads = 1};

	(void)state;
	load_two(&fw, &a);
	assert_int_equal(cc_factor_parse(&fw, "drop:two", &f, why, sizeof(why)), CC_OK);
	assert_int_equal(cc_robust_init(&r, &fw, &a, &f, 1, &err), CC_OK);
	assert_int_equal(cc_robust_uncertainty(&r, &o, one, &err), CC_OK);
	o.threads = 2;
	assert_int_equal(cc_robust_uncertainty(&r, &o, two, &err), CC_OK);
	assert_memory_equal(one, two, (size_t)runs * 2 * sizeof(int32_t));
	cc_robust_summarise(&r, one, runs, sum);
	/* U1 is 1st in a third of the runs: mean rank 5/3, shift 1/3. With
	 * 3000 draws the standard error of a share is 0.009. */
	cc_test_near(sum[0].mean, 5.0 / 3, 0.03, "mean", __FILE__, __LINE__);
	cc_test_near(sum[0].mean_abs_shift, 1.0 / 3, 0.03, "shift", __FILE__, __LINE__);
	assert_near(sum[0].median, 2);
	assert_near(sum[0].p5, 1);
	assert_near(sum[0].p95, 2);
	/* Nearest rank: of 1..10, p5 is the 1st, p50 the 5th, p95 the 10th. */
	{
		double v[10] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
		assert_near(cc_percentile_nearest(v, 10, 5), 1);
		assert_near(cc_percentile_nearest(v, 10, 50), 5);
		assert_near(cc_percentile_nearest(v, 10, 95), 10);
	}
	free(one);
	free(two);
	cc_robust_free(&r);
	cc_answers_free(&a);
	cc_framework_free(&fw);
}

static void test_factor_errors(void **state)
{
	struct cc_framework fw;
	struct cc_answers a;
	struct cc_factor f;
	char why[200];

	(void)state;
	load_two(&fw, &a);
	assert_int_equal(cc_factor_parse(&fw, "weights:20", &f, why, sizeof(why)), CC_OK);
	assert_int_equal(f.dims, fw.nnodes - 1);
	assert_int_equal(cc_factor_parse(&fw, "weights:p1:10", &f, why, sizeof(why)), CC_OK);
	assert_int_equal(f.dims, 2);
	assert_int_equal(cc_factor_parse(&fw, "weights:q1:10", &f, why, sizeof(why)), CC_EINPUT);
	assert_non_null(strstr(why, "q1"));
	assert_int_equal(cc_factor_parse(&fw, "weights:150", &f, why, sizeof(why)), CC_EINPUT);
	assert_int_equal(cc_factor_parse(&fw, "aggregate:*:mean,median", &f, why, sizeof(why)), CC_EINPUT);
	assert_non_null(strstr(why, "median"));
	assert_int_equal(cc_factor_parse(&fw, "normalise:minmax,none", &f, why, sizeof(why)), CC_EINPUT);
	assert_int_equal(cc_factor_parse(&fw, "missing:zero,exclude", &f, why, sizeof(why)), CC_OK);
	assert_int_equal(f.nchoices, 2);
	assert_int_equal(cc_factor_parse(&fw, "shuffle:all", &f, why, sizeof(why)), CC_EINPUT);
	assert_int_equal(cc_factor_parse(&fw, "drop:nope", &f, why, sizeof(why)), CC_EINPUT);
	cc_answers_free(&a);
	cc_framework_free(&fw);
}

/* Indicators under the other normalisations, computed by hand:
 * x = 10, 20, 40: zscore mean 70/3, sd sqrt(700/3) = 15.275;
 * rank: 0, 0.5, 1. */
static void test_normalisations(void **state)
{
	static const char yaml[] =
		"cybercap: 1\nid: ind\ntitle: Ind\nnodes:\n"
		"  - {id: i1, name: I, indicator: true}\n";
	static const char csv[] = "unit,question,answer\nA,i1,10\nB,i1,20\nC,i1,40\n";
	struct cc_framework fw;
	struct cc_answers a;
	struct cc_range rg[1];
	double *sorted, v[1];
	unsigned char state_buf[2], norm[2] = {CC_NORM_RANK, CC_NORM_RANK};
	struct cc_model m = {.norm = norm, .missing = -1};
	struct cc_error err;
	double vals[2];

	(void)state;
	parse_framework(&fw, yaml);
	assert_int_equal(cc_responses_parse(&a, &fw, "i.csv", csv, strlen(csv), &err), CC_OK);
	assert_int_equal(cc_score_ranges_full(&fw, &a, rg, &sorted), CC_OK);
	assert_near(rg[0].mean, 70.0 / 3);
	assert_near(rg[0].sd, sqrt(700.0 / 3));
	cc_score_unit(&fw, &a, rg, &m, 1, vals, state_buf);
	assert_near(vals[1], 0.5);
	norm[1] = CC_NORM_ZSCORE;
	cc_score_unit(&fw, &a, rg, &m, 2, vals, state_buf);
	/* z = (40 - 23.333) / 15.275 = 1.0911; Phi(1.0911) = 0.86239 */
	cc_test_near(vals[1], 0.86239, 1e-4, "zscore", __FILE__, __LINE__);
	(void)v;
	free(sorted);
	cc_answers_free(&a);
	cc_framework_free(&fw);
}

/* The robustness evaluator takes shortcuts (precomputed leaves and logs);
 * it must rank exactly as the engine does under the same model. */
static void test_fast_path_matches_engine(void **state)
{
	static const char yaml[] =
		"cybercap: 1\nid: mix\ntitle: Mix\nmissing: exclude\nprecision: 1\nnodes:\n"
		"  - id: p1\n    name: P1\n    children:\n"
		"      - {id: q1, question: Q1, type: yes_no, partial: 0.5}\n"
		"      - {id: q2, question: Q2, type: yes_no, when: {q: q1, is: \"yes\"}, na: exclude}\n"
		"      - {id: q3, question: Q3, type: choice, options: [{id: a, value: 0.2}, {id: b, value: 0.9}]}\n"
		"  - id: p2\n    name: P2\n    children:\n"
		"      - {id: i1, name: I1, indicator: true}\n"
		"      - {id: i2, name: I2, indicator: true, direction: -1}\n";
	static const char *const specs[] = {"aggregate:*:mean,geometric,harmonic,min",
					    "missing:zero,exclude", "normalise:minmax,zscore,rank"};
	static const unsigned char aggs[] = {CC_AGG_MEAN, CC_AGG_GEOMETRIC, CC_AGG_HARMONIC, CC_AGG_MIN};
	static const unsigned char norms[] = {CC_NORM_MINMAX, CC_NORM_ZSCORE, CC_NORM_RANK};
	struct cc_framework fw;
	struct cc_answers a;
	struct cc_factor f[3];
	struct cc_robust r;
	struct cc_robust_ws ws;
	struct cc_sample_opts so = {.units = 30, .seed = 3, .blank_rate = 0.2};
	struct cc_error err;
	gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
	char why[200];

	(void)state;
	parse_framework(&fw, yaml);
	assert_int_equal(cc_sample_answers(&fw, &so, &a, &err), CC_OK);
	for (int i = 0; i < 3; i++)
		assert_int_equal(cc_factor_parse(&fw, specs[i], &f[i], why, sizeof(why)), CC_OK);
	assert_int_equal(cc_robust_init(&r, &fw, &a, f, 3, &err), CC_OK);
	assert_int_equal(cc_robust_ws_init(&r, &ws), CC_OK);
	for (int k = 0; k < 200; k++) {
		double u[3], values[16], w[16];
		unsigned char agg[16], norm[16], st[16];
		int32_t fast[30], slow[30];
		struct cc_rank_item items[30];
		struct cc_model m = {.weight = w, .agg = agg, .norm = norm};
		int n = 0;

		cc_robust_point(rng, 5, 9, k, 3, u);
		for (int i = 0; i < fw.nnodes; i++) {
			w[i] = fw.nodes[i].weight;
			agg[i] = fw.nodes[i].kind == CC_GROUP ? aggs[(int)(u[0] * 4)] : 0;
			norm[i] = fw.nodes[i].kind == CC_INDICATOR ? norms[(int)(u[2] * 3)] : 0;
		}
		m.missing = (int)(u[1] * 2);
		for (int unit = 0; unit < a.nunits; unit++) {
			cc_score_unit(&fw, &a, r.ranges, &m, unit, values, st);
			slow[unit] = 0;
			if (!isnan(values[0])) {
				items[n].key = cc_round_points(&fw, values[0] * fw.scale);
				items[n++].unit = unit;
			}
		}
		cc_rank_items(items, n, fw.ranking, slow, 1, 0);
		cc_robust_eval(&r, u, &ws, fast);
		assert_memory_equal(fast, slow, sizeof(fast));
	}
	gsl_rng_free(rng);
	cc_robust_ws_free(&ws);
	cc_robust_free(&r);
	cc_answers_free(&a);
	cc_framework_free(&fw);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ishigami_indices),
		cmocka_unit_test(test_two_units_counted_by_hand),
		cmocka_unit_test(test_uncertainty_summary_and_threads),
		cmocka_unit_test(test_factor_errors),
		cmocka_unit_test(test_normalisations),
		cmocka_unit_test(test_fast_path_matches_engine),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
