/*
 * arena.c - bump allocation in a list of blocks (see arena.h).
 */
#include "arena.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define ARENA_ALIGN 16
#define ARENA_FIRST 4096
#define ARENA_MAX_BLOCK (1u << 24)

struct cc_arena_block {
	struct cc_arena_block *next;
	size_t size;
	size_t used;
	_Alignas(ARENA_ALIGN) unsigned char data[];
};

void cc_arena_init(struct cc_arena *a)
{
	a->head = NULL;
	a->next_size = ARENA_FIRST;
	a->total = 0;
}

void cc_arena_free(struct cc_arena *a)
{
	struct cc_arena_block *b = a->head;

	while (b) {
		struct cc_arena_block *next = b->next;
		free(b);
		b = next;
	}
	cc_arena_init(a);
}

static struct cc_arena_block *arena_grow(struct cc_arena *a, size_t need)
{
	size_t size = a->next_size;
	struct cc_arena_block *b;

	if (size < need)
		size = need;
	if (size > SIZE_MAX - sizeof(*b))
		return NULL;
	b = malloc(sizeof(*b) + size);
	if (!b)
		return NULL;
	b->size = size;
	b->used = 0;
	b->next = a->head;
	a->head = b;
	a->total += size;
	if (a->next_size < ARENA_MAX_BLOCK)
		a->next_size *= 2;
	return b;
}

void *cc_arena_alloc(struct cc_arena *a, size_t size)
{
	struct cc_arena_block *b = a->head;
	size_t start;
	void *p;

	if (size == 0)
		size = 1;
	if (size > SIZE_MAX - ARENA_ALIGN)
		return NULL;
	start = b ? (b->used + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1) : 0;
	if (!b || start > b->size || b->size - start < size) {
		b = arena_grow(a, size);
		if (!b)
			return NULL;
		start = 0;
	}
	p = b->data + start;
	b->used = start + size;
	memset(p, 0, size);
	return p;
}

void *cc_arena_array(struct cc_arena *a, size_t n, size_t size)
{
	if (size && n > SIZE_MAX / size)
		return NULL;
	return cc_arena_alloc(a, n * size);
}

char *cc_arena_strndup(struct cc_arena *a, const char *s, size_t len)
{
	char *p;

	if (len == SIZE_MAX)
		return NULL;
	p = cc_arena_alloc(a, len + 1);
	if (!p)
		return NULL;
	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

char *cc_arena_strdup(struct cc_arena *a, const char *s)
{
	return cc_arena_strndup(a, s, strlen(s));
}
