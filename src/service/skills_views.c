/*
 * skills_views.c - what the team and the cohort's trainers read (a
 * programme with its tracks and cohorts, a cohort with its enrolments,
 * sessions and pairs), the evaluation's survey links, and the caller's
 * place in a cohort shared by the skills*.c files (see skills.h).
 */
#include "skills_internal.h"

#include "txn.h"

#include "../core/skills_rules.h"

#include <stdio.h>
#include <string.h>

bool cc__sk_in_cohort(struct cc_store *s, const struct cc_scaller *c, const char *cohort,
		      const char *role)
{
	struct cc_list l;
	bool yes = false;

	if (!c->person || cc_store_skills_person_enrolments(s, c->person, &l, NULL))
		return false;
	for (int i = 0; i < l.n && !yes; i++) {
		const struct cc_senrol_rec *e = &((struct cc_senrol_rec *)l.items)[i];

		yes = strcmp(e->cohort, cohort) == 0 && strcmp(e->role, role) == 0 &&
		      cc_enrol_takes_part(e->status);
	}
	cc_list_free(&l);
	return yes;
}

int cc__sk_cohort(struct cc_store *s, const struct cc_scaller *c, const char *cohort,
		  unsigned roles, struct cc_list *out, bool *team, struct cc_error *err)
{
	static const char *const names[] = {"trainer", "mentor", "participant"};
	const struct cc_scohort_rec *co;
	int rc = cc_store_skills_cohort(s, cohort, out, err);

	if (rc)
		return rc;
	co = out->items;
	*team = cc_scaller_team(c, co->programme);
	if (*team)
		return CC_OK;
	for (unsigned k = 0; k < 3; k++)
		if ((roles & (1u << k)) && cc__sk_in_cohort(s, c, cohort, names[k]))
			return CC_OK;
	cc_list_free(out);
	return cc__sk_forbidden(err, "this in the cohort");
}

int cc__sk_enrolment(struct cc_store *s, const struct cc_scaller *c, long long id,
		     struct cc_list *e, struct cc_list *co, bool *team, bool *self,
		     struct cc_error *err)
{
	const struct cc_senrol_rec *er;
	int rc = cc_store_skills_enrolment(s, id, e, err);

	if (rc)
		return rc;
	er = e->items;
	rc = cc_store_skills_cohort(s, er->cohort, co, err);
	if (rc) {
		cc_list_free(e);
		return rc;
	}
	*team = cc_scaller_team(c, ((struct cc_scohort_rec *)co->items)->programme);
	*self = c->person && c->person == er->person;
	return CC_OK;
}

json_t *cc__sk_enrolment_json(const struct cc_senrol_rec *e, const struct cc_sperson_rec *p,
			      bool with_email)
{
	json_t *o = json_pack("{s:I,s:s,s:s,s:s,s:s?,s:s,s:o,s:i,s:o,s:i,s:b,s:s,s:s}", "id",
			      e->id, "cohort", e->cohort, "role", e->role, "status", e->status,
			      "reason", e->reason, "country", e->country, "languages",
			      cc__sk_list(e->languages), "utc_offset", e->utc_offset, "goals",
			      cc__sk_list(e->goals), "max_mentees", e->max_mentees, "eligible",
			      e->eligible, "created_at", e->created_at, "updated_at", e->updated_at);

	if (!o)
		return NULL;
	if (p)
		json_object_set_new(o, "person", json_pack("{s:I,s:s,s:s?,s:s,s:s,s:s?}", "id", p->id,
							   "name", p->name, "email",
							   with_email ? p->email : NULL, "country",
							   p->country, "org_kind", p->org_kind,
							   "experience", p->experience));
	else
		json_object_set_new(o, "person", json_null());
	return o;
}

