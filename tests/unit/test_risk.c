/*
 * test_risk.c - core/risk (heat map, level counts, levels a treatment
 * takes off, the spread of ratings on a matrix scale) and
 * format/risk_register (the register's table to CSV and to a workbook
 * and back, cell for cell, wide rows included; the problems of a table
 * itself named by row and column).
 */
#include "helpers.h"

#include "core/risk.h"
#include "format/matrix_yaml.h"
#include "format/risk_register.h"

#include <unistd.h>

/* The spec's example without dimensions: levels indexed low 0 .. very-high 3. */
static const char matrix_yaml[] =
	"cybercap-matrix: 1\nid: t\ntitle: T\n"
	"likelihood:\n  - {id: L1, name: a}\n  - {id: L2, name: b}\n  - {id: L3, name: c}\n"
	"impact:\n  levels:\n    - {id: I1, name: a}\n    - {id: I2, name: b}\n    - {id: I3, name: c}\n"
	"levels:\n  - {id: low, name: Low, color: \"#000000\"}\n"
	"  - {id: mid, name: Mid, color: \"#111111\"}\n  - {id: top, name: Top, color: \"#222222\"}\n"
	"grid:\n  - [low, low, mid]\n  - [low, mid, top]\n  - [mid, top, top]\n";

static void load(struct cc_matrix *m)
{
	struct cc_error err;

	cc_error_clear(&err);
	if (cc_matrix_parse(m, "t.yaml", matrix_yaml, strlen(matrix_yaml), &err))
		fail_msg("matrix: %s", err.msg);
}

static struct cc_risk_rating rated(const struct cc_matrix *m, const char *id, int l, int i)
{
	struct cc_risk_rating r;
	int imp[1] = {i};

	assert_int_equal(cc_matrix_rate(m, id, l, imp, 1, &r), CC_OK);
	return r;
}

static void test_heatmap_counts_every_cell(void **state)
{
	struct cc_matrix m;
	struct cc_risk_rating r[5];
	int counts[9], levels[3];

	(void)state;
	load(&m);
	r[0] = rated(&m, "a", 0, 0);
	r[1] = rated(&m, "b", 2, 1);
	r[2] = rated(&m, "c", 2, 1);
	r[3] = rated(&m, "d", 1, 2);
	r[4] = rated(&m, "e", 2, 2);
	memset(counts, 0x7f, sizeof(counts));
	cc_risk_heatmap(&m, r, 5, counts);
	for (int l = 0; l < 3; l++)
		for (int i = 0; i < 3; i++) {
			int want = (l == 0 && i == 0) + 2 * (l == 2 && i == 1) + (l == 1 && i == 2) +
				   (l == 2 && i == 2);
			assert_int_equal(counts[l * 3 + i], want);
		}
	cc_risk_level_counts(&m, r, 5, levels);
	assert_int_equal(levels[0], 1);         /* a: low */
	assert_int_equal(levels[1], 0);
	assert_int_equal(levels[2], 4);         /* b, c (L3xI2), d (L2xI3), e: top */
	cc_risk_heatmap(&m, r, 0, counts);
	for (int k = 0; k < 9; k++)
		assert_int_equal(counts[k], 0);
	cc_matrix_free(&m);
}

static void test_levels_off(void **state)
{
	struct cc_matrix m;

	(void)state;
	load(&m);
	struct cc_risk_rating cur = rated(&m, "x", 2, 2), tgt = rated(&m, "x", 0, 1);
	assert_int_equal(cc_risk_levels_off(&cur, &tgt), 2);      /* top -> low */
	assert_int_equal(cc_risk_levels_off(&tgt, &cur), -2);     /* a target worse than now */
	assert_int_equal(cc_risk_levels_off(&cur, &cur), 0);
	cc_matrix_free(&m);
}

