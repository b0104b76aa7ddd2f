/*
 * test_risks.c - risk assessments in the store and the service: migration
 * 0007's tables and constraints, the bundled matrices and taxonomies
 * loaded (a changed matrix a new version, an assessment keeping its own),
 * risks checked field by field against the matrix and the taxonomies with
 * every bad field reported, levels and the spec's order in the loaded
 * register, ratings agreed in a workshop kept through unrelated changes,
 * participants' ratings with their history, the register import naming
 * every bad cell and saving nothing, and every change in a verified audit
 * chain. Runs from the source tree (matrices/, data/taxonomies/).
 */
#include "helpers.h"

#include "service/risk_workshop.h"
#include "service/risks.h"
#include "service/service.h"
#include "store/store.h"

#include <jansson.h>

static const char units_csv[] = "iso3,name_en\nXAA,Fictional A\n";

struct fixture {
	char dir[64];
	struct cc_store *s;
};

static int setup(void **state)
{
	struct fixture *fx = calloc(1, sizeof(*fx));
	struct cc_error err;
	char up[128];
	int n;

	snprintf(fx->dir, sizeof(fx->dir), "/tmp/cc-risks-XXXXXX");
	if (!cc_test_mkdata(fx->dir))
		return -1;
	snprintf(up, sizeof(up), "%s/units.csv", fx->dir);
	write_file(up, units_csv);
	if (cc_store_open(&fx->s, fx->dir, 1, &err) ||
	    cc_service_add_units(fx->s, up, &n, &err) ||
	    cc_service_add_matrices_dir(fx->s, "matrices", &n, &err) ||
	    cc_service_add_taxonomies(fx->s, "data/taxonomies", &n, &err)) {
		fprintf(stderr, "setup: %s\n", err.msg);
		return -1;
	}
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *fx = *state;

	cc_store_close(fx->s);
	remove_dir(fx->dir);
	free(fx);
	return 0;
}

#define BODY(text) json_loads((text), 0, NULL)

static void assessment(struct fixture *fx, const char *id, const char *matrix)
{
	struct cc_error err;
	char text[300];
	json_t *b;

	snprintf(text, sizeof(text), "{\"id\": \"%s\", \"unit\": \"XAA\", \"title\": \"T\", "
		 "\"matrix\": \"%s\", \"start\": \"2026-01-01\", \"end\": \"2026-12-31\"}", id, matrix);
	b = BODY(text);
	if (cc_risk_assessment_create(fx->s, b, "t", &err))
		fail_msg("assessment %s: %s (%s)", id, err.msg, err.file);
	json_decref(b);
}

static int risk(struct fixture *fx, const char *a, const char *text, struct cc_error *err)
{
	char id[CC_RISK_ID_MAX + 1];
	json_t *b = BODY(text);
	int rc;

	assert_non_null(b);
	cc_error_clear(err);
	rc = cc_risk_create(fx->s, a, b, "t", id, err);
	json_decref(b);
	return rc;
}

#define NAT "\"title\": \"T\", \"scenario\": \"S\", \"sectors\": [\"health\"], \"threat\": " \
	"\"ransomware\", \"actor\": \"criminal\", \"owner\": \"O\""

static void test_loaded_reference_data(void **state)
{
	struct fixture *fx = *state;
	struct cc_list l;
	struct cc_error err;

	assert_int_equal(cc_store_terms(fx->s, "actor", &l, &err), CC_OK);
	assert_int_equal(l.n, 5);
	assert_string_equal(((struct cc_term_rec *)l.items)[0].id, "state");
	cc_list_free(&l);
	assert_int_equal(cc_store_matrices(fx->s, &l, &err), CC_OK);
	assert_int_equal(l.n, 2);
	cc_list_free(&l);
	/* loading again changes nothing; the taxonomies are replaced whole */
	int n;
	assert_int_equal(cc_service_add_matrices_dir(fx->s, "matrices", &n, &err), CC_OK);
	assert_int_equal(db_int(fx->dir, "SELECT count(*) FROM risk_matrix"), 2);
	assert_int_equal(cc_service_add_taxonomies(fx->s, "data/taxonomies", &n, &err), CC_OK);
	assert_int_equal(db_int(fx->dir, "SELECT count(*) FROM taxonomy_term"), n);
	/* a folder without the three files: nothing replaced */
	assert_int_not_equal(cc_service_add_taxonomies(fx->s, "matrices", &n, &err), CC_OK);
	assert_true(db_int(fx->dir, "SELECT count(*) FROM taxonomy_term WHERE kind = 'sector'") > 20);
}

