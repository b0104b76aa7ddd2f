/*
 * http_campaigns.c - campaigns and their published results: the ranking
 * of one node, one unit's whole tree with comparators and gaps, group
 * summaries, and a unit's history across editions.
 */
#include "router.h"

#include "../core/gaps.h"
#include "../core/groups.h"
#include "../format/responses_out.h"

#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

json_t *cc__campaign_json(const struct cc_campaign_rec *c)
{
	return json_pack("{s:s,s:s,s:s,s:s,s:i,s:s,s:i,s:s?}", "id", c->id,
			 "framework", c->framework, "framework_version", c->framework_version,
			 "title", c->title, "year", c->year,
			 "status", cc_campaign_status_name(c->status), "units", c->units,
			 "published_at", c->published_at);
}

int cc_h_campaigns(struct cc_req *req, struct cc_resp *resp)
{
	const struct cc_campaign_rec *c = req->snap->campaigns.items;
	json_t *list = json_array();

	for (int i = 0; i < req->snap->campaigns.n; i++)
		json_array_append_new(list, cc__campaign_json(&c[i]));
	return cc_resp_json(resp, 200, json_pack("{s:o}", "campaigns", list));
}

int cc_h_campaign(struct cc_req *req, struct cc_resp *resp)
{
	const struct cc_campaign_rec *c = cc_snapshot_campaign(req->snap, req->params[0]);

	if (!c)
		return cc_resp_error(resp, 404, "not_found", NULL, "no campaign \"%s\"",
				     req->params[0]);
	return cc_resp_json(resp, 200, cc__campaign_json(c));
}

const struct cc_pub *cc__pub(struct cc_req *req, struct cc_resp *resp)
{
	const struct cc_campaign_rec *c = cc_snapshot_campaign(req->snap, req->params[0]);
	const struct cc_pub *p;

	if (!c) {
		cc_resp_error(resp, 404, "not_found", NULL, "no campaign \"%s\"", req->params[0]);
		return NULL;
	}
	p = cc_snapshot_pub(req->snap, c->id);
	if (!p)
		cc_resp_error(resp, 409, "not_published", NULL,
			      "campaign \"%s\" is %s; results are public once it is published",
			      c->id, cc_campaign_status_name(c->status));
	return p;
}

static const char *unit_name(const struct cc_snapshot *snap, const char *id)
{
	const struct cc_unit_rec *u = cc_snapshot_unit(snap, id);
	return u ? u->names[0] : id;
}

static double points_of(const struct cc_pub *p, int u, int node)
{
	return cc_scores_points(&p->scores, u, node);
}

static int32_t rank_of(const struct cc_pub *p, int u, int node)
{
	return p->scores.rank[(size_t)u * (size_t)p->scores.nnodes + (size_t)node];
}

static const struct cc_pub *sort_pub;
static int sort_node;

static int cmp_rank(const void *a, const void *b)
{
	int ua = *(const int *)a, ub = *(const int *)b;
	int32_t ra = rank_of(sort_pub, ua, sort_node), rb = rank_of(sort_pub, ub, sort_node);

	if ((ra == 0) != (rb == 0))
		return ra == 0 ? 1 : -1;
	if (ra != rb)
		return ra < rb ? -1 : 1;
	return ua - ub;
}

/* ties[r] = how many units share rank r at node. */
static int *rank_counts(const struct cc_pub *p, int node)
{
	int *ties = calloc((size_t)p->scores.nunits + 2, sizeof(int));

	for (int u = 0; ties && u < p->scores.nunits; u++) {
		int32_t r = rank_of(p, u, node);
		if (r > 0 && r <= p->scores.nunits)
			ties[r]++;
	}
	return ties;
}

static json_t *stats_json(double *v, int n, int precision)
{
	struct cc_stats st;

	cc_stats_compute(v, n, &st);
	return json_pack("{s:i,s:o,s:o,s:o,s:o}", "count", st.count,
			 "mean", cc_json_points(st.mean, precision),
			 "median", cc_json_points(st.median, precision),
			 "min", cc_json_points(st.min, precision),
			 "max", cc_json_points(st.max, precision));
}

