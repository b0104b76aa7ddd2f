/*
 * test_respondents.c - workshops of respondents in the store and the
 * service: migration 0003 (role_grant rebuilt with its rows, the
 * respondent role always scoped), respondent records, their answers and
 * history, grants taken back, one-time set-password tokens, and the
 * service on top (accounts linked or made, answers checked against the
 * framework, the facilitator's view with its spread, all audited).
 */
#include "campaign_fixture.h"

#include "service/auth.h"
#include "service/respondents.h"
#include "service/service.h"
#include "service/workflow.h"
#include "store/migrations.h"
#include "store/store.h"

#include <sqlite3.h>
#include <unistd.h>

static const char framework_yaml[] =
	"cybercap: 1.1\nid: wsfw\ntitle: Workshop\n"
	"scales:\n  - id: s\n    name: Level\n    levels:\n"
	"      - {value: 10, name: Low}\n      - {value: 20, name: Middle}\n"
	"      - {value: 40, name: High}\n"
	"nodes:\n"
	"  - id: g\n    name: G\n    children:\n"
	"      - {id: r1, question: Rated, type: rating, scale: s}\n"
	"      - {id: y1, question: Yes or no, type: yes_no}\n";

static const char units_csv[] = "iso3,name_en\nXAA,Fictional A\nXAB,Fictional B\n";

static int setup(void **state)
{
	const char *const units[] = {"XAA", "XAB"};

	*state = campaign_fixture("/tmp/cc-resp", framework_yaml, "wsfw", units_csv, units, 2);
	return *state ? 0 : -1;
}

static int teardown(void **state)
{
	return campaign_fixture_free(state);
}

static long long user(struct fixture *fx, const char *email, const char *hash)
{
	struct cc_error err;
	long long id = 0;

	assert_int_equal(cc_store_create_user(fx->s, email, email, hash, &id, &err), CC_OK);
	return id;
}

static int nrows(struct fixture *fx, const char *sql)
{
	return db_int(fx->dir, sql);
}

/* A database made by migrations 0001 and 0002 only, with grants, moves
 * to 0003 keeping every grant (ids too) and every constraint. */
static void test_migration_keeps_grants(void **state)
{
	struct fixture *fx = *state;
	const struct cc_migration *ms = db_on_pg() ? cc_pg_migrations : cc_migrations;
	int n = db_on_pg() ? cc_pg_nmigrations : cc_nmigrations;
	char dir[64];
	struct cc_store *s;
	struct cc_error err;
	struct cc_list l;

	(void)fx;
	snprintf(dir, sizeof(dir), "/tmp/cc-mig-XXXXXX");
	assert_non_null(cc_test_mkdata(dir));
	assert_true(n >= 3);
	assert_string_equal(ms[2].name, "0003_respondents");
	assert_int_equal(db_exec(dir, db_on_pg() ? "CREATE TABLE schema_migration (version INTEGER "
				 "PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)" :
				 "PRAGMA foreign_keys=ON; CREATE TABLE schema_migration ("
				 "version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT "
				 "NOT NULL)"), 0);
	/* (each db_exec is a connection of its own: SQLite's foreign keys are
	 * off on it, as they were when 0003 ran on an old database) */
	for (int m = 0; m < 2; m++)
		assert_int_equal(db_exec(dir, ms[m].sql), 0);
	assert_int_equal(db_exec(dir,
		"INSERT INTO schema_migration VALUES (1, '0001_init', 'x'), (2, '0002_accounts', 'x');"
		"INSERT INTO unit (id, name_en) VALUES ('XAA', 'A');"
		"INSERT INTO \"user\" (id, email, name, created_at) VALUES (5, 'a@x.org', 'A', 'x');"
		"INSERT INTO role_grant (id, user_id, role, unit_id, campaign_id) VALUES "
		"(3, 5, 'admin', NULL, NULL), (9, 5, 'focal_point', 'XAA', NULL);"), 0);
	/* rows given their ids by hand: PostgreSQL's sequence is moved past
	 * them, as cybercap migrate does (SQLite takes the largest id + 1) */
	if (db_on_pg())
		assert_int_equal(db_exec(dir, "SELECT setval(pg_get_serial_sequence('role_grant', 'id'), 9)"), 0);
	/* the old CHECK refuses the new role */
	assert_int_not_equal(db_exec(dir, "INSERT INTO role_grant (user_id, role) VALUES "
				     "(5, 'respondent')"), 0);
	assert_int_equal(cc_store_open(&s, dir, 0, &err), CC_OK);
	assert_int_equal(cc_store_grants(s, 5, &l, &err), CC_OK);
	assert_int_equal(l.n, 2);
	assert_string_equal(((struct cc_grant_rec *)l.items)[0].role, "admin");
	assert_null(((struct cc_grant_rec *)l.items)[0].unit);
	assert_string_equal(((struct cc_grant_rec *)l.items)[1].role, "focal_point");
	assert_string_equal(((struct cc_grant_rec *)l.items)[1].unit, "XAA");
	cc_list_free(&l);
	/* constraints kept: references refuse an unknown user or unit; the
	 * CHECKs (cc_store_grant ignores what they refuse) an unknown role and
	 * a respondent without a campaign */
	assert_int_equal(cc_store_grant(s, 77, "admin", NULL, NULL, &err), CC_ECONFLICT);
	assert_int_equal(cc_store_grant(s, 5, "reviewer", "QQQ", NULL, &err), CC_ECONFLICT);
	cc_store_grant(s, 5, "owner", NULL, NULL, &err);
	cc_store_grant(s, 5, "respondent", "XAA", NULL, &err);
	assert_int_equal(cc_store_grants(s, 5, &l, &err), CC_OK);
	assert_int_equal(l.n, 2);
	cc_list_free(&l);
	cc_store_close(s);
	assert_int_equal(db_int(dir, "SELECT count(*) FROM role_grant"), 2);
	assert_int_equal(db_int(dir, "SELECT min(id) FROM role_grant"), 3);
	assert_int_equal(db_int(dir, "SELECT max(id) FROM role_grant"), 9);
	if (!db_on_pg())        /* PostgreSQL checks foreign keys at every change */
		assert_int_equal(db_int(dir, "SELECT count(*) FROM pragma_foreign_key_check"), 0);
	assert_int_equal(remove_dir(dir), 0);
}

