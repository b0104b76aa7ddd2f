/*
 * store_partners.h - the store's part for partnerships (0010_partnerships):
 * group membership over time, the themes taxonomy, organisations and who
 * acts for them (partners.c); requests, offers, matches, pledges
 * and deliveries (partners_deals.c).
 *
 * Lists (themes, modalities, languages, eligible groups and units) are
 * JSON array text, checked by service/partners*.c; dates ISO text.
 * Writes go inside the caller's transaction when there is one; nothing
 * here audits (the service does, in the same transaction).
 */
#ifndef CC_STORE_PARTNERS_H
#define CC_STORE_PARTNERS_H

#include "store.h"

struct cc_period_rec {
	const char *group, *unit, *from, *to;   /* from/to NULL: open */
};

int cc_store_put_group_period(struct cc_store *s, const struct cc_period_rec *p,
			      struct cc_error *err);
/* Every span, by group and unit. */
int cc_store_group_periods(struct cc_store *s, struct cc_list *out, struct cc_error *err);

struct cc_theme_rec {
	const char *id, *parent, *name, *nodes;
};

/* Replaces the taxonomy with t[0..n). */
int cc_store_set_themes(struct cc_store *s, const struct cc_theme_rec *t, int n,
			struct cc_error *err);
int cc_store_themes(struct cc_store *s, struct cc_list *out, struct cc_error *err);

struct cc_org_rec {
	const char *id, *name, *kind, *created_by, *created_at;
	int fictional;
};

/* CC_ECONFLICT when the id is taken. */
int cc_store_create_org(struct cc_store *s, const struct cc_org_rec *o, struct cc_error *err);
int cc_store_orgs(struct cc_store *s, struct cc_list *out, struct cc_error *err);
/* CC_ENOTFOUND when none. */
int cc_store_org(struct cc_store *s, const char *id, struct cc_list *out, struct cc_error *err);

/* role "secretariat" (org NULL) or "partner" (org set). */
int cc_store_add_partnership_member(struct cc_store *s, long long user, const char *role,
				    const char *org, struct cc_error *err);
struct cc_pmember_rec {
	const char *role, *org;
};
int cc_store_partnership_roles(struct cc_store *s, long long user, struct cc_list *out,
			       struct cc_error *err);

struct cc_prequest_rec {
	long long id;
	const char *unit, *title, *description, *themes, *modalities, *languages;
	const char *needed_by, *priority, *visibility, *status;
	const char *source_kind, *source_framework, *source_node, *source_campaign,
		   *source_target;
	long long source_action;                /* 0: none */
	const char *created_by, *created_at, *updated_at;
};

int cc_store_create_request(struct cc_store *s, const struct cc_prequest_rec *r,
			    long long *id, struct cc_error *err);
/* unit NULL: every request; newest first. */
int cc_store_requests(struct cc_store *s, const char *unit, struct cc_list *out,
		      struct cc_error *err);
int cc_store_request(struct cc_store *s, long long id, struct cc_list *out,
		     struct cc_error *err);
int cc_store_set_request_status(struct cc_store *s, long long id, const char *status,
				struct cc_error *err);

struct cc_offer_rec {
	long long id;
	const char *org, *title, *description, *themes, *modalities, *languages;
	const char *groups, *units;
	int capacity;
	long long beneficiaries;                /* -1: not given */
	const char *from, *to;
	double unit_value;
	const char *currency, *valuation, *status, *created_by, *created_at;
	int used;                               /* accepted matches (read only) */
};

int cc_store_create_offer(struct cc_store *s, const struct cc_offer_rec *o, long long *id,
			  struct cc_error *err);
/* org NULL: every offer. */
int cc_store_offers(struct cc_store *s, const char *org, struct cc_list *out,
		    struct cc_error *err);
int cc_store_offer(struct cc_store *s, long long id, struct cc_list *out,
		   struct cc_error *err);

struct cc_pmatch_rec {
	long long id, request, offer;
	double score;
	const char *breakdown;
	int list_year;
	const char *status, *reason, *proposed_by, *proposed_at, *decided_by, *decided_at;
	const char *unit, *org;                 /* the request's, the offer's (read only) */
};

/* Inserts or, when (request, offer) is there and still proposed or
 * shortlisted, refreshes the score; *id the match. */
int cc_store_put_match(struct cc_store *s, const struct cc_pmatch_rec *m, long long *id,
		       struct cc_error *err);
/* request 0: every match. Best first. */
int cc_store_matches(struct cc_store *s, long long request, struct cc_list *out,
		     struct cc_error *err);
int cc_store_match(struct cc_store *s, long long id, struct cc_list *out, struct cc_error *err);
int cc_store_decide_match(struct cc_store *s, long long id, const char *status,
			  const char *reason, const char *by, const char *at,
			  struct cc_error *err);

struct cc_pledge_rec {
	long long id, match, request;           /* 0: none */
	const char *org, *unit, *description, *modality, *themes;
	double amount, fx_rate;
	const char *currency, *fx_date, *valuation, *from, *to;
	const char *commitment, *delivery, *verification;
	int cancelled;
	const char *completed_at, *created_by, *created_at, *updated_at;
	long long beneficiaries;                /* sum of deliveries (read only) */
	long long source_action;                /* the request's (read only) */
};

int cc_store_create_pledge(struct cc_store *s, const struct cc_pledge_rec *p, long long *id,
			   struct cc_error *err);
/* Every pledge, oldest first. */
int cc_store_pledges(struct cc_store *s, struct cc_list *out, struct cc_error *err);
int cc_store_pledge(struct cc_store *s, long long id, struct cc_list *out, struct cc_error *err);
/* Writes commitment, delivery, verification, cancelled, completed_at. */
int cc_store_update_pledge(struct cc_store *s, const struct cc_pledge_rec *p,
			   struct cc_error *err);

struct cc_delivery_rec {
	long long id, pledge;
	const char *date, *what;
	double quantity;
	long long beneficiaries;
	const char *recorded_by, *recorded_at;
};

int cc_store_add_delivery(struct cc_store *s, const struct cc_delivery_rec *d, long long *id,
			  struct cc_error *err);
/* pledge 0: every delivery; by date. */
int cc_store_deliveries(struct cc_store *s, long long pledge, struct cc_list *out,
			struct cc_error *err);

/* A plan action as a request starts from it: its plan's unit, title,
 * description, the first framework node it addresses (framework, node,
 * campaign; NULL when none) and whether it came from a measured gap (a
 * source link of kind gap or target). CC_ENOTFOUND, field action. */
struct cc_action_origin_rec {
	long long action;
	const char *plan, *unit, *title, *description, *framework, *node, *campaign;
	int from_gap;
};
int cc_store_action_origin(struct cc_store *s, long long action, struct cc_list *out,
			   struct cc_error *err);

#endif
