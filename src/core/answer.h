/*
 * answer.h - one answer to one question, parsed from its text.
 *
 * An answer is two words: `num` and `bits`. Their meaning by question type:
 *   yes_no  bits 0 no, 1 yes, 2 partial; num the value (0, 1, partial)
 *   choice  bits the option's index; num the option's value
 *   multi   bits a mask of chosen options; num min(1, sum of their values)
 *   number  num the number as given (scored later by thresholds/goalposts)
 *   indicator num the raw value (normalised later across units)
 *   text    bits an index into the answers' text table; num 0
 * No answer: num is NaN; bits is 1 when a row named the question with an
 * empty answer, 0 when no row did (to catch a question given twice).
 */
#ifndef CC_ANSWER_H
#define CC_ANSWER_H

#include <math.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct cc_node;

struct cc_answer {
	double num;
	uint64_t bits;
};

static inline bool cc_answer_present(const struct cc_answer *a)
{
	return !isnan(a->num);
}

/* Parses the text s[0..len) (already trimmed, not empty) as an answer to
 * question or indicator n. Text questions are not handled here (their
 * answer is stored by the caller). On failure returns false and writes why
 * into why[0..whylen). */
bool cc_answer_parse(const struct cc_node *n, const char *s, size_t len,
		     struct cc_answer *out, char *why, size_t whylen);

/* The value in [0, 1] of a present answer to a question (not indicators,
 * not text). */
double cc_answer_value(const struct cc_node *n, const struct cc_answer *a);

#endif
