/*
 * demo_skills.c - the demonstration's skills programme (docs/skills.md):
 * a fictional four-track fellowship, its 2027 edition, a cohort per
 * track in four regions with participants from the fictional countries,
 * mentors, a trainer, sessions with attendance, completion imported from a
 * plain CSV, mentoring pairs proposed by the matching (some accepted and
 * completed), reaction answers, before/after self-assessments and
 * follow-up outcomes, a meeting and a goal for each accepted pair.
 * Accounts for a coordinator, a sponsor, a trainer, a
 * mentor and a participant go to demo-logins.txt. Everything goes through
 * the service, as an admin would do it.
 */
#include "demo_internal.h"

#include "skills.h"
#include "../format/questionnaire_xlsx.h"
#include "../store/store_skills.h"

#include <jansson.h>
#include <stdio.h>
#include <string.h>

#define PROG "cyber-pathways"

struct demo {
	struct cc_store *s;
	struct cc_snapshot *snap;
	struct cc_scaller admin;
	struct cc_error *err;
};

/* Ends a service call: releases its body and what it gave back in *out
 * (a pointer, read after the call has set it), and returns its status. */
static int call(int rc_in, json_t *body, json_t **out)
{
	json_decref(body);
	json_decref(*out);
	*out = NULL;
	return rc_in;
}

static const struct {
	const char *id, *name, *comps;
} tracks[] = {
	{"policy-diplomacy", "Policy and diplomacy", "[\"ecsf-legal-policy-compliance\","
	 "\"ecsf-risk-manager\"]"},
	{"incident-response", "Incident response", "[\"ecsf-incident-responder\","
	 "\"ecsf-threat-intelligence\"]"},
	{"criminal-justice", "Criminal justice", "[\"ecsf-forensics-investigator\","
	 "\"ecsf-legal-policy-compliance\"]"},
	{"cyber-ai", "Cyber and AI", "[\"ecsf-researcher\",\"ecsf-architect\"]"},
};

static const struct {
	const char *id, *track, *name, *region, *lang;
	const char *countries[3];
	int offset;
} cohorts[] = {
	{"pd-americas", "policy-diplomacy", "Policy and diplomacy, Americas", "Americas", "es",
	 {"XAB", "XAE", "XAK"}, -300},
	{"ir-africa", "incident-response", "Incident response, Africa", "Africa", "fr",
	 {"XAA", "XAH", "XAA"}, 60},
	{"cj-arab", "criminal-justice", "Criminal justice, Arab States", "Arab States", "ar",
	 {"XAF", "XAG", "XAF"}, 180},
	{"ai-asia", "cyber-ai", "Cyber and AI, Asia-Pacific", "Asia-Pacific", "en",
	 {"XAI", "XAD", "XAI"}, 420},
};

static const char *const goals[] = {"leadership", "forensics", "negotiation", "networking",
				    "public-speaking"};

/* The knowledge checks: modules of the learning platform whose scores come
 * in with the completion import (the second only in the Africa cohort, a
 * few people: suppressed for the sponsor). */
#define QUIZ1 "Threat landscape quiz"
#define QUIZ2 "Incident handling quiz"

