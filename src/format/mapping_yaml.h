/*
 * mapping_yaml.h - mapping (crosswalk) files
 * (../shared/spec/mapping-format.md) into struct cc_mapping; every bad
 * input is CC_EINPUT with FILE:LINE:COL. Nodes are checked against the
 * frameworks afterwards (cc_mapping_bind).
 */
#ifndef CC_MAPPING_YAML_H
#define CC_MAPPING_YAML_H

#include <stddef.h>

#include "../core/mapping.h"

#define CC_MAPPING_MAX_BYTES (8u << 20)
#define CC_MAPPING_MAX_PAIRS 200000

int cc_mapping_parse(struct cc_mapping *m, const char *file, const char *text, size_t len,
		     struct cc_error *err);
int cc_mapping_load(struct cc_mapping *m, const char *path, struct cc_error *err);

#endif
