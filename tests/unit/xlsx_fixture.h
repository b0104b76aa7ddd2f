/*
 * xlsx_fixture.h - what the questionnaire workbook tests share
 * (test_questionnaire_xlsx.c reads, test_questionnaire_xlsx_write.c
 * writes): a small framework and its answers, a written workbook, and
 * helpers that rewrite its XML parts with libzip to make broken ones.
 *
 * The tests: the offline questionnaire round trip
 * (format/questionnaire_xlsx.h): a workbook written for a small framework
 * reads back to the same answers; broken workbooks, made by rewriting the
 * XML parts of a written one with libzip, give exactly the expected errors;
 * hostile zips (not a zip, bombs, too many entries, deep XML) fail cleanly.
 *
 * Part names are those libxlsxwriter gives: sheet1 Instructions, sheet2
 * Legal, sheet3 the technical pillar, sheet4 General, sheet5 meta.
 * tests/fixtures/xlsx/libreoffice-mini.xlsx is a workbook of this file's
 * framework and answers, written by cc_questionnaire_xlsx_write and saved
 * again by LibreOffice Calc 7.4 (soffice --headless --convert-to xlsx).
 */
#ifndef CC_XLSX_FIXTURE_H
#define CC_XLSX_FIXTURE_H

#include "helpers.h"

#include "format/questionnaire_xlsx.h"
#include "format/responses_out.h"

#include <unistd.h>
#include <zip.h>

static const char *const yaml =
	"cybercap: 1\n"
	"id: mini\n"
	"title: Mini index\n"
	"version: \"2024\"\n"
	"nodes:\n"
	"  - id: legal\n"
	"    name: Legal\n"
	"    children:\n"
	"      - {id: legal.law, question: Is there a cybercrime law?, type: yes_no, evidence: required, guidance: Count laws in force.}\n"
	"      - {id: legal.partial, question: Data protection?, type: yes_no, partial: 0.5}\n"
	"      - id: legal.sub\n"
	"        name: Regulation\n"
	"        children:\n"
	"          - {id: legal.level, question: Maturity level, type: choice, options: [{id: low, label: Low, value: 0}, {id: mid, label: Medium, value: 0.5}, {id: high, label: High, value: 1}]}\n"
	"          - {id: legal.areas, question: Areas covered, type: multi, options: [{id: a, value: 0.5}, {id: b, value: 0.5}]}\n"
	"  - id: tech\n"
	"    name: \"Technical: CIRT/[ops]?\"\n"
	"    children:\n"
	"      - {id: tech.staff, question: CIRT staff, type: number, thresholds: [{min: 0, value: 0}, {min: 10, value: 1}]}\n"
	"      - {id: tech.notes, question: Notes, type: text, evidence: none}\n"
	"      - {id: tech.ind, name: Broadband, indicator: true}\n"
	"  - {id: top, question: Top-level question, type: yes_no}\n";

static const char *const csv =
	"unit,question,answer,evidence,comment\n"
	"ZZA,legal.law,yes,https://example.org/law,Passed in 2019\n"
	"ZZA,legal.level,mid,,\n"
	"ZZA,legal.areas,a|b,,\n"
	"ZZA,tech.staff,12.5,,\n"
	"ZZA,tech.notes,\"Line one, with comma\",,\n"
	"ZZA,top,no,,\n";

#define CAMPAIGN "2025 round"
#define LEGAL "xl/worksheets/sheet2.xml"
#define TECH "xl/worksheets/sheet3.xml"
#define META "xl/worksheets/sheet5.xml"
#define TECH_SHEET "Technical- CIRT--ops--"

/* The rows of the pre-filled workbook, as row_line prints them. */
static const char *const prefilled[] = {
	"Legal!2 legal.law=yes c=Passed in 2019 u=https://example.org/law",
	"Legal!3 legal.partial=- c=- u=-",
	"Legal!5 legal.level=mid c=- u=-",
	"Legal!6 legal.areas=a|b c=- u=-",
	TECH_SHEET "!2 tech.staff=12.5 c=- u=-",
	TECH_SHEET "!3 tech.notes=Line one, with comma c=- u=-",
	"General!2 top=no c=- u=-",
	NULL,
};

struct blob {
	char *p;
	size_t n;
};

struct fx {
	struct cc_framework fw;
	struct cc_answers a;
	struct blob wb;            /* the pre-filled workbook */
};

/* ---- helpers ------------------------------------------------------------ */

static inline struct blob read_file(const char *path)
{
	struct blob b = {0};
	FILE *f = fopen(path, "rb");
	long n;

	assert_non_null(f);
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	n = ftell(f);
	assert_true(n >= 0);
	rewind(f);
	b.p = malloc((size_t)n + 1);
	assert_non_null(b.p);
	b.n = fread(b.p, 1, (size_t)n, f);
	assert_int_equal(b.n, (size_t)n);
	fclose(f);
	return b;
}

/* Writes the questionnaire of fw (answers of unit 0 of a, if any) and
 * returns the file's bytes. */
