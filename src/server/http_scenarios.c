/*
 * http_scenarios.c - drill scenarios over HTTP (docs/api.md,
 * "Scenarios"): adding one (admins and analysts; the YAML as the body, or
 * a zip of the YAML and its challenge files), the list, and one scenario.
 *
 * Who sees what of a scenario: admins and analysts, and the staff
 * (director, controllers, evaluators) of a drill run on it, everything
 * (controller notes and expected actions included; flags never); an
 * observer of such a drill the injects delivered in it; a player the
 * injects delivered to their team, without notes or expected actions; no
 * one else (403). A reader's error is 422 with its line and column.
 */
#include "http_drill.h"

#include "../service/scenario_cache.h"
#include "../service/scenarios.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool cc__scenario_staff(const struct cc_principal *p)
{
	return cc_auth_has_role(p, "admin") || cc_auth_has_role(p, "analyst");
}

int cc_h_add_scenario(struct cc_req *req, struct cc_resp *resp)
{
	struct cc_scenario_added out;
	struct cc_error err;
	int rc;

	if (!req->who->id)
		return cc_resp_error(resp, 401, "unauthenticated", NULL, "sign in first");
	if (!cc__scenario_staff(req->who))
		return cc_resp_error(resp, 403, "forbidden", NULL, "admins and analysts add scenarios");
	if (!req->body || req->body_len == 0)
		return cc_resp_error(resp, 400, "bad_request", NULL, "send the scenario (YAML) or a "
				     "zip of it and its files as the body");
	cc_error_clear(&err);
	pthread_mutex_lock(req->store_lock);
	rc = cc_scenarios_add_body(req->store, req->data_dir, req->body, req->body_len,
				   req->who->email, &out, &err);
	pthread_mutex_unlock(req->store_lock);
	if (rc == CC_EINPUT) {
		/* the reader's own words, where it stopped */
		json_t *e = json_pack("{s:{s:s,s:s,s:s}}", "error", "code", "invalid", "message",
				      err.msg, "file", err.file);
		if (e && err.line > 0) {
			json_object_set_new(json_object_get(e, "error"), "line", json_integer(err.line));
			json_object_set_new(json_object_get(e, "error"), "column",
					    json_integer(err.col));
		}
		cc_resp_json(resp, 422, e);
		resp->etag = 0;
		return CC_OK;
	}
	return cc__drill_reply(resp, rc, &err, 201, rc ? NULL : json_pack("{s:s,s:s,s:i}", "id",
			       out.id, "hash", out.hash, "files", out.files));
}

int cc__scenario_access(struct cc_req *req, const char *id, struct cc_list *drills)
{
	int level = cc__scenario_staff(req->who) ? 2 : 0;

	if (cc_store_drills(req->store, req->who->id, drills, NULL))
		return level;
	for (int i = 0; i < drills->n && level < 2; i++) {
		const struct cc_drill_rec *d = &((const struct cc_drill_rec *)drills->items)[i];
		unsigned roles = 0;
		char team[129];
		if (strcmp(d->scenario, id) != 0)
			continue;
		cc_drill_roles_of(req->store, d->id, req->who, &roles, team, NULL);
		level = roles & CC_DR_STAFF ? 2 : roles ? 1 : level;
	}
	return level;
}

int cc_h_scenarios(struct cc_req *req, struct cc_resp *resp)
{
	struct cc_list l, drills;
	struct cc_error err;
	json_t *arr;
	int rc;

	if (!req->who->id)
		return cc_resp_error(resp, 401, "unauthenticated", NULL, "sign in first");
	cc_error_clear(&err);
	pthread_mutex_lock(req->store_lock);
	rc = cc_store_scenarios(req->store, &l, &err);
	arr = json_array();
	for (int i = 0; !rc && i < l.n; i++) {
		const struct cc_scenario_rec *s = &((const struct cc_scenario_rec *)l.items)[i];
		if (cc__scenario_access(req, s->id, &drills))
			json_array_append_new(arr, json_pack("{s:s,s:s,s:s,s:s,s:i}", "id", s->id,
				"title", s->title, "hash", s->hash, "added_at", s->added_at, "files",
				s->files));
		cc_list_free(&drills);
	}
	pthread_mutex_unlock(req->store_lock);
	if (rc) {
		json_decref(arr);
		return cc_resp_from_error(resp, &err, 400);
	}
	cc_list_free(&l);
	return cc__drill_reply(resp, CC_OK, NULL, 200, json_pack("{s:o}", "scenarios", arr));
}

static json_t *strs(const char *const *s, int n)
{
	json_t *a = json_array();

	for (int i = 0; i < n; i++)
		json_array_append_new(a, json_string(s[i]));
	return a;
}

/* The scenario's own parts everyone who may see it sees. */
static json_t *scenario_head(const struct cc_scenario *sc, const char *hash, bool full)
{
	json_t *objs = json_array(), *teams = json_array(), *o;

	for (int i = 0; i < sc->nobjectives; i++) {
		const struct cc_objective *ob = &sc->objectives[i];
		json_t *j = json_pack("{s:s,s:s}", "id", ob->id, "name", ob->name);
		if (full) {
			json_object_set_new(j, "criteria", strs(ob->criteria, ob->ncriteria));
			json_object_set_new(j, "framework", ob->fw_id ? json_pack("{s:s,s:s?}", "id",
				ob->fw_id, "node", ob->fw_node) : json_null());
		}
		json_array_append_new(objs, j);
	}
	for (int t = 0; t < sc->nteams; t++)
		json_array_append_new(teams, json_pack("{s:s,s:s}", "id", sc->teams[t].id, "name",
						       sc->teams[t].name));
	o = json_pack("{s:s,s:s,s:s,s:s?,s:o,s:o}", "id", sc->id, "hash", hash, "title", sc->title,
		      "description", sc->description, "objectives", objs, "teams", teams);
	return o;
}

