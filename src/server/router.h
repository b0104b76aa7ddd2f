/*
 * router.h - the route table: method + path pattern -> handler.
 * Patterns are split on '/', "{name}" matches one non-empty segment and is
 * captured into req->params in order. A path that matches a pattern under
 * another method gets 405 with Allow; no match at all gets 404.
 */
#ifndef CC_ROUTER_H
#define CC_ROUTER_H

#include "http.h"
#include "../service/auth.h"

typedef int (*cc_handler)(struct cc_req *req, struct cc_resp *resp);

struct cc_route {
	const char *method;
	const char *pattern;
	cc_handler handler;
	int shared;       /* the same answer for every caller: cacheable */
};

/* Finds the route for req->method and req->path, fills req->params (which
 * point into buf, of size bufsize) and runs it; or fills resp with 404/405. */
int cc_route(struct cc_req *req, struct cc_resp *resp, char *buf, size_t bufsize);

/* ?limit=&offset= over n items: fills [*from, *to); returns 0, or -1
 * after filling resp with a 400. */
int cc__page(struct cc_req *req, struct cc_resp *resp, int n, int *from, int *to);

/* For routes under /campaigns/{c}/assessments/{unit}: 1 when the caller may
 * do action there, else 0 after filling resp with 401 (anonymous) or 403
 * (outside the role or its scope). */
int cc__may(struct cc_req *req, struct cc_resp *resp, enum cc_action action);

/* Where a pre-filled answer came from, as JSON ({"mapping",
 * "from_campaign", "source"}), or null for an answer a person wrote. */
json_t *cc__prefill_json(const struct cc_prefill_mark *m);
/* Every problem of an uploaded workbook or table as JSON: [{"sheet",
 * "row", "column", "message", "text"}] (http_workbook.c). */
struct cc_xlsx_errors;
json_t *cc__xlsx_errors_json(const struct cc_xlsx_errors *errs);

/* An upload as multipart/form-data: one part "file" (at most max bytes)
 * and, when field_name is given, one text field of that name. */
struct cc_upload {
	const char *field_name;
	char field[256];
	size_t flen;
	char filename[256];
	char *file;                /* malloc'd: free it */
	size_t len, max;
	int files, too_big;
};

/* Reads the body into u; 0, or -1 after filling resp (400 for a body that
 * is not such a form, 413 past max, 422 for no file or several). */
int cc__read_upload(struct cc_req *req, struct cc_resp *resp, const char *field_name,
		    size_t max, struct cc_upload *u);

/* A campaign as JSON. */
json_t *cc__campaign_json(const struct cc_campaign_rec *c);

/* The published campaign named by the first path parameter, or NULL after
 * filling resp with 404 (no such campaign) or 409 (not published). */
const struct cc_pub *cc__pub(struct cc_req *req, struct cc_resp *resp);

/* Sends the workbook fill (a libxlsxwriter lxw_workbook *) writes as an
 * attachment named filename; 500 when it cannot be written. */
int cc__send_xlsx(struct cc_resp *resp, int (*fill)(void *wb, void *ctx),
		  void *ctx, const char *filename);

/* A stored file (cc_store_read_file) as the 200 response's body: its
 * descriptor, or its bytes (the response then owns them). */
struct cc_file;
void cc__resp_file(struct cc_resp *resp, struct cc_file *file);

/* Sends the CSV write(f, ctx) writes (0: written) as an attachment named
 * filename; 500 when it cannot be written. */
int cc__send_csv(struct cc_resp *resp, int (*write)(FILE *f, const void *ctx),
		 const void *ctx, const char *filename);

/* The body of a request adding a workshop member ({"email", "name",
 * "organisation"?, "group"}, the strings pointing into it: the caller
 * json_decref's it), or NULL after filling resp (400/422 naming the field). */
struct cc_respondent_new;
json_t *cc__respondent_body(struct cc_req *req, struct cc_resp *resp,
			    struct cc_respondent_new *r);

