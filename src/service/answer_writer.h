/*
 * answer_writer.h - answer saves by group commit (issue 19's write path):
 * saves from every connection are queued; the group writer's thread
 * (group_writer.h) takes what is queued, opens one transaction on its
 * own connection, does each save inside a savepoint (a refused save —
 * a closed assessment, a bad option — undoes only itself and says why),
 * commits once, and only then is each saver told. So every acknowledged
 * save is on disk, as before, with one fsync for the whole batch instead
 * of one each.
 *
 * Threads and ownership as group_writer.h: submit from any thread, done
 * runs on the writer's thread and must not block; the caller owns the job
 * and its strings until done.
 */
#ifndef CC_ANSWER_WRITER_H
#define CC_ANSWER_WRITER_H

#include "group_writer.h"

struct cc_answer_job {
	/* in */
	const char *campaign, *unit, *question, *answer, *comment, *actor;
	/* out */
	int rc;                             /* CC_OK, or err filled */
	struct cc_error err;
	/* when durable (or refused) */
	void (*done)(struct cc_answer_job *job);
	void *arg;                          /* the caller's */
	struct cc_group_job g;              /* the writer's */
	const struct cc_node *node;         /* the writer's: the question, checked */
	char *text;                         /* the writer's: the answer, trimmed */
};

struct cc_answer_writer;

int cc_answer_writer_open(struct cc_answer_writer **out, const char *data_dir,
			  struct cc_error *err);
void cc_answer_writer_close(struct cc_answer_writer *w);
/* Queues job; job->done is called once it is saved (or refused). */
void cc_answer_writer_submit(struct cc_answer_writer *w, struct cc_answer_job *job);
/* Queues job and waits for it. */
void cc_answer_writer_wait(struct cc_answer_writer *w, struct cc_answer_job *job);
/* Batches committed and saves in them so far. */
void cc_answer_writer_stats(struct cc_answer_writer *w, long long *batches, long long *saves);

#endif
