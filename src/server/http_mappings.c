/*
 * http_mappings.c - crosswalks on the platform: GET /api/v1/mappings (the
 * mappings loaded, optionally only those from or onto a framework, with
 * how much of the target each covers), GET /api/v1/mappings/{id} (its
 * pairs, the coverage rows of `cybercap mapping check` and the target
 * nodes no pair reaches), GET and POST .../assessments/{unit}/prefill
 * (what an assessment can start from, and starting it from another one
 * of the same unit) and POST
 * .../answers/{q}/confirm (keep a pre-filled answer as it is). Mappings
 * are public, as frameworks are; pre-filling and confirming are checked
 * against the caller's role and scope like every write to an assessment.
 */
#include "router.h"

#include "../service/mappings.h"

#include <stdlib.h>
#include <string.h>

json_t *cc__prefill_json(const struct cc_prefill_mark *m)
{
	if (!m->source || !*m->source)
		return json_null();
	return json_pack("{s:s,s:s,s:s}", "mapping", m->mapping ? m->mapping : "",
			 "from_campaign", m->campaign ? m->campaign : "", "source", m->source);
}

/* Counts of the pairs by relation, and of target nodes (root left out)
 * with and without one. */
static json_t *summary_json(const struct cc_mapping_rec *r, const struct cc_bound_mapping *b)
{
	json_t *rel = json_object();
	int counts[CC_REL_NOT_RELATED + 1] = {0}, mapped = 0;

	for (int i = 0; i < b->m.npairs; i++)
		counts[b->m.pairs[i].relation]++;
	for (int k = 0; k <= CC_REL_NOT_RELATED; k++)
		json_object_set_new(rel, cc_relation_name((enum cc_relation)k), json_integer(counts[k]));
	for (int t = 1; t < b->dst.nnodes; t++)
		mapped += cc_mapping_cover(&b->m, t) >= 0;
	return json_pack("{s:s,s:s,s:s,s:s,s:s,s:s,s:i,s:o,s:i,s:i,s:i}", "id", r->id,
			 "title", r->title, "source", r->source,
			 "source_version", b->src.version ? b->src.version : "",
			 "target", r->target, "target_version", b->dst.version ? b->dst.version : "",
			 "pairs", b->m.npairs, "relations", rel, "target_nodes", b->dst.nnodes - 1,
			 "mapped", mapped, "unmapped", b->dst.nnodes - 1 - mapped);
}

int cc_h_mappings(struct cc_req *req, struct cc_resp *resp)
{
	const struct cc_snapshot *snap = req->snap;
	const struct cc_mapping_rec *r = snap->mappings.items;
	const char *src = cc_req_query(req, "source"), *dst = cc_req_query(req, "target");
	json_t *list = json_array();

	for (int i = 0; i < snap->mappings.n; i++)
		if ((!src || strcmp(src, r[i].source) == 0) && (!dst || strcmp(dst, r[i].target) == 0))
			json_array_append_new(list, summary_json(&r[i], &snap->maps[i]));
	return cc_resp_json(resp, 200, json_pack("{s:o}", "mappings", list));
}

static json_t *coverage_json(const struct cc_bound_mapping *b, json_t *unmapped, int *src)
{
	json_t *rows = json_array();

	for (int t = 1; t < b->dst.nnodes; t++) {
		const struct cc_node *node = &b->dst.nodes[t];
		int n = cc_mapping_sources(&b->m, t, src, b->m.npairs);
		json_t *sources = json_array();

		for (int k = 0; k < n; k++)
			json_array_append_new(sources, json_string(b->m.pairs[src[k]].source_id));
		if (!n)
			json_array_append_new(unmapped, json_string(node->id));
		json_array_append_new(rows, json_pack("{s:s,s:s,s:s,s:o,s:o}", "target", node->id,
			"label", cc_node_label(node), "kind", node->kind == CC_GROUP ? "group" :
			node->kind == CC_INDICATOR ? "indicator" : "question",
			"relation", n ? json_string(cc_relation_name(b->m.pairs[src[0]].relation)) :
			json_null(), "sources", sources));
	}
	return rows;
}

int cc_h_mapping(struct cc_req *req, struct cc_resp *resp)
{
	const struct cc_snapshot *snap = req->snap;
	int i = cc_snapshot_mapping(snap, req->params[0]), *src;
	const struct cc_bound_mapping *b;
	json_t *o, *pairs, *unmapped;

	if (i < 0)
		return cc_resp_error(resp, 404, "not_found", NULL, "no mapping \"%s\"", req->params[0]);
	b = &snap->maps[i];
	src = malloc(((size_t)b->m.npairs + 1) * sizeof(int));
	if (!src)
		return cc_resp_error(resp, 500, "internal", NULL, "out of memory");
	o = summary_json(&((const struct cc_mapping_rec *)snap->mappings.items)[i], b);
	pairs = json_array();
	for (int k = 0; k < b->m.npairs; k++) {
		const struct cc_mapping_pair *p = &b->m.pairs[k];
		json_array_append_new(pairs, json_pack("{s:s,s:s,s:s,s:s?}", "source", p->source_id,
			"target", p->target_id, "relation", cc_relation_name(p->relation),
			"rationale", p->rationale));
	}
	unmapped = json_array();
	json_object_set_new(o, "mappings", pairs);
	json_object_set_new(o, "coverage", coverage_json(b, unmapped, src));
	json_object_set_new(o, "unmapped_nodes", unmapped);
	free(src);
	return cc_resp_json(resp, 200, o);
}