/* Handlers, one file per resource. */
int cc_h_openapi(struct cc_req *req, struct cc_resp *resp);
int cc_h_frameworks(struct cc_req *req, struct cc_resp *resp);
int cc_h_framework(struct cc_req *req, struct cc_resp *resp);
int cc_h_units(struct cc_req *req, struct cc_resp *resp);
int cc_h_groups(struct cc_req *req, struct cc_resp *resp);
int cc_h_unit_history(struct cc_req *req, struct cc_resp *resp);
int cc_h_campaigns(struct cc_req *req, struct cc_resp *resp);
int cc_h_campaign(struct cc_req *req, struct cc_resp *resp);
int cc_h_results(struct cc_req *req, struct cc_resp *resp);
int cc_h_unit_results(struct cc_req *req, struct cc_resp *resp);
int cc_h_summary(struct cc_req *req, struct cc_resp *resp);
int cc_h_audit(struct cc_req *req, struct cc_resp *resp);
int cc_h_results_csv(struct cc_req *req, struct cc_resp *resp);
int cc_h_results_xlsx(struct cc_req *req, struct cc_resp *resp);
int cc_h_static(struct cc_req *req, struct cc_resp *resp);
int cc_h_robustness(struct cc_req *req, struct cc_resp *resp);
int cc_h_job(struct cc_req *req, struct cc_resp *resp);
int cc_h_login(struct cc_req *req, struct cc_resp *resp);
int cc_h_logout(struct cc_req *req, struct cc_resp *resp);
int cc_h_me(struct cc_req *req, struct cc_resp *resp);
int cc_h_assessment(struct cc_req *req, struct cc_resp *resp);
int cc_h_put_answer(struct cc_req *req, struct cc_resp *resp);
int cc_h_submit(struct cc_req *req, struct cc_resp *resp);
int cc_h_return(struct cc_req *req, struct cc_resp *resp);
int cc_h_validate(struct cc_req *req, struct cc_resp *resp);
int cc_h_review(struct cc_req *req, struct cc_resp *resp);
int cc_h_add_evidence(struct cc_req *req, struct cc_resp *resp);
int cc_h_get_evidence(struct cc_req *req, struct cc_resp *resp);
int cc_h_history(struct cc_req *req, struct cc_resp *resp);
int cc_h_create_campaign(struct cc_req *req, struct cc_resp *resp);
int cc_h_set_status(struct cc_req *req, struct cc_resp *resp);
int cc_h_workbook_get(struct cc_req *req, struct cc_resp *resp);
int cc_h_workbook_put(struct cc_req *req, struct cc_resp *resp);
int cc_h_set_password(struct cc_req *req, struct cc_resp *resp);
int cc_h_respondents_add(struct cc_req *req, struct cc_resp *resp);
int cc_h_respondents_list(struct cc_req *req, struct cc_resp *resp);
int cc_h_respondent_get(struct cc_req *req, struct cc_resp *resp);
int cc_h_respondent_delete(struct cc_req *req, struct cc_resp *resp);
int cc_h_respondent_answer(struct cc_req *req, struct cc_resp *resp);
int cc_h_responses(struct cc_req *req, struct cc_resp *resp);
int cc_h_responses_xlsx(struct cc_req *req, struct cc_resp *resp);
int cc_h_unit_targets(struct cc_req *req, struct cc_resp *resp);
int cc_h_trends(struct cc_req *req, struct cc_resp *resp);
int cc_h_trends_csv(struct cc_req *req, struct cc_resp *resp);
int cc_h_trends_xlsx(struct cc_req *req, struct cc_resp *resp);
/* The body of GET /trends, or NULL after filling resp with the error. */
json_t *cc__trends_json(struct cc_req *req, struct cc_resp *resp);
int cc_h_trend_movers(struct cc_req *req, struct cc_resp *resp);
int cc_h_unit_targets_csv(struct cc_req *req, struct cc_resp *resp);
int cc_h_unit_targets_xlsx(struct cc_req *req, struct cc_resp *resp);
int cc_h_assessment_targets(struct cc_req *req, struct cc_resp *resp);
int cc_h_mappings(struct cc_req *req, struct cc_resp *resp);
int cc_h_mapping(struct cc_req *req, struct cc_resp *resp);
int cc_h_prefill(struct cc_req *req, struct cc_resp *resp);
int cc_h_prefill_options(struct cc_req *req, struct cc_resp *resp);
int cc_h_confirm(struct cc_req *req, struct cc_resp *resp);
int cc_h_csirt_services(struct cc_req *req, struct cc_resp *resp);
int cc_h_plan_templates(struct cc_req *req, struct cc_resp *resp);
int cc_h_plans(struct cc_req *req, struct cc_resp *resp);
int cc_h_plan_create(struct cc_req *req, struct cc_resp *resp);
int cc_h_plan(struct cc_req *req, struct cc_resp *resp);
int cc_h_plan_patch(struct cc_req *req, struct cc_resp *resp);
int cc_h_plan_delete(struct cc_req *req, struct cc_resp *resp);
int cc_h_objective_add(struct cc_req *req, struct cc_resp *resp);
int cc_h_objective_patch(struct cc_req *req, struct cc_resp *resp);
int cc_h_objective_delete(struct cc_req *req, struct cc_resp *resp);
int cc_h_action_add(struct cc_req *req, struct cc_resp *resp);
int cc_h_action(struct cc_req *req, struct cc_resp *resp);
int cc_h_action_patch(struct cc_req *req, struct cc_resp *resp);
int cc_h_action_delete(struct cc_req *req, struct cc_resp *resp);
int cc_h_plan_draft(struct cc_req *req, struct cc_resp *resp);
int cc_h_plan_monitoring(struct cc_req *req, struct cc_resp *resp);
int cc_h_plan_report(struct cc_req *req, struct cc_resp *resp);
int cc_h_plan_report_csv(struct cc_req *req, struct cc_resp *resp);
int cc_h_plan_report_xlsx(struct cc_req *req, struct cc_resp *resp);
int cc_h_plan_services(struct cc_req *req, struct cc_resp *resp);
int cc_h_plan_services_put(struct cc_req *req, struct cc_resp *resp);
int cc_h_plan_history(struct cc_req *req, struct cc_resp *resp);

