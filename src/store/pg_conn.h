/*
 * pg_conn.h - a PostgreSQL connection of the store, as pg.c (statements,
 * the pipeline of a batch) and pg_open.c (connecting, the checks, the
 * migrations, notifications) share it. Not for use outside src/store.
 */
#ifndef CC_PG_CONN_H
#define CC_PG_CONN_H

#include <libpq-fe.h>
#include <stddef.h>

#define PG_KEPT 512             /* statements prepared per connection */
#define PG_KEPT_SLOTS 1024      /* their index by text (a power of two) */

struct kept {
	char *key;                  /* the query's text, a NUL, its bind types */
	size_t keylen;
	unsigned hash;
	char name[16];
	int nparams;
};

struct cc__pgconn {
	PGconn *conn;
	struct kept kept[PG_KEPT];
	short slot[PG_KEPT_SLOTS];  /* index into kept + 1, 0 empty */
	int nkept;
	unsigned next_name;
	char msg[512];              /* the last failure */
	char state[6];              /* its SQLSTATE */
	int broken;                 /* the last failure was the connection's */
	int changes;                /* rows the last statement changed; -1 not known yet */
	long long writes;           /* statements other than reads sent */
	long long version;          /* commits by others seen */
	char *url;
	/* A batch's transaction (cc_store_begin_batch): its writes are sent
	 * without waiting for their results (libpq's pipeline mode), which
	 * the next read or the commit collects. */
	int defer;
	int queued;                 /* commands sent since the last sync */
	PGresult ***want;           /* per queued command: where its result goes, or NULL */
	int want_cap;
	unsigned long epoch;        /* syncs so far */
	int failed;                 /* one of them failed: the transaction cannot commit */
};

/* Remembers the connection's or the result's failure (msg, state, broken). */
void cc__pg_note_failure(struct cc__pgconn *c, const PGresult *res);
/* Forgets the statements prepared on the connection. */
void cc__pg_forget_kept(struct cc__pgconn *c);
/* Counts the commits of others notified so far and frees their
 * notifications (libpq keeps each until it is taken): after every
 * statement, so that a connection nobody asks for its data version does
 * not gather them. */
void cc__pg_drain(struct cc__pgconn *c);
/* Connects again after a break (prepared statements are gone with it);
 * 0 when the connection is usable. */
int cc__pg_ensure_connected(struct cc__pgconn *c);

/* The batch's pipeline (pg_pipeline.c): whether the connection is in it;
 * the batch marked failed with res's failure (or the connection's, res
 * NULL; the first is told); the results of what was queued collected at a
 * sync (each to where cc__pg_queued said), -1 when the batch has failed; paused (collected, left) around a synchronous call and
 * resumed after it. */
int cc__pg_in_pipeline(const struct cc__pgconn *c);
void cc__pg_batch_failed(struct cc__pgconn *c, const PGresult *res);
int cc__pg_collect(struct cc__pgconn *c);
/* Counts a command just sent in the pipeline; its result goes to *want
 * at the next collect (want NULL: only its status matters). -1 when out
 * of memory (then the batch has failed). */
int cc__pg_queued(struct cc__pgconn *c, PGresult **want);
void cc__pg_pause(struct cc__pgconn *c);
void cc__pg_resume(struct cc__pgconn *c);

#endif
