/*
 * demo_risks.c - the risk part of the demonstration data (see
 * cc_service_demo): the bundled matrices and taxonomies, and the national
 * cyber risk assessment of Fictional country A (XAA) on the national 5 x 5
 * matrix: fifteen scenarios in cybercap's own words with inherent,
 * current and target ratings, a workshop of three fictional participants
 * (their own demo sign-ins, ratings that differ, agreed ratings recorded
 * with a note of dissent), treatments of which four became actions of
 * XAA's plan, and the register published with eight risks public.
 *
 * Nothing here describes a real country, agency or event. Dates that
 * matter for reminders and plan actions are counted from the day the
 * demo is made, so that some reviews are always overdue.
 */
#include "demo_internal.h"

#include "risk_workshop.h"

#include "../core/date.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define ASSESSMENT CC_DEMO_RISKS
#define TEAM "focal.xaa@demo.cybercap"

/* A rating: "L4|human=I4,services=I5" (likelihood, then impacts). */
static const struct demo_risk {
	const char *id, *title, *scenario, *sectors, *threat, *actor, *owner, *vulns, *nodes;
	const char *inherent, *current, *target;
	int public_, review;                    /* review: days from today */
	const char *public_title, *public_summary;
} risks[] = {
	{"hospital-ransomware", "Ransomware halts patient care in public hospitals",
	 "A criminal group encrypts the clinical and administrative systems of several public "
	 "hospitals at once, through a shared remote-access service. Admissions, laboratory "
	 "results and imaging stop for two weeks; patients are diverted to the few private "
	 "clinics that still work.", "health;medicines", "ransomware", "criminal",
	 "Ministry of Health", "Flat hospital networks; backups on the same network; remote "
	 "access without a second factor.", "national-commitment:technical.sectoral_cirts;"
	 "national-commitment:technical.national_cirt",
	 "L4|human=I4,services=I4,economic=I3,confidence=I3", "L4|human=I4,services=I4",
	 "L3|human=I3,services=I3", 1, -30, "Disruption of hospital services by ransomware",
	 "Criminal encryption of hospital systems could interrupt patient care for days. Hospitals "
	 "are putting offline backups and tested recovery plans in place."},
	{"gov-portal-ddos", "Denial of service takes the government e-services portal offline",
	 "Hacktivists flood the national e-services portal and the tax filing site during the "
	 "filing deadline week. Citizens and companies cannot file or pay for six days.",
	 "government", "denial-of-service", "hacktivist", "Digital Government Agency",
	 "No upstream filtering service; one data centre.", "national-commitment:technical.standards",
	 "L5|services=I3,confidence=I3", "L4|services=I3,confidence=I2", "L3|services=I2", 1, 120,
	 "Loss of online public services", "Floods of traffic could make online public services "
	 "unavailable for several days; a protection service is being procured."},
	{"telecom-outage", "Nationwide mobile and internet outage after a failed core update",
	 "A faulty software update to the core network of the largest operator cuts mobile voice, "
	 "data and emergency calls nationwide for thirty hours; payment terminals and dispatch "
	 "systems that rely on it fail with it.", "telecoms;digital-infrastructure",
	 "rsit.availability.outage", "non-malicious", "Telecommunications Regulatory Authority",
	 "No tested roaming fallback between operators.", "",
	 "L3|services=I5,economic=I4,human=I3", "L3|services=I4,economic=I4",
	 "L2|services=I4,economic=I3", 1, 200, "Large telecommunications outage",
	 "A technical failure at a major operator could interrupt calls and internet access across "
	 "the country for more than a day."},
	{"payment-fraud", "Fraud through the instant payment system",
	 "Criminals take over bank customers' accounts with cloned SIM cards and phishing, and move "
	 "funds through the instant payment system faster than banks can stop them.",
	 "payments;banking", "rsit.fraud.masquerade", "criminal", "Central Bank",
	 "SMS codes as the only second factor; no shared fraud signals between banks.",
	 "national-commitment:legal.cybercrime", "L4|economic=I4,confidence=I4",
	 "L3|economic=I3,confidence=I3", "L2|economic=I3,confidence=I2", 1, 90,
	 "Fraud in instant payments", "Account takeover could be used to steal money through "
	 "instant payments; banks and the central bank are sharing fraud signals."},
	{"election-interference", "Interference in a national election",
	 "A foreign state intrudes into the election management body's network, leaks altered "
	 "documents and runs a coordinated campaign claiming the count was rigged, in the weeks "
	 "around polling day.", "elections;government;media", "information-manipulation", "state",
	 "Electoral Commission", "Election staff accounts without strong authentication; no "
	 "agreed process to rebut false claims quickly.",
	 "national-commitment:organisational.strategy;national-commitment:cooperation.inter_agency",
	 "L4|security=I4,confidence=I5,international=I3", "L3|security=I4,confidence=I4",
	 "L3|confidence=I3", 1, 60, "Interference in elections",
	 "Hostile actors could try to undermine trust in an election by intrusion and false "
	 "information; a task force with the national CIRT is in preparation."},
	{"supply-chain", "Compromised update of widely used accounting software",
	 "The update server of a vendor whose accounting software is used by most ministries and "
	 "thousands of businesses is compromised; the signed update carries a backdoor used to "
	 "steal data for months.", "managed-ict;government", "supply-chain", "state",
	 "National Cybersecurity Agency", "No security requirements for software bought by the "
	 "state; little network monitoring in ministries.",
	 "national-commitment:organisational.agency", "L3|security=I4,economic=I4,services=I3",
	 "L3|security=I4,economic=I3", "L2|security=I3", 0, 150, NULL, NULL},
	{"registry-breach", "Data breach at the civil registry",
	 "Attackers exploit an unpatched web application of the civil registry and copy the "
	 "records of every resident, later offered for sale.", "government",
	 "threats-against-data", "criminal", "Ministry of Interior",
	 "Internet-facing application not patched for a year.",
	 "national-commitment:legal.data_protection", "L4|confidence=I4,security=I3",
	 "L3|confidence=I4,security=I3", "L2|confidence=I3", 1, -10,
	 "Theft of personal data held by the state", "A breach of a large public register could "
	 "expose residents' personal data; patching and monitoring are being improved."},
	{"grid-attack", "Intrusion into electricity grid control systems",
	 "A state-sponsored group that has been inside the grid operator's network for months "
	 "opens breakers in several substations in winter; a region is without power for "
	 "three days.", "electricity", "malware", "state", "Energy Regulatory Authority",
	 "Control network reachable from the office network.", "national-commitment:legal.cii",
	 "L2|services=I5,human=I4,economic=I5", "L2|services=I5,human=I4", "L1|services=I5", 1,
	 300, "Attack on the power grid", "A deliberate attack on grid control systems could cut "
	 "electricity to a region for days."},
	{"water-tampering", "Tampering with a water treatment plant",
	 "Someone uses a former contractor's remote access to change chemical dosing settings at a "
	 "municipal water treatment plant.", "water", "rsit.intrusions.system-compromise",
	 "insider", "National Water Authority", "Shared accounts; access of former staff not "
	 "removed.", "", "L2|human=I4,confidence=I3", "L2|human=I3", NULL, 0, -45, NULL, NULL},
	{"dns-outage", "Failure of the national top-level domain",
	 "A configuration error at the registry of the country-code top-level domain makes every "
	 "address under it unreachable for most of a day.", "digital-infrastructure",
	 "rsit.availability.misconfiguration", "non-malicious", "National domain registry",
	 "Changes to the zone are not reviewed by a second person.", "",
	 "L2|services=I4,economic=I3", "L2|services=I3", NULL, 0, 365, NULL, NULL},
	{"port-ransomware", "Ransomware at the main port",
	 "Ransomware stops the terminal operating system of the main port; ships wait at anchor "
	 "and goods for the whole country are delayed for ten days.", "maritime;road-logistics",
	 "ransomware", "criminal", "Port Authority", "One operating system vendor, no manual "
	 "fallback.", "", "L3|economic=I4,services=I3", "L3|economic=I4", "L2|economic=I3", 0,
	 180, NULL, NULL},
	{"insider-tax", "An insider leaks taxpayer records",
	 "An employee of the revenue authority copies the tax records of prominent people and "
	 "passes them to a newspaper.", "government",
	 "rsit.information-content-security.leak", "insider", "Revenue Authority",
	 "Broad access to records; no logging of who reads what.", "",
	 "L3|confidence=I3,security=I2", "L3|confidence=I3", NULL, 0, 240, NULL, NULL},
	{"cloud-outage", "Prolonged outage of a foreign cloud region",
	 "The foreign cloud region that hosts most government services goes down for four days "
	 "after a fire; there is no copy elsewhere.", "digital-infrastructure;government",
	 "internet-threats", "non-malicious", "Digital Government Agency",
	 "No second region; no exit plan.", "", "L3|services=I3,economic=I2",
	 "L3|services=I3", NULL, 1, 210, "Outage of hosted government services",
	 "Government services hosted abroad could be unavailable for days if their provider "
	 "fails."},
	{"phishing-civil-service", "Phishing campaign against civil servants",
	 "A wave of targeted phishing gives attackers mailbox access in a dozen ministries; "
	 "internal documents are read and used for further fraud.", "government",
	 "social-engineering", "criminal", "National CIRT", "Little awareness training; no "
	 "phishing-resistant sign-in.", "national-commitment:capacity.awareness",
	 "L5|security=I2,services=I2", "L4|security=I2", "L3|security=I2", 0, 100, NULL, NULL},
	{"gnss-jamming", "Interference with satellite navigation",
	 "Jamming and spoofing of satellite navigation signals near the capital disturb aircraft "
	 "approaches and ship navigation for weeks.", "space;civil-aviation;maritime",
	 "rsit.availability.sabotage", "state", "Civil Aviation Authority",
	 "Few ground-based backups to satellite navigation.", "",
	 "L2|human=I3,services=I3,international=I3", "L2|services=I3", NULL, 0, 330, NULL, NULL},
};