/* Plans (http_plans.c, shared with http_plan_reports.c): the plan named
 * by the first path parameter, loaded into pl after the caller's right
 * to read it (write: to change it) is checked; 1 when it may go on, else
 * 0 after filling resp (401, 403, 404). */
struct cc_plan;
int cc__plan_open(struct cc_req *req, struct cc_resp *resp, bool write, struct cc_plan *pl);
/* An id in a path: digits only, 1 .. 10^15; else 0. */
long long cc__path_id(const char *s);
/* The monitoring of pl as the query asks (?weight=equal|budget, ?at=)
 * into m; -1 after filling resp (400, 500). */
struct cc_plan_monitor;
int cc__plan_monitor_req(struct cc_req *req, struct cc_resp *resp, const struct cc_plan *pl,
			 struct cc_plan_monitor *m);
/* Answers status with the loaded plan pl (action 0) or with that action
 * of it (404 when it has none), as the query asks; frees pl. */
int cc__plan_send(struct cc_req *req, struct cc_resp *resp, int status, struct cc_plan *pl,
		  long long action);
/* The same after loading the plan of the path again. */
int cc__plan_answer(struct cc_req *req, struct cc_resp *resp, int status, long long action);
/* Runs a write of the service under the store lock, after checking that
 * the caller may change the plan (and reading the body when needed);
 * 0 when it succeeded, else -1 after filling resp. */
typedef int (*cc__plan_write_fn)(struct cc_req *req, const json_t *body, long long id,
				 long long *out, struct cc_error *err);
int cc__plan_write(struct cc_req *req, struct cc_resp *resp, bool body_needed,
		   cc__plan_write_fn fn, long long id, long long *out);
