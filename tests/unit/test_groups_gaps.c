/*
 * test_groups_gaps.c - statistics by group of units (core/groups.h) and a
 * unit's gaps with the peers that score full (core/gaps.h).
 */
#include "helpers.h"

#include "core/gaps.h"
#include "core/groups.h"

/* scale 90; root children p (1) and c (2): p max 30, c max 60; a and b
 * split p: 15 each. missing: exclude, so an unanswered node is excluded. */
static const char *const yaml =
	"cybercap: 1\n"
	"id: demo\n"
	"title: Demo\n"
	"scale: 90\n"
	"missing: exclude\n"
	"nodes:\n"
	"  - id: p\n"
	"    name: P\n"
	"    children:\n"
	"      - {id: a, question: A, type: yes_no}\n"
	"      - {id: b, question: B, type: yes_no}\n"
	"  - {id: c, question: C, type: yes_no, weight: 2}\n";

/* U1: a b c yes    -> p 30, c 60, root 90
 * U2: a yes, b no, c no -> p 15, c 0, root (0.5 + 0) / 3 x 90 = 15
 * U3: c yes only   -> p, a, b excluded; root = c = 1 -> 90
 * U4: a b yes, c no -> p 30, c 0, root (1 + 0) / 3 x 90 = 30 */
static const char *const csv =
	"unit,question,answer\n"
	"U1,a,yes\nU1,b,yes\nU1,c,yes\n"
	"U2,a,yes\nU2,b,no\nU2,c,no\n"
	"U3,c,yes\n"
	"U4,a,yes\nU4,b,yes\nU4,c,no\n";

static void stats_are(const struct cc_stats *s, int count, double mean,
		      double median, double min, double max)
{
	assert_int_equal(s->count, count);
	assert_near(s->mean, mean);
	assert_near(s->median, median);
	assert_near(s->min, min);
	assert_near(s->max, max);
}

static void test_stats(void **state)
{
	double odd[] = {3, 1, 2};
	double even[] = {4, 1, 10, 2};
	double one[] = {7};
	struct cc_stats s;

	(void)state;
	cc_stats_compute(odd, 3, &s);
	stats_are(&s, 3, 2, 2, 1, 3);
	assert_true(odd[0] == 1 && odd[1] == 2 && odd[2] == 3);  /* sorted */
	/* 1 2 4 10: mean 17/4, median (2 + 4) / 2 = 3 */
	cc_stats_compute(even, 4, &s);
	stats_are(&s, 4, 4.25, 3, 1, 10);
	cc_stats_compute(one, 1, &s);
	stats_are(&s, 1, 7, 7, 7, 7);
	cc_stats_compute(NULL, 0, &s);
	assert_int_equal(s.count, 0);
}

static void test_groups_summarise(void **state)
{
	struct scored t;
	/* U1 in no group; group 0: U3 and U4; group 1: U2; group 2: empty */
	const int group_of[] = {-1, 1, 0, 0};
	struct cc_stats *out;
	int nn, root = 0, p, a, b, c;

	(void)state;
	score_text(&t, yaml, csv);
	nn = t.fw.nnodes;
	p = node_of(&t.fw, "p");
	a = node_of(&t.fw, "a");
	b = node_of(&t.fw, "b");
	c = node_of(&t.fw, "c");
	assert_near(POINTS(&t, "U2", "demo"), 15);
	assert_near(POINTS(&t, "U3", "demo"), 90);
	out = calloc((size_t)(3 * nn), sizeof(*out));
	assert_non_null(out);
	assert_int_equal(cc_groups_summarise(&t.s, group_of, 3, out), CC_OK);
	/* group 0 root: 90 (U3), 30 (U4) */
	stats_are(&out[0 * nn + root], 2, 60, 60, 30, 90);
	/* group 0 p: U3 excluded, U4 30 */
	stats_are(&out[0 * nn + p], 1, 30, 30, 30, 30);
	stats_are(&out[0 * nn + a], 1, 15, 15, 15, 15);
	/* group 0 c: 60 (U3), 0 (U4) */
	stats_are(&out[0 * nn + c], 2, 30, 30, 0, 60);
	/* group 1: U2 alone: root 15, p 15, a 15, b 0, c 0 */
	stats_are(&out[1 * nn + root], 1, 15, 15, 15, 15);
	stats_are(&out[1 * nn + p], 1, 15, 15, 15, 15);
	stats_are(&out[1 * nn + b], 1, 0, 0, 0, 0);
	stats_are(&out[1 * nn + c], 1, 0, 0, 0, 0);
	/* group 2 has no unit */
	for (int i = 0; i < nn; i++)
		assert_int_equal(out[2 * nn + i].count, 0);
	free(out);
	scored_free(&t);
}

