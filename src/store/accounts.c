/*
 * accounts.c - users, role grants and sessions (see store.h).
 * Secrets never reach the database: passwords as Argon2id strings, session
 * and API tokens as SHA-256 hashes.
 */
#include "store_internal.h"

#include <stdio.h>
#include <string.h>


int cc_store_create_user(struct cc_store *s, const char *email, const char *name,
			 const char *password_hash, long long *id,
			 struct cc_error *err)
{
	int rc = cc__run(s, err, "INSERT INTO user (email, name, password_hash, created_at) "
			 "VALUES (?, ?, ?, " NOW ")", "ttt", email, name,
			 password_hash ? password_hash : "");

	if (rc == CC_ECONFLICT)
		return cc_error_set(err, CC_ECONFLICT, NULL, 0, 0,
				    "a user with email %s exists already", email);
	if (!rc)
		*id = cc__last_id(s);
	return rc;
}

int cc_store_set_password(struct cc_store *s, long long user,
			  const char *password_hash, struct cc_error *err)
{
	char id[32];

	snprintf(id, sizeof(id), "%lld", user);
	return cc__run(s, err, "UPDATE user SET password_hash = ? WHERE id = ?", "tt",
		       password_hash, id);
}

static int user_row(struct cc_list *l, cc__stmt *st, void *item)
{
	struct cc_user_rec *u = item;

	u->id = cc__int64(st, 0);
	u->email = cc__col_text(l, st, 1);
	u->name = cc__col_text(l, st, 2);
	u->password_hash = cc__col_text(l, st, 3);
	u->disabled = cc__int(st, 4);
	return u->email && u->name && u->password_hash ? 0 : -1;
}

#define USER_COLS "SELECT id, email, name, password_hash, disabled FROM user "

int cc_store_user(struct cc_store *s, const char *email, long long id,
		  struct cc_list *out, struct cc_error *err)
{
	char ids[32];
	int rc;

	snprintf(ids, sizeof(ids), "%lld", id);
	rc = cc__collect(s, email ?
			 cc__prepare(s, err, USER_COLS "WHERE email = ?", "t", email) :
			 cc__prepare(s, err, USER_COLS "WHERE id = ?", "t", ids),
			 out, sizeof(struct cc_user_rec), user_row, err);
	if (!rc && out->n == 0) {
		cc_list_free(out);
		return cc_error_set(err, CC_ENOTFOUND, NULL, 0, 0, "no such user");
	}
	return rc;
}

int cc_store_users(struct cc_store *s, struct cc_list *out, struct cc_error *err)
{
	return cc__collect(s, cc__prepare(s, err, USER_COLS "ORDER BY email", ""),
			   out, sizeof(struct cc_user_rec), user_row, err);
}

int cc_store_grant(struct cc_store *s, long long user, const char *role,
		   const char *unit, const char *campaign, struct cc_error *err)
{
	char id[32];

	snprintf(id, sizeof(id), "%lld", user);
	return cc__run(s, err, "INSERT OR IGNORE INTO role_grant (user_id, role, unit_id, "
		       "campaign_id) VALUES (?, ?, ?, ?)", "tttt", id, role, unit, campaign);
}

static int grant_row(struct cc_list *l, cc__stmt *st, void *item)
{
	struct cc_grant_rec *g = item;

	g->role = cc__col_text(l, st, 0);
	g->unit = cc__col_text(l, st, 1);
	g->campaign = cc__col_text(l, st, 2);
	return g->role ? 0 : -1;
}

int cc_store_grants(struct cc_store *s, long long user, struct cc_list *out,
		    struct cc_error *err)
{
	char id[32];

	snprintf(id, sizeof(id), "%lld", user);
	return cc__collect(s, cc__prepare(s, err, "SELECT role, unit_id, campaign_id FROM "
					  "role_grant WHERE user_id = ? ORDER BY id", "t", id),
			   out, sizeof(struct cc_grant_rec), grant_row, err);
}

int cc_store_create_session(struct cc_store *s, const char *token_hash,
			    long long user, const char *csrf, const char *kind,
			    int ttl_seconds, struct cc_error *err)
{
	char id[32], ttl[48];

	snprintf(id, sizeof(id), "%lld", user);
	snprintf(ttl, sizeof(ttl), "+%d seconds", ttl_seconds);
	/* Expired sessions go as new ones come. */
	cc__run(s, NULL, "DELETE FROM session WHERE expires_at < " NOW, "");
	return cc__run(s, err, "INSERT INTO session (token_hash, user_id, csrf, kind, created_at, "
		       "expires_at) VALUES (?, ?, ?, ?, " NOW ", strftime('%Y-%m-%dT%H:%M:%SZ', "
		       "'now', ?))", "ttttt", token_hash, id, csrf, kind, ttl);
}

