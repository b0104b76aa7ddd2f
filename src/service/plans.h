/*
 * plans.h - action plans: from a unit's gaps to actions with owners and
 * dates, monitored until the next measurement says what changed
 * (docs/plans.md for readers, docs/api.md "Action plans" for the HTTP
 * contract).
 *
 * A plan belongs to one unit and covers a period; objectives hold
 * actions; an action has KPIs with dated measurements, evidence links and
 * links (store.h struct cc_link_rec, "the spine"): the framework nodes it
 * addresses and where it came from (a gap, an unmet target, a strategy
 * element, later a risk, a drill finding...).
 *
 * Writes take the request's JSON object (jansson) and check it here, so
 * that the HTTP server, the demo and any later front end share one set of
 * rules; a bad value is CC_EINPUT with err->file naming the field
 * ("start", "kpis[1].name", "links[0].node"). Each write is one
 * transaction that also appends every change (who, when, before, after:
 * the action's JSON) to the audit chain, entities "plan:P",
 * "plan:P/objective:N", "plan:P/action:N", "plan:P/services".
 *
 * Errors: CC_ENOTFOUND (no such plan, objective or action: fields plan,
 * objective, action), CC_ECONFLICT (a plan id in use; an objective that
 * still has actions), CC_EINPUT (field named), CC_ELIMIT (a plan past
 * its limits below).
 *
 * Who may is the caller's business (auth.h cc_auth_plan_read/_write).
 */
#ifndef CC_PLANS_H
#define CC_PLANS_H

#include <jansson.h>
#include <stdbool.h>

#include "../core/plan_progress.h"
#include "snapshot.h"

#define CC_PLAN_ID_MAX 64
#define CC_PLAN_TEXT_MAX 300        /* titles, owner, lead agency, funding */
#define CC_PLAN_LONG_MAX 20000      /* description, partners (bytes) */
#define CC_PLAN_MAX_OBJECTIVES 200
#define CC_PLAN_MAX_ACTIONS 2000
#define CC_ACTION_MAX_KPIS 50
#define CC_ACTION_MAX_LINKS 100
#define CC_ACTION_MAX_EVIDENCE 100
#define CC_ACTION_MAX_MEASUREMENTS 1000 /* per request */
#define CC_DRAFT_TOP_DEFAULT 10
#define CC_DRAFT_TOP_MAX 200

/* A plan read whole from the store; every record lives in its list. */
struct cc_plan {
	struct cc_list plan, objectives, actions, kpis, measurements, links, evidence, services;
	const struct cc_plan_rec *p;
};

int cc_plan_load(struct cc_store *s, const char *id, struct cc_plan *pl,
		 struct cc_error *err);
/* Safe on a plan that failed to load. */
void cc_plan_free(struct cc_plan *pl);

/* Index of an action / objective of the loaded plan by id, or -1. */
int cc_plan_action_index(const struct cc_plan *pl, long long id);
int cc_plan_objective_index(const struct cc_plan *pl, long long id);

/* POST /plans: {"id", "unit", "title", "start", "end", "baseline"?,
 * "template"?, "public"?}. The baseline defaults to the unit's latest
 * published campaign (none when it has none); a template fills the plan
 * with its objectives and proposed actions (plan_templates.c). */
int cc_plan_create(struct cc_store *s, const json_t *body, const char *actor,
		   struct cc_error *err);
/* DELETE /plans/{p} (plan_delete.c): the plan with its objectives,
 * actions, KPIs, evidence, links and service catalogue; risk treatments,
 * support requests and drill improvements that pointed at it or its
 * actions keep their records and lose the link (counted in *unlinked).
 * The whole plan as it was is the audit row's before. CC_ENOTFOUND,
 * field plan, when there is none. */
int cc_plan_delete(struct cc_store *s, const char *plan, const char *actor,
		   struct cc_plan_unlinked *unlinked, struct cc_error *err);
/* PATCH /plans/{p}: any of "title", "public", "start", "end", "baseline". */
int cc_plan_update(struct cc_store *s, const char *plan, const json_t *body,
		   const char *actor, struct cc_error *err);

/* Objectives: {"title"}; deleting one that holds actions: CC_ECONFLICT. */
int cc_plan_add_objective(struct cc_store *s, const char *plan, const json_t *body,
			  const char *actor, long long *id, struct cc_error *err);
int cc_plan_update_objective(struct cc_store *s, const char *plan, long long id,
			     const json_t *body, const char *actor, struct cc_error *err);
int cc_plan_delete_objective(struct cc_store *s, const char *plan, long long id,
			     const char *actor, struct cc_error *err);

/* Actions. add needs "objective", "title", "owner", "start", "due" and
 * "status"; update takes any field (and "progress", "kpi_measurements").
 * The fields and their rules are in docs/api.md, "Action plans". */
int cc_plan_add_action(struct cc_store *s, const char *plan, const json_t *body,
		       const char *actor, long long *id, struct cc_error *err);
int cc_plan_update_action(struct cc_store *s, const char *plan, long long id,
			  const json_t *body, const char *actor, struct cc_error *err);
int cc_plan_delete_action(struct cc_store *s, const char *plan, long long id,
			  const char *actor, struct cc_error *err);

/* PUT /plans/{p}/services {"services": [ids]}: ids of the FIRST CSIRT
 * Services Framework (format/csirt_services.h), field "services[i]". */
int cc_plan_set_services(struct cc_store *s, const char *plan, const json_t *body,
			 const char *actor, struct cc_error *err);

