/*
 * http_profile.c - one unit in a published campaign: its whole tree with
 * answers, points, ranks and the mean points of its comparator groups, its
 * gaps; and its history across the published editions of a framework.
 */
#include "router.h"

#include "../core/gaps.h"
#include "../core/groups.h"
#include "../core/targets.h"
#include "../format/responses_out.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

struct comparator {
	const char *id;
	const char *name;
	unsigned char *member;      /* per campaign unit */
};

/* world, then the unit's groups, each as a membership mask. */
static int comparators(const struct cc_snapshot *snap, const struct cc_pub *p,
		       const char *unit, struct comparator *cmp, int max)
{
	const struct cc_unit_rec *u = cc_snapshot_unit(snap, unit);
	const struct cc_group_rec *groups = snap->groups.items;
	int n = 0, ui = u ? (int)(u - (const struct cc_unit_rec *)snap->units.items) : -1;

	cmp[n].id = "world";
	cmp[n].name = "All units";
	cmp[n].member = malloc((size_t)p->scores.nunits + 1);
	if (!cmp[n].member)
		return -1;
	memset(cmp[n].member, 1, (size_t)p->scores.nunits + 1);
	n++;
	for (const int *g = ui >= 0 ? snap->unit_groups[ui] : NULL; g && *g >= 0 && n < max; g++) {
		cmp[n].id = groups[*g].id;
		cmp[n].name = groups[*g].name;
		cmp[n].member = malloc((size_t)p->scores.nunits + 1);
		if (!cmp[n].member)
			return -1;
		for (int k = 0; k < p->scores.nunits; k++)
			cmp[n].member[k] = (unsigned char)cc_snapshot_in_group(snap,
				p->answers.units[k], &groups[*g]);
		n++;
	}
	return n;
}

/* The mean the summary and ranking endpoints give too (GSL's), so that
 * every page rounds it the same way. */
static double group_mean(const struct cc_pub *p, const unsigned char *member, int node,
			 double *buf)
{
	struct cc_stats st;
	int n = 0;

	for (int u = 0; u < p->scores.nunits; u++) {
		double pt = cc_scores_points(&p->scores, u, node);
		if (member[u] && !isnan(pt))
			buf[n++] = pt;
	}
	cc_stats_compute(buf, n, &st);
	return st.mean;
}

static const char *kind_name(const struct cc_node *n)
{
	return n->kind == CC_GROUP ? "group" : n->kind == CC_INDICATOR ? "indicator" : "question";
}

static json_t *node_row(const struct cc_pub *p, int u, int i,
			const struct comparator *cmp, int ncmp, double *buf)
{
	static const char *const evidence[] = {"optional", "required", "none"};
	const struct cc_framework *fw = &p->fw;
	const struct cc_node *n = &fw->nodes[i];
	size_t at = (size_t)u * (size_t)fw->nnodes + (size_t)i;
	json_t *means = json_object(), *answer = json_null(), *row;
	int ranked = 0, tied = 0;
	int32_t r = p->scores.rank[at];

	for (int k = 0; k < p->scores.nunits; k++) {
		int32_t rk = p->scores.rank[(size_t)k * (size_t)fw->nnodes + (size_t)i];
		ranked += rk > 0;
		tied += k != u && r > 0 && rk == r;
	}
	for (int c = 0; c < ncmp; c++)
		json_object_set_new(means, cmp[c].id,
				    cc_json_points(group_mean(p, cmp[c].member, i, buf), fw->precision));
	if (n->leaf >= 0) {
		const struct cc_answer *a = cc_answers_cell(&p->answers, u, n->leaf);
		char text[2048];
		if (cc_answer_present(a)) {
			if (n->kind == CC_QUESTION && n->qtype == CC_Q_TEXT)
				answer = json_string(p->answers.texts[a->bits]);
			else {
				cc_answer_format(&p->answers, n->leaf, a, text, sizeof(text));
				answer = json_string(text);
			}
		}
	}
	row = json_pack("{s:s,s:s?,s:i,s:s,s:s,s:s?,s:o,s:o,s:o,s:o,s:b,s:i,s:s?,s:o,s:o}",
		"id", n->id, "parent", n->parent >= 0 ? fw->nodes[n->parent].id : NULL,
		"depth", n->depth, "kind", kind_name(n), "label", cc_node_label(n),
		"type", n->kind == CC_QUESTION ? cc_qtype_name(n->qtype) : NULL,
		"max", cc_json_num(n->max), "value", cc_json_num(p->scores.value[at]),
		"points", cc_json_points(cc_scores_points(&p->scores, u, i), fw->precision),
		"rank", r ? json_integer(r) : json_null(), "tied", tied > 0, "ranked", ranked,
		"evidence", n->kind == CC_QUESTION ? evidence[n->evidence] : NULL,
		"answer", answer, "means", means);
	if (row && n->kind == CC_GROUP && n->agg == CC_AGG_STAGE) {
		const char *level = cc_scores_level(&p->scores, u, i);
		json_object_set_new(row, "stage", cc_json_num(cc_stage_reached(n, p->scores.value[at])));
		json_object_set_new(row, "level", level ? json_string(level) : json_null());
	}
	return row;
}

