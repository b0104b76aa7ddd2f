/*
 * date.h - calendar dates as plans use them: ISO 8601 "YYYY-MM-DD" (real
 * dates of the proleptic Gregorian calendar, years 1900 to 2999), counted
 * as days since 1970-01-01 so that they compare and subtract as integers,
 * and reporting periods ("2026-Q3", "2026-H2", "2026") as a first and a
 * last day.
 *
 * Pure: no clock. Callers pass "today" in.
 */
#ifndef CC_DATE_H
#define CC_DATE_H

#include <stdbool.h>
#include <stddef.h>

#define CC_DATE_MIN_YEAR 1900
#define CC_DATE_MAX_YEAR 2999

/* Parses exactly "YYYY-MM-DD" (s[0..len), nothing around it) into days
 * since 1970-01-01. False for any other text and for dates that do not
 * exist (2026-02-30) or lie outside the years above. */
bool cc_date_parse(const char *s, size_t len, int *days);

/* The same for a NUL-terminated string (NULL: false). */
bool cc_date_valid(const char *s, int *days);

/* Days since 1970-01-01 as "YYYY-MM-DD" into out[11]. */
void cc_date_format(int days, char out[11]);

/* Year, month (1-12) and day (1-31) of a day count. */
void cc_date_civil(int days, int *year, int *month, int *day);

/* Days since 1970-01-01 of a civil date (no check). */
int cc_date_days(int year, int month, int day);

/* A reporting period: "YYYY-Qn" (n 1-4), "YYYY-Hn" (n 1-2) or "YYYY",
 * into its first and last day (inclusive). False for anything else. */
bool cc_period_parse(const char *s, int *first, int *last);

/* The quarter holding day, as "YYYY-Qn" into out[8], with its days. */
void cc_period_quarter(int day, char out[8], int *first, int *last);

#endif
