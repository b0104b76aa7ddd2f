/*
 * test_questionnaire_xlsx_write.c - writing the offline questionnaire
 * workbook (format/questionnaire_xlsx.h): layout, protection, drop-downs,
 * sheet names and write errors; the fixture is in xlsx_fixture.h.
 */
#include "xlsx_fixture.h"

static void test_layout(void **state)
{
	struct fx *f = *state;
	char *wbx = entry_text(f->wb, "xl/workbook.xml");
	char *legal = entry_text(f->wb, LEGAL);
	char *tech = entry_text(f->wb, TECH);
	char *sst = entry_text(f->wb, "xl/sharedStrings.xml");
	const char *order[] = {"\"Instructions\"", "\"Legal\"", "\"" TECH_SHEET "\"",
			       "\"General\"", "\"meta\" sheetId=\"5\" state=\"hidden\""};
	const char *at = wbx;

	for (size_t i = 0; i < sizeof(order) / sizeof(*order); i++) {
		const char *p = strstr(at, order[i]);

		if (!p)
			print_error("%s not after the previous sheet in %s\n", order[i], wbx);
		assert_non_null(p);
		at = p;
	}
	/* Protected without a password; drop-downs for yes_no and choice. */
	assert_non_null(strstr(legal, "<sheetProtection sheet=\"1\""));
	assert_null(strstr(legal, "password"));
	assert_non_null(strstr(legal, "sqref=\"F2\"><formula1>\"yes,no\"</formula1>"));
	assert_non_null(strstr(legal, "sqref=\"F3\"><formula1>\"yes,no,partial\"</formula1>"));
	assert_non_null(strstr(legal, "sqref=\"F5\"><formula1>\"low,mid,high\"</formula1>"));
	assert_null(strstr(legal, "sqref=\"F6\""));
	assert_non_null(strstr(legal, "<pane ySplit=\"1\""));
	/* Numbers are numbers; the indicator has no row. */
	assert_non_null(strstr(tech, "<c r=\"F2\" s=\"") );
	assert_non_null(strstr(tech, "><v>12.5</v></c>"));
	assert_null(strstr(sst, "tech.ind"));
	assert_non_null(strstr(sst, "<t>one of:\nlow = Low\nmid = Medium\nhigh = High</t>"));
	assert_non_null(strstr(sst, "<t>yes | no | partial</t>"));
	assert_non_null(strstr(sst, "<t>Regulation</t>"));
	assert_non_null(strstr(sst, "<t>2025 round</t>"));     /* Instructions */
	assert_non_null(strstr(sst, "<t>" CC_XLSX_FORMAT "</t>"));   /* meta */
	free(wbx);
	free(legal);
	free(tech);
	free(sst);
}

/* Sheet names: Excel's characters, 31 characters, unique in any case. */
static void test_sheet_names(void **state)
{
	static const char *const y =
		"cybercap: 1\nid: names\ntitle: Names\nnodes:\n"
		"  - {id: p1, name: Legal, children: [{id: q1, question: Q1, type: yes_no}]}\n"
		"  - {id: p2, name: LEGAL, children: [{id: q2, question: Q2, type: yes_no}]}\n"
		"  - {id: p3, name: \"A very long pillar name that goes past 31 characters\", children: [{id: q3, question: Q3, type: yes_no}]}\n"
		"  - {id: p4, name: \"A very long pillar name that goes past 31 characters too\", children: [{id: q4, question: Q4, type: yes_no}]}\n"
		"  - {id: p5, name: \"'meta'\", children: [{id: q5, question: Q5, type: yes_no}]}\n"
		"  - {id: p6, name: \"[]:*?/\", children: [{id: q6, question: Q6, type: yes_no}]}\n"
		"  - {id: p7, name: Empty, children: [{id: i7, name: I7, indicator: true}]}\n";
	struct cc_framework fw;
	struct blob b;
	char *wbx;
	const char *names[] = {
		"name=\"Instructions\"", "name=\"Legal\"", "name=\"LEGAL (2)\"",
		"name=\"A very long pillar name that go\"",
		"name=\"A very long pillar name tha (2)\"", "name=\"meta (2)\"",
		"name=\"------\"", "name=\"meta\"",
	};
	const char *at;

	(void)state;
	parse_framework(&fw, y);
	b = write_wb(&fw, NULL);
	wbx = entry_text(b, "xl/workbook.xml");
	at = wbx;
	for (size_t i = 0; i < sizeof(names) / sizeof(*names); i++) {
		const char *p = strstr(at, names[i]);

		if (!p)
			print_error("%s missing in %s\n", names[i], wbx);
		assert_non_null(p);
		at = p;
	}
	assert_null(strstr(wbx, "Empty"));
	free(wbx);
	free(b.p);
	cc_framework_free(&fw);
}

