/*
 * gaps.h - a unit's largest gains still available: every node (group or
 * leaf, not the root) that is not excluded for the unit and where it has
 * not reached max, ordered by points missing, largest first (ties in the
 * framework's order). For each, how many peers (the other units) already
 * score full on it, overall and in the unit's region: the "who has done it
 * already" that turns a gap into a priority.
 */
#ifndef CC_GAPS_H
#define CC_GAPS_H

#include "score.h"

struct cc_gap {
	int node;
	double points, max, missing;
	int peers, peers_full;              /* other units scored on the node */
	int region_peers, region_full;      /* the same, within the region */
};

/* in_region[u] is nonzero for units of the unit's region (NULL: no region
 * known). *out (malloc'd, caller frees) gets *n gaps. */
int cc_gaps_compute(const struct cc_scores *s, int unit,
		    const unsigned char *in_region, struct cc_gap **out, int *n);

#endif
