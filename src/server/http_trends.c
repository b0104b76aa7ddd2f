/*
 * http_trends.c - the index over time: GET /api/v1/trends (mean, median,
 * level distribution and group means of one node per published edition of
 * a framework, optionally only over units present in every edition) and
 * GET /api/v1/trends/movers (who rose and fell most between two
 * editions). Points are the published, unrounded points (those of
 * `cybercap score`). Public, as published results are.
 *
 * Editions on another version of the framework than the latest (the index
 * before its questionnaire changed) read the latest edition's node by the
 * rule of service/editions.h, the one plans use too: through the mapping
 * between the two versions, the nodes it relates most strongly to the
 * node (their mean when there are several), else the node with the same
 * id; each edition says which nodes it used and the mapping's relation for
 * them, so that a chart can say when a line joins nodes that are not equal.
 */
#include "router.h"

#include "../core/groups.h"
#include "../service/editions.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* The published campaigns of framework fw, oldest first (year, then id). */
static int editions(const struct cc_snapshot *snap, const char *fw, const struct cc_pub **out)
{
	int n = 0;

	for (int i = 0; i < snap->npubs; i++)
		if (strcmp(snap->pubs[i].c->framework, fw) == 0)
			out[n++] = &snap->pubs[i];
	for (int i = 1; i < n; i++)
		for (int j = i; j > 0; j--) {
			const struct cc_pub *a = out[j - 1], *b = out[j];
			if (a->c->year < b->c->year ||
			    (a->c->year == b->c->year && strcmp(a->c->id, b->c->id) <= 0))
				break;
			out[j - 1] = b;
			out[j] = a;
		}
	return n;
}

static json_t *reading_json(const struct cc_pub *p, const struct cc_edition_read *r, json_t *o)
{
	json_t *used = json_array();

	for (int i = 0; i < r->n; i++)
		json_array_append_new(used, json_string(p->fw.nodes[r->nodes[i]].id));
	json_object_set_new(o, "version", json_string(r->version ? r->version : ""));
	json_object_set_new(o, "node_used", r->n ? json_string(p->fw.nodes[r->nodes[0]].id) :
			    json_null());
	json_object_set_new(o, "nodes_used", used);
	json_object_set_new(o, "mapping", r->mapping ? json_string(r->mapping) : json_null());
	json_object_set_new(o, "relation", r->relation >= 0 ?
			    json_string(cc_relation_name((enum cc_relation)r->relation)) : json_null());
	return o;
}

/* Whether unit is in every edition (balanced panels). */
static bool in_all(const struct cc_pub *const *eds, int n, const char *unit)
{
	for (int e = 0; e < n; e++)
		if (cc_answers_find_unit(&eds[e]->answers, unit) < 0)
			return false;
	return true;
}

static json_t *num_or_null(double x)
{
	return isnan(x) ? json_null() : json_real(x);
}

/* Mean and n of points over the units kept whose member[] flag is set. */
static json_t *group_entry(const double *pts, const unsigned char *member, int n)
{
	double sum = 0;
	int k = 0;

	for (int u = 0; u < n; u++)
		if (member[u] && !isnan(pts[u])) {
			sum += pts[u];
			k++;
		}
	return json_pack("{s:i,s:o}", "n", k, "mean", k ? json_real(sum / k) : json_null());
}