static void test_respondent_records(void **state)
{
	struct fixture *fx = *state;
	long long u1 = user(fx, "one@x.org", "h"), u2 = user(fx, "two@x.org", "h"), id1, id2, id3;
	const struct cc_respondent_rec *r;
	struct cc_error err;
	struct cc_list l;

	assert_int_equal(cc_store_add_respondent(fx->s, "w", "XAA", u1, "One", NULL, "cirt", "fac",
						 &id1, &err), CC_OK);
	assert_int_equal(cc_store_add_respondent(fx->s, "w", "XAA", u2, "Two", "Org", "academia",
						 "fac", &id2, &err), CC_OK);
	/* the same person twice on one assessment; elsewhere is fine */
	assert_int_equal(cc_store_add_respondent(fx->s, "w", "XAA", u1, "One", NULL, "cirt", "fac",
						 &id3, &err), CC_ECONFLICT);
	assert_int_equal(cc_store_add_respondent(fx->s, "w", "XAB", u1, "One", NULL, "cirt", "fac",
						 &id3, &err), CC_OK);
	/* an unknown group, an assessment that does not exist */
	assert_int_equal(cc_store_add_respondent(fx->s, "w", "XAA", u2, "T", NULL, "media", "f",
						 &id3, &err), CC_ECONFLICT);
	assert_int_equal(cc_store_add_respondent(fx->s, "nope", "XAA", u2, "T", NULL, "cirt", "f",
						 &id3, &err), CC_ECONFLICT);
	assert_int_equal(cc_store_respondents(fx->s, "w", "XAA", &l, &err), CC_OK);
	assert_int_equal(l.n, 2);
	r = l.items;
	assert_true(r[0].id == id1 && r[1].id == id2);
	assert_string_equal(r[0].email, "one@x.org");
	assert_string_equal(r[0].organisation, "");
	assert_string_equal(r[1].organisation, "Org");
	assert_string_equal(r[1].group, "academia");
	assert_string_equal(r[1].created_by, "fac");
	assert_int_equal(r[0].removed, 0);
	cc_list_free(&l);
	/* by id, by user; an id of another assessment is not this one's */
	assert_int_equal(cc_store_respondent(fx->s, "w", "XAA", 0, u2, &l, &err), CC_OK);
	assert_true(((struct cc_respondent_rec *)l.items)->id == id2);
	cc_list_free(&l);
	assert_int_equal(cc_store_respondent(fx->s, "w", "XAA", id3, 0, &l, &err), CC_ENOTFOUND);
	assert_int_equal(cc_store_respondent(fx->s, "w", "XAB", id3, 0, &l, &err), CC_OK);
	cc_list_free(&l);
	/* removed, then back with new details */
	assert_int_equal(cc_store_remove_respondent(fx->s, id1, &err), CC_OK);
	assert_int_equal(cc_store_respondent(fx->s, "w", "XAA", id1, 0, &l, &err), CC_OK);
	assert_int_equal(((struct cc_respondent_rec *)l.items)->removed, 1);
	cc_list_free(&l);
	assert_int_equal(cc_store_restore_respondent(fx->s, id1, "Uno", "New", "government", &err),
			 CC_OK);
	assert_int_equal(cc_store_respondent(fx->s, "w", "XAA", id1, 0, &l, &err), CC_OK);
	r = l.items;
	assert_int_equal(r->removed, 0);
	assert_string_equal(r->name, "Uno");
	assert_string_equal(r->group, "government");
	cc_list_free(&l);
}

