/*
 * skills_people.c - the people of skills programmes: person
 * records, consents per purpose, enrolments and their moves, and erasure
 * (see store_skills.h).
 */
#include "store_internal.h"
#include "store_skills.h"


int cc_store_skills_upsert_person(struct cc_store *s, const struct cc_sperson_rec *p,
				  long long *id, bool *created, struct cc_error *err)
{
	int rc = cc__one_int64(s, cc__prepare(s, err, "SELECT id FROM skills_person WHERE "
					      "email = ? COLLATE NOCASE", "t", p->email),
			       id, "person", err);

	*created = false;
	if (rc != CC_ENOTFOUND)
		return rc;
	cc_error_clear(err);
	rc = cc__run(s, err, "INSERT INTO skills_person (name, email, country, org_kind, "
		     "experience, user_id, created_at) VALUES (?, ?, ?, ?, ?, (SELECT id FROM "
		     "user WHERE email = ? COLLATE NOCASE), " NOW ")", "tttttt", p->name, p->email,
		     p->country, p->org_kind, p->experience, p->email);
	if (rc)
		return rc;
	*id = cc__last_id(s);
	*created = true;
	return CC_OK;
}

static int person_row(struct cc_list *l, cc__stmt *st, void *item)
{
	struct cc_sperson_rec *p = item;

	p->id = cc__int64(st, 0);
	p->name = cc__col_text(l, st, 1);
	p->email = cc__col_text(l, st, 2);
	p->country = cc__col_text(l, st, 3);
	p->org_kind = cc__col_text(l, st, 4);
	p->experience = cc__col_text(l, st, 5);
	p->user = cc__int64(st, 6);
	p->created_at = cc__col_text(l, st, 7);
	return p->name && p->email && p->country && p->org_kind ? 0 : -1;
}

int cc_store_skills_person(struct cc_store *s, long long id, struct cc_list *out,
			   struct cc_error *err)
{
	int rc = cc__collect(s, cc__prepare(s, err, "SELECT id, name, email, country, org_kind, "
					    "experience, user_id, created_at FROM skills_person "
					    "WHERE id = ?", "I", id),
			     out, sizeof(struct cc_sperson_rec), person_row, err);

	if (!rc && out->n == 0) {
		cc_list_free(out);
		return cc_error_set(err, CC_ENOTFOUND, "person", 0, 0, "no person %lld", id);
	}
	return rc;
}

int cc_store_skills_person_of_user(struct cc_store *s, long long user, long long *id,
				   struct cc_error *err)
{
	return cc__one_int64(s, cc__prepare(s, err, "SELECT id FROM skills_person WHERE "
					    "user_id = ?", "I", user), id, "person", err);
}

/* The statements of an erasure, each with the person's id bound once. */
static const char *const erase_sql[] = {
	"DELETE FROM skills_answer WHERE enrolment_id IN (SELECT id FROM skills_enrolment "
	"WHERE person_id = ?)",
	"DELETE FROM skills_outcome WHERE enrolment_id IN (SELECT id FROM skills_enrolment "
	"WHERE person_id = ?)",
	"DELETE FROM skills_progress WHERE enrolment_id IN (SELECT id FROM skills_enrolment "
	"WHERE person_id = ?)",
	"UPDATE skills_meeting SET notes = NULL WHERE pair_id IN (SELECT p.id FROM skills_pair p "
	"JOIN skills_enrolment e ON e.id IN (p.mentor_id, p.mentee_id) WHERE e.person_id = ?)",
	"UPDATE skills_goal SET text = NULL WHERE pair_id IN (SELECT p.id FROM skills_pair p "
	"JOIN skills_enrolment e ON e.id IN (p.mentor_id, p.mentee_id) WHERE e.person_id = ?)",
	"UPDATE skills_enrolment_event SET reason = NULL WHERE enrolment_id IN (SELECT id FROM "
	"skills_enrolment WHERE person_id = ?)",
	"UPDATE skills_enrolment SET reason = NULL, languages = '[]', goals = '[]', "
	"person_id = NULL WHERE person_id = ?",
	"DELETE FROM skills_consent WHERE person_id = ?",
	"DELETE FROM skills_person WHERE id = ?",
};

