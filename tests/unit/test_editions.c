/*
 * test_editions.c - the one rule that reads a framework node across
 * editions (service/editions.h), which the trend views and the plans'
 * re-measurement share: the node itself on its own edition, through the
 * mapping between two versions forwards and backwards (the strongest
 * relation, the mean of a split question's halves, the mapping before a
 * reused id, nothing for a node the mapping leaves out), the same id
 * without a mapping; and which editions hold a node id, from the snapshot
 * and from the store.
 */
#include "service/editions.h"
#include "service/mappings.h"
#include "service/service.h"

#include "helpers.h"
#include "service/snapshot.h"
#include "store/store.h"

#include <math.h>
#include <unistd.h>

/* v1 -> v2: q1 split in two (q1a, q1b), q2 renamed q2n, q3 is q4 in v2
 * (v2 reuses the id q3 for a new question), q5 dropped. */
static const char v1_yaml[] =
	"cybercap: 1.1\nid: ed\ntitle: Editions\nversion: \"1\"\nnodes:\n"
	"  - id: g\n    name: G\n    children:\n"
	"      - {id: q1, question: A and B?, type: yes_no}\n"
	"      - {id: q2, question: Old name?, type: yes_no}\n"
	"      - {id: q3, question: Moved?, type: yes_no}\n"
	"      - {id: q5, question: Dropped?, type: yes_no}\n";
static const char v2_yaml[] =
	"cybercap: 1.1\nid: ed\ntitle: Editions\nversion: \"2\"\nnodes:\n"
	"  - id: g\n    name: G\n    children:\n"
	"      - {id: q1a, question: A?, type: yes_no}\n"
	"      - {id: q1b, question: B?, type: yes_no}\n"
	"      - {id: q2n, question: New name?, type: yes_no}\n"
	"      - {id: q3, question: Brand new?, type: yes_no}\n"
	"      - {id: q4, question: Moved?, type: yes_no}\n";
static const char map_yaml[] =
	"cybercap-mapping: 1\nid: ed-1-2\ntitle: ed 1 to 2\nsource: ed\ntarget: ed\n"
	"source_version: \"1\"\ntarget_version: \"2\"\nmappings:\n"
	"  - {source: g, target: g, relation: subset}\n"
	"  - {source: q1, target: q1a, relation: superset}\n"
	"  - {source: q1, target: q1b, relation: superset}\n"
	"  - {source: q1, target: q4, relation: intersect}\n"
	"  - {source: q2, target: q2n, relation: equal}\n"
	"  - {source: q3, target: q4, relation: equal}\n";
/* a framework with two versions and no mapping between them */
static const char n1_yaml[] =
	"cybercap: 1.1\nid: nm\ntitle: No mapping\nversion: \"1\"\nnodes:\n"
	"  - {id: a, question: A?, type: yes_no}\n";
static const char n2_yaml[] =
	"cybercap: 1.1\nid: nm\ntitle: No mapping\nversion: \"2\"\nnodes:\n"
	"  - {id: a, question: A?, type: yes_no}\n  - {id: b, question: B?, type: yes_no}\n";

static const char units_csv[] = "iso3,name_en\nXAA,Fictional A\nXAB,Fictional B\n";
static const char c1_csv[] = "unit,question,answer\nXAA,q1,yes\nXAA,q2,no\nXAA,q3,yes\n"
			     "XAA,q5,yes\nXAB,q1,no\nXAB,q2,no\nXAB,q3,no\nXAB,q5,no\n";
static const char c2_csv[] = "unit,question,answer\nXAA,q1a,yes\nXAA,q1b,no\nXAA,q2n,yes\n"
			     "XAA,q3,no\nXAA,q4,yes\nXAB,q1a,no\nXAB,q1b,no\nXAB,q2n,no\n"
			     "XAB,q3,no\nXAB,q4,no\n";
static const char c3_csv[] = "unit,question,answer\nXAA,a,yes\nXAA,b,no\nXAB,a,no\nXAB,b,no\n";

struct fixture {
	char dir[64];
	struct cc_store *s;
	struct cc_snapshot *snap;
};

