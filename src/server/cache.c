/*
 * cache.c - the response cache (see cache.h).
 */
#include "cache.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

char *cc_gzip(const char *in, size_t len, size_t *out_len)
{
	z_stream zs = {0};
	uLong cap = compressBound((uLong)len) + 32;
	char *out = malloc(cap);

	if (!out || deflateInit2(&zs, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
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

void cc_cache_init(struct cc_cache *c, cc_cache_decorate_fn decorate, void *arg)
{
	memset(c, 0, sizeof(*c));
	pthread_rwlock_init(&c->lock, NULL);
	cc_idmap_init(&c->index);
	c->decorate = decorate;
	c->decorate_arg = arg;
}

/* Gives up the cache's hold on an entry's responses; connections still
 * sending one keep it until they are done. */
static void entry_free(struct cc_cache_entry *e)
{
	free(e->key);
	if (e->plain)
		MHD_destroy_response(e->plain);
	if (e->gz)
		MHD_destroy_response(e->gz);
	if (e->not_modified)
		MHD_destroy_response(e->not_modified);
	memset(e, 0, sizeof(*e));
}

static void drop_all(struct cc_cache *c)
{
	for (int i = 0; i < c->n; i++)
		entry_free(&c->entries[i]);
	free(c->entries);
	c->entries = NULL;
	c->n = 0;
	c->bytes = 0;
	cc_idmap_free(&c->index);
}

void cc_cache_free(struct cc_cache *c)
{
	drop_all(c);
	pthread_rwlock_destroy(&c->lock);
}

void cc_cache_reset(struct cc_cache *c, const void *snap)
{
	pthread_rwlock_wrlock(&c->lock);
	drop_all(c);
	c->snap = snap;
	pthread_rwlock_unlock(&c->lock);
}

int cc_cache_send(struct cc_cache *c, const void *snap, const char *key,
		  int gzip, const char *inm, struct MHD_Connection *conn,
		  enum MHD_Result *ok)
{
	int i;

	pthread_rwlock_rdlock(&c->lock);
	i = c->snap == snap ? cc_idmap_get(&c->index, key, strlen(key)) : -1;
	if (i >= 0) {
		const struct cc_cache_entry *e = &c->entries[i];
		if (inm && strcmp(inm, e->etag) == 0)
			*ok = MHD_queue_response(conn, MHD_HTTP_NOT_MODIFIED, e->not_modified);
		else
			*ok = MHD_queue_response(conn, MHD_HTTP_OK,
						 gzip && e->gz ? e->gz : e->plain);
	}
	pthread_rwlock_unlock(&c->lock);
	return i >= 0;
}

/* A response that owns body (freed with the response; NULL body: empty),
 * with the headers of m. */
static struct MHD_Response *build(const struct cc_cache *c, char *body, size_t len,
				  struct cc_cache_meta *m, int gzipped)
{
	struct MHD_Response *r = body ?
		MHD_create_response_from_buffer(len, body, MHD_RESPMEM_MUST_FREE) :
		MHD_create_response_from_buffer(0, NULL, MHD_RESPMEM_PERSISTENT);

	if (!r) {
		free(body);
		return NULL;
	}
	m->gzipped = gzipped;
	c->decorate(r, m, c->decorate_arg);
	return r;
}

void cc_cache_put(struct cc_cache *c, const void *snap, const char *key,
		  const char *body, size_t len, const char *type,
		  const char *etag, const char *disposition, int compress, int vary_lang)
{
	struct cc_cache_entry e = {0};
	struct cc_cache_meta m = {.type = type, .disposition = disposition ? disposition : "",
				  .etag = e.etag, .vary_lang = vary_lang};
	char *copy = malloc(len + 1), *z = NULL;
	size_t zlen = 0;
	int stored = 0;

	if (!copy)
		return;
	memcpy(copy, body, len);
	copy[len] = '\0';
	snprintf(e.etag, sizeof(e.etag), "%s", etag);
	if (compress && (z = cc_gzip(body, len, &zlen)) != NULL &&
	    !(e.gz = build(c, z, zlen, &m, 1)))
		zlen = 0;
	e.key = strdup(key);
	e.plain = build(c, copy, len, &m, 0);
	e.not_modified = build(c, NULL, 0, &m, 0);
	e.bytes = len + zlen;
	pthread_rwlock_wrlock(&c->lock);
	if (e.key && e.plain && e.not_modified && c->snap == snap &&
	    c->n < CC_CACHE_MAX_ENTRIES && c->bytes + e.bytes <= CC_CACHE_MAX_BYTES &&
	    cc_idmap_get(&c->index, key, strlen(key)) < 0) {
		if (c->n % 64 == 0) {
			struct cc_cache_entry *grown =
				realloc(c->entries, ((size_t)c->n + 64) * sizeof(*grown));
			/* The index points at keys, which do not move. */
			if (grown)
				c->entries = grown;
			else
				goto out;
		}
		if (cc_idmap_put(&c->index, e.key, strlen(e.key), c->n) == 0) {
			c->entries[c->n++] = e;
			c->bytes += e.bytes;
			stored = 1;
		}
	}
out:
	pthread_rwlock_unlock(&c->lock);
	if (!stored)
		entry_free(&e);
}
