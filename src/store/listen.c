/*
 * listen.c - notifications from the database (see store.h,
 * cc_store_listener_open): on PostgreSQL a connection of its own that
 * LISTENs on one channel, so that a server hears at once what another
 * server committed (a drill's new event, migration 0021's triggers)
 * instead of finding it at its next poll. SQLite has no such channel: its
 * servers are one process, which tells itself.
 */
#include "store_internal.h"

#include "pg_conn.h"

#include <libpq-fe.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct cc_store_listener {
	PGconn *conn;
	char channel[64];
};

static int listen_on(struct cc_store_listener *l)
{
	char sql[100];
	char *quoted = PQescapeIdentifier(l->conn, l->channel, strlen(l->channel));
	PGresult *r;
	int ok;

	if (!quoted)
		return -1;
	snprintf(sql, sizeof(sql), "LISTEN %s", quoted);
	PQfreemem(quoted);
	r = PQexec(l->conn, sql);
	ok = PQresultStatus(r) == PGRES_COMMAND_OK;
	PQclear(r);
	return ok ? 0 : -1;
}

int cc_store_listener_open(struct cc_store_listener **out, struct cc_store *s,
			   const char *channel, struct cc_error *err)
{
	struct cc_store_listener *l;

	*out = NULL;
	if (!s->pg)
		return CC_OK;           /* nothing to hear on SQLite */
	if (strlen(channel) >= sizeof(l->channel))
		return cc_error_set(err, CC_EINPUT, NULL, 0, 0, "channel name too long");
	if (!(l = calloc(1, sizeof(*l))))
		return cc_error_set(err, CC_ENOMEM, NULL, 0, 0, "out of memory");
	snprintf(l->channel, sizeof(l->channel), "%s", channel);
	l->conn = PQconnectdb(s->pg->url);
	if (PQstatus(l->conn) != CONNECTION_OK || listen_on(l)) {
		int rc = cc_error_set(err, CC_EUNAVAIL, s->path, 0, 0, "listen: %s",
				      PQerrorMessage(l->conn));
		cc_store_listener_close(l);
		return rc;
	}
	*out = l;
	return CC_OK;
}

int cc_store_listener_wait(struct cc_store_listener *l, int timeout_ms, char *payload,
			   size_t size)
{
	struct pollfd p;
	PGnotify *n;

	if (PQstatus(l->conn) != CONNECTION_OK) {
		/* connected again or not, what came meanwhile is not known */
		PQreset(l->conn);
		if (PQstatus(l->conn) != CONNECTION_OK || listen_on(l))
			poll(NULL, 0, timeout_ms);  /* not at once again */
		return -1;
	}
	for (;;) {
		if (!PQconsumeInput(l->conn))
			return -1;
		if ((n = PQnotifies(l->conn))) {
			snprintf(payload, size, "%s", n->extra);
			PQfreemem(n);
			return 1;
		}
		p = (struct pollfd){.fd = PQsocket(l->conn), .events = POLLIN};
		switch (poll(&p, 1, timeout_ms)) {
		case 0:
			return 0;
		case -1:
			return -1;
		}
		timeout_ms = 0;         /* what arrived is read; then no more waiting */
	}
}

void cc_store_listener_close(struct cc_store_listener *l)
{
	if (!l)
		return;
	PQfinish(l->conn);
	free(l);
}
