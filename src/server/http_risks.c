/*
 * http_risks.c - risk assessments over HTTP (docs/api.md "Risk
 * assessments"): list, create, read and change assessments; their risks
 * (register order, filters), one risk, its ratings and treatments. Views
 * and files are http_risk_views.c, the workshop http_risk_workshop.c.
 * Who may is in http_risks.h; the checks of the bodies, with the field at
 * fault, are the service's (service/risks.h).
 */
#include "http_risks.h"

#include "../core/date.h"
#include "../core/lang.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define A(req) ((req)->params[0])
#define R(req) ((req)->params[1])

/* ---- who may (http_risks.h) ---- */

static long long participant_of(struct cc_req *req, const char *assessment)
{
	struct cc_list l;
	long long id = 0;

	if (!req->who->id)
		return 0;
	if (cc_store_participant(req->store, assessment, 0, req->who->id, &l, NULL) == CC_OK) {
		const struct cc_participant_rec *p = l.items;
		id = p->removed ? 0 : p->id;
		cc_list_free(&l);
	}
	return id;
}

int cc__risk_open(struct cc_req *req, struct cc_resp *resp, enum cc_risk_need need,
		  struct cc_risk_call *x)
{
	struct cc_error err;
	bool ok;
	int rc;

	memset(x, 0, sizeof(*x));
	cc_error_clear(&err);
	pthread_mutex_lock(req->store_lock);
	rc = cc_register_load(req->store, A(req), &x->reg, &err);
	if (!rc)
		x->participant = participant_of(req, A(req));
	pthread_mutex_unlock(req->store_lock);
	if (rc) {
		cc_register_free(&x->reg);
		cc_resp_from_error(resp, &err, 400);
		return 0;
	}
	{
		/* the matrix's texts in the reader's language (a ?lang= that
		 * is not a tag counts as none here) */
		const char *tags[CC_LANG_MAX];
		x->reg.lang = cc_req_lang_or_own(req, resp, tags,
						 cc_matrix_lang_tags(&x->reg.m, tags, CC_LANG_MAX));
	}
	x->team = cc_auth_risk(req->who, x->reg.a->unit);
	ok = x->team || ((need == CC_RISK_MEMBER || need == CC_RISK_VISIBLE) && x->participant) ||
	     ((need == CC_RISK_PUBLIC || need == CC_RISK_VISIBLE) && x->reg.a->published);
	if (ok)
		return 1;
	if (!req->who->id)
		cc_resp_error(resp, 401, "unauthenticated", NULL, "sign in first: this part of "
			      "risk assessment %s is not public", A(req));
	else
		cc_resp_error(resp, 403, "forbidden", NULL, need >= CC_RISK_PUBLIC ?
			      "risk assessment %s is not published" :
			      "only the focal points of %s, analysts and admins%s may do this",
			      need >= CC_RISK_PUBLIC ? A(req) : x->reg.a->unit,
			      need == CC_RISK_MEMBER ? " (and the workshop's participants)" : "");
	cc_register_free(&x->reg);
	return 0;
}

void cc__risk_close(struct cc_risk_call *x)
{
	cc_register_free(&x->reg);
}

int cc__risk_team_somewhere(struct cc_req *req, struct cc_resp *resp)
{
	if (!req->who->id)
		return cc_resp_error(resp, 401, "unauthenticated", NULL, "sign in first"), 0;
	if (!cc_auth_risk(req->who, NULL))
		return cc_resp_error(resp, 403, "forbidden", NULL,
				     "your role does not allow keeping a risk register"), 0;
	return 1;
}

