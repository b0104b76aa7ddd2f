/*
 * jobs.c - robustness analyses on worker threads (see jobs.h), queued in
 * the database so that any server of one database runs them: a request
 * queues a job and this server tries to claim it at once; a claimer
 * thread on every server takes queued ones when a worker is free. A
 * running job's progress and its end are written to its row, which any
 * server reads for GET /jobs/{id}.
 */
#include "jobs.h"

#include "../core/sensitivity.h"

#include <jansson.h>
#include <math.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void cc_jobs_init(struct cc_jobs *j)
{
	memset(j, 0, sizeof(*j));
	pthread_mutex_init(&j->lock, NULL);
}

void cc_jobs_free(struct cc_jobs *j)
{
	if (j->claiming) {
		j->stop = 1;
		pthread_join(j->claimer, NULL);
		j->claiming = 0;
	}
	for (;;) {
		int running;
		pthread_mutex_lock(&j->lock);
		for (int i = 0; i < CC_JOBS_MAX; i++)
			if (j->jobs[i].status == CC_JOB_RUNNING)
				j->jobs[i].cancel = 1;
		running = j->running;
		pthread_mutex_unlock(&j->lock);
		if (!running)
			break;
		nanosleep(&(struct timespec){0, 20000000}, NULL);
	}
	for (int i = 0; i < CC_JOBS_MAX; i++)
		free(j->jobs[i].result);
	pthread_mutex_destroy(&j->lock);
}

static void progress(int done, int total, void *arg)
{
	struct cc_job *job = arg;
	struct cc_jobs *j = job->owner;
	time_t now = time(NULL);
	int write;

	pthread_mutex_lock(&j->lock);
	job->done = done;
	job->total = total;
	if (now > job->deadline)
		job->cancel = 1;
	write = now != job->written;    /* the row once a second at most */
	job->written = now;
	pthread_mutex_unlock(&j->lock);
	if (write && j->store) {
		pthread_mutex_lock(j->store_lock);
		cc_store_job_progress(j->store, job->id, done, total, NULL);
		pthread_mutex_unlock(j->store_lock);
	}
}

static json_t *num(double x)
{
	return isnan(x) ? json_null() : json_real(x);
}

static const char *unit_name(const struct cc_snapshot *snap, const char *id)
{
	const struct cc_unit_rec *u = cc_snapshot_unit(snap, id);
	return u ? u->names[0] : id;
}

static json_t *uncertainty_json(struct cc_job *job, const struct cc_robust *r,
				const struct cc_rank_summary *sum)
{
	json_t *units = json_array();

	for (int u = 0; u < r->a->nunits; u++)
		json_array_append_new(units, json_pack("{s:s,s:s,s:o,s:o,s:o,s:o,s:o,s:o}",
			"unit", r->a->units[u], "name", unit_name(job->snap, r->a->units[u]),
			"nominal", r->nominal[u] ? json_integer(r->nominal[u]) : json_null(),
			"mean", num(sum[u].mean), "median", num(sum[u].median),
			"p5", num(sum[u].p5), "p95", num(sum[u].p95),
			"mean_abs_shift", num(sum[u].mean_abs_shift)));
	return units;
}

static json_t *sobol_json(const struct cc_robust *r, const struct cc_sobol_index *x)
{
	json_t *list = json_array();

	for (int i = 0; i < r->nfactors; i++)
		json_array_append_new(list, json_pack("{s:s,s:o,s:o,s:o,s:o,s:o,s:o}",
			"factor", r->factors[i].spec, "first", num(x[i].first),
			"first_lo", num(x[i].first_lo), "first_hi", num(x[i].first_hi),
			"total", num(x[i].total), "total_lo", num(x[i].total_lo),
			"total_hi", num(x[i].total_hi)));
	return list;
}

