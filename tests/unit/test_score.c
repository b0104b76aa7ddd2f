/*
 * test_score.c - values and points (core/score.h), against values worked
 * out by hand from docs/framework-format.md. Ranks, rounding and levels
 * are in test_rank.c.
 *
 * Most questions are `number` questions with goalposts [0, 100], so that
 * an answer x has the value x / 100.
 */
#include "helpers.h"

#define TOP "cybercap: 1\nid: t\ntitle: T\n"
#define NUM "type: number, goalposts: [0, 100]"

static const char *const aggs_yaml = TOP
	"nodes:\n"
	"  - id: gm\n"
	"    name: Mean\n"
	"    children:\n"
	"      - {id: m1, question: M1, " NUM ", weight: 3}\n"
	"      - {id: m2, question: M2, " NUM "}\n"
	"  - id: gg\n"
	"    name: Geometric\n"
	"    aggregate: geometric\n"
	"    children:\n"
	"      - {id: g1, question: G1, " NUM "}\n"
	"      - {id: g2, question: G2, " NUM "}\n"
	"      - {id: g3, question: G3, " NUM ", weight: 2}\n"
	"  - id: gh\n"
	"    name: Harmonic\n"
	"    aggregate: harmonic\n"
	"    children:\n"
	"      - {id: h1, question: H1, " NUM "}\n"
	"      - {id: h2, question: H2, " NUM "}\n"
	"  - id: gn\n"
	"    name: Min\n"
	"    aggregate: min\n"
	"    children:\n"
	"      - {id: n1, question: N1, " NUM ", weight: 5}\n"
	"      - {id: n2, question: N2, " NUM "}\n"
	"      - {id: n3, question: N3, " NUM "}\n"
	"      - {id: nz, question: NZ, " NUM ", weight: 0}\n"
	"  - id: gx\n"
	"    name: Max\n"
	"    aggregate: max\n"
	"    children:\n"
	"      - {id: x1, question: X1, " NUM ", weight: 5}\n"
	"      - {id: x2, question: X2, " NUM "}\n"
	"      - {id: xz, question: XZ, " NUM ", weight: 0}\n";

static const char *const aggs_csv =
	"unit,question,answer\n"
	"U1,m1,20\nU1,m2,60\n"
	"U1,g1,25\nU1,g2,100\nU1,g3,50\n"
	"U1,h1,25\nU1,h2,50\n"
	"U1,n1,20\nU1,n2,90\nU1,n3,50\nU1,nz,0\n"
	"U1,x1,20\nU1,x2,90\nU1,xz,100\n"
	"U2,m1,100\nU2,m2,100\n"
	"U2,g1,100\nU2,g2,0\nU2,g3,100\n"
	"U2,h1,0\nU2,h2,100\n"
	"U2,n1,100\nU2,n2,100\nU2,n3,100\nU2,nz,50\n"
	"U2,x1,0\nU2,x2,0\nU2,xz,100\n";

static void test_aggregations(void **state)
{
	struct scored t;

	(void)state;
	score_text(&t, aggs_yaml, aggs_csv);
	/* mean: (3 x 0.2 + 1 x 0.6) / 4 = 1.2 / 4 = 0.3 */
	assert_near(VALUE(&t, "U1", "gm"), 0.3);
	/* geometric, W = 4: 0.25^(1/4) x 1^(1/4) x 0.5^(2/4)
	 *   = 0.5^(1/2) x 0.5^(1/2) = 0.5 */
	assert_near(VALUE(&t, "U1", "gg"), 0.5);
	/* harmonic: 2 / (1/0.25 + 1/0.5) = 2 / 6 = 1/3 */
	assert_near(VALUE(&t, "U1", "gh"), 1.0 / 3);
	/* min of 0.2, 0.9, 0.5 (nz = 0 has weight 0: not aggregated) */
	assert_near(VALUE(&t, "U1", "gn"), 0.2);
	/* max of 0.2, 0.9 (xz = 1 has weight 0: not aggregated) */
	assert_near(VALUE(&t, "U1", "gx"), 0.9);
	/* root: mean of the five = (0.3 + 0.5 + 1/3 + 0.2 + 0.9) / 5
	 *   = (57/30 + 10/30) / 5 = 67/150 */
	assert_near(VALUE(&t, "U1", "t"), 67.0 / 150);
	assert_near(POINTS(&t, "U1", "t"), 6700.0 / 150);

	/* U2: mean (300 + 100) / 400 = 1; geometric with a 0 child: 0;
	 * harmonic with a 0 child: 0; min of 1, 1, 1 (nz = 0.5 ignored): 1;
	 * max of 0, 0 (xz = 1 ignored): 0; root (1 + 0 + 0 + 1 + 0) / 5 */
	assert_near(VALUE(&t, "U2", "gm"), 1);
	assert_near(VALUE(&t, "U2", "gg"), 0);
	assert_near(VALUE(&t, "U2", "gh"), 0);
	assert_near(VALUE(&t, "U2", "gn"), 1);
	assert_near(VALUE(&t, "U2", "gx"), 0);
	assert_near(VALUE(&t, "U2", "t"), 0.4);
	scored_free(&t);
}

