/*
 * http_plan_actions.c - what a plan holds, over HTTP: its objectives and
 * actions (add, read, change, drop) and drafting actions from the
 * evidence (docs/api.md "Action plans"). Who may is checked by
 * cc__plan_open / cc__plan_write (http_plans.c) before the body is read;
 * the bodies' checks, naming the field at fault, are the service's.
 */
#include "router.h"

#include "../service/plans.h"

#include <string.h>

#define P(req) ((req)->params[0])

/* ---- objectives -------------------------------------------------------------- */

static int objective_answer(struct cc_req *req, struct cc_resp *resp, int status, long long id)
{
	struct cc_plan pl;
	struct cc_error err;
	int rc, i;

	cc_error_clear(&err);
	pthread_mutex_lock(req->store_lock);
	rc = cc_plan_load(req->store, P(req), &pl, &err);
	pthread_mutex_unlock(req->store_lock);
	i = rc ? -1 : cc_plan_objective_index(&pl, id);
	if (i < 0) {
		cc_plan_free(&pl);
		return cc_resp_error(resp, 500, "internal", NULL, "the objective is gone");
	}
	cc_resp_json(resp, status, json_pack("{s:I,s:s,s:i}", "id", (json_int_t)id, "title",
		((struct cc_objective_rec *)pl.objectives.items)[i].title, "position",
		((struct cc_objective_rec *)pl.objectives.items)[i].position));
	cc_plan_free(&pl);
	resp->etag = 0;
	return CC_OK;
}

static int do_objective_add(struct cc_req *req, const json_t *body, long long id, long long *out,
			    struct cc_error *err)
{
	(void)id;
	return cc_plan_add_objective(req->store, P(req), body, req->who->email, out, err);
}

int cc_h_objective_add(struct cc_req *req, struct cc_resp *resp)
{
	long long id;

	if (cc__plan_write(req, resp, true, do_objective_add, 0, &id))
		return CC_OK;
	return objective_answer(req, resp, 201, id);
}

static int do_objective_patch(struct cc_req *req, const json_t *body, long long id,
			      long long *out, struct cc_error *err)
{
	(void)out;
	return cc_plan_update_objective(req->store, P(req), id, body, req->who->email, err);
}

int cc_h_objective_patch(struct cc_req *req, struct cc_resp *resp)
{
	long long id = cc__path_id(req->params[1]);

	if (cc__plan_write(req, resp, true, do_objective_patch, id, NULL))
		return CC_OK;
	return objective_answer(req, resp, 200, id);
}

static int do_objective_delete(struct cc_req *req, const json_t *body, long long id,
			       long long *out, struct cc_error *err)
{
	(void)body, (void)out;
	return cc_plan_delete_objective(req->store, P(req), id, req->who->email, err);
}

int cc_h_objective_delete(struct cc_req *req, struct cc_resp *resp)
{
	long long id = cc__path_id(req->params[1]);

	if (cc__plan_write(req, resp, false, do_objective_delete, id, NULL))
		return CC_OK;
	cc_resp_json(resp, 200, json_pack("{s:I,s:b}", "id", (json_int_t)id, "deleted", 1));
	resp->etag = 0;
	return CC_OK;
}

/* ---- actions ------------------------------------------------------------------ */

static int do_action_add(struct cc_req *req, const json_t *body, long long id, long long *out,
			 struct cc_error *err)
{
	(void)id;
	return cc_plan_add_action(req->store, P(req), body, req->who->email, out, err);
}

int cc_h_action_add(struct cc_req *req, struct cc_resp *resp)
{
	long long id;

	if (cc__plan_write(req, resp, true, do_action_add, 0, &id))
		return CC_OK;
	return cc__plan_answer(req, resp, 201, id);
}

int cc_h_action(struct cc_req *req, struct cc_resp *resp)
{
	struct cc_plan pl;
	long long id = cc__path_id(req->params[1]);

	if (!cc__plan_open(req, resp, false, &pl))
		return CC_OK;
	if (!id) {
		cc_plan_free(&pl);
		return cc_resp_error(resp, 404, "not_found", "action", "plan %s has no action %s",
				     P(req), req->params[1]);
	}
	return cc__plan_send(req, resp, 200, &pl, id);
}

static int do_action_patch(struct cc_req *req, const json_t *body, long long id, long long *out,
			   struct cc_error *err)
{
	(void)out;
	return cc_plan_update_action(req->store, P(req), id, body, req->who->email, err);
}

int cc_h_action_patch(struct cc_req *req, struct cc_resp *resp)
{
	long long id = cc__path_id(req->params[1]);

	if (cc__plan_write(req, resp, true, do_action_patch, id, NULL))
		return CC_OK;
	return cc__plan_answer(req, resp, 200, id);
}

static int do_action_delete(struct cc_req *req, const json_t *body, long long id,
			    long long *out, struct cc_error *err)
{
	(void)body, (void)out;
	return cc_plan_delete_action(req->store, P(req), id, req->who->email, err);
}

int cc_h_action_delete(struct cc_req *req, struct cc_resp *resp)
{
	long long id = cc__path_id(req->params[1]);

	if (cc__plan_write(req, resp, false, do_action_delete, id, NULL))
		return CC_OK;
	cc_resp_json(resp, 200, json_pack("{s:I,s:b}", "id", (json_int_t)id, "deleted", 1));
	resp->etag = 0;
	return CC_OK;
}

/* ---- drafting ------------------------------------------------------------------- */

int cc_h_plan_draft(struct cc_req *req, struct cc_resp *resp)
{
	struct cc_plan pl;
	struct cc_plan_monitor m;
	struct cc_error err;
	json_t *body, *out = NULL, *proposals, *id;
	size_t i;
	int rc;

	if (!cc__plan_open(req, resp, true, &pl))
		return CC_OK;
	cc_plan_free(&pl);
	if (!(body = cc_req_json(req, resp)))
		return CC_OK;
	cc_error_clear(&err);
	pthread_mutex_lock(req->store_lock);
	rc = cc_plan_draft(req->store, req->snap, P(req), body, req->who->email, &out, &err);
	if (!rc)
		rc = cc_plan_load(req->store, P(req), &pl, &err);
	pthread_mutex_unlock(req->store_lock);
	json_decref(body);
	if (rc) {
		json_decref(out);
		return cc_resp_from_error(resp, &err, 422);
	}
	if (cc__plan_monitor_req(req, resp, &pl, &m)) {
		json_decref(out);
		cc_plan_free(&pl);
		return CC_OK;
	}
	proposals = json_array();
	json_array_foreach(json_object_get(out, "created"), i, id)
		json_array_append_new(proposals, cc_plan_action_json(&pl, &m,
			cc_plan_action_index(&pl, json_integer_value(id))));
	json_object_del(out, "created");
	json_object_set_new(out, "proposals", proposals);
	cc_plan_monitor_free(&m);
	cc_plan_free(&pl);
	cc_resp_json(resp, 200, out);
	resp->etag = 0;
	return CC_OK;
}
