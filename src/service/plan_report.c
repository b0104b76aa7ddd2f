/*
 * plan_report.c - the periodic progress report of a plan: one row per
 * action (objective, action, owner, status, progress, due, overdue, KPIs
 * latest against target, linked nodes before and after), with the actions
 * due or changed within the reporting period flagged. The server writes
 * it as JSON, CSV and XLSX (server/http_plan_reports.c); all three read
 * these rows.
 */
#include "plans_internal.h"

#include "../core/date.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Appends to a growing arena string: the arena keeps every version, which
 * is fine for the few lines of one action. */
static char *cat(struct cc_arena *a, char *s, const char *add)
{
	size_t n = s ? strlen(s) : 0, m = strlen(add);
	char *t = cc_arena_alloc(a, n + m + 1);

	if (!t)
		return s;
	if (n)
		memcpy(t, s, n);
	memcpy(t + n, add, m + 1);
	return t;
}

static void fmt_num(char *buf, size_t size, double x)
{
	if (isnan(x))
		snprintf(buf, size, "-");
	else
		snprintf(buf, size, "%g", round(x * 1e4) / 1e4);
}

static char *kpis_text(const struct cc_plan *pl, const struct cc_plan_monitor *m, long long id,
		       struct cc_arena *a)
{
	char *s = "";

	for (int k = 0; k < pl->kpis.n; k++) {
		const struct cc_plan_kpi *t = &m->kpis[k];
		char line[600], latest[32], target[32];

		if (t->k->action != id)
			continue;
		fmt_num(latest, sizeof(latest), t->nm ? t->m[t->nm - 1].value : NAN);
		fmt_num(target, sizeof(target), t->k->target);
		snprintf(line, sizeof(line), "%s%s: %s / %s%s%s%s", *s ? "; " : "", t->k->name, latest,
			 target, *t->k->unit ? " " : "", t->k->unit,
			 t->st.on_track == 1 ? " (on track)" : t->st.on_track == 0 ? " (off track)" : "");
		s = cat(a, s, line);
	}
	return s;
}

static char *nodes_text(const struct cc_plan *pl, const struct cc_plan_monitor *m, long long id,
			struct cc_arena *a)
{
	const struct cc_link_rec *ls = pl->links.items;
	char *s = "";

	for (int k = 0; k < pl->links.n; k++) {
		char line[600], before[32], after[32];

		if (ls[k].action != id || strcmp(ls[k].role, "addresses") || !ls[k].node)
			continue;
		for (int i = 0; i < m->nnodes; i++) {
			const struct cc_plan_node *n = &m->nodes[i];
			if (strcmp(n->framework, ls[k].framework) || strcmp(n->node, ls[k].node))
				continue;
			fmt_num(before, sizeof(before), n->before);
			fmt_num(after, sizeof(after), n->after);
			snprintf(line, sizeof(line), "%s%s:%s %s -> %s%s%s%s", *s ? "; " : "",
				 n->framework, n->node, before, after,
				 n->ra.nodes_used && n->ra.mapping ? " (read as " : "",
				 n->ra.nodes_used && n->ra.mapping ? n->ra.nodes_used : "",
				 n->ra.nodes_used && n->ra.mapping ? ")" : "");
			s = cat(a, s, line);
		}
	}
	return s;
}

static bool within(const char *date, int first, int last)
{
	int d;

	return date && strlen(date) >= 10 && cc_date_parse(date, 10, &d) && d >= first && d <= last;
}

int cc_plan_report(const struct cc_plan *pl, const struct cc_plan_monitor *m,
		   const char *period, struct cc_plan_report *r, struct cc_error *err)
{
	const struct cc_action_rec *as = pl->actions.items;
	int first, last;

	memset(r, 0, sizeof(*r));
	cc_arena_init(&r->arena);
	if (period) {
		if (strlen(period) >= sizeof(r->period) || !cc_period_parse(period, &first, &last))
			return cc_error_set(err, CC_EINPUT, "period", 0, 0,
					    "period is a quarter (2026-Q3), a half-year (2026-H2) "
					    "or a year (2026)");
		snprintf(r->period, sizeof(r->period), "%s", period);
	} else {
		char q[8];
		cc_period_quarter(m->today, q, &first, &last);
		snprintf(r->period, sizeof(r->period), "%s", q);
	}
	cc_date_format(first, r->first);
	cc_date_format(last, r->last);
	r->rows = cc_arena_array(&r->arena, (size_t)pl->actions.n + 1, sizeof(*r->rows));
	if (!r->rows)
		return cc_error_set(err, CC_ENOMEM, NULL, 0, 0, "out of memory");
	for (int i = 0; i < pl->actions.n; i++) {
		struct cc_report_row *row = &r->rows[r->nrows++];
		int o = cc_plan_objective_index(pl, as[i].objective);

		row->action = i;
		row->objective = o >= 0 ? ((struct cc_objective_rec *)pl->objectives.items)[o].title
					: "";
		row->in_period = within(as[i].due, first, last) ||
				 within(as[i].updated_at, first, last);
		row->kpis = kpis_text(pl, m, as[i].id, &r->arena);
		row->nodes = nodes_text(pl, m, as[i].id, &r->arena);
		r->flagged += row->in_period;
	}
	return CC_OK;
}

void cc_plan_report_free(struct cc_plan_report *r)
{
	cc_arena_free(&r->arena);
	memset(r, 0, sizeof(*r));
}

json_t *cc_plan_report_json(const struct cc_plan *pl, const struct cc_plan_monitor *m,
			    const struct cc_plan_report *r)
{
	json_t *rows = json_array(), *mon = cc_plan_monitoring_json(pl, m), *o;

	for (int i = 0; i < r->nrows; i++) {
		const struct cc_report_row *row = &r->rows[i];
		json_t *a = cc_plan_action_json(pl, m, row->action);

		json_object_set_new(a, "objective_title", json_string(row->objective));
		json_object_set_new(a, "in_period", json_boolean(row->in_period));
		json_object_set_new(a, "kpis_text", json_string(row->kpis));
		json_object_set_new(a, "nodes_text", json_string(row->nodes));
		json_array_append_new(rows, a);
	}
	o = json_pack("{s:o,s:{s:s,s:s,s:s},s:s,s:i,s:O,s:O,s:O,s:O,s:o,s:o}",
		      "plan", cc_plan_summary_json(pl->p),
		      "period", "id", r->period, "first", r->first, "last", r->last,
		      "at", m->today_s, "flagged", r->flagged,
		      "progress", json_object_get(mon, "progress"),
		      "objectives", json_object_get(mon, "objectives"),
		      "nodes", json_object_get(mon, "nodes"),
		      "remeasurement", json_object_get(mon, "remeasurement"), "rows", rows,
		      "services", cc_plan_services_json(pl));
	json_decref(mon);
	return o;
}