static void test_weight_zero_child_still_ranked(void **state)
{
	struct scored t;

	(void)state;
	score_text(&t, aggs_yaml, aggs_csv);
	/* nz: max = 20 x 0 / 7 = 0; values 0 and 0.5, both 0 points: both
	 * ranked, tied first. gn: max = 100/5 = 20; n1 = 20 x 5/7. */
	assert_near(t.fw.nodes[node_of(&t.fw, "nz")].max, 0);
	assert_near(t.fw.nodes[node_of(&t.fw, "n1")].max, 100.0 / 7);
	assert_near(VALUE(&t, "U1", "nz"), 0);
	assert_near(VALUE(&t, "U2", "nz"), 0.5);
	assert_int_equal(RANK(&t, "U1", "nz"), 1);
	assert_int_equal(RANK(&t, "U2", "nz"), 1);
	/* root: U1 67/150 = 0.4467 > U2 0.4 */
	assert_int_equal(RANK(&t, "U1", "t"), 1);
	assert_int_equal(RANK(&t, "U2", "t"), 2);
	scored_free(&t);
}

static void test_stage(void **state)
{
	struct scored t;

	(void)state;
	score_text(&t, TOP
		"nodes:\n"
		"  - id: st\n"
		"    name: Stage\n"
		"    aggregate: stage\n"
		"    children:\n"
		"      - {id: s1a, question: S1a, type: yes_no, stage: 1}\n"
		"      - {id: s1b, question: S1b, type: yes_no, stage: 1}\n"
		"      - {id: s2, question: S2, type: yes_no, stage: 2}\n"
		"      - {id: s4, question: S4, type: yes_no, stage: 4}\n",
		"unit,question,answer\n"
		"A,s1a,yes\nA,s1b,yes\nA,s2,yes\nA,s4,yes\n"
		"B,s1a,yes\nB,s1b,no\nB,s2,yes\nB,s4,yes\n"
		"C,s1a,yes\nC,s1b,yes\nC,s2,no\nC,s4,yes\n"
		"D,s1a,yes\nD,s1b,yes\nD,s2,yes\nD,s4,no\n");
	assert_int_equal(t.fw.nodes[node_of(&t.fw, "st")].max_stage, 4);
	/* S = 4. A: everything 1, s = 4 -> 1 */
	assert_near(VALUE(&t, "A", "st"), 1);
	/* B: a stage-1 child below 1 -> s = 0 -> 0 */
	assert_near(VALUE(&t, "B", "st"), 0);
	/* C: stage 1 complete, stage 2 not -> s = 1 -> 1/4 (s4 = 1 does
	 * not count past the gap) */
	assert_near(VALUE(&t, "C", "st"), 0.25);
	/* D: stages 1, 2 complete; there is no stage 3, so every child with
	 * stage <= 3 is 1 -> s = 3 -> 3/4 */
	assert_near(VALUE(&t, "D", "st"), 0.75);
	scored_free(&t);
}

/* {missing} is zero or exclude; t has weight 2 but is text. */
#define MISSING_YAML(missing) TOP "missing: " missing "\n" \
	"nodes:\n" \
	"  - {id: a, question: A, type: yes_no}\n" \
	"  - {id: b, question: B, type: yes_no}\n" \
	"  - {id: tx, question: Notes, type: text, weight: 2}\n" \
	"  - id: g\n" \
	"    name: G\n" \
	"    children:\n" \
	"      - {id: c, question: C, type: yes_no}\n"
#define MISSING_CSV "unit,question,answer\nU,a,yes\nU,b,\nU,tx,hello\n" \
	"V,a,no\nV,c,yes\n"

