/*
 * test_rank.c - ranks on rounded points, dense or competition (core/rank.h),
 * and what rounding decides through core/score.h: cc_round_points and
 * levels.
 */
#include "helpers.h"

#include "core/rank.h"

#define TOP "cybercap: 1\nid: t\ntitle: T\n"
#define NUM "type: number, goalposts: [0, 100]"

static void test_rank_items(void **state)
{
	/* keys 5, 9, 5, 1, 9 for units 0..4; ranks written at
	 * [unit * 2 + 1], the other slots left alone. */
	static const long long keys[] = {5, 9, 5, 1, 9};
	/* dense: 9 -> 1, 5 -> 2, 1 -> 3; competition: 9 -> 1 (two units
	 * above 5), 5 -> 3, 1 -> 5 */
	static const int dense[] = {2, 1, 2, 3, 1};
	static const int competition[] = {3, 1, 3, 5, 1};
	struct cc_rank_item items[5];
	int32_t ranks[10];

	(void)state;
	for (int rule = 0; rule < 2; rule++) {
		for (int i = 0; i < 10; i++)
			ranks[i] = -7;
		for (int u = 0; u < 5; u++) {
			items[u].key = keys[u];
			items[u].unit = u;
		}
		cc_rank_items(items, 5, rule ? CC_RANK_COMPETITION : CC_RANK_DENSE,
			      ranks, 2, 1);
		for (int u = 0; u < 5; u++) {
			assert_int_equal(ranks[u * 2], -7);
			assert_int_equal(ranks[u * 2 + 1],
					 rule ? competition[u] : dense[u]);
		}
		/* sorted highest first */
		assert_true(items[0].key == 9 && items[4].key == 1);
	}
	cc_rank_items(items, 0, CC_RANK_DENSE, ranks, 2, 1);  /* no units */
}

#define RANK_YAML(ranking) TOP "precision: 0\nranking: " ranking "\n" \
	"nodes:\n  - {id: q, question: Q, type: number, goalposts: [0, 1000]}\n"
/* points = x / 10: E 90, A 80.4, B 79.6, C 79.1, D 70; rounded to
 * precision 0: 90, 80, 80, 79, 70 (A and B tie only once rounded). */
#define RANK_CSV "unit,question,answer\nA,q,804\nB,q,796\nC,q,791\n" \
	"D,q,700\nE,q,900\n"

static void test_ranks_dense_and_competition(void **state)
{
	static const char *const units[] = {"E", "A", "B", "C", "D"};
	static const int dense[] = {1, 2, 2, 3, 4};
	static const int competition[] = {1, 2, 2, 4, 5};
	struct scored t;

	(void)state;
	score_text(&t, RANK_YAML("dense"), RANK_CSV);
	assert_near(POINTS(&t, "A", "t"), 80.4);
	for (int i = 0; i < 5; i++) {
		assert_int_equal(RANK(&t, units[i], "t"), dense[i]);
		assert_int_equal(RANK(&t, units[i], "q"), dense[i]);
	}
	scored_free(&t);

	score_text(&t, RANK_YAML("competition"), RANK_CSV);
	for (int i = 0; i < 5; i++) {
		assert_int_equal(RANK(&t, units[i], "t"), competition[i]);
		assert_int_equal(RANK(&t, units[i], "q"), competition[i]);
	}
	scored_free(&t);
}

static void test_levels_at_boundaries(void **state)
{
	struct scored t;

	(void)state;
	score_text(&t, TOP
		"levels:\n"
		"  - {id: T1, min: 95}\n"
		"  - {id: T2, min: 55}\n"
		"nodes:\n"
		"  - {id: q, question: Q, " NUM "}\n",
		"unit,question,answer\n"
		"A,q,95\nB,q,94.99\nC,q,55\nD,q,54.999\nE,q,0\nF,q,100\n");
	/* levels by rounded points (precision 2), first whose min <= points */
	assert_int_equal(LEVEL(&t, "A"), 0);   /* 95.00 >= 95 exactly */
	assert_int_equal(LEVEL(&t, "B"), 1);   /* 94.99 */
	assert_int_equal(LEVEL(&t, "C"), 1);   /* 55.00 */
	assert_int_equal(LEVEL(&t, "D"), 1);   /* 54.999 rounds to 55.00 */
	assert_int_equal(LEVEL(&t, "E"), -1);  /* 0: below every level */
	assert_int_equal(LEVEL(&t, "F"), 0);
	scored_free(&t);
}

static void test_round_points(void **state)
{
	struct cc_framework fw;

	(void)state;
	parse_framework(&fw, TOP "nodes:\n  - {id: q, question: Q, type: yes_no}\n");
	/* precision 2: points x 100, to the nearest integer */
	assert_near(cc_precision_scale(&fw), 100);
	assert_int_equal(cc_round_points(&fw, 12.344), 1234);
	assert_int_equal(cc_round_points(&fw, 12.346), 1235);
	assert_int_equal(cc_round_points(&fw, 100), 10000);
	assert_int_equal(cc_round_points(&fw, 0), 0);
	fw.precision = 0;
	assert_near(cc_precision_scale(&fw), 1);
	assert_int_equal(cc_round_points(&fw, 79.6), 80);
	assert_int_equal(cc_round_points(&fw, 2.5), 3);    /* halves away from 0 */
	assert_int_equal(cc_round_points(&fw, -1.5), -2);
	fw.precision = 6;
	assert_near(cc_precision_scale(&fw), 1e6);
	assert_int_equal(cc_round_points(&fw, 1.0000004), 1000000);
	assert_int_equal(cc_round_points(&fw, 1.0000006), 1000001);
	cc_framework_free(&fw);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rank_items),
		cmocka_unit_test(test_ranks_dense_and_competition),
		cmocka_unit_test(test_levels_at_boundaries),
		cmocka_unit_test(test_round_points),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
