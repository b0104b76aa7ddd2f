/*
 * cmd_score.c - `cybercap score FRAMEWORK RESPONSES [--format csv|json]`:
 * the scoring contract (docs/framework-format.md). Output is written only
 * when the whole input is valid, so a failure leaves stdout empty.
 */
#include "cli.h"

#include "../format/results_out.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

static const char help[] =
	"Usage: cybercap score FRAMEWORK RESPONSES [--format csv|json]\n\n"
	"Scores every unit in RESPONSES (CSV: unit,question,answer) on FRAMEWORK\n"
	"(YAML) and prints one row per unit and node:\n"
	"  unit,node,value,points,max,rank,level\n"
	"value is the share achieved (0 to 1), points = value x max, rank is\n"
	"among the units on points rounded to the framework's precision, level\n"
	"is given on the root row. Excluded nodes have empty value/points/rank.\n\n"
	"Options:\n"
	"  --format csv|json   output format (default csv)\n"
	"  -h, --help          this help\n";

int cmd_score(int argc, char **argv)
{
	static const struct option opts[] = {
		{"format", required_argument, NULL, 'f'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	const char *format = "csv";
	struct cli_scored s;
	int c, rc;

	if (cli_wants_help(argc, argv)) {
		fputs(help, stdout);
		return CLI_OK;
	}
	opterr = 0;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == 'f')
			format = optarg;
		else
			return cli_usage("score", "unknown option \"%s\"", argv[optind - 1]);
	}
	if (strcmp(format, "csv") != 0 && strcmp(format, "json") != 0)
		return cli_usage("score", "--format must be csv or json, not \"%s\"", format);
	if (argc - optind != 2)
		return cli_usage("score", "needs FRAMEWORK and RESPONSES");
	rc = cli_load_scored(argv[optind], argv[optind + 1], &s);
	if (rc)
		return rc;
	rc = strcmp(format, "json") == 0 ?
		cc_results_write_json(stdout, &s.answers, &s.scores) :
		cc_results_write_csv(stdout, &s.answers, &s.scores, 0);
	cli_scored_free(&s);
	if (rc || fflush(stdout) != 0)
		return cli_write_failed();
	return CLI_OK;
}
