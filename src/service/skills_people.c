/*
 * skills_people.c - the people of skills programmes: applying and being
 * enrolled, the enrolment's lifecycle, consents and what withdrawing one
 * does, erasure and export (see skills.h; docs/skills.md, "People and
 * consent").
 */
#include "skills_internal.h"

#include "../core/skills_rules.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char *const purposes[] = {"participation", "evaluation", "sponsor_sharing",
				       "alumni_contact", "photos", NULL};
static const char *const org_kinds[] = {"government", "regulator", "cirt", "private",
					"academia", "civil_society", "international", "other",
					NULL};
static const char *const bands[] = {"0-2", "3-5", "6-10", "11+", NULL};
static const char *const roles[] = {"participant", "mentor", "trainer", NULL};

/* What a person record keeps: nothing else is taken. */
static const char *const person_fields[] = {"name", "email", "country", "org_kind",
					    "experience", NULL};
static const char *const enrol_fields[] = {"person", "role", "consents", "languages",
					   "utc_offset", "goals", "max_mentees", "eligible",
					   NULL};

static int person_body(const json_t *body, const struct cc_snapshot *snap,
		       struct cc_sperson_rec *p, struct cc_error *err)
{
	const json_t *o = json_object_get(body, "person");
	const char *at;
	int rc;

	if (!json_is_object(o))
		return cc_error_set(err, CC_EINPUT, "person", 0, 0, "person is an object {\"name\", "
				    "\"email\", \"country\", \"org_kind\"}");
	if ((rc = cc__sk_only(o, person_fields, "person.", err)))
		return rc;
	if ((rc = cc__ptext(o, "name", false, 200, &p->name, err)) ||
	    (rc = cc__ptext(o, "email", false, 254, &p->email, err)) ||
	    (rc = cc__ptext(o, "country", false, 3, &p->country, err)) ||
	    (rc = cc__pchoice(o, "org_kind", false, org_kinds, &p->org_kind, err)) ||
	    (rc = cc__pchoice(o, "experience", true, bands, &p->experience, err)))
		goto named;
	at = strchr(p->email, '@');
	if (!at || at == p->email || !strchr(at, '.') || strchr(at + 1, '@'))
		return cc_error_set(err, CC_EINPUT, "person.email", 0, 0, "person.email is an "
				    "email address");
	if (!snap || !cc_snapshot_unit(snap, p->country))
		return cc_error_set(err, CC_EINPUT, "person.country", 0, 0, "person.country \"%s\" "
				    "is not a country cybercap knows (ISO 3166 alpha-3)", p->country);
	return CC_OK;
named:
	if (strncmp(err->file, "person.", 7) && strlen(err->file) < sizeof(err->file) - 8) {
		memmove(err->file + 7, err->file, strlen(err->file) + 1);
		memcpy(err->file, "person.", 7);
	}
	return rc;
}

static bool purpose_ok(void *ctx, const char *v)
{
	(void)ctx;
	for (int i = 0; purposes[i]; i++)
		if (strcmp(purposes[i], v) == 0)
			return true;
	return false;
}

static int enrol_body(const json_t *body, struct cc_senrol_rec *e, char **consents,
		      char **langs, char **goals, struct cc_error *err)
{
	long long off = 0, maxm = 2;
	json_t *elig = json_object_get(body, "eligible");
	int rc;

	if ((rc = cc__sk_only(body, enrol_fields, "", err)) ||
	    (rc = cc__pchoice(body, "role", false, roles, &e->role, err)) ||
	    (rc = cc__plist(body, "consents", false, 1, purpose_ok, NULL, consents, err)) ||
	    (rc = cc__plist(body, "languages", true, 0, NULL, NULL, langs, err)) ||
	    (rc = cc__plist(body, "goals", true, 0, NULL, NULL, goals, err)) ||
	    (rc = cc__sk_int(body, "utc_offset", true, -720, 840, &off, err)) ||
	    (rc = cc__sk_int(body, "max_mentees", true, 1, 10, &maxm, err)))
		return rc;
	if (elig && !json_is_boolean(elig))
		return cc_error_set(err, CC_EINPUT, "eligible", 0, 0, "eligible is true or false "
				    "(the person attests that they are eligible)");
	if (!cc__sk_has(*consents, "participation"))
		return cc_error_set(err, CC_EINPUT, "consents", 0, 0, "consents must include "
				    "participation");
	e->utc_offset = (int)off;
	e->max_mentees = (int)maxm;
	e->eligible = json_is_true(elig);
	e->languages = *langs;
	e->goals = *goals;
	return CC_OK;
}

