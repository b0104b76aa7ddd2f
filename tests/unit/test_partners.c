/*
 * test_partners.c - partnership reference data in a store: the bundled
 * themes and the LDC graduations of data/partnerships load, and a unit's
 * groups are read on a year's list (Sao Tome and Principe on the 2024
 * LDC list, not on 2025's; Bangladesh on 2026's, not on 2027's; Botswana,
 * not on today's list, on 1990's). Run from the repository's root.
 */
#include "helpers.h"

#include "service/partners.h"
#include "service/service.h"

static json_t *groups_of(struct cc_store *s, struct cc_snapshot *snap, const char *u, int y)
{
	json_t *g = NULL;
	struct cc_error err;

	assert_int_equal(cc_partners_unit_groups(s, snap, u, y, &g, &err), CC_OK);
	return g;
}

static bool in(json_t *a, const char *id)
{
	size_t i;
	json_t *v;

	json_array_foreach(a, i, v)
		if (strcmp(json_string_value(v), id) == 0)
			return true;
	return false;
}

static void test_lists_of_a_year(void **state)
{
	static const struct { const char *unit; int year; bool ldc; } cases[] = {
		{"STP", 2024, true}, {"STP", 2025, false}, {"BGD", 2026, true},
		{"BGD", 2027, false}, {"BWA", 1990, true}, {"BWA", 2026, false},
		{"MDV", 2010, true}, {"MDV", 2011, false}, {"AFG", 2030, true},
		{"FRA", 2026, false}, {"SLB", 2027, true}, {"SLB", 2028, false},
	};
	char dir[] = "/tmp/cc-partners-XXXXXX";
	struct cc_snapshot *snap;
	struct cc_store *s;
	struct cc_error err;
	json_t *themes;
	int added;

	(void)state;
	assert_non_null(cc_test_mkdata(dir));
	assert_int_equal(cc_store_open(&s, dir, 1, &err), CC_OK);
	assert_int_equal(cc_service_add_units(s, "data/countries.csv", &added, &err), CC_OK);
	if (cc_partners_load_data(s, "data/partnerships", &err))
		fail_msg("%s:%ld: %s", err.file, (long)err.line, err.msg);
	assert_int_equal(cc_snapshot_load(s, &snap, &err), CC_OK);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		json_t *g = groups_of(s, snap, cases[i].unit, cases[i].year);
		if (in(g, "ldc") != cases[i].ldc)
			fail_msg("%s on the %d LDC list: expected %d", cases[i].unit, cases[i].year,
				 cases[i].ldc);
		json_decref(g);
	}
	assert_int_equal(cc_partners_themes_json(s, &themes, &err), CC_OK);
	assert_int_equal(json_array_size(themes), 23);
	assert_string_equal(json_string_value(json_object_get(json_array_get(themes, 0), "id")),
			    "policy-strategy");
	json_decref(themes);
	assert_true(cc__ptheme_ok(s, "cybercrime.legislation"));
	assert_false(cc__ptheme_ok(s, "cybercrime.nothing"));
	cc_snapshot_free(snap);
	cc_store_close(s);
	assert_int_equal(remove_dir(dir), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lists_of_a_year),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
