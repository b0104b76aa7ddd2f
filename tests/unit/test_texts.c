/*
 * test_texts.c - the bundled reference texts in other languages: reading
 * data/i18n/LANG.yaml (format/texts_yaml.c; plan templates as dotted
 * paths, bad input with its line) and putting them in place of a list's
 * English names (service/texts.c, cc_texts_apply, cc_texts_find).
 */
#include "helpers.h"

#include "format/texts_yaml.h"
#include "service/texts.h"

static void test_reads_kinds_and_paths(void **state)
{
	static const char yaml[] =
		"sectors: {energy: Énergie, health: Santé}\n"
		"first_services: {\"1\": Gestion des événements, \"1.1\": Surveillance}\n"
		"plan_templates:\n"
		"  cirt: {name: Programme CIRT, objectives: [{title: Évaluation, actions: [{title: Rapport}]}]}\n";
	struct cc_arena ar;
	struct cc_text *t;
	struct cc_error err;
	int n;

	(void)state;
	cc_arena_init(&ar);
	assert_int_equal(cc_texts_parse("fr.yaml", "fr", yaml, strlen(yaml), &ar, &t, &n, &err), CC_OK);
	assert_int_equal(n, 7);
	assert_string_equal(t[0].kind, "sector");
	assert_string_equal(t[0].id, "energy");
	assert_string_equal(t[0].text, "Énergie");
	assert_string_equal(t[0].lang, "fr");
	assert_string_equal(t[3].kind, "first_service");
	assert_string_equal(t[3].id, "1.1");
	assert_string_equal(t[4].id, "cirt.name");
	assert_string_equal(t[5].id, "cirt.objectives.0.title");
	assert_string_equal(t[6].id, "cirt.objectives.0.actions.0.title");
	assert_string_equal(t[6].text, "Rapport");
	cc_arena_free(&ar);
}

static void test_bad_files_refused(void **state)
{
	struct cc_arena ar;
	struct cc_text *t;
	struct cc_error err;
	int n;

	(void)state;
	cc_arena_init(&ar);
	assert_refused(cc_texts_parse("fr.yaml", "fr", "sectors: {a: A}\ncolours: {red: Rouge}\n", 38,
				      &ar, &t, &n, &err), &err, 2, "unknown kind \"colours\"");
	assert_refused(cc_texts_parse("fr.yaml", "fr", "sectors: [A, B]\n", 16, &ar, &t, &n, &err),
		       &err, 1, "\"sectors\" must map ids to texts");
	assert_refused(cc_texts_parse("fr.yaml", "fr", "- a\n", 4, &ar, &t, &n, &err), &err, 1,
		       "must map kinds");
	cc_arena_free(&ar);
}

static void test_apply_replaces_names_it_has(void **state)
{
	struct cc_text items[] = {{"fr", "theme", "a", "Alpha-fr"}, {"fr", "theme", "c", "Charlie-fr"}};
	struct cc_list l = {.items = items, .n = 2};
	json_t *arr = json_pack("[{s:s,s:s},{s:s,s:s},{s:s,s:s},{s:s}]",
				"id", "a", "name", "Alpha", "id", "b", "name", "Bravo",
				"id", "c", "name", "Charlie", "id", "d");
	int untranslated = 0;

	(void)state;
	cc_texts_apply(&l, arr, "id", "name", &untranslated);
	assert_string_equal(json_string_value(json_object_get(json_array_get(arr, 0), "name")), "Alpha-fr");
	assert_string_equal(json_string_value(json_object_get(json_array_get(arr, 1), "name")), "Bravo");
	assert_string_equal(json_string_value(json_object_get(json_array_get(arr, 2), "name")), "Charlie-fr");
	assert_null(json_object_get(json_array_get(arr, 3), "name"));   /* nothing to replace */
	assert_int_equal(untranslated, 1);
	assert_string_equal(cc_texts_find(&l, "c"), "Charlie-fr");
	assert_null(cc_texts_find(&l, "b"));
	json_decref(arr);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_reads_kinds_and_paths),
		cmocka_unit_test(test_bad_files_refused),
		cmocka_unit_test(test_apply_replaces_names_it_has),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
