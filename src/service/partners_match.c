/*
 * partners_match.c - proposing matches for a request (core/match.c over
 * the open offers the proposer may offer, eligibility read on the lists
 * of each offer's year, the breakdown stored) and the requesting
 * country's decision (see partners.h, docs/partnerships.md "Matching").
 */
#include "partners.h"

#include "../core/date.h"
#include "../core/match.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* JSON arrays of text kept alive while scoring. */
struct strs {
	json_t *arr;
	const char **v;
	int n;
};

static struct cc_strs strs_of(struct strs *x, const char *text)
{
	if (cc__pstrs(text, &x->arr, &x->v, &x->n))
		x->n = 0;
	return (struct cc_strs){x->v, x->n};
}

static void strs_free(struct strs *x, int n)
{
	for (int i = 0; i < n; i++) {
		free(x[i].v);
		json_decref(x[i].arr);
	}
}

static json_t *breakdown_json(const struct cc_match_score *m, const char *group, int list_year)
{
	return json_pack("{s:f,s:f,s:f,s:f,s:f,s:f,s:f,s:f,s:i,s:i,s:s,s:i}", "theme", m->theme,
			 "modality", m->modality, "language", m->language, "region", m->region,
			 "capacity", m->capacity, "gap", m->gap, "total", m->total, "max",
			 CC_MATCH_MAX, "subtopics", m->subtopics, "themes", m->themes,
			 "eligible_by", group, "list_year", list_year);
}

json_t *cc__pmatch_json(const struct cc_pmatch_rec *m)
{
	json_t *b = json_loads(m->breakdown, 0, NULL);

	return json_pack("{s:I,s:I,s:I,s:s,s:s,s:f,s:o,s:i,s:s,s:s,s:s,s:s?,s:s?}", "id", m->id,
			 "request", m->request, "offer", m->offer, "unit", m->unit, "partner",
			 m->org, "score", m->score, "breakdown", b ? b : json_object(), "list_year",
			 m->list_year, "status", m->status, "reason", m->reason, "proposed_by",
			 m->proposed_by, "decided_by", m->decided_by, "decided_at", m->decided_at);
}

bool cc__pmatch_visible(const struct cc_pcaller *c, const struct cc_pmatch_rec *m)
{
	return c->secretariat || cc_pcaller_focal_of(c, m->unit) || cc_pcaller_partner_of(c, m->org);
}

/* Scores r against o; fills sc, *year and group (what made it eligible:
 * sc->group points into strings freed here). */
static int score_one(struct cc_store *s, const struct cc_snapshot *snap,
		     const struct cc_pcaller *c, const struct cc_prequest_rec *r, int gap,
		     const struct cc_offer_rec *o, struct cc_match_score *sc, int *year,
		     char group[65], struct cc_error *err)
{
	struct strs x[8] = {{0}};
	struct cc_match_request mr = {.unit = r->unit, .visibility = r->visibility,
				      .measured_gap = gap};
	struct cc_match_offer mo = {.capacity = o->capacity, .used = o->used};
	struct cc_match_ctx ctx = {.today = c->today, .by_secretariat = c->secretariat};
	json_t *groups = NULL;
	int rc;

	mr.themes = strs_of(&x[0], r->themes);
	mr.modalities = strs_of(&x[1], r->modalities);
	mr.languages = strs_of(&x[2], r->languages);
	mo.themes = strs_of(&x[3], o->themes);
	mo.modalities = strs_of(&x[4], o->modalities);
	mo.languages = strs_of(&x[5], o->languages);
	mo.groups = strs_of(&x[6], o->groups);
	mo.units = strs_of(&x[7], o->units);
	cc_date_valid(r->needed_by, &mr.needed_by);
	cc_date_valid(o->from, &mo.from);
	cc_date_valid(o->to, &mo.to);
	*year = cc_match_list_year(&ctx, &mo);
	rc = cc_partners_unit_groups(s, snap, r->unit, *year, &groups, err);
	if (!rc) {
		struct strs g;
		char *text = json_dumps(groups, JSON_COMPACT);
		ctx.unit_groups = strs_of(&g, text);
		cc_match_score(&mr, &mo, &ctx, sc);
		snprintf(group, 65, "%s", sc->group ? sc->group : "");
		sc->group = NULL;
		strs_free(&g, 1);
		free(text);
	}
	json_decref(groups);
	strs_free(x, 8);
	return rc;
}

