/*
 * skills_mentoring.c - mentor-mentee pairs in a cohort: proposed by the
 * explainable matching (core/skills_match.h) among the cohort's active
 * mentors and mentees, or set by the coordinator (an override), and
 * their lifecycle (see skills.h; docs/skills.md, "Mentoring").
 */
#include "skills_internal.h"

#include "../core/skills_match.h"
#include "../core/skills_rules.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Whether enrolment id is in a proposed or accepted pair as mentee; the
 * mentors' loads (such pairs as mentor) are counted into load[]. */
static bool paired(const struct cc_list *pairs, long long id)
{
	for (int i = 0; i < pairs->n; i++) {
		const struct cc_spair_rec *p = &((struct cc_spair_rec *)pairs->items)[i];
		if (p->mentee == id && (!strcmp(p->status, "proposed") ||
					!strcmp(p->status, "accepted")))
			return true;
	}
	return false;
}

static int load_of(const struct cc_list *pairs, long long mentor)
{
	int n = 0;

	for (int i = 0; i < pairs->n; i++) {
		const struct cc_spair_rec *p = &((struct cc_spair_rec *)pairs->items)[i];
		n += p->mentor == mentor && (!strcmp(p->status, "proposed") ||
					     !strcmp(p->status, "accepted"));
	}
	return n;
}

/* Fills m from e (strings point into the JSON arrays kept in keep). */
static void person_of(const struct cc_senrol_rec *e, const struct cc_list *pairs,
		      json_t *keep, struct cc_match_person *m)
{
	json_t *langs = cc__sk_list(e->languages), *goals = cc__sk_list(e->goals), *v;
	size_t i;

	memset(m, 0, sizeof(*m));
	m->id = e->id;
	m->utc_offset = e->utc_offset;
	m->capacity = e->max_mentees;
	m->load = load_of(pairs, e->id);
	json_array_foreach(langs, i, v)
		if (m->nlangs < CC_MATCH_MAX_LIST)
			m->langs[m->nlangs++] = json_string_value(v);
	json_array_foreach(goals, i, v)
		if (m->ngoals < CC_MATCH_MAX_LIST)
			m->goals[m->ngoals++] = json_string_value(v);
	json_array_append_new(keep, langs);
	json_array_append_new(keep, goals);
}

static json_t *reasons_json(const struct cc_match_result *r)
{
	json_t *a = json_array();

	for (int i = 0; i < r->nreasons; i++)
		json_array_append_new(a, json_string(r->reasons[i]));
	return a;
}

static int propose(struct cc_store *s, const struct cc_scaller *c, const char *cohort,
		   struct cc_match_person *mentors, int nm, struct cc_match_person *mentees,
		   int ne, const char *track, json_t *pairs, json_t *unmatched,
		   struct cc_error *err)
{
	struct cc_match_result *r = calloc((size_t)ne + 1, sizeof(*r));
	int rc = r ? CC_OK : CC_ENOMEM;
	char entity[100];

	if (!rc && cc_match_propose(mentors, nm, mentees, ne, track, r) < 0)
		rc = CC_ENOMEM;
	for (int i = 0; !rc && i < ne; i++) {
		json_t *why = reasons_json(&r[i]);
		struct cc_spair_rec p = {.cohort = cohort, .status = "proposed"};
		char *text = json_dumps(why, JSON_COMPACT);
		long long id = 0;

		if (r[i].mentor < 0) {
			json_array_append_new(unmatched, json_pack("{s:I,s:o}", "mentee",
								   mentees[r[i].mentee].id, "reasons",
								   why));
			free(text);
			continue;
		}
		p.mentor = mentors[r[i].mentor].id;
		p.mentee = mentees[r[i].mentee].id;
		p.reasons = text;
		rc = cc_store_skills_create_pair(s, &p, &id, err);
		json_array_append_new(pairs, json_pack("{s:I,s:I,s:I,s:s,s:o}", "id", id, "mentor",
						       p.mentor, "mentee", p.mentee, "status",
						       "proposed", "reasons", why));
		free(text);
	}
	free(r);
	snprintf(entity, sizeof(entity), "cohort:%s", cohort);
	return rc ? rc : cc__sk_audit_kv(s, c, "skills.mentoring.match", entity, NULL, NULL,
					 err);
}

