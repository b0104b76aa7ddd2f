/*
 * drill_plan.c - a drill finding into the unit's action plan (the spine,
 * DESIGN.md "One spine"): the improvement becomes an action of the plan,
 * under an objective named for the drill (made when missing), whose
 * source link is kind `drill` (ref DRILL/improvement:N, with the team,
 * objective and issue as detail) and which addresses the framework node
 * the scenario's objective exercises, when the platform knows that node.
 * Runs inside the improvement's transaction (drill_play.c), with the plans'
 * own checks (plans_internal.h), so the row and the action come together
 * or not at all. One finding (drill, team, objective, issue) is one
 * action: sending it again to the same plan attaches the new row to the
 * action already there instead of making a second one.
 */
#include "drill_internal.h"

#include "editions.h"
#include "plans.h"
#include "plans_internal.h"
#include "service.h"

#include "../core/date.h"

#include <jansson.h>
#include <stdio.h>
#include <string.h>

/* The objective of the plan named for the drill, made when missing. */
static int objective_for(struct cc_store *s, const struct cc_plan *pl, const struct cc_drill *d,
			 const char *actor, long long *id, struct cc_error *err)
{
	char title[CC_PLAN_TEXT_MAX + 1];

	snprintf(title, sizeof(title), "Findings of drill %s", d->d->id);
	for (int i = 0; i < pl->objectives.n; i++) {
		const struct cc_objective_rec *o = &((const struct cc_objective_rec *)
						     pl->objectives.items)[i];
		if (strcmp(o->title, title) == 0) {
			*id = o->id;
			return CC_OK;
		}
	}
	return cc__plan_new_objective(s, pl->p->id, title, actor, id, err);
}

/* Whether the JSON object o has key equal to the string want. */
static bool has_str(const json_t *o, const char *key, const char *want)
{
	const char *v = json_string_value(json_object_get(o, key));

	return v && want && strcmp(v, want) == 0;
}

/* The action of the loaded plan that already comes from this finding (a
 * source link of kind drill with the same drill, team, objective and
 * issue), or 0. */
static long long action_of_finding(const struct cc_plan *pl, const struct cc_drill *d,
				   const struct cc_improvement_rec *r)
{
	for (int i = 0; i < pl->links.n; i++) {
		const struct cc_link_rec *l = &((const struct cc_link_rec *)pl->links.items)[i];
		json_t *detail;
		bool same;

		if (!l->kind || strcmp(l->kind, "drill") != 0 || !l->detail)
			continue;
		if (l->role && strcmp(l->role, "source") != 0)
			continue;
		if (!(detail = json_loads(l->detail, 0, NULL)))
			continue;
		same = has_str(detail, "drill", d->d->id) && has_str(detail, "team", r->team) &&
		       has_str(detail, "objective", r->objective) &&
		       has_str(detail, "issue", r->issue);
		json_decref(detail);
		if (same)
			return l->action;
	}
	return 0;
}

/* Whether the platform has framework fw with node, in any of its
 * editions (editions.h). */
static bool known_node(struct cc_store *s, const char *fw, const char *node)
{
	struct cc_error err;
	char version[64];

	return fw && node && cc_service_framework_node(s, fw, node, version, sizeof(version),
							&err) == CC_OK;
}

/* text cut to at most max bytes, on a UTF-8 boundary, into out. */
static void cut(const char *text, size_t max, char *out)
{
	size_t n = strlen(text);

	if (n > max) {
		n = max;
		while (n > 0 && ((unsigned char)text[n] & 0xC0) == 0x80)
			n--;
	}
	memcpy(out, text, n);
	out[n] = '\0';
}

static json_t *action_body(struct cc_store *s, const struct cc_drill *d, long long iid,
			   const struct cc_improvement_rec *r, long long objective, double now)
{
	int o = cc_scenario_objective(&d->sc, r->objective), today = (int)(now / 86400), due;
	const struct cc_objective *ob = &d->sc.objectives[o];
	bool node = known_node(s, ob->fw_id, ob->fw_node);
	char title[CC_PLAN_TEXT_MAX + 1], start[11], ref[200];
	json_t *body, *src;

	cut(r->action, CC_PLAN_TEXT_MAX, title);
	/* an action starts when its row does, else today (not after its due) */
	if (r->start)
		snprintf(start, sizeof(start), "%s", r->start);
	else
		cc_date_format(cc_date_valid(r->due, &due) && due < today ? due : today, start);
	snprintf(ref, sizeof(ref), "%s/improvement:%lld", d->d->id, iid);
	src = json_pack("{s:s,s:s,s:{s:s,s:s,s:s,s:s}}", "kind", "drill", "ref", ref, "detail",
			"drill", d->d->id, "team", r->team, "objective", r->objective, "issue",
			r->issue);
	body = json_pack("{s:I,s:s,s:s,s:s,s:s,s:s,s:s,s:s}", "objective", (json_int_t)objective,
			 "title", title, "description", r->issue, "owner", r->owner, "lead_agency",
			 r->organisation, "start", start, "due", r->due, "status", "planned");
	if (!body || !src) {
		json_decref(body);
		json_decref(src);
		return NULL;
	}
	if (node) {
		json_object_set_new(src, "framework", json_string(ob->fw_id));
		json_object_set_new(src, "node", json_string(ob->fw_node));
		json_object_set_new(body, "links", json_pack("[{s:s,s:s}]", "framework", ob->fw_id,
							     "node", ob->fw_node));
	}
	json_object_set_new(body, "source", src);
	return body;
}

int cc__drill_to_plan(struct cc_store *s, const struct cc_drill *d, long long iid,
		      const struct cc_improvement_rec *r, const char *plan, const char *actor,
		      double now, long long *action, struct cc_error *err)
{
	const struct cc_drill_team *t = &d->teams[cc_drill_team_index(d, r->team)];
	struct cc_plan pl;
	long long objective = 0;
	json_t *body = NULL;
	int rc = cc_plan_load(s, plan, &pl, err);

	if (rc == CC_ENOTFOUND)
		rc = cc_error_set(err, CC_EINPUT, "plan", 0, 0, "there is no plan \"%.100s\"", plan);
	else if (!rc && (!t->unit || strcmp(t->unit, pl.p->unit) != 0))
		rc = cc_error_set(err, CC_EINPUT, "plan", 0, 0, "plan %s is %s's; team %s plays for "
				  "%s", plan, pl.p->unit, t->id, t->unit ? t->unit : "no unit");
	if (!rc && (*action = action_of_finding(&pl, d, r)) > 0) {
		cc_plan_free(&pl);
		return CC_OK;   /* the finding is in the plan already: attach to it */
	}
	if (!rc)
		rc = objective_for(s, &pl, d, actor, &objective, err);
	if (!rc && !(body = action_body(s, d, iid, r, objective, now)))
		rc = cc_error_set(err, CC_ENOMEM, NULL, 0, 0, "out of memory");
	if (!rc)
		rc = cc__plan_insert_action(s, plan, body, NULL, actor, "create", action, err);
	if (rc == CC_EINPUT && strcmp(err->file, "plan") != 0) {
		/* the plan refused the action: say which of the row's fields */
		char why[sizeof(err->msg)];
		snprintf(why, sizeof(why), "%s", err->msg);
		rc = cc_error_set(err, CC_EINPUT, "plan", 0, 0, "plan %s cannot take this action: %.300s",
				  plan, why);
	}
	json_decref(body);
	cc_plan_free(&pl);
	return rc;
}