/* POST /plans/{p}/draft {"campaign", "top"?, "target"?, "objective"?}:
 * proposed actions from the unit's published results in campaign (the
 * live assessment when it is not published): its top largest gaps (as
 * `cybercap gaps` ranks them) and, with target, that target's unmet
 * nodes. A proposal whose source (kind, campaign, node) the plan has
 * already is skipped. *out gets {"created": [action ids], "skipped":
 * [{"kind", "node", "action", "reason"}], "campaign", "framework",
 * "live"}; the caller owns it. */
int cc_plan_draft(struct cc_store *s, const struct cc_snapshot *snap, const char *plan,
		  const json_t *body, const char *actor, json_t **out, struct cc_error *err);

/* ---- monitoring (plan_monitor.c) ---- */

/* How one published campaign measured a node (editions.h): the
 * value (0..1, NaN: none), the campaign's edition (framework version),
 * and when that edition is not the node's, the mapping read, the
 * relation it gives (enum cc_relation, -1: none) and the nodes it read
 * ("a, b"); nodes_used NULL when nothing was read. */
struct cc_node_reading {
	double value;
	const char *version, *mapping, *nodes_used;
	int relation;
};

/* A framework node addressed by the plan's actions, re-measured. The
 * node id is of one edition of its framework (`edition`: the version of
 * the campaign the link names, else of the before campaign, else the
 * latest); campaigns on another edition are read through the mapping
 * between the two versions. */
struct cc_plan_node {
	const char *framework, *node, *label, *edition;
	double before, after;                   /* 0..1, NaN: none */
	const char *before_campaign, *after_campaign;
	struct cc_node_reading rb, ra;          /* how before and after were read */
	long long *actions;                     /* linked action ids */
	int nactions, ndone;
};

struct cc_plan_kpi {
	const struct cc_kpi_rec *k;
	const struct cc_measurement_rec *m;     /* its measurements, by date */
	int nm;
	struct cc_kpi_state st;
};

struct cc_plan_monitor {
	struct cc_arena arena;
	int today;
	char today_s[11];
	const char *weighting;                  /* "equal" or "budget" */
	const char *weighting_note;             /* why budget fell back, or NULL */
	struct cc_plan_item *items;             /* per action, plan order */
	struct cc_plan_item_state *state;
	struct cc_plan_summary *objectives;     /* per objective */
	struct cc_plan_summary overall;
	struct cc_plan_kpi *kpis;               /* per KPI */
	struct cc_plan_node *nodes;
	int nnodes;
	struct cc_remeasure re;
};

/* Computes the monitoring of a loaded plan on day today (core/date.h);
 * by_budget weighs progress by budget (equal weights when the counted
 * actions' budgets are in more than one currency). Re-measurement reads
 * the published results in snap: before = the node's value in the plan's
 * baseline campaign when that is on the node's framework, else in the
 * unit's latest campaign on it published at or before the plan's
 * creation; after = the unit's latest published campaign on it when
 * newer than before's, else none. Free with cc_plan_monitor_free, also
 * after an error. */
int cc_plan_monitor(const struct cc_plan *pl, const struct cc_snapshot *snap, int today,
		    bool by_budget, struct cc_plan_monitor *m, struct cc_error *err);
void cc_plan_monitor_free(struct cc_plan_monitor *m);

/* ---- JSON (plan_json.c) ---- */

/* One action as the API shows it; m may be NULL (no computed fields). */
json_t *cc_plan_action_json(const struct cc_plan *pl, const struct cc_plan_monitor *m, int a);
/* The plan with its objectives (each with its actions), progress and
 * service catalogue. */
json_t *cc_plan_json(const struct cc_plan *pl, const struct cc_plan_monitor *m);
/* The plan's service catalogue: [{"id", "name", "area", "area_name"}]. */
json_t *cc_plan_services_json(const struct cc_plan *pl);
/* The plan's record alone (lists). */
json_t *cc_plan_summary_json(const struct cc_plan_rec *p);
/* The re-measurement's counts with the sentence "actions done on N of M
 * nodes that rose". */
json_t *cc_plan_remeasure_json(const struct cc_plan_monitor *m);
/* GET /plans/{p}/monitoring. */
json_t *cc_plan_monitoring_json(const struct cc_plan *pl, const struct cc_plan_monitor *m);

/* ---- the periodic progress report (plan_report.c) ---- */

struct cc_report_row {
	int action;                 /* index in pl->actions */
	const char *objective;
	bool in_period;             /* due or changed within the period */
	char *kpis;                 /* "name: latest / target unit; ..." */
	char *nodes;                /* "framework:node before -> after; ..." */
};

struct cc_plan_report {
	struct cc_arena arena;
	char period[16];
	char first[11], last[11];
	struct cc_report_row *rows;
	int nrows, flagged;
};

/* The report of period ("2026-Q3", "2026-H2", "2026"; NULL: the quarter
 * holding m->today): CC_EINPUT, field period, for another spelling. */
int cc_plan_report(const struct cc_plan *pl, const struct cc_plan_monitor *m,
		   const char *period, struct cc_plan_report *r, struct cc_error *err);
void cc_plan_report_free(struct cc_plan_report *r);
json_t *cc_plan_report_json(const struct cc_plan *pl, const struct cc_plan_monitor *m,
			    const struct cc_plan_report *r);

/* ---- templates (plan_templates.c) ---- */

/* Whether id names a template ("cirt-establishment", "ncs-development"). */
bool cc_plan_template_known(const char *id);
/* Every template with its objectives and actions, for GET /plan-templates. */
json_t *cc_plan_templates_json(void);

#endif
