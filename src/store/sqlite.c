/*
 * sqlite.c - the SQLite half of the store (the default backend).
 *
 * One connection per struct cc_store, in WAL mode with foreign keys on and
 * a busy timeout, so that a server and the command line can share a data
 * directory. Statements are kept prepared per connection, keyed by their
 * text (struct cc__hot); db.c binds and steps them.
 */
#include "store_internal.h"

#include "migrations.h"
#include "../core/version.h"

#include <math.h>
#include <sodium.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Binds the n values v to stmt: 0 or an SQLite status. */
int cc__lite_bind(cc__stmt *stmt, int n, const struct cc__val *v)
{
	sqlite3_stmt *st = stmt->lite;
	int rc = SQLITE_OK;

	for (int i = 0; i < n && rc == SQLITE_OK; i++) {
		int at = i + 1;
		switch (v[i].kind) {
		case 't':
			rc = sqlite3_bind_text(st, at, v[i].p, -1, SQLITE_TRANSIENT);
			break;
		case 'b':
			rc = sqlite3_bind_text64(st, at, v[i].p, v[i].len, SQLITE_TRANSIENT, SQLITE_UTF8);
			break;
		case 'B':
			rc = sqlite3_bind_blob64(st, at, v[i].p ? v[i].p : "", v[i].len, SQLITE_TRANSIENT);
			break;
		case 'I':
			rc = sqlite3_bind_int64(st, at, v[i].i);
			break;
		case 'd':
			rc = sqlite3_bind_double(st, at, v[i].d);
			break;
		case 'n':
			rc = sqlite3_bind_null(st, at);
			break;
		default:
			rc = SQLITE_MISUSE;
		}
	}
	return rc;
}

static struct cc__hot *hot_of_sql(struct cc_store *s, const char *sql)
{
	for (int i = 0; i < s->nhot; i++)
		if (!s->hot[i].busy && strcmp(s->hot[i].sql, sql) == 0)
			return &s->hot[i];
	return NULL;
}

static struct cc__hot *hot_of_stmt(struct cc_store *s, const cc__stmt *st)
{
	for (int i = 0; i < s->nhot; i++)
		if (s->hot[i].st == st)
			return &s->hot[i];
	return NULL;
}

static void stmt_free(cc__stmt *st)
{
	if (st) {
		sqlite3_finalize(st->lite);
		free(st);
	}
}

/* A free slot for a new statement: an empty one, else the one least
 * recently used that nobody holds (finalized); NULL when all are held. */
static struct cc__hot *hot_slot(struct cc_store *s)
{
	struct cc__hot *lru = NULL;

	if (s->nhot < CC_STORE_HOT)
		return &s->hot[s->nhot++];
	for (int i = 0; i < s->nhot; i++)
		if (!s->hot[i].busy && (!lru || s->hot[i].used < lru->used))
			lru = &s->hot[i];
	if (lru) {
		stmt_free(lru->st);
		free(lru->sql);
		*lru = (struct cc__hot){0};
	}
	return lru;
}

/* A new statement of sql, not kept. */
static cc__stmt *stmt_new(struct cc_store *s, const char *sql)
{
	cc__stmt *st = calloc(1, sizeof(*st));

	if (!st)
		return NULL;
	st->s = s;
	if (sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st->lite, NULL) != SQLITE_OK) {
		free(st);
		return NULL;
	}
	return st;
}

/* The statement for sql: the kept one when it is free, else a new one
 * (kept when there is room or an unused slot to take). */
cc__stmt *cc__lite_prepare(struct cc_store *s, const char *sql)
{
	sqlite3_mutex *m = sqlite3_db_mutex(s->db);  /* NULL (no-op) when private */
	struct cc__hot *h;
	cc__stmt *st = NULL;
	char *copy;

	sqlite3_mutex_enter(m);
	if (!(h = hot_of_sql(s, sql))) {
		if (!(st = stmt_new(s, sql))) {
			sqlite3_mutex_leave(m);
			return NULL;
		}
		if (!(copy = strdup(sql)) || !(h = hot_slot(s))) {
			free(copy);
			sqlite3_mutex_leave(m);
			return st;              /* not kept: finalized by cc__finish */
		}
		*h = (struct cc__hot){copy, st, 0, 0};
	}
	h->busy = 1;
	h->used = ++s->tick;
	st = h->st;
	sqlite3_mutex_leave(m);
	return st;
}

void cc__lite_finish(struct cc_store *s, cc__stmt *st)
{
	sqlite3_mutex *m = sqlite3_db_mutex(s->db);
	struct cc__hot *h;

	sqlite3_mutex_enter(m);
	if ((h = hot_of_stmt(s, st))) {
		sqlite3_reset(st->lite);
		sqlite3_clear_bindings(st->lite);
		h->busy = 0;
	} else {
		stmt_free(st);
	}
	sqlite3_mutex_leave(m);
}

int cc__exec(struct cc_store *s, const char *sql, const char *what, struct cc_error *err)
{
	char *msg = NULL;
	int rc;

	if (s->pg)
		return cc__pg_exec(s, sql, what, err);
	if (sqlite3_exec(s->db, sql, NULL, NULL, &msg) == SQLITE_OK)
		return CC_OK;
	rc = cc_error_set(err, CC_EIO, s->path, 0, 0, "%s: %s", what, msg ? msg : "failed");
	sqlite3_free(msg);
	return rc;
}

/* The collation cc_version: framework versions in their natural order
 * (core/version.h), so that "the latest" of an id is its highest version. */
