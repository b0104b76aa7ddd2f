/*
 * risk_workshop.c - the participants of a risk workshop, their own
 * ratings, and the two views of it: the participant's (scenarios and
 * their own ratings only) and the facilitator's (everyone's, with the
 * spread). See risk_workshop.h. Accounts come from the respondents'
 * code (cc_respondents_account), so a person has one sign-in whether
 * they answer maturity questions or rate risks.
 */
#include "risk_workshop.h"

#include "auth.h"
#include "risks_internal.h"

#include "../core/risk.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NO_MEMORY(err) cc_error_set((err), CC_ENOMEM, NULL, 0, 0, "out of memory")

static void participant_entity(char *buf, size_t size, const char *a, long long id)
{
	snprintf(buf, size, "risk_participant:%s/%lld", a, id);
}

/* ---- participants ---- */

static int link_participant(struct cc_store *s, const char *a, const struct cc_respondent_new *r,
			    const char *actor, struct cc_respondent_added *out,
			    struct cc_error *err)
{
	struct cc_list l;
	char entity[300], user[32];
	bool has_password;
	int rc = cc_store_risk_assessment(s, a, &l, err);

	if (rc)
		return rc;
	cc_list_free(&l);
	rc = cc_respondents_account(s, r, actor, out, &has_password, err);
	if (!rc && !(rc = cc_store_participant(s, a, 0, out->user_id, &l, err))) {
		const struct cc_participant_rec *old = l.items;
		out->id = old->id;
		out->restored = old->removed;
		cc_list_free(&l);
		if (!out->restored)
			return cc_error_set(err, CC_ECONFLICT, "email", 0, 0,
					    "%s is a participant of %s already", r->email, a);
		rc = cc_store_restore_participant(s, out->id, r->name, r->organisation, r->group, err);
	} else if (rc == CC_ENOTFOUND) {
		cc_error_clear(err);
		rc = cc_store_participants(s, a, &l, err);
		if (!rc && l.n >= CC_RESPONDENTS_MAX)
			rc = cc_error_set(err, CC_ELIMIT, "email", 0, 0,
					  "a risk workshop has at most %d participants",
					  CC_RESPONDENTS_MAX);
		if (!rc || rc == CC_ELIMIT)
			cc_list_free(&l);
		if (!rc)
			rc = cc_store_add_participant(s, a, out->user_id, r->name, r->organisation,
						      r->group, actor, &out->id, err);
	}
	if (!rc && !has_password)
		rc = cc_auth_issue_setup(s, out->user_id, out->token, out->expires_at, err);
	participant_entity(entity, sizeof(entity), a, out->id);
	snprintf(user, sizeof(user), "%lld", out->user_id);
	if (!rc)
		rc = cc__plan_audit(s, actor, out->restored ? "restore" : "add", entity, NULL,
				    json_pack("{s:s,s:s,s:s}", "group", r->group, "user", user,
					      "email", r->email), err);
	return rc;
}

int cc_risk_participant_add(struct cc_store *s, const char *assessment,
			    const struct cc_respondent_new *given, const char *actor,
			    struct cc_respondent_added *out, struct cc_error *err)
{
	struct cc_respondent_clean c;
	int rc = cc_respondents_clean(given, &c, err);

	memset(out, 0, sizeof(*out));
	if (rc)
		return rc;
	rc = cc_store_begin(s, err);
	if (!rc)
		rc = link_participant(s, assessment, &c.r, actor, out, err);
	if (!rc)
		rc = cc_store_commit(s, err);
	if (rc) {
		cc_store_rollback(s);
		memset(out->token, 0, sizeof(out->token));
	}
	return rc;
}

/* The participant id of assessment a, which must not be removed. */
static int current(struct cc_store *s, const char *a, long long id, struct cc_error *err)
{
	struct cc_list l;
	int rc = cc_store_participant(s, a, id, 0, &l, err);

	if (!rc && ((struct cc_participant_rec *)l.items)->removed)
		rc = cc_error_set(err, CC_ENOTFOUND, "participant", 0, 0,
				  "participant %lld of %s was removed", id, a);
	if (l.n)
		cc_list_free(&l);
	return rc;
}

static int remove_participant(struct cc_store *s, const char *a, long long id,
			      const char *actor, struct cc_error *err)
{
	char entity[300];
	int rc = current(s, a, id, err);

	if (!rc)
		rc = cc_store_remove_participant(s, id, err);
	participant_entity(entity, sizeof(entity), a, id);
	if (!rc)
		rc = cc__plan_audit(s, actor, "remove", entity, NULL, NULL, err);
	return rc;
}

