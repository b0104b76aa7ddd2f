/*
 * test_score_when.c - conditions in scoring (core/score.h): `when`, `na`,
 * nested and chained conditions, and what each answer type's `is` means.
 * Values worked out by hand from docs/framework-format.md.
 */
#include "helpers.h"

#define TOP "cybercap: 1\nid: t\ntitle: T\n"
#define NUM "type: number, goalposts: [0, 100]"

static void test_when_na_zero_and_exclude(void **state)
{
	struct scored t;

	(void)state;
	score_text(&t, TOP
		"nodes:\n"
		"  - {id: gate, question: Has a CIRT?, type: yes_no}\n"
		"  - id: ops\n"
		"    name: Ops\n"
		"    when: {q: gate, is: yes}\n"
		"    children:\n"
		"      - {id: o1, question: O1, type: yes_no}\n"
		"  - id: ex\n"
		"    name: Ex\n"
		"    when: {q: gate, is: yes}\n"
		"    na: exclude\n"
		"    children:\n"
		"      - {id: e1, question: E1, type: yes_no}\n"
		"  - {id: always, question: Always, type: yes_no}\n",
		"unit,question,answer\n"
		"A,gate,yes\nA,o1,yes\nA,e1,yes\nA,always,yes\n"
		"B,gate,no\nB,o1,yes\nB,e1,yes\nB,always,yes\n");
	/* A: everything applies and is 1 */
	assert_near(VALUE(&t, "A", "t"), 1);
	/* B: ops (and o1, answered anyway) are 0; ex and e1 excluded;
	 * root = (gate 0 + ops 0 + always 1) / 3 = 1/3 */
	assert_near(VALUE(&t, "B", "ops"), 0);
	assert_near(VALUE(&t, "B", "o1"), 0);
	assert_nan(VALUE(&t, "B", "ex"));
	assert_nan(VALUE(&t, "B", "e1"));
	assert_int_equal(RANK(&t, "B", "ex"), CC_RANK_NONE);
	assert_int_equal(RANK(&t, "B", "e1"), CC_RANK_NONE);
	assert_int_equal(RANK(&t, "A", "ex"), 1);
	assert_near(VALUE(&t, "B", "t"), 1.0 / 3);
	/* ops: A 25 points, B 0 -> ranks 1, 2 */
	assert_int_equal(RANK(&t, "B", "ops"), 2);
	scored_free(&t);
}

static void test_nested_and_chained_when(void **state)
{
	struct scored t;

	(void)state;
	score_text(&t, TOP
		"nodes:\n"
		"  - {id: has, question: Has a strategy?, type: yes_no}\n"
		"  - id: strat\n"
		"    name: Strategy\n"
		"    when: {q: has, is: yes}\n"
		"    na: exclude\n"
		"    children:\n"
		"      - {id: funded, question: Funded?, type: yes_no}\n"
		"      - id: fund\n"
		"        name: Funding\n"
		"        when: {q: funded, is: yes}\n"
		"        children:\n"
		"          - {id: amount, question: Amount, " NUM "}\n"
		"  - id: rev\n"
		"    name: Review\n"
		"    when: {q: funded, is: yes}\n"
		"    children:\n"
		"      - {id: reviewed, question: Reviewed?, type: yes_no}\n",
		"unit,question,answer\n"
		"A,has,yes\nA,funded,yes\nA,amount,40\nA,reviewed,yes\n"
		"B,has,yes\nB,funded,no\nB,amount,40\nB,reviewed,yes\n"
		"C,has,no\nC,funded,yes\nC,amount,80\nC,reviewed,yes\n");
	/* A: strat = (funded 1 + fund 0.4) / 2 = 0.7; root (1 + 0.7 + 1)/3 */
	assert_near(VALUE(&t, "A", "strat"), 0.7);
	assert_near(VALUE(&t, "A", "t"), 0.9);
	/* B: fund's when fails (na zero): fund = amount = 0; strat = 0;
	 * rev's when fails: rev 0; root (1 + 0 + 0) / 3 */
	assert_near(VALUE(&t, "B", "fund"), 0);
	assert_near(VALUE(&t, "B", "amount"), 0);
	assert_near(VALUE(&t, "B", "strat"), 0);
	assert_near(VALUE(&t, "B", "rev"), 0);
	assert_near(VALUE(&t, "B", "t"), 1.0 / 3);
	/* C: strat excluded with everything below it, whatever was
	 * answered; `funded` is then not applicable, so rev's when does not
	 * hold (na zero): rev = reviewed = 0; root = (has 0 + rev 0) / 2 */
	assert_nan(VALUE(&t, "C", "strat"));
	assert_nan(VALUE(&t, "C", "funded"));
	assert_nan(VALUE(&t, "C", "fund"));
	assert_nan(VALUE(&t, "C", "amount"));
	assert_near(VALUE(&t, "C", "rev"), 0);
	assert_near(VALUE(&t, "C", "reviewed"), 0);
	assert_near(VALUE(&t, "C", "t"), 0);
	scored_free(&t);
}

