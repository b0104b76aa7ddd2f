/*
 * router.c - matching paths against the route table (see router.h).
 */
#include "router.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

static const struct cc_route routes[] = {
	{"GET", "/api/v1/openapi.json", cc_h_openapi, 1},
	{"GET", "/api/v1/frameworks", cc_h_frameworks, 1},
	{"GET", "/api/v1/frameworks/{id}", cc_h_framework, 1},
	{"GET", "/api/v1/units", cc_h_units, 1},
	{"GET", "/api/v1/units/{unit}/history", cc_h_unit_history, 1},
	{"GET", "/api/v1/groups", cc_h_groups, 1},
	{"GET", "/api/v1/trends", cc_h_trends, 1},
	{"GET", "/api/v1/trends.csv", cc_h_trends_csv, 1},
	{"GET", "/api/v1/trends.xlsx", cc_h_trends_xlsx, 1},
	{"GET", "/api/v1/trends/movers", cc_h_trend_movers, 1},
	{"GET", "/api/v1/mappings", cc_h_mappings, 1},
	{"GET", "/api/v1/mappings/{id}", cc_h_mapping, 1},
	{"GET", "/api/v1/campaigns", cc_h_campaigns, 1},
	{"GET", "/api/v1/campaigns/{id}", cc_h_campaign, 1},
	{"GET", "/api/v1/campaigns/{id}/results", cc_h_results, 1},
	{"GET", "/api/v1/campaigns/{id}/results.csv", cc_h_results_csv, 1},
	{"GET", "/api/v1/campaigns/{id}/results.xlsx", cc_h_results_xlsx, 1},
	{"GET", "/api/v1/campaigns/{id}/results/{unit}", cc_h_unit_results, 1},
	{"GET", "/api/v1/campaigns/{id}/results/{unit}/targets", cc_h_unit_targets, 1},
	{"GET", "/api/v1/campaigns/{id}/results/{unit}/targets.csv", cc_h_unit_targets_csv, 1},
	{"GET", "/api/v1/campaigns/{id}/results/{unit}/targets.xlsx", cc_h_unit_targets_xlsx, 1},
	{"GET", "/api/v1/campaigns/{id}/summary", cc_h_summary, 1},
	{"GET", "/api/v1/campaigns/{id}/audit", cc_h_audit, 1},
	{"POST", "/api/v1/campaigns/{id}/robustness", cc_h_robustness, 0},
	{"GET", "/api/v1/jobs/{id}", cc_h_job, 0},
	{"POST", "/api/v1/session", cc_h_login, 0},
	{"DELETE", "/api/v1/session", cc_h_logout, 0},
	{"GET", "/api/v1/me", cc_h_me, 0},
	{"POST", "/api/v1/campaigns", cc_h_create_campaign, 0},
	{"POST", "/api/v1/campaigns/{id}/status", cc_h_set_status, 0},
	{"GET", "/api/v1/campaigns/{id}/assessments/{unit}", cc_h_assessment, 0},
	{"PUT", "/api/v1/campaigns/{id}/assessments/{unit}/answers/{q}", cc_h_put_answer, 0},
	{"GET", "/api/v1/campaigns/{id}/assessments/{unit}/answers/{q}/history", cc_h_history, 0},
	{"POST", "/api/v1/campaigns/{id}/assessments/{unit}/answers/{q}/confirm", cc_h_confirm, 0},
	{"GET", "/api/v1/campaigns/{id}/assessments/{unit}/prefill", cc_h_prefill_options, 0},
	{"POST", "/api/v1/campaigns/{id}/assessments/{unit}/prefill", cc_h_prefill, 0},
	{"POST", "/api/v1/campaigns/{id}/assessments/{unit}/evidence", cc_h_add_evidence, 0},
	{"GET", "/api/v1/campaigns/{id}/assessments/{unit}/evidence/{e}", cc_h_get_evidence, 0},
	{"POST", "/api/v1/campaigns/{id}/assessments/{unit}/submit", cc_h_submit, 0},
	{"POST", "/api/v1/campaigns/{id}/assessments/{unit}/return", cc_h_return, 0},
	{"POST", "/api/v1/campaigns/{id}/assessments/{unit}/validate", cc_h_validate, 0},
	{"POST", "/api/v1/campaigns/{id}/assessments/{unit}/reviews", cc_h_review, 0},
	{"GET", "/api/v1/campaigns/{id}/assessments/{unit}/questionnaire.xlsx", cc_h_workbook_get, 0},
	{"GET", "/api/v1/campaigns/{id}/assessments/{unit}/targets", cc_h_assessment_targets, 0},
	{"PUT", "/api/v1/campaigns/{id}/assessments/{unit}/questionnaire.xlsx", cc_h_workbook_put, 0},
	{"POST", "/api/v1/password", cc_h_set_password, 0},
	{"POST", "/api/v1/campaigns/{id}/assessments/{unit}/respondents", cc_h_respondents_add, 0},
	{"GET", "/api/v1/campaigns/{id}/assessments/{unit}/respondents", cc_h_respondents_list, 0},
	{"GET", "/api/v1/campaigns/{id}/assessments/{unit}/respondents/{r}", cc_h_respondent_get, 0},
	{"DELETE", "/api/v1/campaigns/{id}/assessments/{unit}/respondents/{r}", cc_h_respondent_delete, 0},
	{"PUT", "/api/v1/campaigns/{id}/assessments/{unit}/respondents/{r}/answers/{q}", cc_h_respondent_answer, 0},
	{"GET", "/api/v1/campaigns/{id}/assessments/{unit}/responses", cc_h_responses, 0},
	{"GET", "/api/v1/campaigns/{id}/assessments/{unit}/responses.xlsx", cc_h_responses_xlsx, 0},
	{"GET", "/api/v1/csirt-services", cc_h_csirt_services, 1},
	{"GET", "/api/v1/plan-templates", cc_h_plan_templates, 1},
	{"GET", "/api/v1/plans", cc_h_plans, 0},
	{"POST", "/api/v1/plans", cc_h_plan_create, 0},
	{"GET", "/api/v1/plans/{p}", cc_h_plan, 0},
	{"PATCH", "/api/v1/plans/{p}", cc_h_plan_patch, 0},
	{"DELETE", "/api/v1/plans/{p}", cc_h_plan_delete, 0},
	{"POST", "/api/v1/plans/{p}/objectives", cc_h_objective_add, 0},
	{"PATCH", "/api/v1/plans/{p}/objectives/{o}", cc_h_objective_patch, 0},
	{"DELETE", "/api/v1/plans/{p}/objectives/{o}", cc_h_objective_delete, 0},
	{"POST", "/api/v1/plans/{p}/actions", cc_h_action_add, 0},
	{"GET", "/api/v1/plans/{p}/actions/{a}", cc_h_action, 0},
	{"PATCH", "/api/v1/plans/{p}/actions/{a}", cc_h_action_patch, 0},
	{"DELETE", "/api/v1/plans/{p}/actions/{a}", cc_h_action_delete, 0},
	{"POST", "/api/v1/plans/{p}/draft", cc_h_plan_draft, 0},
	{"GET", "/api/v1/plans/{p}/monitoring", cc_h_plan_monitoring, 0},
	{"GET", "/api/v1/plans/{p}/report", cc_h_plan_report, 0},
	{"GET", "/api/v1/plans/{p}/report.csv", cc_h_plan_report_csv, 0},
	{"GET", "/api/v1/plans/{p}/report.xlsx", cc_h_plan_report_xlsx, 0},
	{"GET", "/api/v1/plans/{p}/services", cc_h_plan_services, 0},
	{"PUT", "/api/v1/plans/{p}/services", cc_h_plan_services_put, 0},
	{"GET", "/api/v1/plans/{p}/history", cc_h_plan_history, 0},
	{"GET", "/api/v1/scenarios", cc_h_scenarios, 0},
	{"POST", "/api/v1/scenarios", cc_h_add_scenario, 0},
	{"GET", "/api/v1/scenarios/{id}", cc_h_scenario, 0},
	{"POST", "/api/v1/scenarios/{id}/msel", cc_h_scenario_msel_post, 0},
	{"GET", "/api/v1/scenarios/{id}/msel.csv", cc_h_scenario_msel_csv, 0},
	{"GET", "/api/v1/scenarios/{id}/msel.xlsx", cc_h_scenario_msel_xlsx, 0},
	{"GET", "/api/v1/drills", cc_h_drills, 0},
	{"POST", "/api/v1/drills", cc_h_create_drill, 0},
	{"GET", "/api/v1/drills/{d}", cc_h_drill, 0},
	{"POST", "/api/v1/drills/{d}/status", cc_h_drill_status, 0},
	{"GET", "/api/v1/drills/{d}/timeline", cc_h_drill_timeline, 0},
	{"GET", "/api/v1/drills/{d}/events", cc_h_drill_events, 0},
	{"POST", "/api/v1/drills/{d}/injects", cc_h_drill_adhoc, 0},
	{"POST", "/api/v1/drills/{d}/injects/{i}/deliver", cc_h_drill_deliver, 0},
	{"POST", "/api/v1/drills/{d}/injects/{i}/skip", cc_h_drill_skip, 0},
	{"POST", "/api/v1/drills/{d}/injects/{i}/responses", cc_h_drill_respond, 0},
	{"POST", "/api/v1/drills/{d}/injects/{i}/expects", cc_h_drill_expect, 0},
	{"GET", "/api/v1/drills/{d}/responses", cc_h_drill_responses, 0},
	{"POST", "/api/v1/drills/{d}/responses/{r}/attachments", cc_h_drill_attach, 0},
	{"GET", "/api/v1/drills/{d}/responses/{r}/attachments/{a}", cc_h_drill_attachment, 0},
	{"POST", "/api/v1/drills/{d}/commcheck", cc_h_drill_commcheck, 0},
	{"GET", "/api/v1/drills/{d}/evaluations", cc_h_drill_evaluations, 0},
	{"POST", "/api/v1/drills/{d}/evaluations", cc_h_drill_evaluate, 0},
	{"GET", "/api/v1/drills/{d}/feedback", cc_h_drill_feedback_get, 0},
	{"POST", "/api/v1/drills/{d}/feedback", cc_h_drill_feedback, 0},
	{"GET", "/api/v1/drills/{d}/improvements", cc_h_drill_improvements, 0},
	{"POST", "/api/v1/drills/{d}/improvements", cc_h_drill_improve, 0},
	{"GET", "/api/v1/drills/{d}/report", cc_h_drill_report, 0},
	{"GET", "/api/v1/drills/{d}/report.csv", cc_h_drill_report_csv, 0},
	{"GET", "/api/v1/drills/{d}/report.xlsx", cc_h_drill_report_xlsx, 0},
	{"POST", "/api/v1/programmes", cc_h_skills_programme_add, 0},
	{"GET", "/api/v1/programmes/{p}", cc_h_skills_programme, 0},
	{"POST", "/api/v1/programmes/{p}/editions", cc_h_skills_edition_add, 0},
	{"POST", "/api/v1/programmes/{p}/tracks", cc_h_skills_track_add, 0},
	{"POST", "/api/v1/programmes/{p}/cohorts", cc_h_skills_cohort_add, 0},
	{"POST", "/api/v1/programmes/{p}/surveys", cc_h_skills_survey_set, 0},
	{"PUT", "/api/v1/programmes/{p}/knowledge-checks", cc_h_skills_knowledge_set, 0},
	{"GET", "/api/v1/programmes/{p}/dashboard", cc_h_skills_dashboard, 0},
	{"GET", "/api/v1/programmes/{p}/dashboard.csv", cc_h_skills_dashboard_csv, 0},
	{"GET", "/api/v1/programmes/{p}/dashboard.xlsx", cc_h_skills_dashboard_xlsx, 0},
	{"GET", "/api/v1/cohorts/{c}", cc_h_skills_cohort, 0},
	{"POST", "/api/v1/cohorts/{c}/enrolments", cc_h_skills_enrol, 0},
	{"POST", "/api/v1/cohorts/{c}/sessions", cc_h_skills_session_add, 0},
	{"POST", "/api/v1/cohorts/{c}/progress", cc_h_skills_progress, 0},
	{"POST", "/api/v1/cohorts/{c}/mentoring/match", cc_h_skills_match, 0},
	{"POST", "/api/v1/cohorts/{c}/mentoring/pairs", cc_h_skills_pair_add, 0},
	{"POST", "/api/v1/sessions/{s}/attendance", cc_h_skills_attendance, 0},
	{"GET", "/api/v1/enrolments/{e}", cc_h_skills_enrolment, 0},
	{"PATCH", "/api/v1/enrolments/{e}", cc_h_skills_move, 0},
	{"POST", "/api/v1/enrolments/{e}/answers", cc_h_skills_answer, 0},
	{"POST", "/api/v1/enrolments/{e}/outcomes", cc_h_skills_outcome, 0},
	{"GET", "/api/v1/enrolments/{e}/surveys/{kind}/questionnaire.xlsx", cc_h_skills_workbook_get, 0},
	{"PUT", "/api/v1/enrolments/{e}/surveys/{kind}/questionnaire.xlsx", cc_h_skills_workbook_put, 0},
	{"PATCH", "/api/v1/pairs/{p}", cc_h_skills_pair_move, 0},
	{"GET", "/api/v1/pairs/{p}/meetings", cc_h_skills_meetings, 0},
	{"POST", "/api/v1/pairs/{p}/meetings", cc_h_skills_meeting_add, 0},
	{"GET", "/api/v1/pairs/{p}/goals", cc_h_skills_goals, 0},
	{"POST", "/api/v1/pairs/{p}/goals", cc_h_skills_goal_add, 0},
	{"PATCH", "/api/v1/pairs/{p}/goals/{g}", cc_h_skills_goal_set, 0},
	{"DELETE", "/api/v1/people/{id}", cc_h_skills_erase, 0},
	{"GET", "/api/v1/people/{id}/export", cc_h_skills_export, 0},
	{"POST", "/api/v1/people/{id}/consents", cc_h_skills_consent, 0},
	{"DELETE", "/api/v1/people/{id}/consents/{purpose}", cc_h_skills_withdraw, 0},
	{"GET", "/api/v1/skills/me", cc_h_skills_me, 0},
	{"GET", "/api/v1/drills/{d}/challenges", cc_h_challenges, 0},
	{"POST", "/api/v1/drills/{d}/challenges", cc_h_challenge_add, 0},
	{"PATCH", "/api/v1/drills/{d}/challenges/{c}", cc_h_challenge_patch, 0},
	{"POST", "/api/v1/drills/{d}/challenges/{c}/attempts", cc_h_challenge_attempt, 0},
	{"POST", "/api/v1/drills/{d}/challenges/{c}/hints/{h}/unlock", cc_h_challenge_unlock, 0},
	{"GET", "/api/v1/drills/{d}/challenges/{c}/files/{name}", cc_h_challenge_file, 0},
	{"GET", "/api/v1/drills/{d}/scoreboard", cc_h_scoreboard, 0},
	{"GET", "/api/v1/drills/{d}/scoreboard/series", cc_h_scoreboard_series, 0},
	{"GET", "/api/v1/drills/{d}/awards", cc_h_awards, 0},
	{"POST", "/api/v1/drills/{d}/awards", cc_h_award, 0},
	{"GET", "/api/v1/drills/{d}/submissions", cc_h_submissions, 0},
	{"PUT", "/api/v1/drills/{d}/board-settings", cc_h_board_settings, 0},
	{"GET", "/api/v1/taxonomies", cc_h_taxonomies, 1},
	{"GET", "/api/v1/matrices", cc_h_matrices, 1},
	{"GET", "/api/v1/matrices/{id}", cc_h_matrix, 1},
	{"GET", "/api/v1/risk-assessments", cc_h_risk_assessments, 0},
	{"POST", "/api/v1/risk-assessments", cc_h_risk_assessment_create, 0},
	{"GET", "/api/v1/risk-assessments/{a}", cc_h_risk_assessment, 0},
	{"PATCH", "/api/v1/risk-assessments/{a}", cc_h_risk_assessment_patch, 0},
	{"GET", "/api/v1/risk-assessments/{a}/public", cc_h_risk_public, 0},
	{"GET", "/api/v1/risk-assessments/{a}/risks", cc_h_risks, 0},
	{"POST", "/api/v1/risk-assessments/{a}/risks", cc_h_risk_create, 0},
	{"GET", "/api/v1/risk-assessments/{a}/risks/{r}", cc_h_risk, 0},
	{"PATCH", "/api/v1/risk-assessments/{a}/risks/{r}", cc_h_risk_patch, 0},
	{"DELETE", "/api/v1/risk-assessments/{a}/risks/{r}", cc_h_risk_delete, 0},
	{"PUT", "/api/v1/risk-assessments/{a}/risks/{r}/ratings/{phase}", cc_h_risk_rating, 0},
	{"POST", "/api/v1/risk-assessments/{a}/risks/{r}/treatments", cc_h_risk_treat, 0},
	{"GET", "/api/v1/risk-assessments/{a}/heatmap", cc_h_risk_heatmap, 0},
	{"GET", "/api/v1/risk-assessments/{a}/review-due", cc_h_risk_review_due, 0},
	{"GET", "/api/v1/risk-assessments/{a}/treatment-gain", cc_h_risk_gain, 0},
	{"GET", "/api/v1/risk-assessments/{a}/sectors", cc_h_risk_sectors, 0},
	{"GET", "/api/v1/risk-assessments/{a}/register.csv", cc_h_risk_register_csv, 0},
	{"GET", "/api/v1/risk-assessments/{a}/register.xlsx", cc_h_risk_register_xlsx, 0},
	{"POST", "/api/v1/risk-assessments/{a}/register", cc_h_risk_register_post, 0},
	{"GET", "/api/v1/risk-assessments/{a}/participants", cc_h_participants, 0},
	{"POST", "/api/v1/risk-assessments/{a}/participants", cc_h_participants_add, 0},
	{"GET", "/api/v1/risk-assessments/{a}/participants/{p}", cc_h_participant, 0},
	{"DELETE", "/api/v1/risk-assessments/{a}/participants/{p}", cc_h_participant_delete, 0},
	{"PUT", "/api/v1/risk-assessments/{a}/participants/{p}/ratings/{r}", cc_h_participant_rate, 0},
	{"GET", "/api/v1/risk-assessments/{a}/workshop", cc_h_risk_workshop, 0},
	{"GET", "/api/v1/partnerships/me", cc_h_partners_me, 0},
	{"GET", "/api/v1/partnerships/themes", cc_h_partner_themes, 1},
	{"POST", "/api/v1/partnerships/members", cc_h_partnership_member, 0},
	{"GET", "/api/v1/partnerships/report", cc_h_partners_report, 0},
	{"GET", "/api/v1/partnerships/report.csv", cc_h_partners_report_csv, 0},
	{"GET", "/api/v1/partnerships/report.xlsx", cc_h_partners_report_xlsx, 0},
	{"GET", "/api/v1/partnerships/pledges.iati.xml", cc_h_partners_iati, 0},
	{"GET", "/api/v1/organisations", cc_h_organisations, 0},
	{"POST", "/api/v1/organisations", cc_h_organisation_create, 0},
	{"GET", "/api/v1/requests", cc_h_requests, 0},
	{"POST", "/api/v1/requests", cc_h_request_create, 0},
	{"POST", "/api/v1/requests/draft", cc_h_request_draft, 0},
	{"GET", "/api/v1/requests/{r}", cc_h_request, 0},
	{"POST", "/api/v1/requests/{r}/matches", cc_h_request_matches, 0},
	{"GET", "/api/v1/offers", cc_h_offers, 0},
	{"POST", "/api/v1/offers", cc_h_offer_create, 0},
	{"GET", "/api/v1/matches", cc_h_matches, 0},
	{"PATCH", "/api/v1/matches/{m}", cc_h_match_patch, 0},
	{"GET", "/api/v1/pledges", cc_h_pledges, 0},
	{"POST", "/api/v1/pledges", cc_h_pledge_create, 0},
	{"GET", "/api/v1/pledges/{p}", cc_h_pledge, 0},
	{"PATCH", "/api/v1/pledges/{p}", cc_h_pledge_patch, 0},
	{"POST", "/api/v1/pledges/{p}/deliveries", cc_h_pledge_delivery, 0},
};

