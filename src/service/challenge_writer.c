/*
 * challenge_writer.c - group commit of challenge attempts (see
 * challenge_writer.h): the queue, the writer's thread, the per-drill
 * state it decides on, and the batch transaction.
 */
#include "challenge_writer.h"

#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define RECENT CC_CTF_RATE_WRONG

/* What the writer decides on for one drill. */
struct wdrill {
	struct wdrill *next;
	char id[130];
	struct cc_ctf c;
	char *solved;               /* [team * n + challenge] */
	int *counts;                /* solves per challenge, hidden teams not counted */
	int *wrong;                 /* [team * n + challenge] */
	double *recent;             /* [team * RECENT]: latest wrong answers, oldest first */
	int *nrecent;
	char *req;                  /* [i * n + k]: challenge i requires k */
};

struct cc_ctf_writer {
	struct cc_group_writer *g;  /* the queue and the thread (group_writer.h) */
	struct cc_store *s;         /* the writer's connection, inside a batch */
	void (*changed)(const char *drill, void *arg);
	void *arg;
	struct wdrill *drills;
	long long version;          /* data_version the drills were read at */
	struct cc_attempt_write *w; /* the batch's rows */
	struct cc_ctf_job **batch;
};

static double wall_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* ---- per-drill state ---- */

static void drill_free(struct wdrill *d)
{
	cc_ctf_free(&d->c);
	free(d->solved), free(d->counts), free(d->wrong), free(d->recent), free(d->nrecent);
	free(d->req);
	free(d);
}

static void drop_all(struct cc_ctf_writer *w)
{
	while (w->drills) {
		struct wdrill *next = w->drills->next;
		drill_free(w->drills);
		w->drills = next;
	}
}

/* Whether the '|'-list has id. */
static bool listed(const char *list, const char *id)
{
	size_t n = strlen(id);

	for (const char *p = list; p && *p; p = strchr(p, '|') ? strchr(p, '|') + 1 : NULL)
		if (strncmp(p, id, n) == 0 && (p[n] == '|' || p[n] == '\0'))
			return true;
	return false;
}

static void fill_solves(struct wdrill *d)
{
	int n = d->c.n;

	for (int k = 0; k < n; k++)
		for (int i = 0; i < n; i++)
			d->req[(size_t)i * (size_t)n + (size_t)k] = listed(d->c.rec[i].requires,
									   d->c.rec[k].id);
	for (int e = 0; e < d->c.nev; e++) {
		const struct cc_ctf_event *ev = &d->c.ev[e];
		if (ev->kind != CC_CTF_SOLVE)
			continue;
		d->solved[(size_t)ev->team * (size_t)n + (size_t)ev->challenge] = 1;
		d->counts[ev->challenge] += !d->c.hidden[ev->team];
	}
}

static int fill_wrongs(struct cc_ctf_writer *w, struct wdrill *d, double now,
		       struct cc_error *err)
{
	struct cc_list l;
	int rc = cc_store_wrong_counts(w->s, d->id, &l, err);

	for (int k = 0; !rc && k < l.n; k++) {
		const struct cc_wrong_count_rec *r = &((const struct cc_wrong_count_rec *)l.items)[k];
		int t = cc_ctf_team(&d->c, r->team), i = cc_ctf_challenge(&d->c, r->challenge);
		if (t >= 0 && i >= 0)
			d->wrong[(size_t)t * (size_t)d->c.n + (size_t)i] = r->n;
	}
	if (!rc)
		cc_list_free(&l);
	if (!rc && !(rc = cc_store_wrongs_since(w->s, d->id, now - CC_CTF_RATE_WINDOW, &l, err))) {
		for (int k = 0; k < l.n; k++) {
			const struct cc_wrong_at_rec *r = &((const struct cc_wrong_at_rec *)l.items)[k];
			int t = cc_ctf_team(&d->c, r->team);
			double *q = t >= 0 ? &d->recent[(size_t)t * RECENT] : NULL;
			if (!q)
				continue;
			if (d->nrecent[t] == RECENT)    /* keep the latest: rows come oldest first */
				memmove(q, q + 1, sizeof(*q) * (RECENT - 1)), d->nrecent[t]--;
			q[d->nrecent[t]++] = r->at;
		}
		cc_list_free(&l);
	}
	return rc;
}

