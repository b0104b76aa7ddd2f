/*
 * partners_report.c - the donor report of a year (see partners.h,
 * docs/partnerships.md "Report"): the LDCs and SIDS supported, counted on
 * that year's lists; value in US dollars by partner, theme, modality,
 * region and valuation basis; fulfilment, beneficiaries; the "who does
 * what where" matrix; the secretariat's board (open requests by age, the
 * gaps: open requests without a live match, the mean time to a match). A
 * pledge counts in every year its period overlaps, unless it is
 * cancelled.
 */
#include "partners.h"

#include "../core/date.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Adds usd (and one pledge) to the row of key in the array acc[key]. */
static void add_to(json_t *acc, const char *key, double usd)
{
	json_t *row = json_object_get(acc, key);

	if (!row) {
		row = json_pack("{s:f,s:i}", "usd", 0.0, "pledges", 0);
		json_object_set_new(acc, key, row);
	}
	json_object_set_new(row, "usd", json_real(json_real_value(json_object_get(row, "usd")) +
						  usd));
	json_object_set_new(row, "pledges",
			    json_integer(json_integer_value(json_object_get(row, "pledges")) + 1));
}

/* {key: {"usd", "pledges"}} -> [{name: key, "usd", "pledges"}], largest first. */
static int by_usd(const void *a, const void *b)
{
	double x = json_real_value(json_object_get(*(json_t *const *)a, "usd"));
	double y = json_real_value(json_object_get(*(json_t *const *)b, "usd"));

	return x < y ? 1 : x > y ? -1 : 0;
}

static json_t *rows(json_t *acc, const char *name)
{
	size_t n = json_object_size(acc), i = 0;
	json_t **v = calloc(n + 1, sizeof(json_t *)), *out = json_array(), *row;
	const char *key;

	json_object_foreach(acc, key, row) {
		json_object_set_new(row, name, json_string(key));
		v[i++] = row;
	}
	qsort(v, n, sizeof(json_t *), by_usd);
	for (i = 0; i < n; i++)
		json_array_append(out, v[i]);
	free(v);
	json_decref(acc);
	return out;
}

/* A pledge's value in US dollars: amount x the rate of its fx_date. */
static double usd_of(const struct cc_pledge_rec *p)
{
	return p->amount * p->fx_rate;
}

static bool overlaps(const struct cc_pledge_rec *p, int year)
{
	char from[11], to[11];

	snprintf(from, sizeof(from), "%04d-01-01", year);
	snprintf(to, sizeof(to), "%04d-12-31", year);
	return !p->cancelled && strcmp(p->from, to) <= 0 && strcmp(p->to, from) >= 0;
}

/* The first ITU region group of a unit ("" when none). */
static const char *region_of(const struct cc_snapshot *snap, const char *unit)
{
	const struct cc_unit_rec *u = cc_snapshot_unit(snap, unit);
	const struct cc_group_rec *groups = snap->groups.items;
	int ui = u ? (int)(u - (const struct cc_unit_rec *)snap->units.items) : -1;

	for (const int *k = ui >= 0 ? snap->unit_groups[ui] : NULL; k && *k >= 0; k++)
		if (strncmp(groups[*k].id, "itu:", 4) == 0)
			return groups[*k].id;
	return "";
}

/* {"supported", "of", "list_year", "share", "units"} for group id. */
static json_t *group_share(const struct cc_snapshot *snap, const struct cc_list *periods,
			   const char *id, int year, json_t *supported_units)
{
	const struct cc_group_rec *g = cc_snapshot_group(snap, id);
	json_t *units = json_array();
	int of = 0, sup = 0;

	for (int i = 0; g && i < snap->units.n; i++) {
		const char *u = ((struct cc_unit_rec *)snap->units.items)[i].id;
		if (!cc__punit_in_group(snap, periods, u, g, year))
			continue;
		of++;
		if (json_object_get(supported_units, u)) {
			sup++;
			json_array_append_new(units, json_string(u));
		}
	}
	return json_pack("{s:i,s:i,s:i,s:o,s:o}", "supported", sup, "of", of, "list_year", year,
			 "share", of ? json_real((double)sup / of) : json_null(), "units", units);
}

struct acc {
	json_t *partner, *theme, *modality, *region, *valuation, *units, *matrix, *fx_dates;
	int counted, complete;
	long long beneficiaries;
	double usd;
};

