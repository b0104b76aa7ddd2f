/*
 * attempts.c - the writes and reads of the challenge attempt
 * writer (service/challenge_writer.c; store_challenges.h): a batch of
 * attempts, and their solves, inserted with one prepared statement each
 * inside the writer's transaction, and the wrong answers it keeps count
 * of (per team and challenge for max_attempts; the last minute's for the
 * rate limit).
 */
#include "store_internal.h"

#include <math.h>

/* One attempt (w->a) of drill w->drill into the kept INSERT st. */
static int put_attempt(cc__stmt *st, const struct cc_attempt_write *w)
{
	int rc = cc__rebind(st, "tttIttdd", w->drill, w->a.challenge, w->a.team, w->a.user,
			    w->a.outcome, w->a.text, w->a.at, w->a.clock);

	return rc == 0 ? cc__step(st) : rc;
}

/* Its solve, naming the attempt's row w->id. */
static int put_solve(cc__stmt *st, const struct cc_attempt_write *w)
{
	int rc = cc__rebind(st, "tttIIdd", w->drill, w->a.challenge, w->a.team, w->a.user,
			    w->id, w->a.at, w->a.clock);

	return rc == 0 ? cc__step(st) : rc;
}

int cc_store_attempt_batch(struct cc_store *s, struct cc_attempt_write *w, int n,
			   struct cc_error *err)
{
	cc__stmt *at = cc__prepare(s, err, "INSERT INTO drill_attempt (drill_id, "
		"challenge_id, team_id, user_id, outcome, text, at, clock) VALUES (?, ?, ?, ?, ?, ?, "
		"?, ?)", "");
	cc__stmt *so = at ? cc__prepare(s, err, "INSERT INTO drill_solve (drill_id, "
		"challenge_id, team_id, user_id, attempt_id, at, clock) VALUES (?, ?, ?, ?, ?, ?, ?)",
		"") : NULL;
	int rc = so ? CC_OK : err->code;

	for (int i = 0; !rc && i < n; i++) {
		if (put_attempt(at, &w[i]) != CC__DONE) {
			rc = cc__db_fail(s, err, "write");
			break;
		}
		w[i].id = cc__last_id(s);
		if (w[i].solve && put_solve(so, &w[i]) != CC__DONE)
			rc = cc__db_fail(s, err, "write");
	}
	cc__finish(s, at);
	cc__finish(s, so);
	return rc;
}

static int count_row(struct cc_list *l, cc__stmt *st, void *item)
{
	struct cc_wrong_count_rec *r = item;

	r->team = cc__col_text(l, st, 0);
	r->challenge = cc__col_text(l, st, 1);
	r->n = cc__int(st, 2);
	return r->team && r->challenge ? 0 : -1;
}

int cc_store_wrong_counts(struct cc_store *s, const char *drill, struct cc_list *out,
			  struct cc_error *err)
{
	return cc__collect(s, cc__prepare(s, err, "SELECT team_id, challenge_id, count(*) FROM "
		"drill_attempt WHERE drill_id = ? AND outcome = 'wrong' GROUP BY team_id, "
		"challenge_id", "t", drill), out, sizeof(struct cc_wrong_count_rec), count_row, err);
}

static int at_row(struct cc_list *l, cc__stmt *st, void *item)
{
	struct cc_wrong_at_rec *r = item;

	r->team = cc__col_text(l, st, 0);
	r->at = cc__double(st, 1);
	return r->team ? 0 : -1;
}

int cc_store_wrongs_since(struct cc_store *s, const char *drill, double since,
			  struct cc_list *out, struct cc_error *err)
{
	return cc__collect(s, cc__prepare(s, err, "SELECT team_id, at FROM drill_attempt WHERE "
		"drill_id = ? AND outcome = 'wrong' AND at > ? ORDER BY team_id, at", "td", drill,
		since), out, sizeof(struct cc_wrong_at_rec), at_row, err);
}
