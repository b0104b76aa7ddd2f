/*
 * skills_activity.c - what happens in a cohort: sessions and
 * attendance, completion imported from a learning platform, mentoring
 * pairs (their meetings and goals: skills_pairs.c), survey
 * answers, follow-up outcomes, and the dashboard's tallies (see
 * store_skills.h).
 */
#include "store_internal.h"
#include "store_skills.h"


int cc_store_skills_create_session(struct cc_store *s, const struct cc_ssession_rec *r,
				   struct cc_error *err)
{
	int rc = cc__run(s, err, "INSERT INTO skills_session (id, cohort_id, kind, title, starts, "
			 "minutes) VALUES (?, ?, ?, ?, ?, ?)", "ttttti", r->id, r->cohort, r->kind,
			 r->title, r->starts, r->minutes);

	if (rc == CC_ECONFLICT)
		return cc_error_set(err, CC_ECONFLICT, "id", 0, 0, "session \"%s\" exists already",
				    r->id);
	return rc;
}

static int session_row(struct cc_list *l, cc__stmt *st, void *item)
{
	struct cc_ssession_rec *r = item;

	r->id = cc__col_text(l, st, 0);
	r->cohort = cc__col_text(l, st, 1);
	r->kind = cc__col_text(l, st, 2);
	r->title = cc__col_text(l, st, 3);
	r->starts = cc__col_text(l, st, 4);
	r->minutes = cc__int(st, 5);
	return r->id && r->cohort && r->kind && r->title && r->starts ? 0 : -1;
}

int cc_store_skills_session(struct cc_store *s, const char *id, struct cc_list *out,
			    struct cc_error *err)
{
	int rc = cc__collect(s, cc__prepare(s, err, "SELECT id, cohort_id, kind, title, starts, "
					    "minutes FROM skills_session WHERE id = ?", "t", id),
			     out, sizeof(struct cc_ssession_rec), session_row, err);

	if (!rc && out->n == 0) {
		cc_list_free(out);
		return cc_error_set(err, CC_ENOTFOUND, "session", 0, 0, "no session \"%s\"", id);
	}
	return rc;
}

int cc_store_skills_sessions(struct cc_store *s, const char *cohort, struct cc_list *out,
			     struct cc_error *err)
{
	return cc__collect(s, cc__prepare(s, err, "SELECT id, cohort_id, kind, title, starts, "
					  "minutes FROM skills_session WHERE cohort_id = ? ORDER BY "
					  "starts, id", "t", cohort),
			   out, sizeof(struct cc_ssession_rec), session_row, err);
}

static int attend_row(struct cc_list *l, cc__stmt *st, void *item)
{
	struct cc_sattend_rec *r = item;

	r->session = cc__col_text(l, st, 0);
	r->enrolment = cc__int64(st, 1);
	r->state = cc__col_text(l, st, 2);
	return r->session && r->state ? 0 : -1;
}

int cc_store_skills_cohort_attendance(struct cc_store *s, const char *cohort,
				      struct cc_list *out, struct cc_error *err)
{
	return cc__collect(s, cc__prepare(s, err, "SELECT a.session_id, a.enrolment_id, a.state "
					  "FROM skills_attendance a JOIN skills_session x ON x.id = "
					  "a.session_id WHERE x.cohort_id = ? ORDER BY 1, 2", "t",
					  cohort),
			   out, sizeof(struct cc_sattend_rec), attend_row, err);
}

int cc_store_skills_put_attendance(struct cc_store *s, const char *session,
				   long long enrolment, const char *state, struct cc_error *err)
{
	return cc__run(s, err, "INSERT INTO skills_attendance (session_id, "
		       "enrolment_id, state) VALUES (?, ?, ?) ON CONFLICT (session_id, enrolment_id) "
		       "DO UPDATE SET state = excluded.state", "tIt", session, enrolment, state);
}

int cc_store_skills_put_progress(struct cc_store *s, long long enrolment, const char *module,
				 const char *completed_at, double score, const char *source,
				 struct cc_error *err)
{
	return cc__run(s, err, "INSERT INTO skills_progress (enrolment_id, module, "
		       "completed_at, score, source) VALUES (?, ?, ?, ?, ?) ON CONFLICT (enrolment_id, "
		       "module) DO UPDATE SET completed_at = excluded.completed_at, score = excluded.score, "
		       "source = excluded.source", "Ittdt", enrolment,
		       module, completed_at, score, source);
}