static void test_answers_history_and_clearing(void **state)
{
	struct fixture *fx = *state;
	long long u1 = user(fx, "one@x.org", "h"), u2 = user(fx, "two@x.org", "h"), a, b;
	const struct cc_respondent_answer_rec *x;
	struct cc_error err;
	struct cc_list l;

	assert_int_equal(cc_store_add_respondent(fx->s, "w", "XAA", u1, "A", NULL, "cirt", "f", &a,
						 &err), CC_OK);
	assert_int_equal(cc_store_add_respondent(fx->s, "w", "XAA", u2, "B", NULL, "cirt", "f", &b,
						 &err), CC_OK);
	assert_int_equal(cc_store_put_respondent_answer(fx->s, a, "r1", "10", "", "one@x.org", &err),
			 CC_OK);
	assert_int_equal(cc_store_put_respondent_answer(fx->s, a, "r1", "40", "sure", "fac@x.org",
							&err), CC_OK);
	assert_int_equal(cc_store_put_respondent_answer(fx->s, b, "r1", "20", NULL, "two@x.org", &err),
			 CC_OK);
	assert_int_equal(cc_store_put_respondent_answer(fx->s, b, "y1", "", "a comment", "two@x.org",
							&err), CC_OK);
	/* one row per respondent and question, the latest */
	assert_int_equal(cc_store_respondent_answers(fx->s, "w", "XAA", 0, &l, &err), CC_OK);
	assert_int_equal(l.n, 3);
	x = l.items;
	assert_true(x[0].respondent == a);
	assert_string_equal(x[0].answer, "40");
	assert_string_equal(x[0].comment, "sure");
	assert_string_equal(x[0].author, "fac@x.org");
	assert_string_equal(x[2].answer, "");
	assert_string_equal(x[2].comment, "a comment");
	cc_list_free(&l);
	/* answered counts non-empty answers only */
	assert_int_equal(cc_store_respondent(fx->s, "w", "XAA", b, 0, &l, &err), CC_OK);
	assert_int_equal(((struct cc_respondent_rec *)l.items)->answered, 1);
	cc_list_free(&l);
	/* empty answer and comment: cleared, and the history says so */
	assert_int_equal(cc_store_put_respondent_answer(fx->s, a, "r1", "", "", "one@x.org", &err),
			 CC_OK);
	assert_int_equal(cc_store_respondent_answers(fx->s, "w", "XAA", a, &l, &err), CC_OK);
	assert_int_equal(l.n, 0);
	cc_list_free(&l);
	assert_int_equal(cc_store_respondent_history(fx->s, a, "r1", &l, &err), CC_OK);
	assert_int_equal(l.n, 3);
	x = l.items;
	assert_string_equal(x[0].answer, "10");
	assert_string_equal(x[1].answer, "40");
	assert_string_equal(x[1].author, "fac@x.org");
	assert_string_equal(x[2].answer, "");
	cc_list_free(&l);
	/* answers of another assessment's respondents are not this one's */
	assert_int_equal(cc_store_respondent_answers(fx->s, "w", "XAB", 0, &l, &err), CC_OK);
	assert_int_equal(l.n, 0);
	cc_list_free(&l);
}