static void test_spread_on_a_scale(void **state)
{
	struct cc_matrix m;
	struct cc_spread_item items[6];
	struct cc_spread_count counts[6];
	double scratch[6];
	struct cc_spread sp;
	const int given[] = {2, 0, -1, 2, 1, 7};  /* -1 and 7: none, skipped */

	(void)state;
	load(&m);
	cc_risk_spread(m.likelihood, m.nlikelihood, given, 6, items, counts, scratch, &sp);
	assert_int_equal(sp.ncounts, 3);
	assert_string_equal(counts[0].key, "L1");   /* in the scale's order */
	assert_int_equal(counts[0].n, 1);
	assert_string_equal(counts[1].key, "L2");
	assert_string_equal(counts[2].key, "L3");
	assert_int_equal(counts[2].n, 2);
	assert_near(sp.median, 2.5);                /* positions 1, 2, 3, 3 */
	assert_true(sp.divergent);                  /* L1 and L3: two steps */
	cc_risk_spread(m.likelihood, m.nlikelihood, (const int[]){1, 2}, 2, items, counts,
		       scratch, &sp);
	assert_false(sp.divergent);
	assert_near(sp.median, 2.5);
	cc_risk_spread(m.likelihood, m.nlikelihood, (const int[]){-1}, 1, items, counts, scratch,
		       &sp);
	assert_int_equal(sp.ncounts, 0);
	assert_nan(sp.median);
	cc_matrix_free(&m);
}

/* ---- the register's table ---- */

#define WIDE 40                 /* columns: wider than a row buffer's first growth */

struct table {
	const char *header[WIDE];
	const char *cells[3 * WIDE];
	char names[WIDE][16], texts[3 * WIDE][40];
	struct cc_reg_out out;
};

static void make_table(struct table *t)
{
	static const char *const meta[] = {"assessment", "a-1", "matrix", "t"};
	static const char *const help[] = {"Levels", "low\tLow"};

	memset(t, 0, sizeof(*t));
	for (int c = 0; c < WIDE; c++) {
		snprintf(t->names[c], sizeof(t->names[c]), "col%d", c);
		t->header[c] = t->names[c];
		for (int r = 0; r < 3; r++) {
			snprintf(t->texts[r * WIDE + c], sizeof(t->texts[0]), "r%dc%d", r, c);
			t->cells[r * WIDE + c] = t->texts[r * WIDE + c];
		}
	}
	t->cells[WIDE + 3] = NULL;                       /* an empty cell */
	t->cells[2] = "a, \"quoted\"\nline";              /* CSV quoting, a line break */
	t->cells[5] = "=SUM(A1)";                         /* a formula guard */
	t->out = (struct cc_reg_out){.header = t->header, .ncols = WIDE, .cells = t->cells, .nrows = 3,
				      .meta = meta, .nmeta = 2, .help = help, .nhelp = 2};
}

static void same_table(const struct table *t, const struct cc_reg_table *got)
{
	assert_int_equal(got->ncols, WIDE);
	assert_int_equal(got->nrows, 3);
	for (int c = 0; c < WIDE; c++) {
		assert_string_equal(got->header[c], t->header[c]);
		assert_int_equal(got->col[c], c);
	}
	for (int r = 0; r < 3; r++) {
		assert_int_equal(got->rows[r].row, r + 2);
		for (int c = 0; c < WIDE; c++) {
			const char *want = t->cells[r * WIDE + c];
			assert_string_equal(got->rows[r].cells[c], want ? want : "");
		}
	}
}

static void test_csv_round_trip(void **state)
{
	struct table t;
	struct cc_reg_table got;
	struct cc_xlsx_errors errs;
	struct cc_error err;
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	(void)state;
	make_table(&t);
	assert_non_null(f);
	assert_int_equal(cc_reg_write_csv(f, &t.out), CC_OK);
	fclose(f);
	assert_non_null(strstr(buf, "'=SUM(A1)"));      /* guarded on the way out */
	assert_int_equal(cc_reg_table_csv("r.csv", buf, len, &got, &errs, &err), CC_OK);
	same_table(&t, &got);
	assert_null(cc_reg_table_meta(&got, "assessment"));
	cc_reg_table_free(&got);
	cc_xlsx_errors_free(&errs);
	free(buf);
}

