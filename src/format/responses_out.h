/*
 * responses_out.h - writing answers back as a responses file
 * (unit,question,answer), the inverse of responses_csv.h: what it writes
 * reads back to the same answers.
 */
#ifndef CC_RESPONSES_OUT_H
#define CC_RESPONSES_OUT_H

#include <stdio.h>

#include "../core/answers.h"

/* The text of a present answer, as a responses file writes it. */
void cc_answer_format(const struct cc_answers *a, int leaf,
		      const struct cc_answer *ans, char *buf, size_t size);

int cc_responses_write_csv(FILE *out, const struct cc_answers *a);

#endif
