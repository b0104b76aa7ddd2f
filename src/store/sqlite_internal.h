/*
 * sqlite_internal.h - what the SQLite backend's files share: the
 * connection and the helpers that make prepared statements with bound
 * values the only way values reach SQL. Not for use outside src/store.
 */
#ifndef CC_SQLITE_INTERNAL_H
#define CC_SQLITE_INTERNAL_H

#include <sqlite3.h>

#include "store.h"

/* Statements kept prepared, per connection, keyed by their text: the
 * queries of every request and of every save, whose parsing was most of
 * their cost (a third of an answer save's time). The least recently used
 * gives way when all slots are taken. The table is guarded by the
 * connection's own mutex (none on a private connection). */
#define CC_STORE_HOT 64

struct cc__hot {
	char *sql;                  /* owned copy: the key */
	sqlite3_stmt *st;
	int busy;                   /* handed out, not yet cc__finish'ed */
	unsigned long used;         /* tick of its last use */
};

struct cc_store {
	sqlite3 *db;
	char path[4200];
	struct cc__hot hot[CC_STORE_HOT];
	int nhot;
	unsigned long tick;
};

/* Fills err from the connection's last error; returns the status. */
int cc__db_fail(struct cc_store *s, struct cc_error *err, const char *what);

/* Prepares sql (or takes it kept prepared) and binds values by types:
 * 't' text (NULL binds NULL), 'b' text with length (const char *,
 * size_t), 'i' int, 'I' long long, 'd' double (NaN binds NULL). Returns
 * NULL (err filled) on failure. Give the statement back with cc__finish
 * (cc__collect, cc__scalar and cc__one_int64 do), never sqlite3_finalize:
 * it may be kept for the next use. */
sqlite3_stmt *cc__prepare(struct cc_store *s, struct cc_error *err,
			  const char *sql, const char *types, ...);

/* Done with st: a kept statement is reset for its next use, any other
 * finalized. */
void cc__finish(struct cc_store *s, sqlite3_stmt *st);

/* Resets st (a statement its caller reuses, as a batch does) and binds
 * values by the types of cc__prepare; an SQLite status. */
int cc__rebind(sqlite3_stmt *st, const char *types, ...);

/* Prepares, binds, steps once: for statements that return no rows. */
int cc__run(struct cc_store *s, struct cc_error *err, const char *sql,
	    const char *types, ...);

/* Steps st (which it finalizes) once: the first column of its row as an
 * integer into *out; CC_ENOTFOUND ("no such WHAT") when there is no row. */
int cc__one_int64(struct cc_store *s, sqlite3_stmt *st, long long *out, const char *what,
		  struct cc_error *err);

/* A column's text copied into the list's arena (NULL for SQL NULL). */
const char *cc__col_text(struct cc_list *l, sqlite3_stmt *st, int col);

/* Steps st (which it finalizes) to the end; fn turns each row into an item
 * of size bytes in out. */
typedef int (*cc__row_fn)(struct cc_list *l, sqlite3_stmt *st, void *item);
int cc__collect(struct cc_store *s, sqlite3_stmt *st, struct cc_list *out,
		size_t size, cc__row_fn fn, struct cc_error *err);

/* A row (unit, question, answer, comment, evidence-or-time,
 * prefill_mapping, prefill_campaign, prefill_source) as a struct
 * cc_answer_rec. */
int cc__answer_row(struct cc_list *l, sqlite3_stmt *st, void *item);

/* A row (risk, participant, phase, likelihood, impact, impacts,
 * confidence, rationale, workshop, dissent, by, at) as a struct
 * cc_rating_rec (sqlite_risks.c). */
int cc__rating_row(struct cc_list *l, sqlite3_stmt *st, void *item);

/* A REAL column, NaN for SQL NULL. */
double cc__col_real(sqlite3_stmt *st, int col);

/* Steps st (which it finalizes) once: the first column of the first row
 * into *out (0 when there is no row). */
int cc__scalar(struct cc_store *s, sqlite3_stmt *st, long long *out, struct cc_error *err);

#endif