static void test_every_bad_field_is_reported(void **state)
{
	struct fixture *fx = *state;
	struct cc_error err;
	static const struct { const char *body, *field; } cases[] = {
		{"{" NAT ", \"inherent\": {\"likelihood\": \"L9\", \"impacts\": {\"human\": \"I1\"}}, "
		 "\"current\": {\"likelihood\": \"L1\", \"impacts\": {\"human\": \"I1\"}}}",
		 "inherent.likelihood"},
		{"{" NAT ", \"inherent\": {\"likelihood\": \"L1\", \"impacts\": {\"sky\": \"I1\"}}, "
		 "\"current\": {\"likelihood\": \"L1\", \"impacts\": {\"human\": \"I1\"}}}",
		 "inherent.impacts.sky"},
		{"{" NAT ", \"inherent\": {\"likelihood\": \"L1\", \"impact\": \"I1\"}, "
		 "\"current\": {\"likelihood\": \"L1\", \"impacts\": {\"human\": \"I1\"}}}",
		 "inherent.impact"},
		{"{" NAT ", \"current\": {\"likelihood\": \"L1\", \"impacts\": {\"human\": \"I1\"}}}",
		 "inherent"},
		{"{\"title\": \"T\", \"scenario\": \"S\", \"sectors\": [\"health\", \"moon\"], \"threat\": "
		 "\"ransomware\", \"actor\": \"criminal\", \"owner\": \"O\", \"inherent\": {\"likelihood\": "
		 "\"L1\", \"impacts\": {\"human\": \"I1\"}}, \"current\": {\"likelihood\": \"L1\", "
		 "\"impacts\": {\"human\": \"I1\"}}}", "sectors[1]"},
	};

	assessment(fx, "a", "national-5x5");
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		assert_int_equal(risk(fx, "a", cases[i].body, &err), CC_EINPUT);
		assert_string_equal(err.file, cases[i].field);
	}
	assert_int_equal(db_int(fx->dir, "SELECT count(*) FROM risk"), 0);
	/* several bad fields at once: the first in err */
	assert_int_equal(risk(fx, "a", "{\"title\": \"\", \"scenario\": 3, \"sectors\": [], "
			      "\"threat\": \"x\", \"actor\": \"y\", \"owner\": \"O\", \"inherent\": "
			      "{\"likelihood\": \"L1\", \"impacts\": {\"human\": \"I1\"}}, \"current\": "
			      "{\"likelihood\": \"L1\", \"impacts\": {\"human\": \"I1\"}}}", &err),
			 CC_EINPUT);
	assert_string_equal(err.file, "title");
}

