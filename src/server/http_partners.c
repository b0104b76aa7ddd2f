/*
 * http_partners.c - partnerships over HTTP (docs/api.md "Partnerships"):
 * the caller's partnership roles, themes, organisations and their
 * members, requests (and drafting one from a plan action), offers,
 * proposing matches and the country's decision. Pledges, deliveries, the
 * report and the exports are http_partners_deals.c. Who may is decided
 * by the service (service/partners.h); a refusal is 401 for an anonymous
 * caller, else 403.
 */
#include "http_partners.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int cc__partners_open(struct cc_req *req, struct cc_resp *resp, struct cc_pcaller *c)
{
	struct cc_error err;
	int today, rc;

	if (cc__plan_today(req, resp, &today))
		return 0;
	cc_error_clear(&err);
	pthread_mutex_lock(req->store_lock);
	rc = cc_pcaller_load(req->store, req->who, today, c, &err);
	pthread_mutex_unlock(req->store_lock);
	if (rc) {
		cc_resp_from_error(resp, &err, 400);
		return 0;
	}
	return 1;
}

int cc__partners_open_body(struct cc_req *req, struct cc_resp *resp, struct cc_pcaller *c,
			   json_t **body)
{
	if (!cc__partners_open(req, resp, c))
		return 0;
	if (!(*body = cc_req_json(req, resp))) {
		cc_pcaller_free(c);
		return 0;
	}
	return 1;
}

int cc__partners_fail(struct cc_req *req, struct cc_resp *resp, const struct cc_error *err)
{
	if (err->code == CC_EFORBIDDEN)
		return req->who->id ? cc_resp_error(resp, 403, "forbidden", NULL, "%s", err->msg) :
		       cc_resp_error(resp, 401, "unauthenticated", NULL, "sign in first: %s",
				     err->msg);
	return cc_resp_from_error(resp, err, 422);
}

int cc__partners_id(struct cc_req *req, struct cc_resp *resp, int i, const char *what,
		    long long *id)
{
	char *end;

	*id = strtoll(req->params[i], &end, 10);
	if (*end || *id < 1) {
		cc_resp_error(resp, 404, "not_found", what, "no %s %s", what, req->params[i]);
		return 0;
	}
	return 1;
}

/* Ends a call: the answer (status, out) or the error. */
int cc__partners_reply(struct cc_req *req, struct cc_resp *resp, struct cc_pcaller *c, int rc,
		       const struct cc_error *err, int status, json_t *out)
{
	cc_pcaller_free(c);
	if (rc)
		return cc__partners_fail(req, resp, err);
	resp->etag = 0;
	return cc_resp_json(resp, status, out);
}

/* Runs fn(store, caller, ...) under the store lock: the common shape. */
int cc_h_partners_me(struct cc_req *req, struct cc_resp *resp)
{
	struct cc_pcaller c;
	json_t *orgs, *units;

	if (!cc__partners_open(req, resp, &c))
		return CC_OK;
	orgs = json_array();
	units = json_array();
	for (int i = 0; i < c.norgs; i++)
		json_array_append_new(orgs, json_string(c.orgs[i]));
	for (int i = 0; c.p && c.p->id && i < c.p->ngrants; i++)
		if (cc_pcaller_focal_of(&c, c.p->grants[i].unit))
			json_array_append_new(units, json_string(c.p->grants[i].unit));
	return cc__partners_reply(req, resp, &c, CC_OK, NULL, 200,
				  json_pack("{s:b,s:o,s:o}", "secretariat", c.secretariat,
					    "organisations", orgs, "focal_units", units));
}

int cc_h_partner_themes(struct cc_req *req, struct cc_resp *resp)
{
	struct cc_error err;
	json_t *out = NULL;
	int rc;

	cc_error_clear(&err);
	json_t *o;
	bool ok = true;

	CALL(cc_partners_themes_json(req->store, &out, &err));
	if (rc)
		return cc_resp_from_error(resp, &err, 400);
	o = json_pack("{s:o}", "themes", out);
	if (o)
		cc__texts_themes(req, resp, o, &ok);
	if (!ok) {
		json_decref(o);
		return CC_OK;
	}
	return cc_resp_json(resp, 200, o);
}

