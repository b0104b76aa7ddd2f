/*
 * http_challenges.c - the technical challenges of a drill over HTTP
 * (docs/api.md, "Challenges"; service/challenges.h): players list the
 * challenges their team may see, submit flags and unlock hints, and
 * download a challenge's files; everyone in the drill reads the
 * scoreboard (players and observers the frozen one after the freeze,
 * staff the live one); controllers add, change and hide challenges,
 * award points, read the submissions and set the board.
 *
 * No route here sends a flag to a player: the player's list is built
 * from definitions without flags (challenge_play.c), and wrong answers
 * are read by staff only.
 */
#include "http_drill.h"

#include "live.h"

#include "../service/challenge_writer.h"
#include "../service/challenges.h"
#include "../service/scenario_cache.h"
#include "ctf_boards.h"

#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#define D(req) ((req)->params[0])
#define C(req) ((req)->params[1])

#define CONTROL (CC_DR_DIRECTOR | CC_DR_CONTROLLER)

/* 1 when the caller holds one of the roles in mask, else 0 after 403. */
static int may(struct cc_req *req, struct cc_resp *resp, unsigned mask, unsigned *roles,
	       char *team)
{
	if (!cc__drill_may(req, resp, CC_DRILL_VIEW, roles, team))
		return 0;
	if (*roles & mask)
		return 1;
	cc_resp_error(resp, 403, "forbidden", NULL, "your role in drill %s does not allow this",
		      D(req));
	return 0;
}

static int locked(struct cc_req *req, struct cc_ctf *c, struct cc_error *err)
{
	int rc;

	pthread_mutex_lock(req->store_lock);
	rc = cc_ctf_load(req->store, D(req), cc_live_now(), c, err);
	pthread_mutex_unlock(req->store_lock);
	return rc;
}

/* s's text at key, as the scenario's translation has it, when the drill's
 * copy is still the scenario's own (a controller's edit stays as written). */
static void own_to_lang(json_t *o, const char *key, const char *own, const char *tr)
{
	const char *now = json_string_value(json_object_get(o, key));

	if (now && own && tr && strcmp(now, own) == 0)
		json_object_set_new(o, key, json_string(tr));
}

/* The board's challenges (arr) in the reader's language, from the drill
 * scenario's translations (docs/scenario-format.md "Translations"). */
static void challenges_in_lang(struct cc_req *req, struct cc_resp *resp, json_t *arr)
{
	const struct cc_scenario *sc = NULL, *v;
	const struct cc_drill_rec *d;
	struct cc_list l;
	json_t *o, *h;
	size_t k, j;
	int lang;
	const char *q = cc_req_query(req, "lang"), *al = cc_req_header(req, "Accept-Language");

	/* the board is read often during play: no store or cache work for a
	 * reader who asks for the scenario's own language (the web says "en") */
	resp->vary_lang = !q;
	if ((q && strncmp(q, "en", 2) == 0 && (!q[2] || q[2] == '-')) ||
	    (!q && (!al || (strncasecmp(al, "en", 2) == 0 && strchr(",;- ", al[2] ? al[2] : ' ')))))
		return;
	pthread_mutex_lock(req->store_lock);
	if (cc_store_drill(req->store, D(req), &l, NULL) == CC_OK) {
		d = l.items;
		if (cc_scenario_cache_get(req->store, req->data_dir, d->scenario, d->scenario_hash,
					  &sc, NULL) != CC_OK)
			sc = NULL;
		cc_list_free(&l);
	}
	pthread_mutex_unlock(req->store_lock);
	if (!sc)
		return;
	lang = cc__scenario_lang(req, resp, sc);
	v = cc_scenario_in(sc, lang);
	json_array_foreach(lang >= 0 ? arr : NULL, k, o) {
		int i = cc_scenario_challenge(sc, json_string_value(json_object_get(o, "id")));
		const struct cc_challenge *a, *b;
		if (i < 0)
			continue;
		a = &sc->challenges[i];
		b = &v->challenges[i];
		own_to_lang(o, "name", a->name, b->name);
		own_to_lang(o, "category", a->category, b->category);
		own_to_lang(o, "description", a->description, b->description);
		json_array_foreach(json_object_get(o, "hints"), j, h) {
			const char *id = json_string_value(json_object_get(h, "id"));
			for (int x = 0; id && x < a->nhints; x++)
				if (strcmp(a->hints[x].id, id) == 0)
					own_to_lang(h, "text", a->hints[x].text, b->hints[x].text);
		}
	}
	cc_scenario_cache_release(sc);
}

