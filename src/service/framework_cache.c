/*
 * framework_cache.c - parsed frameworks, kept per version for the life of
 * the process (cc_service_framework, service.h). A stored framework is
 * content-addressed (its id and the SHA-256 of its text), so the parse of
 * (id, hash) is the same in every store and never goes stale; saving an
 * answer, which needs the campaign's framework, then costs a lookup
 * instead of a YAML parse. Callers get views (core/framework.h:
 * cc_framework_view), read-only and reference-counted, so an entry pushed
 * out of the table lives on until its last view is released. The table is
 * small: a process reads a handful of framework versions.
 */
#include "service.h"

#include "../format/framework_yaml.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>

#define FW_CACHE_SLOTS 32

struct slot {
	char key[200];               /* "id\nhash" */
	struct cc_framework_shared *sh;
};

static struct {
	pthread_mutex_t lock;
	struct slot slots[FW_CACHE_SLOTS];
	unsigned next;               /* the slot to replace when all are used */
} cache = {.lock = PTHREAD_MUTEX_INITIALIZER};

/* "id\nhash" into key; 0 when it does not fit (then nothing is cached). */
static int make_key(char *key, size_t size, const char *id, const char *hash)
{
	int n = snprintf(key, size, "%s\n%s", id, hash);

	return n > 0 && (size_t)n < size;
}

/* A view of the cached parse for key in *fw: 1, or 0 when not cached.
 * Called with the lock held. */
static int find(const char *key, struct cc_framework *fw)
{
	for (int i = 0; i < FW_CACHE_SLOTS; i++)
		if (cache.slots[i].sh && strcmp(cache.slots[i].key, key) == 0) {
			cc_framework_view(cache.slots[i].sh, fw);
			return 1;
		}
	return 0;
}

static int lookup(const char *key, struct cc_framework *fw)
{
	int found;

	pthread_mutex_lock(&cache.lock);
	found = find(key, fw);
	pthread_mutex_unlock(&cache.lock);
	return found;
}

/* Shares *fw (freshly parsed) under key and leaves a view of it in *fw.
 * When another thread cached the same version meanwhile, that one is
 * used and this parse is dropped; out of memory, *fw stays as it is, a
 * parse of the caller's own. */
static void insert(const char *key, struct cc_framework *fw)
{
	struct cc_framework_shared *sh = cc_framework_share(fw);
	struct slot *s;

	if (!sh)
		return;
	pthread_mutex_lock(&cache.lock);
	if (find(key, fw)) {
		pthread_mutex_unlock(&cache.lock);
		cc_framework_unshare(sh);
		return;
	}
	s = &cache.slots[cache.next];
	cache.next = (cache.next + 1) % FW_CACHE_SLOTS;
	if (s->sh)
		cc_framework_unshare(s->sh);
	snprintf(s->key, sizeof(s->key), "%s", key);
	s->sh = sh;
	cc_framework_view(sh, fw);
	pthread_mutex_unlock(&cache.lock);
}

int cc_service_framework(struct cc_store *s, const char *id, const char *hash,
			 struct cc_framework *fw, struct cc_error *err)
{
	struct cc_list l;
	const struct cc_framework_rec *f;
	char name[200], key[sizeof(cache.slots[0].key)];
	int rc, keyed;

	/* A campaign names its version by hash: no need to read the text. */
	if (hash && make_key(key, sizeof(key), id, hash) && lookup(key, fw))
		return CC_OK;
	rc = cc_store_framework(s, id, hash, &l, err);
	if (rc)
		return rc;
	f = l.items;
	keyed = make_key(key, sizeof(key), id, f->hash);
	if (keyed && lookup(key, fw)) {
		cc_list_free(&l);
		return CC_OK;
	}
	snprintf(name, sizeof(name), "framework %s", id);
	rc = cc_framework_parse(fw, name, f->text, f->len, err);
	cc_list_free(&l);
	if (!rc && keyed)
		insert(key, fw);
	return rc;
}
