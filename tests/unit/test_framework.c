/*
 * test_framework.c - reading framework files (format/framework_yaml.h) and
 * what cc_framework_finish derives (core/framework.h).
 *
 * YAML is written one C string per line so that line numbers can be read
 * off the source; columns are 1-based and counted in comments.
 */
#include "helpers.h"

#define HEAD "cybercap: 1\n" \
	     "id: demo\n"    \
	     "title: Demo\n" \
	     "nodes:\n"
/* HEAD is lines 1-4; the first node starts on line 5. */

static void test_defaults(void **state)
{
	struct cc_framework fw;
	const struct cc_node *g, *q, *t;

	(void)state;
	parse_framework(&fw, HEAD
		"  - id: g\n"
		"    name: G\n"
		"    children:\n"
		"      - id: q1\n"
		"        question: Q1?\n"
		"        type: yes_no\n"
		"      - id: t\n"
		"        question: Notes\n"
		"        type: text\n");
	assert_string_equal(fw.id, "demo");
	assert_string_equal(fw.title, "Demo");
	assert_null(fw.version);
	assert_near(fw.scale, 100);
	assert_int_equal(fw.precision, 2);
	assert_int_equal(fw.ranking, CC_RANK_DENSE);
	assert_int_equal(fw.missing, CC_MISSING_ZERO);
	assert_int_equal(fw.nlevels, 0);
	assert_true(fw.finished);
	assert_int_equal(fw.nnodes, 4);
	assert_string_equal(fw.nodes[0].id, "demo");
	assert_int_equal(fw.nodes[0].parent, -1);

	g = &fw.nodes[node_of(&fw, "g")];
	q = &fw.nodes[node_of(&fw, "q1")];
	t = &fw.nodes[node_of(&fw, "t")];
	assert_int_equal(g->kind, CC_GROUP);
	assert_int_equal(g->agg, CC_AGG_MEAN);
	assert_near(g->weight, 1);
	assert_int_equal(g->depth, 1);
	assert_int_equal(q->kind, CC_QUESTION);
	assert_int_equal(q->qtype, CC_Q_YES_NO);
	assert_near(q->weight, 1);
	assert_false(q->has_partial);
	assert_int_equal(q->evidence, CC_EVIDENCE_OPTIONAL);
	assert_int_equal(q->parent, node_of(&fw, "g"));
	assert_int_equal(q->depth, 2);
	assert_false(q->has_when);
	assert_int_equal(t->qtype, CC_Q_TEXT);
	assert_near(t->weight, 0);     /* text: weight 0 by default */
	/* max: root 100; g 100 x 1/1; q1 100 x 1/(1+0) = 100; t 100 x 0/1 = 0 */
	assert_near(fw.nodes[0].max, 100);
	assert_near(g->max, 100);
	assert_near(q->max, 100);
	assert_near(t->max, 0);
	/* Leaves (questions, text included) in pre-order. */
	assert_int_equal(fw.nleaves, 2);
	assert_int_equal(fw.leaves[0], node_of(&fw, "q1"));
	assert_int_equal(fw.leaves[1], node_of(&fw, "t"));
	assert_int_equal(q->leaf, 0);
	assert_int_equal(g->leaf, -1);
	/* Position of a node: where its mapping starts ("      - id: q1"). */
	assert_int_equal(q->line, 8);
	assert_int_equal(q->col, 9);
	cc_framework_free(&fw);
}