json_t *cc__sk_pair_json(const struct cc_spair_rec *p)
{
	return json_pack("{s:I,s:s,s:I,s:I,s:s,s:o,s:b,s:s,s:s}", "id", p->id, "cohort", p->cohort,
			 "mentor", p->mentor, "mentee", p->mentee, "status", p->status, "reasons",
			 cc__sk_list(p->reasons), "overridden", p->overridden, "created_at",
			 p->created_at, "updated_at", p->updated_at);
}

static json_t *cohort_json(const struct cc_scohort_rec *c)
{
	return json_pack("{s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:i}", "id", c->id, "programme",
			 c->programme, "edition", c->edition, "track", c->track, "name", c->name,
			 "region", c->region, "language", c->language, "capacity", c->capacity);
}

int cc_skills_programme_json(struct cc_store *s, const struct cc_scaller *c, const char *prog,
			     json_t **out, struct cc_error *err)
{
	struct cc_list p, t, co, sv;
	const struct cc_sprog_rec *pr;
	json_t *tracks, *cohorts, *surveys;
	int rc = cc_store_skills_programme(s, prog, &p, err);

	if (rc)
		return rc;
	if (!cc_scaller_team(c, prog) && !cc_scaller_sponsor(c, prog)) {
		cc_list_free(&p);
		return cc__sk_forbidden(err, "reading this programme");
	}
	pr = p.items;
	if ((rc = cc_store_skills_tracks(s, prog, &t, err))) {
		cc_list_free(&p);
		return rc;
	}
	if ((rc = cc_store_skills_cohorts(s, prog, NULL, &co, err))) {
		cc_list_free(&p);
		cc_list_free(&t);
		return rc;
	}
	tracks = json_array();
	cohorts = json_array();
	surveys = json_object();
	for (int i = 0; i < t.n; i++) {
		const struct cc_strack_rec *tr = &((struct cc_strack_rec *)t.items)[i];
		json_array_append_new(tracks, json_pack("{s:s,s:s,s:o}", "id", tr->id, "name",
							tr->name, "competencies",
							cc__sk_list(tr->competencies)));
	}
	for (int i = 0; i < co.n; i++)
		json_array_append_new(cohorts, cohort_json(&((struct cc_scohort_rec *)co.items)[i]));
	if (!(rc = cc_store_skills_surveys(s, prog, &sv, err))) {
		for (int i = 0; i < sv.n; i++) {
			const struct cc_ssurvey_rec *r = &((struct cc_ssurvey_rec *)sv.items)[i];
			json_object_set_new(surveys, r->kind, json_pack("{s:s,s:s}", "framework",
									 r->framework, "version",
									 r->version));
		}
		cc_list_free(&sv);
	}
	*out = json_pack("{s:s,s:s,s:o,s:o,s:o,s:o,s:o,s:o}", "id", pr->id, "name", pr->name,
			 "sponsors", cc__sk_list(pr->sponsors), "partners",
			 cc__sk_list(pr->partners), "tracks", tracks, "cohorts", cohorts,
			 "surveys", surveys, "knowledge_checks", cc__sk_knowledge_checks(s, prog));
	cc_list_free(&p);
	cc_list_free(&t);
	cc_list_free(&co);
	return rc;
}

/* The cohort's sessions, each with its attendance {"<enrolment>": state}. */
static json_t *sessions_json(struct cc_store *s, const char *cohort, struct cc_error *err)
{
	struct cc_list se, at;
	json_t *a = json_array();

	if (cc_store_skills_sessions(s, cohort, &se, err))
		return a;
	if (cc_store_skills_cohort_attendance(s, cohort, &at, err)) {
		cc_list_free(&se);
		return a;
	}
	for (int i = 0; i < se.n; i++) {
		const struct cc_ssession_rec *r = &((struct cc_ssession_rec *)se.items)[i];
		json_t *marks = json_object();
		char key[32];

		for (int k = 0; k < at.n; k++) {
			const struct cc_sattend_rec *x = &((struct cc_sattend_rec *)at.items)[k];
			if (strcmp(x->session, r->id))
				continue;
			snprintf(key, sizeof(key), "%lld", x->enrolment);
			json_object_set_new(marks, key, json_string(x->state));
		}
		json_array_append_new(a, json_pack("{s:s,s:s,s:s,s:s,s:i,s:o}", "id", r->id, "kind",
						   r->kind, "title", r->title, "starts", r->starts,
						   "minutes", r->minutes, "attendance", marks));
	}
	cc_list_free(&se);
	cc_list_free(&at);
	return a;
}

