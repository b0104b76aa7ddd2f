/*
 * test_matrix_i18n.c - a risk matrix's `translations` block
 * (format/matrix_yaml_i18n.c): each language a view with its texts and the
 * file's own elsewhere, ids, colours and grid unchanged; every entry that
 * names what the file lacks is bad input with its line.
 */
#include "helpers.h"

#include "format/matrix_yaml.h"

static const char *const base =
	"cybercap-matrix: 1\nid: t\ntitle: Plain\n"
	"likelihood: [{id: \"1\", name: Rare, description: Once a decade}, {id: \"2\", name: Likely}]\n"
	"impact:\n  dimensions: [{id: people, name: People}]\n"
	"  levels: [{id: \"1\", name: Minor}, {id: \"2\", name: Severe}]\n"
	"levels: [{id: low, name: Low, color: \"#1a9850\"}, {id: high, name: High, color: \"#d73027\"}]\n"
	"grid: [[low, low], [low, high]]\n";

static int parse(struct cc_matrix *m, const char *tr, struct cc_error *err)
{
	char yaml[2048];

	snprintf(yaml, sizeof(yaml), "%stranslations:\n%s", base, tr);
	return cc_matrix_parse(m, "m.yaml", yaml, strlen(yaml), err);
}

static void test_views_carry_the_translation(void **state)
{
	struct cc_matrix m;
	struct cc_error err;
	const struct cc_matrix *fr;
	int rc = parse(&m, "  fr:\n    title: Simple\n"
		       "    likelihood: {\"1\": {name: Rare, description: Une fois par décennie}, \"2\": Probable}\n"
		       "    impact: {dimensions: {people: Personnes}, levels: {\"2\": {name: Grave}}}\n"
		       "    levels: {high: Élevé}\n", &err);

	(void)state;
	if (rc)
		print_error("%s:%ld: %s\n", err.file, err.line, err.msg);
	assert_int_equal(rc, CC_OK);
	assert_int_equal(m.nlangs, 1);
	fr = cc_matrix_in(&m, 0);
	assert_ptr_equal(cc_matrix_in(&m, -1), &m);
	assert_string_equal(fr->title, "Simple");
	assert_string_equal(fr->likelihood[0].description, "Une fois par décennie");
	assert_string_equal(fr->likelihood[1].name, "Probable");
	assert_string_equal(fr->dimensions[0].name, "Personnes");
	assert_string_equal(fr->impact[0].name, "Minor");
	assert_string_equal(fr->impact[1].name, "Grave");
	assert_string_equal(fr->levels[1].name, "Élevé");
	assert_string_equal(fr->levels[0].name, "Low");
	/* ids, colours and grid are the file's */
	assert_string_equal(fr->levels[1].id, "high");
	assert_string_equal(fr->levels[1].color, "#d73027");
	assert_int_equal(cc_matrix_cell(fr, 1, 1), 1);
	assert_string_equal(m.likelihood[1].name, "Likely");
	/* 9 texts in all; fr leaves two in English: Minor and Low */
	assert_int_equal(m.langs[0].untranslated, 2);
	cc_matrix_free(&m);
}

#define refused(tr, line, says) do { \
		struct cc_matrix m; \
		struct cc_error err_; \
		assert_refused(parse(&m, (tr), &err_), &err_, (line), (says)); \
	} while (0)

static void test_bad_translations_refused(void **state)
{
	(void)state;
	/* base has 9 lines; translations: is 10, the language 11 */
	refused("  fr:\n    levels: {medium: Moyen}\n", 12, "names the risk level \"medium\", which the matrix does not have");
	refused("  fr:\n    impact: {levels: {\"9\": X}}\n", 12, "names the impact level \"9\"");
	refused("  fr:\n    impact: {dimensions: {money: X}}\n", 12, "names the impact dimension \"money\"");
	refused("  fr:\n    likelihood: {\"2\": {description: X}}\n", 12, "\"2\" has no description to translate");
	refused("  fr:\n    levels: {high: {color: \"#000000\"}}\n", 12, "unknown key \"color\"");
	refused("  fr:\n    grid: []\n", 12, "unknown key \"grid\"");
	refused("  Fr:\n    title: X\n", 11, "not a lower-case language tag");
	refused("  fr:\n    title: X\n  fr:\n    title: Y\n", 13, "given twice");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_views_carry_the_translation),
		cmocka_unit_test(test_bad_translations_refused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