/* Scores every open offer the caller may propose; stores the eligible. */
static int propose(struct cc_store *s, const struct cc_snapshot *snap,
		   const struct cc_pcaller *c, const struct cc_prequest_rec *r, json_t *left_out,
		   struct cc_error *err)
{
	struct cc_list offers;
	int gap = cc__prequest_gap(s, r), rc = cc_store_offers(s, NULL, &offers, err);

	for (int i = 0; !rc && i < offers.n; i++) {
		const struct cc_offer_rec *o = &((struct cc_offer_rec *)offers.items)[i];
		struct cc_match_score sc;
		char group[65];
		int year;
		if (strcmp(o->status, "open") ||
		    (!c->secretariat && !cc_pcaller_partner_of(c, o->org)))
			continue;
		rc = score_one(s, snap, c, r, gap, o, &sc, &year, group, err);
		if (!rc && sc.excluded) {
			json_array_append_new(left_out, json_pack("{s:I,s:s}", "offer", o->id,
								  "filter", sc.excluded));
		} else if (!rc) {
			json_t *b = breakdown_json(&sc, group, year);
			char *text = json_dumps(b, JSON_COMPACT | JSON_SORT_KEYS);
			struct cc_pmatch_rec m = {.request = r->id, .offer = o->id, .score = sc.total,
						  .breakdown = text, .list_year = year,
						  .proposed_by = cc__pactor(c)};
			long long id;
			rc = cc_store_put_match(s, &m, &id, err);
			free(text);
			json_decref(b);
		}
	}
	cc_list_free(&offers);
	return rc;
}

int cc_partners_propose(struct cc_store *s, const struct cc_snapshot *snap,
			const struct cc_pcaller *c, long long request, json_t **out,
			struct cc_error *err)
{
	struct cc_list l, ml;
	const struct cc_prequest_rec *r;
	json_t *left_out = json_array(), *list = json_array();
	char entity[40];
	int rc = cc__prequest_load(s, c, request, &l, err);

	if (rc)
		goto done;
	r = l.items;
	if (!c->secretariat && c->norgs == 0)
		rc = cc__pforbid(err, "only the secretariat or a partner proposes matches");
	else if (strcmp(r->status, "open") && strcmp(r->status, "matched"))
		rc = cc_error_set(err, CC_ECONFLICT, "request", 0, 0, "request %lld is %s",
				  request, r->status);
	if (!rc)
		rc = cc_store_begin(s, err);
	if (rc) {
		cc_list_free(&l);
		goto done;
	}
	rc = propose(s, snap, c, r, left_out, err);
	snprintf(entity, sizeof(entity), "request:%lld", request);
	if (!rc)
		rc = cc__paudit(s, c, "propose", entity, NULL, left_out, err);
	if (!rc)
		rc = cc_store_commit(s, err);
	if (rc)
		cc_store_rollback(s);
	cc_list_free(&l);
	if (!rc && !(rc = cc_store_matches(s, request, &ml, err))) {
		for (int i = 0; i < ml.n; i++) {
			const struct cc_pmatch_rec *m = &((struct cc_pmatch_rec *)ml.items)[i];
			if (c->secretariat || cc_pcaller_partner_of(c, m->org))
				json_array_append_new(list, cc__pmatch_json(m));
		}
		cc_list_free(&ml);
	}
done:
	if (!rc)
		*out = json_pack("{s:O,s:O}", "matches", list, "left_out", left_out);
	json_decref(list);
	json_decref(left_out);
	return rc;
}

