/*
 * questionnaire_xlsx_write.c - one unit's questionnaire as an Excel
 * workbook (the layout is in questionnaire_xlsx.h; the reader that takes
 * it back is questionnaire_xlsx_read.c).
 *
 * The sheets are planned first (which pillars have questions, their names
 * made valid and unique), then added in their final order and filled. The
 * first libxlsxwriter error is kept in w->rc and stops the writing; the
 * workbook is closed (and so freed) whatever happens.
 */
#include "questionnaire_xlsx.h"

/* Ratings with more levels get no drop-down (the reader checks anyway). */
#define CC_XLSX_MAX_LEVELS 32

#include "responses_out.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

#define SHEET_NAME_CHARS 31
#define SHEET_NAME_BYTES (SHEET_NAME_CHARS * 4 + 1)
#define SECTION_INDENTS 4
#define LIST_INLINE_MAX 255      /* Excel's limit on an inline list,
				    commas included */

enum col { C_ID, C_QUESTION, C_GUIDANCE, C_TYPE, C_ALLOWED, C_ANSWER,
	   C_COMMENT, C_EVIDENCE, C_URL, C_COUNT };

static const struct {
	const char *name;
	double width;
} columns[C_COUNT] = {
	{"id", 18}, {"question", 60}, {"guidance", 40}, {"type", 14},
	{"allowed answers", 30}, {"answer", 22}, {"comment", 32},
	{"evidence", 10}, {"evidence URL", 34},
};

struct pillar {
	int node;                      /* -1: the root's own questions */
	char name[SHEET_NAME_BYTES];
	lxw_worksheet *ws;
};

struct wctx {
	const struct cc_framework *fw;
	const struct cc_answers *a;
	int unit;
	lxw_workbook *wb;
	lxw_worksheet *meta;
	bool *has_q;                   /* per node: a question at or below */
	struct pillar *pillars;
	int npillars;
	lxw_format *f_head, *f_text, *f_id, *f_input, *f_input_num, *f_title,
		   *f_bold;
	lxw_format *f_section[SECTION_INDENTS];   /* by depth */
	int rc;
	struct cc_error *err;
};

/* Keeps the first libxlsxwriter error; returns true when writing goes on. */
static bool ok(struct wctx *w, lxw_error e, const char *what)
{
	if (w->rc || e == LXW_NO_ERROR)
		return w->rc == 0;
	w->rc = e == LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED ? CC_ELIMIT : CC_EIO;
	cc_error_set(w->err, w->rc, NULL, 0, 0, "%s: %s", what, lxw_strerror(e));
	return false;
}

/* ---- sheet names -------------------------------------------------------- */

static bool ascii_case_equal(const char *a, const char *b)
{
	for (; *a && *b; a++, b++) {
		char x = *a >= 'A' && *a <= 'Z' ? (char)(*a + 32) : *a;
		char y = *b >= 'A' && *b <= 'Z' ? (char)(*b + 32) : *b;
		if (x != y)
			return false;
	}
	return *a == *b;
}

/* Copies at most max characters of s that Excel takes in a sheet name
 * (a character outside the BMP counts as two, as Excel counts UTF-16). */
static void sheet_name_clean(const char *s, int max, char *out)
{
	size_t o = 0;
	int chars = 0;

	while (*s == ' ' || *s == '\'')
		s++;
	while (*s) {
		unsigned char c = (unsigned char)*s;
		size_t n = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
		int width = n == 4 ? 2 : 1;

		if (chars + width > max)
			break;
		if (c < 0x20 || strchr("[]:*?/\\", c)) {
			out[o++] = c < 0x20 ? ' ' : '-';
			s++;
		} else {
			for (size_t i = 0; i < n && *s; i++)
				out[o++] = *s++;
		}
		chars += width;
	}
	while (o && (out[o - 1] == ' ' || out[o - 1] == '\''))
		o--;
	out[o] = '\0';
}

