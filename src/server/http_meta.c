/*
 * http_meta.c - the resources that describe what there is: frameworks
 * (list and tree), units, groups, and the OpenAPI document.
 */
#include "router.h"

#include <stdlib.h>
#include <string.h>

extern const char cc_openapi_json[];

int cc_h_openapi(struct cc_req *req, struct cc_resp *resp)
{
	(void)req;
	cc_resp_body(resp, 200, "application/json; charset=utf-8",
		     strdup(cc_openapi_json), strlen(cc_openapi_json));
	resp->etag = 1;
	return resp->body ? CC_OK : cc_resp_error(resp, 500, "internal", NULL, "out of memory");
}

int cc__page(struct cc_req *req, struct cc_resp *resp, int n, int *from, int *to)
{
	const char *l = cc_req_query(req, "limit"), *o = cc_req_query(req, "offset");
	long limit = n, offset = 0;
	char *end;

	if (l) {
		limit = strtol(l, &end, 10);
		if (!*l || *end || limit < 0 || limit > 100000) {
			cc_resp_error(resp, 400, "bad_parameter", "limit",
				      "limit must be a whole number from 0 to 100000");
			return -1;
		}
	}
	if (o) {
		offset = strtol(o, &end, 10);
		if (!*o || *end || offset < 0 || offset > 10000000) {
			cc_resp_error(resp, 400, "bad_parameter", "offset",
				      "offset must be a whole number >= 0");
			return -1;
		}
	}
	*from = offset > n ? n : (int)offset;
	*to = *from + limit > n ? n : *from + (int)limit;
	return CC_OK;
}

static json_t *framework_summary(const struct cc_framework_rec *r,
				 const struct cc_framework *fw)
{
	int q = 0, g = 0, ind = 0;

	for (int i = 0; i < fw->nnodes; i++) {
		q += fw->nodes[i].kind == CC_QUESTION;
		g += fw->nodes[i].kind == CC_GROUP;
		ind += fw->nodes[i].kind == CC_INDICATOR;
	}
	return json_pack("{s:s,s:s,s:s,s:s,s:i,s:i,s:i}", "id", r->id, "title", r->title,
			 "version", r->version ? r->version : "", "hash", r->hash,
			 "questions", q, "groups", g, "indicators", ind);
}

int cc_h_frameworks(struct cc_req *req, struct cc_resp *resp)
{
	const struct cc_snapshot *snap = req->snap;
	const struct cc_framework_rec *f = snap->frameworks.items;
	json_t *list = json_array();

	for (int i = 0; i < snap->frameworks.n; i++)
		json_array_append_new(list, framework_summary(&f[i], &snap->fws[i]));
	return cc_resp_json(resp, 200, json_pack("{s:o}", "frameworks", list));
}

static const char *const norm_names[] = {"minmax", "goalposts", "none"};
static const char *const evidence_names[] = {"optional", "required", "none"};

static json_t *node_json(const struct cc_framework *fw, int i)
{
	const struct cc_node *n = &fw->nodes[i];
	json_t *o = json_object();

	json_object_set_new(o, "id", json_string(n->id));
	if (n->name)
		json_object_set_new(o, "name", json_string(n->name));
	if (n->question)
		json_object_set_new(o, "question", json_string(n->question));
	json_object_set_new(o, "weight", json_real(n->weight));
	json_object_set_new(o, "max", cc_json_num(n->max));
	if (n->guidance)
		json_object_set_new(o, "guidance", json_string(n->guidance));
	if (n->kind == CC_QUESTION) {
		json_object_set_new(o, "type", json_string(cc_qtype_name(n->qtype)));
		json_object_set_new(o, "evidence", json_string(evidence_names[n->evidence]));
	}
	if (n->has_partial)
		json_object_set_new(o, "partial", json_real(n->partial));
	if (n->noptions) {
		json_t *opts = json_array();
		for (int k = 0; k < n->noptions; k++)
			json_array_append_new(opts, json_pack("{s:s,s:s,s:f}", "id", n->options[k].id,
				"label", n->options[k].label, "value", n->options[k].value));
		json_object_set_new(o, "options", opts);
	}
	if (n->nthresholds) {
		json_t *t = json_array();
		for (int k = 0; k < n->nthresholds; k++)
			json_array_append_new(t, json_pack("{s:f,s:f}", "min", n->thresholds[k].min,
				"value", n->thresholds[k].value));
		json_object_set_new(o, "thresholds", t);
	}
	if (n->has_goalposts)
		json_object_set_new(o, "goalposts", json_pack("[f,f]", n->lo, n->hi));
	if (n->kind == CC_INDICATOR) {
		json_object_set_new(o, "indicator", json_true());
		json_object_set_new(o, "normalise", json_string(norm_names[n->norm]));
		json_object_set_new(o, "direction", json_integer(n->direction));
	}
	if (n->has_when) {
		json_object_set_new(o, "when", json_pack("{s:s,s:s}", "q", n->when.q_id, "is", n->when.is));
		json_object_set_new(o, "na", json_string(n->na == CC_NA_ZERO ? "zero" : "exclude"));
	}
	if (n->stage)
		json_object_set_new(o, "stage", json_integer(n->stage));
	if (n->kind == CC_GROUP) {
		json_t *kids = json_array();
		json_object_set_new(o, "aggregate", json_string(cc_agg_name(n->agg)));
		for (int c = 0; c < n->nchildren; c++)
			json_array_append_new(kids, node_json(fw, n->children[c]));
		json_object_set_new(o, "children", kids);
	}
	return o;
}

