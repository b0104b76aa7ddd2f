/*
 * http_exports.c - published results as files: CSV (the `cybercap score`
 * contract) and an Excel workbook (libxlsxwriter) for analysts.
 */
#include "router.h"

#include "../format/results_out.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

void cc__resp_file(struct cc_resp *resp, struct cc_file *file)
{
	resp->status = 200;
	if (file->fd >= 0) {
		resp->fd = file->fd;
		resp->fd_size = file->size;
	} else {
		free(resp->body);
		resp->body = file->data;
		resp->len = file->size;
		file->data = NULL;
	}
}

int cc__send_csv(struct cc_resp *resp, int (*write)(FILE *f, const void *ctx),
		 const void *ctx, const char *filename)
{
	char *text = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&text, &len);
	int bad;

	if (!mem)
		return cc_resp_error(resp, 500, "internal", NULL, "out of memory");
	bad = write(mem, ctx) != 0;
	bad |= fclose(mem) != 0;
	if (bad) {
		free(text);
		return cc_resp_error(resp, 500, "internal", NULL, "cannot write the CSV");
	}
	cc_resp_body(resp, 200, "text/csv; charset=utf-8", text, len);
	snprintf(resp->disposition, sizeof(resp->disposition), "attachment; filename=\"%s\"",
		 filename);
	return CC_OK;
}

static int write_results(FILE *f, const void *ctx)
{
	const struct cc_pub *p = ctx;

	return cc_results_write_csv(f, &p->answers, &p->scores, 1);
}

int cc_h_results_csv(struct cc_req *req, struct cc_resp *resp)
{
	const struct cc_pub *p = cc__pub(req, resp);
	char name[200];
	int rc;

	if (!p)
		return CC_OK;
	snprintf(name, sizeof(name), "%s-results.csv", p->c->id);
	rc = cc__send_csv(resp, write_results, p, name);
	resp->etag = resp->status == 200;
	return rc;
}

static int write_ranking(lxw_workbook *wb, const struct cc_req *req,
			 const struct cc_pub *p)
{
	const struct cc_framework *fw = &p->fw;
	const struct cc_node *root = &fw->nodes[0];
	lxw_worksheet *ws = workbook_add_worksheet(wb, "Ranking");
	lxw_format *bold = workbook_add_format(wb);
	int col;

	if (!ws || !bold)
		return -1;
	format_set_bold(bold);
	worksheet_write_string(ws, 0, 0, "unit", bold);
	worksheet_write_string(ws, 0, 1, "name", bold);
	worksheet_write_string(ws, 0, 2, "points", bold);
	worksheet_write_string(ws, 0, 3, "rank", bold);
	worksheet_write_string(ws, 0, 4, "level", bold);
	for (int c = 0; c < root->nchildren; c++)
		worksheet_write_string(ws, 0, (lxw_col_t)(5 + c), fw->nodes[root->children[c]].id, bold);
	for (int u = 0; u < p->scores.nunits; u++) {
		const struct cc_unit_rec *unit = cc_snapshot_unit(req->snap, p->answers.units[u]);
		int32_t r = p->scores.rank[(size_t)u * (size_t)fw->nnodes];
		lxw_row_t row = (lxw_row_t)(u + 1);

		worksheet_write_string(ws, row, 0, p->answers.units[u], NULL);
		worksheet_write_string(ws, row, 1, unit ? unit->names[0] : p->answers.units[u], NULL);
		worksheet_write_number(ws, row, 2, cc_scores_points(&p->scores, u, 0), NULL);
		if (r)
			worksheet_write_number(ws, row, 3, r, NULL);
		if (p->scores.level[u] >= 0)
			worksheet_write_string(ws, row, 4, fw->levels[p->scores.level[u]].name, NULL);
		col = 5;
		for (int c = 0; c < root->nchildren; c++, col++)
			worksheet_write_number(ws, row, (lxw_col_t)col,
					       cc_scores_points(&p->scores, u, root->children[c]), NULL);
	}
	worksheet_set_column(ws, 1, 1, 28, NULL);
	worksheet_freeze_panes(ws, 1, 0);
	return 0;
}

static int write_nodes(lxw_workbook *wb, const struct cc_pub *p)
{
	const struct cc_framework *fw = &p->fw;
	lxw_worksheet *ws = workbook_add_worksheet(wb, "All nodes");
	static const char *const head[] = {"unit", "node", "value", "points", "max", "rank", "level"};
	lxw_row_t row = 1;

	if (!ws)
		return -1;
	for (int c = 0; c < 7; c++)
		worksheet_write_string(ws, 0, (lxw_col_t)c, head[c], NULL);
	for (int u = 0; u < p->scores.nunits; u++) {
		for (int i = 0; i < fw->nnodes; i++, row++) {
			size_t at = (size_t)u * (size_t)fw->nnodes + (size_t)i;
			double v = p->scores.value[at];

			worksheet_write_string(ws, row, 0, p->answers.units[u], NULL);
			worksheet_write_string(ws, row, 1, fw->nodes[i].id, NULL);
			if (v == v) {
				worksheet_write_number(ws, row, 2, v, NULL);
				worksheet_write_number(ws, row, 3, v * fw->nodes[i].max, NULL);
			}
			worksheet_write_number(ws, row, 4, fw->nodes[i].max, NULL);
			if (p->scores.rank[at])
				worksheet_write_number(ws, row, 5, p->scores.rank[at], NULL);
			if (i == 0 && p->scores.level[u] >= 0)
				worksheet_write_string(ws, row, 6, fw->levels[p->scores.level[u]].id, NULL);
		}
	}
	return 0;
}

int cc__send_xlsx(struct cc_resp *resp, int (*fill)(void *wb, void *ctx),
		  void *ctx, const char *filename)
{
	char path[] = "/tmp/cybercap-xlsx-XXXXXX";
	lxw_workbook *wb;
	char *body = NULL;
	size_t len = 0;
	FILE *f;
	int fd, bad;

	fd = mkstemp(path);
	if (fd < 0)
		return cc_resp_error(resp, 500, "internal", NULL, "cannot create a workbook");
	close(fd);
	wb = workbook_new(path);
	bad = !wb || fill(wb, ctx);
	if (wb)
		bad |= workbook_close(wb) != LXW_NO_ERROR;
	f = bad ? NULL : fopen(path, "rb");
	if (f) {
		fseek(f, 0, SEEK_END);
		len = (size_t)ftell(f);
		fseek(f, 0, SEEK_SET);
		body = malloc(len + 1);
		if (!body || fread(body, 1, len, f) != len)
			bad = 1;
		fclose(f);
	}
	unlink(path);
	if (bad || !body) {
		free(body);
		return cc_resp_error(resp, 500, "internal", NULL, "cannot write the workbook");
	}
	cc_resp_body(resp, 200,
		     "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", body, len);
	resp->etag = 1;
	snprintf(resp->disposition, sizeof(resp->disposition),
		 "attachment; filename=\"%s\"", filename);
	return CC_OK;
}

struct results_book {
	const struct cc_req *req;
	const struct cc_pub *p;
};

static int fill_results(void *wb, void *ctx)
{
	struct results_book *b = ctx;
	return write_ranking(wb, b->req, b->p) || write_nodes(wb, b->p);
}

int cc_h_results_xlsx(struct cc_req *req, struct cc_resp *resp)
{
	const struct cc_pub *p = cc__pub(req, resp);
	struct results_book b = {req, p};
	char name[200];

	if (!p)
		return CC_OK;
	snprintf(name, sizeof(name), "%s-results.xlsx", p->c->id);
	return cc__send_xlsx(resp, fill_results, &b, name);
}