int cc_store_skills_create_pair(struct cc_store *s, const struct cc_spair_rec *p,
				long long *id, struct cc_error *err)
{
	int rc = cc__run(s, err, "INSERT INTO skills_pair (cohort_id, mentor_id, mentee_id, status, "
			 "reasons, overridden, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, "
			 NOW ", " NOW ")", "tIItti", p->cohort, p->mentor, p->mentee, p->status,
			 p->reasons, p->overridden);

	if (!rc)
		*id = cc__last_id(s);
	return rc;
}

static int pair_row(struct cc_list *l, cc__stmt *st, void *item)
{
	struct cc_spair_rec *p = item;

	p->id = cc__int64(st, 0);
	p->cohort = cc__col_text(l, st, 1);
	p->mentor = cc__int64(st, 2);
	p->mentee = cc__int64(st, 3);
	p->status = cc__col_text(l, st, 4);
	p->reasons = cc__col_text(l, st, 5);
	p->overridden = cc__int(st, 6);
	p->created_at = cc__col_text(l, st, 7);
	p->updated_at = cc__col_text(l, st, 8);
	return p->cohort && p->status && p->reasons ? 0 : -1;
}

#define PAIR_SELECT "SELECT id, cohort_id, mentor_id, mentee_id, status, reasons, overridden, " \
	"created_at, updated_at FROM skills_pair "

int cc_store_skills_pair(struct cc_store *s, long long id, struct cc_list *out,
			 struct cc_error *err)
{
	int rc = cc__collect(s, cc__prepare(s, err, PAIR_SELECT "WHERE id = ?", "I", id),
			     out, sizeof(struct cc_spair_rec), pair_row, err);

	if (!rc && out->n == 0) {
		cc_list_free(out);
		return cc_error_set(err, CC_ENOTFOUND, "pair", 0, 0, "no pair %lld", id);
	}
	return rc;
}

int cc_store_skills_pairs(struct cc_store *s, const char *cohort, struct cc_list *out,
			  struct cc_error *err)
{
	return cc__collect(s, cc__prepare(s, err, PAIR_SELECT "WHERE cohort_id = ? ORDER BY id",
					  "t", cohort),
			   out, sizeof(struct cc_spair_rec), pair_row, err);
}

int cc_store_skills_move_pair(struct cc_store *s, long long id, const char *from,
			      const char *to, struct cc_error *err)
{
	int rc = cc__run(s, err, "UPDATE skills_pair SET status = ?, updated_at = " NOW " WHERE "
			 "id = ? AND status = ?", "tIt", to, id, from);

	if (!rc && cc__changes(s) == 0)
		return cc_error_set(err, CC_ECONFLICT, "status", 0, 0, "pair %lld is no longer %s",
				    id, from);
	return rc;
}

int cc_store_skills_set_survey(struct cc_store *s, const char *programme, const char *kind,
			       const char *framework, const char *version, struct cc_error *err)
{
	return cc__run(s, err, "INSERT INTO skills_survey (programme_id, kind, "
		       "framework_id, framework_version) VALUES (?, ?, ?, ?) ON CONFLICT (programme_id, "
		       "kind) DO UPDATE SET framework_id = excluded.framework_id, "
		       "framework_version = excluded.framework_version", "tttt", programme,
		       kind, framework, version);
}

static int survey_row(struct cc_list *l, cc__stmt *st, void *item)
{
	struct cc_ssurvey_rec *r = item;

	r->kind = cc__col_text(l, st, 0);
	r->framework = cc__col_text(l, st, 1);
	r->version = cc__col_text(l, st, 2);
	return r->kind && r->framework && r->version ? 0 : -1;
}

int cc_store_skills_surveys(struct cc_store *s, const char *programme, struct cc_list *out,
			    struct cc_error *err)
{
	return cc__collect(s, cc__prepare(s, err, "SELECT kind, framework_id, framework_version "
					  "FROM skills_survey WHERE programme_id = ? ORDER BY kind",
					  "t", programme),
			   out, sizeof(struct cc_ssurvey_rec), survey_row, err);
}

int cc_store_skills_put_answer(struct cc_store *s, long long enrolment, const char *kind,
			       const char *question, double value, struct cc_error *err)
{
	return cc__run(s, err, "INSERT INTO skills_answer (enrolment_id, kind, "
		       "question, value, at) VALUES (?, ?, ?, ?, " NOW ") ON CONFLICT (enrolment_id, "
		       "kind, question) DO UPDATE SET value = excluded.value, at = excluded.at", "Ittd", enrolment, kind,
		       question, value);
}