static bool name_taken(const struct wctx *w, const char *name)
{
	static const char *const reserved[] = {"Instructions", "meta", "History"};

	for (size_t i = 0; i < sizeof(reserved) / sizeof(*reserved); i++)
		if (ascii_case_equal(name, reserved[i]))
			return true;
	for (int i = 0; i < w->npillars; i++)
		if (ascii_case_equal(name, w->pillars[i].name))
			return true;
	return false;
}

/* A valid, unique sheet name for text (or, when it has nothing usable,
 * fallback), made unique with " (2)", " (3)", ... */
static void sheet_name(const struct wctx *w, const char *text,
		       const char *fallback, char out[SHEET_NAME_BYTES])
{
	char base[SHEET_NAME_BYTES];

	sheet_name_clean(text, SHEET_NAME_CHARS, base);
	if (!base[0])
		sheet_name_clean(fallback, SHEET_NAME_CHARS, base);
	if (!base[0])
		memcpy(base, "Sheet", 6);
	memcpy(out, base, strlen(base) + 1);
	for (int k = 2; name_taken(w, out); k++) {
		char suffix[16];
		int n = snprintf(suffix, sizeof(suffix), " (%d)", k);
		size_t len;

		sheet_name_clean(base, SHEET_NAME_CHARS - n, out);
		len = strlen(out);
		memcpy(out + len, suffix, (size_t)n + 1);
	}
}

/* ---- the pillars -------------------------------------------------------- */

static int plan_pillars(struct wctx *w)
{
	const struct cc_framework *fw = w->fw;
	const struct cc_node *root = &fw->nodes[0];
	bool root_questions = false;

	w->has_q = calloc((size_t)fw->nnodes, sizeof(*w->has_q));
	w->pillars = calloc((size_t)root->nchildren + 1, sizeof(*w->pillars));
	if (!w->has_q || !w->pillars)
		return cc_error_set(w->err, CC_ENOMEM, NULL, 0, 0, "out of memory");
	for (int i = fw->nnodes - 1; i > 0; i--) {
		if (fw->nodes[i].kind == CC_QUESTION)
			w->has_q[i] = true;
		if (w->has_q[i])
			w->has_q[fw->nodes[i].parent] = true;
	}
	for (int c = 0; c < root->nchildren; c++) {
		const struct cc_node *n = &fw->nodes[root->children[c]];

		if (n->kind == CC_QUESTION)
			root_questions = true;
		if (n->kind != CC_GROUP || !w->has_q[root->children[c]])
			continue;
		w->pillars[w->npillars].node = root->children[c];
		sheet_name(w, n->name, n->id, w->pillars[w->npillars].name);
		w->npillars++;
	}
	if (root_questions) {
		w->pillars[w->npillars].node = -1;
		sheet_name(w, "General", "General", w->pillars[w->npillars].name);
		w->npillars++;
	}
	if (w->npillars + 2 > CC_XLSX_MAX_SHEETS)
		return cc_error_set(w->err, CC_ELIMIT, NULL, 0, 0,
				    "%d pillars: more sheets than a questionnaire may have (%d)",
				    w->npillars, CC_XLSX_MAX_SHEETS - 2);
	return CC_OK;
}

static const char *type_label(enum cc_qtype t)
{
	static const char *const names[] = {
		[CC_Q_YES_NO] = "yes/no", [CC_Q_CHOICE] = "one choice",
		[CC_Q_MULTI] = "several choices", [CC_Q_NUMBER] = "number",
		[CC_Q_TEXT] = "text", [CC_Q_RATING] = "rating",
	};
	return names[t];
}

/* A rating's levels one a line as "value = name: description", so whoever
 * fills the sheet reads what each level means where they pick it. */
