/*
 * group_writer.c - the queue, the thread and the waiting of group commit
 * (see group_writer.h).
 */
#include "group_writer.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>

struct cc_group_writer {
	struct cc_store *s;
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t cond;
	struct cc_group_job *head, *tail;
	bool stop;
	cc_group_batch_fn batch_fn;
	void *arg;
	struct cc_group_job **batch;
	long long batches, jobs;
};

static void *run(void *arg)
{
	struct cc_group_writer *w = arg;

	for (;;) {
		int n = 0;
		pthread_mutex_lock(&w->lock);
		while (!w->head && !w->stop)
			pthread_cond_wait(&w->cond, &w->lock);
		if (!w->head) {
			pthread_mutex_unlock(&w->lock);
			break;
		}
		while (w->head && n < CC_GROUP_BATCH) {
			w->batch[n++] = w->head;
			w->head = w->head->next;
		}
		if (!w->head)
			w->tail = NULL;
		w->batches++;
		w->jobs += n;
		pthread_mutex_unlock(&w->lock);
		w->batch_fn(w->s, w->batch, n, w->arg);
		for (int k = 0; k < n; k++)
			w->batch[k]->done(w->batch[k]);   /* the job may be gone from here */
	}
	return NULL;
}

int cc_group_writer_open(struct cc_group_writer **out, const char *data_dir,
			 cc_group_batch_fn batch, void *arg, struct cc_error *err)
{
	struct cc_group_writer *w = calloc(1, sizeof(*w));
	int rc;

	*out = NULL;
	if (!w || !(w->batch = calloc(CC_GROUP_BATCH, sizeof(*w->batch)))) {
		free(w);
		return cc_error_set(err, CC_ENOMEM, NULL, 0, 0, "out of memory");
	}
	if ((rc = cc_store_open_private(&w->s, data_dir, err))) {
		free(w->batch), free(w);
		return rc;
	}
	w->batch_fn = batch;
	w->arg = arg;
	pthread_mutex_init(&w->lock, NULL);
	pthread_cond_init(&w->cond, NULL);
	if (pthread_create(&w->thread, NULL, run, w) != 0) {
		cc_store_close(w->s);
		pthread_mutex_destroy(&w->lock);
		pthread_cond_destroy(&w->cond);
		free(w->batch), free(w);
		return cc_error_set(err, CC_ENOMEM, NULL, 0, 0, "cannot start a writer thread");
	}
	*out = w;
	return CC_OK;
}

void cc_group_writer_close(struct cc_group_writer *w)
{
	if (!w)
		return;
	pthread_mutex_lock(&w->lock);
	w->stop = true;
	pthread_cond_signal(&w->cond);
	pthread_mutex_unlock(&w->lock);
	pthread_join(w->thread, NULL);
	cc_store_close(w->s);
	pthread_mutex_destroy(&w->lock);
	pthread_cond_destroy(&w->cond);
	free(w->batch), free(w);
}

void cc_group_writer_submit(struct cc_group_writer *w, struct cc_group_job *job)
{
	job->next = NULL;
	pthread_mutex_lock(&w->lock);
	if (w->tail)
		w->tail->next = job;
	else
		w->head = job;
	w->tail = job;
	pthread_cond_signal(&w->cond);
	pthread_mutex_unlock(&w->lock);
}

struct waiter {
	pthread_mutex_t lock;
	pthread_cond_t cond;
	bool done;
};

static void wake_waiter(struct cc_group_job *job)
{
	struct waiter *wt = job->arg;

	pthread_mutex_lock(&wt->lock);
	wt->done = true;
	pthread_cond_signal(&wt->cond);
	pthread_mutex_unlock(&wt->lock);
}

void cc_group_writer_wait(struct cc_group_writer *w, struct cc_group_job *job)
{
	struct waiter wt = {.done = false};

	pthread_mutex_init(&wt.lock, NULL);
	pthread_cond_init(&wt.cond, NULL);
	job->done = wake_waiter;
	job->arg = &wt;
	cc_group_writer_submit(w, job);
	pthread_mutex_lock(&wt.lock);
	while (!wt.done)
		pthread_cond_wait(&wt.cond, &wt.lock);
	pthread_mutex_unlock(&wt.lock);
	pthread_mutex_destroy(&wt.lock);
	pthread_cond_destroy(&wt.cond);
}

void cc_group_writer_stats(struct cc_group_writer *w, long long *batches, long long *jobs)
{
	pthread_mutex_lock(&w->lock);
	*batches = w->batches;
	*jobs = w->jobs;
	pthread_mutex_unlock(&w->lock);
}
