/*
 * fileio.h - reading a whole input file with a size limit.
 *
 * Every reader in src/format takes bytes; this is where bytes come from.
 * The limit is named by the caller so that no untrusted size reaches
 * malloc unchecked.
 */
#ifndef CC_FILEIO_H
#define CC_FILEIO_H

#include <stddef.h>

#include "../core/error.h"

/* Reads path into a new NUL-terminated buffer (*buf, owned by the caller,
 * free()), of *len bytes. "-" reads standard input. Fails with CC_EIO
 * (naming the file and the system's reason) or CC_ELIMIT past max bytes. */
int cc_read_file(const char *path, size_t max, char **buf, size_t *len,
		 struct cc_error *err);

/* Reads path (at most max bytes) and hands its text to parse, which fills
 * obj; what parse returns is returned. On a read failure obj is zeroed
 * (size bytes), so that its _free is safe and does nothing. */
typedef int (*cc_parse_fn)(void *obj, const char *file, const char *text, size_t len,
			   struct cc_error *err);
int cc_load_file(const char *path, size_t max, cc_parse_fn parse, void *obj, size_t size,
		 struct cc_error *err);

#endif
