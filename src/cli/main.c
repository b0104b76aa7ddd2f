/*
 * main.c - `cybercap <command>`: finds the command in the table and runs it.
 * Every command lives in cmd_<name>.c and composes format + core.
 */
#include "cli.h"

#include "../store/store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct cli_command commands[] = {
	{"score", cmd_score, "score units on a framework (CSV or JSON)"},
	{"targets", cmd_targets, "whether units meet the framework's targets (format 1.1)"},
	{"scenario", cmd_scenario, "check a drill scenario and print its planned timeline"},
	{"matrix", cmd_matrix, "check a risk matrix and print its grid"},
	{"mapping", cmd_mapping, "check a crosswalk between frameworks, or pre-fill answers through it"},
	{"check", cmd_check, "validate a framework and print its tree"},
	{"summary", cmd_summary, "points by group: count, mean, median, min, max"},
	{"gaps", cmd_gaps, "a unit's largest gains still available"},
	{"robustness", cmd_robustness, "how far ranks depend on the index's choices"},
	{"audit-stats", cmd_audit_stats, "statistical audit: correlations, alpha, PCA, skew"},
	{"sample", cmd_sample, "generate fictional answers for a framework"},
	{"init", cmd_init, "create a data directory with countries and frameworks"},
	{"import", cmd_import, "create or fill a campaign from a responses file"},
	{"publish", cmd_publish, "freeze a campaign's results"},
	{"user", cmd_user, "accounts and roles: add, grant, token, list"},
	{"audit", cmd_audit, "verify the audit trail's hash chain"},
	{"backup", cmd_backup, "copy the database and evidence while serving"},
	{"restore", cmd_restore, "put a backup back into a data directory"},
	{"migrate", cmd_migrate, "move a database between SQLite and PostgreSQL"},
	{"export-site", cmd_export_site, "the published results as a static site"},
	{"serve", cmd_serve, "serve the API and the web interface"},
	{"demo", cmd_demo, "prepare fictional editions and serve them"},
};

static void usage(FILE *out)
{
	fprintf(out, "Usage: cybercap COMMAND [ARGS...]\n\n"
		"cybercap measures cybersecurity capacity: frameworks as data,\n"
		"scores, ranks, levels, groups and gaps.\n\nCommands:\n");
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		fprintf(out, "  %-9s %s\n", commands[i].name, commands[i].summary);
	fprintf(out, "\nRun 'cybercap COMMAND --help' for a command's options.\n"
		"Every command that opens a data directory takes --db postgresql://...\n"
		"(or CYBERCAP_DB) to keep its data in PostgreSQL instead of SQLite.\n"
		"Exit status: 0 ok, 1 runtime failure, 2 bad input or usage.\n");
}

/* --db URL (or --db=URL), anywhere on the line, for every command that
 * opens the store: taken out of argv and put in CYBERCAP_DB, which the
 * store reads (store.h). A CYBERCAP_DB that is not a PostgreSQL URL is
 * refused, so that a typing error does not fall back to SQLite. */
static int take_db(int *argc, char **argv)
{
	const char *url = NULL, *env;
	int n = 0;

	for (int i = 0; i < *argc; i++) {
		if (strcmp(argv[i], "--db") == 0 && i + 1 < *argc) {
			url = argv[++i];
			continue;
		}
		if (strncmp(argv[i], "--db=", 5) == 0) {
			url = argv[i] + 5;
			continue;
		}
		if (strcmp(argv[i], "--db") == 0) {
			fprintf(stderr, "cybercap: --db needs a postgresql:// URL\n");
			return CLI_BAD;
		}
		argv[n++] = argv[i];
	}
	argv[n] = NULL;
	*argc = n;
	if (url && !cc_store_is_url(url)) {
		fprintf(stderr, "cybercap: --db %s: not a PostgreSQL URL (postgresql://...); "
			"without --db the data directory's SQLite database is used\n", url);
		return CLI_BAD;
	}
	if (url)
		setenv("CYBERCAP_DB", url, 1);
	env = getenv("CYBERCAP_DB");
	if (env && *env && !cc_store_is_url(env)) {
		fprintf(stderr, "cybercap: CYBERCAP_DB=%s: not a PostgreSQL URL (postgresql://...)\n", env);
		return CLI_BAD;
	}
	return CLI_OK;
}

int main(int argc, char **argv)
{
	if (take_db(&argc, argv))
		return CLI_BAD;
	if (argc < 2) {
		usage(stderr);
		return CLI_BAD;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
	    strcmp(argv[1], "help") == 0) {
		usage(stdout);
		return CLI_OK;
	}
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (strcmp(argv[1], commands[i].name) == 0)
			return commands[i].run(argc - 1, argv + 1);
	fprintf(stderr, "cybercap: unknown command \"%s\"\n\n", argv[1]);
	usage(stderr);
	return CLI_BAD;
}
