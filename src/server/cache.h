/*
 * cache.h - rendered API responses, kept per snapshot. Published data never
 * change within a snapshot, so a response computed once is kept as
 * libmicrohttpd response objects (plain, gzip and 304, headers added once)
 * that every later request for the same key queues as they are: no
 * rendering, no copy of the body, no header work. libmicrohttpd counts the
 * connections that use a response, so dropping the cache (a new snapshot)
 * while bodies are still being sent is safe: the last one frees it. The
 * cache is bounded in entries and bytes.
 */
#ifndef CC_CACHE_H
#define CC_CACHE_H

#include <microhttpd.h>
#include <pthread.h>
#include <stddef.h>

#include "../core/idmap.h"

#define CC_CACHE_MAX_ENTRIES 4096
#define CC_CACHE_MAX_BYTES (64u << 20)

/* What a cached response is made of; passed to the decorate callback. */
struct cc_cache_meta {
	const char *type;            /* Content-Type */
	const char *disposition;     /* "" or a Content-Disposition */
	const char *etag;
	int gzipped;                 /* the response's body is the gzip copy */
	int vary_lang;               /* it depends on Accept-Language */
};

/* Adds the headers every response carries (security headers, type,
 * caching) to a response the cache builds. */
typedef void (*cc_cache_decorate_fn)(struct MHD_Response *r,
				     const struct cc_cache_meta *m, void *arg);

struct cc_cache_entry {
	char *key;
	struct MHD_Response *plain, *gz, *not_modified; /* gz may be NULL */
	char etag[32];
	size_t bytes;
};

struct cc_cache {
	pthread_rwlock_t lock;       /* read: queue a hit; write: change */
	const void *snap;            /* the snapshot the entries belong to */
	struct cc_idmap index;       /* key -> entry */
	struct cc_cache_entry *entries;
	int n;
	size_t bytes;
	cc_cache_decorate_fn decorate;
	void *decorate_arg;
};

void cc_cache_init(struct cc_cache *c, cc_cache_decorate_fn decorate, void *arg);
void cc_cache_free(struct cc_cache *c);

/* Queues the cached response for key under snap on conn: 304 when inm
 * (If-None-Match, may be NULL) is its ETag, else the gzip copy when gzip
 * is set and there is one, else the plain body. Returns 1 with *ok set to
 * libmicrohttpd's answer on a hit, 0 on a miss. */
int cc_cache_send(struct cc_cache *c, const void *snap, const char *key,
		  int gzip, const char *inm, struct MHD_Connection *conn,
		  enum MHD_Result *ok);

/* Stores body (copied; a gzip copy too when compress is set) for key
 * under snap, if snap is still the one the cache serves and there is
 * room. */
void cc_cache_put(struct cc_cache *c, const void *snap, const char *key,
		  const char *body, size_t len, const char *type,
		  const char *etag, const char *disposition, int compress, int vary_lang);

/* Drops everything: the server moved to snap. */
void cc_cache_reset(struct cc_cache *c, const void *snap);

/* gzip of in[0..len) into a new buffer, or NULL. */
char *cc_gzip(const char *in, size_t len, size_t *out_len);

#endif
