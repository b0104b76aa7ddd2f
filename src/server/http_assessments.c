/*
 * http_assessments.c - one unit's questionnaire in a campaign: read it
 * (answers, evidence, reviews, progress, a live preview of the score),
 * save answers one by one, attach evidence, submit, return, validate,
 * review, and each question's history. Every route checks the caller's
 * role and scope first: 401 without a session, 403 outside it.
 */
#include "router.h"

#include "../format/responses_out.h"
#include "../service/auth.h"
#include "../service/workflow.h"

#include <math.h>
#include <microhttpd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int cc__may(struct cc_req *req, struct cc_resp *resp, enum cc_action action)
{
	if (!req->who->id) {
		cc_resp_error(resp, 401, "unauthenticated", NULL, "sign in first");
		return 0;
	}
	if (!cc_authz(req->who, action, req->params[0], req->params[1])) {
		cc_resp_error(resp, 403, "forbidden", NULL,
			      "your role does not allow this for %s in %s", req->params[1],
			      req->params[0]);
		return 0;
	}
	return 1;
}

static const char *actor(const struct cc_req *req)
{
	return req->who->email;
}

/* Runs a write under the store lock. Assessments (answers, reviews, their
 * status) are not in the snapshot, so the server is not told (req->wrote):
 * telling it made every request after a save reload the whole snapshot,
 * 90 % of a save's cost (bench/README.md, "Load"). */
#define WRITE(req, call) do { \
		pthread_mutex_lock((req)->store_lock); \
		rc = (call); \
		pthread_mutex_unlock((req)->store_lock); \
	} while (0)

static json_t *progress_json(const struct cc_framework *fw, const struct cc_answers *a,
			     const unsigned char *state, const double *values)
{
	const struct cc_node *root = &fw->nodes[0];
	json_t *pillars = json_array();
	int all_ans = 0, all_app = 0;

	for (int c = 0; c < root->nchildren; c++) {
		int p = root->children[c], answered = 0, applicable = 0;

		for (int l = 0; l < fw->nleaves; l++) {
			int n = fw->leaves[l], up = n;
			while (up >= 0 && up != p)
				up = fw->nodes[up].parent;
			if (up != p || fw->nodes[n].kind != CC_QUESTION || state[n] != CC_APPLIES)
				continue;
			applicable++;
			answered += cc_answer_present(cc_answers_cell(a, 0, l));
		}
		all_ans += answered;
		all_app += applicable;
		json_array_append_new(pillars, json_pack("{s:s,s:s,s:i,s:i,s:o,s:o}",
			"id", fw->nodes[p].id, "name", cc_node_label(&fw->nodes[p]),
			"answered", answered, "applicable", applicable,
			"points", cc_json_points(values[p] * fw->nodes[p].max, fw->precision),
			"max", cc_json_num(fw->nodes[p].max)));
	}
	return json_pack("{s:i,s:i,s:o,s:o,s:o}", "answered", all_ans, "applicable", all_app,
			 "pillars", pillars,
			 "points", cc_json_points(values[0] * fw->scale, fw->precision),
			 "max", json_real(fw->scale));
}

/* The answers by question; *pending gets the questions whose pre-filled
 * answers await confirmation. */
static json_t *answers_json(const struct cc_list *l, json_t **pending)
{
	json_t *o = json_object();

	*pending = json_array();
	for (int i = 0; i < l->n; i++) {
		const struct cc_answer_rec *a = &((struct cc_answer_rec *)l->items)[i];
		/* cc_store_unit_answers puts updated_at in the evidence field */
		json_object_set_new(o, a->question, json_pack("{s:s,s:s,s:s,s:o}", "answer", a->answer,
			"comment", a->comment ? a->comment : "", "updated_at", a->evidence ? a->evidence : "",
			"prefill", cc__prefill_json(&a->prefill)));
		if (a->prefill.source && *a->prefill.source)
			json_array_append_new(*pending, json_string(a->question));
	}
	return o;
}

static json_t *evidence_json(const struct cc_list *l)
{
	json_t *arr = json_array();

	for (int i = 0; i < l->n; i++) {
		const struct cc_evidence_rec *e = &((struct cc_evidence_rec *)l->items)[i];
		json_array_append_new(arr, json_pack("{s:I,s:s,s:s,s:s?,s:s?,s:s?,s:I,s:s,s:s}",
			"id", (json_int_t)e->id, "question", e->question, "kind", e->kind,
			"url", *e->url ? e->url : NULL, "filename", *e->filename ? e->filename : NULL,
			"mime", *e->mime ? e->mime : NULL, "size", (json_int_t)e->size,
			"author", e->author, "at", e->at));
	}
	return arr;
}

static json_t *reviews_json(const struct cc_list *l)
{
	json_t *o = json_object();

	for (int i = 0; i < l->n; i++) {
		const struct cc_review_rec *r = &((struct cc_review_rec *)l->items)[i];
		json_object_set_new(o, r->question, json_pack("{s:s,s:s,s:s,s:s}", "verdict",
			r->verdict, "comment", r->comment, "reviewer", r->reviewer, "at", r->at));
	}
	return o;
}

