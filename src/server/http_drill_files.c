/*
 * http_drill_files.c - files attached to responses (docs/api.md,
 * "Drills"; docs/drills.md, "Attachments"): a player attaches a file
 * (multipart/form-data, part "file") to a response of their team; the
 * file is served to that team's players and to the director,
 * controllers and evaluators, never to another team or to observers.
 */
#include "http_drill.h"

#include "live.h"

#include "../service/drill_play.h"
#include "../service/workflow.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

json_t *cc__drill_attachment_json(const struct cc_drill_attachment_rec *a)
{
	return json_pack("{s:I,s:I,s:s,s:s,s:I,s:o}", "id", (json_int_t)a->id, "response",
			 (json_int_t)a->response, "filename", a->filename, "mime", a->mime,
			 "size", (json_int_t)a->size, "at", cc__json_wall(a->at));
}

/* A positive id of params[k], or 0. */
static long long id_param(const struct cc_req *req, int k)
{
	char *end;
	long long v = strtoll(req->params[k], &end, 10);

	return *req->params[k] && !*end && v > 0 ? v : 0;
}

int cc_h_drill_attach(struct cc_req *req, struct cc_resp *resp)
{
	struct cc_drill_attachment_rec a;
	struct cc_upload u;
	struct cc_error err;
	unsigned roles;
	char team[129], name[201], hash[65];
	long long rid = id_param(req, 1);
	int rc;

	if (!cc__drill_may(req, resp, CC_DRILL_RESPOND, &roles, team))
		return CC_OK;
	if (!rid)
		return cc_resp_error(resp, 404, "not_found", "response", "no response %.60s",
				     req->params[1]);
	if (cc__read_upload(req, resp, NULL, CC_DRILL_ATTACH_MAX_BYTES, &u))
		return CC_OK;
	cc_error_clear(&err);
	pthread_mutex_lock(req->store_lock);
	rc = cc_drills_attach(req->store, req->data_dir, req->params[0], rid, req->who, team,
			      u.filename, u.file ? u.file : "", u.len, cc_live_now(), name, hash,
			      &a, &err);
	pthread_mutex_unlock(req->store_lock);
	free(u.file);
	if (rc == CC_ENOTFOUND)
		return cc_resp_error(resp, 403, "forbidden", NULL, "%s", err.msg);
	return cc__drill_reply(resp, rc, &err, 201, rc ? NULL : cc__drill_attachment_json(&a));
}

/* The attachment params[2] of response params[1], when the caller may
 * have it (a player: of their team); 1, or 0 after filling resp. */
static int find(struct cc_req *req, struct cc_resp *resp, struct cc_list *l,
		const struct cc_drill_attachment_rec **found)
{
	struct cc_error err;
	unsigned roles;
	char team[129];
	long long rid = id_param(req, 1), aid = id_param(req, 2);
	int rc;

	*found = NULL;
	memset(l, 0, sizeof(*l));
	if (!cc__drill_may(req, resp, CC_DRILL_RESPONSES, &roles, team))
		return 0;
	cc_error_clear(&err);
	pthread_mutex_lock(req->store_lock);
	rc = rid ? cc_store_drill_attachments(req->store, req->params[0], rid, l, &err) : CC_OK;
	pthread_mutex_unlock(req->store_lock);
	if (rc) {
		cc_resp_from_error(resp, &err, 400);
		return 0;
	}
	for (int i = 0; i < l->n; i++) {
		const struct cc_drill_attachment_rec *a =
			&((const struct cc_drill_attachment_rec *)l->items)[i];
		if (a->id == aid)
			*found = a;
	}
	if (*found && !(roles & CC_DR_STAFF) && strcmp((*found)->team, team) != 0) {
		cc_resp_error(resp, 403, "forbidden", NULL, "this file is another team's");
		return 0;
	}
	if (!*found)
		cc_resp_error(resp, 404, "not_found", NULL, "no attachment %.60s on response %.60s",
			      req->params[2], req->params[1]);
	return *found != NULL;
}

int cc_h_drill_attachment(struct cc_req *req, struct cc_resp *resp)
{
	const struct cc_drill_attachment_rec *a;
	struct cc_list l;
	struct cc_file file;
	struct cc_error err;
	int rc;

	if (!find(req, resp, &l, &a)) {
		cc_list_free(&l);
		return CC_OK;
	}
	/* the file is named by the hash from the database: 64 hex digits */
	pthread_mutex_lock(req->store_lock);
	rc = cc_store_read_file(req->store, req->data_dir, a->sha256, &file, &err);
	pthread_mutex_unlock(req->store_lock);
	if (rc) {
		cc_list_free(&l);
		return cc_resp_from_error(resp, &err, 400);
	}
	cc__resp_file(resp, &file);
	resp->content_type = cc_workflow_mime(a->mime);   /* static: outlives the list */
	resp->cache = "private, no-store";
	/* the stored name has no quotes, backslashes or control characters */
	snprintf(resp->disposition, sizeof(resp->disposition), "attachment; filename=\"%.200s\"",
		 a->filename);
	cc_list_free(&l);
	return CC_OK;
}
