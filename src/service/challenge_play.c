/*
 * challenge_play.c - what players' teams do with a drill's challenges
 * (see challenges.h): unlock a hint, and the list of the challenges they
 * may see. Submissions are decided by the attempt writer
 * (challenge_writer.c), which also serves cc_challenges_attempt.
 */
#include "challenges.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int wrong_left(struct cc_store *s, const char *drill, const struct cc_ctf *c, int i,
		      const char *team, int *left, struct cc_error *err)
{
	int n = 0, rc = CC_OK;

	*left = -1;
	if (c->rec[i].max_attempts > 0) {
		rc = cc_store_count_wrong(s, drill, c->rec[i].id, team, &n, err);
		*left = c->rec[i].max_attempts > n ? c->rec[i].max_attempts - n : 0;
	}
	return rc;
}

/* The value of challenge i after the solves counted now (plus one when
 * the team just solved it and counts). */
static double value_now(const struct cc_ctf *c, int i, int t, bool just)
{
	int n = 0;

	for (int k = 0; k < c->nev; k++)
		n += c->ev[k].kind == CC_CTF_SOLVE && c->ev[k].challenge == i &&
		     !c->hidden[c->ev[k].team];
	return cc_challenge_value(&c->ch[i], n + (just && !c->hidden[t]));
}

/* ---- hints ---- */

static const struct cc_hint_rec *find_hint(const struct cc_ctf *c, const char *chal,
					   const char *hint)
{
	const struct cc_hint_rec *h = c->hint_l.items;

	for (int k = 0; k < c->hint_l.n; k++)
		if (strcmp(h[k].challenge, chal) == 0 && strcmp(h[k].hint, hint) == 0)
			return &h[k];
	return NULL;
}

static bool unlocked(const struct cc_ctf *c, const char *chal, const char *hint, int t)
{
	const struct cc_unlock_rec *u = c->unlock_l.items;

	for (int k = 0; k < c->unlock_l.n; k++)
		if (strcmp(u[k].challenge, chal) == 0 && strcmp(u[k].hint, hint) == 0 &&
		    strcmp(u[k].team, c->teams[t]) == 0)
			return true;
	return false;
}

static int unlock_in(struct cc_store *s, const char *drill, const struct cc_ctf *c, int i,
		     int t, const char *hint, const struct cc_principal *who, double now,
		     char **text, struct cc_error *err)
{
	const struct cc_hint_rec *h = i < 0 ? NULL : find_hint(c, c->rec[i].id, hint);
	struct cc_unlock_rec u;
	int rc = CC_OK;

	if (i < 0 || !h || !cc_ctf_visible(c, i, t))
		return cc_error_set(err, CC_ENOTFOUND, "hint", 0, 0, "your team cannot see this "
				    "hint");
	if (!unlocked(c, c->rec[i].id, hint, t)) {
		if (strcmp(c->status, "running") != 0)
			return cc_error_set(err, CC_ECONFLICT, "status", 0, 0, "hints are unlocked "
					    "only while the drill runs");
		if (cc_ctf_score(c, t) < h->cost)
			return cc_error_set(err, CC_ECONFLICT, "cost", 0, 0, "this hint costs %g "
					    "points and your team has %g", h->cost, cc_ctf_score(c, t));
		u = (struct cc_unlock_rec){h->challenge, h->hint, c->teams[t], who->id, h->cost, now,
					   c->clock};
		rc = cc_store_add_unlock(s, drill, &u, err);
	}
	if (!rc && !(*text = strdup(h->text)))
		rc = cc_error_set(err, CC_ENOMEM, NULL, 0, 0, "out of memory");
	return rc;
}

int cc_challenges_unlock(struct cc_store *s, const char *drill, const char *challenge,
			 const char *hint, const struct cc_principal *who, const char *team,
			 double now, char **text, struct cc_error *err)
{
	struct cc_ctf c;
	int rc = cc_store_begin(s, err), t;

	*text = NULL;
	if (rc)
		return rc;
	rc = cc_ctf_load(s, drill, now, &c, err);
	t = rc ? -1 : cc_ctf_team(&c, team);
	if (!rc && t < 0)
		rc = cc_error_set(err, CC_ENOTFOUND, "team", 0, 0, "no team %.100s", team);
	if (!rc)
		rc = unlock_in(s, drill, &c, cc_ctf_challenge(&c, challenge), t, hint, who, now, text,
			       err);
	if (!rc)
		rc = cc_store_commit(s, err);
	if (rc) {
		cc_store_rollback(s);
		free(*text);
		*text = NULL;
	}
	cc_ctf_free(&c);
	return rc;
}

/* ---- the lists ---- */

