/*
 * test_spread.c - core/spread: counts per answer (in the question's order,
 * then as first given), the median of the ratings, and divergence measured
 * in scale steps (level indices), never in level values.
 */
#include "helpers.h"

#include "core/spread.h"

#define N 8

struct run {
	struct cc_spread_count counts[N];
	double scratch[N];
	struct cc_spread out;
};

static void compute(struct run *r, const struct cc_spread_item *items, int n)
{
	memset(r, 0, sizeof(*r));
	cc_spread_compute(items, n, r->counts, r->scratch, &r->out);
}

static struct cc_spread_item rating(int level, double value)
{
	static char keys[16][16];
	static int next;
	char *k = keys[next++ % 16];

	snprintf(k, 16, "%g", value);
	return (struct cc_spread_item){k, level, level, value};
}

static void test_nothing_answered(void **state)
{
	struct run r;

	(void)state;
	compute(&r, NULL, 0);
	assert_int_equal(r.out.ncounts, 0);
	assert_nan(r.out.median);
	assert_false(r.out.divergent);
	assert_int_equal(r.out.min_level, -1);
	assert_int_equal(r.out.max_level, -1);
}

static void test_counts_in_the_questions_order_then_first_given(void **state)
{
	/* Options c (2), a (0), free text x, c again, b (1), y, a again. */
	const struct cc_spread_item items[] = {
		{"c", 2, -1, NAN}, {"a", 0, -1, NAN}, {"x", -1, -1, NAN}, {"c", 2, -1, NAN},
		{"b", 1, -1, NAN}, {"y", -1, -1, NAN}, {"a", 0, -1, NAN},
	};
	struct run r;

	(void)state;
	compute(&r, items, 7);
	assert_int_equal(r.out.ncounts, 5);
	assert_string_equal(r.counts[0].key, "a");
	assert_int_equal(r.counts[0].n, 2);
	assert_string_equal(r.counts[1].key, "b");
	assert_int_equal(r.counts[1].n, 1);
	assert_string_equal(r.counts[2].key, "c");
	assert_int_equal(r.counts[2].n, 2);
	/* answers without a place come last, as first given */
	assert_string_equal(r.counts[3].key, "x");
	assert_string_equal(r.counts[4].key, "y");
	/* no ratings: no median, never divergent */
	assert_nan(r.out.median);
	assert_false(r.out.divergent);
}

static void test_median_of_odd_and_even_counts(void **state)
{
	struct cc_spread_item items[4];
	struct run r;

	(void)state;
	items[0] = rating(3, 3);
	items[1] = rating(0, 0);
	items[2] = rating(4, 4);
	compute(&r, items, 3);
	assert_near(r.out.median, 3);
	items[3] = rating(1, 1);
	compute(&r, items, 4);
	assert_near(r.out.median, 2);       /* (1 + 3) / 2 */
	compute(&r, items, 1);
	assert_near(r.out.median, 3);
	/* the order given does not matter */
	items[0] = rating(4, 4);
	items[2] = rating(3, 3);
	compute(&r, items, 4);
	assert_near(r.out.median, 2);
}

static void test_divergence_is_two_steps_of_the_scale(void **state)
{
	struct cc_spread_item items[3];
	struct run r;

	(void)state;
	/* neighbours: one step */
	items[0] = rating(1, 1);
	items[1] = rating(2, 2);
	compute(&r, items, 2);
	assert_false(r.out.divergent);
	assert_int_equal(r.out.min_level, 1);
	assert_int_equal(r.out.max_level, 2);
	/* two steps */
	items[1] = rating(3, 3);
	compute(&r, items, 2);
	assert_true(r.out.divergent);
	/* a scale 10 / 20 / 40: 20 and 40 are 20 apart but one step */
	items[0] = rating(1, 20);
	items[1] = rating(2, 40);
	compute(&r, items, 2);
	assert_false(r.out.divergent);
	assert_near(r.out.median, 30);
	/* 10 and 40: two steps */
	items[2] = rating(0, 10);
	compute(&r, items, 3);
	assert_true(r.out.divergent);
	assert_near(r.out.median, 20);
	/* one respondent alone never diverges */
	compute(&r, items + 2, 1);
	assert_false(r.out.divergent);
}

static void test_equal_keys_count_once_each(void **state)
{
	struct cc_spread_item items[3];
	struct run r;

	(void)state;
	items[0] = rating(2, 2);
	items[1] = rating(2, 2);
	items[2] = rating(0, 0);
	compute(&r, items, 3);
	assert_int_equal(r.out.ncounts, 2);
	assert_string_equal(r.counts[0].key, "0");
	assert_int_equal(r.counts[0].n, 1);
	assert_string_equal(r.counts[1].key, "2");
	assert_int_equal(r.counts[1].n, 2);
	assert_true(r.out.divergent);
	assert_near(r.out.median, 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_nothing_answered),
		cmocka_unit_test(test_counts_in_the_questions_order_then_first_given),
		cmocka_unit_test(test_median_of_odd_and_even_counts),
		cmocka_unit_test(test_divergence_is_two_steps_of_the_scale),
		cmocka_unit_test(test_equal_keys_count_once_each),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