static char *rating_text(const struct cc_node *n)
{
	const struct cc_scale *sc = n->rating_scale;
	size_t size = 64, used;
	char *s;

	for (int i = 0; i < sc->nlevels; i++)
		size += strlen(sc->levels[i].name) + 24 +
			(sc->levels[i].description ? strlen(sc->levels[i].description) : 0);
	s = malloc(size);
	if (!s)
		return NULL;
	used = (size_t)snprintf(s, size, "one level of the scale \"%s\":", sc->name);
	for (int i = 0; i < sc->nlevels; i++) {
		const struct cc_scale_level *l = &sc->levels[i];
		used += (size_t)snprintf(s + used, size - used, "\n%d = %s%s%s", l->value,
					 l->name, l->description ? ": " : "",
					 l->description ? l->description : "");
	}
	return s;
}

/* "yes | no", "a number", or the options one a line as "id = label". */
static char *allowed_text(const struct cc_node *n)
{
	size_t size = 64, used = 0;
	char *s;

	if (n->qtype == CC_Q_RATING)
		return rating_text(n);
	for (int i = 0; i < n->noptions; i++)
		size += strlen(n->options[i].id) + strlen(n->options[i].label) + 8;
	s = malloc(size);
	if (!s)
		return NULL;
	switch (n->qtype) {
	case CC_Q_YES_NO:
		snprintf(s, size, n->has_partial ? "yes | no | partial" : "yes | no");
		return s;
	case CC_Q_NUMBER:
		snprintf(s, size, "a number");
		return s;
	case CC_Q_TEXT:
		snprintf(s, size, "any text");
		return s;
	default:
		break;
	}
	used = (size_t)snprintf(s, size, "%s", n->qtype == CC_Q_MULTI ?
				"one or more, joined by |:" : "one of:");
	for (int i = 0; i < n->noptions; i++) {
		const struct cc_option *o = &n->options[i];

		used += (size_t)snprintf(s + used, size - used, strcmp(o->id, o->label) ?
					 "\n%s = %s" : "\n%s", o->id, o->label);
	}
	return s;
}

/* A drop-down of the answers a yes_no or choice question takes, when they
 * fit in Excel's inline list. Longer lists get none (the reader checks
 * anyway): a list from a cell range needs LXW_VALIDATION_TYPE_LIST_FORMULA,
 * whose formula libxlsxwriter 1.1.4 copies twice and leaks once. */
static void add_list(struct wctx *w, lxw_worksheet *ws, int row,
		     const struct cc_node *n)
{
	static const char *const yes_no[] = {"yes", "no", NULL};
	static const char *const yes_no_partial[] = {"yes", "no", "partial", NULL};
	const char **list;
	char values[CC_XLSX_MAX_LEVELS][16];
	lxw_data_validation dv = {0};
	size_t chars = 0;

	for (int i = 0; i < n->noptions; i++)
		chars += strlen(n->options[i].id) + 1;
	if (n->qtype == CC_Q_RATING) {
		const struct cc_scale *sc = n->rating_scale;
		if (sc->nlevels > CC_XLSX_MAX_LEVELS)
			return;
		for (int i = 0; i < sc->nlevels; i++)
			chars += (size_t)snprintf(values[i], sizeof(values[i]), "%d",
						  sc->levels[i].value) + 1;
	}
	if (chars > LIST_INLINE_MAX + 1)
		return;
	if (n->qtype == CC_Q_YES_NO) {
		list = (const char **)(n->has_partial ? yes_no_partial : yes_no);
	} else if (n->qtype == CC_Q_RATING) {
		list = calloc((size_t)n->rating_scale->nlevels + 1, sizeof(*list));
		if (!list) {
			w->rc = cc_error_set(w->err, CC_ENOMEM, NULL, 0, 0, "out of memory");
			return;
		}
		for (int i = 0; i < n->rating_scale->nlevels; i++)
			list[i] = values[i];
	} else {
		list = calloc((size_t)n->noptions + 1, sizeof(*list));
		if (!list) {
			w->rc = cc_error_set(w->err, CC_ENOMEM, NULL, 0, 0, "out of memory");
			return;
		}
		for (int i = 0; i < n->noptions; i++)
			list[i] = n->options[i].id;
	}
	dv.validate = LXW_VALIDATION_TYPE_LIST;
	dv.value_list = (char **)list;
	dv.error_type = LXW_VALIDATION_ERROR_TYPE_STOP;
	dv.error_title = "Not an allowed answer";
	dv.error_message = "Pick one of the answers in the list "
			   "(column \"allowed answers\").";
	ok(w, worksheet_data_validation_cell(ws, (lxw_row_t)row, C_ANSWER, &dv),
	   "data validation");
	if (n->qtype != CC_Q_YES_NO)
		free(list);
}

