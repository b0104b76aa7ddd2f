/*
 * http_scenario_msel.c - a scenario's MSEL spreadsheet over HTTP
 * (docs/api.md, "Scenarios"; docs/drills.md, "MSEL spreadsheets"): the
 * injects of a version as CSV or a workbook, for whoever sees the whole
 * scenario (admins, analysts, the staff of a drill on it: the table holds
 * controller notes and expected actions); and an upload (CSV or a
 * workbook as the body) that becomes the scenario's new version, for
 * admins and analysts. A bad table is 422 with every bad cell.
 */
#include "http_drill.h"

#include "../service/scenario_msel.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int export(struct cc_req *req, struct cc_resp *resp, bool xlsx)
{
	const char *id = req->params[0];
	struct cc_list drills;
	struct cc_error err;
	char *body = NULL;
	size_t len = 0;
	int rc, level;

	if (!req->who->id)
		return cc_resp_error(resp, 401, "unauthenticated", NULL, "sign in first");
	cc_error_clear(&err);
	pthread_mutex_lock(req->store_lock);
	level = cc__scenario_access(req, id, &drills);
	cc_list_free(&drills);
	rc = level == 2 ? cc_scenarios_msel_export(req->store, req->data_dir, id,
						   cc_req_query(req, "hash"), xlsx, &body, &len,
						   &err) : CC_OK;
	pthread_mutex_unlock(req->store_lock);
	if (rc)
		return cc_resp_from_error(resp, &err, 400);
	if (level < 2)
		return cc_resp_error(resp, 403, "forbidden", NULL, "the MSEL holds controller notes "
				     "and expected actions: it is for the staff of a drill on "
				     "scenario %s", id);
	cc_resp_body(resp, 200, xlsx ?
		     "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" :
		     "text/csv; charset=utf-8", body, len);
	snprintf(resp->disposition, sizeof(resp->disposition),
		 "attachment; filename=\"%.100s-msel.%s\"", id, xlsx ? "xlsx" : "csv");
	return CC_OK;
}

int cc_h_scenario_msel_csv(struct cc_req *req, struct cc_resp *resp)
{
	return export(req, resp, false);
}

int cc_h_scenario_msel_xlsx(struct cc_req *req, struct cc_resp *resp)
{
	return export(req, resp, true);
}

/* 422 (413 for a limit) with every bad cell, or the reader's error. */
static int bad_table(struct cc_resp *resp, int rc, const struct cc_error *err,
		     const struct cc_xlsx_errors *errs)
{
	json_t *e = json_pack("{s:{s:s,s:s,s:s},s:o,s:i}", "error", "code", rc == CC_ELIMIT ?
			      "too_large" : "invalid", "message", err->msg, "field", "msel",
			      "errors", cc__xlsx_errors_json(errs), "more_errors", errs->dropped);

	if (e && !errs->n && err->line > 0) {
		json_object_set_new(json_object_get(e, "error"), "line", json_integer(err->line));
		json_object_set_new(json_object_get(e, "error"), "column", json_integer(err->col));
	}
	cc_resp_json(resp, rc == CC_ELIMIT ? 413 : 422, e);
	resp->etag = 0;
	return CC_OK;
}

int cc_h_scenario_msel_post(struct cc_req *req, struct cc_resp *resp)
{
	struct cc_scenario_added out;
	struct cc_xlsx_errors errs;
	struct cc_error err;
	int rc;

	if (!req->who->id)
		return cc_resp_error(resp, 401, "unauthenticated", NULL, "sign in first");
	if (!cc__scenario_staff(req->who))
		return cc_resp_error(resp, 403, "forbidden", NULL, "admins and analysts change "
				     "scenarios");
	if (!req->body || req->body_len == 0)
		return cc_resp_error(resp, 400, "bad_request", "msel", "send the MSEL (CSV, or a "
				     "workbook with a sheet \"MSEL\") as the body");
	cc_error_clear(&err);
	pthread_mutex_lock(req->store_lock);
	rc = cc_scenarios_msel_import(req->store, req->data_dir, req->params[0], req->body,
				      req->body_len, req->who->email, &out, &errs, &err);
	pthread_mutex_unlock(req->store_lock);
	if (rc == CC_EINPUT || (rc == CC_ELIMIT && errs.n))
		bad_table(resp, rc, &err, &errs);
	else
		cc__drill_reply(resp, rc, &err, out.created ? 201 : 200, rc ? NULL :
				json_pack("{s:s,s:s,s:b,s:i}", "id", out.id, "hash", out.hash,
					  "created", out.created, "files", out.files));
	cc_xlsx_errors_free(&errs);
	return CC_OK;
}
