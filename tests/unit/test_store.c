/*
 * test_store.c - the store (SQLite) and the service operations on it:
 * migrations, units and groups from a units file, frameworks by hash,
 * campaigns, all-or-nothing import, publication that freezes exactly what
 * the engine computes, and the snapshot the server reads.
 */
#include "helpers.h"

#include "service/service.h"
#include "service/snapshot.h"
#include "store/store.h"
#include "store/migrations.h"

#include <sqlite3.h>

#include <unistd.h>

static const char framework_yaml[] =
	"cybercap: 1\nid: mini\ntitle: Mini\nlevels: [{id: hi, name: High, min: 50}, {id: lo, min: 0}]\n"
	"nodes:\n"
	"  - id: a\n    name: A\n    children:\n"
	"      - {id: a1, question: Q1, type: yes_no}\n"
	"      - {id: a2, question: Q2, type: yes_no}\n"
	"  - id: b\n    name: B\n    children:\n"
	"      - {id: b1, question: Q3, type: yes_no}\n";

static const char units_csv[] =
	"iso3,m49,name_en,name_fr,itu_region,m49_region,ldc,lldc,sids\n"
	"XAA,,Fictional A,Fictif A,Africa,Africa,yes,no,no\n"
	"XAB,,Fictional B,,Europe,Europe,no,no,yes\n"
	"FRA,250,France,France,Europe,Europe,no,no,no\n";

struct fixture {
	char dir[64];
	char fw_path[128];
	struct cc_store *s;
};

static int setup(void **state)
{
	struct fixture *fx = calloc(1, sizeof(*fx));
	struct cc_error err;
	char path[128], id[64];
	int added;

	snprintf(fx->dir, sizeof(fx->dir), "/tmp/cc-store-XXXXXX");
	if (!cc_test_mkdata(fx->dir))
		return -1;
	snprintf(fx->fw_path, sizeof(fx->fw_path), "%s/mini.yaml", fx->dir);
	write_file(fx->fw_path, framework_yaml);
	snprintf(path, sizeof(path), "%s/units.csv", fx->dir);
	write_file(path, units_csv);
	if (cc_store_open(&fx->s, fx->dir, 1, &err) ||
	    cc_service_add_units(fx->s, path, &added, &err) ||
	    cc_service_add_framework(fx->s, fx->fw_path, id, sizeof(id), &err)) {
		fprintf(stderr, "setup: %s\n", err.msg);
		return -1;
	}
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *fx = *state;
	int rc;

	cc_store_close(fx->s);
	rc = remove_dir(fx->dir);
	free(fx);
	return rc;
}

static const char *responses(struct fixture *fx, const char *name, const char *text)
{
	static char path[160];

	snprintf(path, sizeof(path), "%s/%s", fx->dir, name);
	write_file(path, text);
	return path;
}

static void test_units_and_groups(void **state)
{
	struct fixture *fx = *state;
	struct cc_list units, groups;
	struct cc_error err;
	const struct cc_unit_rec *u;
	const struct cc_group_rec *g;
	int found = 0;

	assert_int_equal(cc_store_units(fx->s, &units, &err), CC_OK);
	assert_int_equal(units.n, 3);
	u = units.items;
	/* Real units first, then fictional ones, by English name. */
	assert_string_equal(u[0].id, "FRA");
	assert_int_equal(u[0].fictional, 0);
	assert_string_equal(u[0].m49, "250");
	assert_string_equal(u[1].id, "XAA");
	assert_int_equal(u[1].fictional, 1);
	assert_string_equal(u[1].names[CC_LANG_FR], "Fictif A");
	cc_list_free(&units);
	assert_int_equal(cc_store_groups(fx->s, &groups, &err), CC_OK);
	g = groups.items;
	for (int i = 0; i < groups.n; i++) {
		if (strcmp(g[i].id, "itu:europe") == 0) {
			/* XAB ("Fictional B") and FRA ("France"), ordered by name. */
			assert_int_equal(g[i].nmembers, 2);
			assert_string_equal(g[i].members[0], "XAB");
			assert_string_equal(g[i].members[1], "FRA");
			assert_string_equal(g[i].kind, "itu_region");
			found++;
		}
		if (strcmp(g[i].id, "ldc") == 0) {
			assert_int_equal(g[i].nmembers, 1);
			assert_string_equal(g[i].members[0], "XAA");
			found++;
		}
	}
	assert_int_equal(found, 2);
	cc_list_free(&groups);
}

