/*
 * http_skills.c - skills programmes over HTTP (docs/api.md, "Skills
 * programmes"; service/skills.h decides who may): programmes and what is
 * in them, enrolments and their lifecycle, consents, erasure and export
 * of a person, sessions, attendance, progress imports, mentoring, the
 * evaluation's answers and outcomes, and the dashboard.
 *
 * Every route needs a signed-in caller (401); a refusal of the service is
 * 403, a bad body 422 naming the field, an illegal move 409.
 */
#include "router.h"

#include "../format/questionnaire_xlsx.h"
#include "../format/skills_out.h"
#include "../service/skills.h"

#include <stdlib.h>
#include <string.h>

#define P0(req) ((req)->params[0])
#define P1(req) ((req)->params[1])

/* What a route does once the caller is known and the store locked. */
typedef int (*sk_op)(struct cc_req *req, const struct cc_scaller *c, const json_t *body,
		     json_t **out, struct cc_error *err);

static int reply_error(struct cc_resp *resp, int rc, const struct cc_error *err)
{
	if (rc == CC_EFORBIDDEN)
		return cc_resp_error(resp, 403, "forbidden", NULL, "%s", err->msg);
	return cc_resp_from_error(resp, err, 422);
}

/* Runs op for a signed-in caller (body: parse a JSON object first) into
 * *out; anything but CC_OK has filled resp with the refusal. */
static int run(struct cc_req *req, struct cc_resp *resp, bool body, sk_op op, json_t **out)
{
	struct cc_scaller c;
	struct cc_error err;
	json_t *b = NULL;
	int rc;

	*out = NULL;
	if (!req->who || !req->who->id) {
		cc_resp_error(resp, 401, "unauthenticated", NULL, "sign in first");
		return CC_EINPUT;
	}
	if (body && !(b = cc_req_json(req, resp)))
		return CC_EINPUT;
	cc_error_clear(&err);
	pthread_mutex_lock(req->store_lock);
	rc = cc_scaller_load(req->store, req->who, &c, &err);
	if (!rc)
		rc = op(req, &c, b, out, &err);
	cc_scaller_free(&c);
	pthread_mutex_unlock(req->store_lock);
	json_decref(b);
	if (rc) {
		json_decref(*out);
		*out = NULL;
		reply_error(resp, rc, &err);
	}
	return rc;
}

/* run, then the answer as JSON with status ok. */
static int serve(struct cc_req *req, struct cc_resp *resp, bool body, int ok, sk_op op)
{
	json_t *out;

	if (run(req, resp, body, op, &out))
		return CC_OK;
	if (!out)
		return cc_resp_json(resp, ok, json_object());
	resp->etag = 0;
	return cc_resp_json(resp, ok, out);
}

/* A numeric path parameter; 0 when it is not one (no record has id 0). */
static long long num(const char *s)
{
	char *end;
	long long v = s ? strtoll(s, &end, 10) : 0;

	return s && *s && !*end && v > 0 ? v : 0;
}

static int not_found(const char *what, const char *id, struct cc_error *err)
{
	return cc_error_set(err, CC_ENOTFOUND, NULL, 0, 0, "no %s %s", what, id);
}

/* ---- programmes ---- */

static int op_programme_add(struct cc_req *req, const struct cc_scaller *c, const json_t *b,
			    json_t **out, struct cc_error *err)
{
	return cc_skills_create_programme(req->store, c, b, out, err);
}

static int op_programme(struct cc_req *req, const struct cc_scaller *c, const json_t *b,
			json_t **out, struct cc_error *err)
{
	(void)b;
	return cc_skills_programme_json(req->store, c, P0(req), out, err);
}

static int op_edition_add(struct cc_req *req, const struct cc_scaller *c, const json_t *b,
			  json_t **out, struct cc_error *err)
{
	return cc_skills_create_edition(req->store, c, P0(req), b, out, err);
}

