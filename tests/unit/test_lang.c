/*
 * test_lang.c - language tags and the choice of a reader's language
 * (core/lang.h): ?lang= matching and Accept-Language negotiation.
 */
#include "helpers.h"

#include "core/lang.h"

static const char *const five[] = {"ar", "es", "fr", "ru", "zh"};

static void test_valid_tags(void **state)
{
	(void)state;
	assert_true(cc_lang_valid_tag("fr"));
	assert_true(cc_lang_valid_tag("pt-br"));
	assert_true(cc_lang_valid_tag("zh-hans-cn"));
	assert_false(cc_lang_valid_tag("FR"));
	assert_false(cc_lang_valid_tag("f"));
	assert_false(cc_lang_valid_tag("fr-"));
	assert_false(cc_lang_valid_tag("fr--ca"));
	assert_false(cc_lang_valid_tag("fr;q=1"));
	assert_false(cc_lang_valid_tag(""));
	assert_false(cc_lang_valid_tag(NULL));
}

static void test_match_exact_then_primary(void **state)
{
	static const char *const tags[] = {"fr", "fr-ca", "pt"};
	(void)state;
	assert_int_equal(cc_lang_match("fr-ca", tags, 3), 1);
	assert_int_equal(cc_lang_match("fr-be", tags, 3), 0);
	assert_int_equal(cc_lang_match("FR-CA", tags, 3), 1);
	assert_int_equal(cc_lang_match("pt-br", tags, 3), 2);
	assert_int_equal(cc_lang_match("de", tags, 3), -1);
	assert_int_equal(cc_lang_match(NULL, tags, 3), -1);
	assert_int_equal(cc_lang_match("fr", tags, 0), -1);
}

static void test_accept_by_quality(void **state)
{
	(void)state;
	/* the highest quality first, whatever the order written */
	assert_int_equal(cc_lang_accept("de;q=0.9, ru;q=0.95, zh;q=0.1", five, 5, "en"), 3);
	/* ties keep their order; a region falls back to its language */
	assert_int_equal(cc_lang_accept("es-MX, fr", five, 5, "en"), 1);
	assert_int_equal(cc_lang_accept("ar-EG,ar;q=0.9,en;q=0.8", five, 5, "en"), 0);
	/* a language there is no translation for is passed over */
	assert_int_equal(cc_lang_accept("de-DE, de;q=0.9, zh-CN;q=0.5", five, 5, "en"), 4);
}

static void test_accept_own_language_and_wildcard_stop(void **state)
{
	(void)state;
	/* English asked before French: the file's own texts */
	assert_int_equal(cc_lang_accept("en-GB, fr;q=0.8", five, 5, "en"), -1);
	assert_int_equal(cc_lang_accept("*, fr;q=0.5", five, 5, "en"), -1);
	/* q=0 refuses a language */
	assert_int_equal(cc_lang_accept("fr;q=0, es;q=0.2", five, 5, "en"), 1);
	assert_int_equal(cc_lang_accept(NULL, five, 5, "en"), -1);
	assert_int_equal(cc_lang_accept("", five, 5, "en"), -1);
}

static void test_accept_skips_malformed_parts(void **state)
{
	(void)state;
	assert_int_equal(cc_lang_accept(";;, fr;q=abc, ru;q=2, de ; q = 0.9, zh ; q=0.4", five, 5, "en"), 4);
	assert_int_equal(cc_lang_accept(",,,", five, 5, "en"), -1);
	assert_int_equal(cc_lang_accept("fr x", five, 5, "en"), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_valid_tags),
		cmocka_unit_test(test_match_exact_then_primary),
		cmocka_unit_test(test_accept_by_quality),
		cmocka_unit_test(test_accept_own_language_and_wildcard_stop),
		cmocka_unit_test(test_accept_skips_malformed_parts),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