static int drill_load(struct cc_ctf_writer *w, const char *id, double now, struct wdrill **out,
		      struct cc_error *err)
{
	struct wdrill *d = calloc(1, sizeof(*d));
	size_t nt, n;
	int rc;

	*out = NULL;
	if (!d)
		return cc_error_set(err, CC_ENOMEM, NULL, 0, 0, "out of memory");
	snprintf(d->id, sizeof(d->id), "%s", id);
	rc = cc_ctf_load(w->s, id, now, &d->c, err);
	nt = (size_t)d->c.nteams + 1;
	n = (size_t)d->c.n + 1;
	if (!rc) {
		d->solved = calloc(nt * n, 1);
		d->counts = calloc(n, sizeof(*d->counts));
		d->wrong = calloc(nt * n, sizeof(*d->wrong));
		d->recent = calloc(nt * RECENT, sizeof(*d->recent));
		d->nrecent = calloc(nt, sizeof(*d->nrecent));
		d->req = calloc(n * n, 1);
		if (!d->solved || !d->counts || !d->wrong || !d->recent || !d->nrecent || !d->req)
			rc = cc_error_set(err, CC_ENOMEM, NULL, 0, 0, "out of memory");
	}
	if (!rc) {
		fill_solves(d);
		rc = fill_wrongs(w, d, now, err);
	}
	if (rc) {
		drill_free(d);
		return rc;
	}
	d->next = w->drills;
	w->drills = d;
	*out = d;
	return CC_OK;
}

static int drill_get(struct cc_ctf_writer *w, const char *id, double now, struct wdrill **out,
		     struct cc_error *err)
{
	for (struct wdrill *d = w->drills; d; d = d->next)
		if (strcmp(d->id, id) == 0) {
			*out = d;
			return CC_OK;
		}
	return drill_load(w, id, now, out, err);
}

/* ---- deciding ---- */

static bool visible(const struct wdrill *d, int i, int t, double clock)
{
	const struct cc_challenge_rec *r = &d->c.rec[i];
	size_t n = (size_t)d->c.n;

	if (r->hidden || (!isnan(r->opens_at) && clock < r->opens_at))
		return false;
	for (size_t k = 0; k < n; k++)
		if (d->req[(size_t)i * n + k] && !d->solved[(size_t)t * n + k])
			return false;
	return true;
}

static bool flag_ok(const struct cc_challenge *ch, const char *flag)
{
	for (int f = 0; f < ch->nflags; f++)
		if (cc_flag_matches(&ch->flags[f], flag, strlen(flag)))
			return true;
	return false;
}

/* Wrong answers of team t in the window ending at now; the tenth latest
 * into *tenth when there are that many. */
static int in_window(struct wdrill *d, int t, double now, double *tenth)
{
	double *q = &d->recent[(size_t)t * RECENT];
	int keep = 0;

	for (int k = 0; k < d->nrecent[t]; k++)
		if (q[k] > now - CC_CTF_RATE_WINDOW)
			q[keep++] = q[k];
	d->nrecent[t] = keep;
	*tenth = keep >= CC_CTF_RATE_WRONG ? q[keep - CC_CTF_RATE_WRONG] : NAN;
	return keep;
}

static void note_wrong(struct wdrill *d, int t, int i, double now)
{
	double *q = &d->recent[(size_t)t * RECENT];

	d->wrong[(size_t)t * (size_t)d->c.n + (size_t)i]++;
	if (d->nrecent[t] == RECENT)
		memmove(q, q + 1, sizeof(*q) * (RECENT - 1)), d->nrecent[t]--;
	q[d->nrecent[t]++] = now;
}

/* The checks before the flag, in the spec's order; true when refused
 * (r->outcome says why) or already solved. */
static bool refused(struct wdrill *d, int i, int t, double now, double clock,
		    struct cc_attempt_result *r)
{
	size_t at = (size_t)t * (size_t)d->c.n + (size_t)i;
	double tenth;

