/*
 * http_session.c - signing in and out: POST /api/v1/session (email and
 * password -> session cookie + CSRF token), DELETE /api/v1/session, and
 * GET /api/v1/me, and POST /api/v1/password (a one-time set-password
 * token). Failed sign-ins are limited per address and per email (a
 * sliding window kept in the database, so that it holds across servers):
 * the sixth failure within LOGIN_WINDOW_S seconds gets 429 until the
 * window has passed; bad set-password tokens likewise, per address.
 */
#include "router.h"

#include "../service/auth.h"
#include "../store/store_skills.h"

#include <microhttpd.h>
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#define LOGIN_MAX_FAILURES 5
#define LOGIN_WINDOW_S 300

/* The hex SHA-256 of a counting key: the database keeps no address. */
static void key_hash(const char *key, char out[65])
{
	unsigned char d[crypto_hash_sha256_BYTES];

	crypto_hash_sha256(d, (const unsigned char *)key, strlen(key));
	sodium_bin2hex(out, 65, d, sizeof(d));
}

/* Seconds until key may try again (0: now). The failures are in the
 * database, so that every server of one database counts them; when it
 * cannot be read, nobody is held back by it (sign-in itself then fails). */
static int blocked_for(struct cc_req *req, const char *key, time_t now)
{
	char h[65];
	long long oldest;
	int n = 0, rc;

	key_hash(key, h);
	pthread_mutex_lock(req->store_lock);
	rc = cc_store_failures(req->store, h, (long long)now - LOGIN_WINDOW_S, LOGIN_MAX_FAILURES,
			       &n, &oldest, NULL);
	pthread_mutex_unlock(req->store_lock);
	if (rc || n < LOGIN_MAX_FAILURES)
		return 0;
	return (int)(LOGIN_WINDOW_S - (now - oldest));
}

static void record_failure(struct cc_req *req, const char *key, time_t now)
{
	char h[65];

	key_hash(key, h);
	pthread_mutex_lock(req->store_lock);
	cc_store_failure_add(req->store, h, (long long)now, LOGIN_WINDOW_S, NULL);
	pthread_mutex_unlock(req->store_lock);
}

static void forget_failures(struct cc_req *req, const char *key)
{
	char h[65];

	key_hash(key, h);
	pthread_mutex_lock(req->store_lock);
	cc_store_failures_forget(req->store, h, NULL);
	pthread_mutex_unlock(req->store_lock);
}

/* The caller as JSON; a respondent grant names the respondent record
 * ("respondent": id) so that the web can route a respondent to it. */
/* The risk workshops the user takes part in (participants hold no role):
 * [{"assessment", "title", "unit", "participant", "rated"}], as "My work"
 * lists them; an assessment that cannot be read is left out. */
static json_t *risk_workshops(struct cc_req *req, long long user)
{
	json_t *out = json_array();
	struct cc_list l, a;
	struct cc_error err;

	pthread_mutex_lock(req->store_lock);
	if (cc_store_participations(req->store, user, &l, &err) == CC_OK) {
		for (int i = 0; i < l.n; i++) {
			const struct cc_participant_rec *p = &((struct cc_participant_rec *)l.items)[i];
			const struct cc_risk_assessment_rec *r;

			if (cc_store_risk_assessment(req->store, p->assessment, &a, &err) != CC_OK)
				continue;
			r = a.items;
			json_array_append_new(out, json_pack("{s:s,s:s,s:s,s:I,s:i}", "assessment",
							     r->id, "title", r->title, "unit", r->unit,
							     "participant", (json_int_t)p->id,
							     "rated", p->rated));
			cc_list_free(&a);
		}
		cc_list_free(&l);
	}
	pthread_mutex_unlock(req->store_lock);
	return out;
}

/* The cohorts person trains (an enrolment as trainer, enrolled or active,
 * as the service lets them in), appended to a as {programme, cohort, name}. */
static void trained(struct cc_store *s, long long person, json_t *a)
{
	struct cc_list el, co;
	struct cc_error err;

	if (cc_store_skills_person_enrolments(s, person, &el, &err) != CC_OK)
		return;
	for (int i = 0; i < el.n; i++) {
		const struct cc_senrol_rec *e = &((struct cc_senrol_rec *)el.items)[i];
		const struct cc_scohort_rec *c;

		if (strcmp(e->role, "trainer") ||
		    (strcmp(e->status, "enrolled") && strcmp(e->status, "active")) ||
		    cc_store_skills_cohort(s, e->cohort, &co, &err) != CC_OK)
			continue;
		c = co.items;
		json_array_append_new(a, json_pack("{s:s,s:s,s:s}", "programme", c->programme,
						   "cohort", c->id, "name", c->name));
		cc_list_free(&co);
	}
	cc_list_free(&el);
}

