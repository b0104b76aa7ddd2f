/*
 * responses_csv.h - reading response files (CSV: unit,question,answer).
 *
 * Columns are found by name in the header: `unit`, `question` and `answer`
 * are required; `evidence` and `comment` are kept beside each answer; other
 * columns are ignored. The whole file is checked: the first bad row stops
 * the read with FILE:LINE: and what is wrong.
 */
#ifndef CC_RESPONSES_CSV_H
#define CC_RESPONSES_CSV_H

#include <stddef.h>

#include "../core/answers.h"

#define CC_RESPONSES_MAX_BYTES (1u << 30)

/* Parses text[0..len) into a (initialised here against fw; on failure a is
 * freed). */
int cc_responses_parse(struct cc_answers *a, const struct cc_framework *fw,
		       const char *file, const char *text, size_t len,
		       struct cc_error *err);

/* Reads and parses the file at path ("-" for standard input). */
int cc_responses_load(struct cc_answers *a, const struct cc_framework *fw,
		      const char *path, struct cc_error *err);

#endif
