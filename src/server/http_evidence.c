/*
 * http_evidence.c - evidence for an answer: a link (JSON {"question",
 * "url"}) or a file (multipart/form-data with fields "question" and
 * "file", parsed by libmicrohttpd's post processor), stored by
 * service/workflow.c content-addressed and type-checked; the download of a
 * stored file; and a question's history (its answers and audit events).
 */
#include "router.h"

#include "../service/auth.h"
#include "../service/workflow.h"

#include <fcntl.h>
#include <microhttpd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static enum MHD_Result on_field(void *cls, enum MHD_ValueKind kind, const char *key,
				const char *filename, const char *content_type,
				const char *transfer_encoding, const char *data,
				uint64_t off, size_t size)
{
	struct cc_upload *f = cls;

	(void)kind, (void)content_type, (void)transfer_encoding;
	if (!key)
		return MHD_YES;  /* a part without a name: not ours */
	if (f->field_name && strcmp(key, f->field_name) == 0) {
		if (f->flen + size >= sizeof(f->field))
			return MHD_NO;
		memcpy(f->field + f->flen, data, size);
		f->flen += size;
		f->field[f->flen] = '\0';
	} else if (strcmp(key, "file") == 0) {
		char *grown;
		if (off == 0) {
			f->files++;
			snprintf(f->filename, sizeof(f->filename), "%s", filename ? filename : "");
		}
		if (f->len + size > f->max) {
			f->too_big = 1;
			return MHD_NO;
		}
		grown = realloc(f->file, f->len + size + 1);
		if (!grown)
			return MHD_NO;
		f->file = grown;
		memcpy(f->file + f->len, data, size);
		f->len += size;
	}
	return MHD_YES;
}

int cc__read_upload(struct cc_req *req, struct cc_resp *resp, const char *field_name,
		    size_t max, struct cc_upload *u)
{
	struct MHD_PostProcessor *pp;
	const char *type = MHD_lookup_connection_value(req->conn, MHD_HEADER_KIND, "Content-Type");

	memset(u, 0, sizeof(*u));
	u->field_name = field_name;
	u->max = max;
	pp = type && strncmp(type, "multipart/form-data", 19) == 0 ?
		MHD_create_post_processor(req->conn, 64 * 1024, on_field, u) : NULL;
	if (!pp) {
		cc_resp_error(resp, 400, "bad_request", NULL, "send multipart/form-data with the "
			      "field file%s%s", field_name ? " and " : "", field_name ? field_name : "");
		return -1;
	}
	if (MHD_post_process(pp, req->body ? req->body : "", req->body_len) != MHD_YES &&
	    !u->too_big) {
		MHD_destroy_post_processor(pp);
		free(u->file);
		cc_resp_error(resp, 400, "bad_request", NULL, "the form could not be read");
		return -1;
	}
	MHD_destroy_post_processor(pp);
	if (u->too_big) {
		free(u->file);
		cc_resp_error(resp, 413, "too_large", "file", "files are at most %zu MB", max >> 20);
		return -1;
	}
	if (u->files != 1) {
		free(u->file);
		cc_resp_error(resp, 422, "invalid", "file", "send one file");
		return -1;
	}
	return 0;
}

static int upload_file(struct cc_req *req, struct cc_resp *resp, long long *id,
		       struct cc_error *err)
{
	struct cc_upload f;
	int rc;

	if (cc__read_upload(req, resp, "question", CC_EVIDENCE_MAX_BYTES, &f))
		return -1;
	if (!f.flen) {
		free(f.file);
		cc_resp_error(resp, 422, "invalid", "question",
			      "send one file and the question it supports");
		return -1;
	}
	pthread_mutex_lock(req->store_lock);
	rc = cc_workflow_evidence_file(req->store, req->data_dir, req->params[0], req->params[1],
				       f.field, f.filename, f.file ? f.file : "", f.len,
				       req->who->email, id, err);
	pthread_mutex_unlock(req->store_lock);
	free(f.file);
	if (rc) {
		cc_resp_from_error(resp, err, 422);
		return -1;
	}
	return 0;
}

int cc_h_add_evidence(struct cc_req *req, struct cc_resp *resp)
{
	const char *type = MHD_lookup_connection_value(req->conn, MHD_HEADER_KIND, "Content-Type");
	struct cc_error err;
	long long id = 0;
	int rc;

	if (!cc__may(req, resp, CC_DO_ANSWER))
		return CC_OK;
	cc_error_clear(&err);
	if (type && strncmp(type, "multipart/form-data", 19) == 0) {
		rc = upload_file(req, resp, &id, &err);
		if (rc < 0)
			return CC_OK;
	} else {
		json_t *body = cc_req_json(req, resp), *q, *u;
		if (!body)
			return CC_OK;
		q = json_object_get(body, "question");
		u = json_object_get(body, "url");
		if (!json_is_string(q) || !json_is_string(u)) {
			const char *field = !json_is_string(q) ? "question" : "url";
			json_decref(body);
			return cc_resp_error(resp, 422, "invalid", field,
					     "send {\"question\", \"url\"} or a multipart form with a file");
		}
		pthread_mutex_lock(req->store_lock);
		rc = cc_workflow_evidence_url(req->store, req->params[0], req->params[1],
					      json_string_value(q), json_string_value(u),
					      req->who->email, &id, &err);
		pthread_mutex_unlock(req->store_lock);
		json_decref(body);
	}
	if (rc)
		return cc_resp_from_error(resp, &err, 422);
	cc_resp_json(resp, 201, json_pack("{s:I}", "id", (json_int_t)id));
	resp->etag = 0;
	return CC_OK;
}

