/*
 * pg.c - the PostgreSQL half of the store (libpq), for several servers on
 * one database.
 *
 * Chosen by a URL (postgresql://...) in CYBERCAP_DB (or --db, which sets
 * it): every cc_store_open then connects there instead of opening
 * DIR/cybercap.db. The store's queries reach PostgreSQL rewritten once per
 * text (pg_sql.c) and prepared on the server under a name kept per
 * connection; values travel as parameters, never in the SQL. Results are
 * read in text form, as SQLite's columns would give them.
 *
 * Changes made by other connections are told by NOTIFY: the migrations
 * give every table a trigger that notifies "cybercap_changed" at commit,
 * and each connection LISTENs, so cc_store_data_version counts what
 * others committed (as SQLite's data_version does). A connection that
 * broke (the server restarted) is reset before the next statement; the
 * statement that met the break fails with CC_EUNAVAIL.
 */
#include "store_internal.h"

#include "migrations.h"
#include "pg_sql.h"

#include <libpq-fe.h>
#include <math.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define PG_MAXPARAMS 64
#define PG_KEPT 512             /* statements prepared per connection */

struct kept {
	char *key;                  /* the query's text, a NUL, its bind types */
	size_t keylen;
	char name[16];
	int nparams;
};

struct cc__pgconn {
	PGconn *conn;
	struct kept kept[PG_KEPT];
	int nkept;
	unsigned next_name;
	char msg[512];              /* the last failure */
	char state[6];              /* its SQLSTATE */
	int broken;                 /* the last failure was the connection's */
	int changes;
	long long version;          /* commits by others seen */
	char *url;
};

struct cc__pgq {
	char *sql;                  /* the store's text (a copy) */
	char types[PG_MAXPARAMS + 1];
	int nparams;
	char *values[PG_MAXPARAMS];
	int nulls[PG_MAXPARAMS];
	int lengths[PG_MAXPARAMS];  /* of 'B' values, sent as bytes */
	int formats[PG_MAXPARAMS];  /* 1 for 'B', else 0 (text) */
	PGresult *res;
	int row, nrows, executed;
};

static void quiet(void *arg, const char *message)
{
	(void)arg;
	(void)message;          /* NOTICEs ("already exists, skipping") */
}

/* Remembers the connection's or the result's failure. */
static void note_failure(struct cc__pgconn *c, const PGresult *res)
{
	const char *m = res ? PQresultErrorMessage(res) : PQerrorMessage(c->conn);
	const char *st = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
	size_t n;

	snprintf(c->msg, sizeof(c->msg), "%s", m && *m ? m : "PostgreSQL failed");
	n = strlen(c->msg);
	while (n > 0 && (c->msg[n - 1] == '\n' || c->msg[n - 1] == ' '))
		c->msg[--n] = '\0';
	snprintf(c->state, sizeof(c->state), "%s", st ? st : "");
	c->broken = PQstatus(c->conn) != CONNECTION_OK ||
		    strncmp(c->state, "08", 2) == 0 || strncmp(c->state, "57P", 3) == 0;
}

int cc__pg_fail(struct cc_store *s, struct cc_error *err, const char *what)
{
	struct cc__pgconn *c = s->pg;
	int rc = c->broken ? CC_EUNAVAIL :
		 strncmp(c->state, "23", 2) == 0 ? CC_ECONFLICT : CC_EIO;

	return cc_error_set(err, rc, s->path, 0, 0, "%s: %s", what, c->msg);
}

static void forget_kept(struct cc__pgconn *c)
{
	for (int i = 0; i < c->nkept; i++)
		free(c->kept[i].key);
	c->nkept = 0;
}

/* A connection that broke is connected again (its prepared statements are
 * gone with it); 0 when it is usable. */
