/*
 * test_questionnaire_xlsx.c - reading the offline questionnaire workbook
 * back (format/questionnaire_xlsx.h): round trips, every kind of bad cell,
 * foreign and hostile files; the fixture is in xlsx_fixture.h.
 */
#include "xlsx_fixture.h"

/* ---- round trips -------------------------------------------------------- */

static void test_round_trip(void **state)
{
	struct fx *f = *state;
	struct cc_xlsx_rows rows;
	struct cc_xlsx_errors errs;
	struct cc_error err;
	struct cc_answers back;
	struct memstream m1, m2;
	char *t1, *t2;
	int u;

	assert_rows(&f->fw, f->wb, prefilled);
	/* The rows, fed to a fresh answers table, are the same answers. */
	assert_int_equal(cc_questionnaire_xlsx_read(f->wb.p, f->wb.n, &f->fw, CAMPAIGN,
						    "ZZA", &rows, &errs, &err), CC_OK);
	cc_answers_init(&back, &f->fw);
	assert_int_equal(cc_answers_unit(&back, "ZZA", 3, &u, &err), CC_OK);
	for (int i = 0; i < rows.n; i++) {
		const struct cc_xlsx_row *r = &rows.v[i];
		const char *ans = r->answer ? r->answer : "";

		assert_int_equal(cc_answers_set(&back, u, r->question, strlen(r->question),
						ans, strlen(ans), &err), CC_OK);
	}
	memstream_open(&m1);
	memstream_open(&m2);
	assert_int_equal(cc_responses_write_csv(m1.f, &f->a), CC_OK);
	assert_int_equal(cc_responses_write_csv(m2.f, &back), CC_OK);
	t1 = memstream_text(&m1);
	t2 = memstream_text(&m2);
	assert_string_equal(t1, t2);
	free(t1);
	free(t2);
	cc_answers_free(&back);
	cc_xlsx_rows_free(&rows);
	cc_xlsx_errors_free(&errs);
}

static void test_blank_questionnaire(void **state)
{
	struct fx *f = *state;
	struct blob b = write_wb(&f->fw, NULL);

	assert_rows(&f->fw, b, ((const char *const[]){
		"Legal!2 legal.law=- c=- u=-",
		"Legal!3 legal.partial=- c=- u=-",
		"Legal!5 legal.level=- c=- u=-",
		"Legal!6 legal.areas=- c=- u=-",
		TECH_SHEET "!2 tech.staff=- c=- u=-",
		TECH_SHEET "!3 tech.notes=- c=- u=-",
		"General!2 top=- c=- u=-",
		NULL}));
	free(b.p);
}

/* Shared strings (with rich text runs and a phonetic run that is not
 * text), inline strings, plain numbers, booleans and formula results are
 * all answers; words and option ids are taken in any case. */
static void test_cell_kinds_accepted(void **state)
{
	struct fx *f = *state;
	struct blob b;
	char *sst = entry_text(f->wb, "xl/sharedStrings.xml");
	char *sst2 = replace(sst, "</sst>", "<si><r><t>par</t></r><r><rPr><b/></rPr>"
			     "<t>tial</t></r><rPh sb=\"0\" eb=\"1\"><t>X</t></rPh></si></sst>");
	int n = 0;
	char ss_cell[64];

	for (const char *p = sst; (p = strstr(p, "<si>")); p++)
		n++;
	b = with_entry(f->wb, "xl/sharedStrings.xml", sst2);
	free(sst);
	snprintf(ss_cell, sizeof(ss_cell), "<c r=\"F3\" t=\"s\"><v>%d</v></c>", n);
	b = edit_cells(b, LEGAL, (const char *const[]){
		"F2", inline_cell("F2", " YES "),
		"F3", ss_cell,
		"F5", inline_cell("F5", "High"),
		"F6", inline_cell("F6", " B | a "),
		"G6", "<c r=\"G6\" t=\"str\"><f>CONCAT(\"x\",\"y\")</f><v>xy</v></c>",
		NULL});
	b = edit_cells(b, TECH, (const char *const[]){
		"F2", "<c r=\"F2\"><v>7</v></c>",
		"F3", "<c r=\"F3\" t=\"b\"><v>1</v></c>",
		NULL});
	assert_rows(&f->fw, b, ((const char *const[]){
		"Legal!2 legal.law=yes c=Passed in 2019 u=https://example.org/law",
		"Legal!3 legal.partial=partial c=- u=-",
		"Legal!5 legal.level=high c=- u=-",
		"Legal!6 legal.areas=b|a c=xy u=-",
		TECH_SHEET "!2 tech.staff=7 c=- u=-",
		TECH_SHEET "!3 tech.notes=TRUE c=- u=-",
		"General!2 top=no c=- u=-",
		NULL}));
	free(b.p);
}

