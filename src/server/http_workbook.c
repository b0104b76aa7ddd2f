/*
 * http_workbook.c - the offline round trip of a questionnaire: download
 * the unit's questionnaire as an Excel workbook (with its current
 * answers), fill it without a connection, upload it back. The upload is
 * checked whole (every bad cell reported by sheet, row and column) and
 * saved all or nothing.
 */
#include "router.h"

#include "../format/xlsx_words.h"

#include "../format/questionnaire_xlsx.h"
#include "../service/auth.h"
#include "../service/workflow.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int read_whole(const char *path, char **out, size_t *len)
{
	FILE *f = fopen(path, "rb");
	long n;

	if (!f)
		return -1;
	if (fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0 ||
	    !(*out = malloc((size_t)n + 1)) || fread(*out, 1, (size_t)n, f) != (size_t)n) {
		fclose(f);
		return -1;
	}
	fclose(f);
	*len = (size_t)n;
	return 0;
}

int cc_h_workbook_get(struct cc_req *req, struct cc_resp *resp)
{
	char path[] = "/tmp/cybercap-questionnaire-XXXXXX";
	struct cc_list c;
	struct cc_framework fw;
	struct cc_answers a;
	struct cc_error err;
	char *body = NULL;
	size_t len = 0;
	const char *tags[CC_XLSX_LANGS];
	int fd, rc, lang;

	for (int l = 0; l < CC_XLSX_LANGS; l++)
		tags[l] = cc_xlsx_lang_tag(l);
	/* the focal point's language: ?lang=, else Accept-Language */
	if (!cc__may(req, resp, CC_DO_READ_ASSESSMENT) ||
	    !cc_req_lang(req, resp, tags, CC_XLSX_LANGS, &lang))
		return CC_OK;
	cc_error_clear(&err);
	pthread_mutex_lock(req->store_lock);
	rc = cc_workflow_load(req->store, req->params[0], req->params[1], &c, &fw, &a, &err);
	pthread_mutex_unlock(req->store_lock);
	if (rc)
		return cc_resp_from_error(resp, &err, 400);
	fd = mkstemp(path);
	rc = fd < 0 ? -1 : 0;
	if (fd >= 0)
		close(fd);
	if (!rc)
		rc = cc_questionnaire_xlsx_write(path, &fw, &a, 0, req->params[0], req->params[1],
						 cc_xlsx_lang_tag(lang), &err);
	if (!rc)
		rc = read_whole(path, &body, &len);
	unlink(path);
	cc_answers_free(&a);
	cc_framework_free(&fw);
	cc_list_free(&c);
	if (rc) {
		free(body);
		return cc_resp_error(resp, 500, "internal", NULL, "cannot write the workbook");
	}
	cc_resp_body(resp, 200, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
		     body, len);
	snprintf(resp->disposition, sizeof(resp->disposition),
		 "attachment; filename=\"%s-%s-questionnaire%s%s.xlsx\"", req->params[0], req->params[1],
		 lang > 0 ? "-" : "", lang > 0 ? cc_xlsx_lang_tag(lang) : "");
	return CC_OK;
}

json_t *cc__xlsx_errors_json(const struct cc_xlsx_errors *errs)
{
	json_t *list = json_array();

	for (int i = 0; i < errs->n; i++) {
		const struct cc_xlsx_error *e = &errs->v[i];
		char text[700];
		cc_xlsx_error_format(e, text, sizeof(text));
		json_array_append_new(list, json_pack("{s:s?,s:i,s:s,s:s,s:s}", "sheet", e->sheet,
			"row", e->row, "column", e->col, "message", e->msg, "text", text));
	}
	return list;
}

int cc_h_workbook_put(struct cc_req *req, struct cc_resp *resp)
{
	struct cc_list c;
	struct cc_framework fw;
	const struct cc_campaign_rec *cr;
	struct cc_xlsx_rows rows;
	struct cc_xlsx_errors errs;
	struct cc_bulk_answer *bulk = NULL;
	struct cc_error err;
	int rc, saved = 0;

	if (!cc__may(req, resp, CC_DO_ANSWER))
		return CC_OK;
	if (!req->body || !req->body_len)
		return cc_resp_error(resp, 400, "bad_request", "file",
				     "send the workbook (.xlsx) as the request body");
	cc_error_clear(&err);
	pthread_mutex_lock(req->store_lock);
	rc = cc_store_campaign(req->store, req->params[0], &c, &err);
	if (!rc) {
		cr = c.items;
		rc = cc_service_framework(req->store, cr->framework, cr->framework_hash, &fw, &err);
		if (rc)
			cc_list_free(&c);
	}
	pthread_mutex_unlock(req->store_lock);
	if (rc)
		return cc_resp_from_error(resp, &err, 400);
	rc = cc_questionnaire_xlsx_read(req->body, req->body_len, &fw, req->params[0],
					req->params[1], &rows, &errs, &err);
	if (rc) {
		json_t *o = json_pack("{s:{s:s,s:s},s:o,s:i}", "error", "code",
				      rc == CC_ELIMIT ? "too_large" : "invalid_workbook",
				      "message", err.msg, "errors", cc__xlsx_errors_json(&errs),
				      "more_errors", errs.dropped);
		cc_resp_json(resp, rc == CC_ELIMIT ? 413 : 422, o);
		resp->etag = 0;
		goto out;
	}
	bulk = calloc((size_t)rows.n + 1, sizeof(*bulk));
	for (int i = 0; bulk && i < rows.n; i++)
		bulk[i] = (struct cc_bulk_answer){rows.v[i].question, rows.v[i].answer,
						  rows.v[i].comment, rows.v[i].evidence_url, NULL};
	pthread_mutex_lock(req->store_lock);
	rc = bulk ? cc_workflow_answer_many(req->store, req->params[0], req->params[1], bulk,
					    rows.n, req->who->email, &saved, &err) :
		cc_error_set(&err, CC_ENOMEM, NULL, 0, 0, "out of memory");
	pthread_mutex_unlock(req->store_lock);
	if (rc) {
		cc_resp_from_error(resp, &err, 422);
		goto out;
	}
	cc_resp_json(resp, 200, json_pack("{s:i,s:i}", "rows", rows.n, "saved", saved));
	resp->etag = 0;
out:
	free(bulk);
	cc_xlsx_rows_free(&rows);
	cc_xlsx_errors_free(&errs);
	cc_framework_free(&fw);
	cc_list_free(&c);
	return CC_OK;
}