int cc_store_skills_erase_person(struct cc_store *s, long long id, struct cc_error *err)
{
	int rc = CC_OK;

	for (size_t i = 0; !rc && i < sizeof(erase_sql) / sizeof(erase_sql[0]); i++)
		rc = cc__run(s, err, erase_sql[i], "I", id);
	if (!rc && cc__changes(s) == 0)
		return cc_error_set(err, CC_ENOTFOUND, "person", 0, 0, "no person %lld", id);
	return rc;
}

int cc_store_skills_give_consent(struct cc_store *s, long long person, const char *purpose,
				 struct cc_error *err)
{
	return cc__run(s, err, "INSERT INTO skills_consent (person_id, purpose, given_at) SELECT "
		       "?, ?, " NOW " WHERE NOT EXISTS (SELECT 1 FROM skills_consent WHERE "
		       "person_id = ? AND purpose = ? AND withdrawn_at IS NULL)", "ItIt", person,
		       purpose, person, purpose);
}

int cc_store_skills_withdraw_consent(struct cc_store *s, long long person,
				     const char *purpose, struct cc_error *err)
{
	int rc = cc__run(s, err, "UPDATE skills_consent SET withdrawn_at = " NOW " WHERE "
			 "person_id = ? AND purpose = ? AND withdrawn_at IS NULL", "It", person,
			 purpose);

	if (!rc && cc__changes(s) == 0)
		return cc_error_set(err, CC_ENOTFOUND, "purpose", 0, 0, "no consent for %s in "
				    "force", purpose);
	return rc;
}

static int consent_row(struct cc_list *l, cc__stmt *st, void *item)
{
	struct cc_sconsent_rec *c = item;

	c->purpose = cc__col_text(l, st, 0);
	c->given_at = cc__col_text(l, st, 1);
	c->withdrawn_at = cc__col_text(l, st, 2);
	return c->purpose && c->given_at ? 0 : -1;
}

int cc_store_skills_consents(struct cc_store *s, long long person, struct cc_list *out,
			     struct cc_error *err)
{
	return cc__collect(s, cc__prepare(s, err, "SELECT purpose, given_at, withdrawn_at FROM "
					  "skills_consent WHERE person_id = ? ORDER BY id", "I",
					  person),
			   out, sizeof(struct cc_sconsent_rec), consent_row, err);
}

int cc_store_skills_has_consent(struct cc_store *s, long long person, const char *purpose,
				bool *yes, struct cc_error *err)
{
	long long n = 0;
	int rc = cc__scalar(s, cc__prepare(s, err, "SELECT count(*) FROM skills_consent WHERE "
					   "person_id = ? AND purpose = ? AND withdrawn_at IS "
					   "NULL", "It", person, purpose), &n, err);

	*yes = n > 0;
	return rc;
}

static int event(struct cc_store *s, long long id, const char *from, const char *to,
		 const char *reason, const char *by, struct cc_error *err)
{
	return cc__run(s, err, "INSERT INTO skills_enrolment_event (enrolment_id, from_status, "
		       "to_status, reason, by, at) VALUES (?, ?, ?, ?, ?, " NOW ")", "Itttt", id,
		       from, to, reason, by);
}

int cc_store_skills_create_enrolment(struct cc_store *s, const struct cc_senrol_rec *e,
				     const char *by, long long *id, struct cc_error *err)
{
	int rc = cc__run(s, err, "INSERT INTO skills_enrolment (cohort_id, person_id, country, "
			 "role, status, reason, languages, utc_offset, goals, max_mentees, "
			 "eligible, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
			 "?, " NOW ", " NOW ")", "tItttttitii", e->cohort, e->person, e->country,
			 e->role, e->status, e->reason, e->languages, e->utc_offset, e->goals,
			 e->max_mentees, e->eligible);

	if (rc == CC_ECONFLICT)
		return cc_error_set(err, CC_ECONFLICT, "person", 0, 0, "this person is already "
				    "enrolled in cohort %s as %s", e->cohort, e->role);
	if (rc)
		return rc;
	*id = cc__last_id(s);
	return event(s, *id, NULL, e->status, e->reason, by, err);
}