/* Columns are found by their header, wherever they are; other sheets
 * without an "id" header are ignored. */
static void test_columns_by_header(void **state)
{
	struct fx *f = *state;
	static const char sheet[] =
		"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		"<x:worksheet xmlns:x=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
		"<x:sheetData>"
		"<x:row r=\"1\"><x:c r=\"B1\" t=\"inlineStr\"><x:is><x:t>Answer</x:t></x:is></x:c>"
		"<x:c r=\"C1\" t=\"inlineStr\"><x:is><x:t>notes</x:t></x:is></x:c>"
		"<x:c r=\"D1\" t=\"inlineStr\"><x:is><x:t> ID </x:t></x:is></x:c></x:row>"
		"<x:row r=\"3\"><x:c r=\"B3\" t=\"inlineStr\"><x:is><x:t>no</x:t></x:is></x:c>"
		"<x:c r=\"D3\" t=\"inlineStr\"><x:is><x:t>legal.law</x:t></x:is></x:c></x:row>"
		"<x:row><x:c t=\"inlineStr\"><x:is><x:t>x</x:t></x:is></x:c>"
		"<x:c t=\"inlineStr\"><x:is><x:t>low</x:t></x:is></x:c><x:c/>"
		"<x:c t=\"inlineStr\"><x:is><x:t>legal.level</x:t></x:is></x:c></x:row>"
		"</x:sheetData></x:worksheet>";
	struct blob b = with_entry(f->wb, LEGAL, strdup(sheet));
	struct blob c = with_entry(b, TECH, strdup(
		"<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
		"<sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>scratch</t></is></c>"
		"</row><row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>tech.staff</t></is></c>"
		"</row></sheetData></worksheet>"));

	assert_rows(&f->fw, c, ((const char *const[]){
		"Legal!3 legal.law=no c=- u=-",
		"Legal!4 legal.level=low c=- u=-",
		"General!2 top=no c=- u=-",
		NULL}));
	free(b.p);
	free(c.p);
}

/* ---- errors in cells ---------------------------------------------------- */

static void test_bad_cells(void **state)
{
	struct fx *f = *state;
	struct blob b = edit_cells(copy(f->wb), LEGAL, (const char *const[]){
		"F2", inline_cell("F2", "maybe"),
		"I2", inline_cell("I2", "ftp://example.org/law"),
		"A3", inline_cell("A3", "legal.nope"),
		"F4", inline_cell("F4", "yes"),
		"F5", inline_cell("F5", "medium"),
		"A6", inline_cell("A6", "legal.law"),
		NULL});

	b = edit_cells(b, TECH, (const char *const[]){
		"F2", inline_cell("F2", "twelve"),
		"A3", inline_cell("A3", "tech.ind"),
		NULL});
	assert_errors(&f->fw, b, "ZZA", CC_EINPUT,
		"Legal, row 2, column F: answer \"maybe\" is not one of yes, no",
		"Legal, row 2, column I: \"ftp://example.org/law\" is not a web address (http:// or https://)",
		"Legal, row 3, column A: \"legal.nope\" is not a question of framework mini",
		"Legal, row 4, column F: an answer on a row without a question id",
		"Legal, row 5, column F: answer \"medium\" is not an option (low, mid, high)",
		"Legal, row 6, column A: question \"legal.law\" is given a second time (first in Legal, row 2)",
		TECH_SHEET ", row 2, column F: \"twelve\" is not a number",
		TECH_SHEET ", row 3, column A: \"tech.ind\" is not a question of framework mini");
	free(b.p);
}