/* Matches path against pattern; captures {name} segments. */
static int match(const char *pattern, const char *path, const char **params,
		 int *nparams, char *buf, size_t bufsize)
{
	size_t used = 0;

	*nparams = 0;
	while (*pattern && *path) {
		const char *pe = strchr(pattern + 1, '/'), *se = strchr(path + 1, '/');
		size_t plen = pe ? (size_t)(pe - pattern) : strlen(pattern);
		size_t slen = se ? (size_t)(se - path) : strlen(path);

		if (*pattern != '/' || *path != '/')
			return 0;
		if (pattern[1] == '{') {
			if (slen < 2 || used + slen > bufsize || *nparams == CC_HTTP_MAX_PARAMS)
				return 0;
			memcpy(buf + used, path + 1, slen - 1);
			buf[used + slen - 1] = '\0';
			params[(*nparams)++] = buf + used;
			used += slen;
		} else if (plen != slen || memcmp(pattern, path, plen) != 0) {
			return 0;
		}
		pattern += plen;
		path += slen;
	}
	return *pattern == '\0' && *path == '\0';
}

/* The Allow header for a path: the methods of the routes it matches, in
 * a fixed order, written into buf. */
static const char *allowed(const char *path, char *scratch, size_t size, char *buf, size_t bufsize)
{
	static const char *const order[] = {"GET", "POST", "PUT", "PATCH", "DELETE"};
	const char *params[CC_HTTP_MAX_PARAMS];
	bool has[5] = {false};
	size_t used = 0;
	int n;

	for (size_t i = 0; i < sizeof(routes) / sizeof(routes[0]); i++) {
		if (!match(routes[i].pattern, path, params, &n, scratch, size))
			continue;
		for (int m = 0; m < 5; m++)
			has[m] |= strcmp(routes[i].method, order[m]) == 0;
	}
	buf[0] = '\0';
	for (int m = 0; m < 5; m++) {
		if (!has[m])
			continue;
		used += (size_t)snprintf(buf + used, bufsize - used, "%s%s", used ? ", " : "",
					 m == 0 ? "GET, HEAD" : order[m]);
		if (used >= bufsize)
			break;
	}
	return buf;
}