int cc_h_challenges(struct cc_req *req, struct cc_resp *resp)
{
	struct cc_error err;
	unsigned roles;
	char team[129];
	json_t *o = NULL;
	int rc;

	if (!may(req, resp, CC_DR_PLAYER | CC_DR_STAFF, &roles, team))
		return CC_OK;
	cc_error_clear(&err);
	pthread_mutex_lock(req->store_lock);
	rc = cc_challenges_list(req->store, D(req), roles & CC_DR_STAFF ? NULL : team,
				cc_live_now(), &o, &err);
	pthread_mutex_unlock(req->store_lock);
	if (!rc && o)
		challenges_in_lang(req, resp, json_is_array(o) ? o : json_object_get(o, "challenges"));
	return cc__drill_reply(resp, rc, &err, 200, o);
}

static int put(struct cc_req *req, struct cc_resp *resp, bool create)
{
	struct cc_error err;
	unsigned roles;
	char team[129];
	json_t *body;
	const char *id;
	int rc;

	if (!may(req, resp, CONTROL, &roles, team) || !(body = cc_req_json(req, resp)))
		return CC_OK;
	id = create ? json_string_value(json_object_get(body, "id")) : C(req);
	cc_error_clear(&err);
	pthread_mutex_lock(req->store_lock);
	rc = cc_challenges_put(req->store, D(req), id, body, create, req->who->email,
			       cc_live_now(), &err);
	pthread_mutex_unlock(req->store_lock);
	if (!rc)
		cc__drill_changed(req);
	rc = cc__drill_reply(resp, rc, &err, create ? 201 : 200, rc ? NULL :
			     json_pack("{s:s,s:s}", "drill", D(req), "id", id));
	json_decref(body);
	return rc;
}

int cc_h_challenge_add(struct cc_req *req, struct cc_resp *resp)
{
	return put(req, resp, true);
}

int cc_h_challenge_patch(struct cc_req *req, struct cc_resp *resp)
{
	return put(req, resp, false);
}

static int attempt_reply(struct cc_resp *resp, const struct cc_attempt_result *r)
{
	json_t *o;

	switch (r->outcome) {
	case CC_AT_NOT_RUNNING:
		return cc_resp_error(resp, 403, "not_running", NULL, "flags are taken only while "
				     "the drill runs");
	case CC_AT_HIDDEN:
		return cc_resp_error(resp, 403, "forbidden", NULL, "your team cannot see this "
				     "challenge");
	case CC_AT_LOCKED:
		return cc_resp_error(resp, 403, "locked", NULL, "your team has no attempts left "
				     "on this challenge");
	case CC_AT_RATE:
		resp->retry_after = r->retry_after;
		return cc_resp_error(resp, 429, "rate_limited", NULL, "too many wrong answers: try "
				     "again in %d s", r->retry_after);
	default:
		break;
	}
	o = json_pack("{s:b}", "correct", r->outcome == CC_AT_CORRECT);
	if (r->outcome == CC_AT_ALREADY)
		json_object_set_new(o, "already_solved", json_true());
	if (r->outcome == CC_AT_CORRECT)
		json_object_set_new(o, "value", json_real(r->value));
	if (r->outcome == CC_AT_WRONG)
		json_object_set_new(o, "attempts_left", r->attempts_left < 0 ? json_null() :
				    json_integer(r->attempts_left));
	return cc__drill_reply(resp, CC_OK, NULL, 200, o);
}

/* An attempt on its way through the writer (challenge_writer.h). */
struct pending {
	struct cc_deferred d;       /* first: the server hands back d */
	struct cc_ctf_job job;
	char drill[130], challenge[130], team[129];
	char *flag;
};

static int attempt_answer(struct cc_resp *resp, const struct cc_ctf_job *job)
{
	if (job->rc)
		return cc__drill_reply(resp, job->rc, &job->err, 200, NULL);
	return attempt_reply(resp, &job->r);
}