static void test_gaps_order_and_peers(void **state)
{
	struct scored t;
	struct cc_gap *g;
	int n, u2, p, b, c;
	/* region: U1, U2 (itself), U3 */
	const unsigned char region[] = {1, 1, 1, 0};

	(void)state;
	score_text(&t, yaml, csv);
	u2 = cc_answers_find_unit(&t.a, "U2");
	p = node_of(&t.fw, "p");
	b = node_of(&t.fw, "b");
	c = node_of(&t.fw, "c");
	assert_int_equal(cc_gaps_compute(&t.s, u2, region, &g, &n), CC_OK);
	/* U2 misses: c 60 - 0 = 60; p 30 - 15 = 15; b 15 - 0 = 15.
	 * a is full (not listed); the root (missing 75) is never listed.
	 * Order: c, then the tie p (node 1) before b (node 3). */
	assert_int_equal(n, 3);
	assert_int_equal(g[0].node, c);
	assert_int_equal(g[1].node, p);
	assert_int_equal(g[2].node, b);
	assert_near(g[0].missing, 60);
	assert_near(g[0].points, 0);
	assert_near(g[0].max, 60);
	assert_near(g[1].missing, 15);
	assert_near(g[1].points, 15);
	assert_near(g[2].missing, 15);
	/* c: peers U1 (60, full), U3 (60, full), U4 (0): 3 peers, 2 full;
	 * in the region U1 and U3: 2, 2 */
	assert_int_equal(g[0].peers, 3);
	assert_int_equal(g[0].peers_full, 2);
	assert_int_equal(g[0].region_peers, 2);
	assert_int_equal(g[0].region_full, 2);
	/* p: U3 excluded; U1 30 and U4 30, both full; region: U1 */
	assert_int_equal(g[1].peers, 2);
	assert_int_equal(g[1].peers_full, 2);
	assert_int_equal(g[1].region_peers, 1);
	assert_int_equal(g[1].region_full, 1);
	/* b: the same (U1 yes, U4 yes) */
	assert_int_equal(g[2].peers, 2);
	assert_int_equal(g[2].peers_full, 2);
	assert_int_equal(g[2].region_peers, 1);
	free(g);

	/* Without regions the region counts stay 0. */
	assert_int_equal(cc_gaps_compute(&t.s, u2, NULL, &g, &n), CC_OK);
	assert_int_equal(n, 3);
	assert_int_equal(g[0].region_peers, 0);
	assert_int_equal(g[0].region_full, 0);
	assert_int_equal(g[0].peers_full, 2);
	free(g);
	scored_free(&t);
}

static void test_gaps_root_and_full_nodes_not_listed(void **state)
{
	struct scored t;
	struct cc_gap *g;
	int n;

	(void)state;
	score_text(&t, yaml, csv);
	/* U4: root 30 of 90, but only c (0 of 60) is a gap */
	assert_int_equal(cc_gaps_compute(&t.s, cc_answers_find_unit(&t.a, "U4"),
					 NULL, &g, &n), CC_OK);
	assert_int_equal(n, 1);
	assert_int_equal(g[0].node, node_of(&t.fw, "c"));
	assert_near(g[0].missing, 60);
	/* c for U4: peers U1 (full), U2 (0), U3 (full) */
	assert_int_equal(g[0].peers, 3);
	assert_int_equal(g[0].peers_full, 2);
	free(g);
	/* U1 is full everywhere; U3 full where not excluded: no gaps */
	assert_int_equal(cc_gaps_compute(&t.s, cc_answers_find_unit(&t.a, "U1"),
					 NULL, &g, &n), CC_OK);
	assert_int_equal(n, 0);
	free(g);
	assert_int_equal(cc_gaps_compute(&t.s, cc_answers_find_unit(&t.a, "U3"),
					 NULL, &g, &n), CC_OK);
	assert_int_equal(n, 0);
	free(g);
	scored_free(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_stats),
		cmocka_unit_test(test_groups_summarise),
		cmocka_unit_test(test_gaps_order_and_peers),
		cmocka_unit_test(test_gaps_root_and_full_nodes_not_listed),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