static json_t *edition_json(const struct cc_req *req, const struct cc_framework *latest,
			    const struct cc_pub *p, const char *node_id,
			    const char *group, const struct cc_pub *const *eds, int neds,
			    bool balanced, double *buf, unsigned char *member)
{
	const struct cc_snapshot *snap = req->snap;
	const struct cc_group_rec *gs = snap->groups.items;
	struct cc_edition_read rd;
	int nu = p->scores.nunits, k = 0;
	json_t *levels = json_object(), *groups = json_object();
	double *pts = buf + nu;
	struct cc_stats st = {0, NAN, NAN, NAN, NAN};

	cc_edition_read(snap, p, node_id, latest->version, &rd);
	for (int u = 0; u < nu; u++) {
		bool keep = rd.n && (!balanced || in_all(eds, neds, p->answers.units[u]));
		const char *lv;

		pts[u] = keep ? cc_edition_mean(p, u, &rd, true) : NAN;
		if (isnan(pts[u]))
			continue;
		buf[k++] = pts[u];
		/* levels are of one node: none for a mean of several */
		if (rd.n == 1 && (lv = cc_scores_level(&p->scores, u, rd.nodes[0]))) {
			json_t *c = json_object_get(levels, lv);
			json_object_set_new(levels, lv, json_integer(c ? json_integer_value(c) + 1 : 1));
		}
	}
	if (k)
		cc_stats_compute(buf, k, &st);
	for (int g = 0; g < snap->groups.n; g++) {
		if (group && strcmp(group, gs[g].id) != 0)
			continue;
		for (int u = 0; u < nu; u++)
			member[u] = (unsigned char)cc_snapshot_in_group(snap, p->answers.units[u], &gs[g]);
		json_t *e = group_entry(pts, member, nu);
		for (int u = 0; u < nu; u++)
			member[u] = !member[u];
		json_object_set_new(e, "rest", group_entry(pts, member, nu));
		json_object_set_new(groups, gs[g].id, e);
	}
	return reading_json(p, &rd, json_pack("{s:s,s:i,s:s,s:i,s:o,s:o,s:o,s:o,s:b}", "campaign",
			 p->c->id, "year", p->c->year, "title", p->c->title, "n", k,
			 "mean", k ? num_or_null(st.mean) : json_null(),
			 "median", k ? num_or_null(st.median) : json_null(),
			 "levels", levels, "groups", groups, "node_missing", rd.n == 0));
}

static const struct cc_framework *trend_framework(struct cc_req *req, struct cc_resp *resp,
						  const char **node)
{
	const char *fw_id = cc_req_query(req, "framework");
	const struct cc_framework *fw;

	if (!fw_id) {
		cc_resp_error(resp, 400, "bad_parameter", "framework", "say which framework: ?framework=ID");
		return NULL;
	}
	fw = cc_snapshot_framework(req->snap, fw_id);
	if (!fw) {
		cc_resp_error(resp, 404, "not_found", "framework", "no framework \"%s\"", fw_id);
		return NULL;
	}
	*node = cc_req_query(req, "node");
	if (!*node)
		*node = fw->id;
	else if (cc_framework_find(fw, *node) < 0) {
		cc_resp_error(resp, 404, "not_found", "node", "framework %s has no node \"%s\"", fw->id, *node);
		return NULL;
	}
	return fw;
}

json_t *cc__trends_json(struct cc_req *req, struct cc_resp *resp)
{
	const char *node, *group = cc_req_query(req, "group"), *bal = cc_req_query(req, "balanced");
	const struct cc_framework *fw = trend_framework(req, resp, &node);
	const struct cc_pub **eds;
	json_t *list;
	double *buf;
	unsigned char *member;
	int n, maxu = 1;

	if (!fw)
		return NULL;
	if (bal && strcmp(bal, "true") != 0 && strcmp(bal, "false") != 0) {
		cc_resp_error(resp, 400, "bad_parameter", "balanced", "balanced is true or false");
		return NULL;
	}
	if (group && !cc_snapshot_group(req->snap, group)) {
		cc_resp_error(resp, 404, "not_found", "group", "no group \"%s\"", group);
		return NULL;
	}
	eds = malloc(((size_t)req->snap->npubs + 1) * sizeof(*eds));
	if (!eds) {
		cc_resp_error(resp, 500, "internal", NULL, "out of memory");
		return NULL;
	}
	n = editions(req->snap, fw->id, eds);
	for (int e = 0; e < n; e++)
		if (eds[e]->scores.nunits > maxu)
			maxu = eds[e]->scores.nunits;
	buf = malloc(2 * (size_t)maxu * sizeof(double));
	member = malloc((size_t)maxu);
	list = json_array();
	for (int e = 0; buf && member && e < n; e++)
		json_array_append_new(list, edition_json(req, fw, eds[e], node, group, eds, n,
							 bal && strcmp(bal, "true") == 0, buf, member));
	free(eds);
	free(member);
	if (!buf) {
		json_decref(list);
		cc_resp_error(resp, 500, "internal", NULL, "out of memory");
		return NULL;
	}
	free(buf);
	return json_pack("{s:s,s:s,s:b,s:o}", "framework", fw->id,
			 "node", node, "balanced", bal && strcmp(bal, "true") == 0,
			 "editions", list);
}

