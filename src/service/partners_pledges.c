/*
 * partners_pledges.c - pledges of support (from an accepted match or a
 * direct agreement), their dated deliveries, and the three statuses that
 * move forward only: commitment (proposed -> confirmed), delivery (none
 * -> partial -> complete), verification (self -> recipient ->
 * secretariat), and cancellation (see partners.h).
 */
#include "partners.h"

#include "../core/date.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char *const commitments[] = {"proposed", "confirmed", NULL};
static const char *const deliveries[] = {"none", "partial", "complete", NULL};
static const char *const verifications[] = {"self", "recipient", "secretariat", NULL};

static int rank_of(const char *const *order, const char *v)
{
	for (int i = 0; order[i]; i++)
		if (strcmp(order[i], v) == 0)
			return i;
	return -1;
}

/* The provider's side: the secretariat or a member of the organisation. */
static bool provider_side(const struct cc_pcaller *c, const char *org)
{
	return c->secretariat || cc_pcaller_partner_of(c, org);
}

bool cc__ppledge_visible(const struct cc_pcaller *c, const struct cc_pledge_rec *p)
{
	return provider_side(c, p->org) || cc_pcaller_focal_of(c, p->unit) ||
	       (!p->cancelled && strcmp(p->commitment, "confirmed") == 0);
}

/* "value": {"amount", "currency", "fx_rate", "fx_date", "valuation"}. */
static int read_value(const json_t *body, struct cc_pledge_rec *p, struct cc_error *err)
{
	json_t *v = json_object_get(body, "value"), *amount, *fx;
	int day, rc;

	if (!json_is_object(v))
		return cc_error_set(err, CC_EINPUT, "value", 0, 0, "value is {\"amount\", "
				    "\"currency\", \"fx_rate\", \"fx_date\", \"valuation\"}");
	amount = json_object_get(v, "amount");
	fx = json_object_get(v, "fx_rate");
	if (!json_is_number(amount) || json_number_value(amount) < 0)
		return cc_error_set(err, CC_EINPUT, "value.amount", 0, 0,
				    "value.amount is a number, 0 or more");
	if (!json_is_number(fx) || json_number_value(fx) <= 0)
		return cc_error_set(err, CC_EINPUT, "value.fx_rate", 0, 0,
				    "value.fx_rate is the US dollars of one unit of the currency, "
				    "above 0");
	p->amount = json_number_value(amount);
	p->fx_rate = json_number_value(fx);
	rc = cc__pcurrency(v, "currency", &p->currency, err);
	if (!rc)
		rc = cc__pdate(v, "fx_date", false, &p->fx_date, &day, err);
	if (!rc)
		rc = cc__pchoice(v, "valuation", false, cc_partner_valuations, &p->valuation, err);
	if (rc && strncmp(err->file, "value.", 6))
		cc__pprefix(err, "value");
	return rc;
}

static int read_period(const json_t *body, struct cc_pledge_rec *p, struct cc_error *err)
{
	json_t *v = json_object_get(body, "period");
	int from, to, rc;

	if (!json_is_object(v))
		return cc_error_set(err, CC_EINPUT, "period", 0, 0, "period is {\"from\", \"to\"}");
	rc = cc__pdate(v, "from", false, &p->from, &from, err);
	if (!rc)
		rc = cc__pdate(v, "to", false, &p->to, &to, err);
	if (!rc && to < from)
		rc = cc_error_set(err, CC_EINPUT, "to", 0, 0, "to is on or after from");
	if (rc)
		cc__pprefix(err, "period");
	return rc;
}

/* An accepted match fixes provider, recipient, request and themes. */
static int from_match(struct cc_store *s, const json_t *body, struct cc_pledge_rec *p,
		      struct cc_list *ml, struct cc_list *rl, struct cc_error *err)
{
	json_t *m = json_object_get(body, "match");
	const struct cc_pmatch_rec *mr;
	int rc;

	if (!m || json_is_null(m))
		return CC_OK;
	if (!json_is_integer(m))
		return cc_error_set(err, CC_EINPUT, "match", 0, 0, "match is the id of a match");
	p->match = json_integer_value(m);
	if ((rc = cc_store_match(s, p->match, ml, err)))
		return rc == CC_ENOTFOUND ? (err->code = CC_EINPUT) : rc;
	mr = ml->items;
	if (strcmp(mr->status, "accepted"))
		return cc_error_set(err, CC_ECONFLICT, "match", 0, 0, "match %lld is %s, not "
				    "accepted", p->match, mr->status);
	if (strcmp(mr->org, p->org))
		return cc_error_set(err, CC_EINPUT, "provider", 0, 0, "provider is the match's "
				    "partner, %s", mr->org);
	if (strcmp(mr->unit, p->unit))
		return cc_error_set(err, CC_EINPUT, "recipient", 0, 0, "recipient is the match's "
				    "unit, %s", mr->unit);
	p->request = mr->request;
	if ((rc = cc_store_request(s, mr->request, rl, err)))
		return rc;
	p->themes = ((struct cc_prequest_rec *)rl->items)->themes;
	return CC_OK;
}