static int find_node(struct cc_req *req, struct cc_resp *resp,
		     const struct cc_framework *fw, const char *param)
{
	const char *id = cc_req_query(req, param);
	int node = id ? cc_framework_find(fw, id) : 0;

	if (node < 0)
		cc_resp_error(resp, 404, "not_found", param, "framework %s has no node \"%s\"",
			      fw->id, id);
	return node;
}

/* qsort's comparator reads sort_pub/sort_node, so sorting is serialised
 * (a list of a few hundred units: microseconds). */
static pthread_mutex_t sort_lock = PTHREAD_MUTEX_INITIALIZER;

int cc_h_results(struct cc_req *req, struct cc_resp *resp)
{
	const struct cc_pub *p = cc__pub(req, resp);
	const struct cc_framework *fw;
	const struct cc_group_rec *g = NULL;
	const char *gid;
	int node, n = 0, from, to, *pick, *ties;
	double *pts;
	json_t *list, *o;

	if (!p)
		return CC_OK;
	fw = &p->fw;
	if ((node = find_node(req, resp, fw, "node")) < 0)
		return CC_OK;
	gid = cc_req_query(req, "group");
	if (gid && !(g = cc_snapshot_group(req->snap, gid)))
		return cc_resp_error(resp, 404, "not_found", "group", "no group \"%s\"", gid);
	pick = malloc(((size_t)p->scores.nunits + 1) * sizeof(int));
	pts = malloc(((size_t)p->scores.nunits + 1) * sizeof(double));
	ties = rank_counts(p, node);
	if (!pick || !pts || !ties) {
		free(pick), free(pts), free(ties);
		return cc_resp_error(resp, 500, "internal", NULL, "out of memory");
	}
	for (int u = 0; u < p->scores.nunits; u++)
		if (!g || cc_snapshot_in_group(req->snap, p->answers.units[u], g))
			pick[n++] = u;
	pthread_mutex_lock(&sort_lock);
	sort_pub = p;
	sort_node = node;
	qsort(pick, (size_t)n, sizeof(int), cmp_rank);
	pthread_mutex_unlock(&sort_lock);
	list = json_array();
	for (int i = 0, k = 0; i < n; i++) {
		double pt = points_of(p, pick[i], node);
		if (!isnan(pt))
			pts[k++] = pt;
	}
	o = json_pack("{s:o,s:{s:s,s:s,s:o,s:s?},s:i}", "campaign", cc__campaign_json(p->c),
		      "node", "id", fw->nodes[node].id, "name", cc_node_label(&fw->nodes[node]),
		      "max", cc_json_num(fw->nodes[node].max),
		      "parent", fw->nodes[node].parent >= 0 ? fw->nodes[fw->nodes[node].parent].id : NULL,
		      "total", n);
	{
		int counted = 0;
		for (int i = 0; i < n; i++)
			counted += !isnan(points_of(p, pick[i], node));
		json_object_set_new(o, "n", json_integer(counted));
		json_object_set_new(o, "stats", stats_json(pts, counted, fw->precision));
	}
	if (cc__page(req, resp, n, &from, &to) == 0) {
		for (int i = from; i < to; i++) {
			int u = pick[i];
			int32_t r = rank_of(p, u, node);
			const char *level = node == 0 && p->scores.level[u] >= 0 ?
				fw->levels[p->scores.level[u]].id : NULL;
			json_array_append_new(list, json_pack("{s:s,s:s,s:o,s:o,s:o,s:o,s:b,s:s?}",
				"unit", p->answers.units[u], "name", unit_name(req->snap, p->answers.units[u]),
				"value", cc_json_num(p->scores.value[(size_t)u * (size_t)fw->nnodes + (size_t)node]),
				"points", cc_json_points(points_of(p, u, node), fw->precision),
				"max", cc_json_num(fw->nodes[node].max),
				"rank", r ? json_integer(r) : json_null(),
				"tied", r > 0 && ties[r] > 1, "level", level));
		}
		json_object_set_new(o, "results", list);
		cc_resp_json(resp, 200, o);
	} else {
		json_decref(list);
		json_decref(o);
	}
	free(pick);
	free(pts);
	free(ties);
	return CC_OK;
}