static json_t *gaps_json(const struct cc_pub *p, int u, const unsigned char *region)
{
	const struct cc_framework *fw = &p->fw;
	struct cc_gap *gaps = NULL;
	json_t *list = json_array();
	int n = 0;

	if (cc_gaps_compute(&p->scores, u, region, &gaps, &n))
		return list;
	for (int i = 0; i < n; i++)
		json_array_append_new(list, json_pack("{s:s,s:o,s:o,s:o,s:i,s:i,s:i,s:i}",
			"node", fw->nodes[gaps[i].node].id,
			"missing", cc_json_points(gaps[i].missing, fw->precision),
			"points", cc_json_points(gaps[i].points, fw->precision),
			"max", cc_json_num(gaps[i].max),
			"region_full", gaps[i].region_full, "region_peers", gaps[i].region_peers,
			"all_full", gaps[i].peers_full, "all_peers", gaps[i].peers));
	free(gaps);
	return list;
}

int cc_h_unit_results(struct cc_req *req, struct cc_resp *resp)
{
	const struct cc_pub *p = cc__pub(req, resp);
	struct comparator cmp[32];
	const unsigned char *region = NULL;
	json_t *nodes, *cjson, *o, *groups;
	int u, ncmp;

	if (!p)
		return CC_OK;
	u = cc_answers_find_unit(&p->answers, req->params[1]);
	if (u < 0)
		return cc_resp_error(resp, 404, "not_found", NULL, "unit \"%s\" is not in campaign %s",
				     req->params[1], p->c->id);
	ncmp = comparators(req->snap, p, req->params[1], cmp, 32);
	if (ncmp < 0)
		return cc_resp_error(resp, 500, "internal", NULL, "out of memory");
	nodes = json_array();
	cjson = json_array();
	groups = json_array();
	for (int c = 0; c < ncmp; c++) {
		json_array_append_new(cjson, json_pack("{s:s,s:s}", "id", cmp[c].id, "name", cmp[c].name));
		if (c > 0)
			json_array_append_new(groups, json_string(cmp[c].id));
		if (strncmp(cmp[c].id, "itu:", 4) == 0)
			region = cmp[c].member;
	}
	{
		double *buf = malloc(((size_t)p->scores.nunits + 1) * sizeof(double));
		for (int i = 0; buf && i < p->fw.nnodes; i++)
			json_array_append_new(nodes, node_row(p, u, i, cmp, ncmp, buf));
		free(buf);
	}
	o = json_pack("{s:o,s:{s:s,s:s,s:o},s:i,s:o,s:o,s:o}",
		      "campaign", cc__campaign_json(p->c),
		      "unit", "id", p->answers.units[u], "name",
		      cc_snapshot_unit(req->snap, p->answers.units[u]) ?
		      cc_snapshot_unit(req->snap, p->answers.units[u])->names[0] : p->answers.units[u],
		      "groups", groups, "n", p->scores.nunits, "comparators", cjson,
		      "nodes", nodes, "gaps", gaps_json(p, u, region));
	if (p->scores.level[u] >= 0)
		json_object_set_new(o, "level", json_pack("{s:s,s:s}",
			"id", p->fw.levels[p->scores.level[u]].id,
			"name", p->fw.levels[p->scores.level[u]].name));
	else
		json_object_set_new(o, "level", json_null());
	for (int c = 0; c < ncmp; c++)
		free(cmp[c].member);
	return cc_resp_json(resp, 200, o);
}

int cc_h_unit_history(struct cc_req *req, struct cc_resp *resp)
{
	const struct cc_snapshot *snap = req->snap;
	const struct cc_unit_rec *unit = cc_snapshot_unit(snap, req->params[0]);
	const char *fwid = cc_req_query(req, "framework");
	json_t *list;

	if (!unit)
		return cc_resp_error(resp, 404, "not_found", NULL, "no unit \"%s\"", req->params[0]);
	if (!fwid)
		return cc_resp_error(resp, 400, "bad_parameter", "framework",
				     "say which framework: ?framework=ID");
	if (!cc_snapshot_framework(snap, fwid))
		return cc_resp_error(resp, 404, "not_found", "framework", "no framework \"%s\"", fwid);
	list = json_array();
	for (int i = 0; i < snap->npubs; i++) {
		const struct cc_pub *p = &snap->pubs[i];
		const struct cc_node *root = &p->fw.nodes[0];
		int u = cc_answers_find_unit(&p->answers, unit->id), ranked = 0;
		json_t *pillars;
		int32_t r;

		if (strcmp(p->fw.id, fwid) != 0 || u < 0)
			continue;
		pillars = json_object();
		for (int c = 0; c < root->nchildren; c++)
			json_object_set_new(pillars, p->fw.nodes[root->children[c]].id,
				cc_json_points(cc_scores_points(&p->scores, u, root->children[c]),
					       p->fw.precision));
		for (int k = 0; k < p->scores.nunits; k++)
			ranked += p->scores.rank[(size_t)k * (size_t)p->fw.nnodes] > 0;
		r = p->scores.rank[(size_t)u * (size_t)p->fw.nnodes];
		json_array_append_new(list, json_pack("{s:s,s:i,s:s,s:o,s:o,s:i,s:s?,s:o}",
			"campaign", p->c->id, "year", p->c->year, "title", p->c->title,
			"points", cc_json_points(cc_scores_points(&p->scores, u, 0), p->fw.precision),
			"rank", r ? json_integer(r) : json_null(), "n", ranked,
			"level", p->scores.level[u] >= 0 ? p->fw.levels[p->scores.level[u]].id : NULL,
			"pillars", pillars));
	}
	return cc_resp_json(resp, 200, json_pack("{s:{s:s,s:s},s:s,s:o}", "unit", "id", unit->id,
						 "name", unit->names[0], "framework", fwid,
						 "history", list));
}
