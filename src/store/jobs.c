/*
 * jobs.c - the robustness job queue (migration 0019, see store.h):
 * queue, claim (FOR UPDATE SKIP LOCKED on PostgreSQL, where servers claim
 * at once; SQLite's single writer serialises the claim by itself),
 * progress, end, read, and the clean-up of jobs a server left behind.
 */
#include "store_internal.h"

#include <stdio.h>
#include <string.h>

int cc_store_job_queue(struct cc_store *s, const char *id, const char *campaign,
		       const char *spec, int total, long long now, int max_open, struct cc_error *err)
{
	long long open = 0;
	int rc = cc__scalar(s, cc__prepare(s, err, "SELECT count(*) FROM robustness_job WHERE "
					   "status IN ('queued', 'running')", ""), &open, err);

	if (rc)
		return rc;
	if (open >= max_open)
		return cc_error_set(err, CC_ELIMIT, NULL, 0, 0, "%lld analyses are running", open);
	return cc__run(s, err, "INSERT INTO robustness_job (id, campaign_id, spec, total, created_at) "
		       "VALUES (?, ?, ?, ?, ?)", "tttiI", id, campaign, spec, total, now);
}

static int job_row(struct cc_list *l, cc__stmt *st, void *item)
{
	struct cc_job_rec *j = item;

	j->id = cc__col_text(l, st, 0);
	j->campaign = cc__col_text(l, st, 1);
	j->spec = cc__col_text(l, st, 2);
	j->status = cc__col_text(l, st, 3);
	j->done = cc__int(st, 4);
	j->total = cc__int(st, 5);
	j->result = cc__col_text(l, st, 6);
	j->error = cc__col_text(l, st, 7);
	return j->id && j->campaign && j->spec && j->status && j->error ? 0 : -1;
}

#define JOB_COLS "id, campaign_id, spec, status, done, total, result, error"

/* The number of rows sql counts (a cheap look before a write: an UPDATE
 * that changes nothing would still tell every server that something did). */
static long long how_many(struct cc_store *s, const char *sql, long long arg)
{
	long long n = 0;

	if (cc__scalar(s, cc__prepare(s, NULL, sql, "I", arg), &n, NULL))
		return 1;       /* not known: do the write */
	return n;
}

int cc_store_job_claim(struct cc_store *s, const char *server, long long now, struct cc_list *out,
		       struct cc_error *err)
{
	if (!how_many(s, "SELECT count(*) FROM robustness_job WHERE status = 'queued' AND "
		      "created_at > ? - 3600", now)) {
		cc_arena_init(&out->arena);
		out->items = NULL;
		out->n = 0;
		return CC_OK;
	}
	return cc__collect(s, cc__prepare(s, err, s->pg ?
		"UPDATE robustness_job SET status = 'running', server = ?, claimed_at = ? WHERE id = "
		"(SELECT id FROM robustness_job WHERE status = 'queued' ORDER BY created_at, id "
		"LIMIT 1 FOR UPDATE SKIP LOCKED) RETURNING " JOB_COLS :
		"UPDATE robustness_job SET status = 'running', server = ?, claimed_at = ? WHERE id = "
		"(SELECT id FROM robustness_job WHERE status = 'queued' ORDER BY created_at, id "
		"LIMIT 1) RETURNING " JOB_COLS, "tI", server, now),
		out, sizeof(struct cc_job_rec), job_row, err);
}

int cc_store_job_progress(struct cc_store *s, const char *id, int done, int total,
			  struct cc_error *err)
{
	return cc__run(s, err, "UPDATE robustness_job SET done = ?, total = ? WHERE id = ? AND "
		       "status = 'running'", "iit", done, total, id);
}

int cc_store_job_end(struct cc_store *s, const char *id, const char *result, const char *error,
		     int done, int total, long long now, struct cc_error *err)
{
	return cc__run(s, err, "UPDATE robustness_job SET status = ?, result = ?, error = ?, "
		       "done = ?, total = ?, finished_at = ? WHERE id = ?", "tttiiIt",
		       result ? "done" : "failed", result, error ? error : "", done, total, now, id);
}

int cc_store_job(struct cc_store *s, const char *id, struct cc_list *out, struct cc_error *err)
{
	int rc = cc__collect(s, cc__prepare(s, err, "SELECT " JOB_COLS " FROM robustness_job "
					    "WHERE id = ?", "t", id), out, sizeof(struct cc_job_rec),
			     job_row, err);

	if (!rc && out->n == 0) {
		cc_list_free(out);
		return cc_error_set(err, CC_ENOTFOUND, NULL, 0, 0, "no job \"%s\"", id);
	}
	return rc;
}

int cc_store_jobs_tidy(struct cc_store *s, long long now, long long stale, long long keep,
		       struct cc_error *err)
{
	long long n = 0;
	int rc = cc__scalar(s, cc__prepare(s, err, "SELECT count(*) FROM robustness_job WHERE "
					   "(status = 'running' AND claimed_at < ?) OR (status = "
					   "'queued' AND created_at < ?) OR finished_at < ?", "III",
					   now - stale, now - stale, now - keep), &n, err);

	if (rc || !n)
		return rc;
	rc = cc__run(s, err, "UPDATE robustness_job SET status = 'failed', error = "
			 "'the server running it stopped', finished_at = ? WHERE status = 'running' "
			 "AND claimed_at < ?", "II", now, now - stale);

	if (!rc)
		rc = cc__run(s, err, "UPDATE robustness_job SET status = 'failed', error = "
			     "'no server took it', finished_at = ? WHERE status = 'queued' AND "
			     "created_at < ?", "II", now, now - stale);
	if (!rc)
		rc = cc__run(s, err, "DELETE FROM robustness_job WHERE status IN ('done', 'failed') "
			     "AND finished_at < ?", "I", now - keep);
	return rc;
}
