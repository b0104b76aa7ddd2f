/*
 * test_idmap.c - the string -> int hash map (core/idmap.h).
 */
#include "helpers.h"

#include "core/idmap.h"

static int get(const struct cc_idmap *m, const char *key)
{
	return cc_idmap_get(m, key, strlen(key));
}

static int put(struct cc_idmap *m, const char *key, int value)
{
	return cc_idmap_put(m, key, strlen(key), value);
}

static void test_empty_map(void **state)
{
	struct cc_idmap m;

	(void)state;
	cc_idmap_init(&m);
	assert_int_equal(get(&m, "a"), -1);
	assert_int_equal(get(&m, ""), -1);
	assert_int_equal(m.count, 0);
	cc_idmap_free(&m);
	cc_idmap_free(&m);  /* freeing twice is harmless: free re-inits */
}

static void test_put_get(void **state)
{
	struct cc_idmap m;

	(void)state;
	cc_idmap_init(&m);
	assert_int_equal(put(&m, "legal", 0), CC_OK);
	assert_int_equal(put(&m, "technical", 7), CC_OK);
	assert_int_equal(put(&m, "org", 123456), CC_OK);
	assert_int_equal(get(&m, "legal"), 0);
	assert_int_equal(get(&m, "technical"), 7);
	assert_int_equal(get(&m, "org"), 123456);
	assert_int_equal(get(&m, "Legal"), -1);    /* case matters */
	assert_int_equal(get(&m, "missing"), -1);
	assert_int_equal(m.count, 3);
	cc_idmap_free(&m);
}

static void test_duplicate_put(void **state)
{
	struct cc_idmap m;
	char copy[] = "legal";  /* same text, another pointer */

	(void)state;
	cc_idmap_init(&m);
	assert_int_equal(put(&m, "legal", 1), CC_OK);
	assert_int_equal(put(&m, copy, 2), CC_EINPUT);
	assert_int_equal(put(&m, "legal", 3), CC_EINPUT);
	assert_int_equal(get(&m, "legal"), 1);  /* unchanged */
	assert_int_equal(m.count, 1);
	cc_idmap_free(&m);
}

static void test_growth_past_1000(void **state)
{
	enum { N = 2500 };
	static char keys[N][16];
	struct cc_idmap m;

	(void)state;
	cc_idmap_init(&m);
	for (int i = 0; i < N; i++) {
		snprintf(keys[i], sizeof(keys[i]), "k%d", i);
		assert_int_equal(put(&m, keys[i], i * 3), CC_OK);
	}
	assert_int_equal(m.count, N);
	/* Kept at most half full, and a power of two. */
	assert_true(m.cap >= 2 * (size_t)N);
	assert_int_equal(m.cap & (m.cap - 1), 0);
	for (int i = 0; i < N; i++)
		assert_int_equal(get(&m, keys[i]), i * 3);
	assert_int_equal(get(&m, "k2500"), -1);
	assert_int_equal(get(&m, "k-1"), -1);
	/* Every key is still refused a second time after the growth. */
	for (int i = 0; i < N; i += 97)
		assert_int_equal(put(&m, keys[i], -5), CC_EINPUT);
	assert_int_equal(m.count, N);
	cc_idmap_free(&m);
}

static void test_same_prefix(void **state)
{
	struct cc_idmap m;
	const char *text = "abcdef";

	(void)state;
	cc_idmap_init(&m);
	/* Keys are (pointer, length): "a", "ab", "abc" all point into text. */
	assert_int_equal(cc_idmap_put(&m, text, 1, 1), CC_OK);
	assert_int_equal(cc_idmap_put(&m, text, 2, 2), CC_OK);
	assert_int_equal(cc_idmap_put(&m, text, 3, 3), CC_OK);
	assert_int_equal(put(&m, "abcd.x", 4), CC_OK);
	assert_int_equal(put(&m, "abcd.xy", 5), CC_OK);
	assert_int_equal(get(&m, "a"), 1);
	assert_int_equal(get(&m, "ab"), 2);
	assert_int_equal(get(&m, "abc"), 3);
	assert_int_equal(get(&m, "abcd"), -1);
	assert_int_equal(get(&m, "abcd.x"), 4);
	assert_int_equal(get(&m, "abcd.xy"), 5);
	assert_int_equal(get(&m, "abcd.xyz"), -1);
	/* A lookup reads len bytes only. */
	assert_int_equal(cc_idmap_get(&m, "abZZ", 2), 2);
	assert_int_equal(cc_idmap_put(&m, "abcQ", 3, 9), CC_EINPUT);
	cc_idmap_free(&m);
}

static void test_empty_key(void **state)
{
	struct cc_idmap m;

	(void)state;
	cc_idmap_init(&m);
	assert_int_equal(cc_idmap_put(&m, "", 0, 5), CC_OK);
	assert_int_equal(cc_idmap_get(&m, "x", 0), 5);
	assert_int_equal(get(&m, "x"), -1);
	cc_idmap_free(&m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_empty_map),
		cmocka_unit_test(test_put_get),
		cmocka_unit_test(test_duplicate_put),
		cmocka_unit_test(test_growth_past_1000),
		cmocka_unit_test(test_same_prefix),
		cmocka_unit_test(test_empty_key),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
