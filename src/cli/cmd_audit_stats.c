/*
 * cmd_audit_stats.c - `cybercap audit-stats FRAMEWORK RESPONSES [--format
 * text|csv|json]`: the statistical audit of core/stats.h over the scored
 * units, as a report by group for analysts (text), one row per (group,
 * measure, item) (csv), or the report as JSON. Measures, columns and the
 * rules behind each flag are documented in docs/audit-stats.md.
 *
 * All figures are on node values in [0, 1], not points. A figure that
 * cannot be computed is never printed as NaN: text and CSV say why ("not
 * enough data", "constant: undefined"), JSON has null and a status.
 */
#include "cli.h"

#include "../core/stats.h"
#include "../format/results_out.h"

#include <getopt.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char help[] =
	"Usage: cybercap audit-stats FRAMEWORK RESPONSES [--format text|csv|json]\n\n"
	"Statistical audit of the index (OECD/JRC Handbook on Constructing\n"
	"Composite Indicators; JRC COINr): for every group, the Pearson and\n"
	"Spearman correlation of each child with the group and among the\n"
	"children, Cronbach's alpha and the first principal component of the\n"
	"children; for every question and indicator, n, mean, sd, min, max,\n"
	"skewness (G1) and EXCESS kurtosis (G2). Figures use node values on the\n"
	"0-1 scale; excluded nodes are missing (pairwise complete).\n\n"
	"Flags: negative-corr (child vs group r < 0), redundant (r > 0.92, groups\n"
	"of 3+ children), collinear (two children r > 0.92), low-alpha (< 0.7),\n"
	"weak-pc1 (< 60 %), outliers (|skew| > 2 and excess kurtosis > 3.5).\n"
	"Rules and sources: docs/audit-stats.md.\n\n"
	"Options:\n"
	"  --format F   text (default), csv or json\n"
	"  -h, --help   this help\n";

/* Wider sibling matrices are left to CSV and JSON. */
#define TEXT_MATRIX_MAX 12

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

static const char *role_text(int role)
{
	return role == CC_STATS_WEIGHT0 ? "weight 0" :
		role == CC_STATS_TEXT ? "text question" : "audited";
}

/* Flag names joined by sep into buf ("" when none). */
static const char *flag_names(unsigned flags, const char *sep, char *buf,
			      size_t size)
{
	size_t len = 0;

	buf[0] = '\0';
	for (int i = 0; i < cc_stats_nrules; i++) {
		if (!(flags & cc_stats_rules[i].flag))
			continue;
		len += (size_t)snprintf(buf + len, size - len, "%s%s", len ? sep : "",
					cc_stats_rules[i].name);
		if (len >= size)
			break;
	}
	return buf;
}

static const char *rule_name(unsigned flag)
{
	for (int i = 0; i < cc_stats_nrules; i++)
		if (cc_stats_rules[i].flag == flag)
			return cc_stats_rules[i].name;
	return "?";
}

/* "%.3f", never "-0.000". */
static const char *f3(char *buf, size_t size, double x)
{
	if (fabs(x) < 0.0005)
		x = 0;
	snprintf(buf, size, "%.3f", x);
	return buf;
}

/* One flag raised, for the list of flags (text) and "flags" (JSON). */
struct finding {
	const char *group;
	const char *item;     /* NULL for a group flag */
	unsigned flag;
	char detail[200];
};

typedef int (*finding_fn)(void *ctx, const struct finding *f);

