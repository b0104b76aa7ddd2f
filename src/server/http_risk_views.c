/*
 * http_risk_views.c - what a risk register shows over HTTP beyond its
 * risks (docs/api.md "Risk assessments"): the heat map of a phase, risks
 * past review, what treatment buys, risks by sector, the public register
 * (anyone's once published: public titles, summaries and levels only),
 * the register as CSV and as a workbook and its upload; and the reference
 * data a register names (taxonomies, matrices).
 */
#include "http_risks.h"

#include "../format/fileio.h"
#include "../format/matrix_yaml.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define A(req) ((req)->params[0])

/* Sends j (200) built from the register, or 500 when it could not be. */
static int send_view(struct cc_resp *resp, json_t *j)
{
	if (!j)
		return cc_resp_error(resp, 500, "internal", NULL, "out of memory");
	cc_resp_json(resp, 200, j);
	resp->etag = 0;
	return CC_OK;
}

int cc_h_risk_heatmap(struct cc_req *req, struct cc_resp *resp)
{
	const char *ph = cc_req_query(req, "phase");
	int p = ph ? cc_phase_parse(ph) : CC_PHASE_CURRENT;
	struct cc_risk_call x;

	if (p < 0)
		return cc_resp_error(resp, 400, "bad_parameter", "phase",
				     "phase is inherent, current or target");
	if (!cc__risk_open(req, resp, CC_RISK_TEAM, &x))
		return CC_OK;
	send_view(resp, cc_register_heatmap_json(&x.reg, p));
	cc__risk_close(&x);
	return CC_OK;
}

int cc_h_risk_review_due(struct cc_req *req, struct cc_resp *resp)
{
	struct cc_risk_call x;
	char today[11];
	int days;

	if (cc__risk_today(req, resp, today, &days) || !cc__risk_open(req, resp, CC_RISK_TEAM, &x))
		return CC_OK;
	send_view(resp, cc_register_review_due_json(&x.reg, days));
	cc__risk_close(&x);
	return CC_OK;
}

int cc_h_risk_gain(struct cc_req *req, struct cc_resp *resp)
{
	struct cc_risk_call x;

	if (!cc__risk_open(req, resp, CC_RISK_TEAM, &x))
		return CC_OK;
	send_view(resp, cc_register_gain_json(&x.reg));
	cc__risk_close(&x);
	return CC_OK;
}

int cc_h_risk_sectors(struct cc_req *req, struct cc_resp *resp)
{
	struct cc_risk_call x;
	struct cc_list terms;
	struct cc_error err;
	int rc;

	if (!cc__risk_open(req, resp, CC_RISK_TEAM, &x))
		return CC_OK;
	cc_error_clear(&err);
	pthread_mutex_lock(req->store_lock);
	rc = cc_store_terms(req->store, "sector", &terms, &err);
	pthread_mutex_unlock(req->store_lock);
	if (rc) {
		cc_resp_from_error(resp, &err, 400);
	} else {
		send_view(resp, cc_register_sectors_json(&x.reg, &terms));
		cc_list_free(&terms);
	}
	cc__risk_close(&x);
	return CC_OK;
}

int cc_h_risk_public(struct cc_req *req, struct cc_resp *resp)
{
	struct cc_risk_call x;

	if (!cc__risk_open(req, resp, CC_RISK_PUBLIC, &x))
		return CC_OK;
	/* the team may preview it before it is published */
	send_view(resp, cc_register_public_json(&x.reg));
	cc__risk_close(&x);
	return CC_OK;
}

/* ---- the register as a file ---- */

static int export(struct cc_req *req, struct cc_resp *resp, bool xlsx)
{
	struct cc_risk_call x;
	struct cc_reg_out o;
	struct cc_arena ar;
	struct cc_error err;
	char *body = NULL;
	size_t len = 0;
	int rc;

	if (!cc__risk_open(req, resp, CC_RISK_TEAM, &x))
		return CC_OK;
	cc_arena_init(&ar);
	cc_error_clear(&err);
	pthread_mutex_lock(req->store_lock);
	rc = cc_register_export(req->store, &x.reg, &o, &ar, &err);
	pthread_mutex_unlock(req->store_lock);
	if (!rc && xlsx) {
		char path[] = "/tmp/cybercap-register-XXXXXX";
		int fd = mkstemp(path);
		rc = fd < 0 ? CC_EIO : CC_OK;
		if (fd >= 0) {
			close(fd);
			rc = cc_reg_write_xlsx(path, &o, &err);
			if (!rc)
				rc = cc_read_file(path, 100u << 20, &body, &len, &err);
			unlink(path);
		}
	} else if (!rc) {
		FILE *mem = open_memstream(&body, &len);
		rc = mem ? cc_reg_write_csv(mem, &o) : CC_ENOMEM;
		if (mem && fclose(mem) && !rc)
			rc = CC_EIO;
	}
	if (rc) {
		free(body);
		cc_resp_error(resp, 500, "internal", NULL, "cannot write the register");
	} else {
		cc_resp_body(resp, 200, xlsx ?
			     "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" :
			     "text/csv; charset=utf-8", body, len);
		snprintf(resp->disposition, sizeof(resp->disposition),
			 "attachment; filename=\"%s-register.%s\"", A(req), xlsx ? "xlsx" : "csv");
	}
	cc_arena_free(&ar);
	cc__risk_close(&x);
	return CC_OK;
}