static void test_missing_zero_vs_exclude(void **state)
{
	struct scored t;

	(void)state;
	score_text(&t, MISSING_YAML("zero"), MISSING_CSV);
	/* max: weights a 1, b 1, tx 2, g 1 -> 5: a 20, tx 40, g 20 */
	assert_near(t.fw.nodes[node_of(&t.fw, "tx")].max, 40);
	assert_near(t.fw.nodes[node_of(&t.fw, "g")].max, 20);
	/* U: a 1, b 0 (empty answer = none), c 0 -> g 0, tx excluded;
	 * root = (1 + 0 + 0) / 3 = 1/3, points 100/3 */
	assert_near(VALUE(&t, "U", "b"), 0);
	assert_near(VALUE(&t, "U", "g"), 0);
	assert_nan(VALUE(&t, "U", "tx"));
	assert_int_equal(RANK(&t, "U", "tx"), CC_RANK_NONE);
	assert_near(VALUE(&t, "U", "t"), 1.0 / 3);
	assert_near(POINTS(&t, "U", "t"), 100.0 / 3);
	/* V: (0 + 0 + 1) / 3 */
	assert_near(VALUE(&t, "V", "t"), 1.0 / 3);
	scored_free(&t);

	score_text(&t, MISSING_YAML("exclude"), MISSING_CSV);
	/* U: b and c excluded, so g (all children excluded) is excluded:
	 * NaN and no rank; root = a alone = 1 */
	assert_nan(VALUE(&t, "U", "b"));
	assert_nan(VALUE(&t, "U", "c"));
	assert_nan(VALUE(&t, "U", "g"));
	assert_int_equal(RANK(&t, "U", "g"), CC_RANK_NONE);
	assert_int_equal(RANK(&t, "U", "b"), CC_RANK_NONE);
	assert_near(VALUE(&t, "U", "t"), 1);
	/* V: b excluded; root = (a 0 + g 1) / 2; g ranked alone: 1 */
	assert_near(VALUE(&t, "V", "t"), 0.5);
	assert_int_equal(RANK(&t, "V", "g"), 1);
	assert_int_equal(RANK(&t, "U", "t"), 1);
	assert_int_equal(RANK(&t, "V", "t"), 2);
	scored_free(&t);
}

static void test_indicators(void **state)
{
	struct scored t;

	(void)state;
	score_text(&t, TOP
		"nodes:\n"
		"  - {id: i1, name: I1, indicator: true}\n"
		"  - {id: i2, name: I2, indicator: true, direction: -1}\n"
		"  - {id: i3, name: I3, indicator: true, normalise: goalposts, goalposts: [10, 30]}\n"
		"  - {id: i4, name: I4, indicator: true, normalise: goalposts, goalposts: [30, 10]}\n"
		"  - {id: i5, name: I5, indicator: true, normalise: none}\n"
		"  - {id: i6, name: I6, indicator: true}\n",
		"unit,question,answer\n"
		"A,i1,10\nA,i2,1\nA,i3,5\nA,i4,5\nA,i5,0.3\nA,i6,7\n"
		"B,i1,20\nB,i2,3\nB,i3,15\nB,i4,15\nB,i5,1\nB,i6,7\n"
		"C,i1,50\nC,i2,5\nC,i3,30\nC,i4,30\nC,i5,0\nC,i6,7\n"
		"D,i2,2\nD,i3,40\nD,i4,25\nD,i5,0.6\nD,i6,7\n");
	/* i1 minmax over A, B, C (D has no value: excluded): min 10, max 50 */
	assert_near(VALUE(&t, "A", "i1"), 0);
	assert_near(VALUE(&t, "B", "i1"), 0.25);      /* 10 / 40 */
	assert_near(VALUE(&t, "C", "i1"), 1);
	assert_nan(VALUE(&t, "D", "i1"));
	assert_int_equal(RANK(&t, "D", "i1"), CC_RANK_NONE);
	/* i2 minmax 1..5 then 1 - v: A 1 - 0, B 1 - 0.5, C 1 - 1, D 1 - 0.25 */
	assert_near(VALUE(&t, "A", "i2"), 1);
	assert_near(VALUE(&t, "B", "i2"), 0.5);
	assert_near(VALUE(&t, "C", "i2"), 0);
	assert_near(VALUE(&t, "D", "i2"), 0.75);
	/* i3 [10, 30]: 5 -> clamped 0, 15 -> 0.25, 30 -> 1, 40 -> clamped 1 */
	assert_near(VALUE(&t, "A", "i3"), 0);
	assert_near(VALUE(&t, "B", "i3"), 0.25);
	assert_near(VALUE(&t, "C", "i3"), 1);
	assert_near(VALUE(&t, "D", "i3"), 1);
	/* i4 [30, 10], lower is better: (x - 30) / (10 - 30):
	 * 5 -> 1.25 -> 1, 15 -> 0.75, 30 -> 0, 25 -> 0.25 */
	assert_near(VALUE(&t, "A", "i4"), 1);
	assert_near(VALUE(&t, "B", "i4"), 0.75);
	assert_near(VALUE(&t, "C", "i4"), 0);
	assert_near(VALUE(&t, "D", "i4"), 0.25);
	/* i5 none: as given */
	assert_near(VALUE(&t, "A", "i5"), 0.3);
	assert_near(VALUE(&t, "D", "i5"), 0.6);
	/* i6: every unit has 7 -> 1 */
	assert_near(VALUE(&t, "A", "i6"), 1);
	assert_near(VALUE(&t, "D", "i6"), 1);
	/* roots: A (0 + 1 + 0 + 1 + 0.3 + 1) / 6 = 0.55;
	 * B (0.25 + 0.5 + 0.25 + 0.75 + 1 + 1) / 6 = 0.625;
	 * C (1 + 0 + 1 + 0 + 0 + 1) / 6 = 0.5;
	 * D without i1: (0.75 + 1 + 0.25 + 0.6 + 1) / 5 = 0.72 */
	assert_near(VALUE(&t, "A", "t"), 0.55);
	assert_near(VALUE(&t, "B", "t"), 0.625);
	assert_near(VALUE(&t, "C", "t"), 0.5);
	assert_near(VALUE(&t, "D", "t"), 0.72);
	scored_free(&t);
}

