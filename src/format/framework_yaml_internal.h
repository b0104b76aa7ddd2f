/*
 * framework_yaml_internal.h - what the two halves of the framework reader
 * share: framework_yaml.c (version 1: the tree, levels) and
 * framework_yaml_v11.c (version 1.1: scales, stage names, targets,
 * translations). Not for use outside src/format.
 *
 * The walk itself (keys, scalars, errors) is yaml_walk.h; this header adds
 * the framework file's key table.
 */
#ifndef CC_FRAMEWORK_YAML_INTERNAL_H
#define CC_FRAMEWORK_YAML_INTERNAL_H

#include "yaml_walk.h"

#include "../core/framework.h"

enum key {
	K_CYBERCAP, K_ID, K_TITLE, K_VERSION, K_SCALE, K_PRECISION, K_RANKING,
	K_MISSING, K_LEVELS, K_NODES,
	K_NAME, K_WEIGHT, K_AGGREGATE, K_CHILDREN, K_QUESTION, K_TYPE,
	K_PARTIAL, K_OPTIONS, K_THRESHOLDS, K_GOALPOSTS, K_INDICATOR,
	K_NORMALISE, K_DIRECTION, K_WHEN, K_NA, K_STAGE, K_EVIDENCE, K_GUIDANCE,
	K_LABEL, K_VALUE, K_MIN, K_Q, K_IS,
	/* format 1.1 */
	K_SCALES, K_STAGE_NAMES, K_TARGETS, K_TRANSLATIONS, K_DESCRIPTION,
	K_DEFAULT, K_REQUIRE,
	K_COUNT
};

extern const char *const fy_key_names[K_COUNT];


/* Version 1.1 top-level keys (framework_yaml_v11.c). */
int fy_read_scales(struct ctx *c, const yaml_node_t *v);
int fy_read_targets(struct ctx *c, const yaml_node_t *v);
/* Translations are read after the tree is finished (they name nodes). */
int fy_read_translations(struct ctx *c, const yaml_node_t *v);

#endif
