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

void cc_cache_init(struct cc_cache *c)
{
	memset(c, 0, sizeof(*c));
	pthread_mutex_init(&c->lock, NULL);
	cc_idmap_init(&c->index);
}

static void drop_all(struct cc_cache *c)
{
	for (int i = 0; i < c->n; i++) {
		free(c->entries[i].key);
		free(c->entries[i].body);
		free(c->entries[i].gz);
	}
	free(c->entries);
	c->entries = NULL;
	c->n = 0;
	c->bytes = 0;
	cc_idmap_free(&c->index);
}

void cc_cache_free(struct cc_cache *c)
{
	drop_all(c);
	pthread_mutex_destroy(&c->lock);
}

void cc_cache_reset(struct cc_cache *c, const void *snap)
{
	pthread_mutex_lock(&c->lock);
	drop_all(c);
	c->snap = snap;
	pthread_mutex_unlock(&c->lock);
}

static char *dup_bytes(const char *s, size_t n)
{
	char *d = malloc(n + 1);

	if (d) {
		memcpy(d, s, n);
		d[n] = '\0';
	}
	return d;
}

int cc_cache_get(struct cc_cache *c, const void *snap, const char *key,
		 int gzip, struct cc_cache_entry *out)
{
	int i, rc = -1;

	pthread_mutex_lock(&c->lock);
	i = c->snap == snap ? cc_idmap_get(&c->index, key, strlen(key)) : -1;
	if (i >= 0) {
		const struct cc_cache_entry *e = &c->entries[i];
		*out = *e;
		out->key = NULL;
		out->body = out->gz = NULL;
		if (gzip && e->gz)
			out->gz = dup_bytes(e->gz, e->gzlen);
		else
			out->body = dup_bytes(e->body, e->len);
		rc = out->gz || out->body ? 0 : -1;
	}
	pthread_mutex_unlock(&c->lock);
	return rc;
}

void cc_cache_put(struct cc_cache *c, const void *snap, const char *key,
		  const char *body, size_t len, const char *type,
		  const char *etag, const char *disposition, int compress)
{
	struct cc_cache_entry e = {0};

	e.key = strdup(key);
	e.body = dup_bytes(body, len);
	e.len = len;
	e.gz = compress ? cc_gzip(body, len, &e.gzlen) : NULL;
	e.type = type;
	snprintf(e.etag, sizeof(e.etag), "%s", etag);
	snprintf(e.disposition, sizeof(e.disposition), "%s", disposition ? disposition : "");
	pthread_mutex_lock(&c->lock);
	if (!e.key || !e.body || c->snap != snap || c->n >= CC_CACHE_MAX_ENTRIES ||
	    c->bytes + len + e.gzlen > CC_CACHE_MAX_BYTES ||
	    cc_idmap_get(&c->index, key, strlen(key)) >= 0) {
		pthread_mutex_unlock(&c->lock);
		free(e.key);
		free(e.body);
		free(e.gz);
		return;
	}
	if (c->n % 64 == 0) {
		struct cc_cache_entry *grown = realloc(c->entries, ((size_t)c->n + 64) * sizeof(*grown));
		if (!grown) {
			pthread_mutex_unlock(&c->lock);
			free(e.key), free(e.body), free(e.gz);
			return;
		}
		/* The index points at keys, which do not move. */
		c->entries = grown;
	}
	if (cc_idmap_put(&c->index, e.key, strlen(e.key), c->n) == 0) {
		c->entries[c->n++] = e;
		c->bytes += len + e.gzlen;
	} else {
		free(e.key), free(e.body), free(e.gz);
	}
	pthread_mutex_unlock(&c->lock);
}
