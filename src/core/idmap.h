/*
 * idmap.h - a hash map from identifier strings to small integers.
 *
 * Used for node ids in a framework and unit ids in a set of answers. The map
 * does not own its keys: they must outlive it (they usually sit in an arena
 * beside it). Open addressing with linear probing, FNV-1a hashing, kept at
 * most half full.
 */
#ifndef CC_IDMAP_H
#define CC_IDMAP_H

#include <stddef.h>

struct cc_idmap_slot {
	const char *key;
	size_t len;
	int value;
};

struct cc_idmap {
	struct cc_idmap_slot *slots;
	size_t cap;       /* a power of two, or 0 */
	size_t count;
};

void cc_idmap_init(struct cc_idmap *m);
void cc_idmap_free(struct cc_idmap *m);

/* Returns the value for key, or -1 when absent. */
int cc_idmap_get(const struct cc_idmap *m, const char *key, size_t len);

/* Adds key -> value. Returns CC_OK, CC_ENOMEM, or CC_EINPUT when the key is
 * present already (the map is then unchanged). */
int cc_idmap_put(struct cc_idmap *m, const char *key, size_t len, int value);

#endif