/* The user's roles in skills programmes ([{"role", "programme"}], a
 * coordinator or sponsor), whether a person record of theirs takes part
 * in one (skills_person) and the cohorts they train (skills_trainer), so
 * that "My work" can point to them. */
static void skills_of(struct cc_req *req, long long user, json_t *o)
{
	json_t *out = json_array(), *teach = json_array();
	struct cc_list l;
	struct cc_error err;
	long long person = 0;

	pthread_mutex_lock(req->store_lock);
	if (cc_store_skills_members(req->store, user, &l, &err) == CC_OK) {
		for (int i = 0; i < l.n; i++) {
			const struct cc_smember_rec *m = &((struct cc_smember_rec *)l.items)[i];
			json_array_append_new(out, json_pack("{s:s,s:s}", "role", m->role,
							     "programme", m->programme));
		}
		cc_list_free(&l);
	}
	if (cc_store_skills_person_of_user(req->store, user, &person, &err) != CC_OK)
		person = 0;
	if (person)
		trained(req->store, person, teach);
	pthread_mutex_unlock(req->store_lock);
	json_object_set_new(o, "skills", out);
	json_object_set_new(o, "skills_person", json_boolean(person != 0));
	json_object_set_new(o, "skills_trainer", teach);
}

static json_t *user_json(struct cc_req *req, const struct cc_principal *p)
{
	json_t *out;
	json_t *grants = json_array();

	for (int i = 0; i < p->ngrants; i++) {
		const struct cc_grant *g = &p->grants[i];
		json_t *o = json_pack("{s:s,s:s?,s:s?}", "role", g->role,
				      "unit", g->unit[0] ? g->unit : NULL,
				      "campaign", g->campaign[0] ? g->campaign : NULL);
		struct cc_list l;
		struct cc_error err;

		if (strcmp(g->role, "respondent") == 0) {
			pthread_mutex_lock(req->store_lock);
			if (cc_store_respondent(req->store, g->campaign, g->unit, 0, p->id, &l,
						&err) == CC_OK) {
				json_object_set_new(o, "respondent", json_integer(
					((struct cc_respondent_rec *)l.items)->id));
				cc_list_free(&l);
			}
			pthread_mutex_unlock(req->store_lock);
		}
		json_array_append_new(grants, o);
	}
	out = json_pack("{s:I,s:s,s:s,s:o,s:o}", "id", (json_int_t)p->id, "email", p->email,
			"name", p->name, "roles", grants, "risk_workshops",
			risk_workshops(req, p->id));
	if (out)
		skills_of(req, p->id, out);
	return out;
}

/* Seconds until a caller limited under these keys may try again (0: now). */
static int wait_for(struct cc_req *req, const char *k1, const char *k2, time_t now)
{
	int a = blocked_for(req, k1, now), b = k2 ? blocked_for(req, k2, now) : 0;

	return a > b ? a : b;
}

static int too_many(struct cc_resp *resp, int wait, const char *what)
{
	resp->retry_after = wait;
	return cc_resp_error(resp, 429, "too_many_attempts", NULL,
			     "too many failed %s; try again in %d seconds", what, wait);
}