static int put(struct fixture *fx, const char *name, const char *text, bool mapping)
{
	struct cc_error err;
	char path[128], id[64];

	snprintf(path, sizeof(path), "%s/%s", fx->dir, name);
	write_file(path, text);
	if ((mapping ? cc_service_add_mapping(fx->s, path, id, sizeof(id), &err) :
	     cc_service_add_framework(fx->s, path, id, sizeof(id), &err))) {
		fprintf(stderr, "%s: %s\n", name, err.msg);
		return -1;
	}
	return 0;
}

static int setup(void **state)
{
	struct fixture *fx = calloc(1, sizeof(*fx));
	struct cc_error err;
	char up[128];
	int added;

	snprintf(fx->dir, sizeof(fx->dir), "/tmp/cc-editions-XXXXXX");
	if (!cc_test_mkdata(fx->dir))
		return -1;
	snprintf(up, sizeof(up), "%s/units.csv", fx->dir);
	write_file(up, units_csv);
	if (cc_store_open(&fx->s, fx->dir, 1, &err) ||
	    cc_service_add_units(fx->s, up, &added, &err)) {
		fprintf(stderr, "setup: %s\n", err.msg);
		return -1;
	}
	if (put(fx, "v1.yaml", v1_yaml, false) || put(fx, "v2.yaml", v2_yaml, false) ||
	    put(fx, "n1.yaml", n1_yaml, false) || put(fx, "n2.yaml", n2_yaml, false) ||
	    put(fx, "map.yaml", map_yaml, true) ||
	    import_published(fx->s, fx->dir, "c1", "ed", "1", 2025, c1_csv) ||
	    import_published(fx->s, fx->dir, "c2", "ed", "2", 2026, c2_csv) ||
	    import_published(fx->s, fx->dir, "c3", "nm", "2", 2026, c3_csv))
		return -1;
	if (cc_snapshot_load(fx->s, &fx->snap, &err)) {
		fprintf(stderr, "snapshot: %s\n", err.msg);
		return -1;
	}
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *fx = *state;
	int rc;

	cc_snapshot_free(fx->snap);
	cc_store_close(fx->s);
	rc = remove_dir(fx->dir);
	free(fx);
	return rc;
}

/* The ids r read in p, joined by spaces. */
static const char *ids(const struct cc_pub *p, const struct cc_edition_read *r)
{
	static char buf[256];

	buf[0] = '\0';
	for (int i = 0; i < r->n; i++) {
		if (i)
			strcat(buf, " ");
		strcat(buf, p->fw.nodes[r->nodes[i]].id);
	}
	return buf;
}

static int unit_of(const struct cc_pub *p, const char *unit)
{
	int u = cc_answers_find_unit(&p->answers, unit);

	assert_true(u >= 0);
	return u;
}

static void test_forwards_through_the_mapping(void **state)
{
	struct fixture *fx = *state;
	const struct cc_pub *p2 = cc_snapshot_pub(fx->snap, "c2");
	struct cc_edition_read r;
	int u = unit_of(p2, "XAA");

	assert_non_null(p2);
	/* a question split in two: both halves (superset beats intersect), their mean */
	cc_edition_read(fx->snap, p2, "q1", "1", &r);
	assert_string_equal(r.mapping, "ed-1-2");
	assert_string_equal(r.version, "2");
	assert_int_equal(r.relation, CC_REL_SUPERSET);
	assert_string_equal(ids(p2, &r), "q1a q1b");
	assert_near(cc_edition_mean(p2, u, &r, false), 0.5);
	assert_near(cc_edition_mean(p2, u, &r, true),
		    (cc_scores_points(&p2->scores, u, r.nodes[0]) +
		     cc_scores_points(&p2->scores, u, r.nodes[1])) / 2);
	/* renamed */
	cc_edition_read(fx->snap, p2, "q2", "1", &r);
	assert_int_equal(r.relation, CC_REL_EQUAL);
	assert_string_equal(ids(p2, &r), "q2n");
	assert_near(cc_edition_mean(p2, u, &r, false), 1);
	/* the mapping before the same id: v1's q3 is v2's q4, not v2's q3 */
	cc_edition_read(fx->snap, p2, "q3", "1", &r);
	assert_string_equal(ids(p2, &r), "q4");
	assert_near(cc_edition_mean(p2, u, &r, false), 1);
	/* left out of the mapping: no value */
	cc_edition_read(fx->snap, p2, "q5", "1", &r);
	assert_string_equal(r.mapping, "ed-1-2");
	assert_int_equal(r.relation, -1);
	assert_int_equal(r.n, 0);
	assert_nan(cc_edition_mean(p2, u, &r, false));
	assert_nan(cc_edition_mean(p2, -1, &r, false));
}