int cc_store_skills_forget_evaluation(struct cc_store *s, long long person,
				      struct cc_error *err)
{
	int rc = cc__run(s, err, "DELETE FROM skills_answer WHERE enrolment_id IN (SELECT id FROM "
			 "skills_enrolment WHERE person_id = ?)", "I", person);

	return rc ? rc : cc__run(s, err, "DELETE FROM skills_outcome WHERE enrolment_id IN "
				 "(SELECT id FROM skills_enrolment WHERE person_id = ?)", "I",
				 person);
}

int cc_store_skills_put_outcome(struct cc_store *s, long long enrolment, int months,
				const char *outcome, struct cc_error *err)
{
	return cc__run(s, err, "INSERT INTO skills_outcome (enrolment_id, months, "
		       "outcome, at) VALUES (?, ?, ?, " NOW ") ON CONFLICT (enrolment_id, months, "
		       "outcome) DO UPDATE SET at = excluded.at", "Iit", enrolment, months, outcome);
}

int cc_store_skills_clear_knowledge_checks(struct cc_store *s, const char *programme,
					   struct cc_error *err)
{
	return cc__run(s, err, "DELETE FROM skills_knowledge_check WHERE programme_id = ?", "t",
		       programme);
}

int cc_store_skills_add_knowledge_check(struct cc_store *s, const char *programme,
					const char *module, double pass, int position,
					struct cc_error *err)
{
	int rc = cc__run(s, err, "INSERT INTO skills_knowledge_check (programme_id, module, pass, "
			 "position) VALUES (?, ?, ?, ?)", "ttdi", programme, module, pass, position);

	if (rc == CC_ECONFLICT)
		return cc_error_set(err, CC_ECONFLICT, "modules", 0, 0, "module \"%s\" is given "
				    "twice", module);
	return rc;
}

static int check_row(struct cc_list *l, cc__stmt *st, void *item)
{
	struct cc_scheck_rec *r = item;

	r->module = cc__col_text(l, st, 0);
	r->pass = cc__col_real(st, 1);
	return r->module ? 0 : -1;
}

int cc_store_skills_knowledge_checks(struct cc_store *s, const char *programme,
				     struct cc_list *out, struct cc_error *err)
{
	return cc__collect(s, cc__prepare(s, err, "SELECT module, pass FROM skills_knowledge_check "
					  "WHERE programme_id = ? ORDER BY position", "t", programme),
			   out, sizeof(struct cc_scheck_rec), check_row, err);
}

/* The enrolments of the programme (and edition) as a subquery on e. */
#define IN_PROG "JOIN skills_cohort c ON c.id = e.cohort_id WHERE c.programme_id = ?1 AND " \
	"(?2 IS NULL OR c.edition_id = ?2) "

