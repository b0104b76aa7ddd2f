/*
 * http_drills.c - drills over HTTP (docs/api.md, "Drills"): the list,
 * creating one (admins and analysts, who become its director), one drill
 * in the caller's own view, and moving its status; with the helpers
 * every drill route shares (http_drill.h).
 */
#include "http_drill.h"

#include "../core/lang.h"

#include "live.h"

#include "../format/wall_time.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define D(req) ((req)->params[0])

int cc__drill_may(struct cc_req *req, struct cc_resp *resp, enum cc_drill_do what,
		  unsigned *roles, char *team)
{
	struct cc_error err;
	int rc;

	if (!req->who->id) {
		cc_resp_error(resp, 401, "unauthenticated", NULL, "sign in first");
		return 0;
	}
	cc_error_clear(&err);
	pthread_mutex_lock(req->store_lock);
	rc = cc_drill_roles_of(req->store, D(req), req->who, roles, team, &err);
	pthread_mutex_unlock(req->store_lock);
	if (rc) {
		cc_resp_from_error(resp, &err, 400);
		return 0;
	}
	if (!cc_drill_allows(*roles, what)) {
		cc_resp_error(resp, 403, "forbidden", NULL, *roles ? "your role in drill %s does "
			      "not allow this" : "you take no part in drill %s", D(req));
		return 0;
	}
	return 1;
}

int cc__drill_load(struct cc_req *req, struct cc_resp *resp, struct cc_drill *d)
{
	struct cc_error err;
	int rc;

	cc_error_clear(&err);
	pthread_mutex_lock(req->store_lock);
	rc = cc_drill_load(req->store, req->data_dir, D(req), d, &err);
	pthread_mutex_unlock(req->store_lock);
	if (rc)
		cc_resp_from_error(resp, &err, 400);
	else
		cc_drill_in_lang(d, cc__scenario_lang(req, resp, d->shared));
	return !rc;
}

int cc__scenario_lang(const struct cc_req *req, struct cc_resp *resp,
		      const struct cc_scenario *sc)
{
	const char *tags[CC_LANG_MAX];

	return cc_req_lang_or_own(req, resp, tags, cc_scenario_lang_tags(sc, tags, CC_LANG_MAX));
}

bool cc__lang_param_ok(const struct cc_req *req, struct cc_resp *resp)
{
	const char *q = cc_req_query(req, "lang");

	if (!q || cc_lang_valid_tag(q))
		return true;
	cc_resp_error(resp, 400, "bad_parameter", "lang",
		      "lang must be a lower-case language tag such as fr or pt-br");
	return false;
}

void cc__scenario_lang_json(json_t *o, const struct cc_scenario *sc, int l)
{
	const char *tags[CC_LANG_MAX];
	int n = cc_scenario_lang_tags(sc, tags, CC_LANG_MAX);

	cc_json_lang(o, tags, n, l, l >= 0 && l < n ? sc->langs[l].untranslated : 0);
}

void cc__drill_changed(struct cc_req *req)
{
	if (req->live)
		cc_live_changed(req->live, D(req));
}

json_t *cc__drill_roles_json(unsigned roles)
{
	json_t *a = json_array();

	for (unsigned bit = 1; bit <= CC_DR_OBSERVER; bit <<= 1)
		if (roles & bit)
			json_array_append_new(a, json_string(cc_drill_role_name(bit)));
	return a;
}

int cc__drill_reply(struct cc_resp *resp, int rc, const struct cc_error *err, int status,
		    json_t *o)
{
	if (rc) {
		json_decref(o);
		return cc_resp_from_error(resp, err, 422);
	}
	if (!o)
		return cc_resp_error(resp, 500, "internal", NULL, "out of memory");
	cc_resp_json(resp, status, o);
	resp->etag = 0;
	return CC_OK;
}

json_t *cc__json_wall(double t)
{
	char at[CC_WALL_ISO_SIZE];

	cc_wall_iso(t, at);
	return at[0] ? json_string(at) : json_null();
}

static json_t *str(const char *s)
{
	return s ? json_string(s) : json_null();
}

static json_t *num(double x)
{
	return isnan(x) ? json_null() : json_real(x);
}

