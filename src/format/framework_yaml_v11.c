/*
 * framework_yaml_v11.c - the top-level keys of framework format 1.1:
 * `scales`, `targets` and `translations` (docs/framework-format.md,
 * "Version 1.1"). Scales and targets are read before the tree, and their
 * references to nodes are checked by cc_framework_finish; translations are
 * read after it, since they name nodes, options, scales, levels and
 * targets that must exist.
 */
#include "framework_yaml_internal.h"

#include "../core/framework_i18n.h"
#include "../core/number.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const unsigned long long keys_scale = B(K_ID) | B(K_NAME) | B(K_LEVELS);
static const unsigned long long keys_scale_level =
	B(K_VALUE) | B(K_NAME) | B(K_DESCRIPTION);
static const unsigned long long keys_target =
	B(K_ID) | B(K_NAME) | B(K_DEFAULT) | B(K_REQUIRE);

static long line_of(const yaml_node_t *v) { return (long)v->start_mark.line + 1; }
static long col_of(const yaml_node_t *v) { return (long)v->start_mark.column + 1; }

static int get_lower_id(struct ctx *c, const yaml_node_t *v, const char *what,
			const char **out)
{
	int rc = fy_get_text(c, v, "id", out);

	if (!rc && !fy_valid_lower_id(*out))
		return fy_fail(c, v, "the id of %s must be made of a-z, 0-9, '.', '_' or '-' (got \"%.60s\")",
			       what, *out);
	return rc;
}

static int read_scale_levels(struct ctx *c, struct cc_scale *sc, const yaml_node_t *v)
{
	int rc = fy_get_seq(c, v, "levels", 2), count;

	if (rc)
		return rc;
	count = SEQ_LEN(v);
	sc->levels = cc_arena_array(&c->fw->arena, (size_t)count, sizeof(*sc->levels));
	if (!sc->levels)
		return fy_oom(c);
	for (int i = 0; i < count; i++) {
		yaml_node_t *item = fy_node_get(c, SEQ_AT(v, i), v);
		struct cc_scale_level *l = &sc->levels[i];
		struct keyset ks;
		double value;

		if (!item)
			return CC_EINPUT;
		if ((rc = fy_keys_read(c, item, keys_scale_level, "a scale level", &ks)) ||
		    (rc = fy_need(c, &ks, K_VALUE, "a scale level")) ||
		    (rc = fy_get_number(c, ks.val[K_VALUE], "value", &value)))
			return rc;
		if (value != floor(value) || fabs(value) > 1e6)
			return fy_fail(c, ks.val[K_VALUE], "a scale level's \"value\" must be a whole number (got %g)", value);
		l->value = (int)value;
		if (i > 0 && l->value <= sc->levels[i - 1].value)
			return fy_fail(c, ks.val[K_VALUE], "the levels of scale \"%s\" must have strictly ascending values (%d follows %d)",
				       sc->id, l->value, sc->levels[i - 1].value);
		if (ks.val[K_NAME]) {
			if ((rc = fy_get_text(c, ks.val[K_NAME], "name", &l->name)))
				return rc;
		} else {
			char buf[16];
			snprintf(buf, sizeof(buf), "%d", l->value);
			if (!(l->name = cc_arena_strdup(&c->fw->arena, buf)))
				return fy_oom(c);
		}
		if (ks.val[K_DESCRIPTION] &&
		    (rc = fy_get_text(c, ks.val[K_DESCRIPTION], "description", &l->description)))
			return rc;
		sc->nlevels = i + 1;
	}
	return CC_OK;
}

int fy_read_scales(struct ctx *c, const yaml_node_t *v)
{
	struct cc_framework *fw = c->fw;
	int rc = fy_get_seq(c, v, "scales", 1), count;

	if (rc)
		return rc;
	count = SEQ_LEN(v);
	fw->scales = cc_arena_array(&fw->arena, (size_t)count, sizeof(*fw->scales));
	if (!fw->scales)
		return fy_oom(c);
	for (int i = 0; i < count; i++) {
		yaml_node_t *item = fy_node_get(c, SEQ_AT(v, i), v);
		struct cc_scale *sc = &fw->scales[i];
		struct keyset ks;

		if (!item)
			return CC_EINPUT;
		if ((rc = fy_keys_read(c, item, keys_scale, "a scale", &ks)) ||
		    (rc = fy_need(c, &ks, K_ID, "a scale")) ||
		    (rc = fy_need(c, &ks, K_LEVELS, "a scale")) ||
		    (rc = get_lower_id(c, ks.val[K_ID], "a scale", &sc->id)))
			return rc;
		sc->line = line_of(item);
		sc->col = col_of(item);
		if (cc_framework_scale(fw, sc->id) >= 0)
			return fy_fail(c, ks.val[K_ID], "scale id \"%s\" is used twice", sc->id);
		sc->name = sc->id;
		if ((ks.val[K_NAME] && (rc = fy_get_text(c, ks.val[K_NAME], "name", &sc->name))) ||
		    (rc = read_scale_levels(c, sc, ks.val[K_LEVELS])))
			return rc;
		fw->nscales = i + 1;
	}
	return CC_OK;
}

