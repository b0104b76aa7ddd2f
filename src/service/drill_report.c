/*
 * drill_report.c - the after-action report of a drill as JSON (see
 * drill_play.h; the shape is in docs/drills.md and openapi.json
 * DrillReport): made from what the store holds about the run, in the
 * HSEEP manner: overview, timeline of injects and responses, per
 * objective and team the ratings with strengths and areas for
 * improvement, the feedback summary and the improvement-plan matrix.
 * Beside them, for a drill with challenges, the technical results
 * (drill_technical.c), whose solves of a challenge tied to an objective
 * are listed under it. The CSV and XLSX forms are written from this JSON
 * (format/drill_report_out.c), so the three always agree.
 */
#include "drill_play.h"

#include "drill_internal.h"

#include "../format/wall_time.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct facts {
	struct cc_list responses, evals, marks, feedback, improvements;
};

static void facts_free(struct facts *f)
{
	cc_list_free(&f->responses);
	cc_list_free(&f->evals);
	cc_list_free(&f->marks);
	cc_list_free(&f->feedback);
	cc_list_free(&f->improvements);
}

static json_t *iso(double t)
{
	char at[CC_WALL_ISO_SIZE];

	cc_wall_iso(t, at);
	return at[0] ? json_string(at) : json_null();
}

static json_t *num(double x)
{
	return isnan(x) ? json_null() : json_real(x);
}

static json_t *str(const char *s)
{
	return s ? json_string(s) : json_null();
}

static json_t *overview(struct cc_store *s, const struct cc_drill *d, double now)
{
	json_t *teams = json_array(), *roles = json_object();
	static const char *const names[] = {"director", "controller", "evaluator", "player",
					    "observer"};
	int counts[5] = {0};

	for (int m = 0; m < d->nmembers; m++)
		for (int r = 0; r < 5; r++)
			counts[r] += strcmp(d->members[m].role, names[r]) == 0;
	for (int r = 0; r < 5; r++)
		json_object_set_new(roles, names[r], json_integer(counts[r]));
	for (int t = 0; t < d->nteams; t++) {
		char org[300];
		int players = 0;
		for (int m = 0; m < d->nmembers; m++)
			players += d->members[m].team && strcmp(d->members[m].team, d->teams[t].id) == 0;
		cc_drills_organisation(s, d, t, org, sizeof(org));
		json_array_append_new(teams, json_pack("{s:s,s:s,s:o,s:s,s:b,s:i}", "id",
			d->teams[t].id, "name", d->teams[t].name, "unit", str(d->teams[t].unit),
			"organisation", org, "hidden", d->teams[t].hidden, "players", players));
	}
	return json_pack("{s:{s:s,s:s,s:s,s:f,s:f,s:s,s:o,s:o,s:b},s:{s:s,s:s,s:s,s:o},"
			 "s:o,s:o}",
		"drill", "id", d->d->id, "title", d->d->title, "status",
		cc_drill_status_name(d->status), "speed", d->d->speed, "clock",
		cc_drill_clock_now(d, now), "created_at", d->d->created_at, "started_at",
		iso(d->started_at), "ended_at", iso(d->ended_at), "final",
		d->status == CC_DRILL_ENDED,
		"scenario", "id", d->sc.id, "title", d->sc.title, "hash", d->d->scenario_hash,
		"description", str(d->sc.description),
		"teams", teams, "participants", roles);
}

static json_t *timeline(const struct cc_drill *d, const struct facts *f)
{
	const struct cc_drill_response_rec *r = f->responses.items;
	const struct cc_expect_mark_rec *m = f->marks.items;
	json_t *out = json_array();

	for (int k = 0; k < d->ninjects; k++) {
		const struct cc_drill_inject *x = &d->injects[d->order[k]];
		static const char *const states[] = {"pending", "delivered", "skipped"};
		json_t *to = json_array(), *resp = json_array(), *exp = json_array();

		for (int t = 0; t < (x->to_all ? d->nteams : x->nto); t++)
			json_array_append_new(to, json_string(x->to_all ? d->teams[t].id : x->to[t]));
		for (int i = 0; i < f->responses.n; i++)
			if (strcmp(r[i].inject, x->id) == 0)
				json_array_append_new(resp, json_pack("{s:s,s:s,s:s,s:o}", "team",
					r[i].team, "player", r[i].name, "text", r[i].text, "at",
					iso(r[i].at)));
		for (int e = 0; e < x->nexpects; e++) {
			json_t *marks = json_object();
			for (int i = 0; i < f->marks.n; i++)
				if (strcmp(m[i].inject, x->id) == 0 && strcmp(m[i].expect, x->expects[e].id) == 0)
					json_object_set_new(marks, m[i].team, json_boolean(m[i].met));
			json_array_append_new(exp, json_pack("{s:s,s:s,s:o,s:o}", "id", x->expects[e].id,
				"text", x->expects[e].text, "objective", x->expects[e].has_objective ?
				json_string(x->expects[e].objective.id) : json_null(), "met", marks));
		}
		json_array_append_new(out, json_pack("{s:s,s:s,s:s,s:o,s:o,s:f,s:s,s:o,s:o,s:o,s:b,"
						     "s:o,s:o}",
			"id", x->id, "title", x->title, "channel", x->channel, "from", str(x->from),
			"to", to, "planned", x->planned, "status", states[x->state],
			"delivered_at", x->state == CC_INJECT_DELIVERED ? iso(x->done_at) : json_null(),
			"clock", num(x->clock), "by", str(x->by), "adhoc", x->scenario < 0,
			"responses", resp, "expects", exp));
	}
	return out;
}

