/*
 * number.h - strict parsing of decimal numbers written by people.
 *
 * Accepts an optional sign, digits with an optional fraction, and an optional
 * exponent ("12", "-0.5", "1e3", ".5"); surrounding spaces are trimmed.
 * Refuses what strtod would quietly take: hex, "inf", "nan", trailing text,
 * and values that overflow.
 */
#ifndef CC_NUMBER_H
#define CC_NUMBER_H

#include <stdbool.h>
#include <stddef.h>

/* Returns true and sets *out when s[0..len) is a finite decimal number. */
bool cc_number_parse(const char *s, size_t len, double *out);

/* Like cc_number_parse, and the value must be a whole number in int range. */
bool cc_number_parse_int(const char *s, size_t len, int *out);

/* Trims ASCII spaces and tabs from both ends of s[0..*len). */
const char *cc_trim(const char *s, size_t *len);

#endif