static json_t *hints_json(const struct cc_ctf *c, int i, int t)
{
	const struct cc_hint_rec *h = c->hint_l.items;
	json_t *a = json_array();

	for (int k = 0; a && k < c->hint_l.n; k++) {
		bool open;
		json_t *o;
		if (strcmp(h[k].challenge, c->rec[i].id) != 0)
			continue;
		open = t < 0 || unlocked(c, h[k].challenge, h[k].hint, t);
		o = json_pack("{s:s,s:f,s:b}", "id", h[k].hint, "cost", h[k].cost, "unlocked", open);
		if (o && open)
			json_object_set_new(o, "text", json_string(h[k].text));
		json_array_append_new(a, o);
	}
	return a;
}

static json_t *files_json(const char *files)
{
	json_t *a = json_array();
	const char *p = files;

	while (a && p && *p) {
		const char *e = strchr(p, '|'), *end = e ? e : p + strlen(p), *base = p;
		for (const char *q = p; q < end; q++)
			if (*q == '/')
				base = q + 1;
		json_array_append_new(a, json_stringn(base, (size_t)(end - base)));
		p = e ? e + 1 : NULL;
	}
	return a;
}

static json_t *common_json(const struct cc_ctf *c, int i, int t)
{
	const struct cc_challenge_rec *r = &c->rec[i];

	return json_pack("{s:s,s:s,s:s,s:s,s:f,s:o,s:o}", "id", r->id, "name", r->name,
			 "category", r->category, "description", r->description, "value",
			 value_now(c, i, t < 0 ? 0 : t, false), "hints", hints_json(c, i, t),
			 "files", files_json(r->files));
}

json_t *cc_challenges_player_json(const struct cc_ctf *c, int t)
{
	json_t *arr = json_array();

	for (int i = 0; arr && i < c->n; i++) {
		json_t *o;
		if (!cc_ctf_visible(c, i, t))
			continue;
		o = common_json(c, i, t);
		json_object_set_new(o, "solved", json_boolean(cc_ctf_solved(c, i, t)));
		json_object_set_new(o, "attempts_left", json_null());
		json_array_append_new(arr, o);
	}
	return arr;
}

int cc_challenges_list(struct cc_store *s, const char *drill, const char *team, double now,
		       json_t **out, struct cc_error *err)
{
	struct cc_ctf c;
	int rc = cc_ctf_load(s, drill, now, &c, err), t = rc ? -1 : cc_ctf_team(&c, team);
	size_t k;
	json_t *o;

	*out = NULL;
	if (!rc && team && t < 0)
		rc = cc_error_set(err, CC_ENOTFOUND, "team", 0, 0, "no team %.100s", team);
	if (!rc)
		*out = team ? cc_challenges_player_json(&c, t) : cc_challenges_staff_json(&c);
	json_array_foreach(team && *out ? *out : NULL, k, o) {
		int i = cc_ctf_challenge(&c, json_string_value(json_object_get(o, "id"))), left;
		if (rc || i < 0 || c.rec[i].max_attempts == 0)
			continue;
		rc = wrong_left(s, drill, &c, i, team, &left, err);
		json_object_set_new(o, "attempts_left", json_integer(left));
	}
	if (rc) {
		json_decref(*out);
		*out = NULL;
	} else if (!*out) {
		rc = cc_error_set(err, CC_ENOMEM, NULL, 0, 0, "out of memory");
	}
	cc_ctf_free(&c);
	return rc;
}

json_t *cc_challenges_staff_json(const struct cc_ctf *c)
{
	json_t *arr = json_array();

	for (int i = 0; arr && i < c->n; i++) {
		const struct cc_challenge_rec *r = &c->rec[i];
		json_t *o = common_json(c, i, -1), *fl = json_array();
		for (int f = 0; f < c->ch[i].nflags; f++) {
			const struct cc_flag *x = &c->ch[i].flags[f];
			json_t *fo = json_pack("{s:s}", "type", x->type == CC_FLAG_REGEX ? "regex" :
					       x->type == CC_FLAG_STATIC ? "static" :
					       "case_insensitive");
			if (x->type == CC_FLAG_REGEX)
				json_object_set_new(fo, "regex", json_string(x->value));
			json_array_append_new(fl, fo);
		}
		json_object_set_new(o, "flags", fl);
		json_object_set_new(o, "hidden", json_boolean(r->hidden));
		json_object_set_new(o, "max_attempts", json_integer(r->max_attempts));
		json_object_set_new(o, "opens_at", isnan(r->opens_at) ? json_null() :
				    json_real(r->opens_at));
		json_object_set_new(o, "requires", files_json(r->requires));
		json_object_set_new(o, "objective", r->objective ? json_string(r->objective) :
				    json_null());
		if (!isnan(r->initial))
			json_object_set_new(o, "dynamic", json_pack("{s:f,s:f,s:f,s:s}", "initial",
					    r->initial, "minimum", r->minimum, "decay", r->decay,
					    "function", r->function ? r->function : "logarithmic"));
		json_array_append_new(arr, o);
	}
	return arr;
}