static const char *const tally_sql[] = {
	[CC_ST_STATUS] = "SELECT ev.to_status, NULL, count(DISTINCT e.id), NULL, NULL FROM "
		"skills_enrolment_event ev JOIN skills_enrolment e ON e.id = ev.enrolment_id "
		IN_PROG "AND e.role = 'participant' GROUP BY 1",
	[CC_ST_TRACK_STATUS] = "SELECT c.track_id, ev.to_status, count(DISTINCT e.id), NULL, "
		"NULL FROM skills_enrolment_event ev JOIN skills_enrolment e ON e.id = "
		"ev.enrolment_id " IN_PROG "AND e.role = 'participant' GROUP BY 1, 2 ORDER BY 1, 2",
	[CC_ST_COUNTRY_STATUS] = "SELECT e.country, ev.to_status, count(DISTINCT e.id), NULL, "
		"NULL FROM skills_enrolment_event ev JOIN skills_enrolment e ON e.id = "
		"ev.enrolment_id " IN_PROG "AND e.role = 'participant' GROUP BY 1, 2 ORDER BY 1, 2",
	[CC_ST_ATTENDANCE] = "SELECT s.kind, a.state, count(*), NULL, NULL FROM "
		"skills_attendance a JOIN skills_session s ON s.id = a.session_id JOIN "
		"skills_enrolment e ON e.id = a.enrolment_id " IN_PROG "GROUP BY 1, 2 ORDER BY 1, 2",
	[CC_ST_SATISFIED] = "SELECT x.question, x.kind, count(*), avg(CASE WHEN x.value >= 4 THEN 1.0 ELSE 0.0 END), NULL FROM "
		"skills_answer x JOIN skills_enrolment e ON e.id = x.enrolment_id " IN_PROG
		"AND x.kind IN ('reaction_module', 'reaction_end') GROUP BY 1, 2 ORDER BY 2, 1",
	[CC_ST_PAIRED] = "SELECT b.question, NULL, count(*), avg(b.value), avg(f.value) FROM "
		"skills_answer b JOIN skills_answer f ON f.enrolment_id = b.enrolment_id AND "
		"f.question = b.question AND f.kind = 'self_after' JOIN skills_enrolment e ON "
		"e.id = b.enrolment_id " IN_PROG "AND b.kind = 'self_before' GROUP BY 1 ORDER BY 1",
	[CC_ST_PAIRS] = "SELECT p.status, NULL, count(*), NULL, NULL FROM skills_pair p JOIN "
		"skills_enrolment e ON e.id = p.mentee_id " IN_PROG "GROUP BY 1 ORDER BY 1",
	[CC_ST_OUTCOMES] = "SELECT CAST(o.months AS TEXT), o.outcome, count(DISTINCT "
		"o.enrolment_id), NULL, NULL FROM skills_outcome o JOIN skills_enrolment e ON "
		"e.id = o.enrolment_id " IN_PROG "GROUP BY 1, 2 ORDER BY 1, 2",
	[CC_ST_COHORT_COUNTRY] = "SELECT e.country, NULL, count(DISTINCT e.cohort_id), NULL, "
		"NULL FROM skills_enrolment e " IN_PROG "AND e.role = 'participant' GROUP BY 1 "
		"ORDER BY 1",
	[CC_ST_KNOWLEDGE] = "SELECT p.module, NULL, count(*), avg(p.score), avg(CASE WHEN "
		"p.score >= k.pass THEN 1.0 ELSE 0.0 END) FROM skills_progress p JOIN "
		"skills_knowledge_check k ON k.module = p.module JOIN skills_enrolment e ON e.id = "
		"p.enrolment_id " IN_PROG "AND k.programme_id = ?1 AND e.role = 'participant' AND "
		"p.score IS NOT NULL AND EXISTS (SELECT 1 FROM skills_consent g WHERE g.person_id = "
		"e.person_id AND g.purpose = 'evaluation' AND g.withdrawn_at IS NULL) GROUP BY 1 "
		"ORDER BY 1",
};

static int tally_row(struct cc_list *l, cc__stmt *st, void *item)
{
	struct cc_stally_rec *t = item;

	t->a = cc__col_text(l, st, 0);
	t->b = cc__col_text(l, st, 1);
	t->n = cc__int64(st, 2);
	t->x = cc__col_real(st, 3);
	t->y = cc__col_real(st, 4);
	return t->a ? 0 : -1;
}

int cc_store_skills_tally(struct cc_store *s, enum cc_stally which, const char *programme,
			  const char *edition, struct cc_list *out, struct cc_error *err)
{
	return cc__collect(s, cc__prepare(s, err, tally_sql[which], "tt", programme, edition),
			   out, sizeof(struct cc_stally_rec), tally_row, err);
}

#define OF_PERSON "JOIN skills_enrolment e ON e.id = r.enrolment_id WHERE e.person_id = ? "

static const char *const person_sql[] = {
	[CC_SP_ANSWERS] = "SELECT r.kind, r.question, r.enrolment_id, r.value, NULL FROM "
		"skills_answer r " OF_PERSON "ORDER BY 3, 1, 2",
	[CC_SP_OUTCOMES] = "SELECT CAST(r.months AS TEXT), r.outcome, r.enrolment_id, NULL, NULL "
		"FROM skills_outcome r " OF_PERSON "ORDER BY 3, 1, 2",
	[CC_SP_PROGRESS] = "SELECT r.module, r.completed_at, r.enrolment_id, r.score, NULL FROM "
		"skills_progress r " OF_PERSON "ORDER BY 3, 1",
	[CC_SP_ATTENDANCE] = "SELECT r.session_id, r.state, r.enrolment_id, NULL, NULL FROM "
		"skills_attendance r " OF_PERSON "ORDER BY 3, 1",
};

int cc_store_skills_person_rows(struct cc_store *s, long long person,
				enum cc_sperson_rows which, struct cc_list *out,
				struct cc_error *err)
{
	return cc__collect(s, cc__prepare(s, err, person_sql[which], "I", person),
			   out, sizeof(struct cc_stally_rec), tally_row, err);
}
