/*
 * plans.c - action plans: loading one whole, creating and changing the
 * plan record, its objectives and its service catalogue, each change
 * audited in its transaction; and the field checks the other plan files
 * share (see plans.h and plans_internal.h; actions are plan_actions.c).
 */
#include "plans_internal.h"

#include "editions.h"

#include "../core/date.h"
#include "../format/csirt_services.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- field checks ------------------------------------------------------ */

static bool absent(const json_t *v)
{
	return !v || json_is_null(v);
}

int cc__plan_text(const json_t *v, const char *field, bool required, size_t max,
		  bool lines, const char **out, struct cc_error *err)
{
	const char *t;
	size_t n;
	bool blank = true;

	*out = NULL;
	if (absent(v))
		return required ? cc_error_set(err, CC_EINPUT, field, 0, 0, "%s is required", field)
				: CC_OK;
	if (!json_is_string(v))
		return cc_error_set(err, CC_EINPUT, field, 0, 0, "%s is text", field);
	t = json_string_value(v);
	n = json_string_length(v);
	if (n > max)
		return cc_error_set(err, CC_EINPUT, field, 0, 0, "%s is at most %zu bytes", field, max);
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)t[i];
		if ((c < 0x20 && !(lines && (c == '\n' || c == '\t' || c == '\r'))) || c == 0x7f)
			return cc_error_set(err, CC_EINPUT, field, 0, 0, "%s holds a control character%s",
					    field, lines ? "" : " (line breaks are not allowed here)");
		blank &= c == ' ' || c == '\n' || c == '\t' || c == '\r';
	}
	if (required && blank)
		return cc_error_set(err, CC_EINPUT, field, 0, 0, "%s cannot be empty", field);
	*out = t;
	return CC_OK;
}

int cc__plan_date(const json_t *v, const char *field, bool required, const char **out,
		  int *days, struct cc_error *err)
{
	*out = NULL;
	*days = CC_NO_DATE;
	if (absent(v))
		return required ? cc_error_set(err, CC_EINPUT, field, 0, 0,
					       "%s is required (a date YYYY-MM-DD)", field) : CC_OK;
	if (!json_is_string(v) || !cc_date_parse(json_string_value(v), json_string_length(v), days))
		return cc_error_set(err, CC_EINPUT, field, 0, 0,
				    "%s is a date YYYY-MM-DD that exists (years %d to %d)", field,
				    CC_DATE_MIN_YEAR, CC_DATE_MAX_YEAR);
	*out = json_string_value(v);
	return CC_OK;
}

int cc__plan_int(const json_t *v, const char *field, long long lo, long long hi,
		 long long *out, struct cc_error *err)
{
	if (!json_is_integer(v) || json_integer_value(v) < lo || json_integer_value(v) > hi)
		return cc_error_set(err, CC_EINPUT, field, 0, 0, "%s is a whole number from %lld to %lld",
				    field, lo, hi);
	*out = json_integer_value(v);
	return CC_OK;
}

