/*
 * skills_pairs.c - what a mentoring pair keeps (its meetings and goals,
 * for its mentor, its mentee and the programme's team) and the caller's
 * own record as GET /skills/me gives it: the person, consents and
 * enrolments of skills_people.c, each enrolment with its programme, the
 * programme's surveys and the caller's answers, and the caller's pairs
 * with the other person's name (see skills.h; docs/skills.md,
 * "Mentoring").
 */
#include "skills_internal.h"

#include "txn.h"

#include "../core/date.h"

#include <stdio.h>
#include <string.h>

#define NOTES_MAX 2000

/* The pair (into *pl, which the caller frees) when c is its mentor, its
 * mentee or in the programme's team. */
static int pair_of(struct cc_store *s, const struct cc_scaller *c, long long pair,
		   struct cc_list *pl, struct cc_error *err)
{
	const struct cc_spair_rec *p;
	struct cc_list co;
	bool team;
	int rc = cc_store_skills_pair(s, pair, pl, err);

	if (rc)
		return rc;
	p = pl->items;
	if ((rc = cc_store_skills_cohort(s, p->cohort, &co, err))) {
		cc_list_free(pl);
		return rc;
	}
	team = cc_scaller_team(c, ((struct cc_scohort_rec *)co.items)->programme);
	cc_list_free(&co);
	if (team || cc__sk_holds(s, c, p->mentor) || cc__sk_holds(s, c, p->mentee))
		return CC_OK;
	cc_list_free(pl);
	return cc__sk_forbidden(err, "this pair (its mentor, its mentee and the coordinators "
				"do)");
}

/* CC_ECONFLICT unless the pair's status is one of ok (NULL-terminated). */
static int pair_is(const struct cc_list *pl, const char *const *ok, const char *doing,
		   struct cc_error *err)
{
	const char *status = ((const struct cc_spair_rec *)pl->items)->status;

	for (int i = 0; ok[i]; i++)
		if (!strcmp(ok[i], status))
			return CC_OK;
	return cc_error_set(err, CC_ECONFLICT, NULL, 0, 0, "a pair that is %s takes no %s: "
			    "it is for an accepted pair", status, doing);
}

static const char *const accepted[] = {"accepted", NULL};
static const char *const in_work[] = {"accepted", "completed", NULL};

static json_t *meetings_json(struct cc_store *s, long long pair, struct cc_error *err)
{
	struct cc_list l;
	json_t *a = json_array();

	if (cc_store_skills_meetings(s, pair, &l, err))
		return a;
	for (int i = 0; i < l.n; i++) {
		const struct cc_smeeting_rec *m = &((struct cc_smeeting_rec *)l.items)[i];
		json_array_append_new(a, json_pack("{s:I,s:s,s:i,s:s?}", "id", m->id, "at", m->at,
						   "minutes", m->minutes, "notes", m->notes));
	}
	cc_list_free(&l);
	return a;
}

static json_t *goal_json(const struct cc_sgoal_rec *g)
{
	return json_pack("{s:I,s:s?,s:s}", "id", g->id, "text", g->text, "status", g->status);
}

static json_t *goals_json(struct cc_store *s, long long pair, struct cc_error *err)
{
	struct cc_list l;
	json_t *a = json_array();

	if (cc_store_skills_goals(s, pair, &l, err))
		return a;
	for (int i = 0; i < l.n; i++)
		json_array_append_new(a, goal_json(&((struct cc_sgoal_rec *)l.items)[i]));
	cc_list_free(&l);
	return a;
}

static int add_meeting(struct cc_store *s, const struct cc_scaller *c, long long pair,
		       const char *at, int minutes, const char *notes, long long *id,
		       struct cc_error *err)
{
	char entity[64];
	int rc = cc_store_skills_add_meeting(s, pair, at, minutes, notes, id, err);

	snprintf(entity, sizeof(entity), "pair:%lld", pair);
	return rc ? rc : cc__sk_audit_kv(s, c, "skills.meeting.add", entity, "at", at, err);
}

int cc_skills_meetings(struct cc_store *s, const struct cc_scaller *c, long long pair,
		       const json_t *body, json_t **out, struct cc_error *err)
{
	static const char *const fields[] = {"at", "minutes", "notes", NULL};
	struct cc_list pl;
	const char *at, *notes;
	long long minutes = 0, id = 0;
	int day, rc = pair_of(s, c, pair, &pl, err);

	if (rc)
		return rc;
	if (!body) {
		cc_list_free(&pl);
		*out = json_pack("{s:I,s:o}", "pair", pair, "meetings", meetings_json(s, pair, err));
		return *out ? CC_OK : CC_ENOMEM;
	}
	rc = pair_is(&pl, accepted, "meetings", err);
	cc_list_free(&pl);
	if (rc || (rc = cc__sk_only(body, fields, "", err)) ||
	    (rc = cc__ptext(body, "at", false, 32, &at, err)) ||
	    (rc = cc__sk_int(body, "minutes", false, 1, 24 * 60, &minutes, err)) ||
	    (rc = cc__ptext(body, "notes", true, NOTES_MAX, &notes, err)))
		return rc;
	if (strlen(at) < 10 || !cc_date_parse(at, 10, &day))
		return cc_error_set(err, CC_EINPUT, "at", 0, 0, "at is a date or time (YYYY-MM-DD "
				    "or ISO 8601)");
	if ((rc = cc_store_begin(s, err)))
		return rc;
	rc = add_meeting(s, c, pair, at, (int)minutes, notes, &id, err);
	rc = rc ? (cc_store_rollback(s), rc) : cc_store_commit(s, err);
	if (!rc)
		*out = json_pack("{s:I,s:I,s:s,s:I,s:s?}", "id", id, "pair", pair, "at", at,
				 "minutes", minutes, "notes", notes);
	return rc;
}

