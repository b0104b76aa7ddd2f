/*
 * framework_yaml.h - reading framework files (YAML, libyaml).
 *
 * The format is the contract in docs/framework-format.md. The reader is
 * strict: an unknown key, a value of the wrong kind, a missing required key
 * or a broken cross-reference fails with the file, line and column of the
 * offending node. Aliases are refused (a framework has no use for them and
 * they would let a small file expand without bound).
 */
#ifndef CC_FRAMEWORK_YAML_H
#define CC_FRAMEWORK_YAML_H

#include <stddef.h>

#include "../core/framework.h"

#define CC_FRAMEWORK_MAX_BYTES (16u << 20)

/* Parses text[0..len) into fw (initialised here; on failure fw is freed
 * and err says why). file names the source in messages. */
int cc_framework_parse(struct cc_framework *fw, const char *file,
		       const char *text, size_t len, struct cc_error *err);

/* Reads and parses the file at path. */
int cc_framework_load(struct cc_framework *fw, const char *path,
		      struct cc_error *err);

#endif
