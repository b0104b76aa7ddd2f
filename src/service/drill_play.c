/*
 * drill_play.c - responses, the communication check, evaluations,
 * expected actions, feedback and the improvement plan (see
 * drill_play.h). Each is one transaction with the drill re-read first,
 * its event (for staff) and its audit row.
 */
#include "drill_play.h"

#include "drill_internal.h"
#include "workflow.h"

#include "../core/date.h"
#include "../format/wall_time.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* CC_ECONFLICT unless the drill's status is one of mask's bits. */
static int status_in(const struct cc_drill *d, unsigned mask, const char *doing,
		     const char *when, struct cc_error *err)
{
	if (mask & (1u << d->status))
		return CC_OK;
	return cc_error_set(err, CC_ECONFLICT, "status", 0, 0, "the drill is %s: %s %s",
			    cc_drill_status_name(d->status), doing, when);
}

#define LIVE ((1u << CC_DRILL_RUNNING) | (1u << CC_DRILL_PAUSED))
#define PLAYED (LIVE | (1u << CC_DRILL_ENDED))

static char *entity_of(const struct cc_drill *d, const char *what, const char *id,
		       char *buf, size_t size)
{
	snprintf(buf, size, "drill:%s/%s:%s", d->d->id, what, id);
	return buf;
}

/* ---- responses ---- */

struct respond_arg {
	const char *inject, *team, *text;
	const struct cc_principal *who;
	double now;
	long long *rid;
};

static int do_respond(struct cc_store *s, struct cc_drill *d, void *arg, struct cc_error *err)
{
	struct respond_arg *a = arg;
	struct cc_drill_response_rec r = {.inject = a->inject, .team = a->team,
					  .user = a->who->id, .text = a->text, .at = a->now};
	char entity[400], at[CC_WALL_ISO_SIZE], chars[32];
	int i = cc_drill_inject_index(d, a->inject), n, rc;

	if (i < 0 || d->injects[i].state != CC_INJECT_DELIVERED ||
	    !cc_drill_inject_goes_to(d, i, a->team))
		return cc_error_set(err, CC_ENOTFOUND, "inject", 0, 0, "inject %.100s was not "
				    "delivered to team %s", a->inject, a->team);
	if ((rc = status_in(d, LIVE, "responses are taken", "while it runs or is paused", err)) ||
	    (rc = cc__drill_text(a->text, "text", CC_DRILL_TEXT_MAX, true, err)) ||
	    (rc = cc_store_count_drill_responses(s, d->d->id, a->inject, a->team, &n, err)))
		return rc;
	if (n >= CC_DRILL_MAX_RESPONSES)
		return cc_error_set(err, CC_ELIMIT, "text", 0, 0, "a team gives at most %d responses "
				    "to an inject", CC_DRILL_MAX_RESPONSES);
	rc = cc_store_add_drill_response(s, d->d->id, &r, a->rid, err);
	cc_wall_iso(a->now, at);
	if (!rc)
		rc = cc__drill_event(s, d->d->id, CC_EV_RESPONSE, NULL,
				     json_pack("{s:I,s:s,s:s,s:s,s:s,s:s}", "id", (json_int_t)*a->rid,
					       "inject", a->inject, "team", a->team, "player",
					       a->who->name, "text", a->text, "at", at), a->now, err);
	snprintf(chars, sizeof(chars), "%zu", strlen(a->text));
	if (!rc)
		rc = cc_workflow_audit(s, a->who->email, "respond",
				       entity_of(d, "inject", a->inject, entity, sizeof(entity)), NULL,
				       cc_workflow_audit_json("team", a->team, "chars", chars), err);
	return rc;
}

int cc_drills_respond(struct cc_store *s, const char *data_dir, const char *id,
		      const char *inject, const struct cc_principal *who, const char *team,
		      const char *text, double now, long long *rid, struct cc_error *err)
{
	struct respond_arg a = {inject, team, text, who, now, rid};

	return cc__drill_txn(s, data_dir, id, do_respond, &a, err);
}

/* ---- communication check ---- */

struct commcheck_arg {
	const struct cc_principal *who;
	const char *team;
	double now, *at;
};

static int do_commcheck(struct cc_store *s, struct cc_drill *d, void *arg,
			struct cc_error *err)
{
	struct commcheck_arg *a = arg;
	struct cc_list l;
	char entity[400], at[CC_WALL_ISO_SIZE];
	int created = 0, rc = status_in(d, LIVE | (1u << CC_DRILL_SCHEDULED),
					"the communication check is taken", "before the end", err);

