/*
 * test_plans.c - action plans in the store and the service: migration
 * 0004's tables and constraints, plan / objective / action records, KPIs
 * kept by name with their measurements, the links of the spine and
 * find_source, evidence and the service catalogue replaced, cascades; the
 * service's field-named checks, merged PATCHes, drafting from a published
 * campaign's gaps and an unmet target without duplicates (a node both a
 * gap and unmet is one proposal naming both), monitoring with
 * the re-measurement across two editions, the report's period flags, and
 * every change in a verified audit chain.
 */
#include "core/date.h"
#include "service/plans.h"
#include "service/service.h"
#include "service/snapshot.h"
#include "store/store.h"

#include "helpers.h"

#include <jansson.h>
#include <sqlite3.h>
#include <unistd.h>

static const char framework_yaml[] =
	"cybercap: 1.1\nid: pfw\ntitle: Plans test\n"
	"targets:\n  - id: both\n    name: Both in place\n    require: {q1: 1, q3: 1}\n"
	"nodes:\n"
	"  - id: g\n    name: Governance\n    children:\n"
	"      - {id: q1, question: Is there a lead body?, type: yes_no, guidance: Name it.}\n"
	"      - {id: q2, question: Is there a strategy?, type: yes_no}\n"
	"  - id: h\n    name: Operations\n    children:\n"
	"      - {id: q3, question: Is there a CIRT?, type: yes_no}\n";

static const char units_csv[] = "iso3,name_en\nXAA,Fictional A\nXAB,Fictional B\n";
/* XAA misses q1 and q3 in c1; q1 is met in c2 (it rose) */
static const char c1_csv[] = "unit,question,answer\nXAA,q1,no\nXAA,q2,yes\nXAA,q3,no\n"
			     "XAB,q1,yes\nXAB,q2,yes\nXAB,q3,yes\n";
static const char c2_csv[] = "unit,question,answer\nXAA,q1,yes\nXAA,q2,yes\nXAA,q3,no\n"
			     "XAB,q1,yes\nXAB,q2,yes\nXAB,q3,yes\n";

struct fixture {
	char dir[64];
	struct cc_store *s;
};

