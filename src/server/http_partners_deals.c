/*
 * http_partners_deals.c - pledges, their deliveries and statuses, the
 * donor report and its exports over HTTP (docs/api.md "Partnerships").
 * The report and the IATI-style XML are public; who may change a pledge
 * is the service's (service/partners_pledges.c).
 */
#include "http_partners.h"

#include "../core/date.h"
#include "../format/partners_out.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

int cc_h_pledges(struct cc_req *req, struct cc_resp *resp)
{
	struct cc_pcaller c;
	struct cc_error err;
	json_t *out = NULL, *totals = NULL;
	int rc;

	if (!cc__partners_open(req, resp, &c))
		return CC_OK;
	cc_error_clear(&err);
	CALL(cc_partners_pledges_json(req->store, &c, cc_req_query(req, "unit"),
				      cc_req_query(req, "partner"), &out, &totals, &err));
	return cc__partners_reply(req, resp, &c, rc, &err, 200,
				  rc ? NULL : json_pack("{s:o,s:o}", "pledges", out, "totals", totals));
}

int cc_h_pledge(struct cc_req *req, struct cc_resp *resp)
{
	struct cc_pcaller c;
	struct cc_error err;
	json_t *out = NULL;
	long long id;
	int rc;

	if (!cc__partners_id(req, resp, 0, "pledge", &id) || !cc__partners_open(req, resp, &c))
		return CC_OK;
	cc_error_clear(&err);
	CALL(cc_partners_pledge_json(req->store, &c, id, &out, &err));
	if (!rc) {
		json_t *m = NULL;
		CALL(cc_partners_pledge_measure(req->store, req->snap, id, &m, &err));
		json_object_set_new(out, "measurement", m ? m : json_null());
	}
	return cc__partners_reply(req, resp, &c, rc, &err, 200, out);
}

int cc_h_pledge_create(struct cc_req *req, struct cc_resp *resp)
{
	struct cc_pcaller c;
	struct cc_error err;
	json_t *body, *out = NULL;
	long long id = 0;
	int rc;

	if (!cc__partners_open_body(req, resp, &c, &body))
		return CC_OK;
	cc_error_clear(&err);
	CALL(cc_partners_create_pledge(req->store, req->snap, &c, body, &id, &err));
	json_decref(body);
	if (!rc)
		CALL(cc_partners_pledge_json(req->store, &c, id, &out, &err));
	return cc__partners_reply(req, resp, &c, rc, &err, 201, out);
}

int cc_h_pledge_patch(struct cc_req *req, struct cc_resp *resp)
{
	struct cc_pcaller c;
	struct cc_error err;
	json_t *body, *out = NULL;
	long long id;
	int rc;

	if (!cc__partners_id(req, resp, 0, "pledge", &id) || !cc__partners_open_body(req, resp, &c, &body))
		return CC_OK;
	cc_error_clear(&err);
	CALL(cc_partners_patch_pledge(req->store, &c, id, body, &out, &err));
	json_decref(body);
	return cc__partners_reply(req, resp, &c, rc, &err, 200, out);
}

int cc_h_pledge_delivery(struct cc_req *req, struct cc_resp *resp)
{
	struct cc_pcaller c;
	struct cc_error err;
	json_t *body, *out = NULL;
	long long id, did = 0;
	int rc;

	if (!cc__partners_id(req, resp, 0, "pledge", &id) || !cc__partners_open_body(req, resp, &c, &body))
		return CC_OK;
	cc_error_clear(&err);
	CALL(cc_partners_add_delivery(req->store, &c, id, body, &did, &err));
	json_decref(body);
	if (!rc)
		CALL(cc_partners_pledge_json(req->store, &c, id, &out, &err));
	if (!rc)
		json_object_set_new(out, "delivery_id", json_integer(did));
	return cc__partners_reply(req, resp, &c, rc, &err, 201, out);
}

/* ---- the report ---- */

/* ?year= (default: the year of today); the report, or NULL after resp. */
static json_t *report_of(struct cc_req *req, struct cc_resp *resp)
{
	const char *y = cc_req_query(req, "year");
	struct cc_pcaller c;
	struct cc_error err;
	json_t *out = NULL;
	int year, m, d, rc;
	char *end = NULL;

	if (!cc__partners_open(req, resp, &c))
		return NULL;
	cc_date_civil(c.today, &year, &m, &d);
	if (y && ((year = (int)strtol(y, &end, 10)) < 1900 || year > 2200 || *end)) {
		cc_pcaller_free(&c);
		cc_resp_error(resp, 400, "bad_parameter", "year", "year is a year, 1900 to 2200");
		return NULL;
	}
	cc_error_clear(&err);
	CALL(cc_partners_report(req->store, req->snap, &c, year, &out, &err));
	cc_pcaller_free(&c);
	if (rc)
		cc_resp_from_error(resp, &err, 400);
	return rc ? NULL : out;
}

int cc_h_partners_report(struct cc_req *req, struct cc_resp *resp)
{
	json_t *r = report_of(req, resp);

	if (!r)
		return CC_OK;
	resp->etag = 0;
	return cc_resp_json(resp, 200, r);
}

static int write_report(FILE *f, const void *ctx)
{
	return cc_partners_report_csv(f, ctx);
}

int cc_h_partners_report_csv(struct cc_req *req, struct cc_resp *resp)
{
	json_t *r = report_of(req, resp);
	char name[80];
	int rc;

	if (!r)
		return CC_OK;
	snprintf(name, sizeof(name), "partnerships-%lld.csv",
		 (long long)json_integer_value(json_object_get(r, "year")));
	rc = cc__send_csv(resp, write_report, r, name);
	json_decref(r);
	return rc;
}

static int fill(void *wb, void *ctx)
{
	return cc_partners_report_xlsx(wb, ctx);
}

int cc_h_partners_report_xlsx(struct cc_req *req, struct cc_resp *resp)
{
	json_t *r = report_of(req, resp);
	char name[80];
	int rc;

	if (!r)
		return CC_OK;
	snprintf(name, sizeof(name), "partnerships-%lld.xlsx",
		 (long long)json_integer_value(json_object_get(r, "year")));
	rc = cc__send_xlsx(resp, fill, r, name);
	json_decref(r);
	resp->etag = 0;
	return rc;
}

int cc_h_partners_iati(struct cc_req *req, struct cc_resp *resp)
{
	struct cc_error err;
	json_t *pledges = NULL;
	char *text = NULL, now[21];
	size_t len = 0;
	time_t t = time(NULL);
	struct tm tm;
	FILE *mem;
	int rc, bad;

	cc_error_clear(&err);
	CALL(cc_partners_iati_pledges(req->store, &pledges, &err));
	if (rc)
		return cc_resp_from_error(resp, &err, 400);
	gmtime_r(&t, &tm);
	strftime(now, sizeof(now), "%Y-%m-%dT%H:%M:%SZ", &tm);
	mem = open_memstream(&text, &len);
	bad = !mem || cc_partners_iati_xml(mem, pledges, now);
	if (mem)
		bad |= fclose(mem) != 0;
	json_decref(pledges);
	if (bad) {
		free(text);
		return cc_resp_error(resp, 500, "internal", NULL, "cannot write the XML");
	}
	cc_resp_body(resp, 200, "application/xml; charset=utf-8", text, len);
	snprintf(resp->disposition, sizeof(resp->disposition),
		 "attachment; filename=\"pledges.iati.xml\"");
	return CC_OK;
}