	if (!rc)
		rc = cc_store_put_commcheck(s, d->d->id, a->who->id, a->now, &created, err);
	if (!rc)
		rc = cc_store_commchecks(s, d->d->id, &l, err);
	if (rc)
		return rc;
	*a->at = a->now;
	for (int i = 0; i < l.n; i++)
		if (((const struct cc_commcheck_rec *)l.items)[i].user == a->who->id)
			*a->at = ((const struct cc_commcheck_rec *)l.items)[i].at;
	cc_list_free(&l);
	if (!created)
		return CC_OK;
	cc_wall_iso(a->now, at);
	rc = cc__drill_event(s, d->d->id, CC_EV_COMMCHECK, NULL,
			     json_pack("{s:s,s:s,s:s}", "player", a->who->name, "team", a->team,
				       "at", at), a->now, err);
	if (!rc)
		rc = cc_workflow_audit(s, a->who->email, "commcheck",
				       entity_of(d, "team", a->team, entity, sizeof(entity)), NULL,
				       NULL, err);
	return rc;
}

int cc_drills_commcheck(struct cc_store *s, const char *data_dir, const char *id,
			const struct cc_principal *who, const char *team, double now,
			double *at, struct cc_error *err)
{
	struct commcheck_arg a = {who, team, now, at};

	return cc__drill_txn(s, data_dir, id, do_commcheck, &a, err);
}

/* ---- evaluations and expected actions ---- */

struct eval_arg {
	const struct cc_eval_new *e;
	const struct cc_principal *who;
	double now;
	long long *eid;
};

static int team_field(const struct cc_drill *d, const char *team, struct cc_error *err)
{
	if (team && cc_drill_team_index(d, team) >= 0)
		return CC_OK;
	return cc_error_set(err, CC_EINPUT, "team", 0, 0, "team is one of the drill's teams");
}

static int check_eval(const struct cc_drill *d, const struct cc_eval_new *e, const char **kind,
		      struct cc_error *err)
{
	static const char *const kinds[] = {"strength", "improvement", "note"};
	int rating = e->rating ? cc_drill_rating_parse(e->rating) : -1;

	if (team_field(d, e->team, err))
		return CC_EINPUT;
	if (!e->objective || cc_scenario_objective(&d->sc, e->objective) < 0)
		return cc_error_set(err, CC_EINPUT, "objective", 0, 0, "objective is one of the "
				    "scenario's objectives");
	if (e->rating && rating < 0)
		return cc_error_set(err, CC_EINPUT, "rating", 0, 0, "rating is P (performed without "
				    "challenges), S (with some challenges), M (with major "
				    "challenges) or U (unable to be performed)");
	if (!e->observation || strlen(e->observation) > CC_DRILL_TEXT_MAX ||
	    (!e->rating && !e->observation[0]))
		return cc_error_set(err, CC_EINPUT, "observation", 0, 0, "observation is text of at "
				    "most %d bytes (not empty without a rating)", CC_DRILL_TEXT_MAX);
	if (e->observation[0] && cc__drill_text(e->observation, "observation",
						  CC_DRILL_TEXT_MAX, true, err))
		return CC_EINPUT;
	*kind = rating < 0 ? "note" : rating < 2 ? "strength" : "improvement";
	if (e->kind) {
		*kind = NULL;
		for (int k = 0; k < 3; k++)
			if (strcmp(e->kind, kinds[k]) == 0)
				*kind = kinds[k];
		if (!*kind)
			return cc_error_set(err, CC_EINPUT, "kind", 0, 0, "kind is strength, "
					    "improvement or note");
	}
	return CC_OK;
}

static int do_evaluate(struct cc_store *s, struct cc_drill *d, void *arg, struct cc_error *err)
{
	struct eval_arg *a = arg;
	struct cc_drill_eval_rec r = {.team = a->e->team, .objective = a->e->objective,
				      .rating = a->e->rating, .observation = a->e->observation,
				      .evaluator = a->who->id, .at = a->now};
	char entity[500], ent2[300];
	int rc = status_in(d, PLAYED, "evaluations are recorded", "during play or after it", err);

	if (!rc)
		rc = check_eval(d, a->e, &r.kind, err);
	if (!rc)
		rc = cc_store_add_drill_eval(s, d->d->id, &r, a->eid, err);
	snprintf(ent2, sizeof(ent2), "%s/objective:%s", a->e->team, a->e->objective);
	if (!rc)
		rc = cc_workflow_audit(s, a->who->email, "evaluate",
				       entity_of(d, "team", ent2, entity, sizeof(entity)), NULL,
				       cc_workflow_audit_json("rating", r.rating, "kind", r.kind),
				       err);
	return rc;
}

int cc_drills_evaluate(struct cc_store *s, const char *data_dir, const char *id,
		       const struct cc_eval_new *e, const struct cc_principal *who, double now,
		       long long *eid, struct cc_error *err)
{
	struct eval_arg a = {e, who, now, eid};

	return cc__drill_txn(s, data_dir, id, do_evaluate, &a, err);
}

