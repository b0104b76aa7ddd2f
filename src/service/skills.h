/*
 * skills.h - skills programmes (docs/skills.md; docs/api.md "Skills
 * programmes"): programmes, editions, tracks and cohorts
 * (skills_setup.c); people, consents, enrolments, erasure and export
 * (skills_people.c); sessions, attendance, progress imports, mentoring
 * and evaluation (skills_activity.c, skills_mentoring.c,
 * skills_evaluation.c); a pair's meetings and goals and the caller's own
 * record (skills_pairs.c); the dashboard (skills_dashboard.c).
 *
 * Who may is decided here, from the caller (struct cc_scaller): an admin
 * may everything; a programme's coordinator (skills_member) everything
 * in that programme; a trainer (an enrolment as trainer, enrolled or
 * active, of the caller's own person record) the sessions, attendance
 * and progress of their cohort; a mentor and a mentee their pair; a
 * participant their own record, consents, answers and enrolments; a
 * sponsor the programme's dashboard with counts of 1 to 4 suppressed.
 * Refusals are CC_EFORBIDDEN; a bad body CC_EINPUT with err->file naming
 * the field; an illegal move CC_ECONFLICT. Every write is one transaction
 * with its audit entry (entities "programme:ID", "cohort:ID",
 * "enrolment:N", "person:N", "pair:N", "session:ID").
 */
#ifndef CC_SKILLS_H
#define CC_SKILLS_H

#include <jansson.h>
#include <stdbool.h>

#include "../store/store_skills.h"
#include "auth.h"
#include "snapshot.h"

#ifndef CC_EFORBIDDEN
#define CC_EFORBIDDEN (-20)
#endif

struct cc_scaller {
	const struct cc_principal *p;   /* NULL or id 0: anonymous */
	bool admin;
	long long person;               /* the caller's person record, 0: none */
	struct cc_list members;         /* struct cc_smember_rec */
};

int cc_scaller_load(struct cc_store *s, const struct cc_principal *p, struct cc_scaller *c,
		    struct cc_error *err);
void cc_scaller_free(struct cc_scaller *c);
/* Admin, or coordinator of programme. */
bool cc_scaller_team(const struct cc_scaller *c, const char *programme);
bool cc_scaller_sponsor(const struct cc_scaller *c, const char *programme);

/* ---- setup (skills_setup.c) ---- */
/* Loads DIR/competencies.csv (data/skills). */
int cc_skills_load_data(struct cc_store *s, const char *dir, struct cc_error *err);
/* POST /programmes (admins); .../editions, .../tracks, .../cohorts,
 * .../surveys (the programme's team). *out: the record made. */
int cc_skills_create_programme(struct cc_store *s, const struct cc_scaller *c,
			       const json_t *body, json_t **out, struct cc_error *err);
int cc_skills_create_edition(struct cc_store *s, const struct cc_scaller *c, const char *prog,
			     const json_t *body, json_t **out, struct cc_error *err);
int cc_skills_create_track(struct cc_store *s, const struct cc_scaller *c, const char *prog,
			   const json_t *body, json_t **out, struct cc_error *err);
int cc_skills_create_cohort(struct cc_store *s, const struct cc_scaller *c, const char *prog,
			    const json_t *body, json_t **out, struct cc_error *err);
int cc_skills_set_survey(struct cc_store *s, const struct cc_scaller *c, const char *prog,
			 const struct cc_snapshot *snap, const json_t *body, json_t **out,
			 struct cc_error *err);
/* PUT /programmes/{p}/knowledge-checks {"modules": [{"module", "pass"}]}
 * (skills_knowledge.c; the team): the programme's knowledge checks, all
 * replaced; *out {"programme", "knowledge_checks"}. */
int cc_skills_set_knowledge_checks(struct cc_store *s, const struct cc_scaller *c,
				   const char *prog, const json_t *body, json_t **out,
				   struct cc_error *err);
/* GET /programmes/{p}: the programme, its tracks and cohorts (team). */
int cc_skills_programme_json(struct cc_store *s, const struct cc_scaller *c, const char *prog,
			     json_t **out, struct cc_error *err);
/* GET /cohorts/{c}: the cohort, its enrolments, sessions and pairs (team,
 * trainers of the cohort). */
int cc_skills_cohort_json(struct cc_store *s, const struct cc_scaller *c, const char *cohort,
			  json_t **out, struct cc_error *err);

/* ---- people (skills_people.c) ---- */
/* POST /cohorts/{c}/enrolments: the team for anyone, or a signed-in
 * caller applying as participant under their own email. */
int cc_skills_enrol(struct cc_store *s, const struct cc_scaller *c,
		    const struct cc_snapshot *snap, const char *cohort, const json_t *body,
		    json_t **out, struct cc_error *err);
int cc_skills_enrolment_json(struct cc_store *s, const struct cc_scaller *c, long long id,
			     json_t **out, struct cc_error *err);
int cc_skills_move(struct cc_store *s, const struct cc_scaller *c, long long id,
		   const json_t *body, json_t **out, struct cc_error *err);
