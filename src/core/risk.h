/*
 * risk.h - what a register computes from rated risks on a matrix
 * (matrix.h), pure: the heat map (risks per likelihood x impact cell),
 * risks per level, how many levels a treatment is expected to take off,
 * and the spread of a workshop's ratings on one scale (spread.h).
 *
 * The caller owns every array; nothing here allocates.
 */
#ifndef CC_RISK_H
#define CC_RISK_H

#include "matrix.h"
#include "spread.h"

/* counts[l * m->nimpact + i] (m->nlikelihood * m->nimpact entries) gets
 * the number of r[0..n) rated at likelihood l and impact i. */
void cc_risk_heatmap(const struct cc_matrix *m, const struct cc_risk_rating *r, int n,
		     int *counts);

/* counts[level] (m->nlevels entries) gets the number of r[0..n) at each
 * risk level. */
void cc_risk_level_counts(const struct cc_matrix *m, const struct cc_risk_rating *r, int n,
			  int *counts);

/* What treatment buys: the risk levels between a current and a target
 * rating (current - target; negative when the target is worse). */
int cc_risk_levels_off(const struct cc_risk_rating *current, const struct cc_risk_rating *target);

/* The spread of levels given on one scale (scale[0..nscale), lowest
 * first): levels[0..n) are indices into it, -1 for none (skipped). Each
 * counts under the level's id, in the scale's order; the median is of
 * the levels' positions counted from 1 (1 = the lowest level), and two
 * levels CC_SPREAD_DIVERGENT_STEPS apart are divergent. items, counts
 * and scratch hold n entries each. */
void cc_risk_spread(const struct cc_mitem *scale, int nscale, const int *levels, int n,
		    struct cc_spread_item *items, struct cc_spread_count *counts,
		    double *scratch, struct cc_spread *out);

#endif