static void test_grants_revoked_and_tokens_once(void **state)
{
	struct fixture *fx = *state;
	long long u = user(fx, "one@x.org", ""), who = 0;
	char expires[32], expires2[32];
	struct cc_error err;
	struct cc_list l;

	assert_int_equal(cc_store_grant(fx->s, u, "respondent", "XAA", "w", &err), CC_OK);
	assert_int_equal(cc_store_grant(fx->s, u, "respondent", "XAB", "w", &err), CC_OK);
	assert_int_equal(cc_store_revoke(fx->s, u, "respondent", "XAA", "w", &err), CC_OK);
	assert_int_equal(cc_store_grants(fx->s, u, &l, &err), CC_OK);
	assert_int_equal(l.n, 1);
	assert_string_equal(((struct cc_grant_rec *)l.items)[0].unit, "XAB");
	cc_list_free(&l);
	/* a token works once */
	assert_int_equal(cc_store_put_password_token(fx->s, "h1", u, 3600, expires, &err), CC_OK);
	assert_int_equal(strlen(expires), 20);
	assert_int_equal(cc_store_take_password_token(fx->s, "h1", &who, &err), CC_OK);
	assert_true(who == u);
	assert_int_equal(cc_store_take_password_token(fx->s, "h1", &who, &err), CC_ENOTFOUND);
	/* a newer token replaces the older one */
	assert_int_equal(cc_store_put_password_token(fx->s, "h2", u, 3600, expires, &err), CC_OK);
	assert_int_equal(cc_store_put_password_token(fx->s, "h3", u, 3600, expires2, &err), CC_OK);
	assert_int_equal(cc_store_take_password_token(fx->s, "h2", &who, &err), CC_ENOTFOUND);
	assert_int_equal(cc_store_take_password_token(fx->s, "h3", &who, &err), CC_OK);
	/* an expired one does not */
	assert_int_equal(cc_store_put_password_token(fx->s, "h4", u, -10, expires, &err), CC_OK);
	assert_int_equal(cc_store_take_password_token(fx->s, "h4", &who, &err), CC_ENOTFOUND);
	assert_int_equal(nrows(fx, "SELECT count(*) FROM password_token WHERE token_hash = 'h4'"), 1);
}

