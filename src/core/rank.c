/*
 * rank.c - ranking units on rounded points (see rank.h).
 */
#include "rank.h"

#include "score.h"

#include <math.h>
#include <stdlib.h>

static int cmp_desc(const void *pa, const void *pb)
{
	const struct cc_rank_item *a = pa, *b = pb;

	if (a->key != b->key)
		return a->key < b->key ? 1 : -1;
	return a->unit - b->unit;
}

void cc_rank_items(struct cc_rank_item *items, int n, enum cc_ranking rule,
		   int32_t *ranks, int stride, int offset)
{
	int32_t rank = 0;

	qsort(items, (size_t)n, sizeof(*items), cmp_desc);
	for (int i = 0; i < n; i++) {
		if (i == 0 || items[i].key != items[i - 1].key)
			rank = rule == CC_RANK_DENSE ? rank + 1 : i + 1;
		ranks[(size_t)items[i].unit * (size_t)stride + (size_t)offset] = rank;
	}
}

int cc_rank_all(const struct cc_framework *fw, const double *values,
		int nunits, int32_t *ranks)
{
	size_t nn = (size_t)fw->nnodes;
	struct cc_rank_item *items = malloc(((size_t)nunits + 1) * sizeof(*items));

	if (!items)
		return CC_ENOMEM;
	for (size_t node = 0; node < nn; node++) {
		double max = fw->nodes[node].max;
		int n = 0;

		for (int u = 0; u < nunits; u++) {
			double v = values[(size_t)u * nn + node];

			if (isnan(v)) {
				ranks[(size_t)u * nn + node] = CC_RANK_NONE;
				continue;
			}
			items[n].key = cc_round_points(fw, v * max);
			items[n].unit = u;
			n++;
		}
		cc_rank_items(items, n, fw->ranking, ranks, (int)nn, (int)node);
	}
	free(items);
	return CC_OK;
}