int cc_risk_participant_remove(struct cc_store *s, const char *assessment, long long id,
			       const char *actor, struct cc_error *err)
{
	CC_TXN(s, err, remove_participant(s, assessment, id, actor, err));
}

/* ---- a participant's rating ---- */

/* body's rating members alone (what cc__phase_parse checks), reporting
 * any other member but phase and comment. */
static json_t *rating_part(struct cc__risk_ctx *c, const json_t *body)
{
	json_t *o = json_object();
	const char *key;
	json_t *v;

	json_object_foreach((json_t *)body, key, v) {
		if (strcmp(key, "likelihood") == 0 || strcmp(key, "impact") == 0 ||
		    strcmp(key, "impacts") == 0)
			json_object_set(o, key, v);
		else if (strcmp(key, "phase") && strcmp(key, "comment"))
			cc__risk_bad(c, key, "%.100s is not a member this takes (phase, likelihood, "
				     "impact or impacts, comment)", key);
	}
	return o;
}

static int rate(struct cc_store *s, const char *a, long long id, const char *risk,
		const json_t *body, const char *actor, struct cc_error *err)
{
	struct cc_register reg;
	struct cc__risk_ctx c;
	struct cc__phase_in ph = {0};
	struct cc_rating_rec r = {0};
	struct cc_arena ar;
	struct cc_error e;
	json_t *part = NULL, *pv = json_object_get(body, "phase");
	const char *comment = NULL;
	char entity[400];
	int p = CC_PHASE_CURRENT, at = -1, rc = cc_register_load(s, a, &reg, err);

	cc_arena_init(&ar);
	if (!rc)
		rc = current(s, a, id, err);
	if (!rc && (at = cc_register_find(&reg, risk)) < 0)
		rc = cc_error_set(err, CC_ENOTFOUND, "risk", 0, 0, "no risk \"%s\" in %s", risk, a);
	if (!rc && !json_is_object(body))
		rc = cc_error_set(err, CC_EINPUT, "", 0, 0, "the body is a JSON object");
	if (!rc && !(rc = cc__risk_ctx_open(&c, s, &reg.m, err))) {
		if (pv && !json_is_null(pv) && (p = cc_phase_parse(json_string_value(pv))) < 0)
			cc__risk_bad(&c, "phase", "phase is inherent, current or target");
		if (cc__plan_text(json_object_get(body, "comment"), "comment", false,
				  CC_RISK_LONG_MAX, true, &comment, &e))
			cc__risk_bad(&c, e.file, "%s", e.msg);
		if (!(part = rating_part(&c, body)))
			c.fatal = CC_ENOMEM;
		cc__phase_parse(&c, part, "", false, &ar, &ph);
		rc = cc__risk_status(&c, err);
		cc__risk_ctx_close(&c);
	}
	if (!rc) {
		r = cc__phase_rec(&reg.m, &ph, reg.v[at].r->key, p, actor);
		r.participant = id;
		r.rationale = comment ? comment : "";
		rc = cc_store_put_participant_rating(s, &r, err);
	}
	snprintf(entity, sizeof(entity), "risk_participant_rating:%s/%lld/%s/%s", a, id, risk,
		 p >= 0 ? cc_phase_names[p] : "");
	if (!rc) {
		json_t *after = cc__rating_input_json(&r);
		json_object_set_new(after, "comment", json_string(r.rationale));
		rc = cc__plan_audit(s, actor, "rate", entity, NULL, after, err);
	}
	json_decref(part);
	free(ph.impacts_json);
	cc_arena_free(&ar);
	cc_register_free(&reg);
	return rc;
}

int cc_risk_participant_rate(struct cc_store *s, const char *assessment, long long id,
			     const char *risk, const json_t *body, const char *actor,
			     struct cc_error *err)
{
	CC_TXN(s, err, rate(s, assessment, id, risk, body, actor, err));
}

/* ---- views ---- */

json_t *cc_participant_json(const struct cc_participant_rec *p)
{
	return json_pack("{s:I,s:s,s:s,s:s,s:s,s:i,s:b,s:I,s:s}", "id", (json_int_t)p->id,
			 "email", p->email, "name", p->name, "organisation", p->organisation,
			 "group", p->group, "rated", p->rated, "removed", p->removed, "user_id",
			 (json_int_t)p->user_id, "added_at", p->at);
}

