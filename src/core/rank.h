/*
 * rank.h - ranks on rounded points, dense or competition.
 *
 * Dense: 1 + the number of distinct keys above (1, 2, 2, 3).
 * Competition: 1 + the number of units above (1, 2, 2, 4).
 * Keys are points rounded to the framework's precision (integers), so ties
 * are exact and ranks do not depend on floating-point noise.
 */
#ifndef CC_RANK_H
#define CC_RANK_H

#include <stdint.h>

#include "framework.h"

struct cc_rank_item {
	long long key;
	int unit;
};

/* Sorts items[0..n) by key, highest first, and writes each unit's rank into
 * ranks[item.unit * stride + offset]. */
void cc_rank_items(struct cc_rank_item *items, int n, enum cc_ranking rule,
		   int32_t *ranks, int stride, int offset);

/* Ranks every node: values is [unit * fw->nnodes + node] (NaN excluded);
 * ranks receives the same layout, CC_RANK_NONE (0) where excluded.
 * Returns CC_OK or CC_ENOMEM. */
int cc_rank_all(const struct cc_framework *fw, const double *values,
		int nunits, int32_t *ranks);

#endif
