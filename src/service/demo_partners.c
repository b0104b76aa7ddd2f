/*
 * demo_partners.c - a fictional partnership round for the demonstration
 * data (see cc_service_demo), made through the partnership service as its
 * users would, on 1 June 2026: four fictional organisations and their
 * six offers, twelve requests from fictional LDCs and SIDS (drawn from
 * their gaps in nci-2026 and, for XAA, from its action plan), the
 * secretariat's proposals with their scores, the countries' decisions
 * (accepted, shortlisted, declined), and pledges in every status with
 * their deliveries. The secretariat and a partner of Northwind have
 * accounts (demo.c). Everything here is fictional.
 */
#include "demo_internal.h"

#include "partners.h"

#include "../core/date.h"

#include <stdio.h>
#include <string.h>

#define SECRETARIAT "secretariat@demo.cybercap"
#define PARTNER "partner.northwind@demo.cybercap"

static const struct { const char *id, *name, *kind; } orgs[] = {
	{"northwind-fict", "Northwind Networks (fictional)", "private"},
	{"lumen-fict", "Lumen Institute of Technology (fictional)", "academia"},
	{"civic-shield-fict", "Civic Shield Foundation (fictional)", "civil_society"},
	{"ocean-fund-fict", "Ocean States Digital Fund (fictional)", "international"},
};

/* Offers: org, title, themes, modalities, languages, groups, capacity,
 * from, to, unit value, currency, valuation. */
static const char *const offers[] = {
	"{\"partner\": \"northwind-fict\", \"title\": \"CIRT in a box: coaching and advice\", "
	"\"themes\": [\"incident-management.national-cirt\", \"incident-management.sectoral-cirts\"], "
	"\"modalities\": [\"training\", \"advisory\", \"expert-secondment\"], \"languages\": "
	"[\"en\", \"es\", \"fr\"], \"eligible\": {\"groups\": [\"ldc\", \"sids\"]}, \"capacity\": 4, "
	"\"available_from\": \"2026-01-01\", \"available_to\": \"2027-12-31\", \"unit_value\": 18000, "
	"\"currency\": \"USD\", \"valuation\": \"staff_day_rate\"}",
	"{\"partner\": \"lumen-fict\", \"title\": \"Scholarships and awareness courses\", "
	"\"themes\": [\"culture-skills\"], \"modalities\": [\"scholarship\", \"training\"], "
	"\"languages\": [\"en\", \"fr\"], \"eligible\": {\"groups\": [\"ldc\", \"sids\"]}, "
	"\"capacity\": {\"countries\": 6, \"beneficiaries\": 60}, \"available_from\": \"2026-03-01\", "
	"\"available_to\": \"2027-08-31\", \"unit_value\": 9000, \"currency\": \"EUR\", "
	"\"valuation\": \"list_price\"}",
	"{\"partner\": \"civic-shield-fict\", \"title\": \"Child online protection programme\", "
	"\"themes\": [\"cybercrime.child-online\", \"culture-skills.awareness\"], \"modalities\": "
	"[\"training\"], \"languages\": [\"en\"], \"eligible\": {\"groups\": [\"sids\"]}, "
	"\"capacity\": 3, \"available_from\": \"2026-01-01\", \"available_to\": \"2027-06-30\", "
	"\"unit_value\": 4500, \"currency\": \"USD\", \"valuation\": \"declared\"}",
	"{\"partner\": \"ocean-fund-fict\", \"title\": \"Cloud credits, licences and equipment\", "
	"\"themes\": [\"standards.public-sector\", \"incident-management.national-cirt\"], "
	"\"modalities\": [\"cloud-credit\", \"software-licence\", \"equipment\"], \"languages\": "
	"[\"en\", \"es\"], \"eligible\": {\"groups\": [\"sids\", \"ldc\"]}, \"capacity\": 5, "
	"\"available_from\": \"2026-01-01\", \"available_to\": \"2027-12-31\", \"unit_value\": 25000, "
	"\"currency\": \"USD\", \"valuation\": \"market_quote\"}",
	"{\"partner\": \"northwind-fict\", \"title\": \"Exercise in a box\", \"themes\": "
	"[\"incident-management.exercises\"], \"modalities\": [\"exercise\"], \"languages\": "
	"[\"en\", \"ru\"], \"eligible\": {\"groups\": [\"ldc\"]}, \"capacity\": 2, "
	"\"available_from\": \"2027-01-10\", \"available_to\": \"2027-12-31\", \"unit_value\": 30000, "
	"\"currency\": \"USD\", \"valuation\": \"staff_day_rate\"}",
	"{\"partner\": \"lumen-fict\", \"title\": \"Policy and governance advice\", \"themes\": "
	"[\"policy-strategy\"], \"modalities\": [\"advisory\", \"training\"], \"languages\": "
	"[\"en\", \"fr\", \"ru\"], \"eligible\": {\"groups\": [\"ldc\", \"sids\"]}, \"capacity\": 3, "
	"\"available_from\": \"2026-02-01\", \"available_to\": \"2027-12-31\", \"unit_value\": 15000, "
	"\"currency\": \"EUR\", \"valuation\": \"staff_day_rate\"}",
};

