/*
 * store_internal.h - what the store's files share, whichever database is
 * behind it: the connection and the helpers that make prepared statements
 * with bound values the only way values reach SQL. The queries in the
 * store's files (one per part of the data: accounts.c, campaigns.c,
 * drills.c ...) are written once, in the SQL both SQLite and PostgreSQL
 * accept; pg_sql.c rewrites the few SQLite spellings left (placeholders,
 * INSERT OR IGNORE, COLLATE NOCASE) for PostgreSQL. Not for use outside
 * src/store.
 */
#ifndef CC_STORE_INTERNAL_H
#define CC_STORE_INTERNAL_H

#include <sqlite3.h>
#include <stdarg.h>

#include "store.h"

/* A statement ready to step, of either backend. */
typedef struct cc__stmt cc__stmt;

struct cc__pgq;                 /* pg.c: a PostgreSQL query and its result */
struct cc__pgconn;              /* pg.c: a PostgreSQL connection */

struct cc__stmt {
	struct cc_store *s;
	sqlite3_stmt *lite;         /* SQLite: the statement */
	struct cc__pgq *pg;         /* PostgreSQL: the query and its rows */
};

/* Statements kept prepared, per connection, keyed by their text: the
 * queries of every request and of every save, whose parsing was most of
 * their cost (a third of an answer save's time). The least recently used
 * gives way when all slots are taken. The table is guarded by the
 * connection's own mutex (none on a private connection). */
#define CC_STORE_HOT 64

struct cc__hot {
	char *sql;                  /* owned copy: the key */
	cc__stmt *st;
	int busy;                   /* handed out, not yet cc__finish'ed */
	unsigned long used;         /* tick of its last use */
};

struct cc_store {
	sqlite3 *db;                /* SQLite, or NULL */
	struct cc__pgconn *pg;      /* PostgreSQL, or NULL */
	char path[4200];            /* the file, or the URL without password */
	struct cc__hot hot[CC_STORE_HOT];
	int nhot;
	unsigned long tick;
	/* Inside cc_store_begin's transaction (the one writer): the audit
	 * chain's last id and hash once read or written there, so that a
	 * batch of saves reads the chain once (audit.c). */
	int writing;
	int tip_known;
	long long tip_id;
	char tip_hash[65];
};

/* The time now, as the store keeps times (ISO 8601, UTC, seconds), in SQL
 * both backends read (PostgreSQL's strftime comes with its migrations). */
#define NOW "strftime('%Y-%m-%dT%H:%M:%SZ', 'now')"

/* What cc__step returns for a row and for the end (any other value is a
 * failure, which cc__db_fail describes). */
#define CC__ROW 100
#define CC__DONE 101

int cc__step(cc__stmt *st);
/* Sends a read ahead inside a batch's transaction on PostgreSQL, so that
 * several reads go in one round trip (their first steps then find their
 * rows); nothing elsewhere (the read runs at its first step). 0, or -1
 * when it could not be sent. */
int cc__send(cc__stmt *st);
/* 1 when cc__send sends ahead (a batch's transaction on PostgreSQL). */
int cc__sends_ahead(struct cc_store *s);
long long cc__int64(cc__stmt *st, int col);
int cc__int(cc__stmt *st, int col);
double cc__double(cc__stmt *st, int col);
/* A column's text (NULL for SQL NULL), valid until the next step. */
const unsigned char *cc__text(cc__stmt *st, int col);
int cc__bytes(cc__stmt *st, int col);
int cc__is_null(cc__stmt *st, int col);
/* A BLOB (bytea) column's bytes, malloc'd (*len their number); NULL when
 * out of memory. */
char *cc__blob_dup(cc__stmt *st, int col, size_t *len);
/* The id the last INSERT gave its row; the rows the last statement
 * changed; 1 inside a transaction. */
long long cc__last_id(struct cc_store *s);
int cc__changes(struct cc_store *s);
int cc__in_txn(struct cc_store *s);

/* Fills err from the connection's last error; returns the status. */
int cc__db_fail(struct cc_store *s, struct cc_error *err, const char *what);

/* Prepares sql (or takes it kept prepared) and binds values by types:
 * 't' text (NULL binds NULL), 'b' text with length (const char *,
 * size_t), 'B' bytes (const void *, size_t), 'i' int, 'I' long long,
 * 'd' double (NaN binds NULL). Returns
 * NULL (err filled) on failure. Give the statement back with cc__finish
 * (cc__collect, cc__scalar and cc__one_int64 do), never sqlite3_finalize:
 * it may be kept for the next use. */
cc__stmt *cc__prepare(struct cc_store *s, struct cc_error *err,
			  const char *sql, const char *types, ...);

/* Done with st: a kept statement is reset for its next use, any other
 * finalized. */
void cc__finish(struct cc_store *s, cc__stmt *st);

