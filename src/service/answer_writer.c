/*
 * answer_writer.c - the batch of answer saves (see answer_writer.h): each
 * save checked against its framework first, then one transaction: the
 * saves' states read at once, their writes, one commit. The first attempt
 * sends its writes without waiting (cc_store_begin_batch) and has no
 * savepoints; when it fails, the batch runs again with a savepoint per
 * save, so that a refused save undoes only itself.
 */
#include "answer_writer.h"

#include "workflow.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The writer thread's scratch for a batch: the frameworks of its
 * campaigns, each found once; its checked saves and their states, read at
 * once. */
struct scratch {
	int quiet;                  /* the writer's connection stopped listening */
	int n;
	const char *fw_campaign[CC_GROUP_BATCH];
	struct cc_framework fw[CC_GROUP_BATCH];
	const char *campaign[CC_GROUP_BATCH], *unit[CC_GROUP_BATCH], *question[CC_GROUP_BATCH];
	int job[CC_GROUP_BATCH];
	struct cc_answer_state state[CC_GROUP_BATCH];
};

struct cc_answer_writer {
	struct cc_group_writer *g;
	struct scratch f;           /* the writer thread's, per batch */
};

static struct cc_answer_job *job_of(struct cc_group_job *g)
{
	return (struct cc_answer_job *)(void *)((char *)g - offsetof(struct cc_answer_job, g));
}

static int framework_of(struct cc_store *s, struct scratch *f, const char *campaign,
			const struct cc_framework **out, struct cc_error *err)
{
	int rc;

	for (int i = 0; i < f->n; i++)
		if (strcmp(f->fw_campaign[i], campaign) == 0) {
			*out = &f->fw[i];
			return CC_OK;
		}
	if ((rc = cc_workflow_framework(s, campaign, &f->fw[f->n], err)))
		return rc;
	f->fw_campaign[f->n] = campaign;
	*out = &f->fw[f->n++];
	return CC_OK;
}

/* Checks each save against its campaign's framework before the writer's
 * transaction (which then only writes): a refused one gets its rc. */
static void check_all(struct cc_store *s, struct scratch *f, struct cc_group_job **g, int n)
{
	for (int k = 0; k < n; k++) {
		struct cc_answer_job *j = job_of(g[k]);
		const struct cc_framework *fw;
		const char *text;
		size_t len;
		int node;

		cc_error_clear(&j->err);
		j->node = NULL;
		j->text = NULL;
		j->rc = framework_of(s, f, j->campaign, &fw, &j->err);
		if (!j->rc)
			j->rc = cc_workflow_check_answer(fw, j->question, j->answer, &node, &text,
							 &len, &j->err);
		if (!j->rc && !(j->text = strndup(text, len)))
			j->rc = cc_error_set(&j->err, CC_ENOMEM, NULL, 0, 0, "out of memory");
		if (!j->rc)
			j->node = &fw->nodes[node];
	}
}

/* What the saves of the batch before save k (f->job[k]) changed of its
 * state st: an earlier save of the same answer is the one it replaces, and
 * one of the same assessment moved it on. CC_OK or CC_ENOMEM. */
static int overlay(struct cc_group_job **g, const struct scratch *f, int k,
		   struct cc_answer_state *st)
{
	const struct cc_answer_job *j = job_of(g[f->job[k]]);
	int unit_seen = 0;

	for (int m = k - 1; m >= 0; m--) {
		const struct cc_answer_job *e = job_of(g[f->job[m]]);

		if (e->rc || strcmp(e->campaign, j->campaign) || strcmp(e->unit, j->unit))
			continue;
		if (!unit_seen && strcmp(st->status, "in_progress") && strcmp(st->status, "returned"))
			snprintf(st->status, sizeof(st->status), "in_progress");
		unit_seen = 1;
		if (e->node == j->node) {
			free(st->before);
			return (st->before = strdup(e->text)) ? CC_OK : CC_ENOMEM;
		}
	}
	return CC_OK;
}

