/*
 * robust.h - how far a ranking can be trusted: the index recomputed under
 * uncertain choices (weights, aggregation, normalisation, missing data,
 * which indicators count), as in the OECD/JRC Handbook on Constructing
 * Composite Indicators.
 *
 * An analysis has factors; each factor draws from a few uniforms in
 * [0, 1) (its dimensions) and turns them into a change of the model
 * (struct cc_model). cc_robust_eval scores every unit under one point of
 * the factor space and ranks the root, so the uncertainty analysis (random
 * points) and the Sobol sensitivity analysis (sobol.h) share one
 * evaluator. Evaluation touches only its workspace: runs are spread over
 * threads, and results do not depend on how.
 */
#ifndef CC_ROBUST_H
#define CC_ROBUST_H

#include <gsl/gsl_rng.h>
#include <stdint.h>

#include "answers.h"
#include "framework.h"
#include "rank.h"
#include "score.h"

#define CC_FACTOR_MAX_CHOICES 8
#define CC_ROBUST_MAX_FACTORS 32

enum cc_factor_kind {
	CC_FACTOR_WEIGHTS,     /* weights:P or weights:NODE:P */
	CC_FACTOR_AGGREGATE,   /* aggregate:NODE:a,b or aggregate:*:a,b */
	CC_FACTOR_NORMALISE,   /* normalise:minmax,zscore,rank */
	CC_FACTOR_MISSING,     /* missing:zero,exclude */
	CC_FACTOR_DROP         /* drop:NODE */
};

struct cc_factor {
	enum cc_factor_kind kind;
	char spec[160];        /* as given, to name the factor in output */
	int node;              /* NODE, or -1 for every node */
	double pct;            /* weights: +-pct % */
	unsigned char choices[CC_FACTOR_MAX_CHOICES];
	int nchoices;
	int dims;              /* uniforms this factor draws */
	int first_dim;         /* where they start in a point */
};

/* Parses one --vary SPEC against fw; on failure writes why. */
int cc_factor_parse(const struct cc_framework *fw, const char *spec,
		    struct cc_factor *f, char *why, size_t whylen);

struct cc_robust {
	const struct cc_framework *fw;
	const struct cc_answers *a;
	struct cc_factor factors[CC_ROBUST_MAX_FACTORS];
	int nfactors;
	int dims;                  /* total uniforms per point */
	struct cc_range *ranges;   /* with mean, sd and sorted values */
	double *sorted;
	int32_t *nominal;          /* root rank of each unit as published */
	/* What does not change between runs, computed once: each node's
	 * applicability per unit, and leaf values (and their logs) for each
	 * normalisation variant (0: the file's, 1-3: minmax, zscore, rank
	 * for every indicator) and missing rule (zero, exclude). */
	unsigned char *state;      /* [unit][node] */
	double *base, *baselog;    /* [variant][missing][unit][node] */
	int *groups;               /* group nodes, children before parents */
	int ngroups;
};

/* Workspace of one thread. */
struct cc_robust_ws {
	double *weight;
	unsigned char *agg, *norm, *state;
	double *values;
	struct cc_rank_item *items;
};

/* Prepares an analysis of the given factors (copied) and computes the
 * nominal ranks. */
int cc_robust_init(struct cc_robust *r, const struct cc_framework *fw,
		   const struct cc_answers *a, const struct cc_factor *factors,
		   int nfactors, struct cc_error *err);
void cc_robust_free(struct cc_robust *r);

int cc_robust_ws_init(const struct cc_robust *r, struct cc_robust_ws *ws);
void cc_robust_ws_free(struct cc_robust_ws *ws);

/* Ranks of the root for every unit (0 when excluded) at point u[0..dims). */
void cc_robust_eval(const struct cc_robust *r, const double *u,
		    struct cc_robust_ws *ws, int32_t *ranks);

/* The uncertainty analysis: runs random points; point k is drawn from its
 * own stream seeded by (seed, k). ranks receives runs x nunits. progress
 * (may be NULL) is called now and then with the runs done. */
struct cc_uncertainty {
	int runs;
	unsigned long seed;
	int threads;
	void (*progress)(int done, int total, void *arg);
	void *arg;
	volatile int *cancel;      /* set to nonzero to stop early */
	const double *points;      /* when set, run k evaluates points[k * dims]
				      instead of a drawn point (Sobol design) */
};

int cc_robust_uncertainty(const struct cc_robust *r,
			  const struct cc_uncertainty *o, int32_t *ranks,
			  struct cc_error *err);

/* Per-unit summary of runs x nunits ranks: mean, median, p5, p95 (nearest
 * rank), mean |rank - nominal|. */
struct cc_rank_summary {
	double mean, median, p5, p95, mean_abs_shift;
};
void cc_robust_summarise(const struct cc_robust *r, const int32_t *ranks,
			 int runs, struct cc_rank_summary *out);

/* Nearest-rank percentile (0 < p <= 100) of sorted v[0..n). */
double cc_percentile_nearest(const double *sorted, int n, double p);

/* Fills u[0..dims) for point k of a seeded stream (shared by analyses):
 * rng is reseeded from (seed, stream, k), so a point does not depend on
 * which thread draws it. */
void cc_robust_point(gsl_rng *rng, unsigned long seed, unsigned long stream,
		     long k, int dims, double *u);

#endif
