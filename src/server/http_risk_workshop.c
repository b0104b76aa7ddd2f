/*
 * http_risk_workshop.c - the workshop of a risk assessment over HTTP,
 * under /api/v1/risk-assessments/{a}/: participants (add, list, one,
 * remove), their ratings, and the facilitator's view of every rating
 * with its spread (docs/api.md "Risk workshops").
 *
 * Who may: the register's team everything (a rating entered in a
 * participant's hand is recorded as the team member's); a participant
 * only their own record and ratings, 403 for anything else, including
 * whether another participant exists. Individual ratings are never in a
 * public route.
 */
#include "http_risks.h"

#include "../service/risk_workshop.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define A(req) ((req)->params[0])

/* The participant of the second path parameter for the team, or for
 * themself when self is set: 1 with *rec filled (free it), else 0 with
 * resp filled. */
static int may_participant(struct cc_req *req, struct cc_resp *resp, bool self,
			   struct cc_risk_call *x, struct cc_list *rec)
{
	long long id = cc__path_id(req->params[1]);
	struct cc_error err;
	int rc;

	if (!cc__risk_open(req, resp, self ? CC_RISK_MEMBER : CC_RISK_TEAM, x))
		return 0;
	if (!x->team && (!id || id != x->participant)) {
		cc__risk_close(x);
		cc_resp_error(resp, 403, "forbidden", NULL, "a participant sees only their own ratings");
		return 0;
	}
	cc_error_clear(&err);
	pthread_mutex_lock(req->store_lock);
	rc = id ? cc_store_participant(req->store, A(req), id, 0, rec, &err) :
		cc_error_set(&err, CC_ENOTFOUND, "participant", 0, 0, "no such participant");
	pthread_mutex_unlock(req->store_lock);
	if (rc) {
		cc__risk_close(x);
		cc_resp_from_error(resp, &err, 400);
		return 0;
	}
	return 1;
}

int cc_h_participants_add(struct cc_req *req, struct cc_resp *resp)
{
	struct cc_risk_call x;
	struct cc_respondent_new r;
	struct cc_respondent_added out;
	struct cc_list rec;
	struct cc_error err;
	json_t *body, *o;
	int rc;

	if (!cc__risk_open(req, resp, CC_RISK_TEAM, &x))
		return CC_OK;
	cc__risk_close(&x);
	if (!(body = cc__respondent_body(req, resp, &r)))
		return CC_OK;
	cc_error_clear(&err);
	pthread_mutex_lock(req->store_lock);
	rc = cc_risk_participant_add(req->store, A(req), &r, req->who->email, &out, &err);
	if (!rc)
		rc = cc_store_participant(req->store, A(req), out.id, 0, &rec, &err);
	pthread_mutex_unlock(req->store_lock);
	json_decref(body);
	if (rc)
		return cc_resp_from_error(resp, &err, 422);
	o = cc_participant_json(rec.items);
	cc_list_free(&rec);
	json_object_set_new(o, "created", json_boolean(out.created));
	json_object_set_new(o, "restored", json_boolean(out.restored));
	json_object_set_new(o, "setup", out.token[0] ? json_pack("{s:s,s:s}", "token", out.token,
				"expires_at", out.expires_at) : json_null());
	memset(out.token, 0, sizeof(out.token));
	cc_resp_json(resp, 201, o);
	resp->etag = 0;
	return CC_OK;
}

int cc_h_participants(struct cc_req *req, struct cc_resp *resp)
{
	const char *all = cc_req_query(req, "removed");
	struct cc_risk_call x;
	struct cc_list l;
	struct cc_error err;
	json_t *list;
	int rc;

	if (all && strcmp(all, "0") && strcmp(all, "1"))
		return cc_resp_error(resp, 400, "bad_parameter", "removed", "removed is 0 or 1");
	if (!cc__risk_open(req, resp, CC_RISK_TEAM, &x))
		return CC_OK;
	cc__risk_close(&x);
	cc_error_clear(&err);
	pthread_mutex_lock(req->store_lock);
	rc = cc_store_participants(req->store, A(req), &l, &err);
	pthread_mutex_unlock(req->store_lock);
	if (rc)
		return cc_resp_from_error(resp, &err, 400);
	list = json_array();
	for (int i = 0; i < l.n; i++) {
		const struct cc_participant_rec *p = &((struct cc_participant_rec *)l.items)[i];
		if (!p->removed || (all && *all == '1'))
			json_array_append_new(list, cc_participant_json(p));
	}
	cc_list_free(&l);
	cc_resp_json(resp, 200, json_pack("{s:s,s:o}", "assessment", A(req), "participants", list));
	resp->etag = 0;
	return CC_OK;
}