static int add_goal(struct cc_store *s, const struct cc_scaller *c, long long pair,
		    const char *text, long long *id, struct cc_error *err)
{
	char entity[64];
	int rc = cc_store_skills_add_goal(s, pair, text, id, err);

	snprintf(entity, sizeof(entity), "pair:%lld", pair);
	return rc ? rc : cc__sk_audit_kv(s, c, "skills.goal.add", entity, NULL, NULL, err);
}

int cc_skills_goals(struct cc_store *s, const struct cc_scaller *c, long long pair,
		    const json_t *body, json_t **out, struct cc_error *err)
{
	static const char *const fields[] = {"text", NULL};
	struct cc_list pl;
	const char *text;
	long long id = 0;
	int rc = pair_of(s, c, pair, &pl, err);

	if (rc)
		return rc;
	if (!body) {
		cc_list_free(&pl);
		*out = json_pack("{s:I,s:o}", "pair", pair, "goals", goals_json(s, pair, err));
		return *out ? CC_OK : CC_ENOMEM;
	}
	rc = pair_is(&pl, accepted, "goals", err);
	cc_list_free(&pl);
	if (rc || (rc = cc__sk_only(body, fields, "", err)) ||
	    (rc = cc__ptext(body, "text", false, CC_SK_TEXT_MAX, &text, err)))
		return rc;
	if ((rc = cc_store_begin(s, err)))
		return rc;
	rc = add_goal(s, c, pair, text, &id, err);
	rc = rc ? (cc_store_rollback(s), rc) : cc_store_commit(s, err);
	if (!rc)
		*out = json_pack("{s:I,s:s,s:s}", "id", id, "text", text, "status", "open");
	return rc;
}

static int set_goal(struct cc_store *s, const struct cc_scaller *c, long long pair,
		    long long goal, const char *status, struct cc_error *err)
{
	char entity[64];
	int rc = cc_store_skills_set_goal(s, pair, goal, status, err);

	snprintf(entity, sizeof(entity), "pair:%lld", pair);
	return rc ? rc : cc__sk_audit_kv(s, c, "skills.goal.set", entity, "status", status, err);
}

int cc_skills_set_goal(struct cc_store *s, const struct cc_scaller *c, long long pair,
		       long long goal, const json_t *body, json_t **out, struct cc_error *err)
{
	static const char *const fields[] = {"status", NULL};
	static const char *const statuses[] = {"open", "met", "dropped", NULL};
	struct cc_list pl, gl;
	const char *status;
	int rc = pair_of(s, c, pair, &pl, err);

	if (rc)
		return rc;
	rc = pair_is(&pl, in_work, "change of goals", err);
	cc_list_free(&pl);
	if (rc || (rc = cc__sk_only(body, fields, "", err)) ||
	    (rc = cc__pchoice(body, "status", false, statuses, &status, err)))
		return rc;
	if ((rc = cc_store_begin(s, err)))
		return rc;
	rc = set_goal(s, c, pair, goal, status, err);
	rc = rc ? (cc_store_rollback(s), rc) : cc_store_commit(s, err);
	if (rc || (rc = cc_store_skills_goals(s, pair, &gl, err)))
		return rc;
	for (int i = 0; i < gl.n; i++)
		if (((struct cc_sgoal_rec *)gl.items)[i].id == goal)
			*out = goal_json(&((struct cc_sgoal_rec *)gl.items)[i]);
	cc_list_free(&gl);
	return *out ? CC_OK : CC_ENOMEM;
}

/* ---- GET /skills/me ---- */

/* The name of enrolment id's person; NULL when erased (copied into buf). */
static const char *name_of(struct cc_store *s, long long id, char *buf, size_t size)
{
	struct cc_list el, pl;
	long long person = 0;

	if (cc_store_skills_enrolment(s, id, &el, NULL))
		return NULL;
	person = ((struct cc_senrol_rec *)el.items)->person;
	cc_list_free(&el);
	if (!person || cc_store_skills_person(s, person, &pl, NULL))
		return NULL;
	snprintf(buf, size, "%s", ((struct cc_sperson_rec *)pl.items)->name);
	cc_list_free(&pl);
	return buf;
}

