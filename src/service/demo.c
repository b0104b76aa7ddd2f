/*
 * demo.c - the demonstration data directory (see service.h): the
 * countries, the 40 fictional units, the bundled frameworks and mappings,
 * four editions of the national commitment index (three published, the
 * last of them on the index's 2027 edition, so that the trend views
 * compare editions through the edition mapping; the fourth open), the
 * maturity and readiness campaigns (demo_maturity.c), one account per
 * role, two action plans (demo_plans.c), the drills (demo_drills.c) and
 * XAA's national cyber risk assessment (demo_risks.c) and a partnership
 * round (demo_partners.c). In the open edition, XAD's questionnaire is
 * submitted (with a fictional evidence link for every answer that needs
 * one), so that the demo's reviewer has an assessment to review. `cybercap demo`
 * serves it; the fuzz harnesses and load benchmarks start from it too.
 */
#include "demo_internal.h"

#include "auth.h"
#include "partners.h"
#include "texts.h"
#include "workflow.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

/* Demo accounts, one per role, with random passwords kept in
 * DIR/demo-logins.txt (readable by the owner only). */
static const struct { const char *email, *name, *role, *unit, *campaign; } demo_users[] = {
	{"admin@demo.cybercap", "Demo administrator", "admin", NULL, NULL},
	/* partnerships (demo_partners.c): roles of partnership_member */
	{"secretariat@demo.cybercap", "Partnership secretariat (fictional)", "secretariat", NULL,
	 NULL},
	{"partner.northwind@demo.cybercap", "Northwind Networks (fictional partner)", "partner",
	 NULL, NULL},
	{"analyst@demo.cybercap", "Demo analyst", "analyst", NULL, NULL},
	{"reviewer@demo.cybercap", "Demo reviewer", "reviewer", NULL, CC_DEMO_OPEN},
	{"focal.xaa@demo.cybercap", "Focal point of XAA", "focal_point", "XAA", NULL},
	{"focal.xab@demo.cybercap", "Focal point of XAB", "focal_point", "XAB", NULL},
	/* The workshop of demo_maturity.c: three respondents of XAB's CSIRT
	 * maturity self-assessment (fictional people). */
	{"amina.respondent@demo.cybercap", "Amina (CIRT team lead, fictional)", "respondent",
	 "XAB", CC_DEMO_WORKSHOP},
	{"boris.respondent@demo.cybercap", "Boris (ministry, fictional)", "respondent",
	 "XAB", CC_DEMO_WORKSHOP},
	{"chen.respondent@demo.cybercap", "Chen (telecom operator, fictional)", "respondent",
	 "XAB", CC_DEMO_WORKSHOP},
	/* The risk workshop of demo_risks.c: participants hold no grant
	 * (risk_workshop.h); they join XAA's risk assessment there. */
	{"ines.participant@demo.cybercap", "Ines (health ministry, fictional)", "participant",
	 "XAA", NULL},
	{"jonas.participant@demo.cybercap", "Jonas (national CIRT, fictional)", "participant",
	 "XAA", NULL},
	{"kofi.participant@demo.cybercap", "Kofi (telecom operator, fictional)", "participant",
	 "XAA", NULL},
};

int cc__demo_user(struct cc_store *s, FILE *f, const char *email, const char *name,
		  const char *role, const char *unit, const char *campaign, const char *label,
		  const char *note, long long *id, struct cc_error *err)
{
	unsigned char r[9];
	char pw[32], hash[200];
	int rc;

	randombytes_buf(r, sizeof(r));
	sodium_bin2base64(pw, sizeof(pw), r, sizeof(r), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	rc = cc_auth_hash_password(pw, hash, sizeof(hash));
	if (rc)
		return cc_error_set(err, CC_ENOMEM, NULL, 0, 0, "cannot hash a password");
	rc = cc_store_create_user(s, email, name, hash, id, err);
	if (!rc && role)
		rc = cc_store_grant(s, *id, role, unit, campaign, err);
	if (!rc)
		fprintf(f, "%-12s %-31s %s%s%s%s\n", label, email, pw, note ? "  (" : "",
			note ? note : "", note ? ")" : "");
	sodium_memzero(pw, sizeof(pw));
	return rc;
}

/* Roles of role_grant (the others are granted by their module). */
static bool platform_role(const char *role)
{
	return strcmp(role, "participant") && strcmp(role, "secretariat") &&
	       strcmp(role, "partner");
}

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
		char note[64];
		long long id;
		struct cc_list l;

		/* the workshop's campaign is left out when its framework is */
		if (demo_users[i].campaign &&
		    cc_store_campaign(s, demo_users[i].campaign, &l, NULL) != CC_OK)
			continue;
		if (demo_users[i].campaign)
			cc_list_free(&l);
		snprintf(note, sizeof(note), "unit %s", demo_users[i].unit ? demo_users[i].unit : "");
		rc = cc__demo_user(s, f, demo_users[i].email, demo_users[i].name, platform_role(demo_users[i].role) ?
				   demo_users[i].role : NULL, demo_users[i].unit, demo_users[i].campaign, demo_users[i].role,
				   demo_users[i].unit ? note : NULL, &id, err);
	}
	if (fclose(f) != 0 && !rc)
		rc = cc_error_set(err, CC_EIO, path, 0, 0, "cannot write");
	return rc;
}