static void test_xlsx_round_trip_with_wide_rows(void **state)
{
	struct table t;
	struct cc_reg_table got;
	struct cc_xlsx_errors errs;
	struct cc_error err;
	char path[] = "/tmp/cc-register-XXXXXX";
	char *buf;
	size_t len;
	int fd = mkstemp(path);
	FILE *f;

	(void)state;
	assert_true(fd >= 0);
	close(fd);
	make_table(&t);
	t.cells[5] = "=SUM(A1)";
	assert_int_equal(cc_reg_write_xlsx(path, &t.out, &err), CC_OK);
	f = fopen(path, "rb");
	fseek(f, 0, SEEK_END);
	len = (size_t)ftell(f);
	rewind(f);
	buf = malloc(len);
	assert_int_equal(fread(buf, 1, len, f), len);
	fclose(f);
	unlink(path);
	assert_int_equal(cc_reg_table_xlsx(buf, len, &got, &errs, &err), CC_OK);
	same_table(&t, &got);
	assert_string_equal(cc_reg_table_meta(&got, "format"), CC_REGISTER_FORMAT);
	assert_string_equal(cc_reg_table_meta(&got, "assessment"), "a-1");
	assert_string_equal(cc_reg_table_meta(&got, "matrix"), "t");
	cc_reg_table_free(&got);
	cc_xlsx_errors_free(&errs);
	free(buf);
}

/* Reads csv, expecting CC_EINPUT with the errors at (row, col letters). */
static void bad_csv(const char *csv, int n, const int *rows, const char *const *cols)
{
	struct cc_reg_table got;
	struct cc_xlsx_errors errs;
	struct cc_error err;

	assert_int_equal(cc_reg_table_csv("r.csv", csv, strlen(csv), &got, &errs, &err), CC_EINPUT);
	assert_int_equal(errs.n, n);
	for (int i = 0; i < n; i++) {
		assert_string_equal(errs.v[i].sheet, "r.csv");
		assert_int_equal(errs.v[i].row, rows[i]);
		assert_string_equal(errs.v[i].col, cols[i]);
	}
	assert_non_null(strstr(err.msg, "r.csv"));
	cc_reg_table_free(&got);
	cc_xlsx_errors_free(&errs);
}

static void test_bad_tables_name_rows_and_columns(void **state)
{
	(void)state;
	bad_csv("id,title,id\n1,a,b\n", 1, (const int[]){1}, (const char *const[]){"C"});
	bad_csv("id,title\n1,a,x\n2,b\n3,c,,y\n", 2, (const int[]){2, 4},
		(const char *const[]){"C", "D"});
	bad_csv("", 1, (const int[]){0}, (const char *const[]){""});
	bad_csv(",,\n1,2\n", 1, (const int[]){1}, (const char *const[]){""});
	bad_csv("id\n\"open\n", 1, (const int[]){2}, (const char *const[]){""});
}

static void test_a_damaged_workbook(void **state)
{
	struct cc_reg_table got;
	struct cc_xlsx_errors errs;
	struct cc_error err;

	(void)state;
	assert_int_equal(cc_reg_table_xlsx("PK\3\4 nothing", 12, &got, &errs, &err), CC_EINPUT);
	assert_true(errs.n >= 1);
	cc_reg_table_free(&got);
	cc_xlsx_errors_free(&errs);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_heatmap_counts_every_cell),
		cmocka_unit_test(test_levels_off),
		cmocka_unit_test(test_spread_on_a_scale),
		cmocka_unit_test(test_csv_round_trip),
		cmocka_unit_test(test_xlsx_round_trip_with_wide_rows),
		cmocka_unit_test(test_bad_tables_name_rows_and_columns),
		cmocka_unit_test(test_a_damaged_workbook),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
