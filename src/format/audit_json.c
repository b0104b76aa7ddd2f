/*
 * audit_json.c - the statistical audit as JSON, and the walk over the flags
 * it raised (see audit_json.h). Shared by the CLI (`audit-stats --format
 * json`, and the list of flags of its text report) and the server (GET
 * /api/v1/campaigns/{id}/audit), so the two cannot drift apart.
 *
 * Out of memory: every jansson constructor may return NULL and every
 * setter may fail. Each builder below ORs those failures into `bad` and
 * returns NULL rather than an object with a key missing, so one check at
 * the top catches any of them.
 */
#include "audit_json.h"

#include <math.h>
#include <stdio.h>

/* ---- shared helpers --------------------------------------------------- */

static const char *id_of(const struct cc_stats_audit *a, int node)
{
	return a->fw->nodes[node].id;
}

static const char *kind_of(const struct cc_node *n)
{
	return n->kind == CC_GROUP ? "group" :
		n->kind == CC_INDICATOR ? "indicator" : "question";
}

const char *cc_audit_role_text(int role)
{
	return role == CC_STATS_WEIGHT0 ? "weight 0" :
		role == CC_STATS_TEXT ? "text question" : "audited";
}

const char *cc_audit_rule_name(unsigned flag)
{
	for (int i = 0; i < cc_stats_nrules; i++)
		if (cc_stats_rules[i].flag == flag)
			return cc_stats_rules[i].name;
	return "?";
}

const char *cc_audit_f3(char *buf, size_t size, double x)
{
	if (fabs(x) < 0.0005)
		x = 0;
	snprintf(buf, size, "%.3f", x);
	return buf;
}

/* ---- findings --------------------------------------------------------- */

static int item_findings(const struct cc_stats_audit *a,
			 const struct cc_stats_group *g, const struct cc_stats_item *it,
			 cc_audit_finding_fn fn, void *ctx)
{
	struct cc_audit_finding f = {id_of(a, g->node), id_of(a, it->node), 0, ""};
	char r[32], s[32];
	int bad = 0;

	if (it->flags & (CC_STATS_F_NEGATIVE | CC_STATS_F_REDUNDANT)) {
		f.flag = it->flags & CC_STATS_F_NEGATIVE ? CC_STATS_F_NEGATIVE :
			CC_STATS_F_REDUNDANT;
		snprintf(f.detail, sizeof(f.detail), "Pearson r with %s = %s over %d units",
			 f.group, cc_audit_f3(r, sizeof(r), it->parent.pearson), it->parent.n);
		bad |= fn(ctx, &f);
	}
	if (it->flags & CC_STATS_F_OUTLIERS) {
		f.flag = CC_STATS_F_OUTLIERS;
		snprintf(f.detail, sizeof(f.detail),
			 "skewness %s, excess kurtosis %s over %d units",
			 cc_audit_f3(r, sizeof(r), it->desc.skew),
			 cc_audit_f3(s, sizeof(s), it->desc.kurt), it->desc.n);
		bad |= fn(ctx, &f);
	}
	return bad;
}

/* Pairs of audited siblings correlated above CC_STATS_REDUNDANT. */
static int pair_findings(const struct cc_stats_audit *a,
			 const struct cc_stats_group *g, cc_audit_finding_fn fn,
			 void *ctx)
{
	struct cc_audit_finding f = {id_of(a, g->node), NULL, CC_STATS_F_COLLINEAR, ""};
	char r[32];
	int bad = 0, k = g->nin;

	for (int x = 0; g->pairs && x < k; x++) {
		for (int y = x + 1; y < k; y++) {
			const struct cc_stats_corr *c = &g->pairs[x * k + y];
			if (c->state != CC_STATS_OK || c->pearson <= CC_STATS_REDUNDANT)
				continue;
			f.item = id_of(a, g->items[g->in[x]].node);
			snprintf(f.detail, sizeof(f.detail), "Pearson r with %s = %s over %d units",
				 id_of(a, g->items[g->in[y]].node),
				 cc_audit_f3(r, sizeof(r), c->pearson), c->n);
			bad |= fn(ctx, &f);
		}
	}
	return bad;
}

