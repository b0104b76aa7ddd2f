/*
 * actions.c - the actions of plans and what hangs off them: KPIs
 * and their dated measurements, evidence links, and the links of the
 * spine (action_link: what an action addresses and where it came from).
 * See store.h. Lists cover a whole plan at once, so that a plan is read
 * in a handful of queries whatever its size.
 */
#include "store_internal.h"

#include <math.h>
#include <stdio.h>
#include <string.h>


int cc_store_add_action(struct cc_store *s, const struct cc_action_rec *a,
			long long *id, struct cc_error *err)
{
	int rc = cc__run(s, err,
		"INSERT INTO action (plan_id, objective_id, title, description, lead_agency, owner, "
		"partners, start_date, due_date, budget_amount, budget_currency, funding_source, "
		"status, progress, position, created_by, created_at, updated_at) VALUES "
		"(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, (SELECT coalesce(max(position), 0) + 1 "
		"FROM action WHERE objective_id = ?), ?, " NOW ", " NOW ")",
		"tItttttttdtttiIt", a->plan, a->objective, a->title, a->description, a->lead_agency,
		a->owner, a->partners, a->start, a->due, a->budget, a->currency, a->funding_source,
		a->status, a->progress, a->objective, a->created_by);

	if (!rc)
		*id = cc__last_id(s);
	return rc;
}

int cc_store_update_action(struct cc_store *s, const struct cc_action_rec *a,
			   struct cc_error *err)
{
	return cc__run(s, err,
		"UPDATE action SET position = CASE WHEN objective_id = ?1 THEN position ELSE "
		"(SELECT coalesce(max(position), 0) + 1 FROM action WHERE objective_id = ?1) END, "
		"objective_id = ?1, title = ?2, description = ?3, lead_agency = ?4, owner = ?5, "
		"partners = ?6, start_date = ?7, due_date = ?8, budget_amount = ?9, "
		"budget_currency = ?10, funding_source = ?11, status = ?12, progress = ?13, "
		"updated_at = " NOW " WHERE id = ?14",
		"ItttttttdtttiI", a->objective, a->title, a->description, a->lead_agency, a->owner,
		a->partners, a->start, a->due, a->budget, a->currency, a->funding_source, a->status,
		a->progress, a->id);
}

int cc_store_delete_action(struct cc_store *s, long long id, struct cc_error *err)
{
	/* drill_improvement names the action without a foreign key */
	int rc = cc__run(s, err, "UPDATE drill_improvement SET plan_id = NULL, plan_action = NULL "
			 "WHERE plan_action = ?", "I", id);

	return rc ? rc : cc__run(s, err, "DELETE FROM action WHERE id = ?", "I", id);
}

static int action_row(struct cc_list *l, cc__stmt *st, void *item)
{
	struct cc_action_rec *a = item;

	a->id = cc__int64(st, 0);
	a->plan = cc__col_text(l, st, 1);
	a->objective = cc__int64(st, 2);
	a->title = cc__col_text(l, st, 3);
	a->description = cc__col_text(l, st, 4);
	a->lead_agency = cc__col_text(l, st, 5);
	a->owner = cc__col_text(l, st, 6);
	a->partners = cc__col_text(l, st, 7);
	a->start = cc__col_text(l, st, 8);
	a->due = cc__col_text(l, st, 9);
	a->budget = cc__is_null(st, 10) ? NAN :
		    cc__double(st, 10);
	a->currency = cc__col_text(l, st, 11);
	a->funding_source = cc__col_text(l, st, 12);
	a->status = cc__col_text(l, st, 13);
	a->progress = cc__int(st, 14);
	a->position = cc__int(st, 15);
	a->created_by = cc__col_text(l, st, 16);
	a->created_at = cc__col_text(l, st, 17);
	a->updated_at = cc__col_text(l, st, 18);
	return a->plan && a->title && a->description && a->lead_agency && a->owner &&
	       a->partners && a->funding_source && a->status && a->created_by &&
	       a->created_at && a->updated_at ? 0 : -1;
}