static int give_all(struct cc_store *s, long long person, const char *consents,
		    struct cc_error *err)
{
	json_t *a = cc__sk_list(consents), *item;
	size_t i;
	int rc = CC_OK;

	json_array_foreach(a, i, item)
		if (!rc)
			rc = cc_store_skills_give_consent(s, person, json_string_value(item), err);
	json_decref(a);
	return rc;
}

static int enrol_txn(struct cc_store *s, const struct cc_scaller *c,
		     const struct cc_sperson_rec *p, struct cc_senrol_rec *e,
		     const char *consents, json_t **out, struct cc_error *err)
{
	long long pid, eid;
	bool created;
	char entity[64];
	struct cc_list pl;
	int rc = cc_store_skills_upsert_person(s, p, &pid, &created, err);

	if (rc)
		return rc;
	e->person = pid;
	if ((rc = give_all(s, pid, consents, err)) ||
	    (rc = cc_store_skills_create_enrolment(s, e, cc__sk_actor(c), &eid, err)))
		return rc;
	if ((rc = cc_store_skills_enrolment(s, eid, &pl, err)))
		return rc;
	*out = cc__sk_enrolment_json(pl.items, p, true);
	cc_list_free(&pl);
	json_object_set_new(json_object_get(*out, "person"), "id", json_integer(pid));
	snprintf(entity, sizeof(entity), "enrolment:%lld", eid);
	return cc__sk_audit(s, c, "skills.enrol", entity, *out, err);
}

int cc_skills_enrol(struct cc_store *s, const struct cc_scaller *c,
		    const struct cc_snapshot *snap, const char *cohort, const json_t *body,
		    json_t **out, struct cc_error *err)
{
	struct cc_sperson_rec p = {0};
	struct cc_senrol_rec e = {.cohort = cohort, .status = "applied"};
	char *consents = NULL, *langs = NULL, *goals = NULL;
	struct cc_list co;
	bool team;
	int rc = cc_store_skills_cohort(s, cohort, &co, err);

	if (rc)
		return rc;
	team = cc_scaller_team(c, ((struct cc_scohort_rec *)co.items)->programme);
	cc_list_free(&co);
	if ((rc = person_body(body, snap, &p, err)) ||
	    (rc = enrol_body(body, &e, &consents, &langs, &goals, err)))
		goto out;
	e.country = p.country;
	if (!team && !(c->p && c->p->id && strcasecmp(c->p->email, p.email) == 0 &&
		       strcmp(e.role, "participant") == 0)) {
		rc = cc__sk_forbidden(err, "enrolling someone else (apply under your own email)");
		goto out;
	}
	if (!(rc = cc_store_begin(s, err))) {
		rc = enrol_txn(s, c, &p, &e, consents, out, err);
		rc = rc ? (cc_store_rollback(s), rc) : cc_store_commit(s, err);
	}
out:
	free(consents);
	free(langs);
	free(goals);
	return rc;
}

/* May c see person's record: themselves, an admin, or the coordinator of
 * a programme they are enrolled in. */
static bool sees_person(struct cc_store *s, const struct cc_scaller *c, long long person)
{
	struct cc_list l;
	bool yes = false;

	if (c->admin || (c->person && c->person == person))
		return true;
	if (cc_store_skills_person_enrolments(s, person, &l, NULL))
		return false;
	for (int i = 0; i < l.n && !yes; i++) {
		struct cc_list co;

		if (cc_store_skills_cohort(s, ((struct cc_senrol_rec *)l.items)[i].cohort, &co,
					   NULL))
			continue;
		yes = cc_scaller_team(c, ((struct cc_scohort_rec *)co.items)->programme);
		cc_list_free(&co);
	}
	cc_list_free(&l);
	return yes;
}

