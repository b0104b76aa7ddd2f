/*
 * arena.h - a bump allocator for data that lives and dies together.
 *
 * A framework's strings and arrays, or a responses file's unit ids, are
 * allocated from one arena and released by one cc_arena_free. Blocks grow
 * geometrically; a request larger than a block gets a block of its own.
 * Every allocation is aligned for any type.
 */
#ifndef CC_ARENA_H
#define CC_ARENA_H

#include <stddef.h>

struct cc_arena_block;

struct cc_arena {
	struct cc_arena_block *head;
	size_t next_size;
	size_t total;     /* bytes obtained from malloc, for limits and stats */
};

void cc_arena_init(struct cc_arena *a);
void cc_arena_free(struct cc_arena *a);

/* Returns NULL when out of memory. Memory is zeroed. */
void *cc_arena_alloc(struct cc_arena *a, size_t size);
void *cc_arena_array(struct cc_arena *a, size_t n, size_t size);

/* Copies len bytes and adds a NUL; NULL when out of memory. */
char *cc_arena_strndup(struct cc_arena *a, const char *s, size_t len);
char *cc_arena_strdup(struct cc_arena *a, const char *s);

#endif
