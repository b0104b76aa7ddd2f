/*
 * http_plans.c - action plans over HTTP (docs/api.md "Action plans"):
 * list, create, read, change and delete plans, the service catalogue, the history of
 * changes; and the reference data plans use (the FIRST CSIRT services,
 * the templates), with the helpers the other plan files share.
 * Objectives, actions and drafting are http_plan_actions.c, monitoring
 * and the report http_plan_reports.c.
 *
 * Who may (auth.h): a public plan is anyone's to read; a private one,
 * and every change, are for admins, analysts and the unit's focal
 * points. Writes check the caller before the body: anonymous 401, a
 * caller who may write no plan at all (reviewer, respondent) 403, then
 * the plan (404), then its unit (403). The checks of the bodies, with the
 * field at fault, are the service's (service/plans.h).
 */
#include "router.h"

#include "../core/date.h"
#include "../service/plans.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define P(req) ((req)->params[0])

long long cc__path_id(const char *s)
{
	long long v = 0;

	if (!*s || strlen(s) > 15)
		return 0;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return 0;
		v = v * 10 + (*s - '0');
	}
	return v;
}

static int may_write_any(struct cc_req *req, struct cc_resp *resp)
{
	if (!req->who->id)
		return cc_resp_error(resp, 401, "unauthenticated", NULL, "sign in first"), 0;
	if (!cc_auth_plan_write(req->who, NULL))
		return cc_resp_error(resp, 403, "forbidden", NULL,
				     "your role does not allow changing action plans"), 0;
	return 1;
}

/* An action whose source is a risk names the risk ({"kind": "risk", "ref":
 * "A/R"}) only to those who may read the register (auth.h cc_auth_risk):
 * to every other reader of a public plan the source is {"kind": "risk",
 * "ref": null}, on every plan route (the plan, an action, monitoring, the
 * report and its files), so that a risk kept off the public register is
 * not found through the plan. */
static void neutral_risk_sources(struct cc_plan *pl)
{
	struct cc_link_rec *ls = pl->links.items;

	for (int i = 0; i < pl->links.n; i++)
		if (strcmp(ls[i].kind, "risk") == 0) {
			ls[i].ref = NULL;
			ls[i].detail = NULL;
		}
}

int cc__plan_open(struct cc_req *req, struct cc_resp *resp, bool write, struct cc_plan *pl)
{
	struct cc_error err;
	int rc;

	if (write && !may_write_any(req, resp))
		return 0;
	cc_error_clear(&err);
	pthread_mutex_lock(req->store_lock);
	rc = cc_plan_load(req->store, P(req), pl, &err);
	pthread_mutex_unlock(req->store_lock);
	if (rc) {
		cc_plan_free(pl);
		cc_resp_from_error(resp, &err, 400);
		return 0;
	}
	if (write ? cc_auth_plan_write(req->who, pl->p->unit) :
	    cc_auth_plan_read(req->who, pl->p->unit, pl->p->is_public)) {
		if (!write && !cc_auth_risk(req->who, pl->p->unit))
			neutral_risk_sources(pl);
		return 1;
	}
	if (!req->who->id)
		cc_resp_error(resp, 401, "unauthenticated", NULL, "plan %s is private: sign in first",
			      P(req));
	else
		cc_resp_error(resp, 403, "forbidden", NULL, write ?
			      "only the focal points of %s, analysts and admins change its plans" :
			      "plan %s is private to the focal points of %s, analysts and admins",
			      write ? pl->p->unit : P(req), pl->p->unit);
	cc_plan_free(pl);
	return 0;
}

