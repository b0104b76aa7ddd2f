/*
 * risk_json.c - assessments and risks as the API shows them to the
 * assessment team (see risks.h), and a risk in its input form (what POST
 * takes) for updates and the audit trail. The public view is
 * risk_views.c, and shows none of this.
 */
#include "risks_internal.h"

#include <string.h>

json_t *cc_risk_assessment_json(const struct cc_risk_assessment_rec *a)
{
	return json_pack("{s:s,s:s,s:s,s:{s:s,s:s},s:s,s:s,s:b,s:s?,s:i,s:s,s:s,s:s}", "id", a->id,
			 "unit", a->unit, "title", a->title, "matrix", "id", a->matrix, "hash",
			 a->matrix_hash, "start", a->start, "end", a->end, "published",
			 a->published, "published_at", a->published_at, "risks", a->risks,
			 "created_by", a->created_by, "created_at", a->created_at, "updated_at",
			 a->updated_at);
}

json_t *cc_register_assessment_json(const struct cc_register *reg, bool with_matrix)
{
	json_t *o = cc_risk_assessment_json(reg->a);

	if (o && with_matrix)
		json_object_set_new(o, "matrix", cc_matrix_json(cc_register_matrix(reg), reg->a->matrix_hash));
	return o;
}

json_t *cc__rated_json(const struct cc_matrix *m, const struct cc_rated *x)
{
	const struct cc_rating_rec *r = x->rec;
	json_t *o;

	if (!x->set)
		return json_null();
	o = json_pack("{s:s,s:s,s:s,s:s?,s:s,s:b,s:s,s:s,s:s}", "likelihood",
		      m->likelihood[x->likelihood].id, "impact", m->impact[x->impact].id, "level",
		      m->levels[x->level].id, "confidence", r->confidence, "rationale", r->rationale,
		      "workshop", r->workshop, "dissent", r->dissent, "by", r->by, "at", r->at);
	if (o && m->ndimensions) {
		json_t *d = json_object();
		for (int k = 0; d && k < m->ndimensions; k++)
			if (x->impacts[k] >= 0)
				json_object_set_new(d, m->dimensions[k].id,
						    json_string(m->impact[x->impacts[k]].id));
		json_object_set_new(o, "impacts", d);
	}
	return o;
}

static json_t *treatment_json(const struct cc_treatment_rec *t)
{
	json_t *action = t->action ?
		json_pack("{s:I,s:s,s:s,s:s,s:i,s:s?}", "id", (json_int_t)t->action, "plan", t->plan,
			  "title", t->action_title, "status", t->action_status, "progress",
			  t->action_progress, "due", t->action_due) : json_null();

	return json_pack("{s:I,s:s,s:s,s:s?,s:o,s:s,s:s}", "id", (json_int_t)t->id, "option",
			 t->option, "justification", t->justification, "plan", t->plan, "action",
			 action, "by", t->created_by, "at", t->created_at);
}

static json_t *sectors_json(const struct cc_risk_view *v)
{
	json_t *a = json_array();

	for (int k = 0; a && k < v->nsectors; k++)
		json_array_append_new(a, json_string(v->sectors[k]));
	return a;
}

static json_t *nodes_json(const struct cc_risk_view *v)
{
	json_t *a = json_array();

	for (int k = 0; a && k < v->nnodes; k++)
		json_array_append_new(a, json_pack("{s:s,s:s}", "framework", v->nodes[k]->framework,
						   "node", v->nodes[k]->value));
	return a;
}

json_t *cc_risk_json(const struct cc_register *reg, int i)
{
	const struct cc_risk_view *v = &reg->v[i];
	const struct cc_risk_rec *r = v->r;
	json_t *tr = json_array(), *o;

	for (int k = 0; tr && k < v->ntreatments; k++)
		json_array_append_new(tr, treatment_json(v->treatments[k]));
	o = json_pack("{s:s,s:s,s:s,s:o,s:s,s:s,s:s,s:s,s:o,s:s?,s:b,s:s,s:s,s:s?,s:o,s:s,s:s,s:s}",
		      "id", r->id, "title", r->title, "scenario", r->scenario, "sectors",
		      sectors_json(v), "threat", r->threat, "actor", r->actor, "owner", r->owner,
		      "vulnerabilities", r->vulnerabilities, "nodes", nodes_json(v), "confidence",
		      r->confidence, "public", r->is_public, "public_title", r->public_title,
		      "public_summary", r->public_summary, "review_date", r->review_date,
		      "treatments", tr, "created_by", r->created_by, "created_at", r->created_at,
		      "updated_at", r->updated_at);
	for (int p = 0; o && p < CC_NPHASES; p++)
		json_object_set_new(o, cc_phase_names[p], cc__rated_json(&reg->m, &v->phase[p]));
	return o;
}

json_t *cc_risk_input_json(const struct cc_register *reg, int i)
{
	const struct cc_risk_view *v = &reg->v[i];
	const struct cc_risk_rec *r = v->r;
	json_t *o = json_pack("{s:s,s:s,s:s,s:o,s:s,s:s,s:s,s:s,s:o,s:s?,s:b,s:s,s:s,s:s?}",
			      "id", r->id, "title", r->title, "scenario", r->scenario, "sectors",
			      sectors_json(v), "threat", r->threat, "actor", r->actor, "owner",
			      r->owner, "vulnerabilities", r->vulnerabilities, "nodes",
			      nodes_json(v), "confidence", r->confidence, "public", r->is_public,
			      "public_title", r->public_title, "public_summary", r->public_summary,
			      "review_date", r->review_date);

	for (int p = 0; o && p < CC_NPHASES; p++)
		if (v->phase[p].rec)
			json_object_set_new(o, cc_phase_names[p],
					    cc__rating_input_json(v->phase[p].rec));
	return o;
}