static int op_track_add(struct cc_req *req, const struct cc_scaller *c, const json_t *b,
			json_t **out, struct cc_error *err)
{
	return cc_skills_create_track(req->store, c, P0(req), b, out, err);
}

static int op_cohort_add(struct cc_req *req, const struct cc_scaller *c, const json_t *b,
			 json_t **out, struct cc_error *err)
{
	return cc_skills_create_cohort(req->store, c, P0(req), b, out, err);
}

static int op_survey_set(struct cc_req *req, const struct cc_scaller *c, const json_t *b,
			 json_t **out, struct cc_error *err)
{
	return cc_skills_set_survey(req->store, c, P0(req), req->snap, b, out, err);
}

static int op_knowledge_set(struct cc_req *req, const struct cc_scaller *c, const json_t *b,
			    json_t **out, struct cc_error *err)
{
	return cc_skills_set_knowledge_checks(req->store, c, P0(req), b, out, err);
}

static int op_dashboard(struct cc_req *req, const struct cc_scaller *c, const json_t *b,
			json_t **out, struct cc_error *err)
{
	(void)b;
	return cc_skills_dashboard(req->store, c, req->snap, P0(req),
				   cc_req_query(req, "edition"), out, err);
}

int cc_h_skills_programme_add(struct cc_req *req, struct cc_resp *resp)
{
	return serve(req, resp, true, 201, op_programme_add);
}

int cc_h_skills_programme(struct cc_req *req, struct cc_resp *resp)
{
	return serve(req, resp, false, 200, op_programme);
}

int cc_h_skills_edition_add(struct cc_req *req, struct cc_resp *resp)
{
	return serve(req, resp, true, 201, op_edition_add);
}

int cc_h_skills_track_add(struct cc_req *req, struct cc_resp *resp)
{
	return serve(req, resp, true, 201, op_track_add);
}

int cc_h_skills_cohort_add(struct cc_req *req, struct cc_resp *resp)
{
	return serve(req, resp, true, 201, op_cohort_add);
}

int cc_h_skills_survey_set(struct cc_req *req, struct cc_resp *resp)
{
	return serve(req, resp, true, 200, op_survey_set);
}

int cc_h_skills_knowledge_set(struct cc_req *req, struct cc_resp *resp)
{
	return serve(req, resp, true, 200, op_knowledge_set);
}

int cc_h_skills_dashboard(struct cc_req *req, struct cc_resp *resp)
{
	return serve(req, resp, false, 200, op_dashboard);
}

static int write_dashboard(FILE *f, const void *ctx)
{
	return cc_skills_dashboard_csv(f, ctx);
}

static int fill_dashboard(void *wb, void *ctx)
{
	return cc_skills_dashboard_xlsx(wb, ctx);
}

/* The dashboard as the caller may see it, as a file named after the
 * programme (and edition). */
static int dashboard_file(struct cc_req *req, struct cc_resp *resp, bool xlsx)
{
	const char *ed = cc_req_query(req, "edition");
	char name[200];
	json_t *d;
	int rc;

	if (run(req, resp, false, op_dashboard, &d))
		return CC_OK;
	snprintf(name, sizeof(name), "%s%s%s-dashboard.%s", P0(req), ed ? "-" : "", ed ? ed : "",
		 xlsx ? "xlsx" : "csv");
	rc = xlsx ? cc__send_xlsx(resp, fill_dashboard, d, name)
		  : cc__send_csv(resp, write_dashboard, d, name);
	resp->etag = 0;
	json_decref(d);
	return rc;
}

int cc_h_skills_dashboard_csv(struct cc_req *req, struct cc_resp *resp)
{
	return dashboard_file(req, resp, false);
}

int cc_h_skills_dashboard_xlsx(struct cc_req *req, struct cc_resp *resp)
{
	return dashboard_file(req, resp, true);
}

/* ---- cohorts ---- */

