/*
 * mappings.c - crosswalks between frameworks: the text of each
 * mapping file and the framework texts it was checked against (see
 * store.h, 0006_mappings).
 */
#include "store_internal.h"

#include <sodium.h>
#include <string.h>

#define MAPPING_COLS "id, title, source_id, source_hash, source_version, target_id, " \
	"target_hash, target_version, hash, text, added_at"

int cc_store_put_mapping(struct cc_store *s, const struct cc_mapping_rec *m,
			 struct cc_error *err)
{
	unsigned char digest[crypto_hash_sha256_BYTES];
	char hash[65];

	crypto_hash_sha256(digest, (const unsigned char *)m->text, m->len);
	sodium_bin2hex(hash, sizeof(hash), digest, sizeof(digest));
	return cc__run(s, err,
		       "INSERT INTO mapping (" MAPPING_COLS ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
		       NOW ") ON CONFLICT (id) DO UPDATE SET title = excluded.title, "
		       "source_id = excluded.source_id, source_hash = excluded.source_hash, "
		       "source_version = excluded.source_version, target_id = excluded.target_id, "
		       "target_hash = excluded.target_hash, target_version = excluded.target_version, "
		       "hash = excluded.hash, text = excluded.text, added_at = excluded.added_at "
		       "WHERE mapping.hash <> excluded.hash OR mapping.source_hash <> excluded.source_hash "
		       "OR mapping.target_hash <> excluded.target_hash",
		       "tttttttttb", m->id, m->title, m->source, m->source_hash,
		       m->source_version ? m->source_version : "", m->target, m->target_hash,
		       m->target_version ? m->target_version : "", hash, m->text, m->len);
}

static int mapping_row(struct cc_list *l, cc__stmt *st, void *item)
{
	struct cc_mapping_rec *m = item;

	m->id = cc__col_text(l, st, 0);
	m->title = cc__col_text(l, st, 1);
	m->source = cc__col_text(l, st, 2);
	m->source_hash = cc__col_text(l, st, 3);
	m->source_version = cc__col_text(l, st, 4);
	m->target = cc__col_text(l, st, 5);
	m->target_hash = cc__col_text(l, st, 6);
	m->target_version = cc__col_text(l, st, 7);
	m->hash = cc__col_text(l, st, 8);
	m->text = cc__col_text(l, st, 9);
	m->len = (size_t)cc__bytes(st, 9);
	m->added_at = cc__col_text(l, st, 10);
	return m->id && m->title && m->source && m->source_hash && m->target &&
	       m->target_hash && m->text ? 0 : -1;
}

int cc_store_mappings(struct cc_store *s, struct cc_list *out, struct cc_error *err)
{
	return cc__collect(s, cc__prepare(s, err, "SELECT " MAPPING_COLS " FROM mapping ORDER BY id", ""),
			   out, sizeof(struct cc_mapping_rec), mapping_row, err);
}

int cc_store_mapping(struct cc_store *s, const char *id, struct cc_list *out,
		     struct cc_error *err)
{
	int rc = cc__collect(s, cc__prepare(s, err, "SELECT " MAPPING_COLS " FROM mapping WHERE id = ?",
					    "t", id),
			     out, sizeof(struct cc_mapping_rec), mapping_row, err);

	if (!rc && out->n == 0) {
		cc_list_free(out);
		return cc_error_set(err, CC_ENOTFOUND, "mapping", 0, 0, "no mapping \"%s\"", id);
	}
	return rc;
}
