/*
 * cmd_serve.c - `cybercap serve --data DIR [--listen ADDR] [--web DIR]`:
 * the API and the web interface (src/server), and `cybercap demo`, which
 * prepares a data directory with the fictional editions and then serves.
 */
#include "cli.h"

#include "../server/server.h"
#include "../server/tls_check.h"
#include "../service/auth.h"
#include "../service/service.h"

#include <getopt.h>
#include <sodium.h>
#include <sys/stat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char serve_help[] =
	"Usage: cybercap serve --data DIR [--db URL] [--listen HOST:PORT] [OPTION...]\n\n"
	"Serves the HTTP API (/api/v1/..., described at /api/v1/openapi.json) and\n"
	"the web interface from DIR's database. Published campaigns appear without a\n"
	"restart. Stops cleanly on SIGINT or SIGTERM, letting requests finish.\n\n"
	"Options:\n"
	"  --data DIR          the data directory (cybercap init)\n"
	"  --db URL            a PostgreSQL database (postgresql://...; or\n"
	"                      CYBERCAP_DB) instead of DIR's SQLite one, which\n"
	"                      several servers may share (docs/operations.md)\n"
	"  --listen HOST:PORT  address (default 127.0.0.1:8080; port 0 picks one)\n"
	"  --web DIR           the built web interface (default: web/dist beside\n"
	"                      the data folder of the installation)\n"
	"  --threads N         worker threads (default: two per core)\n"
	"  --tls-cert FILE     serve HTTPS with this PEM certificate (chain) ...\n"
	"  --tls-key FILE      ... and this PEM private key; cookies are then Secure\n"
	"  --max-connections N open connections at most (default 2048; the process\n"
	"                      needs as many file descriptors: ulimit -n)\n"
	"  --per-ip N          open connections from one address at most (default\n"
	"                      256; behind a reverse proxy every client is one address)\n"
	"  --timeout S         close a connection idle for S seconds (default 30),\n"
	"                      or whose request headers are not in after S seconds,\n"
	"                      or whose body comes slower than 1 KB/s after S\n";

static const char demo_help[] =
	"Usage: cybercap demo [--data DIR] [--db URL] [--listen HOST:PORT] [--web DIR]\n\n"
	"Creates DIR (default ./cybercap-demo) if needed with the countries, the\n"
	"bundled frameworks and mappings and 40 fictional units (XAA-XBN), imports\n"
	"four editions of the national commitment index made by `cybercap sample`\n"
	"(seed 2026): 2025 and 2026 published on its 2026 edition, 2027 published on\n"
	"its 2027 edition, 2028 open; campaigns on the maturity and readiness models\n"
	"(one of them an open workshop with three respondents, one a review of XAA\n"
	"pre-filled from the index through a mapping); two action plans (XAA's\n"
	"drafted from its gaps, XAC's CIRT establishment plan); a drill on the\n"
	"hospital ransomware scenario ready to start (speed 12: three hours of play\n"
	"in fifteen minutes) and one run to its end with its after-action report;\n"
	"XAA's national cyber risk assessment (15 scenarios, a workshop of three\n"
	"participants, published); one sign-in per role. Then serves them. Nothing\n"
	"describes a real country. With --db postgresql://...\n"
	"the same goes into PostgreSQL (make cluster-demo).\n";

static void print_ready(const char *url, void *arg)
{
	(void)arg;
	printf("cybercap: serving %s  (Ctrl-C stops)\n", url);
	fflush(stdout);
}

/* A whole number in [lo, hi] into *out; -1 when s is not one. */
static int count_arg(const char *s, unsigned lo, unsigned hi, unsigned *out)
{
	char *end;
	long v = strtol(s, &end, 10);

	if (end == s || *end || v < (long)lo || v > (long)hi)
		return -1;
	*out = (unsigned)v;
	return 0;
}

static int parse_serve(int argc, char **argv, const char *cmd,
		       struct cc_server_opts *o)
{
	static const struct option opts[] = {
		{"data", required_argument, NULL, 'd'},
		{"listen", required_argument, NULL, 'l'},
		{"web", required_argument, NULL, 'w'},
		{"threads", required_argument, NULL, 't'},
		{"tls-cert", required_argument, NULL, 'c'},
		{"tls-key", required_argument, NULL, 'k'},
		{"max-connections", required_argument, NULL, 'm'},
		{"per-ip", required_argument, NULL, 'p'},
		{"timeout", required_argument, NULL, 'o'},
		{NULL, 0, NULL, 0},
	};
	int c;

