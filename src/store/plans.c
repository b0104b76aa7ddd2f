/*
 * plans.c - action plans in the store: the plan record, its
 * objectives and its service catalogue (see store.h; actions and what
 * hangs off them are actions.c). Checks that need the framework or
 * the calendar are the service's (service/plans.c); the schema's CHECKs
 * are the last guard.
 */
#include "store_internal.h"

#include <stdio.h>
#include <string.h>


int cc_store_create_plan(struct cc_store *s, const struct cc_plan_rec *p,
			 struct cc_error *err)
{
	int rc = cc__run(s, err,
			 "INSERT INTO plan (id, unit_id, title, start_date, end_date, "
			 "baseline_campaign, template, public, created_by, created_at, updated_at) "
			 "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, " NOW ", " NOW ")", "tttttttit",
			 p->id, p->unit, p->title, p->start, p->end, p->baseline, p->template_id,
			 p->is_public ? 1 : 0, p->created_by);

	if (rc == CC_ECONFLICT)
		return cc_error_set(err, CC_ECONFLICT, "id", 0, 0,
				    "plan \"%s\" exists already", p->id);
	return rc;
}

int cc_store_update_plan(struct cc_store *s, const struct cc_plan_rec *p,
			 struct cc_error *err)
{
	return cc__run(s, err, "UPDATE plan SET title = ?, start_date = ?, end_date = ?, "
		       "baseline_campaign = ?, public = ?, updated_at = " NOW " WHERE id = ?",
		       "ttttit", p->title, p->start, p->end, p->baseline, p->is_public ? 1 : 0,
		       p->id);
}

int cc_store_touch_plan(struct cc_store *s, const char *plan, struct cc_error *err)
{
	return cc__run(s, err, "UPDATE plan SET updated_at = " NOW " WHERE id = ?", "t", plan);
}

static int plan_row(struct cc_list *l, cc__stmt *st, void *item)
{
	struct cc_plan_rec *p = item;

	p->id = cc__col_text(l, st, 0);
	p->unit = cc__col_text(l, st, 1);
	p->title = cc__col_text(l, st, 2);
	p->start = cc__col_text(l, st, 3);
	p->end = cc__col_text(l, st, 4);
	p->baseline = cc__col_text(l, st, 5);
	p->template_id = cc__col_text(l, st, 6);
	p->is_public = cc__int(st, 7);
	p->created_by = cc__col_text(l, st, 8);
	p->created_at = cc__col_text(l, st, 9);
	p->updated_at = cc__col_text(l, st, 10);
	return p->id && p->unit && p->title && p->start && p->end && p->created_by &&
	       p->created_at && p->updated_at ? 0 : -1;
}

#define PLAN_SELECT \
	"SELECT id, unit_id, title, start_date, end_date, baseline_campaign, template, " \
	"public, created_by, created_at, updated_at FROM plan "

int cc_store_plans(struct cc_store *s, const char *unit, struct cc_list *out,
		   struct cc_error *err)
{
	return cc__collect(s, cc__prepare(s, err, PLAN_SELECT
		"WHERE ? IS NULL OR unit_id = ? ORDER BY unit_id, id", "tt", unit, unit),
		out, sizeof(struct cc_plan_rec), plan_row, err);
}

int cc_store_plan(struct cc_store *s, const char *id, struct cc_list *out,
		  struct cc_error *err)
{
	int rc = cc__collect(s, cc__prepare(s, err, PLAN_SELECT "WHERE id = ?", "t", id),
			     out, sizeof(struct cc_plan_rec), plan_row, err);

	if (!rc && out->n == 0) {
		cc_list_free(out);
		return cc_error_set(err, CC_ENOTFOUND, "plan", 0, 0, "no plan \"%s\"", id);
	}
	return rc;
}

/* ---- objectives ------------------------------------------------------- */

int cc_store_add_objective(struct cc_store *s, const char *plan, const char *title,
			   long long *id, struct cc_error *err)
{
	int rc = cc__run(s, err, "INSERT INTO objective (plan_id, title, position) VALUES (?, ?, "
			 "(SELECT coalesce(max(position), 0) + 1 FROM objective WHERE plan_id = ?))",
			 "ttt", plan, title, plan);

	if (!rc)
		*id = cc__last_id(s);
	return rc;
}

int cc_store_update_objective(struct cc_store *s, long long id, const char *title,
			      struct cc_error *err)
{
	return cc__run(s, err, "UPDATE objective SET title = ? WHERE id = ?", "tI", title, id);
}

