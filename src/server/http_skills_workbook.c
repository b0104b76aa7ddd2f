/*
 * http_skills_workbook.c - a reaction survey answered offline (docs/skills.md,
 * "Evaluation"): GET /api/v1/enrolments/{e}/surveys/{kind}/questionnaire.xlsx
 * gives the survey's rating questions as the questionnaire workbook
 * (format/questionnaire_xlsx.h: one sheet per group, the answers given so
 * far pre-filled, campaign = the programme, unit = "enrolment-E-KIND");
 * PUT of the filled file checks every cell (422 naming sheet, row and
 * column of each bad one) and saves the answers as POST .../answers does,
 * all or nothing. Who may: the participant, the programme's team.
 */
#include "router.h"

#include "../format/fileio.h"
#include "../format/questionnaire_xlsx.h"
#include "../format/xlsx_words.h"
#include "../service/skills.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define XLSX_TYPE "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

/* Resolves the enrolment and survey for the caller; anything but CC_OK has
 * filled resp. */
static int load(struct cc_req *req, struct cc_resp *resp, const struct cc_framework **fw,
		json_t **answers, char *prog, size_t size, char *unit, size_t usize)
{
	struct cc_scaller c;
	struct cc_error err;
	char *end;
	long long e = strtoll(req->params[0], &end, 10);
	int rc;

	if (!req->who || !req->who->id) {
		cc_resp_error(resp, 401, "unauthenticated", NULL, "sign in first");
		return CC_EINPUT;
	}
	cc_error_clear(&err);
	if (e <= 0 || *end) {
		cc_resp_error(resp, 404, "not_found", NULL, "no enrolment %s", req->params[0]);
		return CC_ENOTFOUND;
	}
	pthread_mutex_lock(req->store_lock);
	rc = cc_scaller_load(req->store, req->who, &c, &err);
	if (!rc)
		rc = cc_skills_survey_of(req->store, &c, req->snap, e, req->params[1], fw, answers,
					 prog, size, &err);
	cc_scaller_free(&c);
	pthread_mutex_unlock(req->store_lock);
	if (rc == CC_EFORBIDDEN)
		cc_resp_error(resp, 403, "forbidden", NULL, "%s", err.msg);
	else if (rc)
		cc_resp_from_error(resp, &err, 422);
	snprintf(unit, usize, "enrolment-%lld-%s", e, req->params[1]);
	return rc;
}

/* The answers given so far, as the writer pre-fills them. */
static int prefill(struct cc_answers *a, const struct cc_framework *fw, const char *unit,
		   const json_t *answers, struct cc_error *err)
{
	const char *q;
	json_t *v;
	char text[32];
	int u, rc;

	if ((rc = cc_answers_init(a, fw)))
		return rc;
	if ((rc = cc_answers_unit(a, unit, strlen(unit), &u, err)))
		return rc;
	json_object_foreach((json_t *)answers, q, v) {
		snprintf(text, sizeof(text), "%g", json_number_value(v));
		/* an answer the survey no longer takes is left out, not fatal */
		cc_answers_set(a, u, q, strlen(q), text, strlen(text), err);
	}
	cc_error_clear(err);
	return CC_OK;
}