/* Drops "created_by" (who made a plan or an action: an email) from j
 * when the caller may not change the plans of unit: public readers see
 * no names. */
void cc__plan_scrub(struct cc_req *req, const char *unit, json_t *j);
/* The day the figures are for: ?at=YYYY-MM-DD, else today (UTC); -1
 * after filling resp with 400. */
int cc__plan_today(struct cc_req *req, struct cc_resp *resp, int *today);
int cc_h_scenarios(struct cc_req *req, struct cc_resp *resp);
int cc_h_add_scenario(struct cc_req *req, struct cc_resp *resp);
int cc_h_scenario(struct cc_req *req, struct cc_resp *resp);
int cc_h_drill_attach(struct cc_req *req, struct cc_resp *resp);
int cc_h_drill_attachment(struct cc_req *req, struct cc_resp *resp);
int cc_h_scenario_msel_post(struct cc_req *req, struct cc_resp *resp);
int cc_h_scenario_msel_csv(struct cc_req *req, struct cc_resp *resp);
int cc_h_scenario_msel_xlsx(struct cc_req *req, struct cc_resp *resp);
int cc_h_drills(struct cc_req *req, struct cc_resp *resp);
int cc_h_create_drill(struct cc_req *req, struct cc_resp *resp);
int cc_h_drill(struct cc_req *req, struct cc_resp *resp);
int cc_h_drill_status(struct cc_req *req, struct cc_resp *resp);
int cc_h_drill_timeline(struct cc_req *req, struct cc_resp *resp);
int cc_h_drill_events(struct cc_req *req, struct cc_resp *resp);
int cc_h_drill_adhoc(struct cc_req *req, struct cc_resp *resp);
int cc_h_drill_deliver(struct cc_req *req, struct cc_resp *resp);
int cc_h_drill_skip(struct cc_req *req, struct cc_resp *resp);
int cc_h_drill_respond(struct cc_req *req, struct cc_resp *resp);
int cc_h_drill_expect(struct cc_req *req, struct cc_resp *resp);
int cc_h_drill_responses(struct cc_req *req, struct cc_resp *resp);
int cc_h_drill_commcheck(struct cc_req *req, struct cc_resp *resp);
int cc_h_drill_evaluations(struct cc_req *req, struct cc_resp *resp);
int cc_h_drill_evaluate(struct cc_req *req, struct cc_resp *resp);
int cc_h_drill_feedback_get(struct cc_req *req, struct cc_resp *resp);
int cc_h_drill_feedback(struct cc_req *req, struct cc_resp *resp);
int cc_h_drill_improvements(struct cc_req *req, struct cc_resp *resp);
int cc_h_drill_improve(struct cc_req *req, struct cc_resp *resp);
int cc_h_drill_report(struct cc_req *req, struct cc_resp *resp);
int cc_h_drill_report_csv(struct cc_req *req, struct cc_resp *resp);
int cc_h_drill_report_xlsx(struct cc_req *req, struct cc_resp *resp);
/* Technical challenges (http_challenges.c). */
/* Skills programmes (http_skills.c). */
int cc_h_skills_programme_add(struct cc_req *req, struct cc_resp *resp);
int cc_h_skills_programme(struct cc_req *req, struct cc_resp *resp);
int cc_h_skills_edition_add(struct cc_req *req, struct cc_resp *resp);
int cc_h_skills_track_add(struct cc_req *req, struct cc_resp *resp);
int cc_h_skills_cohort_add(struct cc_req *req, struct cc_resp *resp);
int cc_h_skills_survey_set(struct cc_req *req, struct cc_resp *resp);
int cc_h_skills_knowledge_set(struct cc_req *req, struct cc_resp *resp);
int cc_h_skills_dashboard(struct cc_req *req, struct cc_resp *resp);
int cc_h_skills_cohort(struct cc_req *req, struct cc_resp *resp);
int cc_h_skills_enrol(struct cc_req *req, struct cc_resp *resp);
int cc_h_skills_session_add(struct cc_req *req, struct cc_resp *resp);
int cc_h_skills_match(struct cc_req *req, struct cc_resp *resp);
int cc_h_skills_pair_add(struct cc_req *req, struct cc_resp *resp);
int cc_h_skills_attendance(struct cc_req *req, struct cc_resp *resp);
int cc_h_skills_progress(struct cc_req *req, struct cc_resp *resp);
int cc_h_skills_enrolment(struct cc_req *req, struct cc_resp *resp);
int cc_h_skills_move(struct cc_req *req, struct cc_resp *resp);
int cc_h_skills_answer(struct cc_req *req, struct cc_resp *resp);
int cc_h_skills_outcome(struct cc_req *req, struct cc_resp *resp);
int cc_h_skills_workbook_get(struct cc_req *req, struct cc_resp *resp);
int cc_h_skills_workbook_put(struct cc_req *req, struct cc_resp *resp);
int cc_h_skills_pair_move(struct cc_req *req, struct cc_resp *resp);
int cc_h_skills_dashboard_csv(struct cc_req *req, struct cc_resp *resp);
int cc_h_skills_dashboard_xlsx(struct cc_req *req, struct cc_resp *resp);
int cc_h_skills_meetings(struct cc_req *req, struct cc_resp *resp);
int cc_h_skills_meeting_add(struct cc_req *req, struct cc_resp *resp);
int cc_h_skills_goals(struct cc_req *req, struct cc_resp *resp);
int cc_h_skills_goal_add(struct cc_req *req, struct cc_resp *resp);
int cc_h_skills_goal_set(struct cc_req *req, struct cc_resp *resp);
int cc_h_skills_erase(struct cc_req *req, struct cc_resp *resp);
int cc_h_skills_export(struct cc_req *req, struct cc_resp *resp);
int cc_h_skills_consent(struct cc_req *req, struct cc_resp *resp);
int cc_h_skills_withdraw(struct cc_req *req, struct cc_resp *resp);
int cc_h_skills_me(struct cc_req *req, struct cc_resp *resp);
int cc_h_challenges(struct cc_req *req, struct cc_resp *resp);
int cc_h_challenge_add(struct cc_req *req, struct cc_resp *resp);
int cc_h_challenge_patch(struct cc_req *req, struct cc_resp *resp);
int cc_h_challenge_attempt(struct cc_req *req, struct cc_resp *resp);
int cc_h_challenge_unlock(struct cc_req *req, struct cc_resp *resp);
int cc_h_challenge_file(struct cc_req *req, struct cc_resp *resp);
int cc_h_scoreboard(struct cc_req *req, struct cc_resp *resp);
int cc_h_scoreboard_series(struct cc_req *req, struct cc_resp *resp);
int cc_h_awards(struct cc_req *req, struct cc_resp *resp);
int cc_h_award(struct cc_req *req, struct cc_resp *resp);
int cc_h_submissions(struct cc_req *req, struct cc_resp *resp);
int cc_h_board_settings(struct cc_req *req, struct cc_resp *resp);