/* Resets st (a statement its caller reuses, as a batch does) and binds
 * values by the types of cc__prepare; 0 or a failure. */
int cc__rebind(cc__stmt *st, const char *types, ...);

/* Prepares, binds, steps once: for statements that return no rows. */
int cc__run(struct cc_store *s, struct cc_error *err, const char *sql,
	    const char *types, ...);

/* Steps st (which it finalizes) once: the first column of its row as an
 * integer into *out; CC_ENOTFOUND ("no such WHAT") when there is no row. */
int cc__one_int64(struct cc_store *s, cc__stmt *st, long long *out, const char *what,
		  struct cc_error *err);

/* A column's text copied into the list's arena (NULL for SQL NULL). */
const char *cc__col_text(struct cc_list *l, cc__stmt *st, int col);

/* Steps st (which it finalizes) to the end; fn turns each row into an item
 * of size bytes in out. */
typedef int (*cc__row_fn)(struct cc_list *l, cc__stmt *st, void *item);
int cc__collect(struct cc_store *s, cc__stmt *st, struct cc_list *out,
		size_t size, cc__row_fn fn, struct cc_error *err);

/* A row (unit, question, answer, comment, evidence-or-time,
 * prefill_mapping, prefill_campaign, prefill_source) as a struct
 * cc_answer_rec. */
int cc__answer_row(struct cc_list *l, cc__stmt *st, void *item);

/* A row (risk, participant, phase, likelihood, impact, impacts,
 * confidence, rationale, workshop, dissent, by, at) as a struct
 * cc_rating_rec (risks.c). */
int cc__rating_row(struct cc_list *l, cc__stmt *st, void *item);

/* A REAL column, NaN for SQL NULL. */
double cc__col_real(cc__stmt *st, int col);

/* Steps st (which it finalizes) once: the first column of the first row
 * into *out (0 when there is no row). */
int cc__scalar(struct cc_store *s, cc__stmt *st, long long *out, struct cc_error *err);

/* Runs sql, one or more statements without values (a migration's
 * script); what names it in a failure. */
int cc__exec(struct cc_store *s, const char *sql, const char *what, struct cc_error *err);

/* Applies the n numbered migrations ms not yet applied (db.c). */
struct cc_migration;
int cc__migrate(struct cc_store *s, const struct cc_migration *ms, int n, struct cc_error *err);

/* Opens a PostgreSQL store at url (pg.c); private as for SQLite. */
int cc__pg_open(struct cc_store **out, const char *url, int create, struct cc_error *err);
void cc__pg_close(struct cc_store *s);
long long cc__pg_data_version(struct cc_store *s);
int cc__pg_exec(struct cc_store *s, const char *sql, const char *what, struct cc_error *err);

/* A value to bind: kind 't' text (p, NUL-terminated), 'b' text (p, len),
 * 'B' bytes (p, len), 'I' integer (i), 'd' real (d), 'n' NULL. */
struct cc__val {
	char kind;
	const char *p;
	size_t len;
	long long i;
	double d;
};
#define CC__MAXVALS 64

/* Binds n values to st (after resetting it): 0 or a failure. */
int cc__bind_vals(cc__stmt *st, int n, const struct cc__val *v);

/* The kind of value (as struct cc__val's) a column holds in the row. */
char cc__kind(cc__stmt *st, int col);

/* The backends' halves of the above (sqlite.c, pg.c). */
cc__stmt *cc__lite_prepare(struct cc_store *s, const char *sql);
int cc__lite_bind(cc__stmt *st, int n, const struct cc__val *v);
void cc__lite_finish(struct cc_store *s, cc__stmt *st);
cc__stmt *cc__pg_prepare(struct cc_store *s, struct cc_error *err, const char *sql);
int cc__pg_bind(cc__stmt *st, int n, const struct cc__val *v);
char cc__pg_kind(cc__stmt *st, int col);
void cc__pg_finish(struct cc_store *s, cc__stmt *st);
int cc__pg_step(cc__stmt *st);
const char *cc__pg_value(cc__stmt *st, int col, int *len);
char *cc__pg_blob_dup(cc__stmt *st, int col, size_t *len);
long long cc__pg_last_id(struct cc_store *s);
int cc__pg_changes(struct cc_store *s);
int cc__pg_in_txn(struct cc_store *s);
int cc__pg_send(cc__stmt *st);
int cc__pg_sends_ahead(struct cc_store *s);
long long cc__pg_writes(struct cc_store *s);
/* A batch's transaction on PostgreSQL (pg.c): defer starts sending its
 * writes without waiting; end_batch collects what is left and stops,
 * -1 when a deferred write failed (the transaction is then rolled back). */
int cc__pg_defer(struct cc_store *s, struct cc_error *err);
int cc__pg_end_batch(struct cc_store *s);
int cc__pg_fail(struct cc_store *s, struct cc_error *err, const char *what);

#endif