static inline struct blob write_wb(const struct cc_framework *fw, const struct cc_answers *a)
{
	char path[] = "/tmp/cc-test-xlsx-XXXXXX";
	struct cc_error err;
	struct blob b;
	int fd = mkstemp(path), rc;

	assert_true(fd >= 0);
	close(fd);
	rc = cc_questionnaire_xlsx_write(path, fw, a, a ? 0 : -1, CAMPAIGN, "ZZA", NULL, &err);
	if (rc)
		print_error("write: %d %s\n", rc, err.msg);
	assert_int_equal(rc, CC_OK);
	b = read_file(path);
	unlink(path);
	return b;
}

/* The bytes of a zip source after zip_close. */
static inline struct blob source_bytes(zip_source_t *src)
{
	struct blob b = {0};
	zip_stat_t st;

	assert_int_equal(zip_source_stat(src, &st), 0);
	assert_int_equal(zip_source_open(src), 0);
	b.n = (size_t)st.size;
	b.p = malloc(b.n + 1);
	assert_non_null(b.p);
	assert_int_equal(zip_source_read(src, b.p, st.size), (zip_int64_t)st.size);
	zip_source_close(src);
	zip_source_free(src);
	return b;
}

/* A new zip of n entries (names[i] holding data[i]) deflated at level. */
static inline struct blob make_zip(int n, const char *const *names,
			    const struct blob *data, int level)
{
	zip_error_t ze;
	zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, &ze);
	zip_t *z;

	assert_non_null(src);
	zip_source_keep(src);
	z = zip_open_from_source(src, ZIP_TRUNCATE, &ze);
	assert_non_null(z);
	for (int i = 0; i < n; i++) {
		zip_source_t *s = zip_source_buffer(z, data[i].p, data[i].n, 0);
		zip_int64_t idx = zip_file_add(z, names[i], s, 0);

		assert_true(idx >= 0);
		assert_int_equal(zip_set_file_compression(z, (zip_uint64_t)idx,
							  ZIP_CM_DEFLATE, (zip_uint32_t)level), 0);
	}
	assert_int_equal(zip_close(z), 0);
	return source_bytes(src);
}

/* The text of entry name in the zip b (free it). */
static inline char *entry_text(struct blob b, const char *name)
{
	zip_error_t ze;
	zip_source_t *src = zip_source_buffer_create(b.p, b.n, 0, &ze);
	zip_t *z = zip_open_from_source(src, ZIP_RDONLY, &ze);
	zip_stat_t st;
	zip_file_t *f;
	char *s;

	assert_non_null(z);
	assert_int_equal(zip_stat(z, name, 0, &st), 0);
	s = malloc((size_t)st.size + 1);
	f = zip_fopen(z, name, 0);
	assert_non_null(s);
	assert_non_null(f);
	assert_int_equal(zip_fread(f, s, st.size), (zip_int64_t)st.size);
	s[st.size] = '\0';
	zip_fclose(f);
	zip_discard(z);
	return s;
}

/* A copy of the zip b with entry name holding text (taken over). */
static inline struct blob with_entry(struct blob b, const char *name, char *text)
{
	zip_error_t ze;
	char *copy = malloc(b.n);
	zip_source_t *src, *s;
	zip_t *z;

	assert_non_null(copy);
	memcpy(copy, b.p, b.n);
	src = zip_source_buffer_create(copy, b.n, 1, &ze);
	assert_non_null(src);
	zip_source_keep(src);
	z = zip_open_from_source(src, 0, &ze);
	assert_non_null(z);
	s = zip_source_buffer(z, text, strlen(text), 1);
	assert_non_null(s);
	assert_int_equal(zip_file_replace(z, (zip_uint64_t)zip_name_locate(z, name, 0), s, 0), 0);
	assert_int_equal(zip_close(z), 0);
	return source_bytes(src);
}

/* s with the first `find` replaced by `repl` (a new string). */
static inline char *replace(const char *s, const char *find, const char *repl)
{
	const char *at = strstr(s, find);
	size_t n = strlen(s) - strlen(find) + strlen(repl);
	char *out = malloc(n + 1);

	if (!at)
		print_error("\"%s\" not found\n", find);
	assert_non_null(at);
	assert_non_null(out);
	memcpy(out, s, (size_t)(at - s));
	strcpy(out + (at - s), repl);
	strcat(out, at + strlen(find));
	return out;
}

/* Sheet XML with the cell at ref replaced by cell (whole <c> element). */
static inline char *set_cell(const char *xml, const char *ref, const char *cell)
{
	char open[32];
	const char *at, *gt, *end;
	char *old, *out;

	snprintf(open, sizeof(open), "<c r=\"%s\"", ref);
	at = strstr(xml, open);
	if (!at)
		print_error("no cell %s\n", ref);
	assert_non_null(at);
	gt = strchr(at, '>');
	end = gt[-1] == '/' ? gt + 1 : strstr(at, "</c>") + 4;
	old = strndup(at, (size_t)(end - at));
	out = replace(xml, old, cell);
	free(old);
	return out;
}

/* An inline-string cell. */
static inline const char *inline_cell(const char *ref, const char *text)
{
	static char buf[8][512];
	static int k;
	char *b = buf[k++ % 8];

	snprintf(b, 512, "<c r=\"%s\" t=\"inlineStr\"><is><t>%s</t></is></c>", ref, text);
	return b;
}