static void test_when_by_answer_type(void **state)
{
	struct scored t;

	(void)state;
	/* Each condition reads a question of another type; wm reads a
	 * question that comes after it in the file. */
	score_text(&t, TOP
		"nodes:\n"
		"  - {id: wm, question: WM, type: yes_no, when: {q: m, is: y}}\n"
		"  - {id: wc, question: WC, type: yes_no, when: {q: c, is: hi}}\n"
		"  - {id: wn, question: WN, type: yes_no, when: {q: n, is: 3}}\n"
		"  - {id: wp, question: WP, type: yes_no, when: {q: p, is: partial}}\n"
		"  - {id: m, question: M, type: multi, weight: 0, options: [{id: x, value: 1}, {id: y, value: 1}]}\n"
		"  - {id: c, question: C, type: choice, weight: 0, options: [{id: lo, value: 0}, {id: hi, value: 1}]}\n"
		"  - {id: n, question: N, " NUM ", weight: 0}\n"
		"  - {id: p, question: P, type: yes_no, partial: 0.5, weight: 0}\n",
		"unit,question,answer\n"
		"A,m,x|y\nA,c,hi\nA,n,3.0\nA,p,partial\n"
		"A,wm,yes\nA,wc,yes\nA,wn,yes\nA,wp,yes\n"
		"B,m,x\nB,c,lo\nB,n,30\nB,p,yes\n"
		"B,wm,yes\nB,wc,yes\nB,wn,yes\nB,wp,yes\n");
	/* A: multi contains y; choice hi; number 3.0 == 3; partial: all
	 * hold, root = (1 + 1 + 1 + 1) / 4 (m, c, n, p weigh 0) */
	assert_near(VALUE(&t, "A", "wm"), 1);
	assert_near(VALUE(&t, "A", "wc"), 1);
	assert_near(VALUE(&t, "A", "wn"), 1);
	assert_near(VALUE(&t, "A", "wp"), 1);
	assert_near(VALUE(&t, "A", "t"), 1);
	/* B: x only, lo, 30, yes: nothing holds; na zero: all 0 */
	assert_near(VALUE(&t, "B", "wm"), 0);
	assert_near(VALUE(&t, "B", "wc"), 0);
	assert_near(VALUE(&t, "B", "wn"), 0);
	assert_near(VALUE(&t, "B", "wp"), 0);
	assert_near(VALUE(&t, "B", "t"), 0);
	scored_free(&t);
}

static void test_when_unanswered_question(void **state)
{
	struct scored t;

	(void)state;
	/* With no answer to gate, its condition does not hold. */
	score_text(&t, TOP
		"nodes:\n"
		"  - {id: gate, question: G, type: yes_no, weight: 0}\n"
		"  - {id: q, question: Q, type: yes_no, when: {q: gate, is: no}, na: exclude}\n"
		"  - {id: r, question: R, type: yes_no}\n",
		"unit,question,answer\nU,q,yes\nU,r,yes\nV,gate,no\nV,q,yes\nV,r,no\n");
	assert_nan(VALUE(&t, "U", "q"));
	assert_near(VALUE(&t, "U", "t"), 1);     /* r alone */
	/* V: gate no holds: (q 1 + r 0) / 2 */
	assert_near(VALUE(&t, "V", "q"), 1);
	assert_near(VALUE(&t, "V", "t"), 0.5);
	scored_free(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_when_na_zero_and_exclude),
		cmocka_unit_test(test_nested_and_chained_when),
		cmocka_unit_test(test_when_by_answer_type),
		cmocka_unit_test(test_when_unanswered_question),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