static int ensure_connected(struct cc__pgconn *c)
{
	PGresult *r;

	if (PQstatus(c->conn) == CONNECTION_OK)
		return 0;
	forget_kept(c);
	PQreset(c->conn);
	if (PQstatus(c->conn) != CONNECTION_OK) {
		note_failure(c, NULL);
		c->broken = 1;
		return -1;
	}
	r = PQexec(c->conn, "LISTEN cybercap_changed");
	PQclear(r);
	c->version++;           /* what changed meanwhile is not known */
	return 0;
}

cc__stmt *cc__pg_prepare(struct cc_store *s, struct cc_error *err, const char *sql)
{
	cc__stmt *st = calloc(1, sizeof(*st));
	struct cc__pgq *q = calloc(1, sizeof(*q));

	if (!st || !q) {
		free(st);
		free(q);
		cc_error_set(err, CC_ENOMEM, s->path, 0, 0, "out of memory");
		return NULL;
	}
	st->s = s;
	st->pg = q;
	if (!(q->sql = strdup(sql))) {
		free(q);
		free(st);
		cc_error_set(err, CC_ENOMEM, s->path, 0, 0, "out of memory");
		return NULL;
	}
	return st;
}

static void clear_values(struct cc__pgq *q)
{
	for (int i = 0; i < q->nparams; i++) {
		free(q->values[i]);
		q->values[i] = NULL;
		q->lengths[i] = q->formats[i] = 0;
	}
	q->nparams = 0;
	q->types[0] = '\0';
	PQclear(q->res);
	q->res = NULL;
	q->executed = 0;
	q->row = q->nrows = 0;
}

/* Binds as cc__lite_bind does: the values are kept as text (bytes for
 * 'B') until the statement runs (at its first step). */
int cc__pg_bind(cc__stmt *st, int n, const struct cc__val *v)
{
	struct cc__pgq *q = st->pg;
	char buf[40];

	clear_values(q);
	if (n > PG_MAXPARAMS)
		return -1;
	for (int i = 0; i < n; i++) {
		char *x = NULL;
		char t = v[i].kind;

		switch (t) {
		case 't':
			x = strdup(v[i].p);
			break;
		case 'b':
			x = strndup(v[i].p ? v[i].p : "", v[i].len);
			break;
		case 'B':
			if (v[i].len > (size_t)1 << 30 || !(x = malloc(v[i].len ? v[i].len : 1)))
				return -1;
			if (v[i].len)
				memcpy(x, v[i].p, v[i].len);
			q->lengths[i] = (int)v[i].len;
			q->formats[i] = 1;
			break;
		case 'I':
			snprintf(buf, sizeof(buf), "%lld", v[i].i);
			x = strdup(buf);
			break;
		case 'd':
			snprintf(buf, sizeof(buf), "%.17g", v[i].d);
			x = strdup(buf);
			break;
		case 'n':
			t = 't';
			break;
		default:
			return -1;
		}
		if (!x && v[i].kind != 'n')
			return -1;
		q->values[i] = x;
		q->nulls[i] = x == NULL;
		q->types[i] = t == 'b' ? 't' : t;
		q->nparams = i + 1;
		q->types[i + 1] = '\0';
	}
	return 0;
}

char cc__pg_kind(cc__stmt *st, int col)
{
	struct cc__pgq *q = st->pg;

	if (!q->res || q->row < 0 || q->row >= q->nrows || PQgetisnull(q->res, q->row, col))
		return 'n';
	switch (PQftype(q->res, col)) {
	case 20:
	case 21:
	case 23:
		return 'I';
	case 700:
	case 701:
	case 1700:
		return 'd';
	case 17:
		return 'B';
	default:
		return 't';
	}
}

static Oid oid_of(char t)
{
	switch (t) {
	case 'i':
	case 'I':
		return 20;          /* int8 */
	case 'd':
		return 701;         /* float8 */
	case 'B':
		return 17;          /* bytea */
	default:
		return 0;           /* text: PostgreSQL infers the column's type */
	}
}

/* With CYBERCAP_PG_TRACE set, a failed statement and its failure go to
 * stderr (for finding a query PostgreSQL reads otherwise than SQLite). */
