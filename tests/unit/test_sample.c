/*
 * test_sample.c - fictional answers (core/sample.h).
 */
#include "helpers.h"

#include "core/sample.h"

/* Twelve yes_no questions, no partial, no conditions. */
static const char *const yes_no_yaml =
	"cybercap: 1\nid: s\ntitle: S\nnodes:\n"
	"  - id: g\n    name: G\n    children:\n"
	"      - {id: q1, question: Q1, type: yes_no}\n"
	"      - {id: q2, question: Q2, type: yes_no}\n"
	"      - {id: q3, question: Q3, type: yes_no}\n"
	"      - {id: q4, question: Q4, type: yes_no}\n"
	"      - {id: q5, question: Q5, type: yes_no}\n"
	"      - {id: q6, question: Q6, type: yes_no}\n"
	"  - {id: q7, question: Q7, type: yes_no}\n"
	"  - {id: q8, question: Q8, type: yes_no}\n"
	"  - {id: q9, question: Q9, type: yes_no}\n"
	"  - {id: q10, question: Q10, type: yes_no}\n"
	"  - {id: q11, question: Q11, type: yes_no}\n"
	"  - {id: q12, question: Q12, type: yes_no}\n";

/* Every question type, and conditions: gated needs gate = yes; the group
 * cond needs gate = yes; chained reads gated (itself conditional). */
static const char *const mixed_yaml =
	"cybercap: 1\nid: m\ntitle: M\nnodes:\n"
	"  - {id: gate, question: Gate, type: yes_no}\n"
	"  - {id: gated, question: Gated, type: yes_no, when: {q: gate, is: yes}}\n"
	"  - id: cond\n    name: Cond\n    when: {q: gate, is: yes}\n    na: exclude\n"
	"    children:\n"
	"      - {id: c1, question: C1, type: yes_no, partial: 0.5}\n"
	"      - {id: c2, question: C2, type: choice, options: [{id: lo, value: 0}, {id: hi, value: 1}]}\n"
	"  - {id: chained, question: Chained, type: yes_no, when: {q: gated, is: yes}}\n"
	"  - {id: mu, question: MU, type: multi, options: [{id: x, value: 0.5}, {id: y, value: 0.5}]}\n"
	"  - {id: nu, question: NU, type: number, goalposts: [0, 10]}\n"
	"  - {id: th, question: TH, type: number, thresholds: [{min: 1, value: 0.5}, {min: 5, value: 1}]}\n"
	"  - {id: tx, question: TX, type: text}\n"
	"  - {id: ind, name: IND, indicator: true}\n";

static void sample(const struct cc_framework *fw, int units, unsigned long seed,
		   int edition, double blank, struct cc_answers *a)
{
	struct cc_sample_opts o = {.units = units, .seed = seed, .edition = edition, .blank_rate = blank};
	struct cc_error err;

	cc_error_clear(&err);
	if (cc_sample_answers(fw, &o, a, &err) != CC_OK) {
		print_error("cc_sample_answers: %s\n", err.msg);
		fail();
	}
	assert_int_equal(a->nunits, units);
}

static int same_cell(const struct cc_answers *a, const struct cc_answers *b,
		     int u, int l)
{
	const struct cc_answer *x = cc_answers_cell(a, u, l);
	const struct cc_answer *y = cc_answers_cell(b, u, l);
	const struct cc_node *n = &a->fw->nodes[a->fw->leaves[l]];

	if (cc_answer_present(x) != cc_answer_present(y))
		return 0;
	if (!cc_answer_present(x))
		return 1;
	if (n->kind == CC_QUESTION && n->qtype == CC_Q_TEXT)
		return strcmp(a->texts[x->bits], b->texts[y->bits]) == 0;
	return x->num == y->num && x->bits == y->bits;
}

static void test_deterministic_for_a_seed(void **state)
{
	struct cc_framework fw;
	struct cc_answers a, b, c;
	int differ = 0, present = 0;

	(void)state;
	parse_framework(&fw, mixed_yaml);
	sample(&fw, 40, 2026, 0, 0.02, &a);
	sample(&fw, 40, 2026, 0, 0.02, &b);
	sample(&fw, 40, 2027, 0, 0.02, &c);
	for (int u = 0; u < a.nunits; u++) {
		assert_string_equal(a.units[u], b.units[u]);
		for (int l = 0; l < fw.nleaves; l++) {
			assert_true(same_cell(&a, &b, u, l));
			differ += !same_cell(&a, &c, u, l);
			present += cc_answer_present(cc_answers_cell(&a, u, l));
		}
	}
	assert_true(differ > 0);      /* another seed, other answers */
	assert_true(present > 0);
	cc_answers_free(&a);
	cc_answers_free(&b);
	cc_answers_free(&c);
	cc_framework_free(&fw);
}

static void test_unit_ids(void **state)
{
	struct cc_framework fw;
	struct cc_answers a;
	struct cc_sample_opts o = {.units = 677, .seed = 1, .blank_rate = 0.02};
	struct cc_error err;

	(void)state;
	parse_framework(&fw, yes_no_yaml);
	sample(&fw, 30, 7, 0, 0.02, &a);
	assert_string_equal(a.units[0], "XAA");
	assert_string_equal(a.units[1], "XAB");
	assert_string_equal(a.units[25], "XAZ");
	assert_string_equal(a.units[26], "XBA");  /* 26 = 1 x 26 + 0 */
	assert_string_equal(a.units[29], "XBD");
	cc_answers_free(&a);
	sample(&fw, 676, 7, 0, 0.02, &a);
	assert_string_equal(a.units[675], "XZZ");
	cc_answers_free(&a);
	sample(&fw, 0, 7, 0, 0.02, &a);
	cc_answers_free(&a);
	/* More than 676 units is refused (and nothing is left allocated). */
	assert_int_equal(cc_sample_answers(&fw, &o, &a, &err), CC_EUSAGE);
	cc_framework_free(&fw);
}