int cc_skills_cohort_json(struct cc_store *s, const struct cc_scaller *c, const char *cohort,
			  json_t **out, struct cc_error *err)
{
	struct cc_list co, en, pa;
	bool team;
	json_t *people, *pairs;
	int rc = cc__sk_cohort(s, c, cohort, CC_SK_TRAINER, &co, &team, err);

	if (rc)
		return rc;
	if ((rc = cc_store_skills_enrolments(s, cohort, NULL, &en, err))) {
		cc_list_free(&co);
		return rc;
	}
	people = json_array();
	for (int i = 0; !rc && i < en.n; i++) {
		const struct cc_senrol_rec *e = &((struct cc_senrol_rec *)en.items)[i];
		struct cc_list pl;
		bool have = e->person && !cc_store_skills_person(s, e->person, &pl, err);

		json_array_append_new(people, cc__sk_enrolment_json(e, have ? pl.items : NULL,
								    team));
		if (have)
			cc_list_free(&pl);
	}
	pairs = json_array();
	if (!(rc = cc_store_skills_pairs(s, cohort, &pa, err))) {
		for (int i = 0; i < pa.n; i++)
			json_array_append_new(pairs, cc__sk_pair_json(&((struct cc_spair_rec *)
									pa.items)[i]));
		cc_list_free(&pa);
	}
	*out = cohort_json(co.items);
	json_object_set_new(*out, "enrolments", people);
	json_object_set_new(*out, "pairs", pairs);
	json_object_set_new(*out, "sessions", sessions_json(s, cohort, err));
	cc_list_free(&en);
	cc_list_free(&co);
	return rc;
}

static int set_survey(struct cc_store *s, const struct cc_scaller *c, const char *prog,
		      const char *kind, const char *fw, const char *version, const char *entity,
		      const json_t *after, struct cc_error *err)
{
	int rc = cc_store_skills_set_survey(s, prog, kind, fw, version, err);

	return rc ? rc : cc__sk_audit(s, c, "skills.survey.set", entity, after, err);
}

int cc_skills_set_survey(struct cc_store *s, const struct cc_scaller *c, const char *prog,
			 const struct cc_snapshot *snap, const json_t *body, json_t **out,
			 struct cc_error *err)
{
	static const char *const kinds[] = {"reaction_module", "reaction_end", "self_before",
					    "self_after", NULL};
	const char *kind, *fw, *version;
	struct cc_list p;
	char entity[100];
	int rc;

	if ((rc = cc_store_skills_programme(s, prog, &p, err)))
		return rc;
	cc_list_free(&p);
	if (!cc_scaller_team(c, prog))
		return cc__sk_forbidden(err, "changing this programme");
	if ((rc = cc__pchoice(body, "kind", false, kinds, &kind, err)) ||
	    (rc = cc__ptext(body, "framework", false, 128, &fw, err)) ||
	    (rc = cc__ptext(body, "version", false, 64, &version, err)))
		return rc;
	if (!cc_snapshot_framework_version(snap, fw, version))
		return cc_error_set(err, CC_EINPUT, "framework", 0, 0, "no framework %s version %s",
				    fw, version);
	*out = json_pack("{s:s,s:s,s:s,s:s}", "programme", prog, "kind", kind, "framework", fw,
			 "version", version);
	snprintf(entity, sizeof(entity), "programme:%s", prog);
	CC_TXN(s, err, set_survey(s, c, prog, kind, fw, version, entity, *out, err));
}
