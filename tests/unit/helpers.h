/*
 * helpers.h - shared helpers for the cmocka unit tests in tests/unit.
 *
 * Frameworks and responses are given as string literals; the helpers parse
 * them and fail the calling test (naming the caller's file and line) with
 * the engine's own error message when they do not load. A struct scored
 * holds a framework, its answers and their scores together so that one
 * scored_free releases everything.
 */
#ifndef CC_TEST_HELPERS_H
#define CC_TEST_HELPERS_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <libpq-fe.h>
#include <math.h>
#include <sqlite3.h>
#include <unistd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/answers.h"
#include "core/error.h"
#include "core/framework.h"
#include "core/score.h"
#include "format/framework_yaml.h"
#include "format/responses_csv.h"

/* ---- numbers ---------------------------------------------------------- */

static inline void cc_test_near(double got, double want, double tol,
				const char *expr, const char *file, int line)
{
	if (isnan(want) ? isnan(got) : fabs(got - want) <= tol)
		return;
	print_error("%s = %.17g, expected %.17g\n", expr, got, want);
	_fail(file, line);
}

/* got == want within 1e-9 (NaN matches NaN only). */
#define assert_near(got, want) \
	cc_test_near((got), (want), 1e-9, #got, __FILE__, __LINE__)
#define assert_nan(got) \
	cc_test_near((got), NAN, 0, #got, __FILE__, __LINE__)

/* ---- errors ----------------------------------------------------------- */

static inline void cc_test_refused(int rc, const struct cc_error *err, long line,
				   const char *says, const char *file, int at)
{
	if (rc == CC_EINPUT && strstr(err->msg, says) && err->line == line)
		return;
	print_error("status %d, line %ld: %s\nexpected bad input on line %ld saying: %s\n",
		    rc, err->line, err->msg, line, says);
	_fail(file, at);
}

/* rc is bad input (CC_EINPUT) at line whose message contains says. */
#define assert_refused(rc, err, line, says) \
	cc_test_refused((rc), (err), (line), (says), __FILE__, __LINE__)

/* ---- frameworks ------------------------------------------------------- */

static inline void cc_test_parse_framework(struct cc_framework *fw,
					   const char *yaml, const char *file,
					   int line)
{
	struct cc_error err;
	int rc;

	cc_error_clear(&err);
	rc = cc_framework_parse(fw, "test.yaml", yaml, strlen(yaml), &err);
	if (rc != CC_OK) {
		print_error("framework does not load (%d): %s:%ld:%ld: %s\n", rc,
			    err.file, err.line, err.col, err.msg);
		_fail(file, line);
	}
}

/* Parses yaml into fw and asserts success. */
#define parse_framework(fw, yaml) \
	cc_test_parse_framework((fw), (yaml), __FILE__, __LINE__)

/* Asserts that yaml fails with CC_EINPUT at line:col (col 0: any column)
 * with a message containing needle (NULL: any message). */
static inline void cc_test_framework_error(const char *yaml, long line,
					   long col, const char *needle,
					   const char *file, int at)
{
	struct cc_framework fw;
	struct cc_error err;
	int rc;

	cc_error_clear(&err);
	rc = cc_framework_parse(&fw, "test.yaml", yaml, strlen(yaml), &err);
	if (rc == CC_OK) {
		cc_framework_free(&fw);
		print_error("framework loaded; expected an error at %ld:%ld\n",
			    line, col);
		_fail(file, at);
	}
	if (rc != CC_EINPUT || err.code != CC_EINPUT || err.line != line ||
	    (col && err.col != col) || strcmp(err.file, "test.yaml") != 0 ||
	    (needle && !strstr(err.msg, needle))) {
		print_error("got rc %d: %s:%ld:%ld: %s\n"
			    "expected CC_EINPUT at test.yaml:%ld:%ld with \"%s\"\n",
			    rc, err.file, err.line, err.col, err.msg, line, col,
			    needle ? needle : "");
		_fail(file, at);
	}
}

#define assert_framework_error(yaml, line, col, needle) \
	cc_test_framework_error((yaml), (line), (col), (needle), __FILE__, __LINE__)

/* Node index of id; fails the test when the framework has no such node. */
static inline int cc_test_node(const struct cc_framework *fw, const char *id,
			       const char *file, int line)
{
	int i = cc_framework_find(fw, id);

	if (i < 0) {
		print_error("no node \"%s\"\n", id);
		_fail(file, line);
	}
	return i;
}

#define node_of(fw, id) cc_test_node((fw), (id), __FILE__, __LINE__)

/* ---- responses and scores --------------------------------------------- */

static inline void cc_test_parse_responses(struct cc_answers *a,
					   const struct cc_framework *fw,
					   const char *csv, const char *file,
					   int line)
{
	struct cc_error err;
	int rc;

	cc_error_clear(&err);
	rc = cc_responses_parse(a, fw, "test.csv", csv, strlen(csv), &err);
	if (rc != CC_OK) {
		print_error("responses do not load (%d): %s:%ld: %s\n", rc,
			    err.file, err.line, err.msg);
		_fail(file, line);
	}
}

#define parse_responses(a, fw, csv) \
	cc_test_parse_responses((a), (fw), (csv), __FILE__, __LINE__)

struct scored {
	struct cc_framework fw;
	struct cc_answers a;
	struct cc_scores s;
};

/* Parses a framework and responses and scores them. */
static inline void cc_test_score(struct scored *t, const char *yaml,
				 const char *csv, const char *file, int line)
{
	struct cc_error err;
	int rc;

	memset(t, 0, sizeof(*t));
	cc_test_parse_framework(&t->fw, yaml, file, line);
	cc_test_parse_responses(&t->a, &t->fw, csv, file, line);
	cc_error_clear(&err);
	rc = cc_scores_compute(&t->s, &t->fw, &t->a, &err);
	if (rc != CC_OK) {
		print_error("scoring fails (%d): %s\n", rc, err.msg);
		_fail(file, line);
	}
}

#define score_text(t, yaml, csv) cc_test_score((t), (yaml), (csv), __FILE__, __LINE__)

static inline void scored_free(struct scored *t)
{
	cc_scores_free(&t->s);
	cc_answers_free(&t->a);
	cc_framework_free(&t->fw);
}

static inline int cc_test_unit(const struct scored *t, const char *unit,
			       const char *file, int line)
{
	int u = cc_answers_find_unit(&t->a, unit);

	if (u < 0) {
		print_error("no unit \"%s\"\n", unit);
		_fail(file, line);
	}
	return u;
}

#define AT(t, unit, id) \
	((size_t)cc_test_unit((t), (unit), __FILE__, __LINE__) * \
	 (size_t)(t)->s.nnodes + \
	 (size_t)cc_test_node(&(t)->fw, (id), __FILE__, __LINE__))

/* Value, points and rank of node id for a unit (by their ids). */
#define VALUE(t, unit, id) ((t)->s.value[AT((t), (unit), (id))])
#define RANK(t, unit, id) ((int)(t)->s.rank[AT((t), (unit), (id))])
#define POINTS(t, unit, id) \
	(VALUE((t), (unit), (id)) * \
	 (t)->fw.nodes[cc_test_node(&(t)->fw, (id), __FILE__, __LINE__)].max)
#define LEVEL(t, unit) \
	((t)->s.level[cc_test_unit((t), (unit), __FILE__, __LINE__)])

/* ---- files ------------------------------------------------------------ */

/* Writes text to path (failing the test when it cannot). */
static inline void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	assert_int_equal(fputs(text, f) >= 0, 1);
	assert_int_equal(fclose(f), 0);
}

/* Removes a directory made by mkdtemp and what is in it; 0 on success. */
static inline int remove_dir(const char *dir)
{
	char cmd[300];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

/* ---- a data directory, on either backend ----------------------------- */

/* 1 when the tests run on PostgreSQL (tests/pg/run.sh). */
static inline int db_on_pg(void)
{
	const char *h = getenv("CYBERCAP_PG_HOST");

	return h && *h;
}

static void cc_test_quiet(void *arg, const char *message)
{
	(void)arg;
	(void)message;
}

/* Runs sql (statements without values) on DIR's database behind the
 * store's back (on PostgreSQL: the database cc_test_mkdata made last);
 * 0 when it succeeded. */
static inline int db_exec(const char *dir, const char *sql)
{
	char path[300];
	sqlite3 *db;
	int rc;

	if (db_on_pg()) {
		PGconn *c = PQconnectdb(getenv("CYBERCAP_DB"));
		PGresult *r;

		PQsetNoticeProcessor(c, cc_test_quiet, NULL);
		r = PQexec(c, sql);
		rc = PQresultStatus(r) == PGRES_COMMAND_OK || PQresultStatus(r) == PGRES_TUPLES_OK ? 0 : -1;
		PQclear(r);
		PQfinish(c);
		return rc;
	}
	snprintf(path, sizeof(path), "%s/cybercap.db", dir);
	if (sqlite3_open(path, &db) != SQLITE_OK)
		return -1;
	rc = sqlite3_exec(db, sql, NULL, NULL, NULL) == SQLITE_OK ? 0 : -1;
	sqlite3_close(db);
	return rc;
}

/* db_int on PostgreSQL: the database cc_test_mkdata made last. */
static inline int db_int_pg(const char *sql)
{
	PGconn *c = PQconnectdb(getenv("CYBERCAP_DB"));
	PGresult *r = PQexec(c, sql);
	int n = -1;

	if (PQresultStatus(r) != PGRES_TUPLES_OK)
		fail_msg("%s: %s", sql, PQresultErrorMessage(r));
	if (PQntuples(r) > 0)
		n = atoi(PQgetvalue(r, 0, 0));
	PQclear(r);
	PQfinish(c);
	return n;
}


/* mkdtemp(tmpl), and when the tests run on PostgreSQL (CYBERCAP_PG_HOST:
 * the test cluster's socket folder, tests/pg/run.sh), a new empty database
 * for it that cc_store_open then uses (CYBERCAP_DB). NULL on failure. */
static inline char *cc_test_mkdata(char *tmpl)
{
	static int n;
	const char *host = getenv("CYBERCAP_PG_HOST");
	char url[600], sql[200], name[64];
	PGconn *c;
	PGresult *r;
	int ok;

	if (!mkdtemp(tmpl))
		return NULL;
	if (!host || !*host)
		return tmpl;
	snprintf(name, sizeof(name), "cc_unit_%ld_%d", (long)getpid(), n++);
	snprintf(url, sizeof(url), "postgresql:///postgres?host=%s&user=postgres", host);
	c = PQconnectdb(url);
	PQsetNoticeProcessor(c, cc_test_quiet, NULL);
	snprintf(sql, sizeof(sql), "DROP DATABASE IF EXISTS %s", name);
	PQclear(PQexec(c, sql));
	snprintf(sql, sizeof(sql), "CREATE DATABASE %s TEMPLATE template0 ENCODING 'UTF8'", name);
	r = PQexec(c, sql);
	ok = PQresultStatus(r) == PGRES_COMMAND_OK;
	if (!ok)
		fprintf(stderr, "cc_test_mkdata: %s", PQerrorMessage(c));
	PQclear(r);
	PQfinish(c);
	snprintf(url, sizeof(url), "postgresql:///%s?host=%s&user=postgres", name, host);
	setenv("CYBERCAP_DB", url, 1);
	return ok ? tmpl : NULL;
}

/* The first column of the first row of sql on DIR/cybercap.db, read on a
 * connection of its own (-1 when there is no row): what a store test
 * counts behind the store's back. */
static inline int db_int(const char *dir, const char *sql)
{
	char path[300];
	sqlite3 *db;
	sqlite3_stmt *st;
	int n = -1;

	if (db_on_pg())
		return db_int_pg(sql);
	snprintf(path, sizeof(path), "%s/cybercap.db", dir);
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(db);
	return n;
}

/* ---- streams ---------------------------------------------------------- */

/* A memory stream; close it with memstream_text, which returns the text
 * (free() it). */
struct memstream {
	FILE *f;
	char *buf;
	size_t len;
};

static inline void memstream_open(struct memstream *m)
{
	m->buf = NULL;
	m->len = 0;
	m->f = open_memstream(&m->buf, &m->len);
	assert_non_null(m->f);
}

static inline char *memstream_text(struct memstream *m)
{
	assert_int_equal(fclose(m->f), 0);
	m->f = NULL;
	return m->buf;
}

#ifdef CC_SERVICE_H
/* Imports csv_text (written to DIR/CAMP.csv) as campaign camp on framework
 * fw (version: NULL for the latest) and publishes it; -1, saying why,
 * when either fails. For tests that include service/service.h first. */
static inline int import_published(struct cc_store *s, const char *dir, const char *camp,
				   const char *fw, const char *version, int year,
				   const char *csv_text)
{
	struct cc_error err;
	char path[128];
	struct cc_import im = {.campaign = camp, .framework = fw, .version = version,
			       .title = camp, .year = year, .author = "t"};

	snprintf(path, sizeof(path), "%s/%s.csv", dir, camp);
	write_file(path, csv_text);
	if (cc_service_import(s, &im, path, &err) || cc_service_publish(s, camp, &err)) {
		fprintf(stderr, "import %s: %s\n", camp, err.msg);
		return -1;
	}
	return 0;
}
#endif

#endif