static int setup(void **state)
{
	struct fixture *fx = calloc(1, sizeof(*fx));
	struct cc_error err;
	char fw[128], up[128], id[64];
	int added;

	snprintf(fx->dir, sizeof(fx->dir), "/tmp/cc-plans-XXXXXX");
	if (!cc_test_mkdata(fx->dir))
		return -1;
	snprintf(fw, sizeof(fw), "%s/fw.yaml", fx->dir);
	snprintf(up, sizeof(up), "%s/units.csv", fx->dir);
	write_file(fw, framework_yaml);
	write_file(up, units_csv);
	if (cc_store_open(&fx->s, fx->dir, 1, &err) ||
	    cc_service_add_units(fx->s, up, &added, &err) ||
	    cc_service_add_framework(fx->s, fw, id, sizeof(id), &err)) {
		fprintf(stderr, "setup: %s\n", err.msg);
		return -1;
	}
	if (import_published(fx->s, fx->dir, "c1", "pfw", NULL, 2025, c1_csv) ||
	    import_published(fx->s, fx->dir, "c2", "pfw", NULL, 2026, c2_csv))
		return -1;
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

static int nrows(struct fixture *fx, const char *sql)
{
	return db_int(fx->dir, sql);
}

static json_t *J(const char *text)
{
	json_error_t e;
	json_t *j = json_loads(text, 0, &e);

	if (!j)
		fail_msg("bad JSON in the test: %s: %s", e.text, text);
	return j;
}

/* ---- the store ------------------------------------------------------------ */

static void new_plan(struct fixture *fx, const char *id)
{
	struct cc_plan_rec p = {.id = id, .unit = "XAA", .title = "T", .start = "2026-01-01",
				.end = "2026-12-31", .baseline = "c1", .created_by = "t"};
	struct cc_error err;

	assert_int_equal(cc_store_create_plan(fx->s, &p, &err), CC_OK);
}

static void test_store_records(void **state)
{
	struct fixture *fx = *state;
	struct cc_plan_rec bad = {.id = "Bad id", .unit = "XAA", .title = "T", .start = "2026-01-01",
				  .end = "2026-12-31", .created_by = "t"};
	struct cc_action_rec a = {.plan = "p", .title = "A", .description = "", .lead_agency = "",
				  .owner = "o", .partners = "", .start = "2026-01-01",
				  .due = "2026-06-30", .budget = 10, .currency = "USD",
				  .funding_source = "", .status = "planned", .created_by = "t"};
	struct cc_error err;
	struct cc_list l;
	long long o1, o2, id, id2;

	new_plan(fx, "p");
	assert_int_equal(cc_store_create_plan(fx->s, &(struct cc_plan_rec){.id = "p", .unit = "XAA",
		.title = "T", .start = "2026-01-01", .end = "2026-12-31", .created_by = "t"}, &err),
		CC_ECONFLICT);
	assert_string_equal(err.file, "id");
	/* the schema's checks are the last guard */
	assert_int_not_equal(cc_store_create_plan(fx->s, &bad, &err), CC_OK);
	bad.id = "ok", bad.end = "2025-12-31";
	assert_int_not_equal(cc_store_create_plan(fx->s, &bad, &err), CC_OK);
	assert_int_equal(cc_store_plan(fx->s, "nope", &l, &err), CC_ENOTFOUND);
	assert_int_equal(cc_store_add_objective(fx->s, "p", "First", &o1, &err), CC_OK);
	assert_int_equal(cc_store_add_objective(fx->s, "p", "Second", &o2, &err), CC_OK);
	assert_int_equal(cc_store_objectives(fx->s, "p", &l, &err), CC_OK);
	assert_int_equal(l.n, 2);
	assert_int_equal(((struct cc_objective_rec *)l.items)[1].position, 2);
	cc_list_free(&l);
	a.objective = o2;
	assert_int_equal(cc_store_add_action(fx->s, &a, &id, &err), CC_OK);
	a.objective = o1;
	a.title = "B";
	assert_int_equal(cc_store_add_action(fx->s, &a, &id2, &err), CC_OK);
	/* listed by objective position: B (objective 1) first */
	assert_int_equal(cc_store_actions(fx->s, "p", &l, &err), CC_OK);
	assert_int_equal(l.n, 2);
	assert_string_equal(((struct cc_action_rec *)l.items)[0].title, "B");
	assert_near(((struct cc_action_rec *)l.items)[1].budget, 10);
	cc_list_free(&l);
	/* constraints: progress, currency, due before start, budget without currency */
	a.progress = 101;
	assert_int_not_equal(cc_store_add_action(fx->s, &a, &id2, &err), CC_OK);
	a.progress = 0, a.currency = "usd";
	assert_int_not_equal(cc_store_add_action(fx->s, &a, &id2, &err), CC_OK);
	a.currency = NULL;
	assert_int_not_equal(cc_store_add_action(fx->s, &a, &id2, &err), CC_OK);
	a.currency = "USD", a.due = "2025-01-01";
	assert_int_not_equal(cc_store_add_action(fx->s, &a, &id2, &err), CC_OK);
	a.due = "2026-06-30", a.status = "started";
	assert_int_not_equal(cc_store_add_action(fx->s, &a, &id2, &err), CC_OK);
	assert_int_equal(cc_store_delete_objective(fx->s, o2, &err), CC_ECONFLICT);
	assert_string_equal(err.file, "objective");
}

static void test_store_kpis_links_evidence_services(void **state)
{
	struct fixture *fx = *state;
	struct cc_action_rec a = {.plan = "p", .title = "A", .description = "", .lead_agency = "",
				  .owner = "", .partners = "", .budget = NAN, .funding_source = "",
				  .status = "proposed", .created_by = "t"};
	struct cc_kpi_rec k = {.name = "K", .unit = "u", .baseline = 0, .target = 5, .position = 1};
	struct cc_link_rec src = {.kind = "gap", .role = "source", .framework = "pfw", .node = "q1",
				  .campaign = "c1", .detail = "{\"missing\":1}"};
	struct cc_link_rec addr = {.kind = "node", .role = "addresses", .framework = "pfw",
				   .node = "q1"};
	const char *urls[] = {"https://example.org/a", "https://example.org/b"};
	const char *services[] = {"2.1", "1.1"};
	struct cc_error err;
	struct cc_list l;
	long long o, id, kid, kid2, found;

	new_plan(fx, "p");
	assert_int_equal(cc_store_add_objective(fx->s, "p", "O", &o, &err), CC_OK);
	a.objective = o;
	assert_int_equal(cc_store_add_action(fx->s, &a, &id, &err), CC_OK);
	k.action = src.action = addr.action = id;
	assert_int_equal(cc_store_put_kpi(fx->s, &k, &kid, &err), CC_OK);
	assert_int_equal(cc_store_put_measurement(fx->s, kid, "2026-02-01", 1, &err), CC_OK);
	assert_int_equal(cc_store_put_measurement(fx->s, kid, "2026-01-01", 0.5, &err), CC_OK);
	assert_int_equal(cc_store_put_measurement(fx->s, kid, "2026-02-01", 2, &err), CC_OK);
	/* put again by name: the same KPI, measurements kept */
	k.target = 8;
	assert_int_equal(cc_store_put_kpi(fx->s, &k, &kid2, &err), CC_OK);
	assert_int_equal(kid2, kid);
	assert_int_equal(cc_store_measurements(fx->s, "p", &l, &err), CC_OK);
	assert_int_equal(l.n, 2);
	assert_string_equal(((struct cc_measurement_rec *)l.items)[0].date, "2026-01-01");
	assert_near(((struct cc_measurement_rec *)l.items)[1].value, 2);
	cc_list_free(&l);
	assert_int_equal(cc_store_kpis(fx->s, "p", &l, &err), CC_OK);
	assert_near(((struct cc_kpi_rec *)l.items)[0].target, 8);
	cc_list_free(&l);
	assert_int_equal(cc_store_add_link(fx->s, &src, &err), CC_OK);
	assert_int_equal(cc_store_add_link(fx->s, &addr, &err), CC_OK);
	assert_int_equal(cc_store_find_source(fx->s, "p", "gap", "c1", "q1", &found, &err), CC_OK);
	assert_int_equal(found, id);
	assert_int_equal(cc_store_find_source(fx->s, "p", "target", "c1", "q1", &found, &err),
			 CC_ENOTFOUND);
	assert_int_equal(cc_store_find_source(fx->s, "p", "gap", NULL, "q1", &found, &err),
			 CC_ENOTFOUND);
	/* a node link needs its framework and node */
	addr.node = NULL;
	assert_int_not_equal(cc_store_add_link(fx->s, &addr, &err), CC_OK);
	assert_int_equal(cc_store_delete_links(fx->s, id, "addresses", &err), CC_OK);
	assert_int_equal(cc_store_links(fx->s, "p", &l, &err), CC_OK);
	assert_int_equal(l.n, 1);
	assert_string_equal(((struct cc_link_rec *)l.items)[0].detail, "{\"missing\":1}");
	cc_list_free(&l);
	assert_int_equal(cc_store_set_action_evidence(fx->s, id, urls, 2, &err), CC_OK);
	assert_int_equal(cc_store_set_action_evidence(fx->s, id, urls + 1, 1, &err), CC_OK);
	assert_int_equal(cc_store_action_evidence(fx->s, "p", &l, &err), CC_OK);
	assert_int_equal(l.n, 1);
	cc_list_free(&l);
	assert_int_equal(cc_store_set_plan_services(fx->s, "p", services, 2, &err), CC_OK);
	assert_int_equal(cc_store_plan_services(fx->s, "p", &l, &err), CC_OK);
	assert_int_equal(l.n, 2);
	assert_string_equal(((const char **)l.items)[0], "1.1");
	cc_list_free(&l);
	/* deleting the action takes what hangs off it */
	assert_int_equal(cc_store_delete_action(fx->s, id, &err), CC_OK);
	assert_int_equal(nrows(fx, "SELECT count(*) FROM kpi"), 0);
	assert_int_equal(nrows(fx, "SELECT count(*) FROM kpi_measurement"), 0);
	assert_int_equal(nrows(fx, "SELECT count(*) FROM action_link"), 0);
	assert_int_equal(nrows(fx, "SELECT count(*) FROM action_evidence"), 0);
	assert_int_equal(cc_store_delete_objective(fx->s, o, &err), CC_OK);
}

static void test_store_unit_campaigns(void **state)
{
	struct fixture *fx = *state;
	struct cc_error err;
	struct cc_list l, f;
	char hash[65];

	assert_int_equal(cc_store_framework(fx->s, "pfw", NULL, &f, &err), CC_OK);
	snprintf(hash, sizeof(hash), "%s", ((struct cc_framework_rec *)f.items)->hash);
	cc_list_free(&f);
	assert_int_equal(cc_store_create_campaign(fx->s, "c3", "pfw", hash, "open one", 2027, &err),
			 CC_OK);
	assert_int_equal(cc_store_add_assessment(fx->s, "c3", "XAA", &err), CC_OK);
	assert_int_equal(cc_store_unit_campaigns(fx->s, "XAA", &l, &err), CC_OK);
	assert_int_equal(l.n, 3);
	/* published first, in publication order, then the rest */
	assert_string_equal(((struct cc_campaign_rec *)l.items)[0].id, "c1");
	assert_string_equal(((struct cc_campaign_rec *)l.items)[1].id, "c2");
	assert_string_equal(((struct cc_campaign_rec *)l.items)[2].id, "c3");
	cc_list_free(&l);
	assert_int_equal(cc_store_unit_campaigns(fx->s, "XAB", &l, &err), CC_OK);
	assert_int_equal(l.n, 2);
	cc_list_free(&l);
}

/* ---- the service ----------------------------------------------------------- */

static void expect_field(int rc, const struct cc_error *err, int code, const char *field)
{
	if (rc != code || strcmp(err->file, field) != 0)
		fail_msg("got %d field \"%s\" (%s), expected %d field \"%s\"", rc, err->file,
			 err->msg, code, field);
}

static int create(struct fixture *fx, const char *body, struct cc_error *err)
{
	json_t *j = J(body);
	int rc = cc_plan_create(fx->s, j, "tester", err);

	json_decref(j);
	return rc;
}

static int add(struct fixture *fx, const char *body, long long *id, struct cc_error *err)
{
	json_t *j = J(body);
	int rc = cc_plan_add_action(fx->s, "sp", j, "tester", id, err);

	json_decref(j);
	return rc;
}

static int upd(struct fixture *fx, long long id, const char *body, struct cc_error *err)
{
	json_t *j = J(body);
	int rc = cc_plan_update_action(fx->s, "sp", id, j, "tester", err);

	json_decref(j);
	return rc;
}

static void test_service_checks_name_the_field(void **state)
{
	struct fixture *fx = *state;
	static const struct { const char *body, *field; } plans[] = {
		{"{\"id\":\"A\",\"unit\":\"XAA\",\"title\":\"t\",\"start\":\"2026-01-01\",\"end\":\"2026-12-31\"}", "id"},
		{"{\"id\":\"a\",\"unit\":\"XZZ\",\"title\":\"t\",\"start\":\"2026-01-01\",\"end\":\"2026-12-31\"}", "unit"},
		{"{\"id\":\"a\",\"unit\":\"XAA\",\"start\":\"2026-01-01\",\"end\":\"2026-12-31\"}", "title"},
		{"{\"id\":\"a\",\"unit\":\"XAA\",\"title\":\"t\",\"start\":\"2026-02-29\",\"end\":\"2026-12-31\"}", "start"},
		{"{\"id\":\"a\",\"unit\":\"XAA\",\"title\":\"t\",\"start\":\"2026-01-01\",\"end\":\"2025-12-31\"}", "end"},
		{"{\"id\":\"a\",\"unit\":\"XAA\",\"title\":\"t\",\"start\":\"2026-01-01\",\"end\":\"2026-12-31\",\"baseline\":\"nope\"}", "baseline"},
		{"{\"id\":\"a\",\"unit\":\"XAA\",\"title\":\"t\",\"start\":\"2026-01-01\",\"end\":\"2026-12-31\",\"template\":\"x\"}", "template"},
	};
	static const struct { const char *body, *field; } actions[] = {
		{"{\"title\":\"t\",\"owner\":\"o\",\"start\":\"2026-01-01\",\"due\":\"2026-02-01\",\"status\":\"planned\"}", "objective"},
		{"{\"objective\":999,\"title\":\"t\",\"owner\":\"o\",\"start\":\"2026-01-01\",\"due\":\"2026-02-01\",\"status\":\"planned\"}", "objective"},
		{"{\"objective\":OBJ,\"title\":\"t\",\"owner\":\"o\",\"start\":\"2026-01-01\",\"due\":\"2025-02-01\",\"status\":\"planned\"}", "due"},
		{"{\"objective\":OBJ,\"title\":\"t\",\"owner\":\"o\",\"start\":\"2026-01-01\",\"due\":\"2026-02-01\",\"status\":\"later\"}", "status"},
		{"{\"objective\":OBJ,\"title\":\"t\",\"owner\":\"o\",\"start\":\"2026-01-01\",\"due\":\"2026-02-01\",\"status\":\"planned\",\"links\":[{\"framework\":\"pfw\",\"node\":\"zz\"}]}", "links[0].node"},
		{"{\"objective\":OBJ,\"title\":\"t\",\"owner\":\"o\",\"start\":\"2026-01-01\",\"due\":\"2026-02-01\",\"status\":\"planned\",\"links\":[{\"framework\":\"zz\",\"node\":\"q1\"}]}", "links[0].framework"},
		{"{\"objective\":OBJ,\"title\":\"t\",\"owner\":\"o\",\"start\":\"2026-01-01\",\"due\":\"2026-02-01\",\"status\":\"planned\",\"kpis\":[{\"name\":\"k\",\"baseline\":0,\"target\":1},{\"name\":\"k\",\"baseline\":0,\"target\":1}]}", "kpis[1].name"},
		{"{\"objective\":OBJ,\"title\":\"t\",\"owner\":\"o\",\"start\":\"2026-01-01\",\"due\":\"2026-02-01\",\"status\":\"planned\",\"budget\":{\"amount\":1,\"currency\":\"EURO\"}}", "budget.currency"},
		{"{\"objective\":OBJ,\"title\":\"t\",\"owner\":\"o\",\"start\":\"2026-01-01\",\"due\":\"2026-02-01\",\"status\":\"planned\",\"source\":{\"kind\":\"target\",\"framework\":\"pfw\",\"target\":\"zz\"}}", "source.target"},
	};
	struct cc_error err;
	json_t *j;
	long long o, id;
	char body[1024], *at;
	long long before;

	for (size_t i = 0; i < sizeof(plans) / sizeof(plans[0]); i++)
		expect_field(create(fx, plans[i].body, &err), &err, CC_EINPUT, plans[i].field);
	assert_int_equal(nrows(fx, "SELECT count(*) FROM plan"), 0);
	assert_int_equal(create(fx, "{\"id\":\"sp\",\"unit\":\"XAA\",\"title\":\"t\","
				"\"start\":\"2026-01-01\",\"end\":\"2026-12-31\"}", &err), CC_OK);
	/* the default baseline: XAA's latest published campaign */
	assert_int_equal(nrows(fx, "SELECT count(*) FROM plan WHERE baseline_campaign = 'c2'"), 1);
	j = J("{\"title\":\"Objective\"}");
	assert_int_equal(cc_plan_add_objective(fx->s, "sp", j, "tester", &o, &err), CC_OK);
	json_decref(j);
	before = nrows(fx, "SELECT count(*) FROM audit_event");
	for (size_t i = 0; i < sizeof(actions) / sizeof(actions[0]); i++) {
		snprintf(body, sizeof(body), "%s", actions[i].body);
		if ((at = strstr(body, "OBJ"))) {
			char tail[1024];
			snprintf(tail, sizeof(tail), "%s", at + 3);
			snprintf(at, sizeof(body) - (size_t)(at - body), "%lld%s", o, tail);
		}
		expect_field(add(fx, body, &id, &err), &err, CC_EINPUT, actions[i].field);
	}
	assert_int_equal(nrows(fx, "SELECT count(*) FROM action"), 0);
	assert_int_equal(nrows(fx, "SELECT count(*) FROM audit_event"), before);
	snprintf(body, sizeof(body), "{\"objective\":%lld,\"title\":\"t\",\"owner\":\"o\","
		 "\"start\":\"2026-01-01\",\"due\":\"2026-06-30\",\"status\":\"planned\","
		 "\"kpis\":[{\"name\":\"k\",\"baseline\":0,\"target\":4}]}", o);
	assert_int_equal(add(fx, body, &id, &err), CC_OK);
	/* merged: a due before the kept start is refused, the action unchanged */
	expect_field(upd(fx, id, "{\"due\":\"2025-12-31\"}", &err), &err, CC_EINPUT, "due");
	expect_field(upd(fx, id, "{\"kpi_measurements\":[{\"kpi\":\"x\",\"date\":\"2026-01-02\","
			 "\"value\":1}]}", &err), &err, CC_EINPUT, "kpi_measurements[0].kpi");
	assert_int_equal(nrows(fx, "SELECT count(*) FROM action WHERE due_date = '2026-06-30'"), 1);
	assert_int_equal(upd(fx, id, "{\"status\":\"done\",\"kpi_measurements\":[{\"kpi\":\"k\","
			     "\"date\":\"2026-03-01\",\"value\":2}]}", &err), CC_OK);
	assert_int_equal(nrows(fx, "SELECT progress FROM action"), 100);
	assert_int_equal(nrows(fx, "SELECT count(*) FROM kpi_measurement"), 1);
	assert_int_equal(upd(fx, 999, "{\"status\":\"done\"}", &err), CC_ENOTFOUND);
	/* every change audited; the chain holds */
	assert_int_equal(nrows(fx, "SELECT count(*) FROM audit_event WHERE entity LIKE 'plan:sp%'"),
			 4);
	{
		long long bad, count;
		assert_int_equal(cc_store_audit_verify(fx->s, &bad, &count, &err), CC_OK);
		assert_int_equal(bad, 0);
	}
}

static void test_draft_monitor_and_report(void **state)
{
	struct fixture *fx = *state;
	struct cc_snapshot *snap;
	struct cc_plan pl;
	struct cc_plan_monitor m;
	struct cc_plan_report r;
	struct cc_error err;
	json_t *out, *body;
	long long q1 = 0;
	char patch[200];

	assert_int_equal(create(fx, "{\"id\":\"sp\",\"unit\":\"XAA\",\"title\":\"t\",\"start\":"
				"\"2026-01-01\",\"end\":\"2026-12-31\",\"baseline\":\"c1\"}", &err), CC_OK);
	assert_int_equal(cc_snapshot_load(fx->s, &snap, &err), CC_OK);
	body = J("{\"campaign\":\"c1\"}");
	assert_int_equal(cc_plan_draft(fx->s, snap, "sp", body, "tester", &out, &err), CC_OK);
	/* XAA's question gaps in c1: q1 and q3 (equal points, file order) */
	assert_int_equal(json_array_size(json_object_get(out, "created")), 2);
	assert_int_equal(json_array_size(json_object_get(out, "skipped")), 0);
	json_decref(out);
	assert_int_equal(cc_plan_draft(fx->s, snap, "sp", body, "tester", &out, &err), CC_OK);
	assert_int_equal(json_array_size(json_object_get(out, "created")), 0);
	assert_int_equal(json_array_size(json_object_get(out, "skipped")), 2);
	json_decref(out);
	json_decref(body);
	/* the target's unmet nodes (q1, q3) are the gaps proposed already */
	body = J("{\"campaign\":\"c1\",\"top\":0,\"target\":\"both\"}");
	assert_int_equal(cc_plan_draft(fx->s, snap, "sp", body, "tester", &out, &err), CC_OK);
	assert_int_equal(json_array_size(json_object_get(out, "created")), 0);
	assert_int_equal(json_array_size(json_object_get(out, "skipped")), 2);
	assert_non_null(strstr(json_string_value(json_object_get(json_array_get(
		json_object_get(out, "skipped"), 0), "reason")), "from a gap"));
	json_decref(out);
	json_decref(body);
	body = J("{\"campaign\":\"c1\",\"target\":\"zz\"}");
	expect_field(cc_plan_draft(fx->s, snap, "sp", body, "tester", &out, &err), &err, CC_EINPUT,
		     "target");
	json_decref(body);
	assert_int_equal(cc_plan_load(fx->s, "sp", &pl, &err), CC_OK);
	assert_int_equal(pl.actions.n, 2);
	/* one objective per part: Governance (q1) and Operations (q3) */
	assert_int_equal(pl.objectives.n, 2);
	for (int i = 0; i < pl.actions.n; i++) {
		const struct cc_action_rec *a = &((struct cc_action_rec *)pl.actions.items)[i];
		assert_string_equal(a->status, "proposed");
		assert_null(a->start);
		if (!q1 && strcmp(a->title, "Is there a lead body?") == 0) {
			q1 = a->id;
			assert_string_equal(a->description, "Name it.");
		}
	}
	assert_true(q1 > 0);
	cc_plan_free(&pl);
	snprintf(patch, sizeof(patch), "{\"status\":\"done\",\"start\":\"2026-01-01\","
		 "\"due\":\"2026-03-31\"}");
	assert_int_equal(upd(fx, q1, patch, &err), CC_OK);
	assert_int_equal(cc_plan_load(fx->s, "sp", &pl, &err), CC_OK);
	assert_int_equal(cc_plan_monitor(&pl, snap, 20500, false, &m, &err), CC_OK);
	assert_int_equal(m.nnodes, 2);
	for (int i = 0; i < m.nnodes; i++) {
		const struct cc_plan_node *n = &m.nodes[i];
		assert_string_equal(n->before_campaign, "c1");
		assert_string_equal(n->after_campaign, "c2");
		if (strcmp(n->node, "q1") == 0) {
			assert_near(n->before, 0);
			assert_near(n->after, 1);
			assert_int_equal(n->ndone, 1);
		} else {
			assert_near(n->after, n->before);
		}
	}
	assert_int_equal(m.re.rose, 1);
	assert_int_equal(m.re.rose_done, 1);
	assert_int_equal(m.overall.counted, 1);
	assert_near(m.overall.progress, 100);
	assert_int_equal(cc_plan_report(&pl, &m, "2026-Q1", &r, &err), CC_OK);
	assert_int_equal(r.nrows, 2);
	for (int i = 0; i < r.nrows; i++) {
		const struct cc_action_rec *a =
			&((struct cc_action_rec *)pl.actions.items)[r.rows[i].action];
		bool due_in = a->due && strcmp(a->due, "2026-03-31") == 0;
		bool changed_in = strncmp(a->updated_at, "2026-01-01", 10) >= 0 &&
				  strncmp(a->updated_at, "2026-03-31", 10) <= 0;
		assert_int_equal(r.rows[i].in_period, due_in || changed_in);
		if (a->id == q1)
			assert_non_null(strstr(r.rows[i].nodes, "pfw:q1 0 -> 1"));
	}
	cc_plan_report_free(&r);
	expect_field(cc_plan_report(&pl, &m, "2026-Q5", &r, &err), &err, CC_EINPUT, "period");
	cc_plan_report_free(&r);
	cc_plan_monitor_free(&m);
	cc_plan_free(&pl);
	cc_snapshot_free(snap);
}

/* A node that is both a top gap and unmet by the target: one proposal,
 * its source the gap's naming the target with its figures. */
static void test_draft_merges_gap_and_target(void **state)
{
	struct fixture *fx = *state;
	struct cc_snapshot *snap;
	struct cc_plan pl;
	struct cc_error err;
	json_t *out, *body;
	char merged[8];

	assert_int_equal(create(fx, "{\"id\":\"mg\",\"unit\":\"XAA\",\"title\":\"t\",\"start\":"
				"\"2026-01-01\",\"end\":\"2026-12-31\"}", &err), CC_OK);
	assert_int_equal(cc_snapshot_load(fx->s, &snap, &err), CC_OK);
	/* the largest gap is q1 or q3 (equal points); the target leaves both unmet */
	body = J("{\"campaign\":\"c1\",\"top\":1,\"target\":\"both\"}");
	assert_int_equal(cc_plan_draft(fx->s, snap, "mg", body, "tester", &out, &err), CC_OK);
	assert_int_equal(json_array_size(json_object_get(out, "created")), 2);
	assert_int_equal(json_array_size(json_object_get(out, "merged")), 1);
	snprintf(merged, sizeof(merged), "%s", json_string_value(json_object_get(json_array_get(
		 json_object_get(out, "merged"), 0), "node")));
	assert_true(strcmp(merged, "q1") == 0 || strcmp(merged, "q3") == 0);
	json_decref(out);
	json_decref(body);
	assert_int_equal(cc_plan_load(fx->s, "mg", &pl, &err), CC_OK);
	assert_int_equal(pl.actions.n, 2);
	for (int i = 0; i < pl.links.n; i++) {
		const struct cc_link_rec *l = &((struct cc_link_rec *)pl.links.items)[i];
		json_t *d;

		if (strcmp(l->role, "source"))
			continue;
		d = J(l->detail);
		if (strcmp(l->node, merged) == 0) {
			assert_string_equal(l->kind, "gap");
			assert_string_equal(l->target, "both");
			assert_non_null(json_object_get(d, "missing"));
			assert_string_equal(json_string_value(json_object_get(json_object_get(d,
				"target"), "target")), "both");
		} else {
			assert_string_equal(l->node, strcmp(merged, "q1") ? "q1" : "q3");
			assert_string_equal(l->kind, "target");
			assert_null(json_object_get(d, "missing"));
		}
		json_decref(d);
	}
	cc_plan_free(&pl);
	/* again, as gaps alone: both nodes are in the plan already */
	body = J("{\"campaign\":\"c1\",\"top\":2}");
	assert_int_equal(cc_plan_draft(fx->s, snap, "mg", body, "tester", &out, &err), CC_OK);
	assert_int_equal(json_array_size(json_object_get(out, "created")), 0);
	assert_int_equal(json_array_size(json_object_get(out, "skipped")), 2);
	json_decref(out);
	json_decref(body);
	cc_snapshot_free(snap);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_store_records, setup, teardown),
		cmocka_unit_test_setup_teardown(test_store_kpis_links_evidence_services, setup, teardown),
		cmocka_unit_test_setup_teardown(test_store_unit_campaigns, setup, teardown),
		cmocka_unit_test_setup_teardown(test_service_checks_name_the_field, setup, teardown),
		cmocka_unit_test_setup_teardown(test_draft_monitor_and_report, setup, teardown),
		cmocka_unit_test_setup_teardown(test_draft_merges_gap_and_target, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
