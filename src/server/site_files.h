/*
 * site_files.h - writing a static site (site_export.h): files under an
 * output directory, each text file with a gzip copy (zlib, level 9) and a
 * brotli copy (libbrotlienc, quality 11) beside it (NAME.gz, NAME.br) for
 * hosts that serve precompressed files; response bodies under
 * content-addressed names (data/HASH.json: a new export never reuses a
 * name for other bytes, so a host may cache them for ever).
 */
#ifndef CC_SITE_FILES_H
#define CC_SITE_FILES_H

#include "../core/error.h"

#include <stddef.h>

struct cc_site_out {
	const char *dir;             /* the output directory */
	int files;                   /* written, compressed copies apart */
	size_t bytes;                /* their size, uncompressed */
};

/* Writes data to dir/rel (making the directories), with its compressed
 * copies when compress is set. */
int cc_site_write(struct cc_site_out *o, const char *rel, const char *data,
		  size_t len, int compress, struct cc_error *err);

/* Writes data to dir/PREFIX.HASH.EXT (HASH: 16 hex digits of its
 * SHA-256) with compressed copies, and puts "PREFIX.HASH.EXT" in name. */
int cc_site_write_hashed(struct cc_site_out *o, const char *prefix, const char *ext,
			 const char *data, size_t len, char *name, size_t size,
			 struct cc_error *err);

/* Copies every file under src into dir/rel (the same tree), with
 * compressed copies of the text files. */
int cc_site_copy_tree(struct cc_site_out *o, const char *src, const char *rel,
		      struct cc_error *err);

/* Whether a file of that name is text worth compressing. */
int cc_site_compressible(const char *name);

#endif
