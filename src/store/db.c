/*
 * db.c - the store's statements, whichever database is behind them.
 *
 * A struct cc_store holds an SQLite connection (sqlite.c) or a PostgreSQL
 * one (pg.c). The helpers here (prepare with bound values, step, read a
 * column, collect rows into a list, run a statement, apply the numbered
 * migrations) are the only way the store's files reach SQL; each hands the
 * backend-specific part to the backend of the connection.
 */
#include "store_internal.h"

#include "migrations.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
	int code, rc;

	if (s->pg)
		return cc__pg_fail(s, err, what);
	code = sqlite3_errcode(s->db);
	rc = code == SQLITE_CONSTRAINT ? CC_ECONFLICT : code == SQLITE_NOMEM ? CC_ENOMEM : CC_EIO;
	return cc_error_set(err, rc, s->path, 0, 0, "%s: %s", what, sqlite3_errmsg(s->db));
}

int cc__bind_vals(cc__stmt *st, int n, const struct cc__val *v)
{
	return st->pg ? cc__pg_bind(st, n, v) : cc__lite_bind(st, n, v);
}

/* Binds values by types to st, in its backend: 't' text (NULL binds
 * NULL), 'b' text with length, 'B' bytes with length, 'i' int, 'I' long
 * long, 'd' double (NaN binds NULL). */
static int bind(cc__stmt *st, const char *types, va_list ap)
{
	struct cc__val v[CC__MAXVALS];
	int n = 0;

	for (; types[n]; n++) {
		struct cc__val *x = &v[n];

		if (n == CC__MAXVALS)
			return -1;
		*x = (struct cc__val){.kind = types[n]};
		switch (types[n]) {
		case 't':
			x->p = va_arg(ap, const char *);
			if (!x->p)
				x->kind = 'n';
			break;
		case 'b':
		case 'B':
			x->p = va_arg(ap, const char *);
			x->len = va_arg(ap, size_t);
			break;
		case 'i':
			x->kind = 'I';
			x->i = va_arg(ap, int);
			break;
		case 'I':
			x->i = va_arg(ap, long long);
			break;
		case 'd':
			x->d = va_arg(ap, double);
			if (isnan(x->d))
				x->kind = 'n';
			break;
		default:
			return -1;
		}
	}
	return cc__bind_vals(st, n, v);
}

char cc__kind(cc__stmt *st, int col)
{
	if (st->pg)
		return cc__pg_kind(st, col);
	switch (sqlite3_column_type(st->lite, col)) {
	case SQLITE_INTEGER:
		return 'I';
	case SQLITE_FLOAT:
		return 'd';
	case SQLITE_BLOB:
		return 'B';
	case SQLITE_NULL:
		return 'n';
	default:
		return 't';
	}
}

int cc__rebind(cc__stmt *st, const char *types, ...)
{
	va_list ap;
	int rc;

	if (st->lite && sqlite3_reset(st->lite) != SQLITE_OK)
		return -1;
	va_start(ap, types);
	rc = bind(st, types, ap);
	va_end(ap);
	return rc;
}

static cc__stmt *prepare(struct cc_store *s, struct cc_error *err, const char *sql)
{
	cc__stmt *st = s->pg ? cc__pg_prepare(s, err, sql) : cc__lite_prepare(s, sql);

	if (!st && !s->pg)
		cc__db_fail(s, err, "prepare");
	return st;
}

cc__stmt *cc__prepare(struct cc_store *s, struct cc_error *err,
		      const char *sql, const char *types, ...)
{
	cc__stmt *st = prepare(s, err, sql);
	va_list ap;
	int rc;

	if (!st)
		return NULL;
	va_start(ap, types);
	rc = bind(st, types, ap);
	va_end(ap);
	if (rc) {
		cc__db_fail(s, err, "bind");
		cc__finish(s, st);
		return NULL;
	}
	return st;
}

void cc__finish(struct cc_store *s, cc__stmt *st)
{
	if (!st)
		return;
	if (st->pg)
		cc__pg_finish(s, st);
	else
		cc__lite_finish(s, st);
}

int cc__sends_ahead(struct cc_store *s)
{
	return s->pg && cc__pg_sends_ahead(s);
}

int cc__send(cc__stmt *st)
{
	return st->pg ? cc__pg_send(st) : 0;
}

int cc__step(cc__stmt *st)
{
	int rc;

	if (st->pg)
		return cc__pg_step(st);
	rc = sqlite3_step(st->lite);
	return rc == SQLITE_ROW ? CC__ROW : rc == SQLITE_DONE ? CC__DONE : rc;
}

long long cc__int64(cc__stmt *st, int col)
{
	const char *v;

	if (!st->pg)
		return sqlite3_column_int64(st->lite, col);
	v = cc__pg_value(st, col, NULL);
	return v ? strtoll(v, NULL, 10) : 0;
}