static void test_bad_multi_and_partial(void **state)
{
	struct fx *f = *state;
	struct blob b = edit_cells(copy(f->wb), LEGAL, (const char *const[]){
		"F2", inline_cell("F2", "partial"),
		"F3", inline_cell("F3", "Partial"),
		"F6", inline_cell("F6", "a|c"),
		NULL});

	assert_errors(&f->fw, b, "ZZA", CC_EINPUT,
		"Legal, row 2, column F: answer \"partial\" is not one of yes, no",
		"Legal, row 6, column F: \"c\" is not an option (a, b)");
	free(b.p);
}

/* The summary in err, and the cap on kept errors. */
static void test_error_cap(void **state)
{
	struct fx *f = *state;
	size_t size = 1 << 20, used = 0;
	char *xml = malloc(size);
	struct cc_xlsx_rows rows;
	struct cc_xlsx_errors errs;
	struct cc_error err;
	struct blob b;
	char first[200];

	assert_non_null(xml);
	used += (size_t)snprintf(xml, size,
		"<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
		"<sheetData><row r=\"1\"><c t=\"inlineStr\"><is><t>id</t></is></c>"
		"<c t=\"inlineStr\"><is><t>answer</t></is></c></row>");
	for (int r = 2; r < 2 + 250; r++)
		used += (size_t)snprintf(xml + used, size - used,
			"<row r=\"%d\"><c t=\"inlineStr\"><is><t>q%d</t></is></c></row>", r, r);
	snprintf(xml + used, size - used, "</sheetData></worksheet>");
	b = with_entry(f->wb, LEGAL, xml);
	assert_int_equal(cc_questionnaire_xlsx_read(b.p, b.n, &f->fw, CAMPAIGN, "ZZA",
						    &rows, &errs, &err), CC_EINPUT);
	assert_int_equal(rows.n, 0);
	assert_int_equal(errs.n, CC_XLSX_MAX_ERRORS);
	assert_int_equal(errs.dropped, 50);
	cc_xlsx_error_format(&errs.v[199], first, sizeof(first));
	assert_string_equal(first, "Legal, row 201, column A: \"q201\" is not a question of framework mini");
	assert_string_equal(err.msg, "Legal, row 2, column A: \"q2\" is not a question "
			    "of framework mini (and 249 more errors)");
	cc_xlsx_rows_free(&rows);
	cc_xlsx_errors_free(&errs);
	free(b.p);
}

/* ---- errors in the workbook --------------------------------------------- */

static void test_wrong_meta(void **state)
{
	struct fx *f = *state;
	struct blob b = edit_cells(copy(f->wb), META, (const char *const[]){
		"B5", inline_cell("B5", "ZZB"), NULL});
	struct cc_framework other;
	char *yaml2 = replace(yaml, "id: mini\n", "id: mini2\n");

	assert_errors(&f->fw, b, "ZZA", CC_EINPUT,
		"meta, row 5, column B: the questionnaire is for unit \"ZZB\", not \"ZZA\"");
	/* The caller expects another unit. */
	assert_errors(&f->fw, f->wb, "ZZC", CC_EINPUT,
		"meta, row 5, column B: the questionnaire is for unit \"ZZA\", not \"ZZC\"");
	/* Another framework (with the same questions). */
	parse_framework(&other, yaml2);
	assert_errors(&other, f->wb, "ZZA", CC_EINPUT,
		"meta, row 2, column B: the questionnaire is for framework \"mini\", not \"mini2\"");
	cc_framework_free(&other);
	free(yaml2);
	/* Another version of the framework. */
	yaml2 = replace(yaml, "version: \"2024\"", "version: \"2025\"");
	parse_framework(&other, yaml2);
	assert_errors(&other, f->wb, "ZZA", CC_EINPUT,
		"meta, row 3, column B: the questionnaire is for framework version \"2024\", not \"2025\"");
	cc_framework_free(&other);
	free(yaml2);
	/* Another campaign, another format. */
	b = edit_cells(b, META, (const char *const[]){
		"B1", inline_cell("B1", "cybercap-questionnaire 2"),
		"B4", inline_cell("B4", "2024 round"), NULL});
	assert_errors(&f->fw, b, "ZZA", CC_EINPUT,
		"meta, row 1, column B: \"cybercap-questionnaire 2\" is not a questionnaire "
		"format this version reads (cybercap-questionnaire 1)",
		"meta, row 4, column B: the questionnaire is for campaign \"2024 round\", not \"2025 round\"",
		"meta, row 5, column B: the questionnaire is for unit \"ZZB\", not \"ZZA\"");
	free(b.p);
}