int cc_store_actions(struct cc_store *s, const char *plan, struct cc_list *out,
		     struct cc_error *err)
{
	return cc__collect(s, cc__prepare(s, err,
		"SELECT a.id, a.plan_id, a.objective_id, a.title, a.description, a.lead_agency, "
		"a.owner, a.partners, a.start_date, a.due_date, a.budget_amount, a.budget_currency, "
		"a.funding_source, a.status, a.progress, a.position, a.created_by, a.created_at, "
		"a.updated_at FROM action a JOIN objective o ON o.id = a.objective_id "
		"WHERE a.plan_id = ? ORDER BY o.position, o.id, a.position, a.id", "t", plan),
		out, sizeof(struct cc_action_rec), action_row, err);
}

/* ---- KPIs and measurements --------------------------------------------- */

int cc_store_put_kpi(struct cc_store *s, const struct cc_kpi_rec *k, long long *id,
		     struct cc_error *err)
{
	int rc = cc__run(s, err,
		"INSERT INTO kpi (action_id, name, unit, baseline, target, position) VALUES "
		"(?, ?, ?, ?, ?, ?) ON CONFLICT (action_id, name) DO UPDATE SET unit = excluded.unit, "
		"baseline = excluded.baseline, target = excluded.target, position = excluded.position",
		"Ittddi", k->action, k->name, k->unit ? k->unit : "", k->baseline, k->target,
		k->position);

	return rc ? rc : cc__one_int64(s, cc__prepare(s, err, "SELECT id FROM kpi WHERE action_id = ? "
				       "AND name = ?", "It", k->action, k->name), id, "KPI", err);
}

int cc_store_delete_kpi(struct cc_store *s, long long id, struct cc_error *err)
{
	return cc__run(s, err, "DELETE FROM kpi WHERE id = ?", "I", id);
}

static int kpi_row(struct cc_list *l, cc__stmt *st, void *item)
{
	struct cc_kpi_rec *k = item;

	k->id = cc__int64(st, 0);
	k->action = cc__int64(st, 1);
	k->name = cc__col_text(l, st, 2);
	k->unit = cc__col_text(l, st, 3);
	k->baseline = cc__double(st, 4);
	k->target = cc__double(st, 5);
	k->position = cc__int(st, 6);
	return k->name && k->unit ? 0 : -1;
}

int cc_store_kpis(struct cc_store *s, const char *plan, struct cc_list *out,
		  struct cc_error *err)
{
	return cc__collect(s, cc__prepare(s, err,
		"SELECT k.id, k.action_id, k.name, k.unit, k.baseline, k.target, k.position FROM kpi k "
		"JOIN action a ON a.id = k.action_id WHERE a.plan_id = ? ORDER BY k.action_id, "
		"k.position, k.id", "t", plan),
		out, sizeof(struct cc_kpi_rec), kpi_row, err);
}

int cc_store_put_measurement(struct cc_store *s, long long kpi, const char *date,
			     double value, struct cc_error *err)
{
	return cc__run(s, err, "INSERT INTO kpi_measurement (kpi_id, date, value) VALUES (?, ?, ?) "
		       "ON CONFLICT (kpi_id, date) DO UPDATE SET value = excluded.value", "Itd",
		       kpi, date, value);
}

static int measurement_row(struct cc_list *l, cc__stmt *st, void *item)
{
	struct cc_measurement_rec *m = item;

	m->kpi = cc__int64(st, 0);
	m->date = cc__col_text(l, st, 1);
	m->value = cc__double(st, 2);
	return m->date ? 0 : -1;
}

int cc_store_measurements(struct cc_store *s, const char *plan, struct cc_list *out,
			  struct cc_error *err)
{
	return cc__collect(s, cc__prepare(s, err,
		"SELECT m.kpi_id, m.date, m.value FROM kpi_measurement m JOIN kpi k ON k.id = m.kpi_id "
		"JOIN action a ON a.id = k.action_id WHERE a.plan_id = ? ORDER BY m.kpi_id, m.date",
		"t", plan),
		out, sizeof(struct cc_measurement_rec), measurement_row, err);
}