int cc_skills_match(struct cc_store *s, const struct cc_scaller *c, const char *cohort,
		    json_t **out, struct cc_error *err)
{
	struct cc_list co, en, pa;
	struct cc_match_person *mentors = NULL, *mentees = NULL;
	json_t *keep = json_array(), *pairs = json_array(), *unmatched = json_array();
	int nm = 0, ne = 0, rc = cc_store_skills_cohort(s, cohort, &co, err);

	if (rc)
		goto out0;
	if (!cc_scaller_team(c, ((struct cc_scohort_rec *)co.items)->programme)) {
		rc = cc__sk_forbidden(err, "matching mentors (the programme's coordinators do)");
		goto out1;
	}
	if ((rc = cc_store_skills_enrolments(s, cohort, "active", &en, err)))
		goto out1;
	if ((rc = cc_store_skills_pairs(s, cohort, &pa, err)))
		goto out2;
	mentors = calloc((size_t)en.n + 1, sizeof(*mentors));
	mentees = calloc((size_t)en.n + 1, sizeof(*mentees));
	if (!mentors || !mentees) {
		rc = CC_ENOMEM;
		goto out3;
	}
	for (int i = 0; i < en.n; i++) {
		const struct cc_senrol_rec *e = &((struct cc_senrol_rec *)en.items)[i];
		if (!strcmp(e->role, "mentor"))
			person_of(e, &pa, keep, &mentors[nm++]);
		else if (!strcmp(e->role, "participant") && !paired(&pa, e->id))
			person_of(e, &pa, keep, &mentees[ne++]);
	}
	if (!(rc = cc_store_begin(s, err))) {
		rc = propose(s, c, cohort, mentors, nm, mentees, ne,
			     ((struct cc_scohort_rec *)co.items)->track, pairs, unmatched, err);
		rc = rc ? (cc_store_rollback(s), rc) : cc_store_commit(s, err);
	}
	if (!rc) {
		*out = json_pack("{s:s,s:O,s:O}", "cohort", cohort, "pairs", pairs, "unmatched",
				 unmatched);
	}
out3:
	free(mentors);
	free(mentees);
	cc_list_free(&pa);
out2:
	cc_list_free(&en);
out1:
	cc_list_free(&co);
out0:
	json_decref(keep);
	json_decref(pairs);
	json_decref(unmatched);
	return rc;
}

/* The active enrolment id of cohort in role, into *e (a copy). */
static int active_in(struct cc_store *s, long long id, const char *cohort, const char *role,
		     const char *field, struct cc_senrol_rec *e, struct cc_error *err)
{
	struct cc_list l;
	bool ok;

	if (cc_store_skills_enrolment(s, id, &l, NULL))
		return cc_error_set(err, CC_EINPUT, field, 0, 0, "%s: no enrolment %lld", field, id);
	*e = *(struct cc_senrol_rec *)l.items;
	ok = !strcmp(e->cohort, cohort) && !strcmp(e->role, role) && !strcmp(e->status, "active");
	e->languages = e->goals = e->reason = e->created_at = e->updated_at = NULL;
	e->cohort = e->country = e->role = e->status = NULL;
	cc_list_free(&l);
	return ok ? CC_OK : cc_error_set(err, CC_EINPUT, field, 0, 0, "%s is not an active %s "
					 "of cohort %s", field, role, cohort);
}