int cc_h_participant(struct cc_req *req, struct cc_resp *resp)
{
	struct cc_risk_call x;
	struct cc_list rec;
	struct cc_error err;
	json_t *o;
	int rc;

	if (!may_participant(req, resp, true, &x, &rec))
		return CC_OK;
	cc_error_clear(&err);
	pthread_mutex_lock(req->store_lock);
	rc = cc_risk_participant_view(req->store, &x.reg, rec.items, &o, &err);
	pthread_mutex_unlock(req->store_lock);
	if (rc)
		cc_resp_from_error(resp, &err, 400);
	else
		cc_resp_json(resp, 200, o);
	resp->etag = 0;
	cc_list_free(&rec);
	cc__risk_close(&x);
	return CC_OK;
}

int cc_h_participant_delete(struct cc_req *req, struct cc_resp *resp)
{
	struct cc_risk_call x;
	struct cc_list rec;
	struct cc_error err;
	long long id;
	int rc;

	if (!may_participant(req, resp, false, &x, &rec))
		return CC_OK;
	id = ((struct cc_participant_rec *)rec.items)->id;
	cc_list_free(&rec);
	cc__risk_close(&x);
	cc_error_clear(&err);
	pthread_mutex_lock(req->store_lock);
	rc = cc_risk_participant_remove(req->store, A(req), id, req->who->email, &err);
	pthread_mutex_unlock(req->store_lock);
	if (rc)
		return cc_resp_from_error(resp, &err, 422);
	cc_resp_json(resp, 200, json_pack("{s:I,s:b}", "id", (json_int_t)id, "removed", 1));
	resp->etag = 0;
	return CC_OK;
}

int cc_h_participant_rate(struct cc_req *req, struct cc_resp *resp)
{
	const char *risk = req->params[2];
	struct cc_risk_call x;
	struct cc_list rec;
	struct cc_error err;
	json_t *body, *o, *mine;
	long long id;
	int rc;

	if (!may_participant(req, resp, true, &x, &rec))
		return CC_OK;
	id = ((struct cc_participant_rec *)rec.items)->id;
	cc_list_free(&rec);
	cc__risk_close(&x);
	if (!(body = cc_req_json(req, resp)))
		return CC_OK;
	cc_error_clear(&err);
	pthread_mutex_lock(req->store_lock);
	rc = cc_risk_participant_rate(req->store, A(req), id, risk, body, req->who->email, &err);
	pthread_mutex_unlock(req->store_lock);
	json_decref(body);
	if (rc)
		return cc_resp_from_error(resp, &err, 422);
	/* the participant's view of that risk, read back */
	if (!may_participant(req, resp, true, &x, &rec))
		return CC_OK;
	pthread_mutex_lock(req->store_lock);
	rc = cc_risk_participant_view(req->store, &x.reg, rec.items, &o, &err);
	pthread_mutex_unlock(req->store_lock);
	cc_list_free(&rec);
	cc__risk_close(&x);
	if (rc)
		return cc_resp_from_error(resp, &err, 400);
	mine = NULL;
	for (size_t i = 0; i < json_array_size(json_object_get(o, "risks")); i++) {
		json_t *r = json_array_get(json_object_get(o, "risks"), i);
		if (strcmp(json_string_value(json_object_get(r, "id")), risk) == 0)
			mine = json_pack("{s:I,s:s,s:O}", "participant", (json_int_t)id, "risk", risk,
					 "ratings", json_object_get(r, "ratings"));
	}
	json_decref(o);
	if (!mine)
		return cc_resp_error(resp, 500, "internal", NULL, "the rating was not read back");
	cc_resp_json(resp, 200, mine);
	resp->etag = 0;
	return CC_OK;
}

int cc_h_risk_workshop(struct cc_req *req, struct cc_resp *resp)
{
	struct cc_risk_call x;
	struct cc_error err;
	json_t *o;
	int rc;

	if (!cc__risk_open(req, resp, CC_RISK_TEAM, &x))
		return CC_OK;
	cc_error_clear(&err);
	pthread_mutex_lock(req->store_lock);
	rc = cc_risk_workshop_view(req->store, &x.reg, &o, &err);
	pthread_mutex_unlock(req->store_lock);
	if (rc)
		cc_resp_from_error(resp, &err, 400);
	else
		cc_resp_json(resp, 200, o);
	resp->etag = 0;
	cc__risk_close(&x);
	return CC_OK;
}
