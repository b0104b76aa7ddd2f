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
#include "questionnaire_xlsx_wctx.h"

/* Ratings with more levels get no drop-down (the reader checks anyway). */
#define CC_XLSX_MAX_LEVELS 32

#include "responses_out.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

#define LIST_INLINE_MAX 255      /* Excel's limit on an inline list,
				    commas included */

enum col { C_ID, C_QUESTION, C_GUIDANCE, C_TYPE, C_ALLOWED, C_ANSWER,
	   C_COMMENT, C_EVIDENCE, C_URL, C_COUNT };

static const struct {
	int word;                      /* xlsx_words.h; -1: "id", a code */
	double width;
} columns[C_COUNT] = {
	{-1, 18}, {XW_H_QUESTION, 60}, {XW_H_GUIDANCE, 40}, {XW_H_TYPE, 14},
	{XW_H_ALLOWED, 30}, {XW_H_ANSWER, 22}, {XW_H_COMMENT, 32},
	{XW_H_EVIDENCE, 10}, {XW_H_URL, 34},
};

static int node_index(const struct wctx *w, const struct cc_node *n)
{
	return (int)(n - w->fw->nodes);
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
	const char *const reserved[] = {W(XW_INSTRUCTIONS), "meta", W(XW_HISTORY)};

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
		sheet_name(w, ftr(w, CC_TR_NAME, root->children[c], 0, n->name), n->id,
			   w->pillars[w->npillars].name);
		w->npillars++;
	}
	if (root_questions) {
		w->pillars[w->npillars].node = -1;
		sheet_name(w, W(XW_GENERAL), "General", w->pillars[w->npillars].name);
		w->npillars++;
	}
	if (w->npillars + 2 > CC_XLSX_MAX_SHEETS)
		return cc_error_set(w->err, CC_ELIMIT, NULL, 0, 0,
				    "%d pillars: more sheets than a questionnaire may have (%d)",
				    w->npillars, CC_XLSX_MAX_SHEETS - 2);
	return CC_OK;
}

static const char *type_label(const struct wctx *w, enum cc_qtype t)
{
	static const enum cc_xw names[] = {
		[CC_Q_YES_NO] = XW_T_YES_NO, [CC_Q_CHOICE] = XW_T_CHOICE,
		[CC_Q_MULTI] = XW_T_MULTI, [CC_Q_NUMBER] = XW_T_NUMBER,
		[CC_Q_TEXT] = XW_T_TEXT, [CC_Q_RATING] = XW_T_RATING,
	};
	return W(names[t]);
}

/* A rating's levels one a line as "value = name: description", so whoever
 * fills the sheet reads what each level means where they pick it. */
static char *rating_text(const struct wctx *w, const struct cc_node *n)
{
	const struct cc_scale *sc = n->rating_scale;
	int k = (int)(sc - w->fw->scales);
	const char *name = ftr(w, CC_TR_SCALE_NAME, k, 0, sc->name);
	size_t size = 64 + strlen(W(XW_A_SCALE)) + strlen(name), used;
	char *s;

	for (int i = 0; i < sc->nlevels; i++) {
		const char *d = ftr(w, CC_TR_SCALE_LEVEL_DESC, k, i, sc->levels[i].description);
		size += strlen(ftr(w, CC_TR_SCALE_LEVEL, k, i, sc->levels[i].name)) + 24 +
			(d ? strlen(d) : 0);
	}
	s = malloc(size);
	if (!s)
		return NULL;
	used = (size_t)snprintf(s, size, W(XW_A_SCALE), name);
	for (int i = 0; i < sc->nlevels; i++) {
		const struct cc_scale_level *l = &sc->levels[i];
		const char *d = ftr(w, CC_TR_SCALE_LEVEL_DESC, k, i, l->description);
		used += (size_t)snprintf(s + used, size - used, "\n%d = %s%s%s", l->value,
					 ftr(w, CC_TR_SCALE_LEVEL, k, i, l->name), d ? ": " : "",
					 d ? d : "");
	}
	return s;
}

/* "yes | no", "a number", or the options one a line as "id = label". */
static char *allowed_text(const struct wctx *w, const struct cc_node *n)
{
	size_t size = 160, used = 0;
	int node = node_index(w, n);
	char *s;

	if (n->qtype == CC_Q_RATING)
		return rating_text(w, n);
	for (int i = 0; i < n->noptions; i++)
		size += strlen(n->options[i].id) +
			strlen(ftr(w, CC_TR_OPTION, node, i, n->options[i].label)) + 8;
	s = malloc(size);
	if (!s)
		return NULL;
	switch (n->qtype) {
	case CC_Q_YES_NO:
		snprintf(s, size, "%s", W(n->has_partial ? XW_A_YES_NO_PARTIAL : XW_A_YES_NO));
		return s;
	case CC_Q_NUMBER:
		snprintf(s, size, "%s", W(XW_A_NUMBER));
		return s;
	case CC_Q_TEXT:
		snprintf(s, size, "%s", W(XW_A_TEXT));
		return s;
	default:
		break;
	}
	used = (size_t)snprintf(s, size, "%s", W(n->qtype == CC_Q_MULTI ? XW_A_MULTI : XW_A_ONE));
	for (int i = 0; i < n->noptions; i++) {
		const struct cc_option *o = &n->options[i];
		const char *label = ftr(w, CC_TR_OPTION, node, i, o->label);

		used += (size_t)snprintf(s + used, size - used, strcmp(o->id, label) ?
					 "\n%s = %s" : "\n%s", o->id, label);
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
	dv.error_title = (char *)W(XW_V_TITLE);
	dv.error_message = (char *)W(XW_V_MESSAGE);
	cc__xw_ok(w, worksheet_data_validation_cell(ws, (lxw_row_t)row, C_ANSWER, &dv),
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
			cc__xw_ok(w, worksheet_write_number(ws, r, C_ANSWER, x, w->f_input_num),
			   n->id);
			return;
		}
	}
	cc__xw_ok(w, worksheet_write_string(ws, r, C_ANSWER, answer ? answer : "",
				     n->qtype == CC_Q_NUMBER ? w->f_input_num : w->f_input),
	   n->id);
}

