/*
 * test_answers.c - the answers table (core/answers.h, core/answer.h) and
 * reading response files (format/responses_csv.h).
 */
#include "helpers.h"

static const char *const yaml =
	"cybercap: 1\n"
	"id: demo\n"
	"title: Demo\n"
	"nodes:\n"
	"  - id: g\n"
	"    name: G\n"
	"    children:\n"
	"      - {id: yn, question: YN, type: yes_no}\n"
	"      - {id: yp, question: YP, type: yes_no, partial: 0.4}\n"
	"      - {id: ch, question: CH, type: choice, options: [{id: a, value: 0}, {id: b, value: 0.5}]}\n"
	"      - {id: mu, question: MU, type: multi, options: [{id: x, value: 0.6}, {id: y, value: 0.7}, {id: z, value: 0.1}]}\n"
	"      - {id: nu, question: NU, type: number, thresholds: [{min: 0, value: 0.1}, {min: 10, value: 1}]}\n"
	"      - {id: tx, question: TX, type: text}\n"
	"  - {id: ind, name: IND, indicator: true}\n"
	"  - {id: ind0, name: IND0, indicator: true, normalise: none}\n";

struct fixture {
	struct cc_framework fw;
	struct cc_answers a;
	int u;
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	struct cc_error err;

	if (!f || cc_framework_parse(&f->fw, "t.yaml", yaml, strlen(yaml), &err))
		return -1;
	cc_answers_init(&f->a, &f->fw);
	if (cc_answers_unit(&f->a, "ZZA", 3, &f->u, &err))
		return -1;
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	cc_answers_free(&f->a);
	cc_framework_free(&f->fw);
	free(f);
	return 0;
}

/* cc_answers_set for unit f->u; returns the status, err in *err. */
static int set(struct fixture *f, const char *q, const char *text,
	       struct cc_error *err)
{
	cc_error_clear(err);
	return cc_answers_set(&f->a, f->u, q, strlen(q), text, strlen(text), err);
}

static const struct cc_answer *cell(const struct fixture *f, const char *q)
{
	return cc_answers_cell(&f->a, f->u,
			       f->fw.nodes[cc_framework_find(&f->fw, q)].leaf);
}

static void refused(struct fixture *f, const char *q, const char *text,
		    const char *needle)
{
	struct cc_error err;
	int rc = set(f, q, text, &err);

	if (rc != CC_EINPUT || (needle && !strstr(err.msg, needle))) {
		print_error("%s = \"%s\": rc %d (%s), expected CC_EINPUT with \"%s\"\n",
			    q, text, rc, err.msg, needle ? needle : "");
		fail();
	}
}

static void test_unknown_question_and_group(void **state)
{
	struct fixture *f = *state;

	refused(f, "nope", "yes", "nope");
	refused(f, "g", "yes", "\"g\"");       /* a group takes no answer */
	refused(f, "demo", "yes", "demo");     /* nor does the root */
	refused(f, "YN", "yes", "YN");         /* ids match exactly */
}

static void test_duplicate(void **state)
{
	struct fixture *f = *state;
	struct cc_error err;

	assert_int_equal(set(f, "yn", "yes", &err), CC_OK);
	refused(f, "yn", "no", "yn");
	refused(f, "yn", "yes", "yn");
	/* An empty answer is no answer, but the question was given. */
	assert_int_equal(set(f, "yp", "  ", &err), CC_OK);
	assert_false(cc_answer_present(cell(f, "yp")));
	refused(f, "yp", "yes", "yp");
	refused(f, "yp", "", "yp");
	/* Another unit may answer the same question. */
	assert_int_equal(cc_answers_unit(&f->a, "ZZB", 3, &f->u, &err), CC_OK);
	assert_int_equal(set(f, "yn", "no", &err), CC_OK);
}

static void test_yes_no(void **state)
{
	struct fixture *f = *state;
	struct cc_error err;

	refused(f, "yn", "Yes", "Yes");        /* capitals matter */
	refused(f, "yn", "maybe", "maybe");
	refused(f, "yn", "partial", "partial"); /* yn has no partial value */
	refused(f, "yn", "true", NULL);
	assert_int_equal(set(f, "yn", " yes ", &err), CC_OK);  /* trimmed */
	assert_near(cell(f, "yn")->num, 1);
	assert_int_equal(cell(f, "yn")->bits, 1);
	assert_int_equal(set(f, "yp", "partial", &err), CC_OK);
	assert_near(cell(f, "yp")->num, 0.4);
	assert_int_equal(cell(f, "yp")->bits, 2);
}

