/*
 * http_drill_play.c - what participants do in a drill (docs/api.md,
 * "Drills"): players answer the injects their team got and confirm the
 * communication check; evaluators record observations with ratings and
 * mark expected actions; everyone answers the feedback survey after
 * play; the director and evaluators write the improvement plan.
 */
#include "http_drill.h"

#include "live.h"

#include "../service/drill_play.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define D(req) ((req)->params[0])
#define I(req) ((req)->params[1])

static json_t *response_json(const struct cc_drill_response_rec *r, const struct cc_list *att)
{
	json_t *files = json_array();

	for (int i = 0; att && i < att->n; i++) {
		const struct cc_drill_attachment_rec *a =
			&((const struct cc_drill_attachment_rec *)att->items)[i];
		if (a->response == r->id)
			json_array_append_new(files, cc__drill_attachment_json(a));
	}
	return json_pack("{s:I,s:s,s:s,s:s,s:s,s:o,s:o}", "id", (json_int_t)r->id, "inject",
			 r->inject, "team", r->team, "player", r->name, "text", r->text, "at",
			 cc__json_wall(r->at), "attachments", files);
}

/* 1 when the inject of params[1] was delivered to team, else 0 after
 * filling resp with 403 (whether it exists is not the player's to know). */
static int went_to(struct cc_req *req, struct cc_resp *resp, const char *team)
{
	struct cc_drill d;
	int i, ok = 0;

	if (!cc__drill_load(req, resp, &d)) {
		cc_drill_free(&d);
		return 0;
	}
	i = cc_drill_inject_index(&d, I(req));
	ok = i >= 0 && d.injects[i].state == CC_INJECT_DELIVERED &&
	     cc_drill_inject_goes_to(&d, i, team);
	cc_drill_free(&d);
	if (!ok)
		cc_resp_error(resp, 403, "forbidden", NULL, "this inject did not go to your team");
	return ok;
}

int cc_h_drill_respond(struct cc_req *req, struct cc_resp *resp)
{
	struct cc_error err;
	unsigned roles;
	char team[129];
	const char *text;
	json_t *body;
	long long id = 0;
	double now = cc_live_now();
	int rc;

	if (!cc__drill_may(req, resp, CC_DRILL_RESPOND, &roles, team) || !went_to(req, resp, team))
		return CC_OK;
	if (!(body = cc_req_json(req, resp)))
		return CC_OK;
	if (!cc_json_text(body, "text", false, 60000, &text, resp)) {
		json_decref(body);
		return CC_OK;
	}
	cc_error_clear(&err);
	pthread_mutex_lock(req->store_lock);
	rc = cc_drills_respond(req->store, req->data_dir, D(req), I(req), req->who, team, text, now,
			       &id, &err);
	pthread_mutex_unlock(req->store_lock);
	if (!rc)
		cc__drill_changed(req);
	rc = cc__drill_reply(resp, rc, &err, 201, rc ? NULL : json_pack("{s:I,s:s,s:s,s:s,s:s,s:o,"
		"s:[]}", "id", (json_int_t)id, "inject", I(req), "team", team, "player",
		req->who->name, "text", text, "at", cc__json_wall(now), "attachments"));
	json_decref(body);
	return rc;
}

int cc_h_drill_responses(struct cc_req *req, struct cc_resp *resp)
{
	const char *inject = cc_req_query(req, "inject");
	struct cc_error err;
	struct cc_list l, att;
	unsigned roles;
	char team[129];
	json_t *arr;
	int rc;

	if (!cc__drill_may(req, resp, CC_DRILL_RESPONSES, &roles, team))
		return CC_OK;
	cc_error_clear(&err);
	pthread_mutex_lock(req->store_lock);
	/* players: their own team's only */
	rc = cc_store_drill_responses(req->store, D(req), roles & CC_DR_STAFF ? NULL : team, &l,
				      &err);
	if (!rc && (rc = cc_store_drill_attachments(req->store, D(req), 0, &att, &err)))
		cc_list_free(&l);
	pthread_mutex_unlock(req->store_lock);
	if (rc)
		return cc_resp_from_error(resp, &err, 400);
	arr = json_array();
	for (int i = 0; i < l.n; i++) {
		const struct cc_drill_response_rec *r = &((const struct cc_drill_response_rec *)l.items)[i];
		if (!inject || strcmp(inject, r->inject) == 0)
			json_array_append_new(arr, response_json(r, &att));
	}
	cc_list_free(&l);
	cc_list_free(&att);
	return cc__drill_reply(resp, CC_OK, NULL, 200, json_pack("{s:s,s:o}", "drill", D(req), "responses", arr));
}