/* Runs the analyses; returns the result as JSON or NULL with job->error. */
static json_t *analyse(struct cc_job *job)
{
	struct cc_robust r;
	struct cc_error err;
	int32_t *ranks = NULL;
	struct cc_rank_summary *sum = NULL;
	struct cc_sobol_index shift[CC_ROBUST_MAX_FACTORS];
	json_t *out = NULL, *factors = json_array();
	int rc;

	if (cc_robust_init(&r, &job->pub->fw, &job->pub->answers, job->factors,
			   job->nfactors, &err)) {
		snprintf(job->error, sizeof(job->error), "%.500s", err.msg);
		json_decref(factors);
		return NULL;
	}
	ranks = malloc((size_t)job->runs * ((size_t)r.a->nunits + 1) * sizeof(int32_t));
	sum = malloc(((size_t)r.a->nunits + 1) * sizeof(*sum));
	if (!ranks || !sum) {
		snprintf(job->error, sizeof(job->error), "out of memory");
		goto out;
	}
	{
		struct cc_uncertainty o = {.runs = job->runs, .seed = job->seed, .threads = 1,
					   .progress = progress, .arg = job, .cancel = &job->cancel};
		rc = cc_robust_uncertainty(&r, &o, ranks, &err);
	}
	if (!rc && !job->cancel && job->sobol) {
		struct cc_sensitivity so = {.n = job->sobol, .seed = job->seed, .threads = 1,
					    .resamples = 100, .progress = progress, .arg = job,
					    .cancel = &job->cancel};
		rc = cc_robust_sensitivity(&r, &so, shift, NULL, &err);
	}
	if (job->cancel) {
		snprintf(job->error, sizeof(job->error),
			 "stopped after %d s; ask for fewer runs", CC_JOBS_DEADLINE_S);
		goto out;
	}
	if (rc) {
		snprintf(job->error, sizeof(job->error), "%.500s", err.msg);
		goto out;
	}
	cc_robust_summarise(&r, ranks, job->runs, sum);
	for (int i = 0; i < r.nfactors; i++)
		json_array_append_new(factors, json_string(r.factors[i].spec));
	out = json_pack("{s:s,s:i,s:i,s:O,s:o}", "campaign", job->campaign, "runs", job->runs,
			"seed", (int)job->seed, "factors", factors,
			"units", uncertainty_json(job, &r, sum));
	if (out && job->sobol)
		json_object_set_new(out, "sobol", json_pack("{s:i,s:s,s:o}", "n", job->sobol,
			"target", "mean_abs_shift", "indices", sobol_json(&r, shift)));
out:
	json_decref(factors);
	free(ranks);
	free(sum);
	cc_robust_free(&r);
	return out;
}

static void *worker(void *arg)
{
	struct cc_job *job = arg;
	struct cc_jobs *j = job->owner;
	json_t *res = analyse(job);
	char *text = res ? json_dumps(res, JSON_COMPACT | JSON_REAL_PRECISION(8)) : NULL;

	json_decref(res);
	if (!text && !job->error[0])
		snprintf(job->error, sizeof(job->error), "out of memory");
	pthread_mutex_lock(j->store_lock);
	cc_store_job_end(j->store, job->id, text, text ? NULL : job->error, job->total,
			 job->total, (long long)time(NULL), NULL);
	pthread_mutex_unlock(j->store_lock);
	pthread_mutex_lock(&j->lock);
	job->result = text;
	job->status = text ? CC_JOB_DONE : CC_JOB_FAILED;
	job->finished = time(NULL);
	j->release(j->arg, job->snap);
	job->snap = NULL;
	j->running--;
	pthread_mutex_unlock(&j->lock);
	return NULL;
}

/* A slot: a free one, else the oldest finished one past its keeping time,
 * else the oldest finished one. */
static struct cc_job *free_slot(struct cc_jobs *j)
{
	struct cc_job *best = NULL;

	for (int i = 0; i < CC_JOBS_MAX; i++) {
		struct cc_job *x = &j->jobs[i];
		if (x->status == CC_JOB_FREE)
			return x;
		if (x->status != CC_JOB_RUNNING && (!best || x->finished < best->finished))
			best = x;
	}
	return best;
}

