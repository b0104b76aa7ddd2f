/*
 * scenario_zip.h - a drill scenario sent as a zip: its YAML and the
 * challenge files it names (../shared/spec/scenario-format.md,
 * "Challenges"), read from memory with libzip.
 *
 * The zip holds one scenario file (NAME.yaml or NAME.yml) at its top, and
 * the files at the paths the scenario gives relative to it; a zip made of
 * one folder (every name under "FOLDER/") is read as that folder. Names
 * are checked before anything is read (zip slip): relative, no "..", no
 * empty part, no backslash or control character, at most
 * CC_SZIP_MAX_NAME bytes; folders are skipped, symbolic links refused.
 * Sizes are checked as declared and again as inflated (zip bombs stop
 * within one read).
 *
 * Ownership: every name and byte hangs off z->arena (cc_szip_free).
 */
#ifndef CC_SCENARIO_ZIP_H
#define CC_SCENARIO_ZIP_H

#include <stdbool.h>
#include <stddef.h>

#include "../core/arena.h"
#include "../core/error.h"

#define CC_SZIP_MAX_ENTRIES 1000
#define CC_SZIP_MAX_FILE_BYTES (20u << 20)
#define CC_SZIP_MAX_TOTAL_BYTES (100u << 20)
#define CC_SZIP_MAX_NAME 255

struct cc_szip_file {
	const char *name;       /* relative to the scenario file */
	const char *data;       /* NUL-terminated */
	size_t len;
};

struct cc_szip {
	struct cc_arena arena;
	const char *yaml_name;  /* the scenario file's name in the zip */
	const char *yaml;
	size_t yaml_len;
	struct cc_szip_file *files;   /* the other files, in the zip's order */
	int nfiles;
};

/* Whether data starts as a zip does ("PK\3\4", or an empty zip's "PK\5\6"). */
bool cc_szip_is_zip(const char *data, size_t len);

/* Reads the zip. CC_EINPUT (not a zip, damaged, a bad name, no or two
 * scenario files: err names the entry), CC_ELIMIT, CC_ENOMEM. On failure
 * z is freed. */
int cc_szip_read(struct cc_szip *z, const char *data, size_t len, struct cc_error *err);
void cc_szip_free(struct cc_szip *z);

/* Whether a relative path is safe to write under a folder (the rules
 * above); also what the service checks before writing any file. */
bool cc_szip_safe_name(const char *name);

#endif