struct mark_arg {
	const char *inject, *team, *expect;
	bool met;
	const struct cc_principal *who;
	double now;
};

static int do_mark(struct cc_store *s, struct cc_drill *d, void *arg, struct cc_error *err)
{
	struct mark_arg *a = arg;
	struct cc_expect_mark_rec m = {a->team, a->inject, a->expect, a->met, a->who->id, a->now};
	int i = cc_drill_inject_index(d, a->inject), found = 0,
	    rc = status_in(d, PLAYED, "expected actions are marked", "during play or after it", err);
	char entity[400];

	if (rc)
		return rc;
	if (i < 0)
		return cc_error_set(err, CC_ENOTFOUND, "inject", 0, 0, "drill %s has no inject "
				    "\"%.100s\"", d->d->id, a->inject);
	for (int e = 0; a->expect && e < d->injects[i].nexpects; e++)
		found |= strcmp(d->injects[i].expects[e].id, a->expect) == 0;
	if (!found)
		return cc_error_set(err, CC_EINPUT, "expect", 0, 0, "expect is one of the expected "
				    "actions of inject %s", d->injects[i].id);
	if (team_field(d, a->team, err))
		return CC_EINPUT;
	if (!cc_drill_inject_goes_to(d, i, a->team))
		return cc_error_set(err, CC_EINPUT, "team", 0, 0, "inject %s does not go to team %s",
				    d->injects[i].id, a->team);
	rc = cc_store_put_expect_mark(s, d->d->id, &m, err);
	if (!rc)
		rc = cc_workflow_audit(s, a->who->email, "expect",
				       entity_of(d, "inject", a->inject, entity, sizeof(entity)), NULL,
				       cc_workflow_audit_json3("team", a->team, "expect", a->expect, "met",
							a->met ? "yes" : "no"), err);
	return rc;
}

int cc_drills_mark(struct cc_store *s, const char *data_dir, const char *id,
		   const char *inject, const char *team, const char *expect, bool met,
		   const struct cc_principal *who, double now, struct cc_error *err)
{
	struct mark_arg a = {inject, team, expect, met, who, now};

	return cc__drill_txn(s, data_dir, id, do_mark, &a, err);
}

/* ---- feedback ---- */

/* The answers, checked, as canonical JSON (malloc'd), or NULL after
 * filling err. */
static char *check_feedback(const json_t *answers, struct cc_error *err)
{
	json_t *out = json_object();
	const char *key;
	json_t *v;
	char *text, field[200];

	if (!json_is_object(answers) || json_object_size(answers) == 0) {
		json_decref(out);
		cc_error_set(err, CC_EINPUT, "answers", 0, 0, "answers is an object with at least "
			     "one of the survey's questions");
		return NULL;
	}
	json_object_foreach((json_t *)answers, key, v) {
		int q = cc_feedback_question(key);
		const struct cc_feedback_question *fq = q >= 0 ? &cc_feedback_questions[q] : NULL;
		snprintf(field, sizeof(field), "answers.%.100s", key);
		if (!fq) {
			cc_error_set(err, CC_EINPUT, field, 0, 0, "the survey has no question "
				     "\"%.100s\"", key);
		} else if (fq->type == CC_FQ_SCALE && (!json_is_integer(v) ||
			   json_integer_value(v) < CC_FEEDBACK_SCALE_MIN ||
			   json_integer_value(v) > CC_FEEDBACK_SCALE_MAX)) {
			cc_error_set(err, CC_EINPUT, field, 0, 0, "%s is a whole number from 1 "
				     "(strongly disagree) to 5 (strongly agree)", key);
		} else if (fq->type == CC_FQ_TEXT && (!json_is_string(v) ||
			   json_string_length(v) > CC_FEEDBACK_TEXT_MAX)) {
			cc_error_set(err, CC_EINPUT, field, 0, 0, "%s is text of at most %d bytes", key,
				     CC_FEEDBACK_TEXT_MAX);
		} else {
			json_object_set(out, key, v);
			continue;
		}
		json_decref(out);
		return NULL;
	}
	text = json_dumps(out, JSON_COMPACT | JSON_SORT_KEYS);
	json_decref(out);
	if (!text)
		cc_error_set(err, CC_ENOMEM, NULL, 0, 0, "out of memory");
	return text;
}

struct feedback_arg {
	const json_t *answers;
	const struct cc_principal *who;
	double now;
	bool *created;
};

