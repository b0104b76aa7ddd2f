/*
 * http_respondents.c - the workshop of an assessment over HTTP, under
 * /api/v1/campaigns/{c}/assessments/{unit}/: respondents (add, list, one,
 * remove), their answers, and the facilitator's view of every response
 * with its spread (JSON, and the annex workbook).
 *
 * Who may: facilitators (cc_authz CC_DO_FACILITATE: admin, analyst, the
 * unit's focal point) everything; whoever may read the assessment the
 * list and the responses; a respondent only their own record and answers
 * (cc_auth_is_respondent and the record's user), 403 for anything else,
 * including whether another respondent exists. Individual answers are
 * never in a public route.
 */
#include "router.h"

#include "../format/fileio.h"
#include "../service/auth.h"
#include "../service/respondents.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define ANNEX_MAX_BYTES (200u << 20)

static const char *C(const struct cc_req *req) { return req->params[0]; }
static const char *U(const struct cc_req *req) { return req->params[1]; }

static bool facilitates(const struct cc_req *req)
{
	return cc_authz(req->who, CC_DO_FACILITATE, C(req), U(req));
}

static json_t *respondent_json(const struct cc_respondent_rec *r)
{
	return json_pack("{s:I,s:s,s:s,s:s,s:s,s:i,s:b,s:I,s:s}", "id", (json_int_t)r->id,
			 "email", r->email, "name", r->name, "organisation", r->organisation,
			 "group", r->group, "answered", r->answered, "removed", r->removed,
			 "user_id", (json_int_t)r->user_id, "added_at", r->at);
}

static json_t *answer_json(const struct cc_respondent_answer_rec *a)
{
	return json_pack("{s:s,s:s,s:s,s:s}", "answer", a->answer, "comment", a->comment,
			 "at", a->at, "by", a->author);
}

/*
 * The respondent named by the third path parameter, for a caller who may
 * act on it: a facilitator (*fac set), or, when self is set, the
 * respondent themself. Returns 1 with *rec filled (free it), else 0 after
 * filling resp: 401, 403 (also for an id a respondent may not know about),
 * 404 (for facilitators), 500.
 */
static int may_respondent(struct cc_req *req, struct cc_resp *resp, bool self,
			  bool *fac, struct cc_list *rec)
{
	long long id = cc__path_id(req->params[2]);
	const struct cc_respondent_rec *r;
	struct cc_error err;
	int rc;

	if (!req->who->id) {
		cc_resp_error(resp, 401, "unauthenticated", NULL, "sign in first");
		return 0;
	}
	*fac = facilitates(req);
	if (!*fac && !(self && cc_auth_is_respondent(req->who, C(req), U(req)))) {
		cc_resp_error(resp, 403, "forbidden", NULL,
			      "your role does not allow this for %s in %s", U(req), C(req));
		return 0;
	}
	cc_error_clear(&err);
	pthread_mutex_lock(req->store_lock);
	rc = id ? cc_store_respondent(req->store, C(req), U(req), id, 0, rec, &err) :
		cc_error_set(&err, CC_ENOTFOUND, "respondent", 0, 0, "no such respondent");
	pthread_mutex_unlock(req->store_lock);
	if (rc && rc != CC_ENOTFOUND) {
		cc_resp_from_error(resp, &err, 400);
		return 0;
	}
	r = rc ? NULL : rec->items;
	if (!*fac && (!r || r->user_id != req->who->id || r->removed)) {
		if (r)
			cc_list_free(rec);
		cc_resp_error(resp, 403, "forbidden", NULL, "a respondent sees only their own answers");
		return 0;
	}
	if (!r) {
		cc_resp_from_error(resp, &err, 400);
		return 0;
	}
	return 1;
}

/* 1 when the caller may read the assessment's workshop, else 0 after
 * filling resp (respondents get 403). */
static int may_read(struct cc_req *req, struct cc_resp *resp)
{
	if (req->who->id && facilitates(req))
		return 1;
	return cc__may(req, resp, CC_DO_READ_ASSESSMENT);
}