int cc_h_risk_register_csv(struct cc_req *req, struct cc_resp *resp)
{
	return export(req, resp, false);
}

int cc_h_risk_register_xlsx(struct cc_req *req, struct cc_resp *resp)
{
	return export(req, resp, true);
}

int cc_h_risk_register_post(struct cc_req *req, struct cc_resp *resp)
{
	struct cc_risk_call x;
	struct cc_xlsx_errors errs;
	struct cc_error err;
	int rc, created, updated;
	bool xlsx;

	if (!cc__risk_open(req, resp, CC_RISK_TEAM, &x))
		return CC_OK;
	cc__risk_close(&x);
	if (!req->body || !req->body_len)
		return cc_resp_error(resp, 400, "bad_request", "register",
				     "send the register (CSV or .xlsx) as the request body");
	/* a workbook is a zip; anything else is read as CSV */
	xlsx = req->body_len >= 4 && memcmp(req->body, "PK\x03\x04", 4) == 0;
	cc_error_clear(&err);
	pthread_mutex_lock(req->store_lock);
	rc = cc_register_import(req->store, A(req), req->body, req->body_len, xlsx, "register.csv",
				req->who->email, &errs, &created, &updated, &err);
	pthread_mutex_unlock(req->store_lock);
	if (rc == CC_EINPUT || (rc == CC_ELIMIT && errs.n)) {
		cc_resp_json(resp, rc == CC_ELIMIT ? 413 : 422, json_pack("{s:{s:s,s:s,s:s},s:o,s:i}",
			"error", "code", rc == CC_ELIMIT ? "too_large" : "invalid_register", "message",
			err.msg, "field", "register", "errors", cc__xlsx_errors_json(&errs), "more_errors",
			errs.dropped));
	} else if (rc) {
		cc_resp_from_error(resp, &err, 422);
	} else {
		cc_resp_json(resp, 200, json_pack("{s:s,s:i,s:i}", "assessment", A(req), "created",
						  created, "updated", updated));
	}
	resp->etag = 0;
	cc_xlsx_errors_free(&errs);
	return CC_OK;
}

/* ---- reference data ---- */

int cc_h_taxonomies(struct cc_req *req, struct cc_resp *resp)
{
	struct cc_list terms;
	struct cc_error err;
	int rc;

	cc_error_clear(&err);
	pthread_mutex_lock(req->store_lock);
	rc = cc_store_terms(req->store, NULL, &terms, &err);
	pthread_mutex_unlock(req->store_lock);
	if (rc)
		return cc_resp_from_error(resp, &err, 400);
	{
		json_t *o = cc_taxonomies_json(&terms);
		bool ok = true;
		cc_list_free(&terms);
		if (o)
			cc__texts_taxonomies(req, resp, o, &ok);
		if (!ok) {
			json_decref(o);
			return CC_OK;
		}
		send_view(resp, o);
	}
	resp->etag = 1;
	return CC_OK;
}

int cc_h_matrices(struct cc_req *req, struct cc_resp *resp)
{
	struct cc_list l;
	struct cc_error err;
	json_t *list;
	int rc;

	cc_error_clear(&err);
	pthread_mutex_lock(req->store_lock);
	rc = cc_store_matrices(req->store, &l, &err);
	pthread_mutex_unlock(req->store_lock);
	if (rc)
		return cc_resp_from_error(resp, &err, 400);
	list = json_array();
	for (int i = 0; list && i < l.n; i++) {
		const struct cc_matrix_rec *m = &((struct cc_matrix_rec *)l.items)[i];
		json_array_append_new(list, json_pack("{s:s,s:s,s:s,s:s}", "id", m->id, "title",
						      m->title, "hash", m->hash, "added_at", m->added_at));
	}
	cc_list_free(&l);
	send_view(resp, json_pack("{s:o*}", "matrices", list));
	resp->etag = 1;
	return CC_OK;
}

int cc_h_matrix(struct cc_req *req, struct cc_resp *resp)
{
	const char *hash = cc_req_query(req, "hash");
	struct cc_list l;
	struct cc_matrix m;
	struct cc_error err;
	int rc;

	cc_error_clear(&err);
	pthread_mutex_lock(req->store_lock);
	rc = cc_store_matrix(req->store, req->params[0], hash, &l, &err);
	pthread_mutex_unlock(req->store_lock);
	if (rc)
		return cc_resp_from_error(resp, &err, 400);
	rc = cc_matrix_parse(&m, req->params[0], ((struct cc_matrix_rec *)l.items)->text,
			     ((struct cc_matrix_rec *)l.items)->len, &err);
	if (rc) {
		cc_list_free(&l);
		return cc_resp_error(resp, 500, "internal", NULL, "the stored matrix does not load");
	}
	{
		const char *tags[CC_LANG_MAX];
		int n = cc_matrix_lang_tags(&m, tags, CC_LANG_MAX), lang;
		json_t *o;
		if (!cc_req_lang(req, resp, tags, n, &lang)) {
			cc_matrix_free(&m);
			cc_list_free(&l);
			return CC_OK;
		}
		o = cc_matrix_json(cc_matrix_in(&m, lang), ((struct cc_matrix_rec *)l.items)->hash);
		if (o)
			cc_json_lang(o, tags, n, lang, lang >= 0 ? m.langs[lang].untranslated : 0);
		send_view(resp, o);
	}
	resp->etag = 1;
	cc_matrix_free(&m);
	cc_list_free(&l);
	return CC_OK;
}