/* Requests: unit, title, theme, modality, languages, node (of nci-2026),
 * visibility; XAA's comes from its plan (below). */
static const struct {
	const char *unit, *title, *theme, *modality, *langs, *node, *visibility;
} requests[] = {
	{"XAB", "Set up the national CIRT", "incident-management.national-cirt", "training",
	 "[\"es\", \"en\"]", "technical.national_cirt", "public"},
	{"XAB", "Review of the cybercrime law", "cybercrime.legislation", "advisory", "[\"en\"]",
	 "legal.cybercrime", "partners"},
	{"XAC", "A CIRT for the health sector", "incident-management.sectoral-cirts",
	 "expert-secondment", "[\"en\"]", "technical.sectoral_cirts", "public"},
	{"XAJ", "Drafting the national strategy", "policy-strategy.national-strategy", "advisory",
	 "[\"en\", \"ru\"]", "organisational.strategy", "public"},
	{"XAZ", "A national awareness campaign", "culture-skills.awareness", "training",
	 "[\"fr\", \"en\"]", "capacity.awareness", "public"},
	{"XBA", "A national cyber exercise", "incident-management.exercises", "exercise",
	 "[\"ru\", \"en\"]", "technical.national_cirt", "public"},
	{"XBK", "Equipment for the CIRT's operations room", "incident-management.national-cirt",
	 "equipment", "[\"en\"]", "technical.national_cirt", "public"},
	{"XBL", "Cloud credits for e-government services", "standards.public-sector",
	 "cloud-credit", "[\"es\", \"en\"]", "technical.standards", "public"},
	{"XAN", "Child online protection", "cybercrime.child-online", "training", "[\"en\"]",
	 "technical.child_online", "public"},
	{"XAW", "Scholarships in cybersecurity", "culture-skills.education", "scholarship",
	 "[\"en\"]", "capacity.education", "public"},
	{"XBN", "A vulnerability disclosure policy", "standards.vulnerability-disclosure",
	 "advisory", "[\"en\"]", "technical.standards", "secretariat"},
};
#define NREQ (sizeof(requests) / sizeof(requests[0]))

struct round {
	struct cc_store *s;
	const struct cc_snapshot *snap;
	int today;
	long long offer[6], req[NREQ + 1];     /* req[NREQ]: XAA's from its plan */
	const char *unit[NREQ + 1];
};

/* A caller: the secretariat, or the focal point of unit. */
static void caller(struct cc_pcaller *c, struct cc_principal *p, int today, const char *unit)
{
	memset(c, 0, sizeof(*c));
	memset(p, 0, sizeof(*p));
	c->today = today;
	c->p = p;
	p->id = -1;
	if (!unit) {
		snprintf(p->email, sizeof(p->email), "%s", SECRETARIAT);
		c->secretariat = true;
		return;
	}
	snprintf(p->email, sizeof(p->email), "focal point of %s (demo)", unit);
	p->ngrants = 1;
	snprintf(p->grants[0].role, sizeof(p->grants[0].role), "focal_point");
	snprintf(p->grants[0].unit, sizeof(p->grants[0].unit), "%s", unit);
}

