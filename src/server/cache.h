/*
 * cache.h - rendered API responses, kept per snapshot. Published data never
 * change within a snapshot, so a response computed once (with its ETag and
 * a gzip copy) can be sent again by copying bytes. The cache is emptied
 * when the server moves to a new snapshot, and bounded in entries and bytes.
 */
#ifndef CC_CACHE_H
#define CC_CACHE_H

#include <pthread.h>
#include <stddef.h>

#include "../core/idmap.h"

#define CC_CACHE_MAX_ENTRIES 4096
#define CC_CACHE_MAX_BYTES (64u << 20)

struct cc_cache_entry {
	char *key;
	char *body, *gz;
	size_t len, gzlen;
	char etag[32];
	const char *type;
	char disposition[256];
};

struct cc_cache {
	pthread_mutex_t lock;
	const void *snap;            /* the snapshot the entries belong to */
	struct cc_idmap index;       /* key -> entry */
	struct cc_cache_entry *entries;
	int n;
	size_t bytes;
};

void cc_cache_init(struct cc_cache *c);
void cc_cache_free(struct cc_cache *c);

/* Copies the entry for key under snap into *out with fresh malloc'd
 * bodies (the caller frees body and gz); 0 on a hit, -1 on a miss. gzip
 * says whether the gz copy is wanted (the plain body is then not copied
 * when a gz copy exists). */
int cc_cache_get(struct cc_cache *c, const void *snap, const char *key,
		 int gzip, struct cc_cache_entry *out);

/* Stores a copy of body (and a gzip copy when compress is set) for key
 * under snap, if snap is still the one the cache serves. */
void cc_cache_put(struct cc_cache *c, const void *snap, const char *key,
		  const char *body, size_t len, const char *type,
		  const char *etag, const char *disposition, int compress);

/* Drops everything: the server moved to snap. */
void cc_cache_reset(struct cc_cache *c, const void *snap);

/* gzip of in[0..len) into a new buffer, or NULL. */
char *cc_gzip(const char *in, size_t len, size_t *out_len);

#endif
