/*
 * pg_pipeline.c - a batch's transaction on PostgreSQL (see pg.c): its
 * writes go in libpq's pipeline mode, without waiting for their results,
 * which the next read, the commit, or a question about what a write
 * changed collects (cc__pg_collect). A write that failed marks the batch
 * failed: nothing more is sent, and the commit fails (the caller runs the
 * batch again in an ordinary transaction). A synchronous call (PQexec)
 * pauses the pipeline around itself.
 */
#include "store_internal.h"

#include "pg_conn.h"

#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>

int cc__pg_in_pipeline(const struct cc__pgconn *c)
{
	return PQpipelineStatus(c->conn) != PQ_PIPELINE_OFF;
}

/* Marks the batch failed with res's (or the connection's) failure; the
 * first failure is the one told. */
void cc__pg_batch_failed(struct cc__pgconn *c, const PGresult *res)
{
	if (!c->failed)
		cc__pg_note_failure(c, res);
	c->failed = 1;
}

int cc__pg_queued(struct cc__pgconn *c, PGresult **want)
{
	if (c->queued == c->want_cap) {
		int cap = c->want_cap ? 2 * c->want_cap : 64;
		PGresult ***w = realloc(c->want, (size_t)cap * sizeof(*w));

		if (!w) {
			snprintf(c->msg, sizeof(c->msg), "out of memory");
			c->failed = 1;
			return -1;
		}
		c->want = w;
		c->want_cap = cap;
	}
	c->want[c->queued++] = want;
	return 0;
}

/* Sends a sync and reads the results of every command queued since the
 * last one, each to where it was wanted. -1 when a command failed or the
 * connection broke (then the batch has failed). */
int cc__pg_collect(struct cc__pgconn *c)
{
	PGresult *r;
	int n = c->queued;

	c->queued = 0;
	c->epoch++;
	if (!PQpipelineSync(c->conn)) {
		cc__pg_batch_failed(c, NULL);
		return -1;
	}
	for (int i = 0; i < n; i++) {
		PGresult *first = NULL;
		int ok = 0;

		while ((r = PQgetResult(c->conn))) {
			if (!first)
				first = r;
			else
				PQclear(r);
		}
		if (!first) {           /* the connection went away */
			cc__pg_batch_failed(c, NULL);
			break;
		}
		switch (PQresultStatus(first)) {
		case PGRES_COMMAND_OK:
		case PGRES_TUPLES_OK:
			c->changes = atoi(PQcmdTuples(first));
			ok = 1;
			break;
		case PGRES_PIPELINE_ABORTED:
			c->failed = 1;
			break;
		default:
			cc__pg_batch_failed(c, first);
		}
		if (ok && c->want[i])
			*c->want[i] = first;
		else
			PQclear(first);
	}
	while ((r = PQgetResult(c->conn))) {    /* the sync's, then nothing */
		int sync = PQresultStatus(r) == PGRES_PIPELINE_SYNC;
		PQclear(r);
		if (sync)
			break;
	}
	if (PQstatus(c->conn) != CONNECTION_OK)
		cc__pg_batch_failed(c, NULL);
	cc__pg_drain(c);
	return c->failed ? -1 : 0;
}

/* Leaves pipeline mode (what was queued collected), for a synchronous
 * call; the batch's mode comes back with cc__pg_resume. */
void cc__pg_pause(struct cc__pgconn *c)
{
	if (!cc__pg_in_pipeline(c))
		return;
	if (c->queued)          /* after a commit nothing is: no round trip */
		cc__pg_collect(c);
	if (!PQexitPipelineMode(c->conn))
		cc__pg_batch_failed(c, NULL);
}

void cc__pg_resume(struct cc__pgconn *c)
{
	if (c->defer && !cc__pg_in_pipeline(c) && PQstatus(c->conn) == CONNECTION_OK &&
	    !PQenterPipelineMode(c->conn))
		cc__pg_batch_failed(c, NULL);
}

int cc__pg_defer(struct cc_store *s, struct cc_error *err)
{
	struct cc__pgconn *c = s->pg;

	c->broken = 0;
	if (cc__pg_ensure_connected(c))
		return cc__pg_fail(s, err, "begin");
	c->defer = 1;
	c->failed = 0;
	c->queued = 0;
	if (!PQenterPipelineMode(c->conn)) {
		c->defer = 0;
		cc__pg_note_failure(c, NULL);
		return cc__pg_fail(s, err, "begin");
	}
	return CC_OK;
}

int cc__pg_end_batch(struct cc_store *s)
{
	struct cc__pgconn *c = s->pg;
	int failed;

	if (!c->defer)
		return 0;
	cc__pg_pause(c);
	failed = c->failed;
	c->defer = 0;
	c->failed = 0;
	if (failed && PQstatus(c->conn) == CONNECTION_OK) {
		/* the prepares queued after the failure never happened */
		PGresult *r = PQexec(c->conn, "ROLLBACK");
		PQclear(r);
		r = PQexec(c->conn, "DEALLOCATE ALL");
		PQclear(r);
		cc__pg_forget_kept(c);
	}
	return failed ? -1 : 0;
}
