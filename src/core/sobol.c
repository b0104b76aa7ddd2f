/*
 * sobol.c - Saltelli design and Sobol estimators (see sobol.h).
 */
#include "sobol.h"

#include "robust.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

int cc_sobol_design(int n, int dims, const struct cc_sobol_factor *factors,
		    int k, unsigned long seed, double **points,
		    struct cc_error *err)
{
	size_t rows = (size_t)n * (size_t)(k + 2), d = (size_t)dims;
	double *p = malloc(rows * d * sizeof(double) + 1);
	double *ab = malloc(2 * d * sizeof(double) + 1);
	gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);

	if (!p || !ab || !rng) {
		free(p);
		free(ab);
		if (rng)
			gsl_rng_free(rng);
		return cc_error_set(err, CC_ENOMEM, NULL, 0, 0, "out of memory");
	}
	for (int j = 0; j < n; j++) {
		double *a = p + (size_t)j * d, *b = p + ((size_t)n + (size_t)j) * d;

		/* Row j of A and of B from one stream of 2 dims uniforms. */
		cc_robust_point(rng, seed, 2, j, 2 * dims, ab);
		memcpy(a, ab, d * sizeof(double));
		memcpy(b, ab + d, d * sizeof(double));
		for (int i = 0; i < k; i++) {
			double *abi = p + ((size_t)(2 + i) * (size_t)n + (size_t)j) * d;
			memcpy(abi, a, d * sizeof(double));
			memcpy(abi + factors[i].first, b + factors[i].first,
			       (size_t)factors[i].dims * sizeof(double));
		}
	}
	free(ab);
	gsl_rng_free(rng);
	*points = p;
	return CC_OK;
}

/* S_i and ST_i over the rows listed in idx[0..n). */
static void estimate(const double *y, int n, int k, const int *idx,
		     double *first, double *total)
{
	const double *ya = y, *yb = y + n;
	double mean = 0, var = 0;

	for (int j = 0; j < n; j++)
		mean += ya[idx[j]] + yb[idx[j]];
	mean /= 2.0 * n;
	for (int j = 0; j < n; j++) {
		double da = ya[idx[j]] - mean, db = yb[idx[j]] - mean;
		var += da * da + db * db;
	}
	var /= 2.0 * n - 1;
	for (int i = 0; i < k; i++) {
		const double *yab = y + (size_t)(2 + i) * (size_t)n;
		double s = 0, t = 0;

		for (int j = 0; j < n; j++) {
			int r = idx[j];
			s += yb[r] * (yab[r] - ya[r]);
			t += (ya[r] - yab[r]) * (ya[r] - yab[r]);
		}
		first[i] = var > 0 ? s / n / var : NAN;
		total[i] = var > 0 ? t / (2.0 * n) / var : NAN;
	}
}

static int cmp_d(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

void cc_sobol_indices(const double *y, int n, int k, int resamples,
		      gsl_rng *rng, struct cc_sobol_index *out)
{
	int *idx = malloc(((size_t)n + 1) * sizeof(int));
	double *first = malloc(((size_t)k + 1) * sizeof(double));
	double *total = malloc(((size_t)k + 1) * sizeof(double));
	double *bs = resamples > 0 ?
		malloc((size_t)resamples * 2 * ((size_t)k + 1) * sizeof(double)) : NULL;

	if (!idx || !first || !total || (resamples > 0 && !bs)) {
		for (int i = 0; i < k; i++)
			out[i] = (struct cc_sobol_index){NAN, NAN, NAN, NAN, NAN, NAN};
		goto out;
	}
	for (int j = 0; j < n; j++)
		idx[j] = j;
	estimate(y, n, k, idx, first, total);
	for (int i = 0; i < k; i++)
		out[i] = (struct cc_sobol_index){first[i], NAN, NAN, total[i], NAN, NAN};
	if (resamples <= 0)
		goto out;
	for (int b = 0; b < resamples; b++) {
		for (int j = 0; j < n; j++)
			idx[j] = (int)gsl_rng_uniform_int(rng, (unsigned long)n);
		estimate(y, n, k, idx, first, total);
		for (int i = 0; i < k; i++) {
			bs[(size_t)i * (size_t)resamples + (size_t)b] = first[i];
			bs[((size_t)k + (size_t)i) * (size_t)resamples + (size_t)b] = total[i];
		}
	}
	for (int i = 0; i < k; i++) {
		double *f = bs + (size_t)i * (size_t)resamples;
		double *t = bs + ((size_t)k + (size_t)i) * (size_t)resamples;
		int nf = 0, nt = 0;

		/* NaN resamples (no variance) are left out of the interval. */
		for (int b = 0; b < resamples; b++) {
			if (!isnan(f[b]))
				f[nf++] = f[b];
			if (!isnan(t[b]))
				t[nt++] = t[b];
		}
		qsort(f, (size_t)nf, sizeof(double), cmp_d);
		qsort(t, (size_t)nt, sizeof(double), cmp_d);
		out[i].first_lo = cc_percentile_nearest(f, nf, 2.5);
		out[i].first_hi = cc_percentile_nearest(f, nf, 97.5);
		out[i].total_lo = cc_percentile_nearest(t, nt, 2.5);
		out[i].total_hi = cc_percentile_nearest(t, nt, 97.5);
	}
out:
	free(idx);
	free(first);
	free(total);
	free(bs);
}