static int setup(struct demo *d)
{
	json_t *o = NULL, *p = json_pack("{s:s,s:s,s:[s,s],s:[s]}", "id", PROG, "name",
					 "Cyber Pathways Fellowship (fictional demo)", "sponsors",
					 "Fictional Foundation", "Example Ministry", "partners",
					 "Demo Academy");
	int rc = call(cc_skills_create_programme(d->s, &d->admin, p, &o, d->err), p, &o);

	if (!rc) {
		json_t *b = json_pack("{s:s,s:i,s:s,s:s}", "id", "2027", "year", 2027, "start",
				      "2027-02-01", "end", "2027-07-31");
		o = NULL;
		rc = call(cc_skills_create_edition(d->s, &d->admin, PROG, b, &o, d->err), b, &o);
	}
	for (size_t i = 0; !rc && i < 4; i++) {
		json_t *b = json_pack("{s:s,s:s,s:o}", "id", tracks[i].id, "name", tracks[i].name,
				      "competencies", json_loads(tracks[i].comps, 0, NULL));
		o = NULL;
		rc = call(cc_skills_create_track(d->s, &d->admin, PROG, b, &o, d->err), b, &o);
	}
	for (size_t i = 0; !rc && i < 4; i++) {
		json_t *b = json_pack("{s:s,s:s,s:s,s:s,s:s,s:s,s:i}", "id", cohorts[i].id,
				      "edition", "2027", "track", cohorts[i].track, "name",
				      cohorts[i].name, "region", cohorts[i].region, "language",
				      cohorts[i].lang, "capacity", 12);
		o = NULL;
		rc = call(cc_skills_create_cohort(d->s, &d->admin, PROG, b, &o, d->err), b, &o);
	}
	for (int k = 0; !rc && k < 2; k++) {
		json_t *b = json_pack("{s:s,s:s,s:s}", "kind", k ? "reaction_end" : "reaction_module",
				      "framework", "skills-reaction", "version", "2026");
		o = NULL;
		rc = call(cc_skills_set_survey(d->s, &d->admin, PROG, d->snap, b, &o, d->err), b,
			  &o);
	}
	if (!rc) {
		json_t *b = json_pack("{s:[{s:s,s:i},{s:s,s:i}]}", "modules", "module", QUIZ1,
				      "pass", 70, "module", QUIZ2, "pass", 60);
		o = NULL;
		rc = call(cc_skills_set_knowledge_checks(d->s, &d->admin, PROG, b, &o, d->err), b,
			  &o);
	}
	return rc;
}

/* Enrols someone; *id the enrolment, *person the person. */
static int enrol(struct demo *d, const char *cohort, const char *name, const char *email,
		 const char *country, const char *role, const char *lang, int offset,
		 const char *goal, long long *id, long long *person)
{
	json_t *o = NULL;
	json_t *b = json_pack("{s:{s:s,s:s,s:s,s:s,s:s},s:s,s:[s,s,s],s:[s,s],s:i,s:[s],s:b}",
			      "person", "name", name, "email", email, "country", country,
			      "org_kind", strcmp(role, "participant") ? "cirt" : "government",
			      "experience", strcmp(role, "participant") ? "11+" : "3-5", "role",
			      role, "consents", "participation", "evaluation", "sponsor_sharing",
			      "languages", lang, "en", "utc_offset", offset, "goals", goal,
			      "eligible", 1);
	int rc = cc_skills_enrol(d->s, &d->admin, d->snap, cohort, b, &o, d->err);

	if (!rc) {
		*id = json_integer_value(json_object_get(o, "id"));
		*person = json_integer_value(json_object_get(json_object_get(o, "person"), "id"));
	}
	return call(rc, b, &o);
}

/* Moves enrolment id through statuses (NULL-terminated), the last with reason. */
static int walk(struct demo *d, long long id, const char *const *to, const char *reason)
{
	int rc = CC_OK;

	for (int i = 0; !rc && to[i]; i++) {
		json_t *o = NULL;
		json_t *b = json_pack("{s:s,s:s?}", "status", to[i], "reason",
				      to[i + 1] ? NULL : reason);
		rc = call(cc_skills_move(d->s, &d->admin, id, b, &o, d->err), b, &o);
	}
	return rc;
}

static const char *const to_active[] = {"selected", "enrolled", "active", NULL};
static const char *const to_completed[] = {"selected", "enrolled", "active", "completed",
					   NULL};
static const char *const to_waitlisted[] = {"waitlisted", NULL};
static const char *const to_rejected[] = {"rejected", NULL};
static const char *const to_dropped[] = {"selected", "enrolled", "dropped", NULL};