static void test_edition_never_lowers_yes(void **state)
{
	struct cc_framework fw;
	struct cc_answers e0, e1;
	int raised = 0;

	(void)state;
	parse_framework(&fw, yes_no_yaml);
	sample(&fw, 60, 99, 0, 0, &e0);
	sample(&fw, 60, 99, 1, 0, &e1);
	for (int u = 0; u < 60; u++) {
		assert_string_equal(e0.units[u], e1.units[u]);
		for (int l = 0; l < fw.nleaves; l++) {
			const struct cc_answer *x = cc_answers_cell(&e0, u, l);
			const struct cc_answer *y = cc_answers_cell(&e1, u, l);

			/* No blanks asked for, no conditions: all answered. */
			assert_true(cc_answer_present(x) && cc_answer_present(y));
			if (x->num == 1 && y->num != 1) {
				print_error("%s %s: yes in edition 0, no in 1\n",
					    e0.units[u], fw.nodes[fw.leaves[l]].id);
				fail();
			}
			raised += x->num == 0 && y->num == 1;
		}
	}
	assert_true(raised > 0);    /* a later edition shows progress */
	cc_answers_free(&e0);
	cc_answers_free(&e1);
	cc_framework_free(&fw);
}

static void test_no_answers_where_when_fails(void **state)
{
	struct cc_framework fw;
	struct cc_answers a;
	int gate, gated, c1, c2, chained, closed = 0;

	(void)state;
	parse_framework(&fw, mixed_yaml);
	gate = fw.nodes[node_of(&fw, "gate")].leaf;
	gated = fw.nodes[node_of(&fw, "gated")].leaf;
	c1 = fw.nodes[node_of(&fw, "c1")].leaf;
	c2 = fw.nodes[node_of(&fw, "c2")].leaf;
	chained = fw.nodes[node_of(&fw, "chained")].leaf;
	sample(&fw, 80, 5, 0, 0.02, &a);
	for (int u = 0; u < a.nunits; u++) {
		const struct cc_answer *g = cc_answers_cell(&a, u, gate);
		const struct cc_answer *gd = cc_answers_cell(&a, u, gated);

		if (!cc_answer_present(g) || g->bits != 1) {
			closed++;
			assert_false(cc_answer_present(gd));
			assert_false(cc_answer_present(cc_answers_cell(&a, u, c1)));
			assert_false(cc_answer_present(cc_answers_cell(&a, u, c2)));
		}
		/* chained needs gated = yes, which needs gate = yes */
		if (!cc_answer_present(gd) || gd->bits != 1)
			assert_false(cc_answer_present(cc_answers_cell(&a, u, chained)));
	}
	assert_true(closed > 0 && closed < a.nunits);
	cc_answers_free(&a);
	cc_framework_free(&fw);
}

static void test_blank_rate_one_leaves_everything_blank(void **state)
{
	struct cc_framework fw;
	struct cc_answers a;

	(void)state;
	parse_framework(&fw, yes_no_yaml);
	sample(&fw, 10, 3, 0, 1.0, &a);
	for (int u = 0; u < a.nunits; u++)
		for (int l = 0; l < fw.nleaves; l++)
			assert_false(cc_answer_present(cc_answers_cell(&a, u, l)));
	cc_answers_free(&a);
	cc_framework_free(&fw);
}

static void test_sample_unit_profile(void **state)
{
	static const char *const regions[] = {
		"Africa", "Americas", "Arab States", "Asia-Pacific", "CIS", "Europe"
	};
	struct cc_sample_unit x, y;
	int other = 0;

	(void)state;
	for (int i = 0; i < 50; i++) {
		int known = 0;

		cc_sample_unit(2026, i, &x);
		cc_sample_unit(2026, i, &y);
		assert_string_equal(x.id, y.id);
		assert_string_equal(x.name, y.name);
		assert_string_equal(x.itu_region, y.itu_region);
		assert_string_equal(x.m49_region, y.m49_region);
		assert_int_equal(x.ldc, y.ldc);
		assert_int_equal(x.lldc, y.lldc);
		assert_int_equal(x.sids, y.sids);
		assert_true(x.capacity == y.capacity);
		assert_true(x.capacity >= 0 && x.capacity <= 1);
		assert_false(x.sids && x.lldc);
		for (int r = 0; r < 6; r++)
			known += strcmp(x.itu_region, regions[r]) == 0;
		assert_int_equal(known, 1);
		cc_sample_unit(2027, i, &y);
		assert_string_equal(x.id, y.id);        /* ids do not depend on seed */
		other += x.capacity != y.capacity;
	}
	cc_sample_unit(1, 27, &x);
	assert_string_equal(x.id, "XBB");
	assert_non_null(strstr(x.name, "XBB"));
	assert_true(other > 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_deterministic_for_a_seed),
		cmocka_unit_test(test_unit_ids),
		cmocka_unit_test(test_edition_never_lowers_yes),
		cmocka_unit_test(test_no_answers_where_when_fails),
		cmocka_unit_test(test_blank_rate_one_leaves_everything_blank),
		cmocka_unit_test(test_sample_unit_profile),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