/* "L4|human=I4,services=I5" as a rating object. */
static json_t *rating(const char *spec)
{
	const char *bar = strchr(spec, '|'), *p;
	json_t *o, *imp = json_object();

	if (!bar || !imp)
		return json_decref(imp), NULL;
	o = json_pack("{s:s%}", "likelihood", spec, (size_t)(bar - spec));
	for (p = bar + 1; o && *p;) {
		const char *eq = strchr(p, '='), *end = strchr(p, ',');
		size_t vn = end ? (size_t)(end - eq - 1) : strlen(eq + 1);
		char dim[32];

		snprintf(dim, sizeof(dim), "%.*s", (int)(eq - p), p);
		json_object_set_new(imp, dim, json_stringn(eq + 1, vn));
		p = end ? end + 1 : eq + 1 + vn;
	}
	json_object_set_new(o, "impacts", imp);
	return o;
}

static json_t *split(const char *s)
{
	json_t *a = json_array();
	char buf[400];

	snprintf(buf, sizeof(buf), "%s", s);
	for (char *save = NULL, *t = strtok_r(buf, ";", &save); a && t; t = strtok_r(NULL, ";", &save))
		json_array_append_new(a, json_string(t));
	return a;
}

static json_t *nodes(const char *s)
{
	json_t *a = json_array(), *parts = split(s);
	size_t i;
	json_t *x;

	json_array_foreach(parts, i, x) {
		const char *c = strchr(json_string_value(x), ':');
		json_array_append_new(a, json_pack("{s:s%,s:s}", "framework", json_string_value(x),
						    (size_t)(c - json_string_value(x)), "node", c + 1));
	}
	json_decref(parts);
	return a;
}

