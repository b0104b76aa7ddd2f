/*
 * groups.c - descriptive statistics of points per group (see groups.h).
 * GSL computes the median of the sorted values.
 */
#include "groups.h"

#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>
#include <math.h>
#include <stdlib.h>

void cc_stats_compute(double *v, int n, struct cc_stats *out)
{
	out->count = n;
	if (n == 0) {
		out->mean = out->median = out->min = out->max = NAN;
		return;
	}
	gsl_sort(v, 1, (size_t)n);
	out->mean = gsl_stats_mean(v, 1, (size_t)n);
	out->median = gsl_stats_median_from_sorted_data(v, 1, (size_t)n);
	out->min = v[0];
	out->max = v[n - 1];
}

int cc_groups_summarise(const struct cc_scores *s, const int *group_of,
			int ngroups, struct cc_stats *out)
{
	size_t nn = (size_t)s->nnodes;
	double *buf = malloc(((size_t)s->nunits + 1) * sizeof(double));

	if (!buf)
		return CC_ENOMEM;
	for (int g = 0; g < ngroups; g++) {
		for (size_t node = 0; node < nn; node++) {
			double max = s->fw->nodes[node].max;
			int n = 0;

			for (int u = 0; u < s->nunits; u++) {
				double v = s->value[(size_t)u * nn + node];
				if (group_of[u] == g && !isnan(v))
					buf[n++] = v * max;
			}
			cc_stats_compute(buf, n, &out[(size_t)g * nn + node]);
		}
	}
	free(buf);
	return CC_OK;
}
