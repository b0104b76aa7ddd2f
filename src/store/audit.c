/*
 * audit.c - the append-only, hash-chained audit trail (see
 * store.h). Each row's hash is SHA-256 over the fields of the row and the
 * previous row's hash, fields separated by a unit separator (0x1F), so
 * that changing, inserting or deleting a row breaks every hash after it.
 * The first row chains to 64 zeros.
 */
#include "store_internal.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

static const char genesis[] =
	"0000000000000000000000000000000000000000000000000000000000000000";

static void chain_hash(long long id, const char *at, const char *actor,
		       const char *action, const char *entity, const char *before,
		       const char *after, const char *prev, char out[65])
{
	crypto_hash_sha256_state h;
	unsigned char digest[crypto_hash_sha256_BYTES];
	char ids[32];
	const char *parts[8];

	snprintf(ids, sizeof(ids), "%lld", id);
	parts[0] = ids, parts[1] = at, parts[2] = actor, parts[3] = action;
	parts[4] = entity, parts[5] = before, parts[6] = after, parts[7] = prev;
	crypto_hash_sha256_init(&h);
	for (int i = 0; i < 8; i++) {
		crypto_hash_sha256_update(&h, (const unsigned char *)parts[i], strlen(parts[i]));
		crypto_hash_sha256_update(&h, (const unsigned char *)"\x1f", 1);
	}
	crypto_hash_sha256_final(&h, digest);
	sodium_bin2hex(out, 65, digest, sizeof(digest));
}

/* The chain's last id and hash (0 and the genesis when empty); inside the
 * writer's transaction read once, then kept by the appends. */
static int chain_tip(struct cc_store *s, long long *id, char prev[65], struct cc_error *err)
{
	cc__stmt *st;

	if (s->writing && s->tip_known) {
		*id = s->tip_id;
		memcpy(prev, s->tip_hash, 65);
		return CC_OK;
	}
	if (!(st = cc__prepare(s, err, "SELECT id, hash FROM audit_event ORDER BY id DESC LIMIT 1", "")))
		return err ? err->code : CC_EIO;
	*id = 0;
	snprintf(prev, 65, "%s", genesis);
	switch (cc__step(st)) {
	case CC__ROW:
		*id = cc__int64(st, 0);
		snprintf(prev, 65, "%s", (const char *)cc__text(st, 1));
		/* fall through */
	case CC__DONE:
		cc__finish(s, st);
		return CC_OK;
	default:
		cc__finish(s, st);
		return cc__db_fail(s, err, "read the audit trail");
	}
}

int cc_store_audit(struct cc_store *s, const char *actor, const char *action,
		   const char *entity, const char *before, const char *after,
		   struct cc_error *err)
{
	char prev[65], hash[65], at[32], ids[32];
	long long id;
	time_t now = time(NULL);
	struct tm tm;
	int rc = chain_tip(s, &id, prev, err);

	if (rc)
		return rc;
	id++;
	gmtime_r(&now, &tm);
	strftime(at, sizeof(at), "%Y-%m-%dT%H:%M:%SZ", &tm);
	before = before ? before : "";
	after = after ? after : "";
	chain_hash(id, at, actor, action, entity, before, after, prev, hash);
	snprintf(ids, sizeof(ids), "%lld", id);
	rc = cc__run(s, err, "INSERT INTO audit_event (id, at, actor, action, entity, before, "
		     "after, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", "ttttttttt",
		     ids, at, actor, action, entity, before, after, prev, hash);
	s->tip_known = !rc && s->writing;
	if (s->tip_known) {
		s->tip_id = id;
		memcpy(s->tip_hash, hash, 65);
	}
	return rc;
}

int cc_store_audit_verify(struct cc_store *s, long long *bad, long long *count,
			  struct cc_error *err)
{
	cc__stmt *st = cc__prepare(s, err, "SELECT id, at, actor, action, entity, before, "
				       "after, prev_hash, hash FROM audit_event ORDER BY id", "");
	char prev[65], hash[65];
	long long expect = 1;
	int rc;

	*bad = 0;
	*count = 0;
	if (!st)
		return err ? err->code : CC_EIO;
	snprintf(prev, sizeof(prev), "%s", genesis);
	while ((rc = cc__step(st)) == CC__ROW) {
		long long id = cc__int64(st, 0);
		const char *f[8];

		for (int i = 0; i < 8; i++) {
			f[i] = (const char *)cc__text(st, i + 1);
			if (!f[i])
				f[i] = "";
		}
		chain_hash(id, f[0], f[1], f[2], f[3], f[4], f[5], prev, hash);
		(*count)++;
		if (id != expect || strcmp(f[6], prev) != 0 || strcmp(f[7], hash) != 0) {
			*bad = id;
			break;
		}
		snprintf(prev, sizeof(prev), "%s", f[7]);
		expect++;
	}
	rc = rc == CC__ROW || rc == CC__DONE ? CC_OK : cc__db_fail(s, err, "read");
	cc__finish(s, st);
	return rc;
}

static int audit_row(struct cc_list *l, cc__stmt *st, void *item)
{
	struct cc_audit_rec *a = item;

	a->id = cc__int64(st, 0);
	a->at = cc__col_text(l, st, 1);
	a->actor = cc__col_text(l, st, 2);
	a->action = cc__col_text(l, st, 3);
	a->entity = cc__col_text(l, st, 4);
	a->before = cc__col_text(l, st, 5);
	a->after = cc__col_text(l, st, 6);
	a->prev_hash = cc__col_text(l, st, 7);
	a->hash = cc__col_text(l, st, 8);
	return a->at && a->actor && a->entity ? 0 : -1;
}

int cc_store_audit_events(struct cc_store *s, const char *entity_prefix,
			  struct cc_list *out, struct cc_error *err)
{
	char like[300];

	/* The prefix is a value, escaped for LIKE: no wildcard gets through. */
	size_t n = 0;
	for (const char *p = entity_prefix; *p && n + 3 < sizeof(like); p++) {
		if (*p == '%' || *p == '_' || *p == '\\')
			like[n++] = '\\';
		like[n++] = *p;
	}
	like[n++] = '%';
	like[n] = '\0';
	return cc__collect(s, cc__prepare(s, err,
		"SELECT id, at, actor, action, entity, before, after, prev_hash, hash FROM "
		"audit_event WHERE entity LIKE ? ESCAPE '\\' ORDER BY id", "t", like),
		out, sizeof(struct cc_audit_rec), audit_row, err);
}