/* A participant's rating as the views show it. */
static json_t *response_json(const struct cc_matrix *m, const struct cc_rated *x,
			     const struct cc_participant_rec *who)
{
	json_t *o = cc__rated_json(m, x);

	if (!json_is_object(o))
		return o;
	json_object_del(o, "confidence");
	json_object_del(o, "workshop");
	json_object_del(o, "dissent");
	json_object_set(o, "comment", json_object_get(o, "rationale"));
	json_object_del(o, "rationale");
	if (who) {
		json_object_set_new(o, "participant", json_integer(who->id));
		json_object_set_new(o, "name", json_string(who->name));
		json_object_set_new(o, "group", json_string(who->group));
	}
	return o;
}

int cc_risk_participant_view(struct cc_store *s, const struct cc_register *reg,
			     const struct cc_participant_rec *p, json_t **out,
			     struct cc_error *err)
{
	struct cc_list l;
	struct cc_arena ar;
	json_t *risks = json_array(), *o;
	int rc = cc_store_participant_ratings(s, reg->a->id, p->id, &l, err);

	*out = NULL;
	if (rc) {
		json_decref(risks);
		return rc;
	}
	cc_arena_init(&ar);
	for (int k = 0; risks && k < reg->n; k++) {
		const struct cc_risk_view *v = &reg->v[k];
		const struct cc_rating_rec *rr = l.items;
		json_t *mine = json_object(), *sec = json_array();

		for (int j = 0; sec && j < v->nsectors; j++)
			json_array_append_new(sec, json_string(v->sectors[j]));
		for (int j = 0; mine && j < l.n; j++) {
			struct cc_rated x;
			if (rr[j].risk != v->r->key)
				continue;
			if (cc__rating_resolve(&reg->m, &ar, &rr[j], &x))
				rc = CC_ENOMEM;
			json_object_set_new(mine, rr[j].phase, response_json(&reg->m, &x, NULL));
		}
		json_array_append_new(risks, json_pack("{s:s,s:s,s:s,s:o,s:s,s:s,s:s,s:o}", "id",
			v->r->id, "title", v->r->title, "scenario", v->r->scenario, "sectors", sec,
			"threat", v->r->threat, "actor", v->r->actor, "vulnerabilities",
			v->r->vulnerabilities, "ratings", mine));
	}
	o = cc_participant_json(p);
	json_object_set_new(o, "assessment", cc_register_assessment_json(reg, true));
	json_object_set_new(o, "risks", risks);
	cc_arena_free(&ar);
	cc_list_free(&l);
	if (rc || !o) {
		json_decref(o);
		return NO_MEMORY(err);
	}
	*out = o;
	return CC_OK;
}

/* The spread of one scale: which[k] is the level (index) of response k. */
static json_t *spread_json(const struct cc_mitem *scale, int nscale, const int *which, int n)
{
	struct cc_spread_item *items = calloc((size_t)n + 1, sizeof(*items));
	struct cc_spread_count *counts = calloc((size_t)n + 1, sizeof(*counts));
	double *scratch = calloc((size_t)n + 1, sizeof(*scratch));
	struct cc_spread sp;
	json_t *c = json_object(), *o = NULL;

	if (items && counts && scratch && c) {
		cc_risk_spread(scale, nscale, which, n, items, counts, scratch, &sp);
		for (int i = 0; i < sp.ncounts; i++)
			json_object_set_new(c, counts[i].key, json_integer(counts[i].n));
		o = json_pack("{s:O,s:o,s:b}", "counts", c, "median",
			      isnan(sp.median) ? json_null() : json_real(sp.median), "divergent",
			      sp.divergent);
	}
	json_decref(c);
	free(items), free(counts), free(scratch);
	return o;
}

