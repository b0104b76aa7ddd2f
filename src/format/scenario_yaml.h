/*
 * scenario_yaml.h - drill scenario files (../shared/spec/scenario-format.md)
 * into struct cc_scenario. Every bad input is CC_EINPUT with
 * FILE:LINE:COL in err.
 */
#ifndef CC_SCENARIO_YAML_H
#define CC_SCENARIO_YAML_H

#include <stddef.h>

#include "../core/scenario.h"

#define CC_SCENARIO_MAX_BYTES (8u << 20)
#define CC_SCENARIO_MAX_INJECTS 10000
#define CC_SCENARIO_MAX_CHALLENGES 1000

/* Parses text (file names it in messages). Challenge files are looked up
 * under base_dir; with base_dir NULL (a YAML body sent over HTTP) a
 * challenge that names a file is an error naming it. On failure sc is
 * freed. */
int cc_scenario_parse(struct cc_scenario *sc, const char *file, const char *base_dir,
		      const char *text, size_t len, struct cc_error *err);

/* Reads and parses a file; its files are looked up beside it. */
int cc_scenario_load(struct cc_scenario *sc, const char *path, struct cc_error *err);

#endif