int cc_h_trends(struct cc_req *req, struct cc_resp *resp)
{
	json_t *o = cc__trends_json(req, resp);

	return o ? cc_resp_json(resp, 200, o) : CC_OK;
}

struct move {
	const char *unit;
	double from, to;
};

static int by_change_desc(const void *a, const void *b)
{
	const struct move *x = a, *y = b;
	double dx = x->to - x->from, dy = y->to - y->from;

	if (dx != dy)
		return dx > dy ? -1 : 1;
	return strcmp(x->unit, y->unit);
}

static json_t *moves_json(const struct move *m, int n, int sign, const struct cc_pub *pf,
			  const struct cc_pub *pt)
{
	json_t *list = json_array();

	for (int i = 0; i < n; i++) {
		double ch = m[i].to - m[i].from;
		int uf = cc_answers_find_unit(&pf->answers, m[i].unit);
		int ut = cc_answers_find_unit(&pt->answers, m[i].unit);
		const char *lf = cc_scores_level(&pf->scores, uf, 0), *lt = cc_scores_level(&pt->scores, ut, 0);

		if ((sign > 0 && ch <= 0) || (sign < 0 && ch >= 0))
			continue;
		json_array_append_new(list, json_pack("{s:s,s:f,s:f,s:f,s:s?,s:s?}", "unit", m[i].unit,
			"from", m[i].from, "to", m[i].to, "change", ch,
			"level_from", lf, "level_to", lt));
	}
	return list;
}

int cc_h_trend_movers(struct cc_req *req, struct cc_resp *resp)
{
	const char *node, *from = cc_req_query(req, "from"), *to = cc_req_query(req, "to");
	const struct cc_framework *fw = trend_framework(req, resp, &node);
	const struct cc_pub *pf, *pt;
	struct cc_edition_read rf, rt;
	struct move *m;
	json_t *risers, *fallers;
	int n = 0;

	if (!fw)
		return CC_OK;
	if (!from || !to)
		return cc_resp_error(resp, 400, "bad_parameter", from ? "to" : "from",
				     "say which editions: ?from=CAMPAIGN&to=CAMPAIGN");
	pf = cc_snapshot_pub(req->snap, from);
	pt = cc_snapshot_pub(req->snap, to);
	if (!pf || !pt || strcmp(pf->c->framework, fw->id) || strcmp(pt->c->framework, fw->id))
		return cc_resp_error(resp, 404, "not_found", !pf || strcmp(pf->c->framework, fw->id) ? "from" : "to",
				     "no published campaign of %s named \"%s\"", fw->id,
				     !pf || strcmp(pf->c->framework, fw->id) ? from : to);
	cc_edition_read(req->snap, pf, node, fw->version, &rf);
	cc_edition_read(req->snap, pt, node, fw->version, &rt);
	if (!rf.n || !rt.n)
		return cc_resp_error(resp, 404, "not_found", "node", "node \"%s\" is not in both editions", node);
	m = malloc(((size_t)pf->scores.nunits + 1) * sizeof(*m));
	if (!m)
		return cc_resp_error(resp, 500, "internal", NULL, "out of memory");
	for (int u = 0; u < pf->scores.nunits; u++) {
		int v = cc_answers_find_unit(&pt->answers, pf->answers.units[u]);
		double a = cc_edition_mean(pf, u, &rf, true), b;
		if (v < 0 || isnan(a) || isnan(b = cc_edition_mean(pt, v, &rt, true)))
			continue;
		m[n++] = (struct move){pf->answers.units[u], a, b};
	}
	qsort(m, (size_t)n, sizeof(*m), by_change_desc);
	risers = moves_json(m, n, 1, pf, pt);
	for (int i = 0; i < n / 2; i++) {
		struct move t = m[i];
		m[i] = m[n - 1 - i];
		m[n - 1 - i] = t;
	}
	fallers = moves_json(m, n, -1, pf, pt);
	free(m);
	return cc_resp_json(resp, 200, json_pack("{s:s,s:s,s:s,s:s,s:i,s:o,s:o,s:o,s:o}",
						 "framework", fw->id, "node", node, "from", from,
						 "to", to, "n", n, "risers", risers, "fallers", fallers,
						 "from_reading", reading_json(pf, &rf, json_object()),
						 "to_reading", reading_json(pt, &rt, json_object())));
}
