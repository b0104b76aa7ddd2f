/*
 * cmd_publish.c - `cybercap publish --data DIR --campaign ID`: scores the
 * campaign's answers and freezes the results, which never change after.
 */
#include "cli.h"

#include "../service/service.h"

#include <getopt.h>
#include <stdio.h>

static const char help[] =
	"Usage: cybercap publish --data DIR --campaign ID\n\n"
	"Scores campaign ID and freezes its values, points, ranks and levels.\n"
	"Published results never change: a correction is a new campaign.\n";

int cmd_publish(int argc, char **argv)
{
	static const struct option opts[] = {
		{"data", required_argument, NULL, 'd'},
		{"campaign", required_argument, NULL, 'c'},
		{NULL, 0, NULL, 0},
	};
	const char *data = NULL, *campaign = NULL;
	struct cc_store *s;
	struct cc_error err;
	int c, rc;

	if (cli_wants_help(argc, argv)) {
		fputs(help, stdout);
		return CLI_OK;
	}
	opterr = 0;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == 'd')
			data = optarg;
		else if (c == 'c')
			campaign = optarg;
		else
			return cli_usage("publish", "unknown option \"%s\"", argv[optind - 1]);
	}
	if (!data || !campaign || optind != argc)
		return cli_usage("publish", "needs --data DIR and --campaign ID");
	cc_error_clear(&err);
	if (cc_store_open(&s, data, 0, &err))
		return cli_report(&err);
	rc = cc_service_publish(s, campaign, &err);
	cc_store_close(s);
	if (rc)
		return cli_report(&err);
	printf("campaign %s published\n", campaign);
	return CLI_OK;
}
