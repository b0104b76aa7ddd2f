/*
 * test_csv.c - the RFC 4180 reader (format/csv.h).
 */
#include "helpers.h"

#include "format/csv.h"

/* Opens a reader over text (strlen) and asserts success. */
static void open_text(struct cc_csv *r, const char *text, size_t len)
{
	struct cc_error err;

	cc_error_clear(&err);
	if (cc_csv_open(r, "t.csv", text, len, &err) != CC_OK) {
		print_error("cc_csv_open: %ld: %s\n", err.line, err.msg);
		fail();
	}
}

/* Reads the next record and asserts it has n fields, starts on line. */
static void next_record(struct cc_csv *r, int n, long line)
{
	struct cc_error err;
	int rc;

	cc_error_clear(&err);
	rc = cc_csv_next(r, &err);
	if (rc != 1) {
		print_error("cc_csv_next = %d: %ld: %s\n", rc, err.line, err.msg);
		fail();
	}
	assert_int_equal(r->nfields, n);
	assert_int_equal(r->record_line, line);
}

static void field_is(const struct cc_csv *r, int f, const char *want)
{
	size_t len = strlen(want);

	if (r->fields[f].len != len || memcmp(r->fields[f].s, want, len) != 0) {
		print_error("field %d = \"%.*s\", expected \"%s\"\n", f,
			    (int)r->fields[f].len, r->fields[f].s, want);
		fail();
	}
}

static void at_end(struct cc_csv *r)
{
	struct cc_error err;

	assert_int_equal(cc_csv_next(r, &err), 0);
	assert_int_equal(cc_csv_next(r, &err), 0);  /* stays at the end */
}

/* Reads until an error; asserts CC_EINPUT on line. */
static void error_on_line(const char *text, long line)
{
	struct cc_csv r;
	struct cc_error err;
	int rc;

	cc_error_clear(&err);
	rc = cc_csv_open(&r, "t.csv", text, strlen(text), &err);
	if (rc == CC_OK)
		while ((rc = cc_csv_next(&r, &err)) == 1)
			;
	if (rc != CC_EINPUT || err.line != line ||
	    strcmp(err.file, "t.csv") != 0) {
		print_error("rc %d at %s:%ld (%s); expected CC_EINPUT at line %ld\n",
			    rc, err.file, err.line, err.msg, line);
		cc_csv_close(&r);
		fail();
	}
	cc_csv_close(&r);
}

static void test_plain_records(void **state)
{
	const char *t = "unit,question,answer\nZZA,q1,yes\n";
	struct cc_csv r;

	(void)state;
	open_text(&r, t, strlen(t));
	next_record(&r, 3, 1);
	field_is(&r, 0, "unit");
	field_is(&r, 2, "answer");
	assert_int_equal(cc_csv_find(&r, "question"), 1);
	assert_int_equal(cc_csv_find(&r, "quest"), -1);
	next_record(&r, 3, 2);
	field_is(&r, 0, "ZZA");
	field_is(&r, 1, "q1");
	field_is(&r, 2, "yes");
	at_end(&r);
	cc_csv_close(&r);
}

static void test_empty_fields_and_no_final_newline(void **state)
{
	const char *t = "a,,b\nc,\n,\nlast";
	struct cc_csv r;

	(void)state;
	open_text(&r, t, strlen(t));
	next_record(&r, 3, 1);
	field_is(&r, 1, "");
	next_record(&r, 2, 2);
	field_is(&r, 0, "c");
	field_is(&r, 1, "");
	next_record(&r, 2, 3);
	field_is(&r, 0, "");
	field_is(&r, 1, "");
	next_record(&r, 1, 4);
	field_is(&r, 0, "last");
	at_end(&r);
	cc_csv_close(&r);
}

static void test_quoted_fields(void **state)
{
	const char *t = "\"a, b\",c\n\"say \"\"hi\"\"\",\"\"\n\"x\",\"y\"";
	struct cc_csv r;

	(void)state;
	open_text(&r, t, strlen(t));
	next_record(&r, 2, 1);
	field_is(&r, 0, "a, b");
	field_is(&r, 1, "c");
	next_record(&r, 2, 2);
	field_is(&r, 0, "say \"hi\"");
	field_is(&r, 1, "");
	next_record(&r, 2, 3);
	field_is(&r, 0, "x");
	field_is(&r, 1, "y");
	at_end(&r);
	cc_csv_close(&r);
}

static void test_long_quoted_fields_in_one_record(void **state)
{
	/* Two quoted fields where the first outgrows the scratch buffer's
	 * first size (256): both must read back whole. */
	char t[3000], want[2001];
	struct cc_csv r;

	(void)state;
	memset(want, 'x', 2000);
	want[2000] = '\0';
	snprintf(t, sizeof(t), "\"%s\",\"yy\",zz\n", want);
	open_text(&r, t, strlen(t));
	next_record(&r, 3, 1);
	field_is(&r, 0, want);
	field_is(&r, 1, "yy");
	field_is(&r, 2, "zz");
	at_end(&r);
	cc_csv_close(&r);
}

static void test_newline_inside_quotes(void **state)
{
	/* line 1: h1,h2 / lines 2-4: one record whose field spans 3 lines /
	 * line 5: next record. */
	const char *t = "h1,h2\n"
			"\"one\ntwo\nthree\",x\n"
			"next,y\n";
	struct cc_csv r;

	(void)state;
	open_text(&r, t, strlen(t));
	next_record(&r, 2, 1);
	next_record(&r, 2, 2);
	field_is(&r, 0, "one\ntwo\nthree");
	field_is(&r, 1, "x");
	next_record(&r, 2, 5);
	field_is(&r, 0, "next");
	at_end(&r);
	cc_csv_close(&r);
}