static json_t *to_json(const struct cc_drill *d, const struct cc_drill_inject *x)
{
	json_t *a = json_array();

	for (int t = 0; t < (x->to_all ? d->nteams : x->nto); t++)
		json_array_append_new(a, json_string(x->to_all ? d->teams[t].id : x->to[t]));
	return a;
}

json_t *cc__drill_inject_seen(const struct cc_drill *d, const struct cc_drill_inject *x,
			      bool with_to)
{
	json_t *o = json_pack("{s:s,s:s,s:s,s:s,s:o,s:o,s:o}", "id", x->id, "title", x->title,
			      "content", x->content, "channel", x->channel, "from", str(x->from),
			      "clock", num(x->clock), "at", cc__json_wall(x->done_at));

	if (o && with_to)
		json_object_set_new(o, "to", to_json(d, x));
	return o;
}

json_t *cc__drill_inject_staff(const struct cc_drill *d, const struct cc_drill_inject *x)
{
	static const char *const states[] = {"pending", "delivered", "skipped"};
	json_t *expects = json_array();
	bool delivered = x->state == CC_INJECT_DELIVERED;

	for (int e = 0; e < x->nexpects; e++)
		json_array_append_new(expects, json_pack("{s:s,s:s,s:o}", "id", x->expects[e].id,
			"text", x->expects[e].text, "objective", x->expects[e].has_objective ?
			json_string(x->expects[e].objective.id) : json_null()));
	return json_pack("{s:s,s:f,s:f,s:s,s:o,s:o,s:o,s:o,s:s,s:s,s:s,s:o,s:o,s:b,s:o,s:o,s:b,"
			 "s:o}",
		"id", x->id, "at", x->at, "planned", x->planned, "status", states[x->state],
		"delivered_at", delivered ? cc__json_wall(x->done_at) : json_null(),
		"clock_at_delivery", delivered ? num(x->clock) : json_null(),
		"skipped_at", x->state == CC_INJECT_SKIPPED ? cc__json_wall(x->done_at) : json_null(),
		"by", str(x->by), "title", x->title, "content", x->content, "channel", x->channel,
		"from", str(x->from), "to", to_json(d, x), "to_all", x->to_all,
		"after", str(x->after), "notes", str(x->notes), "adhoc", x->scenario < 0,
		"expects", expects);
}

int cc__json_strings(json_t *body, const char *name, const char *field, bool optional,
		     int max, const char ***out, int *n, struct cc_resp *resp)
{
	json_t *v = json_object_get(body, name), *item;
	size_t i;

	*out = NULL;
	*n = 0;
	if ((!v || json_is_null(v)) && optional)
		return 1;
	if (!json_is_array(v) || json_array_size(v) > (size_t)max) {
		cc_resp_error(resp, 422, "invalid", field, "%s is a list of at most %d texts", field,
			      max);
		return 0;
	}
	*out = calloc(json_array_size(v) + 1, sizeof(char *));
	if (!*out) {
		cc_resp_error(resp, 500, "internal", NULL, "out of memory");
		return 0;
	}
	json_array_foreach(v, i, item) {
		if (!json_is_string(item) || json_string_length(item) > 1000) {
			free(*out);
			*out = NULL;
			cc_resp_error(resp, 422, "invalid", field, "%s is a list of texts", field);
			return 0;
		}
		(*out)[(*n)++] = json_string_value(item);
	}
	return 1;
}

/* ---- the list ---- */

int cc_h_drills(struct cc_req *req, struct cc_resp *resp)
{
	struct cc_list l;
	struct cc_error err;
	bool admin;
	json_t *arr;
	int rc, from, to;

	if (!req->who->id)
		return cc_resp_error(resp, 401, "unauthenticated", NULL, "sign in first");
	admin = cc_auth_has_role(req->who, "admin");
	cc_error_clear(&err);
	pthread_mutex_lock(req->store_lock);
	rc = cc_store_drills(req->store, admin ? 0 : req->who->id, &l, &err);
	pthread_mutex_unlock(req->store_lock);
	if (rc)
		return cc_resp_from_error(resp, &err, 400);
	if (cc__page(req, resp, l.n, &from, &to)) {
		cc_list_free(&l);
		return CC_OK;
	}
	arr = json_array();
	for (int i = from; i < to; i++) {
		const struct cc_drill_rec *d = &((const struct cc_drill_rec *)l.items)[i];
		unsigned roles = 0;
		char team[129];
		pthread_mutex_lock(req->store_lock);
		cc_drill_roles_of(req->store, d->id, req->who, &roles, team, NULL);
		pthread_mutex_unlock(req->store_lock);
		json_array_append_new(arr, json_pack("{s:s,s:s,s:s,s:s,s:f,s:s,s:o,s:o}", "id",
			d->id, "title", d->title, "status", d->status, "scenario", d->scenario,
			"speed", d->speed, "created_at", d->created_at, "roles",
			cc__drill_roles_json(roles), "team", team[0] ? json_string(team) : json_null()));
	}
	cc_resp_json(resp, 200, json_pack("{s:o,s:i}", "drills", arr, "total", l.n));
	cc_list_free(&l);
	resp->etag = 0;
	return CC_OK;
}

