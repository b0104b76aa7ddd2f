/*
 * risk.c - heat map, level counts, levels a treatment takes off and the
 * spread of ratings on a matrix scale (see risk.h).
 */
#include "risk.h"

#include <string.h>

void cc_risk_heatmap(const struct cc_matrix *m, const struct cc_risk_rating *r, int n,
		     int *counts)
{
	memset(counts, 0, (size_t)m->nlikelihood * (size_t)m->nimpact * sizeof(*counts));
	for (int k = 0; k < n; k++)
		counts[r[k].likelihood * m->nimpact + r[k].impact]++;
}

void cc_risk_level_counts(const struct cc_matrix *m, const struct cc_risk_rating *r, int n,
			  int *counts)
{
	memset(counts, 0, (size_t)m->nlevels * sizeof(*counts));
	for (int k = 0; k < n; k++)
		counts[r[k].level]++;
}

int cc_risk_levels_off(const struct cc_risk_rating *current, const struct cc_risk_rating *target)
{
	return current->level - target->level;
}

void cc_risk_spread(const struct cc_mitem *scale, int nscale, const int *levels, int n,
		    struct cc_spread_item *items, struct cc_spread_count *counts,
		    double *scratch, struct cc_spread *out)
{
	int k = 0;

	for (int i = 0; i < n; i++) {
		if (levels[i] < 0 || levels[i] >= nscale)
			continue;
		items[k].key = scale[levels[i]].id;
		items[k].order = items[k].level = levels[i];
		items[k].rating = levels[i] + 1;
		k++;
	}
	cc_spread_compute(items, k, counts, scratch, out);
}