int cc_skills_give_consent(struct cc_store *s, const struct cc_scaller *c, long long person,
			   const json_t *body, json_t **out, struct cc_error *err);
/* Withdrawal and what it does: participation withdraws every open
 * enrolment; evaluation deletes the person's answers and outcomes. */
int cc_skills_withdraw_consent(struct cc_store *s, const struct cc_scaller *c,
			       long long person, const char *purpose, json_t **out,
			       struct cc_error *err);
int cc_skills_erase(struct cc_store *s, const struct cc_scaller *c, long long person,
		    struct cc_error *err);
int cc_skills_export(struct cc_store *s, const struct cc_scaller *c, long long person,
		     json_t **out, struct cc_error *err);
/* GET /skills/me (skills_pairs.c): the caller's person, consents,
 * enrolments (each with its programme, the programme's surveys and the
 * caller's answers to them) and pairs (with the other person's name, the
 * meetings and goals). */
int cc_skills_me(struct cc_store *s, const struct cc_scaller *c, json_t **out,
		 struct cc_error *err);
/* A pair's meetings and goals (skills_pairs.c): its mentor and mentee and
 * the programme's team. Adding needs an accepted pair (CC_ECONFLICT);
 * body NULL: the list. POST {"at", "minutes", "notes"?} / {"text"};
 * PATCH a goal {"status": open|met|dropped} (accepted or completed). */
int cc_skills_meetings(struct cc_store *s, const struct cc_scaller *c, long long pair,
		       const json_t *body, json_t **out, struct cc_error *err);
int cc_skills_goals(struct cc_store *s, const struct cc_scaller *c, long long pair,
		    const json_t *body, json_t **out, struct cc_error *err);
int cc_skills_set_goal(struct cc_store *s, const struct cc_scaller *c, long long pair,
		       long long goal, const json_t *body, json_t **out, struct cc_error *err);

/* ---- activity (skills_activity.c, skills_mentoring.c) ---- */
int cc_skills_add_session(struct cc_store *s, const struct cc_scaller *c, const char *cohort,
			  const json_t *body, json_t **out, struct cc_error *err);
/* body: a JSON array of {"enrolment", "state"}, or csv (enrolment,state). */
int cc_skills_attendance(struct cc_store *s, const struct cc_scaller *c, const char *session,
			 const json_t *body, const char *csv, size_t len, json_t **out,
			 struct cc_error *err);
struct cc_xlsx_errors;
int cc_skills_progress(struct cc_store *s, const struct cc_scaller *c, const char *cohort,
		       const char *csv, size_t len, const char *module, const char *date,
		       json_t **out, struct cc_xlsx_errors *errs, struct cc_error *err);
int cc_skills_match(struct cc_store *s, const struct cc_scaller *c, const char *cohort,
		    json_t **out, struct cc_error *err);
/* The coordinator's override: a pair of their choosing. */
int cc_skills_add_pair(struct cc_store *s, const struct cc_scaller *c, const char *cohort,
		       const json_t *body, json_t **out, struct cc_error *err);
int cc_skills_move_pair(struct cc_store *s, const struct cc_scaller *c, long long pair,
			const json_t *body, json_t **out, struct cc_error *err);
/* POST /enrolments/{e}/answers {"kind", "answers": {question: rating}}
 * and /enrolments/{e}/outcomes {"months", "outcomes"}: the participant or
 * the team; the evaluation consent must be in force (CC_ECONFLICT). */
int cc_skills_answer(struct cc_store *s, const struct cc_scaller *c,
		     const struct cc_snapshot *snap, long long enrolment, const json_t *body,
		     json_t **out, struct cc_error *err);
int cc_skills_outcome(struct cc_store *s, const struct cc_scaller *c, long long enrolment,
		      const json_t *body, json_t **out, struct cc_error *err);
/* For the survey workbook (GET and PUT .../surveys/{kind}/questionnaire.xlsx):
 * who may answer for the enrolment as cc_skills_answer says; kind
 * reaction_module or reaction_end with a survey linked (else CC_ENOTFOUND).
 * *fw: the survey's framework (the snapshot's); *answers (caller frees):
 * {question: rating} given so far; prog[0..size): the programme. */
int cc_skills_survey_of(struct cc_store *s, const struct cc_scaller *c,
			const struct cc_snapshot *snap, long long enrolment, const char *kind,
			const struct cc_framework **fw, json_t **answers, char *prog, size_t size,
			struct cc_error *err);

/* ---- dashboard (skills_dashboard.c) ---- */
/* Sets o[key] to n; for someone outside the team (team false) a count of
 * 1 to 4 becomes null and o["suppressed"] true. */
int cc_skills_put_count(json_t *o, const char *key, long long n, bool team);
int cc_skills_dashboard(struct cc_store *s, const struct cc_scaller *c,
			const struct cc_snapshot *snap, const char *prog, const char *edition,
			json_t **out, struct cc_error *err);

#endif