static void test_framework_stored_by_hash(void **state)
{
	struct fixture *fx = *state;
	struct cc_list l;
	struct cc_error err;
	char hash[65], id[64];

	assert_int_equal(cc_store_framework(fx->s, "mini", NULL, &l, &err), CC_OK);
	assert_int_equal(l.n, 1);
	assert_int_equal(strlen(((struct cc_framework_rec *)l.items)->hash), 64);
	snprintf(hash, sizeof(hash), "%s", ((struct cc_framework_rec *)l.items)->hash);
	assert_string_equal(((struct cc_framework_rec *)l.items)->text, framework_yaml);
	cc_list_free(&l);
	/* The same text again is not a new version. */
	assert_int_equal(cc_service_add_framework(fx->s, fx->fw_path, id, sizeof(id), &err), CC_OK);
	assert_int_equal(cc_store_frameworks(fx->s, &l, &err), CC_OK);
	assert_int_equal(l.n, 1);
	cc_list_free(&l);
	assert_int_equal(cc_store_framework(fx->s, "nope", NULL, &l, &err), CC_ENOTFOUND);
	assert_int_equal(cc_store_framework(fx->s, "mini", hash, &l, &err), CC_OK);
	cc_list_free(&l);
}

static int count_answers(struct fixture *fx, const char *campaign)
{
	struct cc_list l;
	struct cc_error err;
	int n;

	if (cc_store_answers(fx->s, campaign, &l, &err))
		return -1;
	n = l.n;
	cc_list_free(&l);
	return n;
}

static void test_import_all_or_nothing(void **state)
{
	struct fixture *fx = *state;
	struct cc_import im = {.campaign = "c1", .framework = "mini", .year = 2025, .author = "t"};
	struct cc_error err;
	struct cc_list l;

	assert_int_equal(cc_service_import(fx->s, &im, responses(fx, "ok.csv",
		"unit,question,answer\nXAA,a1,yes\nXAA,a2,no\nXAB,a1,yes\n"), &err), CC_OK);
	assert_int_equal(im.created, 1);
	assert_int_equal(im.answers, 3);
	assert_int_equal(count_answers(fx, "c1"), 3);
	/* A bad row on line 3 changes nothing: not even the good row before it. */
	im.created = 0;
	assert_int_equal(cc_service_import(fx->s, &im, responses(fx, "bad.csv",
		"unit,question,answer\nXAB,b1,yes\nXAB,a2,maybe\n"), &err), CC_EINPUT);
	assert_int_equal(err.line, 3);
	assert_int_equal(count_answers(fx, "c1"), 3);
	/* An unknown unit is refused before anything is written. */
	assert_int_equal(cc_service_import(fx->s, &im, responses(fx, "unknown.csv",
		"unit,question,answer\nXAB,b1,yes\nZZZ,a1,yes\n"), &err), CC_EINPUT);
	assert_non_null(strstr(err.msg, "ZZZ"));
	assert_int_equal(count_answers(fx, "c1"), 3);
	/* Filling again replaces an answer; the campaign is not created twice. */
	assert_int_equal(cc_service_import(fx->s, &im, responses(fx, "more.csv",
		"unit,question,answer\nXAA,a2,yes\nXAB,b1,yes\n"), &err), CC_OK);
	assert_int_equal(im.created, 0);
	assert_int_equal(count_answers(fx, "c1"), 4);
	assert_int_equal(cc_store_campaign(fx->s, "c1", &l, &err), CC_OK);
	assert_int_equal(((struct cc_campaign_rec *)l.items)->units, 2);
	assert_int_equal(((struct cc_campaign_rec *)l.items)->status, CC_CAMPAIGN_DRAFT);
	cc_list_free(&l);
}