static int parsed(const char *text, json_t **out, struct cc_error *err)
{
	json_error_t je;

	*out = json_loads(text, 0, &je);
	return *out ? CC_OK : cc_error_set(err, CC_EINPUT, "demo_partners.c", je.line, je.column,
					   "%s", je.text);
}

static int organisations_and_offers(struct round *r, struct cc_error *err)
{
	struct cc_pcaller c;
	struct cc_principal p;
	int rc = CC_OK;

	caller(&c, &p, r->today, NULL);
	for (size_t i = 0; !rc && i < sizeof(orgs) / sizeof(orgs[0]); i++) {
		json_t *b = json_pack("{s:s,s:s,s:s,s:b}", "id", orgs[i].id, "name", orgs[i].name,
				      "kind", orgs[i].kind, "fictional", 1);
		rc = cc_partners_create_org(r->s, &c, b, err);
		json_decref(b);
	}
	if (!rc)
		rc = cc_partners_add_member(r->s, NULL, "demo", SECRETARIAT, "secretariat", NULL, err);
	if (!rc)
		rc = cc_partners_add_member(r->s, NULL, "demo", PARTNER, "partner", "northwind-fict",
					    err);
	for (size_t i = 0; !rc && i < sizeof(offers) / sizeof(offers[0]); i++) {
		json_t *b;
		rc = parsed(offers[i], &b, err);
		if (!rc)
			rc = cc_partners_create_offer(r->s, r->snap, &c, b, &r->offer[i], err);
		json_decref(b);
	}
	return rc;
}

static int ask(struct round *r, size_t i, struct cc_error *err)
{
	struct cc_pcaller c;
	struct cc_principal p;
	json_t *langs, *b;
	int rc;

	caller(&c, &p, r->today, requests[i].unit);
	if ((rc = parsed(requests[i].langs, &langs, err)))
		return rc;
	b = json_pack("{s:s,s:s,s:[s],s:[s],s:o,s:s,s:s,s:s,s:{s:s,s:s,s:s,s:s}}", "unit",
		      requests[i].unit, "title", requests[i].title, "themes", requests[i].theme,
		      "modalities", requests[i].modality, "languages", langs, "needed_by",
		      "2027-06-30", "priority", i % 3 ? "medium" : "high", "visibility",
		      requests[i].visibility, "source", "kind", "node", "framework",
		      "national-commitment", "node", requests[i].node, "campaign", "nci-2026");
	r->unit[i] = requests[i].unit;
	rc = cc_partners_create_request(r->s, r->snap, &c, b, &r->req[i], err);
	json_decref(b);
	return rc;
}

/* XAA's request drafted from the first action of its plan. */
static int ask_from_plan(struct round *r, struct cc_error *err)
{
	struct cc_pcaller c;
	struct cc_principal p;
	json_t *d = NULL;
	struct cc_list l;
	long long action = 0;
	int rc;

	caller(&c, &p, r->today, "XAA");
	rc = cc_store_actions(r->s, "xaa-2026", &l, err);
	if (rc)
		return rc;
	if (l.n)
		action = ((struct cc_action_rec *)l.items)[0].id;
	cc_list_free(&l);
	if (!action)
		return cc_error_set(err, CC_EINPUT, "xaa-2026", 0, 0, "the demo plan has no action");
	rc = cc_partners_draft_request(r->s, &c, action, &d, err);
	if (!rc) {
		json_object_del(d, "plan");
		json_object_del(d, "measured_gap");
		json_object_set_new(d, "needed_by", json_string("2027-03-31"));
		json_object_set_new(d, "modalities", json_pack("[s,s]", "advisory", "training"));
		json_object_set_new(d, "visibility", json_string("public"));
		if (json_array_size(json_object_get(d, "themes")) == 0)
			json_array_append_new(json_object_get(d, "themes"),
					      json_string("incident-management.national-cirt"));
		r->unit[NREQ] = "XAA";
		rc = cc_partners_create_request(r->s, r->snap, &c, d, &r->req[NREQ], err);
	}
	json_decref(d);
	return rc;
}