/* ---- one drill, in the caller's view ---- */

static json_t *team_json(struct cc_req *req, const struct cc_drill *d, int t, bool staff,
			 const struct cc_list *checks, const struct cc_list *responses)
{
	const struct cc_drill_team *tm = &d->teams[t];
	json_t *players = json_array(), *o;
	int confirmed = 0, n = 0, delivered = 0, answered = 0;

	for (int m = 0; m < d->nmembers; m++) {
		const struct cc_drill_member_rec *mb = &d->members[m];
		double at = NAN;
		if (!mb->team || strcmp(mb->team, tm->id) != 0)
			continue;
		n++;
		for (int c = 0; c < checks->n; c++)
			if (((const struct cc_commcheck_rec *)checks->items)[c].user == mb->user)
				at = ((const struct cc_commcheck_rec *)checks->items)[c].at;
		confirmed += !isnan(at);
		if (staff)
			json_array_append_new(players, json_pack("{s:s,s:s,s:o}", "email", mb->email,
				"name", mb->name, "commcheck", cc__json_wall(at)));
	}
	for (int i = 0; i < d->ninjects; i++) {
		bool any = false;
		if (d->injects[i].state != CC_INJECT_DELIVERED ||
		    !cc_drill_inject_goes_to(d, i, tm->id))
			continue;
		delivered++;
		for (int r = 0; r < responses->n && !any; r++) {
			const struct cc_drill_response_rec *rr = &((const struct cc_drill_response_rec *)
								   responses->items)[r];
			any = strcmp(rr->team, tm->id) == 0 && strcmp(rr->inject, d->injects[i].id) == 0;
		}
		answered += any;
	}
	(void)req;
	o = json_pack("{s:s,s:s}", "id", tm->id, "name", tm->name);
	if (staff) {
		json_object_set_new(o, "unit", str(tm->unit));
		json_object_set_new(o, "hidden", json_boolean(tm->hidden));
		json_object_set_new(o, "players", players);
		json_object_set_new(o, "commcheck", json_pack("{s:i,s:i}", "confirmed", confirmed,
							      "players", n));
		json_object_set_new(o, "delivered", json_integer(delivered));
		json_object_set_new(o, "answered", json_integer(answered));
	} else {
		json_decref(players);
	}
	return o;
}

static json_t *objectives_json(const struct cc_drill *d, bool staff)
{
	json_t *a = json_array();

	for (int i = 0; i < d->sc.nobjectives; i++) {
		const struct cc_objective *o = &d->sc.objectives[i];
		json_t *j = json_pack("{s:s,s:s}", "id", o->id, "name", o->name);
		if (staff) {
			json_t *c = json_array();
			for (int k = 0; k < o->ncriteria; k++)
				json_array_append_new(c, json_string(o->criteria[k]));
			json_object_set_new(j, "criteria", c);
			json_object_set_new(j, "framework", o->fw_id ? json_pack("{s:s,s:o}", "id",
				o->fw_id, "node", str(o->fw_node)) : json_null());
		}
		json_array_append_new(a, j);
	}
	return a;
}

/* What a player sees: their team's delivered injects, each with their
 * team's responses and the files attached to them, and their
 * communication check. */