/* Answers of a participant: reaction, before/after, outcomes. */
static int evaluate(struct demo *d, long long id, int k, int c, bool completed)
{
	const char *comp[2];
	json_t *a, *o = NULL, *b;
	json_t *comps = json_loads(tracks[c].comps, 0, NULL);
	int rc;

	comp[0] = json_string_value(json_array_get(comps, 0));
	comp[1] = json_string_value(json_array_get(comps, 1));
	b = json_pack("{s:s,s:{s:i,s:i,s:i}}", "kind", "reaction_end", "answers",
		      "reaction.satisfied", 3 + (k % 3 != 0) + (k % 2), "reaction.relevant",
		      4 + (k % 2), "reaction.recommend", 3 + (k % 3));
	rc = call(cc_skills_answer(d->s, &d->admin, d->snap, id, b, &o, d->err), b, &o);
	for (int when = 0; !rc && when < 2; when++) {
		a = json_object();
		for (int i = 0; i < 2; i++)
			json_object_set_new(a, comp[i], json_integer(when ? 3 + (k + i) % 3
								      : 1 + (k + i) % 3));
		b = json_pack("{s:s,s:o}", "kind", when ? "self_after" : "self_before", "answers", a);
		o = NULL;
		rc = call(cc_skills_answer(d->s, &d->admin, d->snap, id, b, &o, d->err), b, &o);
	}
	json_decref(comps);
	(void)completed;
	return rc;
}

/* The follow-up outcomes of a participant who completed. */
static int evaluate_followup(struct demo *d, long long id, int k, int c)
{
	json_t *b, *o;
	int rc = CC_OK;

	for (int m = 0; !rc && m < 2; m++) {
		static const char *const what[] = {"new_role", "trained_others",
						   "led_incident_response", "joined_delegation",
						   "none"};
		b = json_pack("{s:i,s:[s]}", "months", m ? 6 : 3, "outcomes",
			      what[(k + m + c) % 5]);
		o = NULL;
		rc = call(cc_skills_outcome(d->s, &d->admin, id, b, &o, d->err), b, &o);
	}
	return rc;
}

/* A session of the cohort with everyone's attendance in ids[0..n). */
static int session(struct demo *d, const char *cohort, const char *kind, const char *title,
		   const char *starts, int minutes, const long long *ids, int n)
{
	json_t *o = NULL, *list = json_array();
	json_t *b = json_pack("{s:s,s:s,s:s,s:i}", "kind", kind, "title", title, "starts",
			      starts, "minutes", minutes);
	int rc = cc_skills_add_session(d->s, &d->admin, cohort, b, &o, d->err);
	char sid[128];

	snprintf(sid, sizeof(sid), "%s", rc ? "" : json_string_value(json_object_get(o, "id")));
	call(0, b, &o);
	for (int i = 0; !rc && i < n; i++)
		json_array_append_new(list, json_pack("{s:I,s:s}", "enrolment", ids[i], "state",
						      i % 7 == 3 ? "absent" : i % 9 == 5 ? "excused"
						      : "present"));
	o = NULL;
	if (!rc)
		rc = cc_skills_attendance(d->s, &d->admin, sid, list, NULL, 0, &o, d->err);
	return call(rc, list, &o);
}

/* A first meeting and a goal of an accepted pair. */
static int meet(struct demo *d, long long pair, int k)
{
	json_t *o = NULL, *b = json_pack("{s:s,s:i,s:s}", "at", k % 2 ? "2027-03-10" : "2027-03-17",
					 "minutes", 45, "notes", "Introductions; agreed to meet "
					 "every two weeks.");
	int rc = call(cc_skills_meetings(d->s, &d->admin, pair, b, &o, d->err), b, &o);

	if (!rc) {
		b = json_pack("{s:s}", "text", k % 2 ? "Lead a tabletop exercise at work" :
			      "Write a short policy brief");
		rc = call(cc_skills_goals(d->s, &d->admin, pair, b, &o, d->err), b, &o);
	}
	return rc;
}