/* The secretariat proposes for request k; *match the one with offer o
 * (0 when not eligible; o -2: the best). */
static int propose(struct round *r, size_t k, int o, long long *match, struct cc_error *err)
{
	struct cc_pcaller c;
	struct cc_principal p;
	json_t *out = NULL, *m;
	size_t i;
	int rc;

	caller(&c, &p, r->today, NULL);
	rc = cc_partners_propose(r->s, r->snap, &c, r->req[k], &out, err);
	*match = 0;
	json_array_foreach(json_object_get(out, "matches"), i, m)
		if ((o == -2 && i == 0) ||
		    (o >= 0 && json_integer_value(json_object_get(m, "offer")) == r->offer[o]))
			*match = json_integer_value(json_object_get(m, "id"));
	json_decref(out);
	return rc;
}

static int decide(struct round *r, size_t k, long long match, const char *status,
		  const char *reason, struct cc_error *err)
{
	struct cc_pcaller c;
	struct cc_principal p;
	json_t *b = json_pack("{s:s,s:s?}", "status", status, "reason", reason), *out = NULL;
	int rc;

	if (!match) {
		json_decref(b);
		return cc_error_set(err, CC_EINPUT, "demo_partners.c", 0, 0,
				    "request %zu has no match to decide on", k);
	}
	caller(&c, &p, r->today, r->unit[k]);
	rc = cc_partners_decide(r->s, &c, match, b, &out, err);
	json_decref(b);
	json_decref(out);
	return rc;
}

/* A pledge (from match, or direct when 0), then its statuses. */
struct pledge_plan {
	size_t req;
	int offer;              /* index in offers[], for the match */
	const char *org;        /* NULL: the match's partner */
	const char *unit, *description, *modality, *currency, *valuation, *fx_date;
	double amount, fx;
	const char *commitment;
	int deliveries;         /* how many dated deliveries */
	const char *delivery, *verification;
	int cancel;
};

static int patch(struct round *r, long long id, const char *unit, const char *key,
		 json_t *value, struct cc_error *err)
{
	struct cc_pcaller c;
	struct cc_principal p;
	json_t *b = json_pack("{s:o}", key, value), *out = NULL;
	int rc;

	caller(&c, &p, r->today, unit);
	rc = cc_partners_patch_pledge(r->s, &c, id, b, &out, err);
	json_decref(b);
	json_decref(out);
	return rc;
}

static int pledge(struct round *r, const struct pledge_plan *pp, long long match,
		  struct cc_error *err)
{
	static const char *const what[] = {"coaching workshop", "follow-up mission"};
	struct cc_pcaller c;
	struct cc_principal p;
	struct cc_list ml;
	const char *org = pp->org;
	char org_buf[65];
	json_t *b;
	long long id = 0, did;
	int rc;

	caller(&c, &p, r->today, NULL);
	if (!org && (rc = cc_store_match(r->s, match, &ml, err)))
		return rc;
	if (!org) {
		snprintf(org_buf, sizeof(org_buf), "%s", ((struct cc_pmatch_rec *)ml.items)->org);
		org = org_buf;
		cc_list_free(&ml);
	}
	b = json_pack("{s:s,s:s,s:s,s:s,s:s,s:{s:f,s:s,s:f,s:s,s:s},s:{s:s,s:s}}", "provider",
		      org, "recipient", pp->unit, "description", pp->description, "modality",
		      pp->modality, "commitment", pp->commitment, "value", "amount", pp->amount,
		      "currency", pp->currency, "fx_rate", pp->fx, "fx_date", pp->fx_date,
		      "valuation", pp->valuation, "period", "from", "2026-07-01", "to", "2027-06-30");
	if (match)
		json_object_set_new(b, "match", json_integer(match));
	else
		json_object_set_new(b, "themes", json_pack("[s]", "cybercrime.child-online"));
	rc = cc_partners_create_pledge(r->s, r->snap, &c, b, &id, err);
	json_decref(b);
	for (int d = 0; !rc && d < pp->deliveries; d++) {
		b = json_pack("{s:s,s:s,s:i,s:i}", "date", d ? "2027-02-15" : "2026-09-10", "what",
			      what[d], "quantity", 1, "beneficiaries", d ? 12 : 25);
		rc = cc_partners_add_delivery(r->s, &c, id, b, &did, err);
		json_decref(b);
	}
	if (!rc && strcmp(pp->delivery, "complete") == 0)
		rc = patch(r, id, NULL, "delivery", json_string("complete"), err);
	if (!rc && strcmp(pp->verification, "self"))
		rc = patch(r, id, strcmp(pp->verification, "recipient") ? NULL : pp->unit,
			   "verification", json_string(pp->verification), err);
	if (!rc && pp->cancel)
		rc = patch(r, id, NULL, "cancelled", json_true(), err);
	return rc;
}

