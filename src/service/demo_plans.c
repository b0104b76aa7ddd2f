/*
 * demo_plans.c - the action plans of the demonstration data (see
 * cc_service_demo), made through the plans service as a user would:
 *
 *   xaa-2026   Fictional country A's public action plan, baseline
 *              nci-2025, drafted from its ten largest gaps there; its
 *              actions are then taken through every status, with owners,
 *              dates, budgets, KPIs and measurements. The action done
 *              first is the one whose node rose in nci-2026 (found in the
 *              results, not written down here), so the monitoring shows a
 *              done action on a node that rose.
 *   xac-cirt   Fictional country C's (private) CIRT establishment plan
 *              from the cirt-establishment template, started from its
 *              cirt-readiness-2025 results, with a service catalogue.
 *
 * Everything here is fictional.
 */
#include "demo_internal.h"

#include "plans.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define XAA_ACTOR "focal.xaa@demo.cybercap"
#define XAC_ACTOR "analyst@demo.cybercap"

/* Runs a service write taking a body, then releases the body. */
static int with_body(int rc_in, json_t *body)
{
	json_decref(body);
	return rc_in;
}

/* What becomes of the drafted actions that are not the one that rose,
 * in draft order. */
static const struct {
	const char *status, *owner, *start, *due, *currency;
	double budget;
	int progress;
} fates[] = {
	{"planned", "Ministry of digital affairs (fictional)", "2026-09-01", "2027-03-31", "USD",
	 40000, 0},
	{"in_progress", "National cybersecurity office (fictional)", "2026-01-15", "2026-03-31",
	 "USD", 25000, 40},   /* overdue */
	{"blocked", "Ministry of justice (fictional)", "2026-02-01", "2027-06-30", NULL, 0, 10},
	{"cancelled", "Telecom regulator (fictional)", "2026-03-01", "2026-12-31", NULL, 0, 0},
	{"in_progress", "National statistics office (fictional)", "2026-02-01", "2027-06-30", "USD",
	 60000, 50},
	{"planned", "Ministry of foreign affairs (fictional)", "2027-01-01", "2027-12-31", NULL, 0, 0},
	{"done", "National cybersecurity office (fictional)", "2026-01-15", "2026-09-30", "USD",
	 15000, 100},
};

static int fate(struct cc_store *s, long long id, int k, struct cc_error *err)
{
	json_t *b = json_pack("{s:s,s:s,s:s,s:s,s:i,s:s}", "status", fates[k].status, "owner",
			      fates[k].owner, "start", fates[k].start, "due", fates[k].due,
			      "progress", fates[k].progress, "lead_agency", fates[k].owner);

	if (fates[k].currency)
		json_object_set_new(b, "budget", json_pack("{s:f,s:s}", "amount", fates[k].budget,
							   "currency", fates[k].currency));
	if (k == 4) {
		json_object_set_new(b, "kpis", json_pack("[{s:s,s:s,s:f,s:f}]", "name",
			"Indicators with a published baseline", "unit", "indicators", "baseline", 0.0,
			"target", 12.0));
		json_object_set_new(b, "kpi_measurements", json_pack("[{s:s,s:s,s:f},{s:s,s:s,s:f}]",
			"kpi", "Indicators with a published baseline", "date", "2026-06-30", "value", 4.0,
			"kpi", "Indicators with a published baseline", "date", "2026-10-31", "value", 7.0));
	}
	if (k == 2)
		json_object_set_new(b, "description", json_string(
			"Blocked: the draft law waits for a parliamentary slot (fictional)."));
	return with_body(cc_plan_update_action(s, "xaa-2026", id, b, XAA_ACTOR, err), b);
}

/* The done action on the node that rose: dates, evidence and a KPI. */
static int done_on_rise(struct cc_store *s, long long id, struct cc_error *err)
{
	json_t *b = json_pack("{s:s,s:s,s:s,s:s,s:s,s:s,s:{s:f,s:s},s:s,s:[s],"
			      "s:[{s:s,s:s,s:f,s:f}],s:[{s:s,s:s,s:f},{s:s,s:s,s:f}]}",
		"status", "done", "owner", "National cybersecurity office (fictional)",
		"lead_agency", "Prime minister's office (fictional)", "start", "2026-01-15",
		"due", "2026-06-30", "partners", "Telecom regulator; national CIRT (fictional)",
		"budget", "amount", 30000.0, "currency", "USD", "funding_source",
		"National budget (fictional)", "evidence", "https://example.org/xaa/decision-2026",
		"kpis", "name", "Steps of the adoption completed", "unit", "steps", "baseline", 0.0,
		"target", 4.0,
		"kpi_measurements", "kpi", "Steps of the adoption completed", "date", "2026-03-31",
		"value", 2.0, "kpi", "Steps of the adoption completed", "date", "2026-06-30",
		"value", 4.0);

	return with_body(cc_plan_update_action(s, "xaa-2026", id, b, XAA_ACTOR, err), b);
}

