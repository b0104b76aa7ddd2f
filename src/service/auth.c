/*
 * auth.c - passwords, sessions and the role rules (see auth.h).
 */
#include "auth.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

int cc_auth_hash_password(const char *password, char *out, size_t size)
{
	if (size < crypto_pwhash_STRBYTES)
		return CC_EINPUT;
	if (crypto_pwhash_str(out, password, strlen(password),
			      crypto_pwhash_OPSLIMIT_INTERACTIVE,
			      crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
		return CC_ENOMEM;
	return CC_OK;
}

bool cc_auth_check_password(const char *hash, const char *password)
{
	return hash && *hash &&
	       crypto_pwhash_str_verify(hash, password, strlen(password)) == 0;
}

static void token_hash(const char *token, char out[65])
{
	unsigned char d[crypto_hash_sha256_BYTES];

	crypto_hash_sha256(d, (const unsigned char *)token, strlen(token));
	sodium_bin2hex(out, 65, d, sizeof(d));
}

static void random_hex(char *out, size_t bytes)
{
	unsigned char r[64];

	randombytes_buf(r, bytes);
	sodium_bin2hex(out, bytes * 2 + 1, r, bytes);
}

int cc_auth_load(struct cc_store *s, long long user, struct cc_principal *p,
		 struct cc_error *err)
{
	struct cc_list users, grants;
	const struct cc_user_rec *u;
	int rc = cc_store_user(s, NULL, user, &users, err);

	if (rc)
		return rc;
	u = users.items;
	p->id = u->id;
	snprintf(p->email, sizeof(p->email), "%s", u->email);
	snprintf(p->name, sizeof(p->name), "%s", u->name);
	cc_list_free(&users);
	rc = cc_store_grants(s, user, &grants, err);
	if (rc)
		return rc;
	p->ngrants = 0;
	for (int i = 0; i < grants.n && i < CC_MAX_GRANTS; i++) {
		const struct cc_grant_rec *g = &((struct cc_grant_rec *)grants.items)[i];
		struct cc_grant *d = &p->grants[p->ngrants++];
		snprintf(d->role, sizeof(d->role), "%s", g->role);
		snprintf(d->unit, sizeof(d->unit), "%s", g->unit ? g->unit : "");
		snprintf(d->campaign, sizeof(d->campaign), "%s", g->campaign ? g->campaign : "");
	}
	cc_list_free(&grants);
	return CC_OK;
}

int cc_auth_login(struct cc_store *s, const char *email, const char *password,
		  char *token, struct cc_principal *p, struct cc_error *err)
{
	/* A hash to verify against when the email is unknown, so that the
	 * answer takes as long either way. */
	static char dummy[crypto_pwhash_STRBYTES];
	struct cc_list users;
	const struct cc_user_rec *u;
	char hash[65];
	long long id;
	bool ok;
	int rc;

	if (!dummy[0] && cc_auth_hash_password("not a password", dummy, sizeof(dummy)))
		return cc_error_set(err, CC_ENOMEM, NULL, 0, 0, "out of memory");
	memset(p, 0, sizeof(*p));
	rc = cc_store_user(s, email, 0, &users, err);
	if (rc == CC_ENOTFOUND) {
		cc_auth_check_password(dummy, password);
		return cc_error_set(err, CC_EINPUT, NULL, 0, 0, "wrong email or password");
	}
	if (rc)
		return rc;
	u = users.items;
	ok = !u->disabled && cc_auth_check_password(u->password_hash, password);
	id = u->id;
	cc_list_free(&users);
	if (!ok)
		return cc_error_set(err, CC_EINPUT, NULL, 0, 0, "wrong email or password");
	random_hex(token, 32);
	random_hex(p->csrf, 32);
	token_hash(token, hash);
	rc = cc_store_create_session(s, hash, id, p->csrf, "cookie", CC_SESSION_TTL, err);
	if (!rc)
		rc = cc_auth_load(s, id, p, err);
	return rc;
}

int cc_auth_issue_token(struct cc_store *s, long long user, char *token,
			struct cc_error *err)
{
	char hash[65], csrf[65];

	random_hex(token, 32);
	random_hex(csrf, 32);
	token_hash(token, hash);
	return cc_store_create_session(s, hash, user, csrf, "bearer", CC_TOKEN_TTL, err);
}

int cc_auth_resolve(struct cc_store *s, const char *token, bool bearer,
		    struct cc_principal *p, struct cc_error *err)
{
	struct cc_list l;
	const struct cc_session_rec *r;
	char hash[65];
	long long id;
	int rc;

	memset(p, 0, sizeof(*p));
	if (strlen(token) != 64)
		return cc_error_set(err, CC_ENOTFOUND, NULL, 0, 0, "no such session");
	token_hash(token, hash);
	rc = cc_store_session(s, hash, &l, err);
	if (rc)
		return rc;
	r = l.items;
	if ((strcmp(r->kind, "bearer") == 0) != bearer) {
		cc_list_free(&l);
		return cc_error_set(err, CC_ENOTFOUND, NULL, 0, 0, "no such session");
	}
	id = r->user_id;
	snprintf(p->csrf, sizeof(p->csrf), "%s", r->csrf);
	cc_list_free(&l);
	p->bearer = bearer;
	{
		char csrf[65];
		snprintf(csrf, sizeof(csrf), "%s", p->csrf);
		rc = cc_auth_load(s, id, p, err);
		snprintf(p->csrf, sizeof(p->csrf), "%s", csrf);
	}
	return rc;
}

int cc_auth_logout(struct cc_store *s, const char *token, struct cc_error *err)
{
	char hash[65];

	token_hash(token, hash);
	return cc_store_delete_session(s, hash, err);
}

bool cc_auth_valid_role(const char *role)
{
	return strcmp(role, "admin") == 0 || strcmp(role, "analyst") == 0 ||
	       strcmp(role, "reviewer") == 0 || strcmp(role, "focal_point") == 0 ||
	       strcmp(role, "respondent") == 0;
}

bool cc_auth_is_respondent(const struct cc_principal *p, const char *campaign,
			   const char *unit)
{
	if (!p || p->id == 0 || !campaign || !unit || !*campaign || !*unit)
		return false;
	for (int i = 0; i < p->ngrants; i++)
		if (strcmp(p->grants[i].role, "respondent") == 0 &&
		    strcmp(p->grants[i].campaign, campaign) == 0 &&
		    strcmp(p->grants[i].unit, unit) == 0)
			return true;
	return false;
}

bool cc_auth_has_role(const struct cc_principal *p, const char *role)
{
	for (int i = 0; i < p->ngrants; i++)
		if (strcmp(p->grants[i].role, role) == 0)
			return true;
	return false;
}

/* What each role may do (the grant's scope is checked separately). */
static bool role_allows(const char *role, enum cc_action a)
{
	if (strcmp(role, "admin") == 0)
		return true;
	if (strcmp(role, "analyst") == 0)
		return a == CC_DO_READ_ASSESSMENT || a == CC_DO_REVIEW ||
		       a == CC_DO_VALIDATE || a == CC_DO_MANAGE_CAMPAIGN ||
		       a == CC_DO_FACILITATE || a == CC_DO_PREFILL ||
		       a == CC_DO_PLAN || a == CC_DO_RISK;
	if (strcmp(role, "reviewer") == 0)
		return a == CC_DO_READ_ASSESSMENT || a == CC_DO_REVIEW;
	if (strcmp(role, "focal_point") == 0)
		return a == CC_DO_READ_ASSESSMENT || a == CC_DO_ANSWER ||
		       a == CC_DO_FACILITATE || a == CC_DO_PREFILL ||
		       a == CC_DO_PLAN || a == CC_DO_RISK;
	/* respondent: nothing here (see cc_auth_is_respondent) */
	return false;
}

static bool in_scope(const struct cc_grant *g, const char *campaign, const char *unit)
{
	if (g->campaign[0] && (!campaign || strcmp(g->campaign, campaign) != 0))
		return false;
	if (g->unit[0] && (!unit || strcmp(g->unit, unit) != 0))
		return false;
	return true;
}

bool cc_authz(const struct cc_principal *p, enum cc_action action,
	      const char *campaign, const char *unit)
{
	if (!p || p->id == 0)
		return false;
	for (int i = 0; i < p->ngrants; i++)
		if (role_allows(p->grants[i].role, action) &&
		    in_scope(&p->grants[i], campaign, unit))
			return true;
	return false;
}

/* CC_DO_PLAN or CC_DO_RISK for unit, or (unit NULL) for some unit:
 * grants limited to a campaign do not count (plans and risk assessments
 * are in none). */
static bool unit_action(const struct cc_principal *p, enum cc_action a, const char *unit)
{
	if (unit)
		return cc_authz(p, a, NULL, unit);
	for (int i = 0; p && p->id && i < p->ngrants; i++)
		if (role_allows(p->grants[i].role, a) && !p->grants[i].campaign[0])
			return true;
	return false;
}

bool cc_auth_plan_write(const struct cc_principal *p, const char *unit)
{
	return unit_action(p, CC_DO_PLAN, unit);
}

bool cc_auth_risk(const struct cc_principal *p, const char *unit)
{
	return unit_action(p, CC_DO_RISK, unit);
}

bool cc_auth_plan_read(const struct cc_principal *p, const char *unit, bool is_public)
{
	return is_public || cc_auth_plan_write(p, unit);
}

int cc_auth_issue_setup(struct cc_store *s, long long user, char *token,
			char *expires_at, struct cc_error *err)
{
	char hash[65];

	random_hex(token, 32);
	token_hash(token, hash);
	return cc_store_put_password_token(s, hash, user, CC_SETUP_TTL, expires_at, err);
}

static int use_setup(struct cc_store *s, const char *hash, const char *pwhash,
		     struct cc_error *err)
{
	char entity[64];
	long long user;
	int rc = cc_store_take_password_token(s, hash, &user, err);

	if (rc == CC_ENOTFOUND)
		return cc_error_set(err, CC_ENOTFOUND, "token", 0, 0,
				    "this link is unknown, used or expired: ask for a new one");
	if (!rc)
		rc = cc_store_set_password(s, user, pwhash, err);
	snprintf(entity, sizeof(entity), "user:%lld", user);
	if (!rc)
		rc = cc_store_audit(s, "setup-token", "password", entity, NULL, NULL, err);
	return rc;
}

int cc_auth_use_setup(struct cc_store *s, const char *token, const char *password,
		      struct cc_error *err)
{
	char hash[65], pwhash[crypto_pwhash_STRBYTES];
	size_t n = strlen(password);
	int rc;

	if (strlen(token) != 64)
		return cc_error_set(err, CC_ENOTFOUND, "token", 0, 0,
				    "this link is unknown, used or expired: ask for a new one");
	if (n < CC_PASSWORD_MIN || n > CC_PASSWORD_MAX)
		return cc_error_set(err, CC_EINPUT, "password", 0, 0,
				    "a password has %d to %d characters", CC_PASSWORD_MIN,
				    CC_PASSWORD_MAX);
	if (cc_auth_hash_password(password, pwhash, sizeof(pwhash)))
		return cc_error_set(err, CC_ENOMEM, NULL, 0, 0, "cannot hash the password");
	token_hash(token, hash);
	rc = cc_store_begin(s, err);
	if (!rc)
		rc = use_setup(s, hash, pwhash, err);
	if (!rc)
		rc = cc_store_commit(s, err);
	if (rc)
		cc_store_rollback(s);
	sodium_memzero(pwhash, sizeof(pwhash));
	return rc;
}