int cc_skills_add_pair(struct cc_store *s, const struct cc_scaller *c, const char *cohort,
		       const json_t *body, json_t **out, struct cc_error *err)
{
	static const char *const fields[] = {"mentor", "mentee", "reason", NULL};
	struct cc_list co, pa;
	struct cc_senrol_rec m, e;
	long long mentor = 0, mentee = 0, id = 0;
	const char *reason;
	char *text = NULL, line[160], entity[64];
	json_t *why;
	int rc = cc_store_skills_cohort(s, cohort, &co, err);

	if (rc)
		return rc;
	if (!cc_scaller_team(c, ((struct cc_scohort_rec *)co.items)->programme))
		rc = cc__sk_forbidden(err, "setting pairs (the programme's coordinators do)");
	cc_list_free(&co);
	if (rc || (rc = cc__sk_only(body, fields, "", err)) ||
	    (rc = cc__sk_int(body, "mentor", false, 1, 1LL << 53, &mentor, err)) ||
	    (rc = cc__sk_int(body, "mentee", false, 1, 1LL << 53, &mentee, err)) ||
	    (rc = cc__ptext(body, "reason", true, CC_SK_TEXT_MAX, &reason, err)) ||
	    (rc = active_in(s, mentor, cohort, "mentor", "mentor", &m, err)) ||
	    (rc = active_in(s, mentee, cohort, "participant", "mentee", &e, err)) ||
	    (rc = cc_store_skills_pairs(s, cohort, &pa, err)))
		return rc;
	if (paired(&pa, mentee))
		rc = cc_error_set(err, CC_ECONFLICT, "mentee", 0, 0, "the mentee already has a "
				  "proposed or accepted pair: decline or cancel it first");
	snprintf(line, sizeof(line), "mentor's load with this pair: %d of %d%s",
		 load_of(&pa, mentor) + 1, m.max_mentees,
		 load_of(&pa, mentor) + 1 > m.max_mentees ? " (over capacity)" : "");
	cc_list_free(&pa);
	if (rc)
		return rc;
	why = json_pack("[s,s]", "set by the coordinator", line);
	if (reason)
		json_array_append_new(why, json_string(reason));
	text = json_dumps(why, JSON_COMPACT);
	if (!(rc = cc_store_begin(s, err))) {
		struct cc_spair_rec p = {.cohort = cohort, .mentor = mentor, .mentee = mentee,
					 .status = "proposed", .reasons = text, .overridden = 1};

		rc = cc_store_skills_create_pair(s, &p, &id, err);
		snprintf(entity, sizeof(entity), "pair:%lld", id);
		if (!rc)
			rc = cc__sk_audit(s, c, "skills.pair.set", entity, why, err);
		rc = rc ? (cc_store_rollback(s), rc) : cc_store_commit(s, err);
	}
	if (!rc)
		*out = json_pack("{s:I,s:I,s:I,s:s,s:O,s:b}", "id", id, "mentor", mentor, "mentee",
				 mentee, "status", "proposed", "reasons", why, "overridden", 1);
	json_decref(why);
	free(text);
	return rc;
}

bool cc__sk_holds(struct cc_store *s, const struct cc_scaller *c, long long id)
{
	struct cc_list l;
	bool yes;

	if (!c->person || cc_store_skills_enrolment(s, id, &l, NULL))
		return false;
	yes = ((struct cc_senrol_rec *)l.items)->person == c->person;
	cc_list_free(&l);
	return yes;
}

int cc_skills_move_pair(struct cc_store *s, const struct cc_scaller *c, long long pair,
			const json_t *body, json_t **out, struct cc_error *err)
{
	static const char *const fields[] = {"status", NULL};
	struct cc_list pl, co;
	const struct cc_spair_rec *p;
	const char *to;
	char entity[64];
	bool team, mentor, mentee;
	int rc = cc_store_skills_pair(s, pair, &pl, err);

	if (rc)
		return rc;
	p = pl.items;
	if ((rc = cc_store_skills_cohort(s, p->cohort, &co, err))) {
		cc_list_free(&pl);
		return rc;
	}
	team = cc_scaller_team(c, ((struct cc_scohort_rec *)co.items)->programme);
	cc_list_free(&co);
	mentor = cc__sk_holds(s, c, p->mentor);
	mentee = cc__sk_holds(s, c, p->mentee);
	if (!team && !mentor && !mentee) {
		rc = cc__sk_forbidden(err, "changing this pair");
		goto out;
	}
	if ((rc = cc__sk_only(body, fields, "", err)) ||
	    (rc = cc__pchoice(body, "status", false, cc_pair_statuses, &to, err)))
		goto out;
	if (!cc_pair_move_ok(p->status, to))
		rc = cc_error_set(err, CC_ECONFLICT, "status", 0, 0, "a pair that is %s cannot "
				  "become %s", p->status, to);
	else if (!team && !strcmp(to, "completed") && !mentor)
		rc = cc__sk_forbidden(err, "completing this pair (its mentor or the coordinator "
				      "does)");
	else if (!team && !strcmp(to, "cancelled"))
		rc = cc__sk_forbidden(err, "cancelling this pair (the coordinator does)");
	if (rc)
		goto out;
	snprintf(entity, sizeof(entity), "pair:%lld", pair);
	if (!(rc = cc_store_begin(s, err))) {
		rc = cc_store_skills_move_pair(s, pair, p->status, to, err);
		if (!rc)
			rc = cc__sk_audit_kv(s, c, "skills.pair.move", entity, "status", to, err);
		rc = rc ? (cc_store_rollback(s), rc) : cc_store_commit(s, err);
	}
	if (!rc) {
		struct cc_list nl;

		if (!(rc = cc_store_skills_pair(s, pair, &nl, err))) {
			*out = cc__sk_pair_json(nl.items);
			cc_list_free(&nl);
		}
	}
out:
	cc_list_free(&pl);
	return rc;
}
