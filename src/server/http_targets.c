/*
 * http_targets.c - whether a unit meets its framework's targets (format
 * 1.1): on published results (public, with CSV and XLSX beside them) and,
 * live, on an assessment in progress (for those who may read it). Both
 * give {"targets": [{id, name, met, required, attained, nodes: [{node,
 * required, attained, met}]}]} with the numbers of `cybercap targets`.
 */
#include "router.h"

#include "../core/framework_i18n.h"
#include "../core/targets.h"
#include "../format/targets_out.h"
#include "../service/workflow.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

/* text's translation in language l (cc_fw_text), else text itself. */
static const char *in_lang(const struct cc_framework *fw, int l, int kind, int index,
			   const char *text)
{
	const char *t = l >= 0 ? cc_fw_text(fw, l, kind, index, 0) : NULL;

	return t ? t : text;
}

/* A node's label (its question, else its name) in language l. */
static const char *label_in(const struct cc_framework *fw, int l, int node)
{
	const struct cc_node *n = &fw->nodes[node];

	return n->question ? in_lang(fw, l, CC_TR_QUESTION, node, n->question) :
	       n->name ? in_lang(fw, l, CC_TR_NAME, node, n->name) : n->id;
}

/* Evaluates every target for unit u, names in language l (-1: the file's
 * own); NULL when out of memory. */
static json_t *targets_json(const struct cc_framework *fw, const struct cc_answers *a,
			    int u, const double *values, const unsigned char *state, int l)
{
	struct cc_target_result res = {.nodes = malloc(((size_t)fw->nnodes + 1) * sizeof(*res.nodes))};
	json_t *list = json_array();

	if (!res.nodes || !list) {
		free(res.nodes);
		json_decref(list);
		return NULL;
	}
	for (int t = 0; t < fw->ntargets; t++) {
		json_t *nodes = json_array();

		cc_targets_unit(fw, a, u, values, state, t, &res);
		for (int k = 0; k < res.counted; k++) {
			const struct cc_target_node *r = &res.nodes[k];
			const struct cc_node *n = &fw->nodes[r->node];
			json_array_append_new(nodes, json_pack("{s:s,s:s,s:o,s:o,s:b}",
				"node", n->id, "label", label_in(fw, l, r->node),
				"required", cc_json_num(r->required),
				"attained", isnan(r->attained) ? json_null() : cc_json_num(r->attained),
				"met", r->met));
		}
		json_array_append_new(list, json_pack("{s:s,s:s,s:b,s:i,s:i,s:o}",
			"id", fw->targets[t].id,
			"name", in_lang(fw, l, CC_TR_TARGET, t, fw->targets[t].name),
			"met", res.all_met, "required", res.counted, "attained", res.met,
			"nodes", nodes));
	}
	free(res.nodes);
	return json_pack("{s:o}", "targets", list);
}

/* The published campaign and the unit's index in it, or NULL after
 * filling resp. */
static const struct cc_pub *pub_unit(struct cc_req *req, struct cc_resp *resp, int *u)
{
	const struct cc_pub *p = cc__pub(req, resp);

	if (!p)
		return NULL;
	*u = cc_answers_find_unit(&p->answers, req->params[1]);
	if (*u < 0) {
		cc_resp_error(resp, 404, "not_found", NULL, "unit \"%s\" is not in campaign %s",
			      req->params[1], p->c->id);
		return NULL;
	}
	return p;
}

/* The reader's language among fw's (cc_req_lang: *l, -1 for the file's
 * own); false after filling resp with a 400. */
static bool reader_lang(struct cc_req *req, struct cc_resp *resp, const struct cc_framework *fw,
			int *l)
{
	const char *tags[CC_LANG_MAX];
	int n = cc_fw_lang_tags(fw, tags);

	return cc_req_lang(req, resp, tags, n, l);
}

int cc_h_unit_targets(struct cc_req *req, struct cc_resp *resp)
{
	int u, l = -1;
	const struct cc_pub *p = pub_unit(req, resp, &u);
	unsigned char *state;
	json_t *o;

	if (!p || !reader_lang(req, resp, &p->fw, &l))
		return CC_OK;
	state = malloc((size_t)p->fw.nnodes);
	if (!state)
		return cc_resp_error(resp, 500, "internal", NULL, "out of memory");
	cc_score_applicability(&p->fw, &p->answers, u, state);
	o = targets_json(&p->fw, &p->answers, u,
			 p->scores.value + (size_t)u * (size_t)p->fw.nnodes, state, l);
	free(state);
	if (!o)
		return cc_resp_error(resp, 500, "internal", NULL, "out of memory");
	return cc_resp_json(resp, 200, o);
}

struct unit_csv {
	const struct cc_pub *p;
	int u;
};

static int write_targets(FILE *f, const void *ctx)
{
	const struct unit_csv *c = ctx;

	return cc_targets_write_csv(f, &c->p->answers, &c->p->scores, -1, c->u, 1);
}