static void trace(const struct cc__pgconn *c, const struct cc__pgq *q)
{
	if (getenv("CYBERCAP_PG_TRACE") && strncmp(c->state, "23", 2) != 0)
		fprintf(stderr, "cybercap: PostgreSQL: %s\n  in: %s [%s]\n", c->msg, q->sql, q->types);
}

/* The name of the prepared statement for q's text and types, preparing it
 * on first use; NULL (failure noted) when it cannot. */
static const char *prepared(struct cc__pgconn *c, struct cc__pgq *q)
{
	size_t sl = strlen(q->sql), tl = strlen(q->types), kl = sl + 1 + tl;
	Oid oids[PG_MAXPARAMS];
	struct kept *k;
	char *pgsql;
	PGresult *r;

	for (int i = 0; i < c->nkept; i++) {
		k = &c->kept[i];
		if (k->keylen == kl && memcmp(k->key, q->sql, sl + 1) == 0 &&
		    memcmp(k->key + sl + 1, q->types, tl) == 0)
			return k->name;
	}
	if (!(pgsql = cc__pg_sql(q->sql, q->types))) {
		snprintf(c->msg, sizeof(c->msg), "out of memory");
		return NULL;
	}
	if (c->nkept == PG_KEPT) {          /* full: start again */
		r = PQexec(c->conn, "DEALLOCATE ALL");
		PQclear(r);
		forget_kept(c);
	}
	k = &c->kept[c->nkept];
	snprintf(k->name, sizeof(k->name), "cc%u", c->next_name++);
	for (int i = 0; i < q->nparams; i++)
		oids[i] = oid_of(q->types[i]);
	r = PQprepare(c->conn, k->name, pgsql, q->nparams, oids);
	if (PQresultStatus(r) != PGRES_COMMAND_OK) {
		note_failure(c, r);
		trace(c, q);
		if (getenv("CYBERCAP_PG_TRACE") && strncmp(c->state, "23", 2) != 0)
			fprintf(stderr, "  as: %s\n", pgsql);
		free(pgsql);
		PQclear(r);
		return NULL;
	}
	free(pgsql);
	PQclear(r);
	if (!(k->key = malloc(kl + 1)))
		return NULL;
	memcpy(k->key, q->sql, sl + 1);
	memcpy(k->key + sl + 1, q->types, tl + 1);
	k->keylen = kl;
	k->nparams = q->nparams;
	c->nkept++;
	return k->name;
}

/* 1 when q only reads (it may run again after a broken connection). */
static int reads_only(const struct cc__pgq *q)
{
	return strncasecmp(q->sql, "SELECT", 6) == 0 || strncasecmp(q->sql, "WITH", 4) == 0;
}

static int execute(struct cc__pgconn *c, struct cc__pgq *q)
{
	const char *name;
	ExecStatusType rs;
	int idle = PQtransactionStatus(c->conn) == PQTRANS_IDLE;

	q->executed = 1;
	c->broken = 0;
	if (ensure_connected(c) || !(name = prepared(c, q)))
		return -1;
	q->res = PQexecPrepared(c->conn, name, q->nparams, (const char *const *)q->values,
				q->lengths, q->formats, 0);
	rs = PQresultStatus(q->res);
	/* The server restarted since the last statement: the connection
	 * learns it only now. A read outside a transaction runs again on a
	 * new connection; anything else fails (503: the caller decides). */
	if (rs != PGRES_COMMAND_OK && rs != PGRES_TUPLES_OK && idle && reads_only(q) &&
	    PQstatus(c->conn) != CONNECTION_OK && !ensure_connected(c) && (name = prepared(c, q))) {
		PQclear(q->res);
		q->res = PQexecPrepared(c->conn, name, q->nparams, (const char *const *)q->values,
					q->lengths, q->formats, 0);
		rs = PQresultStatus(q->res);
	}
	if (rs != PGRES_COMMAND_OK && rs != PGRES_TUPLES_OK) {
		note_failure(c, q->res);
		trace(c, q);
		return -1;
	}
	q->nrows = PQntuples(q->res);
	q->row = -1;
	c->changes = atoi(PQcmdTuples(q->res));
	return 0;
}

