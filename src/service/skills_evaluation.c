/*
 * skills_evaluation.c - the Kirkpatrick evaluation of a programme
 * (docs/skills.md, "Evaluation"): survey answers per enrolment (reaction
 * after a module and at the end, self-assessment per competency before
 * and after) and follow-up outcomes at 3 and 6 months. Only with the
 * person's evaluation consent in force.
 */
#include "skills_internal.h"

#include "../core/framework.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const kinds[] = {"reaction_module", "reaction_end", "self_before",
				    "self_after", NULL};
static const char *const outcomes[] = {"new_role", "promoted", "led_incident_response",
				       "trained_others", "joined_delegation", "published", "none",
				       NULL};

/* The enrolment when c may answer for it (the person, or the team) and
 * the evaluation consent is in force; *prog and *track copied out. */
static int answerable(struct cc_store *s, const struct cc_scaller *c, long long id,
		      char *prog, char *track, size_t size, long long *person,
		      struct cc_error *err)
{
	struct cc_list e, co;
	const struct cc_senrol_rec *er;
	const struct cc_scohort_rec *cr;
	bool consent = false, team, self;
	int rc = cc__sk_enrolment(s, c, id, &e, &co, &team, &self, err);

	if (rc)
		return rc;
	er = e.items;
	cr = co.items;
	snprintf(prog, size, "%s", cr->programme);
	snprintf(track, size, "%s", cr->track);
	if (person)
		*person = er->person;
	if (!team && !self)
		rc = cc__sk_forbidden(err, "answering for this enrolment");
	else if (!er->person)
		rc = cc_error_set(err, CC_ECONFLICT, NULL, 0, 0, "the person was erased");
	else if (!(rc = cc_store_skills_has_consent(s, er->person, "evaluation", &consent, err)) &&
		 !consent)
		rc = cc_error_set(err, CC_ECONFLICT, NULL, 0, 0, "the person has not given (or has "
				  "withdrawn) consent for evaluation");
	cc_list_free(&e);
	cc_list_free(&co);
	return rc;
}

/* The survey framework linked for kind, or NULL. */
static const struct cc_framework *survey(struct cc_store *s, const struct cc_snapshot *snap,
					 const char *prog, const char *kind)
{
	struct cc_list l;
	const struct cc_framework *fw = NULL;

	if (cc_store_skills_surveys(s, prog, &l, NULL))
		return NULL;
	for (int i = 0; i < l.n; i++) {
		const struct cc_ssurvey_rec *r = &((struct cc_ssurvey_rec *)l.items)[i];
		if (!strcmp(r->kind, kind))
			fw = cc_snapshot_framework_version(snap, r->framework, r->version);
	}
	cc_list_free(&l);
	return fw;
}

/* Checks one answer: a rating question of the survey (a level of its
 * scale), or for self-assessments without a survey a competency of the
 * track rated 1 to 5. */
static int check(struct cc_store *s, const struct cc_framework *fw, const char *kind,
		 const char *track_comps, const char *q, const json_t *v, const char *field,
		 struct cc_error *err)
{
	double x = json_number_value(v);
	int i;

	if (!json_is_number(v))
		return cc_error_set(err, CC_EINPUT, field, 0, 0, "%s is a rating (a number)", field);
	if (fw) {
		i = cc_framework_find(fw, q);
		if (i < 0 || fw->nodes[i].kind != CC_QUESTION || fw->nodes[i].qtype != CC_Q_RATING)
			return cc_error_set(err, CC_EINPUT, field, 0, 0, "%s: %s is not a rating "
					    "question of survey %s", field, q, fw->id);
		if (cc_scale_level_index(fw->nodes[i].rating_scale, x) < 0)
			return cc_error_set(err, CC_EINPUT, field, 0, 0, "%s: %g is not a level of "
					    "the question's scale", field, x);
		return CC_OK;
	}
	(void)s;
	if (strncmp(kind, "self_", 5))
		return cc_error_set(err, CC_ECONFLICT, "kind", 0, 0, "the programme has no %s "
				    "survey", kind);
	if (!cc__sk_has(track_comps, q) || x < 1 || x > 5 || x != (int)x)
		return cc_error_set(err, CC_EINPUT, field, 0, 0, "%s: a competency of the track "
				    "rated 1 to 5", field);
	return CC_OK;
}