	if (strcmp(d->c.status, "running") != 0)
		return r->outcome = CC_AT_NOT_RUNNING, true;
	if (i < 0 || !visible(d, i, t, clock))
		return r->outcome = CC_AT_HIDDEN, true;
	if (d->solved[at])
		return r->outcome = CC_AT_ALREADY, true;
	if (d->c.rec[i].max_attempts > 0) {
		int left = d->c.rec[i].max_attempts - d->wrong[at];
		r->attempts_left = left > 0 ? left : 0;
		if (left <= 0)
			return r->outcome = CC_AT_LOCKED, true;
	}
	if (in_window(d, t, now, &tenth) >= CC_CTF_RATE_WRONG) {
		double wait = tenth + CC_CTF_RATE_WINDOW - now;
		r->retry_after = wait < 1 ? 1 : (int)ceil(wait);
		return r->outcome = CC_AT_RATE, true;
	}
	return false;
}

/* Decides job; a row to write into *row (true) or none. */
static bool decide(struct wdrill *d, struct cc_ctf_job *job, double now,
		   struct cc_attempt_write *row)
{
	struct cc_attempt_result *r = &job->r;
	double clock = cc_ctf_clock_at(&d->c, now);
	int t = cc_ctf_team(&d->c, job->team), i = cc_ctf_challenge(&d->c, job->challenge);
	size_t at = (size_t)t * (size_t)d->c.n + (size_t)i;

	if (t < 0) {
		job->rc = cc_error_set(&job->err, CC_ENOTFOUND, "team", 0, 0, "no team %.100s",
				       job->team);
		return false;
	}
	*row = (struct cc_attempt_write){job->drill, {0, job->challenge, job->team, job->user, NULL,
					 "already", NULL, now, clock}, false, 0};
	if (refused(d, i, t, now, clock, r) && r->outcome != CC_AT_ALREADY)
		return false;
	if (r->outcome == CC_AT_ALREADY)
		return true;
	if (flag_ok(&d->c.ch[i], job->flag)) {
		r->outcome = CC_AT_CORRECT;
		row->a.outcome = "correct";
		row->solve = true;
		d->solved[at] = 1;
		d->counts[i] += !d->c.hidden[t];
		r->value = cc_challenge_value(&d->c.ch[i], d->counts[i]);
	} else {
		r->outcome = CC_AT_WRONG;
		row->a.outcome = "wrong";
		row->a.text = job->flag;
		note_wrong(d, t, i, now);
		if (r->attempts_left > 0)
			r->attempts_left--;
	}
	return true;
}

/* ---- the batch ---- */

static void reset_job(struct cc_ctf_job *job)
{
	job->rc = CC_OK;
	cc_error_clear(&job->err);
	memset(&job->r, 0, sizeof(job->r));
	job->r.attempts_left = -1;
}

/* One transaction for jobs[0..n); CC_OK or the failure that rolled it
 * back (the state in memory is dropped then). piped: cc_store_begin_batch
 * (its writes sent without waiting). */
static int run_batch(struct cc_ctf_writer *w, struct cc_ctf_job **jobs, int n, double now,
		     int piped, struct cc_error *err)
{
	int rc = piped ? cc_store_begin_batch(w->s, err) : cc_store_begin(w->s, err), rows = 0;
	long long v;

	if (rc)
		return rc;
	if (isnan(now))
		now = wall_now();       /* the server's clock, once, inside the transaction */
	v = cc_store_data_version(w->s);
	if (v != w->version) {
		drop_all(w);
		w->version = v;
	}
	for (int k = 0; !rc && k < n; k++) {
		struct wdrill *d;
		reset_job(jobs[k]);
		if ((jobs[k]->rc = drill_get(w, jobs[k]->drill, now, &d, &jobs[k]->err)))
			continue;
		rows += decide(d, jobs[k], now, &w->w[rows]);
	}
	if (!rc && rows)
		rc = cc_store_attempt_batch(w->s, w->w, rows, err);
	if (!rc)
		rc = cc_store_commit(w->s, err);
	if (rc) {
		cc_store_rollback(w->s);
		drop_all(w);
	}
	return rc;
}

/* Who watches the drills that had a solve (before the jobs are told:
 * a job may be gone once told). */
