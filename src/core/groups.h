/*
 * groups.h - points by group of units: count, mean, median, min, max.
 *
 * A grouping assigns each unit to at most one group (an ITU region, "yes" or
 * "no" for LDC, ...); the caller builds that assignment from a units file.
 * Excluded nodes do not count; a group with no unit for a node has count 0.
 */
#ifndef CC_GROUPS_H
#define CC_GROUPS_H

#include "score.h"

struct cc_stats {
	int count;
	double mean, median, min, max;
};

/* Descriptive statistics of v[0..n) (v is sorted in place). */
void cc_stats_compute(double *v, int n, struct cc_stats *out);

/* group_of[unit] is a group in [0, ngroups) or -1. out has ngroups *
 * s->nnodes entries: [group * nnodes + node]. Returns CC_OK or CC_ENOMEM. */
int cc_groups_summarise(const struct cc_scores *s, const int *group_of,
			int ngroups, struct cc_stats *out);

#endif