int cc_h_unit_targets_csv(struct cc_req *req, struct cc_resp *resp)
{
	struct unit_csv c;
	char name[300];
	int rc;

	if (!(c.p = pub_unit(req, resp, &c.u)))
		return CC_OK;
	snprintf(name, sizeof(name), "%s-%s-targets.csv", c.p->c->id, c.p->answers.units[c.u]);
	rc = cc__send_csv(resp, write_targets, &c, name);
	resp->etag = resp->status == 200;
	return rc;
}

struct book {
	const struct cc_pub *p;
	int u;
};

/* One sheet per target: the node, its label, required, attained, met. */
static int fill_targets(void *wbp, void *ctx)
{
	lxw_workbook *wb = wbp;
	const struct book *b = ctx;
	const struct cc_framework *fw = &b->p->fw;
	static const char *const head[] = {"node", "label", "required", "attained", "met"};
	struct cc_target_result res = {.nodes = malloc(((size_t)fw->nnodes + 1) * sizeof(*res.nodes))};
	unsigned char *state = malloc((size_t)fw->nnodes);
	lxw_format *bold = workbook_add_format(wb);
	int bad = !res.nodes || !state || !bold;

	if (!bad) {
		format_set_bold(bold);
		cc_score_applicability(fw, &b->p->answers, b->u, state);
	}
	for (int t = 0; !bad && t < fw->ntargets; t++) {
		char sheet[32];
		lxw_worksheet *ws;

		snprintf(sheet, sizeof(sheet), "%.28s", fw->targets[t].id);
		ws = workbook_add_worksheet(wb, sheet);
		if (!ws) {
			bad = 1;
			break;
		}
		cc_targets_unit(fw, &b->p->answers, b->u,
				b->p->scores.value + (size_t)b->u * (size_t)fw->nnodes,
				state, t, &res);
		worksheet_write_string(ws, 0, 0, fw->targets[t].name, bold);
		worksheet_write_string(ws, 0, 1, res.all_met ? "met" : "not met", bold);
		worksheet_write_number(ws, 0, 2, res.counted, NULL);
		worksheet_write_number(ws, 0, 3, res.met, NULL);
		for (int c = 0; c < 5; c++)
			worksheet_write_string(ws, 2, (lxw_col_t)c, head[c], bold);
		for (int k = 0; k < res.counted; k++) {
			const struct cc_target_node *r = &res.nodes[k];
			lxw_row_t row = (lxw_row_t)(k + 3);
			worksheet_write_string(ws, row, 0, fw->nodes[r->node].id, NULL);
			worksheet_write_string(ws, row, 1, cc_node_label(&fw->nodes[r->node]), NULL);
			worksheet_write_number(ws, row, 2, r->required, NULL);
			if (!isnan(r->attained))
				worksheet_write_number(ws, row, 3, r->attained, NULL);
			worksheet_write_string(ws, row, 4, r->met ? "yes" : "no", NULL);
		}
		worksheet_set_column(ws, 1, 1, 60, NULL);
	}
	free(res.nodes);
	free(state);
	return bad;
}

int cc_h_unit_targets_xlsx(struct cc_req *req, struct cc_resp *resp)
{
	struct book b;
	char name[200];

	b.p = pub_unit(req, resp, &b.u);
	if (!b.p)
		return CC_OK;
	snprintf(name, sizeof(name), "%s-%s-targets.xlsx", b.p->c->id, b.p->answers.units[b.u]);
	return cc__send_xlsx(resp, fill_targets, &b, name);
}

int cc_h_assessment_targets(struct cc_req *req, struct cc_resp *resp)
{
	struct cc_list c;
	struct cc_framework fw;
	struct cc_answers a;
	struct cc_range *ranges = NULL;
	double *values = NULL;
	unsigned char *state = NULL;
	struct cc_error err;
	json_t *o = NULL;
	bool ok_lang = true;
	int rc, l = -1;

	if (!cc__may(req, resp, CC_DO_READ_ASSESSMENT))
		return CC_OK;
	cc_error_clear(&err);
	pthread_mutex_lock(req->store_lock);
	rc = cc_workflow_load(req->store, req->params[0], req->params[1], &c, &fw, &a, &err);
	pthread_mutex_unlock(req->store_lock);
	if (rc)
		return cc_resp_from_error(resp, &err, 400);
	ranges = malloc(((size_t)fw.nleaves + 1) * sizeof(*ranges));
	values = malloc((size_t)fw.nnodes * sizeof(double));
	state = malloc((size_t)fw.nnodes);
	if (!reader_lang(req, resp, &fw, &l)) {
		ok_lang = false;
	} else if (ranges && values && state) {
		cc_score_ranges(&fw, &a, ranges);
		cc_score_unit(&fw, &a, ranges, NULL, 0, values, state);
		o = targets_json(&fw, &a, 0, values, state, l);
	}
	free(ranges);
	free(values);
	free(state);
	cc_answers_free(&a);
	cc_framework_free(&fw);
	cc_list_free(&c);
	if (!ok_lang)
		return CC_OK;
	if (!o)
		return cc_resp_error(resp, 500, "internal", NULL, "out of memory");
	cc_resp_json(resp, 200, o);
	resp->etag = 0;
	return CC_OK;
}