/* A minimum: a number, or (for stage groups) a stage name. */
static int read_minimum(struct ctx *c, const yaml_node_t *v, const char *key,
			double *num, const char **stage)
{
	*stage = NULL;
	if (v->type != YAML_SCALAR_NODE)
		return fy_fail(c, v, "\"%s\" must be a number or a stage name", key);
	if (cc_number_parse((const char *)v->data.scalar.value, v->data.scalar.length, num))
		return CC_OK;
	*num = NAN;
	return fy_get_text(c, v, key, stage);
}

static int read_require(struct ctx *c, struct cc_target *t, const yaml_node_t *v)
{
	const yaml_node_pair_t *p;
	int count, i = 0, rc;

	if (v->type != YAML_MAPPING_NODE)
		return fy_fail(c, v, "\"require\" must map node ids to minimums");
	count = (int)(v->data.mapping.pairs.top - v->data.mapping.pairs.start);
	t->reqs = cc_arena_array(&c->fw->arena, (size_t)(count ? count : 1), sizeof(*t->reqs));
	if (!t->reqs)
		return fy_oom(c);
	for (p = v->data.mapping.pairs.start; p < v->data.mapping.pairs.top; p++, i++) {
		yaml_node_t *k = fy_node_get(c, p->key, v), *m;
		struct cc_target_req *q = &t->reqs[i];

		if (!k || !(m = fy_node_get(c, p->value, k)))
			return CC_EINPUT;
		if ((rc = fy_get_text(c, k, "require", &q->node_id)) ||
		    (rc = read_minimum(c, m, q->node_id, &q->min, &q->stage)))
			return rc;
		q->line = line_of(k);
		q->col = col_of(k);
		q->min_line = line_of(m);
		q->min_col = col_of(m);
		t->nreqs = i + 1;
	}
	return CC_OK;
}

int fy_read_targets(struct ctx *c, const yaml_node_t *v)
{
	struct cc_framework *fw = c->fw;
	int rc = fy_get_seq(c, v, "targets", 1), count;

	if (rc)
		return rc;
	count = SEQ_LEN(v);
	fw->targets = cc_arena_array(&fw->arena, (size_t)count, sizeof(*fw->targets));
	if (!fw->targets)
		return fy_oom(c);
	for (int i = 0; i < count; i++) {
		yaml_node_t *item = fy_node_get(c, SEQ_AT(v, i), v);
		struct cc_target *t = &fw->targets[i];
		struct keyset ks;

		if (!item)
			return CC_EINPUT;
		if ((rc = fy_keys_read(c, item, keys_target, "a target", &ks)) ||
		    (rc = fy_need(c, &ks, K_ID, "a target")) ||
		    (rc = get_lower_id(c, ks.val[K_ID], "a target", &t->id)))
			return rc;
		t->line = line_of(item);
		t->col = col_of(item);
		if (cc_framework_target(fw, t->id) >= 0)
			return fy_fail(c, ks.val[K_ID], "target id \"%s\" is used twice", t->id);
		if (!ks.val[K_DEFAULT] && !ks.val[K_REQUIRE])
			return fy_fail(c, item, "target \"%s\" needs \"default\", \"require\" or both", t->id);
		t->name = t->id;
		if (ks.val[K_NAME] && (rc = fy_get_text(c, ks.val[K_NAME], "name", &t->name)))
			return rc;
		if (ks.val[K_DEFAULT]) {
			if ((rc = read_minimum(c, ks.val[K_DEFAULT], "default", &t->def, &t->def_stage)))
				return rc;
			t->has_default = true;
			t->def_line = line_of(ks.val[K_DEFAULT]);
			t->def_col = col_of(ks.val[K_DEFAULT]);
		}
		if (ks.val[K_REQUIRE] && (rc = read_require(c, t, ks.val[K_REQUIRE])))
			return rc;
		fw->ntargets = i + 1;
	}
	return CC_OK;
}
