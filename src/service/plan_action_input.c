/*
 * plan_action_input.c - reading the JSON of an action (POST and PATCH,
 * drafts and templates too) into a struct cc__action_in, field by field:
 * a bad value is CC_EINPUT naming the member at fault, down to
 * "kpis[1].name" or "links[0].node"; framework nodes, campaigns and
 * targets are checked against the store. The result is checked as a
 * whole (a due date against the start it will have). Writing it is
 * plan_actions.c.
 */
#include "plans_internal.h"

#include "workflow.h"

#include "../core/date.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void cc__action_in_free(struct cc__action_in *in)
{
	for (int i = 0; i < in->ndetails; i++)
		free(in->details[i]);
	free(in->meas);
	cc__fw_cache_free(&in->fws);
	free(in);
}

struct cc__action_in *cc__action_in_new(struct cc_error *err)
{
	struct cc__action_in *in = calloc(1, sizeof(*in));

	if (!in)
		cc_error_set(err, CC_ENOMEM, NULL, 0, 0, "out of memory");
	return in;
}

static bool absent(const json_t *v)
{
	return !v || json_is_null(v);
}

static int check_list(const json_t *v, const char *field, int max, struct cc_error *err)
{
	if (!json_is_array(v))
		return cc_error_set(err, CC_EINPUT, field, 0, 0, "%s is a list", field);
	if (json_array_size(v) > (size_t)max)
		return cc_error_set(err, CC_ELIMIT, field, 0, 0, "%s holds at most %d items", field, max);
	return CC_OK;
}

static int number(const json_t *v, const char *field, double *out, struct cc_error *err)
{
	if (!json_is_number(v) || !isfinite(json_number_value(v)))
		return cc_error_set(err, CC_EINPUT, field, 0, 0, "%s is a number", field);
	*out = json_number_value(v);
	return CC_OK;
}

/* ---- the simple fields ----------------------------------------------------- */

static int texts(const json_t *body, struct cc_action_rec *a, struct cc_error *err)
{
	static const struct { const char *name; size_t off; bool lines; size_t max; } f[] = {
		{"title", offsetof(struct cc_action_rec, title), false, CC_PLAN_TEXT_MAX},
		{"description", offsetof(struct cc_action_rec, description), true, CC_PLAN_LONG_MAX},
		{"lead_agency", offsetof(struct cc_action_rec, lead_agency), false, CC_PLAN_TEXT_MAX},
		{"owner", offsetof(struct cc_action_rec, owner), false, CC_PLAN_TEXT_MAX},
		{"partners", offsetof(struct cc_action_rec, partners), true, CC_PLAN_LONG_MAX},
		{"funding_source", offsetof(struct cc_action_rec, funding_source), false,
		 CC_PLAN_TEXT_MAX},
	};

	for (size_t i = 0; i < sizeof(f) / sizeof(f[0]); i++) {
		json_t *v = json_object_get(body, f[i].name);
		const char *t;
		/* title and owner may not be emptied; the rest may */
		bool needed = i == 0 || strcmp(f[i].name, "owner") == 0;
		int rc;

		if (!v)
			continue;
		if (json_is_null(v) && !needed) {
			*(const char **)((char *)a + f[i].off) = "";
			continue;
		}
		rc = cc__plan_text(v, f[i].name, needed, f[i].max, f[i].lines, &t, err);
		if (rc)
			return rc;
		*(const char **)((char *)a + f[i].off) = t;
	}
	return CC_OK;
}

static int budget(const json_t *v, struct cc_action_rec *a, struct cc_error *err)
{
	json_t *cur;
	const char *c;
	int rc;

	if (!v)
		return CC_OK;
	if (json_is_null(v)) {
		a->budget = NAN;
		a->currency = NULL;
		return CC_OK;
	}
	if (!json_is_object(v))
		return cc_error_set(err, CC_EINPUT, "budget", 0, 0,
				    "budget is {\"amount\": 120000, \"currency\": \"USD\"} or null");
	rc = number(json_object_get(v, "amount"), "budget.amount", &a->budget, err);
	if (!rc && a->budget < 0)
		rc = cc_error_set(err, CC_EINPUT, "budget.amount", 0, 0, "budget.amount is 0 or more");
	if (rc)
		return rc;
	cur = json_object_get(v, "currency");
	c = json_is_string(cur) ? json_string_value(cur) : "";
	if (strlen(c) != 3 || c[0] < 'A' || c[0] > 'Z' || c[1] < 'A' || c[1] > 'Z' ||
	    c[2] < 'A' || c[2] > 'Z')
		return cc_error_set(err, CC_EINPUT, "budget.currency", 0, 0,
				    "budget.currency is an ISO 4217 code such as USD, EUR or XOF");
	a->currency = c;
	return CC_OK;
}