static json_t *rows_json(const struct cc_prefilled *rows, int n)
{
	json_t *list = json_array();

	for (int i = 0; i < n; i++)
		json_array_append_new(list, json_pack("{s:s,s:s,s:s}", "question", rows[i].question,
			"answer", rows[i].answer, "source", rows[i].source));
	return list;
}

int cc_h_prefill(struct cc_req *req, struct cc_resp *resp)
{
	struct cc_prefill_result out;
	struct cc_error err;
	json_t *body, *mapping, *from;
	const char *f;
	int rc;

	if (!cc__may(req, resp, CC_DO_PREFILL) || !(body = cc_req_json(req, resp)))
		return CC_OK;
	mapping = json_object_get(body, "mapping");
	from = json_object_get(body, "from_campaign");
	if (!json_is_string(mapping) || !json_is_string(from)) {
		const char *field = !json_is_string(mapping) ? "mapping" : "from_campaign";
		json_decref(body);
		return cc_resp_error(resp, 422, "invalid", field,
				     "send {\"mapping\": ID, \"from_campaign\": ID}");
	}
	f = json_string_value(from);
	/* Published answers are public; live ones only to who may read them. */
	if (!cc_snapshot_pub(req->snap, f) &&
	    !cc_authz(req->who, CC_DO_READ_ASSESSMENT, f, req->params[1])) {
		/* f lives in body: the message first */
		cc_resp_error(resp, 403, "forbidden", "from_campaign",
			      "your role does not allow reading %s in %s", req->params[1], f);
		json_decref(body);
		return CC_OK;
	}
	cc_error_clear(&err);
	pthread_mutex_lock(req->store_lock);
	rc = cc_prefill(req->store, req->params[0], req->params[1], json_string_value(mapping), f,
			req->who->email, &out, &err);
	pthread_mutex_unlock(req->store_lock);
	if (rc) {
		json_decref(body);
		return cc_resp_from_error(resp, &err, 422);
	}
	cc_resp_json(resp, 200, json_pack("{s:s,s:s,s:O,s:O,s:o,s:o}", "campaign", req->params[0],
		"unit", req->params[1], "mapping", mapping, "from_campaign", from,
		"prefilled", rows_json(out.rows, out.n), "kept", rows_json(out.kept, out.nkept)));
	cc_prefill_result_free(&out);
	json_decref(body);
	resp->etag = 0;
	return CC_OK;
}

/* Whether campaign c is on framework id at version (version "" : any). */
static bool on_version(const struct cc_campaign_rec *c, const char *id, const char *version)
{
	return strcmp(c->framework, id) == 0 &&
	       (!*version || strcmp(c->framework_version, version) == 0);
}

/* The mappings onto this campaign's framework (and version) and, for each,
 * the campaigns on its source (and version) that assess this unit and that
 * the caller may read: what POST .../prefill can take here. */
int cc_h_prefill_options(struct cc_req *req, struct cc_resp *resp)
{
	const struct cc_snapshot *snap = req->snap;
	const struct cc_campaign_rec *c = cc_snapshot_campaign(snap, req->params[0]);
	const struct cc_campaign_rec *all = snap->campaigns.items;
	const struct cc_mapping_rec *m = snap->mappings.items;
	json_t *list;
	char status[32];

	if (!cc__may(req, resp, CC_DO_PREFILL))
		return CC_OK;
	if (!c)
		return cc_resp_error(resp, 404, "not_found", NULL, "no campaign \"%s\"", req->params[0]);
	list = json_array();
	pthread_mutex_lock(req->store_lock);
	for (int i = 0; i < snap->mappings.n; i++) {
		if (!on_version(c, m[i].target, m[i].target_version))
			continue;
		for (int k = 0; k < snap->campaigns.n; k++) {
			const struct cc_campaign_rec *f = &all[k];
			bool pub = f->status == CC_CAMPAIGN_PUBLISHED;

			if (f == c || !on_version(f, m[i].source, m[i].source_version) ||
			    (!pub && !cc_authz(req->who, CC_DO_READ_ASSESSMENT, f->id, req->params[1])) ||
			    cc_store_assessment_status(req->store, f->id, req->params[1], status,
						       sizeof(status), NULL) != CC_OK)
				continue;
			json_array_append_new(list, json_pack("{s:s,s:s,s:s,s:s,s:i,s:s}", "mapping",
				m[i].id, "title", m[i].title, "from_campaign", f->id, "from_title", f->title,
				"from_year", f->year, "from_status", cc_campaign_status_name(f->status)));
		}
	}
	pthread_mutex_unlock(req->store_lock);
	cc_resp_json(resp, 200, json_pack("{s:s,s:s,s:o}", "campaign", c->id, "unit", req->params[1],
					  "options", list));
	resp->etag = 0;
	return CC_OK;
}

int cc_h_confirm(struct cc_req *req, struct cc_resp *resp)
{
	struct cc_error err;
	int rc;

	if (!cc__may(req, resp, CC_DO_ANSWER))
		return CC_OK;
	cc_error_clear(&err);
	pthread_mutex_lock(req->store_lock);
	rc = cc_prefill_confirm(req->store, req->params[0], req->params[1], req->params[2],
				req->who->email, &err);
	pthread_mutex_unlock(req->store_lock);
	if (rc)
		return cc_resp_from_error(resp, &err, 422);
	cc_resp_json(resp, 200, json_pack("{s:s,s:b}", "question", req->params[2], "confirmed", 1));
	resp->etag = 0;
	return CC_OK;
}