/* Risk assessments (http_risks.c, http_risk_views.c, http_risk_workshop.c). */
int cc_h_taxonomies(struct cc_req *req, struct cc_resp *resp);
/* http_texts.c: a bundled list's JSON o in the reader's language
 * (data/i18n), with lang, languages and untranslated; *ok false after a
 * 400 in resp. */
void cc__texts_taxonomies(struct cc_req *req, struct cc_resp *resp, json_t *o, bool *ok);
void cc__texts_themes(struct cc_req *req, struct cc_resp *resp, json_t *o, bool *ok);
void cc__texts_csirt_services(struct cc_req *req, struct cc_resp *resp, json_t *o, bool *ok);
void cc__texts_plan_templates(struct cc_req *req, struct cc_resp *resp, json_t *o, bool *ok);
int cc_h_matrices(struct cc_req *req, struct cc_resp *resp);
int cc_h_matrix(struct cc_req *req, struct cc_resp *resp);
int cc_h_risk_assessments(struct cc_req *req, struct cc_resp *resp);
int cc_h_risk_assessment_create(struct cc_req *req, struct cc_resp *resp);
int cc_h_risk_assessment(struct cc_req *req, struct cc_resp *resp);
int cc_h_risk_assessment_patch(struct cc_req *req, struct cc_resp *resp);
int cc_h_risk_public(struct cc_req *req, struct cc_resp *resp);
int cc_h_risks(struct cc_req *req, struct cc_resp *resp);
int cc_h_risk_create(struct cc_req *req, struct cc_resp *resp);
int cc_h_risk(struct cc_req *req, struct cc_resp *resp);
int cc_h_risk_patch(struct cc_req *req, struct cc_resp *resp);
int cc_h_risk_delete(struct cc_req *req, struct cc_resp *resp);
int cc_h_risk_rating(struct cc_req *req, struct cc_resp *resp);
int cc_h_risk_treat(struct cc_req *req, struct cc_resp *resp);
int cc_h_risk_heatmap(struct cc_req *req, struct cc_resp *resp);
int cc_h_risk_review_due(struct cc_req *req, struct cc_resp *resp);
int cc_h_risk_gain(struct cc_req *req, struct cc_resp *resp);
int cc_h_risk_sectors(struct cc_req *req, struct cc_resp *resp);
int cc_h_risk_register_csv(struct cc_req *req, struct cc_resp *resp);
int cc_h_risk_register_xlsx(struct cc_req *req, struct cc_resp *resp);
int cc_h_risk_register_post(struct cc_req *req, struct cc_resp *resp);
int cc_h_participants(struct cc_req *req, struct cc_resp *resp);
int cc_h_participants_add(struct cc_req *req, struct cc_resp *resp);
int cc_h_participant(struct cc_req *req, struct cc_resp *resp);
int cc_h_participant_delete(struct cc_req *req, struct cc_resp *resp);
int cc_h_participant_rate(struct cc_req *req, struct cc_resp *resp);
int cc_h_risk_workshop(struct cc_req *req, struct cc_resp *resp);

