/*
 * pg_open.c - connecting the store to PostgreSQL (see pg.c for its
 * statements): the URL as it may be shown, the checks a database must
 * pass (byte order of text, prepared by cybercap init), the migrations
 * under an advisory lock (several servers may start at once), LISTEN for
 * the commits of others (cc_store_data_version), and closing.
 */
#include "store_internal.h"

#include "migrations.h"
#include "pg_conn.h"

#include <libpq-fe.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void quiet(void *arg, const char *message)
{
	(void)arg;
	(void)message;          /* NOTICEs ("already exists, skipping") */
}

void cc__pg_drain(struct cc__pgconn *c)
{
	PGnotify *n;
	int me = PQbackendPID(c->conn);

	while ((n = PQnotifies(c->conn))) {
		if (n->be_pid != me)
			c->version++;
		PQfreemem(n);
	}
}

long long cc__pg_data_version(struct cc_store *s)
{
	struct cc__pgconn *c = s->pg;

	/* in a batch's pipeline, only between its syncs (nothing in flight) */
	if (PQstatus(c->conn) != CONNECTION_OK ||
	    (PQpipelineStatus(c->conn) != PQ_PIPELINE_OFF && c->queued))
		return c->version;
	PQconsumeInput(c->conn);
	cc__pg_drain(c);
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
		cc__pg_note_failure(s->pg, r);
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
		cc__pg_note_failure(s->pg, r);
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
		cc__pg_note_failure(c, NULL);
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

	cc__pg_forget_kept(c);
	PQfinish(c->conn);
	free(c->url);
	free(c->want);
	free(c);
	free(s);
}
