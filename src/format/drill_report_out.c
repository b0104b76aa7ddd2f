/*
 * drill_report_out.c - the after-action report as CSV and XLSX (see
 * drill_report_out.h), walking the report's JSON; a drill with
 * challenges adds its technical results (the board, then per challenge
 * solves, first solve and hints: rows "board" and "challenge", sheets
 * "Board" and "Challenges").
 */
#include "drill_report_out.h"

#include "results_out.h"

#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

enum { C_SECTION, C_TEAM, C_OBJECTIVE, C_ITEM, C_RATING, C_AT, C_CLOCK, C_TEXT, C_ACTION,
       C_OWNER, C_ORG, C_START, C_DUE, C_COUNT };

static const char *const header[C_COUNT] = {
	"section", "team", "objective", "item", "rating", "at", "clock", "text", "action",
	"owner", "organisation", "start", "due",
};

static const char *s_of(const json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));

	return s ? s : "";
}

/* A JSON number as text ("" for null). */
static const char *n_of(const json_t *o, const char *key, char *buf, size_t size)
{
	json_t *v = json_object_get(o, key);

	buf[0] = '\0';
	if (json_is_number(v))
		cc_format_number(buf, size, json_number_value(v));
	return buf;
}

static int row(FILE *out, const char *const *cells)
{
	int bad = 0;

	for (int c = 0; c < C_COUNT; c++) {
		if (c)
			bad |= fputc(',', out) == EOF;
		bad |= cc_csv_write_cell(out, cells[c] ? cells[c] : "") != 0;
	}
	return bad | (fputc('\n', out) == EOF);
}

static int csv_findings(FILE *out, const json_t *report)
{
	const json_t *o, *t, *obs;
	size_t i, k, m;
	int bad = 0;

	json_array_foreach(json_object_get(report, "objectives"), i, o) {
		json_array_foreach(json_object_get(o, "teams"), k, t) {
			static const char *const kinds[] = {"strengths", "improvements", "notes"};
			static const char *const sections[] = {"strength", "improvement", "note"};
			if (json_is_string(json_object_get(t, "rating"))) {
				const char *c[C_COUNT] = {"rating", s_of(t, "team"), s_of(o, "id")};
				c[C_RATING] = s_of(t, "rating");
				c[C_TEXT] = s_of(t, "rating_name");
				bad |= row(out, c);
			}
			for (int kind = 0; kind < 3; kind++)
				json_array_foreach(json_object_get(t, kinds[kind]), m, obs) {
					const char *c[C_COUNT] = {sections[kind], s_of(t, "team"),
								  s_of(o, "id")};
					c[C_AT] = s_of(obs, "at");
					c[C_TEXT] = s_of(obs, "text");
					bad |= row(out, c);
				}
		}
	}
	return bad;
}

static int csv_timeline(FILE *out, const json_t *report)
{
	const json_t *x, *r;
	size_t i, k;
	int bad = 0;

	json_array_foreach(json_object_get(report, "timeline"), i, x) {
		const char *status = s_of(x, "status");
		char clock[64];
		if (strcmp(status, "pending") != 0) {
			const char *c[C_COUNT] = {strcmp(status, "delivered") == 0 ? "delivery" :
						  "skipped"};
			c[C_ITEM] = s_of(x, "id");
			c[C_AT] = s_of(x, "delivered_at");
			c[C_CLOCK] = n_of(x, "clock", clock, sizeof(clock));
			c[C_TEXT] = s_of(x, "title");
			bad |= row(out, c);
		}
		json_array_foreach(json_object_get(x, "responses"), k, r) {
			const char *c[C_COUNT] = {"response", s_of(r, "team")};
			c[C_ITEM] = s_of(x, "id");
			c[C_AT] = s_of(r, "at");
			c[C_TEXT] = s_of(r, "text");
			bad |= row(out, c);
		}
	}
	return bad;
}

static int csv_feedback(FILE *out, const json_t *report)
{
	const json_t *q, *a;
	size_t i, k;
	int bad = 0;

	json_array_foreach(json_object_get(json_object_get(report, "feedback"), "questions"), i, q) {
		char mean[64];
		if (strcmp(s_of(q, "type"), "scale") == 0) {
			const char *c[C_COUNT] = {"feedback"};
			c[C_ITEM] = s_of(q, "id");
			c[C_RATING] = n_of(q, "mean", mean, sizeof(mean));
			c[C_TEXT] = s_of(q, "text");
			bad |= row(out, c);
			continue;
		}
		json_array_foreach(json_object_get(q, "answers"), k, a) {
			const char *c[C_COUNT] = {"feedback"};
			c[C_ITEM] = s_of(q, "id");
			c[C_TEXT] = json_string_value(a);
			bad |= row(out, c);
		}
	}
	return bad;
}