static void count_pledge(const struct cc_snapshot *snap, struct acc *a,
			 const struct cc_pledge_rec *p)
{
	double usd = usd_of(p);
	json_t *themes = cc__pjson_list(p->themes), *t;
	size_t i, n = json_array_size(themes);
	char key[200];

	a->counted++;
	a->usd += usd;
	a->complete += strcmp(p->delivery, "complete") == 0;
	a->beneficiaries += p->beneficiaries;
	add_to(a->partner, p->org, usd);
	add_to(a->modality, p->modality, usd);
	add_to(a->region, region_of(snap, p->unit), usd);
	add_to(a->valuation, p->valuation, usd);
	json_object_set_new(a->units, p->unit, json_true());
	json_object_set_new(a->fx_dates, p->fx_date, json_true());
	if (!n)
		add_to(a->theme, "(none)", usd);
	json_array_foreach(themes, i, t) {
		const char *id = json_string_value(t);
		size_t top = strcspn(id, ".");
		snprintf(key, sizeof(key), "%.*s", (int)top, id);
		add_to(a->theme, key, usd / (double)n);
		snprintf(key, sizeof(key), "%s %.*s", p->unit, (int)top, id);
		add_to(a->matrix, key, usd / (double)n);
	}
	json_decref(themes);
}

static void add_partner_names(json_t *list, const struct cc_list *orgs)
{
	size_t i;
	json_t *row;

	json_array_foreach(list, i, row) {
		const char *id = json_string_value(json_object_get(row, "partner"));
		for (int k = 0; k < orgs->n; k++) {
			const struct cc_org_rec *o = &((struct cc_org_rec *)orgs->items)[k];
			if (strcmp(o->id, id) == 0)
				json_object_set_new(row, "name", json_string(o->name));
		}
	}
}

/* "UNIT THEME" keys -> [{"unit", "theme", "usd", "pledges", "open_requests"}]. */
static json_t *matrix_rows(json_t *m, json_t *open)
{
	json_t *list = rows(m, "key"), *row;
	const char *key;
	size_t i;

	json_array_foreach(list, i, row) {
		char unit[64];
		key = json_string_value(json_object_get(row, "key"));
		snprintf(unit, sizeof(unit), "%.*s", (int)strcspn(key, " "), key);
		json_object_set_new(row, "unit", json_string(unit));
		json_object_set_new(row, "theme", json_string(key + strcspn(key, " ") + 1));
		json_object_set_new(row, "open_requests",
				    json_integer(json_integer_value(json_object_get(open, key))));
		json_object_del(open, key);
		json_object_del(row, "key");
	}
	json_object_foreach(open, key, row) {
		char unit[64];
		snprintf(unit, sizeof(unit), "%.*s", (int)strcspn(key, " "), key);
		json_array_append_new(list, json_pack("{s:s,s:s,s:f,s:i,s:O}", "unit", unit, "theme",
						      key + strcspn(key, " ") + 1, "usd", 0.0,
						      "pledges", 0, "open_requests", row));
	}
	json_decref(open);
	return list;
}

/* The secretariat's board over the requests the caller may see. */
struct board {
	json_t *gaps;           /* open, no live match: [{"request", ..., "age_days"}] */
	json_t *open;           /* "UNIT THEME" -> open requests */
	json_t *by_age;         /* open requests, oldest first */
	int nopen, matched;     /* open; with an accepted match */
	double days;            /* sum of days from asking to the first acceptance */
};

/* Whether request r has a live match (*live) and the day of its first
 * acceptance (*accepted, -1 when none). */
static void match_state(const struct cc_list *ml, long long r, bool *live, int *accepted)
{
	*live = false;
	*accepted = -1;
	for (int m = 0; m < ml->n; m++) {
		const struct cc_pmatch_rec *mr = &((struct cc_pmatch_rec *)ml->items)[m];
		int day;
		if (mr->request != r)
			continue;
		*live |= strcmp(mr->status, "declined") && strcmp(mr->status, "withdrawn");
		if (strcmp(mr->status, "accepted") == 0 && mr->decided_at &&
		    cc_date_parse(mr->decided_at, 10, &day) && (*accepted < 0 || day < *accepted))
			*accepted = day;
	}
}

static void board_open(struct board *b, const struct cc_prequest_rec *r, bool live, int age)
{
	json_t *themes = cc__pjson_list(r->themes), *t, *row;
	size_t k;

	b->nopen++;
	json_array_foreach(themes, k, t) {
		char key[200];
		const char *id = json_string_value(t);
		snprintf(key, sizeof(key), "%s %.*s", r->unit, (int)strcspn(id, "."), id);
		json_object_set_new(b->open, key, json_integer(
			json_integer_value(json_object_get(b->open, key)) + 1));
	}
	row = json_pack("{s:I,s:s,s:s,s:O,s:i}", "request", r->id, "unit", r->unit, "title",
			r->title, "themes", themes, "age_days", age);
	json_array_insert(b->by_age, 0, row);
	if (!live)
		json_array_append(b->gaps, row);
	json_decref(row);
	json_decref(themes);
}