/* Applies edits (ref, cell XML) pairs to entry part of b; frees b. */
static inline struct blob edit_cells(struct blob b, const char *part, const char *const *edits)
{
	char *xml = entry_text(b, part);
	struct blob out;

	for (int i = 0; edits[i]; i += 2) {
		char *next = set_cell(xml, edits[i], edits[i + 1]);
		free(xml);
		xml = next;
	}
	out = with_entry(b, part, xml);
	free(b.p);
	return out;
}

static inline struct blob copy(struct blob b)
{
	struct blob c = {malloc(b.n), b.n};

	assert_non_null(c.p);
	memcpy(c.p, b.p, b.n);
	return c;
}

static inline void row_line(const struct cc_xlsx_row *r, char *buf, size_t size)
{
	snprintf(buf, size, "%s!%d %s=%s c=%s u=%s", r->sheet, r->row, r->question,
		 r->answer ? r->answer : "-", r->comment ? r->comment : "-",
		 r->evidence_url ? r->evidence_url : "-");
}

/* Reads b for unit and asserts CC_OK and exactly the rows want. */
static inline void expect_rows(const struct cc_framework *fw, struct blob b,
			const char *const *want, const char *file, int line)
{
	struct cc_xlsx_rows rows;
	struct cc_xlsx_errors errs;
	struct cc_error err;
	int rc = cc_questionnaire_xlsx_read(b.p, b.n, fw, CAMPAIGN, "ZZA", &rows, &errs, &err);
	int n = 0;
	bool bad = rc != CC_OK;

	while (want[n])
		n++;
	bad |= rows.n != n;
	for (int i = 0; i < rows.n && !bad; i++) {
		char got[1000];

		row_line(&rows.v[i], got, sizeof(got));
		bad |= strcmp(got, want[i]) != 0;
		bad |= rows.v[i].node != cc_framework_find(fw, rows.v[i].question);
	}
	if (bad) {
		print_error("rc %d (%s), %d rows, %d errors:\n", rc, rc ? err.msg : "",
			    rows.n, errs.n);
		for (int i = 0; i < rows.n; i++) {
			char got[1000];
			row_line(&rows.v[i], got, sizeof(got));
			print_error("  %s\n", got);
		}
		for (int i = 0; i < errs.n; i++) {
			char got[1000];
			cc_xlsx_error_format(&errs.v[i], got, sizeof(got));
			print_error("  E %s\n", got);
		}
	}
	cc_xlsx_rows_free(&rows);
	cc_xlsx_errors_free(&errs);
	if (bad)
		_fail(file, line);
}

#define assert_rows(fw, b, want) expect_rows((fw), (b), (want), __FILE__, __LINE__)

/* Reads b for unit and asserts status rc, no rows and exactly the errors
 * want (as cc_xlsx_error_format writes them). */
static inline void expect_errors(const struct cc_framework *fw, struct blob b,
			  const char *unit, int want_rc, const char *const *want,
			  const char *file, int line)
{
	struct cc_xlsx_rows rows;
	struct cc_xlsx_errors errs;
	struct cc_error err;
	int rc = cc_questionnaire_xlsx_read(b.p, b.n, fw, CAMPAIGN, unit, &rows, &errs, &err);
	int n = 0;
	bool bad = rc != want_rc || rows.n != 0 || err.code != want_rc;

	while (want[n])
		n++;
	bad |= errs.n != n || errs.dropped != 0;
	for (int i = 0; i < errs.n && i < n && !bad; i++) {
		char got[1000];

		cc_xlsx_error_format(&errs.v[i], got, sizeof(got));
		bad |= strcmp(got, want[i]) != 0;
	}
	if (bad) {
		print_error("rc %d (want %d), err \"%s\", %d rows, %d errors:\n", rc,
			    want_rc, err.msg, rows.n, errs.n);
		for (int i = 0; i < errs.n; i++) {
			char got[1000];
			cc_xlsx_error_format(&errs.v[i], got, sizeof(got));
			print_error("  %s\n", got);
		}
	}
	cc_xlsx_rows_free(&rows);
	cc_xlsx_errors_free(&errs);
	if (bad)
		_fail(file, line);
}

#define assert_errors(fw, b, unit, rc, ...) \
	expect_errors((fw), (b), (unit), (rc), (const char *const[]){__VA_ARGS__, NULL}, \
		      __FILE__, __LINE__)

static inline int setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));
	struct cc_error err;

	if (!f || cc_framework_parse(&f->fw, "t.yaml", yaml, strlen(yaml), &err) ||
	    cc_responses_parse(&f->a, &f->fw, "t.csv", csv, strlen(csv), &err))
		return -1;
	f->wb = write_wb(&f->fw, &f->a);
	*state = f;
	return 0;
}

static inline int teardown(void **state)
{
	struct fx *f = *state;

	free(f->wb.p);
	cc_answers_free(&f->a);
	cc_framework_free(&f->fw);
	free(f);
	return 0;
}


#endif