	opterr = 0;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == 'd') {
			o->data_dir = optarg;
		} else if (c == 'l') {
			o->listen = optarg;
		} else if (c == 'w') {
			o->web_dir = optarg;
		} else if (c == 'c') {
			o->tls_cert = optarg;
		} else if (c == 'k') {
			o->tls_key = optarg;
		} else if (c == 't') {
			if (count_arg(optarg, 1, 64, &o->threads))
				return cli_usage(cmd, "--threads takes 1 to 64");
		} else if (c == 'm') {
			if (count_arg(optarg, 1, 65536, &o->max_connections))
				return cli_usage(cmd, "--max-connections takes 1 to 65536");
		} else if (c == 'p') {
			if (count_arg(optarg, 1, 65536, &o->per_ip))
				return cli_usage(cmd, "--per-ip takes 1 to 65536");
		} else if (c == 'o') {
			if (count_arg(optarg, 1, 3600, &o->timeout_s))
				return cli_usage(cmd, "--timeout takes 1 to 3600 seconds");
		} else {
			return cli_usage(cmd, "unknown option \"%s\"", argv[optind - 1]);
		}
	}
	if (optind != argc)
		return cli_usage(cmd, "unexpected argument \"%s\"", argv[optind]);
	if ((o->tls_cert != NULL) != (o->tls_key != NULL))
		return cli_usage(cmd, "--tls-cert and --tls-key go together");
	if (o->tls_cert) {
		/* A wrong file is named now, not as "cannot listen" later. */
		struct cc_error err;
		cc_error_clear(&err);
		if (cc_tls_check(o->tls_cert, o->tls_key, &err))
			return cli_report(&err);
	}
	if (!o->web_dir)
		o->web_dir = cli_default_web();
	return CLI_OK;
}

int cmd_serve(int argc, char **argv)
{
	struct cc_server_opts o = {.ready = print_ready};
	struct cc_error err;
	int rc;

	if (cli_wants_help(argc, argv)) {
		fputs(serve_help, stdout);
		return CLI_OK;
	}
	if ((rc = parse_serve(argc, argv, "serve", &o)))
		return rc;
	if (!o.data_dir)
		return cli_usage("serve", "needs --data DIR");
	cc_error_clear(&err);
	rc = cc_server_run(&o, &err);
	return rc ? cli_report(&err) : CLI_OK;
}

static void print_logins(const char *dir)
{
	char path[4300], line[400];
	FILE *f;

	snprintf(path, sizeof(path), "%s/demo-logins.txt", dir);
	f = fopen(path, "r");
	if (!f)
		return;
	printf("cybercap: demo sign-ins (role, email, password):\n");
	while (fgets(line, sizeof(line), f))
		printf("  %s", line);
	fclose(f);
}

int cmd_demo(int argc, char **argv)
{
	struct cc_server_opts o = {.ready = print_ready};
	struct cc_error err;
	int rc;

	if (cli_wants_help(argc, argv)) {
		fputs(demo_help, stdout);
		return CLI_OK;
	}
	if ((rc = parse_serve(argc, argv, "demo", &o)))
		return rc;
	if (!o.data_dir)
		o.data_dir = "cybercap-demo";
	cc_error_clear(&err);
	rc = cc_service_demo(o.data_dir, cli_data_dir(), &err);
	if (!rc) {
		printf("cybercap: demo data in %s: campaigns nci-2025, nci-2026 and nci-2027 "
		       "(published; nci-2027 on the index's 2027 edition), nci-2028 (open; XAD's "
		       "questionnaire submitted for review); 40 fictional units\n", o.data_dir);
		printf("cybercap: maturity and readiness: cirt-readiness-2025/2026 (XAC), "
		       "national-maturity-2025/2026, the sector models (2026), the "
		       "workshop of csirt-maturity-2026 (XAB, open, three respondents) and "
		       "national-maturity-2027 (XAA, open, pre-filled from nci-2026)\n");
		printf("cybercap: action plans: xaa-2026 (XAA, public, drafted from its nci-2025 "
		       "gaps) and xac-cirt (XAC, CIRT establishment from cirt-readiness-2025)\n");
		printf("cybercap: risk register: xaa-ncra-2026 (XAA, national 5 x 5 matrix, 15 "
		       "scenarios, a workshop of three participants, published with 8 public)\n");
		printf("cybercap: partnerships: 4 fictional partners, 6 offers, 12 requests from "
		       "fictional LDCs and SIDS, matches, pledges in every status (report: "
		       "/api/v1/partnerships/report?year=2026)\n");
		print_logins(o.data_dir);
		if (!o.web_dir)
			printf("cybercap: no built web interface found (make builds web/dist); "
			       "serving the API only\n");
		rc = cc_server_run(&o, &err);
	}
	return rc ? cli_report(&err) : CLI_OK;
}