int cc_h_drill_commcheck(struct cc_req *req, struct cc_resp *resp)
{
	struct cc_error err;
	unsigned roles;
	char team[129];
	double at = 0;
	int rc;

	if (!cc__drill_may(req, resp, CC_DRILL_COMMCHECK, &roles, team))
		return CC_OK;
	cc_error_clear(&err);
	pthread_mutex_lock(req->store_lock);
	rc = cc_drills_commcheck(req->store, req->data_dir, D(req), req->who, team, cc_live_now(),
				 &at, &err);
	pthread_mutex_unlock(req->store_lock);
	if (!rc)
		cc__drill_changed(req);
	return cc__drill_reply(resp, rc, &err, 200, rc ? NULL : json_pack("{s:s,s:s,s:o}", "drill",
			       D(req), "team", team, "confirmed_at", cc__json_wall(at)));
}

/* ---- evaluations and expected actions ---- */

int cc_h_drill_evaluate(struct cc_req *req, struct cc_resp *resp)
{
	struct cc_eval_new e = {0};
	struct cc_error err;
	unsigned roles;
	char team[129];
	json_t *body;
	long long id = 0;
	double now = cc_live_now();
	int rc;

	if (!cc__drill_may(req, resp, CC_DRILL_EVALUATE, &roles, team))
		return CC_OK;
	if (!(body = cc_req_json(req, resp)))
		return CC_OK;
	if (!cc_json_text(body, "team", false, 200, &e.team, resp) ||
	    !cc_json_text(body, "objective", false, 200, &e.objective, resp) ||
	    !cc_json_text(body, "rating", true, 10, &e.rating, resp) ||
	    !cc_json_text(body, "kind", true, 20, &e.kind, resp) ||
	    !cc_json_text(body, "observation", true, 60000, &e.observation, resp)) {
		json_decref(body);
		return CC_OK;
	}
	if (!e.observation)
		e.observation = "";
	cc_error_clear(&err);
	pthread_mutex_lock(req->store_lock);
	rc = cc_drills_evaluate(req->store, req->data_dir, D(req), &e, req->who, now, &id, &err);
	pthread_mutex_unlock(req->store_lock);
	rc = cc__drill_reply(resp, rc, &err, 201, rc ? NULL : json_pack("{s:I,s:s,s:s,s:o,s:s,s:s,"
		"s:o}", "id", (json_int_t)id, "team", e.team, "objective", e.objective, "rating",
		e.rating ? json_string(e.rating) : json_null(), "observation", e.observation,
		"evaluator", req->who->name, "at", cc__json_wall(now)));
	json_decref(body);
	return rc;
}

int cc_h_drill_evaluations(struct cc_req *req, struct cc_resp *resp)
{
	struct cc_error err;
	struct cc_list l;
	unsigned roles;
	char team[129];
	json_t *arr;
	int rc;

	if (!cc__drill_may(req, resp, CC_DRILL_TIMELINE, &roles, team))
		return CC_OK;
	cc_error_clear(&err);
	pthread_mutex_lock(req->store_lock);
	rc = cc_store_drill_evals(req->store, D(req), &l, &err);
	pthread_mutex_unlock(req->store_lock);
	if (rc)
		return cc_resp_from_error(resp, &err, 400);
	arr = json_array();
	for (int i = 0; i < l.n; i++) {
		const struct cc_drill_eval_rec *e = &((const struct cc_drill_eval_rec *)l.items)[i];
		json_array_append_new(arr, json_pack("{s:I,s:s,s:s,s:o,s:s,s:s,s:s,s:o}", "id",
			(json_int_t)e->id, "team", e->team, "objective", e->objective, "rating",
			e->rating ? json_string(e->rating) : json_null(), "kind", e->kind,
			"observation", e->observation, "evaluator", e->evaluator_name, "at",
			cc__json_wall(e->at)));
	}
	cc_list_free(&l);
	return cc__drill_reply(resp, CC_OK, NULL, 200, json_pack("{s:s,s:o}", "drill", D(req), "evaluations", arr));
}

