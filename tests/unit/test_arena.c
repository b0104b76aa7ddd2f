/*
 * test_arena.c - the bump allocator (core/arena.h).
 */
#include "helpers.h"

#include "core/arena.h"

static int all_zero(const unsigned char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i])
			return 0;
	return 1;
}

static void test_init_and_free(void **state)
{
	struct cc_arena a;

	(void)state;
	cc_arena_init(&a);
	assert_null(a.head);
	assert_int_equal(a.total, 0);
	assert_non_null(cc_arena_alloc(&a, 10));
	assert_non_null(a.head);
	assert_true(a.total >= 10);
	cc_arena_free(&a);
	assert_null(a.head);
	assert_int_equal(a.total, 0);
	/* Usable again after free. */
	assert_non_null(cc_arena_alloc(&a, 10));
	cc_arena_free(&a);
}

static void test_alignment_16(void **state)
{
	static const size_t sizes[] = {1, 3, 7, 15, 16, 17, 31, 33, 100, 0, 5};
	struct cc_arena a;

	(void)state;
	cc_arena_init(&a);
	for (int round = 0; round < 50; round++) {
		for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
			unsigned char *p = cc_arena_alloc(&a, sizes[i]);

			assert_non_null(p);
			assert_int_equal((uintptr_t)p % 16, 0);
		}
	}
	cc_arena_free(&a);
}

static void test_many_allocations_do_not_overlap(void **state)
{
	enum { N = 20000 };
	struct cc_arena a;
	unsigned char **p = malloc(N * sizeof(*p));

	(void)state;
	assert_non_null(p);
	cc_arena_init(&a);
	/* Sizes 1..97 cycling: about 1 MB over many blocks. Each block is
	 * zeroed, then filled with a byte of its own. */
	for (int i = 0; i < N; i++) {
		size_t n = (size_t)(i % 97) + 1;

		p[i] = cc_arena_alloc(&a, n);
		assert_non_null(p[i]);
		assert_true(all_zero(p[i], n));
		memset(p[i], i & 0xFF, n);
	}
	for (int i = 0; i < N; i++) {
		size_t n = (size_t)(i % 97) + 1;

		for (size_t k = 0; k < n; k++)
			assert_int_equal(p[i][k], i & 0xFF);
	}
	cc_arena_free(&a);
	free(p);
}

static void test_array(void **state)
{
	struct cc_arena a;
	double *d;

	(void)state;
	cc_arena_init(&a);
	d = cc_arena_array(&a, 100, sizeof(double));
	assert_non_null(d);
	assert_int_equal((uintptr_t)d % 16, 0);
	for (int i = 0; i < 100; i++)
		assert_true(d[i] == 0);
	/* n * size would overflow: refused. */
	assert_null(cc_arena_array(&a, SIZE_MAX / 2, 4));
	assert_null(cc_arena_alloc(&a, SIZE_MAX));
	cc_arena_free(&a);
}

static void test_strndup(void **state)
{
	struct cc_arena a;
	const char *src = "hello world";
	char *s, *t, *e;

	(void)state;
	cc_arena_init(&a);
	s = cc_arena_strndup(&a, src, 5);
	assert_string_equal(s, "hello");
	assert_ptr_not_equal(s, src);
	t = cc_arena_strdup(&a, src);
	assert_string_equal(t, "hello world");
	e = cc_arena_strndup(&a, src, 0);
	assert_string_equal(e, "");
	/* Bytes after a NUL inside len are copied too. */
	s = cc_arena_strndup(&a, "a\0b", 3);
	assert_int_equal(s[0], 'a');
	assert_int_equal(s[1], '\0');
	assert_int_equal(s[2], 'b');
	assert_int_equal(s[3], '\0');
	cc_arena_free(&a);
}

static void test_large_allocation(void **state)
{
	struct cc_arena a;
	size_t big = (size_t)40 << 20;   /* 40 MB, above any block size */
	unsigned char *small1, *p, *small2;

	(void)state;
	cc_arena_init(&a);
	small1 = cc_arena_alloc(&a, 32);
	memset(small1, 0xAB, 32);
	p = cc_arena_alloc(&a, big);
	assert_non_null(p);
	assert_int_equal((uintptr_t)p % 16, 0);
	assert_true(all_zero(p, big));
	memset(p, 0x5A, big);
	assert_true(a.total >= big + 32);
	small2 = cc_arena_alloc(&a, 64);
	assert_non_null(small2);
	assert_true(all_zero(small2, 64));
	/* Neither neighbour was touched. */
	for (int i = 0; i < 32; i++)
		assert_int_equal(small1[i], 0xAB);
	assert_int_equal(p[0], 0x5A);
	assert_int_equal(p[big - 1], 0x5A);
	cc_arena_free(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_init_and_free),
		cmocka_unit_test(test_alignment_16),
		cmocka_unit_test(test_many_allocations_do_not_overlap),
		cmocka_unit_test(test_array),
		cmocka_unit_test(test_strndup),
		cmocka_unit_test(test_large_allocation),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