static int group_findings(const struct cc_stats_audit *a,
			  const struct cc_stats_group *g, cc_audit_finding_fn fn,
			  void *ctx)
{
	struct cc_audit_finding f = {id_of(a, g->node), NULL, 0, ""};
	char r[32];
	int bad = 0;

	for (int i = 0; i < g->nitems; i++)
		bad |= item_findings(a, g, &g->items[i], fn, ctx);
	bad |= pair_findings(a, g, fn, ctx);
	if (g->flags & CC_STATS_F_LOW_ALPHA) {
		f.flag = CC_STATS_F_LOW_ALPHA;
		snprintf(f.detail, sizeof(f.detail), "Cronbach's alpha %s over %d units",
			 cc_audit_f3(r, sizeof(r), g->alpha), g->complete);
		bad |= fn(ctx, &f);
	}
	if (g->flags & CC_STATS_F_WEAK_PC1) {
		f.flag = CC_STATS_F_WEAK_PC1;
		snprintf(f.detail, sizeof(f.detail),
			 "first component explains %.1f %% over %d units",
			 100 * g->pca.share, g->pca.n);
		bad |= fn(ctx, &f);
	}
	return bad;
}

int cc_audit_each_finding(const struct cc_stats_audit *a, cc_audit_finding_fn fn,
			  void *ctx)
{
	int bad = 0;

	for (int i = 0; i < a->ngroups; i++)
		bad |= group_findings(a, &a->groups[i], fn, ctx);
	return bad;
}

/* ---- json ------------------------------------------------------------- */

/* o, or NULL (releasing o) when building it failed somewhere. */
static json_t *done(json_t *o, int bad)
{
	if (!bad)
		return o;
	json_decref(o);
	return NULL;
}

static json_t *jnum(double x)
{
	return isnan(x) ? json_null() : json_real(x == 0 ? 0 : x);
}

static json_t *jflags(unsigned flags)
{
	json_t *arr = json_array();
	int bad = 0;

	for (int i = 0; i < cc_stats_nrules; i++)
		if (flags & cc_stats_rules[i].flag)
			bad |= json_array_append_new(arr, json_string(cc_stats_rules[i].name));
	return done(arr, bad);
}

static json_t *jdesc(const struct cc_stats_item *it)
{
	const struct cc_stats_desc *d = &it->desc;

	return json_pack("{s:i,s:o,s:o,s:o,s:o,s:o,s:o,s:i,s:s,s:o}", "n", d->n,
			 "mean", jnum(d->mean), "sd", jnum(d->sd), "min", jnum(d->min),
			 "max", jnum(d->max), "skewness", jnum(d->skew),
			 "kurtosis_excess", jnum(d->kurt), "distinct", d->distinct,
			 "status", cc_stats_state_text(d->state),
			 "flags", jflags(it->flags & CC_STATS_F_OUTLIERS));
}

static json_t *jchild(const struct cc_stats_audit *a, const struct cc_stats_item *it)
{
	const struct cc_node *n = &a->fw->nodes[it->node];
	json_t *o = json_pack("{s:s,s:s,s:b,s:s}", "id", n->id, "kind", kind_of(n),
			      "audited", it->role == CC_STATS_IN, "role",
			      cc_audit_role_text(it->role));
	int bad = !o;

	if (o && it->role == CC_STATS_IN) {
		bad |= json_object_set_new(o, "n", json_integer(it->parent.n));
		bad |= json_object_set_new(o, "pearson", jnum(it->parent.pearson));
		bad |= json_object_set_new(o, "spearman", jnum(it->parent.spearman));
		bad |= json_object_set_new(o, "status",
					   json_string(cc_stats_state_text(it->parent.state)));
		bad |= json_object_set_new(o, "flags", jflags(it->flags & ~CC_STATS_F_OUTLIERS));
	}
	if (o && it->leaf && it->role != CC_STATS_TEXT)
		bad |= json_object_set_new(o, "descriptive", jdesc(it));
	return done(o, bad);
}