static int scalars(const struct cc_plan *pl, const json_t *body, struct cc_action_rec *a,
		   struct cc_error *err)
{
	json_t *v;
	long long n;
	int d, rc = CC_OK;
	const char *t;

	if ((v = json_object_get(body, "objective"))) {
		rc = cc__plan_int(v, "objective", 1, 1LL << 53, &n, err);
		if (!rc && cc_plan_objective_index(pl, n) < 0)
			rc = cc_error_set(err, CC_EINPUT, "objective", 0, 0,
					  "plan %s has no objective %lld", pl->p->id, n);
		if (rc)
			return rc;
		a->objective = n;
	}
	if ((v = json_object_get(body, "start"))) {
		if ((rc = cc__plan_date(v, "start", false, &t, &d, err)))
			return rc;
		a->start = t;
	}
	if ((v = json_object_get(body, "due"))) {
		if ((rc = cc__plan_date(v, "due", false, &t, &d, err)))
			return rc;
		a->due = t;
	}
	if ((v = json_object_get(body, "status"))) {
		if (!json_is_string(v) || cc_action_status_parse(json_string_value(v)) < 0)
			return cc_error_set(err, CC_EINPUT, "status", 0, 0,
					    "status is proposed, planned, in_progress, done, blocked "
					    "or cancelled");
		a->status = json_string_value(v);
		if (strcmp(a->status, "done") == 0 && !json_object_get(body, "progress"))
			a->progress = 100;
	}
	if ((v = json_object_get(body, "progress"))) {
		if ((rc = cc__plan_int(v, "progress", 0, 100, &n, err)))
			return rc;
		a->progress = (int)n;
	}
	return budget(json_object_get(body, "budget"), a, err);
}

/* ---- lists ----------------------------------------------------------------- */

static int kpis(const json_t *v, struct cc__action_in *in, struct cc_error *err)
{
	int rc = check_list(v, "kpis", CC_ACTION_MAX_KPIS, err);
	size_t i;
	json_t *k;

	if (rc)
		return rc;
	in->kpis_given = true;
	json_array_foreach(v, i, k) {
		struct cc_kpi_rec *r = &in->kpis[i];
		char f[4][40];

		snprintf(f[0], sizeof(f[0]), "kpis[%zu].name", i);
		snprintf(f[1], sizeof(f[1]), "kpis[%zu].unit", i);
		snprintf(f[2], sizeof(f[2]), "kpis[%zu].baseline", i);
		snprintf(f[3], sizeof(f[3]), "kpis[%zu].target", i);
		if (!json_is_object(k))
			return cc_error_set(err, CC_EINPUT, f[0] , 0, 0,
					    "a KPI is {\"name\", \"unit\", \"baseline\", \"target\"}");
		rc = cc__plan_text(json_object_get(k, "name"), f[0], true, 200, false, &r->name, err);
		if (!rc)
			rc = cc__plan_text(json_object_get(k, "unit"), f[1], false, 100, false, &r->unit,
					   err);
		if (!rc)
			rc = number(json_object_get(k, "baseline"), f[2], &r->baseline, err);
		if (!rc)
			rc = number(json_object_get(k, "target"), f[3], &r->target, err);
		for (size_t j = 0; !rc && j < i; j++)
			if (strcmp(in->kpis[j].name, r->name) == 0)
				rc = cc_error_set(err, CC_EINPUT, f[0], 0, 0,
						  "KPI names are unique within an action: \"%s\" twice",
						  r->name);
		if (rc)
			return rc;
		r->unit = r->unit ? r->unit : "";
		r->position = (int)i + 1;
		in->nkpis++;
	}
	return CC_OK;
}

static int measurements(const json_t *v, struct cc__action_in *in, struct cc_error *err)
{
	int rc = check_list(v, "kpi_measurements", CC_ACTION_MAX_MEASUREMENTS, err);
	size_t i;
	json_t *m;

	if (rc)
		return rc;
	in->meas = calloc(json_array_size(v) + 1, sizeof(*in->meas));
	if (!in->meas)
		return cc_error_set(err, CC_ENOMEM, NULL, 0, 0, "out of memory");
	json_array_foreach(v, i, m) {
		struct cc__measurement_in *r = &in->meas[i];
		char f[3][48];
		int d;

		snprintf(f[0], sizeof(f[0]), "kpi_measurements[%zu].kpi", i);
		snprintf(f[1], sizeof(f[1]), "kpi_measurements[%zu].date", i);
		snprintf(f[2], sizeof(f[2]), "kpi_measurements[%zu].value", i);
		rc = cc__plan_text(json_object_get(m, "kpi"), f[0], true, 200, false, &r->kpi, err);
		if (!rc)
			rc = cc__plan_date(json_object_get(m, "date"), f[1], true, &r->date, &d, err);
		if (!rc)
			rc = number(json_object_get(m, "value"), f[2], &r->value, err);
		if (rc)
			return rc;
		in->nmeas++;
	}
	return CC_OK;
}

