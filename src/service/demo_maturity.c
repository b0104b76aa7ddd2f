/*
 * demo_maturity.c - the maturity and readiness part of the demonstration
 * data (see cc_service_demo): every bundled framework loaded, and
 * fictional campaigns on them that show what each model reports: a CIRT
 * readiness assessment of one unit over two editions (no ranking, targets
 * and a trend), a CSIRT maturity self-assessment left open for a workshop
 * of respondents, a national maturity review of several units over two
 * editions (stages and their heat map), the evaluation of one unit's
 * national strategy, and one published round of each sector model. The answers come from the sample generator: fictional,
 * reproducible, and a unit's answers do not depend on which other units
 * are drawn. One more maturity review, of XAA in 2027, is left open and
 * pre-filled from XAA's answers to the index (nci-2026) through the
 * bundled mapping, its answers waiting for XAA's focal point to confirm.
 */
#include "demo_internal.h"

#include "mappings.h"
#include "respondents.h"
#include "workflow.h"

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
	{"ncs-evaluation-2026", "ncs-evaluation",
	 "Evaluation of XAA's national cybersecurity strategy, 2026 (fictional demo)",
	 2026, 0, 1, 1, 1, 0.05},
	{"ciip-2026", "ciip", "CIIP self-assessment 2026 (fictional demo)", 2026, 0, 6, 1, 1, 0.03},
	{"cop-national-2026", "cop-national", "Child online protection review 2026 (fictional demo)",
	 2026, 0, 6, 1, 1, 0.03},
	{"botnet-mitigation-2026", "botnet-mitigation", "Botnet mitigation readiness 2026 (fictional demo)",
	 2026, 0, 6, 1, 1, 0.03},
	{"education-capacity-2026", "education-capacity", "Cybersecurity education capacity 2026 (fictional demo)",
	 2026, 0, 6, 1, 1, 0.03},
};

/* The open maturity review of XAA, pre-filled from the index through the
 * bundled mapping (left out when the mapping or the index is not there). */
static int prefilled_review(struct cc_store *s, struct cc_error *err)
{
	static const char *const units[] = {"XAA"};
	const char *id = CC_DEMO_PREFILLED, *mapping = "national-commitment-national-maturity";
	struct cc_prefill_result out;
	struct cc_list l;
	int rc;

	if (cc_store_mapping(s, mapping, &l, NULL) != CC_OK)
		return CC_OK;
	cc_list_free(&l);
	if (cc_store_campaign(s, "nci-2026", &l, NULL) != CC_OK)
		return CC_OK;
	cc_list_free(&l);
	rc = cc_workflow_create_campaign(s, id, "national-maturity", NULL,
					 "National maturity review of XAA, 2027, pre-filled from the "
					 "index (fictional demo)", 2027, units, 1, "demo", err);
	if (!rc)
		rc = cc_workflow_set_status(s, id, CC_CAMPAIGN_OPEN, "demo", err);
	if (!rc)
		rc = cc_prefill(s, id, "XAA", mapping, "nci-2026", "demo", &out, err);
	if (!rc)
		cc_prefill_result_free(&out);
	return rc;
}

int cc__demo_maturity(struct cc_store *s, const char *bundled, struct cc_error *err)
{
	char dir[4300];
	int rc, count;

	snprintf(dir, sizeof(dir), "%s/../frameworks", bundled);
	rc = cc_service_add_frameworks_dir(s, dir, &count, err);
	snprintf(dir, sizeof(dir), "%s/../mappings", bundled);
	if (!rc)
		rc = cc_service_add_dir(s, dir, cc_service_add_mapping, &count, err);
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
	return rc ? rc : prefilled_review(s, err);
}

/* The workshop: who sits in it, and how each rates the Organisation
 * parameters of SIM3 relative to the group's view (offsets in levels).
 * Amina and Chen differ by two levels on O-3 and O-9, so the facilitator
 * sees where to talk; the consensus is recorded on the first five. */
static const struct demo_respondent {
	const char *email, *name, *organisation, *group;
	int offset[10];
} respondents[] = {
	{"amina.respondent@demo.cybercap", "Amina (fictional)", "National CIRT of XAB", "cirt",
	 {0, 1, 1, 0, 0, 0, 0, 1, 0, 0}},
	{"boris.respondent@demo.cybercap", "Boris (fictional)", "Ministry of digital affairs",
	 "government", {0, 0, 0, 0, -1, 0, 0, 0, 0, 0}},
	{"chen.respondent@demo.cybercap", "Chen (fictional)", "XAB Telecom", "private_sector",
	 {0, 0, -1, -1, 0, 0, 0, -1, 0, 0}},
};

static const char *const workshop_questions[] = {
	"O-1", "O-2", "O-3", "O-4", "O-5", "O-7", "O-8", "O-9", "O-10", "O-11",
};
static const int group_view[] = {2, 1, 2, 3, 1, 2, 1, 2, 0, 1};
static const char *const consensus_note =
	"Agreed in the workshop of 12 November (fictional demo).";

int cc__demo_workshop(struct cc_store *s, struct cc_error *err)
{
	const char *camp = CC_DEMO_WORKSHOP, *unit = "XAB";
	struct cc_list l;
	int rc = CC_OK;

	if (cc_store_campaign(s, camp, &l, NULL) != CC_OK)
		return CC_OK;   /* its framework is not in the bundle */
	cc_list_free(&l);
	for (size_t i = 0; !rc && i < sizeof(respondents) / sizeof(respondents[0]); i++) {
		const struct demo_respondent *d = &respondents[i];
		struct cc_respondent_new r = {d->email, d->name, d->organisation, d->group};
		struct cc_respondent_added out;

		rc = cc_respondents_add(s, camp, unit, &r, "focal.xab@demo.cybercap", &out, err);
		for (int q = 0; !rc && q < 10; q++) {
			int v = group_view[q] + d->offset[q];
			char answer[8];

			snprintf(answer, sizeof(answer), "%d", v < 0 ? 0 : v > 4 ? 4 : v);
			rc = cc_respondents_answer(s, camp, unit, out.id, workshop_questions[q],
						   answer, q == 2 && i == 0 ?
						   "We run this daily, it is only not written down." : "",
						   d->email, err);
		}
	}
	for (int q = 0; !rc && q < 5; q++) {
		char answer[8];

		snprintf(answer, sizeof(answer), "%d", group_view[q]);
		rc = cc_workflow_answer(s, camp, unit, workshop_questions[q], answer,
					consensus_note, "focal.xab@demo.cybercap", err);
	}
	return rc;
}
