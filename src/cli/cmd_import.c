/*
 * cmd_import.c - `cybercap import --data DIR --campaign ID --framework FW
 * [--framework-version V] RESPONSES.csv`: creates or fills a campaign. Strict and all-or-nothing:
 * the whole file is checked first and a bad file changes nothing.
 */
#include "cli.h"

#include "../service/service.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char help[] =
	"Usage: cybercap import --data DIR --campaign ID --framework FW\n"
	"                       [--framework-version V] [--title T] [--year Y] RESPONSES.csv\n\n"
	"Creates campaign ID on framework FW (a framework id in the data\n"
	"directory; its latest version, the highest, or version V) if it does not\n"
	"exist, then stores the answers of RESPONSES, read with the campaign's own\n"
	"version of FW.\n"
	"The file is checked whole first (every error names FILE:LINE); if\n"
	"anything is wrong, nothing is stored. An answer given again replaces the\n"
	"previous one, which stays in the history. Published campaigns never\n"
	"change.\n";

int cmd_import(int argc, char **argv)
{
	static const struct option opts[] = {
		{"data", required_argument, NULL, 'd'},
		{"campaign", required_argument, NULL, 'c'},
		{"framework", required_argument, NULL, 'f'},
		{"title", required_argument, NULL, 't'},
		{"year", required_argument, NULL, 'y'},
		{"framework-version", required_argument, NULL, 'v'},
		{NULL, 0, NULL, 0},
	};
	struct cc_import im = {.author = "cli:import", .year = 0};
	const char *data = NULL;
	struct cc_store *s;
	struct cc_error err;
	int c, rc;

	if (cli_wants_help(argc, argv)) {
		fputs(help, stdout);
		return CLI_OK;
	}
	opterr = 0;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		char *end;
		switch (c) {
		case 'd': data = optarg; break;
		case 'c': im.campaign = optarg; break;
		case 'f': im.framework = optarg; break;
		case 't': im.title = optarg; break;
		case 'v': im.version = optarg; break;
		case 'y':
			im.year = (int)strtol(optarg, &end, 10);
			if (*end || im.year < 1900 || im.year > 2999)
				return cli_usage("import", "--year takes a year such as 2026");
			break;
		default:
			return cli_usage("import", "unknown option \"%s\"", argv[optind - 1]);
		}
	}
	if (!data || !im.campaign || !im.framework || argc - optind != 1)
		return cli_usage("import", "needs --data, --campaign, --framework and RESPONSES");
	if (!cc_framework_valid_id(im.campaign, strlen(im.campaign)))
		return cli_usage("import", "a campaign id is made of letters, digits, '_', '.', ':' or '-'");
	if (!im.year)
		im.year = 2026;
	cc_error_clear(&err);
	if (cc_store_open(&s, data, 0, &err))
		return cli_report(&err);
	rc = cc_service_import(s, &im, argv[optind], &err);
	cc_store_close(s);
	if (rc)
		return cli_report(&err);
	printf("%s: %d answers from %d units stored in %s campaign %s\n", argv[optind],
	       im.answers, im.units, im.created ? "new" : "existing", im.campaign);
	return CLI_OK;
}