static void player_view(json_t *o, const struct cc_drill *d, const char *team,
			const struct cc_principal *who, const struct cc_list *checks,
			const struct cc_list *responses, const struct cc_list *att)
{
	json_t *injects = json_array();
	double confirmed = NAN;

	for (int k = 0; k < d->ninjects; k++) {
		int i = d->order[k];
		json_t *x, *rs;
		if (d->injects[i].state != CC_INJECT_DELIVERED || !cc_drill_inject_goes_to(d, i, team))
			continue;
		x = cc__drill_inject_seen(d, &d->injects[i], false);
		rs = json_array();
		for (int r = 0; r < responses->n; r++) {
			const struct cc_drill_response_rec *rr = &((const struct cc_drill_response_rec *)
								   responses->items)[r];
			json_t *files;
			if (strcmp(rr->inject, d->injects[i].id) != 0)
				continue;
			files = json_array();
			for (int a = 0; a < att->n; a++) {
				const struct cc_drill_attachment_rec *f =
					&((const struct cc_drill_attachment_rec *)att->items)[a];
				if (f->response == rr->id)
					json_array_append_new(files, cc__drill_attachment_json(f));
			}
			json_array_append_new(rs, json_pack("{s:I,s:s,s:s,s:o,s:o}", "id",
				(json_int_t)rr->id, "player", rr->name, "text", rr->text, "at",
				cc__json_wall(rr->at), "attachments", files));
		}
		json_object_set_new(x, "responses", rs);
		json_array_append_new(injects, x);
	}
	for (int c = 0; c < checks->n; c++)
		if (((const struct cc_commcheck_rec *)checks->items)[c].user == who->id)
			confirmed = ((const struct cc_commcheck_rec *)checks->items)[c].at;
	json_object_set_new(o, "injects", injects);
	json_object_set_new(o, "commcheck", cc__json_wall(confirmed));
}

static json_t *drill_view(struct cc_req *req, const struct cc_drill *d, unsigned roles,
			  const char *team, double now)
{
	bool staff = roles & (CC_DR_STAFF | CC_DR_OBSERVER), ctl = roles & CC_DR_STAFF;
	struct cc_list checks, responses;
	json_t *o, *teams = json_array(), *names = json_object();
	struct cc_error err;
	int rc;

	pthread_mutex_lock(req->store_lock);
	rc = cc_store_commchecks(req->store, d->d->id, &checks, &err);
	if (!rc && (rc = cc_store_drill_responses(req->store, d->d->id, staff ? NULL : team,
						  &responses, &err)))
		cc_list_free(&checks);
	pthread_mutex_unlock(req->store_lock);
	if (rc) {
		json_decref(teams);
		json_decref(names);
		return NULL;
	}
	for (int t = 0; t < d->nteams; t++)
		if (staff || strcmp(d->teams[t].id, team) == 0)
			json_array_append_new(teams, team_json(req, d, t, staff, &checks, &responses));
	/* every team's name, to everyone: a scoreboard names the other teams
	 * (a team hidden from the board only to staff) */
	for (int t = 0; t < d->nteams; t++)
		if (staff || !d->teams[t].hidden)
			json_object_set_new(names, d->teams[t].id, json_string(d->teams[t].name));
	o = json_pack("{s:s,s:s,s:s,s:f,s:f,s:s,s:o,s:o,s:{s:s,s:s,s:s,s:o},s:o,s:o,s:o,s:o}",
		"id", d->d->id, "title", d->d->title, "status", cc_drill_status_name(d->status),
		"speed", d->d->speed, "clock", cc_drill_clock_now(d, now), "created_at",
		d->d->created_at, "started_at", cc__json_wall(d->started_at), "ended_at",
		cc__json_wall(d->ended_at), "scenario", "id", d->sc.id, "title", d->sc.title,
		"hash", d->d->scenario_hash, "description", str(d->sc.description),
		"roles", cc__drill_roles_json(roles), "team", team[0] ? json_string(team) : json_null(),
		"objectives", objectives_json(d, ctl), "teams", teams);
	json_object_set_new(o, "team_names", names);
	if (!staff) {
		struct cc_list att = {0};
		pthread_mutex_lock(req->store_lock);
		/* the drill's files, kept to the team's responses below */
		if (cc_store_drill_attachments(req->store, d->d->id, 0, &att, &err))
			memset(&att, 0, sizeof(att));
		pthread_mutex_unlock(req->store_lock);
		player_view(o, d, team, req->who, &checks, &responses, &att);
		cc_list_free(&att);
	} else {
		json_t *members = json_array(), *injects = json_array();
		int counts[3] = {0};
		for (int m = 0; ctl && m < d->nmembers; m++)
			json_array_append_new(members, json_pack("{s:s,s:s,s:s,s:o}", "email",
				d->members[m].email, "name", d->members[m].name, "role",
				d->members[m].role, "team", str(d->members[m].team)));
		for (int k = 0; k < d->ninjects; k++) {
			const struct cc_drill_inject *x = &d->injects[d->order[k]];
			counts[x->state]++;
			if (!ctl && x->state == CC_INJECT_DELIVERED)
				json_array_append_new(injects, cc__drill_inject_seen(d, x, true));
		}
		if (ctl)
			json_object_set_new(o, "members", members);
		else
			json_decref(members);
		if (!ctl)
			json_object_set_new(o, "injects", injects);
		else
			json_decref(injects);
		json_object_set_new(o, "counts", json_pack("{s:i,s:i,s:i}", "pending", counts[0],
							   "delivered", counts[1], "skipped", counts[2]));
	}
	cc_list_free(&checks);
	cc_list_free(&responses);
	return o;
}