static void test_top_level_keys(void **state)
{
	struct cc_framework fw;

	(void)state;
	parse_framework(&fw,
		"cybercap: 1\n"
		"id: x.y_z-2\n"
		"title: T\n"
		"version: \"2024\"\n"
		"scale: 20\n"
		"precision: 0\n"
		"ranking: competition\n"
		"missing: exclude\n"
		"levels:\n"
		"  - {id: T1, name: High, min: 15}\n"
		"  - {id: T2, min: 0}\n"
		"nodes:\n"
		"  - {id: q, question: Q, type: yes_no, partial: 0.5, evidence: required}\n");
	assert_string_equal(fw.id, "x.y_z-2");
	assert_string_equal(fw.version, "2024");
	assert_near(fw.scale, 20);
	assert_int_equal(fw.precision, 0);
	assert_int_equal(fw.ranking, CC_RANK_COMPETITION);
	assert_int_equal(fw.missing, CC_MISSING_EXCLUDE);
	assert_int_equal(fw.nlevels, 2);
	assert_string_equal(fw.levels[0].id, "T1");
	assert_string_equal(fw.levels[0].name, "High");
	assert_near(fw.levels[0].min, 15);
	assert_string_equal(fw.levels[1].id, "T2");
	assert_near(fw.levels[1].min, 0);
	assert_true(fw.nodes[1].has_partial);
	assert_near(fw.nodes[1].partial, 0.5);
	assert_int_equal(fw.nodes[1].evidence, CC_EVIDENCE_REQUIRED);
	assert_near(fw.nodes[1].max, 20);
	cc_framework_free(&fw);
}

static void test_max_points_and_leaves(void **state)
{
	struct cc_framework fw;

	(void)state;
	parse_framework(&fw,
		"cybercap: 1\n"
		"id: demo\n"
		"title: Demo\n"
		"scale: 200\n"
		"nodes:\n"
		"  - id: a\n"
		"    name: A\n"
		"    weight: 3\n"
		"    children:\n"
		"      - {id: a1, question: A1, type: yes_no}\n"
		"      - {id: a2, question: A2, type: yes_no, weight: 3}\n"
		"      - {id: a3, question: A3, type: yes_no, weight: 0}\n"
		"  - id: b\n"
		"    name: B\n"
		"    children:\n"
		"      - {id: b1, name: B1, indicator: true, weight: 2.5}\n"
		"  - id: c\n"
		"    name: C\n"
		"    weight: 0\n"
		"    children:\n"
		"      - {id: c1, question: C1, type: number, goalposts: [0, 10]}\n");
	/* root 200; siblings a, b, c weigh 3 + 1 + 0 = 4:
	 *   a = 200 x 3/4 = 150, b = 200 x 1/4 = 50, c = 200 x 0/4 = 0
	 * a's children weigh 1 + 3 + 0 = 4:
	 *   a1 = 150 x 1/4 = 37.5, a2 = 150 x 3/4 = 112.5, a3 = 0
	 * b1 alone: 50 x 2.5/2.5 = 50; c1 alone under c: 0 x 1/1 = 0 */
	assert_near(fw.nodes[0].max, 200);
	assert_near(fw.nodes[node_of(&fw, "a")].max, 150);
	assert_near(fw.nodes[node_of(&fw, "b")].max, 50);
	assert_near(fw.nodes[node_of(&fw, "c")].max, 0);
	assert_near(fw.nodes[node_of(&fw, "a1")].max, 37.5);
	assert_near(fw.nodes[node_of(&fw, "a2")].max, 112.5);
	assert_near(fw.nodes[node_of(&fw, "a3")].max, 0);
	assert_near(fw.nodes[node_of(&fw, "b1")].max, 50);
	assert_near(fw.nodes[node_of(&fw, "c1")].max, 0);
	/* 9 nodes (root included), 5 leaves: a1 a2 a3 b1 c1 */
	assert_int_equal(fw.nnodes, 9);
	assert_int_equal(fw.nleaves, 5);
	assert_int_equal(fw.nodes[node_of(&fw, "b1")].kind, CC_INDICATOR);
	assert_int_equal(fw.nodes[node_of(&fw, "b1")].norm, CC_NORM_MINMAX);
	assert_int_equal(fw.nodes[node_of(&fw, "b1")].direction, 1);
	assert_int_equal(fw.leaves[3], node_of(&fw, "b1"));
	assert_int_equal(fw.leaves[4], node_of(&fw, "c1"));
	assert_int_equal(cc_framework_find(&fw, "nope"), -1);
	cc_framework_free(&fw);
}