static int op_cohort(struct cc_req *req, const struct cc_scaller *c, const json_t *b,
		     json_t **out, struct cc_error *err)
{
	(void)b;
	return cc_skills_cohort_json(req->store, c, P0(req), out, err);
}

static int op_enrol(struct cc_req *req, const struct cc_scaller *c, const json_t *b,
		    json_t **out, struct cc_error *err)
{
	return cc_skills_enrol(req->store, c, req->snap, P0(req), b, out, err);
}

static int op_session_add(struct cc_req *req, const struct cc_scaller *c, const json_t *b,
			  json_t **out, struct cc_error *err)
{
	return cc_skills_add_session(req->store, c, P0(req), b, out, err);
}

static int op_match(struct cc_req *req, const struct cc_scaller *c, const json_t *b,
		    json_t **out, struct cc_error *err)
{
	(void)b;
	return cc_skills_match(req->store, c, P0(req), out, err);
}

static int op_pair_add(struct cc_req *req, const struct cc_scaller *c, const json_t *b,
		       json_t **out, struct cc_error *err)
{
	return cc_skills_add_pair(req->store, c, P0(req), b, out, err);
}

int cc_h_skills_cohort(struct cc_req *req, struct cc_resp *resp)
{
	return serve(req, resp, false, 200, op_cohort);
}

int cc_h_skills_enrol(struct cc_req *req, struct cc_resp *resp)
{
	return serve(req, resp, true, 201, op_enrol);
}

int cc_h_skills_session_add(struct cc_req *req, struct cc_resp *resp)
{
	return serve(req, resp, true, 201, op_session_add);
}

int cc_h_skills_match(struct cc_req *req, struct cc_resp *resp)
{
	return serve(req, resp, false, 200, op_match);
}

int cc_h_skills_pair_add(struct cc_req *req, struct cc_resp *resp)
{
	return serve(req, resp, true, 201, op_pair_add);
}

/* CSV bodies: text/csv (or any body that is not JSON). */
static bool is_csv(const struct cc_req *req)
{
	const char *t = cc_req_header(req, "Content-Type");

	return t && (strncmp(t, "text/csv", 8) == 0 || strncmp(t, "text/plain", 10) == 0);
}

int cc_h_skills_attendance(struct cc_req *req, struct cc_resp *resp)
{
	struct cc_scaller c;
	struct cc_error err;
	json_t *b = NULL, *out = NULL;
	bool csv = is_csv(req);
	int rc;

	if (!req->who || !req->who->id)
		return cc_resp_error(resp, 401, "unauthenticated", NULL, "sign in first");
	if (!csv && !(b = req->body ? json_loadb(req->body, req->body_len, 0, NULL) : NULL))
		return cc_resp_error(resp, 400, "bad_json", NULL, "send a JSON list of "
				     "{\"enrolment\", \"state\"}, or a CSV (text/csv)");
	cc_error_clear(&err);
	pthread_mutex_lock(req->store_lock);
	rc = cc_scaller_load(req->store, req->who, &c, &err);
	if (!rc)
		rc = cc_skills_attendance(req->store, &c, P0(req), b, csv ? req->body : NULL,
					  csv ? req->body_len : 0, &out, &err);
	cc_scaller_free(&c);
	pthread_mutex_unlock(req->store_lock);
	json_decref(b);
	if (rc)
		return reply_error(resp, rc, &err);
	return cc_resp_json(resp, 200, out);
}

