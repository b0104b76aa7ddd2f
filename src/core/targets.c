/*
 * targets.c - evaluating targets for one unit (see targets.h). The
 * minimum per node comes from cc_framework_finish (framework_v11.c); here
 * it is only compared with what the unit attained.
 */
#include "targets.h"

#include "score.h"

#include <math.h>

/* Values are shares computed in floating point (a mean of thirds, say);
 * a minimum met up to rounding is met. */
#define CC_TARGET_EPS 1e-9

double cc_stage_reached(const struct cc_node *n, double v)
{
	return isnan(v) ? NAN : (double)lround(v * n->max_stage);
}

double cc_target_attained(const struct cc_framework *fw,
			  const struct cc_answers *a, int unit,
			  const double *values, int i)
{
	const struct cc_node *n = &fw->nodes[i];

	if (n->kind != CC_GROUP) {
		const struct cc_answer *c = cc_answers_cell(a, unit, n->leaf);
		if (!cc_answer_present(c) || isnan(values[i]))
			return NAN;
		return n->kind == CC_QUESTION && n->qtype == CC_Q_RATING ?
			c->num : values[i];
	}
	if (n->agg == CC_AGG_STAGE)
		return cc_stage_reached(n, values[i]);
	return values[i];
}

void cc_targets_unit(const struct cc_framework *fw, const struct cc_answers *a,
		     int unit, const double *values, const unsigned char *state,
		     int t, struct cc_target_result *out)
{
	const struct cc_target *tg = &fw->targets[t];

	out->counted = out->met = 0;
	for (int i = 1; i < fw->nnodes; i++) {
		struct cc_target_node *r;

		if (isnan(tg->min[i]) || state[i] != CC_APPLIES)
			continue;
		r = &out->nodes[out->counted++];
		r->node = i;
		r->required = tg->min[i];
		r->attained = cc_target_attained(fw, a, unit, values, i);
		r->met = !isnan(r->attained) &&
			 r->attained >= r->required - CC_TARGET_EPS;
		out->met += r->met;
	}
	out->all_met = out->met == out->counted;
}