int cc_skills_answer(struct cc_store *s, const struct cc_scaller *c,
		     const struct cc_snapshot *snap, long long enrolment, const json_t *body,
		     json_t **out, struct cc_error *err)
{
	static const char *const fields[] = {"kind", "answers", NULL};
	char prog[128], track[128], field[200], entity[64];
	const struct cc_framework *fw;
	const json_t *answers;
	const char *kind, *q;
	json_t *v;
	struct cc_list tl;
	const char *comps = "";
	int rc = answerable(s, c, enrolment, prog, track, sizeof(prog), NULL, err), n = 0;

	if (rc || (rc = cc__sk_only(body, fields, "", err)) ||
	    (rc = cc__pchoice(body, "kind", false, kinds, &kind, err)))
		return rc;
	answers = json_object_get(body, "answers");
	if (!json_is_object(answers) || json_object_size(answers) == 0)
		return cc_error_set(err, CC_EINPUT, "answers", 0, 0, "answers is an object "
				    "{question: rating} that is not empty");
	fw = survey(s, snap, prog, kind);
	if ((rc = cc_store_skills_track(s, prog, track, &tl, err)))
		return rc;
	comps = ((struct cc_strack_rec *)tl.items)->competencies;
	json_object_foreach((json_t *)answers, q, v) {
		snprintf(field, sizeof(field), "answers.%.150s", q);
		if ((rc = check(s, fw, kind, comps, q, v, field, err)))
			break;
	}
	snprintf(entity, sizeof(entity), "enrolment:%lld", enrolment);
	if (!rc && !(rc = cc_store_begin(s, err))) {
		json_object_foreach((json_t *)answers, q, v)
			if (!rc && !(rc = cc_store_skills_put_answer(s, enrolment, kind, q,
								     json_number_value(v), err)))
				n++;
		if (!rc)
			rc = cc__sk_audit_kv(s, c, "skills.answer", entity, "kind", kind, err);
		rc = rc ? (cc_store_rollback(s), rc) : cc_store_commit(s, err);
	}
	cc_list_free(&tl);
	if (!rc)
		*out = json_pack("{s:I,s:s,s:i}", "enrolment", enrolment, "kind", kind, "saved", n);
	return rc;
}

int cc_skills_outcome(struct cc_store *s, const struct cc_scaller *c, long long enrolment,
		      const json_t *body, json_t **out, struct cc_error *err)
{
	static const char *const fields[] = {"months", "outcomes", NULL};
	char prog[128], track[128], entity[64], *list = NULL;
	long long months = 0;
	json_t *a, *v;
	size_t i;
	int rc = answerable(s, c, enrolment, prog, track, sizeof(prog), NULL, err);

	if (rc || (rc = cc__sk_only(body, fields, "", err)) ||
	    (rc = cc__sk_int(body, "months", false, 3, 6, &months, err)))
		return rc;
	if (months != 3 && months != 6)
		return cc_error_set(err, CC_EINPUT, "months", 0, 0, "months is 3 or 6");
	a = json_object_get(body, "outcomes");
	if (!json_is_array(a) || json_array_size(a) == 0 || json_array_size(a) > 7)
		return cc_error_set(err, CC_EINPUT, "outcomes", 0, 0, "outcomes is a list of 1 to 7 "
				    "of new_role, promoted, led_incident_response, trained_others, "
				    "joined_delegation, published, none");
	json_array_foreach(a, i, v) {
		bool ok = false;

		for (int k = 0; json_is_string(v) && outcomes[k]; k++)
			ok |= !strcmp(outcomes[k], json_string_value(v));
		if (!ok)
			return cc_error_set(err, CC_EINPUT, "outcomes", 0, 0, "outcomes[%zu] is one of "
					    "new_role, promoted, led_incident_response, "
					    "trained_others, joined_delegation, published, none", i);
	}
	snprintf(entity, sizeof(entity), "enrolment:%lld", enrolment);
	if (!(rc = cc_store_begin(s, err))) {
		json_array_foreach(a, i, v)
			if (!rc)
				rc = cc_store_skills_put_outcome(s, enrolment, (int)months,
								 json_string_value(v), err);
		list = json_dumps(a, JSON_COMPACT);
		if (!rc)
			rc = cc__sk_audit_kv(s, c, "skills.outcome", entity, "outcomes", list, err);
		rc = rc ? (cc_store_rollback(s), rc) : cc_store_commit(s, err);
	}
	free(list);
	if (!rc)
		*out = json_pack("{s:I,s:I,s:O}", "enrolment", enrolment, "months", months,
				 "outcomes", a);
	return rc;
}

int cc_skills_survey_of(struct cc_store *s, const struct cc_scaller *c,
			const struct cc_snapshot *snap, long long enrolment, const char *kind,
			const struct cc_framework **fw, json_t **answers, char *prog, size_t size,
			struct cc_error *err)
{
	char track[128];
	long long person = 0;
	struct cc_list l;
	int rc = answerable(s, c, enrolment, prog, track, size, &person, err);

	*fw = NULL;
	*answers = NULL;
	if (rc)
		return rc;
	if (strcmp(kind, "reaction_module") && strcmp(kind, "reaction_end"))
		return cc_error_set(err, CC_ENOTFOUND, "kind", 0, 0, "no survey %s: the workbook is "
				    "for reaction_module or reaction_end", kind);
	if (!(*fw = survey(s, snap, prog, kind)))
		return cc_error_set(err, CC_ENOTFOUND, "kind", 0, 0, "the programme has no %s "
				    "survey", kind);
	if ((rc = cc_store_skills_person_rows(s, person, CC_SP_ANSWERS, &l, err)))
		return rc;
	*answers = json_object();
	for (int i = 0; i < l.n; i++) {
		const struct cc_stally_rec *r = &((struct cc_stally_rec *)l.items)[i];

		if (r->n == enrolment && !strcmp(r->a, kind))
			json_object_set_new(*answers, r->b, json_real(r->x));
	}
	cc_list_free(&l);
	return CC_OK;
}