int cc_h_drill_expect(struct cc_req *req, struct cc_resp *resp)
{
	const char *team_id, *expect;
	struct cc_error err;
	unsigned roles;
	char team[129];
	json_t *body, *met;
	int rc;

	if (!cc__drill_may(req, resp, CC_DRILL_EVALUATE, &roles, team))
		return CC_OK;
	if (!(body = cc_req_json(req, resp)))
		return CC_OK;
	met = json_object_get(body, "met");
	if (!cc_json_text(body, "team", false, 200, &team_id, resp) ||
	    !cc_json_text(body, "expect", false, 200, &expect, resp)) {
		json_decref(body);
		return CC_OK;
	}
	if (!json_is_boolean(met)) {
		json_decref(body);
		return cc_resp_error(resp, 422, "invalid", "met", "met is true or false");
	}
	cc_error_clear(&err);
	pthread_mutex_lock(req->store_lock);
	rc = cc_drills_mark(req->store, req->data_dir, D(req), I(req), team_id, expect,
			    json_is_true(met), req->who, cc_live_now(), &err);
	pthread_mutex_unlock(req->store_lock);
	rc = cc__drill_reply(resp, rc, &err, 200, rc ? NULL : json_pack("{s:s,s:s,s:s,s:b}",
		"inject", I(req), "team", team_id, "expect", expect, "met", json_is_true(met)));
	json_decref(body);
	return rc;
}

/* ---- feedback ---- */

static json_t *survey_json(void)
{
	json_t *qs = json_array(), *scale = json_array();

	for (int i = 0; i < 5; i++)
		json_array_append_new(scale, json_pack("{s:i,s:s}", "value", i + 1, "name",
						       cc_feedback_scale_names[i]));
	for (int q = 0; q < cc_nfeedback_questions; q++)
		json_array_append_new(qs, json_pack("{s:s,s:s,s:s}", "id", cc_feedback_questions[q].id,
			"text", cc_feedback_questions[q].text, "type",
			cc_feedback_questions[q].type == CC_FQ_SCALE ? "scale" : "text"));
	return json_pack("{s:o,s:o,s:i}", "questions", qs, "scale", scale, "text_max",
			 CC_FEEDBACK_TEXT_MAX);
}

int cc_h_drill_feedback_get(struct cc_req *req, struct cc_resp *resp)
{
	struct cc_error err;
	struct cc_list l;
	unsigned roles;
	char team[129];
	json_t *o, *mine = NULL;
	int rc;

	if (!cc__drill_may(req, resp, CC_DRILL_FEEDBACK, &roles, team))
		return CC_OK;
	cc_error_clear(&err);
	pthread_mutex_lock(req->store_lock);
	rc = cc_store_drill_feedback(req->store, D(req), &l, &err);
	pthread_mutex_unlock(req->store_lock);
	if (rc)
		return cc_resp_from_error(resp, &err, 400);
	for (int i = 0; i < l.n && !mine; i++) {
		const struct cc_drill_feedback_rec *f = &((const struct cc_drill_feedback_rec *)l.items)[i];
		if (f->user == req->who->id)
			mine = json_loads(f->answers, 0, NULL);
	}
	o = survey_json();
	json_object_set_new(o, "drill", json_string(D(req)));
	json_object_set_new(o, "answers", mine ? mine : json_null());
	json_object_set_new(o, "answered", json_integer(l.n));
	cc_list_free(&l);
	return cc__drill_reply(resp, CC_OK, NULL, 200, o);
}

int cc_h_drill_feedback(struct cc_req *req, struct cc_resp *resp)
{
	struct cc_error err;
	unsigned roles;
	char team[129];
	json_t *body, *answers;
	bool created = false;
	int rc;

	if (!cc__drill_may(req, resp, CC_DRILL_FEEDBACK, &roles, team))
		return CC_OK;
	if (!(body = cc_req_json(req, resp)))
		return CC_OK;
	answers = json_object_get(body, "answers");
	cc_error_clear(&err);
	pthread_mutex_lock(req->store_lock);
	rc = cc_drills_feedback(req->store, req->data_dir, D(req), answers, req->who, cc_live_now(),
				&created, &err);
	pthread_mutex_unlock(req->store_lock);
	rc = cc__drill_reply(resp, rc, &err, created ? 201 : 200, rc ? NULL : json_pack(
		"{s:s,s:O,s:b}", "drill", D(req), "answers", answers, "replaced", !created));
	json_decref(body);
	return rc;
}