/* ---- links of the spine ------------------------------------------------ */

int cc_store_add_link(struct cc_store *s, const struct cc_link_rec *l,
		      struct cc_error *err)
{
	return cc__run(s, err, "INSERT INTO action_link (action_id, kind, role, framework, node, "
		       "campaign, target, ref, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
		       "Itttttttt", l->action, l->kind, l->role, l->framework, l->node, l->campaign,
		       l->target, l->ref, l->detail);
}

int cc_store_delete_links(struct cc_store *s, long long action, const char *role,
			  struct cc_error *err)
{
	return cc__run(s, err, "DELETE FROM action_link WHERE action_id = ? AND role = ?", "It",
		       action, role);
}

static int link_row(struct cc_list *l, cc__stmt *st, void *item)
{
	struct cc_link_rec *k = item;

	k->id = cc__int64(st, 0);
	k->action = cc__int64(st, 1);
	k->kind = cc__col_text(l, st, 2);
	k->role = cc__col_text(l, st, 3);
	k->framework = cc__col_text(l, st, 4);
	k->node = cc__col_text(l, st, 5);
	k->campaign = cc__col_text(l, st, 6);
	k->target = cc__col_text(l, st, 7);
	k->ref = cc__col_text(l, st, 8);
	k->detail = cc__col_text(l, st, 9);
	return k->kind && k->role ? 0 : -1;
}

int cc_store_links(struct cc_store *s, const char *plan, struct cc_list *out,
		   struct cc_error *err)
{
	return cc__collect(s, cc__prepare(s, err,
		"SELECT k.id, k.action_id, k.kind, k.role, k.framework, k.node, k.campaign, k.target, "
		"k.ref, k.detail FROM action_link k JOIN action a ON a.id = k.action_id "
		"WHERE a.plan_id = ? ORDER BY k.action_id, k.role, k.id", "t", plan),
		out, sizeof(struct cc_link_rec), link_row, err);
}

int cc_store_find_source(struct cc_store *s, const char *plan, const char *kind,
			 const char *campaign, const char *node, long long *action,
			 struct cc_error *err)
{
	return cc__one_int64(s, cc__prepare(s, err,
		"SELECT k.action_id FROM action_link k JOIN action a ON a.id = k.action_id "
		"WHERE a.plan_id = ? AND k.role = 'source' AND k.kind = ? AND k.campaign IS ? AND "
		"k.node IS ? ORDER BY k.action_id LIMIT 1", "tttt", plan, kind, campaign, node),
		action, "source", err);
}

/* ---- evidence ---------------------------------------------------------- */

int cc_store_set_action_evidence(struct cc_store *s, long long action,
				 const char *const *urls, int n, struct cc_error *err)
{
	int rc = cc__run(s, err, "DELETE FROM action_evidence WHERE action_id = ?", "I", action);

	for (int i = 0; !rc && i < n; i++)
		rc = cc__run(s, err, "INSERT OR IGNORE INTO action_evidence (action_id, url) "
			     "VALUES (?, ?)", "It", action, urls[i]);
	return rc;
}

static int evidence_row(struct cc_list *l, cc__stmt *st, void *item)
{
	struct cc_action_evidence_rec *e = item;

	e->id = cc__int64(st, 0);
	e->action = cc__int64(st, 1);
	e->url = cc__col_text(l, st, 2);
	return e->url ? 0 : -1;
}

int cc_store_action_evidence(struct cc_store *s, const char *plan, struct cc_list *out,
			     struct cc_error *err)
{
	return cc__collect(s, cc__prepare(s, err,
		"SELECT e.id, e.action_id, e.url FROM action_evidence e JOIN action a ON "
		"a.id = e.action_id WHERE a.plan_id = ? ORDER BY e.action_id, e.id", "t", plan),
		out, sizeof(struct cc_action_evidence_rec), evidence_row, err);
}