static int pairs(struct demo *d, const char *cohort)
{
	json_t *o = NULL, *p;
	size_t i;
	int rc = cc_skills_match(d->s, &d->admin, cohort, &o, d->err);

	json_array_foreach(rc ? NULL : json_object_get(o, "pairs"), i, p) {
		long long id = json_integer_value(json_object_get(p, "id"));
		json_t *r = NULL, *b = json_pack("{s:s}", "status", i % 3 == 2 ? "proposed" :
						 "accepted");

		if (i % 3 != 2)
			rc = call(cc_skills_move_pair(d->s, &d->admin, id, b, &r, d->err), NULL, &r);
		json_decref(b);
		if (!rc && i % 3 != 2)
			rc = meet(d, id, (int)i);
		if (!rc && i % 3 == 0) {
			r = NULL;
			b = json_pack("{s:s}", "status", "completed");
			rc = call(cc_skills_move_pair(d->s, &d->admin, id, b, &r, d->err), b, &r);
		}
		if (rc)
			break;
	}
	json_decref(o);
	return rc;
}

static int cohort(struct demo *d, int c, FILE *f)
{
	long long ids[12], person, mid;
	char email[128], name[128], csv[4096];
	int n = 0, rc = CC_OK;
	size_t used;

	for (int m = 0; !rc && m < 2; m++) {
		snprintf(email, sizeof(email), "mentor%d.%s@fellowship.example", m + 1,
			 cohorts[c].id);
		snprintf(name, sizeof(name), "Mentor %d of %s", m + 1, cohorts[c].name);
		if (c == 1 && m == 0)
			rc = cc__demo_user(d->s, f, email, name, NULL, NULL, NULL, "mentor", NULL,
					   &(long long){0}, d->err);
		if (!rc)
			rc = enrol(d, cohorts[c].id, name, email, cohorts[c].countries[m], "mentor",
				   cohorts[c].lang, cohorts[c].offset + 60 * m, goals[m], &mid,
				   &person);
		if (!rc)
			rc = walk(d, mid, to_active, NULL);
	}
	snprintf(email, sizeof(email), "trainer.%s@fellowship.example", cohorts[c].id);
	if (!rc && c == 1)
		rc = cc__demo_user(d->s, f, email, "Trainer of the Africa cohort", NULL, NULL, NULL,
				   "trainer", NULL, &(long long){0}, d->err);
	if (!rc)
		rc = enrol(d, cohorts[c].id, "Trainer", email, cohorts[c].countries[0], "trainer",
			   cohorts[c].lang, cohorts[c].offset, "leadership", &mid, &person);
	if (!rc)
		rc = walk(d, mid, to_active, NULL);
	used = (size_t)snprintf(csv, sizeof(csv), "email,module,completed_at,score\n");
	for (int k = 0; !rc && k < 11; k++) {
		const char *country = cohorts[c].countries[k % 3];
		long long id;

		snprintf(email, sizeof(email), "p%d.%s@fellowship.example", k + 1, cohorts[c].id);
		snprintf(name, sizeof(name), "Participant %d (%s)", k + 1, country);
		if (c == 1 && k == 0)
			rc = cc__demo_user(d->s, f, email, name, NULL, NULL, NULL, "participant", NULL,
					   &(long long){0}, d->err);
		if (!rc)
			rc = enrol(d, cohorts[c].id, name, email, country, "participant",
				   cohorts[c].lang, cohorts[c].offset + 30 * (k % 4), goals[k % 5],
				   &id, &person);
		if (rc)
			break;
		if (k == 9)
			rc = walk(d, id, to_waitlisted, NULL);
		else if (k == 10)
			rc = walk(d, id, to_rejected, "the track asks for two years in a CIRT");
		else if (k == 8)
			rc = walk(d, id, to_dropped, "changed job and could no longer take part");
		else
			rc = walk(d, id, to_active, NULL);
		if (!rc && k < 8) {
			ids[n++] = id;
			rc = evaluate(d, id, k, c, false);
			if (used < sizeof(csv) - 200)
				used += (size_t)snprintf(csv + used, sizeof(csv) - used,
							 "%s,Foundations,2027-03-%02d,%d\n"
							 "%s," QUIZ1 ",2027-03-%02d,%d\n", email,
							 1 + k, 60 + 5 * k, email, 10 + k,
							 48 + 6 * k + 2 * c);
			if (c == 1 && k < 3 && used < sizeof(csv) - 200)
				used += (size_t)snprintf(csv + used, sizeof(csv) - used,
							 "%s," QUIZ2 ",2027-04-%02d,%d\n",
							 email, 1 + k, 55 + 10 * k);
		}
	}
	if (!rc)
		rc = session(d, cohorts[c].id, "live", "Opening session", "2027-02-03T14:00:00Z", 90,
			     ids, n);
	if (!rc)
		rc = session(d, cohorts[c].id, "in_person", "The week in the region", "2027-05-10",
			     5 * 8 * 60, ids, n);
	if (!rc)
		rc = session(d, cohorts[c].id, "mentoring_circle", "Mentoring circle",
			     "2027-04-02T15:00:00Z", 60, ids, n);
	if (!rc) {
		struct cc_xlsx_errors errs;
		json_t *o = NULL;

		cc_xlsx_errors_init(&errs);
		rc = cc_skills_progress(d->s, &d->admin, cohorts[c].id, csv, used, NULL, NULL, &o,
					&errs, d->err);
		cc_xlsx_errors_free(&errs);
		json_decref(o);
	}
	if (!rc)
		rc = pairs(d, cohorts[c].id);
	for (int k = 0; !rc && k < 5 && k < n; k++) {
		rc = walk(d, ids[k], to_completed + 3, NULL);
		if (!rc)
			rc = evaluate_followup(d, ids[k], k, c);
	}
	return rc;
}

