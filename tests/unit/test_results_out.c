/*
 * test_results_out.c - writing scores (format/results_out.h) and answers
 * (format/responses_out.h) as text.
 */
#include "helpers.h"

#include <jansson.h>

#include "core/sample.h"
#include "format/responses_out.h"
#include "format/results_out.h"

static const char *fmt(double x)
{
	static char buf[64];

	cc_format_number(buf, sizeof(buf), x);
	return buf;
}

static void test_format_number(void **state)
{
	(void)state;
	assert_string_equal(fmt(-0.0), "0");
	assert_string_equal(fmt(0), "0");
	assert_string_equal(fmt(1.0 / 3), "0.3333333333");   /* 10 digits */
	assert_string_equal(fmt(2.0 / 3), "0.6666666667");
	assert_string_equal(fmt(20), "20");
	assert_string_equal(fmt(0.5), "0.5");
	assert_string_equal(fmt(-2.25), "-2.25");
	assert_string_equal(fmt(100.0 / 3), "33.33333333");
	assert_string_equal(fmt(1e-12), "1e-12");
	assert_string_equal(fmt(12345678901.0), "1.23456789e+10");
}

static void test_csv_write_field(void **state)
{
	struct memstream m;
	char *text;

	(void)state;
	memstream_open(&m);
	assert_int_equal(cc_csv_write_field(m.f, "plain"), CC_OK);
	fputc(';', m.f);
	assert_int_equal(cc_csv_write_field(m.f, "a,b"), CC_OK);
	fputc(';', m.f);
	assert_int_equal(cc_csv_write_field(m.f, "say \"hi\""), CC_OK);
	fputc(';', m.f);
	assert_int_equal(cc_csv_write_field(m.f, "two\nlines"), CC_OK);
	fputc(';', m.f);
	assert_int_equal(cc_csv_write_field(m.f, ""), CC_OK);
	text = memstream_text(&m);
	assert_string_equal(text,
		"plain;\"a,b\";\"say \"\"hi\"\"\";\"two\nlines\";");
	free(text);
}

/* CSV for spreadsheets: text a spreadsheet would run as a formula gets a
 * leading ' (and quotes when it needs them); the rest is as
 * cc_csv_write_field writes it. */
static void test_csv_write_cell(void **state)
{
	static const char *const in[] = {
		"=HYPERLINK(\"http://x.invalid\",\"y\")", "+1+1", "-2+3", "@SUM(A1:A9)",
		"\tx", "\r=1", "plain", "a=b", "", "'quoted", "x-1",
	};
	struct memstream m;
	char *text;

	(void)state;
	memstream_open(&m);
	for (size_t i = 0; i < sizeof(in) / sizeof(in[0]); i++) {
		assert_int_equal(cc_csv_write_cell(m.f, in[i]), CC_OK);
		fputc(';', m.f);
	}
	text = memstream_text(&m);
	assert_string_equal(text,
		"\"'=HYPERLINK(\"\"http://x.invalid\"\",\"\"y\"\")\";'+1+1;'-2+3;'@SUM(A1:A9);"
		"'\tx;\"'\r=1\";plain;a=b;;'quoted;x-1;");
	free(text);
	/* data files keep the text as it is */
	memstream_open(&m);
	assert_int_equal(cc_csv_write_field(m.f, "=1+2"), CC_OK);
	text = memstream_text(&m);
	assert_string_equal(text, "=1+2");
	free(text);
}

/* a (weight 1) and b (weight 3): max 25 and 75.
 * U1: a yes, b no -> root 1/4 (25 points), level lo.
 * "X,Y": a yes, b missing (excluded) -> root 1 (100), level hi.
 * Ranks: root X,Y 1, U1 2; a both 25: 1, 1; b: U1 alone 1. */
static const char *const tiny_yaml =
	"cybercap: 1\n"
	"id: tiny\n"
	"title: Tiny\n"
	"missing: exclude\n"
	"levels:\n"
	"  - {id: hi, min: 50}\n"
	"  - {id: lo, min: 0}\n"
	"nodes:\n"
	"  - {id: a, question: A, type: yes_no}\n"
	"  - {id: b, question: B, type: yes_no, weight: 3}\n";
static const char *const tiny_csv =
	"unit,question,answer\nU1,a,yes\nU1,b,no\n\"X,Y\",a,yes\n";