/* The unit's answer, comment and evidence to pre-fill (NULL when none). */
static void current(const struct wctx *w, const struct cc_node *n, char *buf,
		    size_t size, const char **answer, const char **comment,
		    const char **evidence)
{
	const struct cc_answers *a = w->a;
	const struct cc_answer *ans;
	size_t at;

	*answer = *comment = *evidence = NULL;
	if (!a || w->unit < 0)
		return;
	ans = cc_answers_cell(a, w->unit, n->leaf);
	at = (size_t)w->unit * (size_t)w->fw->nleaves + (size_t)n->leaf;
	if (cc_answer_present(ans)) {
		if (n->qtype == CC_Q_TEXT) {
			*answer = a->texts[ans->bits];
		} else {
			cc_answer_format(a, n->leaf, ans, buf, size);
			*answer = buf;
		}
	}
	*comment = a->comments ? a->comments[at] : NULL;
	*evidence = a->notes ? a->notes[at] : NULL;
}

/* A number answer goes in as a number when Excel's 16 digits give it back
 * exactly, else as text (the reader takes both). */
static void write_answer(struct wctx *w, lxw_worksheet *ws, int row,
			 const struct cc_node *n, const char *answer)
{
	lxw_row_t r = (lxw_row_t)row;

	if ((n->qtype == CC_Q_NUMBER || n->qtype == CC_Q_RATING) && answer) {
		char check[64];
		double x = strtod(answer, NULL);

		snprintf(check, sizeof(check), "%.16G", x);
		if (strtod(check, NULL) == x) {
			ok(w, worksheet_write_number(ws, r, C_ANSWER, x, w->f_input_num),
			   n->id);
			return;
		}
	}
	ok(w, worksheet_write_string(ws, r, C_ANSWER, answer ? answer : "",
				     n->qtype == CC_Q_NUMBER ? w->f_input_num : w->f_input),
	   n->id);
}

static void write_question(struct wctx *w, lxw_worksheet *ws, int row,
			   const struct cc_node *n)
{
	static const char *const evidence[] = {
		[CC_EVIDENCE_OPTIONAL] = "optional", [CC_EVIDENCE_REQUIRED] = "required",
		[CC_EVIDENCE_NONE] = "none",
	};
	lxw_row_t r = (lxw_row_t)row;
	const char *answer, *comment, *url;
	char buf[16384];      /* a multi answer: 64 ids of at most 200 bytes */
	char *allowed = allowed_text(n);

	if (!allowed) {
		w->rc = cc_error_set(w->err, CC_ENOMEM, NULL, 0, 0, "out of memory");
		return;
	}
	current(w, n, buf, sizeof(buf), &answer, &comment, &url);
	ok(w, worksheet_write_string(ws, r, C_ID, n->id, w->f_id), n->id);
	ok(w, worksheet_write_string(ws, r, C_QUESTION, n->question, w->f_text), n->id);
	if (n->guidance)
		ok(w, worksheet_write_string(ws, r, C_GUIDANCE, n->guidance, w->f_text), n->id);
	ok(w, worksheet_write_string(ws, r, C_TYPE, type_label(n->qtype), w->f_text), n->id);
	ok(w, worksheet_write_string(ws, r, C_ALLOWED, allowed, w->f_text), n->id);
	write_answer(w, ws, row, n, answer);
	ok(w, worksheet_write_string(ws, r, C_COMMENT, comment ? comment : "",
				     w->f_input), n->id);
	ok(w, worksheet_write_string(ws, r, C_EVIDENCE, evidence[n->evidence], w->f_text),
	   n->id);
	ok(w, worksheet_write_string(ws, r, C_URL, url ? url : "",
				     n->evidence == CC_EVIDENCE_NONE ? w->f_text : w->f_input),
	   n->id);
	if (n->qtype == CC_Q_YES_NO || n->qtype == CC_Q_CHOICE || n->qtype == CC_Q_RATING)
		add_list(w, ws, row, n);
	free(allowed);
}

