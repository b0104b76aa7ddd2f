/*
 * http_admin.c - campaigns managed over the API: create a draft campaign
 * on a framework (its latest version, or the one named) for chosen units,
 * and move its status (publishing freezes the results). Analysts and
 * admins only.
 */
#include "router.h"

#include "../service/auth.h"
#include "../service/workflow.h"

#include <stdio.h>
#include <string.h>

int cc_h_create_campaign(struct cc_req *req, struct cc_resp *resp)
{
	json_t *body, *id, *fw, *ver, *title, *year, *units, *u;
	const char *list[1024];
	struct cc_error err;
	size_t i;
	int rc;

	if (!req->who->id)
		return cc_resp_error(resp, 401, "unauthenticated", NULL, "sign in first");
	if (!cc_authz(req->who, CC_DO_MANAGE_CAMPAIGN, NULL, NULL))
		return cc_resp_error(resp, 403, "forbidden", NULL, "only analysts and admins create campaigns");
	if (!(body = cc_req_json(req, resp)))
		return CC_OK;
	id = json_object_get(body, "id");
	fw = json_object_get(body, "framework");
	title = json_object_get(body, "title");
	year = json_object_get(body, "year");
	units = json_object_get(body, "units");
	ver = json_object_get(body, "framework_version");
	if (!json_is_string(id) || !json_is_string(fw) || !json_is_string(title) ||
	    !json_is_integer(year) || !json_is_array(units) || json_array_size(units) > 1024 ||
	    (ver && !json_is_string(ver) && !json_is_null(ver))) {
		const char *field = !json_is_string(id) ? "id" : !json_is_string(fw) ? "framework" :
			!json_is_string(title) ? "title" : !json_is_integer(year) ? "year" :
			!json_is_array(units) || json_array_size(units) > 1024 ? "units" :
			"framework_version";
		json_decref(body);
		return cc_resp_error(resp, 422, "invalid", field,
				     "send {\"id\", \"framework\", \"title\", \"year\", \"units\": [...]} "
				     "(and \"framework_version\", a version of the framework)");
	}
	json_array_foreach(units, i, u) {
		if (!json_is_string(u)) {
			json_decref(body);
			return cc_resp_error(resp, 422, "invalid", "units", "units are unit ids");
		}
		list[i] = json_string_value(u);
	}
	cc_error_clear(&err);
	pthread_mutex_lock(req->store_lock);
	rc = cc_workflow_create_campaign(req->store, json_string_value(id), json_string_value(fw),
					 json_is_string(ver) ? json_string_value(ver) : NULL,
					 json_string_value(title), (int)json_integer_value(year),
					 list, (int)json_array_size(units), req->who->email, &err);
	pthread_mutex_unlock(req->store_lock);
	if (rc) {
		json_decref(body);
		return cc_resp_from_error(resp, &err, 422);
	}
	req->wrote(req->server);
	cc_resp_json(resp, 201, json_pack("{s:O,s:O,s:O,s:O,s:s,s:i}", "id", id, "framework", fw,
					  "title", title, "year", year, "status", "draft",
					  "units", (int)json_array_size(units)));
	json_decref(body);
	resp->etag = 0;
	return CC_OK;
}

int cc_h_set_status(struct cc_req *req, struct cc_resp *resp)
{
	enum cc_campaign_status to;
	struct cc_error err;
	json_t *body, *st;
	int rc;

	if (!req->who->id)
		return cc_resp_error(resp, 401, "unauthenticated", NULL, "sign in first");
	if (!cc_authz(req->who, CC_DO_MANAGE_CAMPAIGN, req->params[0], NULL))
		return cc_resp_error(resp, 403, "forbidden", NULL,
				     "only analysts and admins move a campaign's status");
	if (!(body = cc_req_json(req, resp)))
		return CC_OK;
	st = json_object_get(body, "status");
	if (!json_is_string(st) || cc_campaign_status_parse(json_string_value(st), &to) ||
	    to == CC_CAMPAIGN_DRAFT) {
		json_decref(body);
		return cc_resp_error(resp, 422, "invalid", "status",
				     "status is open, review, closed or published");
	}
	json_decref(body);
	cc_error_clear(&err);
	pthread_mutex_lock(req->store_lock);
	rc = cc_workflow_set_status(req->store, req->params[0], to, req->who->email, &err);
	pthread_mutex_unlock(req->store_lock);
	if (rc)
		return cc_resp_from_error(resp, &err, 422);
	req->wrote(req->server);
	cc_resp_json(resp, 200, json_pack("{s:s,s:s}", "id", req->params[0], "status",
					  cc_campaign_status_name(to)));
	resp->etag = 0;
	return CC_OK;
}
