/*
 * sqlite.c - the SQLite backend of store.h.
 *
 * One connection per struct cc_store, in WAL mode with foreign keys on and
 * a busy timeout, so that a server and the command line can share a data
 * directory. Every statement is prepared with bound parameters; the few
 * helpers below (bind_all, run) keep that the only way SQL is executed
 * with values.
 */
#include "sqlite_internal.h"

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

const char *const cc_lang_codes[CC_NLANGS] = {"en", "fr", "es", "ru", "zh", "ar"};

static const char *const status_names[] = {
	"draft", "open", "review", "closed", "published"
};

const char *cc_campaign_status_name(enum cc_campaign_status st)
{
	return status_names[st];
}

int cc_campaign_status_parse(const char *str, enum cc_campaign_status *out)
{
	for (int i = 0; i < 5; i++) {
		if (strcmp(str, status_names[i]) == 0) {
			*out = (enum cc_campaign_status)i;
			return CC_OK;
		}
	}
	return CC_EINPUT;
}

void cc_list_free(struct cc_list *l)
{
	cc_arena_free(&l->arena);
	l->items = NULL;
	l->n = 0;
}

int cc__db_fail(struct cc_store *s, struct cc_error *err, const char *what)
{
	int code = sqlite3_errcode(s->db);
	int rc = code == SQLITE_CONSTRAINT ? CC_ECONFLICT :
		 code == SQLITE_NOMEM ? CC_ENOMEM : CC_EIO;

	return cc_error_set(err, rc, s->path, 0, 0, "%s: %s", what,
			    sqlite3_errmsg(s->db));
}

/*
 * Binds values described by types: 't' text (const char *, NULL binds
 * NULL), 'i' int, 'I' long long, 'd' double (NaN binds NULL), 'b' text
 * with length (const char *, size_t).
 */
static int bind_all(sqlite3_stmt *st, const char *types, va_list ap)
{
	int rc = SQLITE_OK;

	for (int i = 0; types[i] && rc == SQLITE_OK; i++) {
		int at = i + 1;
		switch (types[i]) {
		case 't': {
			const char *t = va_arg(ap, const char *);
			rc = t ? sqlite3_bind_text(st, at, t, -1, SQLITE_TRANSIENT)
			       : sqlite3_bind_null(st, at);
			break;
		}
		case 'b': {
			const char *t = va_arg(ap, const char *);
			size_t n = va_arg(ap, size_t);
			rc = sqlite3_bind_text64(st, at, t, n, SQLITE_TRANSIENT, SQLITE_UTF8);
			break;
		}
		case 'i':
			rc = sqlite3_bind_int(st, at, va_arg(ap, int));
			break;
		case 'I':
			rc = sqlite3_bind_int64(st, at, va_arg(ap, long long));
			break;
		case 'd': {
			double d = va_arg(ap, double);
			rc = isnan(d) ? sqlite3_bind_null(st, at) : sqlite3_bind_double(st, at, d);
			break;
		}
		default:
			rc = SQLITE_MISUSE;
		}
	}
	return rc;
}

/* Resets st (kept prepared by its caller) and binds new values. */
int cc__rebind(sqlite3_stmt *st, const char *types, ...)
{
	va_list ap;
	int rc = sqlite3_reset(st);

	if (rc != SQLITE_OK)
		return rc;
	va_start(ap, types);
	rc = bind_all(st, types, ap);
	va_end(ap);
	return rc;
}

static struct cc__hot *hot_of_sql(struct cc_store *s, const char *sql)
{
	for (int i = 0; i < s->nhot; i++)
		if (!s->hot[i].busy && strcmp(s->hot[i].sql, sql) == 0)
			return &s->hot[i];
	return NULL;
}

static struct cc__hot *hot_of_stmt(struct cc_store *s, const sqlite3_stmt *st)
{
	for (int i = 0; i < s->nhot; i++)
		if (s->hot[i].st == st)
			return &s->hot[i];
	return NULL;
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
		sqlite3_finalize(lru->st);
		free(lru->sql);
		*lru = (struct cc__hot){0};
	}
	return lru;
}

/* The statement for sql: the kept one when it is free, else a new one
 * (kept when there is room or an unused slot to take). */
