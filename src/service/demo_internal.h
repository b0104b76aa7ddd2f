/*
 * demo_internal.h - the parts of the demonstration data directory
 * (cc_service_demo, demo.c) kept in files of their own. Not for use
 * outside src/service.
 */
#ifndef CC_DEMO_INTERNAL_H
#define CC_DEMO_INTERNAL_H

#include "service.h"

#include <stdio.h>

/* Every bundled framework (BUNDLED/../frameworks) and mapping
 * (BUNDLED/../mappings), the maturity and readiness campaigns on them and
 * the pre-filled review (demo_maturity.c). */
int cc__demo_maturity(struct cc_store *s, const char *bundled, struct cc_error *err);

/* The index's open campaign (on its 2027 edition), for the workflow. */
#define CC_DEMO_OPEN "nci-2028"

/* The unit whose questionnaire in CC_DEMO_OPEN is submitted, for review. */
#define CC_DEMO_SUBMITTED "XAD"

/* The open maturity review of XAA pre-filled from the index. */
#define CC_DEMO_PREFILLED "national-maturity-2027"

/* The campaign whose assessment of XAB is run as a workshop. */
#define CC_DEMO_WORKSHOP "csirt-maturity-2026"

/* Its respondents (accounts made by demo.c), their answers, where they
 * disagree, and the consensus recorded on some questions. */
int cc__demo_workshop(struct cc_store *s, struct cc_error *err);

/* A demo account with a random password, written to f as a sign-in line
 * "LABEL EMAIL PASSWORD [(NOTE)]"; role NULL: no platform grant. */
int cc__demo_user(struct cc_store *s, FILE *f, const char *email, const char *name,
		  const char *role, const char *unit, const char *campaign, const char *label,
		  const char *note, long long *id, struct cc_error *err);

/* The bundled drill scenarios (BUNDLED/../scenarios; demo_drills.c). */
int cc__demo_scenarios(struct cc_store *s, const char *dir, const char *bundled,
		       struct cc_error *err);

/* The drills with a technical track (demo_ctf.c): one finished, one to
 * start; its players written to f; director and evaluator are
 * demo_drills.c's. */
struct cc_principal;
int cc__demo_ctf(struct cc_store *s, const char *dir, FILE *f,
		 const struct cc_principal *director, const struct cc_principal *evaluator,
		 double now, struct cc_error *err);

/* The drills: one scheduled for a newcomer to start, and one finished with
 * its ratings and improvement plan, one improvement sent to XAA's action
 * plan; their accounts are added to DIR/demo-logins.txt. After the plans. */
int cc__demo_drills(struct cc_store *s, const char *dir, struct cc_error *err);
/* The action plans (demo_plans.c): XAA's drafted from its gaps, XAC's
 * CIRT establishment plan. After the accounts and the workshop. */
int cc__demo_plans(struct cc_store *s, struct cc_error *err);

/* The national cyber risk assessment of XAA (demo_risks.c): the bundled
 * matrices and taxonomies (BUNDLED/../matrices, BUNDLED/taxonomies), the
 * register, its workshop (participants' accounts made by demo.c) and
 * treatments into XAA's plan. After the plans. */
#define CC_DEMO_RISKS "xaa-ncra-2026"
int cc__demo_risks(struct cc_store *s, const char *bundled, struct cc_error *err);

/* A fictional partnership round (demo_partners.c): organisations, offers,
 * a dozen requests, matches, decisions, pledges in every status; needs
 * the accounts of demo.c and the data of data/partnerships. */
struct cc_snapshot;
int cc__demo_partners(struct cc_store *s, const struct cc_snapshot *snap, struct cc_error *err);
/* The skills programme (demo_skills.c): BUNDLED/skills, a four-track
 * fellowship's 2027 edition with cohorts, people, sessions, pairs and the
 * evaluation; its accounts are added to DIR/demo-logins.txt. After the
 * frameworks (its survey is frameworks/skills-reaction.yaml). */
int cc__demo_skills(struct cc_store *s, const char *dir, const char *bundled,
		    struct cc_error *err);

#endif