static int do_feedback(struct cc_store *s, struct cc_drill *d, void *arg, struct cc_error *err)
{
	struct feedback_arg *a = arg;
	struct cc_drill_feedback_rec f = {.user = a->who->id, .at = a->now};
	char entity[300];
	int created = 0, rc = status_in(d, 1u << CC_DRILL_ENDED, "feedback is given",
					"after it has ended", err);
	char *text = rc ? NULL : check_feedback(a->answers, err);

	if (rc || !text)
		return rc ? rc : err->code;
	f.answers = text;
	rc = cc_store_put_drill_feedback(s, d->d->id, &f, &created, err);
	snprintf(entity, sizeof(entity), "drill:%s/feedback", d->d->id);
	if (!rc)
		rc = cc_workflow_audit(s, a->who->email, created ? "feedback" : "feedback again",
				       entity, NULL, NULL, err);
	*a->created = created;
	free(text);
	return rc;
}

int cc_drills_feedback(struct cc_store *s, const char *data_dir, const char *id,
		       const json_t *answers, const struct cc_principal *who, double now,
		       bool *created, struct cc_error *err)
{
	struct feedback_arg a = {answers, who, now, created};

	return cc__drill_txn(s, data_dir, id, do_feedback, &a, err);
}

/* ---- the improvement plan ---- */

void cc_drills_organisation(struct cc_store *s, const struct cc_drill *d, int t, char *out,
			    size_t size)
{
	if (!d->teams[t].unit || !cc_store_unit_name(s, d->teams[t].unit, out, size))
		snprintf(out, size, "%s", d->teams[t].name);
}

struct improve_arg {
	const struct cc_improvement_new *n;
	const struct cc_principal *who;
	double now;
	long long *iid;
};

static int check_improvement(const struct cc_drill *d, const struct cc_improvement_new *n,
			     struct cc_error *err)
{
	int due, start;

	if (team_field(d, n->team, err))
		return CC_EINPUT;
	if (!n->objective || cc_scenario_objective(&d->sc, n->objective) < 0)
		return cc_error_set(err, CC_EINPUT, "objective", 0, 0, "objective is one of the "
				    "scenario's objectives");
	if (cc__drill_text(n->issue, "issue", CC_DRILL_TEXT_MAX, true, err) ||
	    cc__drill_text(n->action, "action", CC_DRILL_TEXT_MAX, true, err) ||
	    cc__drill_text(n->owner, "owner", CC_DRILL_TITLE_MAX, false, err) ||
	    (n->organisation && cc__drill_text(n->organisation, "organisation",
					       CC_DRILL_TITLE_MAX, false, err)))
		return CC_EINPUT;
	if (!cc_date_valid(n->due, &due))
		return cc_error_set(err, CC_EINPUT, "due", 0, 0, "due is a date YYYY-MM-DD");
	if (n->start && (!cc_date_valid(n->start, &start) || start > due))
		return cc_error_set(err, CC_EINPUT, "start", 0, 0, "start is a date YYYY-MM-DD, not "
				    "after due");
	return CC_OK;
}

static int do_improve(struct cc_store *s, struct cc_drill *d, void *arg, struct cc_error *err)
{
	struct improve_arg *a = arg;
	struct cc_improvement_rec r = {.team = a->n->team, .objective = a->n->objective,
				       .issue = a->n->issue, .action = a->n->action,
				       .owner = a->n->owner, .start = a->n->start, .due = a->n->due,
				       .organisation = a->n->organisation, .by = a->who->email,
				       .at = a->now};
	char org[300], entity[300], id[32];
	int rc = status_in(d, PLAYED, "the improvement plan is written", "during play or after it",
			   err);

	if (!rc)
		rc = check_improvement(d, a->n, err);
	if (rc)
		return rc;
	if (!r.organisation) {
		cc_drills_organisation(s, d, cc_drill_team_index(d, r.team), org, sizeof(org));
		r.organisation = org;
	}
	rc = cc_store_add_improvement(s, d->d->id, &r, a->iid, err);
	if (!rc && a->n->plan) {
		long long action = 0;
		rc = cc__drill_to_plan(s, d, *a->iid, &r, a->n->plan, a->who->email, a->now,
				       &action, err);
		if (!rc)
			rc = cc_store_set_improvement_plan(s, *a->iid, a->n->plan, action, err);
	}
	snprintf(id, sizeof(id), "%lld", *a->iid);
	if (!rc)
		rc = cc_workflow_audit(s, a->who->email, "improvement",
				       entity_of(d, "improvement", id, entity, sizeof(entity)), NULL,
				       cc_workflow_audit_json3("team", r.team, "objective", r.objective,
							"plan", a->n->plan), err);
	return rc;
}

int cc_drills_improve(struct cc_store *s, const char *data_dir, const char *id,
		      const struct cc_improvement_new *n, const struct cc_principal *who,
		      double now, long long *iid, struct cc_error *err)
{
	struct improve_arg a = {n, who, now, iid};

	return cc__drill_txn(s, data_dir, id, do_improve, &a, err);
}
