/*
 * audit_json.h - the statistical audit of core/stats.h as JSON, the one
 * shape that `cybercap audit-stats --format json` prints and that
 * GET /api/v1/campaigns/{id}/audit serves; plus the list of flags raised
 * ("findings"), which the CLI's text report walks too, so that both say
 * the same thing in the same order.
 *
 * Figures are node values in [0, 1]. A figure that cannot be computed is
 * null next to a "status" saying why (cc_stats_state_text), never NaN.
 * Fields are documented in docs/audit-stats.md and docs/api.md.
 */
#ifndef CC_AUDIT_JSON_H
#define CC_AUDIT_JSON_H

#include <jansson.h>
#include <stddef.h>

#include "../core/stats.h"

/* The audit as a new JSON object (the caller owns the reference):
 * {"framework", "title", "units", "values", "kurtosis", "groups", "flags",
 *  "rules"}, keys in that order. NULL on out of memory. Strings are
 * copied: the result does not refer to a. */
json_t *cc_audit_json(const struct cc_stats_audit *a);

/* One flag raised. group and item point into the audit's framework. */
struct cc_audit_finding {
	const char *group;
	const char *item;     /* NULL for a flag on the group itself */
	unsigned flag;        /* one enum cc_stats_flag bit */
	char detail[200];     /* the figure behind it, in words */
};

/* Called once per finding; a nonzero return is ORed into the result of
 * cc_audit_each_finding (the walk goes on regardless). */
typedef int (*cc_audit_finding_fn)(void *ctx, const struct cc_audit_finding *f);

/* Calls fn for every flag raised in a: group by group in file order, each
 * group's child flags (negative/redundant, then outliers, per child), then
 * collinear pairs, then low-alpha and weak-pc1. Returns the OR of fn's
 * returns. */
int cc_audit_each_finding(const struct cc_stats_audit *a, cc_audit_finding_fn fn,
			  void *ctx);

/* The short name of a flag bit ("negative-corr"), or "?". Static. */
const char *cc_audit_rule_name(unsigned flag);

/* "audited", "weight 0" or "text question" for an enum cc_stats_role.
 * Static. */
const char *cc_audit_role_text(int role);

/* x as "%.3f" into buf, never "-0.000"; returns buf. The precision of
 * every figure in the findings and the text report. */
const char *cc_audit_f3(char *buf, size_t size, double x);

#endif