int cc_skills_enrolment_json(struct cc_store *s, const struct cc_scaller *c, long long id,
			     json_t **out, struct cc_error *err)
{
	struct cc_list e, co, pl;
	const struct cc_senrol_rec *er;
	bool team, self, trainer, have;
	int rc = cc__sk_enrolment(s, c, id, &e, &co, &team, &self, err);

	if (rc)
		return rc;
	er = e.items;
	trainer = !team && !self && cc__sk_in_cohort(s, c, er->cohort, "trainer");
	if (!team && !self && !trainer) {
		rc = cc__sk_forbidden(err, "reading this enrolment");
	} else {
		have = er->person && !cc_store_skills_person(s, er->person, &pl, err);
		*out = cc__sk_enrolment_json(er, have ? pl.items : NULL, team || self);
		if (have)
			cc_list_free(&pl);
	}
	cc_list_free(&e);
	cc_list_free(&co);
	return rc;
}

static int move_txn(struct cc_store *s, const struct cc_scaller *c,
		    const struct cc_senrol_rec *e, const struct cc_scohort_rec *co,
		    const char *to, const char *reason, struct cc_error *err)
{
	char entity[64];
	json_t *after;
	int rc = CC_OK;

	if (strcmp(to, "selected") == 0 && strcmp(e->role, "participant") == 0) {
		long long taken = 0;

		if ((rc = cc_store_skills_places_taken(s, e->cohort, &taken, err)))
			return rc;
		if (taken >= co->capacity)
			return cc_error_set(err, CC_ECONFLICT, "status", 0, 0, "cohort %s is full "
					    "(%d places): waitlist instead", co->id, co->capacity);
	}
	if ((rc = cc_store_skills_move_enrolment(s, e->id, e->status, to, reason,
						 cc__sk_actor(c), err)))
		return rc;
	snprintf(entity, sizeof(entity), "enrolment:%lld", e->id);
	after = json_pack("{s:s,s:s,s:s?}", "from", e->status, "status", to, "reason", reason);
	rc = cc__sk_audit(s, c, "skills.enrolment.move", entity, after, err);
	json_decref(after);
	return rc;
}

int cc_skills_move(struct cc_store *s, const struct cc_scaller *c, long long id,
		   const json_t *body, json_t **out, struct cc_error *err)
{
	static const char *const fields[] = {"status", "reason", NULL};
	struct cc_list e, co;
	const struct cc_senrol_rec *er;
	const char *to, *reason;
	bool team, self;
	int rc = cc__sk_enrolment(s, c, id, &e, &co, &team, &self, err);

	if (rc)
		return rc;
	er = e.items;
	if (!team && !self) {
		rc = cc__sk_forbidden(err, "moving this enrolment");
		goto out;
	}
	if ((rc = cc__sk_only(body, fields, "", err)) ||
	    (rc = cc__pchoice(body, "status", false, cc_enrol_statuses, &to, err)) ||
	    (rc = cc__ptext(body, "reason", true, CC_SK_TEXT_MAX, &reason, err)))
		goto out;
	if (!team && strcmp(to, "withdrawn") != 0) {
		rc = cc__sk_forbidden(err, "this move (a participant may only withdraw)");
	} else if (!cc_enrol_move_ok(er->status, to)) {
		rc = cc_error_set(err, CC_ECONFLICT, "status", 0, 0, "an enrolment that is %s "
				  "cannot become %s", er->status, to);
	} else if (cc_enrol_needs_reason(to) && !reason) {
		rc = cc_error_set(err, CC_EINPUT, "reason", 0, 0, "a move to %s needs a reason", to);
	} else if (!(rc = cc_store_begin(s, err))) {
		rc = move_txn(s, c, er, co.items, to, reason, err);
		rc = rc ? (cc_store_rollback(s), rc) : cc_store_commit(s, err);
	}
	if (!rc) {
		cc_list_free(&e);
		cc_list_free(&co);
		return cc_skills_enrolment_json(s, c, id, out, err);
	}
out:
	cc_list_free(&e);
	cc_list_free(&co);
	return rc;
}

static json_t *consents_json(struct cc_store *s, long long person, struct cc_error *err)
{
	struct cc_list l;
	json_t *a;

	if (cc_store_skills_consents(s, person, &l, err))
		return NULL;
	a = json_array();
	for (int i = 0; i < l.n; i++) {
		const struct cc_sconsent_rec *r = &((struct cc_sconsent_rec *)l.items)[i];
		json_array_append_new(a, json_pack("{s:s,s:s,s:s?}", "purpose", r->purpose,
						   "given_at", r->given_at, "withdrawn_at",
						   r->withdrawn_at));
	}
	cc_list_free(&l);
	return a;
}

