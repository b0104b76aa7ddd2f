/*
 * partners.h - partnerships: countries' requests for support, partners'
 * offers, the matches between them, pledges and their deliveries, and the
 * donor report (docs/partnerships.md; docs/api.md "Partnerships").
 *
 * Who may is decided here, from the caller (struct cc_pcaller): the
 * secretariat (partnership_member, or an admin) sees and may propose
 * everything; a partner acts for its organisations; the focal point of a
 * unit writes its requests and alone accepts or declines their matches
 * (not even an admin may); anonymous callers see public requests and
 * the report. Bodies are checked here; a bad value is CC_EINPUT with
 * err->file naming the field; CC_EPERM-like refusals are CC_EFORBIDDEN
 * below. Every write is one transaction with its audit entry (entities
 * "request:N", "offer:N", "match:N", "pledge:N", "organisation:ID").
 *
 * Files: the caller and the field checks (partners_input.c), reference
 * data (partners_data.c), requests (partners_requests.c), organisations
 * and offers (partners_offers.c), matching and decisions
 * (partners_match.c), pledges and deliveries (partners_pledges.c), a
 * pledge's gap before and after (partners_measure.c), the report
 * (partners_report.c).
 */
#ifndef CC_PARTNERS_H
#define CC_PARTNERS_H

#include <jansson.h>
#include <stdbool.h>

#include "../store/store_partners.h"
#include "auth.h"
#include "snapshot.h"

#define CC_EFORBIDDEN (-20)
#define CC_PARTNER_TEXT_MAX 300
#define CC_PARTNER_LONG_MAX 20000
#define CC_PARTNER_LIST_MAX 50
#define CC_PARTNER_MAX_ORGS 16

struct cc_pcaller {
	const struct cc_principal *p;   /* NULL or id 0: anonymous */
	bool secretariat;               /* secretariat member or admin */
	bool admin;
	const char *orgs[CC_PARTNER_MAX_ORGS];
	int norgs;
	struct cc_list roles;           /* owns orgs */
	int today;                      /* core/date.h day */
};

/* Fills c for p (which it must outlive). Free with cc_pcaller_free. */
int cc_pcaller_load(struct cc_store *s, const struct cc_principal *p, int today,
		    struct cc_pcaller *c, struct cc_error *err);
void cc_pcaller_free(struct cc_pcaller *c);
bool cc_pcaller_partner_of(const struct cc_pcaller *c, const char *org);
/* The unit's focal point (a focal_point grant for exactly that unit). */
bool cc_pcaller_focal_of(const struct cc_pcaller *c, const char *unit);

/* Loads DIR/themes.csv and DIR/group-periods.csv (data/partnerships). */
int cc_partners_load_data(struct cc_store *s, const char *dir, struct cc_error *err);

/* GET /partnerships/themes: [{"id", "parent", "name", "nodes"}]. */
int cc_partners_themes_json(struct cc_store *s, json_t **out, struct cc_error *err);

/* Eligibility by year: the groups unit belongs to on 1 January of year
 * (current lists corrected by unit_group_period) into a JSON array. */
int cc_partners_unit_groups(struct cc_store *s, const struct cc_snapshot *snap,
			    const char *unit, int year, json_t **out, struct cc_error *err);


/* ---- requests (partners_requests.c) ---- */

/* POST /requests: the unit's focal point only. */
int cc_partners_create_request(struct cc_store *s, const struct cc_snapshot *snap,
			       const struct cc_pcaller *c, const json_t *body, long long *id,
			       struct cc_error *err);
/* One request with the matches and pledges c may see. */
int cc_partners_request_json(struct cc_store *s, const struct cc_pcaller *c, long long id,
			     json_t **out, struct cc_error *err);
/* A request body drafted from plan action (not saved): the plan's unit,
 * the action's title, the theme its node maps to, source the action. */
int cc_partners_draft_request(struct cc_store *s, const struct cc_pcaller *c, long long action,
			      json_t **out, struct cc_error *err);
/* The requests c may see (unit NULL: every unit), newest first. */
int cc_partners_requests_json(struct cc_store *s, const struct cc_pcaller *c,
			      const char *unit, json_t **out, struct cc_error *err);