int cc_store_delete_objective(struct cc_store *s, long long id, struct cc_error *err)
{
	int rc = cc__run(s, err, "DELETE FROM objective WHERE id = ?", "I", id);

	if (rc == CC_ECONFLICT)
		return cc_error_set(err, CC_ECONFLICT, "objective", 0, 0,
				    "objective %lld still has actions: move or delete them first", id);
	return rc;
}

static int objective_row(struct cc_list *l, cc__stmt *st, void *item)
{
	struct cc_objective_rec *o = item;

	o->id = cc__int64(st, 0);
	o->plan = cc__col_text(l, st, 1);
	o->title = cc__col_text(l, st, 2);
	o->position = cc__int(st, 3);
	return o->plan && o->title ? 0 : -1;
}

int cc_store_objectives(struct cc_store *s, const char *plan, struct cc_list *out,
			struct cc_error *err)
{
	return cc__collect(s, cc__prepare(s, err, "SELECT id, plan_id, title, position FROM "
		"objective WHERE plan_id = ? ORDER BY position, id", "t", plan),
		out, sizeof(struct cc_objective_rec), objective_row, err);
}

/* ---- deleting a plan --------------------------------------------------- */

int cc_store_plan_links_in(struct cc_store *s, const char *plan, struct cc_plan_unlinked *out,
			   struct cc_error *err)
{
	int rc = cc__one_int64(s, cc__prepare(s, err, "SELECT count(*) FROM risk_treatment WHERE "
		"plan_id = ?1 OR action_id IN (SELECT id FROM action WHERE plan_id = ?1)", "t",
		plan), &out->risk_treatments, "count", err);

	if (!rc)
		rc = cc__one_int64(s, cc__prepare(s, err, "SELECT count(*) FROM support_request "
			"WHERE source_action IN (SELECT id FROM action WHERE plan_id = ?)", "t", plan),
			&out->support_requests, "count", err);
	if (!rc)
		rc = cc__one_int64(s, cc__prepare(s, err, "SELECT count(*) FROM drill_improvement "
			"WHERE plan_id = ?1 OR plan_action IN (SELECT id FROM action WHERE "
			"plan_id = ?1)", "t", plan), &out->drill_improvements, "count", err);
	return rc;
}

int cc_store_delete_plan(struct cc_store *s, const char *plan, struct cc_plan_unlinked *unlinked,
			 struct cc_error *err)
{
	struct cc_plan_unlinked n;
	int rc = cc_store_plan_links_in(s, plan, &n, err);

	if (!rc && unlinked)
		*unlinked = n;
	/* risk_treatment and support_request let go by their foreign keys
	 * (ON DELETE SET NULL); drill_improvement names the plan without one */
	if (!rc)
		rc = cc__run(s, err, "UPDATE drill_improvement SET plan_id = NULL, plan_action = NULL "
			     "WHERE plan_id = ?1 OR plan_action IN (SELECT id FROM action WHERE "
			     "plan_id = ?1)", "t", plan);
	/* actions before objectives: action.objective_id does not cascade */
	if (!rc)
		rc = cc__run(s, err, "DELETE FROM action WHERE plan_id = ?", "t", plan);
	if (!rc)
		rc = cc__run(s, err, "DELETE FROM plan WHERE id = ?", "t", plan);
	if (!rc && cc__changes(s) == 0)
		rc = cc_error_set(err, CC_ENOTFOUND, "plan", 0, 0, "there is no plan \"%s\"", plan);
	return rc;
}

/* ---- the service catalogue -------------------------------------------- */

int cc_store_set_plan_services(struct cc_store *s, const char *plan,
			       const char *const *ids, int n, struct cc_error *err)
{
	int rc = cc__run(s, err, "DELETE FROM plan_service WHERE plan_id = ?", "t", plan);

	for (int i = 0; !rc && i < n; i++)
		rc = cc__run(s, err, "INSERT OR IGNORE INTO plan_service (plan_id, service_id) "
			     "VALUES (?, ?)", "tt", plan, ids[i]);
	return rc;
}

static int text_row(struct cc_list *l, cc__stmt *st, void *item)
{
	const char **t = item;

	*t = cc__col_text(l, st, 0);
	return *t ? 0 : -1;
}

int cc_store_plan_services(struct cc_store *s, const char *plan, struct cc_list *out,
			   struct cc_error *err)
{
	return cc__collect(s, cc__prepare(s, err, "SELECT service_id FROM plan_service WHERE "
		"plan_id = ? ORDER BY service_id", "t", plan),
		out, sizeof(const char *), text_row, err);
}
