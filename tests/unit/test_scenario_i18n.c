/*
 * test_scenario_i18n.c - a scenario's `translations` block
 * (format/scenario_yaml_i18n.c): each language a view with its texts and
 * the file's own elsewhere, ids and numbers unchanged; every entry that
 * names what the file lacks is bad input with its line.
 */
#include "helpers.h"

#include "format/scenario_yaml.h"

static const char *const base =
	"cybercap-scenario: 1\nid: s\ntitle: Storm\n"
	"objectives: [{id: o, name: Coordinate, criteria: [One call, One chair]}]\n"
	"teams: [{id: a, name: Alpha}, {id: b, name: Bravo}]\n"
	"injects:\n"
	"  - {id: i1, at: 10, to: [a], channel: email, title: Slow site, content: Ten seconds,\n"
	"     from: NOC, notes: Read aloud, expects: [{id: x1, text: Report it}]}\n"
	"  - {id: i2, at: 20, to: [all], channel: media, title: Press, content: A call}\n"
	"challenges:\n"
	"  - {id: c1, name: Logs, category: forensics, description: Find it, value: 100,\n"
	"     flags: [{type: static, value: \"cc{x}\"}], hints: [{id: h1, text: Look, cost: 10}]}\n";

static int parse(struct cc_scenario *sc, const char *tr, struct cc_error *err)
{
	char yaml[4096];

	snprintf(yaml, sizeof(yaml), "%stranslations:\n%s", base, tr);
	return cc_scenario_parse(sc, "s.yaml", NULL, yaml, strlen(yaml), err);
}

static void test_views_carry_the_translation(void **state)
{
	struct cc_scenario sc;
	struct cc_error err;
	const struct cc_scenario *fr, *es;
	int rc = parse(&sc, "  fr:\n    title: Tempête\n    objectives: {o: {name: Coordonner, criteria: [Un appel, Une présidence]}}\n"
		     "    teams: {b: Bravo-fr}\n"
		     "    injects: {i1: {title: Site lent, notes: À lire, expects: {x1: Le signaler}}}\n"
		     "    challenges: {c1: {name: Journaux, hints: {h1: Regardez}}}\n"
		     "  es:\n    title: Tormenta\n", &err);

	(void)state;
	if (rc)
		print_error("%s:%ld: %s\n", err.file, err.line, err.msg);
	assert_int_equal(rc, CC_OK);
	assert_int_equal(sc.nlangs, 2);
	assert_string_equal(sc.langs[0].tag, "fr");
	fr = cc_scenario_in(&sc, 0);
	es = cc_scenario_in(&sc, 1);
	assert_ptr_equal(cc_scenario_in(&sc, -1), &sc);
	assert_string_equal(fr->title, "Tempête");
	assert_string_equal(fr->objectives[0].criteria[1], "Une présidence");
	assert_string_equal(fr->teams[0].name, "Alpha");     /* not translated: the file's */
	assert_string_equal(fr->teams[1].name, "Bravo-fr");
	assert_string_equal(fr->injects[0].title, "Site lent");
	assert_string_equal(fr->injects[0].content, "Ten seconds");
	assert_string_equal(fr->injects[0].notes, "À lire");
	assert_string_equal(fr->injects[0].expects[0].text, "Le signaler");
	assert_string_equal(fr->challenges[0].hints[0].text, "Regardez");
	assert_string_equal(fr->challenges[0].category, "forensics");
	/* the file's own texts are untouched; ids, numbers, order are the same */
	assert_string_equal(sc.title, "Storm");
	assert_string_equal(sc.injects[0].expects[0].text, "Report it");
	assert_string_equal(fr->injects[0].id, "i1");
	assert_true(fr->injects[0].planned == sc.injects[0].planned);
	assert_true(fr->challenges[0].value == 100);
	assert_ptr_equal(fr->timeline, sc.timeline);
	assert_int_equal(fr->nlangs, 0);
	/* texts left in the file's language: 17 in all, es gives 1, fr 10 */
	assert_int_equal(sc.langs[1].untranslated, 16);
	assert_int_equal(sc.langs[0].untranslated, 7);
	assert_string_equal(es->title, "Tormenta");
	cc_scenario_free(&sc);
}

#define refused(tr, line, says) do { \
		struct cc_scenario sc; \
		struct cc_error err_; \
		assert_refused(parse(&sc, (tr), &err_), &err_, (line), (says)); \
	} while (0)

static void test_bad_translations_refused(void **state)
{
	(void)state;
	/* base has 12 lines; translations: is 13, the first language 14 */
	refused("  fr:\n    injects: {i9: {title: X}}\n", 15, "names the inject \"i9\", which the scenario does not have");
	refused("  fr:\n    objectives: {o: {criteria: [Un]}}\n", 15, "has 2 criteria; this list has 1");
	refused("  fr:\n    injects: {i2: {notes: X}}\n", 15, "inject \"i2\" has no \"notes\" to translate");
	refused("  fr:\n    injects: {i1: {expects: {x9: X}}}\n", 15, "has no expected action \"x9\"");
	refused("  fr:\n    challenges: {c1: {hints: {h2: X}}}\n", 15, "has no hint \"h2\"");
	refused("  fr:\n    challenges: {c1: {flags: X}}\n", 15, "unknown key \"flags\"");
	refused("  fr:\n    teams: {z: Zulu}\n", 15, "names the team \"z\"");
	refused("  FR:\n    title: X\n", 14, "not a lower-case language tag");
	refused("  fr:\n    title: X\n  fr:\n    title: Y\n", 16, "given twice");
	refused("  fr:\n    at: 5\n", 15, "unknown key \"at\"");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_views_carry_the_translation),
		cmocka_unit_test(test_bad_translations_refused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
