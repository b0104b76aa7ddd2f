/*
 * partners_deals.c - requests, offers, matches, pledges and their
 * deliveries (see store_partners.h).
 */
#include "store_internal.h"
#include "store_partners.h"


static int inserted(struct cc_store *s, int rc, long long *id)
{
	if (!rc && id)
		*id = cc__last_id(s);
	return rc;
}

/* One record by id: CC_ENOTFOUND naming field when there is none. */
static int one(struct cc_store *s, cc__stmt *st, struct cc_list *out, size_t size,
	       cc__row_fn fn, const char *field, long long id, struct cc_error *err)
{
	int rc = cc__collect(s, st, out, size, fn, err);

	if (!rc && out->n == 0) {
		cc_list_free(out);
		return cc_error_set(err, CC_ENOTFOUND, field, 0, 0, "no %s %lld", field, id);
	}
	return rc;
}

/* ---- requests ---- */

int cc_store_create_request(struct cc_store *s, const struct cc_prequest_rec *r,
			    long long *id, struct cc_error *err)
{
	return inserted(s, cc__run(s, err,
		"INSERT INTO support_request (unit_id, title, description, themes, modalities, "
		"languages, needed_by, priority, visibility, source_kind, source_framework, "
		"source_node, source_campaign, source_target, source_action, created_by, "
		"created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
		"nullif(?, 0), ?, " NOW ", " NOW ")", "ttttttttttttttIt", r->unit, r->title,
		r->description, r->themes, r->modalities, r->languages, r->needed_by, r->priority,
		r->visibility, r->source_kind, r->source_framework, r->source_node,
		r->source_campaign, r->source_target, r->source_action, r->created_by), id);
}

#define REQ_SELECT "SELECT id, unit_id, title, description, themes, modalities, languages, " \
	"needed_by, priority, visibility, status, source_kind, source_framework, source_node, " \
	"source_campaign, source_target, coalesce(source_action, 0), created_by, created_at, " \
	"updated_at FROM support_request "

static int request_row(struct cc_list *l, cc__stmt *st, void *item)
{
	struct cc_prequest_rec *r = item;
	const char **t[] = {&r->unit, &r->title, &r->description, &r->themes, &r->modalities,
			    &r->languages, &r->needed_by, &r->priority, &r->visibility,
			    &r->status, &r->source_kind, &r->source_framework, &r->source_node,
			    &r->source_campaign, &r->source_target};

	r->id = cc__int64(st, 0);
	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		*t[i] = cc__col_text(l, st, 1 + (int)i);
	r->source_action = cc__int64(st, 16);
	r->created_by = cc__col_text(l, st, 17);
	r->created_at = cc__col_text(l, st, 18);
	r->updated_at = cc__col_text(l, st, 19);
	return r->unit && r->themes && r->status && r->created_at ? 0 : -1;
}

int cc_store_requests(struct cc_store *s, const char *unit, struct cc_list *out,
		      struct cc_error *err)
{
	return cc__collect(s, cc__prepare(s, err, REQ_SELECT "WHERE ?1 IS NULL OR unit_id = ?1 "
					  "ORDER BY id DESC", "t", unit),
			   out, sizeof(struct cc_prequest_rec), request_row, err);
}

int cc_store_request(struct cc_store *s, long long id, struct cc_list *out,
		     struct cc_error *err)
{
	return one(s, cc__prepare(s, err, REQ_SELECT "WHERE id = ?", "I", id), out,
		   sizeof(struct cc_prequest_rec), request_row, "request", id, err);
}

int cc_store_set_request_status(struct cc_store *s, long long id, const char *status,
				struct cc_error *err)
{
	return cc__run(s, err, "UPDATE support_request SET status = ?, updated_at = " NOW
		       " WHERE id = ?", "tI", status, id);
}

/* ---- offers ---- */

