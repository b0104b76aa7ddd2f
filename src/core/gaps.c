/*
 * gaps.c - points still missing per node and peers that score full
 * (see gaps.h). "Full" and "missing" compare rounded points, so that a
 * gap of 0.000001 points does not show as a priority.
 */
#include "gaps.h"

#include <math.h>
#include <stdlib.h>

static int cmp_gap(const void *pa, const void *pb)
{
	const struct cc_gap *a = pa, *b = pb;

	if (a->missing != b->missing)
		return a->missing < b->missing ? 1 : -1;
	return a->node - b->node;
}

static void count_peers(const struct cc_scores *s, int unit,
			const unsigned char *in_region, struct cc_gap *g)
{
	const struct cc_framework *fw = s->fw;
	size_t nn = (size_t)s->nnodes;
	long long full = cc_round_points(fw, fw->nodes[g->node].max);

	for (int u = 0; u < s->nunits; u++) {
		double v = s->value[(size_t)u * nn + (size_t)g->node];
		int is_full;

		if (u == unit || isnan(v))
			continue;
		is_full = cc_round_points(fw, v * fw->nodes[g->node].max) >= full;
		g->peers++;
		g->peers_full += is_full;
		if (in_region && in_region[u]) {
			g->region_peers++;
			g->region_full += is_full;
		}
	}
}

int cc_gaps_compute(const struct cc_scores *s, int unit,
		    const unsigned char *in_region, struct cc_gap **out, int *n)
{
	const struct cc_framework *fw = s->fw;
	size_t nn = (size_t)s->nnodes;
	struct cc_gap *gaps = calloc(nn + 1, sizeof(*gaps));
	int count = 0;

	if (!gaps)
		return CC_ENOMEM;
	for (size_t i = 1; i < nn; i++) {
		double v = s->value[(size_t)unit * nn + i];
		double max = fw->nodes[i].max;
		struct cc_gap *g = &gaps[count];

		if (isnan(v) || cc_round_points(fw, v * max) >= cc_round_points(fw, max))
			continue;
		g->node = (int)i;
		g->points = v * max;
		g->max = max;
		g->missing = max - v * max;
		count_peers(s, unit, in_region, g);
		count++;
	}
	qsort(gaps, (size_t)count, sizeof(*gaps), cmp_gap);
	*out = gaps;
	*n = count;
	return CC_OK;
}