static void write_question(struct wctx *w, lxw_worksheet *ws, int row,
			   const struct cc_node *n)
{
	const char *const evidence[] = {
		[CC_EVIDENCE_OPTIONAL] = W(XW_E_OPTIONAL), [CC_EVIDENCE_REQUIRED] = W(XW_E_REQUIRED),
		[CC_EVIDENCE_NONE] = "—",
	};
	int node = node_index(w, n);
	const char *guidance = ftr(w, CC_TR_GUIDANCE, node, 0, n->guidance);
	lxw_row_t r = (lxw_row_t)row;
	const char *answer, *comment, *url;
	char buf[16384];      /* a multi answer: 64 ids of at most 200 bytes */
	char *allowed = allowed_text(w, n);

	if (!allowed) {
		w->rc = cc_error_set(w->err, CC_ENOMEM, NULL, 0, 0, "out of memory");
		return;
	}
	current(w, n, buf, sizeof(buf), &answer, &comment, &url);
	cc__xw_ok(w, worksheet_write_string(ws, r, C_ID, n->id, w->f_id), n->id);
	cc__xw_ok(w, worksheet_write_string(ws, r, C_QUESTION, ftr(w, CC_TR_QUESTION, node, 0, n->question),
				     w->f_text), n->id);
	if (guidance)
		cc__xw_ok(w, worksheet_write_string(ws, r, C_GUIDANCE, guidance, w->f_text), n->id);
	cc__xw_ok(w, worksheet_write_string(ws, r, C_TYPE, type_label(w, n->qtype), w->f_text), n->id);
	cc__xw_ok(w, worksheet_write_string(ws, r, C_ALLOWED, allowed, w->f_text), n->id);
	write_answer(w, ws, row, n, answer);
	cc__xw_ok(w, worksheet_write_string(ws, r, C_COMMENT, comment ? comment : "",
				     w->f_input), n->id);
	cc__xw_ok(w, worksheet_write_string(ws, r, C_EVIDENCE, evidence[n->evidence], w->f_text),
	   n->id);
	cc__xw_ok(w, worksheet_write_string(ws, r, C_URL, url ? url : "",
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
				cc__xw_ok(w, worksheet_write_blank(ws, r, (lxw_col_t)col, f), n->id);
			cc__xw_ok(w, worksheet_write_string(ws, r, C_QUESTION, ftr(w, CC_TR_NAME, k, 0, n->name),
						     f), n->id);
			write_tree(w, ws, k, row, depth + 1);
		}
	}
}

static void write_pillar(struct wctx *w, const struct pillar *p)
{
	int row = 1;

	for (int c = 0; c < C_COUNT; c++) {
		cc__xw_ok(w, worksheet_set_column(p->ws, (lxw_col_t)c, (lxw_col_t)c,
					   columns[c].width, NULL), p->name);
		cc__xw_ok(w, worksheet_write_string(p->ws, 0, (lxw_col_t)c, columns[c].word < 0 ? "id" :
					     W((enum cc_xw)columns[c].word), w->f_head), p->name);
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
	cc__xw_protect(p->ws);
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
	cc__xw_formats(w);
	instructions = workbook_add_worksheet(w->wb, W(XW_INSTRUCTIONS));
	for (int i = 0; i < w->npillars && instructions; i++)
		if (!(w->pillars[i].ws = workbook_add_worksheet(w->wb, w->pillars[i].name)))
			instructions = NULL;
	w->meta = instructions ? workbook_add_worksheet(w->wb, "meta") : NULL;
	if (!w->meta) {
		w->rc = cc_error_set(w->err, CC_EIO, path, 0, 0, "cannot add a sheet");
	} else {
		cc__xw_meta(w, campaign, unit_id);
		cc__xw_instructions(w, instructions, campaign, unit_id);
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
				const char *campaign, const char *unit_id, const char *lang,
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
	w.xl = cc_xlsx_lang(lang);
	w.fl = cc_fw_lang(fw, lang);
	rc = plan_pillars(&w);
	if (!rc)
		rc = write_workbook(&w, path, campaign ? campaign : "",
				    unit_id ? unit_id : "");
	free(w.has_q);
	free(w.pillars);
	return rc;
}