static void test_err_unknown_key(void **state)
{
	(void)state;
	assert_framework_error(HEAD
		"  - id: q1\n"
		"    question: Q1?\n"
		"    type: yes_no\n"
		"    wieght: 2\n",           /* line 8, key at col 5 */
		8, 5, "wieght");
	assert_framework_error(
		"cybercap: 1\n"
		"id: demo\n"
		"titel: Demo\n",             /* line 3, col 1 */
		3, 1, "titel");
}

static void test_err_missing_id(void **state)
{
	(void)state;
	assert_framework_error(HEAD
		"  - name: G\n"              /* line 5: mapping starts col 5 */
		"    children:\n"
		"      - id: q1\n"
		"        question: Q?\n"
		"        type: yes_no\n",
		5, 5, "\"id\"");
}

static void test_err_group_without_name(void **state)
{
	(void)state;
	assert_framework_error(HEAD
		"  - id: g\n"                /* line 5, col 5 */
		"    children:\n"
		"      - id: q1\n"
		"        question: Q?\n"
		"        type: yes_no\n",
		5, 5, "\"name\"");
}

static void test_err_negative_weight(void **state)
{
	(void)state;
	assert_framework_error(HEAD
		"  - id: q1\n"
		"    question: Q1?\n"
		"    type: yes_no\n"
		"    weight: -1\n",          /* "    weight: " is 12 chars: col 13 */
		8, 13, "weight");
}

static void test_err_duplicate_id(void **state)
{
	(void)state;
	assert_framework_error(HEAD
		"  - id: q1\n"
		"    question: A?\n"
		"    type: yes_no\n"
		"  - id: q1\n"               /* line 8, the second one, col 5 */
		"    question: B?\n"
		"    type: yes_no\n",
		8, 5, "q1");
	/* A node may not reuse the framework's own id. */
	assert_framework_error(HEAD
		"  - id: demo\n"
		"    question: A?\n"
		"    type: yes_no\n",
		5, 5, "demo");
}

static void test_err_when_names_no_question(void **state)
{
	(void)state;
	/* "    when: {q: nope, is: yes}": '{' col 11, 'q' 12, "nope" col 15 */
	assert_framework_error(HEAD
		"  - id: q1\n"
		"    question: A?\n"
		"    type: yes_no\n"
		"  - id: q2\n"
		"    question: B?\n"
		"    type: yes_no\n"
		"    when: {q: nope, is: yes}\n",
		11, 15, "nope");
	/* A group is not a question either. */
	assert_framework_error(HEAD
		"  - id: g\n"
		"    name: G\n"
		"    children:\n"
		"      - {id: q1, question: A?, type: yes_no}\n"
		"  - id: q2\n"
		"    question: B?\n"
		"    type: yes_no\n"
		"    when: {q: g, is: yes}\n",
		12, 15, "\"g\"");
}

static void test_err_when_cycle_and_self(void **state)
{
	(void)state;
	/* a reads b and b reads a: the cycle closes at b's `when` (line 12,
	 * q's value at col 15). */
	assert_framework_error(HEAD
		"  - id: a\n"
		"    question: A?\n"
		"    type: yes_no\n"
		"    when: {q: b, is: yes}\n"
		"  - id: b\n"
		"    question: B?\n"
		"    type: yes_no\n"
		"    when: {q: a, is: yes}\n",
		12, 15, "itself");
	/* A group's `when` may not read a question inside the group. */
	assert_framework_error(HEAD
		"  - id: g\n"
		"    name: G\n"
		"    when: {q: q1, is: yes}\n"
		"    children:\n"
		"      - {id: q1, question: Q1, type: yes_no}\n",
		7, 15, "inside");
}

