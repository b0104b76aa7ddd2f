/*
 * group_writer.h - group commit: one thread with its own connection to
 * the store takes every job queued since its last batch and hands them,
 * all at once, to the batch function of its owner, which does them in
 * one transaction (one fsync for the lot); only then is each job's done
 * called. What a batch does is the owner's: the challenge attempt writer
 * (challenge_writer.c) decides attempts by the spec's rules in memory;
 * the answer writer (answer_writer.c) runs each save inside a savepoint
 * so one refused save does not undo the others.
 *
 * Threads: submit from any thread; batch and done run on the writer's
 * thread; done must not block. Ownership: the caller owns a job until its
 * done is called; the writer copies nothing.
 */
#ifndef CC_GROUP_WRITER_H
#define CC_GROUP_WRITER_H

#include "../store/store.h"

#define CC_GROUP_BATCH 4096             /* jobs per batch at most */

struct cc_group_job {
	void (*done)(struct cc_group_job *job);  /* after the batch (committed or not) */
	void *arg;                               /* the caller's */
	struct cc_group_job *next;               /* the writer's queue */
};

/* Does jobs[0..n) on s (the writer's connection), in one transaction. */
typedef void (*cc_group_batch_fn)(struct cc_store *s, struct cc_group_job **jobs, int n,
				  void *arg);

struct cc_group_writer;

/* Opens the writer's own connection to the store in data_dir and starts
 * its thread, which calls batch(s, jobs, n, arg) for what is queued. */
int cc_group_writer_open(struct cc_group_writer **out, const char *data_dir,
			 cc_group_batch_fn batch, void *arg, struct cc_error *err);
/* Does what is queued, stops the thread, closes the connection. */
void cc_group_writer_close(struct cc_group_writer *w);

/* Queues job; job->done is called once its batch is done. */
void cc_group_writer_submit(struct cc_group_writer *w, struct cc_group_job *job);
/* Queues job and waits for it (job->done and job->arg are set here). */
void cc_group_writer_wait(struct cc_group_writer *w, struct cc_group_job *job);

/* Batches done and jobs in them so far (the benchmarks). */
void cc_group_writer_stats(struct cc_group_writer *w, long long *batches, long long *jobs);

#endif