int cc_h_get_evidence(struct cc_req *req, struct cc_resp *resp)
{
	struct cc_list l;
	struct cc_error err;
	const struct cc_evidence_rec *found = NULL;
	struct cc_file file;
	int rc;

	if (!cc__may(req, resp, CC_DO_READ_ASSESSMENT))
		return CC_OK;
	pthread_mutex_lock(req->store_lock);
	rc = cc_store_evidence(req->store, req->params[0], req->params[1], &l, &err);
	pthread_mutex_unlock(req->store_lock);
	if (rc)
		return cc_resp_from_error(resp, &err, 400);
	for (int i = 0; i < l.n; i++) {
		const struct cc_evidence_rec *e = &((struct cc_evidence_rec *)l.items)[i];
		char id[32];
		snprintf(id, sizeof(id), "%lld", e->id);
		if (strcmp(id, req->params[2]) == 0)
			found = e;
	}
	if (!found || strcmp(found->kind, "file") != 0 || strlen(found->sha256) != 64) {
		cc_list_free(&l);
		return cc_resp_error(resp, 404, "not_found", NULL, "no stored file %s", req->params[2]);
	}
	/* The file is named by the hash from the database: 64 hex digits. */
	pthread_mutex_lock(req->store_lock);
	rc = cc_store_read_file(req->store, req->data_dir, found->sha256, &file, &err);
	pthread_mutex_unlock(req->store_lock);
	if (rc) {
		cc_list_free(&l);
		return cc_resp_from_error(resp, &err, 400);
	}
	cc__resp_file(resp, &file);
	resp->content_type = cc_workflow_mime(found->mime);
	resp->cache = "private, no-store";
	/* The stored name has no quotes, backslashes or control characters. */
	snprintf(resp->disposition, sizeof(resp->disposition), "attachment; filename=\"%.200s\"",
		 *found->filename ? found->filename : "evidence");
	cc_list_free(&l);
	return CC_OK;
}

/* Whether params[2] is a question of the assessment params[0]/params[1]
 * (the store lock held). */
static int known_question(struct cc_req *req, struct cc_error *err)
{
	struct cc_list c;
	struct cc_framework fw;
	struct cc_answers a;
	int node, rc = cc_workflow_load(req->store, req->params[0], req->params[1], &c, &fw, &a,
					err);

	if (rc)
		return rc;
	node = cc_framework_find(&fw, req->params[2]);
	if (node < 0 || fw.nodes[node].kind == CC_GROUP)
		rc = cc_error_set(err, CC_ENOTFOUND, "question", 0, 0,
				  "the questionnaire has no question \"%s\"", req->params[2]);
	cc_answers_free(&a);
	cc_framework_free(&fw);
	cc_list_free(&c);
	return rc;
}

int cc_h_history(struct cc_req *req, struct cc_resp *resp)
{
	struct cc_list hist, events;
	struct cc_error err;
	char entity[400];
	json_t *h, *a;
	int rc;

	if (!cc__may(req, resp, CC_DO_READ_ASSESSMENT))
		return CC_OK;
	snprintf(entity, sizeof(entity), "%s/%s/%s", req->params[0], req->params[1], req->params[2]);
	pthread_mutex_lock(req->store_lock);
	/* An unknown campaign, unit or question is 404, not an empty history. */
	rc = known_question(req, &err);
	if (!rc)
		rc = cc_store_answer_history(req->store, req->params[0], req->params[1],
					     req->params[2], &hist, &err);
	if (!rc) {
		char prefix[420];
		snprintf(prefix, sizeof(prefix), "answer:%s", entity);
		rc = cc_store_audit_events(req->store, prefix, &events, &err);
		if (rc)
			cc_list_free(&hist);
	}
	pthread_mutex_unlock(req->store_lock);
	if (rc)
		return cc_resp_from_error(resp, &err, 400);
	h = json_array();
	a = json_array();
	for (int i = 0; i < hist.n; i++) {
		const struct cc_history_rec *r = &((struct cc_history_rec *)hist.items)[i];
		json_array_append_new(h, json_pack("{s:s,s:s,s:s,s:s,s:o}", "answer", r->answer,
			"comment", r->comment ? r->comment : "", "author", r->author ? r->author : "",
			"at", r->at, "prefill", cc__prefill_json(&r->prefill)));
	}
	for (int i = 0; i < events.n; i++) {
		const struct cc_audit_rec *r = &((struct cc_audit_rec *)events.items)[i];
		/* Only this question's events: the prefix may match longer ids. */
		if (strcmp(r->entity + 7, entity) != 0)
			continue;
		json_array_append_new(a, json_pack("{s:I,s:s,s:s,s:s,s:s,s:s}", "id", (json_int_t)r->id,
			"at", r->at, "actor", r->actor, "action", r->action,
			"before", r->before, "after", r->after));
	}
	cc_list_free(&hist);
	cc_list_free(&events);
	cc_resp_json(resp, 200, json_pack("{s:s,s:o,s:o}", "question", req->params[2],
					  "history", h, "audit", a));
	resp->etag = 0;
	return CC_OK;
}