static int version_collation(void *ctx, int alen, const void *a, int blen, const void *b)
{
	(void)ctx;
	return cc_version_cmp(a, (size_t)alen, b, (size_t)blen);
}

static int store_open_at(struct cc_store **out, const char *dir, const char *url, int create,
			 int flags, struct cc_error *err);

static int store_open(struct cc_store **out, const char *dir, int create, int flags,
		      struct cc_error *err)
{
	return store_open_at(out, dir, getenv("CYBERCAP_DB"), create, flags, err);
}

int cc_store_open_at(struct cc_store **out, const char *where, int create,
		     struct cc_error *err)
{
	if (cc_store_is_url(where))
		return cc__pg_open(out, where, create, err);
	return store_open_at(out, where, NULL, create, SQLITE_OPEN_READWRITE | SQLITE_OPEN_FULLMUTEX, err);
}

/* Opens the SQLite store of dir, or the PostgreSQL one at url when given. */
static int store_open_at(struct cc_store **out, const char *dir, const char *url, int create,
			 int flags, struct cc_error *err)
{
	struct cc_store *s;
	int rc;

	*out = NULL;
	/* The data directory holds the server's own files (evidence, logs)
	 * whichever database holds the rest. */
	if (create && mkdir(dir, 0750) != 0 && access(dir, W_OK) != 0)
		return cc_error_set(err, CC_EINPUT, dir, 0, 0, "cannot create the data directory");
	if (url && *url)
		return cc__pg_open(out, url, create, err);
	s = calloc(1, sizeof(*s));
	if (!s || sodium_init() < 0) {
		free(s);
		return cc_error_set(err, CC_ENOMEM, dir, 0, 0, "cannot initialise");
	}
	if (create)
		flags |= SQLITE_OPEN_CREATE;
	snprintf(s->path, sizeof(s->path), "%s/cybercap.db", dir);
	if (sqlite3_open_v2(s->path, &s->db, flags, NULL) != SQLITE_OK) {
		rc = cc_error_set(err, CC_EINPUT, s->path, 0, 0,
				  "cannot open the database%s: %s",
				  create ? "" : " (run cybercap init --data DIR first)",
				  s->db ? sqlite3_errmsg(s->db) : "out of memory");
		sqlite3_close(s->db);
		free(s);
		return rc;
	}
	sqlite3_busy_timeout(s->db, 5000);
	sqlite3_extended_result_codes(s->db, 0);
	rc = sqlite3_create_collation_v2(s->db, "cc_version", SQLITE_UTF8, NULL,
					 version_collation, NULL) == SQLITE_OK ? CC_OK :
		cc__db_fail(s, err, "set up");
	if (!rc)
		rc = cc__run(s, err, "PRAGMA journal_mode=WAL", "");
	if (!rc)
		rc = cc__run(s, err, "PRAGMA foreign_keys=ON", "");
	if (!rc)
		rc = cc__run(s, err, "PRAGMA synchronous=FULL", "");
	if (!rc)
		rc = cc__migrate(s, cc_migrations, cc_nmigrations, err);
	if (rc) {
		cc_store_close(s);
		return rc;
	}
	*out = s;
	return CC_OK;
}

int cc_store_open(struct cc_store **out, const char *dir, int create,
		  struct cc_error *err)
{
	return store_open(out, dir, create, SQLITE_OPEN_READWRITE | SQLITE_OPEN_FULLMUTEX, err);
}

int cc_store_open_private(struct cc_store **out, const char *dir, struct cc_error *err)
{
	return store_open(out, dir, 0, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, err);
}

void cc_store_close(struct cc_store *s)
{
	if (!s)
		return;
	if (s->pg) {
		cc__pg_close(s);
		return;
	}
	for (int i = 0; i < s->nhot; i++) {
		stmt_free(s->hot[i].st);
		free(s->hot[i].sql);
	}
	sqlite3_close(s->db);
	free(s);
}

long long cc_store_data_version(struct cc_store *s)
{
	sqlite3_stmt *st = NULL;
	long long v = -1;

	if (s->pg)
		return cc__pg_data_version(s);
	if (sqlite3_prepare_v2(s->db, "PRAGMA data_version", -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

int cc_store_backup(struct cc_store *s, const char *path, struct cc_error *err)
{
	sqlite3 *dst = NULL;
	sqlite3_backup *b;
	int rc;

	if (s->pg)
		return cc_error_set(err, CC_EUSAGE, s->path, 0, 0,
				    "a PostgreSQL database is backed up with pg_dump (docs/operations.md)");

	if (sqlite3_open_v2(path, &dst, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK) {
		rc = cc_error_set(err, CC_EIO, path, 0, 0, "cannot create the backup: %s",
				  dst ? sqlite3_errmsg(dst) : "out of memory");
		sqlite3_close(dst);
		return rc;
	}
	b = sqlite3_backup_init(dst, "main", s->db, "main");
	if (!b) {
		rc = cc_error_set(err, CC_EIO, path, 0, 0, "backup: %s", sqlite3_errmsg(dst));
		sqlite3_close(dst);
		return rc;
	}
	/* Copy in steps so that writers are not held up for long. */
	do {
		rc = sqlite3_backup_step(b, 256);
		if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
			sqlite3_sleep(20);
	} while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
	sqlite3_backup_finish(b);
	rc = rc == SQLITE_DONE ? CC_OK :
		cc_error_set(err, CC_EIO, path, 0, 0, "backup: %s", sqlite3_errmsg(dst));
	sqlite3_close(dst);
	return rc;
}