/* The request's spec as the queue keeps it: {"vary", "runs", "sobol",
 * "seed"} (malloc'd text, or NULL). */
static char *spec_text(const struct cc_job *spec)
{
	json_t *vary = json_array(), *o;
	char *text;

	for (int i = 0; i < spec->nfactors; i++)
		json_array_append_new(vary, json_string(spec->factors[i].spec));
	o = json_pack("{s:o,s:i,s:i,s:I}", "vary", vary, "runs", spec->runs, "sobol", spec->sobol,
		      "seed", (json_int_t)spec->seed);
	text = o ? json_dumps(o, JSON_COMPACT) : NULL;
	json_decref(o);
	return text;
}

/* A claimed row as a job ready to run here: its spec read again against
 * the campaign's framework in this server's snapshot. 0, or -1 with
 * job->error (the job then fails). */
static int job_from_row(struct cc_job *job, const struct cc_job_rec *r)
{
	json_error_t jerr;
	json_t *o = json_loads(r->spec, 0, &jerr), *vary, *v;
	char why[300];
	size_t i;

	snprintf(job->id, sizeof(job->id), "%s", r->id);
	snprintf(job->campaign, sizeof(job->campaign), "%s", r->campaign);
	vary = o ? json_object_get(o, "vary") : NULL;
	if (!json_is_array(vary) || json_array_size(vary) > CC_ROBUST_MAX_FACTORS) {
		json_decref(o);
		snprintf(job->error, sizeof(job->error), "the queued job's spec is not readable");
		return -1;
	}
	job->runs = (int)json_integer_value(json_object_get(o, "runs"));
	job->sobol = (int)json_integer_value(json_object_get(o, "sobol"));
	job->seed = (unsigned long)json_integer_value(json_object_get(o, "seed"));
	job->nfactors = 0;
	json_array_foreach(vary, i, v) {
		if (cc_factor_parse(&job->pub->fw, json_string_value(v) ? json_string_value(v) : "",
				    &job->factors[i], why, sizeof(why))) {
			snprintf(job->error, sizeof(job->error), "factor %zu: %.280s", i + 1, why);
			json_decref(o);
			return -1;
		}
		job->nfactors++;
	}
	json_decref(o);
	return 0;
}

/* Claims a queued job when a worker is free and starts it; 1 when it did. */
static int claim(struct cc_jobs *j)
{
	struct cc_list l;
	struct cc_error err;
	struct cc_job *job;
	pthread_t tid;
	pthread_attr_t attr;
	int rc;

	pthread_mutex_lock(&j->lock);
	if (j->running >= CC_JOBS_RUNNING || !(job = free_slot(j))) {
		pthread_mutex_unlock(&j->lock);
		return 0;
	}
	pthread_mutex_lock(j->store_lock);
	rc = cc_store_job_claim(j->store, j->server, (long long)time(NULL), &l, &err);
	pthread_mutex_unlock(j->store_lock);
	if (rc || l.n == 0) {
		if (!rc)
			cc_list_free(&l);
		pthread_mutex_unlock(&j->lock);
		return 0;
	}
	free(job->result);
	memset(job, 0, sizeof(*job));
	job->owner = j;
	job->status = CC_JOB_RUNNING;
	job->created = time(NULL);
	job->deadline = job->created + CC_JOBS_DEADLINE_S;
	job->snap = j->hold(j->arg);
	job->pub = cc_snapshot_pub(job->snap, ((struct cc_job_rec *)l.items)->campaign);
	if (!job->pub) {
		snprintf(job->id, sizeof(job->id), "%s", ((struct cc_job_rec *)l.items)->id);
		snprintf(job->error, sizeof(job->error), "the campaign is not published");
		rc = -1;
	} else {
		rc = job_from_row(job, l.items);
	}
	cc_list_free(&l);
	job->total = job->runs;
	if (!rc) {
		j->running++;
		pthread_attr_init(&attr);
		pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
		if (pthread_create(&tid, &attr, worker, job) != 0) {
			j->running--;
			snprintf(job->error, sizeof(job->error), "cannot start a worker");
			rc = -1;
		}
		pthread_attr_destroy(&attr);
	}
	if (rc) {
		pthread_mutex_lock(j->store_lock);
		cc_store_job_end(j->store, job->id, NULL, job->error, 0, 0, (long long)time(NULL), NULL);
		pthread_mutex_unlock(j->store_lock);
		j->release(j->arg, job->snap);
		job->snap = NULL;
		job->status = CC_JOB_FREE;
	}
	pthread_mutex_unlock(&j->lock);
	return !rc;
}