static int csv_plan(FILE *out, const json_t *report)
{
	const json_t *p;
	size_t i;
	int bad = 0;

	json_array_foreach(json_object_get(report, "improvements"), i, p) {
		char id[32];
		const char *c[C_COUNT] = {"plan", s_of(p, "team"), s_of(p, "objective")};
		c[C_ITEM] = n_of(p, "id", id, sizeof(id));
		c[C_AT] = s_of(p, "at");
		c[C_TEXT] = s_of(p, "issue");
		c[C_ACTION] = s_of(p, "action");
		c[C_OWNER] = s_of(p, "owner");
		c[C_ORG] = s_of(p, "organisation");
		c[C_START] = s_of(p, "start");
		c[C_DUE] = s_of(p, "due");
		bad |= row(out, c);
	}
	return bad;
}

/* The solvers of a challenge joined ("a, b") into buf. */
static const char *solvers(const json_t *c, char *buf, size_t size)
{
	const json_t *t;
	size_t i, len = 0;

	buf[0] = '\0';
	json_array_foreach(json_object_get(c, "solved_by"), i, t) {
		int n = snprintf(buf + len, size - len, "%s%s", i ? ", " : "", json_string_value(t));
		if (n < 0 || (size_t)n >= size - len)
			break;
		len += (size_t)n;
	}
	return buf;
}

static int csv_technical(FILE *out, const json_t *report)
{
	const json_t *tech = json_object_get(report, "technical"), *x;
	size_t i;
	int bad = 0;

	json_array_foreach(json_object_get(json_object_get(tech, "board"), "teams"), i, x) {
		char rank[32], score[32];
		const char *c[C_COUNT] = {"board", s_of(x, "team")};
		c[C_ITEM] = n_of(x, "rank", rank, sizeof(rank));
		c[C_TEXT] = n_of(x, "score", score, sizeof(score));
		bad |= row(out, c);
	}
	json_array_foreach(json_object_get(tech, "challenges"), i, x) {
		const json_t *f = json_object_get(x, "first_solve");
		char clock[32], text[1200], by[1000];
		const char *c[C_COUNT] = {"challenge", s_of(f, "team"), s_of(x, "objective"),
					  s_of(x, "id")};
		c[C_CLOCK] = n_of(f, "minutes", clock, sizeof(clock));
		snprintf(text, sizeof(text), "%lld solves; %lld hints unlocked; solved by: %s",
			 json_integer_value(json_object_get(x, "solves")),
			 json_integer_value(json_object_get(x, "hints_unlocked")),
			 solvers(x, by, sizeof(by)));
		c[C_TEXT] = text;
		bad |= row(out, c);
	}
	return bad;
}

int cc_drill_report_csv(FILE *out, const json_t *report)
{
	int bad = row(out, header);

	bad |= csv_findings(out, report);
	bad |= csv_timeline(out, report);
	bad |= csv_feedback(out, report);
	bad |= csv_plan(out, report);
	bad |= csv_technical(out, report);
	return bad ? -1 : 0;
}

/* ---- the workbook ---- */

struct book {
	lxw_workbook *wb;
	lxw_format *bold, *wrap;
};

static lxw_worksheet *sheet(struct book *b, const char *name, const char *const *head, int n)
{
	lxw_worksheet *ws = workbook_add_worksheet(b->wb, name);

	for (int c = 0; ws && c < n; c++) {
		worksheet_write_string(ws, 0, (lxw_col_t)c, head[c], b->bold);
		worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, c ? 24 : 16, b->wrap);
	}
	if (ws)
		worksheet_freeze_panes(ws, 1, 0);
	return ws;
}

static void put(lxw_worksheet *ws, lxw_row_t r, int c, const char *s)
{
	if (s && *s)
		worksheet_write_string(ws, r, (lxw_col_t)c, s, NULL);
}

static void put_num(lxw_worksheet *ws, lxw_row_t r, int c, const json_t *v)
{
	if (json_is_number(v))
		worksheet_write_number(ws, r, (lxw_col_t)c, json_number_value(v), NULL);
}

