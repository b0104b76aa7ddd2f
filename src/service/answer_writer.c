/*
 * answer_writer.c - the batch of answer saves (see answer_writer.h): one
 * transaction, a savepoint per save, one commit.
 */
#include "answer_writer.h"

#include "workflow.h"

#include <stddef.h>
#include <stdlib.h>

struct cc_answer_writer {
	struct cc_group_writer *g;
};

static struct cc_answer_job *job_of(struct cc_group_job *g)
{
	return (struct cc_answer_job *)(void *)((char *)g - offsetof(struct cc_answer_job, g));
}

/* Each save in its savepoint; CC_OK or why the transaction failed (the
 * caller rolls it back). */
static int run_batch(struct cc_store *s, struct cc_group_job **g, int n, struct cc_error *err)
{
	int rc = cc_store_begin(s, err);

	for (int k = 0; !rc && k < n; k++) {
		struct cc_answer_job *j = job_of(g[k]);
		cc_error_clear(&j->err);
		if ((rc = cc_store_savepoint(s, err)))
			break;
		j->rc = cc_workflow_answer_in(s, j->campaign, j->unit, j->question, j->answer,
					      j->comment, j->actor, &j->err);
		if (j->rc)
			cc_store_undo(s);
		else
			rc = cc_store_release(s, err);
	}
	if (!rc)
		rc = cc_store_commit(s, err);
	if (rc)
		cc_store_rollback(s);
	return rc;
}

static void batch(struct cc_store *s, struct cc_group_job **g, int n, void *arg)
{
	struct cc_error err;
	int rc;

	(void)arg;
	cc_error_clear(&err);
	if ((rc = run_batch(s, g, n, &err))) {
		/* once more (the database was busy with another writer, say) */
		cc_error_clear(&err);
		rc = run_batch(s, g, n, &err);
	}
	for (int k = 0; rc && k < n; k++) {
		struct cc_answer_job *j = job_of(g[k]);
		j->rc = rc;
		j->err = err;
	}
}

int cc_answer_writer_open(struct cc_answer_writer **out, const char *data_dir,
			  struct cc_error *err)
{
	struct cc_answer_writer *w = calloc(1, sizeof(*w));
	int rc;

	*out = NULL;
	if (!w)
		return cc_error_set(err, CC_ENOMEM, NULL, 0, 0, "out of memory");
	if ((rc = cc_group_writer_open(&w->g, data_dir, batch, w, err))) {
		free(w);
		return rc;
	}
	*out = w;
	return CC_OK;
}

void cc_answer_writer_close(struct cc_answer_writer *w)
{
	if (!w)
		return;
	cc_group_writer_close(w->g);
	free(w);
}

static void told(struct cc_group_job *g)
{
	struct cc_answer_job *job = job_of(g);

	job->done(job);
}

void cc_answer_writer_submit(struct cc_answer_writer *w, struct cc_answer_job *job)
{
	job->g = (struct cc_group_job){.done = told};
	cc_group_writer_submit(w->g, &job->g);
}

void cc_answer_writer_wait(struct cc_answer_writer *w, struct cc_answer_job *job)
{
	cc_group_writer_wait(w->g, &job->g);
}

void cc_answer_writer_stats(struct cc_answer_writer *w, long long *batches, long long *saves)
{
	cc_group_writer_stats(w->g, batches, saves);
}