static int decisions_and_pledges(struct round *r, struct cc_error *err)
{
	static const struct pledge_plan plans[] = {
		{0, 0, "northwind-fict", "XAB", "CIRT coaching: processes, tools and a first "
		 "triage team", "training", "USD", "staff_day_rate", "2026-06-01", 36000, 1,
		 "confirmed", 2, "complete", "secretariat", 0},
		{2, 0, "northwind-fict", "XAC", "Two experts seconded to the health CIRT for three "
		 "months", "expert-secondment", "USD", "staff_day_rate", "2026-06-01", 54000, 1,
		 "confirmed", 1, "partial", "recipient", 0},
		{4, 1, "lumen-fict", "XAZ", "Awareness courses for civil servants", "training",
		 "EUR", "list_price", "2026-05-29", 27000, 1.08, "proposed", 0, "none", "self", 0},
		{7, 3, "ocean-fund-fict", "XBL", "Cloud credits for e-government services",
		 "cloud-credit", "USD", "market_quote", "2026-06-01", 25000, 1, "confirmed", 0,
		 "none", "self", 1},
		{NREQ, 0, NULL, "XAA", "Advice on the action of the national plan",
		 "advisory", "USD", "staff_day_rate", "2026-06-01", 18000, 1, "confirmed", 1,
		 "complete", "recipient", 0},
		{NREQ + 1, -1, "ocean-fund-fict", "XAN", "A grant for the child online protection "
		 "helpline", "funding", "USD", "declared", "2026-06-01", 50000, 1, "confirmed", 1,
		 "partial", "self", 0},
	};
	long long m[NREQ + 1] = {0}, x;
	int rc = CC_OK;

	for (size_t k = 0; !rc && k <= NREQ; k++) {
		int want = k == 0 || k == 2 ? 0 : k == NREQ ? -2 : k == 4 || k == 9 ? 1 :
			   k == 7 ? 3 : k == 8 ? 2 : -1;
		rc = propose(r, k, want, &m[k], err);
	}
	if (!rc)
		rc = decide(r, 0, m[0], "accepted", "Fits the CIRT road map", err);
	if (!rc)
		rc = decide(r, 2, m[2], "accepted", NULL, err);
	if (!rc)
		rc = decide(r, 4, m[4], "accepted", "Courses in French", err);
	if (!rc)
		rc = decide(r, 7, m[7], "accepted", NULL, err);
	if (!rc)
		rc = decide(r, NREQ, m[NREQ], "accepted", NULL, err);
	if (!rc)
		rc = decide(r, 8, m[8], "declined", "A national programme covers it already", err);
	if (!rc)
		rc = decide(r, 9, m[9], "shortlisted", NULL, err);
	for (size_t i = 0; !rc && i < sizeof(plans) / sizeof(plans[0]); i++) {
		x = plans[i].offer >= 0 ? m[plans[i].req] : 0;
		rc = pledge(r, &plans[i], x, err);
	}
	return rc;
}

int cc__demo_partners(struct cc_store *s, const struct cc_snapshot *snap, struct cc_error *err)
{
	struct round r = {.s = s, .snap = snap, .today = cc_date_days(2026, 6, 1)};
	int rc = organisations_and_offers(&r, err);

	for (size_t i = 0; !rc && i < NREQ; i++)
		rc = ask(&r, i, err);
	if (!rc)
		rc = ask_from_plan(&r, err);
	if (!rc)
		rc = decisions_and_pledges(&r, err);
	return rc;
}