static int overview(struct book *b, const json_t *report)
{
	static const char *const head[] = {"", ""};
	const json_t *d = json_object_get(report, "drill"), *sc = json_object_get(report, "scenario"),
		     *t;
	lxw_worksheet *ws = sheet(b, "Overview", head, 2);
	lxw_row_t r = 0;
	size_t i;

	if (!ws)
		return -1;
	worksheet_write_string(ws, r, 0, "drill", b->bold);
	put(ws, r++, 1, s_of(d, "title"));
	worksheet_write_string(ws, r, 0, "scenario", b->bold);
	put(ws, r++, 1, s_of(sc, "title"));
	worksheet_write_string(ws, r, 0, "status", b->bold);
	put(ws, r++, 1, s_of(d, "status"));
	worksheet_write_string(ws, r, 0, "started", b->bold);
	put(ws, r++, 1, s_of(d, "started_at"));
	worksheet_write_string(ws, r, 0, "ended", b->bold);
	put(ws, r++, 1, s_of(d, "ended_at"));
	r++;
	worksheet_write_string(ws, r++, 0, "teams", b->bold);
	json_array_foreach(json_object_get(report, "teams"), i, t) {
		put(ws, r, 0, s_of(t, "name"));
		put(ws, r++, 1, s_of(t, "organisation"));
	}
	worksheet_set_column(ws, 0, 0, 20, NULL);
	worksheet_set_column(ws, 1, 1, 60, b->wrap);
	return 0;
}

static int timeline_sheet(struct book *b, const json_t *report)
{
	static const char *const head[] = {"inject", "title", "channel", "planned", "status",
					   "delivered at", "clock", "team", "response", "at"};
	lxw_worksheet *ws = sheet(b, "Timeline", head, 10);
	const json_t *x, *r;
	lxw_row_t row = 1;
	size_t i, k;

	if (!ws)
		return -1;
	json_array_foreach(json_object_get(report, "timeline"), i, x) {
		put(ws, row, 0, s_of(x, "id"));
		put(ws, row, 1, s_of(x, "title"));
		put(ws, row, 2, s_of(x, "channel"));
		put_num(ws, row, 3, json_object_get(x, "planned"));
		put(ws, row, 4, s_of(x, "status"));
		put(ws, row, 5, s_of(x, "delivered_at"));
		put_num(ws, row, 6, json_object_get(x, "clock"));
		row++;
		json_array_foreach(json_object_get(x, "responses"), k, r) {
			put(ws, row, 0, s_of(x, "id"));
			put(ws, row, 7, s_of(r, "team"));
			put(ws, row, 8, s_of(r, "text"));
			put(ws, row++, 9, s_of(r, "at"));
		}
	}
	return 0;
}

/* The texts of a list of observations, one a line (malloc'd). */
static char *joined(const json_t *list)
{
	size_t n = 1, i;
	const json_t *o;
	char *out;

	json_array_foreach(list, i, o)
		n += strlen(s_of(o, "text")) + 3;
	if (!(out = malloc(n)))
		return NULL;
	out[0] = '\0';
	json_array_foreach(list, i, o) {
		if (i)
			strcat(out, "\n");
		strcat(out, "- ");
		strcat(out, s_of(o, "text"));
	}
	return out;
}

static int findings_sheet(struct book *b, const json_t *report)
{
	static const char *const head[] = {"objective", "name", "team", "rating", "rating name",
					   "strengths", "areas for improvement"};
	lxw_worksheet *ws = sheet(b, "Findings", head, 7);
	const json_t *o, *t;
	lxw_row_t row = 1;
	size_t i, k;

	if (!ws)
		return -1;
	json_array_foreach(json_object_get(report, "objectives"), i, o) {
		json_array_foreach(json_object_get(o, "teams"), k, t) {
			char *str = joined(json_object_get(t, "strengths"));
			char *imp = joined(json_object_get(t, "improvements"));
			put(ws, row, 0, s_of(o, "id"));
			put(ws, row, 1, s_of(o, "name"));
			put(ws, row, 2, s_of(t, "team"));
			put(ws, row, 3, s_of(t, "rating"));
			put(ws, row, 4, s_of(t, "rating_name"));
			put(ws, row, 5, str);
			put(ws, row++, 6, imp);
			free(str);
			free(imp);
		}
	}
	return 0;
}

