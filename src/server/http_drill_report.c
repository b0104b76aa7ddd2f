/*
 * http_drill_report.c - a drill's after-action report (docs/api.md,
 * "Drills"): JSON, CSV and an Excel workbook, all from the one JSON of
 * service/drill_report.c. For the director, controllers, evaluators and
 * observers; never for players. A report asked for before the end is
 * marked "final": false.
 */
#include "http_drill.h"

#include "live.h"

#include "../format/drill_report_out.h"
#include "../service/drill_play.h"

#include <stdio.h>
#include <stdlib.h>

/* The report of the drill of params[0], or NULL after filling resp. */
static json_t *report_of(struct cc_req *req, struct cc_resp *resp)
{
	struct cc_error err;
	unsigned roles;
	char team[129];
	json_t *r;

	if (!cc__drill_may(req, resp, CC_DRILL_REPORT, &roles, team))
		return NULL;
	cc_error_clear(&err);
	pthread_mutex_lock(req->store_lock);
	r = cc_drills_report(req->store, req->data_dir, req->params[0], cc_live_now(), &err);
	pthread_mutex_unlock(req->store_lock);
	if (!r)
		cc_resp_from_error(resp, &err, 400);
	return r;
}

int cc_h_drill_report(struct cc_req *req, struct cc_resp *resp)
{
	json_t *r = report_of(req, resp);

	if (!r)
		return CC_OK;
	return cc__drill_reply(resp, CC_OK, NULL, 200, r);
}

static int write_report(FILE *f, const void *ctx)
{
	return cc_drill_report_csv(f, ctx);
}

int cc_h_drill_report_csv(struct cc_req *req, struct cc_resp *resp)
{
	json_t *r = report_of(req, resp);
	char name[200];
	int rc;

	if (!r)
		return CC_OK;
	snprintf(name, sizeof(name), "%s-report.csv", req->params[0]);
	rc = cc__send_csv(resp, write_report, r, name);
	json_decref(r);
	return rc;
}

static int fill(void *wb, void *ctx)
{
	return cc_drill_report_xlsx(wb, ctx);
}

int cc_h_drill_report_xlsx(struct cc_req *req, struct cc_resp *resp)
{
	json_t *r = report_of(req, resp);
	char name[200];
	int rc;

	if (!r)
		return CC_OK;
	snprintf(name, sizeof(name), "%s-report.xlsx", req->params[0]);
	rc = cc__send_xlsx(resp, fill, r, name);
	json_decref(r);
	resp->etag = 0;
	return rc;
}