int cc_h_drill(struct cc_req *req, struct cc_resp *resp)
{
	struct cc_drill d;
	unsigned roles;
	char team[129];
	json_t *o;

	if (!cc__drill_may(req, resp, CC_DRILL_VIEW, &roles, team) || !cc__lang_param_ok(req, resp))
		return CC_OK;
	if (!cc__drill_load(req, resp, &d)) {
		cc_drill_free(&d);
		return CC_OK;
	}
	o = drill_view(req, &d, roles, team, cc_live_now());
	if (o)
		cc__scenario_lang_json(o, d.shared, cc__scenario_lang(req, resp, d.shared));
	cc_drill_free(&d);
	if (!o)
		return cc_resp_error(resp, 500, "internal", NULL, "cannot read the drill");
	return cc__drill_reply(resp, CC_OK, NULL, 200, o);
}

/* ---- creating ---- */

/* The teams object of the body into n->teams (malloc'd, and each team's
 * players); 1, or 0 after filling resp. */
static int parse_teams(json_t *body, struct cc_drill_new *n, struct cc_resp *resp)
{
	json_t *teams = json_object_get(body, "teams"), *t;
	const char *key;
	char field[300];

	if (!teams || json_is_null(teams))
		return 1;
	if (!json_is_object(teams) || json_object_size(teams) > 1000)
		return cc_resp_error(resp, 422, "invalid", "teams", "teams is an object: team id -> "
				     "{\"unit\", \"players\", \"hidden\"}"), 0;
	n->teams = calloc(json_object_size(teams) + 1, sizeof(*n->teams));
	if (!n->teams)
		return cc_resp_error(resp, 500, "internal", NULL, "out of memory"), 0;
	json_object_foreach(teams, key, t) {
		struct cc_drill_team_new *tn = &n->teams[n->nteams++];
		json_t *hidden;
		tn->team = key;
		snprintf(field, sizeof(field), "teams.%.200s", key);
		if (!json_is_object(t))
			return cc_resp_error(resp, 422, "invalid", field, "%s is an object", field), 0;
		hidden = json_object_get(t, "hidden");
		if (hidden && !json_is_boolean(hidden))
			return cc_resp_error(resp, 422, "invalid", field, "%s.hidden is true or false",
					     field), 0;
		tn->hidden = json_is_true(hidden);
		snprintf(field, sizeof(field), "teams.%.200s.unit", key);
		if (!cc_json_text(t, "unit", true, 64, &tn->unit, resp)) {
			cc_resp_error(resp, 422, "invalid", field, "%s is a unit id", field);
			return 0;
		}
		snprintf(field, sizeof(field), "teams.%.200s.players", key);
		if (!cc__json_strings(t, "players", field, true, CC_DRILL_MAX_MEMBERS, &tn->players,
				      &tn->nplayers, resp))
			return 0;
	}
	return 1;
}

static void free_new(struct cc_drill_new *n)
{
	for (int i = 0; i < n->nteams; i++)
		free((void *)n->teams[i].players);
	free(n->teams);
	free((void *)n->controllers);
	free((void *)n->evaluators);
	free((void *)n->observers);
}