static json_t *full_injects(const struct cc_scenario *sc)
{
	json_t *a = json_array();

	for (int k = 0; k < sc->ninjects; k++) {
		const struct cc_inject *in = &sc->injects[sc->timeline[k]];
		json_t *to = json_array(), *ex = json_array();
		for (int t = 0; t < in->nto; t++)
			json_array_append_new(to, json_string(in->to[t].id));
		for (int e = 0; e < in->nexpects; e++)
			json_array_append_new(ex, json_pack("{s:s,s:s,s:s?}", "id", in->expects[e].id,
				"text", in->expects[e].text, "objective", in->expects[e].has_objective ?
				in->expects[e].objective.id : NULL));
		json_array_append_new(a, json_pack("{s:s,s:f,s:f,s:o,s:b,s:s?,s:s,s:s,s:s,s:o,s:s?,"
						   "s:s?}",
			"id", in->id, "at", in->at, "planned", in->planned, "to", to, "to_all",
			in->to_all, "from", in->from, "channel", cc_channel_name(in->channel),
			"title", in->title, "content", in->content, "expects", ex, "notes", in->notes,
			"after", in->has_after ? in->after.id : NULL));
	}
	return a;
}

/* Challenges for staff: what they are, never their flags. */
static json_t *challenges(const struct cc_scenario *sc)
{
	json_t *a = json_array();

	for (int c = 0; c < sc->nchallenges; c++) {
		const struct cc_challenge *ch = &sc->challenges[c];
		json_array_append_new(a, json_pack("{s:s,s:s,s:s?,s:b,s:o,s:i,s:i}", "id", ch->id,
			"name", ch->name, "category", ch->category, "dynamic", ch->dynamic,
			"files", strs(ch->files, ch->nfiles), "flags", ch->nflags, "hints",
			ch->nhints));
	}
	return a;
}

/* The injects delivered to the caller in drills on this scenario (a
 * player: to their team; an observer: all delivered). */
static json_t *seen_injects(struct cc_req *req, struct cc_resp *resp, const char *id,
			    const struct cc_list *drills)
{
	json_t *a = json_array(), *seen = json_object();

	for (int i = 0; i < drills->n; i++) {
		const struct cc_drill_rec *r = &((const struct cc_drill_rec *)drills->items)[i];
		struct cc_drill d;
		unsigned roles;
		char team[129];
		if (strcmp(r->scenario, id) != 0)
			continue;
		if (cc_drill_load(req->store, req->data_dir, r->id, &d, NULL)) {
			cc_drill_free(&d);
			continue;
		}
		cc_drill_in_lang(&d, cc__scenario_lang(req, resp, d.shared));
		roles = cc_drill_roles(&d, req->who, team);
		for (int k = 0; k < d.ninjects; k++) {
			const struct cc_drill_inject *x = &d.injects[d.order[k]];
			if (x->scenario < 0 || x->state != CC_INJECT_DELIVERED ||
			    json_object_get(seen, x->id) ||
			    !(roles & CC_DR_OBSERVER || cc_drill_inject_goes_to(&d, d.order[k], team)))
				continue;
			json_object_set_new(seen, x->id, json_true());
			json_array_append_new(a, cc__drill_inject_seen(&d, x, false));
		}
		cc_drill_free(&d);
	}
	json_decref(seen);
	return a;
}

int cc_h_scenario(struct cc_req *req, struct cc_resp *resp)
{
	const char *id = req->params[0];
	struct cc_list l, drills;
	const struct cc_scenario *sc;
	struct cc_error err;
	json_t *o = NULL;
	int rc, level;

	if (!req->who->id)
		return cc_resp_error(resp, 401, "unauthenticated", NULL, "sign in first");
	if (!cc__lang_param_ok(req, resp))
		return CC_OK;
	cc_error_clear(&err);
	memset(&drills, 0, sizeof(drills));
	pthread_mutex_lock(req->store_lock);
	rc = cc_store_scenario(req->store, id, cc_req_query(req, "hash"), &l, &err);
	if (rc) {
		pthread_mutex_unlock(req->store_lock);
		return cc_resp_from_error(resp, &err, 400);
	}
	level = cc__scenario_access(req, id, &drills);
	if (level && !(rc = cc_scenario_cache_get(req->store, req->data_dir, id,
			((const struct cc_scenario_rec *)l.items)->hash, &sc, &err))) {
		int lang = cc__scenario_lang(req, resp, sc);
		const struct cc_scenario *v = cc_scenario_in(sc, lang);
		o = scenario_head(v, ((const struct cc_scenario_rec *)l.items)->hash, level == 2);
		json_object_set_new(o, "injects", level == 2 ? full_injects(v) :
				    seen_injects(req, resp, id, &drills));
		if (level == 2)
			json_object_set_new(o, "challenges", challenges(v));
		cc__scenario_lang_json(o, sc, lang);
		cc_scenario_cache_release(sc);
	}
	pthread_mutex_unlock(req->store_lock);
	cc_list_free(&l);
	cc_list_free(&drills);
	if (rc)
		return cc_resp_from_error(resp, &err, 400);
	if (!level)
		return cc_resp_error(resp, 403, "forbidden", NULL, "you take no part in a drill on "
				     "scenario %s", id);
	if (!o)
		return cc_resp_error(resp, 500, "internal", NULL, "out of memory");
	return cc__drill_reply(resp, CC_OK, NULL, 200, o);
}