int cc__plan_audit(struct cc_store *s, const char *actor, const char *action,
		   const char *entity, json_t *before, json_t *after, struct cc_error *err)
{
	char *b = before ? json_dumps(before, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
	char *a = after ? json_dumps(after, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
	int rc = (before && !b) || (after && !a) ?
		cc_error_set(err, CC_ENOMEM, NULL, 0, 0, "out of memory") :
		cc_store_audit(s, actor, action, entity, b, a, err);

	free(b);
	free(a);
	json_decref(before);
	json_decref(after);
	return rc;
}

void cc__plan_entity(char *buf, size_t size, const char *plan, const char *what, long long id)
{
	if (what)
		snprintf(buf, size, "plan:%s/%s:%lld", plan, what, id);
	else
		snprintf(buf, size, "plan:%s", plan);
}

int cc__plan_framework(struct cc_store *s, struct cc__fw_cache *c, const char *id,
		       const char *field, const struct cc_framework **fw, struct cc_error *err)
{
	int rc;

	for (int i = 0; i < c->n; i++)
		if (strcmp(c->id[i], id) == 0) {
			*fw = &c->fw[i];
			return CC_OK;
		}
	if (c->n == (int)(sizeof(c->fw) / sizeof(c->fw[0])))
		return cc_error_set(err, CC_ELIMIT, field, 0, 0,
				    "at most %d frameworks in one request", c->n);
	if (strlen(id) >= sizeof(c->id[0]))
		return cc_error_set(err, CC_EINPUT, field, 0, 0, "no framework \"%.40s...\"", id);
	rc = cc_service_framework(s, id, NULL, &c->fw[c->n], err);
	if (rc == CC_ENOTFOUND)
		return cc_error_set(err, CC_EINPUT, field, 0, 0, "no framework \"%s\"", id);
	if (rc)
		return rc;
	snprintf(c->id[c->n], sizeof(c->id[0]), "%s", id);
	*fw = &c->fw[c->n++];
	return CC_OK;
}

int cc__plan_node(struct cc_store *s, const struct cc_framework *fw, const char *node,
		  const char *field, struct cc_error *err)
{
	char version[64];
	int rc;

	if (cc_framework_find(fw, node) >= 0)
		return CC_OK;
	rc = cc_service_framework_node(s, fw->id, node, version, sizeof(version), err);
	if (rc == CC_ENOTFOUND)
		return cc_error_set(err, CC_EINPUT, field, 0, 0,
				    "framework %s has no node \"%.100s\" in any edition", fw->id, node);
	return rc;
}

void cc__fw_cache_free(struct cc__fw_cache *c)
{
	for (int i = 0; i < c->n; i++)
		cc_framework_free(&c->fw[i]);
	c->n = 0;
}

int cc__plan_latest_published(struct cc_store *s, const char *unit, const char *framework,
			      const char *before, char *out, struct cc_error *err)
{
	struct cc_list l;
	int rc = cc_store_unit_campaigns(s, unit, &l, err);

	out[0] = '\0';
	if (rc)
		return rc;
	for (int i = 0; i < l.n; i++) {
		const struct cc_campaign_rec *c = &((struct cc_campaign_rec *)l.items)[i];
		if (c->status == CC_CAMPAIGN_PUBLISHED && c->published_at &&
		    (!framework || strcmp(c->framework, framework) == 0) &&
		    (!before || strcmp(c->published_at, before) <= 0))
			snprintf(out, 130, "%s", c->id);   /* published first, oldest first */
	}
	cc_list_free(&l);
	return CC_OK;
}

/* ---- loading ----------------------------------------------------------- */

int cc_plan_load(struct cc_store *s, const char *id, struct cc_plan *pl, struct cc_error *err)
{
	typedef int (*list_fn)(struct cc_store *, const char *, struct cc_list *, struct cc_error *);
	const struct { list_fn fn; struct cc_list *out; } parts[] = {
		{cc_store_objectives, &pl->objectives}, {cc_store_actions, &pl->actions},
		{cc_store_kpis, &pl->kpis}, {cc_store_measurements, &pl->measurements},
		{cc_store_links, &pl->links}, {cc_store_action_evidence, &pl->evidence},
		{cc_store_plan_services, &pl->services},
	};
	int rc;

	memset(pl, 0, sizeof(*pl));
	rc = cc_store_plan(s, id, &pl->plan, err);
	for (size_t i = 0; !rc && i < sizeof(parts) / sizeof(parts[0]); i++)
		rc = parts[i].fn(s, id, parts[i].out, err);
	if (!rc)
		pl->p = pl->plan.items;
	return rc;
}

void cc_plan_free(struct cc_plan *pl)
{
	struct cc_list *all[] = {&pl->plan, &pl->objectives, &pl->actions, &pl->kpis,
				 &pl->measurements, &pl->links, &pl->evidence, &pl->services};

	/* a zeroed list (not loaded) frees as an empty one */
	for (size_t i = 0; i < sizeof(all) / sizeof(all[0]); i++)
		cc_list_free(all[i]);
	pl->p = NULL;
}

/* The index of the record with id in a list of records of size bytes
 * whose first member is their long long id; -1 when none. */
static int index_of(const struct cc_list *l, size_t size, long long id)
{
	for (int i = 0; i < l->n; i++)
		if (*(const long long *)((const char *)l->items + (size_t)i * size) == id)
			return i;
	return -1;
}

int cc_plan_action_index(const struct cc_plan *pl, long long id)
{
	return index_of(&pl->actions, sizeof(struct cc_action_rec), id);
}

int cc_plan_objective_index(const struct cc_plan *pl, long long id)
{
	return index_of(&pl->objectives, sizeof(struct cc_objective_rec), id);
}

/* ---- the plan record ------------------------------------------------------ */

static bool valid_plan_id(const char *id, size_t n)
{
	if (n == 0 || n > CC_PLAN_ID_MAX)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!((id[i] >= 'a' && id[i] <= 'z') || (id[i] >= '0' && id[i] <= '9') ||
		      id[i] == '.' || id[i] == '_' || id[i] == '-'))
			return false;
	return true;
}

/* The baseline: a published campaign that assessed the unit. */
static int check_baseline(struct cc_store *s, const char *unit, const char *id,
			  struct cc_error *err)
{
	struct cc_list l;
	bool ok = false;
	int rc = cc_store_unit_campaigns(s, unit, &l, err);

	if (rc)
		return rc;
	for (int i = 0; i < l.n; i++) {
		const struct cc_campaign_rec *c = &((struct cc_campaign_rec *)l.items)[i];
		ok |= strcmp(c->id, id) == 0 && c->status == CC_CAMPAIGN_PUBLISHED;
	}
	cc_list_free(&l);
	return ok ? CC_OK : cc_error_set(err, CC_EINPUT, "baseline", 0, 0,
					 "baseline is a published campaign that assessed %s", unit);
}

/* Dates, title and public of a plan record from body (members absent:
 * p keeps what it has). */
static int plan_fields(const json_t *body, struct cc_plan_rec *p, bool create,
		       struct cc_error *err)
{
	const char *title, *start, *end;
	int ds, de, rc;
	json_t *pub = json_object_get(body, "public");

	rc = cc__plan_text(json_object_get(body, "title"), "title", create, CC_PLAN_TEXT_MAX,
			   false, &title, err);
	if (!rc)
		rc = cc__plan_date(json_object_get(body, "start"), "start", create, &start, &ds, err);
	if (!rc)
		rc = cc__plan_date(json_object_get(body, "end"), "end", create, &end, &de, err);
	if (rc)
		return rc;
	p->title = title ? title : p->title;
	p->start = start ? start : p->start;
	p->end = end ? end : p->end;
	if (!absent(pub) && !json_is_boolean(pub))
		return cc_error_set(err, CC_EINPUT, "public", 0, 0, "public is true or false");
	if (!absent(pub))
		p->is_public = json_is_true(pub);
	if (strcmp(p->end, p->start) < 0)
		return cc_error_set(err, CC_EINPUT, "end", 0, 0,
				    "end (%s) is before start (%s)", p->end, p->start);
	return CC_OK;
}

static json_t *plan_audit_json(const struct cc_plan_rec *p)
{
	return json_pack("{s:s,s:s,s:s,s:s,s:s,s:s?,s:s?,s:b}", "id", p->id, "unit", p->unit,
			 "title", p->title, "start", p->start, "end", p->end, "baseline",
			 p->baseline, "template", p->template_id, "public", p->is_public);
}

static int create_plan(struct cc_store *s, struct cc_plan_rec *p, char *baseline,
		       struct cc_error *err)
{
	char entity[CC_PLAN_ID_MAX + 8];
	int rc;

	if (!p->baseline) {
		rc = cc__plan_latest_published(s, p->unit, NULL, NULL, baseline, err);
		p->baseline = baseline[0] ? baseline : NULL;
	} else {
		rc = check_baseline(s, p->unit, p->baseline, err);
	}
	if (!rc)
		rc = cc_store_create_plan(s, p, err);
	cc__plan_entity(entity, sizeof(entity), p->id, NULL, 0);
	if (!rc)
		rc = cc__plan_audit(s, p->created_by, "create", entity, NULL, plan_audit_json(p), err);
	if (!rc && p->template_id)
		rc = cc__plan_from_template(s, p, p->created_by, err);
	return rc;
}

int cc_plan_create(struct cc_store *s, const json_t *body, const char *actor,
		   struct cc_error *err)
{
	struct cc_plan_rec p = {.created_by = actor};
	const char *id, *unit, *baseline, *tmpl;
	char latest[130];
	int rc = cc__plan_text(json_object_get(body, "id"), "id", true, CC_PLAN_ID_MAX, false,
			       &id, err);

	if (!rc && !valid_plan_id(id, strlen(id)))
		rc = cc_error_set(err, CC_EINPUT, "id", 0, 0,
				  "a plan id is 1 to %d of a-z, 0-9, '.', '_' and '-'", CC_PLAN_ID_MAX);
	if (!rc)
		rc = cc__plan_text(json_object_get(body, "unit"), "unit", true, 16, false, &unit, err);
	if (!rc && !cc_store_unit_exists(s, unit))
		rc = cc_error_set(err, CC_EINPUT, "unit", 0, 0, "unit \"%s\" is not known", unit);
	if (!rc)
		rc = cc__plan_text(json_object_get(body, "baseline"), "baseline", false, 128, false,
				   &baseline, err);
	if (!rc)
		rc = cc__plan_text(json_object_get(body, "template"), "template", false, 64, false,
				   &tmpl, err);
	if (!rc && tmpl && !cc_plan_template_known(tmpl))
		rc = cc_error_set(err, CC_EINPUT, "template", 0, 0,
				  "template is cirt-establishment or ncs-development");
	if (rc)
		return rc;
	p.id = id, p.unit = unit, p.baseline = baseline, p.template_id = tmpl;
	rc = plan_fields(body, &p, true, err);
	if (rc)
		return rc;
	CC_TXN(s, err, create_plan(s, &p, latest, err));
}

static int update_plan(struct cc_store *s, const char *plan, const json_t *body,
		       const char *actor, struct cc_error *err)
{
	struct cc_list l;
	struct cc_plan_rec p;
	const char *baseline;
	char entity[CC_PLAN_ID_MAX + 8];
	json_t *before, *b = json_object_get(body, "baseline");
	int rc = cc_store_plan(s, plan, &l, err);

	if (rc)
		return rc;
	p = *(struct cc_plan_rec *)l.items;
	before = plan_audit_json(&p);
	rc = plan_fields(body, &p, false, err);
	if (!rc && b && json_is_null(b))
		p.baseline = NULL;
	else if (!rc && b) {
		rc = cc__plan_text(b, "baseline", true, 128, false, &baseline, err);
		if (!rc)
			rc = check_baseline(s, p.unit, baseline, err);
		p.baseline = baseline;
	}
	if (!rc)
		rc = cc_store_update_plan(s, &p, err);
	cc__plan_entity(entity, sizeof(entity), plan, NULL, 0);
	if (!rc)
		rc = cc__plan_audit(s, actor, "update", entity, before, plan_audit_json(&p), err);
	else
		json_decref(before);
	cc_list_free(&l);
	return rc;
}

int cc_plan_update(struct cc_store *s, const char *plan, const json_t *body,
		   const char *actor, struct cc_error *err)
{
	CC_TXN(s, err, update_plan(s, plan, body, actor, err));
}

/* ---- objectives ---------------------------------------------------------- */

static json_t *objective_json(long long id, const char *title)
{
	return json_pack("{s:I,s:s}", "id", (json_int_t)id, "title", title);
}

int cc__plan_new_objective(struct cc_store *s, const char *plan, const char *title,
			   const char *actor, long long *id, struct cc_error *err)
{
	char entity[CC_PLAN_ID_MAX + 40];
	int rc = cc_store_add_objective(s, plan, title, id, err);

	cc__plan_entity(entity, sizeof(entity), plan, "objective", *id);
	if (!rc)
		rc = cc_store_touch_plan(s, plan, err);
	return rc ? rc : cc__plan_audit(s, actor, "create", entity, NULL,
					objective_json(*id, title), err);
}

/* The objectives of plan (CC_ENOTFOUND, field plan, when there is no
 * such plan) into l, which the caller frees; *o the one with id when id
 * is not 0 (CC_ENOTFOUND, field objective, when the plan has none). */
static int objectives_of(struct cc_store *s, const char *plan, long long id, struct cc_list *l,
			 const struct cc_objective_rec **o, struct cc_error *err)
{
	int rc = cc_store_plan(s, plan, l, err);

	*o = NULL;
	if (rc)
		return rc;
	cc_list_free(l);
	rc = cc_store_objectives(s, plan, l, err);
	for (int i = 0; !rc && i < l->n; i++)
		if (((struct cc_objective_rec *)l->items)[i].id == id)
			*o = &((struct cc_objective_rec *)l->items)[i];
	if (!rc && id && !*o) {
		cc_list_free(l);
		return cc_error_set(err, CC_ENOTFOUND, "objective", 0, 0,
				    "plan %s has no objective %lld", plan, id);
	}
	return rc;
}

static int add_objective(struct cc_store *s, const char *plan, const json_t *body,
			 const char *actor, long long *id, struct cc_error *err)
{
	struct cc_list l;
	const struct cc_objective_rec *o;
	const char *title;
	int n, rc = objectives_of(s, plan, 0, &l, &o, err);

	if (rc)
		return rc;
	n = l.n;
	cc_list_free(&l);
	rc = cc__plan_text(json_object_get(body, "title"), "title", true, CC_PLAN_TEXT_MAX, false,
			   &title, err);
	if (!rc && n >= CC_PLAN_MAX_OBJECTIVES)
		rc = cc_error_set(err, CC_ELIMIT, "objective", 0, 0,
				  "a plan has at most %d objectives", CC_PLAN_MAX_OBJECTIVES);
	return rc ? rc : cc__plan_new_objective(s, plan, title, actor, id, err);
}

int cc_plan_add_objective(struct cc_store *s, const char *plan, const json_t *body,
			  const char *actor, long long *id, struct cc_error *err)
{
	CC_TXN(s, err, add_objective(s, plan, body, actor, id, err));
}

/* Renames (title not NULL) or deletes objective id, audited. */
static int change_objective(struct cc_store *s, const char *plan, long long id,
			    const json_t *body, bool del, const char *actor, struct cc_error *err)
{
	struct cc_list l;
	const struct cc_objective_rec *o;
	const char *title = NULL;
	char entity[CC_PLAN_ID_MAX + 40];
	int rc = objectives_of(s, plan, id ? id : -1, &l, &o, err);

	if (rc)
		return rc;
	if (!del)
		rc = cc__plan_text(json_object_get(body, "title"), "title", true, CC_PLAN_TEXT_MAX,
				   false, &title, err);
	if (!rc)
		rc = del ? cc_store_delete_objective(s, id, err) :
			cc_store_update_objective(s, id, title, err);
	if (!rc)
		rc = cc_store_touch_plan(s, plan, err);
	cc__plan_entity(entity, sizeof(entity), plan, "objective", id);
	if (!rc)
		rc = cc__plan_audit(s, actor, del ? "delete" : "update", entity,
				    objective_json(id, o->title),
				    del ? NULL : objective_json(id, title), err);
	cc_list_free(&l);
	return rc;
}

int cc_plan_update_objective(struct cc_store *s, const char *plan, long long id,
			     const json_t *body, const char *actor, struct cc_error *err)
{
	CC_TXN(s, err, change_objective(s, plan, id, body, false, actor, err));
}

int cc_plan_delete_objective(struct cc_store *s, const char *plan, long long id,
			     const char *actor, struct cc_error *err)
{
	CC_TXN(s, err, change_objective(s, plan, id, NULL, true, actor, err));
}

/* ---- the service catalogue ------------------------------------------------ */

static json_t *ids_json(const struct cc_list *l)
{
	json_t *a = json_array();

	for (int i = 0; i < l->n; i++)
		json_array_append_new(a, json_string(((const char **)l->items)[i]));
	return a;
}

static int set_services(struct cc_store *s, const char *plan, const char *const *ids, int n,
			const char *actor, struct cc_error *err)
{
	struct cc_list before, after;
	char entity[CC_PLAN_ID_MAX + 16];
	int rc = cc_store_plan_services(s, plan, &before, err);

	if (rc)
		return rc;
	rc = cc_store_set_plan_services(s, plan, ids, n, err);
	if (!rc)
		rc = cc_store_plan_services(s, plan, &after, err);
	if (!rc) {
		rc = cc_store_touch_plan(s, plan, err);
		snprintf(entity, sizeof(entity), "plan:%s/services", plan);
		if (!rc)
			rc = cc__plan_audit(s, actor, "update", entity, ids_json(&before),
					    ids_json(&after), err);
		cc_list_free(&after);
	}
	cc_list_free(&before);
	return rc;
}

int cc_plan_set_services(struct cc_store *s, const char *plan, const json_t *body,
			 const char *actor, struct cc_error *err)
{
	struct cc_csirt_catalogue cat;
	json_t *list = json_object_get(body, "services");
	const char **ids = NULL;
	struct cc_list l;
	size_t n = json_array_size(list);
	int rc = cc_store_plan(s, plan, &l, err);

	if (rc)
		return rc;
	cc_list_free(&l);
	if (!json_is_array(list))
		return cc_error_set(err, CC_EINPUT, "services", 0, 0,
				    "services is a list of service ids such as \"2.1\"");
	rc = cc_csirt_catalogue_load(&cat, NULL, err);
	if (!rc && !(ids = calloc(n + 1, sizeof(*ids))))
		rc = cc_error_set(err, CC_ENOMEM, NULL, 0, 0, "out of memory");
	for (size_t i = 0; !rc && i < n; i++) {
		json_t *v = json_array_get(list, i);
		char field[32];

		snprintf(field, sizeof(field), "services[%zu]", i);
		if (!json_is_string(v) || !cc_csirt_service_find(&cat, json_string_value(v)))
			rc = cc_error_set(err, CC_EINPUT, field, 0, 0,
					  "%s is not a service of the FIRST CSIRT Services Framework "
					  "(GET /api/v1/csirt-services lists them)", field);
		else
			ids[i] = json_string_value(v);
	}
	if (!rc) {
		rc = cc_store_begin(s, err);
		if (!rc)
			rc = set_services(s, plan, ids, (int)n, actor, err);
		if (!rc)
			rc = cc_store_commit(s, err);
		if (rc)
			cc_store_rollback(s);
	}
	free(ids);
	cc_csirt_catalogue_free(&cat);
	return rc;
}