static int board(struct cc_store *s, const struct cc_pcaller *c, struct board *b,
		 struct cc_error *err)
{
	struct cc_list rl, ml;
	int rc = cc_store_requests(s, NULL, &rl, err);

	if (rc)
		return rc;
	if ((rc = cc_store_matches(s, 0, &ml, err))) {
		cc_list_free(&rl);
		return rc;
	}
	for (int i = 0; i < rl.n; i++) {
		const struct cc_prequest_rec *r = &((struct cc_prequest_rec *)rl.items)[i];
		int asked = c->today, accepted;
		bool live;
		if (!cc__prequest_visible(c, r))
			continue;
		cc_date_parse(r->created_at, 10, &asked);
		match_state(&ml, r->id, &live, &accepted);
		if (accepted >= 0) {
			b->matched++;
			b->days += accepted > asked ? accepted - asked : 0;
		}
		if (strcmp(r->status, "open") == 0)
			board_open(b, r, live, c->today - asked);
	}
	cc_list_free(&ml);
	cc_list_free(&rl);
	return CC_OK;
}

static json_t *keys(json_t *o)
{
	json_t *a = json_array(), *v;
	const char *k;

	json_object_foreach(o, k, v)
		json_array_append_new(a, json_string(k));
	json_decref(o);
	return a;
}

int cc_partners_report(struct cc_store *s, const struct cc_snapshot *snap,
		       const struct cc_pcaller *c, int year, json_t **out, struct cc_error *err)
{
	struct acc a = {json_object(), json_object(), json_object(), json_object(), json_object(),
			json_object(), json_object(), json_object(), 0, 0, 0, 0};
	struct cc_list pl, periods, orgs;
	struct board bd = {json_array(), json_object(), json_array(), 0, 0, 0};
	json_t *partners;
	int rc = cc_store_pledges(s, &pl, err);

	if (!rc && (rc = cc_store_group_periods(s, &periods, err)))
		cc_list_free(&pl);
	if (!rc && (rc = cc_store_orgs(s, &orgs, err))) {
		cc_list_free(&pl);
		cc_list_free(&periods);
	}
	if (!rc && (rc = board(s, c, &bd, err))) {
		cc_list_free(&pl);
		cc_list_free(&periods);
		cc_list_free(&orgs);
	}
	if (rc) {
		json_t *all[] = {a.partner, a.theme, a.modality, a.region, a.valuation, a.units,
				 a.matrix, a.fx_dates, bd.gaps, bd.open, bd.by_age};
		for (size_t i = 0; i < sizeof(all) / sizeof(all[0]); i++)
			json_decref(all[i]);
		return rc;
	}
	for (int i = 0; i < pl.n; i++)
		if (overlaps(&((struct cc_pledge_rec *)pl.items)[i], year))
			count_pledge(snap, &a, &((struct cc_pledge_rec *)pl.items)[i]);
	partners = rows(a.partner, "partner");
	add_partner_names(partners, &orgs);
	*out = json_pack("{s:i,s:o,s:o,s:i,s:f,s:o,s:o,s:o,s:o,s:o,s:o,s:o,s:I,s:o,s:o,s:i,s:o,"
			 "s:{s:i,s:o}}",
			 "year", year, "ldc", group_share(snap, &periods, "ldc", year, a.units),
			 "sids", group_share(snap, &periods, "sids", year, a.units),
			 "pledges", a.counted, "usd", a.usd, "value_by_partner", partners,
			 "value_by_theme", rows(a.theme, "theme"), "value_by_modality",
			 rows(a.modality, "modality"), "value_by_region", rows(a.region, "region"),
			 "value_by_valuation", rows(a.valuation, "valuation"), "fx_dates",
			 keys(a.fx_dates), "fulfilment_rate",
			 a.counted ? json_real((double)a.complete / a.counted) : json_null(),
			 "beneficiaries", a.beneficiaries, "matrix", matrix_rows(a.matrix, bd.open),
			 "gaps", bd.gaps, "open_requests", bd.nopen, "open_by_age", bd.by_age,
			 "time_to_match", "requests", bd.matched, "mean_days",
			 bd.matched ? json_real(bd.days / bd.matched) : json_null());
	json_decref(a.units);
	cc_list_free(&pl);
	cc_list_free(&periods);
	cc_list_free(&orgs);
	return *out ? CC_OK : cc_error_set(err, CC_ENOMEM, NULL, 0, 0, "out of memory");
}

/* ---- the totals of a list of pledges (a country's, a partner's) ---- */

struct sums {
	int pledges;
	double usd, delivered;
	long long beneficiaries;
};

static void sum_in(struct sums *x, const struct cc_pledge_rec *p)
{
	x->pledges++;
	x->usd += usd_of(p);
	x->delivered += strcmp(p->delivery, "complete") == 0 ? usd_of(p) : 0;
	x->beneficiaries += p->beneficiaries;
}

