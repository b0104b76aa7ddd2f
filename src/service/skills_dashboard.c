/*
 * skills_dashboard.c - a programme's figures for its team and sponsors
 * (see skills.h; docs/skills.md, "Dashboard"): the funnel, by track and
 * by country (LDCs and SIDS on the list of the edition's year), beside the
 * country's capacity results; attendance by session kind; share
 * satisfied; paired before/after per competency; pairs; outcomes. Counts
 * of 1 to 4 are null with "suppressed": true for anyone outside the team.
 */
#include "skills.h"

#include "../core/skills_rules.h"

int cc_skills_put_count(json_t *o, const char *key, long long n, bool team)
{
	if (!team && cc_small_cell(n))
		return json_object_set_new(o, key, json_null()) ||
		       json_object_set_new(o, "suppressed", json_true()) ? CC_ENOMEM : CC_OK;
	return json_object_set_new(o, key, json_integer(n)) ? CC_ENOMEM : CC_OK;
}
