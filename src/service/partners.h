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
 * STATE (session 4): implemented are the caller (partners_input.c), the
 * field checks and the reference data with a unit's groups on a year's
 * list (partners_data.c). The requests, offers, matching, decisions,
 * pledges and report functions below are declared as the contract of the
 * next step and are NOT defined yet (docs/partnerships.md, "State").
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

/* Organisations: {"id", "name", "kind"} (the secretariat). */
int cc_partners_create_org(struct cc_store *s, const struct cc_pcaller *c, const json_t *body,
			   struct cc_error *err);
int cc_partners_orgs_json(struct cc_store *s, json_t **out, struct cc_error *err);
/* Makes user a member ("secretariat", org NULL; "partner", org). */
int cc_partners_add_member(struct cc_store *s, long long user, const char *role,
			   const char *org, struct cc_error *err);

/* Requests. create: POST /requests (the unit's focal point, an analyst, an
 * admin or the secretariat); from_action: the same drafted from a plan
 * action (title, description, nodes' themes taken from it; body may add
 * or override any field). */
int cc_partners_create_request(struct cc_store *s, const struct cc_pcaller *c,
			       const json_t *body, long long *id, struct cc_error *err);
int cc_partners_request_from_action(struct cc_store *s, const struct cc_pcaller *c,
				    long long action, const json_t *body, long long *id,
				    struct cc_error *err);
/* What c may see; unit NULL: every unit. */
int cc_partners_requests_json(struct cc_store *s, const struct cc_pcaller *c, const char *unit,
			      json_t **out, struct cc_error *err);
/* One request with its matches and pledges; CC_ENOTFOUND when c may not
 * see it (as if absent). */
int cc_partners_request_json(struct cc_store *s, const struct cc_snapshot *snap,
			     const struct cc_pcaller *c, long long id, json_t **out,
			     struct cc_error *err);
bool cc_partners_may_see(const struct cc_pcaller *c, const struct cc_prequest_rec *r);

/* Offers: POST /offers (a partner of the organisation, the secretariat). */
int cc_partners_create_offer(struct cc_store *s, const struct cc_pcaller *c, const json_t *body,
			     long long *id, struct cc_error *err);
int cc_partners_offers_json(struct cc_store *s, const struct cc_pcaller *c, json_t **out,
			    struct cc_error *err);

/* Eligibility by year: the groups unit belongs to on 1 January of year
 * (current lists corrected by unit_group_period) into a JSON array. */
int cc_partners_unit_groups(struct cc_store *s, const struct cc_snapshot *snap,
			    const char *unit, int year, json_t **out, struct cc_error *err);

/* POST /requests/{r}/matches: scores every open offer c may propose
 * (secretariat: all; a partner: its own), stores the eligible ones as
 * proposed and answers {"matches": [...], "excluded": [...]}, best first. */
int cc_partners_propose(struct cc_store *s, const struct cc_snapshot *snap,
			const struct cc_pcaller *c, long long request, json_t **out,
			struct cc_error *err);
/* PATCH /matches/{m} {"status", "reason"?}: shortlisted (secretariat or
 * the country), accepted / declined (the country alone), withdrawn (the
 * offer's partner or the secretariat). CC_ECONFLICT for a move from a
 * closed status. */
int cc_partners_decide(struct cc_store *s, const struct cc_pcaller *c, long long match,
		       const json_t *body, json_t **out, struct cc_error *err);
int cc_partners_matches_json(struct cc_store *s, const struct cc_pcaller *c, json_t **out,
			     struct cc_error *err);

/* Pledges (partners_pledges.c). */
int cc_partners_create_pledge(struct cc_store *s, const struct cc_pcaller *c,
			      const json_t *body, long long *id, struct cc_error *err);
int cc_partners_add_delivery(struct cc_store *s, const struct cc_pcaller *c, long long pledge,
			     const json_t *body, long long *id, struct cc_error *err);
int cc_partners_update_pledge(struct cc_store *s, const struct cc_pcaller *c, long long pledge,
			      const json_t *body, struct cc_error *err);
/* Those c may see (the provider's partners, the recipient's focal point,
 * the secretariat; a pledge on a public request: everyone). */
int cc_partners_pledges_json(struct cc_store *s, const struct cc_snapshot *snap,
			     const struct cc_pcaller *c, json_t **out, struct cc_error *err);
int cc_partners_pledge_json(struct cc_store *s, const struct cc_snapshot *snap,
			    const struct cc_pcaller *c, long long id, json_t **out,
			    struct cc_error *err);

/* GET /partnerships/report?year=Y (partners_report.c): public. */
int cc_partners_report(struct cc_store *s, const struct cc_snapshot *snap, int year,
		       json_t **out, struct cc_error *err);
/* The pledges as IATI-style XML (malloc'd text). */
int cc_partners_iati(struct cc_store *s, const struct cc_snapshot *snap, char **xml,
		     size_t *len, struct cc_error *err);

/* ---- shared by the partners*.c files ---- */

/* A text field: required unless optional; CC_EINPUT naming it. */
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
extern const char *const cc_partner_modalities[];
extern const char *const cc_partner_valuations[];

#endif