static sqlite3_stmt *hot_get(struct cc_store *s, const char *sql)
{
	sqlite3_mutex *m = sqlite3_db_mutex(s->db);  /* NULL (no-op) when private */
	struct cc__hot *h;
	sqlite3_stmt *st = NULL;
	char *copy;

	sqlite3_mutex_enter(m);
	if (!(h = hot_of_sql(s, sql))) {
		if (sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL) != SQLITE_OK) {
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

/* Prepares sql (or takes it kept prepared), binds the values and returns
 * the statement ready to step. */
sqlite3_stmt *cc__prepare(struct cc_store *s, struct cc_error *err,
			  const char *sql, const char *types, ...)
{
	sqlite3_stmt *st = hot_get(s, sql);
	va_list ap;
	int rc;

	if (!st) {
		cc__db_fail(s, err, "prepare");
		return NULL;
	}
	va_start(ap, types);
	rc = bind_all(st, types, ap);
	va_end(ap);
	if (rc != SQLITE_OK) {
		cc__db_fail(s, err, "bind");
		cc__finish(s, st);
		return NULL;
	}
	return st;
}

void cc__finish(struct cc_store *s, sqlite3_stmt *st)
{
	sqlite3_mutex *m = sqlite3_db_mutex(s->db);
	struct cc__hot *h;

	if (!st)
		return;
	sqlite3_mutex_enter(m);
	if ((h = hot_of_stmt(s, st))) {
		sqlite3_reset(st);
		sqlite3_clear_bindings(st);
		h->busy = 0;
	} else {
		sqlite3_finalize(st);
	}
	sqlite3_mutex_leave(m);
}

/* Runs a statement that returns no rows. */
int cc__run(struct cc_store *s, struct cc_error *err, const char *sql,
	       const char *types, ...)
{
	sqlite3_stmt *st = hot_get(s, sql);
	va_list ap;
	int rc;

	if (!st)
		return cc__db_fail(s, err, "prepare");
	va_start(ap, types);
	rc = bind_all(st, types, ap);
	va_end(ap);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
		rc = cc__db_fail(s, err, "write");
		cc__finish(s, st);
		return rc;
	}
	cc__finish(s, st);
	return CC_OK;
}

int cc__one_int64(struct cc_store *s, sqlite3_stmt *st, long long *out, const char *what,
		  struct cc_error *err)
{
	int rc;

	if (!st)
		return err ? err->code : CC_EIO;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*out = sqlite3_column_int64(st, 0);
		rc = CC_OK;
	} else {
		rc = rc == SQLITE_DONE ? cc_error_set(err, CC_ENOTFOUND, NULL, 0, 0, "no such %s", what)
				       : cc__db_fail(s, err, "read");
	}
	cc__finish(s, st);
	return rc;
}

const char *cc__col_text(struct cc_list *l, sqlite3_stmt *st, int col)
{
	const unsigned char *t = sqlite3_column_text(st, col);

	if (!t)
		return NULL;
	return cc_arena_strndup(&l->arena, (const char *)t,
				(size_t)sqlite3_column_bytes(st, col));
}

/* Grows l->items to hold one more item of size bytes; returns it. */
static void *list_push(struct cc_list *l, size_t size, int *cap)
{
	if (l->n == *cap) {
		int ncap = *cap ? *cap * 2 : 16;
		void *items = cc_arena_array(&l->arena, (size_t)ncap, size);
		if (!items)
			return NULL;
		if (l->n)
			memcpy(items, l->items, (size_t)l->n * size);
		l->items = items;
		*cap = ncap;
	}
	return (char *)l->items + (size_t)l->n++ * size;
}


/* Steps st to the end, turning each row into an item with fn. */
int cc__collect(struct cc_store *s, sqlite3_stmt *st, struct cc_list *out,
		   size_t size, cc__row_fn fn, struct cc_error *err)
{
	int cap = 0, rc;

	cc_arena_init(&out->arena);
	out->items = NULL;
	out->n = 0;
	if (!st)
		return err ? err->code : CC_EIO;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		void *item = list_push(out, size, &cap);
		if (!item || fn(out, st, item)) {
			cc__finish(s, st);
			cc_list_free(out);
			return cc_error_set(err, CC_ENOMEM, s->path, 0, 0, "out of memory");
		}
	}
	if (rc != SQLITE_DONE) {
		rc = cc__db_fail(s, err, "read");
		cc__finish(s, st);
		cc_list_free(out);
		return rc;
	}
	cc__finish(s, st);
	return CC_OK;
}

/* The collation cc_version: framework versions in their natural order
 * (core/version.h), so that "the latest" of an id is its highest version. */
static int version_collation(void *ctx, int alen, const void *a, int blen, const void *b)
{
	(void)ctx;
	return cc_version_cmp(a, (size_t)alen, b, (size_t)blen);
}

/* A migration's number: the leading digits of its name ("0008_x" -> 8). */
static int migration_number(const struct cc_migration *m)
{
	return atoi(m->name);
}

/* 1 when the binary carries a migration numbered v. */
static int known_migration(long long v)
{
	for (int m = 0; m < cc_nmigrations; m++)
		if (migration_number(&cc_migrations[m]) == v)
			return 1;
	return 0;
}

/* Refuses a database that has a migration this binary does not know (made
 * by a newer cybercap). */
