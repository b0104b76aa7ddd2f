/*
 * scenario_cache.c - parsed scenario versions shared between requests
 * (see scenario_cache.h). A small array searched in order: there are
 * few versions in play at once, and a lookup costs far less than the
 * store read and the parse it saves.
 *
 * Invariant: an entry with holders > 0 is never freed; its scenario
 * pointer is stable (each is its own allocation).
 */
#include "scenario_cache.h"

#include "scenarios.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct entry {
	char key[4600];                 /* data_dir, id and hash */
	struct cc_scenario *sc;
	int holders;
	unsigned long used;             /* the tick of its last get */
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static struct entry entries[CC_SCENARIO_CACHE_MAX];
static unsigned long tick;
static long parses;

static void key_of(char *key, size_t size, const char *data_dir, const char *id,
		   const char *hash)
{
	snprintf(key, size, "%s\n%s\n%s", data_dir, id, hash);
}

static struct entry *find(const char *key)
{
	for (int i = 0; i < CC_SCENARIO_CACHE_MAX; i++)
		if (entries[i].sc && strcmp(entries[i].key, key) == 0)
			return &entries[i];
	return NULL;
}

static void drop(struct entry *e)
{
	cc_scenario_free(e->sc);
	free(e->sc);
	memset(e, 0, sizeof(*e));
}

/* A free slot, or the least recently used one no one holds (emptied);
 * NULL when every one is held. */
static struct entry *slot(void)
{
	struct entry *best = NULL;

	for (int i = 0; i < CC_SCENARIO_CACHE_MAX; i++) {
		struct entry *e = &entries[i];
		if (!e->sc)
			return e;
		if (!e->holders && (!best || e->used < best->used))
			best = e;
	}
	if (best)
		drop(best);
	return best;
}

/* Reads and parses the version (outside the lock: a parse may take a
 * while, and the store is the caller's). */
static int parse(struct cc_store *s, const char *data_dir, const char *id, const char *hash,
		 struct cc_scenario **out, struct cc_error *err)
{
	struct cc_list l;
	int rc = cc_store_scenario(s, id, hash, &l, err);

	*out = NULL;
	if (rc)
		return rc;
	if (!(*out = malloc(sizeof(**out))))
		rc = cc_error_set(err, CC_ENOMEM, NULL, 0, 0, "out of memory");
	else if ((rc = cc_scenarios_parse(data_dir, l.items, *out, err)))
		free(*out), *out = NULL;
	cc_list_free(&l);
	return rc;
}

int cc_scenario_cache_get(struct cc_store *s, const char *data_dir, const char *id,
			  const char *hash, const struct cc_scenario **out, struct cc_error *err)
{
	char key[sizeof(entries[0].key)];
	struct cc_scenario *sc;
	struct entry *e;
	int rc;

	*out = NULL;
	if (!hash)
		return cc_error_set(err, CC_EUSAGE, NULL, 0, 0, "a scenario version needs its hash");
	key_of(key, sizeof(key), data_dir, id, hash);
	pthread_mutex_lock(&lock);
	if ((e = find(key))) {
		e->holders++;
		e->used = ++tick;
		*out = e->sc;
	}
	pthread_mutex_unlock(&lock);
	if (*out)
		return CC_OK;
	if ((rc = parse(s, data_dir, id, hash, &sc, err)))
		return rc;
	pthread_mutex_lock(&lock);
	parses++;
	if ((e = find(key))) {          /* another thread parsed it meanwhile */
		cc_scenario_free(sc);
		free(sc);
	} else if ((e = slot())) {
		snprintf(e->key, sizeof(e->key), "%s", key);
		e->sc = sc;
	}
	if (e) {
		e->holders++;
		e->used = ++tick;
		*out = e->sc;
	}
	pthread_mutex_unlock(&lock);
	/* every slot held: this caller keeps a copy of its own, freed on
	 * release (not found in the cache) */
	if (!e)
		*out = sc;
	return CC_OK;
}

void cc_scenario_cache_release(const struct cc_scenario *sc)
{
	bool held = false;

	if (!sc)
		return;
	pthread_mutex_lock(&lock);
	for (int i = 0; i < CC_SCENARIO_CACHE_MAX && !held; i++)
		if (entries[i].sc == sc) {
			entries[i].holders--;
			held = true;
		}
	pthread_mutex_unlock(&lock);
	if (!held) {
		struct cc_scenario *own = (struct cc_scenario *)sc;
		cc_scenario_free(own);
		free(own);
	}
}

void cc_scenario_cache_clear(void)
{
	pthread_mutex_lock(&lock);
	for (int i = 0; i < CC_SCENARIO_CACHE_MAX; i++)
		if (entries[i].sc && !entries[i].holders)
			drop(&entries[i]);
	pthread_mutex_unlock(&lock);
}

long cc_scenario_cache_parses(void)
{
	long n;

	pthread_mutex_lock(&lock);
	n = parses;
	pthread_mutex_unlock(&lock);
	return n;
}