static void test_choice_and_multi(void **state)
{
	struct fixture *f = *state;
	struct cc_error err;
	const struct cc_node *mu = &f->fw.nodes[cc_framework_find(&f->fw, "mu")];

	refused(f, "ch", "c", "\"c\"");
	refused(f, "ch", "a|b", NULL);         /* one option only */
	assert_int_equal(set(f, "ch", "b", &err), CC_OK);
	assert_int_equal(cell(f, "ch")->bits, 1);    /* option index */
	assert_near(cell(f, "ch")->num, 0.5);

	refused(f, "mu", "x|x", "twice");      /* an option repeated */
	refused(f, "mu", "x|w", "\"w\"");
	refused(f, "mu", "x|", NULL);          /* an empty part */
	/* x + y = 0.6 + 0.7 = 1.3, capped at 1; mask of options 0 and 1 */
	assert_int_equal(set(f, "mu", "y | x", &err), CC_OK);
	assert_near(cell(f, "mu")->num, 1);
	assert_int_equal(cell(f, "mu")->bits, 3);
	assert_near(cc_answer_value(mu, cell(f, "mu")), 1);
}

static void test_multi_sum_below_cap(void **state)
{
	struct fixture *f = *state;
	struct cc_error err;

	/* x + z = 0.6 + 0.1 = 0.7; mask 0b101 */
	assert_int_equal(set(f, "mu", "x|z", &err), CC_OK);
	assert_near(cell(f, "mu")->num, 0.7);
	assert_int_equal(cell(f, "mu")->bits, 5);
}

static void test_numbers(void **state)
{
	struct fixture *f = *state;
	struct cc_error err;
	const struct cc_node *nu = &f->fw.nodes[cc_framework_find(&f->fw, "nu")];
	struct cc_answer ans;
	char why[200];

	refused(f, "nu", "ten", "ten");
	refused(f, "nu", "1e999", NULL);
	refused(f, "nu", "12%", NULL);
	refused(f, "ind", "abc", "abc");
	refused(f, "ind", "nan", NULL);
	refused(f, "ind0", "1.5", NULL);        /* none: must lie in [0, 1] */
	assert_int_equal(set(f, "ind0", "0.25", &err), CC_OK);
	assert_near(cell(f, "ind0")->num, 0.25);
	assert_int_equal(set(f, "ind", "-3.5e2", &err), CC_OK);
	assert_near(cell(f, "ind")->num, -350);
	assert_int_equal(set(f, "nu", "12", &err), CC_OK);
	assert_near(cell(f, "nu")->num, 12);
	/* thresholds {0: 0.1, 10: 1}: 12 -> 1, 10 -> 1, 9.99 -> 0.1,
	 * 0 -> 0.1, -1 (below all) -> 0 */
	assert_near(cc_answer_value(nu, cell(f, "nu")), 1);
	assert_true(cc_answer_parse(nu, "10", 2, &ans, why, sizeof(why)));
	assert_near(cc_answer_value(nu, &ans), 1);
	assert_true(cc_answer_parse(nu, "9.99", 4, &ans, why, sizeof(why)));
	assert_near(cc_answer_value(nu, &ans), 0.1);
	assert_true(cc_answer_parse(nu, "0", 1, &ans, why, sizeof(why)));
	assert_near(cc_answer_value(nu, &ans), 0.1);
	assert_true(cc_answer_parse(nu, "-1", 2, &ans, why, sizeof(why)));
	assert_near(cc_answer_value(nu, &ans), 0);
}

static void test_text_and_units(void **state)
{
	struct fixture *f = *state;
	struct cc_error err;
	char id[80];
	int u;

	assert_int_equal(set(f, "tx", "  some, notes ", &err), CC_OK);
	assert_string_equal(f->a.texts[cell(f, "tx")->bits], "some, notes");
	assert_int_equal(cc_answers_unit(&f->a, "", 0, &u, &err), CC_EINPUT);
	memset(id, 'Q', sizeof(id));
	assert_int_equal(cc_answers_unit(&f->a, id, 65, &u, &err), CC_EINPUT);
	assert_int_equal(cc_answers_unit(&f->a, id, 64, &u, &err), CC_OK);
	assert_int_equal(u, 1);
	assert_int_equal(cc_answers_unit(&f->a, "ZZA", 3, &u, &err), CC_OK);
	assert_int_equal(u, 0);                /* found, not added */
	assert_int_equal(f->a.nunits, 2);
	/* A new unit starts with no answers. */
	assert_false(cc_answer_present(cc_answers_cell(&f->a, 1, 0)));
}

