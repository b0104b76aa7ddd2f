/*
 * scenario_zip.c - reading a scenario zip (see scenario_zip.h).
 */
#include "scenario_zip.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <zip.h>

#define ZIP_FILE "the zip"

bool cc_szip_is_zip(const char *data, size_t len)
{
	return len >= 4 && memcmp(data, "PK", 2) == 0 &&
	       ((data[2] == 3 && data[3] == 4) || (data[2] == 5 && data[3] == 6));
}

bool cc_szip_safe_name(const char *name)
{
	size_t n = strlen(name);
	const char *part = name;

	if (n == 0 || n > CC_SZIP_MAX_NAME || name[0] == '/')
		return false;
	for (const char *p = name; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f || *p == '\\' || *p == ':')
			return false;
	for (;;) {
		const char *slash = strchr(part, '/');
		size_t len = slash ? (size_t)(slash - part) : strlen(part);

		if (len == 0 || (len == 1 && part[0] == '.') ||
		    (len == 2 && part[0] == '.' && part[1] == '.'))
			return false;
		if (!slash)
			return true;
		part = slash + 1;
	}
}

static bool is_yaml_name(const char *name)
{
	size_t n = strlen(name);

	return !strchr(name, '/') && ((n > 5 && strcmp(name + n - 5, ".yaml") == 0) ||
				      (n > 4 && strcmp(name + n - 4, ".yml") == 0));
}

/* The folder every entry is under ("FOLDER/"), or "" when there is none. */
static size_t common_folder(zip_t *zip, zip_int64_t n)
{
	const char *first = n > 0 ? zip_get_name(zip, 0, ZIP_FL_ENC_GUESS) : NULL;
	const char *slash = first ? strchr(first, '/') : NULL;
	size_t len = slash ? (size_t)(slash - first) + 1 : 0;

	for (zip_int64_t i = 1; len && i < n; i++) {
		const char *name = zip_get_name(zip, (zip_uint64_t)i, ZIP_FL_ENC_GUESS);
		if (!name || strncmp(name, first, len) != 0)
			len = 0;
	}
	return len;
}

static bool is_link(zip_t *zip, zip_uint64_t i)
{
	zip_uint8_t os;
	zip_uint32_t attr;

	if (zip_file_get_external_attributes(zip, i, 0, &os, &attr) != 0)
		return false;
	return os == ZIP_OPSYS_UNIX && S_ISLNK((attr >> 16) & 0xffff);
}

/* Inflates entry i into the arena, counting against the limits. */
static int inflate_entry(struct cc_szip *z, zip_t *zip, zip_uint64_t i, const char *name,
			 size_t *total, const char **data, size_t *len, struct cc_error *err)
{
	zip_stat_t st;
	zip_file_t *zf;
	size_t cap, n = 0;
	char *buf;

	if (zip_stat_index(zip, i, 0, &st) == 0 && (st.valid & ZIP_STAT_SIZE) &&
	    (st.size > CC_SZIP_MAX_FILE_BYTES || *total + st.size > CC_SZIP_MAX_TOTAL_BYTES))
		return cc_error_set(err, CC_ELIMIT, name, 0, 0, "%s inflates to %llu bytes, more "
				    "than the limit (%u for one file, %u for all)", name,
				    (unsigned long long)st.size, CC_SZIP_MAX_FILE_BYTES,
				    CC_SZIP_MAX_TOTAL_BYTES);
	cap = (st.valid & ZIP_STAT_SIZE) ? (size_t)st.size : 0;
	buf = cc_arena_alloc(&z->arena, cap + 1);
	if (!buf)
		return cc_error_set(err, CC_ENOMEM, name, 0, 0, "out of memory");
	if (!(zf = zip_fopen_index(zip, i, 0)))
		return cc_error_set(err, CC_EINPUT, name, 0, 0, "%s cannot be opened: %s", name,
				    zip_strerror(zip));
	for (;;) {
		char chunk[16384];
		zip_int64_t got = zip_fread(zf, chunk, sizeof(chunk));

		if (got < 0) {
			cc_error_set(err, CC_EINPUT, name, 0, 0, "%s cannot be inflated: %s", name,
				     zip_file_strerror(zf));
			zip_fclose(zf);
			return CC_EINPUT;
		}
		if (got == 0)
			break;
		/* the declared size may lie: grow, but never past the limits */
		if (n + (size_t)got > CC_SZIP_MAX_FILE_BYTES ||
		    *total + n + (size_t)got > CC_SZIP_MAX_TOTAL_BYTES) {
			zip_fclose(zf);
			return cc_error_set(err, CC_ELIMIT, name, 0, 0, "%s inflates to more than the "
					    "limit (%u bytes for one file, %u for all)", name,
					    CC_SZIP_MAX_FILE_BYTES, CC_SZIP_MAX_TOTAL_BYTES);
		}
		if (n + (size_t)got > cap) {
			size_t ncap = (n + (size_t)got) * 2;
			char *grown = cc_arena_alloc(&z->arena, ncap + 1);
			if (!grown) {
				zip_fclose(zf);
				return cc_error_set(err, CC_ENOMEM, name, 0, 0, "out of memory");
			}
			memcpy(grown, buf, n);
			buf = grown;
			cap = ncap;
		}
		memcpy(buf + n, chunk, (size_t)got);
		n += (size_t)got;
	}
	zip_fclose(zf);
	buf[n] = '\0';
	*total += n;
	*data = buf;
	*len = n;
	return CC_OK;
}