/* The drafted action whose node rose between the baseline and now. */
static long long risen(const struct cc_plan *pl, const struct cc_plan_monitor *m)
{
	const struct cc_link_rec *ls = pl->links.items;

	for (int i = 0; i < m->nnodes; i++) {
		const struct cc_plan_node *n = &m->nodes[i];
		if (isnan(n->before) || isnan(n->after) || n->after <= n->before + 1e-9)
			continue;
		for (int k = 0; k < pl->links.n; k++)
			if (!strcmp(ls[k].role, "addresses") && ls[k].node &&
			    !strcmp(ls[k].node, n->node))
				return ls[k].action;
	}
	return 0;
}

static int xaa_actions(struct cc_store *s, const struct cc_snapshot *snap, struct cc_error *err)
{
	struct cc_plan pl;
	struct cc_plan_monitor m;
	long long rose;
	int k = 0, rc = cc_plan_load(s, "xaa-2026", &pl, err);

	memset(&m, 0, sizeof(m));
	if (!rc)
		rc = cc_plan_monitor(&pl, snap, 0, false, &m, err);
	rose = rc ? 0 : risen(&pl, &m);
	if (!rc && rose)
		rc = done_on_rise(s, rose, err);
	for (int i = 0; !rc && i < pl.actions.n; i++) {
		long long id = ((struct cc_action_rec *)pl.actions.items)[i].id;
		if (id != rose && k < (int)(sizeof(fates) / sizeof(fates[0])))
			rc = fate(s, id, k++, err);
	}
	cc_plan_monitor_free(&m);
	cc_plan_free(&pl);
	return rc;
}

static int xaa_plan(struct cc_store *s, const struct cc_snapshot *snap, struct cc_error *err)
{
	json_t *plan = json_pack("{s:s,s:s,s:s,s:s,s:s,s:s,s:b}", "id", "xaa-2026", "unit", "XAA",
				 "title", "Action plan of Fictional country A, 2026-2027 (fictional demo)",
				 "start", "2026-01-01", "end", "2027-12-31", "baseline", "nci-2025",
				 "public", 1);
	json_t *draft = json_pack("{s:s,s:i}", "campaign", "nci-2025", "top", 10), *out = NULL;
	int rc = cc_plan_create(s, plan, XAA_ACTOR, err);

	if (!rc)
		rc = cc_plan_draft(s, snap, "xaa-2026", draft, XAA_ACTOR, &out, err);
	json_decref(out);
	json_decref(plan);
	json_decref(draft);
	return rc ? rc : xaa_actions(s, snap, err);
}

static int xac_plan(struct cc_store *s, struct cc_error *err)
{
	json_t *plan = json_pack("{s:s,s:s,s:s,s:s,s:s,s:s,s:s}", "id", "xac-cirt", "unit", "XAC",
				 "title", "Establishing the national CIRT of Fictional country C "
				 "(fictional demo)", "start", "2026-01-01", "end", "2028-12-31",
				 "baseline", "cirt-readiness-2025", "template", "cirt-establishment");
	json_t *services = json_pack("{s:[s,s,s,s,s,s,s,s]}", "services", "1.1", "2.1", "2.2", "2.4",
				     "2.5", "3.2", "4.3", "5.1");
	int rc = cc_plan_create(s, plan, XAC_ACTOR, err);

	if (!rc)
		rc = cc_plan_set_services(s, "xac-cirt", services, XAC_ACTOR, err);
	json_decref(plan);
	json_decref(services);
	return rc;
}

int cc__demo_plans(struct cc_store *s, struct cc_error *err)
{
	struct cc_snapshot *snap = NULL;
	struct cc_list l;
	int rc;

	if (cc_store_campaign(s, "nci-2025", &l, NULL) != CC_OK)
		return CC_OK;
	cc_list_free(&l);
	rc = cc_snapshot_load(s, &snap, err);
	if (!rc)
		rc = xaa_plan(s, snap, err);
	/* the CIRT plan needs the readiness model and its campaigns */
	if (!rc && cc_store_campaign(s, "cirt-readiness-2025", &l, NULL) == CC_OK) {
		cc_list_free(&l);
		rc = xac_plan(s, err);
	}
	if (snap)
		cc_snapshot_free(snap);
	return rc;
}
