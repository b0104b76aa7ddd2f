/*
 * cmd_targets.c - `cybercap targets FRAMEWORK RESPONSES [--target ID]
 * [--format csv|json]`: whether each unit meets the framework's targets
 * (format 1.1; the contract is in docs/framework-format.md). As with
 * `score`, output is written only when the whole input is valid.
 */
#include "cli.h"

#include "../format/targets_out.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

static const char help[] =
	"Usage: cybercap targets FRAMEWORK RESPONSES [--target ID] [--format csv|json]\n\n"
	"For every unit in RESPONSES and every target of FRAMEWORK (or the one\n"
	"--target names), prints a summary row and one row per node the target\n"
	"counts for that unit:\n"
	"  unit,target,node,required,attained,met\n"
	"On the summary row (node = the framework's id) required is the number\n"
	"of nodes counted and attained the number met; met is yes when all are.\n"
	"On a node's row required is the minimum (a rating, a stage number or a\n"
	"value), attained what the unit reached (empty: nothing), met yes or no.\n\n"
	"Options:\n"
	"  --target ID         only this target\n"
	"  --format csv|json   output format (default csv)\n"
	"  -h, --help          this help\n";

int cmd_targets(int argc, char **argv)
{
	static const struct option opts[] = {
		{"format", required_argument, NULL, 'f'},
		{"target", required_argument, NULL, 't'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	const char *format = "csv", *target = NULL;
	struct cli_scored s;
	int c, rc, t = -1;

	if (cli_wants_help(argc, argv)) {
		fputs(help, stdout);
		return CLI_OK;
	}
	opterr = 0;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == 'f')
			format = optarg;
		else if (c == 't')
			target = optarg;
		else
			return cli_usage("targets", "unknown option \"%s\"", argv[optind - 1]);
	}
	if (strcmp(format, "csv") != 0 && strcmp(format, "json") != 0)
		return cli_usage("targets", "--format must be csv or json, not \"%s\"", format);
	if (argc - optind != 2)
		return cli_usage("targets", "needs FRAMEWORK and RESPONSES");
	rc = cli_load_scored(argv[optind], argv[optind + 1], &s);
	if (rc)
		return rc;
	if (target && (t = cc_framework_target(&s.fw, target)) < 0) {
		fprintf(stderr, "%s: error: the framework has no target \"%s\"\n",
			argv[optind], target);
		cli_scored_free(&s);
		return CLI_BAD;
	}
	rc = strcmp(format, "json") == 0 ?
		cc_targets_write_json(stdout, &s.answers, &s.scores, t, -1) :
		cc_targets_write_csv(stdout, &s.answers, &s.scores, t, -1, 0);
	cli_scored_free(&s);
	if (rc || fflush(stdout) != 0)
		return cli_write_failed();
	return CLI_OK;
}