static void test_backwards_same_edition_and_no_mapping(void **state)
{
	struct fixture *fx = *state;
	const struct cc_pub *p1 = cc_snapshot_pub(fx->snap, "c1");
	const struct cc_pub *p3 = cc_snapshot_pub(fx->snap, "c3");
	struct cc_edition_read r;
	int u = unit_of(p1, "XAA");

	/* a v2 id read in a v1 campaign: the mapping backwards */
	cc_edition_read(fx->snap, p1, "q1b", "2", &r);
	assert_int_equal(r.relation, CC_REL_SUPERSET);
	assert_string_equal(ids(p1, &r), "q1");
	assert_near(cc_edition_mean(p1, u, &r, false), 1);
	cc_edition_read(fx->snap, p1, "q4", "2", &r);
	assert_int_equal(r.relation, CC_REL_EQUAL);
	assert_string_equal(ids(p1, &r), "q3");
	/* v2's q3 has no source, though v1 has an id q3 */
	cc_edition_read(fx->snap, p1, "q3", "2", &r);
	assert_int_equal(r.n, 0);
	assert_nan(cc_edition_mean(p1, u, &r, false));
	/* on its own edition (or none said): the node itself, no mapping */
	cc_edition_read(fx->snap, p1, "q3", "1", &r);
	assert_null(r.mapping);
	assert_int_equal(r.relation, -1);
	assert_string_equal(ids(p1, &r), "q3");
	cc_edition_read(fx->snap, p1, "q3", NULL, &r);
	assert_string_equal(ids(p1, &r), "q3");
	cc_edition_read(fx->snap, p1, "zz", "1", &r);
	assert_int_equal(r.n, 0);
	/* two versions and no mapping between them: the same id */
	cc_edition_read(fx->snap, p3, "a", "1", &r);
	assert_null(r.mapping);
	assert_string_equal(ids(p3, &r), "a");
	assert_near(cc_edition_mean(p3, unit_of(p3, "XAA"), &r, false), 1);
}

static void test_which_edition_holds_a_node(void **state)
{
	struct fixture *fx = *state;
	struct cc_error err;
	char v[16];

	assert_string_equal(cc_edition_of_node(fx->snap, "ed", "q1", "1"), "1");
	assert_string_equal(cc_edition_of_node(fx->snap, "ed", "q5", "2"), "1");
	assert_string_equal(cc_edition_of_node(fx->snap, "ed", "q3", "1"), "1");
	assert_string_equal(cc_edition_of_node(fx->snap, "ed", "q3", NULL), "2");
	assert_string_equal(cc_edition_of_node(fx->snap, "ed", "q1a", NULL), "2");
	assert_null(cc_edition_of_node(fx->snap, "ed", "zz", "2"));
	assert_null(cc_edition_of_node(fx->snap, "nope", "q1", NULL));
	/* from the store, the latest first */
	assert_int_equal(cc_service_framework_node(fx->s, "ed", "q5", v, sizeof(v), &err), CC_OK);
	assert_string_equal(v, "1");
	assert_int_equal(cc_service_framework_node(fx->s, "ed", "q3", v, sizeof(v), &err), CC_OK);
	assert_string_equal(v, "2");
	assert_int_equal(cc_service_framework_node(fx->s, "ed", "zz", v, sizeof(v), &err),
			 CC_ENOTFOUND);
	assert_int_equal(cc_service_framework_node(fx->s, "nope", "q1", v, sizeof(v), &err),
			 CC_ENOTFOUND);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_forwards_through_the_mapping, setup, teardown),
		cmocka_unit_test_setup_teardown(test_backwards_same_edition_and_no_mapping, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_which_edition_holds_a_node, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
