/*
 * cmd_audit.c - `cybercap audit verify --data DIR`: recomputes the hash
 * chain of the audit trail and names the first row that does not match.
 */
#include "cli.h"

#include "../store/store.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

static const char help[] =
	"Usage: cybercap audit verify --data DIR\n\n"
	"Checks that the audit trail is intact: every row's hash covers its content\n"
	"and the row before it, so an edited, inserted or deleted row breaks the\n"
	"chain. Exit 0 when intact; 1 with the first broken row named otherwise.\n";

int cmd_audit(int argc, char **argv)
{
	static const struct option opts[] = {
		{"data", required_argument, NULL, 'd'},
		{NULL, 0, NULL, 0},
	};
	const char *data = NULL;
	struct cc_store *s;
	struct cc_error err;
	long long bad, count;
	int c, rc;

	if (cli_wants_help(argc, argv)) {
		fputs(help, stdout);
		return CLI_OK;
	}
	if (argc < 2 || strcmp(argv[1], "verify") != 0)
		return cli_usage("audit", "the command is: cybercap audit verify --data DIR");
	opterr = 0;
	optind = 2;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c != 'd')
			return cli_usage("audit", "unknown option \"%s\"", argv[optind - 1]);
		data = optarg;
	}
	if (!data || optind != argc)
		return cli_usage("audit", "needs --data DIR");
	cc_error_clear(&err);
	if (cc_store_open(&s, data, 0, &err))
		return cli_report(&err);
	rc = cc_store_audit_verify(s, &bad, &count, &err);
	cc_store_close(s);
	if (rc)
		return cli_report(&err);
	if (bad) {
		fprintf(stderr, "%s: error: the audit trail is broken at event %lld "
			"(its hash or its link to the event before does not match; "
			"%lld events read)\n", data, bad, count);
		return CLI_FAIL;
	}
	printf("%s: audit trail intact (%lld events)\n", data, count);
	return CLI_OK;
}