int cc_h_skills_progress(struct cc_req *req, struct cc_resp *resp)
{
	struct cc_scaller c;
	struct cc_error err;
	struct cc_xlsx_errors errs;
	json_t *out = NULL;
	int rc;

	if (!req->who || !req->who->id)
		return cc_resp_error(resp, 401, "unauthenticated", NULL, "sign in first");
	cc_error_clear(&err);
	cc_xlsx_errors_init(&errs);
	pthread_mutex_lock(req->store_lock);
	rc = cc_scaller_load(req->store, req->who, &c, &err);
	if (!rc)
		rc = cc_skills_progress(req->store, &c, P0(req), req->body, req->body ? req->body_len
					: 0, cc_req_query(req, "module"), cc_req_query(req, "date"),
					&out, &errs, &err);
	cc_scaller_free(&c);
	pthread_mutex_unlock(req->store_lock);
	if (rc == CC_EINPUT && errs.n)
		cc_resp_json(resp, 422, json_pack("{s:{s:s,s:s,s:s,s:I},s:o,s:i}", "error", "code",
						  "invalid", "message", err.msg, "field", "file",
						  "line", (json_int_t)errs.v[0].row, "errors",
						  cc__xlsx_errors_json(&errs), "more_errors",
						  errs.dropped));
	else if (rc)
		reply_error(resp, rc, &err);
	else
		cc_resp_json(resp, 200, out);
	cc_xlsx_errors_free(&errs);
	return CC_OK;
}

/* ---- enrolments, pairs ---- */

static int op_enrolment(struct cc_req *req, const struct cc_scaller *c, const json_t *b,
			json_t **out, struct cc_error *err)
{
	(void)b;
	if (!num(P0(req)))
		return not_found("enrolment", P0(req), err);
	return cc_skills_enrolment_json(req->store, c, num(P0(req)), out, err);
}

static int op_move(struct cc_req *req, const struct cc_scaller *c, const json_t *b,
		   json_t **out, struct cc_error *err)
{
	if (!num(P0(req)))
		return not_found("enrolment", P0(req), err);
	return cc_skills_move(req->store, c, num(P0(req)), b, out, err);
}

static int op_answer(struct cc_req *req, const struct cc_scaller *c, const json_t *b,
		     json_t **out, struct cc_error *err)
{
	if (!num(P0(req)))
		return not_found("enrolment", P0(req), err);
	return cc_skills_answer(req->store, c, req->snap, num(P0(req)), b, out, err);
}

static int op_outcome(struct cc_req *req, const struct cc_scaller *c, const json_t *b,
		      json_t **out, struct cc_error *err)
{
	if (!num(P0(req)))
		return not_found("enrolment", P0(req), err);
	return cc_skills_outcome(req->store, c, num(P0(req)), b, out, err);
}

static int op_pair_move(struct cc_req *req, const struct cc_scaller *c, const json_t *b,
			json_t **out, struct cc_error *err)
{
	if (!num(P0(req)))
		return not_found("pair", P0(req), err);
	return cc_skills_move_pair(req->store, c, num(P0(req)), b, out, err);
}

/* GET (no body: the list) or POST of a pair's meetings and goals. */
static int op_meetings(struct cc_req *req, const struct cc_scaller *c, const json_t *b,
		       json_t **out, struct cc_error *err)
{
	if (!num(P0(req)))
		return not_found("pair", P0(req), err);
	return cc_skills_meetings(req->store, c, num(P0(req)), b, out, err);
}

static int op_goals(struct cc_req *req, const struct cc_scaller *c, const json_t *b,
		    json_t **out, struct cc_error *err)
{
	if (!num(P0(req)))
		return not_found("pair", P0(req), err);
	return cc_skills_goals(req->store, c, num(P0(req)), b, out, err);
}

static int op_goal_set(struct cc_req *req, const struct cc_scaller *c, const json_t *b,
		       json_t **out, struct cc_error *err)
{
	if (!num(P0(req)))
		return not_found("pair", P0(req), err);
	if (!num(P1(req)))
		return not_found("goal", P1(req), err);
	return cc_skills_set_goal(req->store, c, num(P0(req)), num(P1(req)), b, out, err);
}

int cc_h_skills_meetings(struct cc_req *req, struct cc_resp *resp)
{
	return serve(req, resp, false, 200, op_meetings);
}

