/*
 * http_answer_save.c - PUT /api/v1/campaigns/{c}/assessments/{u}/answers/{q}:
 * one answer saved through the answer writer (service/answer_writer.h),
 * which commits the saves of every connection together. The connection
 * waits suspended until its save is on disk (or, embedded, this thread
 * waits); the answer is then the save's outcome, as before.
 */
#include "router.h"

#include "../service/answer_writer.h"
#include "../service/auth.h"

#include <stdlib.h>
#include <string.h>

/* A save on its way through the writer. */
struct pending {
	struct cc_deferred d;       /* first: the server hands back d */
	struct cc_answer_job job;
	char *campaign, *unit, *question, *answer, *comment, *actor;
};

static void pending_free(struct cc_deferred *d)
{
	struct pending *p = (struct pending *)d;

	free(p->campaign), free(p->unit), free(p->question);
	free(p->answer), free(p->comment), free(p->actor);
	free(p);
}

static int saved_reply(struct cc_resp *resp, struct pending *p)
{
	if (p->job.rc)
		return cc_resp_from_error(resp, &p->job.err, 422);
	cc_resp_json(resp, 200, json_pack("{s:s,s:s,s:s}", "question", p->question,
					  "answer", p->answer, "comment", p->comment));
	resp->etag = 0;
	return CC_OK;
}

static void pending_reply(struct cc_deferred *d, struct cc_resp *resp)
{
	saved_reply(resp, (struct pending *)d);
}

static void pending_done(struct cc_answer_job *job)
{
	cc_req_resume(&((struct pending *)job->arg)->d);
}

static struct pending *pending_new(struct cc_req *req, const char *answer, const char *comment)
{
	struct pending *p = calloc(1, sizeof(*p));

	if (!p)
		return NULL;
	p->campaign = strdup(req->params[0]);
	p->unit = strdup(req->params[1]);
	p->question = strdup(req->params[2]);
	p->answer = strdup(answer);
	p->comment = strdup(comment);
	p->actor = strdup(req->who->email);
	p->d = (struct cc_deferred){req->conn, 0, pending_reply, pending_free};
	if (!p->campaign || !p->unit || !p->question || !p->answer || !p->comment || !p->actor) {
		pending_free(&p->d);
		return NULL;
	}
	p->job = (struct cc_answer_job){.campaign = p->campaign, .unit = p->unit,
					.question = p->question, .answer = p->answer,
					.comment = p->comment, .actor = p->actor};
	return p;
}

int cc_h_put_answer(struct cc_req *req, struct cc_resp *resp)
{
	json_t *body, *ans, *com;
	struct pending *p;
	int rc;

	if (!cc__may(req, resp, CC_DO_ANSWER) || !(body = cc_req_json(req, resp)))
		return CC_OK;
	ans = json_object_get(body, "answer");
	com = json_object_get(body, "comment");
	if (!json_is_string(ans) || (com && !json_is_string(com) && !json_is_null(com))) {
		const char *field = !json_is_string(ans) ? "answer" : "comment";
		json_decref(body);
		return cc_resp_error(resp, 422, "invalid", field, "answer (and comment) are text");
	}
	if (com && json_is_string(com) && json_string_length(com) > 10000) {
		json_decref(body);
		return cc_resp_error(resp, 422, "invalid", "comment", "a comment is at most 10000 bytes");
	}
	p = pending_new(req, json_string_value(ans), com && json_is_string(com) ?
			json_string_value(com) : "");
	json_decref(body);
	if (!p)
		return cc_resp_error(resp, 500, "internal", NULL, "out of memory");
	p->job.done = pending_done;
	p->job.arg = p;
	if (cc_req_defer(req, resp, &p->d)) {
		cc_answer_writer_submit(req->answers, &p->job);
		return CC_OK;
	}
	cc_answer_writer_wait(req->answers, &p->job);
	rc = saved_reply(resp, p);
	pending_free(&p->d);
	return rc;
}
