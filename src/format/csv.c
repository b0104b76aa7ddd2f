/*
 * csv.c - RFC 4180 records with line numbers (see csv.h).
 */
#include "csv.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

size_t cc_utf8_invalid(const char *text, size_t len)
{
	const unsigned char *s = (const unsigned char *)text;
	size_t i = 0;

	while (i < len) {
		unsigned char c = s[i];
		size_t n;
		uint32_t cp;

		if (c < 0x80) {
			i++;
			continue;
		}
		if (c >= 0xC2 && c <= 0xDF) {
			n = 1;
			cp = c & 0x1F;
		} else if (c >= 0xE0 && c <= 0xEF) {
			n = 2;
			cp = c & 0x0F;
		} else if (c >= 0xF0 && c <= 0xF4) {
			n = 3;
			cp = c & 0x07;
		} else {
			return i;
		}
		if (len - i <= n)
			return i;
		for (size_t k = 1; k <= n; k++) {
			if ((s[i + k] & 0xC0) != 0x80)
				return i;
			cp = (cp << 6) | (s[i + k] & 0x3F);
		}
		if ((n == 2 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ||
		    (n == 3 && (cp < 0x10000 || cp > 0x10FFFF)))
			return i;
		i += n + 1;
	}
	return len;
}

static long line_of(const char *text, size_t at)
{
	long line = 1;

	for (size_t i = 0; i < at; i++)
		if (text[i] == '\n')
			line++;
	return line;
}

static int scratch_put(struct cc_csv *r, size_t at, char c)
{
	if (at >= r->scratch_cap) {
		size_t cap = r->scratch_cap ? r->scratch_cap * 2 : 256;
		char *s = realloc(r->scratch, cap);
		if (!s)
			return CC_ENOMEM;
		r->scratch = s;
		r->scratch_cap = cap;
	}
	r->scratch[at] = c;
	return CC_OK;
}

int cc_csv_open(struct cc_csv *r, const char *file, const char *text,
		size_t len, struct cc_error *err)
{
	size_t bad;

	memset(r, 0, sizeof(*r));
	r->file = file;
	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
		text += 3;
		len -= 3;
	}
	bad = cc_utf8_invalid(text, len);
	if (bad < len)
		return cc_error_set(err, CC_EINPUT, file, line_of(text, bad), 0,
				    "the file is not valid UTF-8 (byte 0x%02X)",
				    (unsigned char)text[bad]);
	r->p = text;
	r->end = text + len;
	r->line = 1;
	/* Quoted fields point into scratch, so it exists even for "". */
	return scratch_put(r, 0, '\0') ?
		cc_error_set(err, CC_ENOMEM, file, 0, 0, "out of memory") : CC_OK;
}

void cc_csv_close(struct cc_csv *r)
{
	free(r->scratch);
	r->scratch = NULL;
}

/* Reads a quoted field into scratch from used; r->p is past the opening
 * quote. Leaves r->p after the closing quote. */
static int quoted(struct cc_csv *r, size_t *used, struct cc_error *err)
{
	long start = r->line;
	size_t n = 0;

	for (;;) {
		char c;

		if (r->p == r->end)
			return cc_error_set(err, CC_EINPUT, r->file, start, 0,
					    "a quoted field is never closed");
		c = *r->p++;
		if (c == '"') {
			if (r->p < r->end && *r->p == '"') {
				r->p++;
			} else {
				break;
			}
		} else if (c == '\n') {
			r->line++;
		}
		if (n >= CC_CSV_MAX_FIELD)
			return cc_error_set(err, CC_ELIMIT, r->file, start, 0,
					    "a field is longer than %u bytes",
					    CC_CSV_MAX_FIELD);
		if (scratch_put(r, *used + n, c))
			return cc_error_set(err, CC_ENOMEM, r->file, start, 0,
					    "out of memory");
		n++;
	}
	*used += n;
	return CC_OK;
}

static int at_record_end(const struct cc_csv *r)
{
	return r->p == r->end || *r->p == '\n' ||
	       (*r->p == '\r' && r->p + 1 < r->end && r->p[1] == '\n');
}

int cc_csv_next(struct cc_csv *r, struct cc_error *err)
{
	size_t used = 0;
	size_t starts[CC_CSV_MAX_FIELDS];
	int quoted_field[CC_CSV_MAX_FIELDS];

	/* Skip empty lines. */
	while (r->p < r->end && (*r->p == '\n' ||
	       (*r->p == '\r' && r->p + 1 < r->end && r->p[1] == '\n'))) {
		r->p += *r->p == '\r' ? 2 : 1;
		r->line++;
	}
	if (r->p == r->end)
		return 0;
	r->record_line = r->line;
	r->nfields = 0;
	for (;;) {
		int f = r->nfields;

		if (f == CC_CSV_MAX_FIELDS)
			return cc_error_set(err, CC_ELIMIT, r->file, r->record_line, 0,
					    "more than %d fields in a record",
					    CC_CSV_MAX_FIELDS);
		if (r->p < r->end && *r->p == '"') {
			int rc;
			r->p++;
			starts[f] = used;
			quoted_field[f] = 1;
			rc = quoted(r, &used, err);
			if (rc)
				return rc;
			r->fields[f].len = used - starts[f];
			if (!at_record_end(r) && *r->p != ',')
				return cc_error_set(err, CC_EINPUT, r->file, r->line, 0,
						    "text after the closing quote of field %d",
						    f + 1);
		} else {
			const char *s = r->p;
			while (r->p < r->end && *r->p != ',' && *r->p != '\n') {
				if (*r->p == '"')
					return cc_error_set(err, CC_EINPUT, r->file, r->line, 0,
							    "a quote inside unquoted field %d (quote the whole field and double the quote)",
							    f + 1);
				if (*r->p == '\r' && !at_record_end(r))
					return cc_error_set(err, CC_EINPUT, r->file, r->line, 0,
							    "a carriage return inside unquoted field %d",
							    f + 1);
				if (*r->p == '\r')
					break;
				r->p++;
			}
			quoted_field[f] = 0;
			r->fields[f].s = s;
			r->fields[f].len = (size_t)(r->p - s);
		}
		r->nfields++;
		if (r->p < r->end && *r->p == ',') {
			r->p++;
			continue;
		}
		if (r->p < r->end && *r->p == '\r')
			r->p++;
		if (r->p < r->end && *r->p == '\n') {
			r->p++;
			r->line++;
		}
		break;
	}
	for (int f = 0; f < r->nfields; f++)
		if (quoted_field[f])
			r->fields[f].s = r->scratch + starts[f];
	return 1;
}

int cc_csv_find(const struct cc_csv *r, const char *name)
{
	size_t len = strlen(name);

	for (int f = 0; f < r->nfields; f++)
		if (r->fields[f].len == len && memcmp(r->fields[f].s, name, len) == 0)
			return f;
	return -1;
}