/* The sibling matrices, k x k with the diagonal, rows in "ids" order. */
static json_t *jmatrix(const struct cc_stats_audit *a, const struct cc_stats_group *g)
{
	json_t *ids = json_array(), *n = json_array(), *p = json_array(), *s = json_array();
	int k = g->nin, bad = 0;

	for (int x = 0; x < k; x++) {
		json_t *rn = json_array(), *rp = json_array(), *rs = json_array();
		bad |= json_array_append_new(ids, json_string(id_of(a, g->items[g->in[x]].node)));
		for (int y = 0; y < k; y++) {
			const struct cc_stats_corr *c = &g->pairs[x * k + y];
			bad |= json_array_append_new(rn, json_integer(c->n));
			bad |= json_array_append_new(rp, jnum(c->pearson));
			bad |= json_array_append_new(rs, jnum(c->spearman));
		}
		bad |= json_array_append_new(n, rn);
		bad |= json_array_append_new(p, rp);
		bad |= json_array_append_new(s, rs);
	}
	return done(json_pack("{s:o,s:o,s:o,s:o}", "ids", ids, "n", n, "pearson", p,
			      "spearman", s), bad);
}

static json_t *jpca(const struct cc_stats_audit *a, const struct cc_stats_group *g)
{
	const struct cc_stats_pca *p = &g->pca;
	json_t *o = json_pack("{s:i,s:s,s:o,s:o}", "units", p->n, "status",
			      cc_stats_state_text(p->state), "share", jnum(p->share),
			      "flags", jflags(g->flags & CC_STATS_F_WEAK_PC1));
	json_t *ev = json_array(), *ld = json_object();
	int bad = 0;

	for (int i = 0; p->state == CC_STATS_OK && i < g->nin; i++) {
		bad |= json_array_append_new(ev, json_real(p->eigen[i]));
		bad |= json_object_set_new(ld, id_of(a, g->items[g->in[i]].node),
					   json_real(p->loading[i]));
	}
	bad |= json_object_set_new(o, "eigenvalues", ev);
	bad |= json_object_set_new(o, "loadings", ld);
	bad |= json_object_set_new(o, "unique",
				   json_boolean(p->state == CC_STATS_OK && p->unique));
	return done(o, bad);
}

static json_t *jgroup(const struct cc_stats_audit *a, const struct cc_stats_group *g)
{
	const struct cc_node *n = &a->fw->nodes[g->node];
	json_t *kids = json_array();
	json_t *o = json_pack("{s:s,s:s,s:i,s:s}", "id", n->id, "name",
			      cc_node_label(n), "units", g->units, "status",
			      cc_stats_state_text(g->state));
	int bad = 0;

	for (int i = 0; i < g->nitems; i++)
		bad |= json_array_append_new(kids, jchild(a, &g->items[i]));
	bad |= json_object_set_new(o, "children", kids);
	bad |= json_object_set_new(o, "correlations", g->pairs ? jmatrix(a, g) : json_null());
	bad |= json_object_set_new(o, "alpha", json_pack("{s:o,s:i,s:s,s:o}", "value",
				   jnum(g->alpha), "units", g->complete, "status",
				   cc_stats_state_text(g->alpha_state), "flags",
				   jflags(g->flags & CC_STATS_F_LOW_ALPHA)));
	bad |= json_object_set_new(o, "pca", jpca(a, g));
	return done(o, bad);
}

static int json_finding(void *ctx, const struct cc_audit_finding *f)
{
	json_t *o = json_pack("{s:s,s:s,s:s?,s:s}", "rule", cc_audit_rule_name(f->flag),
			      "group", f->group, "item", f->item, "detail", f->detail);

	return json_array_append_new(ctx, o) != 0;
}

json_t *cc_audit_json(const struct cc_stats_audit *a)
{
	json_t *groups = json_array(), *flags = json_array(), *rules = json_array();
	int bad = 0;

	for (int i = 0; i < a->ngroups; i++)
		bad |= json_array_append_new(groups, jgroup(a, &a->groups[i])) != 0;
	bad |= cc_audit_each_finding(a, json_finding, flags);
	for (int i = 0; i < cc_stats_nrules; i++)
		bad |= json_array_append_new(rules, json_pack("{s:s,s:s,s:s}", "name",
					     cc_stats_rules[i].name, "rule", cc_stats_rules[i].rule,
					     "source", cc_stats_rules[i].source)) != 0;
	return done(json_pack("{s:s,s:s,s:i,s:s,s:s,s:o,s:o,s:o}", "framework", a->fw->id,
			      "title", a->fw->title, "units", a->nunits,
			      "values", "node values, 0-1", "kurtosis", "excess (G2)",
			      "groups", groups, "flags", flags, "rules", rules), bad);
}