static void test_publish_freezes_engine_results(void **state)
{
	struct fixture *fx = *state;
	struct cc_import im = {.campaign = "c2", .framework = "mini", .year = 2026, .author = "t"};
	struct cc_error err;
	struct cc_snapshot *snap;
	const struct cc_pub *p;
	int u;

	/* XAA: a = 1 (50 points), b = 0 -> 50, level hi; XAB: a = 0.5 (25),
	 * b = 1 (50) -> 75, level hi, rank 1. */
	assert_int_equal(cc_service_import(fx->s, &im, responses(fx, "c2.csv",
		"unit,question,answer\nXAA,a1,yes\nXAA,a2,yes\nXAA,b1,no\n"
		"XAB,a1,yes\nXAB,a2,no\nXAB,b1,yes\n"), &err), CC_OK);
	assert_int_equal(cc_service_publish(fx->s, "c2", &err), CC_OK);
	assert_int_equal(cc_service_publish(fx->s, "c2", &err), CC_ECONFLICT);
	/* Published campaigns take no more answers. */
	assert_int_equal(cc_service_import(fx->s, &im, responses(fx, "late.csv",
		"unit,question,answer\nFRA,a1,yes\n"), &err), CC_ECONFLICT);
	assert_int_equal(cc_snapshot_load(fx->s, &snap, &err), CC_OK);
	p = cc_snapshot_pub(snap, "c2");
	assert_non_null(p);
	assert_null(cc_snapshot_pub(snap, "nope"));
	u = cc_answers_find_unit(&p->answers, "XAB");
	assert_near(cc_scores_points(&p->scores, u, 0), 75);
	assert_int_equal(p->scores.rank[(size_t)u * (size_t)p->fw.nnodes], 1);
	assert_string_equal(p->fw.levels[p->scores.level[u]].id, "hi");
	u = cc_answers_find_unit(&p->answers, "XAA");
	assert_near(cc_scores_points(&p->scores, u, 0), 50);
	assert_int_equal(p->scores.rank[(size_t)u * (size_t)p->fw.nnodes], 2);
	/* b for XAA is 0 points: ranked 2nd of 2 on b. */
	assert_near(cc_scores_points(&p->scores, u, cc_framework_find(&p->fw, "b")), 0);
	assert_true(cc_snapshot_in_group(snap, "XAA", cc_snapshot_group(snap, "ldc")));
	assert_false(cc_snapshot_in_group(snap, "XAB", cc_snapshot_group(snap, "ldc")));
	assert_non_null(cc_snapshot_framework(snap, "mini"));
	cc_snapshot_free(snap);
}

static void test_reopen_keeps_data_and_schema(void **state)
{
	struct fixture *fx = *state;
	struct cc_store *again;
	struct cc_error err;
	struct cc_list l;

	assert_int_equal(cc_store_open(&again, fx->dir, 0, &err), CC_OK);
	assert_int_equal(cc_store_units(again, &l, &err), CC_OK);
	assert_int_equal(l.n, 3);
	cc_list_free(&l);
	cc_store_close(again);
	/* A directory (a database) that was never initialised is not
	 * created by serve. */
	if (db_on_pg()) {
		char fresh[] = "/tmp/cc-store-fresh-XXXXXX";
		assert_non_null(cc_test_mkdata(fresh));
		assert_int_equal(cc_store_open(&again, fresh, 0, &err), CC_EINPUT);
		assert_non_null(strstr(err.msg, "cybercap init"));
		rmdir(fresh);
	} else {
		assert_int_equal(cc_store_open(&again, "/tmp/cc-store-does-not-exist", 0, &err), CC_EINPUT);
	}
}

/* Migrations are recorded by the number in their file name, not by their
 * position, and a database with a migration this binary does not know is
 * refused, naming it. */
static void test_migrations_recorded_by_number(void **state)
{
	struct fixture *fx = *state;
	const struct cc_migration *ms = db_on_pg() ? cc_pg_migrations : cc_migrations;
	int n = db_on_pg() ? cc_pg_nmigrations : cc_nmigrations;
	struct cc_store *again;
	struct cc_error err;
	char sql[200];

	cc_store_close(fx->s);
	fx->s = NULL;
	/* both dialects carry the same numbered migrations */
	assert_int_equal(cc_pg_nmigrations, cc_nmigrations);
	for (int m = 0; m < n; m++) {
		assert_string_equal(cc_pg_migrations[m].name, cc_migrations[m].name);
		snprintf(sql, sizeof(sql), "SELECT count(*) FROM schema_migration WHERE version = %d "
			 "AND name = '%s'", atoi(ms[m].name), ms[m].name);
		assert_int_equal(db_int(fx->dir, sql), 1);
	}
	assert_int_equal(db_int(fx->dir, "SELECT count(*) FROM schema_migration"), n);
	assert_int_equal(db_exec(fx->dir, "INSERT INTO schema_migration VALUES (9999, '9999_future', 'x')"), 0);
	assert_int_equal(cc_store_open(&again, fx->dir, 0, &err), CC_EINPUT);
	assert_non_null(strstr(err.msg, "9999"));
	assert_int_equal(db_exec(fx->dir, "DELETE FROM schema_migration WHERE version = 9999"), 0);
	assert_int_equal(cc_store_open(&fx->s, fx->dir, 0, &err), CC_OK);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_units_and_groups, setup, teardown),
		cmocka_unit_test_setup_teardown(test_framework_stored_by_hash, setup, teardown),
		cmocka_unit_test_setup_teardown(test_import_all_or_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_publish_freezes_engine_results, setup, teardown),
		cmocka_unit_test_setup_teardown(test_reopen_keeps_data_and_schema, setup, teardown),
		cmocka_unit_test_setup_teardown(test_migrations_recorded_by_number, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
