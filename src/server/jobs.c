/*
 * jobs.c - robustness analyses on worker threads (see jobs.h).
 */
#include "jobs.h"

#include "../core/sensitivity.h"

#include <jansson.h>
#include <math.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

void cc_jobs_init(struct cc_jobs *j)
{
	memset(j, 0, sizeof(*j));
	pthread_mutex_init(&j->lock, NULL);
}

void cc_jobs_free(struct cc_jobs *j)
{
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

	pthread_mutex_lock(&job->owner->lock);
	job->done = done;
	job->total = total;
	if (time(NULL) > job->deadline)
		job->cancel = 1;
	pthread_mutex_unlock(&job->owner->lock);
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
	pthread_mutex_lock(&j->lock);
	job->result = text;
	job->status = text ? CC_JOB_DONE : CC_JOB_FAILED;
	if (!text && !job->error[0])
		snprintf(job->error, sizeof(job->error), "out of memory");
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

int cc_jobs_start(struct cc_jobs *j, const struct cc_job *spec, char *id_out)
{
	unsigned char rnd[16];
	struct cc_job *job;
	pthread_t tid;
	pthread_attr_t attr;
	int rc = CC_OK;

	pthread_mutex_lock(&j->lock);
	if (j->running >= CC_JOBS_RUNNING || !(job = free_slot(j))) {
		pthread_mutex_unlock(&j->lock);
		return CC_ELIMIT;
	}
	free(job->result);
	*job = *spec;
	job->result = NULL;
	job->owner = j;
	job->status = CC_JOB_RUNNING;
	job->done = 0;
	job->total = spec->runs;
	job->cancel = 0;
	job->error[0] = '\0';
	job->created = time(NULL);
	job->deadline = job->created + CC_JOBS_DEADLINE_S;
	randombytes_buf(rnd, sizeof(rnd));
	sodium_bin2hex(job->id, sizeof(job->id), rnd, sizeof(rnd));
	job->snap = j->hold(j->arg);
	job->pub = cc_snapshot_pub(job->snap, spec->campaign);
	if (!job->pub) {
		j->release(j->arg, job->snap);
		job->status = CC_JOB_FREE;
		pthread_mutex_unlock(&j->lock);
		return CC_ENOTFOUND;
	}
	j->running++;
	pthread_attr_init(&attr);
	pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
	if (pthread_create(&tid, &attr, worker, job) != 0) {
		j->running--;
		j->release(j->arg, job->snap);
		job->status = CC_JOB_FREE;
		rc = CC_ENOMEM;
	}
	pthread_attr_destroy(&attr);
	if (!rc)
		memcpy(id_out, job->id, sizeof(job->id));
	pthread_mutex_unlock(&j->lock);
	return rc;
}

char *cc_jobs_json(struct cc_jobs *j, const char *id)
{
	static const char *const names[] = {"free", "running", "done", "failed"};
	char *text = NULL;

	pthread_mutex_lock(&j->lock);
	for (int i = 0; i < CC_JOBS_MAX; i++) {
		struct cc_job *x = &j->jobs[i];
		json_t *o;

		if (x->status == CC_JOB_FREE || strcmp(x->id, id) != 0)
			continue;
		o = json_pack("{s:s,s:s,s:s,s:{s:i,s:i}}", "id", x->id, "campaign", x->campaign,
			      "status", names[x->status], "progress", "done", x->done,
			      "total", x->total);
		if (x->status == CC_JOB_FAILED)
			json_object_set_new(o, "error", json_string(x->error));
		if (x->status == CC_JOB_DONE)
			json_object_set_new(o, "result", json_loads(x->result, 0, NULL));
		text = json_dumps(o, JSON_COMPACT | JSON_REAL_PRECISION(8));
		json_decref(o);
		break;
	}
	pthread_mutex_unlock(&j->lock);
	return text;
}
