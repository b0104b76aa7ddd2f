/*
 * risk_treat.c - treatments of a risk (see risks.h): the option and why,
 * and when a plan and an action are given, an action in the unit's plan
 * made through the plans service (plans_internal.h) in the same
 * transaction: under the objective "Risk treatment" (made on first use),
 * starting today, its source on the spine {kind "risk", ref "A/R"} and
 * the nodes the risk's vulnerabilities are measured by as the nodes it
 * addresses. The risk then shows that action's status.
 */
#include "risks_internal.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#define OBJECTIVE "Risk treatment"

static bool absent(const json_t *v)
{
	return !v || json_is_null(v);
}

/* The plan's objective OBJECTIVE, made when there is none. */
static int objective(struct cc_store *s, const char *plan, const char *actor, long long *id,
		     struct cc_error *err)
{
	struct cc_list l;
	int rc = cc_store_objectives(s, plan, &l, err);

	*id = 0;
	for (int i = 0; !rc && !*id && i < l.n; i++)
		if (strcmp(((struct cc_objective_rec *)l.items)[i].title, OBJECTIVE) == 0)
			*id = ((struct cc_objective_rec *)l.items)[i].id;
	if (!rc)
		cc_list_free(&l);
	if (!rc && !*id)
		rc = cc__plan_new_objective(s, plan, OBJECTIVE, actor, id, err);
	return rc;
}

/* The plan of a treatment: one of the assessment's unit (*is_public:
 * whether anyone may read it). */
static int check_plan(struct cc_store *s, const char *plan, const char *unit, bool *is_public,
		      struct cc_error *err)
{
	struct cc_list l;
	int rc = cc_store_plan(s, plan, &l, err);

	if (rc == CC_ENOTFOUND)
		return cc_error_set(err, CC_EINPUT, "plan", 0, 0, "no plan \"%.100s\"", plan);
	if (rc)
		return rc;
	*is_public = ((struct cc_plan_rec *)l.items)->is_public;
	if (strcmp(((struct cc_plan_rec *)l.items)->unit, unit) != 0)
		rc = cc_error_set(err, CC_EINPUT, "plan", 0, 0, "plan %s is %s's, not %s's: a "
				  "treatment goes into a plan of the assessment's unit", plan,
				  ((struct cc_plan_rec *)l.items)->unit, unit);
	cc_list_free(&l);
	return rc;
}

/* Whether text holds needle, in any case (needle empty: no). */
static bool holds(const char *text, const char *needle)
{
	size_t n = needle ? strlen(needle) : 0;

	for (const char *t = text; n && t && *t; t++)
		if (strncasecmp(t, needle, n) == 0)
			return true;
	return false;
}

/* An action going into a public plan from a risk that is not public must
 * not name the risk: its title and owner may not repeat the risk's title
 * or owner (the plan shows the source of such an action as a risk with no
 * reference to anyone outside the register's team, http_plans.c). */
static int check_neutral(const struct cc_risk_view *v, const json_t *given, const char *plan,
			 struct cc_error *err)
{
	static const char *const members[] = {"title", "owner"};

	for (int i = 0; i < 2; i++) {
		const char *x = json_string_value(json_object_get(given, members[i]));
		char field[16];

		if (!holds(x, v->r->title) && !holds(x, v->r->owner))
			continue;
		snprintf(field, sizeof(field), "action.%s", members[i]);
		return cc_error_set(err, CC_EINPUT, field, 0, 0, "plan %s is public and risk %s is "
				    "not: the action's %s may not repeat the risk's title or owner "
				    "(say what will be done and who does it in other words, or use a "
				    "private plan)", plan, v->r->id, members[i]);
	}
	return CC_OK;
}

/* The action of the plan, made from the treatment's "action" member. */
static int plan_action(struct cc_store *s, const struct cc_register *reg, int at,
		       const char *plan, bool is_public, const json_t *given, const char *today,
		       const char *actor, long long *id, struct cc_error *err)
{
	static const char *const members[] = {"title", "owner", "due", NULL};
	const struct cc_risk_view *v = &reg->v[at];
	char ref[CC_RISK_ID_MAX * 2 + 2];
	const char *key;
	json_t *body, *links, *x;
	long long obj;
	int rc;

	if (!json_is_object(given))
		return cc_error_set(err, CC_EINPUT, "action", 0, 0,
				    "action is {\"title\", \"owner\", \"due\"}");
	json_object_foreach((json_t *)given, key, x) {
		bool ok = false;
		for (int i = 0; members[i] && !ok; i++)
			ok = strcmp(key, members[i]) == 0;
		if (!ok)
			return cc_error_set(err, CC_EINPUT, "action", 0, 0, "action.%.100s is not a "
					    "member this takes (title, owner, due)", key);
	}
	if (is_public && !v->r->is_public && (rc = check_neutral(v, given, plan, err)))
		return rc;
	if ((rc = objective(s, plan, actor, &obj, err)))
		return rc;
	snprintf(ref, sizeof(ref), "%s/%s", reg->a->id, v->r->id);
	links = json_array();
	for (int k = 0; links && k < v->nnodes; k++)
		json_array_append_new(links, json_pack("{s:s,s:s}", "framework",
						       v->nodes[k]->framework, "node",
						       v->nodes[k]->value));
	body = json_pack("{s:I,s:O?,s:O?,s:s,s:O?,s:s,s:{s:s,s:s},s:o}", "objective",
			 (json_int_t)obj, "title", json_object_get(given, "title"), "owner",
			 json_object_get(given, "owner"), "start", today, "due",
			 json_object_get(given, "due"), "status", "planned", "source", "kind", "risk",
			 "ref", ref, "links", links);
	if (!body)
		return cc_error_set(err, CC_ENOMEM, NULL, 0, 0, "out of memory");
	rc = cc__plan_insert_action(s, plan, body, NULL, actor, "create", id, err);
	json_decref(body);
	if (rc == CC_EINPUT && err && strncmp(err->file, "action", 6) != 0) {
		char field[sizeof(err->file)];
		snprintf(field, sizeof(field), "action.%.200s", err->file);
		snprintf(err->file, sizeof(err->file), "%s", field);
	}
	return rc;
}