/* CC_DEMO_SUBMITTED's questionnaire in the open edition submitted: each
 * answer that needs evidence is given a fictional link first (the
 * missing list is cut at its buffer's size, hence the loop). */
static int demo_submitted(struct cc_store *s, struct cc_error *err)
{
	char missing[4096], url[300];
	int n = 0, rc = CC_OK;

	while (!rc && (n = cc_workflow_missing_evidence(s, CC_DEMO_OPEN, CC_DEMO_SUBMITTED, missing,
							 sizeof(missing), err)) > 0) {
		for (char *save = NULL, *q = strtok_r(missing, ", ", &save); !rc && q;
		     q = strtok_r(NULL, ", ", &save)) {
			long long id;

			snprintf(url, sizeof(url), "https://example.org/xad/evidence/%s", q);
			rc = cc_workflow_evidence_url(s, CC_DEMO_OPEN, CC_DEMO_SUBMITTED, q, url,
						      "demo", &id, err);
		}
	}
	if (!rc && n < 0)
		rc = n;
	return rc ? rc : cc_workflow_submit(s, CC_DEMO_OPEN, CC_DEMO_SUBMITTED, "demo", err);
}

int cc_service_demo(const char *dir, const char *bundled, struct cc_error *err)
{
	/* The index's editions: version is the framework's (national-commitment.yaml
	 * is 2026, national-commitment-2027.yaml 2027). */
	static const struct {
		const char *id, *version;
		int year, edition, publish;
		double blank;
	} eds[] = {
		{"nci-2025", "2026", 2025, 0, 1, 0.02},
		{"nci-2026", "2026", 2026, 1, 1, 0.02},
		{"nci-2027", "2027", 2027, 2, 1, 0.02},
		{CC_DEMO_OPEN, "2027", 2028, 3, 0, 0.45},
	};
	static const char *const index_files[] = {"national-commitment.yaml",
						  "national-commitment-2027.yaml"};
	char path[4300], id[128];
	struct cc_snapshot *snap;
	struct cc_store *s;
	struct cc_list l;
	int rc, added, ntexts;

	rc = cc_store_open(&s, dir, 1, err);
	if (rc)
		return rc;
	if (cc_store_campaign(s, "nci-2025", &l, NULL) == CC_OK) {
		/* prepared before; the translations may have grown since */
		cc_list_free(&l);
		snprintf(path, sizeof(path), "%s/i18n", bundled);
		rc = cc_service_add_texts(s, path, &ntexts, err);
		cc_store_close(s);
		return rc;
	}
	snprintf(path, sizeof(path), "%s/countries.csv", bundled);
	rc = cc_service_add_units(s, path, &added, err);
	snprintf(path, sizeof(path), "%s/sample-units.csv", bundled);
	if (!rc)
		rc = cc_service_add_units(s, path, &added, err);
	for (size_t f = 0; !rc && f < sizeof(index_files) / sizeof(index_files[0]); f++) {
		snprintf(path, sizeof(path), "%s/../frameworks/%s", bundled, index_files[f]);
		rc = cc_service_add_framework(s, path, id, sizeof(id), err);
	}
	for (size_t e = 0; !rc && e < sizeof(eds) / sizeof(eds[0]); e++) {
		struct cc_sample_opts so = {.units = 40, .seed = 2026,
					    .edition = eds[e].edition, .blank_rate = eds[e].blank};
		char title[100];
		struct cc_import im = {.campaign = eds[e].id, .framework = id,
				       .version = eds[e].version, .title = title,
				       .year = eds[e].year, .author = "demo"};

		snprintf(title, sizeof(title), "National commitment %d (fictional demo)", eds[e].year);
		rc = cc_service_import_sample(s, &im, &so, err);
		if (!rc && eds[e].publish)
			rc = cc_service_publish(s, eds[e].id, err);
		else if (!rc)
			rc = cc_store_set_status(s, eds[e].id, CC_CAMPAIGN_OPEN, err);
	}
	if (!rc)
		rc = demo_submitted(s, err);
	if (!rc)
		rc = cc__demo_maturity(s, bundled, err);
	if (!rc)
		rc = cc__demo_scenarios(s, dir, bundled, err);
	if (!rc)
		rc = demo_accounts(s, dir, err);
	if (!rc)
		rc = cc__demo_workshop(s, err);
	if (!rc)
		rc = cc__demo_plans(s, err);
	if (!rc)
		rc = cc__demo_drills(s, dir, err);
	if (!rc)
		rc = cc__demo_risks(s, bundled, err);
	snprintf(path, sizeof(path), "%s/partnerships", bundled);
	if (!rc)
		rc = cc_partners_load_data(s, path, err);
	if (!rc && !(rc = cc_snapshot_load(s, &snap, err))) {
		rc = cc__demo_partners(s, snap, err);
		cc_snapshot_free(snap);
	}
	if (!rc)
		rc = cc__demo_skills(s, dir, bundled, err);
	snprintf(path, sizeof(path), "%s/i18n", bundled);
	if (!rc)
		rc = cc_service_add_texts(s, path, &ntexts, err);
	cc_store_close(s);
	return rc;
}
