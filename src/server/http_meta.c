/*
 * http_meta.c - the resources that describe what there is: frameworks
 * (the list; one framework's tree is http_framework.c), units, groups, and
 * the OpenAPI document.
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
