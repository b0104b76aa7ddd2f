/*
 * http_plan_reports.c - a plan's monitoring and its periodic progress
 * report (docs/api.md "Action plans"): the monitoring JSON, and the
 * report as JSON (for the printable page), CSV (one row per action) and
 * an XLSX workbook laid out for A4. ?period=2026-Q3|2026-H2|2026 picks
 * the reporting period (default: the quarter holding ?at=, else today):
 * actions due or changed in it are flagged. Reading rights are those of
 * the plan (http_plans.c).
 */
#include "router.h"

#include "../format/results_out.h"
#include "../service/plans.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

/* Everything a report needs, loaded and computed; 1 when ready. */
struct report_ctx {
	struct cc_plan pl;
	struct cc_plan_monitor m;
	struct cc_plan_report r;
};

static void ctx_free(struct report_ctx *c)
{
	cc_plan_report_free(&c->r);
	cc_plan_monitor_free(&c->m);
	cc_plan_free(&c->pl);
}

static int open_report(struct cc_req *req, struct cc_resp *resp, bool report, struct report_ctx *c)
{
	struct cc_error err;

	memset(c, 0, sizeof(*c));
	if (!cc__plan_open(req, resp, false, &c->pl))
		return 0;
	if (cc__plan_monitor_req(req, resp, &c->pl, &c->m))
		goto fail;
	cc_error_clear(&err);
	if (report && cc_plan_report(&c->pl, &c->m, cc_req_query(req, "period"), &c->r, &err)) {
		cc_resp_error(resp, 400, "bad_parameter", "period", "%s", err.msg);
		goto fail;
	}
	return 1;
fail:
	ctx_free(c);
	return 0;
}

int cc_h_plan_monitoring(struct cc_req *req, struct cc_resp *resp)
{
	struct report_ctx c;

	if (!open_report(req, resp, false, &c))
		return CC_OK;
	cc_resp_json(resp, 200, cc_plan_monitoring_json(&c.pl, &c.m));
	resp->etag = 0;
	ctx_free(&c);
	return CC_OK;
}

int cc_h_plan_report(struct cc_req *req, struct cc_resp *resp)
{
	struct report_ctx c;
	json_t *o;

	if (!open_report(req, resp, true, &c))
		return CC_OK;
	o = cc_plan_report_json(&c.pl, &c.m, &c.r);
	cc__plan_scrub(req, c.pl.p->unit, o);
	cc_resp_json(resp, 200, o);
	resp->etag = 0;
	ctx_free(&c);
	return CC_OK;
}

/* ---- one row per action, shared by CSV and XLSX ------------------------------------ */

#define NCOLS 14
static const char *const head[NCOLS] = {
	"objective", "action_id", "action", "owner", "lead_agency", "status", "progress", "start",
	"due", "overdue", "in_period", "kpis", "nodes", "source",
};

/* The cells of row i as text ("" for none); numbers in buf. */
static void row_cells(const struct report_ctx *c, int i, const char *cells[NCOLS], char buf[2][24])
{
	const struct cc_report_row *row = &c->r.rows[i];
	const struct cc_action_rec *a = &((struct cc_action_rec *)c->pl.actions.items)[row->action];
	const struct cc_link_rec *ls = c->pl.links.items;
	const char *src = "";

	for (int k = 0; k < c->pl.links.n; k++)
		if (ls[k].action == a->id && !strcmp(ls[k].role, "source"))
			src = ls[k].kind;
	snprintf(buf[0], 24, "%lld", a->id);
	snprintf(buf[1], 24, "%d", (int)c->m.state[row->action].progress);  /* done: 100 */
	cells[0] = row->objective, cells[1] = buf[0], cells[2] = a->title, cells[3] = a->owner;
	cells[4] = a->lead_agency, cells[5] = a->status, cells[6] = buf[1];
	cells[7] = a->start ? a->start : "", cells[8] = a->due ? a->due : "";
	cells[9] = c->m.state[row->action].overdue ? "yes" : "no";
	cells[10] = row->in_period ? "yes" : "no", cells[11] = row->kpis, cells[12] = row->nodes;
	cells[13] = src;
}

int cc_h_plan_report_csv(struct cc_req *req, struct cc_resp *resp)
{
	struct report_ctx c;
	char *text = NULL;
	size_t len = 0;
	FILE *mem;
	int bad = 0;

	if (!open_report(req, resp, true, &c))
		return CC_OK;
	mem = open_memstream(&text, &len);
	if (!mem) {
		ctx_free(&c);
		return cc_resp_error(resp, 500, "internal", NULL, "out of memory");
	}
	for (int k = 0; k < NCOLS; k++)
		bad |= fprintf(mem, "%s%s", k ? "," : "", head[k]) < 0;
	bad |= fputs("\r\n", mem) == EOF;
	for (int i = 0; i < c.r.nrows; i++) {
		const char *cells[NCOLS];
		char buf[2][24];

		row_cells(&c, i, cells, buf);
		for (int k = 0; k < NCOLS; k++) {
			bad |= k && fputc(',', mem) == EOF;
			bad |= cc_csv_write_cell(mem, cells[k]) != 0;
		}
		bad |= fputs("\r\n", mem) == EOF;
	}
	if (fclose(mem) || bad) {
		free(text);
		ctx_free(&c);
		return cc_resp_error(resp, 500, "internal", NULL, "cannot write the CSV");
	}
	cc_resp_body(resp, 200, "text/csv; charset=utf-8", text, len);
	snprintf(resp->disposition, sizeof(resp->disposition),
		 "attachment; filename=\"%s-report-%s.csv\"", c.pl.p->id, c.r.period);
	ctx_free(&c);
	return CC_OK;
}