/* Writes the questions under node (depth first) from *row on. */
static void write_tree(struct wctx *w, lxw_worksheet *ws, int node, int *row,
		       int depth)
{
	const struct cc_node *g = &w->fw->nodes[node];

	for (int c = 0; c < g->nchildren && !w->rc; c++) {
		int k = g->children[c];
		const struct cc_node *n = &w->fw->nodes[k];

		if (n->kind == CC_QUESTION) {
			write_question(w, ws, (*row)++, n);
		} else if (n->kind == CC_GROUP && w->has_q[k] && node >= 0) {
			lxw_row_t r = (lxw_row_t)(*row)++;
			lxw_format *f = w->f_section[depth < SECTION_INDENTS ?
						     depth : SECTION_INDENTS - 1];

			for (int col = 0; col < C_COUNT; col++)
				ok(w, worksheet_write_blank(ws, r, (lxw_col_t)col, f), n->id);
			ok(w, worksheet_write_string(ws, r, C_QUESTION, n->name, f), n->id);
			write_tree(w, ws, k, row, depth + 1);
		}
	}
}

static void protect(lxw_worksheet *ws)
{
	lxw_protection p = {0};

	p.format_columns = 1;          /* set = allowed: widths and heights */
	p.format_rows = 1;
	worksheet_protect(ws, NULL, &p);
}

static void write_pillar(struct wctx *w, const struct pillar *p)
{
	int row = 1;

	for (int c = 0; c < C_COUNT; c++) {
		ok(w, worksheet_set_column(p->ws, (lxw_col_t)c, (lxw_col_t)c,
					   columns[c].width, NULL), p->name);
		ok(w, worksheet_write_string(p->ws, 0, (lxw_col_t)c, columns[c].name,
					     w->f_head), p->name);
	}
	worksheet_freeze_panes(p->ws, 1, 0);
	if (p->node >= 0) {
		write_tree(w, p->ws, p->node, &row, 0);
	} else {
		const struct cc_node *root = &w->fw->nodes[0];

		for (int c = 0; c < root->nchildren && !w->rc; c++)
			if (w->fw->nodes[root->children[c]].kind == CC_QUESTION)
				write_question(w, p->ws, row++,
					       &w->fw->nodes[root->children[c]]);
	}
	protect(p->ws);
}

/* ---- Instructions and meta --------------------------------------------- */

static void put(struct wctx *w, lxw_worksheet *ws, int row, int col,
		const char *text, lxw_format *f)
{
	ok(w, worksheet_write_string(ws, (lxw_row_t)row, (lxw_col_t)col, text, f),
	   "Instructions");
}