int cc__int(cc__stmt *st, int col)
{
	return (int)cc__int64(st, col);
}

double cc__double(cc__stmt *st, int col)
{
	const char *v;

	if (!st->pg)
		return sqlite3_column_double(st->lite, col);
	v = cc__pg_value(st, col, NULL);
	return v ? strtod(v, NULL) : 0.0;
}

const unsigned char *cc__text(cc__stmt *st, int col)
{
	if (!st->pg)
		return sqlite3_column_text(st->lite, col);
	return (const unsigned char *)cc__pg_value(st, col, NULL);
}

int cc__bytes(cc__stmt *st, int col)
{
	int len = 0;

	if (!st->pg)
		return sqlite3_column_bytes(st->lite, col);
	cc__pg_value(st, col, &len);
	return len;
}

int cc__is_null(cc__stmt *st, int col)
{
	if (!st->pg)
		return sqlite3_column_type(st->lite, col) == SQLITE_NULL;
	return cc__pg_value(st, col, NULL) == NULL;
}

char *cc__blob_dup(cc__stmt *st, int col, size_t *len)
{
	const void *b;
	char *out;

	if (st->pg)
		return cc__pg_blob_dup(st, col, len);
	b = sqlite3_column_blob(st->lite, col);
	*len = (size_t)sqlite3_column_bytes(st->lite, col);
	out = malloc(*len ? *len : 1);
	if (out && *len)
		memcpy(out, b, *len);
	return out;
}

long long cc__last_id(struct cc_store *s)
{
	return s->pg ? cc__pg_last_id(s) : sqlite3_last_insert_rowid(s->db);
}

int cc__changes(struct cc_store *s)
{
	return s->pg ? cc__pg_changes(s) : sqlite3_changes(s->db);
}

int cc__in_txn(struct cc_store *s)
{
	return s->pg ? cc__pg_in_txn(s) : !sqlite3_get_autocommit(s->db);
}

/* Runs a statement that returns no rows. */
int cc__run(struct cc_store *s, struct cc_error *err, const char *sql,
	    const char *types, ...)
{
	cc__stmt *st = prepare(s, err, sql);
	va_list ap;
	int rc;

	if (!st)
		return err ? err->code : CC_EIO;
	va_start(ap, types);
	rc = bind(st, types, ap);
	va_end(ap);
	if (!rc)
		rc = cc__step(st);
	if (rc != CC__DONE && rc != CC__ROW) {
		rc = cc__db_fail(s, err, "write");
		cc__finish(s, st);
		return rc;
	}
	cc__finish(s, st);
	return CC_OK;
}

int cc__one_int64(struct cc_store *s, cc__stmt *st, long long *out, const char *what,
		  struct cc_error *err)
{
	int rc;

	if (!st)
		return err ? err->code : CC_EIO;
	rc = cc__step(st);
	if (rc == CC__ROW) {
		*out = cc__int64(st, 0);
		rc = CC_OK;
	} else {
		rc = rc == CC__DONE ? cc_error_set(err, CC_ENOTFOUND, NULL, 0, 0, "no such %s", what)
				    : cc__db_fail(s, err, "read");
	}
	cc__finish(s, st);
	return rc;
}