/* ---- response files --------------------------------------------------- */

static void responses_error(const struct cc_framework *fw, const char *csv,
			    long line, const char *needle)
{
	struct cc_answers a;
	struct cc_error err;
	int rc;

	cc_error_clear(&err);
	rc = cc_responses_parse(&a, fw, "r.csv", csv, strlen(csv), &err);
	if (rc == CC_OK)
		cc_answers_free(&a);
	if (rc != CC_EINPUT || err.line != line || strcmp(err.file, "r.csv") ||
	    (needle && !strstr(err.msg, needle))) {
		print_error("rc %d: %s:%ld: %s; expected r.csv:%ld with \"%s\"\n",
			    rc, err.file, err.line, err.msg, line,
			    needle ? needle : "");
		fail();
	}
}

static void test_responses_order_and_notes(void **state)
{
	struct fixture *f = *state;
	struct cc_answers a;
	int leaf = f->fw.nodes[cc_framework_find(&f->fw, "yn")].leaf;

	parse_responses(&a, &f->fw,
		"question,unit,answer,evidence,comment,extra\n"
		"yn,ZZB,yes,law.pdf,,x\n"
		"yn,ZZA,no,,\"said \"\"no\"\"\",x\n"
		"yp,ZZB,partial,,,x\n"
		"yn,ZZC,yes,,,x\n");
	assert_int_equal(a.nunits, 3);
	assert_string_equal(a.units[0], "ZZB");
	assert_string_equal(a.units[1], "ZZA");
	assert_string_equal(a.units[2], "ZZC");
	assert_int_equal(cc_answers_find_unit(&a, "ZZA"), 1);
	assert_int_equal(cc_answers_find_unit(&a, "ZZD"), -1);
	assert_near(cc_answers_cell(&a, 0, leaf)->num, 1);
	assert_near(cc_answers_cell(&a, 1, leaf)->num, 0);
	assert_non_null(a.notes);
	assert_string_equal(a.notes[0 * f->fw.nleaves + leaf], "law.pdf");
	assert_null(a.notes[1 * f->fw.nleaves + leaf]);
	assert_non_null(a.comments);
	assert_string_equal(a.comments[1 * f->fw.nleaves + leaf], "said \"no\"");
	cc_answers_free(&a);
}

static void test_responses_errors_name_lines(void **state)
{
	struct fixture *f = *state;

	responses_error(&f->fw, "country,question,answer\nZZA,yn,yes\n", 1, "unit");
	responses_error(&f->fw, "unit,answer\nZZA,yes\n", 1, "question");
	responses_error(&f->fw, "", 1, NULL);
	responses_error(&f->fw, "unit,question,answer,unit\nZZA,yn,yes,ZZB\n",
			1, "twice");
	/* A bad answer on line 4. */
	responses_error(&f->fw,
		"unit,question,answer\nZZA,yn,yes\nZZA,yp,no\nZZA,ch,zzz\n",
		4, "zzz");
	/* Line 4 counted past an empty line. */
	responses_error(&f->fw,
		"unit,question,answer\n\nZZA,yn,yes\nZZA,nope,yes\n", 4, "nope");
	/* Line 4 counted past a comment spanning lines 2-3. */
	responses_error(&f->fw,
		"unit,question,answer,comment\n"
		"ZZA,yn,yes,\"two\nlines\"\n"
		"ZZA,ch,bad,\n", 4, "bad");
	/* The same question twice, the second on line 3. */
	responses_error(&f->fw,
		"unit,question,answer\nZZA,yn,yes\nZZA,yn,no\n", 3, "yn");
	/* Too few fields on line 2. */
	responses_error(&f->fw, "unit,question,answer\nZZA,yn\n", 2, NULL);
	/* An empty unit on line 3. */
	responses_error(&f->fw,
		"unit,question,answer\nZZA,yn,yes\n,yp,no\n", 3, NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_unknown_question_and_group, setup, teardown),
		cmocka_unit_test_setup_teardown(test_duplicate, setup, teardown),
		cmocka_unit_test_setup_teardown(test_yes_no, setup, teardown),
		cmocka_unit_test_setup_teardown(test_choice_and_multi, setup, teardown),
		cmocka_unit_test_setup_teardown(test_multi_sum_below_cap, setup, teardown),
		cmocka_unit_test_setup_teardown(test_numbers, setup, teardown),
		cmocka_unit_test_setup_teardown(test_text_and_units, setup, teardown),
		cmocka_unit_test_setup_teardown(test_responses_order_and_notes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_responses_errors_name_lines, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