/* A choice whose option ids do not fit in Excel's 255 characters gets no
 * drop-down (its options are still listed); one that fits gets one. */
static void test_long_option_list(void **state)
{
	char y[8192];
	size_t used;
	struct cc_framework fw;
	struct blob b;
	char *sheet, *sst;

	(void)state;
	used = (size_t)snprintf(y, sizeof(y), "cybercap: 1\nid: long\ntitle: Long\nnodes:\n"
				"  - id: p\n    name: P\n    children:\n"
				"      - id: q\n        question: Q\n        type: choice\n"
				"        options:\n");
	for (int i = 0; i < 16; i++)   /* 16 x 17 - 1 = 271 characters */
		used += (size_t)snprintf(y + used, sizeof(y) - used,
					 "          - {id: option_number_%02d, value: 0.5}\n", i);
	used += (size_t)snprintf(y + used, sizeof(y) - used,
				 "      - id: r\n        question: R\n        type: choice\n"
				 "        options:\n");
	for (int i = 0; i < 15; i++)   /* 15 x 17 - 1 = 254 */
		used += (size_t)snprintf(y + used, sizeof(y) - used,
					 "          - {id: option_number_%02d, value: 0.5}\n", i);
	parse_framework(&fw, y);
	b = write_wb(&fw, NULL);
	sheet = entry_text(b, LEGAL);
	sst = entry_text(b, "xl/sharedStrings.xml");
	assert_null(strstr(sheet, "sqref=\"F2\""));
	assert_non_null(strstr(sheet, "sqref=\"F3\"><formula1>\"option_number_00,"));
	assert_non_null(strstr(sst, "\noption_number_15</t>"));
	assert_rows(&fw, b, ((const char *const[]){"P!2 q=- c=- u=-", "P!3 r=- c=- u=-", NULL}));
	free(sheet);
	free(sst);
	free(b.p);
	cc_framework_free(&fw);
}

/* A rating question (format 1.1) offers its levels with their names and
 * descriptions, has a drop-down of the level values, and its answer goes
 * in as a number that reads back as the same rating. */
static void test_rating(void **state)
{
	static const char *const y =
		"cybercap: 1.1\nid: rated\ntitle: Rated\n"
		"scales:\n  - id: r\n    name: Readiness\n    levels:\n"
		"      - {value: 0, name: Absent, description: Nothing in place}\n"
		"      - {value: 2, name: Planned}\n"
		"      - {value: 4, name: Tested, description: Exercised this year}\n"
		"nodes:\n  - id: p\n    name: P\n    children:\n"
		"      - {id: q, question: Q, type: rating, scale: r}\n"
		"      - {id: s, question: S, type: rating, scale: r}\n";
	static const char *const answers = "unit,question,answer\nZZA,q,2\n";
	struct cc_framework fw;
	struct cc_answers a;
	struct cc_error err;
	struct blob b, bad;
	char *sheet, *sst;

	(void)state;
	parse_framework(&fw, y);
	assert_int_equal(cc_responses_parse(&a, &fw, "t.csv", answers, strlen(answers), &err), CC_OK);
	b = write_wb(&fw, &a);
	sheet = entry_text(b, "xl/worksheets/sheet2.xml");
	sst = entry_text(b, "xl/sharedStrings.xml");
	assert_non_null(strstr(sheet, "<formula1>\"0,2,4\"</formula1>"));
	assert_non_null(strstr(sst, "0 = Absent: Nothing in place\n2 = Planned\n4 = Tested: Exercised this year"));
	assert_non_null(strstr(sst, ">rating<"));
	assert_rows(&fw, b, ((const char *const[]){"P!2 q=2 c=- u=-", "P!3 s=- c=- u=-", NULL}));
	bad = edit_cells(copy(b), "xl/worksheets/sheet2.xml",
			 (const char *const[]){"F3", inline_cell("F3", "3"), NULL});
	assert_errors(&fw, bad, "ZZA", CC_EINPUT,
		      "P, row 3, column F: answer \"3\" is not a level of the scale \"r\" (0, 2, 4)");
	free(bad.p);
	free(sheet);
	free(sst);
	free(b.p);
	cc_answers_free(&a);
	cc_framework_free(&fw);
}