static void test_service_adds_answers_and_spreads(void **state)
{
	struct fixture *fx = *state;
	struct cc_respondent_new n1 = {" new@x.org ", " New ", "Org", "cirt"};
	struct cc_respondent_new n2 = {"OLD@x.org", "Old", NULL, "academia"};
	struct cc_respondent_added a1, a2, again;
	struct cc_principal p;
	struct cc_workshop w;
	struct cc_error err;
	long long bad, count;

	user(fx, "old@x.org", "a hash");
	assert_int_equal(cc_respondents_add(fx->s, "w", "XAA", &n1, "fac@x.org", &a1, &err), CC_OK);
	assert_true(a1.created);
	assert_int_equal(strlen(a1.token), 64);
	assert_int_equal(cc_respondents_add(fx->s, "w", "XAA", &n2, "fac@x.org", &a2, &err), CC_OK);
	assert_false(a2.created);
	assert_string_equal(a2.token, "");
	assert_int_equal(cc_respondents_add(fx->s, "w", "XAA", &n2, "fac@x.org", &again, &err),
			 CC_ECONFLICT);
	assert_string_equal(err.file, "email");
	n2.group = "media";
	assert_int_equal(cc_respondents_add(fx->s, "w", "XAB", &n2, "fac@x.org", &again, &err),
			 CC_EINPUT);
	assert_string_equal(err.file, "group");
	n2.group = "academia";
	assert_int_equal(cc_respondents_add(fx->s, "nope", "XAA", &n2, "fac@x.org", &again, &err),
			 CC_ENOTFOUND);
	/* the new account: granted, no password until the token is used */
	assert_int_equal(cc_auth_load(fx->s, a1.user_id, &p, &err), CC_OK);
	assert_string_equal(p.email, "new@x.org");
	assert_true(cc_auth_is_respondent(&p, "w", "XAA"));
	assert_false(cc_auth_is_respondent(&p, "w", "XAB"));
	assert_false(cc_authz(&p, CC_DO_READ_ASSESSMENT, "w", "XAA"));
	assert_false(cc_authz(&p, CC_DO_FACILITATE, "w", "XAA"));
	assert_int_equal(cc_auth_use_setup(fx->s, a1.token, "short", &err), CC_EINPUT);
	assert_int_equal(cc_auth_use_setup(fx->s, a1.token, "a long password", &err), CC_OK);
	assert_int_equal(cc_auth_use_setup(fx->s, a1.token, "a long password", &err), CC_ENOTFOUND);
	/* answers checked against the framework */
	assert_int_equal(cc_respondents_answer(fx->s, "w", "XAA", a1.id, "r1", "30", "", "new@x.org",
					       &err), CC_EINPUT);
	assert_string_equal(err.file, "answer");
	assert_int_equal(cc_respondents_answer(fx->s, "w", "XAA", a1.id, "zz", "10", "", "new@x.org",
					       &err), CC_ENOTFOUND);
	assert_int_equal(cc_respondents_answer(fx->s, "w", "XAA", a1.id, "r1", " 10 ", "", "new@x.org",
					       &err), CC_OK);
	assert_int_equal(cc_respondents_answer(fx->s, "w", "XAA", a2.id, "r1", "40", "", "fac@x.org",
					       &err), CC_OK);
	assert_int_equal(cc_workflow_answer(fx->s, "w", "XAA", "r1", "20", "agreed", "fac@x.org",
					    &err), CC_OK);
	assert_int_equal(cc_workshop_load(fx->s, "w", "XAA", false, &w, &err), CC_OK);
	assert_int_equal(w.nquestions, 2);
	assert_int_equal(w.questions[0].nresponses, 2);
	assert_string_equal(w.questions[0].responses[0].a->answer, "10");
	assert_string_equal(w.questions[0].responses[0].label, "Low");
	assert_near(w.questions[0].spread.median, 25);
	assert_true(w.questions[0].spread.divergent);
	assert_string_equal(w.questions[0].consensus->answer, "20");
	assert_string_equal(w.questions[0].consensus_label, "Middle");
	assert_null(w.questions[1].consensus);
	cc_workshop_free(&w);
	/* removed: out of the view and the spread, its answer kept */
	assert_int_equal(cc_respondents_remove(fx->s, "w", "XAA", a2.id, "fac@x.org", &err), CC_OK);
	assert_int_equal(cc_respondents_remove(fx->s, "w", "XAA", a2.id, "fac@x.org", &err),
			 CC_ENOTFOUND);
	assert_int_equal(cc_workshop_load(fx->s, "w", "XAA", false, &w, &err), CC_OK);
	assert_int_equal(w.questions[0].nresponses, 1);
	assert_false(w.questions[0].spread.divergent);
	cc_workshop_free(&w);
	assert_int_equal(cc_workshop_load(fx->s, "w", "XAA", true, &w, &err), CC_OK);
	assert_int_equal(w.questions[0].nresponses, 2);
	assert_int_equal(w.questions[0].spread.ncounts, 1);
	cc_workshop_free(&w);
	assert_int_equal(nrows(fx, "SELECT count(*) FROM role_grant WHERE role = 'respondent'"), 1);
	/* every change audited, the chain whole */
	assert_int_equal(nrows(fx, "SELECT count(*) FROM audit_event WHERE entity LIKE "
			       "'respondent_answer:w/XAA/%'"), 2);
	assert_int_equal(nrows(fx, "SELECT count(*) FROM audit_event WHERE entity LIKE "
			       "'respondent:w/XAA/%'"), 3);
	assert_int_equal(cc_store_audit_verify(fx->s, &bad, &count, &err), CC_OK);
	assert_true(bad == 0 && count > 5);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_migration_keeps_grants, setup, teardown),
		cmocka_unit_test_setup_teardown(test_respondent_records, setup, teardown),
		cmocka_unit_test_setup_teardown(test_answers_history_and_clearing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_grants_revoked_and_tokens_once, setup, teardown),
		cmocka_unit_test_setup_teardown(test_service_adds_answers_and_spreads, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