int cc_partners_create_pledge(struct cc_store *s, const struct cc_snapshot *snap,
			      const struct cc_pcaller *c, const json_t *body, long long *id,
			      struct cc_error *err)
{
	struct cc_pledge_rec p = {0};
	struct cc_list ol, ml = {0}, rl = {0};
	char *themes = NULL, entity[40];
	int rc = cc__ptext(body, "provider", false, 64, &p.org, err);

	if (!rc && (rc = cc_store_org(s, p.org, &ol, err)) == CC_ENOTFOUND) {
		err->code = rc = CC_EINPUT;
		snprintf(err->file, sizeof(err->file), "provider");
	} else if (!rc)
		cc_list_free(&ol);
	if (!rc && !provider_side(c, p.org))
		return cc__pforbid(err, "only the secretariat or the providing partner records "
				   "a pledge");
	if (!rc)
		rc = cc__ptext(body, "recipient", false, 16, &p.unit, err);
	if (!rc && !cc_snapshot_unit(snap, p.unit))
		rc = cc_error_set(err, CC_EINPUT, "recipient", 0, 0, "unit \"%s\" is not known",
				  p.unit);
	if (!rc)
		rc = cc__ptext(body, "description", false, CC_PARTNER_LONG_MAX, &p.description, err);
	if (!rc)
		rc = cc__pchoice(body, "modality", false, cc_partner_modalities, &p.modality, err);
	if (!rc)
		rc = read_value(body, &p, err);
	if (!rc)
		rc = read_period(body, &p, err);
	if (!rc)
		rc = cc__pchoice(body, "commitment", true, commitments, &p.commitment, err);
	if (!rc)
		rc = cc__plist(body, "themes", true, 0, cc__ptheme_ok, s, &themes, err);
	if (!rc) {
		p.themes = themes;
		rc = from_match(s, body, &p, &ml, &rl, err);
	}
	if (!rc) {
		p.created_by = cc__pactor(c);
		rc = cc_store_begin(s, err);
		if (!rc)
			rc = cc_store_create_pledge(s, &p, id, err);
		snprintf(entity, sizeof(entity), "pledge:%lld", id ? *id : 0);
		if (!rc)
			rc = cc__paudit(s, c, "create", entity, NULL, body, err);
		if (!rc)
			rc = cc_store_commit(s, err);
		if (rc)
			cc_store_rollback(s);
	}
	if (ml.items)
		cc_list_free(&ml);
	if (rl.items)
		cc_list_free(&rl);
	free(themes);
	return rc;
}

json_t *cc__ppledge_json(const struct cc_pledge_rec *p)
{
	return json_pack("{s:I,s:o,s:o,s:s,s:s,s:s,s:s,s:o,s:{s:f,s:s,s:f,s:s,s:s,s:f},"
			 "s:{s:s,s:s},s:s,s:s,s:s,s:b,s:s?,s:I,s:s,s:s,s:o}",
			 "id", p->id, "match", p->match ? json_integer(p->match) : json_null(),
			 "request", p->request ? json_integer(p->request) : json_null(),
			 "provider", p->org, "recipient", p->unit, "description", p->description,
			 "modality", p->modality, "themes", cc__pjson_list(p->themes),
			 "value", "amount", p->amount, "currency", p->currency, "fx_rate",
			 p->fx_rate, "fx_date", p->fx_date, "valuation", p->valuation, "usd",
			 p->amount * p->fx_rate, "period", "from", p->from, "to", p->to,
			 "commitment", p->commitment, "delivery", p->delivery, "verification",
			 p->verification, "cancelled", p->cancelled, "completed_at",
			 p->completed_at, "beneficiaries", p->beneficiaries, "created_at",
			 p->created_at, "updated_at", p->updated_at, "action",
			 p->source_action ? json_integer(p->source_action) : json_null());
}

json_t *cc__pdelivery_json(const struct cc_delivery_rec *d)
{
	return json_pack("{s:I,s:s,s:s,s:f,s:I,s:s}", "id", d->id, "date", d->date, "what",
			 d->what, "quantity", d->quantity, "beneficiaries", d->beneficiaries,
			 "recorded_by", d->recorded_by);
}