/* Every server's claimer: queued jobs taken when a worker is free (a job
 * queued by another server starts within CLAIM_MS), and jobs left behind
 * by a server that stopped failed, once in a while. */
#define CLAIM_MS 200
static void *claimer(void *arg)
{
	struct cc_jobs *j = arg;
	int tick = 0;

	while (!j->stop) {
		if (++tick % 25 == 0) {
			pthread_mutex_lock(j->store_lock);
			cc_store_jobs_tidy(j->store, (long long)time(NULL), CC_JOBS_DEADLINE_S + 30,
					   CC_JOBS_KEEP_S, NULL);
			pthread_mutex_unlock(j->store_lock);
		}
		while (!j->stop && claim(j))
			;
		usleep(CLAIM_MS * 1000);
	}
	return NULL;
}

int cc_jobs_attach(struct cc_jobs *j, struct cc_store *s, pthread_mutex_t *store_lock)
{
	char host[64] = "";

	j->store = s;
	j->store_lock = store_lock;
	gethostname(host, sizeof(host) - 1);
	snprintf(j->server, sizeof(j->server), "%.40s:%ld", host, (long)getpid());
	if (pthread_create(&j->claimer, NULL, claimer, j) != 0)
		return CC_ENOMEM;
	j->claiming = 1;
	return CC_OK;
}

int cc_jobs_start(struct cc_jobs *j, const struct cc_job *spec, char *id_out)
{
	unsigned char rnd[16];
	char id[33], *text = spec_text(spec);
	struct cc_error err;
	int rc;

	if (!text)
		return CC_ENOMEM;
	randombytes_buf(rnd, sizeof(rnd));
	sodium_bin2hex(id, sizeof(id), rnd, sizeof(rnd));
	pthread_mutex_lock(j->store_lock);
	rc = cc_store_job_queue(j->store, id, spec->campaign, text, spec->runs,
				(long long)time(NULL), CC_JOBS_RUNNING, &err);
	pthread_mutex_unlock(j->store_lock);
	free(text);
	if (rc)
		return rc == CC_ELIMIT ? CC_ELIMIT : CC_ENOMEM;
	memcpy(id_out, id, sizeof(id));
	claim(j);               /* here at once when a worker is free */
	return CC_OK;
}

char *cc_jobs_json(struct cc_jobs *j, const char *id)
{
	struct cc_list l;
	struct cc_error err;
	const struct cc_job_rec *r;
	char *text = NULL;
	json_t *o;
	int rc;

	pthread_mutex_lock(j->store_lock);
	rc = cc_store_job(j->store, id, &l, &err);
	pthread_mutex_unlock(j->store_lock);
	if (rc)
		return NULL;
	r = l.items;
	/* queued or under way: "running" (the API's word for not ended) */
	o = json_pack("{s:s,s:s,s:s,s:{s:i,s:i}}", "id", r->id, "campaign", r->campaign,
		      "status", strcmp(r->status, "queued") == 0 ? "running" : r->status,
		      "progress", "done", r->done, "total", r->total);
	if (o && strcmp(r->status, "failed") == 0)
		json_object_set_new(o, "error", json_string(r->error));
	if (o && strcmp(r->status, "done") == 0 && r->result)
		json_object_set_new(o, "result", json_loads(r->result, 0, NULL));
	text = o ? json_dumps(o, JSON_COMPACT | JSON_REAL_PRECISION(8)) : NULL;
	json_decref(o);
	cc_list_free(&l);
	return text;
}
