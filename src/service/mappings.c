/*
 * mappings.c - mapping files into the store and stored mappings bound to
 * framework texts again (see mappings.h). Pre-filling is prefill.c.
 */
#include "mappings.h"

#include "../format/fileio.h"
#include "../format/mapping_yaml.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The stored framework a mapping names: its version when given, else the
 * latest of the id; hash (65 bytes) gets its text's hash. */
static int named_framework(struct cc_store *s, const struct cc_mapping *m, const char *role,
			   const char *id, const char *version, long line, long col,
			   char *hash, struct cc_error *err)
{
	struct cc_list l;
	int rc = version ? cc_store_framework_version(s, id, version, &l, err) :
			   cc_store_framework(s, id, NULL, &l, err);

	if (rc == CC_ENOTFOUND)
		return cc_error_set(err, CC_EINPUT, m->file, line, col,
				    "the %s framework \"%s\"%s%s%s is not loaded (load it first, "
				    "with frameworks/ or --framework FILE)", role, id,
				    version ? " version \"" : "", version ? version : "",
				    version ? "\"" : "");
	if (rc)
		return rc;
	snprintf(hash, 65, "%s", ((struct cc_framework_rec *)l.items)->hash);
	cc_list_free(&l);
	return CC_OK;
}

/* Parses the two frameworks into b (m parsed already) and binds. */
static int bind(struct cc_store *s, struct cc_bound_mapping *b, const char *src_hash,
		const char *dst_hash, struct cc_error *err)
{
	int rc = cc_service_framework(s, b->m.source, src_hash, &b->src, err);

	if (rc)
		return rc;
	b->loaded = 2;
	if ((rc = cc_service_framework(s, b->m.target, dst_hash, &b->dst, err)))
		return rc;
	b->loaded = 3;
	return cc_mapping_bind(&b->m, &b->src, &b->dst, err);
}

int cc_service_bind_mapping(struct cc_store *s, const struct cc_mapping_rec *r,
			    const char *src_hash, const char *dst_hash,
			    struct cc_bound_mapping *out, struct cc_error *err)
{
	char name[200];
	int rc;

	out->loaded = 0;
	snprintf(name, sizeof(name), "mapping %s", r->id);
	rc = cc_mapping_parse(&out->m, name, r->text, r->len, err);
	if (!rc) {
		out->loaded = 1;
		rc = bind(s, out, src_hash ? src_hash : r->source_hash,
			  dst_hash ? dst_hash : r->target_hash, err);
	}
	if (rc)
		cc_bound_mapping_free(out);
	return rc;
}

int cc_service_add_mapping(struct cc_store *s, const char *path, char *id, size_t idlen,
			   struct cc_error *err)
{
	struct cc_bound_mapping b = {.loaded = 0};
	char *text, sh[65], th[65];
	size_t len;
	int rc = cc_read_file(path, CC_MAPPING_MAX_BYTES, &text, &len, err);

	if (rc)
		return rc;
	rc = cc_mapping_parse(&b.m, path, text, len, err);
	if (!rc) {
		b.loaded = 1;
		rc = named_framework(s, &b.m, "source", b.m.source, b.m.source_version,
				     b.m.source_line, b.m.source_col, sh, err);
	}
	if (!rc)
		rc = named_framework(s, &b.m, "target", b.m.target, b.m.target_version,
				     b.m.target_line, b.m.target_col, th, err);
	if (!rc)
		rc = bind(s, &b, sh, th, err);
	if (!rc) {
		struct cc_mapping_rec r = {.id = b.m.id, .title = b.m.title,
			.source = b.m.source, .source_hash = sh, .source_version = b.m.source_version,
			.target = b.m.target, .target_hash = th, .target_version = b.m.target_version,
			.text = text, .len = len};

		snprintf(id, idlen, "%s", b.m.id);
		rc = cc_store_put_mapping(s, &r, err);
	}
	cc_bound_mapping_free(&b);
	free(text);
	return rc;
}
