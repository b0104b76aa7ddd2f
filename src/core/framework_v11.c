/*
 * framework_v11.c - what cc_framework_finish checks and derives for format
 * 1.1 (docs/framework-format.md, "Version 1.1"): rating questions name a
 * scale; stage groups get their stage names (their own, else the top
 * level's) of exactly S + 1 names; targets name nodes that exist, with
 * minimums in the node's range, and get a minimum per node (NaN where the
 * target counts nothing) so evaluation is a single pass (targets.c).
 */
#include "framework_internal.h"

#include <math.h>
#include <string.h>

int cc__framework_resolve_scale(struct cc_framework *fw, struct cc_node *n,
				struct cc_error *err)
{
	if (n->kind != CC_QUESTION || n->qtype != CC_Q_RATING)
		return CC_OK;
	n->scale = cc_framework_scale(fw, n->scale_id);
	if (n->scale < 0)
		return cc_error_set(err, CC_EINPUT, fw->file, n->scale_line, n->scale_col,
				    "question \"%s\" names the scale \"%s\", which the file's `scales` do not define",
				    n->id, n->scale_id);
	n->rating_scale = &fw->scales[n->scale];
	return CC_OK;
}

static int stage_names(struct cc_framework *fw, struct cc_error *err)
{
	for (int i = 0; i < fw->nnodes; i++) {
		struct cc_node *n = &fw->nodes[i];
		int want = n->max_stage + 1;

		if (n->kind != CC_GROUP || n->agg != CC_AGG_STAGE)
			continue;
		if (n->own_stage_names) {
			if (n->nstage_names != want)
				return cc_error_set(err, CC_EINPUT, fw->file,
						    n->stage_names_line, n->stage_names_col,
						    "stage group \"%s\" has stages up to %d, so `stage_names` needs %d names (stage 0 .. %d); it has %d",
						    n->id, n->max_stage, want, n->max_stage,
						    n->nstage_names);
		} else if (fw->nstage_names) {
			if (fw->nstage_names != want)
				return cc_error_set(err, CC_EINPUT, fw->file,
						    fw->stage_names_line, fw->stage_names_col,
						    "the top-level `stage_names` has %d names, but stage group \"%s\" (line %ld) has stages up to %d and needs %d; give it `stage_names` of its own",
						    fw->nstage_names, n->id, n->line,
						    n->max_stage, want);
			n->stage_names = fw->stage_names;
			n->nstage_names = fw->nstage_names;
		}
	}
	return CC_OK;
}

static bool is_rating(const struct cc_node *n)
{
	return n->kind == CC_QUESTION && n->qtype == CC_Q_RATING;
}

static bool is_stage_group(const struct cc_node *n)
{
	return n->kind == CC_GROUP && n->agg == CC_AGG_STAGE;
}

static int stage_by_name(const struct cc_node *n, const char *name)
{
	for (int k = 0; k < n->nstage_names; k++)
		if (strcmp(n->stage_names[k], name) == 0)
			return k;
	return -1;
}

/* Checks minimum m (or stage name) for node n; writes the number into *out.
 * line/col locate the minimum. */
static int check_min(struct cc_framework *fw, const struct cc_target *t,
		     const struct cc_node *n, double m, const char *stage,
		     long line, long col, const char *what, double *out,
		     struct cc_error *err)
{
	if (is_stage_group(n)) {
		if (stage) {
			int k = stage_by_name(n, stage);
			if (k < 0)
				return cc_error_set(err, CC_EINPUT, fw->file, line, col,
						    "target \"%s\": %s \"%s\" is not a stage name of \"%s\"%s",
						    t->id, what, stage, n->id,
						    n->nstage_names ? "" : " (it has no stage names)");
			*out = k;
			return CC_OK;
		}
		if (m < 0 || m > n->max_stage || m != floor(m))
			return cc_error_set(err, CC_EINPUT, fw->file, line, col,
					    "target \"%s\": %s %g for the stage group \"%s\" must be a stage number from 0 to %d or one of its stage names",
					    t->id, what, m, n->id, n->max_stage);
	} else if (stage) {
		return cc_error_set(err, CC_EINPUT, fw->file, line, col,
				    "target \"%s\": %s for \"%s\" must be a number (\"%s\" is not one); stage names apply only to stage groups",
				    t->id, what, n->id, stage);
	} else if (is_rating(n)) {
		const struct cc_scale *sc = &fw->scales[n->scale];
		int lo = sc->levels[0].value, hi = sc->levels[sc->nlevels - 1].value;
		if (m < lo || m > hi)
			return cc_error_set(err, CC_EINPUT, fw->file, line, col,
					    "target \"%s\": %s %g for the rating question \"%s\" lies outside its scale \"%s\" (%d to %d)",
					    t->id, what, m, n->id, sc->id, lo, hi);
	} else if (m < 0 || m > 1) {
		return cc_error_set(err, CC_EINPUT, fw->file, line, col,
				    "target \"%s\": %s %g for \"%s\" must be a value between 0 and 1",
				    t->id, what, m, n->id);
	}
	*out = m;
	return CC_OK;
}