static int enrol_row(struct cc_list *l, cc__stmt *st, void *item)
{
	struct cc_senrol_rec *e = item;

	e->id = cc__int64(st, 0);
	e->cohort = cc__col_text(l, st, 1);
	e->person = cc__int64(st, 2);
	e->country = cc__col_text(l, st, 3);
	e->role = cc__col_text(l, st, 4);
	e->status = cc__col_text(l, st, 5);
	e->reason = cc__col_text(l, st, 6);
	e->languages = cc__col_text(l, st, 7);
	e->utc_offset = cc__int(st, 8);
	e->goals = cc__col_text(l, st, 9);
	e->max_mentees = cc__int(st, 10);
	e->eligible = cc__int(st, 11);
	e->created_at = cc__col_text(l, st, 12);
	e->updated_at = cc__col_text(l, st, 13);
	e->user = cc__int64(st, 14);
	return e->cohort && e->role && e->status && e->languages && e->goals ? 0 : -1;
}

#define ENROL_SELECT "SELECT e.id, e.cohort_id, e.person_id, e.country, e.role, e.status, " \
	"e.reason, e.languages, e.utc_offset, e.goals, e.max_mentees, e.eligible, " \
	"e.created_at, e.updated_at, p.user_id FROM skills_enrolment e LEFT JOIN " \
	"skills_person p ON p.id = e.person_id "

int cc_store_skills_enrolment(struct cc_store *s, long long id, struct cc_list *out,
			      struct cc_error *err)
{
	int rc = cc__collect(s, cc__prepare(s, err, ENROL_SELECT "WHERE e.id = ?", "I", id),
			     out, sizeof(struct cc_senrol_rec), enrol_row, err);

	if (!rc && out->n == 0) {
		cc_list_free(out);
		return cc_error_set(err, CC_ENOTFOUND, "enrolment", 0, 0, "no enrolment %lld", id);
	}
	return rc;
}

int cc_store_skills_enrolments(struct cc_store *s, const char *cohort, const char *status,
			       struct cc_list *out, struct cc_error *err)
{
	return cc__collect(s, cc__prepare(s, err, ENROL_SELECT "WHERE e.cohort_id = ? AND "
					  "(? IS NULL OR e.status = ?) ORDER BY e.id", "ttt",
					  cohort, status, status),
			   out, sizeof(struct cc_senrol_rec), enrol_row, err);
}

int cc_store_skills_person_enrolments(struct cc_store *s, long long person,
				      struct cc_list *out, struct cc_error *err)
{
	return cc__collect(s, cc__prepare(s, err, ENROL_SELECT "WHERE e.person_id = ? ORDER BY "
					  "e.id", "I", person),
			   out, sizeof(struct cc_senrol_rec), enrol_row, err);
}

int cc_store_skills_move_enrolment(struct cc_store *s, long long id, const char *from,
				   const char *to, const char *reason, const char *by,
				   struct cc_error *err)
{
	int rc = cc__run(s, err, "UPDATE skills_enrolment SET status = ?, reason = ?, "
			 "updated_at = " NOW " WHERE id = ? AND status = ?", "ttIt", to, reason,
			 id, from);

	if (!rc && cc__changes(s) == 0)
		return cc_error_set(err, CC_ECONFLICT, "status", 0, 0, "enrolment %lld is no "
				    "longer %s", id, from);
	return rc ? rc : event(s, id, from, to, reason, by, err);
}

int cc_store_skills_places_taken(struct cc_store *s, const char *cohort, long long *n,
				 struct cc_error *err)
{
	return cc__scalar(s, cc__prepare(s, err, "SELECT count(*) FROM skills_enrolment WHERE "
					 "cohort_id = ? AND role = 'participant' AND status IN "
					 "('selected', 'enrolled', 'active')", "t", cohort), n, err);
}
