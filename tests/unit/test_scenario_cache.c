/*
 * test_scenario_cache.c - a stored scenario version parsed once and shared
 * (service/scenario_cache): a second get parses nothing and gives the same
 * scenario; a new version of the id is a new entry; the least recently
 * used version no one holds is dropped past CC_SCENARIO_CACHE_MAX, a held
 * one never is; when every slot is held a caller gets a copy of its own,
 * freed on release; a version that is not there is CC_ENOTFOUND.
 */
#include "helpers.h"

#include "service/scenario_cache.h"
#include "service/scenarios.h"
#include "store/store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct fixture {
	char dir[64];
	struct cc_store *s;
	char hash[CC_SCENARIO_CACHE_MAX + 2][65];
};

static void add(struct fixture *fx, int i, const char *title)
{
	char text[512];
	struct cc_scenario_added out;
	struct cc_error err;

	snprintf(text, sizeof(text), "cybercap-scenario: 1\nid: s%d\ntitle: %s\n"
		 "objectives: [{id: o, name: O}]\nteams: [{id: t, name: T}]\n"
		 "injects:\n  - {id: i, at: %d, to: [all], channel: email, title: T, content: C}\n",
		 i, title, i);
	struct cc_list l;

	if (fx->hash[i][0]) {      /* a new version of a stored one */
		char id[16];
		snprintf(id, sizeof(id), "s%d", i);
		assert_int_equal(cc_store_scenario(fx->s, id, NULL, &l, &err), CC_OK);
		assert_int_equal(cc_scenarios_add_version(fx->s, fx->dir, l.items, text,
							  strlen(text), "t", &out, &err), CC_OK);
		assert_true(out.created);
		cc_list_free(&l);
	} else {
		assert_int_equal(cc_scenarios_add_body(fx->s, fx->dir, text, strlen(text), "t",
						       &out, &err), CC_OK);
	}
	snprintf(fx->hash[i], sizeof(fx->hash[i]), "%s", out.hash);
}

static int setup(void **state)
{
	struct fixture *fx = calloc(1, sizeof(*fx));
	struct cc_error err;

	snprintf(fx->dir, sizeof(fx->dir), "/tmp/cc-scache-XXXXXX");
	if (!cc_test_mkdata(fx->dir) || cc_store_open(&fx->s, fx->dir, 1, &err))
		return -1;
	for (int i = 0; i < CC_SCENARIO_CACHE_MAX + 2; i++)
		add(fx, i, "First");
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *fx = *state;
	char cmd[128];

	cc_scenario_cache_clear();
	cc_store_close(fx->s);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", fx->dir);
	free(fx);
	return system(cmd) != 0;
}

static const struct cc_scenario *get(struct fixture *fx, int i)
{
	const struct cc_scenario *sc = NULL;
	char id[16];
	struct cc_error err;

	snprintf(id, sizeof(id), "s%d", i);
	assert_int_equal(cc_scenario_cache_get(fx->s, fx->dir, id, fx->hash[i], &sc, &err), CC_OK);
	assert_non_null(sc);
	assert_string_equal(sc->id, id);
	return sc;
}

static void test_once_per_version(void **state)
{
	struct fixture *fx = *state;
	long before = cc_scenario_cache_parses();
	const struct cc_scenario *a = get(fx, 0), *b;
	struct cc_error err;

	assert_int_equal(cc_scenario_cache_parses(), before + 1);
	assert_int_equal(a->ninjects, 1);
	assert_near(a->injects[0].planned, 0);
	b = get(fx, 0);
	assert_ptr_equal(a, b);
	assert_int_equal(cc_scenario_cache_parses(), before + 1);
	cc_scenario_cache_release(a);
	cc_scenario_cache_release(b);
	b = get(fx, 0);
	assert_ptr_equal(a, b);       /* kept when no one holds it */
	assert_int_equal(cc_scenario_cache_parses(), before + 1);
	cc_scenario_cache_release(b);
	assert_int_equal(cc_scenario_cache_get(fx->s, fx->dir, "s0", "00", &b, &err), CC_ENOTFOUND);
	assert_int_equal(cc_scenario_cache_get(fx->s, fx->dir, "s0", NULL, &b, &err), CC_EUSAGE);
}

static void test_new_version_new_entry(void **state)
{
	struct fixture *fx = *state;
	char old[65];
	const struct cc_scenario *a, *b;

	snprintf(old, sizeof(old), "%s", fx->hash[1]);
	a = get(fx, 1);
	add(fx, 1, "Second");
	assert_string_not_equal(old, fx->hash[1]);
	b = get(fx, 1);
	assert_ptr_not_equal(a, b);
	assert_string_equal(a->title, "First");
	assert_string_equal(b->title, "Second");
	cc_scenario_cache_release(a);
	cc_scenario_cache_release(b);
}

static void test_eviction_spares_the_held(void **state)
{
	struct fixture *fx = *state;
	const struct cc_scenario *held = get(fx, 2), *x;
	long before;

	/* every other version once: more than the cache holds */
	for (int i = 3; i < CC_SCENARIO_CACHE_MAX + 2; i++)
		cc_scenario_cache_release(get(fx, i));
	cc_scenario_cache_release(get(fx, 0));
	before = cc_scenario_cache_parses();
	x = get(fx, 2);
	assert_ptr_equal(x, held);                  /* never dropped while held */
	assert_int_equal(cc_scenario_cache_parses(), before);
	cc_scenario_cache_release(x);
	cc_scenario_cache_release(held);
	/* s3 was the least recently used: it was dropped and is parsed again */
	before = cc_scenario_cache_parses();
	cc_scenario_cache_release(get(fx, 3));
	assert_int_equal(cc_scenario_cache_parses(), before + 1);
}

static void test_all_held_gives_a_copy(void **state)
{
	struct fixture *fx = *state;
	const struct cc_scenario *held[CC_SCENARIO_CACHE_MAX + 2];

	cc_scenario_cache_clear();
	for (int i = 0; i < CC_SCENARIO_CACHE_MAX + 2; i++)
		held[i] = get(fx, i);
	/* the last two found every slot held: copies of their own */
	assert_int_equal(held[CC_SCENARIO_CACHE_MAX + 1]->ninjects, 1);
	for (int i = 0; i < CC_SCENARIO_CACHE_MAX + 2; i++)
		cc_scenario_cache_release(held[i]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_once_per_version),
		cmocka_unit_test(test_new_version_new_entry),
		cmocka_unit_test(test_eviction_spares_the_held),
		cmocka_unit_test(test_all_held_gives_a_copy),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