json_t *cc__respondent_body(struct cc_req *req, struct cc_resp *resp,
			    struct cc_respondent_new *r)
{
	json_t *body = cc_req_json(req, resp);

	if (body && (!cc_json_text(body, "email", false, 1000, &r->email, resp) ||
		     !cc_json_text(body, "name", false, 1000, &r->name, resp) ||
		     !cc_json_text(body, "organisation", true, 1000, &r->organisation, resp) ||
		     !cc_json_text(body, "group", false, 1000, &r->group, resp))) {
		json_decref(body);
		return NULL;
	}
	return body;
}

int cc_h_respondents_add(struct cc_req *req, struct cc_resp *resp)
{
	struct cc_respondent_new r;
	struct cc_respondent_added out;
	struct cc_list rec;
	struct cc_error err;
	json_t *body, *o, *setup;
	int rc;

	if (!req->who->id)
		return cc_resp_error(resp, 401, "unauthenticated", NULL, "sign in first");
	if (!facilitates(req))
		return cc_resp_error(resp, 403, "forbidden", NULL,
				     "only the assessment's facilitators add respondents");
	if (!(body = cc__respondent_body(req, resp, &r)))
		return CC_OK;
	cc_error_clear(&err);
	pthread_mutex_lock(req->store_lock);
	rc = cc_respondents_add(req->store, C(req), U(req), &r, req->who->email, &out, &err);
	if (!rc)
		rc = cc_store_respondent(req->store, C(req), U(req), out.id, 0, &rec, &err);
	pthread_mutex_unlock(req->store_lock);
	json_decref(body);
	if (rc)
		return cc_resp_from_error(resp, &err, 422);
	o = respondent_json(rec.items);
	cc_list_free(&rec);
	setup = out.token[0] ? json_pack("{s:s,s:s}", "token", out.token, "expires_at",
					 out.expires_at) : json_null();
	json_object_set_new(o, "created", json_boolean(out.created));
	json_object_set_new(o, "restored", json_boolean(out.restored));
	json_object_set_new(o, "setup", setup);
	memset(out.token, 0, sizeof(out.token));
	cc_resp_json(resp, 201, o);
	resp->etag = 0;
	return CC_OK;
}

int cc_h_respondents_list(struct cc_req *req, struct cc_resp *resp)
{
	const char *all = cc_req_query(req, "removed");
	struct cc_list l;
	struct cc_error err;
	char status[32];
	json_t *arr;
	int rc;

	if (!may_read(req, resp))
		return CC_OK;
	if (all && strcmp(all, "0") && strcmp(all, "1"))
		return cc_resp_error(resp, 400, "bad_parameter", "removed", "removed is 0 or 1");
	cc_error_clear(&err);
	pthread_mutex_lock(req->store_lock);
	rc = cc_store_assessment_status(req->store, C(req), U(req), status, sizeof(status), &err);
	if (!rc)
		rc = cc_store_respondents(req->store, C(req), U(req), &l, &err);
	pthread_mutex_unlock(req->store_lock);
	if (rc)
		return cc_resp_from_error(resp, &err, 400);
	arr = json_array();
	for (int i = 0; i < l.n; i++) {
		const struct cc_respondent_rec *r = &((struct cc_respondent_rec *)l.items)[i];
		if (!r->removed || (all && *all == '1'))
			json_array_append_new(arr, respondent_json(r));
	}
	cc_list_free(&l);
	cc_resp_json(resp, 200, json_pack("{s:s,s:s,s:o}", "campaign", C(req), "unit", U(req),
					  "respondents", arr));
	resp->etag = 0;
	return CC_OK;
}