int cc__demo_skills(struct cc_store *s, const char *dir, const char *bundled,
		    struct cc_error *err)
{
	struct demo d = {.s = s, .err = err};
	char path[4300];
	long long coord, sponsor;
	FILE *f;
	int rc;

	snprintf(path, sizeof(path), "%s/skills", bundled);
	if ((rc = cc_skills_load_data(s, path, err)) || (rc = cc_snapshot_load(s, &d.snap, err)))
		return rc;
	memset(&d.admin, 0, sizeof(d.admin));
	cc_arena_init(&d.admin.members.arena);
	d.admin.admin = true;
	snprintf(path, sizeof(path), "%s/demo-logins.txt", dir);
	if (!(f = fopen(path, "a"))) {
		cc_snapshot_free(d.snap);
		return cc_error_set(err, CC_EIO, path, 0, 0, "cannot write");
	}
	rc = setup(&d);
	if (!rc)
		rc = cc__demo_user(s, f, "coordinator@fellowship.example", "Programme coordinator",
				   NULL, NULL, NULL, "coordinator", "programme " PROG, &coord, err);
	if (!rc)
		rc = cc_store_skills_add_member(s, coord, "coordinator", PROG, err);
	if (!rc)
		rc = cc__demo_user(s, f, "sponsor@fellowship.example", "Sponsor", NULL, NULL, NULL,
				   "sponsor", "dashboard, small cells suppressed", &sponsor, err);
	if (!rc)
		rc = cc_store_skills_add_member(s, sponsor, "sponsor", PROG, err);
	for (int c = 0; !rc && c < 4; c++)
		rc = cohort(&d, c, f);
	if (fclose(f) != 0 && !rc)
		rc = cc_error_set(err, CC_EIO, path, 0, 0, "cannot write");
	cc_snapshot_free(d.snap);
	return rc;
}