static int item_findings(const struct cc_stats_audit *a,
			 const struct cc_stats_group *g,
			 const struct cc_stats_item *it, finding_fn fn, void *ctx)
{
	struct finding f = {id_of(a, g->node), id_of(a, it->node), 0, ""};
	char r[32], s[32];
	int bad = 0;

	if (it->flags & (CC_STATS_F_NEGATIVE | CC_STATS_F_REDUNDANT)) {
		f.flag = it->flags & CC_STATS_F_NEGATIVE ? CC_STATS_F_NEGATIVE :
			CC_STATS_F_REDUNDANT;
		snprintf(f.detail, sizeof(f.detail), "Pearson r with %s = %s over %d units",
			 f.group, f3(r, sizeof(r), it->parent.pearson), it->parent.n);
		bad |= fn(ctx, &f);
	}
	if (it->flags & CC_STATS_F_OUTLIERS) {
		f.flag = CC_STATS_F_OUTLIERS;
		snprintf(f.detail, sizeof(f.detail),
			 "skewness %s, excess kurtosis %s over %d units",
			 f3(r, sizeof(r), it->desc.skew), f3(s, sizeof(s), it->desc.kurt),
			 it->desc.n);
		bad |= fn(ctx, &f);
	}
	return bad;
}

static int group_findings(const struct cc_stats_audit *a,
			  const struct cc_stats_group *g, finding_fn fn, void *ctx)
{
	struct finding f = {id_of(a, g->node), NULL, 0, ""};
	char r[32];
	int bad = 0, k = g->nin;

	for (int i = 0; i < g->nitems; i++)
		bad |= item_findings(a, g, &g->items[i], fn, ctx);
	for (int x = 0; g->pairs && x < k; x++) {
		for (int y = x + 1; y < k; y++) {
			const struct cc_stats_corr *c = &g->pairs[x * k + y];
			if (c->state != CC_STATS_OK || c->pearson <= CC_STATS_REDUNDANT)
				continue;
			f.item = id_of(a, g->items[g->in[x]].node);
			f.flag = CC_STATS_F_COLLINEAR;
			snprintf(f.detail, sizeof(f.detail), "Pearson r with %s = %s over %d units",
				 id_of(a, g->items[g->in[y]].node),
				 f3(r, sizeof(r), c->pearson), c->n);
			bad |= fn(ctx, &f);
		}
	}
	f.item = NULL;
	if (g->flags & CC_STATS_F_LOW_ALPHA) {
		f.flag = CC_STATS_F_LOW_ALPHA;
		snprintf(f.detail, sizeof(f.detail), "Cronbach's alpha %s over %d units",
			 f3(r, sizeof(r), g->alpha), g->complete);
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

static int each_finding(const struct cc_stats_audit *a, finding_fn fn, void *ctx)
{
	int bad = 0;

	for (int i = 0; i < a->ngroups; i++)
		bad |= group_findings(a, &a->groups[i], fn, ctx);
	return bad;
}

/* ---- text ------------------------------------------------------------- */

static int count_finding(void *ctx, const struct finding *f)
{
	(void)f;
	++*(int *)ctx;
	return 0;
}

static int print_finding(void *ctx, const struct finding *f)
{
	(void)ctx;
	return printf("  %-14s %s%s%s: %s\n", rule_name(f->flag), f->group,
		      f->item ? " > " : "", f->item ? f->item : "", f->detail) < 0;
}

static int width_of(const struct cc_stats_audit *a, const struct cc_stats_group *g)
{
	int w = 5;

	for (int i = 0; i < g->nitems; i++) {
		int len = (int)strlen(id_of(a, g->items[i].node));
		w = len > w ? len : w;
	}
	return w;
}

static int text_parent(const struct cc_stats_audit *a, const struct cc_stats_group *g,
		       int w)
{
	char p[32], s[32], fl[128];
	int bad = printf("  Correlation of each child with %s (pairwise complete units):\n"
			 "    %-*s %5s %8s %9s  flags\n", id_of(a, g->node), w, "child",
			 "n", "Pearson", "Spearman") < 0;

	for (int i = 0; i < g->nitems; i++) {
		const struct cc_stats_item *it = &g->items[i];
		const struct cc_stats_corr *c = &it->parent;
		flag_names(it->flags & ~CC_STATS_F_OUTLIERS, ", ", fl, sizeof(fl));
		if (it->role != CC_STATS_IN)
			bad |= printf("    %-*s %5s  not audited: %s\n", w,
				      id_of(a, it->node), "", role_text(it->role)) < 0;
		else if (c->state != CC_STATS_OK)
			bad |= printf("    %-*s %5d  %s%s%s\n", w, id_of(a, it->node), c->n,
				      cc_stats_state_text(c->state), *fl ? "  " : "", fl) < 0;
		else
			bad |= printf("    %-*s %5d %8s %9s%s%s\n", w, id_of(a, it->node), c->n,
				      f3(p, sizeof(p), c->pearson),
				      f3(s, sizeof(s), c->spearman), *fl ? "  " : "", fl) < 0;
	}
	return bad;
}

static int text_matrix(const struct cc_stats_audit *a, const struct cc_stats_group *g,
		       int w)
{
	int k = g->nin, bad;
	char r[32];

	if (!g->pairs)
		return 0;
	if (k > TEXT_MATRIX_MAX)
		return printf("\n  Correlations among the %d children: too wide for this report;\n"
			      "  see --format csv (corr_pearson rows) or json.\n", k) < 0;
	bad = printf("\n  Correlations among the children (Pearson, pairwise complete;\n"
		     "  '-' where undefined or not enough data):\n    %*s", w + 4, "") < 0;
	for (int y = 0; y < k; y++)
		bad |= printf(" %6s", (snprintf(r, sizeof(r), "[%d]", y + 1), r)) < 0;
	bad |= putchar('\n') == EOF;
	for (int x = 0; x < k; x++) {
		bad |= printf("    %-4s%-*s", (snprintf(r, sizeof(r), "[%d]", x + 1), r), w,
			      id_of(a, g->items[g->in[x]].node)) < 0;
		for (int y = 0; y < k; y++) {
			const struct cc_stats_corr *c = &g->pairs[x * k + y];
			bad |= printf(" %6s", c->state == CC_STATS_OK ?
				      f3(r, sizeof(r), c->pearson) : "-") < 0;
		}
		bad |= putchar('\n') == EOF;
	}
	return bad;
}

static int text_structure(const struct cc_stats_audit *a,
			  const struct cc_stats_group *g, int w)
{
	const struct cc_stats_pca *p = &g->pca;
	char r[32];
	int bad;

	if (g->alpha_state == CC_STATS_TOO_MANY)
		return printf("\n  Cronbach's alpha and PCA: skipped, more than %d audited children.\n",
			      CC_STATS_MAX_ITEMS) < 0;
	if (g->alpha_state == CC_STATS_OK)
		bad = printf("\n  Cronbach's alpha: %s (%d units with every audited child)%s\n",
			     f3(r, sizeof(r), g->alpha), g->complete,
			     g->flags & CC_STATS_F_LOW_ALPHA ? "  [low-alpha]" : "") < 0;
	else
		bad = printf("\n  Cronbach's alpha: %s (%d units with every audited child)\n",
			     cc_stats_state_text(g->alpha_state), g->complete) < 0;
	if (p->state != CC_STATS_OK)
		return bad | (printf("  PCA: %s (%d units with every audited child)\n",
				     cc_stats_state_text(p->state), p->n) < 0);
	bad |= printf("  PCA of the children's correlation matrix (%d units): the first\n"
		      "  component explains %.1f %% of the variance%s\n    eigenvalues:",
		      p->n, 100 * p->share,
		      g->flags & CC_STATS_F_WEAK_PC1 ? "  [weak-pc1]" : "") < 0;
	for (int i = 0; i < g->nin; i++)
		bad |= printf(" %s", f3(r, sizeof(r), p->eigen[i])) < 0;
	bad |= printf("\n    loadings of the first component%s:\n",
		      p->unique ? "" : " (NOT unique: the two largest eigenvalues are equal)") < 0;
	for (int i = 0; i < g->nin; i++)
		bad |= printf("      %-*s %7s\n", w, id_of(a, g->items[g->in[i]].node),
			      f3(r, sizeof(r), p->loading[i])) < 0;
	return bad;
}

static const char *num_or(char *buf, size_t size, double x, const char *dash)
{
	return isnan(x) ? dash : f3(buf, size, x);
}

static int text_leaves(const struct cc_stats_audit *a, const struct cc_stats_group *g,
		       int w)
{
	char b[7][32];
	int bad = 0, header = 0;

	for (int i = 0; i < g->nitems; i++) {
		const struct cc_stats_item *it = &g->items[i];
		const struct cc_stats_desc *d = &it->desc;
		if (!it->leaf || it->role == CC_STATS_TEXT)
			continue;
		if (!header++)
			bad |= printf("\n  Questions and indicators ('-': not enough data; kurtosis is\n"
				      "  excess kurtosis, 0 for a normal distribution):\n"
				      "    %-*s %5s %7s %7s %7s %7s %8s %8s %8s  flags\n", w, "leaf",
				      "n", "mean", "sd", "min", "max", "skew", "kurt",
				      "distinct") < 0;
		bad |= printf("    %-*s %5d %7s %7s %7s %7s %8s %8s %8d%s%s\n", w,
			      id_of(a, it->node), d->n,
			      num_or(b[0], 32, d->mean, "-"), num_or(b[1], 32, d->sd, "-"),
			      num_or(b[2], 32, d->min, "-"), num_or(b[3], 32, d->max, "-"),
			      num_or(b[4], 32, d->skew, "-"), num_or(b[5], 32, d->kurt, "-"),
			      d->distinct, it->flags & CC_STATS_F_OUTLIERS ? "  outliers" : "",
			      d->state == CC_STATS_CONSTANT ? "  (constant)" : "") < 0;
	}
	return bad;
}

static int text_group(const struct cc_stats_audit *a, const struct cc_stats_group *g)
{
	const struct cc_node *n = &a->fw->nodes[g->node];
	int w = width_of(a, g), bad;

	bad = printf("\n== %s: %s (%s; %d of %d units with a value; %d of %d children audited)\n",
		     n->id, cc_node_label(n), n->parent < 0 ? "root" : "group", g->units,
		     a->nunits, g->nin, g->nitems) < 0;
	if (g->state != CC_STATS_OK)
		bad |= printf("  Not enough data: the audit needs 2 audited children and 3 "
			      "units with a value.\n") < 0;
	else
		bad |= text_parent(a, g, w) || text_matrix(a, g, w) ||
			text_structure(a, g, w);
	return bad | text_leaves(a, g, w);
}

static int write_text(const struct cc_stats_audit *a)
{
	const struct cc_framework *fw = a->fw;
	int bad, count = 0;

	bad = printf("Statistical audit of %s: %s\n%d units. Figures use node values on the "
		     "0-1 scale (not points);\nexcluded nodes are missing. Correlations "
		     "are pairwise complete; alpha and\nPCA use the units with every "
		     "audited child present.\n", fw->id, fw->title, a->nunits) < 0;
	for (int i = 0; i < a->ngroups; i++)
		bad |= text_group(a, &a->groups[i]);
	each_finding(a, count_finding, &count);
	bad |= printf("\nFlags (%d):\n", count) < 0;
	bad |= each_finding(a, print_finding, NULL);
	if (count == 0)
		bad |= printf("  none\n") < 0;
	bad |= printf("\nRules:\n") < 0;
	for (int i = 0; i < cc_stats_nrules; i++)
		bad |= printf("  %-14s %s\n  %-14s source: %s\n", cc_stats_rules[i].name,
			      cc_stats_rules[i].rule, "", cc_stats_rules[i].source) < 0;
	return bad;
}

/* ---- csv -------------------------------------------------------------- */

/* group,measure,item,with,n,value,status,flags */
static int csv_row(const char *group, const char *measure, const char *item,
		   const char *with, int n, double value, int state, unsigned flags)
{
	char v[64] = "", fl[128];
	int bad = 0;

	if (!isnan(value))
		cc_format_number(v, sizeof(v), value);
	bad |= cc_csv_write_field(stdout, group) != 0;
	bad |= printf(",%s,", measure) < 0;
	bad |= cc_csv_write_field(stdout, item) != 0;
	bad |= putchar(',') == EOF;
	bad |= cc_csv_write_field(stdout, with) != 0;
	bad |= printf(",%d,%s,%s,%s\n", n, v, cc_stats_state_text(state),
		      flag_names(flags, "|", fl, sizeof(fl))) < 0;
	return bad;
}

static int csv_leaf(const struct cc_stats_audit *a, const struct cc_stats_group *g,
		    const struct cc_stats_item *it)
{
	const struct cc_stats_desc *d = &it->desc;
	const char *gid = id_of(a, g->node), *id = id_of(a, it->node);
	int few = d->n ? CC_STATS_OK : CC_STATS_FEW, bad = 0;
	unsigned fo = it->flags & CC_STATS_F_OUTLIERS;

	bad |= csv_row(gid, "mean", id, "", d->n, d->mean, few, 0);
	bad |= csv_row(gid, "sd", id, "", d->n, d->sd, isnan(d->sd) ? CC_STATS_FEW : 0, 0);
	bad |= csv_row(gid, "min", id, "", d->n, d->min, few, 0);
	bad |= csv_row(gid, "max", id, "", d->n, d->max, few, 0);
	bad |= csv_row(gid, "distinct", id, "", d->n, d->distinct, few, 0);
	bad |= csv_row(gid, "skewness", id, "", d->n, d->skew,
		       isnan(d->skew) ? (d->state ? d->state : CC_STATS_FEW) : 0, fo);
	bad |= csv_row(gid, "kurtosis_excess", id, "", d->n, d->kurt, d->state, fo);
	return bad;
}

static int csv_group(const struct cc_stats_audit *a, const struct cc_stats_group *g)
{
	const char *gid = id_of(a, g->node);
	int bad = csv_row(gid, "units", "", "", g->units, NAN, g->state, 0), k = g->nin;
	const unsigned pf = CC_STATS_F_NEGATIVE | CC_STATS_F_REDUNDANT;

	for (int i = 0; i < g->nitems; i++) {
		const struct cc_stats_item *it = &g->items[i];
		const struct cc_stats_corr *c = &it->parent;
		if (it->role != CC_STATS_IN)
			bad |= printf("%s,not_audited,%s,,,,%s,\n", gid, id_of(a, it->node),
				      role_text(it->role)) < 0;
		else
			bad |= csv_row(gid, "pearson", id_of(a, it->node), gid, c->n,
				       c->pearson, c->state, it->flags & pf) |
				csv_row(gid, "spearman", id_of(a, it->node), gid, c->n,
					c->spearman, c->state, 0);
	}
	for (int x = 0; g->pairs && x < k; x++) {
		for (int y = x + 1; y < k; y++) {
			const struct cc_stats_corr *c = &g->pairs[x * k + y];
			const char *ix = id_of(a, g->items[g->in[x]].node);
			const char *iy = id_of(a, g->items[g->in[y]].node);
			unsigned f = c->state == CC_STATS_OK && c->pearson > CC_STATS_REDUNDANT ?
				CC_STATS_F_COLLINEAR : 0;
			bad |= csv_row(gid, "corr_pearson", ix, iy, c->n, c->pearson, c->state, f);
			bad |= csv_row(gid, "corr_spearman", ix, iy, c->n, c->spearman, c->state, 0);
		}
	}
	bad |= csv_row(gid, "alpha", "", "", g->complete, g->alpha, g->alpha_state,
		       g->flags & CC_STATS_F_LOW_ALPHA);
	bad |= csv_row(gid, "pc1_share", "", "", g->pca.n, g->pca.share, g->pca.state,
		       g->flags & CC_STATS_F_WEAK_PC1);
	for (int i = 0; g->pca.state == CC_STATS_OK && i < k; i++) {
		char pc[32];
		snprintf(pc, sizeof(pc), "PC%d", i + 1);
		bad |= csv_row(gid, "eigenvalue", pc, "", g->pca.n, g->pca.eigen[i], 0, 0);
	}
	for (int i = 0; g->pca.state == CC_STATS_OK && i < k; i++)
		bad |= csv_row(gid, "pc1_loading", id_of(a, g->items[g->in[i]].node), "",
			       g->pca.n, g->pca.loading[i], 0, 0);
	for (int i = 0; i < g->nitems; i++)
		if (g->items[i].leaf && g->items[i].role != CC_STATS_TEXT)
			bad |= csv_leaf(a, g, &g->items[i]);
	return bad;
}

static int write_csv(const struct cc_stats_audit *a)
{
	int bad = printf("group,measure,item,with,n,value,status,flags\n") < 0;

	for (int i = 0; i < a->ngroups; i++)
		bad |= csv_group(a, &a->groups[i]);
	return bad;
}

/* ---- json ------------------------------------------------------------- */

/* Every json_* below may return NULL on out of memory; jansson's setters
 * accept NULL values and fail, so one check of the result at the end and
 * of each set suffices. */
static json_t *jnum(double x)
{
	return isnan(x) ? json_null() : json_real(x == 0 ? 0 : x);
}

static json_t *jflags(unsigned flags)
{
	json_t *arr = json_array();

	for (int i = 0; i < cc_stats_nrules; i++)
		if (flags & cc_stats_rules[i].flag)
			json_array_append_new(arr, json_string(cc_stats_rules[i].name));
	return arr;
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
			      "audited", it->role == CC_STATS_IN, "role", role_text(it->role));

	if (o && it->role == CC_STATS_IN) {
		json_object_set_new(o, "n", json_integer(it->parent.n));
		json_object_set_new(o, "pearson", jnum(it->parent.pearson));
		json_object_set_new(o, "spearman", jnum(it->parent.spearman));
		json_object_set_new(o, "status", json_string(cc_stats_state_text(it->parent.state)));
		json_object_set_new(o, "flags", jflags(it->flags & ~CC_STATS_F_OUTLIERS));
	}
	if (o && it->leaf && it->role != CC_STATS_TEXT)
		json_object_set_new(o, "descriptive", jdesc(it));
	return o;
}

static json_t *jmatrix(const struct cc_stats_audit *a, const struct cc_stats_group *g)
{
	json_t *ids = json_array(), *n = json_array(), *p = json_array(), *s = json_array();
	int k = g->nin;

	for (int x = 0; x < k; x++) {
		json_t *rn = json_array(), *rp = json_array(), *rs = json_array();
		json_array_append_new(ids, json_string(id_of(a, g->items[g->in[x]].node)));
		for (int y = 0; y < k; y++) {
			const struct cc_stats_corr *c = &g->pairs[x * k + y];
			json_array_append_new(rn, json_integer(c->n));
			json_array_append_new(rp, jnum(c->pearson));
			json_array_append_new(rs, jnum(c->spearman));
		}
		json_array_append_new(n, rn);
		json_array_append_new(p, rp);
		json_array_append_new(s, rs);
	}
	return json_pack("{s:o,s:o,s:o,s:o}", "ids", ids, "n", n, "pearson", p,
			 "spearman", s);
}

static json_t *jpca(const struct cc_stats_audit *a, const struct cc_stats_group *g)
{
	const struct cc_stats_pca *p = &g->pca;
	json_t *o = json_pack("{s:i,s:s,s:o,s:o}", "units", p->n, "status",
			      cc_stats_state_text(p->state), "share", jnum(p->share),
			      "flags", jflags(g->flags & CC_STATS_F_WEAK_PC1));
	json_t *ev = json_array(), *ld = json_object();

	for (int i = 0; p->state == CC_STATS_OK && i < g->nin; i++) {
		json_array_append_new(ev, json_real(p->eigen[i]));
		json_object_set_new(ld, id_of(a, g->items[g->in[i]].node),
				    json_real(p->loading[i]));
	}
	json_object_set_new(o, "eigenvalues", ev);
	json_object_set_new(o, "loadings", ld);
	json_object_set_new(o, "unique", json_boolean(p->state == CC_STATS_OK && p->unique));
	return o;
}

static json_t *jgroup(const struct cc_stats_audit *a, const struct cc_stats_group *g)
{
	const struct cc_node *n = &a->fw->nodes[g->node];
	json_t *kids = json_array();
	json_t *o = json_pack("{s:s,s:s,s:i,s:s}", "id", n->id, "name",
			      cc_node_label(n), "units", g->units, "status",
			      cc_stats_state_text(g->state));

	for (int i = 0; i < g->nitems; i++)
		json_array_append_new(kids, jchild(a, &g->items[i]));
	json_object_set_new(o, "children", kids);
	json_object_set_new(o, "correlations", g->pairs ? jmatrix(a, g) : json_null());
	json_object_set_new(o, "alpha", json_pack("{s:o,s:i,s:s,s:o}", "value",
			    jnum(g->alpha), "units", g->complete, "status",
			    cc_stats_state_text(g->alpha_state), "flags",
			    jflags(g->flags & CC_STATS_F_LOW_ALPHA)));
	json_object_set_new(o, "pca", jpca(a, g));
	return o;
}

static int json_finding(void *ctx, const struct finding *f)
{
	json_t *o = json_pack("{s:s,s:s,s:s?,s:s}", "rule", rule_name(f->flag), "group",
			      f->group, "item", f->item, "detail", f->detail);

	return json_array_append_new(ctx, o) != 0;
}

static int write_json(const struct cc_stats_audit *a)
{
	json_t *groups = json_array(), *flags = json_array(), *rules = json_array(), *top;
	int bad = 0;

	for (int i = 0; i < a->ngroups; i++)
		bad |= json_array_append_new(groups, jgroup(a, &a->groups[i])) != 0;
	bad |= each_finding(a, json_finding, flags);
	for (int i = 0; i < cc_stats_nrules; i++)
		bad |= json_array_append_new(rules, json_pack("{s:s,s:s,s:s}", "name",
					     cc_stats_rules[i].name, "rule", cc_stats_rules[i].rule,
					     "source", cc_stats_rules[i].source)) != 0;
	top = json_pack("{s:s,s:s,s:i,s:s,s:s,s:o,s:o,s:o}", "framework", a->fw->id,
			"title", a->fw->title, "units", a->nunits, "values", "node values, 0-1",
			"kurtosis", "excess (G2)", "groups", groups, "flags", flags,
			"rules", rules);
	if (!top || bad)
		bad = 1;
	else
		bad = json_dumpf(top, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER |
				 JSON_REAL_PRECISION(10)) != 0 || putchar('\n') == EOF;
	json_decref(top);
	return bad;
}

/* ---- command ---------------------------------------------------------- */

int cmd_audit_stats(int argc, char **argv)
{
	static const struct option opts[] = {
		{"format", required_argument, NULL, 'f'},
		{NULL, 0, NULL, 0},
	};
	const char *format = "text";
	struct cli_scored s;
	struct cc_stats_audit audit;
	int c, rc, bad;

	if (cli_wants_help(argc, argv)) {
		fputs(help, stdout);
		return CLI_OK;
	}
	opterr = 0;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c != 'f')
			return cli_usage("audit-stats", "unknown option \"%s\"", argv[optind - 1]);
		format = optarg;
		if (strcmp(format, "text") && strcmp(format, "csv") && strcmp(format, "json"))
			return cli_usage("audit-stats", "--format must be text, csv or json, not \"%s\"",
					 format);
	}
	if (argc - optind != 2)
		return cli_usage("audit-stats", "needs FRAMEWORK and RESPONSES");
	rc = cli_load_scored(argv[optind], argv[optind + 1], &s);
	if (rc)
		return rc;
	if (cc_stats_audit(&audit, &s.scores)) {
		cli_scored_free(&s);
		fprintf(stderr, "cybercap: error: out of memory\n");
		return CLI_FAIL;
	}
	bad = strcmp(format, "csv") == 0 ? write_csv(&audit) :
		strcmp(format, "json") == 0 ? write_json(&audit) : write_text(&audit);
	rc = bad || fflush(stdout) ? cli_write_failed() : CLI_OK;
	cc_stats_audit_free(&audit);
	cli_scored_free(&s);
	return rc;
}