static void test_crlf(void **state)
{
	const char *t = "a,b\r\n\"c\r\nd\",e\r\nf,g";
	struct cc_csv r;

	(void)state;
	open_text(&r, t, strlen(t));
	next_record(&r, 2, 1);
	field_is(&r, 0, "a");
	field_is(&r, 1, "b");      /* no trailing \r */
	next_record(&r, 2, 2);
	field_is(&r, 0, "c\r\nd");  /* kept verbatim inside quotes */
	field_is(&r, 1, "e");
	next_record(&r, 2, 4);
	field_is(&r, 1, "g");
	at_end(&r);
	cc_csv_close(&r);
}

static void test_bom_skipped(void **state)
{
	const char *t = "\xEF\xBB\xBFunit,question\nZZA,q\n";
	struct cc_csv r;

	(void)state;
	open_text(&r, t, strlen(t));
	next_record(&r, 2, 1);
	field_is(&r, 0, "unit");
	assert_int_equal(cc_csv_find(&r, "unit"), 0);
	next_record(&r, 2, 2);
	at_end(&r);
	cc_csv_close(&r);
}

static void test_empty_lines_skipped(void **state)
{
	/* Lines 2, 3 (LF) and 5 (CRLF) are empty; records on 1, 4, 6. */
	const char *t = "a\n\n\nb\n\r\nc\n\n";
	struct cc_csv r;

	(void)state;
	open_text(&r, t, strlen(t));
	next_record(&r, 1, 1);
	field_is(&r, 0, "a");
	next_record(&r, 1, 4);
	field_is(&r, 0, "b");
	next_record(&r, 1, 6);
	field_is(&r, 0, "c");
	at_end(&r);
	cc_csv_close(&r);

	open_text(&r, "", 0);
	at_end(&r);
	cc_csv_close(&r);
	open_text(&r, "\n\n", 2);
	at_end(&r);
	cc_csv_close(&r);
}

static void test_errors_name_lines(void **state)
{
	(void)state;
	/* The quote opens on line 2 and is never closed (lines 2-3). */
	error_on_line("a,b\nc,\"open\nmore\n", 2);
	/* Opens on line 3, after a record whose quoted field spans 1-2. */
	error_on_line("\"x\ny\",1\nz,\"never\n", 3);
	/* A quote inside an unquoted field, on line 3. */
	error_on_line("x\ny\nab\"c,d\n", 3);
	error_on_line("ab\"c,d\n", 1);
	/* Text after a closing quote. */
	error_on_line("ok\n\"a\"b,c\n", 2);
	/* A lone carriage return inside an unquoted field. */
	error_on_line("a\rb,c\n", 1);
	/* Invalid UTF-8 (0xFF) on line 3: cc_csv_open refuses it. */
	error_on_line("ok\nok\nbad\xFF\n", 3);
	/* A truncated 2-byte sequence at the very end, line 2. */
	error_on_line("h\n\xC3", 2);
}

static void test_utf8_invalid(void **state)
{
	static const struct {
		const char *s;
		size_t at;  /* expected result; SIZE_MAX = valid (len) */
	} cases[] = {
		{"plain ascii", SIZE_MAX},
		{"caf\xC3\xA9", SIZE_MAX},              /* U+00E9 */
		{"\xE2\x82\xAC", SIZE_MAX},             /* U+20AC euro */
		{"a\xF0\x9F\x98\x80z", SIZE_MAX},       /* U+1F600, 4 bytes */
		{"\xF4\x8F\xBF\xBF", SIZE_MAX},         /* U+10FFFF, the last */
		{"\xED\x9F\xBF", SIZE_MAX},             /* U+D7FF, below surrogates */
		{"\xC0\xAF", 0},                        /* overlong '/' */
		{"ab\xC1\xBF", 2},                      /* overlong, 2 bytes */
		{"\xE0\x80\xAF", 0},                    /* overlong, 3 bytes */
		{"x\xF0\x8F\xBF\xBF", 1},               /* overlong, 4 bytes */
		{"a\xED\xA0\x80", 1},                   /* U+D800 surrogate */
		{"\xED\xBF\xBF", 0},                    /* U+DFFF surrogate */
		{"\xF4\x90\x80\x80", 0},                /* U+110000, too large */
		{"\xF5\x80\x80\x80", 0},
		{"\x80", 0},                            /* lone continuation */
		{"ab\xE2\x82", 2},                      /* truncated */
		{"\xC3(", 0},                           /* bad continuation */
		{"\xFF", 0},
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		size_t len = strlen(cases[i].s);
		size_t want = cases[i].at == SIZE_MAX ? len : cases[i].at;
		size_t got = cc_utf8_invalid(cases[i].s, len);

		if (got != want) {
			print_error("case %zu: cc_utf8_invalid = %zu, expected %zu\n",
				    i, got, want);
			fail();
		}
	}
	/* A NUL byte is valid UTF-8. */
	assert_int_equal(cc_utf8_invalid("a\0b", 3), 3);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plain_records),
		cmocka_unit_test(test_empty_fields_and_no_final_newline),
		cmocka_unit_test(test_quoted_fields),
		cmocka_unit_test(test_long_quoted_fields_in_one_record),
		cmocka_unit_test(test_newline_inside_quotes),
		cmocka_unit_test(test_crlf),
		cmocka_unit_test(test_bom_skipped),
		cmocka_unit_test(test_empty_lines_skipped),
		cmocka_unit_test(test_errors_name_lines),
		cmocka_unit_test(test_utf8_invalid),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
