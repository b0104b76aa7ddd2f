/*
 * cmd_matrix.c - `cybercap matrix check FILE`: validates a risk matrix
 * (../shared/spec/risk-matrix-format.md) and prints its grid as CSV,
 * likelihood,impact,level: one row per cell, likelihood levels in the
 * file's order and within each the impact levels in the file's order.
 */
#include "cli.h"

#include "../format/matrix_yaml.h"
#include "../format/results_out.h"

#include <stdio.h>
#include <string.h>

static const char help[] =
	"Usage: cybercap matrix check FILE\n\n"
	"Validates the risk matrix FILE and prints every cell of its grid:\n"
	"  likelihood,impact,level\n"
	"likelihood levels in the file's order, within each the impact levels.\n";

int cmd_matrix(int argc, char **argv)
{
	struct cc_matrix m;
	struct cc_error err;
	int bad;

	if (cli_wants_help(argc, argv)) {
		fputs(help, stdout);
		return CLI_OK;
	}
	if (argc != 3 || strcmp(argv[1], "check") != 0 || argv[2][0] == '-')
		return cli_usage("matrix", "usage: cybercap matrix check FILE");
	cc_error_clear(&err);
	if (cc_matrix_load(&m, argv[2], &err))
		return cli_report(&err);
	bad = fputs("likelihood,impact,level\n", stdout) == EOF;
	for (int l = 0; l < m.nlikelihood && !bad; l++)
		for (int i = 0; i < m.nimpact && !bad; i++)
			bad = cc_csv_write_field(stdout, m.likelihood[l].id) || fputc(',', stdout) == EOF ||
			      cc_csv_write_field(stdout, m.impact[i].id) || fputc(',', stdout) == EOF ||
			      cc_csv_write_field(stdout, m.levels[cc_matrix_cell(&m, l, i)].id) ||
			      fputc('\n', stdout) == EOF;
	cc_matrix_free(&m);
	if (bad || fflush(stdout))
		return cli_write_failed();
	return CLI_OK;
}