static void test_model_overrides(void **state)
{
	struct scored t;
	struct cc_range *ranges;
	double *values, *weight;
	unsigned char *agg, *scratch;
	struct cc_model model = {NULL, NULL, NULL, -1};
	int nn, g, a, b, c, u, v;

	(void)state;
	score_text(&t, TOP
		"nodes:\n"
		"  - id: g\n"
		"    name: G\n"
		"    children:\n"
		"      - {id: a, question: A, " NUM "}\n"
		"      - {id: b, question: B, " NUM ", weight: 3}\n"
		"  - {id: c, question: C, type: yes_no}\n",
		"unit,question,answer\nU,a,20\nU,b,60\nU,c,yes\nV,a,20\nV,c,yes\n");
	nn = t.fw.nnodes;
	g = node_of(&t.fw, "g");
	a = node_of(&t.fw, "a");
	b = node_of(&t.fw, "b");
	c = node_of(&t.fw, "c");
	u = cc_answers_find_unit(&t.a, "U");
	v = cc_answers_find_unit(&t.a, "V");
	ranges = malloc((size_t)t.fw.nleaves * sizeof(*ranges));
	values = malloc((size_t)nn * sizeof(*values));
	weight = malloc((size_t)nn * sizeof(*weight));
	agg = malloc((size_t)nn);
	scratch = malloc((size_t)nn);
	assert_true(ranges && values && weight && agg && scratch);
	cc_score_ranges(&t.fw, &t.a, ranges);
	for (int i = 0; i < nn; i++) {
		weight[i] = t.fw.nodes[i].weight;
		agg[i] = (unsigned char)t.fw.nodes[i].agg;
	}

	/* As the file says: g = (0.2 + 3 x 0.6) / 4 = 0.5; root (0.5 + 1)/2 */
	cc_score_unit(&t.fw, &t.a, ranges, NULL, u, values, scratch);
	assert_near(values[g], 0.5);
	assert_near(values[0], 0.75);
	assert_near(values[0], VALUE(&t, "U", "t"));

	/* g as min: g = min(0.2, 0.6) = 0.2; root (0.2 + 1) / 2 = 0.6 */
	agg[g] = CC_AGG_MIN;
	model.agg = agg;
	cc_score_unit(&t.fw, &t.a, ranges, &model, u, values, scratch);
	assert_near(values[g], 0.2);
	assert_near(values[0], 0.6);

	/* mean again, weights a 1, b 1, g 3, c 1: g = (0.2 + 0.6) / 2 = 0.4;
	 * root = (3 x 0.4 + 1 x 1) / 4 = 0.55 */
	agg[g] = CC_AGG_MEAN;
	weight[a] = 1;
	weight[b] = 1;
	weight[g] = 3;
	weight[c] = 1;
	model.weight = weight;
	cc_score_unit(&t.fw, &t.a, ranges, &model, u, values, scratch);
	assert_near(values[g], 0.4);
	assert_near(values[0], 0.55);

	/* V has no answer for b. File (missing zero): g = 0.2 / 4 = 0.05,
	 * root (0.05 + 1) / 2 = 0.525. Model missing exclude: g = 0.2,
	 * root (0.2 + 1) / 2 = 0.6. */
	model.weight = NULL;
	model.agg = NULL;
	cc_score_unit(&t.fw, &t.a, ranges, &model, v, values, scratch);
	assert_near(values[g], 0.05);
	assert_near(values[0], 0.525);
	model.missing = CC_MISSING_EXCLUDE;
	cc_score_unit(&t.fw, &t.a, ranges, &model, v, values, scratch);
	assert_nan(values[b]);
	assert_near(values[g], 0.2);
	assert_near(values[0], 0.6);

	free(ranges);
	free(values);
	free(weight);
	free(agg);
	free(scratch);
	scored_free(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_aggregations),
		cmocka_unit_test(test_weight_zero_child_still_ranked),
		cmocka_unit_test(test_stage),
		cmocka_unit_test(test_missing_zero_vs_exclude),
		cmocka_unit_test(test_indicators),
		cmocka_unit_test(test_model_overrides),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