/* The spread of the responses x[0..n) of one risk and phase. */
static json_t *phase_spread(const struct cc_matrix *m, const struct cc_rated *x, int n)
{
	int *lv = calloc((size_t)n + 1, sizeof(int)), *im = calloc((size_t)n + 1, sizeof(int)),
	    *le = calloc((size_t)n + 1, sizeof(int));
	json_t *o = NULL, *dims = json_object();

	if (lv && im && le && dims) {
		for (int k = 0; k < n; k++) {
			lv[k] = x[k].set ? x[k].likelihood : -1;
			im[k] = x[k].set ? x[k].impact : -1;
			le[k] = x[k].set ? x[k].level : -1;
		}
		for (int d = 0; d < m->ndimensions; d++) {
			for (int k = 0; k < n; k++)
				im[k] = x[k].set ? x[k].impacts[d] : -1;
			json_object_set_new(dims, m->dimensions[d].id,
					    spread_json(m->impact, m->nimpact, im, n));
		}
		for (int k = 0; k < n; k++)
			im[k] = x[k].set ? x[k].impact : -1;
		o = json_pack("{s:o,s:o,s:o,s:O}", "likelihood",
			      spread_json(m->likelihood, m->nlikelihood, lv, n), "impact",
			      spread_json(m->impact, m->nimpact, im, n), "level",
			      spread_json(m->levels, m->nlevels, le, n), "dimensions", dims);
	}
	json_decref(dims);
	free(lv), free(im), free(le);
	return o;
}

static const struct cc_participant_rec *who_of(const struct cc_list *ps, long long id)
{
	const struct cc_participant_rec *p = ps->items;

	for (int i = 0; i < ps->n; i++)
		if (p[i].id == id)
			return &p[i];
	return NULL;
}

/* Risk i's phases: the active participants' ratings of each, the
 * spread, the risk's own. */
static json_t *risk_phases(const struct cc_register *reg, int i, const struct cc_list *ps,
			   const struct cc_list *ratings, struct cc_arena *ar)
{
	const struct cc_rating_rec *rr = ratings->items;
	struct cc_rated *x = cc_arena_array(ar, (size_t)ratings->n + 1, sizeof(*x));
	json_t *phases = json_object();

	for (int p = 0; x && phases && p < CC_NPHASES; p++) {
		json_t *list = json_array();
		int n = 0;

		for (int j = 0; list && j < ratings->n; j++) {
			const struct cc_participant_rec *who = who_of(ps, rr[j].participant);
			if (rr[j].risk != reg->v[i].r->key || strcmp(rr[j].phase, cc_phase_names[p]) ||
			    !who || who->removed)
				continue;
			if (cc__rating_resolve(&reg->m, ar, &rr[j], &x[n])) {
				json_decref(list);
				json_decref(phases);
				return NULL;
			}
			json_array_append_new(list, response_json(&reg->m, &x[n], who));
			n++;
		}
		json_object_set_new(phases, cc_phase_names[p], json_pack("{s:o,s:o,s:o}",
			"responses", list, "spread", n ? phase_spread(&reg->m, x, n) : json_null(),
			"agreed", cc__rated_json(&reg->m, &reg->v[i].phase[p])));
	}
	return x ? phases : NULL;
}

int cc_risk_workshop_view(struct cc_store *s, const struct cc_register *reg, json_t **out,
			  struct cc_error *err)
{
	struct cc_list ps, ratings;
	struct cc_arena ar;
	json_t *risks = json_array(), *people = json_array();
	int active = 0, rc = cc_store_participants(s, reg->a->id, &ps, err);

	*out = NULL;
	if (!rc && (rc = cc_store_participant_ratings(s, reg->a->id, 0, &ratings, err)))
		cc_list_free(&ps);
	if (rc) {
		json_decref(risks), json_decref(people);
		return rc;
	}
	cc_arena_init(&ar);
	for (int i = 0; people && i < ps.n; i++) {
		const struct cc_participant_rec *p = &((struct cc_participant_rec *)ps.items)[i];
		active += !p->removed;
		if (!p->removed)
			json_array_append_new(people, cc_participant_json(p));
	}
	for (int k = 0; risks && k < reg->n; k++) {
		int i = reg->order[k];
		json_t *ph = risk_phases(reg, i, &ps, &ratings, &ar);
		if (!ph)
			rc = CC_ENOMEM;
		json_array_append_new(risks, json_pack("{s:s,s:s,s:o*}", "id", reg->v[i].r->id,
						       "title", reg->v[i].r->title, "phases", ph));
	}
	*out = json_pack("{s:s,s:i,s:o,s:o}", "assessment", reg->a->id, "active", active,
			 "participants", people, "risks", risks);
	cc_arena_free(&ar);
	cc_list_free(&ps);
	cc_list_free(&ratings);
	if (rc || !*out) {
		json_decref(*out);
		*out = NULL;
		return NO_MEMORY(err);
	}
	return CC_OK;
}