/* ---- organisations ---- */

int cc_h_organisations(struct cc_req *req, struct cc_resp *resp)
{
	struct cc_error err;
	json_t *out = NULL;
	int rc;

	cc_error_clear(&err);
	CALL(cc_partners_orgs_json(req->store, &out, &err));
	if (rc)
		return cc_resp_from_error(resp, &err, 400);
	resp->etag = 0;
	return cc_resp_json(resp, 200, json_pack("{s:o}", "organisations", out));
}

int cc_h_organisation_create(struct cc_req *req, struct cc_resp *resp)
{
	struct cc_pcaller c;
	struct cc_error err;
	json_t *body, *out = NULL;
	int rc;

	if (!cc__partners_open_body(req, resp, &c, &body))
		return CC_OK;
	cc_error_clear(&err);
	CALL(cc_partners_create_org(req->store, &c, body, &err));
	if (!rc)
		out = json_pack("{s:O,s:O,s:O,s:b}", "id", json_object_get(body, "id"), "name",
				json_object_get(body, "name"), "kind", json_object_get(body, "kind"),
				"fictional", json_is_true(json_object_get(body, "fictional")));
	json_decref(body);
	return cc__partners_reply(req, resp, &c, rc, &err, 201, out);
}

int cc_h_partnership_member(struct cc_req *req, struct cc_resp *resp)
{
	struct cc_pcaller c;
	struct cc_error err;
	const char *email, *role, *org;
	json_t *body, *out = NULL;
	int rc;

	if (!cc__partners_open_body(req, resp, &c, &body))
		return CC_OK;
	cc_error_clear(&err);
	rc = c.secretariat ? CC_OK : cc__pforbid(&err, "only the secretariat grants "
						 "partnership roles");
	if (!rc)
		rc = cc__ptext(body, "email", false, 254, &email, &err);
	if (!rc)
		rc = cc__ptext(body, "role", false, 32, &role, &err);
	if (!rc)
		rc = cc__ptext(body, "organisation", true, 64, &org, &err);
	if (!rc)
		CALL(cc_partners_add_member(req->store, &c, cc__pactor(&c), email, role, org, &err));
	if (!rc)
		out = json_pack("{s:s,s:s,s:s?}", "email", email, "role", role, "organisation", org);
	json_decref(body);
	return cc__partners_reply(req, resp, &c, rc, &err, 201, out);
}

/* ---- requests ---- */

int cc_h_requests(struct cc_req *req, struct cc_resp *resp)
{
	struct cc_pcaller c;
	struct cc_error err;
	json_t *out = NULL;
	int rc;

	if (!cc__partners_open(req, resp, &c))
		return CC_OK;
	cc_error_clear(&err);
	CALL(cc_partners_requests_json(req->store, &c, cc_req_query(req, "unit"), &out, &err));
	return cc__partners_reply(req, resp, &c, rc, &err, 200,
				  rc ? NULL : json_pack("{s:o}", "requests", out));
}

int cc_h_request_create(struct cc_req *req, struct cc_resp *resp)
{
	struct cc_pcaller c;
	struct cc_error err;
	json_t *body, *out = NULL;
	long long id = 0;
	int rc;

	if (!cc__partners_open_body(req, resp, &c, &body))
		return CC_OK;
	cc_error_clear(&err);
	CALL(cc_partners_create_request(req->store, req->snap, &c, body, &id, &err));
	json_decref(body);
	if (!rc)
		CALL(cc_partners_request_json(req->store, &c, id, &out, &err));
	return cc__partners_reply(req, resp, &c, rc, &err, 201, out);
}

int cc_h_request(struct cc_req *req, struct cc_resp *resp)
{
	struct cc_pcaller c;
	struct cc_error err;
	json_t *out = NULL;
	long long id;
	int rc;

	if (!cc__partners_id(req, resp, 0, "request", &id) || !cc__partners_open(req, resp, &c))
		return CC_OK;
	cc_error_clear(&err);
	CALL(cc_partners_request_json(req->store, &c, id, &out, &err));
	return cc__partners_reply(req, resp, &c, rc, &err, 200, out);
}