static void write_instructions(struct wctx *w, lxw_worksheet *ws,
			       const char *campaign, const char *unit_id)
{
	static const char *const how[] = {
		"Each sheet after this one holds the questions of one pillar. "
		"Type each answer in the yellow cells of column \"answer\"; leave "
		"the cell empty for a question you do not answer.",
		"Write the answer as column \"allowed answers\" shows it: for a "
		"list, the option's id (the part before \"=\"), or pick it from "
		"the drop-down.",
		"\"comment\" takes any text. Where \"evidence\" says required or "
		"optional, put the address of the evidence (http:// or https://) "
		"in \"evidence URL\".",
		"Do not rename or delete the sheets, the header rows or the ids in "
		"column \"id\": the sheets are protected, without a password, to "
		"keep them intact.",
		"Save the file as an Excel workbook (.xlsx) and upload it. Every "
		"mistake is listed with its sheet, row and column, and nothing is "
		"saved until the whole file is correct.",
	};
	static const char *const allowed[][2] = {
		{"yes/no", "yes or no (partial where the question lists it)"},
		{"one choice", "one option id, e.g. basic"},
		{"several choices", "option ids joined by |, e.g. awareness|training"},
		{"number", "a number, with a dot for decimals, e.g. 12 or 0.5"},
		{"text", "any text"},
		{"evidence URL", "an address starting with http:// or https://"},
	};
	const struct cc_framework *fw = w->fw;
	const char *const facts[][2] = {
		{"Campaign", campaign}, {"Unit", unit_id}, {"Framework", fw->id},
		{"Framework version", fw->version ? fw->version : ""},
	};
	int r = 2;

	worksheet_set_column(ws, 0, 0, 22, NULL);
	worksheet_set_column(ws, 1, 1, 100, w->f_text);
	put(w, ws, 0, 0, fw->title, w->f_title);
	put(w, ws, 1, 0, "Questionnaire: fill it in offline, then upload it.", NULL);
	for (size_t i = 0; i < sizeof(facts) / sizeof(*facts); i++, r++) {
		put(w, ws, r, 0, facts[i][0], w->f_bold);
		put(w, ws, r, 1, facts[i][1], w->f_text);
	}
	put(w, ws, ++r, 0, "How to fill it in", w->f_bold);
	for (size_t i = 0; i < sizeof(how) / sizeof(*how); i++) {
		ok(w, worksheet_write_number(ws, (lxw_row_t)++r, 0, (double)(i + 1), NULL),
		   "Instructions");
		put(w, ws, r, 1, how[i], w->f_text);
	}
	r += 2;
	put(w, ws, r, 0, "Allowed answers", w->f_bold);
	for (size_t i = 0; i < sizeof(allowed) / sizeof(*allowed); i++) {
		put(w, ws, ++r, 0, allowed[i][0], NULL);
		put(w, ws, r, 1, allowed[i][1], w->f_text);
	}
	protect(ws);
	worksheet_activate(ws);
}

static void write_meta(struct wctx *w, const char *campaign, const char *unit_id)
{
	const char *const kv[][2] = {
		{"format", CC_XLSX_FORMAT},
		{"framework", w->fw->id},
		{"framework version", w->fw->version ? w->fw->version : ""},
		{"campaign", campaign},
		{"unit", unit_id},
	};

	for (size_t i = 0; i < sizeof(kv) / sizeof(*kv); i++) {
		ok(w, worksheet_write_string(w->meta, (lxw_row_t)i, 0, kv[i][0], NULL), "meta");
		ok(w, worksheet_write_string(w->meta, (lxw_row_t)i, 1, kv[i][1], NULL), "meta");
	}
	worksheet_set_column(w->meta, 0, 1, 24, NULL);
	worksheet_hide(w->meta);
	protect(w->meta);
}

