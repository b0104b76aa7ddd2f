/*
 * store_skills.h - the store's part for skills programmes (0011_skills):
 * programmes, editions, tracks, cohorts and who coordinates or sponsors
 * them (skills.c); people, consents and enrolments
 * (skills_people.c); sessions, attendance, progress, mentoring
 * pairs, answers, outcomes and the dashboard's tallies
 * (skills_activity.c).
 *
 * Lists (sponsors, competencies, languages, goals, reasons) are JSON
 * array text, checked by service/skills*.c. Writes go inside the caller's
 * transaction when there is one; nothing here audits (the service does).
 * A duplicate id is CC_ECONFLICT, a missing record CC_ENOTFOUND.
 */
#ifndef CC_STORE_SKILLS_H
#define CC_STORE_SKILLS_H

#include "store.h"

#include <stdbool.h>

int cc_store_skills_put_competency(struct cc_store *s, const char *id, const char *source,
				   const char *title, struct cc_error *err);
/* CC_ENOTFOUND ("no such competency") when id is not in the table. */
int cc_store_skills_competency(struct cc_store *s, const char *id, struct cc_error *err);
/* The competency's title into buf[0..size) (its id when it has none). */
int cc_store_skills_competency_title(struct cc_store *s, const char *id, char *buf, size_t size,
				     struct cc_error *err);

struct cc_sprog_rec {
	const char *id, *name, *sponsors, *partners, *created_by, *created_at;
};
int cc_store_skills_create_programme(struct cc_store *s, const struct cc_sprog_rec *p,
				     struct cc_error *err);
int cc_store_skills_programme(struct cc_store *s, const char *id, struct cc_list *out,
			      struct cc_error *err);

struct cc_sedition_rec {
	const char *programme, *id, *start, *end;
	int year;
};
int cc_store_skills_create_edition(struct cc_store *s, const struct cc_sedition_rec *e,
				   struct cc_error *err);
/* CC_ENOTFOUND when the programme has no such edition. */
int cc_store_skills_edition(struct cc_store *s, const char *programme, const char *id,
			    struct cc_list *out, struct cc_error *err);

struct cc_strack_rec {
	const char *programme, *id, *name, *competencies;
};
int cc_store_skills_create_track(struct cc_store *s, const struct cc_strack_rec *t,
				 struct cc_error *err);
int cc_store_skills_track(struct cc_store *s, const char *programme, const char *id,
			  struct cc_list *out, struct cc_error *err);
/* Every track of the programme, by id. */
int cc_store_skills_tracks(struct cc_store *s, const char *programme, struct cc_list *out,
			   struct cc_error *err);

struct cc_scohort_rec {
	const char *id, *programme, *edition, *track, *name, *region, *language;
	int capacity;
};
int cc_store_skills_create_cohort(struct cc_store *s, const struct cc_scohort_rec *c,
				  struct cc_error *err);
int cc_store_skills_cohort(struct cc_store *s, const char *id, struct cc_list *out,
			   struct cc_error *err);
/* programme's cohorts (edition NULL: every edition), by id. */
int cc_store_skills_cohorts(struct cc_store *s, const char *programme, const char *edition,
			    struct cc_list *out, struct cc_error *err);

/* role "coordinator" or "sponsor". */
int cc_store_skills_add_member(struct cc_store *s, long long user, const char *role,
			       const char *programme, struct cc_error *err);
struct cc_smember_rec {
	const char *role, *programme;
};
int cc_store_skills_members(struct cc_store *s, long long user, struct cc_list *out,
			    struct cc_error *err);

/* ---- people, consents, enrolments (skills_people.c) ---- */

struct cc_sperson_rec {
	long long id, user;                     /* user 0: no account */
	const char *name, *email, *country, *org_kind, *experience, *created_at;
};
/* Creates the person (*id) or, when the email is known, gives the
 * existing one's id (*created false) untouched. */
int cc_store_skills_upsert_person(struct cc_store *s, const struct cc_sperson_rec *p,
				  long long *id, bool *created, struct cc_error *err);
int cc_store_skills_person(struct cc_store *s, long long id, struct cc_list *out,
			   struct cc_error *err);
/* The person whose account is user; CC_ENOTFOUND when none. */
int cc_store_skills_person_of_user(struct cc_store *s, long long user, long long *id,
				   struct cc_error *err);
/* Erasure: the person, consents, answers, outcomes, progress, the notes of
 * the pairs they are in; enrolments keep their counts (person NULL). */
