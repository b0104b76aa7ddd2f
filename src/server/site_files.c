/*
 * site_files.c - the files of a static site (see site_files.h).
 */
#include "site_files.h"

#include "../format/fileio.h"

#include <brotli/encode.h>
#include <dirent.h>
#include <errno.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <zlib.h>

/* brotli 9: within a few per cent of 11 on JSON, many times faster */
#define BROTLI_QUALITY 9

/* Makes every directory on the way to path (its last part is a file). */
static int make_parents(const char *path, struct cc_error *err)
{
	char buf[4096];

	if (snprintf(buf, sizeof(buf), "%s", path) >= (int)sizeof(buf))
		return cc_error_set(err, CC_EINPUT, path, 0, 0, "path too long");
	for (char *p = buf + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(buf, 0755) != 0 && errno != EEXIST)
			return cc_error_set(err, CC_EIO, buf, 0, 0, "cannot create the directory: %s",
					    strerror(errno));
		*p = '/';
	}
	return CC_OK;
}

static int put_file(const char *path, const char *data, size_t len, struct cc_error *err)
{
	FILE *f;
	int bad, rc = make_parents(path, err);

	if (rc)
		return rc;
	f = fopen(path, "wb");
	if (!f)
		return cc_error_set(err, CC_EIO, path, 0, 0, "cannot write: %s", strerror(errno));
	bad = len && fwrite(data, 1, len, f) != len;
	if (fclose(f) != 0 || bad)
		return cc_error_set(err, CC_EIO, path, 0, 0, "cannot write: %s", strerror(errno));
	return CC_OK;
}

/* gzip at level 9 (what a host sends as it is: worth the time once). */
static char *gzip9(const char *in, size_t len, size_t *out_len)
{
	z_stream zs = {0};
	uLong cap = compressBound((uLong)len) + 64;
	char *out = malloc(cap);

	if (!out || deflateInit2(&zs, 9, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY) != Z_OK) {
		free(out);
		return NULL;
	}
	zs.next_in = (Bytef *)in;
	zs.avail_in = (uInt)len;
	zs.next_out = (Bytef *)out;
	zs.avail_out = (uInt)cap;
	if (deflate(&zs, Z_FINISH) != Z_STREAM_END) {
		deflateEnd(&zs);
		free(out);
		return NULL;
	}
	*out_len = zs.total_out;
	deflateEnd(&zs);
	return out;
}

static int write_compressed(const char *path, const char *data, size_t len,
			    struct cc_error *err)
{
	char name[4200];
	size_t zlen = 0, blen = BrotliEncoderMaxCompressedSize(len);
	char *z = gzip9(data, len, &zlen);
	uint8_t *b = blen ? malloc(blen) : NULL;
	int rc;

	if (!z || !b) {
		free(z), free(b);
		return cc_error_set(err, CC_ENOMEM, path, 0, 0, "out of memory compressing");
	}
	snprintf(name, sizeof(name), "%s.gz", path);
	rc = put_file(name, z, zlen, err);
	if (!rc && !BrotliEncoderCompress(BROTLI_QUALITY, BROTLI_DEFAULT_WINDOW,
					  BROTLI_MODE_TEXT, len, (const uint8_t *)data, &blen, b))
		rc = cc_error_set(err, CC_EIO, path, 0, 0, "brotli compression failed");
	snprintf(name, sizeof(name), "%s.br", path);
	if (!rc)
		rc = put_file(name, (const char *)b, blen, err);
	free(z);
	free(b);
	return rc;
}

int cc_site_compressible(const char *name)
{
	static const char *const ext[] = {".json", ".html", ".js", ".css", ".svg", ".csv",
					  ".txt", ".map", ".xml", ".webmanifest"};
	size_t n = strlen(name);

	for (size_t i = 0; i < sizeof(ext) / sizeof(ext[0]); i++) {
		size_t e = strlen(ext[i]);
		if (n > e && strcmp(name + n - e, ext[i]) == 0)
			return 1;
	}
	return 0;
}

int cc_site_write(struct cc_site_out *o, const char *rel, const char *data,
		  size_t len, int compress, struct cc_error *err)
{
	char path[4096];
	int rc;

	if (snprintf(path, sizeof(path), "%s/%s", o->dir, rel) >= (int)sizeof(path))
		return cc_error_set(err, CC_EINPUT, rel, 0, 0, "path too long");
	rc = put_file(path, data, len, err);
	/* tiny files gain nothing from a compressed copy */
	if (!rc && compress && len >= 256)
		rc = write_compressed(path, data, len, err);
	if (!rc) {
		o->files++;
		o->bytes += len;
	}
	return rc;
}

int cc_site_write_hashed(struct cc_site_out *o, const char *prefix, const char *ext,
			 const char *data, size_t len, char *name, size_t size,
			 struct cc_error *err)
{
	unsigned char h[crypto_hash_sha256_BYTES];
	char hex[2 * sizeof(h) + 1], path[4096];
	struct stat st;

	crypto_hash_sha256(h, (const unsigned char *)data, len);
	sodium_bin2hex(hex, sizeof(hex), h, sizeof(h));
	hex[16] = '\0';
	if (snprintf(name, size, "%s.%s.%s", prefix, hex, ext) >= (int)size)
		return cc_error_set(err, CC_EINPUT, prefix, 0, 0, "name too long");
	snprintf(path, sizeof(path), "%s/%s", o->dir, name);
	/* the same bytes twice (two routes with one answer): written once */
	if (stat(path, &st) == 0 && (size_t)st.st_size == len)
		return CC_OK;
	return cc_site_write(o, name, data, len, cc_site_compressible(name), err);
}

int cc_site_copy_tree(struct cc_site_out *o, const char *src, const char *rel,
		      struct cc_error *err)
{
	DIR *d = opendir(src);
	struct dirent *e;
	int rc = CC_OK;

	if (!d)
		return cc_error_set(err, CC_EINPUT, src, 0, 0, "cannot read the directory: %s",
				    strerror(errno));
	while (!rc && (e = readdir(d)) != NULL) {
		char from[4096], to[4096];
		struct stat st;
		size_t n = strlen(e->d_name);

		if (e->d_name[0] == '.' || (n > 3 && (strcmp(e->d_name + n - 3, ".gz") == 0 ||
						      strcmp(e->d_name + n - 3, ".br") == 0)))
			continue;
		snprintf(from, sizeof(from), "%s/%s", src, e->d_name);
		snprintf(to, sizeof(to), "%s%s%s", rel, rel[0] ? "/" : "", e->d_name);
		if (stat(from, &st) != 0)
			continue;
		if (S_ISDIR(st.st_mode)) {
			rc = cc_site_copy_tree(o, from, to, err);
		} else if (S_ISREG(st.st_mode)) {
			char *text;
			size_t len;
			rc = cc_read_file(from, 64u << 20, &text, &len, err);
			if (!rc) {
				rc = cc_site_write(o, to, text, len, cc_site_compressible(to), err);
				free(text);
			}
		}
	}
	closedir(d);
	return rc;
}