int cc_partners_matches_json(struct cc_store *s, const struct cc_pcaller *c, long long request,
			     const char *unit, const char *org, json_t **out, struct cc_error *err)
{
	struct cc_list l;
	int rc = cc_store_matches(s, request, &l, err);

	if (rc)
		return rc;
	*out = json_array();
	for (int i = 0; i < l.n; i++) {
		const struct cc_pmatch_rec *m = &((struct cc_pmatch_rec *)l.items)[i];
		if (cc__pmatch_visible(c, m) && (!unit || strcmp(unit, m->unit) == 0) &&
		    (!org || strcmp(org, m->org) == 0))
			json_array_append_new(*out, cc__pmatch_json(m));
	}
	cc_list_free(&l);
	return CC_OK;
}

/* ---- the decision ---- */

static const char *const decisions[] = {"shortlisted", "accepted", "declined", "withdrawn",
					NULL};

/* Who may move m to status, and whether the move is legal. */
static int may_move(const struct cc_pcaller *c, const struct cc_pmatch_rec *m,
		    const char *status, struct cc_error *err)
{
	bool open = strcmp(m->status, "proposed") == 0 || strcmp(m->status, "shortlisted") == 0;

	if (strcmp(status, "withdrawn") == 0) {
		if (!c->secretariat && !cc_pcaller_partner_of(c, m->org))
			return cc__pforbid(err, "only the secretariat or the offering partner "
					   "withdraws a match");
	} else if (!cc_pcaller_focal_of(c, m->unit)) {
		return cc__pforbid(err, "only the requesting country (its focal point) decides "
				   "on a match");
	}
	if (!open || (strcmp(status, "shortlisted") == 0 && strcmp(m->status, "proposed")))
		return cc_error_set(err, CC_ECONFLICT, "status", 0, 0, "match %lld is %s: it "
				    "cannot become %s", m->id, m->status, status);
	return CC_OK;
}

static int accept_checks(struct cc_store *s, const struct cc_pmatch_rec *m,
			 struct cc_error *err)
{
	struct cc_list l;
	int rc = cc_store_offer(s, m->offer, &l, err);
	const struct cc_offer_rec *o = l.items;

	if (rc)
		return rc;
	if (o->used >= o->capacity)
		rc = cc_error_set(err, CC_ECONFLICT, "status", 0, 0, "offer %lld has no place "
				  "left (%d of %d countries)", o->id, o->used, o->capacity);
	cc_list_free(&l);
	if (!rc)
		rc = cc_store_set_request_status(s, m->request, "matched", err);
	return rc;
}

int cc_partners_decide(struct cc_store *s, const struct cc_pcaller *c, long long id,
		       const json_t *body, json_t **out, struct cc_error *err)
{
	struct cc_list l;
	const struct cc_pmatch_rec *m;
	const char *status, *reason;
	char entity[40];
	int rc = cc_store_match(s, id, &l, err);

	if (rc)
		return rc;
	m = l.items;
	rc = cc__pchoice(body, "status", false, decisions, &status, err);
	if (!rc)
		rc = cc__ptext(body, "reason", true, CC_PARTNER_LONG_MAX, &reason, err);
	if (!rc && !reason && strcmp(status, "declined") == 0)
		rc = cc_error_set(err, CC_EINPUT, "reason", 0, 0, "a declined match needs a reason");
	if (!rc)
		rc = may_move(c, m, status, err);
	if (!rc)
		rc = cc_store_begin(s, err);
	if (!rc) {
		if (strcmp(status, "accepted") == 0)
			rc = accept_checks(s, m, err);
		if (!rc)
			rc = cc_store_decide_match(s, id, status, reason, cc__pactor(c), NULL, err);
		snprintf(entity, sizeof(entity), "match:%lld", id);
		if (!rc)
			rc = cc__paudit(s, c, status, entity, NULL, body, err);
		if (!rc)
			rc = cc_store_commit(s, err);
		if (rc)
			cc_store_rollback(s);
	}
	cc_list_free(&l);
	if (!rc && !(rc = cc_store_match(s, id, &l, err))) {
		*out = cc__pmatch_json(l.items);
		cc_list_free(&l);
	}
	return rc;
}