int cc_h_respondent_get(struct cc_req *req, struct cc_resp *resp)
{
	const struct cc_respondent_rec *r;
	struct cc_list rec, ans;
	struct cc_error err;
	json_t *o, *answers;
	bool fac;
	int rc;

	if (!may_respondent(req, resp, true, &fac, &rec))
		return CC_OK;
	r = rec.items;
	cc_error_clear(&err);
	pthread_mutex_lock(req->store_lock);
	rc = cc_store_respondent_answers(req->store, C(req), U(req), r->id, &ans, &err);
	pthread_mutex_unlock(req->store_lock);
	if (rc) {
		cc_list_free(&rec);
		return cc_resp_from_error(resp, &err, 400);
	}
	o = respondent_json(r);
	answers = json_object();
	for (int i = 0; i < ans.n; i++) {
		const struct cc_respondent_answer_rec *a = &((struct cc_respondent_answer_rec *)ans.items)[i];
		json_object_set_new(answers, a->question, answer_json(a));
	}
	json_object_set_new(o, "campaign", json_string(C(req)));
	json_object_set_new(o, "unit", json_string(U(req)));
	json_object_set_new(o, "answers", answers);
	cc_list_free(&ans);
	cc_list_free(&rec);
	cc_resp_json(resp, 200, o);
	resp->etag = 0;
	return CC_OK;
}

int cc_h_respondent_delete(struct cc_req *req, struct cc_resp *resp)
{
	struct cc_list rec;
	struct cc_error err;
	long long id;
	bool fac;
	int rc;

	if (!may_respondent(req, resp, false, &fac, &rec))
		return CC_OK;
	id = ((struct cc_respondent_rec *)rec.items)->id;
	cc_list_free(&rec);
	cc_error_clear(&err);
	pthread_mutex_lock(req->store_lock);
	rc = cc_respondents_remove(req->store, C(req), U(req), id, req->who->email, &err);
	pthread_mutex_unlock(req->store_lock);
	if (rc)
		return cc_resp_from_error(resp, &err, 422);
	cc_resp_json(resp, 200, json_pack("{s:I,s:b}", "id", (json_int_t)id, "removed", 1));
	resp->etag = 0;
	return CC_OK;
}

int cc_h_respondent_answer(struct cc_req *req, struct cc_resp *resp)
{
	const char *answer, *comment, *q = req->params[3];
	const struct cc_respondent_answer_rec *saved = NULL;
	struct cc_list rec, ans = {0};
	struct cc_error err;
	json_t *body, *o;
	long long id;
	bool fac;
	int rc;

	if (!may_respondent(req, resp, true, &fac, &rec))
		return CC_OK;
	id = ((struct cc_respondent_rec *)rec.items)->id;
	cc_list_free(&rec);
	if (!(body = cc_req_json(req, resp)))
		return CC_OK;
	if (!cc_json_text(body, "answer", false, 100000, &answer, resp) ||
	    !cc_json_text(body, "comment", true, 10000, &comment, resp)) {
		json_decref(body);
		return CC_OK;
	}
	cc_error_clear(&err);
	pthread_mutex_lock(req->store_lock);
	rc = cc_respondents_answer(req->store, C(req), U(req), id, q, answer, comment,
				   req->who->email, &err);
	if (!rc)
		rc = cc_store_respondent_answers(req->store, C(req), U(req), id, &ans, &err);
	pthread_mutex_unlock(req->store_lock);
	json_decref(body);
	if (rc)
		return cc_resp_from_error(resp, &err, 422);
	for (int i = 0; i < ans.n; i++)
		if (strcmp(((struct cc_respondent_answer_rec *)ans.items)[i].question, q) == 0)
			saved = &((struct cc_respondent_answer_rec *)ans.items)[i];
	o = saved ? answer_json(saved) :
		json_pack("{s:s,s:s,s:n,s:s}", "answer", "", "comment", "", "at", "by",
			  req->who->email);
	json_object_set_new(o, "respondent", json_integer(id));
	json_object_set_new(o, "question", json_string(q));
	cc_list_free(&ans);
	cc_resp_json(resp, 200, o);
	resp->etag = 0;
	return CC_OK;
}

