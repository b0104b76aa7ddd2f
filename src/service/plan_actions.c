/*
 * plan_actions.c - writing the actions of a plan: the body read and
 * checked (plan_action_input.c), then the action written with its KPIs,
 * measurements, links and evidence in one transaction, the action's JSON
 * before and after going to the audit chain (see plans.h).
 *
 * A PATCH is merged into the stored action and the result is checked as
 * a whole. Lists given in a PATCH (kpis, links, evidence) replace the
 * action's; a KPI kept by name keeps its measurements. "source" null
 * removes it.
 */
#include "plans_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool listed(const char *const *names, const char *name)
{
	for (int i = 0; names && names[i]; i++)
		if (strcmp(names[i], name) == 0)
			return true;
	return false;
}

/* The KPI id of name among this action's (the new list when given). */
static long long kpi_id(const struct cc_plan *pl, const struct cc__action_in *in, long long action,
			const long long *new_ids, const char *name)
{
	if (in->kpis_given) {
		for (int i = 0; i < in->nkpis; i++)
			if (strcmp(in->kpis[i].name, name) == 0)
				return new_ids[i];
		return 0;
	}
	for (int i = 0; i < pl->kpis.n; i++) {
		const struct cc_kpi_rec *k = &((struct cc_kpi_rec *)pl->kpis.items)[i];
		if (k->action == action && strcmp(k->name, name) == 0)
			return k->id;
	}
	return 0;
}

static int write_lists(struct cc_store *s, const struct cc_plan *pl, struct cc__action_in *in,
		       long long id, struct cc_error *err)
{
	long long ids[CC_ACTION_MAX_KPIS];
	int rc = CC_OK;

	for (int i = 0; in->kpis_given && !rc && i < pl->kpis.n; i++) {
		const struct cc_kpi_rec *k = &((struct cc_kpi_rec *)pl->kpis.items)[i];
		bool kept = false;
		for (int j = 0; k->action == id && j < in->nkpis; j++)
			kept |= strcmp(in->kpis[j].name, k->name) == 0;
		if (k->action == id && !kept)
			rc = cc_store_delete_kpi(s, k->id, err);
	}
	for (int i = 0; !rc && i < in->nkpis; i++) {
		in->kpis[i].action = id;
		rc = cc_store_put_kpi(s, &in->kpis[i], &ids[i], err);
	}
	for (int i = 0; !rc && i < in->nmeas; i++) {
		long long k = kpi_id(pl, in, id, ids, in->meas[i].kpi);
		char field[48];

		snprintf(field, sizeof(field), "kpi_measurements[%d].kpi", i);
		rc = k ? cc_store_put_measurement(s, k, in->meas[i].date, in->meas[i].value, err) :
			cc_error_set(err, CC_EINPUT, field, 0, 0, "the action has no KPI \"%s\"",
				     in->meas[i].kpi);
	}
	if (!rc && in->links_given)
		rc = cc_store_delete_links(s, id, "addresses", err);
	for (int i = 0; !rc && i < in->nlinks; i++) {
		in->links[i].action = id;
		rc = cc_store_add_link(s, &in->links[i], err);
	}
	if (!rc && in->source_given)
		rc = cc_store_delete_links(s, id, "source", err);
	if (!rc && in->has_source) {
		in->source.action = id;
		rc = cc_store_add_link(s, &in->source, err);
	}
	if (!rc && in->evidence_given)
		rc = cc_store_set_action_evidence(s, id, in->evidence, in->nevidence, err);
	return rc;
}

/* The action's JSON as stored now (the audit's after). */
static int action_now(struct cc_store *s, const char *plan, long long id, json_t **out,
		      struct cc_error *err)
{
	struct cc_plan pl;
	int rc = cc_plan_load(s, plan, &pl, err);

	*out = NULL;
	if (!rc) {
		int i = cc_plan_action_index(&pl, id);
		*out = i >= 0 ? cc_plan_action_json(&pl, NULL, i) : NULL;
	}
	cc_plan_free(&pl);
	return rc;
}

static int audit_action(struct cc_store *s, const char *plan, long long id, const char *actor,
			const char *what, json_t *before, struct cc_error *err)
{
	char entity[CC_PLAN_ID_MAX + 40];
	json_t *after = NULL;
	int rc = cc_store_touch_plan(s, plan, err);

	if (!rc && strcmp(what, "delete") != 0)
		rc = action_now(s, plan, id, &after, err);
	cc__plan_entity(entity, sizeof(entity), plan, "action", id);
	if (!rc)
		return cc__plan_audit(s, actor, what, entity, before, after, err);
	json_decref(before);
	json_decref(after);
	return rc;
}

