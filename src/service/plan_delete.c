/*
 * plan_delete.c - deleting a whole plan (see plans.h, cc_plan_delete):
 * what it held goes with it; what pointed at it from the other modules
 * (a risk treatment, a support request, a drill finding sent to it) stays
 * and lets go of the link (store.h, cc_store_delete_plan); the plan as it
 * was, objectives, actions and all, is kept as the audit row's before.
 */
#include "plans_internal.h"

#include <string.h>

/* The plan as the audit keeps it: its record, its objectives each with
 * its actions (as the API shows them, without computed figures), the
 * service catalogue, and what lost its link. */
static json_t *deleted_json(const struct cc_plan *pl, const struct cc_plan_unlinked *u)
{
	const struct cc_objective_rec *os = pl->objectives.items;
	const struct cc_action_rec *as = pl->actions.items;
	json_t *o = cc_plan_summary_json(pl->p), *objs = json_array();

	for (int i = 0; i < pl->objectives.n; i++) {
		json_t *acts = json_array();

		for (int k = 0; k < pl->actions.n; k++)
			if (as[k].objective == os[i].id)
				json_array_append_new(acts, cc_plan_action_json(pl, NULL, k));
		json_array_append_new(objs, json_pack("{s:I,s:s,s:o}", "id", (json_int_t)os[i].id,
						      "title", os[i].title, "actions", acts));
	}
	json_object_set_new(o, "objectives", objs);
	json_object_set_new(o, "services", cc_plan_services_json(pl));
	json_object_set_new(o, "unlinked", json_pack("{s:I,s:I,s:I}", "risk_treatments",
		(json_int_t)u->risk_treatments, "support_requests", (json_int_t)u->support_requests,
		"drill_improvements", (json_int_t)u->drill_improvements));
	return o;
}

static int delete_plan(struct cc_store *s, const char *plan, const char *actor,
		       struct cc_plan_unlinked *unlinked, struct cc_error *err)
{
	struct cc_plan pl;
	char entity[CC_PLAN_ID_MAX + 8];
	int rc = cc_plan_load(s, plan, &pl, err);

	if (!rc)
		rc = cc_store_delete_plan(s, plan, unlinked, err);
	cc__plan_entity(entity, sizeof(entity), plan, NULL, 0);
	if (!rc)
		rc = cc__plan_audit(s, actor, "delete", entity, deleted_json(&pl, unlinked), NULL,
				    err);
	cc_plan_free(&pl);
	return rc;
}

int cc_plan_delete(struct cc_store *s, const char *plan, const char *actor,
		   struct cc_plan_unlinked *unlinked, struct cc_error *err)
{
	struct cc_plan_unlinked u = {0, 0, 0};

	if (!unlinked)
		unlinked = &u;
	CC_TXN(s, err, delete_plan(s, plan, actor, unlinked, err));
}