/* Texts up to Excel's 32767 characters (not bytes). */
static void test_text_limits(void **state)
{
	struct fx *f = *state;
	size_t n = CC_XLSX_MAX_TEXT;
	char *ok_text = malloc(2 * n + 1), *long_text = malloc(n + 2);
	char *c1 = malloc(2 * n + 100), *c2 = malloc(n + 100);
	struct blob b;

	assert_non_null(ok_text);
	assert_non_null(long_text);
	assert_non_null(c1);
	assert_non_null(c2);
	for (size_t i = 0; i < n; i++)
		memcpy(ok_text + 2 * i, "\xc3\xa9", 2);   /* é: 2 bytes, 1 character */
	ok_text[2 * n] = '\0';
	memset(long_text, 'x', n + 1);
	long_text[n + 1] = '\0';
	sprintf(c1, "<c r=\"F3\" t=\"inlineStr\"><is><t>%s</t></is></c>", ok_text);
	sprintf(c2, "<c r=\"G3\" t=\"inlineStr\"><is><t>%s</t></is></c>", long_text);
	b = edit_cells(copy(f->wb), TECH, (const char *const[]){"F3", c1, "G3", c2, NULL});
	assert_errors(&f->fw, b, "ZZA", CC_EINPUT,
		TECH_SHEET ", row 3, column G: the comment is longer than 32767 characters");
	free(b.p);
	sprintf(c2, "<c r=\"F3\" t=\"inlineStr\"><is><t>%s</t></is></c>", long_text);
	b = edit_cells(copy(f->wb), TECH, (const char *const[]){"F3", c2, NULL});
	assert_errors(&f->fw, b, "ZZA", CC_EINPUT,
		TECH_SHEET ", row 3, column F: the answer is longer than 32767 characters");
	free(b.p);
	free(ok_text);
	free(long_text);
	free(c1);
	free(c2);
}

static void test_no_meta(void **state)
{
	struct fx *f = *state;
	char *wbx = entry_text(f->wb, "xl/workbook.xml");
	struct blob b = with_entry(f->wb, "xl/workbook.xml",
				    replace(wbx, "name=\"meta\"", "name=\"notes\""));
	struct blob c = edit_cells(copy(f->wb), META, (const char *const[]){
		"A4", inline_cell("A4", "campaign name"), NULL});

	assert_errors(&f->fw, b, "ZZA", CC_EINPUT,
		"the workbook has no \"meta\" sheet: it is not a questionnaire downloaded from cybercap");
	assert_errors(&f->fw, c, "ZZA", CC_EINPUT,
		"meta: no \"campaign\" row: the workbook is not a questionnaire downloaded from cybercap");
	free(wbx);
	free(b.p);
	free(c.p);
}

static void test_not_a_workbook(void **state)
{
	struct fx *f = *state;
	struct blob text = {"hello, world", 12};
	struct blob empty = {"", 0};
	const char *name = "hello.txt";
	struct blob zip = make_zip(1, &name, &text, 6);
	struct blob cut = {f->wb.p, f->wb.n / 2};
	char *wbx = entry_text(f->wb, "xl/workbook.xml");
	struct blob bad = with_entry(f->wb, "xl/workbook.xml", replace(wbx, "</sheets>", "</sheet>"));

	assert_errors(&f->fw, text, "ZZA", CC_EINPUT,
		"the file is not an Excel workbook (.xlsx): it is not a zip archive");
	assert_errors(&f->fw, empty, "ZZA", CC_EINPUT, "the file is empty");
	assert_errors(&f->fw, zip, "ZZA", CC_EINPUT,
		"the file is not an Excel workbook (.xlsx): its zip has no xl/workbook.xml");
	assert_errors(&f->fw, cut, "ZZA", CC_EINPUT,
		"the file is not an Excel workbook (.xlsx): it is not a zip archive");
	assert_errors(&f->fw, bad, "ZZA", CC_EINPUT,
		"xl/workbook.xml is not a valid part of a workbook (line 2: mismatched tag)");
	free(zip.p);
	free(wbx);
	free(bad.p);
}