static int treat(struct cc_store *s, const char *assessment, const char *risk,
		 const json_t *body, const char *today, const char *actor, long long *id,
		 struct cc_error *err)
{
	static const char *const options[] = {"reduce", "accept", "share", "avoid", NULL};
	struct cc_register reg;
	struct cc_treatment_rec t = {.created_by = actor};
	const json_t *action = json_object_get(body, "action");
	const char *key;
	json_t *x;
	char entity[300];
	bool is_public = false;
	int at = -1, rc = cc_register_load(s, assessment, &reg, err);

	if (!rc && (at = cc_register_find(&reg, risk)) < 0)
		rc = cc_error_set(err, CC_ENOTFOUND, "risk", 0, 0, "no risk \"%s\" in %s", risk,
				  assessment);
	if (!rc && !json_is_object(body))
		rc = cc_error_set(err, CC_EINPUT, "", 0, 0, "the body is a JSON object");
	json_object_foreach(rc ? NULL : (json_t *)body, key, x)
		if (!rc && strcmp(key, "option") && strcmp(key, "justification") &&
		    strcmp(key, "plan") && strcmp(key, "action"))
			rc = cc_error_set(err, CC_EINPUT, key, 0, 0, "%.100s is not a member this "
					  "takes", key);
	if (!rc && reg.v[at].ntreatments >= CC_RISK_MAX_TREATMENTS)
		rc = cc_error_set(err, CC_ELIMIT, "option", 0, 0, "a risk has at most %d treatments",
				  CC_RISK_MAX_TREATMENTS);
	if (!rc)
		rc = cc__plan_text(json_object_get(body, "option"), "option", true, 16, false,
				   &t.option, err);
	for (int i = 0; !rc && options[i] && strcmp(options[i], t.option); i++)
		if (!options[i + 1])
			rc = cc_error_set(err, CC_EINPUT, "option", 0, 0,
					  "option is reduce, accept, share or avoid");
	if (!rc)
		rc = cc__plan_text(json_object_get(body, "justification"), "justification", true,
				   CC_RISK_LONG_MAX, true, &t.justification, err);
	if (!rc)
		rc = cc__plan_text(json_object_get(body, "plan"), "plan", false, CC_PLAN_ID_MAX,
				   false, &t.plan, err);
	if (!rc && t.plan && absent(action))
		rc = cc_error_set(err, CC_EINPUT, "action", 0, 0,
				  "action {\"title\", \"owner\", \"due\"} is required with a plan");
	if (!rc && !t.plan && !absent(action))
		rc = cc_error_set(err, CC_EINPUT, "plan", 0, 0,
				  "plan (the unit's plan the action goes into) is required with an action");
	if (!rc && t.plan)
		rc = check_plan(s, t.plan, reg.a->unit, &is_public, err);
	if (!rc && t.plan)
		rc = plan_action(s, &reg, at, t.plan, is_public, action, today, actor, &t.action, err);
	if (!rc) {
		t.risk = reg.v[at].r->key;
		rc = cc_store_add_treatment(s, &t, id, err);
	}
	cc__risk_entity(entity, sizeof(entity), assessment, risk, "treatment", rc ? 0 : *id);
	if (!rc)
		rc = cc__plan_audit(s, actor, "create", entity, NULL,
				    json_pack("{s:s,s:s,s:s?,s:I}", "option", t.option, "justification",
					      t.justification, "plan", t.plan, "action",
					      (json_int_t)t.action), err);
	cc_register_free(&reg);
	return rc;
}

int cc_risk_treat(struct cc_store *s, const char *assessment, const char *risk,
		  const json_t *body, const char *today, const char *actor, long long *id,
		  struct cc_error *err)
{
	CC_TXN(s, err, treat(s, assessment, risk, body, today, actor, id, err));
}