/* Partnerships (http_partners.c, http_partners_deals.c). */
int cc_h_partners_me(struct cc_req *req, struct cc_resp *resp);
int cc_h_partner_themes(struct cc_req *req, struct cc_resp *resp);
int cc_h_partnership_member(struct cc_req *req, struct cc_resp *resp);
int cc_h_partners_report(struct cc_req *req, struct cc_resp *resp);
int cc_h_partners_report_csv(struct cc_req *req, struct cc_resp *resp);
int cc_h_partners_report_xlsx(struct cc_req *req, struct cc_resp *resp);
int cc_h_partners_iati(struct cc_req *req, struct cc_resp *resp);
int cc_h_organisations(struct cc_req *req, struct cc_resp *resp);
int cc_h_organisation_create(struct cc_req *req, struct cc_resp *resp);
int cc_h_requests(struct cc_req *req, struct cc_resp *resp);
int cc_h_request_create(struct cc_req *req, struct cc_resp *resp);
int cc_h_request_draft(struct cc_req *req, struct cc_resp *resp);
int cc_h_request(struct cc_req *req, struct cc_resp *resp);
int cc_h_request_matches(struct cc_req *req, struct cc_resp *resp);
int cc_h_offers(struct cc_req *req, struct cc_resp *resp);
int cc_h_offer_create(struct cc_req *req, struct cc_resp *resp);
int cc_h_matches(struct cc_req *req, struct cc_resp *resp);
int cc_h_match_patch(struct cc_req *req, struct cc_resp *resp);
int cc_h_pledges(struct cc_req *req, struct cc_resp *resp);
int cc_h_pledge_create(struct cc_req *req, struct cc_resp *resp);
int cc_h_pledge(struct cc_req *req, struct cc_resp *resp);
int cc_h_pledge_patch(struct cc_req *req, struct cc_resp *resp);
int cc_h_pledge_delivery(struct cc_req *req, struct cc_resp *resp);

#endif