static void test_levels_order_and_versions(void **state)
{
	struct fixture *fx = *state;
	struct cc_register reg;
	struct cc_error err;
	char hash[65];

	assessment(fx, "b", "plain-5x5");
	assert_int_equal(risk(fx, "b", "{\"id\": \"x\", " NAT ", \"inherent\": {\"likelihood\": \"5\", "
			      "\"impact\": \"5\"}, \"current\": {\"likelihood\": \"2\", \"impact\": "
			      "\"4\"}}", &err), CC_OK);
	assert_int_equal(risk(fx, "b", "{\"id\": \"y\", " NAT ", \"inherent\": {\"likelihood\": \"5\", "
			      "\"impact\": \"5\"}, \"current\": {\"likelihood\": \"4\", \"impact\": "
			      "\"2\"}}", &err), CC_OK);
	assert_int_equal(risk(fx, "b", "{\"id\": \"z\", " NAT ", \"inherent\": {\"likelihood\": \"1\", "
			      "\"impact\": \"1\"}, \"current\": {\"likelihood\": \"2\", \"impact\": "
			      "\"4\"}}", &err), CC_OK);
	assert_int_equal(cc_register_load(fx->s, "b", &reg, &err), CC_OK);
	/* plain grid: 2x4 and 4x2 are both "medium"; impact breaks the tie, then id */
	assert_string_equal(reg.v[reg.order[0]].r->id, "x");
	assert_string_equal(reg.v[reg.order[1]].r->id, "z");
	assert_string_equal(reg.v[reg.order[2]].r->id, "y");
	assert_string_equal(reg.m.levels[reg.v[reg.order[0]].phase[CC_PHASE_CURRENT].level].id,
			    "medium");
	snprintf(hash, sizeof(hash), "%s", reg.a->matrix_hash);
	assert_int_equal(db_int(fx->dir, "SELECT count(*) FROM risk_matrix WHERE id = 'plain-5x5'"), 1);
	{
		char path[128], id[64];
		snprintf(path, sizeof(path), "%s/plain.yaml", fx->dir);
		FILE *f = fopen("matrices/plain-5x5.yaml", "r"), *g = fopen(path, "w");
		char line[400];
		while (fgets(line, sizeof(line), f))
			fputs(strncmp(line, "title:", 6) ? line : "title: Changed\n", g);
		fclose(f);
		fclose(g);
		assert_int_equal(cc_service_add_matrix(fx->s, path, id, sizeof(id), &err), CC_OK);
	}
	assert_int_equal(db_int(fx->dir, "SELECT count(*) FROM risk_matrix WHERE id = 'plain-5x5'"), 2);
	cc_register_free(&reg);
	assert_int_equal(cc_register_load(fx->s, "b", &reg, &err), CC_OK);
	assert_string_equal(reg.a->matrix_hash, hash);
	assert_string_equal(reg.m.title, "Plain risk matrix (5 x 5)");
	cc_register_free(&reg);
}

static void test_agreed_ratings_and_participants(void **state)
{
	struct fixture *fx = *state;
	struct cc_register reg;
	struct cc_error err;
	struct cc_respondent_added out;
	struct cc_respondent_new who = {"p@example.org", "P", "Org", "cirt"};
	json_t *b;
	long long bad;
	long long count;

	assessment(fx, "c", "national-5x5");
	assert_int_equal(risk(fx, "c", "{\"id\": \"r\", " NAT ", \"inherent\": {\"likelihood\": \"L3\", "
			      "\"impacts\": {\"human\": \"I3\"}}, \"current\": {\"likelihood\": \"L2\", "
			      "\"impacts\": {\"human\": \"I2\"}}}", &err), CC_OK);
	b = BODY("{\"likelihood\": \"L4\", \"impacts\": {\"services\": \"I4\"}, \"workshop\": true, "
		 "\"dissent\": \"one said L5\"}");
	assert_int_equal(cc_risk_set_rating(fx->s, "c", "r", "current", b, "t", &err), CC_OK);
	json_decref(b);
	b = BODY("{\"owner\": \"Another\"}");
	assert_int_equal(cc_risk_update(fx->s, "c", "r", b, "t", &err), CC_OK);
	json_decref(b);
	assert_int_equal(cc_register_load(fx->s, "c", &reg, &err), CC_OK);
	assert_int_equal(reg.v[0].phase[CC_PHASE_CURRENT].rec->workshop, 1);
	assert_string_equal(reg.v[0].phase[CC_PHASE_CURRENT].rec->dissent, "one said L5");
	assert_string_equal(reg.v[0].r->owner, "Another");
	cc_register_free(&reg);
	/* a participant: a new account with a token, ratings with history */
	assert_int_equal(cc_risk_participant_add(fx->s, "c", &who, "t", &out, &err), CC_OK);
	assert_true(out.created && out.token[0]);
	b = BODY("{\"likelihood\": \"L1\", \"impacts\": {\"human\": \"I1\"}}");
	assert_int_equal(cc_risk_participant_rate(fx->s, "c", out.id, "r", b, "p", &err), CC_OK);
	assert_int_equal(cc_risk_participant_rate(fx->s, "c", out.id, "r", b, "p", &err), CC_OK);
	json_decref(b);
	b = BODY("{\"likelihood\": \"L1\", \"impacts\": {\"human\": \"I6\"}}");
	assert_int_equal(cc_risk_participant_rate(fx->s, "c", out.id, "r", b, "p", &err), CC_EINPUT);
	assert_string_equal(err.file, "impacts.human");
	json_decref(b);
	assert_int_equal(db_int(fx->dir, "SELECT count(*) FROM risk_participant_rating"), 1);
	assert_int_equal(db_int(fx->dir, "SELECT count(*) FROM risk_participant_rating_history"), 2);
	assert_int_equal(cc_risk_participant_add(fx->s, "c", &who, "t", &out, &err), CC_ECONFLICT);
	assert_int_equal(cc_store_audit_verify(fx->s, &bad, &count, &err), CC_OK);
	assert_int_equal(bad, 0);
	assert_true(count > 5);
}