static void test_results_csv(void **state)
{
	struct scored t;
	struct memstream m;
	char *text;

	(void)state;
	score_text(&t, tiny_yaml, tiny_csv);
	memstream_open(&m);
	assert_int_equal(cc_results_write_csv(m.f, &t.a, &t.s, 0), CC_OK);
	text = memstream_text(&m);
	assert_string_equal(text,
		"unit,node,value,points,max,rank,level\n"
		"U1,tiny,0.25,25,100,2,lo\n"
		"U1,a,1,25,25,1,\n"
		"U1,b,0,0,75,1,\n"
		"\"X,Y\",tiny,1,100,100,1,hi\n"
		"\"X,Y\",a,1,25,25,1,\n"
		"\"X,Y\",b,,,75,,\n");
	free(text);
	scored_free(&t);
}

static void test_results_json(void **state)
{
	struct scored t;
	struct memstream m;
	json_error_t jerr;
	json_t *doc, *row;
	char *text;

	(void)state;
	score_text(&t, tiny_yaml, tiny_csv);
	memstream_open(&m);
	assert_int_equal(cc_results_write_json(m.f, &t.a, &t.s), CC_OK);
	text = memstream_text(&m);
	doc = json_loads(text, 0, &jerr);
	assert_non_null(doc);
	assert_int_equal(json_array_size(doc), 6);
	row = json_array_get(doc, 0);   /* U1 root */
	assert_string_equal(json_string_value(json_object_get(row, "unit")), "U1");
	assert_string_equal(json_string_value(json_object_get(row, "node")), "tiny");
	assert_near(json_number_value(json_object_get(row, "value")), 0.25);
	assert_near(json_number_value(json_object_get(row, "points")), 25);
	assert_int_equal(json_integer_value(json_object_get(row, "rank")), 2);
	assert_string_equal(json_string_value(json_object_get(row, "level")), "lo");
	row = json_array_get(doc, 1);   /* U1 a: no level */
	assert_true(json_is_null(json_object_get(row, "level")));
	row = json_array_get(doc, 5);   /* X,Y b: excluded */
	assert_string_equal(json_string_value(json_object_get(row, "unit")), "X,Y");
	assert_true(json_is_null(json_object_get(row, "value")));
	assert_true(json_is_null(json_object_get(row, "points")));
	assert_true(json_is_null(json_object_get(row, "rank")));
	assert_near(json_number_value(json_object_get(row, "max")), 75);
	json_decref(doc);
	free(text);
	scored_free(&t);
}

static const char *const all_types_yaml =
	"cybercap: 1\nid: all\ntitle: All\nnodes:\n"
	"  - {id: yn, question: YN, type: yes_no, partial: 0.5}\n"
	"  - {id: ch, question: CH, type: choice, options: [{id: a, value: 0}, {id: b, value: 1}]}\n"
	"  - {id: mu, question: MU, type: multi, options: [{id: x, value: 0.5}, {id: y, value: 0.5}]}\n"
	"  - {id: nu, question: NU, type: number, goalposts: [0, 2000]}\n"
	"  - {id: tx, question: TX, type: text}\n"
	"  - {id: ind, name: IND, indicator: true}\n";

/* Every cell of a and b: the same presence, values and text. */
static void assert_same_answers(const struct cc_answers *a,
				const struct cc_answers *b)
{
	const struct cc_framework *fw = a->fw;

	assert_int_equal(a->nunits, b->nunits);
	for (int u = 0; u < a->nunits; u++) {
		assert_string_equal(a->units[u], b->units[u]);
		for (int l = 0; l < fw->nleaves; l++) {
			const struct cc_answer *x = cc_answers_cell(a, u, l);
			const struct cc_answer *y = cc_answers_cell(b, u, l);
			const struct cc_node *n = &fw->nodes[fw->leaves[l]];

			assert_int_equal(cc_answer_present(x), cc_answer_present(y));
			if (!cc_answer_present(x))
				continue;
			if (n->kind == CC_QUESTION && n->qtype == CC_Q_TEXT) {
				assert_string_equal(a->texts[x->bits], b->texts[y->bits]);
				continue;
			}
			assert_true(x->num == y->num);
			assert_int_equal(x->bits, y->bits);
		}
	}
}

