/*
 * test_framework_cache.c - parsed frameworks kept per version
 * (service/framework_cache.c, core/framework_share.c): a version is parsed
 * once and every caller reads the same parse; another version is parsed
 * apart; a view outlives the table's hold on it; many threads take and
 * release views at once.
 */
#include "helpers.h"

#include "service/service.h"
#include "store/store.h"

#include <pthread.h>

#define YAML(title) \
	"cybercap: 1\nid: cached\ntitle: " title "\nversion: '1'\n" \
	"nodes:\n" \
	"  - id: a\n    name: A\n    children:\n" \
	"      - {id: a1, question: Q1, type: yes_no}\n" \
	"      - {id: a2, question: Q2, type: yes_no}\n" \
	"  - id: b\n    name: B\n    children:\n" \
	"      - {id: b1, question: Q3, type: yes_no}\n"

static const char v1_yaml[] = YAML("Cached one");

struct fixture {
	char dir[64];
	struct cc_store *s;
	char hash[65];
};

static int put(struct fixture *fx, const char *yaml, char *hash)
{
	struct cc_error err;

	return cc_store_put_framework(fx->s, "cached", "1", "Cached", yaml, strlen(yaml),
				      hash, &err);
}

static int setup(void **state)
{
	struct fixture *fx = calloc(1, sizeof(*fx));
	struct cc_error err;

	snprintf(fx->dir, sizeof(fx->dir), "/tmp/cc-fwcache-XXXXXX");
	if (!fx || !cc_test_mkdata(fx->dir) || cc_store_open(&fx->s, fx->dir, 1, &err) ||
	    put(fx, v1_yaml, fx->hash))
		return -1;
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *fx = *state;
	int rc;

	cc_store_close(fx->s);
	rc = remove_dir(fx->dir);
	free(fx);
	return rc;
}

static void test_one_parse_per_version(void **state)
{
	struct fixture *fx = *state;
	struct cc_framework a, b, latest, own;
	struct cc_error err;

	assert_int_equal(cc_service_framework(fx->s, "cached", fx->hash, &a, &err), CC_OK);
	assert_int_equal(cc_service_framework(fx->s, "cached", fx->hash, &b, &err), CC_OK);
	assert_int_equal(cc_service_framework(fx->s, "cached", NULL, &latest, &err), CC_OK);
	/* the same memory: parsed once */
	assert_ptr_equal(a.nodes, b.nodes);
	assert_ptr_equal(a.nodes, latest.nodes);
	/* and the same as a parse of the text */
	parse_framework(&own, v1_yaml);
	assert_int_equal(a.nnodes, own.nnodes);
	assert_int_equal(a.nleaves, own.nleaves);
	assert_string_equal(a.title, own.title);
	for (int i = 0; i < own.nnodes; i++)
		assert_string_equal(a.nodes[i].id, own.nodes[i].id);
	cc_framework_free(&own);
	/* one view released, the others still read it */
	cc_framework_free(&a);
	assert_null(a.nodes);
	assert_int_equal(cc_framework_find(&b, "b1"), cc_framework_find(&latest, "b1"));
	assert_true(cc_framework_find(&b, "b1") > 0);
	cc_framework_free(&b);
	assert_string_equal(latest.nodes[latest.leaves[2]].id, "b1");
	cc_framework_free(&latest);
	/* missing ids and versions are still errors */
	assert_int_equal(cc_service_framework(fx->s, "nope", NULL, &a, &err), CC_ENOTFOUND);
	assert_int_equal(cc_service_framework(fx->s, "cached", "00", &a, &err), CC_ENOTFOUND);
}

static void test_versions_apart(void **state)
{
	struct fixture *fx = *state;
	struct cc_framework old, fresh, latest;
	struct cc_error err;
	char hash2[65];

	assert_int_equal(put(fx, YAML("Cached two"), hash2), CC_OK);
	assert_string_not_equal(hash2, fx->hash);
	assert_int_equal(cc_service_framework(fx->s, "cached", fx->hash, &old, &err), CC_OK);
	assert_int_equal(cc_service_framework(fx->s, "cached", hash2, &fresh, &err), CC_OK);
	assert_int_equal(cc_service_framework(fx->s, "cached", NULL, &latest, &err), CC_OK);
	assert_string_equal(old.title, "Cached one");
	assert_string_equal(fresh.title, "Cached two");
	assert_ptr_not_equal(old.nodes, fresh.nodes);
	assert_ptr_equal(latest.nodes, fresh.nodes);
	cc_framework_free(&old);
	cc_framework_free(&fresh);
	cc_framework_free(&latest);
}

/* A view taken before its version is pushed out of the table (more
 * versions than it has slots) stays readable until released; ASan
 * reports it otherwise. */
static void test_view_outlives_the_table(void **state)
{
	struct fixture *fx = *state;
	struct cc_framework held, other;
	struct cc_error err;
	char text[sizeof(v1_yaml) + 64], hash[65], title[16];

	assert_int_equal(cc_service_framework(fx->s, "cached", fx->hash, &held, &err), CC_OK);
	for (int i = 0; i < 40; i++) {
		snprintf(title, sizeof(title), "Cached%04d", i);
		snprintf(text, sizeof(text), YAML("%s"), title);
		assert_int_equal(put(fx, text, hash), CC_OK);
		assert_int_equal(cc_service_framework(fx->s, "cached", hash, &other, &err), CC_OK);
		assert_int_equal(strncmp(other.title, "Cached", 6), 0);
		assert_int_equal(atoi(other.title + 6), i);
		cc_framework_free(&other);
	}
	assert_string_equal(held.title, "Cached one");
	assert_string_equal(held.nodes[held.leaves[0]].id, "a1");
	cc_framework_free(&held);
	/* pushed out: parsed again, with the same content */
	assert_int_equal(cc_service_framework(fx->s, "cached", fx->hash, &held, &err), CC_OK);
	assert_string_equal(held.title, "Cached one");
	cc_framework_free(&held);
}

struct worker {
	struct fixture *fx;
	int ok;
};

static void *take_and_release(void *arg)
{
	struct worker *w = arg;
	struct cc_error err;

	for (int i = 0; i < 5000; i++) {
		struct cc_framework fw;
		if (cc_service_framework(w->fx->s, "cached", w->fx->hash, &fw, &err) != CC_OK)
			return NULL;
		w->ok += fw.nleaves == 3 && cc_framework_find(&fw, "a2") >= 0;
		cc_framework_free(&fw);
	}
	return NULL;
}

static void test_threads_share_it(void **state)
{
	struct fixture *fx = *state;
	struct cc_framework first;
	struct worker w[8];
	pthread_t t[8];
	struct cc_error err;

	/* cached first, so that the threads never touch the store */
	assert_int_equal(cc_service_framework(fx->s, "cached", fx->hash, &first, &err), CC_OK);
	for (int i = 0; i < 8; i++) {
		w[i] = (struct worker){fx, 0};
		assert_int_equal(pthread_create(&t[i], NULL, take_and_release, &w[i]), 0);
	}
	for (int i = 0; i < 8; i++) {
		pthread_join(t[i], NULL);
		assert_int_equal(w[i].ok, 5000);
	}
	assert_int_equal(first.nleaves, 3);
	cc_framework_free(&first);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_one_parse_per_version, setup, teardown),
		cmocka_unit_test_setup_teardown(test_versions_apart, setup, teardown),
		cmocka_unit_test_setup_teardown(test_view_outlives_the_table, setup, teardown),
		cmocka_unit_test_setup_teardown(test_threads_share_it, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
