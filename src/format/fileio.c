/*
 * fileio.c - whole-file reads with a limit (see fileio.h).
 */
#include "fileio.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int cc_read_file(const char *path, size_t max, char **buf, size_t *len,
		 struct cc_error *err)
{
	FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	size_t cap = 65536, n = 0;
	char *b = NULL;
	int rc = CC_OK;

	*buf = NULL;
	*len = 0;
	if (!f)
		return cc_error_set(err, CC_EINPUT, path, 0, 0, "cannot open: %s",
				    strerror(errno));
	b = malloc(cap + 1);
	if (!b) {
		rc = cc_error_set(err, CC_ENOMEM, path, 0, 0, "out of memory");
		goto cleanup;
	}
	for (;;) {
		size_t got;

		if (n == cap) {
			char *nb;
			if (cap >= max) {
				rc = cc_error_set(err, CC_ELIMIT, path, 0, 0,
						  "file larger than %zu bytes", max);
				goto cleanup;
			}
			cap = cap * 2 > max ? max : cap * 2;
			nb = realloc(b, cap + 1);
			if (!nb) {
				rc = cc_error_set(err, CC_ENOMEM, path, 0, 0,
						  "out of memory");
				goto cleanup;
			}
			b = nb;
		}
		got = fread(b + n, 1, cap - n, f);
		n += got;
		if (got == 0) {
			if (ferror(f)) {
				rc = cc_error_set(err, CC_EIO, path, 0, 0,
						  "cannot read: %s", strerror(errno));
				goto cleanup;
			}
			break;
		}
	}
	b[n] = '\0';
	*buf = b;
	*len = n;
	b = NULL;
cleanup:
	free(b);
	if (f != stdin)
		fclose(f);
	return rc;
}

int cc_load_file(const char *path, size_t max, cc_parse_fn parse, void *obj, size_t size,
		 struct cc_error *err)
{
	char *text;
	size_t len;
	int rc = cc_read_file(path, max, &text, &len, err);

	if (rc) {
		memset(obj, 0, size);
		return rc;
	}
	rc = parse(obj, path, text, len, err);
	free(text);
	return rc;
}
