/*
 * skills_out.c - the dashboard's figures as CSV and XLSX (see
 * skills_out.h). One walk over the JSON (walk) gives each row to a
 * writer, so both files hold the same rows.
 */
#include "skills_out.h"

#include "results_out.h"

#include <string.h>
#include <xlsxwriter.h>

struct row {
	const char *section, *key, *name, *measure;
	const json_t *value;            /* a number, or null */
	int suppressed;
};
typedef int (*emit_fn)(void *ctx, const struct row *r);

/* The sections whose rows are objects of an array: the member naming the
 * row, the one giving its name, and the measures (NULL-terminated). */
static const char *const funnel_m[] = {"applied", "selected", "waitlisted", "rejected",
				       "enrolled", "active", "completed", "withdrawn",
				       "dropped", NULL};
static const char *const country_m[] = {"applied", "selected", "waitlisted", "rejected",
					"enrolled", "active", "completed", "withdrawn",
					"dropped", "cohorts", NULL};
static const char *const att_m[] = {"present", "absent", "excused", NULL};
static const char *const sat_m[] = {"answers", "share_satisfied", NULL};
static const char *const learn_m[] = {"n", "before", "after", "change", NULL};
static const char *const out_m[] = {"people", NULL};
static const char *const check_m[] = {"pass", "n", "mean", "share_passed", NULL};

static const struct {
	const char *section, *key, *name;
	const char *const *measures;
} lists[] = {
	{"by_track", "track", "name", funnel_m},
	{"by_country", "country", "name", country_m},
	{"attendance", "kind", NULL, att_m},
	{"satisfaction", "question", "kind", sat_m},
	{"learning", "competency", NULL, learn_m},
	{"knowledge_checks", "module", NULL, check_m},
	{"outcomes", "months", "outcome", out_m},
};

static const char *s_of(const json_t *o, const char *k)
{
	const char *v = json_string_value(json_object_get(o, k));

	return v ? v : "";
}

static int object_rows(const char *section, const char *key, const char *name,
		       const json_t *o, const char *const *measures, emit_fn emit, void *ctx)
{
	int bad = 0;

	for (int m = 0; measures[m] && !bad; m++) {
		const json_t *v = json_object_get(o, measures[m]);
		struct row r = {section, key, name, measures[m], v, 0};

		if (!v)
			continue;
		r.suppressed = json_is_null(v) && json_is_true(json_object_get(o, "suppressed"));
		bad = emit(ctx, &r);
	}
	return bad;
}

static int walk(const json_t *d, emit_fn emit, void *ctx)
{
	static const char *const pair_m[] = {"proposed", "accepted", "declined", "completed",
					     "cancelled", NULL};
	static const char *const reach_m[] = {"countries", "ldc", "sids", NULL};
	const json_t *reach = json_object_get(d, "countries_reached"), *x;
	char year[16];
	int bad = object_rows("funnel", s_of(d, "programme"), "", json_object_get(d, "funnel"),
			      funnel_m, emit, ctx);

	for (size_t l = 0; l < sizeof(lists) / sizeof(lists[0]) && !bad; l++) {
		size_t i;

		json_array_foreach(json_object_get(d, lists[l].section), i, x) {
			if (!bad)
				bad = object_rows(lists[l].section, s_of(x, lists[l].key),
						  lists[l].name ? s_of(x, lists[l].name) : "", x,
						  lists[l].measures, emit, ctx);
		}
	}
	for (int m = 0; pair_m[m] && !bad; m++) {
		const json_t *p = json_object_get(d, "pairs"), *v = json_object_get(p, pair_m[m]);
		struct row r = {"pairs", pair_m[m], "", "pairs", v,
				json_is_null(v) && json_is_true(json_object_get(p, "suppressed"))};

		if (v)
			bad = emit(ctx, &r);
	}
	snprintf(year, sizeof(year), "%lld", (long long)json_integer_value(json_object_get(reach,
										   "year")));
	return bad || object_rows("countries_reached", year, "", reach, reach_m, emit, ctx);
}

/* ---- CSV ---- */

static int csv_row(void *ctx, const struct row *r)
{
	FILE *out = ctx;
	const char *text[] = {r->section, r->key, r->name, r->measure};
	int bad = 0;

	for (int c = 0; c < 4; c++)
		bad |= cc_csv_write_cell(out, text[c]) != 0 || fputc(',', out) == EOF;
	if (json_is_integer(r->value))
		bad |= fprintf(out, "%lld", (long long)json_integer_value(r->value)) < 0;
	else if (json_is_number(r->value))
		bad |= fprintf(out, "%.2f", json_number_value(r->value)) < 0;
	return bad | (fprintf(out, ",%s\r\n", r->suppressed ? "yes" : "") < 0);
}

int cc_skills_dashboard_csv(FILE *out, const json_t *dash)
{
	if (fputs("section,key,name,measure,value,suppressed\r\n", out) == EOF)
		return -1;
	return walk(dash, csv_row, out) || ferror(out) ? -1 : 0;
}

/* ---- the workbook ---- */

struct sheet {
	lxw_worksheet *ws;
	lxw_row_t r;
};

static int xlsx_row(void *ctx, const struct row *x)
{
	struct sheet *s = ctx;
	const char *text[] = {x->section, x->key, x->name, x->measure};

	for (int c = 0; c < 4; c++)
		worksheet_write_string(s->ws, s->r, (lxw_col_t)c, text[c], NULL);
	if (json_is_number(x->value))
		worksheet_write_number(s->ws, s->r, 4, json_number_value(x->value), NULL);
	if (x->suppressed)
		worksheet_write_string(s->ws, s->r, 5, "yes", NULL);
	s->r++;
	return 0;
}

int cc_skills_dashboard_xlsx(void *wbv, const json_t *dash)
{
	static const char *const head[] = {"section", "key", "name", "measure", "value",
					   "suppressed"};
	lxw_workbook *wb = wbv;
	lxw_format *bold = workbook_add_format(wb);
	struct sheet s = {workbook_add_worksheet(wb, "Figures"), 1};
	lxw_worksheet *about = workbook_add_worksheet(wb, "About");

	if (!s.ws || !about || !bold)
		return -1;
	format_set_bold(bold);
	for (int c = 0; c < 6; c++)
		worksheet_write_string(s.ws, 0, (lxw_col_t)c, head[c], bold);
	worksheet_set_column(s.ws, 0, 2, 22, NULL);
	worksheet_write_string(about, 0, 0, "programme", bold);
	worksheet_write_string(about, 0, 1, s_of(dash, "programme"), NULL);
	worksheet_write_string(about, 1, 0, "edition", bold);
	worksheet_write_string(about, 1, 1, s_of(dash, "edition"), NULL);
	worksheet_write_string(about, 2, 0, "suppressed cells", bold);
	worksheet_write_string(about, 2, 1, json_is_true(json_object_get(dash, "suppressed_cells"))
			       ? "counts of 1 to 4 people are hidden, and a second count where a "
				 "total would give a hidden one away (docs/skills.md)" : "none (the "
			       "programme's team)", NULL);
	return walk(dash, xlsx_row, &s) ? -1 : 0;
}