/* Expected actions of objective o for team: met, not met, not marked. */
static json_t *expect_counts(const struct cc_drill *d, const struct facts *f, const char *o,
			     const char *team)
{
	const struct cc_expect_mark_rec *m = f->marks.items;
	int met = 0, not_met = 0, open = 0;

	for (int i = 0; i < d->ninjects; i++) {
		const struct cc_drill_inject *x = &d->injects[i];
		if (!cc_drill_inject_goes_to(d, i, team))
			continue;
		for (int e = 0; e < x->nexpects; e++) {
			int mark = -1;
			if (!x->expects[e].has_objective || strcmp(x->expects[e].objective.id, o) != 0)
				continue;
			for (int k = 0; k < f->marks.n; k++)
				if (strcmp(m[k].inject, x->id) == 0 && strcmp(m[k].expect, x->expects[e].id) == 0 &&
				    strcmp(m[k].team, team) == 0)
					mark = m[k].met;
			met += mark == 1, not_met += mark == 0, open += mark < 0;
		}
	}
	return json_pack("{s:i,s:i,s:i}", "met", met, "not_met", not_met, "unmarked", open);
}

static json_t *team_findings(const struct cc_drill *d, const struct facts *f, const char *o,
			     const char *team)
{
	const struct cc_drill_eval_rec *e = f->evals.items;
	json_t *ratings = json_array(), *kinds[3] = {json_array(), json_array(), json_array()};
	static const char *const kind_names[3] = {"strength", "improvement", "note"};
	const char *latest = NULL;
	int r;

	for (int i = 0; i < f->evals.n; i++) {
		if (strcmp(e[i].objective, o) != 0 || strcmp(e[i].team, team) != 0)
			continue;
		if (e[i].rating) {
			latest = e[i].rating;
			json_array_append_new(ratings, json_pack("{s:s,s:s,s:o}", "rating", e[i].rating,
				"evaluator", e[i].evaluator_name, "at", iso(e[i].at)));
		}
		for (int k = 0; k < 3; k++)
			if (strcmp(e[i].kind, kind_names[k]) == 0 && e[i].observation[0])
				json_array_append_new(kinds[k], json_pack("{s:s,s:s,s:o}", "text",
					e[i].observation, "evaluator", e[i].evaluator_name, "at",
					iso(e[i].at)));
	}
	r = latest ? cc_drill_rating_parse(latest) : -1;
	return json_pack("{s:s,s:o,s:o,s:o,s:o,s:o,s:o,s:o}", "team", team, "rating", str(latest),
			 "rating_name", r >= 0 ? json_string(cc_drill_rating_names[r]) : json_null(),
			 "ratings", ratings, "strengths", kinds[0], "improvements", kinds[1],
			 "notes", kinds[2], "expects", expect_counts(d, f, o, team));
}

/* Whether a team took part: it has players, or evaluations (a team the
 * controllers play). */
static bool plays(const struct cc_drill *d, const struct facts *f, const char *team)
{
	for (int m = 0; m < d->nmembers; m++)
		if (d->members[m].team && strcmp(d->members[m].team, team) == 0)
			return true;
	for (int i = 0; i < f->evals.n; i++)
		if (strcmp(((const struct cc_drill_eval_rec *)f->evals.items)[i].team, team) == 0)
			return true;
	return false;
}

static json_t *objectives(const struct cc_drill *d, const struct facts *f,
			  const json_t *technical)
{
	json_t *out = json_array();

	for (int i = 0; i < d->sc.nobjectives; i++) {
		const struct cc_objective *o = &d->sc.objectives[i];
		json_t *criteria = json_array(), *teams = json_array();

		for (int c = 0; c < o->ncriteria; c++)
			json_array_append_new(criteria, json_string(o->criteria[c]));
		for (int t = 0; t < d->nteams; t++)
			if (plays(d, f, d->teams[t].id))
				json_array_append_new(teams, team_findings(d, f, o->id, d->teams[t].id));
		json_array_append_new(out, json_pack("{s:s,s:s,s:o,s:o,s:o,s:o}", "id", o->id, "name",
			o->name, "criteria", criteria, "framework", o->fw_id ?
			json_pack("{s:s,s:s}", "id", o->fw_id, "node", o->fw_node ? o->fw_node : "") :
			json_null(), "teams", teams, "challenges",
			cc__drill_technical_evidence(technical, o->id)));
	}
	return out;
}

