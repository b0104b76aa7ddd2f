/*
 * http_trend_exports.c - GET /api/v1/trends.csv and trends.xlsx: the
 * figures of GET /api/v1/trends (same parameters) as files for analysts.
 * CSV: one row per edition and population (all units, then each group and
 * the rest of it): campaign,year,node,population,n,mean,median (median for
 * all units only). XLSX: a sheet "Editions" (N, mean, median and units per
 * level) and a sheet "Groups" (each group and its rest). Both are built
 * from the JSON body, so they can never say something else.
 */
#include "router.h"

#include "../format/results_out.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

static void num(FILE *f, json_t *v)
{
	char buf[64] = "";

	if (json_is_number(v))
		cc_format_number(buf, sizeof(buf), json_number_value(v));
	fprintf(f, ",%s", buf);
}

static void csv_row(FILE *f, json_t *ed, const char *node, const char *pop, json_t *n,
		    json_t *mean, json_t *median)
{
	cc_csv_write_cell(f, json_string_value(json_object_get(ed, "campaign")));
	fprintf(f, ",%lld,", (long long)json_integer_value(json_object_get(ed, "year")));
	cc_csv_write_cell(f, node);
	fputc(',', f);
	cc_csv_write_cell(f, pop);
	num(f, n);
	num(f, mean);
	num(f, median);
	fputc('\n', f);
}

int cc_h_trends_csv(struct cc_req *req, struct cc_resp *resp)
{
	json_t *o = cc__trends_json(req, resp), *ed;
	const char *node;
	char *text = NULL, name[200];
	size_t len = 0, i;
	FILE *f;

	if (!o)
		return CC_OK;
	node = json_string_value(json_object_get(o, "node"));
	f = open_memstream(&text, &len);
	if (!f) {
		json_decref(o);
		return cc_resp_error(resp, 500, "internal", NULL, "out of memory");
	}
	fputs("campaign,year,node,population,n,mean,median\n", f);
	json_array_foreach(json_object_get(o, "editions"), i, ed) {
		const char *g;
		json_t *gv;

		csv_row(f, ed, node, "all", json_object_get(ed, "n"), json_object_get(ed, "mean"),
			json_object_get(ed, "median"));
		json_object_foreach(json_object_get(ed, "groups"), g, gv) {
			char rest[300];
			json_t *r = json_object_get(gv, "rest");
			csv_row(f, ed, node, g, json_object_get(gv, "n"), json_object_get(gv, "mean"), NULL);
			snprintf(rest, sizeof(rest), "not:%s", g);
			csv_row(f, ed, node, rest, json_object_get(r, "n"), json_object_get(r, "mean"), NULL);
		}
	}
	snprintf(name, sizeof(name), "%s-trends.csv", json_string_value(json_object_get(o, "framework")));
	json_decref(o);
	if (fclose(f)) {
		free(text);
		return cc_resp_error(resp, 500, "internal", NULL, "cannot write the CSV");
	}
	cc_resp_body(resp, 200, "text/csv; charset=utf-8", text, len);
	resp->etag = 1;
	snprintf(resp->disposition, sizeof(resp->disposition), "attachment; filename=\"%s\"", name);
	return CC_OK;
}

static void cell_num(lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, json_t *v)
{
	if (json_is_number(v))
		worksheet_write_number(ws, r, c, json_number_value(v), NULL);
}

static int fill(void *wbp, void *ctx)
{
	lxw_workbook *wb = wbp;
	json_t *o = ctx, *ed, *levels = json_object();
	lxw_worksheet *e = workbook_add_worksheet(wb, "Editions");
	lxw_worksheet *g = workbook_add_worksheet(wb, "Groups");
	lxw_row_t re = 1, rg = 1;
	const char *k;
	json_t *v;
	size_t i;
	lxw_col_t c;

	if (!e || !g || !levels) {
		json_decref(levels);
		return 1;
	}
	json_array_foreach(json_object_get(o, "editions"), i, ed)
		json_object_foreach(json_object_get(ed, "levels"), k, v)
			json_object_set_new(levels, k, json_true());
	static const char *const head[] = {"campaign", "year", "n", "mean", "median"};
	for (c = 0; c < 5; c++)
		worksheet_write_string(e, 0, c, head[c], NULL);
	json_object_foreach(levels, k, v)
		worksheet_write_string(e, 0, c++, k, NULL);
	static const char *const ghead[] = {"campaign", "year", "group", "n", "mean", "rest n", "rest mean"};
	for (c = 0; c < 7; c++)
		worksheet_write_string(g, 0, c, ghead[c], NULL);
	json_array_foreach(json_object_get(o, "editions"), i, ed) {
		const char *camp = json_string_value(json_object_get(ed, "campaign"));
		double year = (double)json_integer_value(json_object_get(ed, "year"));
		json_t *gv;

		worksheet_write_string(e, re, 0, camp, NULL);
		worksheet_write_number(e, re, 1, year, NULL);
		cell_num(e, re, 2, json_object_get(ed, "n"));
		cell_num(e, re, 3, json_object_get(ed, "mean"));
		cell_num(e, re, 4, json_object_get(ed, "median"));
		c = 5;
		json_object_foreach(levels, k, v) {
			json_t *cnt = json_object_get(json_object_get(ed, "levels"), k);
			worksheet_write_number(e, re, c++, cnt ? (double)json_integer_value(cnt) : 0, NULL);
		}
		re++;
		json_object_foreach(json_object_get(ed, "groups"), k, gv) {
			json_t *r = json_object_get(gv, "rest");
			worksheet_write_string(g, rg, 0, camp, NULL);
			worksheet_write_number(g, rg, 1, year, NULL);
			worksheet_write_string(g, rg, 2, k, NULL);
			cell_num(g, rg, 3, json_object_get(gv, "n"));
			cell_num(g, rg, 4, json_object_get(gv, "mean"));
			cell_num(g, rg, 5, json_object_get(r, "n"));
			cell_num(g, rg, 6, json_object_get(r, "mean"));
			rg++;
		}
	}
	json_decref(levels);
	return 0;
}

int cc_h_trends_xlsx(struct cc_req *req, struct cc_resp *resp)
{
	json_t *o = cc__trends_json(req, resp);
	char name[200];
	int rc;

	if (!o)
		return CC_OK;
	snprintf(name, sizeof(name), "%s-trends.xlsx", json_string_value(json_object_get(o, "framework")));
	rc = cc__send_xlsx(resp, fill, o, name);
	json_decref(o);
	return rc;
}