int cc__pg_step(cc__stmt *st)
{
	struct cc__pgq *q = st->pg;

	if (!q->executed && execute(st->s->pg, q))
		return -1;
	if (!q->res)
		return -1;
	if (++q->row < q->nrows)
		return CC__ROW;
	q->row = q->nrows;
	return CC__DONE;
}

const char *cc__pg_value(cc__stmt *st, int col, int *len)
{
	struct cc__pgq *q = st->pg;

	if (len)
		*len = 0;
	if (!q->res || q->row < 0 || q->row >= q->nrows || col >= PQnfields(q->res) ||
	    PQgetisnull(q->res, q->row, col))
		return NULL;
	if (len)
		*len = PQgetlength(q->res, q->row, col);
	return PQgetvalue(q->res, q->row, col);
}

char *cc__pg_blob_dup(cc__stmt *st, int col, size_t *len)
{
	const char *v = cc__pg_value(st, col, NULL);
	unsigned char *b;
	char *out;

	*len = 0;
	if (!v)
		return malloc(1);
	if (!(b = PQunescapeBytea((const unsigned char *)v, len)))
		return NULL;
	out = malloc(*len ? *len : 1);
	if (out && *len)
		memcpy(out, b, *len);
	PQfreemem(b);
	return out;
}

void cc__pg_finish(struct cc_store *s, cc__stmt *st)
{
	(void)s;
	clear_values(st->pg);
	free(st->pg->sql);
	free(st->pg);
	free(st);
}

long long cc__pg_last_id(struct cc_store *s)
{
	PGresult *r = PQexec(s->pg->conn, "SELECT lastval()");
	long long id = 0;

	if (PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) == 1)
		id = strtoll(PQgetvalue(r, 0, 0), NULL, 10);
	PQclear(r);
	return id;
}

int cc__pg_changes(struct cc_store *s)
{
	return s->pg->changes;
}

int cc__pg_in_txn(struct cc_store *s)
{
	PGTransactionStatusType t = PQtransactionStatus(s->pg->conn);

	return t == PQTRANS_INTRANS || t == PQTRANS_INERROR || t == PQTRANS_ACTIVE;
}

int cc__pg_exec(struct cc_store *s, const char *sql, const char *what, struct cc_error *err)
{
	struct cc__pgconn *c = s->pg;
	PGresult *r;
	ExecStatusType rs;

	c->broken = 0;
	if (ensure_connected(c))
		return cc__pg_fail(s, err, what);
	r = PQexec(c->conn, sql);
	rs = PQresultStatus(r);
	if (rs != PGRES_COMMAND_OK && rs != PGRES_TUPLES_OK) {
		note_failure(c, r);
		PQclear(r);
		return cc__pg_fail(s, err, what);
	}
	PQclear(r);
	return CC_OK;
}

long long cc__pg_data_version(struct cc_store *s)
{
	struct cc__pgconn *c = s->pg;
	PGnotify *n;
	int me = PQbackendPID(c->conn);

	if (PQstatus(c->conn) != CONNECTION_OK)
		return c->version;
	PQconsumeInput(c->conn);
	while ((n = PQnotifies(c->conn))) {
		if (n->be_pid != me)
			c->version++;
		PQfreemem(n);
	}
	return c->version;
}

/* The URL as it may be shown: without its password. */
static void shown_url(const char *url, char *out, size_t size)
{
	const char *at = strchr(url, '@'), *scheme = strstr(url, "://");
	const char *colon = scheme ? strchr(scheme + 3, ':') : NULL;

	if (at && colon && colon < at)
		snprintf(out, size, "%.*s:***%s", (int)(colon - url), url, at);
	else
		snprintf(out, size, "%s", url);
}

/* The database must order text by bytes, as SQLite does, for the same
 * results on both. */
