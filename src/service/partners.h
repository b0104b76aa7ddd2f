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
 * list (partners_data.c). Requests, offers, matching, decisions, pledges
 * and the report are the next step (docs/partnerships.md, "State").
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