int cc_store_create_offer(struct cc_store *s, const struct cc_offer_rec *o, long long *id,
			  struct cc_error *err)
{
	return inserted(s, cc__run(s, err,
		"INSERT INTO offer (organisation_id, title, description, themes, modalities, "
		"languages, eligible_groups, eligible_units, capacity_countries, "
		"capacity_beneficiaries, available_from, available_to, unit_value, currency, "
		"valuation, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, "
		"nullif(?, -1), ?, ?, ?, ?, ?, ?, " NOW ")", "ttttttttiIttdttt", o->org, o->title,
		o->description, o->themes, o->modalities, o->languages, o->groups, o->units,
		o->capacity, o->beneficiaries, o->from, o->to, o->unit_value, o->currency,
		o->valuation, o->created_by), id);
}

#define OFFER_SELECT "SELECT o.id, organisation_id, title, description, themes, modalities, " \
	"languages, eligible_groups, eligible_units, capacity_countries, " \
	"coalesce(capacity_beneficiaries, -1), available_from, available_to, unit_value, " \
	"currency, valuation, o.status, created_by, created_at, (SELECT count(*) FROM " \
	"partner_match m WHERE m.offer_id = o.id AND m.status = 'accepted') FROM offer o "

static int offer_row(struct cc_list *l, cc__stmt *st, void *item)
{
	struct cc_offer_rec *o = item;
	const char **t[] = {&o->org, &o->title, &o->description, &o->themes, &o->modalities,
			    &o->languages, &o->groups, &o->units};

	o->id = cc__int64(st, 0);
	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		*t[i] = cc__col_text(l, st, 1 + (int)i);
	o->capacity = cc__int(st, 9);
	o->beneficiaries = cc__int64(st, 10);
	o->from = cc__col_text(l, st, 11);
	o->to = cc__col_text(l, st, 12);
	o->unit_value = cc__double(st, 13);
	o->currency = cc__col_text(l, st, 14);
	o->valuation = cc__col_text(l, st, 15);
	o->status = cc__col_text(l, st, 16);
	o->created_by = cc__col_text(l, st, 17);
	o->created_at = cc__col_text(l, st, 18);
	o->used = cc__int(st, 19);
	return o->org && o->themes && o->units && o->valuation && o->created_at ? 0 : -1;
}

int cc_store_offers(struct cc_store *s, const char *org, struct cc_list *out,
		    struct cc_error *err)
{
	return cc__collect(s, cc__prepare(s, err, OFFER_SELECT "WHERE ?1 IS NULL OR "
					  "organisation_id = ?1 ORDER BY o.id", "t", org),
			   out, sizeof(struct cc_offer_rec), offer_row, err);
}

int cc_store_offer(struct cc_store *s, long long id, struct cc_list *out, struct cc_error *err)
{
	return one(s, cc__prepare(s, err, OFFER_SELECT "WHERE o.id = ?", "I", id), out,
		   sizeof(struct cc_offer_rec), offer_row, "offer", id, err);
}

/* ---- matches ---- */

int cc_store_put_match(struct cc_store *s, const struct cc_pmatch_rec *m, long long *id,
		       struct cc_error *err)
{
	int rc = cc__run(s, err,
		"INSERT INTO partner_match (request_id, offer_id, score, breakdown, list_year, "
		"status, proposed_by, proposed_at) VALUES (?, ?, ?, ?, ?, 'proposed', ?, " NOW ") "
		"ON CONFLICT(request_id, offer_id) DO UPDATE SET score = excluded.score, "
		"breakdown = excluded.breakdown, list_year = excluded.list_year "
		"WHERE partner_match.status IN ('proposed', 'shortlisted')", "IIdtit", m->request, m->offer,
		m->score, m->breakdown, m->list_year, m->proposed_by);
	cc__stmt *st;

	if (rc)
		return rc;
	st = cc__prepare(s, err, "SELECT id FROM partner_match WHERE request_id = ? AND "
			 "offer_id = ?", "II", m->request, m->offer);
	return cc__one_int64(s, st, id, "match", err);
}

