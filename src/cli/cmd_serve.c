/*
 * cmd_serve.c - `cybercap serve --data DIR [--listen ADDR] [--web DIR]`:
 * the API and the web interface (src/server), and `cybercap demo`, which
 * prepares a data directory with the fictional editions and then serves.
 */
#include "cli.h"

#include "../server/server.h"
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
	"Usage: cybercap serve --data DIR [--listen HOST:PORT] [--web DIR] [--threads N]\n\n"
	"Serves the HTTP API (/api/v1/..., described at /api/v1/openapi.json) and\n"
	"the web interface from DIR's database. Published campaigns appear without a\n"
	"restart. Stops cleanly on SIGINT or SIGTERM, letting requests finish.\n\n"
	"Options:\n"
	"  --data DIR          the data directory (cybercap init)\n"
	"  --listen HOST:PORT  address (default 127.0.0.1:8080; port 0 picks one)\n"
	"  --web DIR           the built web interface (default: web/dist beside\n"
	"                      the data folder of the installation)\n"
	"  --threads N         worker threads (default: two per core)\n"
	"  --tls-cert FILE     serve HTTPS with this PEM certificate (chain) ...\n"
	"  --tls-key FILE      ... and this PEM private key; cookies are then Secure\n";

static const char demo_help[] =
	"Usage: cybercap demo [--data DIR] [--listen HOST:PORT] [--web DIR]\n\n"
	"Creates DIR (default ./cybercap-demo) if needed with the countries, the\n"
	"bundled framework and 40 fictional units (XAA-XBN), imports three editions\n"
	"of fictional answers made by `cybercap sample` (seed 2026): 2025 and 2026\n"
	"published, 2027 open, then serves them. Nothing describes a real country.\n";

static void print_ready(const char *url, void *arg)
{
	(void)arg;
	printf("cybercap: serving %s  (Ctrl-C stops)\n", url);
	fflush(stdout);
}

static const char *default_web(void)
{
	static char dir[4300];

	snprintf(dir, sizeof(dir), "%s/../web/dist", cli_data_dir());
	return access(dir, R_OK) == 0 ? dir : NULL;
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
			o->threads = (unsigned)atoi(optarg);
			if (o->threads < 1 || o->threads > 64)
				return cli_usage(cmd, "--threads takes 1 to 64");
		} else {
			return cli_usage(cmd, "unknown option \"%s\"", argv[optind - 1]);
		}
	}
	if (optind != argc)
		return cli_usage(cmd, "unexpected argument \"%s\"", argv[optind]);
	if (!o->web_dir)
		o->web_dir = default_web();
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

/* Demo accounts, one per role, with random passwords kept in
 * DIR/demo-logins.txt (readable by the owner only) and printed at start. */
static const struct { const char *email, *name, *role, *unit, *campaign; } demo_users[] = {
	{"admin@demo.cybercap", "Demo administrator", "admin", NULL, NULL},
	{"analyst@demo.cybercap", "Demo analyst", "analyst", NULL, NULL},
	{"reviewer@demo.cybercap", "Demo reviewer", "reviewer", NULL, "nci-2027"},
	{"focal.xaa@demo.cybercap", "Focal point of XAA", "focal_point", "XAA", NULL},
	{"focal.xab@demo.cybercap", "Focal point of XAB", "focal_point", "XAB", NULL},
};

static int demo_accounts(struct cc_store *s, const char *dir, struct cc_error *err)
{
	char path[4300];
	FILE *f;
	int rc = CC_OK;

	snprintf(path, sizeof(path), "%s/demo-logins.txt", dir);
	f = fopen(path, "w");
	if (!f)
		return cc_error_set(err, CC_EIO, path, 0, 0, "cannot write");
	chmod(path, 0600);
	for (size_t i = 0; !rc && i < sizeof(demo_users) / sizeof(demo_users[0]); i++) {
		unsigned char r[9];
		char pw[32], hash[200];
		long long id;

		randombytes_buf(r, sizeof(r));
		sodium_bin2base64(pw, sizeof(pw), r, sizeof(r), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
		rc = cc_auth_hash_password(pw, hash, sizeof(hash));
		if (!rc)
			rc = cc_store_create_user(s, demo_users[i].email, demo_users[i].name, hash, &id, err);
		if (!rc)
			rc = cc_store_grant(s, id, demo_users[i].role, demo_users[i].unit,
					    demo_users[i].campaign, err);
		if (!rc)
			fprintf(f, "%-12s %-26s %s%s%s%s\n", demo_users[i].role, demo_users[i].email, pw,
				demo_users[i].unit ? "  (unit " : "", demo_users[i].unit ?
				demo_users[i].unit : "", demo_users[i].unit ? ")" : "");
	}
	fclose(f);
	return rc;
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

/* The demo's three editions: fictional answers from the same units. */
static int demo_prepare(const char *dir, struct cc_error *err)
{
	static const struct { const char *id; int year, edition, publish; double blank; } eds[] = {
		{"nci-2025", 2025, 0, 1, 0.02},
		{"nci-2026", 2026, 1, 1, 0.02},
		{"nci-2027", 2027, 2, 0, 0.45},
	};
	char path[4300], id[128];
	struct cc_store *s;
	struct cc_list l;
	int rc, added;

	rc = cc_store_open(&s, dir, 1, err);
	if (rc)
		return rc;
	if (cc_store_campaign(s, "nci-2025", &l, NULL) == CC_OK) {
		cc_list_free(&l);
		cc_store_close(s);
		return CC_OK;  /* prepared before */
	}
	snprintf(path, sizeof(path), "%s/countries.csv", cli_data_dir());
	rc = cc_service_add_units(s, path, &added, err);
	snprintf(path, sizeof(path), "%s/sample-units.csv", cli_data_dir());
	if (!rc)
		rc = cc_service_add_units(s, path, &added, err);
	snprintf(path, sizeof(path), "%s/../frameworks/national-commitment.yaml", cli_data_dir());
	if (!rc)
		rc = cc_service_add_framework(s, path, id, sizeof(id), err);
	for (size_t e = 0; !rc && e < sizeof(eds) / sizeof(eds[0]); e++) {
		struct cc_sample_opts so = {.units = 40, .seed = 2026,
					    .edition = eds[e].edition, .blank_rate = eds[e].blank};
		char title[100];
		struct cc_import im = {.campaign = eds[e].id, .framework = id, .title = title,
				       .year = eds[e].year, .author = "demo"};

		snprintf(title, sizeof(title), "National commitment %d (fictional demo)", eds[e].year);
		rc = cc_service_import_sample(s, &im, &so, err);
		if (!rc && eds[e].publish)
			rc = cc_service_publish(s, eds[e].id, err);
		else if (!rc)
			rc = cc_store_set_status(s, eds[e].id, CC_CAMPAIGN_OPEN, err);
	}
	if (!rc)
		rc = demo_accounts(s, dir, err);
	cc_store_close(s);
	return rc;
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
	rc = demo_prepare(o.data_dir, &err);
	if (!rc) {
		printf("cybercap: demo data in %s: campaigns nci-2025 and nci-2026 (published), "
		       "nci-2027 (open); 40 fictional units\n", o.data_dir);
		print_logins(o.data_dir);
		if (!o.web_dir)
			printf("cybercap: no built web interface found (make builds web/dist); "
			       "serving the API only\n");
		rc = cc_server_run(&o, &err);
	}
	return rc ? cli_report(&err) : CLI_OK;
}
