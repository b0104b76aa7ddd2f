/*
 * http_robustness.c - robustness analyses of a published campaign from the
 * web: POST starts a job (jobs.h) and answers 202 at once; GET /jobs/{id}
 * gives its progress and, when done, the result. Sizes are capped so that
 * a visitor's request stays within seconds.
 */
#include "router.h"

#include "jobs.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_RUNS 20000
#define MAX_SOBOL 2048
#define MAX_FACTORS 8

static int bad(struct cc_resp *resp, const char *field, const char *msg)
{
	return cc_resp_error(resp, 400, "bad_parameter", field, "%s", msg);
}

int cc_h_robustness(struct cc_req *req, struct cc_resp *resp)
{
	const struct cc_pub *p = cc__pub(req, resp);
	struct cc_job spec;
	json_error_t jerr;
	json_t *body, *vary, *v;
	char id[33], why[300];
	size_t i;
	int rc;

	if (!p)
		return CC_OK;
	if (!req->body || req->body_len > 65536)
		return bad(resp, NULL, "send a JSON body {\"vary\": [...], \"runs\": N}");
	body = json_loadb(req->body, req->body_len, JSON_REJECT_DUPLICATES, &jerr);
	if (!json_is_object(body)) {
		json_decref(body);
		return cc_resp_error(resp, 400, "bad_json", NULL, "the body is not a JSON object: %s",
				     jerr.text);
	}
	memset(&spec, 0, sizeof(spec));
	snprintf(spec.campaign, sizeof(spec.campaign), "%s", p->c->id);
	spec.runs = 1000;
	spec.seed = 1;
	vary = json_object_get(body, "vary");
	if (!json_is_array(vary) || json_array_size(vary) < 1 ||
	    json_array_size(vary) > MAX_FACTORS) {
		json_decref(body);
		return bad(resp, "vary", "vary is a list of 1 to 8 factors such as \"weights:20\"");
	}
	json_array_foreach(vary, i, v) {
		if (!json_is_string(v) ||
		    cc_factor_parse(&p->fw, json_string_value(v), &spec.factors[i], why, sizeof(why))) {
			rc = cc_resp_error(resp, 400, "bad_parameter", "vary", "factor %zu: %s", i + 1,
					   json_is_string(v) ? why : "not a string");
			json_decref(body);
			return rc;
		}
	}
	spec.nfactors = (int)json_array_size(vary);
	if ((v = json_object_get(body, "runs"))) {
		if (!json_is_integer(v) || json_integer_value(v) < 10 ||
		    json_integer_value(v) > MAX_RUNS) {
			json_decref(body);
			return bad(resp, "runs", "runs is a whole number from 10 to 20000");
		}
		spec.runs = (int)json_integer_value(v);
	}
	if ((v = json_object_get(body, "sobol"))) {
		if (!json_is_integer(v) || (json_integer_value(v) != 0 &&
		    (json_integer_value(v) < 16 || json_integer_value(v) > MAX_SOBOL))) {
			json_decref(body);
			return bad(resp, "sobol", "sobol is 0 or a base sample size from 16 to 2048");
		}
		spec.sobol = (int)json_integer_value(v);
	}
	if ((v = json_object_get(body, "seed"))) {
		if (!json_is_integer(v) || json_integer_value(v) < 0 ||
		    json_integer_value(v) > 2147483647) {
			json_decref(body);
			return bad(resp, "seed", "seed is a whole number >= 0");
		}
		spec.seed = (unsigned long)json_integer_value(v);
	}
	json_decref(body);
	rc = cc_jobs_start(req->jobs, &spec, id);
	if (rc == CC_ELIMIT)
		return cc_resp_error(resp, 429, "busy", NULL,
				     "%d analyses are running; try again in a few seconds",
				     CC_JOBS_RUNNING);
	if (rc)
		return cc_resp_error(resp, 500, "internal", NULL, "cannot start the analysis");
	{
		char href[64];
		snprintf(href, sizeof(href), "/api/v1/jobs/%s", id);
		return cc_resp_json(resp, 202, json_pack("{s:s,s:s,s:s}", "id", id,
							 "status", "running", "href", href));
	}
}

int cc_h_job(struct cc_req *req, struct cc_resp *resp)
{
	char *text = cc_jobs_json(req->jobs, req->params[0]);

	if (!text)
		return cc_resp_error(resp, 404, "not_found", NULL, "no job \"%s\"", req->params[0]);
	cc_resp_body(resp, 200, "application/json; charset=utf-8", text, strlen(text));
	resp->cache = "no-store";
	return CC_OK;
}