#define MATCH_SELECT "SELECT m.id, m.request_id, m.offer_id, m.score, m.breakdown, " \
	"m.list_year, m.status, m.reason, m.proposed_by, m.proposed_at, m.decided_by, " \
	"m.decided_at, r.unit_id, o.organisation_id FROM partner_match m JOIN " \
	"support_request r ON r.id = m.request_id JOIN offer o ON o.id = m.offer_id "

static int match_row(struct cc_list *l, cc__stmt *st, void *item)
{
	struct cc_pmatch_rec *m = item;

	m->id = cc__int64(st, 0);
	m->request = cc__int64(st, 1);
	m->offer = cc__int64(st, 2);
	m->score = cc__double(st, 3);
	m->breakdown = cc__col_text(l, st, 4);
	m->list_year = cc__int(st, 5);
	m->status = cc__col_text(l, st, 6);
	m->reason = cc__col_text(l, st, 7);
	m->proposed_by = cc__col_text(l, st, 8);
	m->proposed_at = cc__col_text(l, st, 9);
	m->decided_by = cc__col_text(l, st, 10);
	m->decided_at = cc__col_text(l, st, 11);
	m->unit = cc__col_text(l, st, 12);
	m->org = cc__col_text(l, st, 13);
	return m->breakdown && m->status && m->unit && m->org ? 0 : -1;
}

int cc_store_matches(struct cc_store *s, long long request, struct cc_list *out,
		     struct cc_error *err)
{
	return cc__collect(s, cc__prepare(s, err, MATCH_SELECT "WHERE ?1 = 0 OR m.request_id = ?1 "
					  "ORDER BY m.request_id, m.score DESC, m.id", "I", request),
			   out, sizeof(struct cc_pmatch_rec), match_row, err);
}

int cc_store_match(struct cc_store *s, long long id, struct cc_list *out, struct cc_error *err)
{
	return one(s, cc__prepare(s, err, MATCH_SELECT "WHERE m.id = ?", "I", id), out,
		   sizeof(struct cc_pmatch_rec), match_row, "match", id, err);
}

int cc_store_decide_match(struct cc_store *s, long long id, const char *status,
			  const char *reason, const char *by, const char *at,
			  struct cc_error *err)
{
	return cc__run(s, err, "UPDATE partner_match SET status = ?, reason = ?, decided_by = ?, "
		       "decided_at = coalesce(?, " NOW ") WHERE id = ?", "ttttI", status,
		       reason ? reason : "", by, at, id);
}

/* ---- pledges and deliveries ---- */

int cc_store_create_pledge(struct cc_store *s, const struct cc_pledge_rec *p, long long *id,
			   struct cc_error *err)
{
	return inserted(s, cc__run(s, err,
		"INSERT INTO pledge (match_id, request_id, organisation_id, unit_id, description, "
		"modality, themes, amount, currency, fx_rate, fx_date, valuation, period_from, "
		"period_to, commitment, delivery, verification, created_by, created_at, updated_at) "
		"VALUES (nullif(?, 0), nullif(?, 0), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
		"coalesce(?, 'proposed'), 'none', 'self', ?, " NOW ", " NOW ")",
		"IItttttdtdtttttt", p->match, p->request, p->org, p->unit, p->description,
		p->modality, p->themes, p->amount, p->currency, p->fx_rate, p->fx_date, p->valuation,
		p->from, p->to, p->commitment, p->created_by), id);
}

#define PLEDGE_SELECT "SELECT p.id, coalesce(match_id, 0), coalesce(request_id, 0), " \
	"organisation_id, p.unit_id, p.description, modality, p.themes, amount, currency, " \
	"fx_rate, fx_date, valuation, period_from, period_to, commitment, delivery, " \
	"verification, cancelled, completed_at, p.created_by, p.created_at, p.updated_at, " \
	"(SELECT coalesce(sum(beneficiaries), 0) FROM pledge_delivery d WHERE d.pledge_id = " \
	"p.id), coalesce((SELECT source_action FROM support_request r WHERE r.id = " \
	"p.request_id), 0) FROM pledge p "

