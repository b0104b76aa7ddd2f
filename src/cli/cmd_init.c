/*
 * cmd_init.c - `cybercap init --data DIR [--units FILE]... [--framework
 * FILE]... [--mapping FILE]... [--scenario FILE]... [--matrix FILE]...`:
 * creates a data directory (the database and its schema) and loads the
 * bundled countries, their groups, the bundled frameworks, mappings (each
 * checked against the frameworks it names), drill scenarios and risk
 * matrices, and the risk taxonomies. Safe to run again: records are replaced
 * or kept as versions (a changed scenario or matrix is a new version; risk
 * assessments keep theirs), nothing is lost.
 */
#include "cli.h"
#include "../service/texts.h"

#include "../service/mappings.h"
#include "../service/partners.h"
#include "../service/skills.h"
#include "../service/risks.h"
#include "../service/scenarios.h"
#include "../service/service.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

static const char help[] =
	"Usage: cybercap init --data DIR [--units FILE]... [--framework FILE]...\n"
	"                     [--mapping FILE]... [--scenario FILE]... [--matrix FILE]...\n\n"
	"Creates the data directory DIR (database and schema) and loads the bundled\n"
	"countries (data/countries.csv) with their groups (ITU regions, UN M49\n"
	"regions, LDC, LLDC, SIDS), the bundled frameworks (frameworks/*.yaml), the\n"
	"bundled mappings between them (mappings/*.yaml, each checked against the\n"
	"frameworks it names), the bundled drill scenarios (scenarios/*.yaml), the\n"
	"bundled risk matrices (matrices/*.yaml) and the risk taxonomies\n"
	"(data/taxonomies/*.csv), and the reference texts in other languages\n"
	"(data/i18n/LANG.yaml). Running it again updates those records (a changed\n"
	"scenario or matrix is kept as a new version; every risk assessment keeps\n"
	"the matrix it started with) and keeps everything else.\n\n"
	"Options:\n"
	"  --data DIR        the data directory (created if missing)\n"
	"  --units FILE      also load a units file (same columns as countries.csv)\n"
	"  --framework FILE  also load a framework file\n"
	"  --mapping FILE    also load a mapping file (after every framework)\n"
	"  --scenario FILE   also load a drill scenario (its challenge files beside it)\n"
	"  --matrix FILE     also load a risk matrix file\n"
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

/* The bundled matrices and the taxonomies (BUNDLED/../matrices,
 * BUNDLED/taxonomies), then the matrix files given. */
static int load_risk_data(struct cc_store *s, const char **files, int n, int *matrices,
			  int *terms, struct cc_error *err)
{
	char dir[4300], id[128];
	int rc;

	snprintf(dir, sizeof(dir), "%s/../matrices", cli_data_dir());
	rc = cc_service_add_matrices_dir(s, dir, matrices, err);
	snprintf(dir, sizeof(dir), "%s/taxonomies", cli_data_dir());
	if (!rc)
		rc = cc_service_add_taxonomies(s, dir, terms, err);
	for (int i = 0; !rc && i < n; i++) {
		rc = cc_service_add_matrix(s, files[i], id, sizeof(id), err);
		*matrices += !rc;
	}
	return rc;
}

static int load_scenarios(struct cc_store *s, const char *data, const char **files, int n,
			  int *count, struct cc_error *err)
{
	char dir[4300];
	int rc;

	snprintf(dir, sizeof(dir), "%s/../scenarios", cli_data_dir());
	rc = cc_scenarios_add_dir(s, data, dir, "init", count, err);
	for (int i = 0; !rc && i < n; i++) {
		struct cc_scenario_added out;
		rc = cc_scenarios_add_file(s, data, files[i], "init", &out, err);
		*count += !rc;
	}
	return rc;
}

int cmd_init(int argc, char **argv)
{
	static const struct option opts[] = {
		{"data", required_argument, NULL, 'd'},
		{"units", required_argument, NULL, 'u'},
		{"framework", required_argument, NULL, 'f'},
		{"mapping", required_argument, NULL, 'm'},
		{"scenario", required_argument, NULL, 's'},
		{"matrix", required_argument, NULL, 'x'},
		{NULL, 0, NULL, 0},
	};
	const char *data = NULL, *units[16], *fws[16], *maps[16], *scs[16], *mxs[16];
	int nunits = 0, nfws = 0, nmaps = 0, nscs = 0, nmxs = 0, c, rc, added, total = 0,
	    frameworks = 0, mappings = 0, scenarios = 0, matrices = 0, terms = 0, texts = 0;
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
		else if (c == 's' && nscs < 16)
			scs[nscs++] = optarg;
		else if (c == 'x' && nmxs < 16)
			mxs[nmxs++] = optarg;
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
	if (!rc)
		rc = load_scenarios(s, data, scs, nscs, &scenarios, &err);
	if (!rc)
		rc = load_risk_data(s, mxs, nmxs, &matrices, &terms, &err);
	snprintf(path, sizeof(path), "%s/partnerships", cli_data_dir());
	if (!rc)
		rc = cc_partners_load_data(s, path, &err);
	snprintf(path, sizeof(path), "%s/skills", cli_data_dir());
	if (!rc)
		rc = cc_skills_load_data(s, path, &err);
	snprintf(path, sizeof(path), "%s/i18n", cli_data_dir());
	if (!rc)
		rc = cc_service_add_texts(s, path, &texts, &err);
	cc_store_close(s);
	if (rc)
		return cli_report(&err);
	printf("%s: %d units, %d frameworks, %d mappings, %d scenarios, %d risk matrices, "
	       "%d taxonomy terms loaded\n", data, total, frameworks, mappings, scenarios,
	       matrices, terms);
	if (texts)
		printf("%s: %d reference texts in other languages loaded (data/i18n)\n", data, texts);
	return CLI_OK;
}
