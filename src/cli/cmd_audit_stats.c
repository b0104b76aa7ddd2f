/*
 * cmd_audit_stats.c - `cybercap audit-stats FRAMEWORK RESPONSES [--format
 * text|csv|json]`: the statistical audit of core/stats.h over the scored
 * units, as a report by group for analysts (text), one row per (group,
 * measure, item) (csv), or the report as JSON (format/audit_json.h, the
 * same JSON the server answers). Measures, columns and the rules behind
 * each flag are documented in docs/audit-stats.md.
 *
 * All figures are on node values in [0, 1], not points. A figure that
 * cannot be computed is never printed as NaN: text and CSV say why ("not
 * enough data", "constant: undefined"), JSON has null and a status.
 */
#include "cli.h"

#include "../core/stats.h"
#include "../format/audit_json.h"
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

/* ---- text ------------------------------------------------------------- */

static int count_finding(void *ctx, const struct cc_audit_finding *f)
{
	(void)f;
	++*(int *)ctx;
	return 0;
}

static int print_finding(void *ctx, const struct cc_audit_finding *f)
{
	(void)ctx;
	return printf("  %-14s %s%s%s: %s\n", cc_audit_rule_name(f->flag), f->group,
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
				      id_of(a, it->node), "", cc_audit_role_text(it->role)) < 0;
		else if (c->state != CC_STATS_OK)
			bad |= printf("    %-*s %5d  %s%s%s\n", w, id_of(a, it->node), c->n,
				      cc_stats_state_text(c->state), *fl ? "  " : "", fl) < 0;
		else
			bad |= printf("    %-*s %5d %8s %9s%s%s\n", w, id_of(a, it->node), c->n,
				      cc_audit_f3(p, sizeof(p), c->pearson),
				      cc_audit_f3(s, sizeof(s), c->spearman),
				      *fl ? "  " : "", fl) < 0;
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
				      cc_audit_f3(r, sizeof(r), c->pearson) : "-") < 0;
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
			     cc_audit_f3(r, sizeof(r), g->alpha), g->complete,
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
		bad |= printf(" %s", cc_audit_f3(r, sizeof(r), p->eigen[i])) < 0;
	bad |= printf("\n    loadings of the first component%s:\n",
		      p->unique ? "" : " (NOT unique: the two largest eigenvalues are equal)") < 0;
	for (int i = 0; i < g->nin; i++)
		bad |= printf("      %-*s %7s\n", w, id_of(a, g->items[g->in[i]].node),
			      cc_audit_f3(r, sizeof(r), p->loading[i])) < 0;
	return bad;
}

static const char *num_or(char *buf, size_t size, double x, const char *dash)
{
	return isnan(x) ? dash : cc_audit_f3(buf, size, x);
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
	cc_audit_each_finding(a, count_finding, &count);
	bad |= printf("\nFlags (%d):\n", count) < 0;
	bad |= cc_audit_each_finding(a, print_finding, NULL);
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
	bad |= cc_csv_write_cell(stdout, group) != 0;
	bad |= printf(",%s,", measure) < 0;
	bad |= cc_csv_write_cell(stdout, item) != 0;
	bad |= putchar(',') == EOF;
	bad |= cc_csv_write_cell(stdout, with) != 0;
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
				      cc_audit_role_text(it->role)) < 0;
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

static int write_json(const struct cc_stats_audit *a)
{
	json_t *top = cc_audit_json(a);
	int bad = !top || json_dumpf(top, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER |
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