static void test_write_errors(void **state)
{
	struct fx *f = *state;
	struct cc_error err;

	assert_int_equal(cc_questionnaire_xlsx_write("/nonexistent-dir/q.xlsx", &f->fw,
						     NULL, -1, "c", "u", NULL, &err), CC_EIO);
	assert_int_equal(cc_questionnaire_xlsx_write("/tmp/x.xlsx", &f->fw, &f->a, 5,
						     "c", "u", NULL, &err), CC_EUSAGE);
	assert_int_equal(cc_questionnaire_xlsx_write(NULL, &f->fw, NULL, -1, "c", "u", NULL,
						     &err), CC_EUSAGE);
}

/* In the focal point's language: the framework's translated texts and the
 * workbook's own words (xlsx_words.h), codes unchanged; and it reads back. */
static void test_in_french(void **state)
{
	static const char tr[] =
		"translations:\n"
		"  fr:\n"
		"    title: Mini indice\n"
		"    nodes:\n"
		"      legal: {name: Juridique}\n"
		"      legal.law: {question: Existe-t-il une loi sur la cybercriminalité ?}\n"
		"      legal.level: {options: {low: Faible, mid: Moyen}}\n";
	char text[4096], path[] = "/tmp/cc-test-xlsx-fr-XXXXXX";
	struct cc_framework fw;
	struct cc_error err;
	struct cc_xlsx_rows rows;
	struct cc_xlsx_errors errs;
	struct blob b;
	char *sst, *wbx;
	int fd;

	(void)state;
	snprintf(text, sizeof(text), "cybercap: 1.1%s%s", yaml + strlen("cybercap: 1"), tr);
	assert_int_equal(cc_framework_parse(&fw, "fr.yaml", text, strlen(text), &err), CC_OK);
	fd = mkstemp(path);
	assert_true(fd >= 0);
	close(fd);
	assert_int_equal(cc_questionnaire_xlsx_write(path, &fw, NULL, -1, CAMPAIGN, "ZZA", "fr-ca",
						     &err), CC_OK);
	b = read_file(path);
	unlink(path);
	sst = entry_text(b, "xl/sharedStrings.xml");
	wbx = entry_text(b, "xl/workbook.xml");
	assert_non_null(strstr(wbx, "name=\"Juridique\""));
	assert_non_null(strstr(wbx, "name=\"Instructions\""));
	assert_non_null(strstr(sst, "<t>Mini indice</t>"));
	assert_non_null(strstr(sst, "Existe-t-il une loi sur la cybercriminalité ?"));
	assert_non_null(strstr(sst, "<t>l’un de :\nlow = Faible\nmid = Moyen\nhigh = High</t>"));
	assert_non_null(strstr(sst, "<t>réponse</t>"));
	assert_non_null(strstr(sst, "<t>URL du justificatif</t>"));
	assert_non_null(strstr(sst, "<t>Data protection?</t>"));   /* not translated: its own */
	assert_null(strstr(sst, "<t>answer</t>"));
	/* read back: French heads, the same codes */
	assert_int_equal(cc_questionnaire_xlsx_read(b.p, b.n, &fw, CAMPAIGN, "ZZA", &rows, &errs, &err),
			 CC_OK);
	if (errs.n)
		print_error("%s row %d: %s\n", errs.v[0].sheet, errs.v[0].row, errs.v[0].msg);
	assert_int_equal(errs.n, 0);
	cc_xlsx_rows_free(&rows);
	cc_xlsx_errors_free(&errs);
	free(sst);
	free(wbx);
	free(b.p);
	cc_framework_free(&fw);
}

/* ---- LibreOffice -------------------------------------------------------- */

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_layout),
		cmocka_unit_test(test_sheet_names),
		cmocka_unit_test(test_long_option_list),
		cmocka_unit_test(test_rating),
		cmocka_unit_test(test_write_errors),
		cmocka_unit_test(test_in_french),
	};
	int failed = cmocka_run_group_tests(tests, setup, teardown);

	printf("%d passed, %d failed\n", (int)(sizeof(tests) / sizeof(*tests)) - failed,
	       failed);
	return failed != 0;
}
