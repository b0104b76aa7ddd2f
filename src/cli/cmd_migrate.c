/*
 * cmd_migrate.c - `cybercap migrate --from WHERE --to WHERE`: a data
 * directory's SQLite database moved to PostgreSQL, or back (WHERE a data
 * directory or a postgresql:// URL), then verified: the same rows in every
 * table, the audit chain intact, every stored file hashing to its name.
 * The copy is store/copy.c's.
 */
#include "cli.h"

#include "../store/store.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

static const char help[] =
	"Usage: cybercap migrate --from DIR|URL --to DIR|URL\n\n"
	"Copies every table of a cybercap database (and its stored files: evidence\n"
	"and drill attachments) into a new one, on either backend: a data\n"
	"directory's SQLite database (DIR) or a PostgreSQL database\n"
	"(postgresql://...). The destination must be new: an empty PostgreSQL\n"
	"database, or a data directory without a database. Then verifies it: the\n"
	"row count of every table on both sides, the audit chain (as cybercap\n"
	"audit verify does) and every stored file's SHA-256.\n"
	"Stop the servers first: rows written during the copy are not in it.\n"
	"Exit 0 when copied and verified; 1 when something failed (the destination\n"
	"then holds nothing: the copy is one transaction); 2 on bad usage or a\n"
	"destination that is not new (named, with a table that has rows).\n";

static int open_both(const char *from, const char *to, struct cc_store **a, struct cc_store **b,
		     struct cc_error *err)
{
	int rc = cc_store_open_at(a, from, 0, err);

	if (!rc && (rc = cc_store_open_at(b, to, 1, err))) {
		cc_store_close(*a);
		*a = NULL;
	}
	return rc;
}

int cmd_migrate(int argc, char **argv)
{
	static const struct option opts[] = {
		{"from", required_argument, NULL, 'f'},
		{"to", required_argument, NULL, 't'},
		{NULL, 0, NULL, 0},
	};
	const char *from = NULL, *to = NULL;
	static struct cc_copy_report rep;
	struct cc_store *a = NULL, *b = NULL;
	struct cc_error err;
	int c, rc;

	if (cli_wants_help(argc, argv)) {
		fputs(help, stdout);
		return CLI_OK;
	}
	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == 'f')
			from = optarg;
		else if (c == 't')
			to = optarg;
		else
			return cli_usage("migrate", "unknown option \"%s\"", argv[optind - 1]);
	}
	if (!from || !to || optind != argc)
		return cli_usage("migrate", "needs --from DIR|URL and --to DIR|URL");
	if (strcmp(from, to) == 0)
		return cli_usage("migrate", "--from and --to are the same");
	cc_error_clear(&err);
	if (open_both(from, to, &a, &b, &err))
		return cli_report(&err);
	rc = cc_store_copy(a, from, b, to, &rep, &err);
	cc_store_close(a);
	cc_store_close(b);
	if (rc)
		return cli_report(&err);
	for (int i = 0; i < rep.ntables; i++)
		if (rep.tables[i].rows)
			printf("  %-32s %lld rows\n", rep.tables[i].name, rep.tables[i].rows);
	printf("migrate: %lld rows in %d tables and %lld stored files copied; verified: row "
	       "counts equal, audit chain intact (%lld events), every file's SHA-256 checked\n",
	       rep.rows, rep.ntables, rep.files, rep.events);
	return CLI_OK;
}
