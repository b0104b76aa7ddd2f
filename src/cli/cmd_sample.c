/*
 * cmd_sample.c - `cybercap sample FRAMEWORK`: fictional answers for any
 * framework (the generator is described in src/core/sample.h), and
 * optionally the fictional units file that goes with them.
 */
#include "cli.h"

#include "../core/sample.h"
#include "../format/framework_yaml.h"
#include "../format/responses_out.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char help[] =
	"Usage: cybercap sample FRAMEWORK [--units N] [--seed S] [--edition K]\n"
	"                       [--blank-rate R] [--units-out FILE]\n\n"
	"Prints fictional answers (unit,question,answer) to FRAMEWORK for N units\n"
	"with the ISO 3166 user-assigned codes XAA, XAB, ... (at most 676). The\n"
	"same seed gives the same file; a later --edition shows progress for the\n"
	"same units. No real country is described.\n\n"
	"Options:\n"
	"  --units N          number of units (default 40)\n"
	"  --seed S           random seed (default 1)\n"
	"  --edition K        edition 0, 1, 2, ... (default 0)\n"
	"  --blank-rate R     share of answers left blank (default 0.02)\n"
	"  --units-out FILE   also write the units file (iso3,name_en,m49_region,\n"
	"                     itu_region,ldc,lldc,sids)\n"
	"  -h, --help         this help\n";

static int parse_long(const char *s, long min, long max, long *out)
{
	char *end;
	long v = strtol(s, &end, 10);

	if (!*s || *end || v < min || v > max)
		return -1;
	*out = v;
	return 0;
}

static int write_units(const char *path, const struct cc_sample_opts *o)
{
	FILE *f = fopen(path, "w");
	int bad = 0;

	if (!f) {
		fprintf(stderr, "%s: error: cannot write\n", path);
		return CLI_FAIL;
	}
	bad |= fputs("iso3,name_en,m49_region,itu_region,ldc,lldc,sids\n", f) < 0;
	for (int i = 0; i < o->units; i++) {
		struct cc_sample_unit u;
		cc_sample_unit(o->seed, i, &u);
		bad |= fprintf(f, "%s,%s,%s,%s,%s,%s,%s\n", u.id, u.name, u.m49_region,
			       u.itu_region, u.ldc ? "yes" : "no",
			       u.lldc ? "yes" : "no", u.sids ? "yes" : "no") < 0;
	}
	bad |= fclose(f) != 0;
	if (bad) {
		fprintf(stderr, "%s: error: cannot write\n", path);
		return CLI_FAIL;
	}
	return CLI_OK;
}

int cmd_sample(int argc, char **argv)
{
	static const struct option opts[] = {
		{"units", required_argument, NULL, 'u'},
		{"seed", required_argument, NULL, 's'},
		{"edition", required_argument, NULL, 'e'},
		{"blank-rate", required_argument, NULL, 'b'},
		{"units-out", required_argument, NULL, 'o'},
		{NULL, 0, NULL, 0},
	};
	struct cc_sample_opts o = {.units = 40, .seed = 1, .blank_rate = 0.02};
	const char *units_out = NULL;
	struct cc_framework fw;
	struct cc_answers a;
	struct cc_error err;
	long v;
	int c, rc;

	if (cli_wants_help(argc, argv)) {
		fputs(help, stdout);
		return CLI_OK;
	}
	opterr = 0;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'u':
			if (parse_long(optarg, 0, CC_SAMPLE_MAX_UNITS, &v))
				return cli_usage("sample", "--units takes a whole number from 0 to %d",
						 CC_SAMPLE_MAX_UNITS);
			o.units = (int)v;
			break;
		case 's':
			if (parse_long(optarg, 0, 2147483647L, &v))
				return cli_usage("sample", "--seed takes a whole number >= 0");
			o.seed = (unsigned long)v;
			break;
		case 'e':
			if (parse_long(optarg, 0, 50, &v))
				return cli_usage("sample", "--edition takes a whole number from 0 to 50");
			o.edition = (int)v;
			break;
		case 'b':
			if (parse_long(optarg, 0, 0, &v) == 0) {
				o.blank_rate = 0;
			} else {
				char *end;
				o.blank_rate = strtod(optarg, &end);
				if (*end || o.blank_rate < 0 || o.blank_rate > 1)
					return cli_usage("sample", "--blank-rate takes a number from 0 to 1");
			}
			break;
		case 'o':
			units_out = optarg;
			break;
		default:
			return cli_usage("sample", "unknown option \"%s\"", argv[optind - 1]);
		}
	}
	if (argc - optind != 1)
		return cli_usage("sample", "needs FRAMEWORK");
	cc_error_clear(&err);
	if (cc_framework_load(&fw, argv[optind], &err))
		return cli_report(&err);
	rc = cc_sample_answers(&fw, &o, &a, &err);
	if (rc) {
		cc_framework_free(&fw);
		return cli_report(&err);
	}
	rc = units_out ? write_units(units_out, &o) : CLI_OK;
	if (!rc && (cc_responses_write_csv(stdout, &a) || fflush(stdout)))
		rc = cli_write_failed();
	cc_answers_free(&a);
	cc_framework_free(&fw);
	return rc;
}