static int pledge_row(struct cc_list *l, cc__stmt *st, void *item)
{
	struct cc_pledge_rec *p = item;

	p->id = cc__int64(st, 0);
	p->match = cc__int64(st, 1);
	p->request = cc__int64(st, 2);
	p->org = cc__col_text(l, st, 3);
	p->unit = cc__col_text(l, st, 4);
	p->description = cc__col_text(l, st, 5);
	p->modality = cc__col_text(l, st, 6);
	p->themes = cc__col_text(l, st, 7);
	p->amount = cc__double(st, 8);
	p->currency = cc__col_text(l, st, 9);
	p->fx_rate = cc__double(st, 10);
	p->fx_date = cc__col_text(l, st, 11);
	p->valuation = cc__col_text(l, st, 12);
	p->from = cc__col_text(l, st, 13);
	p->to = cc__col_text(l, st, 14);
	p->commitment = cc__col_text(l, st, 15);
	p->delivery = cc__col_text(l, st, 16);
	p->verification = cc__col_text(l, st, 17);
	p->cancelled = cc__int(st, 18);
	p->completed_at = cc__col_text(l, st, 19);
	p->created_by = cc__col_text(l, st, 20);
	p->created_at = cc__col_text(l, st, 21);
	p->updated_at = cc__col_text(l, st, 22);
	p->beneficiaries = cc__int64(st, 23);
	p->source_action = cc__int64(st, 24);
	return p->org && p->unit && p->to && p->verification && p->updated_at ? 0 : -1;
}

int cc_store_pledges(struct cc_store *s, struct cc_list *out, struct cc_error *err)
{
	return cc__collect(s, cc__prepare(s, err, PLEDGE_SELECT "ORDER BY p.id", ""),
			   out, sizeof(struct cc_pledge_rec), pledge_row, err);
}

int cc_store_pledge(struct cc_store *s, long long id, struct cc_list *out, struct cc_error *err)
{
	return one(s, cc__prepare(s, err, PLEDGE_SELECT "WHERE p.id = ?", "I", id), out,
		   sizeof(struct cc_pledge_rec), pledge_row, "pledge", id, err);
}

int cc_store_update_pledge(struct cc_store *s, const struct cc_pledge_rec *p,
			   struct cc_error *err)
{
	return cc__run(s, err, "UPDATE pledge SET commitment = ?, delivery = ?, verification = ?, "
		       "cancelled = ?, completed_at = ?, updated_at = " NOW " WHERE id = ?",
		       "tttitI", p->commitment, p->delivery, p->verification, p->cancelled,
		       p->completed_at, p->id);
}

int cc_store_add_delivery(struct cc_store *s, const struct cc_delivery_rec *d, long long *id,
			  struct cc_error *err)
{
	return inserted(s, cc__run(s, err,
		"INSERT INTO pledge_delivery (pledge_id, date, what, quantity, beneficiaries, "
		"recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?, " NOW ")", "IttdIt", d->pledge,
		d->date, d->what, d->quantity, d->beneficiaries, d->recorded_by), id);
}

static int delivery_row(struct cc_list *l, cc__stmt *st, void *item)
{
	struct cc_delivery_rec *d = item;

	d->id = cc__int64(st, 0);
	d->pledge = cc__int64(st, 1);
	d->date = cc__col_text(l, st, 2);
	d->what = cc__col_text(l, st, 3);
	d->quantity = cc__double(st, 4);
	d->beneficiaries = cc__int64(st, 5);
	d->recorded_by = cc__col_text(l, st, 6);
	d->recorded_at = cc__col_text(l, st, 7);
	return d->date && d->what && d->recorded_at ? 0 : -1;
}

int cc_store_deliveries(struct cc_store *s, long long pledge, struct cc_list *out,
			struct cc_error *err)
{
	return cc__collect(s, cc__prepare(s, err, "SELECT id, pledge_id, date, what, quantity, "
					  "beneficiaries, recorded_by, recorded_at FROM "
					  "pledge_delivery WHERE ?1 = 0 OR pledge_id = ?1 ORDER BY "
					  "pledge_id, date, id", "I", pledge),
			   out, sizeof(struct cc_delivery_rec), delivery_row, err);
}
