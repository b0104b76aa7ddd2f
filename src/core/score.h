/*
 * score.h - from answers to values, points, ranks and levels.
 *
 * The rules are those of docs/framework-format.md: every node of every unit
 * gets a value in [0, 1] or is excluded (NaN here); points are value x max;
 * ranks are given per node on points rounded to the framework's precision;
 * the root's rounded points give the unit's level.
 *
 * cc_score_unit is the inner loop: it scores one unit and touches nothing
 * shared, so units can be scored in parallel. cc_scores_compute runs it for
 * every unit and then ranks. A cc_model lets the robustness analysis vary
 * weights, aggregations and the missing rule without copying the framework.
 */
#ifndef CC_SCORE_H
#define CC_SCORE_H

#include <stdint.h>

#include "answers.h"
#include "framework.h"

#define CC_RANK_NONE 0

/* Per-indicator figures over all units that have a value, for
 * normalisation: minmax uses lo and hi; zscore mean and sd; rank the
 * sorted values (only filled by cc_score_ranges_full). */
struct cc_range {
	double lo, hi;
	int count;
	double mean, sd;
	const double *sorted;
};

/* Choices that analyses may vary; NULL members mean "as the file says". */
struct cc_model {
	const double *weight;        /* per node */
	const unsigned char *agg;    /* per node, enum cc_agg */
	const unsigned char *norm;   /* per node, enum cc_norm (indicators) */
	int missing;                 /* enum cc_missing, or -1 for the file's */
};

struct cc_scores {
	const struct cc_framework *fw;
	int nunits;
	int nnodes;
	double *value;     /* [unit * nnodes + node]; NaN when excluded */
	int32_t *rank;     /* [unit * nnodes + node]; CC_RANK_NONE when excluded */
	int *level;        /* [unit]: index into fw->levels, or -1 */
};

/* Ranges of every indicator over the units of a (ranges has fw->nleaves
 * entries; only indicators are filled). */
void cc_score_ranges(const struct cc_framework *fw, const struct cc_answers *a,
		     struct cc_range *ranges);

/* Applicability of each node for a unit: a node inherits its parent's
 * state, else its own `when` decides (see docs/framework-format.md). */
enum { CC_APPLIES = 0, CC_NA_ZERO_STATE = 1, CC_NA_EXCLUDE_STATE = 2 };
void cc_score_applicability(const struct cc_framework *fw,
			    const struct cc_answers *a, int unit,
			    unsigned char *state);

/* The same plus mean, sd and sorted values; *sorted_out (malloc'd, the
 * caller frees) holds the sorted values the ranges point into. */
int cc_score_ranges_full(const struct cc_framework *fw,
			 const struct cc_answers *a, struct cc_range *ranges,
			 double **sorted_out);

/* Scores one unit into values[0..fw->nnodes). state is scratch of
 * fw->nnodes bytes. model may be NULL. */
void cc_score_unit(const struct cc_framework *fw, const struct cc_answers *a,
		   const struct cc_range *ranges, const struct cc_model *model,
		   int unit, double *values, unsigned char *state);

/* The value of group n from its children's values (NaN: excluded) under
 * aggregation agg; weight (NULL: the file's) is per node. logs, when not
 * NULL, holds log(value) of children known in advance (NaN: compute it),
 * which spares the robustness analysis a log per leaf and run. */
double cc_group_value(const struct cc_framework *fw, const struct cc_node *n,
		      enum cc_agg agg, const double *values, const double *weight,
		      const double *logs);

/* Scores every unit, ranks every node and finds levels. */
int cc_scores_compute(struct cc_scores *s, const struct cc_framework *fw,
		      const struct cc_answers *a, struct cc_error *err);
void cc_scores_free(struct cc_scores *s);

/* The `level` of a node for a unit, as `cybercap score` writes it: the
 * root's level id; for a stage group with stage names (format 1.1) the
 * name of the stage reached; NULL otherwise or when excluded. */
const char *cc_scores_level(const struct cc_scores *s, int unit, int node);

/* Points of a node for a unit (NaN when excluded). */
double cc_scores_points(const struct cc_scores *s, int unit, int node);

/* Points rounded to the framework's precision, as an integer count of
 * 10^-precision steps (what ranks and levels compare). */
long long cc_round_points(const struct cc_framework *fw, double points);

/* 10^precision as a double. */
double cc_precision_scale(const struct cc_framework *fw);

#endif
