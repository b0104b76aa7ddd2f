/*
 * partners.c - group membership over time, the themes taxonomy,
 * organisations and who acts for them (see store_partners.h).
 */
#include "store_internal.h"
#include "store_partners.h"


int cc_store_put_group_period(struct cc_store *s, const struct cc_period_rec *p,
			      struct cc_error *err)
{
	return cc__run(s, err, "INSERT INTO unit_group_period (group_id, unit_id, "
		       "from_date, to_date) VALUES (?, ?, ?, ?) ON CONFLICT (group_id, unit_id, "
		       "from_date) DO UPDATE SET to_date = excluded.to_date", "tttt", p->group, p->unit,
		       p->from, p->to);
}

static int period_row(struct cc_list *l, cc__stmt *st, void *item)
{
	struct cc_period_rec *p = item;

	p->group = cc__col_text(l, st, 0);
	p->unit = cc__col_text(l, st, 1);
	p->from = cc__col_text(l, st, 2);
	p->to = cc__col_text(l, st, 3);
	return p->group && p->unit ? 0 : -1;
}

int cc_store_group_periods(struct cc_store *s, struct cc_list *out, struct cc_error *err)
{
	return cc__collect(s, cc__prepare(s, err, "SELECT group_id, unit_id, from_date, to_date "
					  "FROM unit_group_period ORDER BY group_id, unit_id, "
					  "from_date", ""),
			   out, sizeof(struct cc_period_rec), period_row, err);
}

int cc_store_set_themes(struct cc_store *s, const struct cc_theme_rec *t, int n,
			struct cc_error *err)
{
	int rc = cc__run(s, err, "DELETE FROM partner_theme", "");

	for (int i = 0; !rc && i < n; i++)
		rc = cc__run(s, err, "INSERT INTO partner_theme (id, parent, name, nodes, position) "
			     "VALUES (?, ?, ?, ?, ?)", "ttttI", t[i].id, t[i].parent, t[i].name,
			     t[i].nodes, (long long)i);
	return rc;
}

static int theme_row(struct cc_list *l, cc__stmt *st, void *item)
{
	struct cc_theme_rec *t = item;

	t->id = cc__col_text(l, st, 0);
	t->parent = cc__col_text(l, st, 1);
	t->name = cc__col_text(l, st, 2);
	t->nodes = cc__col_text(l, st, 3);
	return t->id && t->name && t->nodes ? 0 : -1;
}

int cc_store_themes(struct cc_store *s, struct cc_list *out, struct cc_error *err)
{
	return cc__collect(s, cc__prepare(s, err, "SELECT id, parent, name, nodes FROM "
					  "partner_theme ORDER BY position", ""),
			   out, sizeof(struct cc_theme_rec), theme_row, err);
}

int cc_store_create_org(struct cc_store *s, const struct cc_org_rec *o, struct cc_error *err)
{
	int rc = cc__run(s, err, "INSERT INTO organisation (id, name, kind, fictional, created_by, "
			 "created_at) VALUES (?, ?, ?, ?, ?, " NOW ")", "tttit", o->id, o->name,
			 o->kind, o->fictional, o->created_by);

	if (rc == CC_ECONFLICT)
		return cc_error_set(err, CC_ECONFLICT, "id", 0, 0,
				    "organisation \"%s\" exists already", o->id);
	return rc;
}

static int org_row(struct cc_list *l, cc__stmt *st, void *item)
{
	struct cc_org_rec *o = item;

	o->id = cc__col_text(l, st, 0);
	o->name = cc__col_text(l, st, 1);
	o->kind = cc__col_text(l, st, 2);
	o->fictional = cc__int(st, 3);
	o->created_by = cc__col_text(l, st, 4);
	o->created_at = cc__col_text(l, st, 5);
	return o->id && o->name && o->kind ? 0 : -1;
}

#define ORG_SELECT "SELECT id, name, kind, fictional, created_by, created_at FROM organisation "

int cc_store_orgs(struct cc_store *s, struct cc_list *out, struct cc_error *err)
{
	return cc__collect(s, cc__prepare(s, err, ORG_SELECT "ORDER BY name", ""),
			   out, sizeof(struct cc_org_rec), org_row, err);
}

int cc_store_org(struct cc_store *s, const char *id, struct cc_list *out, struct cc_error *err)
{
	int rc = cc__collect(s, cc__prepare(s, err, ORG_SELECT "WHERE id = ?", "t", id),
			     out, sizeof(struct cc_org_rec), org_row, err);

	if (!rc && out->n == 0) {
		cc_list_free(out);
		return cc_error_set(err, CC_ENOTFOUND, "partner", 0, 0,
				    "no organisation \"%s\"", id);
	}
	return rc;
}

int cc_store_add_partnership_member(struct cc_store *s, long long user, const char *role,
				    const char *org, struct cc_error *err)
{
	return cc__run(s, err, "INSERT OR IGNORE INTO partnership_member (user_id, role, "
		       "organisation_id) VALUES (?, ?, ?)", "Itt", user, role, org);
}

static int member_row(struct cc_list *l, cc__stmt *st, void *item)
{
	struct cc_pmember_rec *m = item;

	m->role = cc__col_text(l, st, 0);
	m->org = cc__col_text(l, st, 1);
	return m->role ? 0 : -1;
}

int cc_store_partnership_roles(struct cc_store *s, long long user, struct cc_list *out,
			       struct cc_error *err)
{
	return cc__collect(s, cc__prepare(s, err, "SELECT role, organisation_id FROM "
					  "partnership_member WHERE user_id = ? ORDER BY role, "
					  "organisation_id", "I", user),
			   out, sizeof(struct cc_pmember_rec), member_row, err);
}

static int origin_row(struct cc_list *l, cc__stmt *st, void *item)
{
	struct cc_action_origin_rec *o = item;

	o->action = cc__int64(st, 0);
	o->plan = cc__col_text(l, st, 1);
	o->unit = cc__col_text(l, st, 2);
	o->title = cc__col_text(l, st, 3);
	o->description = cc__col_text(l, st, 4);
	o->framework = cc__col_text(l, st, 5);
	o->node = cc__col_text(l, st, 6);
	o->campaign = cc__col_text(l, st, 7);
	o->from_gap = cc__int(st, 8);
	return o->plan && o->unit && o->title ? 0 : -1;
}

int cc_store_action_origin(struct cc_store *s, long long action, struct cc_list *out,
			   struct cc_error *err)
{
	int rc = cc__collect(s, cc__prepare(s, err,
		"SELECT a.id, a.plan_id, p.unit_id, a.title, a.description, l.framework, l.node, "
		"coalesce(l.campaign, p.baseline_campaign), EXISTS (SELECT 1 FROM action_link g "
		"WHERE g.action_id = a.id AND g.role = 'source' AND g.kind IN ('gap', 'target')) "
		"FROM action a JOIN plan p ON p.id = a.plan_id LEFT JOIN action_link l ON l.id = "
		"(SELECT min(id) FROM action_link x WHERE x.action_id = a.id AND x.node IS NOT NULL "
		"AND x.framework IS NOT NULL) WHERE a.id = ?", "I", action),
		out, sizeof(struct cc_action_origin_rec), origin_row, err);

	if (!rc && out->n == 0) {
		cc_list_free(out);
		return cc_error_set(err, CC_ENOTFOUND, "action", 0, 0, "no plan action %lld", action);
	}
	return rc;
}