int cc_h_login(struct cc_req *req, struct cc_resp *resp)
{
	json_t *body = cc_req_json(req, resp), *e, *pw;
	struct cc_principal p;
	struct cc_error err;
	char token[65], kip[300], kmail[300];
	time_t now = time(NULL);
	int wait, rc;

	if (!body)
		return CC_OK;
	e = json_object_get(body, "email");
	pw = json_object_get(body, "password");
	if (!json_is_string(e) || !json_is_string(pw) || json_string_length(e) > 254 ||
	    json_string_length(pw) > 1024) {
		const char *field = !json_is_string(e) || json_string_length(e) > 254 ?
			"email" : "password";
		json_decref(body);
		return cc_resp_error(resp, 400, "bad_request", field,
				     "send {\"email\": ..., \"password\": ...}");
	}
	snprintf(kip, sizeof(kip), "ip:%s", req->client_ip ? req->client_ip : "?");
	snprintf(kmail, sizeof(kmail), "email:%s", json_string_value(e));
	wait = wait_for(req, kip, kmail, now);
	if (wait > 0) {
		json_decref(body);
		return too_many(resp, wait, "sign-ins");
	}
	pthread_mutex_lock(req->store_lock);
	rc = cc_auth_login(req->store, json_string_value(e), json_string_value(pw), token, &p, &err);
	pthread_mutex_unlock(req->store_lock);
	json_decref(body);
	if (rc == CC_EINPUT) {
		record_failure(req, kip, now);
		record_failure(req, kmail, now);
		return cc_resp_error(resp, 401, "unauthenticated", NULL, "wrong email or password");
	}
	if (rc)
		return cc_resp_from_error(resp, &err, 400);
	forget_failures(req, kmail);
	snprintf(resp->cookie, sizeof(resp->cookie),
		 "cc_session=%s; Path=/; HttpOnly; SameSite=Lax; Max-Age=%d%s", token,
		 CC_SESSION_TTL, req->tls ? "; Secure" : "");
	cc_resp_json(resp, 200, json_pack("{s:o,s:s}", "user", user_json(req, &p),
					  "csrf_token", p.csrf));
	resp->etag = 0;
	return CC_OK;
}

int cc_h_logout(struct cc_req *req, struct cc_resp *resp)
{
	const char *token = MHD_lookup_connection_value(req->conn, MHD_COOKIE_KIND, "cc_session");
	struct cc_error err;

	if (token && req->who->id) {
		pthread_mutex_lock(req->store_lock);
		cc_auth_logout(req->store, token, &err);
		pthread_mutex_unlock(req->store_lock);
	}
	snprintf(resp->cookie, sizeof(resp->cookie),
		 "cc_session=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0%s",
		 req->tls ? "; Secure" : "");
	cc_resp_json(resp, 200, json_pack("{s:b}", "signed_in", 0));
	resp->etag = 0;
	return CC_OK;
}

int cc_h_me(struct cc_req *req, struct cc_resp *resp)
{
	if (!req->who->id)
		return cc_resp_error(resp, 401, "unauthenticated", NULL, "not signed in");
	cc_resp_json(resp, 200, json_pack("{s:o,s:s?}", "user", user_json(req, req->who),
					  "csrf_token", req->who->bearer ? NULL : req->who->csrf));
	resp->etag = 0;
	return CC_OK;
}

/* POST /api/v1/password {"token", "password"}: a one-time set-password
 * token (auth.h) sets its account's password and is burnt. Unknown, used
 * or expired tokens count as failures, limited per address as sign-ins
 * are (a separate window, so that one does not lock out the other). */
int cc_h_set_password(struct cc_req *req, struct cc_resp *resp)
{
	json_t *body = cc_req_json(req, resp), *t, *pw;
	struct cc_error err;
	char kip[300];
	time_t now = time(NULL);
	int wait, rc;

	if (!body)
		return CC_OK;
	t = json_object_get(body, "token");
	pw = json_object_get(body, "password");
	if (!json_is_string(t) || !json_is_string(pw)) {
		const char *field = !json_is_string(t) ? "token" : "password";
		json_decref(body);
		return cc_resp_error(resp, 422, "invalid", field,
				     "send {\"token\": ..., \"password\": ...}");
	}
	snprintf(kip, sizeof(kip), "setup-ip:%s", req->client_ip ? req->client_ip : "?");
	wait = wait_for(req, kip, NULL, now);
	if (wait > 0) {
		json_decref(body);
		return too_many(resp, wait, "set-password attempts");
	}
	cc_error_clear(&err);
	pthread_mutex_lock(req->store_lock);
	rc = cc_auth_use_setup(req->store, json_string_value(t), json_string_value(pw), &err);
	pthread_mutex_unlock(req->store_lock);
	json_decref(body);
	if (rc == CC_ENOTFOUND) {
		record_failure(req, kip, now);
		return cc_resp_error(resp, 400, "bad_token", "token", "%s", err.msg);
	}
	if (rc)
		return cc_resp_from_error(resp, &err, 422);
	cc_resp_json(resp, 200, json_pack("{s:b}", "password_set", 1));
	resp->etag = 0;
	return CC_OK;
}