static int resolve_reqs(struct cc_framework *fw, struct cc_target *t,
			struct cc_error *err)
{
	for (int r = 0; r < t->nreqs; r++) {
		struct cc_target_req *q = &t->reqs[r];
		const struct cc_node *n;
		int rc;

		q->node = cc_framework_find(fw, q->node_id);
		if (q->node < 0)
			return cc_error_set(err, CC_EINPUT, fw->file, q->line, q->col,
					    "target \"%s\" requires \"%s\", which is not a node of the framework",
					    t->id, q->node_id);
		n = &fw->nodes[q->node];
		if (q->node == 0)
			return cc_error_set(err, CC_EINPUT, fw->file, q->line, q->col,
					    "target \"%s\" cannot require the root \"%s\"; name its parts",
					    t->id, q->node_id);
		if (n->kind == CC_QUESTION && n->qtype == CC_Q_TEXT)
			return cc_error_set(err, CC_EINPUT, fw->file, q->line, q->col,
					    "target \"%s\" requires \"%s\", a text question, which is never scored",
					    t->id, q->node_id);
		if (!isnan(t->min[q->node]))
			return cc_error_set(err, CC_EINPUT, fw->file, q->line, q->col,
					    "target \"%s\" requires \"%s\" twice", t->id, q->node_id);
		rc = check_min(fw, t, n, q->min, q->stage, q->min_line, q->min_col,
			       "the minimum", &t->min[q->node], err);
		if (rc)
			return rc;
	}
	return CC_OK;
}

static int resolve_default(struct cc_framework *fw, struct cc_target *t,
			   const unsigned char *named, struct cc_error *err)
{
	for (int i = 1; i < fw->nnodes && t->has_default; i++) {
		const struct cc_node *n = &fw->nodes[i];
		int rc;

		if (named[i] || !(is_rating(n) || is_stage_group(n)))
			continue;
		rc = check_min(fw, t, n, t->def, t->def_stage, t->def_line, t->def_col,
			       "the default", &t->min[i], err);
		if (rc)
			return rc;
	}
	return CC_OK;
}

static int targets(struct cc_framework *fw, struct cc_error *err)
{
	unsigned char *named = cc_arena_alloc(&fw->arena, (size_t)fw->nnodes);

	if (!named)
		return cc_error_set(err, CC_ENOMEM, fw->file, 0, 0, "out of memory");
	for (int k = 0; k < fw->ntargets; k++) {
		struct cc_target *t = &fw->targets[k];
		int rc;

		t->min = cc_arena_array(&fw->arena, (size_t)fw->nnodes, sizeof(double));
		if (!t->min)
			return cc_error_set(err, CC_ENOMEM, fw->file, 0, 0, "out of memory");
		for (int i = 0; i < fw->nnodes; i++)
			t->min[i] = NAN;
		rc = resolve_reqs(fw, t, err);
		if (rc)
			return rc;
		for (int i = 0; i < fw->nnodes; i++)
			named[i] = !isnan(t->min[i]);
		rc = resolve_default(fw, t, named, err);
		if (rc)
			return rc;
	}
	return CC_OK;
}

int cc__framework_finish_v11(struct cc_framework *fw, struct cc_error *err)
{
	int rc = stage_names(fw, err);

	return rc ? rc : targets(fw, err);
}