static int check_applied(struct cc_store *s, struct cc_error *err)
{
	sqlite3_stmt *st = cc__prepare(s, err, "SELECT version FROM schema_migration ORDER BY version", "");
	int rc = CC_OK;

	if (!st)
		return err->code;
	while (!rc && sqlite3_step(st) == SQLITE_ROW) {
		long long v = sqlite3_column_int64(st, 0);

		if (!known_migration(v))
			rc = cc_error_set(err, CC_EINPUT, s->path, 0, 0,
					  "the database has schema migration %lld, which this cybercap does not know (upgrade cybercap)",
					  v);
	}
	cc__finish(s, st);
	return rc;
}

/* Applies migration m in its own transaction. */
static int apply_migration(struct cc_store *s, const struct cc_migration *m, struct cc_error *err)
{
	char *msg = NULL;
	int rc;

	if ((rc = cc_store_begin(s, err)))
		return rc;
	if (sqlite3_exec(s->db, m->sql, NULL, NULL, &msg) != SQLITE_OK) {
		rc = cc_error_set(err, CC_EIO, s->path, 0, 0, "migration %s: %s", m->name,
				  msg ? msg : "failed");
		sqlite3_free(msg);
		cc_store_rollback(s);
		return rc;
	}
	rc = cc__run(s, err, "INSERT INTO schema_migration VALUES (?, ?, "
		     "strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))", "it", migration_number(m), m->name);
	if (!rc)
		rc = cc_store_commit(s, err);
	if (rc)
		cc_store_rollback(s);
	return rc;
}

/* Applies, in file order, every migration whose number the database has not
 * recorded: by number, not by position, so that a migration merged with a
 * lower number than one already applied is still applied. */
static int migrate(struct cc_store *s, struct cc_error *err)
{
	int rc;

	rc = cc__run(s, err, "CREATE TABLE IF NOT EXISTS schema_migration ("
		 "version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
		 "applied_at TEXT NOT NULL)", "");
	if (rc || (rc = check_applied(s, err)))
		return rc;
	for (int m = 0; m < cc_nmigrations; m++) {
		long long done = 0;
		sqlite3_stmt *st = cc__prepare(s, err, "SELECT count(*) FROM schema_migration WHERE version = ?",
					       "i", migration_number(&cc_migrations[m]));

		if (!st || (rc = cc__scalar(s, st, &done, err)))
			return st ? rc : err->code;
		if (!done && (rc = apply_migration(s, &cc_migrations[m], err)))
			return rc;
	}
	return CC_OK;
}

static int store_open(struct cc_store **out, const char *dir, int create, int flags,
		      struct cc_error *err)
{
	struct cc_store *s = calloc(1, sizeof(*s));
	int rc;

	*out = NULL;
	if (!s || sodium_init() < 0) {
		free(s);
		return cc_error_set(err, CC_ENOMEM, dir, 0, 0, "cannot initialise");
	}
	if (create) {
		if (mkdir(dir, 0750) != 0 && access(dir, W_OK) != 0) {
			free(s);
			return cc_error_set(err, CC_EINPUT, dir, 0, 0,
					    "cannot create the data directory");
		}
		flags |= SQLITE_OPEN_CREATE;
	}
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
		rc = migrate(s, err);
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
	for (int i = 0; i < s->nhot; i++) {
		sqlite3_finalize(s->hot[i].st);
		free(s->hot[i].sql);
	}
	sqlite3_close(s->db);
	free(s);
}

long long cc_store_data_version(struct cc_store *s)
{
	sqlite3_stmt *st = NULL;
	long long v = -1;

	if (sqlite3_prepare_v2(s->db, "PRAGMA data_version", -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

int cc_store_begin(struct cc_store *s, struct cc_error *err)
{
	return cc__run(s, err, "BEGIN IMMEDIATE", "");
}

int cc_store_commit(struct cc_store *s, struct cc_error *err)
{
	return cc__run(s, err, "COMMIT", "");
}

void cc_store_rollback(struct cc_store *s)
{
	if (!sqlite3_get_autocommit(s->db))
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
}

int cc_store_savepoint(struct cc_store *s, struct cc_error *err)
{
	return cc__run(s, err, "SAVEPOINT part", "");
}

int cc_store_release(struct cc_store *s, struct cc_error *err)
{
	return cc__run(s, err, "RELEASE part", "");
}

void cc_store_undo(struct cc_store *s)
{
	sqlite3_exec(s->db, "ROLLBACK TO part; RELEASE part", NULL, NULL, NULL);
}


int cc_store_backup(struct cc_store *s, const char *path, struct cc_error *err)
{
	sqlite3 *dst = NULL;
	sqlite3_backup *b;
	int rc;

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
