/*
 * pg.c - the PostgreSQL half of the store's statements (libpq), for
 * several servers on one database (pg_open.c connects).
 *
 * Chosen by a URL (postgresql://...) in CYBERCAP_DB (or --db, which sets
 * it): every cc_store_open then connects there instead of opening
 * DIR/cybercap.db. The store's queries reach PostgreSQL rewritten once per
 * text (pg_sql.c) and prepared on the server under a name kept per
 * connection (found again by a hash of the text); values travel as
 * parameters, never in the SQL. Results are read in text form, as
 * SQLite's columns would give them.
 *
 * A batch's transaction (cc_store_begin_batch, the group writers') sends
 * its writes without waiting for each one's result (libpq's pipeline
 * mode): a save is then one round trip (its read) instead of one per
 * statement, and the one writer at a time over all servers holds the
 * writer lock that much shorter. The results are collected at the next
 * read, at the commit, or when a caller asks what a write changed; a
 * write that failed makes the transaction fail as a whole (its caller
 * then runs it again in an ordinary transaction, where each statement's
 * failure is its own).
 *
 * A connection that broke (the server restarted) is reset before the next
 * statement; the statement that met the break fails with CC_EUNAVAIL.
 */
#include "store_internal.h"

#include "pg_conn.h"
#include "pg_sql.h"

#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define PG_MAXPARAMS 64

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
	int queued;                 /* a write left in a batch's pipeline */
	int sent;                   /* a read sent ahead (cc__pg_send), its result to come */
	unsigned long epoch;        /* ... before the connection's sync of this number */
	int slot;                   /* ... as its command of that sync */
};

void cc__pg_note_failure(struct cc__pgconn *c, const PGresult *res)
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

void cc__pg_forget_kept(struct cc__pgconn *c)
{
	for (int i = 0; i < c->nkept; i++)
		free(c->kept[i].key);
	c->nkept = 0;
	memset(c->slot, 0, sizeof(c->slot));
}