static json_t *sums_json(const struct sums *x)
{
	return json_pack("{s:i,s:f,s:f,s:I}", "pledges", x->pledges, "usd", x->usd,
			 "delivered_usd", x->delivered, "beneficiaries", x->beneficiaries);
}

/* One year's row: the sums, by currency (amount and its usd), fx dates. */
static json_t *year_row(const struct cc_pledge_rec *const *v, int n, int year)
{
	struct sums x = {0};
	json_t *cur = json_object(), *dates = json_object(), *amounts = json_array(), *row;
	const char *key;

	for (int i = 0; i < n; i++) {
		const struct cc_pledge_rec *p = v[i];
		json_t *c;
		if (!overlaps(p, year))
			continue;
		sum_in(&x, p);
		if (!(c = json_object_get(cur, p->currency))) {
			c = json_pack("{s:s,s:f,s:f}", "currency", p->currency, "amount", 0.0, "usd", 0.0);
			json_object_set_new(cur, p->currency, c);
		}
		json_object_set_new(c, "amount", json_real(json_real_value(json_object_get(c, "amount")) +
							   p->amount));
		json_object_set_new(c, "usd", json_real(json_real_value(json_object_get(c, "usd")) +
							usd_of(p)));
		json_object_set_new(dates, p->fx_date, json_true());
	}
	json_object_foreach(cur, key, row)
		json_array_append(amounts, row);
	json_decref(cur);
	row = sums_json(&x);
	json_object_set_new(row, "year", json_integer(year));
	json_object_set_new(row, "amounts", amounts);
	json_object_set_new(row, "fx_dates", keys(dates));
	return row;
}

json_t *cc__ppledge_totals(const struct cc_pledge_rec *const *v, int n)
{
	struct sums all = {0};
	json_t *years = json_array(), *out;
	int lo = 9999, hi = 0;

	for (int i = 0; i < n; i++) {
		if (v[i]->cancelled)
			continue;
		sum_in(&all, v[i]);
		lo = atoi(v[i]->from) < lo ? atoi(v[i]->from) : lo;
		hi = atoi(v[i]->to) > hi ? atoi(v[i]->to) : hi;
	}
	for (int y = lo; y <= hi; y++)
		json_array_append_new(years, year_row(v, n, y));
	out = sums_json(&all);
	json_object_set_new(out, "by_year", years);
	return out;
}

/* The pledges of the public export (confirmed, not cancelled) with their
 * provider's name and kind: what format/partners_out.c writes as IATI. */
/* The unit's alpha-2 code in units (struct cc_unit_rec), "" when none. */
static const char *iso2_of(const struct cc_list *units, const char *unit)
{
	for (int i = 0; i < units->n; i++) {
		const struct cc_unit_rec *u = &((struct cc_unit_rec *)units->items)[i];
		if (strcmp(u->id, unit) == 0)
			return u->iso2;
	}
	return "";
}

/* The IATI export's additions to pledge p's JSON j. */
static void iati_extras(json_t *j, const struct cc_pledge_rec *p, const struct cc_list *orgs,
			const struct cc_list *units, const struct cc_list *dl)
{
	for (int k = 0; k < orgs->n; k++) {
		const struct cc_org_rec *o = &((struct cc_org_rec *)orgs->items)[k];
		if (strcmp(o->id, p->org) == 0)
			json_object_set_new(j, "provider_org", cc__porg_json(o));
	}
	json_object_set_new(j, "deliveries", cc__pdeliveries_json(dl, p->id));
	json_object_set_new(j, "recipient_iso2", json_string(iso2_of(units, p->unit)));
}

int cc_partners_iati_pledges(struct cc_store *s, json_t **out, struct cc_error *err)
{
	struct cc_list pl = {0}, orgs = {0}, units = {0}, dl = {0};
	int rc = cc_store_pledges(s, &pl, err);

	if (!rc)
		rc = cc_store_orgs(s, &orgs, err);
	if (!rc)
		rc = cc_store_units(s, &units, err);
	if (!rc)
		rc = cc_store_deliveries(s, 0, &dl, err);
	if (!rc) {
		*out = json_array();
		for (int i = 0; i < pl.n; i++) {
			const struct cc_pledge_rec *p = &((struct cc_pledge_rec *)pl.items)[i];
			json_t *j;
			if (p->cancelled || strcmp(p->commitment, "confirmed"))
				continue;
			j = cc__ppledge_json(p);
			iati_extras(j, p, &orgs, &units, &dl);
			json_array_append_new(*out, j);
		}
	}
	cc_list_free(&pl);     /* each is zeroed or filled: safe either way */
	cc_list_free(&orgs);
	cc_list_free(&units);
	cc_list_free(&dl);
	return rc;
}