static int keep_detail(const json_t *d, const char *field, struct cc__action_in *in,
		       const char **out, struct cc_error *err)
{
	*out = NULL;
	if (absent(d))
		return CC_OK;
	if (!json_is_object(d) && !json_is_array(d))
		return cc_error_set(err, CC_EINPUT, field, 0, 0, "%s is an object or a list", field);
	in->details[in->ndetails] = json_dumps(d, JSON_COMPACT | JSON_SORT_KEYS);
	if (!in->details[in->ndetails])
		return cc_error_set(err, CC_ENOMEM, NULL, 0, 0, "out of memory");
	if (strlen(in->details[in->ndetails]) > CC_PLAN_LONG_MAX)
		return cc_error_set(err, CC_EINPUT, field, 0, 0, "%s is at most %d bytes of JSON",
				    field, CC_PLAN_LONG_MAX);
	*out = in->details[in->ndetails++];
	return CC_OK;
}

/* framework, node, campaign and target of a link object o, checked
 * against the store; prefix names the member ("links[2]", "source"). */
static int node_ref(struct cc_store *s, const json_t *o, const char *prefix, bool need_node,
		    struct cc__action_in *in, struct cc_link_rec *l, struct cc_error *err)
{
	const struct cc_framework *fw = NULL;
	char f[5][48];
	int rc;

	snprintf(f[0], sizeof(f[0]), "%s.framework", prefix);
	snprintf(f[1], sizeof(f[1]), "%s.node", prefix);
	snprintf(f[2], sizeof(f[2]), "%s.campaign", prefix);
	snprintf(f[3], sizeof(f[3]), "%s.target", prefix);
	snprintf(f[4], sizeof(f[4]), "%s.detail", prefix);
	rc = cc__plan_text(json_object_get(o, "framework"), f[0], need_node, 128, false,
			   &l->framework, err);
	if (!rc)
		rc = cc__plan_text(json_object_get(o, "node"), f[1], need_node, 200, false, &l->node,
				   err);
	if (!rc && l->node && !l->framework)
		rc = cc_error_set(err, CC_EINPUT, f[0], 0, 0, "%s is required with a node", f[0]);
	if (!rc && l->framework)
		rc = cc__plan_framework(s, &in->fws, l->framework, f[0], &fw, err);
	if (!rc && l->node)
		rc = cc__plan_node(s, fw, l->node, f[1], err);
	if (!rc)
		rc = cc__plan_text(json_object_get(o, "campaign"), f[2], false, 128, false,
				   &l->campaign, err);
	if (!rc && l->campaign) {
		struct cc_list c;
		rc = cc_store_campaign(s, l->campaign, &c, err);
		if (rc == CC_ENOTFOUND)
			rc = cc_error_set(err, CC_EINPUT, f[2], 0, 0, "no campaign \"%s\"", l->campaign);
		else if (!rc) {
			if (l->framework &&
			    strcmp(((struct cc_campaign_rec *)c.items)->framework, l->framework) != 0)
				rc = cc_error_set(err, CC_EINPUT, f[2], 0, 0,
						  "campaign %s is not on framework %s", l->campaign,
						  l->framework);
			cc_list_free(&c);
		}
	}
	if (!rc)
		rc = cc__plan_text(json_object_get(o, "target"), f[3], false, 128, false, &l->target,
				   err);
	if (!rc && l->target && (!fw || cc_framework_target(fw, l->target) < 0))
		rc = cc_error_set(err, CC_EINPUT, f[3], 0, 0, "%s names no target of framework %s",
				  f[3], l->framework ? l->framework : "(none given)");
	if (!rc)
		rc = keep_detail(json_object_get(o, "detail"), f[4], in, &l->detail, err);
	return rc;
}

static int links(struct cc_store *s, const json_t *v, struct cc__action_in *in,
		 struct cc_error *err)
{
	int rc = check_list(v, "links", CC_ACTION_MAX_LINKS, err);
	size_t i;
	json_t *o;

