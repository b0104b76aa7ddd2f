/*
 * sensitivity.c - Sobol indices of a ranking (see sensitivity.h).
 */
#include "sensitivity.h"

#include <math.h>
#include <stdlib.h>

/* Mean |rank - nominal| over units ranked both ways. */
static double mean_shift(const struct cc_robust *r, const int32_t *ranks)
{
	double sum = 0;
	int n = 0;

	for (int u = 0; u < r->a->nunits; u++) {
		if (!ranks[u] || !r->nominal[u])
			continue;
		sum += fabs((double)ranks[u] - r->nominal[u]);
		n++;
	}
	return n ? sum / n : 0;
}

int cc_robust_sensitivity(const struct cc_robust *r,
			  const struct cc_sensitivity *o,
			  struct cc_sobol_index *shift,
			  struct cc_sobol_index *units, struct cc_error *err)
{
	struct cc_sobol_factor f[CC_ROBUST_MAX_FACTORS];
	int k = r->nfactors, nu = r->a->nunits;
	size_t rows = (size_t)o->n * (size_t)(k + 2);
	double *points = NULL, *y = NULL;
	int32_t *ranks = NULL;
	gsl_rng *rng = NULL;
	struct cc_uncertainty run = {.seed = o->seed, .threads = o->threads,
				     .progress = o->progress, .arg = o->arg,
				     .cancel = o->cancel};
	int rc;

	if (o->n < 2 || k < 1)
		return cc_error_set(err, CC_EUSAGE, NULL, 0, 0,
				    "a sensitivity analysis needs at least one factor and N >= 2");
	if (rows > 50000000 / ((size_t)nu + 1))
		return cc_error_set(err, CC_ELIMIT, NULL, 0, 0,
				    "N (k + 2) x units is too large for memory; lower N");
	for (int i = 0; i < k; i++)
		f[i] = (struct cc_sobol_factor){r->factors[i].first_dim, r->factors[i].dims};
	rc = cc_sobol_design(o->n, r->dims, f, k, o->seed, &points, err);
	if (rc)
		return rc;
	ranks = malloc(rows * (size_t)nu * sizeof(int32_t) + 1);
	y = malloc(rows * sizeof(double) + 1);
	rng = gsl_rng_alloc(gsl_rng_mt19937);
	if (!ranks || !y || !rng) {
		rc = cc_error_set(err, CC_ENOMEM, NULL, 0, 0, "out of memory");
		goto out;
	}
	run.runs = (int)rows;
	run.points = points;
	rc = cc_robust_uncertainty(r, &run, ranks, err);
	if (rc)
		goto out;
	for (size_t row = 0; row < rows; row++)
		y[row] = mean_shift(r, ranks + row * (size_t)nu);
	gsl_rng_set(rng, o->seed + 17);
	cc_sobol_indices(y, o->n, k, o->resamples, rng, shift);
	for (int u = 0; units && u < nu; u++) {
		for (size_t row = 0; row < rows; row++)
			y[row] = ranks[row * (size_t)nu + (size_t)u];
		gsl_rng_set(rng, o->seed + 18 + (unsigned long)u);
		cc_sobol_indices(y, o->n, k, o->resamples, rng, units + (size_t)u * (size_t)k);
	}
out:
	free(points);
	free(ranks);
	free(y);
	if (rng)
		gsl_rng_free(rng);
	return rc;
}