int cc_h_request_draft(struct cc_req *req, struct cc_resp *resp)
{
	struct cc_pcaller c;
	struct cc_error err;
	json_t *body, *a, *out = NULL;
	int rc;

	if (!cc__partners_open_body(req, resp, &c, &body))
		return CC_OK;
	cc_error_clear(&err);
	a = json_object_get(body, "action");
	if (!json_is_integer(a) || json_integer_value(a) < 1)
		rc = cc_error_set(&err, CC_EINPUT, "action", 0, 0,
				  "action is the id of a plan action (a number)");
	else
		CALL(cc_partners_draft_request(req->store, &c, json_integer_value(a), &out, &err));
	json_decref(body);
	return cc__partners_reply(req, resp, &c, rc, &err, 200, out);
}

/* ---- offers ---- */

int cc_h_offers(struct cc_req *req, struct cc_resp *resp)
{
	struct cc_error err;
	json_t *out = NULL;
	int rc;

	cc_error_clear(&err);
	CALL(cc_partners_offers_json(req->store, cc_req_query(req, "partner"), &out, &err));
	if (rc)
		return cc_resp_from_error(resp, &err, 400);
	resp->etag = 0;
	return cc_resp_json(resp, 200, json_pack("{s:o}", "offers", out));
}

int cc_h_offer_create(struct cc_req *req, struct cc_resp *resp)
{
	struct cc_pcaller c;
	struct cc_error err;
	struct cc_list l;
	json_t *body, *out = NULL;
	long long id = 0;
	int rc;

	if (!cc__partners_open_body(req, resp, &c, &body))
		return CC_OK;
	cc_error_clear(&err);
	CALL(cc_partners_create_offer(req->store, req->snap, &c, body, &id, &err));
	json_decref(body);
	if (!rc)
		CALL(cc_store_offer(req->store, id, &l, &err));
	if (!rc) {
		out = cc__poffer_json(l.items);
		cc_list_free(&l);
	}
	return cc__partners_reply(req, resp, &c, rc, &err, 201, out);
}

/* ---- matches ---- */

int cc_h_request_matches(struct cc_req *req, struct cc_resp *resp)
{
	struct cc_pcaller c;
	struct cc_error err;
	json_t *body, *out = NULL;
	long long id;
	int rc;

	if (!cc__partners_id(req, resp, 0, "request", &id) || !cc__partners_open_body(req, resp, &c, &body))
		return CC_OK;
	json_decref(body);
	cc_error_clear(&err);
	CALL(cc_partners_propose(req->store, req->snap, &c, id, &out, &err));
	return cc__partners_reply(req, resp, &c, rc, &err, 200, out);
}

int cc_h_matches(struct cc_req *req, struct cc_resp *resp)
{
	const char *r = cc_req_query(req, "request");
	struct cc_pcaller c;
	struct cc_error err;
	json_t *out = NULL;
	long long id = r ? strtoll(r, NULL, 10) : 0;
	int rc;

	if (r && id < 1)
		return cc_resp_error(resp, 400, "bad_parameter", "request",
				     "request is the id of a request");
	if (!cc__partners_open(req, resp, &c))
		return CC_OK;
	cc_error_clear(&err);
	CALL(cc_partners_matches_json(req->store, &c, id, cc_req_query(req, "unit"),
				      cc_req_query(req, "partner"), &out, &err));
	return cc__partners_reply(req, resp, &c, rc, &err, 200,
				  rc ? NULL : json_pack("{s:o}", "matches", out));
}

int cc_h_match_patch(struct cc_req *req, struct cc_resp *resp)
{
	struct cc_pcaller c;
	struct cc_error err;
	json_t *body, *out = NULL;
	long long id;
	int rc;

	if (!cc__partners_id(req, resp, 0, "match", &id) || !cc__partners_open_body(req, resp, &c, &body))
		return CC_OK;
	cc_error_clear(&err);
	CALL(cc_partners_decide(req->store, &c, id, body, &out, &err));
	json_decref(body);
	return cc__partners_reply(req, resp, &c, rc, &err, 200, out);
}