static void test_err_when_is_impossible(void **state)
{
	(void)state;
	/* The offending value is `is: maybe`, on line 13:
	 * "      is: maybe" - 6 spaces, "is:" cols 7-9, value at col 11. */
	assert_framework_error(HEAD
		"  - id: q1\n"
		"    question: A?\n"
		"    type: yes_no\n"
		"  - id: q2\n"
		"    question: B?\n"
		"    type: yes_no\n"
		"    when:\n"
		"      q: q1\n"
		"      is: maybe\n",
		13, 11, "maybe");
}

static void test_err_partial_on_choice(void **state)
{
	(void)state;
	assert_framework_error(HEAD
		"  - id: q1\n"
		"    question: A?\n"
		"    type: choice\n"
		"    partial: 0.5\n"         /* line 8, key at col 5 */
		"    options:\n"
		"      - {id: a, value: 1}\n",
		8, 5, "partial");
}

static void test_err_stage_child_without_stage(void **state)
{
	(void)state;
	assert_framework_error(HEAD
		"  - id: g\n"
		"    name: G\n"
		"    aggregate: stage\n"
		"    children:\n"
		"      - id: s1\n"
		"        question: S1?\n"
		"        type: yes_no\n"
		"        stage: 1\n"
		"      - id: s2\n"           /* line 13: "      - id" -> col 9 */
		"        question: S2?\n"
		"        type: yes_no\n",
		13, 9, "s2");
}

static void test_err_alias(void **state)
{
	(void)state;
	/* The alias is the value of `question` on line 9 (key at col 5). */
	assert_framework_error(HEAD
		"  - id: q1\n"
		"    question: &qt A?\n"
		"    type: yes_no\n"
		"  - id: q2\n"
		"    question: *qt\n"
		"    type: yes_no\n",
		9, 5, "alias");
}

static void test_err_second_document(void **state)
{
	(void)state;
	assert_framework_error(HEAD
		"  - {id: q1, question: A?, type: yes_no}\n"
		"---\n"                      /* line 6 */
		"cybercap: 1\n",             /* line 7: the second root */
		7, 1, "second");
}

static void test_err_empty(void **state)
{
	(void)state;
	assert_framework_error("", 1, 1, "empty");
	assert_framework_error("# only a comment\n", 1, 1, "empty");
}

static void test_err_version_and_precision(void **state)
{
	(void)state;
	/* "cybercap: 2": the value at col 11 */
	assert_framework_error(
		"cybercap: 2\n"
		"id: demo\n"
		"title: Demo\n"
		"nodes:\n"
		"  - {id: q1, question: A?, type: yes_no}\n",
		1, 11, "version");
	/* "precision: 7": the value at col 12, line 4 */
	assert_framework_error(
		"cybercap: 1\n"
		"id: demo\n"
		"title: Demo\n"
		"precision: 7\n"
		"nodes:\n"
		"  - {id: q1, question: A?, type: yes_no}\n",
		4, 12, "precision");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_top_level_keys),
		cmocka_unit_test(test_max_points_and_leaves),
		cmocka_unit_test(test_err_unknown_key),
		cmocka_unit_test(test_err_missing_id),
		cmocka_unit_test(test_err_group_without_name),
		cmocka_unit_test(test_err_negative_weight),
		cmocka_unit_test(test_err_duplicate_id),
		cmocka_unit_test(test_err_when_names_no_question),
		cmocka_unit_test(test_err_when_cycle_and_self),
		cmocka_unit_test(test_err_when_is_impossible),
		cmocka_unit_test(test_err_partial_on_choice),
		cmocka_unit_test(test_err_stage_child_without_stage),
		cmocka_unit_test(test_err_alias),
		cmocka_unit_test(test_err_second_document),
		cmocka_unit_test(test_err_empty),
		cmocka_unit_test(test_err_version_and_precision),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
