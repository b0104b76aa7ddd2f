/*
 * sensitivity.h - Sobol sensitivity analysis of a ranking: which uncertain
 * factor (robust.h) moves ranks most. Runs the Saltelli design (sobol.h)
 * through the robustness evaluator and estimates first-order and total
 * indices for (a) the mean absolute rank shift over all units and (b) each
 * unit's rank, with bootstrap intervals.
 */
#ifndef CC_SENSITIVITY_H
#define CC_SENSITIVITY_H

#include "robust.h"
#include "sobol.h"

struct cc_sensitivity {
	int n;                 /* base samples N: N (k + 2) evaluations */
	unsigned long seed;
	int threads;
	int resamples;         /* bootstrap resamples (0: none) */
	void (*progress)(int done, int total, void *arg);
	void *arg;
	volatile int *cancel;
};

/* shift receives k indices; units (may be NULL) nunits * k, unit-major. */
int cc_robust_sensitivity(const struct cc_robust *r,
			  const struct cc_sensitivity *o,
			  struct cc_sobol_index *shift,
			  struct cc_sobol_index *units, struct cc_error *err);

#endif
