/*
 * test_number.c - strict decimal numbers (core/number.h).
 */
#include "helpers.h"

#include <limits.h>

#include "core/number.h"

static bool parse(const char *s, double *out)
{
	return cc_number_parse(s, strlen(s), out);
}

static void test_accepts_plain_forms(void **state)
{
	double v = -1;

	(void)state;
	assert_true(parse("12", &v));
	assert_near(v, 12);
	assert_true(parse("-0.5", &v));
	assert_near(v, -0.5);
	assert_true(parse("1e3", &v));
	assert_near(v, 1000);
	assert_true(parse(".5", &v));
	assert_near(v, 0.5);
	assert_true(parse("0", &v));
	assert_near(v, 0);
	assert_true(parse("+4", &v));
	assert_near(v, 4);
	assert_true(parse("1.", &v));       /* digits then an empty fraction */
	assert_near(v, 1);
	assert_true(parse("-1E-2", &v));
	assert_near(v, -0.01);
	assert_true(parse("2.5e+2", &v));   /* 2.5 x 100 */
	assert_near(v, 250);
}

static void test_trims_spaces_and_tabs(void **state)
{
	double v = 0;

	(void)state;
	assert_true(parse(" 7 ", &v));
	assert_near(v, 7);
	assert_true(parse("\t-3.25\t ", &v));
	assert_near(v, -3.25);
}

static void test_refuses(void **state)
{
	static const char *const bad[] = {
		"", "   ", "0x10", "inf", "-inf", "nan", "NaN", "Infinity",
		"1e999", "-1e999", "1,5", "12abc", "+", "-", ".", "1e", "1e+",
		"e5", "1 2", "--1", "1.2.3", "12 abc", "0x1p3",
	};
	double v = 42;

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (parse(bad[i], &v)) {
			print_error("\"%s\" was accepted as %g\n", bad[i], v);
			fail();
		}
	}
}

static void test_reads_only_len_bytes(void **state)
{
	double v = 0;

	(void)state;
	/* "12x" limited to 2 bytes is "12"; to 3 bytes it is refused. */
	assert_true(cc_number_parse("12x", 2, &v));
	assert_near(v, 12);
	assert_false(cc_number_parse("12x", 3, &v));
	/* Not NUL-terminated after len: the digits that follow are ignored. */
	assert_true(cc_number_parse("3456", 1, &v));
	assert_near(v, 3);
}

static void test_parse_int(void **state)
{
	int n = 0;

	(void)state;
	assert_true(cc_number_parse_int("42", 2, &n));
	assert_int_equal(n, 42);
	assert_true(cc_number_parse_int(" -7 ", 4, &n));
	assert_int_equal(n, -7);
	assert_true(cc_number_parse_int("3.0", 3, &n));   /* a whole number */
	assert_int_equal(n, 3);
	assert_true(cc_number_parse_int("1e2", 3, &n));   /* 100 */
	assert_int_equal(n, 100);
	assert_true(cc_number_parse_int("2147483647", 10, &n));
	assert_int_equal(n, INT_MAX);
	assert_true(cc_number_parse_int("-2147483648", 11, &n));
	assert_int_equal(n, INT_MIN);

	assert_false(cc_number_parse_int("3.5", 3, &n));
	assert_false(cc_number_parse_int("2147483648", 10, &n));  /* INT_MAX + 1 */
	assert_false(cc_number_parse_int("-2147483649", 11, &n));
	assert_false(cc_number_parse_int("1e10", 4, &n));
	assert_false(cc_number_parse_int("x", 1, &n));
	assert_false(cc_number_parse_int("", 0, &n));
}

static void test_trim(void **state)
{
	const char *s = "  a b \t";
	size_t len = strlen(s);
	const char *t = cc_trim(s, &len);

	(void)state;
	assert_int_equal(len, 3);
	assert_memory_equal(t, "a b", 3);
	assert_ptr_equal(t, s + 2);

	len = 4;
	t = cc_trim(" \t \t", &len);
	assert_int_equal(len, 0);

	len = 0;
	t = cc_trim("x", &len);
	assert_int_equal(len, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_accepts_plain_forms),
		cmocka_unit_test(test_trims_spaces_and_tabs),
		cmocka_unit_test(test_refuses),
		cmocka_unit_test(test_reads_only_len_bytes),
		cmocka_unit_test(test_parse_int),
		cmocka_unit_test(test_trim),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