int cc_h_skills_workbook_get(struct cc_req *req, struct cc_resp *resp)
{
	char path[] = "/tmp/cybercap-survey-XXXXXX", prog[128], unit[96];
	const struct cc_framework *fw;
	const char *tags[CC_XLSX_LANGS];
	struct cc_answers a;
	struct cc_error err;
	json_t *answers = NULL;
	char *body = NULL;
	size_t len = 0;
	int fd, rc, lang;

	for (int l = 0; l < CC_XLSX_LANGS; l++)
		tags[l] = cc_xlsx_lang_tag(l);
	if (!cc_req_lang(req, resp, tags, CC_XLSX_LANGS, &lang))
		return CC_OK;
	if (load(req, resp, &fw, &answers, prog, sizeof(prog), unit, sizeof(unit)))
		return CC_OK;
	cc_error_clear(&err);
	memset(&a, 0, sizeof(a));
	rc = prefill(&a, fw, unit, answers, &err);
	json_decref(answers);
	fd = rc ? -1 : mkstemp(path);
	if (fd >= 0) {
		close(fd);
		rc = cc_questionnaire_xlsx_write(path, fw, &a, 0, prog, unit, cc_xlsx_lang_tag(lang),
						 &err);
		if (!rc)
			rc = cc_read_file(path, CC_XLSX_MAX_BYTES, &body, &len, &err);
		unlink(path);
	} else {
		rc = rc ? rc : CC_EIO;
	}
	cc_answers_free(&a);
	if (rc) {
		free(body);
		return cc_resp_error(resp, 500, "internal", NULL, "cannot write the workbook");
	}
	cc_resp_body(resp, 200, XLSX_TYPE, body, len);
	resp->etag = 0;
	snprintf(resp->disposition, sizeof(resp->disposition),
		 "attachment; filename=\"%s-%s.xlsx\"", prog, unit);
	return CC_OK;
}

/* The rows read as the body of POST .../answers. */
static json_t *answers_body(const char *kind, const struct cc_xlsx_rows *rows)
{
	json_t *o = json_object();

	for (int i = 0; i < rows->n; i++)
		if (rows->v[i].answer)
			json_object_set_new(o, rows->v[i].question,
					    json_real(strtod(rows->v[i].answer, NULL)));
	return json_pack("{s:s,s:o}", "kind", kind, "answers", o);
}

int cc_h_skills_workbook_put(struct cc_req *req, struct cc_resp *resp)
{
	char prog[128], unit[96];
	const struct cc_framework *fw;
	struct cc_xlsx_rows rows;
	struct cc_xlsx_errors errs;
	struct cc_scaller c;
	struct cc_error err;
	json_t *answers = NULL, *b, *out = NULL;
	int rc;

	if (load(req, resp, &fw, &answers, prog, sizeof(prog), unit, sizeof(unit)))
		return CC_OK;
	json_decref(answers);
	if (!req->body || !req->body_len)
		return cc_resp_error(resp, 400, "bad_request", "file",
				     "send the workbook (.xlsx) as the request body");
	cc_error_clear(&err);
	rc = cc_questionnaire_xlsx_read(req->body, req->body_len, fw, prog, unit, &rows, &errs,
					&err);
	if (rc) {
		cc_resp_json(resp, rc == CC_ELIMIT ? 413 : 422,
			     json_pack("{s:{s:s,s:s,s:s},s:o,s:i}", "error", "code",
				       rc == CC_ELIMIT ? "too_large" : "invalid_workbook", "message",
				       err.msg, "field", "file", "errors",
				       cc__xlsx_errors_json(&errs), "more_errors", errs.dropped));
		goto out;
	}
	b = answers_body(req->params[1], &rows);
	if (!json_object_size(json_object_get(b, "answers"))) {
		json_decref(b);
		cc_resp_error(resp, 422, "invalid_workbook", "file",
			      "the workbook has no answers: rate at least one question");
		goto out;
	}
	pthread_mutex_lock(req->store_lock);
	rc = cc_scaller_load(req->store, req->who, &c, &err);
	if (!rc)
		rc = cc_skills_answer(req->store, &c, req->snap, strtoll(req->params[0], NULL, 10),
				      b, &out, &err);
	cc_scaller_free(&c);
	pthread_mutex_unlock(req->store_lock);
	json_decref(b);
	if (rc == CC_EFORBIDDEN)
		cc_resp_error(resp, 403, "forbidden", NULL, "%s", err.msg);
	else if (rc)
		cc_resp_from_error(resp, &err, 422);
	else
		cc_resp_json(resp, 200, out);
out:
	resp->etag = 0;
	cc_xlsx_rows_free(&rows);
	cc_xlsx_errors_free(&errs);
	return CC_OK;
}