int cc_store_skills_erase_person(struct cc_store *s, long long id, struct cc_error *err);

struct cc_sconsent_rec {
	const char *purpose, *given_at, *withdrawn_at;   /* withdrawn_at NULL: in force */
};
/* Gives a consent; already in force: no change. */
int cc_store_skills_give_consent(struct cc_store *s, long long person, const char *purpose,
				 struct cc_error *err);
/* CC_ENOTFOUND when no consent for purpose is in force. */
int cc_store_skills_withdraw_consent(struct cc_store *s, long long person,
				     const char *purpose, struct cc_error *err);
/* Every consent given, oldest first. */
int cc_store_skills_consents(struct cc_store *s, long long person, struct cc_list *out,
			     struct cc_error *err);
/* Whether a consent for purpose is in force. */
int cc_store_skills_has_consent(struct cc_store *s, long long person, const char *purpose,
				bool *yes, struct cc_error *err);

struct cc_senrol_rec {
	long long id, person;                   /* person 0: erased */
	const char *cohort, *country, *role, *status, *reason, *languages, *goals;
	const char *created_at, *updated_at;
	int utc_offset, max_mentees, eligible;
	long long user;                         /* the person's account, 0: none */
};
/* CC_ECONFLICT when the person already has that role in the cohort. */
int cc_store_skills_create_enrolment(struct cc_store *s, const struct cc_senrol_rec *e,
				     const char *by, long long *id, struct cc_error *err);
int cc_store_skills_enrolment(struct cc_store *s, long long id, struct cc_list *out,
			      struct cc_error *err);
/* cohort's enrolments (status NULL: any), by id. */
int cc_store_skills_enrolments(struct cc_store *s, const char *cohort, const char *status,
			       struct cc_list *out, struct cc_error *err);
/* person's enrolments, by id. */
int cc_store_skills_person_enrolments(struct cc_store *s, long long person,
				      struct cc_list *out, struct cc_error *err);
/* Moves an enrolment (with its event) from 'from' to 'to'; CC_ECONFLICT
 * when it is no longer in 'from'. */
int cc_store_skills_move_enrolment(struct cc_store *s, long long id, const char *from,
				   const char *to, const char *reason, const char *by,
				   struct cc_error *err);
/* Enrolments of cohort holding a place (selected, enrolled, active). */
int cc_store_skills_places_taken(struct cc_store *s, const char *cohort, long long *n,
				 struct cc_error *err);

/* ---- activity (skills_activity.c) ---- */

struct cc_ssession_rec {
	const char *id, *cohort, *kind, *title, *starts;
	int minutes;
};
int cc_store_skills_create_session(struct cc_store *s, const struct cc_ssession_rec *r,
				   struct cc_error *err);
int cc_store_skills_session(struct cc_store *s, const char *id, struct cc_list *out,
			    struct cc_error *err);
/* cohort's sessions, by start. */
int cc_store_skills_sessions(struct cc_store *s, const char *cohort, struct cc_list *out,
			     struct cc_error *err);
int cc_store_skills_put_attendance(struct cc_store *s, const char *session,
				   long long enrolment, const char *state, struct cc_error *err);
struct cc_sattend_rec {
	const char *session, *state;
	long long enrolment;
};
/* The attendance recorded in cohort's sessions, by session and enrolment. */
int cc_store_skills_cohort_attendance(struct cc_store *s, const char *cohort,
				      struct cc_list *out, struct cc_error *err);
int cc_store_skills_put_progress(struct cc_store *s, long long enrolment, const char *module,
				 const char *completed_at, double score, const char *source,
				 struct cc_error *err);

struct cc_spair_rec {
	long long id, mentor, mentee;           /* enrolment ids */
	const char *cohort, *status, *reasons, *created_at, *updated_at;
	int overridden;
};
int cc_store_skills_create_pair(struct cc_store *s, const struct cc_spair_rec *p,
				long long *id, struct cc_error *err);
int cc_store_skills_pair(struct cc_store *s, long long id, struct cc_list *out,
			 struct cc_error *err);
/* cohort's pairs (every status), by id. */
int cc_store_skills_pairs(struct cc_store *s, const char *cohort, struct cc_list *out,
			  struct cc_error *err);
/* CC_ECONFLICT when the pair is no longer in 'from'. */
int cc_store_skills_move_pair(struct cc_store *s, long long id, const char *from,
			      const char *to, struct cc_error *err);