/* ---- organisations and offers (partners_offers.c) ---- */

int cc_partners_create_org(struct cc_store *s, const struct cc_pcaller *c, const json_t *body,
			   struct cc_error *err);
int cc_partners_orgs_json(struct cc_store *s, json_t **out, struct cc_error *err);
/* Gives the account of email the role secretariat (org NULL) or partner
 * of org; c NULL: the command line (actor names who). */
int cc_partners_add_member(struct cc_store *s, const struct cc_pcaller *c, const char *actor,
			   const char *email, const char *role, const char *org,
			   struct cc_error *err);
int cc_partners_create_offer(struct cc_store *s, const struct cc_snapshot *snap,
			     const struct cc_pcaller *c, const json_t *body, long long *id,
			     struct cc_error *err);
/* org NULL: every organisation's. Offers are public. */
int cc_partners_offers_json(struct cc_store *s, const char *org, json_t **out,
			    struct cc_error *err);

/* ---- matches (partners_match.c) ---- */

/* Scores every open offer the caller may propose (the secretariat: all;
 * a partner: its own) and stores the eligible ones: {"matches": [...]
 * best first, "left_out": [{"offer", "filter"}]}. */
int cc_partners_propose(struct cc_store *s, const struct cc_snapshot *snap,
			const struct cc_pcaller *c, long long request, json_t **out,
			struct cc_error *err);
/* The matches the caller may see: of request (0: any), of unit (the
 * request's country) and of org (the offer's partner; NULL: any). */
int cc_partners_matches_json(struct cc_store *s, const struct cc_pcaller *c, long long request,
			     const char *unit, const char *org, json_t **out,
			     struct cc_error *err);
/* PATCH /matches/{m}: shortlisted, accepted, declined by the requesting
 * country's focal point only; withdrawn by the secretariat or partner. */
int cc_partners_decide(struct cc_store *s, const struct cc_pcaller *c, long long id,
		       const json_t *body, json_t **out, struct cc_error *err);

/* ---- pledges (partners_pledges.c) ---- */

int cc_partners_create_pledge(struct cc_store *s, const struct cc_snapshot *snap,
			      const struct cc_pcaller *c, const json_t *body, long long *id,
			      struct cc_error *err);
/* The pledges c may see (unit, org NULL: any), each with its deliveries;
 * totals (NULL: not wanted) their sums as the report counts them
 * (cc__ppledge_totals). */
int cc_partners_pledges_json(struct cc_store *s, const struct cc_pcaller *c, const char *unit,
			     const char *org, json_t **out, json_t **totals,
			     struct cc_error *err);
/* One pledge with its deliveries. */
int cc_partners_pledge_json(struct cc_store *s, const struct cc_pcaller *c, long long id,
			    json_t **out, struct cc_error *err);
int cc_partners_add_delivery(struct cc_store *s, const struct cc_pcaller *c, long long pledge,
			     const json_t *body, long long *id, struct cc_error *err);
int cc_partners_patch_pledge(struct cc_store *s, const struct cc_pcaller *c, long long id,
			     const json_t *body, json_t **out, struct cc_error *err);

/* What pledge did to its request's gap (partners_measure.c): {"framework",
 * "node", "before", "before_campaign", "after", "after_campaign"} (values
 * 0..1 or null; after only once delivered in full, in the first campaign
 * on the framework published after that), or *out NULL when the pledge
 * has no request tied to a framework node. */
int cc_partners_pledge_measure(struct cc_store *s, const struct cc_snapshot *snap,
			       long long pledge, json_t **out, struct cc_error *err);

/* ---- the report (partners_report.c) ---- */

int cc_partners_report(struct cc_store *s, const struct cc_snapshot *snap,
		       const struct cc_pcaller *c, int year, json_t **out, struct cc_error *err);
/* Confirmed pledges not cancelled, each with "provider_org",
 * "recipient_iso2" (the unit's ISO 3166-1 alpha-2 code, "" when it has
 * none) and "deliveries" (by date). */
int cc_partners_iati_pledges(struct cc_store *s, json_t **out, struct cc_error *err);

