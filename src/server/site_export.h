/*
 * site_export.h - the published results explorer as a static site
 * (`cybercap export-site`, docs/static-site.md): the built web interface
 * and every public API response its read-only views (overview, rankings,
 * unit profiles, compare, over time, the framework) ask for, for the
 * campaigns given, as files that any static host or CDN serves. The
 * responses are the server's own: the exporter asks the embedded server
 * (server.h) as a reader with no account would, so the files hold only
 * what the live server shows the public, byte for byte.
 *
 * The web interface finds a manifest through <meta name="cybercap-site">
 * in its index.html (site.HASH.json: each API path, in a canonical form,
 * to its file) and reads the files instead of the API.
 */
#ifndef CC_SITE_EXPORT_H
#define CC_SITE_EXPORT_H

#include "../core/error.h"

#include <stddef.h>

struct cc_site_opts {
	const char *data_dir;
	const char *web_dir;         /* the built web interface (web/dist) */
	const char *const *campaigns;/* published campaign ids */
	int ncampaigns;
	const char *out_dir;         /* made; must be empty when it exists */
};

struct cc_site_stats {
	int responses;               /* API responses written */
	int pages;                   /* HTML entry points */
	int files;                   /* every file, compressed copies apart */
	size_t bytes;
};

int cc_site_export(const struct cc_site_opts *o, struct cc_site_stats *st,
		   struct cc_error *err);

#endif