static void pending_done(struct cc_ctf_job *job)
{
	cc_req_resume(&((struct pending *)job->arg)->d);
}

static void pending_reply(struct cc_deferred *d, struct cc_resp *resp)
{
	attempt_answer(resp, &((struct pending *)d)->job);
}

static void pending_free(struct cc_deferred *d)
{
	struct pending *p = (struct pending *)d;

	free(p->flag);
	free(p);
}

static struct pending *pending_new(struct cc_req *req, const char *team, const char *flag)
{
	struct pending *p = calloc(1, sizeof(*p));

	if (!p || !(p->flag = strdup(flag))) {
		free(p);
		return NULL;
	}
	snprintf(p->drill, sizeof(p->drill), "%s", D(req));
	snprintf(p->challenge, sizeof(p->challenge), "%s", C(req));
	snprintf(p->team, sizeof(p->team), "%s", team);
	p->job = (struct cc_ctf_job){.drill = p->drill, .challenge = p->challenge,
				     .team = p->team, .flag = p->flag, .user = req->who->id};
	p->d = (struct cc_deferred){req->conn, 0, pending_reply, pending_free};
	return p;
}

/* Decided by the writer with the other attempts of its batch; the
 * connection waits suspended (or, embedded, this thread waits). */
int cc_h_challenge_attempt(struct cc_req *req, struct cc_resp *resp)
{
	unsigned roles;
	char team[129];
	const char *flag;
	struct pending *p;
	json_t *body;
	int rc;

	if (!may(req, resp, CC_DR_PLAYER, &roles, team) || !(body = cc_req_json(req, resp)))
		return CC_OK;
	if (!cc_json_text(body, "flag", false, 4096, &flag, resp)) {
		json_decref(body);
		return CC_OK;
	}
	p = pending_new(req, team, flag);
	json_decref(body);
	if (!p)
		return cc_resp_error(resp, 500, "internal", NULL, "out of memory");
	p->job.done = pending_done;
	p->job.arg = p;
	if (cc_req_defer(req, resp, &p->d)) {
		cc_ctf_writer_submit(req->writer, &p->job);
		return CC_OK;
	}
	cc_ctf_writer_wait(req->writer, &p->job);
	rc = attempt_answer(resp, &p->job);
	pending_free(&p->d);
	return rc;
}

int cc_h_challenge_unlock(struct cc_req *req, struct cc_resp *resp)
{
	struct cc_error err;
	unsigned roles;
	char team[129], *text = NULL;
	int rc;

	if (!may(req, resp, CC_DR_PLAYER, &roles, team))
		return CC_OK;
	cc_error_clear(&err);
	pthread_mutex_lock(req->store_lock);
	rc = cc_challenges_unlock(req->store, D(req), C(req), req->params[2], req->who, team,
				  cc_live_now(), &text, &err);
	pthread_mutex_unlock(req->store_lock);
	if (rc == CC_ENOTFOUND || rc == CC_ECONFLICT)
		return cc_resp_error(resp, 403, rc == CC_ENOTFOUND ? "forbidden" : "refused",
				     err.file, "%s", err.msg);
	if (!rc)
		cc__drill_changed(req);
	rc = cc__drill_reply(resp, rc, &err, 200, rc ? NULL : json_pack("{s:s,s:s,s:s}",
			     "challenge", C(req), "hint", req->params[2], "text", text));
	free(text);
	return rc;
}

/* The stored path of file name (a base name) of challenge i, or 0. */
static int file_path(struct cc_req *req, const struct cc_ctf *c, int i, const char *name,
		     char *out, size_t size)
{
	struct cc_list l;
	struct cc_error err;
	const char *p = c->rec[i].files;
	int ok = 0;

	pthread_mutex_lock(req->store_lock);
	if (cc_store_drill(req->store, D(req), &l, &err) == CC_OK) {
		const char *hash = ((const struct cc_drill_rec *)l.items)->scenario_hash;
		while (p && *p && !ok) {
			const char *e = strchr(p, '|'), *end = e ? e : p + strlen(p), *base = p;
			for (const char *q = p; q < end; q++)
				if (*q == '/')
					base = q + 1;
			if ((size_t)(end - base) == strlen(name) && !strncmp(base, name, strlen(name)) &&
			    strchr(name, '/') == NULL && name[0] != '.')
				ok = snprintf(out, size, "%s/scenario-files/%s/%.*s", req->data_dir, hash,
					      (int)(end - p), p) < (int)size;
			p = e ? e + 1 : NULL;
		}
		cc_list_free(&l);
	}
	pthread_mutex_unlock(req->store_lock);
	return ok;
}

