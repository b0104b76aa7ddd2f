/*
 * matrix_yaml.h - risk matrix files (../shared/spec/risk-matrix-format.md)
 * into struct cc_matrix; every bad input is CC_EINPUT with FILE:LINE:COL.
 */
#ifndef CC_MATRIX_YAML_H
#define CC_MATRIX_YAML_H

#include <stddef.h>

#include "../core/matrix.h"

#define CC_MATRIX_MAX_BYTES (1u << 20)
#define CC_MATRIX_MAX_ITEMS 100

/* On failure m is freed. */
int cc_matrix_parse(struct cc_matrix *m, const char *file, const char *text, size_t len,
		    struct cc_error *err);
int cc_matrix_load(struct cc_matrix *m, const char *path, struct cc_error *err);

#endif