/* ---- the workbook ---------------------------------------------------------------- */

static void a4(lxw_worksheet *ws, bool landscape)
{
	worksheet_set_paper(ws, 9);          /* A4 */
	if (landscape)
		worksheet_set_landscape(ws);
	worksheet_fit_to_pages(ws, 1, 0);
	worksheet_set_margins(ws, 0.5, 0.5, 0.6, 0.6);
}

static void num_or_blank(lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, double x, lxw_format *f)
{
	if (!isnan(x))
		worksheet_write_number(ws, r, c, x, f);
}

/* The summary block: plan, period, progress, re-measurement, catalogue. */
static int sheet_summary(lxw_workbook *wb, const struct report_ctx *c, lxw_format *bold)
{
	const struct cc_plan_rec *p = c->pl.p;
	lxw_worksheet *ws = workbook_add_worksheet(wb, "Summary");
	const char *rag = cc_rag_name(c->m.overall.rag);
	json_t *sv = cc_plan_services_json(&c->pl), *s;
	char line[160];
	lxw_row_t r = 0;
	size_t i;

	if (!ws || !sv) {
		json_decref(sv);
		return -1;
	}
	a4(ws, false);
	worksheet_set_column(ws, 0, 0, 28, NULL);
	worksheet_set_column(ws, 1, 1, 70, NULL);
	worksheet_write_string(ws, r++, 0, p->title, bold);
	worksheet_write_string(ws, r, 0, "Unit", bold);
	worksheet_write_string(ws, r++, 1, p->unit, NULL);
	snprintf(line, sizeof(line), "%s to %s", p->start, p->end);
	worksheet_write_string(ws, r, 0, "Plan period", bold);
	worksheet_write_string(ws, r++, 1, line, NULL);
	snprintf(line, sizeof(line), "%s (%s to %s)", c->r.period, c->r.first, c->r.last);
	worksheet_write_string(ws, r, 0, "Reporting period", bold);
	worksheet_write_string(ws, r++, 1, line, NULL);
	worksheet_write_string(ws, r, 0, "Figures as at", bold);
	worksheet_write_string(ws, r++, 1, c->m.today_s, NULL);
	worksheet_write_string(ws, r, 0, "Overall progress (%)", bold);
	num_or_blank(ws, r++, 1, c->m.overall.progress, NULL);
	worksheet_write_string(ws, r, 0, "Weighting", bold);
	worksheet_write_string(ws, r++, 1, c->m.weighting, NULL);
	worksheet_write_string(ws, r, 0, "Status (RAG)", bold);
	worksheet_write_string(ws, r++, 1, rag ? rag : "-", NULL);
	snprintf(line, sizeof(line), "%d of %d (%d overdue, %d blocked)", c->m.overall.counted,
		 c->m.overall.actions, c->m.overall.overdue, c->m.overall.blocked);
	worksheet_write_string(ws, r, 0, "Actions counted", bold);
	worksheet_write_string(ws, r++, 1, line, NULL);
	snprintf(line, sizeof(line), "actions done on %d of %d nodes that rose", c->m.re.rose_done,
		 c->m.re.rose);
	worksheet_write_string(ws, r, 0, "Re-measurement", bold);
	worksheet_write_string(ws, r++, 1, line, NULL);
	worksheet_write_string(ws, r, 0, "Flagged in the period", bold);
	worksheet_write_number(ws, r++, 1, c->r.flagged, NULL);
	r++;
	worksheet_write_string(ws, r++, 0, "Service catalogue", bold);
	json_array_foreach(sv, i, s) {
		worksheet_write_string(ws, r, 0, json_string_value(json_object_get(s, "id")), NULL);
		worksheet_write_string(ws, r++, 1, json_object_get(s, "name") ?
				       json_string_value(json_object_get(s, "name")) : "", NULL);
	}
	json_decref(sv);
	return 0;
}