const char *cc__col_text(struct cc_list *l, cc__stmt *st, int col)
{
	const unsigned char *t = cc__text(st, col);

	if (!t)
		return NULL;
	return cc_arena_strndup(&l->arena, (const char *)t, (size_t)cc__bytes(st, col));
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
int cc__collect(struct cc_store *s, cc__stmt *st, struct cc_list *out,
		size_t size, cc__row_fn fn, struct cc_error *err)
{
	int cap = 0, rc;

	cc_arena_init(&out->arena);
	out->items = NULL;
	out->n = 0;
	if (!st)
		return err ? err->code : CC_EIO;
	while ((rc = cc__step(st)) == CC__ROW) {
		void *item = list_push(out, size, &cap);
		if (!item || fn(out, st, item)) {
			cc__finish(s, st);
			cc_list_free(out);
			return cc_error_set(err, CC_ENOMEM, s->path, 0, 0, "out of memory");
		}
	}
	if (rc != CC__DONE) {
		rc = cc__db_fail(s, err, "read");
		cc__finish(s, st);
		cc_list_free(out);
		return rc;
	}
	cc__finish(s, st);
	return CC_OK;
}

/* A migration's number: the leading digits of its name ("0008_x" -> 8). */
static int migration_number(const struct cc_migration *m)
{
	return atoi(m->name);
}

/* 1 when the binary carries a migration numbered v. */
static int known_migration(const struct cc_migration *ms, int n, long long v)
{
	for (int m = 0; m < n; m++)
		if (migration_number(&ms[m]) == v)
			return 1;
	return 0;
}

/* Refuses a database that has a migration this binary does not know (made
 * by a newer cybercap). */
static int check_applied(struct cc_store *s, const struct cc_migration *ms, int n,
			 struct cc_error *err)
{
	cc__stmt *st = cc__prepare(s, err, "SELECT version FROM schema_migration ORDER BY version", "");
	int rc = CC_OK;

	if (!st)
		return err->code;
	while (!rc && cc__step(st) == CC__ROW) {
		long long v = cc__int64(st, 0);

		if (!known_migration(ms, n, v))
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
	int rc;

	if ((rc = cc_store_begin(s, err)))
		return rc;
	rc = cc__exec(s, m->sql, m->name, err);
	if (!rc)
		rc = cc__run(s, err, "INSERT INTO schema_migration VALUES (?, ?, "
			     "strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))", "it", migration_number(m), m->name);
	if (!rc)
		rc = cc_store_commit(s, err);
	if (rc)
		cc_store_rollback(s);
	return rc;
}

/* Applies, in file order, every migration of ms whose number the database
 * has not recorded: by number, not by position, so that a migration merged
 * with a lower number than one already applied is still applied. */
int cc__migrate(struct cc_store *s, const struct cc_migration *ms, int n, struct cc_error *err)
{
	int rc;

	rc = cc__run(s, err, "CREATE TABLE IF NOT EXISTS schema_migration ("
		 "version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
		 "applied_at TEXT NOT NULL)", "");
	if (rc || (rc = check_applied(s, ms, n, err)))
		return rc;
	for (int m = 0; m < n; m++) {
		long long done = 0;
		cc__stmt *st = cc__prepare(s, err, "SELECT count(*) FROM schema_migration WHERE version = ?",
					   "i", migration_number(&ms[m]));

		if (!st || (rc = cc__scalar(s, st, &done, err)))
			return st ? rc : err->code;
		if (!done && (rc = apply_migration(s, &ms[m], err)))
			return rc;
	}
	return CC_OK;
}

long long cc_store_read_model_version(struct cc_store *s)
{
	long long v = -1;
	cc__stmt *st = cc__prepare(s, NULL, "SELECT coalesce((SELECT version FROM read_model "
				   "WHERE id = 1), 0)", "");

	if (st && cc__step(st) == CC__ROW)
		v = cc__int64(st, 0);
	cc__finish(s, st);
	return v;
}

void cc_store_unlisten(struct cc_store *s)
{
	if (s->pg)
		cc__pg_exec(s, "UNLISTEN *", "unlisten", NULL);
}

long long cc_store_writes(struct cc_store *s)
{
	return s->pg ? cc__pg_writes(s) : (long long)sqlite3_total_changes64(s->db);
}

static void end_write(struct cc_store *s)
{
	s->writing = 0;
	s->tip_known = 0;
}

/* A write transaction. SQLite's BEGIN IMMEDIATE lets one writer in at a
 * time; on PostgreSQL a transaction-scoped advisory lock does the same
 * for every server of the database, so that what a transaction reads
 * before it writes (the audit chain's last hash, a next position) is
 * still true when it commits, and batches of two servers never deadlock. */
#define CC_WRITER_LOCK "SELECT pg_advisory_xact_lock(20261205)"

int cc_store_begin(struct cc_store *s, struct cc_error *err)
{
	int rc;

	end_write(s);
	if (!s->pg)
		rc = cc__run(s, err, "BEGIN IMMEDIATE", "");
	else if (!(rc = cc__run(s, err, "BEGIN", "")) && (rc = cc__run(s, err, CC_WRITER_LOCK, "")))
		cc_store_rollback(s);
	s->writing = !rc;
	return rc;
}

int cc_store_begin_batch(struct cc_store *s, struct cc_error *err)
{
	int rc;

	if (!s->pg)
		return cc_store_begin(s, err);
	if ((rc = cc__pg_defer(s, err)))
		return rc;
	if ((rc = cc_store_begin(s, err)))
		cc__pg_end_batch(s);
	return rc;
}

int cc_store_commit(struct cc_store *s, struct cc_error *err)
{
	int rc = cc__run(s, err, "COMMIT", "");

	if (s->pg && cc__pg_end_batch(s) && !rc)
		rc = cc__pg_fail(s, err, "commit");
	end_write(s);
	return rc;
}

void cc_store_rollback(struct cc_store *s)
{
	if (s->pg)
		cc__pg_end_batch(s);
	if (cc__in_txn(s))
		cc__exec(s, "ROLLBACK", "rollback", NULL);
	end_write(s);
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
	s->tip_known = 0;       /* the part may have appended to the chain */
	cc__run(s, NULL, "ROLLBACK TO part", "");
	cc__run(s, NULL, "RELEASE part", "");
}

/* 1 when where names a PostgreSQL database rather than a directory. */
int cc_store_is_url(const char *where)
{
	return where && (strncmp(where, "postgresql://", 13) == 0 ||
			 strncmp(where, "postgres://", 11) == 0);
}
