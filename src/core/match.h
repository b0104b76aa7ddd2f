/*
 * match.h - matching a country's request for support with a partner's
 * offer (docs/partnerships.md, "Matching"): hard filters first, then an
 * explainable score whose parts are kept so that the breakdown can be
 * stored and shown.
 *
 * Group lists over time: a unit belongs to a group on a day when one of
 * its spans [from, to) covers the day; a unit with no span falls back to
 * the group's current list. "On a year's list" means on 1 January.
 *
 * Pure: no clock, no I/O. Days are core/date.h day numbers; the caller
 * passes today and the unit's groups of the list year.
 */
#ifndef CC_MATCH_H
#define CC_MATCH_H

#include <stdbool.h>

#define CC_SPAN_OPEN_FROM (-2147483647 - 1)
#define CC_SPAN_OPEN_TO 2147483647

struct cc_group_span {
	int from, to;               /* days; to exclusive; CC_SPAN_OPEN_* */
};

/* Whether a unit with spans s[0..n) (listed: on the current list, used
 * when n is 0) is a member on day. */
bool cc_group_member_on(const struct cc_group_span *s, int n, bool listed, int day);
/* The same on 1 January of year. */
bool cc_group_member_in(const struct cc_group_span *s, int n, bool listed, int year);

struct cc_strs {
	const char *const *v;
	int n;
};

struct cc_match_request {
	const char *unit;
	struct cc_strs themes;      /* THEME or THEME.SUBTOPIC */
	struct cc_strs modalities, languages;   /* languages: preferred first */
	int needed_by;
	const char *visibility;     /* public, partners, secretariat */
	bool measured_gap;          /* tied to a node of a published result */
};

struct cc_match_offer {
	struct cc_strs themes, modalities, languages;
	struct cc_strs groups, units;   /* eligible; both empty: everyone */
	int from, to;               /* availability, inclusive */
	int capacity, used;         /* countries */
};

struct cc_match_ctx {
	int today;
	struct cc_strs unit_groups; /* the unit's groups on the list year */
	bool by_secretariat;        /* the secretariat proposes (sees every request) */
};

/* The weights of the score's parts (their maximum contributions). */
#define CC_MATCH_W_THEME 1.0
#define CC_MATCH_W_MODALITY 0.5
#define CC_MATCH_W_LANGUAGE 0.25
#define CC_MATCH_W_REGION 0.25
#define CC_MATCH_W_CAPACITY 0.25
#define CC_MATCH_W_GAP 0.25
#define CC_MATCH_MAX 2.5

struct cc_match_score {
	const char *excluded;       /* NULL, or the filter that failed:
				       "visibility", "eligibility", "language",
				       "dates", "capacity", "theme" */
	double theme, modality, language, region, capacity, gap, total;
	int subtopics, themes;      /* request themes met exactly / by theme */
	const char *group;          /* the group (or "unit") that made it eligible */
};

/* The first year of the support: the year of max(today, offer's start);
 * eligibility is read on that year's lists. */
int cc_match_list_year(const struct cc_match_ctx *c, const struct cc_match_offer *o);

/* Scores r against o. */
void cc_match_score(const struct cc_match_request *r, const struct cc_match_offer *o,
		    const struct cc_match_ctx *c, struct cc_match_score *out);

/* Theme a and b: 1 when equal, 0.5 when they share the part before the
 * first '.', else 0. */
double cc_match_theme_pair(const char *a, const char *b);

#endif