static void test_doctype_refused(void **state)
{
	struct fx *f = *state;
	char *sheet = entry_text(f->wb, LEGAL);
	struct blob b = with_entry(f->wb, LEGAL, replace(sheet, "<worksheet",
		"<!DOCTYPE lol [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;\">]>"
		"<worksheet"));

	assert_errors(&f->fw, b, "ZZA", CC_EINPUT,
		"Legal: " LEGAL " is not a valid part of a workbook (line 2: a DOCTYPE, "
		"which a workbook never has)");
	free(sheet);
	free(b.p);
}

/* ---- limits ------------------------------------------------------------- */

/* 60 MB of zeros at level 9: a zip of about 60 KB. */
static void test_zip_bomb(void **state)
{
	struct fx *f = *state;
	struct blob zeros = {calloc(60u << 20, 1), 60u << 20};
	const char *name = "xl/workbook.xml";
	struct blob bomb;

	assert_non_null(zeros.p);
	bomb = make_zip(1, &name, &zeros, 9);
	assert_true(bomb.n < (1u << 20));
	assert_errors(&f->fw, bomb, "ZZA", CC_ELIMIT,
		"xl/workbook.xml inflates to 62914560 bytes, more than the limit "
		"(52428800 for one part, 209715200 for all)");
	free(zeros.p);
	free(bomb.p);
}

/* Little-endian 32 bits at p. */
static void put32(char *p, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		p[i] = (char)(v >> (8 * i));
}

static uint32_t get32(const char *p)
{
	uint32_t v = 0;

	for (int i = 3; i >= 0; i--)
		v = v << 8 | (unsigned char)p[i];
	return v;
}

/* A bomb whose headers claim 100 bytes: the bytes are counted as they
 * inflate, and the reading stops at the limit. */
static void test_zip_bomb_lying(void **state)
{
	struct fx *f = *state;
	size_t n = 60u << 20;
	struct blob xml = {malloc(n), n};
	const char *name = "xl/workbook.xml";
	struct blob bomb;
	const char *eocd;
	char *cd;

	assert_non_null(xml.p);
	memset(xml.p, ' ', n);
	memcpy(xml.p, "<a>", 3);
	memcpy(xml.p + n - 4, "</a>", 4);
	bomb = make_zip(1, &name, &xml, 9);
	eocd = bomb.p + bomb.n - 22;
	assert_int_equal(get32(eocd), 0x06054b50);
	cd = bomb.p + get32(eocd + 16);
	assert_int_equal(get32(cd), 0x02014b50);
	assert_int_equal(get32(bomb.p), 0x04034b50);
	put32(bomb.p + 22, 100);       /* local header: uncompressed size */
	put32(cd + 24, 100);           /* central directory: the same */
	assert_errors(&f->fw, bomb, "ZZA", CC_ELIMIT,
		"xl/workbook.xml inflates to more than the limit (52428800 bytes for "
		"one part, 209715200 for all)");
	free(xml.p);
	free(bomb.p);
}