static int add_risk(struct cc_store *s, const struct demo_risk *d, int today,
		    struct cc_error *err)
{
	char review[11], id[CC_RISK_ID_MAX + 1];
	json_t *b;
	int rc;

	cc_date_format(today + d->review, review);
	b = json_pack("{s:s,s:s,s:s,s:o,s:s,s:s,s:s,s:s,s:o,s:o,s:o,s:s,s:b,s:s?,s:s?}", "id", d->id,
		      "title", d->title, "scenario", d->scenario, "sectors", split(d->sectors),
		      "threat", d->threat, "actor", d->actor, "owner", d->owner, "vulnerabilities",
		      d->vulns, "nodes", nodes(d->nodes), "inherent", rating(d->inherent), "current",
		      rating(d->current), "review_date", review, "public", d->public_,
		      "public_title", d->public_title, "public_summary", d->public_summary);
	if (b && d->target)
		json_object_set_new(b, "target", rating(d->target));
	if (b && !d->public_) {
		json_object_del(b, "public_title");
		json_object_del(b, "public_summary");
	}
	rc = b ? cc_risk_create(s, ASSESSMENT, b, TEAM, id, err) :
		cc_error_set(err, CC_ENOMEM, NULL, 0, 0, "out of memory");
	json_decref(b);
	return rc;
}

