/*
 * cmd_scenario.c - `cybercap scenario check FILE`: validates a drill
 * scenario (../shared/spec/scenario-format.md) and prints its planned
 * timeline as CSV: inject,at,planned,to, ordered by planned time, ties in
 * the file's order. Bad input: FILE:LINE:COL: error: ..., exit 2, nothing
 * on standard output.
 */
#include "cli.h"

#include "../format/results_out.h"
#include "../format/scenario_yaml.h"

#include <stdio.h>
#include <string.h>

static const char help[] =
	"Usage: cybercap scenario check FILE\n\n"
	"Validates the drill scenario FILE (its challenge files are looked up\n"
	"beside it) and prints its planned timeline:\n"
	"  inject,at,planned,to\n"
	"one row per inject: at is its time in minutes of play, planned is the\n"
	"later of at and the planned time of the inject it comes after, to its\n"
	"teams joined by | (or all). Rows by planned time, ties in file order.\n";

static int print_timeline(const struct cc_scenario *sc)
{
	int bad = fputs("inject,at,planned,to\n", stdout) == EOF;

	for (int k = 0; k < sc->ninjects && !bad; k++) {
		const struct cc_inject *in = &sc->injects[sc->timeline[k]];
		char at[64], planned[64];

		cc_format_number(at, sizeof(at), in->at);
		cc_format_number(planned, sizeof(planned), in->planned);
		bad |= cc_csv_write_field(stdout, in->id) != 0;
		bad |= printf(",%s,%s,", at, planned) < 0;
		if (in->to_all) {
			bad |= fputs("all", stdout) == EOF;
		} else {
			char to[8192];
			size_t used = 0;
			to[0] = '\0';
			for (int t = 0; t < in->nto && used < sizeof(to); t++)
				used += (size_t)snprintf(to + used, sizeof(to) - used, "%s%s",
							 t ? "|" : "", in->to[t].id);
			bad |= cc_csv_write_field(stdout, to) != 0;
		}
		bad |= fputc('\n', stdout) == EOF;
	}
	return bad;
}

int cmd_scenario(int argc, char **argv)
{
	struct cc_scenario sc;
	struct cc_error err;
	int bad;

	if (cli_wants_help(argc, argv)) {
		fputs(help, stdout);
		return CLI_OK;
	}
	if (argc != 3 || strcmp(argv[1], "check") != 0 || argv[2][0] == '-')
		return cli_usage("scenario", "usage: cybercap scenario check FILE");
	cc_error_clear(&err);
	if (cc_scenario_load(&sc, argv[2], &err))
		return cli_report(&err);
	bad = print_timeline(&sc);
	cc_scenario_free(&sc);
	if (bad || fflush(stdout))
		return cli_write_failed();
	return CLI_OK;
}
