/*
 * csv.h - an RFC 4180 CSV reader over a buffer in memory.
 *
 * Fields may be quoted ("a, b", "say ""hi"""), quoted fields may span lines,
 * records end with LF or CRLF, a UTF-8 byte order mark at the start is
 * skipped and the text must be valid UTF-8. Entirely empty lines are
 * skipped. Each record carries the line it starts on, so that every error
 * names FILE:LINE.
 *
 * Field pointers stay valid until the next call (unquoted fields point into
 * the input; quoted ones into the reader's scratch buffer).
 */
#ifndef CC_CSV_H
#define CC_CSV_H

#include <stddef.h>

#include "../core/error.h"

#define CC_CSV_MAX_FIELDS 256
#define CC_CSV_MAX_FIELD (1u << 20)

struct cc_csv_field {
	const char *s;
	size_t len;
};

struct cc_csv {
	const char *file;
	const char *p, *end;
	long line;
	char *scratch;
	size_t scratch_cap;
	struct cc_csv_field fields[CC_CSV_MAX_FIELDS];
	int nfields;
	long record_line;
};

/* Prepares a reader over text[0..len); fails (CC_EINPUT, with the line)
 * when the text is not valid UTF-8. */
int cc_csv_open(struct cc_csv *r, const char *file, const char *text,
		size_t len, struct cc_error *err);
void cc_csv_close(struct cc_csv *r);

/* Reads the next record into r->fields / r->nfields / r->record_line.
 * Returns 1 for a record, 0 at the end, or a negative status. */
int cc_csv_next(struct cc_csv *r, struct cc_error *err);

/* Index of the field equal to name in the current record, or -1. */
int cc_csv_find(const struct cc_csv *r, const char *name);

/* Where the first invalid UTF-8 byte is in s[0..len), or len when none. */
size_t cc_utf8_invalid(const char *s, size_t len);

#endif