int cc_route(struct cc_req *req, struct cc_resp *resp, char *buf, size_t bufsize)
{
	int other_method = 0;

	for (size_t i = 0; i < sizeof(routes) / sizeof(routes[0]); i++) {
		if (!match(routes[i].pattern, req->path, req->params, &req->nparams,
			   buf, bufsize))
			continue;
		if (strcmp(routes[i].method, req->method) == 0 ||
		    (strcmp(req->method, "HEAD") == 0 && strcmp(routes[i].method, "GET") == 0))
		{
			resp->shared = routes[i].shared;
			return routes[i].handler(req, resp);
		}
		other_method = 1;
	}
	if (other_method) {
		resp->allow = allowed(req->path, buf, bufsize, resp->allow_buf,
				      sizeof(resp->allow_buf));
		return cc_resp_error(resp, 405, "method_not_allowed", NULL,
				     "%s is not allowed on %s", req->method, req->path);
	}
	if (strncmp(req->path, "/api/", 5) == 0 || strcmp(req->path, "/api") == 0)
		return cc_resp_error(resp, 404, "not_found", NULL, "no route %s", req->path);
	if (strcmp(req->method, "GET") != 0 && strcmp(req->method, "HEAD") != 0) {
		resp->allow = "GET, HEAD";
		return cc_resp_error(resp, 405, "method_not_allowed", NULL,
				     "%s is not allowed here", req->method);
	}
	return cc_h_static(req, resp);
}
