/*
 * targets.h - whether a unit meets a framework's targets (format 1.1
 * `targets`; the rules are in docs/framework-format.md, "Targets").
 *
 * A target counts a node it names or covers by `default` when the node
 * applies to the unit (its own `when` and every ancestor's hold; `na`
 * plays no part). What the unit attained there: a rating question's
 * answer, a stage group's stage reached, any other node's value; nothing
 * (NaN) for an unanswered question or indicator and for an excluded node.
 * Met: something attained and at least the minimum.
 */
#ifndef CC_TARGETS_H
#define CC_TARGETS_H

#include <stdbool.h>

#include "answers.h"
#include "framework.h"

struct cc_target_node {
	int node;
	double required;   /* a rating, a stage number or a value */
	double attained;   /* NaN: nothing attained */
	bool met;
};

struct cc_target_result {
	int counted;       /* nodes the target counts for this unit */
	int met;           /* of which met */
	bool all_met;
	struct cc_target_node *nodes;  /* caller's buffer of fw->nnodes */
};

/* What unit attained at node i, given its values and applicability state
 * from cc_score_unit (NaN: nothing). */
double cc_target_attained(const struct cc_framework *fw,
			  const struct cc_answers *a, int unit,
			  const double *values, int i);

/* Evaluates target t for one unit. values and state are what
 * cc_score_unit left for that unit; out->nodes must hold fw->nnodes
 * entries and is filled in the file's order (depth first). */
void cc_targets_unit(const struct cc_framework *fw, const struct cc_answers *a,
		     int unit, const double *values, const unsigned char *state,
		     int t, struct cc_target_result *out);

/* The stage reached by a stage group of value v (NaN stays NaN). */
double cc_stage_reached(const struct cc_node *n, double v);

#endif
