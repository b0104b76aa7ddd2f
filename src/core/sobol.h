/*
 * sobol.h - variance-based sensitivity analysis: first-order and
 * total-effect Sobol indices of groups of input dimensions ("factors"),
 * with Saltelli's sampling design and the Saltelli (2010) and Jansen
 * (1999) estimators, and bootstrap confidence intervals.
 *
 * The design is generic: a model maps a point of [0,1)^dims to one or more
 * outputs. For N base samples it evaluates matrices A and B and, for each
 * factor i, AB_i (A with factor i's dimensions taken from B): N (k + 2)
 * evaluations. Estimators:
 *   V    = variance of all f(A) and f(B)
 *   S_i  = mean(f(B) (f(AB_i) - f(A))) / V
 *   ST_i = mean((f(A) - f(AB_i))^2) / (2 V)
 * Rows of A and B come from seeded streams, one per row, so results do not
 * depend on threads.
 */
#ifndef CC_SOBOL_H
#define CC_SOBOL_H

#include <gsl/gsl_rng.h>

#include "error.h"

struct cc_sobol_index {
	double first, first_lo, first_hi;
	double total, total_lo, total_hi;
};

/* One factor: dimensions [first, first + dims) of a point. */
struct cc_sobol_factor {
	int first, dims;
};

/* Builds the N (k + 2) points of the design, row-major, in the order
 * A (N rows), B (N rows), AB_0 (N rows), ..., AB_{k-1}. */
int cc_sobol_design(int n, int dims, const struct cc_sobol_factor *factors,
		    int k, unsigned long seed, double **points,
		    struct cc_error *err);

/* Indices from outputs y laid out as the design (N (k + 2) values),
 * bootstrapped with R resamples (0: no intervals; lo/hi are NaN) of the N
 * rows drawn with rng, 95 % percentile intervals. V == 0 gives NaN. */
void cc_sobol_indices(const double *y, int n, int k, int resamples,
		      gsl_rng *rng, struct cc_sobol_index *out);

#endif