static void test_responses_csv_and_round_trip(void **state)
{
	struct cc_framework fw;
	struct cc_answers a, b;
	struct memstream m;
	char *text;

	(void)state;
	parse_framework(&fw, all_types_yaml);
	parse_responses(&a, &fw,
		"unit,question,answer\n"
		"ZZB,mu,y|x\n"
		"ZZB,yn,partial\n"
		"ZZB,tx,\"hello, \"\"world\"\"\nbye\"\n"
		"ZZA,nu,1e3\n"
		"ZZA,ch,b\n"
		"ZZA,ind,-0.5\n"
		"ZZA,yn,\n"
		"ZZB,ind,0.1\n");
	memstream_open(&m);
	assert_int_equal(cc_responses_write_csv(m.f, &a), CC_OK);
	text = memstream_text(&m);
	/* Units in first-appearance order, questions in the file's order,
	 * multi options in option order, numbers as %.10g, no row for the
	 * empty answer. */
	assert_string_equal(text,
		"unit,question,answer\n"
		"ZZB,yn,partial\n"
		"ZZB,mu,x|y\n"
		"ZZB,tx,\"hello, \"\"world\"\"\nbye\"\n"
		"ZZB,ind,0.1\n"
		"ZZA,ch,b\n"
		"ZZA,nu,1000\n"
		"ZZA,ind,-0.5\n");
	parse_responses(&b, &fw, text);
	assert_same_answers(&a, &b);
	free(text);
	cc_answers_free(&a);
	cc_answers_free(&b);
	cc_framework_free(&fw);
}

static void test_sampled_answers_round_trip(void **state)
{
	struct cc_framework fw;
	struct cc_answers a, b;
	struct cc_sample_opts o = {.units = 30, .seed = 11, .blank_rate = 0.1};
	struct cc_error err;
	struct memstream m;
	char *text;

	(void)state;
	parse_framework(&fw, all_types_yaml);
	assert_int_equal(cc_sample_answers(&fw, &o, &a, &err), CC_OK);
	memstream_open(&m);
	assert_int_equal(cc_responses_write_csv(m.f, &a), CC_OK);
	text = memstream_text(&m);
	parse_responses(&b, &fw, text);
	assert_same_answers(&a, &b);
	free(text);
	cc_answers_free(&a);
	cc_answers_free(&b);
	cc_framework_free(&fw);
}

static void test_round_trip_keeps_every_digit(void **state)
{
	struct cc_framework fw;
	struct cc_answers a, b;
	struct memstream m;
	char *text;
	int nu, ind;
	double want_nu, want_ind, got_nu, got_ind;

	(void)state;
	parse_framework(&fw, all_types_yaml);
	nu = fw.nodes[node_of(&fw, "nu")].leaf;
	ind = fw.nodes[node_of(&fw, "ind")].leaf;
	/* 17 significant digits: "%.10g" writes 1234.56789 and 0.123456789,
	 * which read back as other numbers. responses_out.h promises that
	 * what it writes reads back to the same answers. */
	parse_responses(&a, &fw,
		"unit,question,answer\n"
		"ZZA,nu,1234.5678901234567\n"
		"ZZA,ind,0.12345678901234567\n");
	memstream_open(&m);
	assert_int_equal(cc_responses_write_csv(m.f, &a), CC_OK);
	text = memstream_text(&m);
	parse_responses(&b, &fw, text);
	want_nu = cc_answers_cell(&a, 0, nu)->num;
	want_ind = cc_answers_cell(&a, 0, ind)->num;
	got_nu = cc_answers_cell(&b, 0, nu)->num;
	got_ind = cc_answers_cell(&b, 0, ind)->num;
	if (got_nu != want_nu || got_ind != want_ind)
		print_error("written as:\n%s", text);
	/* Free first, so that a failure leaves no leak behind. */
	free(text);
	cc_answers_free(&a);
	cc_answers_free(&b);
	cc_framework_free(&fw);
	assert_true(got_nu == want_nu);
	assert_true(got_ind == want_ind);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_format_number),
		cmocka_unit_test(test_csv_write_field),
		cmocka_unit_test(test_csv_write_cell),
		cmocka_unit_test(test_results_csv),
		cmocka_unit_test(test_results_json),
		cmocka_unit_test(test_responses_csv_and_round_trip),
		cmocka_unit_test(test_sampled_answers_round_trip),
		cmocka_unit_test(test_round_trip_keeps_every_digit),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