static int sheet_actions(lxw_workbook *wb, const struct report_ctx *c, lxw_format *bold,
			 lxw_format *wrap, lxw_format *flag)
{
	lxw_worksheet *ws = workbook_add_worksheet(wb, "Actions");

	if (!ws)
		return -1;
	a4(ws, true);
	for (int k = 0; k < NCOLS; k++)
		worksheet_write_string(ws, 0, (lxw_col_t)k, head[k], bold);
	worksheet_set_column(ws, 0, 0, 22, wrap);
	worksheet_set_column(ws, 2, 2, 40, wrap);
	worksheet_set_column(ws, 3, 4, 18, wrap);
	worksheet_set_column(ws, 11, 12, 40, wrap);
	for (int i = 0; i < c->r.nrows; i++) {
		const char *cells[NCOLS];
		char buf[2][24];
		lxw_row_t row = (lxw_row_t)(i + 1);

		row_cells(c, i, cells, buf);
		for (int k = 0; k < NCOLS; k++) {
			lxw_format *f = c->r.rows[i].in_period ? flag : NULL;
			if (k == 1 || k == 6)
				worksheet_write_number(ws, row, (lxw_col_t)k, atof(cells[k]), f);
			else
				worksheet_write_string(ws, row, (lxw_col_t)k, cells[k], f);
		}
	}
	worksheet_freeze_panes(ws, 1, 0);
	worksheet_repeat_rows(ws, 0, 0);
	return 0;
}

static int sheet_objectives(lxw_workbook *wb, const struct report_ctx *c, lxw_format *bold)
{
	static const char *const h[] = {"objective", "progress", "expected", "rag", "actions",
					"counted", "overdue", "blocked"};
	lxw_worksheet *ws = workbook_add_worksheet(wb, "Objectives");
	const struct cc_objective_rec *os = c->pl.objectives.items;

	if (!ws)
		return -1;
	a4(ws, false);
	for (int k = 0; k < 8; k++)
		worksheet_write_string(ws, 0, (lxw_col_t)k, h[k], bold);
	worksheet_set_column(ws, 0, 0, 40, NULL);
	for (int i = 0; i < c->pl.objectives.n; i++) {
		const struct cc_plan_summary *s = &c->m.objectives[i];
		const char *rag = cc_rag_name(s->rag);
		lxw_row_t r = (lxw_row_t)(i + 1);

		worksheet_write_string(ws, r, 0, os[i].title, NULL);
		num_or_blank(ws, r, 1, s->progress, NULL);
		num_or_blank(ws, r, 2, s->expected, NULL);
		worksheet_write_string(ws, r, 3, rag ? rag : "", NULL);
		worksheet_write_number(ws, r, 4, s->actions, NULL);
		worksheet_write_number(ws, r, 5, s->counted, NULL);
		worksheet_write_number(ws, r, 6, s->overdue, NULL);
		worksheet_write_number(ws, r, 7, s->blocked, NULL);
	}
	return 0;
}

static int sheet_nodes(lxw_workbook *wb, const struct report_ctx *c, lxw_format *bold)
{
	static const char *const h[] = {"framework", "node", "label", "before", "before_campaign",
					"after", "after_campaign", "actions", "done_actions"};
	lxw_worksheet *ws = workbook_add_worksheet(wb, "Re-measurement");

	if (!ws)
		return -1;
	a4(ws, true);
	for (int k = 0; k < 9; k++)
		worksheet_write_string(ws, 0, (lxw_col_t)k, h[k], bold);
	worksheet_set_column(ws, 2, 2, 50, NULL);
	for (int i = 0; i < c->m.nnodes; i++) {
		const struct cc_plan_node *n = &c->m.nodes[i];
		lxw_row_t r = (lxw_row_t)(i + 1);

		worksheet_write_string(ws, r, 0, n->framework, NULL);
		worksheet_write_string(ws, r, 1, n->node, NULL);
		worksheet_write_string(ws, r, 2, n->label, NULL);
		num_or_blank(ws, r, 3, n->before, NULL);
		worksheet_write_string(ws, r, 4, n->before_campaign ? n->before_campaign : "", NULL);
		num_or_blank(ws, r, 5, n->after, NULL);
		worksheet_write_string(ws, r, 6, n->after_campaign ? n->after_campaign : "", NULL);
		worksheet_write_number(ws, r, 7, n->nactions, NULL);
		worksheet_write_number(ws, r, 8, n->ndone, NULL);
	}
	return 0;
}

static int fill_report(void *wbp, void *ctx)
{
	lxw_workbook *wb = wbp;
	const struct report_ctx *c = ctx;
	lxw_format *bold = workbook_add_format(wb), *wrap = workbook_add_format(wb);
	lxw_format *flag = workbook_add_format(wb);

	if (!bold || !wrap || !flag)
		return -1;
	format_set_bold(bold);
	format_set_text_wrap(wrap);
	format_set_align(wrap, LXW_ALIGN_VERTICAL_TOP);
	format_set_text_wrap(flag);
	format_set_align(flag, LXW_ALIGN_VERTICAL_TOP);
	format_set_bg_color(flag, 0xFFF2CC);
	return sheet_summary(wb, c, bold) || sheet_actions(wb, c, bold, wrap, flag) ||
	       sheet_objectives(wb, c, bold) || sheet_nodes(wb, c, bold);
}

int cc_h_plan_report_xlsx(struct cc_req *req, struct cc_resp *resp)
{
	struct report_ctx c;
	char name[200];
	int rc;

	if (!open_report(req, resp, true, &c))
		return CC_OK;
	snprintf(name, sizeof(name), "%s-report-%s.xlsx", c.pl.p->id, c.r.period);
	rc = cc__send_xlsx(resp, fill_report, &c, name);
	resp->etag = 0;
	ctx_free(&c);
	return rc;
}