int cc__risk_today(struct cc_req *req, struct cc_resp *resp, char *out, int *days)
{
	const char *at = cc_req_query(req, "at");
	time_t now = time(NULL);
	struct tm tm;

	if (at) {
		if (!cc_date_valid(at, days))
			return cc_resp_error(resp, 400, "bad_parameter", "at",
					     "at is a date YYYY-MM-DD"), -1;
	} else {
		gmtime_r(&now, &tm);
		*days = cc_date_days(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
	}
	cc_date_format(*days, out);
	return 0;
}

/* The assessment as a caller sees it: who made it is the team's to know. */
static json_t *assessment_json(const struct cc_risk_call *x, bool with_matrix)
{
	json_t *o = cc_register_assessment_json(&x->reg, with_matrix);

	if (o && !x->team) {
		json_object_del(o, "created_by");
		json_object_del(o, "updated_at");
	}
	if (o && x->participant)
		json_object_set_new(o, "participant", json_integer(x->participant));
	return o;
}

/* Answers status with the assessment a reloaded (after a write). */
static int answer_assessment(struct cc_req *req, struct cc_resp *resp, int status)
{
	struct cc_risk_call x;

	if (!cc__risk_open(req, resp, CC_RISK_VISIBLE, &x))
		return CC_OK;
	cc_resp_json(resp, status, assessment_json(&x, true));
	resp->etag = 0;
	cc__risk_close(&x);
	return CC_OK;
}

/* ---- assessments ---- */

int cc_h_risk_assessments(struct cc_req *req, struct cc_resp *resp)
{
	const char *unit = cc_req_query(req, "unit");
	struct cc_list l, mine = {0};
	struct cc_error err;
	json_t *list = json_array();
	int n = 0, from, to, rc;

	cc_error_clear(&err);
	pthread_mutex_lock(req->store_lock);
	rc = cc_store_risk_assessments(req->store, unit, &l, &err);
	if (!rc && req->who->id && (rc = cc_store_participations(req->store, req->who->id, &mine,
								   &err)))
		cc_list_free(&l);
	pthread_mutex_unlock(req->store_lock);
	if (rc) {
		json_decref(list);
		return cc_resp_from_error(resp, &err, 400);
	}
	for (int i = 0; list && i < l.n; i++) {
		const struct cc_risk_assessment_rec *a = &((struct cc_risk_assessment_rec *)l.items)[i];
		bool team = cc_auth_risk(req->who, a->unit);
		long long part = 0;
		json_t *o;

		for (int k = 0; k < mine.n; k++)
			if (strcmp(((struct cc_participant_rec *)mine.items)[k].assessment, a->id) == 0)
				part = ((struct cc_participant_rec *)mine.items)[k].id;
		if (!team && !part && !a->published)
			continue;
		n++;
		o = cc_risk_assessment_json(a);
		if (!team) {
			json_object_del(o, "created_by");
			json_object_del(o, "updated_at");
		}
		if (part)
			json_object_set_new(o, "participant", json_integer(part));
		json_array_append_new(list, o);
	}
	if (cc__page(req, resp, n, &from, &to) == 0) {
		json_t *page = json_array();
		for (int i = from; i < to; i++)
			json_array_append(page, json_array_get(list, (size_t)i));
		cc_resp_json(resp, 200, json_pack("{s:o,s:i}", "risk_assessments", page, "total", n));
		resp->etag = 0;
	}
	json_decref(list);
	cc_list_free(&l);
	cc_list_free(&mine);
	return CC_OK;
}

int cc_h_risk_assessment_create(struct cc_req *req, struct cc_resp *resp)
{
	struct cc_error err;
	json_t *body, *unit;
	char id[CC_RISK_ID_MAX + 1];
	int rc;

	if (!cc__risk_team_somewhere(req, resp) || !(body = cc_req_json(req, resp)))
		return CC_OK;
	unit = json_object_get(body, "unit");
	if (json_is_string(unit) && !cc_auth_risk(req->who, json_string_value(unit))) {
		cc_resp_error(resp, 403, "forbidden", "unit", "you do not keep the risk register "
			      "of %.20s", json_string_value(unit));
		json_decref(body);
		return CC_OK;
	}
	snprintf(id, sizeof(id), "%s", json_is_string(json_object_get(body, "id")) ?
		 json_string_value(json_object_get(body, "id")) : "");
	cc_error_clear(&err);
	pthread_mutex_lock(req->store_lock);
	rc = cc_risk_assessment_create(req->store, body, req->who->email, &err);
	pthread_mutex_unlock(req->store_lock);
	json_decref(body);
	if (rc)
		return cc_resp_from_error(resp, &err, 422);
	req->params[0] = id;
	return answer_assessment(req, resp, 201);
}

int cc_h_risk_assessment(struct cc_req *req, struct cc_resp *resp)
{
	struct cc_risk_call x;

	if (!cc__risk_open(req, resp, CC_RISK_VISIBLE, &x))
		return CC_OK;
	cc_resp_json(resp, 200, assessment_json(&x, true));
	resp->etag = 0;
	cc__risk_close(&x);
	return CC_OK;
}

/* Runs a write of the team (after checking the caller, then reading the
 * body when body_needed), under the store lock; 0, or -1 with resp filled. */
typedef int (*risk_write)(struct cc_req *req, const json_t *body, struct cc_error *err);

static int team_write(struct cc_req *req, struct cc_resp *resp, bool body_needed, risk_write fn)
{
	struct cc_risk_call x;
	struct cc_error err;
	json_t *body = NULL;
	int rc;

	if (!cc__risk_open(req, resp, CC_RISK_TEAM, &x))
		return -1;
	cc__risk_close(&x);
	if (body_needed && !(body = cc_req_json(req, resp)))
		return -1;
	cc_error_clear(&err);
	pthread_mutex_lock(req->store_lock);
	rc = fn(req, body, &err);
	pthread_mutex_unlock(req->store_lock);
	json_decref(body);
	if (rc) {
		cc_resp_from_error(resp, &err, 422);
		return -1;
	}
	return 0;
}

static int patch_assessment(struct cc_req *req, const json_t *body, struct cc_error *err)
{
	return cc_risk_assessment_update(req->store, A(req), body, req->who->email, err);
}

int cc_h_risk_assessment_patch(struct cc_req *req, struct cc_resp *resp)
{
	if (team_write(req, resp, true, patch_assessment))
		return CC_OK;
	return answer_assessment(req, resp, 200);
}

/* ---- risks ---- */

/* Answers status with risk id of the reloaded register. */
static int answer_risk(struct cc_req *req, struct cc_resp *resp, int status, const char *id)
{
	struct cc_risk_call x;
	int at;

	if (!cc__risk_open(req, resp, CC_RISK_TEAM, &x))
		return CC_OK;
	at = cc_register_find(&x.reg, id);
	if (at < 0)
		cc_resp_error(resp, 404, "not_found", "risk", "no risk \"%s\" in %s", id, A(req));
	else
		cc_resp_json(resp, status, cc_risk_json(&x.reg, at));
	resp->etag = 0;
	cc__risk_close(&x);
	return CC_OK;
}

static const char *level_query(struct cc_req *req, struct cc_resp *resp,
			       const struct cc_matrix *m, bool *bad)
{
	const char *l = cc_req_query(req, "level");

	*bad = l && cc_matrix_find(m->levels, m->nlevels, l) < 0;
	if (*bad)
		cc_resp_error(resp, 400, "bad_parameter", "level", "matrix %s has no risk level "
			      "\"%.60s\"", m->id, l);
	return l;
}

int cc_h_risks(struct cc_req *req, struct cc_resp *resp)
{
	struct cc_risk_call x;
	struct cc_risk_filter f;
	int *idx, n, from, to;
	bool bad;

	if (!cc__risk_open(req, resp, CC_RISK_TEAM, &x))
		return CC_OK;
	f = (struct cc_risk_filter){cc_req_query(req, "sector"), cc_req_query(req, "threat"),
		cc_req_query(req, "actor"), level_query(req, resp, &x.reg.m, &bad),
		cc_req_query(req, "owner")};
	idx = calloc((size_t)x.reg.n + 1, sizeof(int));
	if (!bad && !idx)
		cc_resp_error(resp, 500, "internal", NULL, "out of memory");
	if (!bad && idx) {
		n = cc_register_filter(&x.reg, &f, idx);
		if (cc__page(req, resp, n, &from, &to) == 0) {
			json_t *list = json_array();
			for (int k = from; k < to; k++)
				json_array_append_new(list, cc_risk_json(&x.reg, idx[k]));
			cc_resp_json(resp, 200, json_pack("{s:s,s:o,s:i}", "assessment", A(req),
							  "risks", list, "total", n));
			resp->etag = 0;
		}
	}
	free(idx);
	cc__risk_close(&x);
	return CC_OK;
}

int cc_h_risk_create(struct cc_req *req, struct cc_resp *resp)
{
	struct cc_risk_call x;
	struct cc_error err;
	char id[CC_RISK_ID_MAX + 1];
	json_t *body;
	int rc;

	if (!cc__risk_open(req, resp, CC_RISK_TEAM, &x))
		return CC_OK;
	cc__risk_close(&x);
	if (!(body = cc_req_json(req, resp)))
		return CC_OK;
	cc_error_clear(&err);
	pthread_mutex_lock(req->store_lock);
	rc = cc_risk_create(req->store, A(req), body, req->who->email, id, &err);
	pthread_mutex_unlock(req->store_lock);
	json_decref(body);
	if (rc)
		return cc_resp_from_error(resp, &err, 422);
	return answer_risk(req, resp, 201, id);
}

int cc_h_risk(struct cc_req *req, struct cc_resp *resp)
{
	return answer_risk(req, resp, 200, R(req));
}

static int patch_risk(struct cc_req *req, const json_t *body, struct cc_error *err)
{
	return cc_risk_update(req->store, A(req), R(req), body, req->who->email, err);
}

int cc_h_risk_patch(struct cc_req *req, struct cc_resp *resp)
{
	if (team_write(req, resp, true, patch_risk))
		return CC_OK;
	return answer_risk(req, resp, 200, R(req));
}

static int delete_risk(struct cc_req *req, const json_t *body, struct cc_error *err)
{
	(void)body;
	return cc_risk_delete(req->store, A(req), R(req), req->who->email, err);
}

int cc_h_risk_delete(struct cc_req *req, struct cc_resp *resp)
{
	if (team_write(req, resp, false, delete_risk))
		return CC_OK;
	cc_resp_json(resp, 200, json_pack("{s:s,s:b}", "id", R(req), "deleted", 1));
	resp->etag = 0;
	return CC_OK;
}

static int put_rating(struct cc_req *req, const json_t *body, struct cc_error *err)
{
	return cc_risk_set_rating(req->store, A(req), R(req), req->params[2], body,
				  req->who->email, err);
}

int cc_h_risk_rating(struct cc_req *req, struct cc_resp *resp)
{
	if (cc_phase_parse(req->params[2]) < 0)
		return cc_resp_error(resp, 404, "not_found", "phase",
				     "the phases are inherent, current and target");
	if (team_write(req, resp, true, put_rating))
		return CC_OK;
	return answer_risk(req, resp, 200, R(req));
}

int cc_h_risk_treat(struct cc_req *req, struct cc_resp *resp)
{
	struct cc_risk_call x;
	struct cc_error err;
	char today[11];
	long long id = 0;
	int days, rc, at;
	json_t *body, *risk, *tr, *t;
	size_t i;

	if (!cc__risk_open(req, resp, CC_RISK_TEAM, &x))
		return CC_OK;
	cc__risk_close(&x);
	if (cc__risk_today(req, resp, today, &days) || !(body = cc_req_json(req, resp)))
		return CC_OK;
	cc_error_clear(&err);
	pthread_mutex_lock(req->store_lock);
	rc = cc_risk_treat(req->store, A(req), R(req), body, today, req->who->email, &id, &err);
	pthread_mutex_unlock(req->store_lock);
	json_decref(body);
	if (rc)
		return cc_resp_from_error(resp, &err, 422);
	if (!cc__risk_open(req, resp, CC_RISK_TEAM, &x))
		return CC_OK;
	at = cc_register_find(&x.reg, R(req));
	risk = at >= 0 ? cc_risk_json(&x.reg, at) : NULL;
	tr = json_object_get(risk, "treatments");
	json_array_foreach(tr, i, t)
		if (json_integer_value(json_object_get(t, "id")) == id) {
			json_object_set_new(t, "risk", json_string(R(req)));
			cc_resp_json(resp, 201, json_incref(t));
			break;
		}
	if (!resp->body)
		cc_resp_error(resp, 500, "internal", NULL, "the treatment was not read back");
	json_decref(risk);
	resp->etag = 0;
	cc__risk_close(&x);
	return CC_OK;
}