static int feedback_sheet(struct book *b, const json_t *report)
{
	static const char *const head[] = {"question", "text", "answers", "mean", "answer"};
	lxw_worksheet *ws = sheet(b, "Feedback", head, 5);
	const json_t *q, *a;
	lxw_row_t row = 1;
	size_t i, k;

	if (!ws)
		return -1;
	json_array_foreach(json_object_get(json_object_get(report, "feedback"), "questions"), i, q) {
		put(ws, row, 0, s_of(q, "id"));
		put(ws, row, 1, s_of(q, "text"));
		put_num(ws, row, 2, json_object_get(q, "n"));
		put_num(ws, row++, 3, json_object_get(q, "mean"));
		json_array_foreach(json_object_get(q, "answers"), k, a) {
			put(ws, row, 0, s_of(q, "id"));
			put(ws, row++, 4, json_string_value(a));
		}
	}
	return 0;
}

static int plan_sheet(struct book *b, const json_t *report)
{
	static const char *const head[] = {"objective", "team", "issue", "corrective action",
					   "responsible organisation", "owner", "start", "due",
					   "plan", "plan action"};
	lxw_worksheet *ws = sheet(b, "Improvement plan", head, 10);
	const json_t *p;
	lxw_row_t row = 1;
	size_t i;

	if (!ws)
		return -1;
	json_array_foreach(json_object_get(report, "improvements"), i, p) {
		put(ws, row, 0, s_of(p, "objective"));
		put(ws, row, 1, s_of(p, "team"));
		put(ws, row, 2, s_of(p, "issue"));
		put(ws, row, 3, s_of(p, "action"));
		put(ws, row, 4, s_of(p, "organisation"));
		put(ws, row, 5, s_of(p, "owner"));
		put(ws, row, 6, s_of(p, "start"));
		put(ws, row, 7, s_of(p, "due"));
		put(ws, row, 8, s_of(p, "plan"));
		put_num(ws, row++, 9, json_object_get(p, "plan_action"));
	}
	return 0;
}

static int board_sheet(struct book *b, const json_t *board)
{
	static const char *const head[] = {"rank", "team", "score", "solves"};
	lxw_worksheet *ws = sheet(b, "Board", head, 4);
	const json_t *x;
	lxw_row_t row = 1;
	size_t i;

	if (!ws)
		return -1;
	json_array_foreach(json_object_get(board, "teams"), i, x) {
		put_num(ws, row, 0, json_object_get(x, "rank"));
		put(ws, row, 1, s_of(x, "team"));
		put_num(ws, row, 2, json_object_get(x, "score"));
		put_num(ws, row++, 3, json_object_get(x, "solves"));
	}
	return 0;
}

static int challenges_sheet(struct book *b, const json_t *tech)
{
	static const char *const head[] = {"challenge", "name", "category", "objective", "solves",
					   "solved by", "first solve", "first solve (minute)",
					   "hints unlocked"};
	lxw_worksheet *ws;
	const json_t *x;
	lxw_row_t row = 1;
	size_t i;

	if (!json_is_object(tech))
		return 0;
	if (board_sheet(b, json_object_get(tech, "board")) ||
	    !(ws = sheet(b, "Challenges", head, 9)))
		return -1;
	json_array_foreach(json_object_get(tech, "challenges"), i, x) {
		const json_t *f = json_object_get(x, "first_solve");
		char by[1000];
		put(ws, row, 0, s_of(x, "id"));
		put(ws, row, 1, s_of(x, "name"));
		put(ws, row, 2, s_of(x, "category"));
		put(ws, row, 3, s_of(x, "objective"));
		put_num(ws, row, 4, json_object_get(x, "solves"));
		put(ws, row, 5, solvers(x, by, sizeof(by)));
		put(ws, row, 6, s_of(f, "team"));
		put_num(ws, row, 7, json_object_get(f, "minutes"));
		put_num(ws, row++, 8, json_object_get(x, "hints_unlocked"));
	}
	return 0;
}

int cc_drill_report_xlsx(void *wb, const json_t *report)
{
	struct book b = {.wb = wb};

	b.bold = workbook_add_format(b.wb);
	b.wrap = workbook_add_format(b.wb);
	if (!b.bold || !b.wrap)
		return -1;
	format_set_bold(b.bold);
	format_set_text_wrap(b.wrap);
	format_set_align(b.wrap, LXW_ALIGN_VERTICAL_TOP);
	return overview(&b, report) || timeline_sheet(&b, report) || findings_sheet(&b, report) ||
	       feedback_sheet(&b, report) || plan_sheet(&b, report) ||
	       challenges_sheet(&b, json_object_get(report, "technical")) ? -1 : 0;
}