/* The workshop: who sits in it, and how each rates the current phase of
 * the first six scenarios. Jonas and Kofi are two likelihood levels apart
 * on the hospital scenario, so the facilitator sees where to talk. */
static const struct { const char *email, *name, *org, *group; } people[] = {
	{"ines.participant@demo.cybercap", "Ines (health ministry, fictional)", "Ministry of Health",
	 "government"},
	{"jonas.participant@demo.cybercap", "Jonas (national CIRT, fictional)", "National CIRT",
	 "cirt"},
	{"kofi.participant@demo.cybercap", "Kofi (telecom operator, fictional)", "Telecom operator",
	 "critical_infrastructure"},
};

static const char *const views[][6] = {
	{"L4|human=I4,services=I4", "L4|services=I3", "L3|services=I4,economic=I3",
	 "L3|economic=I3", "L3|confidence=I4", "L3|security=I4"},
	{"L5|human=I4,services=I5", "L4|services=I3,confidence=I2", "L3|services=I4,economic=I4",
	 "L4|economic=I3", "L3|confidence=I4,security=I4", "L4|security=I4"},
	{"L3|human=I3,services=I4", "L5|services=I3", "L2|services=I4", "L3|economic=I3",
	 "L3|confidence=I3", "L3|security=I3"},
};

static int workshop(struct cc_store *s, struct cc_error *err)
{
	long long ids[3];
	int rc = CC_OK;

	for (int p = 0; !rc && p < 3; p++) {
		struct cc_respondent_new r = {people[p].email, people[p].name, people[p].org,
					      people[p].group};
		struct cc_respondent_added out;
		rc = cc_risk_participant_add(s, ASSESSMENT, &r, TEAM, &out, err);
		ids[p] = out.id;
	}
	for (int p = 0; !rc && p < 3; p++) {
		for (int k = 0; !rc && k < 6; k++) {
			json_t *b = rating(views[p][k]);
			json_object_set_new(b, "phase", json_string("current"));
			if (p == 2 && k == 0)
				json_object_set_new(b, "comment", json_string(
					"Most of our hospitals restored from backups in the last drill."));
			rc = cc_risk_participant_rate(s, ASSESSMENT, ids[p], risks[k].id, b,
						      people[p].email, err);
			json_decref(b);
		}
	}
	/* the agreed ratings of the first four, as the register holds them */
	for (int k = 0; !rc && k < 4; k++) {
		json_t *b = rating(risks[k].current);
		json_object_set_new(b, "workshop", json_true());
		json_object_set_new(b, "rationale", json_string("Agreed in the workshop of the "
								"national risk assessment."));
		if (k == 0)
			json_object_set_new(b, "dissent", json_string(
				"The telecom operator's participant rated the likelihood lower (L3): "
				"recent drills restored systems within days."));
		rc = cc_risk_set_rating(s, ASSESSMENT, risks[k].id, "current", b, TEAM, err);
		json_decref(b);
	}
	return rc;
}

