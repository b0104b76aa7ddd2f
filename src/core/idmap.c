/*
 * idmap.c - open-addressing string map (see idmap.h).
 */
#include "idmap.h"

#include "error.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

void cc_idmap_init(struct cc_idmap *m)
{
	m->slots = NULL;
	m->cap = 0;
	m->count = 0;
}

void cc_idmap_free(struct cc_idmap *m)
{
	free(m->slots);
	cc_idmap_init(m);
}

static uint64_t idmap_hash(const char *key, size_t len)
{
	uint64_t h = 1469598103934665603ull;

	for (size_t i = 0; i < len; i++) {
		h ^= (unsigned char)key[i];
		h *= 1099511628211ull;
	}
	return h;
}

static size_t idmap_find(const struct cc_idmap_slot *slots, size_t cap,
			 const char *key, size_t len)
{
	size_t i = (size_t)idmap_hash(key, len) & (cap - 1);

	while (slots[i].key) {
		if (slots[i].len == len && memcmp(slots[i].key, key, len) == 0)
			return i;
		i = (i + 1) & (cap - 1);
	}
	return i;
}

int cc_idmap_get(const struct cc_idmap *m, const char *key, size_t len)
{
	size_t i;

	if (!m->cap)
		return -1;
	i = idmap_find(m->slots, m->cap, key, len);
	return m->slots[i].key ? m->slots[i].value : -1;
}

static int idmap_grow(struct cc_idmap *m)
{
	size_t cap = m->cap ? m->cap * 2 : 64;
	struct cc_idmap_slot *slots;

	if (cap > SIZE_MAX / sizeof(*slots))
		return CC_ENOMEM;
	slots = calloc(cap, sizeof(*slots));
	if (!slots)
		return CC_ENOMEM;
	for (size_t i = 0; i < m->cap; i++) {
		if (m->slots[i].key) {
			size_t j = idmap_find(slots, cap, m->slots[i].key,
					      m->slots[i].len);
			slots[j] = m->slots[i];
		}
	}
	free(m->slots);
	m->slots = slots;
	m->cap = cap;
	return CC_OK;
}

int cc_idmap_put(struct cc_idmap *m, const char *key, size_t len, int value)
{
	size_t i;

	if ((m->count + 1) * 2 > m->cap) {
		int rc = idmap_grow(m);
		if (rc)
			return rc;
	}
	i = idmap_find(m->slots, m->cap, key, len);
	if (m->slots[i].key)
		return CC_EINPUT;
	m->slots[i].key = key;
	m->slots[i].len = len;
	m->slots[i].value = value;
	m->count++;
	return CC_OK;
}