	if (rc)
		return rc;
	in->links_given = true;
	json_array_foreach(v, i, o) {
		struct cc_link_rec *l = &in->links[in->nlinks];
		char prefix[32];
		bool dup = false;

		snprintf(prefix, sizeof(prefix), "links[%zu]", i);
		if (!json_is_object(o))
			return cc_error_set(err, CC_EINPUT, prefix, 0, 0,
					    "a link is {\"framework\", \"node\", \"campaign\"?}");
		memset(l, 0, sizeof(*l));
		l->kind = "node";
		l->role = "addresses";
		if ((rc = node_ref(s, o, prefix, true, in, l, err)))
			return rc;
		for (int j = 0; j < in->nlinks; j++)
			dup |= strcmp(in->links[j].framework, l->framework) == 0 &&
			       strcmp(in->links[j].node, l->node) == 0;
		in->nlinks += !dup;     /* the same node twice counts once */
	}
	return CC_OK;
}

static bool kind_valid(const char *k)
{
	size_t n = strlen(k);

	if (n == 0 || n > 32)
		return false;
	for (; *k; k++)
		if (!((*k >= 'a' && *k <= 'z') || *k == '_'))
			return false;
	return true;
}

static int source(struct cc_store *s, const json_t *v, struct cc__action_in *in,
		  struct cc_error *err)
{
	struct cc_link_rec *l = &in->source;
	int rc;

	in->source_given = true;
	in->has_source = false;
	if (json_is_null(v))
		return CC_OK;
	if (!json_is_object(v))
		return cc_error_set(err, CC_EINPUT, "source", 0, 0,
				    "source is {\"kind\": \"gap\", \"campaign\", \"framework\", "
				    "\"node\", ...} or null");
	memset(l, 0, sizeof(*l));
	l->role = "source";
	rc = cc__plan_text(json_object_get(v, "kind"), "source.kind", true, 32, false, &l->kind,
			   err);
	if (!rc && !kind_valid(l->kind))
		rc = cc_error_set(err, CC_EINPUT, "source.kind", 0, 0,
				  "source.kind is a word of a-z and '_' (gap, target, strategy, "
				  "risk, drill, request...)");
	if (!rc)
		rc = node_ref(s, v, "source", strcmp(l->kind, "node") == 0, in, l, err);
	if (!rc)
		rc = cc__plan_text(json_object_get(v, "ref"), "source.ref", false, CC_PLAN_TEXT_MAX,
				   false, &l->ref, err);
	in->has_source = !rc;
	return rc;
}

static int evidence(const json_t *v, struct cc__action_in *in, struct cc_error *err)
{
	int rc = check_list(v, "evidence", CC_ACTION_MAX_EVIDENCE, err);
	size_t i;
	json_t *u;

	if (rc)
		return rc;
	in->evidence_given = true;
	json_array_foreach(v, i, u) {
		char field[32];

		snprintf(field, sizeof(field), "evidence[%zu]", i);
		if (!json_is_string(u))
			return cc_error_set(err, CC_EINPUT, field, 0, 0, "%s is a link", field);
		if ((rc = cc_workflow_check_url(json_string_value(u), field, err)))
			return rc;
		in->evidence[in->nevidence++] = json_string_value(u);
	}
	return CC_OK;
}

/* Reads body into in (whose rec holds the action as it is), then checks
 * the merged result. required: the members a new action must have. */
int cc__action_read(struct cc_store *s, const struct cc_plan *pl, const json_t *body,
		       const char *const *required, struct cc__action_in *in, struct cc_error *err)
{
	json_t *v;
	int ds, dd, rc;

	if (!json_is_object(body))
		return cc_error_set(err, CC_EINPUT, NULL, 0, 0, "the body is a JSON object");
	for (int i = 0; required && required[i]; i++)
		if (absent(json_object_get(body, required[i])))
			return cc_error_set(err, CC_EINPUT, required[i], 0, 0, "%s is required",
					    required[i]);
	rc = texts(body, &in->rec, err);
	if (!rc)
		rc = scalars(pl, body, &in->rec, err);
	if (!rc && (v = json_object_get(body, "kpis")) && !json_is_null(v))
		rc = kpis(v, in, err);
	if (!rc && (v = json_object_get(body, "kpi_measurements")))
		rc = measurements(v, in, err);
	if (!rc && (v = json_object_get(body, "links")) && !json_is_null(v))
		rc = links(s, v, in, err);
	if (!rc && (v = json_object_get(body, "source")))
		rc = source(s, v, in, err);
	if (!rc && (v = json_object_get(body, "evidence")) && !json_is_null(v))
		rc = evidence(v, in, err);
	if (rc)
		return rc;
	if (in->rec.start && in->rec.due && cc_date_valid(in->rec.start, &ds) &&
	    cc_date_valid(in->rec.due, &dd) && dd < ds)
		return cc_error_set(err, CC_EINPUT, "due", 0, 0, "due (%s) is before start (%s)",
				    in->rec.due, in->rec.start);
	return CC_OK;
}