static json_t *feedback(const struct facts *f)
{
	const struct cc_drill_feedback_rec *r = f->feedback.items;
	json_t *qs = json_array(), **parsed = calloc((size_t)f->feedback.n + 1, sizeof(json_t *));

	if (!parsed) {
		json_decref(qs);
		return NULL;
	}
	for (int i = 0; i < f->feedback.n; i++)
		parsed[i] = json_loads(r[i].answers, 0, NULL);
	for (int q = 0; q < cc_nfeedback_questions; q++) {
		const struct cc_feedback_question *fq = &cc_feedback_questions[q];
		struct cc_feedback_tally t;
		json_t *texts = json_array(), *counts = json_array();

		cc_feedback_tally_init(&t);
		for (int i = 0; i < f->feedback.n; i++) {
			json_t *v = json_object_get(parsed[i], fq->id);
			if (fq->type == CC_FQ_SCALE && json_is_integer(v))
				cc_feedback_tally_add(&t, (int)json_integer_value(v));
			else if (fq->type == CC_FQ_TEXT && json_is_string(v) && json_string_length(v))
				json_array_append(texts, v);
		}
		for (int c = 0; c < 5; c++)
			json_array_append_new(counts, json_integer(t.counts[c]));
		json_array_append_new(qs, fq->type == CC_FQ_SCALE ?
			json_pack("{s:s,s:s,s:s,s:i,s:o,s:o}", "id", fq->id, "text", fq->text,
				  "type", "scale", "n", t.n, "mean", num(t.mean), "counts", counts) :
			json_pack("{s:s,s:s,s:s,s:i,s:o}", "id", fq->id, "text", fq->text, "type",
				  "text", "n", (int)json_array_size(texts), "answers", texts));
		if (fq->type == CC_FQ_SCALE)
			json_decref(texts);
		else
			json_decref(counts);
	}
	for (int i = 0; i < f->feedback.n; i++)
		json_decref(parsed[i]);
	free(parsed);
	return json_pack("{s:i,s:o}", "answered", f->feedback.n, "questions", qs);
}

static json_t *improvements(const struct facts *f)
{
	const struct cc_improvement_rec *r = f->improvements.items;
	json_t *out = json_array();

	for (int i = 0; i < f->improvements.n; i++)
		json_array_append_new(out, json_pack("{s:I,s:s,s:s,s:s,s:s,s:s,s:s,s:o,s:s,s:o,s:o,"
						     "s:s,s:o}",
			"id", (json_int_t)r[i].id, "team", r[i].team, "organisation", r[i].organisation,
			"objective", r[i].objective, "issue", r[i].issue, "action", r[i].action,
			"owner", r[i].owner, "start", str(r[i].start), "due", r[i].due,
			"plan", str(r[i].plan), "plan_action", r[i].plan_action ?
			json_integer(r[i].plan_action) : json_null(), "by", r[i].by, "at",
			iso(r[i].at)));
	return out;
}

json_t *cc_drills_report(struct cc_store *s, const char *data_dir, const char *id,
			 double now, struct cc_error *err)
{
	struct cc_drill d;
	struct facts f;
	json_t *out = NULL, *tech = NULL;
	int rc = cc_drill_load(s, data_dir, id, &d, err);

	memset(&f, 0, sizeof(f));
	if (!rc)
		rc = cc_store_drill_responses(s, id, NULL, &f.responses, err);
	if (!rc)
		rc = cc_store_drill_evals(s, id, &f.evals, err);
	if (!rc)
		rc = cc_store_expect_marks(s, id, &f.marks, err);
	if (!rc)
		rc = cc_store_drill_feedback(s, id, &f.feedback, err);
	if (!rc)
		rc = cc_store_improvements(s, id, &f.improvements, err);
	if (!rc && !(tech = cc__drill_technical(s, id, now, err)))
		rc = err ? err->code : CC_ENOMEM;
	if (!rc) {
		out = overview(s, &d, now);
		if (out) {
			json_object_set_new(out, "objectives", objectives(&d, &f, tech));
			json_object_set(out, "technical", tech);
			json_object_set_new(out, "timeline", timeline(&d, &f));
			json_object_set_new(out, "feedback", feedback(&f));
			json_object_set_new(out, "improvements", improvements(&f));
		} else {
			cc_error_set(err, CC_ENOMEM, NULL, 0, 0, "out of memory");
		}
	}
	json_decref(tech);
	facts_free(&f);
	cc_drill_free(&d);
	return out;
}