json_t *cc__pdeliveries_json(const struct cc_list *dl, long long pledge)
{
	json_t *ds = json_array();

	for (int k = 0; k < dl->n; k++) {
		const struct cc_delivery_rec *d = &((struct cc_delivery_rec *)dl->items)[k];
		if (d->pledge == pledge)
			json_array_append_new(ds, cc__pdelivery_json(d));
	}
	return ds;
}

int cc_partners_pledges_json(struct cc_store *s, const struct cc_pcaller *c, const char *unit,
			     const char *org, json_t **out, json_t **totals,
			     struct cc_error *err)
{
	struct cc_list l, dl;
	const struct cc_pledge_rec **v;
	int n = 0, rc = cc_store_pledges(s, &l, err);

	if (rc)
		return rc;
	if ((rc = cc_store_deliveries(s, 0, &dl, err))) {
		cc_list_free(&l);
		return rc;
	}
	v = calloc((size_t)l.n + 1, sizeof(*v));
	*out = json_array();
	for (int i = 0; v && i < l.n; i++) {
		const struct cc_pledge_rec *p = &((struct cc_pledge_rec *)l.items)[i];
		json_t *j;
		if (!cc__ppledge_visible(c, p) || (unit && strcmp(unit, p->unit)) ||
		    (org && strcmp(org, p->org)))
			continue;
		j = cc__ppledge_json(p);
		json_object_set_new(j, "deliveries", cc__pdeliveries_json(&dl, p->id));
		json_array_append_new(*out, j);
		v[n++] = p;
	}
	if (totals && v)
		*totals = cc__ppledge_totals(v, n);
	free(v);
	cc_list_free(&dl);
	cc_list_free(&l);
	return v ? CC_OK : cc_error_set(err, CC_ENOMEM, NULL, 0, 0, "out of memory");
}

int cc_partners_pledge_json(struct cc_store *s, const struct cc_pcaller *c, long long id,
			    json_t **out, struct cc_error *err)
{
	struct cc_list l, dl;
	int rc = cc_store_pledge(s, id, &l, err);

	if (rc)
		return rc;
	if (!cc__ppledge_visible(c, l.items)) {
		cc_list_free(&l);
		return cc_error_set(err, CC_ENOTFOUND, "pledge", 0, 0, "no pledge %lld", id);
	}
	rc = cc_store_deliveries(s, id, &dl, err);
	if (!rc) {
		*out = cc__ppledge_json(l.items);
		json_object_set_new(*out, "deliveries", cc__pdeliveries_json(&dl, id));
		cc_list_free(&dl);
	}
	cc_list_free(&l);
	return rc;
}

/* Loads pledge id for a change by the caller; 404 when not visible. */
static int load_for_change(struct cc_store *s, const struct cc_pcaller *c, long long id,
			   struct cc_list *l, struct cc_error *err)
{
	int rc = cc_store_pledge(s, id, l, err);

	if (!rc && !cc__ppledge_visible(c, l->items)) {
		cc_list_free(l);
		rc = cc_error_set(err, CC_ENOTFOUND, "pledge", 0, 0, "no pledge %lld", id);
	}
	return rc;
}