int cc_h_create_drill(struct cc_req *req, struct cc_resp *resp)
{
	struct cc_drill_new n = {0};
	struct cc_error err;
	struct cc_drill d;
	json_t *body, *speed, *o;
	int rc;

	if (!req->who->id)
		return cc_resp_error(resp, 401, "unauthenticated", NULL, "sign in first");
	if (!cc_auth_has_role(req->who, "admin") && !cc_auth_has_role(req->who, "analyst"))
		return cc_resp_error(resp, 403, "forbidden", NULL, "admins and analysts create drills");
	if (!(body = cc_req_json(req, resp)))
		return CC_OK;
	speed = json_object_get(body, "speed");
	if (!cc_json_text(body, "id", false, 200, &n.id, resp) ||
	    !cc_json_text(body, "scenario", false, 200, &n.scenario, resp) ||
	    !cc_json_text(body, "title", false, 1000, &n.title, resp))
		goto done;
	if (!json_is_number(speed)) {
		cc_resp_error(resp, 422, "invalid", "speed", "speed is a number above 0 (1: real "
			      "time, 60: a minute of play a second)");
		goto done;
	}
	n.speed = json_number_value(speed);
	if (!parse_teams(body, &n, resp) ||
	    !cc__json_strings(body, "controllers", "controllers", true, CC_DRILL_MAX_MEMBERS,
			      &n.controllers, &n.ncontrollers, resp) ||
	    !cc__json_strings(body, "evaluators", "evaluators", true, CC_DRILL_MAX_MEMBERS,
			      &n.evaluators, &n.nevaluators, resp) ||
	    !cc__json_strings(body, "observers", "observers", true, CC_DRILL_MAX_MEMBERS,
			      &n.observers, &n.nobservers, resp))
		goto done;
	cc_error_clear(&err);
	memset(&d, 0, sizeof(d));
	pthread_mutex_lock(req->store_lock);
	rc = cc_drills_create(req->store, req->data_dir, &n, req->who, cc_live_now(), &err);
	if (!rc)
		rc = cc_drill_load(req->store, req->data_dir, n.id, &d, &err);
	pthread_mutex_unlock(req->store_lock);
	if (rc) {
		cc_drill_free(&d);
		cc_resp_from_error(resp, &err, 422);
		goto done;
	}
	o = drill_view(req, &d, CC_DR_DIRECTOR, "", cc_live_now());
	cc_drill_free(&d);
	if (!o) {
		cc_resp_error(resp, 500, "internal", NULL, "cannot read the drill");
		goto done;
	}
	cc_resp_json(resp, 201, o);
	resp->etag = 0;
done:
	free_new(&n);
	json_decref(body);
	return CC_OK;
}

/* ---- status ---- */

int cc_h_drill_status(struct cc_req *req, struct cc_resp *resp)
{
	struct cc_error err;
	struct cc_drill d;
	const char *word;
	unsigned roles;
	char team[129];
	json_t *body;
	double now;
	int to, rc;

	if (!cc__drill_may(req, resp, CC_DRILL_CONTROL, &roles, team))
		return CC_OK;
	if (!(body = cc_req_json(req, resp)))
		return CC_OK;
	if (!cc_json_text(body, "status", false, 32, &word, resp)) {
		json_decref(body);
		return CC_OK;
	}
	to = cc_drill_status_parse(word);
	json_decref(body);
	if (to < 0)
		return cc_resp_error(resp, 422, "invalid", "status", "status is running, paused, "
				     "ended or cancelled");
	now = cc_live_now();
	cc_error_clear(&err);
	memset(&d, 0, sizeof(d));
	pthread_mutex_lock(req->store_lock);
	rc = cc_drills_move(req->store, req->data_dir, D(req), (enum cc_drill_status)to,
			    req->who->email, now, &err);
	if (!rc)
		rc = cc_drill_load(req->store, req->data_dir, D(req), &d, &err);
	pthread_mutex_unlock(req->store_lock);
	if (rc) {
		cc_drill_free(&d);
		return cc_resp_from_error(resp, &err, 422);
	}
	cc__drill_changed(req);
	cc_resp_json(resp, 200, json_pack("{s:s,s:s,s:f,s:o}", "id", d.d->id, "status",
					  cc_drill_status_name(d.status), "clock",
					  cc_drill_clock_now(&d, now), "at", cc__json_wall(now)));
	cc_drill_free(&d);
	resp->etag = 0;
	return CC_OK;
}