static json_t *spread_json(const struct cc_question_view *v)
{
	json_t *counts = json_object();

	for (int i = 0; i < v->spread.ncounts; i++)
		json_object_set_new(counts, v->counts[i].key, json_integer(v->counts[i].n));
	return json_pack("{s:o,s:o,s:b}", "counts", counts,
			 "median", isnan(v->spread.median) ? json_null() : json_real(v->spread.median),
			 "divergent", v->spread.divergent);
}

static json_t *question_json(const struct cc_workshop *w, const struct cc_question_view *v)
{
	json_t *list = json_array(), *consensus = json_null();

	for (int i = 0; i < v->nresponses; i++) {
		const struct cc_response *r = &v->responses[i];
		json_array_append_new(list, json_pack("{s:I,s:s,s:s,s:s,s:s,s:s,s:s,s:s}",
			"respondent", (json_int_t)r->who->id, "name", r->who->name,
			"group", r->who->group, "answer", r->a->answer, "label", r->label,
			"comment", r->a->comment, "at", r->a->at, "by", r->a->author));
	}
	if (v->consensus)
		consensus = json_pack("{s:s,s:s,s:s}", "answer", v->consensus->answer, "label",
				      v->consensus_label, "comment",
				      v->consensus->comment ? v->consensus->comment : "");
	return json_pack("{s:s,s:o,s:o,s:o}", "question", w->fw.nodes[v->node].id,
			 "consensus", consensus, "responses", list, "spread", spread_json(v));
}

int cc_h_responses(struct cc_req *req, struct cc_resp *resp)
{
	struct cc_workshop w;
	struct cc_error err;
	json_t *qs;
	int rc;

	if (!may_read(req, resp))
		return CC_OK;
	cc_error_clear(&err);
	pthread_mutex_lock(req->store_lock);
	rc = cc_workshop_load(req->store, C(req), U(req), false, &w, &err);
	pthread_mutex_unlock(req->store_lock);
	if (rc) {
		cc_workshop_free(&w);
		return cc_resp_from_error(resp, &err, 400);
	}
	qs = json_array();
	for (int v = 0; v < w.nquestions; v++)
		json_array_append_new(qs, question_json(&w, &w.questions[v]));
	cc_resp_json(resp, 200, json_pack("{s:s,s:s,s:i,s:o}", "campaign", C(req), "unit", U(req),
					  "respondents", w.active, "questions", qs));
	cc_workshop_free(&w);
	resp->etag = 0;
	return CC_OK;
}

int cc_h_responses_xlsx(struct cc_req *req, struct cc_resp *resp)
{
	char path[] = "/tmp/cybercap-annex-XXXXXX";
	struct cc_workshop w;
	struct cc_error err;
	char *body = NULL;
	size_t len = 0;
	int fd, rc;

	if (!may_read(req, resp))
		return CC_OK;
	cc_error_clear(&err);
	pthread_mutex_lock(req->store_lock);
	rc = cc_workshop_load(req->store, C(req), U(req), true, &w, &err);
	pthread_mutex_unlock(req->store_lock);
	if (rc) {
		cc_workshop_free(&w);
		return cc_resp_from_error(resp, &err, 400);
	}
	fd = mkstemp(path);
	if (fd >= 0) {
		close(fd);
		rc = cc_workshop_annex(&w, path, &err);
		if (!rc)
			rc = cc_read_file(path, ANNEX_MAX_BYTES, &body, &len, &err);
		unlink(path);
	}
	cc_workshop_free(&w);
	if (fd < 0 || rc) {
		free(body);
		return cc_resp_error(resp, 500, "internal", NULL, "cannot write the annex workbook");
	}
	cc_resp_body(resp, 200, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
		     body, len);
	snprintf(resp->disposition, sizeof(resp->disposition),
		 "attachment; filename=\"%s-%s-responses.xlsx\"", C(req), U(req));
	return CC_OK;
}