int cc_h_framework(struct cc_req *req, struct cc_resp *resp)
{
	const struct cc_framework *fw = cc_snapshot_framework(req->snap, req->params[0]);
	json_t *o, *levels;

	if (!fw)
		return cc_resp_error(resp, 404, "not_found", NULL, "no framework \"%s\"",
				     req->params[0]);
	o = node_json(fw, 0);
	json_object_del(o, "weight");
	json_object_del(o, "name");
	json_object_set_new(o, "title", json_string(fw->title));
	json_object_set_new(o, "version", json_string(fw->version ? fw->version : ""));
	json_object_set_new(o, "scale", json_real(fw->scale));
	json_object_set_new(o, "precision", json_integer(fw->precision));
	json_object_set_new(o, "ranking", json_string(fw->ranking == CC_RANK_DENSE ? "dense" : "competition"));
	json_object_set_new(o, "missing", json_string(fw->missing == CC_MISSING_ZERO ? "zero" : "exclude"));
	levels = json_array();
	for (int l = 0; l < fw->nlevels; l++)
		json_array_append_new(levels, json_pack("{s:s,s:s,s:f}", "id", fw->levels[l].id,
			"name", fw->levels[l].name, "min", fw->levels[l].min));
	json_object_set_new(o, "levels", levels);
	return cc_resp_json(resp, 200, o);
}

static json_t *unit_json(const struct cc_snapshot *snap, int u)
{
	const struct cc_unit_rec *r = &((const struct cc_unit_rec *)snap->units.items)[u];
	const struct cc_group_rec *g = snap->groups.items;
	json_t *names = json_object(), *groups = json_array();

	for (int l = 0; l < CC_NLANGS; l++)
		if (r->names[l] && *r->names[l])
			json_object_set_new(names, cc_lang_codes[l], json_string(r->names[l]));
	for (const int *p = snap->unit_groups[u]; *p >= 0; p++)
		json_array_append_new(groups, json_string(g[*p].id));
	return json_pack("{s:s,s:s,s:s,s:o,s:o,s:b}", "id", r->id, "m49", r->m49,
			 "name", r->names[0], "names", names, "groups", groups,
			 "fictional", r->fictional);
}

int cc_h_units(struct cc_req *req, struct cc_resp *resp)
{
	const struct cc_snapshot *snap = req->snap;
	const char *gid = cc_req_query(req, "group");
	const struct cc_group_rec *g = NULL;
	json_t *list = json_array();
	int *pick = malloc(((size_t)snap->units.n + 1) * sizeof(int)), n = 0, from, to;

	if (!pick)
		return cc_resp_error(resp, 500, "internal", NULL, "out of memory");
	if (gid && !(g = cc_snapshot_group(snap, gid))) {
		free(pick);
		json_decref(list);
		return cc_resp_error(resp, 404, "not_found", "group", "no group \"%s\"", gid);
	}
	for (int u = 0; u < snap->units.n; u++)
		if (!g || cc_snapshot_in_group(snap, ((const struct cc_unit_rec *)snap->units.items)[u].id, g))
			pick[n++] = u;
	if (cc__page(req, resp, n, &from, &to)) {
		free(pick);
		json_decref(list);
		return CC_OK;
	}
	for (int i = from; i < to; i++)
		json_array_append_new(list, unit_json(snap, pick[i]));
	free(pick);
	return cc_resp_json(resp, 200, json_pack("{s:i,s:o}", "total", n, "units", list));
}

int cc_h_groups(struct cc_req *req, struct cc_resp *resp)
{
	const struct cc_group_rec *g = req->snap->groups.items;
	json_t *list = json_array();

	for (int i = 0; i < req->snap->groups.n; i++)
		json_array_append_new(list, json_pack("{s:s,s:s,s:s,s:i}", "id", g[i].id,
			"name", g[i].name, "kind", g[i].kind, "members", g[i].nmembers));
	return cc_resp_json(resp, 200, json_pack("{s:o}", "groups", list));
}