int cc_h_challenge_file(struct cc_req *req, struct cc_resp *resp)
{
	struct cc_error err;
	struct cc_ctf c;
	unsigned roles;
	char team[129], path[4600];
	struct stat st;
	int i, t, fd = -1, ok = 0;

	if (!may(req, resp, CC_DR_PLAYER | CC_DR_STAFF, &roles, team))
		return CC_OK;
	cc_error_clear(&err);
	if (locked(req, &c, &err)) {
		cc_ctf_free(&c);
		return cc_resp_from_error(resp, &err, 400);
	}
	i = cc_ctf_challenge(&c, C(req));
	t = cc_ctf_team(&c, team);
	if (i >= 0 && ((roles & CC_DR_STAFF) || (t >= 0 && cc_ctf_visible(&c, i, t))))
		ok = file_path(req, &c, i, req->params[2], path, sizeof(path));
	cc_ctf_free(&c);
	if (!ok)
		return cc_resp_error(resp, roles & CC_DR_STAFF ? 404 : 403, "forbidden", NULL,
				     "there is no such file for your team");
	fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0 || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		if (fd >= 0)
			close(fd);
		return cc_resp_error(resp, 404, "not_found", NULL, "the file is not stored");
	}
	resp->status = 200;
	resp->fd = fd;
	resp->fd_size = (size_t)st.st_size;
	resp->content_type = "application/octet-stream";
	snprintf(resp->disposition, sizeof(resp->disposition), "attachment; filename=\"%s\"",
		 req->params[2]);
	return CC_OK;
}

static int board(struct cc_req *req, struct cc_resp *resp, bool series)
{
	const char *bracket = cc_req_query(req, "bracket");
	struct cc_error err;
	unsigned roles;
	char team[129], *text;
	size_t len;

	if (!may(req, resp, CC_DR_ANY, &roles, team))
		return CC_OK;
	cc_error_clear(&err);
	/* the board in memory, rendered once per change (ctf_boards.h) */
	if (cc_ctf_boards_text(req->boards, D(req), cc_live_now(), roles & CC_DR_STAFF,
			       bracket && *bracket && !series ? bracket : NULL, series, &text, &len,
			       &err))
		return cc_resp_from_error(resp, &err, 400);
	cc_resp_body(resp, 200, "application/json; charset=utf-8", text, len);
	return CC_OK;
}

int cc_h_scoreboard(struct cc_req *req, struct cc_resp *resp)
{
	return board(req, resp, false);
}

int cc_h_scoreboard_series(struct cc_req *req, struct cc_resp *resp)
{
	return board(req, resp, true);
}

int cc_h_award(struct cc_req *req, struct cc_resp *resp)
{
	struct cc_error err;
	unsigned roles;
	char team[129];
	const char *t, *reason;
	json_t *body, *v;
	long long id = 0;
	int rc;

	if (!may(req, resp, CONTROL, &roles, team) || !(body = cc_req_json(req, resp)))
		return CC_OK;
	v = json_object_get(body, "value");
	if (!cc_json_text(body, "team", false, 200, &t, resp) ||
	    !cc_json_text(body, "reason", false, 2000, &reason, resp)) {
		json_decref(body);
		return CC_OK;
	}
	if (!json_is_number(v)) {
		json_decref(body);
		return cc_resp_error(resp, 422, "invalid", "value", "value is a number of points "
				     "(negative: a deduction)");
	}
	cc_error_clear(&err);
	pthread_mutex_lock(req->store_lock);
	rc = cc_challenges_award(req->store, D(req), t, json_number_value(v), reason,
				 req->who->email, cc_live_now(), &id, &err);
	pthread_mutex_unlock(req->store_lock);
	if (!rc)
		cc__drill_changed(req);
	rc = cc__drill_reply(resp, rc, &err, 201, rc ? NULL : json_pack("{s:I,s:s,s:f,s:s}", "id",
			     (json_int_t)id, "team", t, "value", json_number_value(v), "reason",
			     reason));
	json_decref(body);
	return rc;
}

