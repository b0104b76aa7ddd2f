/*
 * cmd_init.c - `cybercap init --data DIR [--units FILE]...`: creates a data
 * directory (the database and its schema) and loads the bundled countries,
 * their groups, the bundled frameworks and the bundled mappings (each
 * checked against the frameworks it names). Safe to run again: records are
 * replaced, nothing is lost.
 */
#include "cli.h"

#include "../service/mappings.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

static const char help[] =
	"Usage: cybercap init --data DIR [--units FILE]... [--framework FILE]...\n"
	"                     [--mapping FILE]...\n\n"
	"Creates the data directory DIR (database and schema) and loads the bundled\n"
	"countries (data/countries.csv) with their groups (ITU regions, UN M49\n"
	"regions, LDC, LLDC, SIDS), the bundled frameworks (frameworks/*.yaml) and\n"
	"the bundled mappings between them (mappings/*.yaml), each mapping checked\n"
	"against the frameworks it names. Running it again updates those records\n"
	"and keeps everything else.\n\n"
	"Options:\n"
	"  --data DIR        the data directory (created if missing)\n"
	"  --units FILE      also load a units file (same columns as countries.csv)\n"
	"  --framework FILE  also load a framework file\n"
	"  --mapping FILE    also load a mapping file (after every framework)\n"
	"  -h, --help        this help\n";

/* Adds the bundled files of folder (frameworks, mappings) beside the data
 * folder. */
static int load_bundled(struct cc_store *s, const char *folder, cc_service_add_fn add,
			int *count, struct cc_error *err)
{
	char dir[4300];

	snprintf(dir, sizeof(dir), "%s/../%s", cli_data_dir(), folder);
	return cc_service_add_dir(s, dir, add, count, err);
}

int cmd_init(int argc, char **argv)
{
	static const struct option opts[] = {
		{"data", required_argument, NULL, 'd'},
		{"units", required_argument, NULL, 'u'},
		{"framework", required_argument, NULL, 'f'},
		{"mapping", required_argument, NULL, 'm'},
		{NULL, 0, NULL, 0},
	};
	const char *data = NULL, *units[16], *fws[16], *maps[16];
	int nunits = 0, nfws = 0, nmaps = 0, c, rc, added, total = 0, frameworks = 0, mappings = 0;
	char path[4300], id[128];
	struct cc_store *s;
	struct cc_error err;

	if (cli_wants_help(argc, argv)) {
		fputs(help, stdout);
		return CLI_OK;
	}
	opterr = 0;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == 'd')
			data = optarg;
		else if (c == 'u' && nunits < 16)
			units[nunits++] = optarg;
		else if (c == 'f' && nfws < 16)
			fws[nfws++] = optarg;
		else if (c == 'm' && nmaps < 16)
			maps[nmaps++] = optarg;
		else
			return cli_usage("init", "unknown or repeated option \"%s\"", argv[optind - 1]);
	}
	if (!data || optind != argc)
		return cli_usage("init", "needs --data DIR and nothing else");
	cc_error_clear(&err);
	if (cc_store_open(&s, data, 1, &err))
		return cli_report(&err);
	snprintf(path, sizeof(path), "%s/countries.csv", cli_data_dir());
	rc = cc_service_add_units(s, path, &added, &err);
	total += added;
	for (int i = 0; !rc && i < nunits; i++) {
		rc = cc_service_add_units(s, units[i], &added, &err);
		total += added;
	}
	if (!rc)
		rc = load_bundled(s, "frameworks", cc_service_add_framework, &frameworks, &err);
	for (int i = 0; !rc && i < nfws; i++) {
		rc = cc_service_add_framework(s, fws[i], id, sizeof(id), &err);
		frameworks += !rc;
	}
	if (!rc)
		rc = load_bundled(s, "mappings", cc_service_add_mapping, &mappings, &err);
	for (int i = 0; !rc && i < nmaps; i++) {
		rc = cc_service_add_mapping(s, maps[i], id, sizeof(id), &err);
		mappings += !rc;
	}
	cc_store_close(s);
	if (rc)
		return cli_report(&err);
	printf("%s: %d units, %d frameworks, %d mappings loaded\n", data, total, frameworks,
	       mappings);
	return CLI_OK;
}