static json_t *assessment_json(struct cc_req *req, struct cc_error *err, int *rc)
{
	struct cc_list c, ans, ev, rev;
	struct cc_framework fw;
	struct cc_answers a;
	struct cc_range *ranges = NULL;
	double *values = NULL;
	unsigned char *state = NULL;
	char status[32], missing[16384];
	const struct cc_campaign_rec *cr;
	json_t *o = NULL, *pending;
	int nmissing;

	*rc = cc_workflow_load(req->store, req->params[0], req->params[1], &c, &fw, &a, err);
	if (*rc)
		return NULL;
	cr = c.items;
	*rc = cc_store_assessment_status(req->store, cr->id, req->params[1], status, sizeof(status), err);
	if (!*rc)
		*rc = cc_store_unit_answers(req->store, cr->id, req->params[1], &ans, err);
	if (!*rc && (*rc = cc_store_evidence(req->store, cr->id, req->params[1], &ev, err)))
		cc_list_free(&ans);
	if (!*rc && (*rc = cc_store_reviews(req->store, cr->id, req->params[1], &rev, err))) {
		cc_list_free(&ans);
		cc_list_free(&ev);
	}
	if (*rc)
		goto out;
	nmissing = cc_workflow_missing_evidence(req->store, cr->id, req->params[1], missing,
						sizeof(missing), err);
	ranges = malloc(((size_t)fw.nleaves + 1) * sizeof(*ranges));
	values = malloc((size_t)fw.nnodes * sizeof(double));
	state = malloc((size_t)fw.nnodes);
	if (ranges && values && state) {
		json_t *answers = answers_json(&ans, &pending);

		cc_score_ranges(&fw, &a, ranges);
		cc_score_unit(&fw, &a, ranges, NULL, 0, values, state);
		o = json_pack("{s:s,s:s,s:s,s:s,s:s,s:s,s:o,s:o,s:o,s:o,s:o,s:i,s:s}",
			      "campaign", cr->id, "campaign_status", cc_campaign_status_name(cr->status),
			      "unit", req->params[1], "framework", cr->framework,
			      "framework_version", cr->framework_version,
			      "status", status, "answers", answers,
			      "prefilled", pending,
			      "evidence", evidence_json(&ev), "reviews", reviews_json(&rev),
			      "progress", progress_json(&fw, &a, state, values),
			      "missing_evidence_count", nmissing > 0 ? nmissing : 0,
			      "missing_evidence", nmissing > 0 ? missing : "");
		{
			json_t *na = json_array();
			for (int i = 0; i < fw.nnodes; i++)
				if (state[i] != CC_APPLIES)
					json_array_append_new(na, json_string(fw.nodes[i].id));
			json_object_set_new(o, "not_applicable", na);
		}
	}
	cc_list_free(&ans);
	cc_list_free(&ev);
	cc_list_free(&rev);
out:
	free(ranges);
	free(values);
	free(state);
	cc_answers_free(&a);
	cc_framework_free(&fw);
	cc_list_free(&c);
	return o;
}

int cc_h_assessment(struct cc_req *req, struct cc_resp *resp)
{
	struct cc_error err;
	json_t *o;
	int rc;

	if (!cc__may(req, resp, CC_DO_READ_ASSESSMENT))
		return CC_OK;
	cc_error_clear(&err);
	pthread_mutex_lock(req->store_lock);
	o = assessment_json(req, &err, &rc);
	pthread_mutex_unlock(req->store_lock);
	if (rc)
		return cc_resp_from_error(resp, &err, 400);
	if (!o)
		return cc_resp_error(resp, 500, "internal", NULL, "out of memory");
	cc_resp_json(resp, 200, o);
	resp->etag = 0;
	return CC_OK;
}

static int transition(struct cc_req *req, struct cc_resp *resp, enum cc_action action,
		      int (*fn)(struct cc_store *, const char *, const char *, const char *,
				struct cc_error *), const char *to)
{
	struct cc_error err;
	int rc;

	if (!cc__may(req, resp, action))
		return CC_OK;
	cc_error_clear(&err);
	WRITE(req, fn(req->store, req->params[0], req->params[1], actor(req), &err));
	if (rc)
		return cc_resp_from_error(resp, &err, 422);
	cc_resp_json(resp, 200, json_pack("{s:s,s:s,s:s}", "campaign", req->params[0],
					  "unit", req->params[1], "status", to));
	resp->etag = 0;
	return CC_OK;
}

int cc_h_submit(struct cc_req *req, struct cc_resp *resp)
{
	return transition(req, resp, CC_DO_ANSWER, cc_workflow_submit, "submitted");
}

int cc_h_return(struct cc_req *req, struct cc_resp *resp)
{
	return transition(req, resp, CC_DO_REVIEW, cc_workflow_return, "returned");
}

int cc_h_validate(struct cc_req *req, struct cc_resp *resp)
{
	return transition(req, resp, CC_DO_VALIDATE, cc_workflow_validate, "validated");
}

int cc_h_review(struct cc_req *req, struct cc_resp *resp)
{
	json_t *body, *q, *v, *c;
	struct cc_error err;
	int rc;

	if (!cc__may(req, resp, CC_DO_REVIEW) || !(body = cc_req_json(req, resp)))
		return CC_OK;
	q = json_object_get(body, "question");
	v = json_object_get(body, "verdict");
	c = json_object_get(body, "comment");
	if (!json_is_string(q) || !json_is_string(v) || (c && !json_is_string(c))) {
		const char *field = !json_is_string(q) ? "question" :
			!json_is_string(v) ? "verdict" : "comment";
		json_decref(body);
		return cc_resp_error(resp, 422, "invalid", field,
				     "send {\"question\", \"verdict\": \"accepted\"|\"query\", \"comment\"}");
	}
	cc_error_clear(&err);
	WRITE(req, cc_workflow_review(req->store, req->params[0], req->params[1],
				      json_string_value(q), json_string_value(v),
				      c ? json_string_value(c) : "", actor(req), &err));
	if (rc) {
		json_decref(body);
		return cc_resp_from_error(resp, &err, 422);
	}
	cc_resp_json(resp, 201, json_pack("{s:O,s:O,s:s}", "question", q, "verdict", v,
					  "comment", c ? json_string_value(c) : ""));
	json_decref(body);
	return CC_OK;
}