static int person_exists(struct cc_store *s, const struct cc_scaller *c, long long person,
			 const char *what, struct cc_error *err)
{
	struct cc_list l;
	int rc = cc_store_skills_person(s, person, &l, err);

	if (rc)
		return rc;
	cc_list_free(&l);
	return sees_person(s, c, person) ? CC_OK : cc__sk_forbidden(err, what);
}

int cc_skills_give_consent(struct cc_store *s, const struct cc_scaller *c, long long person,
			   const json_t *body, json_t **out, struct cc_error *err)
{
	const char *purpose;
	char entity[64];
	int rc;

	if ((rc = person_exists(s, c, person, "changing this person's consents", err)) ||
	    (rc = cc__pchoice(body, "purpose", false, purposes, &purpose, err)))
		return rc;
	snprintf(entity, sizeof(entity), "person:%lld", person);
	if ((rc = cc_store_begin(s, err)))
		return rc;
	if (!(rc = cc_store_skills_give_consent(s, person, purpose, err)))
		rc = cc__sk_audit_kv(s, c, "skills.consent.give", entity, "purpose", purpose,
				     err);
	if (rc) {
		cc_store_rollback(s);
		return rc;
	}
	if ((rc = cc_store_commit(s, err)))
		return rc;
	*out = json_pack("{s:I,s:o}", "person", person, "consents", consents_json(s, person, err));
	return CC_OK;
}

/* Participation withdrawn: every enrolment that may be withdrawn is, and
 * the pairs of those enrolments are cancelled. *n: enrolments moved. */
static int withdraw_all(struct cc_store *s, const struct cc_scaller *c, long long person,
			int *n, struct cc_error *err)
{
	struct cc_list l;
	int rc = cc_store_skills_person_enrolments(s, person, &l, err);

	*n = 0;
	for (int i = 0; !rc && i < l.n; i++) {
		const struct cc_senrol_rec *e = &((struct cc_senrol_rec *)l.items)[i];
		struct cc_list pa;

		if (!cc_enrol_move_ok(e->status, "withdrawn"))
			continue;
		rc = cc_store_skills_move_enrolment(s, e->id, e->status, "withdrawn",
						    "consent for participation withdrawn",
						    cc__sk_actor(c), err);
		++*n;
		if (rc || (rc = cc_store_skills_pairs(s, e->cohort, &pa, err)))
			break;
		for (int k = 0; !rc && k < pa.n; k++) {
			const struct cc_spair_rec *p = &((struct cc_spair_rec *)pa.items)[k];
			if ((p->mentor == e->id || p->mentee == e->id) &&
			    cc_pair_move_ok(p->status, "cancelled"))
				rc = cc_store_skills_move_pair(s, p->id, p->status, "cancelled", err);
		}
		cc_list_free(&pa);
	}
	cc_list_free(&l);
	return rc;
}

static const char *effect_of(const char *purpose)
{
	if (strcmp(purpose, "participation") == 0)
		return "the person's open enrolments are withdrawn and their mentoring pairs "
		       "cancelled; counts already made keep them";
	if (strcmp(purpose, "evaluation") == 0)
		return "the person's survey answers and follow-up outcomes are deleted and no "
		       "new ones are taken";
	if (strcmp(purpose, "sponsor_sharing") == 0)
		return "nothing about the person goes to sponsors beyond suppressed counts";
	if (strcmp(purpose, "alumni_contact") == 0)
		return "the person is not contacted as an alumna or alumnus";
	return "photos of the person are not used (cybercap keeps none)";
}

int cc_skills_withdraw_consent(struct cc_store *s, const struct cc_scaller *c,
			       long long person, const char *purpose, json_t **out,
			       struct cc_error *err)
{
	char entity[64];
	int rc, moved = 0;

