/*
 * test_version.c - the natural order of framework versions (core/version.h).
 */
#include "helpers.h"

#include "core/version.h"

static int cmp(const char *a, const char *b)
{
	int c = cc_version_cmp(a, strlen(a), b, strlen(b));
	return c < 0 ? -1 : c > 0;
}

static void test_orders_numbers_as_numbers(void **state)
{
	(void)state;
	assert_int_equal(cmp("2026", "2027"), -1);
	assert_int_equal(cmp("2027", "2026"), 1);
	assert_int_equal(cmp("1.9", "1.10"), -1);
	assert_int_equal(cmp("1.10", "1.9"), 1);
	assert_int_equal(cmp("9", "10"), -1);
	assert_int_equal(cmp("1.0.1", "1.1"), -1);
	assert_int_equal(cmp("2026", "2026"), 0);
	assert_int_equal(cmp("v2", "v10"), -1);
}

static void test_empty_and_prefixes(void **state)
{
	(void)state;
	assert_int_equal(cmp("", "1"), -1);
	assert_int_equal(cmp("1", ""), 1);
	assert_int_equal(cmp("", ""), 0);
	assert_int_equal(cmp("1.0", "1.0.1"), -1);
	assert_int_equal(cmp("2026", "2026-rc"), -1);
	/* the same number, more leading zeros first; then text byte by byte */
	assert_int_equal(cmp("01", "1"), -1);
	assert_int_equal(cmp("1", "01"), 1);
	assert_int_equal(cmp("1a", "1b"), -1);
	assert_int_equal(cmp("a", "B"), 1);
}

static void test_reads_only_len_bytes(void **state)
{
	(void)state;
	assert_int_equal(cc_version_cmp("2026xyz", 4, "2026", 4), 0);
	assert_true(cc_version_cmp("20", 2, "2026", 4) < 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_orders_numbers_as_numbers),
		cmocka_unit_test(test_empty_and_prefixes),
		cmocka_unit_test(test_reads_only_len_bytes),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