/* The staff's lists of a drill (awards, submissions): fetch fills the
 * list under the store lock, row turns item i into JSON; the reply is
 * {"drill", KEY: [...]}. */
typedef int (*staff_fetch_fn)(struct cc_req *req, struct cc_list *l, struct cc_error *err);
typedef json_t *(*staff_row_fn)(const struct cc_list *l, int i);

static int staff_list(struct cc_req *req, struct cc_resp *resp, const char *key,
		      staff_fetch_fn fetch, staff_row_fn row)
{
	struct cc_error err;
	struct cc_list l;
	unsigned roles;
	char team[129];
	json_t *a;
	int rc;

	if (!may(req, resp, CC_DR_STAFF, &roles, team))
		return CC_OK;
	cc_error_clear(&err);
	pthread_mutex_lock(req->store_lock);
	rc = fetch(req, &l, &err);
	pthread_mutex_unlock(req->store_lock);
	if (rc)
		return cc_resp_from_error(resp, &err, 400);
	a = json_array();
	for (int i = 0; i < l.n; i++)
		json_array_append_new(a, row(&l, i));
	cc_list_free(&l);
	return cc__drill_reply(resp, CC_OK, NULL, 200, json_pack("{s:s,s:o}", "drill", D(req),
			       key, a));
}

static int fetch_awards(struct cc_req *req, struct cc_list *l, struct cc_error *err)
{
	return cc_store_awards(req->store, D(req), l, err);
}

static json_t *award_row(const struct cc_list *l, int i)
{
	const struct cc_award_rec *r = &((const struct cc_award_rec *)l->items)[i];

	return json_pack("{s:I,s:s,s:f,s:s,s:s,s:o,s:f}", "id", (json_int_t)r->id, "team",
			 r->team, "value", r->value, "reason", r->reason, "by", r->by, "at",
			 cc__json_wall(r->at), "clock", r->clock);
}

int cc_h_awards(struct cc_req *req, struct cc_resp *resp)
{
	return staff_list(req, resp, "awards", fetch_awards, award_row);
}

static int fetch_attempts(struct cc_req *req, struct cc_list *l, struct cc_error *err)
{
	return cc_store_attempts(req->store, D(req), cc_req_query(req, "team"), l, err);
}

static json_t *attempt_row(const struct cc_list *l, int i)
{
	const struct cc_attempt_rec *r = &((const struct cc_attempt_rec *)l->items)[i];

	return json_pack("{s:I,s:s,s:s,s:s,s:s,s:o,s:o,s:f}", "id", (json_int_t)r->id,
			 "challenge", r->challenge, "team", r->team, "player", r->name, "outcome",
			 r->outcome, "text", r->text ? json_string(r->text) : json_null(), "at",
			 cc__json_wall(r->at), "clock", r->clock);
}

int cc_h_submissions(struct cc_req *req, struct cc_resp *resp)
{
	return staff_list(req, resp, "submissions", fetch_attempts, attempt_row);
}

int cc_h_board_settings(struct cc_req *req, struct cc_resp *resp)
{
	struct cc_error err;
	unsigned roles;
	char team[129];
	json_t *body, *f;
	double freeze = NAN;
	int rc;

	if (!may(req, resp, CONTROL, &roles, team) || !(body = cc_req_json(req, resp)))
		return CC_OK;
	f = json_object_get(body, "freeze");
	if (f && !json_is_null(f) && !json_is_number(f)) {
		json_decref(body);
		return cc_resp_error(resp, 422, "invalid", "freeze", "freeze is minutes of play, "
				     "or null for none");
	}
	if (f && json_is_number(f))
		freeze = json_number_value(f);
	cc_error_clear(&err);
	pthread_mutex_lock(req->store_lock);
	rc = cc_challenges_settings(req->store, D(req), freeze, f != NULL,
				    json_object_get(body, "brackets"), req->who->email, &err);
	pthread_mutex_unlock(req->store_lock);
	json_decref(body);
	if (!rc)
		cc__drill_changed(req);
	return cc__drill_reply(resp, rc, &err, 200, rc ? NULL : json_pack("{s:s}", "drill",
			       D(req)));
}