/* Each checked save in the writer's transaction, their states read first
 * in one go; CC_OK or why the transaction failed (the caller rolls it
 * back). piped: the first attempt, cc_store_begin_batch and no
 * savepoints: a save refused before it wrote (its campaign or assessment
 * closed) leaves nothing to undo, and any other failure fails the attempt,
 * which the caller runs again with a savepoint per save (a refused save
 * then undoes only itself). */
static int run_batch(struct cc_store *s, struct cc_group_job **g, int n, struct scratch *f,
		     int piped, struct cc_error *err)
{
	int rc = piped ? cc_store_begin_batch(s, err) : cc_store_begin(s, err), m = 0;

	for (int k = 0; k < n; k++) {
		struct cc_answer_job *j = job_of(g[k]);

		if (!j->node)
			continue;       /* refused by its check */
		j->rc = CC_EIO;         /* not saved (yet) */
		f->campaign[m] = j->campaign;
		f->unit[m] = j->unit;
		f->question[m] = j->node->id;
		f->job[m++] = k;
	}
	if (!rc)
		rc = cc_store_answer_states(s, m, f->campaign, f->unit, f->question, f->state, err);
	for (int k = 0; !rc && k < m; k++) {
		struct cc_answer_job *j = job_of(g[f->job[k]]);
		struct cc_answer_state *st = &f->state[k];
		long long wrote = cc_store_writes(s);

		cc_error_clear(&j->err);
		if (!piped && (rc = cc_store_savepoint(s, err)))
			break;
		if (!st->rc && overlay(g, f, k, st))
			st->rc = cc_error_set(&st->err, CC_ENOMEM, NULL, 0, 0, "out of memory");
		j->rc = cc_workflow_answer_node(s, j->campaign, j->unit, j->node, j->text,
						j->comment, j->actor, st, &j->err);
		if (piped && j->rc && cc_store_writes(s) != wrote)
			rc = cc_error_set(err, j->rc, NULL, 0, 0, "%s", j->err.msg);
		else if (!piped && j->rc)
			cc_store_undo(s);
		else if (!piped)
			rc = cc_store_release(s, err);
	}
	for (int k = 0; k < m; k++) {
		free(f->state[k].before);
		f->state[k].before = NULL;
	}
	if (!rc)
		rc = cc_store_commit(s, err);
	if (rc)
		cc_store_rollback(s);
	return rc;
}

static void batch(struct cc_store *s, struct cc_group_job **g, int n, void *arg)
{
	struct scratch *f = arg;
	struct cc_error err;
	int rc;

	if (!f->quiet) {        /* it never asks what others committed */
		cc_store_unlisten(s);
		f->quiet = 1;
	}
	f->n = 0;
	check_all(s, f, g, n);
	cc_error_clear(&err);
	/* Sent without waiting first; where anything failed, once more with
	 * each statement waited for (a refused save then undoes only itself),
	 * and once more again (the database was busy with another writer). */
	rc = run_batch(s, g, n, f, 1, &err);
	for (int attempt = 0; rc && attempt < 2; attempt++) {
		cc_error_clear(&err);
		rc = run_batch(s, g, n, f, 0, &err);
	}
	for (int k = 0; k < n; k++) {
		struct cc_answer_job *j = job_of(g[k]);
		if (rc && j->node) {
			j->rc = rc;
			j->err = err;
		}
		free(j->text);
		j->text = NULL;
	}
	for (int i = 0; i < f->n; i++)
		cc_framework_free(&f->fw[i]);
}

int cc_answer_writer_open(struct cc_answer_writer **out, const char *data_dir,
			  struct cc_error *err)
{
	struct cc_answer_writer *w = calloc(1, sizeof(*w));
	int rc;

	*out = NULL;
	if (!w)
		return cc_error_set(err, CC_ENOMEM, NULL, 0, 0, "out of memory");
	if ((rc = cc_group_writer_open(&w->g, data_dir, batch, &w->f, err))) {
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