int cc_h_skills_meeting_add(struct cc_req *req, struct cc_resp *resp)
{
	return serve(req, resp, true, 201, op_meetings);
}

int cc_h_skills_goals(struct cc_req *req, struct cc_resp *resp)
{
	return serve(req, resp, false, 200, op_goals);
}

int cc_h_skills_goal_add(struct cc_req *req, struct cc_resp *resp)
{
	return serve(req, resp, true, 201, op_goals);
}

int cc_h_skills_goal_set(struct cc_req *req, struct cc_resp *resp)
{
	return serve(req, resp, true, 200, op_goal_set);
}

int cc_h_skills_enrolment(struct cc_req *req, struct cc_resp *resp)
{
	return serve(req, resp, false, 200, op_enrolment);
}

int cc_h_skills_move(struct cc_req *req, struct cc_resp *resp)
{
	return serve(req, resp, true, 200, op_move);
}

int cc_h_skills_answer(struct cc_req *req, struct cc_resp *resp)
{
	return serve(req, resp, true, 200, op_answer);
}

int cc_h_skills_outcome(struct cc_req *req, struct cc_resp *resp)
{
	return serve(req, resp, true, 200, op_outcome);
}

int cc_h_skills_pair_move(struct cc_req *req, struct cc_resp *resp)
{
	return serve(req, resp, true, 200, op_pair_move);
}

/* ---- people ---- */

static int op_erase(struct cc_req *req, const struct cc_scaller *c, const json_t *b,
		    json_t **out, struct cc_error *err)
{
	int rc;

	(void)b;
	if (!num(P0(req)))
		return not_found("person", P0(req), err);
	rc = cc_skills_erase(req->store, c, num(P0(req)), err);
	if (!rc)
		*out = json_pack("{s:I,s:b}", "person", num(P0(req)), "erased", 1);
	return rc;
}

static int op_export(struct cc_req *req, const struct cc_scaller *c, const json_t *b,
		     json_t **out, struct cc_error *err)
{
	(void)b;
	if (!num(P0(req)))
		return not_found("person", P0(req), err);
	return cc_skills_export(req->store, c, num(P0(req)), out, err);
}

static int op_consent(struct cc_req *req, const struct cc_scaller *c, const json_t *b,
		      json_t **out, struct cc_error *err)
{
	if (!num(P0(req)))
		return not_found("person", P0(req), err);
	return cc_skills_give_consent(req->store, c, num(P0(req)), b, out, err);
}

static int op_withdraw(struct cc_req *req, const struct cc_scaller *c, const json_t *b,
		       json_t **out, struct cc_error *err)
{
	(void)b;
	if (!num(P0(req)))
		return not_found("person", P0(req), err);
	return cc_skills_withdraw_consent(req->store, c, num(P0(req)), P1(req), out, err);
}

static int op_me(struct cc_req *req, const struct cc_scaller *c, const json_t *b,
		 json_t **out, struct cc_error *err)
{
	(void)b;
	(void)req;
	return cc_skills_me(req->store, c, out, err);
}

int cc_h_skills_erase(struct cc_req *req, struct cc_resp *resp)
{
	return serve(req, resp, false, 200, op_erase);
}

int cc_h_skills_export(struct cc_req *req, struct cc_resp *resp)
{
	int rc = serve(req, resp, false, 200, op_export);

	if (resp->status == 200)
		snprintf(resp->disposition, sizeof(resp->disposition),
			 "attachment; filename=\"person-%s.json\"", P0(req));
	return rc;
}

int cc_h_skills_consent(struct cc_req *req, struct cc_resp *resp)
{
	return serve(req, resp, true, 200, op_consent);
}

int cc_h_skills_withdraw(struct cc_req *req, struct cc_resp *resp)
{
	return serve(req, resp, false, 200, op_withdraw);
}

int cc_h_skills_me(struct cc_req *req, struct cc_resp *resp)
{
	return serve(req, resp, false, 200, op_me);
}
