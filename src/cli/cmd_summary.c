/*
 * cmd_summary.c - `cybercap summary FRAMEWORK RESPONSES --by GROUPING`:
 * points per group of units and node (count, mean, median, min, max), the
 * "groups against the world" view. Groups come from a units file column.
 */
#include "cli.h"

#include "../core/groups.h"
#include "../format/results_out.h"
#include "../format/units_csv.h"

#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char help[] =
	"Usage: cybercap summary FRAMEWORK RESPONSES --by GROUPING [--units FILE]\n"
	"                        [--depth D]\n\n"
	"Prints, per group and node, the count of units and the mean, median, min\n"
	"and max of their points (CSV: group,node,count,mean,median,min,max). The\n"
	"first group, \"(all)\", is every unit. GROUPING is a column of the units\n"
	"file: itu_region, m49_region, m49_subregion, ldc, lldc, sids, or any\n"
	"other. Units missing from the units file form the group \"(not listed)\".\n\n"
	"Options:\n"
	"  --by COLUMN     the grouping (required)\n"
	"  --units FILE    units file (default: the bundled data/countries.csv)\n"
	"  --depth D       only nodes at most D levels below the root\n"
	"  -h, --help      this help\n";

struct grouping {
	const char **names;   /* names[0] is "(all)" */
	int n;
	int *of;              /* per unit: its group (>= 1) */
};

static int group_index(struct grouping *g, const char *name)
{
	for (int i = 1; i < g->n; i++)
		if (strcmp(g->names[i], name) == 0)
			return i;
	g->names[g->n] = name;
	return g->n++;
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Groups sorted by name so the output does not depend on unit order. */
static void build_grouping(const struct cc_answers *a, const struct cc_units *u,
			   int col, struct grouping *g)
{
	g->names[0] = "(all)";
	g->n = 1;
	for (int i = 0; i < a->nunits; i++) {
		const char *v = cc_units_cell(u, cc_units_row(u, a->units[i]), col);
		g->of[i] = group_index(g, v ? v : "(not listed)");
	}
	qsort(g->names + 1, (size_t)(g->n - 1), sizeof(char *), cmp_names);
	for (int i = 0; i < a->nunits; i++) {
		const char *v = cc_units_cell(u, cc_units_row(u, a->units[i]), col);
		g->of[i] = group_index(g, v ? v : "(not listed)");
	}
}

static int print_summary(const struct cli_scored *s, const struct grouping *g,
			 int depth)
{
	const struct cc_framework *fw = &s->fw;
	size_t nn = (size_t)fw->nnodes;
	struct cc_stats *st = malloc((size_t)g->n * nn * sizeof(*st));
	int *of = malloc(((size_t)s->answers.nunits + 1) * sizeof(int));
	int bad = 0;

	if (!st || !of) {
		free(st);
		free(of);
		return CC_ENOMEM;
	}
	/* Groups 1.. by the column; then group 0 ("(all)") over everyone. */
	bad |= cc_groups_summarise(&s->scores, g->of, g->n, st);
	for (int u = 0; u < s->answers.nunits; u++)
		of[u] = 0;
	bad |= cc_groups_summarise(&s->scores, of, 1, st);
	bad |= printf("group,node,count,mean,median,min,max\n") < 0;
	for (int gi = 0; gi < g->n; gi++) {
		for (size_t i = 0; i < nn; i++) {
			const struct cc_stats *x = &st[(size_t)gi * nn + i];
			if (depth >= 0 && fw->nodes[i].depth > depth)
				continue;
			bad |= cc_csv_write_cell(stdout, g->names[gi]) != 0;
			bad |= putchar(',') == EOF;
			bad |= cc_csv_write_cell(stdout, fw->nodes[i].id) != 0;
			bad |= printf(",%d", x->count) < 0;
			if (x->count == 0)
				bad |= printf(",,,,\n") < 0;
			else
				bad |= printf(",%.*f,%.*f,%.*f,%.*f\n", fw->precision, x->mean,
					      fw->precision, x->median, fw->precision, x->min,
					      fw->precision, x->max) < 0;
		}
	}
	free(st);
	free(of);
	return bad ? CC_EIO : CC_OK;
}

int cmd_summary(int argc, char **argv)
{
	static const struct option opts[] = {
		{"by", required_argument, NULL, 'b'},
		{"units", required_argument, NULL, 'u'},
		{"depth", required_argument, NULL, 'd'},
		{NULL, 0, NULL, 0},
	};
	const char *by = NULL, *units_path = NULL;
	char default_units[4200];
	struct cli_scored s;
	struct cc_units units;
	struct cc_error err;
	struct grouping g = {0};
	int c, rc, col, depth = -1;

	if (cli_wants_help(argc, argv)) {
		fputs(help, stdout);
		return CLI_OK;
	}
	opterr = 0;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == 'b') {
			by = optarg;
		} else if (c == 'u') {
			units_path = optarg;
		} else if (c == 'd') {
			char *end;
			depth = (int)strtol(optarg, &end, 10);
			if (*end || depth < 0)
				return cli_usage("summary", "--depth takes a whole number >= 0");
		} else {
			return cli_usage("summary", "unknown option \"%s\"", argv[optind - 1]);
		}
	}
	if (argc - optind != 2)
		return cli_usage("summary", "needs FRAMEWORK and RESPONSES");
	if (!by)
		return cli_usage("summary", "needs --by GROUPING (e.g. --by itu_region)");
	if (!units_path) {
		snprintf(default_units, sizeof(default_units), "%s/countries.csv", cli_data_dir());
		units_path = default_units;
	}
	cc_error_clear(&err);
	if (cc_units_load(&units, units_path, &err))
		return cli_report(&err);
	col = cc_units_column(&units, by);
	if (col < 0) {
		cc_units_free(&units);
		return cli_usage("summary", "the units file %s has no column \"%s\"", units_path, by);
	}
	rc = cli_load_scored(argv[optind], argv[optind + 1], &s);
	if (rc) {
		cc_units_free(&units);
		return rc;
	}
	g.names = malloc(((size_t)s.answers.nunits + 2) * sizeof(char *));
	g.of = malloc(((size_t)s.answers.nunits + 1) * sizeof(int));
	if (!g.names || !g.of) {
		rc = CC_ENOMEM;
	} else {
		build_grouping(&s.answers, &units, col, &g);
		rc = print_summary(&s, &g, depth);
	}
	free(g.names);
	free(g.of);
	cli_scored_free(&s);
	cc_units_free(&units);
	if (rc == CC_ENOMEM) {
		fprintf(stderr, "cybercap: error: out of memory\n");
		return CLI_FAIL;
	}
	if (rc || fflush(stdout))
		return cli_write_failed();
	return CLI_OK;
}