static int session_row(struct cc_list *l, cc__stmt *st, void *item)
{
	struct cc_session_rec *r = item;

	r->user_id = cc__int64(st, 0);
	r->csrf = cc__col_text(l, st, 1);
	r->kind = cc__col_text(l, st, 2);
	r->expires_at = cc__col_text(l, st, 3);
	return r->csrf && r->kind ? 0 : -1;
}

int cc_store_session(struct cc_store *s, const char *token_hash,
		     struct cc_list *out, struct cc_error *err)
{
	int rc = cc__collect(s, cc__prepare(s, err,
		"SELECT s.user_id, s.csrf, s.kind, s.expires_at FROM session s JOIN user u "
		"ON u.id = s.user_id WHERE s.token_hash = ? AND s.expires_at >= " NOW
		" AND u.disabled = 0", "t", token_hash),
		out, sizeof(struct cc_session_rec), session_row, err);

	if (!rc && out->n == 0) {
		cc_list_free(out);
		return cc_error_set(err, CC_ENOTFOUND, NULL, 0, 0, "no such session");
	}
	return rc;
}

int cc_store_delete_session(struct cc_store *s, const char *token_hash,
			    struct cc_error *err)
{
	return cc__run(s, err, "DELETE FROM session WHERE token_hash = ?", "t", token_hash);
}

int cc_store_revoke(struct cc_store *s, long long user, const char *role,
		    const char *unit, const char *campaign, struct cc_error *err)
{
	return cc__run(s, err, "DELETE FROM role_grant WHERE user_id = ? AND role = ? AND "
		       "unit_id IS ? AND campaign_id IS ?", "Ittt", user, role, unit, campaign);
}

int cc_store_put_password_token(struct cc_store *s, const char *token_hash,
				long long user, int ttl_seconds, char *expires_at,
				struct cc_error *err)
{
	char ttl[48];
	cc__stmt *st;
	int rc;

	snprintf(ttl, sizeof(ttl), "%+d seconds", ttl_seconds);
	rc = cc__run(s, err, "DELETE FROM password_token WHERE user_id = ? OR expires_at < " NOW,
		     "I", user);
	if (!rc)
		rc = cc__run(s, err, "INSERT INTO password_token (token_hash, user_id, created_at, "
			     "expires_at) VALUES (?, ?, " NOW ", strftime('%Y-%m-%dT%H:%M:%SZ', "
			     "'now', ?))", "tIt", token_hash, user, ttl);
	if (rc)
		return rc;
	st = cc__prepare(s, err, "SELECT expires_at FROM password_token WHERE token_hash = ?",
			 "t", token_hash);
	if (!st)
		return err ? err->code : CC_EIO;
	rc = cc__step(st) == CC__ROW ? CC_OK : cc__db_fail(s, err, "read");
	if (!rc)
		snprintf(expires_at, 32, "%s", (const char *)cc__text(st, 0));
	cc__finish(s, st);
	return rc;
}

int cc_store_take_password_token(struct cc_store *s, const char *token_hash,
				 long long *user, struct cc_error *err)
{
	int rc = cc__one_int64(s, cc__prepare(s, err, "SELECT user_id FROM password_token WHERE "
				       "token_hash = ? AND used_at IS NULL AND expires_at >= " NOW,
				       "t", token_hash), user, "token", err);

	if (!rc)
		rc = cc__run(s, err, "UPDATE password_token SET used_at = " NOW
			     " WHERE token_hash = ?", "t", token_hash);
	return rc;
}

int cc_store_failure_add(struct cc_store *s, const char *key_hash, long long now,
			 long long window, struct cc_error *err)
{
	int rc = cc__run(s, err, "DELETE FROM sign_in_failure WHERE key_hash = ? AND at <= ?", "tI",
			 key_hash, now - window);

	if (!rc)
		rc = cc__run(s, err, "INSERT INTO sign_in_failure (key_hash, at) VALUES (?, ?)", "tI",
			     key_hash, now);
	return rc;
}

int cc_store_failures(struct cc_store *s, const char *key_hash, long long since, int max,
		      int *n, long long *oldest, struct cc_error *err)
{
	cc__stmt *st = cc__prepare(s, err, "SELECT at FROM sign_in_failure WHERE key_hash = ? AND "
				   "at > ? ORDER BY at DESC LIMIT ?", "tIi", key_hash, since, max);
	int rc;

	*n = 0;
	*oldest = 0;
	if (!st)
		return err ? err->code : CC_EIO;
	while ((rc = cc__step(st)) == CC__ROW) {
		*oldest = cc__int64(st, 0);
		++*n;
	}
	rc = rc == CC__DONE ? CC_OK : cc__db_fail(s, err, "read");
	cc__finish(s, st);
	return rc;
}

int cc_store_failures_forget(struct cc_store *s, const char *key_hash, struct cc_error *err)
{
	return cc__run(s, err, "DELETE FROM sign_in_failure WHERE key_hash = ?", "t", key_hash);
}
