/*
 * plans_internal.h - what the files of the plans service share (plans.c,
 * plan_actions.c, plan_draft.c, plan_templates.c, plan_monitor.c,
 * plan_json.c, plan_report.c): the field checks that name the field at
 * fault, the audit helper, and the writes that run inside a caller's
 * transaction. Not for use outside src/service.
 */
#ifndef CC_PLANS_INTERNAL_H
#define CC_PLANS_INTERNAL_H

#include "plans.h"
#include "txn.h"

/* A text member v (NULL or JSON null: absent). required: absent or only
 * spaces is an error; lines: line breaks and tabs allowed; at most max
 * bytes, no other control character. *out: the JSON string's text, or
 * NULL when absent. */
int cc__plan_text(const json_t *v, const char *field, bool required, size_t max,
		  bool lines, const char **out, struct cc_error *err);

/* A date member "YYYY-MM-DD" (a real date); *out NULL when absent (and
 * not required); *days its day number (CC_NO_DATE when absent). */
int cc__plan_date(const json_t *v, const char *field, bool required, const char **out,
		  int *days, struct cc_error *err);

/* A whole number member in [lo, hi]. */
int cc__plan_int(const json_t *v, const char *field, long long lo, long long hi,
		 long long *out, struct cc_error *err);

/* Appends an audit row for entity; before and after are JSON (NULL:
 * none) and are released here. */
int cc__plan_audit(struct cc_store *s, const char *actor, const char *action,
		   const char *entity, json_t *before, json_t *after, struct cc_error *err);

/* The audit entity of a plan's action or objective into buf. */
void cc__plan_entity(char *buf, size_t size, const char *plan, const char *what, long long id);

/* Adds an action checked as cc_plan_add_action does (required fields:
 * all but those in optional, a NULL-terminated list of names), inside
 * the caller's transaction, audited as audit_action. */
int cc__plan_insert_action(struct cc_store *s, const char *plan, const json_t *body,
			   const char *const *optional, const char *actor,
			   const char *audit_action, long long *id, struct cc_error *err);

/* Adds an objective to plan, audited, inside the caller's transaction. */
int cc__plan_new_objective(struct cc_store *s, const char *plan, const char *title,
			   const char *actor, long long *id, struct cc_error *err);

/* Fills a new plan from a template (objectives, proposed actions, and for
 * cirt-establishment what the unit's cirt-readiness results say), inside
 * the caller's transaction. */
int cc__plan_from_template(struct cc_store *s, const struct cc_plan_rec *p,
			   const char *actor, struct cc_error *err);

/* Checks that a framework (and a node of it) exists; fws caches parsed
 * frameworks by id across calls of one request (free with
 * cc__fw_cache_free). Fields name the member at fault. */
struct cc__fw_cache {
	struct cc_framework fw[16];
	char id[16][130];
	int n;
};
int cc__plan_framework(struct cc_store *s, struct cc__fw_cache *c, const char *id,
		       const char *field, const struct cc_framework **fw, struct cc_error *err);
void cc__fw_cache_free(struct cc__fw_cache *c);

/* Checks that node is an id of some edition of fw (its latest first,
 * editions.h): CC_EINPUT naming field when none has it. */
int cc__plan_node(struct cc_store *s, const struct cc_framework *fw, const char *node,
		  const char *field, struct cc_error *err);

/* How published campaign p (NULL: none) measured node, an id of version
 * edition, for unit (plan_monitor.c; editions.h's rule); the nodes read
 * joined ("a, b") in the arena. */
struct cc_snapshot;
struct cc_pub;
struct cc_node_reading;
struct cc_arena;
void cc__plan_read_node(const struct cc_snapshot *snap, const struct cc_pub *p, const char *unit,
			const char *node, const char *edition, struct cc_arena *a,
			struct cc_node_reading *r);

/* The unit's latest published campaign (on framework, NULL: any)
 * published at or before `before` (an ISO time; NULL: now) into
 * out[130]; "" when there is none. */
int cc__plan_latest_published(struct cc_store *s, const char *unit, const char *framework,
			      const char *before, char *out, struct cc_error *err);

/* ---- an action's JSON read (plan_action_input.c) ---- */

struct cc__measurement_in {
	const char *kpi, *date;
	double value;
};

/* What a body asks for, merged into the action it changes. */
struct cc__action_in {
	struct cc_action_rec rec;
	bool kpis_given, links_given, source_given, evidence_given;
	struct cc_kpi_rec kpis[CC_ACTION_MAX_KPIS];
	int nkpis;
	struct cc_link_rec links[CC_ACTION_MAX_LINKS];
	int nlinks;
	struct cc_link_rec source;
	bool has_source;
	const char *evidence[CC_ACTION_MAX_EVIDENCE];
	int nevidence;
	struct cc__measurement_in *meas;
	int nmeas;
	char *details[CC_ACTION_MAX_LINKS + 1];   /* JSON texts owned here */
	int ndetails;
	struct cc__fw_cache fws;
};

struct cc__action_in *cc__action_in_new(struct cc_error *err);
void cc__action_in_free(struct cc__action_in *in);
/* Reads body into in, whose rec holds the action as it is (a new one's
 * defaults), then checks the merged result; required: the members a new
 * action must have (NULL-terminated), or NULL for a change. */
int cc__action_read(struct cc_store *s, const struct cc_plan *pl, const json_t *body,
		    const char *const *required, struct cc__action_in *in, struct cc_error *err);

#endif