static void now_text(char out[21])
{
	time_t t = time(NULL);
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(out, 21, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

int cc_partners_add_delivery(struct cc_store *s, const struct cc_pcaller *c, long long pledge,
			     const json_t *body, long long *id, struct cc_error *err)
{
	struct cc_delivery_rec d = {.pledge = pledge};
	struct cc_list l;
	struct cc_pledge_rec *p;
	json_t *q, *b;
	char entity[40];
	int day, rc = load_for_change(s, c, pledge, &l, err);

	if (rc)
		return rc;
	p = l.items;
	q = json_object_get(body, "quantity");
	b = json_object_get(body, "beneficiaries");
	if (!provider_side(c, p->org))
		rc = cc__pforbid(err, "only the secretariat or the providing partner records a "
				 "delivery");
	if (!rc)
		rc = cc__pdate(body, "date", false, &d.date, &day, err);
	if (!rc)
		rc = cc__ptext(body, "what", false, CC_PARTNER_TEXT_MAX, &d.what, err);
	if (!rc && (!json_is_number(q) || json_number_value(q) < 0))
		rc = cc_error_set(err, CC_EINPUT, "quantity", 0, 0, "quantity is a number, 0 or more");
	if (!rc && b && !json_is_null(b) && (!json_is_integer(b) || json_integer_value(b) < 0))
		rc = cc_error_set(err, CC_EINPUT, "beneficiaries", 0, 0,
				  "beneficiaries is a whole number, 0 or more");
	if (!rc && p->cancelled)
		rc = cc_error_set(err, CC_ECONFLICT, "pledge", 0, 0, "pledge %lld is cancelled",
				  pledge);
	if (!rc) {
		d.quantity = json_number_value(q);
		d.beneficiaries = json_is_integer(b) ? json_integer_value(b) : 0;
		d.recorded_by = cc__pactor(c);
		rc = cc_store_begin(s, err);
		if (!rc)
			rc = cc_store_add_delivery(s, &d, id, err);
		if (!rc && strcmp(p->delivery, "none") == 0) {
			p->delivery = "partial";
			rc = cc_store_update_pledge(s, p, err);
		}
		snprintf(entity, sizeof(entity), "pledge:%lld", pledge);
		if (!rc)
			rc = cc__paudit(s, c, "deliver", entity, NULL, body, err);
		if (!rc)
			rc = cc_store_commit(s, err);
		if (rc)
			cc_store_rollback(s);
	}
	cc_list_free(&l);
	return rc;
}

/* One status field of a PATCH: forward only (409), by whom it may be. */
static int move(const json_t *body, const char *name, const char *const *order,
		const char **cur, struct cc_error *err)
{
	const char *v;
	int rc = cc__pchoice(body, name, true, order, &v, err);

	if (rc || !v)
		return rc;
	if (rank_of(order, v) < rank_of(order, *cur))
		return cc_error_set(err, CC_ECONFLICT, name, 0, 0, "%s cannot go back from %s to %s",
				    name, *cur, v);
	*cur = v;
	return CC_OK;
}

static int patch_checks(const struct cc_pcaller *c, const json_t *body,
			const struct cc_pledge_rec *was, struct cc_pledge_rec *p,
			struct cc_error *err)
{
	json_t *cancel = json_object_get(body, "cancelled");
	bool provider = provider_side(c, p->org);
	int rc = move(body, "commitment", commitments, &p->commitment, err);

	if (!rc)
		rc = move(body, "delivery", deliveries, &p->delivery, err);
	if (!rc)
		rc = move(body, "verification", verifications, &p->verification, err);
	if (!rc && cancel && !json_is_true(cancel))
		rc = cc_error_set(err, CC_EINPUT, "cancelled", 0, 0,
				  "cancelled is true (a cancellation is not undone)");
	if (rc)
		return rc;
	if ((strcmp(p->commitment, was->commitment) || strcmp(p->delivery, was->delivery) ||
	     cancel) && !provider)
		return cc__pforbid(err, "only the secretariat or the providing partner changes the "
				   "commitment, the delivery or cancels");
	if (strcmp(p->verification, was->verification)) {
		if (strcmp(p->verification, "recipient") == 0 && !cc_pcaller_focal_of(c, p->unit))
			return cc__pforbid(err, "only the recipient's focal point verifies as the "
					   "recipient");
		if (strcmp(p->verification, "secretariat") == 0 && !c->secretariat)
			return cc__pforbid(err, "only the secretariat verifies as the secretariat");
		if (strcmp(p->delivery, "none") == 0)
			return cc_error_set(err, CC_ECONFLICT, "verification", 0, 0,
					    "nothing is delivered yet to verify");
	}
	if (was->cancelled)
		return cc_error_set(err, CC_ECONFLICT, "cancelled", 0, 0, "pledge %lld is "
				    "cancelled", p->id);
	if (cancel && strcmp(was->delivery, "complete") == 0)
		return cc_error_set(err, CC_ECONFLICT, "cancelled", 0, 0, "pledge %lld is "
				    "delivered: it cannot be cancelled", p->id);
	p->cancelled = cancel ? 1 : 0;
	return CC_OK;
}

int cc_partners_patch_pledge(struct cc_store *s, const struct cc_pcaller *c, long long id,
			     const json_t *body, json_t **out, struct cc_error *err)
{
	struct cc_list l;
	struct cc_pledge_rec p;
	char now[21], entity[40];
	json_t *before;
	int rc = load_for_change(s, c, id, &l, err);

	if (rc)
		return rc;
	p = *(struct cc_pledge_rec *)l.items;
	rc = patch_checks(c, body, l.items, &p, err);
	now_text(now);
	if (!rc && strcmp(p.delivery, "complete") == 0 && !p.completed_at)
		p.completed_at = now;
	if (!rc)
		rc = cc_store_begin(s, err);
	if (!rc) {
		before = cc__ppledge_json(l.items);
		rc = cc_store_update_pledge(s, &p, err);
		snprintf(entity, sizeof(entity), "pledge:%lld", id);
		if (!rc)
			rc = cc__paudit(s, c, "update", entity, before, body, err);
		json_decref(before);
		if (!rc)
			rc = cc_store_commit(s, err);
		if (rc)
			cc_store_rollback(s);
	}
	cc_list_free(&l);
	return rc ? rc : cc_partners_pledge_json(s, c, id, out, err);
}