/* The pairs of enrolment e (as mentor or mentee) appended to a. */
static void pairs_of(struct cc_store *s, const struct cc_senrol_rec *e, json_t *a,
		     struct cc_error *err)
{
	struct cc_list pl;
	char buf[CC_SK_TEXT_MAX + 1];

	if (cc_store_skills_pairs(s, e->cohort, &pl, err))
		return;
	for (int i = 0; i < pl.n; i++) {
		const struct cc_spair_rec *p = &((struct cc_spair_rec *)pl.items)[i];
		bool mentor = p->mentor == e->id;

		if (!mentor && p->mentee != e->id)
			continue;
		json_array_append_new(a, json_pack("{s:I,s:s,s:s,s:s,s:s?,s:o,s:o}", "id", p->id,
						   "cohort", p->cohort, "status", p->status, "as",
						   mentor ? "mentor" : "mentee", "with",
						   name_of(s, mentor ? p->mentee : p->mentor, buf,
							   sizeof(buf)),
						   "meetings", meetings_json(s, p->id, err),
						   "goals", goals_json(s, p->id, err)));
	}
	cc_list_free(&pl);
}

/* The competencies of a track: [{id, name}], for the self-assessments. */
static json_t *competencies_of(struct cc_store *s, const char *prog, const char *track,
			       struct cc_error *err)
{
	struct cc_list tl;
	json_t *ids, *out = json_array(), *v;
	char name[256];
	size_t i;

	if (cc_store_skills_track(s, prog, track, &tl, err))
		return out;
	ids = cc__sk_list(((struct cc_strack_rec *)tl.items)->competencies);
	json_array_foreach(ids, i, v) {
		cc_store_skills_competency_title(s, json_string_value(v), name, sizeof(name), err);
		json_array_append_new(out, json_pack("{s:s,s:s}", "id", json_string_value(v), "name",
						     name));
	}
	json_decref(ids);
	cc_list_free(&tl);
	return out;
}

/* o["programme"], o["competencies"] (the track's), o["surveys"] {kind: {framework, version}} and
 * o["answers"] {kind: {question: rating}} of enrolment e. */
static void surveys_of(struct cc_store *s, const struct cc_senrol_rec *e,
		       const struct cc_list *answers, json_t *o, struct cc_error *err)
{
	struct cc_list co, sv;
	json_t *kinds = json_object(), *mine = json_object();

	if (!cc_store_skills_cohort(s, e->cohort, &co, err)) {
		const char *prog = ((struct cc_scohort_rec *)co.items)->programme;

		json_object_set_new(o, "programme", json_string(prog));
		json_object_set_new(o, "competencies", competencies_of(s, prog,
				    ((struct cc_scohort_rec *)co.items)->track, err));
		if (!cc_store_skills_surveys(s, prog, &sv, err)) {
			for (int i = 0; i < sv.n; i++) {
				const struct cc_ssurvey_rec *r = &((struct cc_ssurvey_rec *)sv.items)[i];
				json_object_set_new(kinds, r->kind, json_pack("{s:s,s:s}", "framework",
									      r->framework, "version",
									      r->version));
			}
			cc_list_free(&sv);
		}
		cc_list_free(&co);
	}
	for (int i = 0; i < answers->n; i++) {
		const struct cc_stally_rec *r = &((struct cc_stally_rec *)answers->items)[i];
		json_t *k;

		if (r->n != e->id)
			continue;
		if (!(k = json_object_get(mine, r->a)))
			json_object_set_new(mine, r->a, k = json_object());
		json_object_set_new(k, r->b, json_real(r->x));
	}
	json_object_set_new(o, "surveys", kinds);
	json_object_set_new(o, "answers", mine);
}

int cc_skills_me(struct cc_store *s, const struct cc_scaller *c, json_t **out,
		 struct cc_error *err)
{
	struct cc_list el, answers;
	json_t *pairs, *ens, *o;
	size_t i;
	int rc;

	if (!c->person) {
		*out = json_pack("{s:n,s:[],s:[],s:[]}", "person", "consents", "enrolments",
				 "pairs");
		return *out ? CC_OK : CC_ENOMEM;
	}
	if ((rc = cc__sk_person_json(s, c->person, out, err)))
		return rc;
	if ((rc = cc_store_skills_person_enrolments(s, c->person, &el, err)))
		return rc;
	if ((rc = cc_store_skills_person_rows(s, c->person, CC_SP_ANSWERS, &answers, err))) {
		cc_list_free(&el);
		return rc;
	}
	pairs = json_array();
	ens = json_object_get(*out, "enrolments");
	json_array_foreach(ens, i, o) {
		const struct cc_senrol_rec *e;

		if ((int)i >= el.n)
			break;
		e = &((struct cc_senrol_rec *)el.items)[i];
		if (json_integer_value(json_object_get(o, "id")) != e->id)
			continue;
		surveys_of(s, e, &answers, o, err);
		pairs_of(s, e, pairs, err);
	}
	json_object_set_new(*out, "pairs", pairs);
	cc_list_free(&answers);
	cc_list_free(&el);
	return CC_OK;
}