static int open_zip(const char *data, size_t len, zip_t **out, struct cc_error *err)
{
	zip_error_t ze;
	zip_source_t *src;
	int code;

	zip_error_init(&ze);
	*out = NULL;
	src = zip_source_buffer_create(data, len, 0, &ze);
	if (src && !(*out = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &ze)))
		zip_source_free(src);
	code = zip_error_code_zip(&ze);
	zip_error_fini(&ze);
	if (*out)
		return CC_OK;
	if (code == ZIP_ER_MEMORY)
		return cc_error_set(err, CC_ENOMEM, ZIP_FILE, 0, 0, "out of memory");
	return cc_error_set(err, CC_EINPUT, ZIP_FILE, 0, 0, code == ZIP_ER_NOZIP ?
			    "the body is neither a scenario (YAML) nor a zip" :
			    "the zip archive is damaged");
}

static int read_entries(struct cc_szip *z, zip_t *zip, zip_int64_t n, struct cc_error *err)
{
	size_t skip = common_folder(zip, n), total = 0;
	int rc = CC_OK;

	z->files = cc_arena_array(&z->arena, (size_t)n + 1, sizeof(*z->files));
	if (!z->files)
		return cc_error_set(err, CC_ENOMEM, ZIP_FILE, 0, 0, "out of memory");
	for (zip_int64_t i = 0; !rc && i < n; i++) {
		const char *full = zip_get_name(zip, (zip_uint64_t)i, ZIP_FL_ENC_GUESS), *name;
		size_t nlen;

		if (!full)
			return cc_error_set(err, CC_EINPUT, ZIP_FILE, 0, 0, "entry %lld has no name",
					    (long long)i);
		name = full + skip;
		nlen = strlen(name);
		if (nlen == 0 || name[nlen - 1] == '/')
			continue;  /* a folder */
		if (!cc_szip_safe_name(name))
			return cc_error_set(err, CC_EINPUT, ZIP_FILE, 0, 0, "the zip names a file "
					    "\"%.200s\" outside its folder or with a name that is not "
					    "allowed", full);
		if (is_link(zip, (zip_uint64_t)i))
			return cc_error_set(err, CC_EINPUT, ZIP_FILE, 0, 0, "\"%.200s\" is a "
					    "symbolic link: send the file itself", full);
		if (is_yaml_name(name)) {
			if (z->yaml_name)
				return cc_error_set(err, CC_EINPUT, ZIP_FILE, 0, 0, "the zip holds two "
						    "scenario files, %s and %s: send one", z->yaml_name,
						    name);
			z->yaml_name = cc_arena_strdup(&z->arena, name);
			rc = z->yaml_name ? inflate_entry(z, zip, (zip_uint64_t)i, name, &total,
							  &z->yaml, &z->yaml_len, err) :
				cc_error_set(err, CC_ENOMEM, ZIP_FILE, 0, 0, "out of memory");
		} else {
			struct cc_szip_file *f = &z->files[z->nfiles++];
			f->name = cc_arena_strdup(&z->arena, name);
			rc = f->name ? inflate_entry(z, zip, (zip_uint64_t)i, name, &total, &f->data,
						     &f->len, err) :
				cc_error_set(err, CC_ENOMEM, ZIP_FILE, 0, 0, "out of memory");
		}
	}
	if (!rc && !z->yaml_name)
		rc = cc_error_set(err, CC_EINPUT, ZIP_FILE, 0, 0, "the zip holds no scenario file "
				  "(NAME.yaml at its top)");
	return rc;
}

int cc_szip_read(struct cc_szip *z, const char *data, size_t len, struct cc_error *err)
{
	zip_t *zip;
	zip_int64_t n;
	int rc;

	memset(z, 0, sizeof(*z));
	cc_arena_init(&z->arena);
	rc = open_zip(data, len, &zip, err);
	if (rc)
		return rc;
	n = zip_get_num_entries(zip, 0);
	if (n > CC_SZIP_MAX_ENTRIES)
		rc = cc_error_set(err, CC_ELIMIT, ZIP_FILE, 0, 0, "the zip holds %lld files, more "
				  "than the limit (%d)", (long long)n, CC_SZIP_MAX_ENTRIES);
	else
		rc = read_entries(z, zip, n, err);
	zip_discard(zip);
	if (rc)
		cc_szip_free(z);
	return rc;
}

void cc_szip_free(struct cc_szip *z)
{
	cc_arena_free(&z->arena);
	memset(z, 0, sizeof(*z));
}