static void test_limits(void **state)
{
	struct fx *f = *state;
	struct blob big = {calloc(CC_XLSX_MAX_BYTES + 1, 1), CC_XLSX_MAX_BYTES + 1};
	int n = CC_XLSX_MAX_ENTRIES + 1;
	const char **names = calloc((size_t)n, sizeof(*names));
	struct blob *data = calloc((size_t)n, sizeof(*data));
	char (*buf)[16] = calloc((size_t)n, sizeof(*buf));
	struct blob many, deep;
	char *sheet = entry_text(f->wb, LEGAL), *nest = malloc(2000);
	size_t used = 0;

	assert_non_null(big.p);
	assert_non_null(names);
	assert_non_null(data);
	assert_non_null(buf);
	assert_non_null(nest);
	assert_errors(&f->fw, big, "ZZA", CC_ELIMIT,
		"the file has 20971521 bytes, more than the limit (20971520)");
	for (int i = 0; i < n; i++) {
		snprintf(buf[i], sizeof(buf[i]), "f%d", i);
		names[i] = buf[i];
		data[i].p = buf[i];
		data[i].n = strlen(buf[i]);
	}
	many = make_zip(n, names, data, 1);
	assert_errors(&f->fw, many, "ZZA", CC_ELIMIT,
		"the zip holds 2001 files, more than the limit (2000)");
	for (int i = 0; i < 70; i++)
		used += (size_t)sprintf(nest + used, "<x>");
	deep = with_entry(f->wb, LEGAL, replace(sheet, "<sheetData>", nest));
	assert_errors(&f->fw, deep, "ZZA", CC_ELIMIT,
		"Legal: " LEGAL " has elements nested more than 64 deep, more than the limit");
	free(big.p);
	free(names);
	free(data);
	free(buf);
	free(many.p);
	free(deep.p);
	free(sheet);
	free(nest);
}

/* ---- the writer --------------------------------------------------------- */

static void test_libreoffice_fixture(void **state)
{
	struct fx *f = *state;
	struct blob b = read_file("tests/fixtures/xlsx/libreoffice-mini.xlsx");
	struct blob c;

	assert_rows(&f->fw, b, prefilled);
	c = edit_cells(copy(b), LEGAL, (const char *const[]){
		"F2", inline_cell("F2", "maybe"), NULL});
	assert_errors(&f->fw, c, "ZZA", CC_EINPUT,
		"Legal, row 2, column F: answer \"maybe\" is not one of yes, no");
	free(b.p);
	free(c.p);
}

/* Saved again by LibreOffice now, when it is installed. */
static void test_libreoffice_live(void **state)
{
	struct fx *f = *state;
	char dir[] = "/tmp/cc-test-lo-XXXXXX", cmd[600], path[300];
	FILE *out;
	struct blob b;

	if (system("command -v soffice >/dev/null 2>&1") != 0)
		skip();
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/in.xlsx", dir);
	out = fopen(path, "wb");
	assert_non_null(out);
	assert_int_equal(fwrite(f->wb.p, 1, f->wb.n, out), f->wb.n);
	fclose(out);
	snprintf(cmd, sizeof(cmd), "cd %s && mkdir out && HOME=%s soffice --headless "
		 "--convert-to xlsx --outdir out in.xlsx >/dev/null 2>&1", dir, dir);
	assert_int_equal(system(cmd), 0);
	snprintf(path, sizeof(path), "%s/out/in.xlsx", dir);
	b = read_file(path);
	assert_rows(&f->fw, b, prefilled);
	free(b.p);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	assert_int_equal(system(cmd), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_blank_questionnaire),
		cmocka_unit_test(test_cell_kinds_accepted),
		cmocka_unit_test(test_columns_by_header),
		cmocka_unit_test(test_bad_cells),
		cmocka_unit_test(test_bad_multi_and_partial),
		cmocka_unit_test(test_error_cap),
		cmocka_unit_test(test_text_limits),
		cmocka_unit_test(test_wrong_meta),
		cmocka_unit_test(test_no_meta),
		cmocka_unit_test(test_not_a_workbook),
		cmocka_unit_test(test_doctype_refused),
		cmocka_unit_test(test_zip_bomb),
		cmocka_unit_test(test_zip_bomb_lying),
		cmocka_unit_test(test_limits),
		cmocka_unit_test(test_libreoffice_fixture),
		cmocka_unit_test(test_libreoffice_live),
	};
	int failed = cmocka_run_group_tests(tests, setup, teardown);

	printf("%d passed, %d failed\n", (int)(sizeof(tests) / sizeof(*tests)) - failed,
	       failed);
	return failed != 0;
}