static void notify(struct cc_ctf_writer *w, struct cc_ctf_job **jobs, int n)
{
	char seen[16][130];
	int nseen = 0;

	for (int k = 0; k < n; k++) {
		struct cc_ctf_job *job = jobs[k];
		int s = 0;
		if (job->rc == CC_OK && job->r.outcome == CC_AT_CORRECT) {
			while (s < nseen && strcmp(seen[s], job->drill) != 0)
				s++;
			if (s == nseen && nseen < 16)
				snprintf(seen[nseen++], sizeof(seen[0]), "%s", job->drill);
		}
	}
	for (int s = 0; w->changed && s < nseen; s++)
		w->changed(seen[s], w->arg);
}

static struct cc_ctf_job *job_of(struct cc_group_job *g)
{
	return (struct cc_ctf_job *)(void *)((char *)g - offsetof(struct cc_ctf_job, g));
}

/* The group writer's batch: the attempts queued, in one transaction. */
static void process(struct cc_store *s, struct cc_group_job **g, int n, void *arg)
{
	struct cc_ctf_writer *w = arg;
	struct cc_ctf_job **jobs = w->batch;
	struct cc_error err;
	int rc;

	w->s = s;
	for (int k = 0; k < n; k++)
		jobs[k] = job_of(g[k]);
	cc_error_clear(&err);
	rc = run_batch(w, jobs, n, NAN, 1, &err);
	if (rc) {
		/* once more on a fresh read (another writer's solve, say),
		 * each statement waited for */
		cc_error_clear(&err);
		rc = run_batch(w, jobs, n, NAN, 0, &err);
	}
	for (int k = 0; rc && k < n; k++) {
		jobs[k]->rc = rc;
		jobs[k]->err = err;
	}
	notify(w, jobs, n);
}

/* ---- the door ---- */

int cc_ctf_writer_open(struct cc_ctf_writer **out, const char *data_dir,
		       void (*changed)(const char *drill, void *arg), void *arg,
		       struct cc_error *err)
{
	struct cc_ctf_writer *w = calloc(1, sizeof(*w));
	int rc;

	*out = NULL;
	if (!w || !(w->w = calloc(CC_GROUP_BATCH, sizeof(*w->w))) ||
	    !(w->batch = calloc(CC_GROUP_BATCH, sizeof(*w->batch)))) {
		if (w)
			free(w->w);
		free(w);
		return cc_error_set(err, CC_ENOMEM, NULL, 0, 0, "out of memory");
	}
	w->changed = changed;
	w->arg = arg;
	w->version = -1;
	if ((rc = cc_group_writer_open(&w->g, data_dir, process, w, err))) {
		free(w->w), free(w->batch), free(w);
		return rc;
	}
	*out = w;
	return CC_OK;
}

void cc_ctf_writer_close(struct cc_ctf_writer *w)
{
	if (!w)
		return;
	cc_group_writer_close(w->g);
	drop_all(w);
	free(w->w), free(w->batch), free(w);
}

static void told(struct cc_group_job *g)
{
	struct cc_ctf_job *job = job_of(g);

	job->done(job);
}

void cc_ctf_writer_submit(struct cc_ctf_writer *w, struct cc_ctf_job *job)
{
	job->g = (struct cc_group_job){.done = told};
	cc_group_writer_submit(w->g, &job->g);
}

void cc_ctf_writer_wait(struct cc_ctf_writer *w, struct cc_ctf_job *job)
{
	cc_group_writer_wait(w->g, &job->g);
}

void cc_ctf_writer_stats(struct cc_ctf_writer *w, long long *batches, long long *attempts)
{
	cc_group_writer_stats(w->g, batches, attempts);
}

/* ---- one attempt on the caller's connection (challenges.h) ---- */

int cc_challenges_attempt(struct cc_store *s, const char *drill, const char *challenge,
			  const struct cc_principal *who, const char *team, const char *flag,
			  double now, struct cc_attempt_result *r, struct cc_error *err)
{
	struct cc_attempt_write row;
	struct cc_ctf_job job = {.drill = drill, .challenge = challenge, .team = team,
				 .flag = flag, .user = who->id};
	struct cc_ctf_job *jobs[1] = {&job};
	struct cc_ctf_writer w = {.s = s, .version = -1, .w = &row};
	int rc = run_batch(&w, jobs, 1, now, 0, err);

	drop_all(&w);
	*r = job.r;
	if (!rc && job.rc)
		*err = job.err;
	return rc ? rc : job.rc;
}