/* A pair's meetings and goals (skills_pairs.c); *id the new row's.
 * Notes and texts are NULL after the erasure of either person. */
struct cc_smeeting_rec {
	long long id, pair;
	const char *at, *notes;
	int minutes;
};
struct cc_sgoal_rec {
	long long id, pair;
	const char *text, *status;
};
int cc_store_skills_add_meeting(struct cc_store *s, long long pair, const char *at,
				int minutes, const char *notes, long long *id,
				struct cc_error *err);
int cc_store_skills_add_goal(struct cc_store *s, long long pair, const char *text,
			     long long *id, struct cc_error *err);
/* pair's meetings (by time) and goals (by id). */
int cc_store_skills_meetings(struct cc_store *s, long long pair, struct cc_list *out,
			     struct cc_error *err);
int cc_store_skills_goals(struct cc_store *s, long long pair, struct cc_list *out,
			  struct cc_error *err);
/* CC_ENOTFOUND when pair has no goal id. */
int cc_store_skills_set_goal(struct cc_store *s, long long pair, long long id,
			     const char *status, struct cc_error *err);

int cc_store_skills_set_survey(struct cc_store *s, const char *programme, const char *kind,
			       const char *framework, const char *version, struct cc_error *err);
struct cc_ssurvey_rec {
	const char *kind, *framework, *version;
};
int cc_store_skills_surveys(struct cc_store *s, const char *programme, struct cc_list *out,
			    struct cc_error *err);
int cc_store_skills_put_answer(struct cc_store *s, long long enrolment, const char *kind,
			       const char *question, double value, struct cc_error *err);
/* Deletes the person's answers and outcomes (evaluation consent withdrawn). */
int cc_store_skills_forget_evaluation(struct cc_store *s, long long person,
				      struct cc_error *err);
int cc_store_skills_put_outcome(struct cc_store *s, long long enrolment, int months,
				const char *outcome, struct cc_error *err);

/* The programme's knowledge checks (modules whose imported score counts,
 * docs/skills.md "Knowledge checks"), in the order given. Clear, then
 * add each (CC_ECONFLICT naming "modules" for a module given twice). */
struct cc_scheck_rec {
	const char *module;
	double pass;            /* 0 to 100 */
};
int cc_store_skills_clear_knowledge_checks(struct cc_store *s, const char *programme,
					   struct cc_error *err);
int cc_store_skills_add_knowledge_check(struct cc_store *s, const char *programme,
					const char *module, double pass, int position,
					struct cc_error *err);
int cc_store_skills_knowledge_checks(struct cc_store *s, const char *programme,
				     struct cc_list *out, struct cc_error *err);

/* A row of a tally: up to two keys and a count (or a mean in x). */
struct cc_stally_rec {
	const char *a, *b;
	long long n;
	double x, y;
};
enum cc_stally {
	CC_ST_STATUS,           /* a status, n participants who ever reached it */
	CC_ST_TRACK_STATUS,     /* a track, b status, n (reached) */
	CC_ST_COUNTRY_STATUS,   /* a country, b status, n (reached) */
	CC_ST_ATTENDANCE,       /* a session kind, b state, n */
	CC_ST_SATISFIED,        /* a question, n answers, x share >= 4 of 5 */
	CC_ST_PAIRED,           /* a competency, n people with both, x mean
				   before, y mean after */
	CC_ST_PAIRS,            /* a pair status, n */
	CC_ST_OUTCOMES,         /* a months ("3"/"6"), b outcome, n people */
	CC_ST_COHORT_COUNTRY,   /* a country, n cohorts with a participant there */
	CC_ST_KNOWLEDGE         /* a knowledge check's module, n participants with
				   a score and the evaluation consent in force, x
				   mean score, y share at or above the pass mark */
};
/* What a person's enrolments hold, for their export: rows (a, b, n the
 * enrolment, x): answers (kind, question, x rating), outcomes (months,
 * outcome), progress (module, completed_at, x score), attendance
 * (session, state). */
enum cc_sperson_rows { CC_SP_ANSWERS, CC_SP_OUTCOMES, CC_SP_PROGRESS, CC_SP_ATTENDANCE };
int cc_store_skills_person_rows(struct cc_store *s, long long person,
				enum cc_sperson_rows which, struct cc_list *out,
				struct cc_error *err);

/* The tally of programme (edition NULL: every edition). */
int cc_store_skills_tally(struct cc_store *s, enum cc_stally which, const char *programme,
			  const char *edition, struct cc_list *out, struct cc_error *err);

#endif