/* ---- the improvement plan ---- */

/* 1 unless plan exists and the caller may not change it (then 0 after a
 * 403): sending a finding to a plan is a change of that plan. A plan that
 * is not there is the service's 422. */
static int may_write_plan(struct cc_req *req, struct cc_resp *resp, const char *plan)
{
	struct cc_list l;
	bool ok = true;

	pthread_mutex_lock(req->store_lock);
	if (cc_store_plan(req->store, plan, &l, NULL) == CC_OK) {
		ok = cc_auth_plan_write(req->who, ((const struct cc_plan_rec *)l.items)->unit);
		cc_list_free(&l);
	}
	pthread_mutex_unlock(req->store_lock);
	if (!ok)
		cc_resp_error(resp, 403, "forbidden", "plan", "your role does not allow changing "
			      "plan %s", plan);
	return ok;
}

int cc_h_drill_improve(struct cc_req *req, struct cc_resp *resp)
{
	struct cc_improvement_new n = {0};
	struct cc_error err;
	unsigned roles;
	char team[129];
	const char *plan;
	json_t *body, *report = NULL, *list, *item;
	long long id = 0;
	size_t i;
	int rc;

	if (!cc__drill_may(req, resp, CC_DRILL_IMPROVE, &roles, team))
		return CC_OK;
	if (!(body = cc_req_json(req, resp)))
		return CC_OK;
	if (!cc_json_text(body, "team", false, 200, &n.team, resp) ||
	    !cc_json_text(body, "objective", false, 200, &n.objective, resp) ||
	    !cc_json_text(body, "issue", false, 60000, &n.issue, resp) ||
	    !cc_json_text(body, "action", false, 60000, &n.action, resp) ||
	    !cc_json_text(body, "owner", false, 2000, &n.owner, resp) ||
	    !cc_json_text(body, "organisation", true, 2000, &n.organisation, resp) ||
	    !cc_json_text(body, "start", true, 20, &n.start, resp) ||
	    !cc_json_text(body, "due", false, 20, &n.due, resp) ||
	    !cc_json_text(body, "plan", true, 200, &plan, resp)) {
		json_decref(body);
		return CC_OK;
	}
	n.plan = plan;
	if (plan && !may_write_plan(req, resp, plan)) {
		json_decref(body);
		return CC_OK;
	}
	cc_error_clear(&err);
	pthread_mutex_lock(req->store_lock);
	rc = cc_drills_improve(req->store, req->data_dir, D(req), &n, req->who, cc_live_now(), &id,
			       &err);
	if (!rc)
		report = cc_drills_report(req->store, req->data_dir, D(req), cc_live_now(), &err);
	pthread_mutex_unlock(req->store_lock);
	json_decref(body);
	if (rc || !report)
		return cc_resp_from_error(resp, &err, 422);
	list = json_object_get(report, "improvements");
	json_array_foreach(list, i, item)
		if (json_integer_value(json_object_get(item, "id")) == id)
			cc_resp_json(resp, 201, json_incref(item));
	json_decref(report);
	if (!resp->body)
		return cc_resp_error(resp, 500, "internal", NULL, "the improvement is gone");
	resp->etag = 0;
	return CC_OK;
}

int cc_h_drill_improvements(struct cc_req *req, struct cc_resp *resp)
{
	struct cc_error err;
	unsigned roles;
	char team[129];
	json_t *report;

	if (!cc__drill_may(req, resp, CC_DRILL_REPORT, &roles, team))
		return CC_OK;
	cc_error_clear(&err);
	pthread_mutex_lock(req->store_lock);
	report = cc_drills_report(req->store, req->data_dir, D(req), cc_live_now(), &err);
	pthread_mutex_unlock(req->store_lock);
	if (!report)
		return cc_resp_from_error(resp, &err, 400);
	cc_resp_json(resp, 200, json_pack("{s:s,s:O}", "drill", D(req), "improvements",
					  json_object_get(report, "improvements")));
	json_decref(report);
	resp->etag = 0;
	return CC_OK;
}
