/*
 * match.c - hard filters and the explainable score of a request against
 * an offer (see match.h). Each part is a small function so that its
 * reason is plain; the total is their sum.
 */
#include "match.h"

#include "date.h"

#include <string.h>

bool cc_group_member_on(const struct cc_group_span *s, int n, bool listed, int day)
{
	if (n == 0)
		return listed;
	for (int i = 0; i < n; i++)
		if (s[i].from <= day && day < s[i].to)
			return true;
	return false;
}

bool cc_group_member_in(const struct cc_group_span *s, int n, bool listed, int year)
{
	return cc_group_member_on(s, n, listed, cc_date_days(year, 1, 1));
}

static bool has(struct cc_strs l, const char *x)
{
	for (int i = 0; i < l.n; i++)
		if (strcmp(l.v[i], x) == 0)
			return true;
	return false;
}

static bool shares(struct cc_strs a, struct cc_strs b)
{
	for (int i = 0; i < a.n; i++)
		if (has(b, a.v[i]))
			return true;
	return false;
}

double cc_match_theme_pair(const char *a, const char *b)
{
	size_t la = strcspn(a, "."), lb = strcspn(b, ".");

	if (strcmp(a, b) == 0)
		return 1.0;
	return la == lb && memcmp(a, b, la) == 0 ? 0.5 : 0.0;
}

int cc_match_list_year(const struct cc_match_ctx *c, const struct cc_match_offer *o)
{
	int y, m, d;

	cc_date_civil(o->from > c->today ? o->from : c->today, &y, &m, &d);
	return y;
}

/* Eligible by unit or by one of the unit's groups that year. */
static const char *eligible_by(const struct cc_match_request *r, const struct cc_match_offer *o,
			       const struct cc_match_ctx *c)
{
	if (o->groups.n == 0 && o->units.n == 0)
		return "everyone";
	if (has(o->units, r->unit))
		return "unit";
	for (int i = 0; i < o->groups.n; i++)
		if (has(c->unit_groups, o->groups.v[i]))
			return o->groups.v[i];
	return NULL;
}

static const char *filter(const struct cc_match_request *r, const struct cc_match_offer *o,
			  const struct cc_match_ctx *c, struct cc_match_score *out)
{
	if (strcmp(r->visibility, "secretariat") == 0 && !c->by_secretariat)
		return "visibility";
	if (!(out->group = eligible_by(r, o, c)))
		return "eligibility";
	if (!shares(r->languages, o->languages))
		return "language";
	if (o->from > r->needed_by || o->to < c->today)
		return "dates";
	if (o->used >= o->capacity)
		return "capacity";
	return NULL;
}

/* Mean over the request's themes of the best pair with the offer's. */
static void theme_part(const struct cc_match_request *r, const struct cc_match_offer *o,
		       struct cc_match_score *out)
{
	double sum = 0;

	for (int i = 0; i < r->themes.n; i++) {
		double best = 0;
		for (int j = 0; j < o->themes.n; j++) {
			double p = cc_match_theme_pair(r->themes.v[i], o->themes.v[j]);
			best = p > best ? p : best;
		}
		out->subtopics += best == 1.0;
		out->themes += best == 0.5;
		sum += best;
	}
	out->theme = r->themes.n ? CC_MATCH_W_THEME * sum / r->themes.n : 0;
}

/* Whether the offer names the unit, or one of its region groups
 * ("itu:..." or "m49:..."). */
static bool targets_region(const struct cc_match_request *r, const struct cc_match_offer *o,
			   const struct cc_match_ctx *c)
{
	if (has(o->units, r->unit))
		return true;
	for (int i = 0; i < o->groups.n; i++) {
		const char *g = o->groups.v[i];
		if ((strncmp(g, "itu:", 4) == 0 || strncmp(g, "m49:", 4) == 0) &&
		    has(c->unit_groups, g))
			return true;
	}
	return false;
}

void cc_match_score(const struct cc_match_request *r, const struct cc_match_offer *o,
		    const struct cc_match_ctx *c, struct cc_match_score *out)
{
	memset(out, 0, sizeof(*out));
	out->excluded = filter(r, o, c, out);
	if (out->excluded)
		return;
	theme_part(r, o, out);
	if (out->theme == 0) {
		out->excluded = "theme";
		return;
	}
	out->modality = shares(r->modalities, o->modalities) ? CC_MATCH_W_MODALITY : 0;
	out->language = r->languages.n && has(o->languages, r->languages.v[0]) ?
			CC_MATCH_W_LANGUAGE : 0;
	out->region = targets_region(r, o, c) ? CC_MATCH_W_REGION : 0;
	out->capacity = CC_MATCH_W_CAPACITY * (double)(o->capacity - o->used) / o->capacity;
	out->gap = r->measured_gap ? CC_MATCH_W_GAP : 0;
	out->total = out->theme + out->modality + out->language + out->region +
		     out->capacity + out->gap;
}