	if ((rc = person_exists(s, c, person, "changing this person's consents", err)))
		return rc;
	if (!purpose_ok(NULL, purpose))
		return cc_error_set(err, CC_EINPUT, "purpose", 0, 0, "purpose is one of "
				    "participation, evaluation, sponsor_sharing, alumni_contact, "
				    "photos");
	snprintf(entity, sizeof(entity), "person:%lld", person);
	if ((rc = cc_store_begin(s, err)))
		return rc;
	rc = cc_store_skills_withdraw_consent(s, person, purpose, err);
	if (!rc && strcmp(purpose, "participation") == 0)
		rc = withdraw_all(s, c, person, &moved, err);
	if (!rc && strcmp(purpose, "evaluation") == 0)
		rc = cc_store_skills_forget_evaluation(s, person, err);
	if (!rc)
		rc = cc__sk_audit_kv(s, c, "skills.consent.withdraw", entity, "purpose",
				     purpose, err);
	if (rc) {
		cc_store_rollback(s);
		return rc;
	}
	if ((rc = cc_store_commit(s, err)))
		return rc;
	*out = json_pack("{s:I,s:s,s:s,s:i,s:o}", "person", person, "purpose", purpose, "effect",
			 effect_of(purpose), "enrolments_withdrawn", moved, "consents",
			 consents_json(s, person, err));
	return CC_OK;
}

int cc_skills_erase(struct cc_store *s, const struct cc_scaller *c, long long person,
		    struct cc_error *err)
{
	char entity[64];
	int rc;

	if ((rc = person_exists(s, c, person, "erasing this person", err)))
		return rc;
	snprintf(entity, sizeof(entity), "person:%lld", person);
	if ((rc = cc_store_begin(s, err)))
		return rc;
	if (!(rc = cc_store_skills_erase_person(s, person, err)))
		rc = cc__sk_audit_kv(s, c, "skills.person.erase", entity, NULL, NULL, err);
	if (rc) {
		cc_store_rollback(s);
		return rc;
	}
	return cc_store_commit(s, err);
}

static json_t *rows_json(struct cc_store *s, long long person, enum cc_sperson_rows which,
			 const char *ka, const char *kb, const char *kx, struct cc_error *err)
{
	struct cc_list l;
	json_t *a = json_array();

	if (cc_store_skills_person_rows(s, person, which, &l, err))
		return a;
	for (int i = 0; i < l.n; i++) {
		const struct cc_stally_rec *r = &((struct cc_stally_rec *)l.items)[i];
		json_t *o = json_pack("{s:I,s:s,s:s?}", "enrolment", r->n, ka, r->a, kb, r->b);

		if (kx)
			json_object_set_new(o, kx, isnan(r->x) ? json_null() : json_real(r->x));
		json_array_append_new(a, o);
	}
	cc_list_free(&l);
	return a;
}

int cc__sk_person_json(struct cc_store *s, long long person, json_t **out, struct cc_error *err)
{
	struct cc_list pl, el;
	const struct cc_sperson_rec *p;
	json_t *ens;
	int rc = cc_store_skills_person(s, person, &pl, err);

	if (rc)
		return rc;
	if ((rc = cc_store_skills_person_enrolments(s, person, &el, err))) {
		cc_list_free(&pl);
		return rc;
	}
	p = pl.items;
	ens = json_array();
	for (int i = 0; i < el.n; i++) {
		json_t *o = cc__sk_enrolment_json(&((struct cc_senrol_rec *)el.items)[i], NULL, false);
		json_object_del(o, "person");
		json_array_append_new(ens, o);
	}
	*out = json_pack("{s:{s:I,s:s,s:s,s:s,s:s,s:s?,s:s},s:o,s:o}", "person", "id", p->id,
			 "name", p->name, "email", p->email, "country", p->country, "org_kind",
			 p->org_kind, "experience", p->experience, "created_at", p->created_at,
			 "consents", consents_json(s, person, err), "enrolments", ens);
	cc_list_free(&pl);
	cc_list_free(&el);
	return *out ? CC_OK : CC_ENOMEM;
}

int cc_skills_export(struct cc_store *s, const struct cc_scaller *c, long long person,
		     json_t **out, struct cc_error *err)
{
	int rc;

	if ((rc = person_exists(s, c, person, "exporting this person's data", err)) ||
	    (rc = cc__sk_person_json(s, person, out, err)))
		return rc;
	json_object_set_new(*out, "answers", rows_json(s, person, CC_SP_ANSWERS, "kind",
						       "question", "value", err));
	json_object_set_new(*out, "outcomes", rows_json(s, person, CC_SP_OUTCOMES, "months",
							"outcome", NULL, err));
	json_object_set_new(*out, "progress", rows_json(s, person, CC_SP_PROGRESS, "module",
							"completed_at", "score", err));
	json_object_set_new(*out, "attendance", rows_json(s, person, CC_SP_ATTENDANCE,
							  "session", "state", NULL, err));
	return CC_OK;
}
