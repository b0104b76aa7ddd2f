/*
 * cmd_gaps.c - `cybercap gaps FRAMEWORK RESPONSES UNIT`: the "identify
 * priorities" step. Lists the unit's nodes by points still missing, with
 * how many peers, in its ITU region and among all units, already score full
 * on each: a gap others have closed is a gap that can be closed.
 */
#include "cli.h"

#include "../core/gaps.h"
#include "../format/results_out.h"
#include "../format/units_csv.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char help[] =
	"Usage: cybercap gaps FRAMEWORK RESPONSES UNIT [--top N] [--units FILE]\n"
	"                     [--format table|csv]\n\n"
	"Lists UNIT's largest gains available: groups and questions ordered by\n"
	"points still missing (max - points), with the share of its ITU region's\n"
	"units and of all units that already score full on each.\n\n"
	"Options:\n"
	"  --top N         how many (default 10; 0 for all)\n"
	"  --units FILE    units file with an itu_region column (default: the\n"
	"                  bundled data/countries.csv)\n"
	"  --format F      table (default) or csv\n"
	"  -h, --help      this help\n";

static void share(char *buf, size_t size, int full, int n)
{
	if (n == 0)
		snprintf(buf, size, "-");
	else
		snprintf(buf, size, "%d/%d (%.0f%%)", full, n, 100.0 * full / n);
}

static int print_csv(const struct cli_scored *s, const struct cc_gap *g, int n)
{
	const struct cc_framework *fw = &s->fw;
	int bad = printf("rank,node,kind,missing,points,max,region_full,region_peers,"
			 "all_full,all_peers,text\n") < 0;

	for (int i = 0; i < n; i++) {
		const struct cc_node *node = &fw->nodes[g[i].node];
		bad |= printf("%d,", i + 1) < 0;
		bad |= cc_csv_write_cell(stdout, node->id) != 0;
		bad |= printf(",%s,%.*f,%.*f,%.*f,%d,%d,%d,%d,",
			      node->kind == CC_GROUP ? "group" : node->kind == CC_INDICATOR ?
			      "indicator" : "question", fw->precision, g[i].missing,
			      fw->precision, g[i].points, fw->precision, g[i].max,
			      g[i].region_full, g[i].region_peers, g[i].peers_full,
			      g[i].peers) < 0;
		bad |= cc_csv_write_cell(stdout, cc_node_label(node)) != 0;
		bad |= putchar('\n') == EOF;
	}
	return bad;
}

static int print_table(const struct cli_scored *s, int unit, const char *name,
		       const char *region, const struct cc_gap *g, int n)
{
	const struct cc_framework *fw = &s->fw;
	int bad = 0;
	char rs[32], as[32];

	bad |= printf("Largest gains for %s (%s): %.*f of %g points; ITU region: %s\n\n",
		      s->answers.units[unit], name, fw->precision,
		      cc_scores_points(&s->scores, unit, 0), fw->scale,
		      region ? region : "not known") < 0;
	bad |= printf("%3s %9s %19s %16s %16s  %s\n", "#", "missing", "points / max",
		      "region at full", "all at full", "node: text") < 0;
	for (int i = 0; i < n; i++) {
		const struct cc_node *node = &fw->nodes[g[i].node];
		char pm[64];
		share(rs, sizeof(rs), g[i].region_full, g[i].region_peers);
		share(as, sizeof(as), g[i].peers_full, g[i].peers);
		snprintf(pm, sizeof(pm), "%.*f / %.*f", fw->precision, g[i].points,
			 fw->precision, g[i].max);
		bad |= printf("%3d %9.*f %19s %16s %16s  %s: %s\n", i + 1, fw->precision,
			      g[i].missing, pm, rs, as, node->id, cc_node_label(node)) < 0;
	}
	if (n == 0)
		bad |= printf("No gaps: every node is at its maximum.\n") < 0;
	return bad;
}

int cmd_gaps(int argc, char **argv)
{
	static const struct option opts[] = {
		{"top", required_argument, NULL, 't'},
		{"units", required_argument, NULL, 'u'},
		{"format", required_argument, NULL, 'f'},
		{NULL, 0, NULL, 0},
	};
	const char *units_path = NULL, *format = "table", *region = NULL;
	char default_units[4200];
	struct cli_scored s;
	struct cc_units units;
	struct cc_error err;
	struct cc_gap *gaps = NULL;
	unsigned char *in_region = NULL;
	int c, rc, top = 10, unit, ngaps = 0, bad;

	if (cli_wants_help(argc, argv)) {
		fputs(help, stdout);
		return CLI_OK;
	}
	opterr = 0;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == 't') {
			char *end;
			long v = strtol(optarg, &end, 10);
			if (*end || !*optarg || v < 0 || v > 1000000)
				return cli_usage("gaps", "--top takes a whole number >= 0");
			top = (int)v;
		} else if (c == 'u') {
			units_path = optarg;
		} else if (c == 'f') {
			format = optarg;
			if (strcmp(format, "table") && strcmp(format, "csv"))
				return cli_usage("gaps", "--format must be table or csv");
		} else {
			return cli_usage("gaps", "unknown option \"%s\"", argv[optind - 1]);
		}
	}
	if (argc - optind != 3)
		return cli_usage("gaps", "needs FRAMEWORK, RESPONSES and UNIT");
	if (!units_path) {
		snprintf(default_units, sizeof(default_units), "%s/countries.csv", cli_data_dir());
		units_path = default_units;
	}
	cc_error_clear(&err);
	if (cc_units_load(&units, units_path, &err))
		return cli_report(&err);
	rc = cli_load_scored(argv[optind], argv[optind + 1], &s);
	if (rc) {
		cc_units_free(&units);
		return rc;
	}
	unit = cc_answers_find_unit(&s.answers, argv[optind + 2]);
	if (unit < 0) {
		rc = cli_usage("gaps", "unit \"%s\" is not in %s", argv[optind + 2],
			       argv[optind + 1]);
		goto cleanup;
	}
	region = cc_units_cell(&units, cc_units_row(&units, argv[optind + 2]),
			       cc_units_column(&units, "itu_region"));
	if (region && !*region)
		region = NULL;
	in_region = calloc((size_t)s.answers.nunits + 1, 1);
	if (!in_region) {
		rc = CLI_FAIL;
		fprintf(stderr, "cybercap: error: out of memory\n");
		goto cleanup;
	}
	for (int u = 0; region && u < s.answers.nunits; u++) {
		const char *r = cc_units_cell(&units, cc_units_row(&units, s.answers.units[u]),
					      cc_units_column(&units, "itu_region"));
		in_region[u] = r && strcmp(r, region) == 0;
	}
	if (cc_gaps_compute(&s.scores, unit, region ? in_region : NULL, &gaps, &ngaps)) {
		rc = CLI_FAIL;
		fprintf(stderr, "cybercap: error: out of memory\n");
		goto cleanup;
	}
	if (top > 0 && ngaps > top)
		ngaps = top;
	bad = strcmp(format, "csv") == 0 ? print_csv(&s, gaps, ngaps) :
		print_table(&s, unit, cc_units_name(&units, argv[optind + 2]), region,
			    gaps, ngaps);
	rc = bad || fflush(stdout) ? cli_write_failed() : CLI_OK;
cleanup:
	free(gaps);
	free(in_region);
	cli_scored_free(&s);
	cc_units_free(&units);
	return rc;
}
