/*
 * cmd_export_site.c - `cybercap export-site --data DIR --campaign C OUT`:
 * the published results explorer as static files (server/site_export.h,
 * docs/static-site.md).
 */
#include "cli.h"

#include "../server/site_export.h"

#include <getopt.h>
#include <stdio.h>

#define MAX_CAMPAIGNS 64

static const char help[] =
	"Usage: cybercap export-site --data DIR --campaign ID [--campaign ID...] [--web DIR] OUT\n\n"
	"Writes the published results explorer of the campaigns (overview, rankings,\n"
	"unit profiles, compare, over time, the framework) into OUT as static files:\n"
	"the web interface and the API responses its pages read, each with .gz and\n"
	"  .br copies, for any static host or CDN. Only published campaigns; OUT is\n"
	"created, or must be empty.\n\n"
	"  --campaign ID   a published campaign (repeat for several editions)\n"
	"  --web DIR       the built web interface (default: web/dist beside data/)\n";

int cmd_export_site(int argc, char **argv)
{
	static const struct option opts[] = {
		{"data", required_argument, NULL, 'd'},
		{"campaign", required_argument, NULL, 'c'},
		{"web", required_argument, NULL, 'w'},
		{NULL, 0, NULL, 0},
	};
	const char *campaigns[MAX_CAMPAIGNS];
	struct cc_site_opts o = {.campaigns = campaigns};
	struct cc_site_stats st;
	struct cc_error err;
	int c;

	if (cli_wants_help(argc, argv)) {
		fputs(help, stdout);
		return CLI_OK;
	}
	opterr = 0;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == 'd')
			o.data_dir = optarg;
		else if (c == 'w')
			o.web_dir = optarg;
		else if (c == 'c' && o.ncampaigns < MAX_CAMPAIGNS)
			campaigns[o.ncampaigns++] = optarg;
		else if (c == 'c')
			return cli_usage("export-site", "at most %d campaigns", MAX_CAMPAIGNS);
		else
			return cli_usage("export-site", "unknown option \"%s\"", argv[optind - 1]);
	}
	if (!o.data_dir || !o.ncampaigns || optind != argc - 1)
		return cli_usage("export-site", "needs --data DIR, --campaign ID and OUT");
	o.out_dir = argv[optind];
	if (!o.web_dir)
		o.web_dir = cli_default_web();
	if (!o.web_dir)
		return cli_usage("export-site", "no built web interface found: build it (make web) "
				 "or name it with --web DIR");
	cc_error_clear(&err);
	if (cc_site_export(&o, &st, &err))
		return cli_report(&err);
	printf("%s: %d API responses and %d pages for %d campaign%s; %d files, %.1f MB "
	       "(and their .gz and .br copies)\n", o.out_dir, st.responses, st.pages,
	       o.ncampaigns, o.ncampaigns == 1 ? "" : "s", st.files, (double)st.bytes / 1e6);
	return CLI_OK;
}
