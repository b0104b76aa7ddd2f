/*
 * scenario_cache.h - a stored scenario version parsed once, not once per
 * request: every drill route loads its drill (drills.h), and a drill holds
 * the scenario version it runs. A version never changes (its id and hash
 * name its text and files), so a parsed one is shared by every caller
 * until the cache lets it go.
 *
 * The cache is the process's: at most CC_SCENARIO_CACHE_MAX versions,
 * the least recently used one not held by anyone dropped first; a mutex
 * makes it safe from every thread. A scenario from it is read-only (as
 * every finished scenario is, core/scenario.h) and stays valid until its
 * holder releases it.
 */
#ifndef CC_SCENARIO_CACHE_H
#define CC_SCENARIO_CACHE_H

#include "../core/scenario.h"
#include "../store/store.h"

#define CC_SCENARIO_CACHE_MAX 64

/* The parsed version (id, hash) of data_dir's store s (hash NULL: not
 * allowed; a drill always names its version): *out until
 * cc_scenario_cache_release. Reads and parses the stored text only when
 * the version is not in the cache. Errors as cc_store_scenario and
 * cc_scenarios_parse give them. */
int cc_scenario_cache_get(struct cc_store *s, const char *data_dir, const char *id,
			  const char *hash, const struct cc_scenario **out, struct cc_error *err);
void cc_scenario_cache_release(const struct cc_scenario *sc);

/* Drops every version no one holds (at exit, so that memory checkers see
 * none left; tests that count parses). */
void cc_scenario_cache_clear(void);

/* How many times a text was parsed since the start (for tests and the
 * benchmark). */
long cc_scenario_cache_parses(void);

#endif