static const struct { const char *risk, *option, *justification, *action, *owner; } treated[] = {
	{"hospital-ransomware", "reduce", "The likelihood stays high while backups are online; "
	 "offline copies and tested recovery bring the impact down.",
	 "Offline backups and a tested recovery plan in every public hospital", "Ministry of Health"},
	{"gov-portal-ddos", "reduce", "A protection service in front of the portals absorbs the "
	 "floods seen so far.", "Traffic-filtering service for government portals",
	 "Digital Government Agency"},
	{"election-interference", "reduce", "Fast detection and rebuttal limit what a campaign "
	 "can achieve.", "Election cybersecurity task force with the national CIRT",
	 "Electoral Commission"},
	{"supply-chain", "reduce", "Requirements in procurement make vendors show how they "
	 "protect their updates.", "Software supply-chain requirements in public procurement",
	 "Public Procurement Office"},
	{"telecom-outage", "share", "Licence conditions oblige operators to keep redundant cores "
	 "and national roaming in an emergency.", NULL, NULL},
	{"cloud-outage", "accept", "A second region costs more than the expected loss this period; "
	 "reviewed next year.", NULL, NULL},
};

static int treatments(struct cc_store *s, int today, struct cc_error *err)
{
	struct cc_list l;
	char day[11], due[11];
	bool plan = cc_store_plan(s, "xaa-2026", &l, NULL) == CC_OK;
	int rc = CC_OK;

	if (plan)
		cc_list_free(&l);
	cc_date_format(today, day);
	cc_date_format(today + 270, due);
	for (size_t i = 0; !rc && i < sizeof(treated) / sizeof(treated[0]); i++) {
		json_t *b = json_pack("{s:s,s:s}", "option", treated[i].option, "justification",
				      treated[i].justification);
		long long id;

		if (treated[i].action && plan) {
			json_object_set_new(b, "plan", json_string("xaa-2026"));
			json_object_set_new(b, "action", json_pack("{s:s,s:s,s:s}", "title",
					    treated[i].action, "owner", treated[i].owner, "due", due));
		}
		rc = cc_risk_treat(s, ASSESSMENT, treated[i].risk, b, day, TEAM, &id, err);
		json_decref(b);
	}
	return rc;
}

int cc__demo_risks(struct cc_store *s, const char *bundled, struct cc_error *err)
{
	json_t *a = json_pack("{s:s,s:s,s:s,s:s,s:s,s:s}", "id", ASSESSMENT, "unit", "XAA", "title",
			      "National cyber risk assessment of Fictional country A, 2026-2027 "
			      "(fictional demo)", "matrix", "national-5x5", "start", "2026-01-01",
			      "end", "2027-12-31");
	json_t *pub = json_pack("{s:b}", "published", 1);
	char dir[4300];
	time_t now = time(NULL);
	struct tm tm;
	int count, today, rc;

	gmtime_r(&now, &tm);
	today = cc_date_days(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
	snprintf(dir, sizeof(dir), "%s/../matrices", bundled);
	rc = cc_service_add_matrices_dir(s, dir, &count, err);
	snprintf(dir, sizeof(dir), "%s/taxonomies", bundled);
	if (!rc)
		rc = cc_service_add_taxonomies(s, dir, &count, err);
	if (!rc)
		rc = cc_risk_assessment_create(s, a, TEAM, err);
	for (size_t i = 0; !rc && i < sizeof(risks) / sizeof(risks[0]); i++)
		rc = add_risk(s, &risks[i], today, err);
	if (!rc)
		rc = workshop(s, err);
	if (!rc)
		rc = treatments(s, today, err);
	if (!rc)
		rc = cc_risk_assessment_update(s, ASSESSMENT, pub, TEAM, err);
	json_decref(a);
	json_decref(pub);
	return rc;
}