static int check_collation(struct cc_store *s, struct cc_error *err)
{
	PGresult *r = PQexec(s->pg->conn, "SELECT datcollate FROM pg_database "
			     "WHERE datname = current_database()");
	int rc = CC_OK;

	if (PQresultStatus(r) != PGRES_TUPLES_OK || PQntuples(r) != 1) {
		note_failure(s->pg, r);
		rc = cc__pg_fail(s, err, "connect");
	} else if (strcmp(PQgetvalue(r, 0, 0), "C") != 0 && strcmp(PQgetvalue(r, 0, 0), "POSIX") != 0) {
		rc = cc_error_set(err, CC_EINPUT, s->path, 0, 0,
				  "the database orders text by \"%s\"; cybercap needs byte order: "
				  "create it with CREATE DATABASE ... TEMPLATE template0 ENCODING 'UTF8' "
				  "LC_COLLATE 'C' LC_CTYPE 'C' (docs/operations.md)", PQgetvalue(r, 0, 0));
	}
	PQclear(r);
	return rc;
}

/* A database cybercap init has not prepared is refused by the other
 * commands, as a data directory without cybercap.db is. */
static int check_initialised(struct cc_store *s, struct cc_error *err)
{
	PGresult *r = PQexec(s->pg->conn, "SELECT to_regclass('schema_migration') IS NOT NULL");
	int rc = CC_OK;

	if (PQresultStatus(r) != PGRES_TUPLES_OK || PQntuples(r) != 1) {
		note_failure(s->pg, r);
		rc = cc__pg_fail(s, err, "connect");
	} else if (strcmp(PQgetvalue(r, 0, 0), "t") != 0) {
		rc = cc_error_set(err, CC_EINPUT, s->path, 0, 0,
				  "cannot open the database (run cybercap init first): it has no cybercap tables");
	}
	PQclear(r);
	return rc;
}

int cc__pg_open(struct cc_store **out, const char *url, int create, struct cc_error *err)
{
	struct cc_store *s = calloc(1, sizeof(*s));
	struct cc__pgconn *c = calloc(1, sizeof(*c));
	int rc;

	*out = NULL;
	if (!s || !c || sodium_init() < 0 || !(c->url = strdup(url))) {
		free(s);
		free(c);
		return cc_error_set(err, CC_ENOMEM, NULL, 0, 0, "cannot initialise");
	}
	s->pg = c;
	shown_url(url, s->path, sizeof(s->path));
	c->conn = PQconnectdb(url);
	if (PQstatus(c->conn) != CONNECTION_OK) {
		note_failure(c, NULL);
		rc = cc_error_set(err, CC_EUNAVAIL, s->path, 0, 0, "cannot connect: %s", c->msg);
		cc__pg_close(s);
		return rc;
	}
	PQsetNoticeProcessor(c->conn, quiet, NULL);
	rc = check_collation(s, err);
	if (!rc)
		rc = cc__pg_exec(s, "SET TIME ZONE 'UTC'; SET client_min_messages = warning; "
				 "LISTEN cybercap_changed", "connect", err);
	if (!rc && !create)
		rc = check_initialised(s, err);
	/* One server migrates at a time; the others wait, then find it done. */
	if (!rc)
		rc = cc__pg_exec(s, "SELECT pg_advisory_lock(20261203)", "lock", err);
	if (!rc) {
		rc = cc__migrate(s, cc_pg_migrations, cc_pg_nmigrations, err);
		if (!rc)
			rc = cc__pg_exec(s, "SELECT cc_watch_tables()", "watch tables", err);
		cc__pg_exec(s, "SELECT pg_advisory_unlock(20261203)", "unlock", NULL);
	}
	if (rc) {
		cc__pg_close(s);
		return rc;
	}
	*out = s;
	return CC_OK;
}

void cc__pg_close(struct cc_store *s)
{
	struct cc__pgconn *c = s->pg;

	forget_kept(c);
	PQfinish(c->conn);
	free(c->url);
	free(c);
	free(s);
}