/* ---- shared by the partners*.c files ---- */

/* A text field: required unless optional (then "" counts as not given:
 * *out NULL); CC_EINPUT naming it. */
int cc__ptext(const json_t *body, const char *name, bool optional, size_t max,
	      const char **out, struct cc_error *err);
/* A date field "YYYY-MM-DD" into *day (and *text). */
int cc__pdate(const json_t *body, const char *name, bool optional, const char **text,
	      int *day, struct cc_error *err);
/* One of allowed (NULL-terminated). */
int cc__pchoice(const json_t *body, const char *name, bool optional,
		const char *const *allowed, const char **out, struct cc_error *err);
/* An array of text serialised as JSON into *out (caller frees);
 * check(NULL-able) validates each item. */
int cc__plist(const json_t *body, const char *name, bool optional, int min,
	      bool (*check)(void *ctx, const char *v), void *ctx, char **out,
	      struct cc_error *err);
/* A JSON array text back as a string array (items point into *arr). */
int cc__pstrs(const char *text, json_t **arr, const char ***v, int *n);
/* An audit entry of the change (after: JSON of obj, may be NULL). */
int cc__paudit(struct cc_store *s, const struct cc_pcaller *c, const char *action,
	       const char *entity, const json_t *before, const json_t *after,
	       struct cc_error *err);
/* Whether unit is in group g on year's list (periods: every span). */
int cc__punit_in_group(const struct cc_snapshot *snap, const struct cc_list *periods,
		       const char *unit, const struct cc_group_rec *g, int year);
const char *cc__pactor(const struct cc_pcaller *c);
bool cc__ptheme_ok(void *store, const char *id);
/* err->file "F" becomes "PREFIX.F" (a field inside an object). */
void cc__pprefix(struct cc_error *err, const char *prefix);
/* CC_EFORBIDDEN with the message. */
int cc__pforbid(struct cc_error *err, const char *what);
bool cc__planguage_ok(void *ctx, const char *v);
bool cc__pmodality_ok(void *ctx, const char *v);
int cc__pcurrency(const json_t *body, const char *name, const char **out, struct cc_error *err);
/* JSON array text as a JSON array (an empty one when it does not parse). */
json_t *cc__pjson_list(const char *text);
bool cc__prequest_visible(const struct cc_pcaller *c, const struct cc_prequest_rec *r);
/* Whether r is tied to a measured gap. */
int cc__prequest_gap(struct cc_store *s, const struct cc_prequest_rec *r);
/* Request id as c may see it (else CC_ENOTFOUND). */
int cc__prequest_load(struct cc_store *s, const struct cc_pcaller *c, long long id,
		      struct cc_list *l, struct cc_error *err);
json_t *cc__prequest_json(struct cc_store *s, const struct cc_pcaller *c,
			  const struct cc_prequest_rec *r);
json_t *cc__porg_json(const struct cc_org_rec *o);
json_t *cc__poffer_json(const struct cc_offer_rec *o);
json_t *cc__pmatch_json(const struct cc_pmatch_rec *m);
bool cc__pmatch_visible(const struct cc_pcaller *c, const struct cc_pmatch_rec *m);
json_t *cc__ppledge_json(const struct cc_pledge_rec *p);
json_t *cc__pdelivery_json(const struct cc_delivery_rec *d);
/* The deliveries of pledge in dl (every delivery, by date), as JSON. */
json_t *cc__pdeliveries_json(const struct cc_list *dl, long long pledge);
bool cc__ppledge_visible(const struct cc_pcaller *c, const struct cc_pledge_rec *p);
/* What the report counts of pledges v[0..n) (partners_report.c): {"pledges",
 * "usd", "delivered_usd", "beneficiaries", "by_year": [{"year", "pledges",
 * "usd", "delivered_usd", "beneficiaries", "amounts": [{"currency",
 * "amount", "usd"}], "fx_dates"}]}; the cancelled left out, a pledge in
 * every year its period overlaps, usd = amount x fx_rate. */
json_t *cc__ppledge_totals(const struct cc_pledge_rec *const *v, int n);
extern const char *const cc_partner_modalities[];
extern const char *const cc_partner_valuations[];

#endif
