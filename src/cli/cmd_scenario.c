/*
 * cmd_scenario.c - drill scenarios (../shared/spec/scenario-format.md) on
 * the command line:
 *   `cybercap scenario check FILE` validates one and prints its planned
 *   timeline as CSV: inject,at,planned,to, ordered by planned time, ties
 *   in the file's order;
 *   `cybercap scenario msel-export FILE [OUT]` writes its injects as an
 *   MSEL table (format/msel.h): CSV on standard output, or OUT (.csv or
 *   .xlsx);
 *   `cybercap scenario msel-import FILE MSEL` prints FILE with the
 *   injects of MSEL (CSV or .xlsx), checked as `check` checks a file.
 * Bad input: FILE:LINE[:COL]: error: ..., one line per bad cell, exit 2,
 * nothing on standard output.
 */
#include "cli.h"

#include "../format/fileio.h"
#include "../format/msel.h"
#include "../format/results_out.h"
#include "../format/scenario_yaml.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char help[] =
	"Usage: cybercap scenario check FILE\n"
	"       cybercap scenario msel-export FILE [OUT.csv|OUT.xlsx]\n"
	"       cybercap scenario msel-import FILE MSEL.csv|MSEL.xlsx\n\n"
	"check validates the drill scenario FILE (its challenge files are looked\n"
	"up beside it) and prints its planned timeline:\n"
	"  inject,at,planned,to\n"
	"one row per inject: at is its time in minutes of play, planned is the\n"
	"later of at and the planned time of the inject it comes after, to its\n"
	"teams joined by | (or all). Rows by planned time, ties in file order.\n\n"
	"msel-export writes the injects of FILE as an MSEL spreadsheet, one inject\n"
	"a row in the columns id,at,after,to,channel,from,title,content,expects,\n"
	"notes: CSV on standard output, or the file OUT (a workbook when it ends\n"
	"in .xlsx, its sheet \"MSEL\").\n\n"
	"msel-import prints FILE with its injects replaced by those of the MSEL\n"
	"file (CSV, or a workbook with a sheet \"MSEL\"), the rest of FILE as it\n"
	"is; every bad cell is reported as MSEL:LINE:COL with its column's name.\n"
	"See docs/drills.md, \"MSEL spreadsheets\".\n";

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

static int check(const char *file)
{
	struct cc_scenario sc;
	struct cc_error err;
	int bad;

	cc_error_clear(&err);
	if (cc_scenario_load(&sc, file, &err))
		return cli_report(&err);
	bad = print_timeline(&sc);
	cc_scenario_free(&sc);
	if (bad || fflush(stdout))
		return cli_write_failed();
	return CLI_OK;
}

static bool ends_with(const char *s, const char *tail)
{
	size_t n = strlen(s), k = strlen(tail);

	return n >= k && strcmp(s + n - k, tail) == 0;
}

static int write_out(const char *path, const char *data, size_t len)
{
	FILE *f = path ? fopen(path, "wb") : stdout;
	int bad = !f || fwrite(data, 1, len, f) != len;

	if (f && path)
		bad |= fclose(f) != 0;
	else if (f)
		bad |= fflush(f) != 0;
	if (bad && path) {
		fprintf(stderr, "%s: error: cannot write the file\n", path);
		return CLI_BAD;
	}
	return bad ? cli_write_failed() : CLI_OK;
}

static int msel_export(const char *file, const char *out)
{
	struct cc_scenario sc;
	struct cc_error err;
	char *body;
	size_t len;
	int rc;

	cc_error_clear(&err);
	if (cc_scenario_load(&sc, file, &err))
		return cli_report(&err);
	rc = cc_msel_write(&sc, NULL, out && ends_with(out, ".xlsx"), &body, &len, &err);
	cc_scenario_free(&sc);
	if (rc)
		return cli_report(&err);
	rc = write_out(out, body, len);
	free(body);
	return rc;
}

/* "AB" -> 28: the 1-based number of a column's letters. */
static int col_number(const char *letters)
{
	int n = 0;

	for (const char *p = letters; *p; p++)
		n = n * 26 + (*p - 'A' + 1);
	return n;
}

/* Every bad cell as MSEL:LINE:COL: error: ... */
static int report_cells(const char *msel, bool xlsx, const struct cc_xlsx_errors *errs)
{
	for (int i = 0; i < errs->n; i++) {
		const struct cc_xlsx_error *e = &errs->v[i];
		fputs(msel, stderr);
		if (e->row > 0)
			fprintf(stderr, ":%d", e->row);
		if (e->row > 0 && e->col[0])
			fprintf(stderr, ":%d", col_number(e->col));
		fprintf(stderr, ": error: %s%s%s%s\n", xlsx && e->sheet ? "sheet " : "",
			xlsx && e->sheet ? e->sheet : "", xlsx && e->sheet ? ": " : "", e->msg);
	}
	if (errs->dropped)
		fprintf(stderr, "%s: error: and %d more\n", msel, errs->dropped);
	return CLI_BAD;
}

static int msel_import(const char *file, const char *msel)
{
	struct cc_xlsx_errors errs;
	struct cc_error err;
	char *text = NULL, *data = NULL, *out = NULL, dir[4096];
	const char *slash = strrchr(file, '/');
	size_t len, dlen, olen;
	int rc;

	cc_error_clear(&err);
	cc_xlsx_errors_init(&errs);
	snprintf(dir, sizeof(dir), "%.*s", slash ? (int)(slash - file) : 1, slash ? file : ".");
	if ((rc = cc_read_file(file, CC_SCENARIO_MAX_BYTES, &text, &len, &err)) ||
	    (rc = cc_read_file(msel, CC_REGISTER_MAX_BYTES, &data, &dlen, &err))) {
		free(text);
		cc_xlsx_errors_free(&errs);
		return cli_report(&err);
	}
	cc_xlsx_errors_free(&errs);
	rc = cc_msel_rewrite(text, len, file, msel, data, dlen, dir[0] ? dir : "/", &out, &olen,
			     &errs, &err);
	if (rc && errs.n)
		rc = report_cells(msel, cc_msel_is_xlsx(data, dlen), &errs);
	else if (rc)
		rc = cli_report(&err);
	else
		rc = write_out(NULL, out, olen);
	cc_xlsx_errors_free(&errs);
	free(text);
	free(data);
	free(out);
	return rc;
}

int cmd_scenario(int argc, char **argv)
{
	if (cli_wants_help(argc, argv)) {
		fputs(help, stdout);
		return CLI_OK;
	}
	for (int i = 2; i < argc; i++)
		if (argv[i][0] == '-')
			return cli_usage("scenario", "unknown option %s", argv[i]);
	if (argc == 3 && strcmp(argv[1], "check") == 0)
		return check(argv[2]);
	if ((argc == 3 || argc == 4) && strcmp(argv[1], "msel-export") == 0)
		return msel_export(argv[2], argc == 4 ? argv[3] : NULL);
	if (argc == 4 && strcmp(argv[1], "msel-import") == 0)
		return msel_import(argv[2], argv[3]);
	return cli_usage("scenario", "usage: cybercap scenario check|msel-export|msel-import "
			 "FILE ... (see --help)");
}