int cc__plan_today(struct cc_req *req, struct cc_resp *resp, int *today)
{
	const char *at = cc_req_query(req, "at");
	time_t now = time(NULL);
	struct tm tm;

	if (at) {
		if (!cc_date_valid(at, today))
			return cc_resp_error(resp, 400, "bad_parameter", "at",
					     "at is a date YYYY-MM-DD"), -1;
		return 0;
	}
	gmtime_r(&now, &tm);
	*today = cc_date_days(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
	return 0;
}

static void drop_people(json_t *j)
{
	const char *key;
	json_t *v;
	size_t i;

	if (json_is_object(j)) {
		json_object_del(j, "created_by");
		json_object_foreach(j, key, v)
			drop_people(v);
	} else if (json_is_array(j)) {
		json_array_foreach(j, i, v)
			drop_people(v);
	}
}

void cc__plan_scrub(struct cc_req *req, const char *unit, json_t *j)
{
	if (j && !cc_auth_plan_write(req->who, unit))
		drop_people(j);
}

int cc__plan_monitor_req(struct cc_req *req, struct cc_resp *resp, const struct cc_plan *pl,
			 struct cc_plan_monitor *m)
{
	const char *w = cc_req_query(req, "weight");
	struct cc_error err;
	int today;

	memset(m, 0, sizeof(*m));
	if (w && strcmp(w, "equal") && strcmp(w, "budget"))
		return cc_resp_error(resp, 400, "bad_parameter", "weight",
				     "weight is equal or budget"), -1;
	if (cc__plan_today(req, resp, &today))
		return -1;
	cc_error_clear(&err);
	if (cc_plan_monitor(pl, req->snap, today, w && strcmp(w, "budget") == 0, m, &err)) {
		cc_plan_monitor_free(m);
		return cc_resp_error(resp, 500, "internal", NULL, "%s", err.msg), -1;
	}
	return 0;
}

int cc__plan_send(struct cc_req *req, struct cc_resp *resp, int status, struct cc_plan *pl,
		  long long action)
{
	struct cc_plan_monitor m;
	int at = action ? cc_plan_action_index(pl, action) : -1;
	json_t *o;

	if (action && at < 0) {
		cc_resp_error(resp, 404, "not_found", "action", "plan %s has no action %lld",
			      pl->p->id, action);
	} else if (!cc__plan_monitor_req(req, resp, pl, &m)) {
		o = action ? cc_plan_action_json(pl, &m, at) : cc_plan_json(pl, &m);
		cc__plan_scrub(req, pl->p->unit, o);
		if (o) {
			cc_resp_json(resp, status, o);
			resp->etag = 0;
		} else {
			cc_resp_error(resp, 500, "internal", NULL, "out of memory");
		}
		cc_plan_monitor_free(&m);
	}
	cc_plan_free(pl);
	return CC_OK;
}

int cc__plan_answer(struct cc_req *req, struct cc_resp *resp, int status, long long action)
{
	struct cc_plan pl;
	struct cc_error err;
	int rc;

	cc_error_clear(&err);
	pthread_mutex_lock(req->store_lock);
	rc = cc_plan_load(req->store, P(req), &pl, &err);
	pthread_mutex_unlock(req->store_lock);
	if (rc) {
		cc_plan_free(&pl);
		return cc_resp_from_error(resp, &err, 400);
	}
	return cc__plan_send(req, resp, status, &pl, action);
}

int cc__plan_write(struct cc_req *req, struct cc_resp *resp, bool body_needed,
		   cc__plan_write_fn fn, long long id, long long *out)
{
	struct cc_plan pl;
	struct cc_error err;
	json_t *body = NULL;
	int rc;

	if (!cc__plan_open(req, resp, true, &pl))
		return -1;
	cc_plan_free(&pl);
	if (body_needed && !(body = cc_req_json(req, resp)))
		return -1;
	cc_error_clear(&err);
	pthread_mutex_lock(req->store_lock);
	rc = fn(req, body, id, out, &err);
	pthread_mutex_unlock(req->store_lock);
	json_decref(body);
	if (rc) {
		cc_resp_from_error(resp, &err, 422);
		return -1;
	}
	return 0;
}

/* ---- reference data ---------------------------------------------------------- */

int cc_h_csirt_services(struct cc_req *req, struct cc_resp *resp)
{
	extern const char cc_csirt_services_json[];

	json_t *o = json_loads(cc_csirt_services_json, 0, NULL);
	bool ok = true;

	if (!o)
		return cc_resp_error(resp, 500, "internal", NULL, "out of memory");
	cc__texts_csirt_services(req, resp, o, &ok);
	if (!ok) {
		json_decref(o);
		return CC_OK;
	}
	cc_resp_json(resp, 200, o);
	resp->etag = 1;
	return CC_OK;
}

int cc_h_plan_templates(struct cc_req *req, struct cc_resp *resp)
{
	json_t *o = cc_plan_templates_json();
	bool ok = true;

	if (o)
		cc__texts_plan_templates(req, resp, o, &ok);
	if (!ok) {
		json_decref(o);
		return CC_OK;
	}
	cc_resp_json(resp, 200, o);
	resp->etag = 1;
	return CC_OK;
}

/* ---- plans ---------------------------------------------------------------------- */

/* One plan of the list: its record and its figures. */
static json_t *listed(struct cc_req *req, const struct cc_plan_rec *rec, int today)
{
	struct cc_plan pl;
	struct cc_plan_monitor m;
	struct cc_error err;
	json_t *o = cc_plan_summary_json(rec);
	int rc;

	cc__plan_scrub(req, rec->unit, o);
	memset(&m, 0, sizeof(m));
	pthread_mutex_lock(req->store_lock);
	rc = cc_plan_load(req->store, rec->id, &pl, &err);
	pthread_mutex_unlock(req->store_lock);
	if (!rc && !cc_plan_monitor(&pl, req->snap, today, false, &m, &err)) {
		const char *rag = cc_rag_name(m.overall.rag);
		json_object_set_new(o, "progress", isnan(m.overall.progress) ? json_null() :
				    json_real(m.overall.progress));
		json_object_set_new(o, "rag", rag ? json_string(rag) : json_null());
		json_object_set_new(o, "actions", json_integer(m.overall.actions));
		json_object_set_new(o, "overdue", json_integer(m.overall.overdue));
		json_object_set_new(o, "remeasurement", cc_plan_remeasure_json(&m));
	}
	cc_plan_monitor_free(&m);
	cc_plan_free(&pl);
	return o;
}

int cc_h_plans(struct cc_req *req, struct cc_resp *resp)
{
	const char *unit = cc_req_query(req, "unit");
	const struct cc_plan_rec *ps;
	struct cc_list l;
	struct cc_error err;
	json_t *list;
	int rc, today, n = 0, from, to, *pick;

	if (unit && !cc_snapshot_unit(req->snap, unit))
		return cc_resp_error(resp, 404, "not_found", "unit", "no unit \"%s\"", unit);
	if (cc__plan_today(req, resp, &today))
		return CC_OK;
	cc_error_clear(&err);
	pthread_mutex_lock(req->store_lock);
	rc = cc_store_plans(req->store, unit, &l, &err);
	pthread_mutex_unlock(req->store_lock);
	if (rc)
		return cc_resp_from_error(resp, &err, 400);
	ps = l.items;
	pick = malloc(((size_t)l.n + 1) * sizeof(int));
	if (!pick) {
		cc_list_free(&l);
		return cc_resp_error(resp, 500, "internal", NULL, "out of memory");
	}
	for (int i = 0; i < l.n; i++)
		if (cc_auth_plan_read(req->who, ps[i].unit, ps[i].is_public))
			pick[n++] = i;
	if (cc__page(req, resp, n, &from, &to) == 0) {
		list = json_array();
		for (int i = from; i < to; i++)
			json_array_append_new(list, listed(req, &ps[pick[i]], today));
		cc_resp_json(resp, 200, json_pack("{s:o,s:i}", "plans", list, "total", n));
		resp->etag = 0;
	}
	free(pick);
	cc_list_free(&l);
	return CC_OK;
}

int cc_h_plan_create(struct cc_req *req, struct cc_resp *resp)
{
	struct cc_error err;
	json_t *body, *unit;
	int rc;

	if (!may_write_any(req, resp) || !(body = cc_req_json(req, resp)))
		return CC_OK;
	unit = json_object_get(body, "unit");
	if (json_is_string(unit) && !cc_auth_plan_write(req->who, json_string_value(unit))) {
		cc_resp_error(resp, 403, "forbidden", "unit", "you may not make plans for %s",
			      json_string_value(unit));
		json_decref(body);
		return CC_OK;
	}
	cc_error_clear(&err);
	pthread_mutex_lock(req->store_lock);
	rc = cc_plan_create(req->store, body, req->who->email, &err);
	pthread_mutex_unlock(req->store_lock);
	if (rc) {
		json_decref(body);
		return cc_resp_from_error(resp, &err, 422);
	}
	req->params[0] = json_string_value(json_object_get(body, "id"));
	rc = cc__plan_answer(req, resp, 201, 0);
	json_decref(body);
	return rc;
}

int cc_h_plan(struct cc_req *req, struct cc_resp *resp)
{
	struct cc_plan pl;

	if (!cc__plan_open(req, resp, false, &pl))
		return CC_OK;
	return cc__plan_send(req, resp, 200, &pl, 0);
}

static int do_plan_patch(struct cc_req *req, const json_t *body, long long id, long long *out,
			 struct cc_error *err)
{
	(void)id, (void)out;
	return cc_plan_update(req->store, P(req), body, req->who->email, err);
}

int cc_h_plan_patch(struct cc_req *req, struct cc_resp *resp)
{
	if (cc__plan_write(req, resp, true, do_plan_patch, 0, NULL))
		return CC_OK;
	return cc__plan_answer(req, resp, 200, 0);
}

/* DELETE /plans/{p}: the writers of the plan (checked as every write) drop
 * it; the answer says what lost its link to it. */
int cc_h_plan_delete(struct cc_req *req, struct cc_resp *resp)
{
	struct cc_plan pl;
	struct cc_plan_unlinked u;
	struct cc_error err;
	int rc;

	if (!cc__plan_open(req, resp, true, &pl))
		return CC_OK;
	cc_plan_free(&pl);
	cc_error_clear(&err);
	pthread_mutex_lock(req->store_lock);
	rc = cc_plan_delete(req->store, P(req), req->who->email, &u, &err);
	pthread_mutex_unlock(req->store_lock);
	if (rc)
		return cc_resp_from_error(resp, &err, 422);
	cc_resp_json(resp, 200, json_pack("{s:s,s:b,s:{s:I,s:I,s:I}}", "id", P(req), "deleted", 1,
		"unlinked", "risk_treatments", (json_int_t)u.risk_treatments, "support_requests",
		(json_int_t)u.support_requests, "drill_improvements",
		(json_int_t)u.drill_improvements));
	resp->etag = 0;
	return CC_OK;
}

/* ---- the service catalogue and the history ------------------------------------------ */

int cc_h_plan_services(struct cc_req *req, struct cc_resp *resp)
{
	struct cc_plan pl;

	if (!cc__plan_open(req, resp, false, &pl))
		return CC_OK;
	cc_resp_json(resp, 200, json_pack("{s:s,s:o}", "plan", pl.p->id, "services",
					  cc_plan_services_json(&pl)));
	resp->etag = 0;
	cc_plan_free(&pl);
	return CC_OK;
}

static int do_services(struct cc_req *req, const json_t *body, long long id, long long *out,
		       struct cc_error *err)
{
	(void)id, (void)out;
	return cc_plan_set_services(req->store, P(req), body, req->who->email, err);
}

int cc_h_plan_services_put(struct cc_req *req, struct cc_resp *resp)
{
	if (cc__plan_write(req, resp, true, do_services, 0, NULL))
		return CC_OK;
	return cc_h_plan_services(req, resp);
}

int cc_h_plan_history(struct cc_req *req, struct cc_resp *resp)
{
	struct cc_plan pl;
	struct cc_list l;
	struct cc_error err;
	char prefix[CC_PLAN_ID_MAX + 8], own[CC_PLAN_ID_MAX + 8];
	json_t *events;
	int rc;

	/* who changed what is for those who may change it: it names people */
	if (!cc__plan_open(req, resp, false, &pl))
		return CC_OK;
	if (!cc_auth_plan_write(req->who, pl.p->unit)) {
		cc_plan_free(&pl);
		return req->who->id ?
			cc_resp_error(resp, 403, "forbidden", NULL, "the history of a plan is for "
				      "those who may change it") :
			cc_resp_error(resp, 401, "unauthenticated", NULL, "sign in first");
	}
	cc_plan_free(&pl);
	snprintf(own, sizeof(own), "plan:%s", P(req));
	snprintf(prefix, sizeof(prefix), "plan:%s/", P(req));
	cc_error_clear(&err);
	pthread_mutex_lock(req->store_lock);
	rc = cc_store_audit_events(req->store, own, &l, &err);
	pthread_mutex_unlock(req->store_lock);
	if (rc)
		return cc_resp_from_error(resp, &err, 400);
	events = json_array();
	for (int i = 0; i < l.n; i++) {
		const struct cc_audit_rec *a = &((struct cc_audit_rec *)l.items)[i];
		json_t *before, *after;

		/* "plan:P" and what is under it, not "plan:P2" */
		if (strcmp(a->entity, own) && strncmp(a->entity, prefix, strlen(prefix)))
			continue;
		before = a->before && *a->before ? json_loads(a->before, 0, NULL) : NULL;
		after = a->after && *a->after ? json_loads(a->after, 0, NULL) : NULL;
		json_array_append_new(events, json_pack("{s:I,s:s,s:s,s:s,s:s,s:o,s:o}",
			"id", (json_int_t)a->id, "at", a->at, "actor", a->actor, "action",
			a->action ? a->action : "", "entity", a->entity,
			"before", before ? before : json_null(), "after", after ? after : json_null()));
	}
	cc_list_free(&l);
	cc_resp_json(resp, 200, json_pack("{s:s,s:o}", "plan", P(req), "events", events));
	resp->etag = 0;
	return CC_OK;
}