int cc__plan_insert_action(struct cc_store *s, const char *plan, const json_t *body,
			   const char *const *optional, const char *actor,
			   const char *audit_what, long long *id, struct cc_error *err)
{
	static const char *const all[] = {"objective", "title", "owner", "start", "due", "status"};
	const char *required[7];
	struct cc__action_in *in = cc__action_in_new(err);
	struct cc_plan pl;
	int n = 0, rc = in ? cc_plan_load(s, plan, &pl, err) : CC_ENOMEM;

	if (!in)
		return rc;
	for (size_t i = 0; i < sizeof(all) / sizeof(all[0]); i++)
		if (!listed(optional, all[i]))
			required[n++] = all[i];
	required[n] = NULL;
	in->rec = (struct cc_action_rec){.plan = plan, .title = "", .description = "",
		.lead_agency = "", .owner = "", .partners = "", .budget = NAN,
		.funding_source = "", .status = "proposed", .created_by = actor};
	if (!rc && pl.actions.n >= CC_PLAN_MAX_ACTIONS)
		rc = cc_error_set(err, CC_ELIMIT, "action", 0, 0, "a plan has at most %d actions",
				  CC_PLAN_MAX_ACTIONS);
	if (!rc)
		rc = cc__action_read(s, &pl, body, required, in, err);
	if (!rc && !in->rec.objective)
		rc = cc_error_set(err, CC_EINPUT, "objective", 0, 0, "objective is required");
	if (!rc)
		rc = cc_store_add_action(s, &in->rec, id, err);
	if (!rc)
		rc = write_lists(s, &pl, in, *id, err);
	if (!rc)
		rc = audit_action(s, plan, *id, actor, audit_what, NULL, err);
	cc_plan_free(&pl);
	cc__action_in_free(in);
	return rc;
}

int cc_plan_add_action(struct cc_store *s, const char *plan, const json_t *body,
		       const char *actor, long long *id, struct cc_error *err)
{
	CC_TXN(s, err, cc__plan_insert_action(s, plan, body, NULL, actor, "create", id, err));
}

/* The loaded plan's action id, or CC_ENOTFOUND. */
static int find_action(const struct cc_plan *pl, long long id, int *at, struct cc_error *err)
{
	*at = cc_plan_action_index(pl, id);
	return *at >= 0 ? CC_OK : cc_error_set(err, CC_ENOTFOUND, "action", 0, 0,
					       "plan %s has no action %lld", pl->p->id, id);
}

static int update_action(struct cc_store *s, const char *plan, long long id, const json_t *body,
			 const char *actor, struct cc_error *err)
{
	struct cc__action_in *in = cc__action_in_new(err);
	struct cc_plan pl;
	json_t *before = NULL;
	int at, rc = in ? cc_plan_load(s, plan, &pl, err) : CC_ENOMEM;

	if (!in)
		return rc;
	if (!rc)
		rc = find_action(&pl, id, &at, err);
	if (!rc) {
		in->rec = ((struct cc_action_rec *)pl.actions.items)[at];
		before = cc_plan_action_json(&pl, NULL, at);
		rc = cc__action_read(s, &pl, body, NULL, in, err);
	}
	if (!rc)
		rc = cc_store_update_action(s, &in->rec, err);
	if (!rc)
		rc = write_lists(s, &pl, in, id, err);
	if (!rc)
		rc = audit_action(s, plan, id, actor, "update", before, err);
	else
		json_decref(before);
	cc_plan_free(&pl);
	cc__action_in_free(in);
	return rc;
}

int cc_plan_update_action(struct cc_store *s, const char *plan, long long id,
			  const json_t *body, const char *actor, struct cc_error *err)
{
	CC_TXN(s, err, update_action(s, plan, id, body, actor, err));
}

static int delete_action(struct cc_store *s, const char *plan, long long id, const char *actor,
			 struct cc_error *err)
{
	struct cc_plan pl;
	int at, rc = cc_plan_load(s, plan, &pl, err);

	if (!rc)
		rc = find_action(&pl, id, &at, err);
	if (!rc) {
		json_t *before = cc_plan_action_json(&pl, NULL, at);
		rc = cc_store_delete_action(s, id, err);
		if (!rc)
			rc = audit_action(s, plan, id, actor, "delete", before, err);
		else
			json_decref(before);
	}
	cc_plan_free(&pl);
	return rc;
}

int cc_plan_delete_action(struct cc_store *s, const char *plan, long long id,
			  const char *actor, struct cc_error *err)
{
	CC_TXN(s, err, delete_action(s, plan, id, actor, err));
}