static void test_import_names_every_bad_cell(void **state)
{
	struct fixture *fx = *state;
	struct cc_xlsx_errors errs;
	struct cc_error err;
	int created, updated;
	static const char csv[] =
		"id,title,scenario,sectors,threat,actor,owner,inherent_likelihood,inherent_impact,"
		"current_likelihood,current_impact,public\n"
		"a,T,S,health,ransomware,criminal,O,5,5,2,4,no\n"
		"b,T,S,moon,ransomware,criminal,O,9,5,2,4,maybe\n"
		"c,,S,health,ransomware,criminal,O,Rare,Severe,2,4,yes\n";

	assessment(fx, "d", "plain-5x5");
	assert_int_equal(cc_register_import(fx->s, "d", csv, strlen(csv), false, "r.csv", "t", &errs,
					    &created, &updated, &err), CC_EINPUT);
	/* row 3: sectors (D), inherent_likelihood (H), public (L); row 4: title (B),
	 * public_title and public_summary have no column: named at public's row */
	assert_true(errs.n >= 4);
	int seen = 0;
	for (int i = 0; i < errs.n; i++) {
		seen |= (errs.v[i].row == 3 && !strcmp(errs.v[i].col, "D")) << 0;
		seen |= (errs.v[i].row == 3 && !strcmp(errs.v[i].col, "H")) << 1;
		seen |= (errs.v[i].row == 3 && !strcmp(errs.v[i].col, "L")) << 2;
		seen |= (errs.v[i].row == 4 && !strcmp(errs.v[i].col, "B")) << 3;
		assert_string_equal(errs.v[i].sheet, "r.csv");
	}
	assert_int_equal(seen, 15);
	assert_int_equal(db_int(fx->dir, "SELECT count(*) FROM risk WHERE assessment_id = 'd'"), 0);
	cc_xlsx_errors_free(&errs);
	/* the good rows alone: saved, levels by name */
	static const char good[] =
		"id,title,scenario,sectors,threat,actor,owner,inherent_likelihood,inherent_impact,"
		"current_likelihood,current_impact\n"
		"a,T,S,health,ransomware,criminal,O,5,5,2,4\n"
		",T,S,Health care,Ransomware,criminal,O,Rare,Severe,almost certain,4\n";
	assert_int_equal(cc_register_import(fx->s, "d", good, strlen(good), false, "r.csv", "t",
					    &errs, &created, &updated, &err), CC_OK);
	assert_int_equal(created, 2);
	assert_int_equal(updated, 0);
	assert_int_equal(db_int(fx->dir, "SELECT count(*) FROM risk_rating r JOIN risk k ON "
				"k.key = r.risk_key WHERE k.id = 'r1' AND r.phase = 'current' AND "
				"r.likelihood = '5'"), 1);
	cc_xlsx_errors_free(&errs);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_loaded_reference_data),
		cmocka_unit_test(test_every_bad_field_is_reported),
		cmocka_unit_test(test_levels_order_and_versions),
		cmocka_unit_test(test_agreed_ratings_and_participants),
		cmocka_unit_test(test_import_names_every_bad_cell),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