static void make_formats(struct wctx *w)
{
	lxw_workbook *wb = w->wb;

	w->f_text = workbook_add_format(wb);
	format_set_text_wrap(w->f_text);
	format_set_align(w->f_text, LXW_ALIGN_VERTICAL_TOP);
	w->f_id = workbook_add_format(wb);
	format_set_align(w->f_id, LXW_ALIGN_VERTICAL_TOP);
	format_set_num_format(w->f_id, "@");
	w->f_head = workbook_add_format(wb);
	format_set_bold(w->f_head);
	format_set_bg_color(w->f_head, 0xD9E1F2);
	format_set_bottom(w->f_head, LXW_BORDER_THIN);
	for (int i = 0; i < SECTION_INDENTS; i++) {
		w->f_section[i] = workbook_add_format(wb);
		format_set_bold(w->f_section[i]);
		format_set_bg_color(w->f_section[i], 0xEDEDED);
		format_set_indent(w->f_section[i], (uint8_t)i);
	}
	/* Answers are text, so that Excel keeps "1.10" or "01" as typed. */
	w->f_input = workbook_add_format(wb);
	format_set_unlocked(w->f_input);
	format_set_text_wrap(w->f_input);
	format_set_align(w->f_input, LXW_ALIGN_VERTICAL_TOP);
	format_set_bg_color(w->f_input, 0xFFF2CC);
	format_set_border(w->f_input, LXW_BORDER_THIN);
	format_set_border_color(w->f_input, 0xBFBFBF);
	format_set_num_format(w->f_input, "@");
	w->f_input_num = workbook_add_format(wb);
	format_set_unlocked(w->f_input_num);
	format_set_align(w->f_input_num, LXW_ALIGN_VERTICAL_TOP);
	format_set_bg_color(w->f_input_num, 0xFFF2CC);
	format_set_border(w->f_input_num, LXW_BORDER_THIN);
	format_set_border_color(w->f_input_num, 0xBFBFBF);
	w->f_title = workbook_add_format(wb);
	format_set_bold(w->f_title);
	format_set_font_size(w->f_title, 14);
	w->f_bold = workbook_add_format(wb);
	format_set_bold(w->f_bold);
	format_set_align(w->f_bold, LXW_ALIGN_VERTICAL_TOP);
}

static int write_workbook(struct wctx *w, const char *path,
			  const char *campaign, const char *unit_id)
{
	lxw_worksheet *instructions;
	lxw_error e;

	w->wb = workbook_new(path);
	if (!w->wb)
		return cc_error_set(w->err, CC_EIO, path, 0, 0,
				    "cannot create the workbook");
	make_formats(w);
	instructions = workbook_add_worksheet(w->wb, "Instructions");
	for (int i = 0; i < w->npillars && instructions; i++)
		if (!(w->pillars[i].ws = workbook_add_worksheet(w->wb, w->pillars[i].name)))
			instructions = NULL;
	w->meta = instructions ? workbook_add_worksheet(w->wb, "meta") : NULL;
	if (!w->meta) {
		w->rc = cc_error_set(w->err, CC_EIO, path, 0, 0, "cannot add a sheet");
	} else {
		write_meta(w, campaign, unit_id);
		write_instructions(w, instructions, campaign, unit_id);
		for (int i = 0; i < w->npillars && !w->rc; i++)
			write_pillar(w, &w->pillars[i]);
	}
	e = workbook_close(w->wb);
	if (!w->rc && e != LXW_NO_ERROR)
		w->rc = cc_error_set(w->err, CC_EIO, path, 0, 0,
				     "cannot write the workbook: %s", lxw_strerror(e));
	return w->rc;
}

int cc_questionnaire_xlsx_write(const char *path, const struct cc_framework *fw,
				const struct cc_answers *a, int unit,
				const char *campaign, const char *unit_id,
				struct cc_error *err)
{
	struct wctx w = {0};
	int rc;

	if (!path || !fw || !fw->finished || (a && a->fw != fw) ||
	    (a && (unit < -1 || unit >= a->nunits)))
		return cc_error_set(err, CC_EUSAGE, NULL, 0, 0,
				    "cc_questionnaire_xlsx_write: bad arguments");
	w.fw = fw;
	w.a = a;
	w.unit = a ? unit : -1;
	w.err = err;
	rc = plan_pillars(&w);
	if (!rc)
		rc = write_workbook(&w, path, campaign ? campaign : "",
				    unit_id ? unit_id : "");
	free(w.has_q);
	free(w.pillars);
	return rc;
}
