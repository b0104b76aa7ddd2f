/*
 * http_summary.c - points by group for a published campaign:
 * ?by=itu_region|m49_region gives the world and each region; ?by=ldc (lldc,
 * sids) gives the world, the group and the rest ("not:ldc").
 */
#include "router.h"

#include "../core/groups.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

struct sgroup {
	const char *id;
	char name[200];
	const struct cc_group_rec *g;   /* NULL: world */
	int negate;
};

static json_t *group_nodes(const struct cc_req *req, const struct cc_pub *p,
			   const struct sgroup *sg, double *buf)
{
	const struct cc_framework *fw = &p->fw;
	json_t *list = json_array();

	for (int i = 0; i < fw->nnodes; i++) {
		struct cc_stats st;
		int n = 0;

		for (int u = 0; u < p->scores.nunits; u++) {
			double pt = cc_scores_points(&p->scores, u, i);
			int in = !sg->g || cc_snapshot_in_group(req->snap, p->answers.units[u], sg->g);
			if (sg->negate)
				in = !in;
			if (in && !isnan(pt))
				buf[n++] = pt;
		}
		cc_stats_compute(buf, n, &st);
		json_array_append_new(list, json_pack("{s:s,s:i,s:i,s:o,s:o,s:o,s:o}",
			"node", fw->nodes[i].id, "depth", fw->nodes[i].depth, "count", st.count,
			"mean", cc_json_points(st.mean, fw->precision),
			"median", cc_json_points(st.median, fw->precision),
			"min", cc_json_points(st.min, fw->precision),
			"max", cc_json_points(st.max, fw->precision)));
	}
	return list;
}

int cc_h_summary(struct cc_req *req, struct cc_resp *resp)
{
	const struct cc_pub *p = cc__pub(req, resp);
	const char *by = cc_req_query(req, "by");
	const struct cc_group_rec *g = req->snap->groups.items;
	struct sgroup *sg;
	json_t *list;
	double *buf;
	int n = 0;

	if (!p)
		return CC_OK;
	if (!by)
		by = "itu_region";
	if (strcmp(by, "itu_region") && strcmp(by, "m49_region") && strcmp(by, "ldc") &&
	    strcmp(by, "lldc") && strcmp(by, "sids"))
		return cc_resp_error(resp, 400, "bad_parameter", "by",
				     "by must be itu_region, m49_region, ldc, lldc or sids");
	sg = calloc((size_t)req->snap->groups.n + 3, sizeof(*sg));
	buf = malloc(((size_t)p->scores.nunits + 1) * sizeof(double));
	if (!sg || !buf) {
		free(sg);
		free(buf);
		return cc_resp_error(resp, 500, "internal", NULL, "out of memory");
	}
	sg[n].id = "world";
	snprintf(sg[n++].name, sizeof(sg[0].name), "All units");
	for (int i = 0; i < req->snap->groups.n; i++) {
		if (strcmp(g[i].kind, by) == 0 || strcmp(g[i].id, by) == 0) {
			sg[n].id = g[i].id;
			sg[n].g = &g[i];
			snprintf(sg[n++].name, sizeof(sg[0].name), "%s", g[i].name);
		}
		if (strcmp(g[i].id, by) == 0) {
			sg[n].id = NULL;
			sg[n].g = &g[i];
			sg[n].negate = 1;
			snprintf(sg[n++].name, sizeof(sg[0].name), "Not %s", g[i].name);
		}
	}
	list = json_array();
	for (int i = 0; i < n; i++) {
		char id[160];
		snprintf(id, sizeof(id), "%s%s", sg[i].negate ? "not:" : "",
			 sg[i].negate ? sg[i].g->id : sg[i].id);
		json_array_append_new(list, json_pack("{s:s,s:s,s:o}", "id", id, "name",
			sg[i].name, "nodes", group_nodes(req, p, &sg[i], buf)));
	}
	free(sg);
	free(buf);
	return cc_resp_json(resp, 200, json_pack("{s:o,s:s,s:o}", "campaign",
		cc__campaign_json(p->c), "by", by, "groups", list));
}
