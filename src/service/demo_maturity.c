/*
 * demo_maturity.c - the maturity and readiness part of the demonstration
 * data (see cc_service_demo): every bundled framework loaded, and
 * fictional campaigns on them that show what each model reports: a CIRT
 * readiness assessment of one unit over two editions (no ranking, targets
 * and a trend), a CSIRT maturity self-assessment left open for a workshop
 * of respondents, a national maturity review of several units over two
 * editions (stages and their heat map), and one published round of each
 * sector model. The answers come from the sample generator: fictional,
 * reproducible, and a unit's answers do not depend on which other units
 * are drawn.
 */
#include "demo_internal.h"

#include <stdio.h>
#include <string.h>

static const struct demo_campaign {
	const char *id, *framework, *title;
	int year, first, units, edition, publish;
	double blank;
} campaigns[] = {
	{"cirt-readiness-2025", "cirt-readiness", "CIRT readiness of XAC, 2025 (fictional demo)",
	 2025, 2, 1, 0, 1, 0.05},
	{"cirt-readiness-2026", "cirt-readiness", "CIRT readiness of XAC, 2026 (fictional demo)",
	 2026, 2, 1, 3, 1, 0.02},
	{"csirt-maturity-2026", "csirt-maturity", "CSIRT maturity workshop of XAB, 2026 (fictional demo)",
	 2026, 1, 1, 1, 0, 0.6},
	{"national-maturity-2025", "national-maturity", "National maturity review 2025 (fictional demo)",
	 2025, 0, 8, 0, 1, 0.02},
	{"national-maturity-2026", "national-maturity", "National maturity review 2026 (fictional demo)",
	 2026, 0, 8, 2, 1, 0.02},
	{"ciip-2026", "ciip", "CIIP self-assessment 2026 (fictional demo)", 2026, 0, 6, 1, 1, 0.03},
	{"cop-national-2026", "cop-national", "Child online protection review 2026 (fictional demo)",
	 2026, 0, 6, 1, 1, 0.03},
	{"botnet-mitigation-2026", "botnet-mitigation", "Botnet mitigation readiness 2026 (fictional demo)",
	 2026, 0, 6, 1, 1, 0.03},
	{"education-capacity-2026", "education-capacity", "Cybersecurity education capacity 2026 (fictional demo)",
	 2026, 0, 6, 1, 1, 0.03},
};

int cc__demo_maturity(struct cc_store *s, const char *bundled, struct cc_error *err)
{
	char dir[4300];
	int rc, count;

	snprintf(dir, sizeof(dir), "%s/../frameworks", bundled);
	rc = cc_service_add_frameworks_dir(s, dir, &count, err);
	for (size_t i = 0; !rc && i < sizeof(campaigns) / sizeof(campaigns[0]); i++) {
		const struct demo_campaign *d = &campaigns[i];
		struct cc_sample_opts so = {.units = d->units, .first = d->first, .seed = 2026,
					    .edition = d->edition, .blank_rate = d->blank};
		struct cc_import im = {.campaign = d->id, .framework = d->framework,
				       .title = d->title, .year = d->year, .author = "demo"};
		struct cc_list l;

		/* A framework file an operator removed from the bundle: its
		 * campaigns are left out, the rest of the demo stands. */
		if (cc_store_framework(s, d->framework, NULL, &l, NULL) != CC_OK)
			continue;
		cc_list_free(&l);
		rc = cc_service_import_sample(s, &im, &so, err);
		if (!rc && d->publish)
			rc = cc_service_publish(s, d->id, err);
		else if (!rc)
			rc = cc_store_set_status(s, d->id, CC_CAMPAIGN_OPEN, err);
	}
	return rc;
}