int cc__pg_ensure_connected(struct cc__pgconn *c)
{
	PGresult *r;

	if (PQstatus(c->conn) == CONNECTION_OK)
		return 0;
	cc__pg_forget_kept(c);
	c->queued = 0;          /* a pipeline in flight went with the connection */
	PQreset(c->conn);
	if (PQstatus(c->conn) != CONNECTION_OK) {
		cc__pg_note_failure(c, NULL);
		c->broken = 1;
		return -1;
	}
	if (c->defer)           /* the batch's transaction is gone: it fails */
		c->failed = 1;
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

/* A read sent ahead and never stepped (bound again, or finished): its
 * result must not land in it later. */
static void forget_sent(struct cc__pgconn *c, struct cc__pgq *q)
{
	if (q->sent && q->epoch == c->epoch && q->slot < c->queued)
		c->want[q->slot] = NULL;
	q->sent = 0;
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
	q->executed = q->queued = q->sent = 0;
	q->row = q->nrows = 0;
}

/* Binds as cc__lite_bind does: the values are kept as text (bytes for
 * 'B') until the statement runs (at its first step). */
int cc__pg_bind(cc__stmt *st, int n, const struct cc__val *v)
{
	struct cc__pgq *q = st->pg;
	char buf[40];

	forget_sent(st->s->pg, q);
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
static void trace(const struct cc__pgconn *c, const struct cc__pgq *q, const char *as)
{
	if (!getenv("CYBERCAP_PG_TRACE") || strncmp(c->state, "23", 2) == 0)
		return;
	fprintf(stderr, "cybercap: PostgreSQL: %s\n  in: %s [%s]\n", c->msg, q->sql, q->types);
	if (as)
		fprintf(stderr, "  as: %s\n", as);
}

/* FNV-1a over the text, its NUL and the bind types. */
static unsigned key_hash(const char *sql, size_t sl, const char *types, size_t tl)
{
	unsigned h = 2166136261u;

	for (size_t i = 0; i <= sl; i++)
		h = (h ^ (unsigned char)sql[i]) * 16777619u;
	for (size_t i = 0; i < tl; i++)
		h = (h ^ (unsigned char)types[i]) * 16777619u;
	return h;
}

/* The kept statement for the key, or the empty slot where it goes. */
static short *slot_of(struct cc__pgconn *c, unsigned h, const char *sql, size_t sl,
		      const char *types, size_t tl)
{
	for (unsigned i = h;; i++) {
		short *slot = &c->slot[i & (PG_KEPT_SLOTS - 1)];
		const struct kept *k = *slot ? &c->kept[*slot - 1] : NULL;

		if (!k || (k->hash == h && k->keylen == sl + 1 + tl &&
			   memcmp(k->key, sql, sl + 1) == 0 && memcmp(k->key + sl + 1, types, tl) == 0))
			return slot;
	}
}

/* The name of the prepared statement for q's text and types, preparing it
 * on first use (queued in a batch's pipeline, whose failure fails the
 * batch); NULL (failure noted) when it cannot. */
static const char *prepared(struct cc__pgconn *c, struct cc__pgq *q)
{
	size_t sl = strlen(q->sql), tl = strlen(q->types);
	unsigned h = key_hash(q->sql, sl, q->types, tl);
	short *slot = slot_of(c, h, q->sql, sl, q->types, tl);
	Oid oids[PG_MAXPARAMS];
	struct kept *k;
	char *pgsql;
	PGresult *r;
	int ok;

	if (*slot)
		return c->kept[*slot - 1].name;
	if (!(pgsql = cc__pg_sql(q->sql, q->types))) {
		snprintf(c->msg, sizeof(c->msg), "out of memory");
		return NULL;
	}
	if (c->nkept == PG_KEPT) {          /* full: start again */
		int piped = cc__pg_in_pipeline(c);

		cc__pg_pause(c);
		r = PQexec(c->conn, "DEALLOCATE ALL");
		PQclear(r);
		cc__pg_forget_kept(c);
		if (piped)
			cc__pg_resume(c);
		slot = slot_of(c, h, q->sql, sl, q->types, tl);
	}
	k = &c->kept[c->nkept];
	snprintf(k->name, sizeof(k->name), "cc%u", c->next_name++);
	for (int i = 0; i < q->nparams; i++)
		oids[i] = oid_of(q->types[i]);
	if (cc__pg_in_pipeline(c)) {
		ok = PQsendPrepare(c->conn, k->name, pgsql, q->nparams, oids) &&
		     !cc__pg_queued(c, NULL);
		if (!ok)
			cc__pg_note_failure(c, NULL);
	} else {
		r = PQprepare(c->conn, k->name, pgsql, q->nparams, oids);
		ok = PQresultStatus(r) == PGRES_COMMAND_OK;
		if (!ok)
			cc__pg_note_failure(c, r);
		PQclear(r);
	}
	if (!ok)
		trace(c, q, pgsql);
	free(pgsql);
	if (!ok)
		return NULL;
	if (!(k->key = malloc(sl + 1 + tl + 1)))
		return NULL;
	memcpy(k->key, q->sql, sl + 1);
	memcpy(k->key + sl + 1, q->types, tl + 1);
	k->keylen = sl + 1 + tl;
	k->hash = h;
	k->nparams = q->nparams;
	*slot = (short)(++c->nkept);
	return k->name;
}

/* 1 when q only reads (it may run again after a broken connection). */
static int reads_only(const struct cc__pgq *q)
{
	return strncasecmp(q->sql, "SELECT", 6) == 0 || strncasecmp(q->sql, "WITH", 4) == 0;
}

/* 1 when a batch must have q's result before going on: what it reads, and
 * the end of the transaction. */
static int needs_result(const struct cc__pgq *q)
{
	return reads_only(q) || strstr(q->sql, "RETURNING") || strncasecmp(q->sql, "COMMIT", 6) == 0 ||
	       strncasecmp(q->sql, "ROLLBACK", 8) == 0 || strncasecmp(q->sql, "END", 3) == 0;
}

/* q sent in the batch's pipeline: a write is left to be collected later
 * (it "succeeds" now; a failure shows at the next sync), a read is
 * collected with what was queued before it, unless it is sent ahead
 * (ahead: its result is collected at the next sync, or its first step). */
static int execute_queued(struct cc__pgconn *c, struct cc__pgq *q, const char *name, int ahead)
{
	int wanted = needs_result(q);

	if (!PQsendQueryPrepared(c->conn, name, q->nparams, (const char *const *)q->values,
				 q->lengths, q->formats, 0)) {
		cc__pg_batch_failed(c, NULL);
		return -1;
	}
	q->slot = c->queued;
	q->epoch = c->epoch;
	if (cc__pg_queued(c, wanted ? &q->res : NULL))
		return -1;
	c->writes += !reads_only(q);
	q->row = -1;
	q->nrows = 0;
	if (!wanted) {
		c->changes = -1;        /* known at the next sync */
		q->queued = 1;
		return 0;
	}
	if (ahead) {
		q->sent = 1;
		return 0;
	}
	if (cc__pg_collect(c) || !q->res) {
		trace(c, q, NULL);
		return -1;
	}
	q->nrows = PQntuples(q->res);
	return 0;
}

static int execute(struct cc__pgconn *c, struct cc__pgq *q, int ahead)
{
	const char *name;
	ExecStatusType rs;
	int idle = PQtransactionStatus(c->conn) == PQTRANS_IDLE;

	q->executed = 1;
	c->broken = 0;
	if (c->defer && c->failed)      /* the batch failed: nothing more is sent */
		return -1;
	if (cc__pg_ensure_connected(c) || !(name = prepared(c, q)))
		return -1;
	if (cc__pg_in_pipeline(c))
		return execute_queued(c, q, name, ahead);
	q->res = PQexecPrepared(c->conn, name, q->nparams, (const char *const *)q->values,
				q->lengths, q->formats, 0);
	rs = PQresultStatus(q->res);
	/* The server restarted since the last statement: the connection
	 * learns it only now. A read outside a transaction runs again on a
	 * new connection; anything else fails (503: the caller decides). */
	if (rs != PGRES_COMMAND_OK && rs != PGRES_TUPLES_OK && idle && reads_only(q) &&
	    PQstatus(c->conn) != CONNECTION_OK && !cc__pg_ensure_connected(c) &&
	    (name = prepared(c, q))) {
		PQclear(q->res);
		q->res = PQexecPrepared(c->conn, name, q->nparams, (const char *const *)q->values,
					q->lengths, q->formats, 0);
		rs = PQresultStatus(q->res);
	}
	if (rs != PGRES_COMMAND_OK && rs != PGRES_TUPLES_OK) {
		cc__pg_note_failure(c, q->res);
		trace(c, q, NULL);
		return -1;
	}
	q->nrows = PQntuples(q->res);
	q->row = -1;
	c->changes = atoi(PQcmdTuples(q->res));
	c->writes += !reads_only(q);
	cc__pg_drain(c);
	return 0;
}

int cc__pg_sends_ahead(struct cc_store *s)
{
	return s->pg->defer && !s->pg->failed && cc__pg_in_pipeline(s->pg);
}

int cc__pg_send(cc__stmt *st)
{
	struct cc__pgq *q = st->pg;
	struct cc__pgconn *c = st->s->pg;

	if (q->executed || !c->defer || !cc__pg_in_pipeline(c) || !needs_result(q))
		return 0;       /* not in a batch: it runs at its first step */
	return execute(c, q, 1);
}

int cc__pg_step(cc__stmt *st)
{
	struct cc__pgq *q = st->pg;
	struct cc__pgconn *c = st->s->pg;

	if (!q->executed && execute(c, q, 0))
		return -1;
	if (q->sent) {          /* sent ahead: its result, collected now if need be */
		q->sent = 0;
		if (!q->res && q->epoch == c->epoch && cc__pg_in_pipeline(c))
			cc__pg_collect(c);
		if (!q->res) {
			trace(c, q, NULL);
			return -1;
		}
		q->nrows = PQntuples(q->res);
		q->row = -1;
	}
	if (!q->res)
		return q->queued ? CC__DONE : -1;
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
	struct cc__pgq *q = st->pg;

	forget_sent(s->pg, q);
	clear_values(st->pg);
	free(st->pg->sql);
	free(st->pg);
	free(st);
}

long long cc__pg_last_id(struct cc_store *s)
{
	struct cc__pgconn *c = s->pg;
	PGresult *r;
	long long id = 0;

	cc__pg_pause(c);
	r = PQexec(c->conn, "SELECT lastval()");
	if (PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) == 1)
		id = strtoll(PQgetvalue(r, 0, 0), NULL, 10);
	PQclear(r);
	cc__pg_resume(c);
	return id;
}

int cc__pg_changes(struct cc_store *s)
{
	struct cc__pgconn *c = s->pg;

	if (c->changes < 0 && cc__pg_in_pipeline(c))
		cc__pg_collect(c);
	return c->changes < 0 ? 0 : c->changes;
}

long long cc__pg_writes(struct cc_store *s)
{
	return s->pg->writes;
}

int cc__pg_in_txn(struct cc_store *s)
{
	PGTransactionStatusType t = PQtransactionStatus(s->pg->conn);

	return s->pg->defer || t == PQTRANS_INTRANS || t == PQTRANS_INERROR || t == PQTRANS_ACTIVE;
}

int cc__pg_exec(struct cc_store *s, const char *sql, const char *what, struct cc_error *err)
{
	struct cc__pgconn *c = s->pg;
	PGresult *r;
	ExecStatusType rs;

	c->broken = 0;
	cc__pg_pause(c);
	if (cc__pg_ensure_connected(c))
		return cc__pg_fail(s, err, what);
	r = PQexec(c->conn, sql);
	rs = PQresultStatus(r);
	cc__pg_resume(c);
	if (rs != PGRES_COMMAND_OK && rs != PGRES_TUPLES_OK) {
		cc__pg_note_failure(c, r);
		PQclear(r);
		return cc__pg_fail(s, err, what);
	}
	PQclear(r);
	return CC_OK;
}
