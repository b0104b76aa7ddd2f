/*
 * plan_monitor.c - a plan's monitoring: progress, RAG and overdue actions
 * (core/plan_progress), KPI tracks, and the re-measurement of every node
 * the actions address from the published results of the snapshot (see
 * plans.h for the rules of before and after), on the edition of the
 * framework the node id belongs to, read on other editions by the rule of
 * editions.h (the one the trend views use).
 *
 * "Newer" between published campaigns compares the publication time,
 * then the year, then the id, so that editions published within the same
 * second (a demo, an import script) still have an order.
 */
#include "plans_internal.h"

#include "editions.h"

#include "../core/date.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int date_or_none(const char *s)
{
	int d;

	return cc_date_valid(s, &d) ? d : CC_NO_DATE;
}

static const char *published(const struct cc_pub *p)
{
	return p->c->published_at ? p->c->published_at : "";
}

/* > 0 when a was published after b. */
static int newer(const struct cc_pub *a, const struct cc_pub *b)
{
	int c = strcmp(published(a), published(b));

	if (c)
		return c;
	if (a->c->year != b->c->year)
		return a->c->year - b->c->year;
	return strcmp(a->c->id, b->c->id);
}

/* Weights per action: 1 each, or the budget when every counted budget is
 * in one currency (else equal, with a note). */
static void weights(const struct cc_plan *pl, bool by_budget, struct cc_plan_monitor *m)
{
	const struct cc_action_rec *acts = pl->actions.items;
	const char *currency = NULL, *other = NULL;
	bool any = false;

	m->weighting = "equal";
	for (int i = 0; i < pl->actions.n; i++)
		m->items[i].weight = 1;
	if (!by_budget)
		return;
	for (int i = 0; i < pl->actions.n; i++) {
		int st = cc_action_status_parse(acts[i].status);
		if (!acts[i].currency || st == CC_ACT_PROPOSED || st == CC_ACT_CANCELLED)
			continue;
		any = true;
		if (!currency)
			currency = acts[i].currency;
		else if (strcmp(currency, acts[i].currency) != 0)
			other = acts[i].currency;
	}
	if (other) {
		char note[200];
		snprintf(note, sizeof(note), "budgets are in more than one currency (%s, %s): "
			 "equal weights", currency, other);
		m->weighting_note = cc_arena_strdup(&m->arena, note);
		return;
	}
	m->weighting = "budget";
	if (!any)
		m->weighting_note = "no counted action has a budget: equal weights";
	for (int i = 0; i < pl->actions.n; i++)
		m->items[i].weight = acts[i].currency ? acts[i].budget : 0;
}

static void kpi_tracks(const struct cc_plan *pl, struct cc_plan_monitor *m)
{
	const struct cc_measurement_rec *ms = pl->measurements.items;

	for (int i = 0; i < pl->kpis.n; i++) {
		struct cc_plan_kpi *k = &m->kpis[i];
		int a = cc_plan_action_index(pl, ((struct cc_kpi_rec *)pl->kpis.items)[i].action);
		const struct cc_action_rec *act = a >= 0 ? &((struct cc_action_rec *)pl->actions.items)[a]
						      : NULL;
		struct cc_kpi_input in;

		k->k = &((struct cc_kpi_rec *)pl->kpis.items)[i];
		for (int j = 0; j < pl->measurements.n; j++)
			if (ms[j].kpi == k->k->id) {
				if (!k->nm)
					k->m = &ms[j];
				k->nm++;
			}
		in.baseline = k->k->baseline;
		in.target = k->k->target;
		in.start = act ? date_or_none(act->start) : CC_NO_DATE;
		in.due = act ? date_or_none(act->due) : CC_NO_DATE;
		in.latest_date = k->nm ? date_or_none(k->m[k->nm - 1].date) : CC_NO_DATE;
		in.latest = k->nm ? k->m[k->nm - 1].value : NAN;
		cc_kpi_track(&in, &k->st);
	}
}

/* The pub of campaign id when it is on framework and holds unit. */
static const struct cc_pub *pub_for(const struct cc_snapshot *snap, const char *id,
				    const char *framework, const char *unit)
{
	const struct cc_pub *p = id ? cc_snapshot_pub(snap, id) : NULL;

	return p && strcmp(p->fw.id, framework) == 0 &&
	       cc_answers_find_unit(&p->answers, unit) >= 0 ? p : NULL;
}

/* The latest pub on framework holding unit, published at or before
 * `until` (NULL: any time). */
static const struct cc_pub *latest_pub(const struct cc_snapshot *snap, const char *framework,
				       const char *unit, const char *until)
{
	const struct cc_pub *best = NULL;

	for (int i = 0; i < snap->npubs; i++) {
		const struct cc_pub *p = &snap->pubs[i];
		if (strcmp(p->fw.id, framework) != 0 || cc_answers_find_unit(&p->answers, unit) < 0 ||
		    (until && strcmp(published(p), until) > 0))
			continue;
		if (!best || newer(p, best) > 0)
			best = p;
	}
	return best;
}

/* The edition the node id of link l belongs to: the version of the
 * campaign the link names, else of the before campaign, else the latest,
 * each when that version has the node; else the highest that has it. */
static const char *edition_of(const struct cc_snapshot *snap, const struct cc_link_rec *l,
			      const struct cc_pub *before)
{
	const struct cc_campaign_rec *c = l->campaign ? cc_snapshot_campaign(snap, l->campaign) : NULL;
	const struct cc_framework *fw = cc_snapshot_framework(snap, l->framework);
	const char *tries[3] = {c && strcmp(c->framework, l->framework) == 0 ?
				c->framework_version : NULL, before ? before->fw.version : NULL,
				fw ? fw->version : NULL}, *e;

	for (int i = 0; i < 3; i++)
		if (tries[i] && (e = cc_edition_of_node(snap, l->framework, l->node, tries[i])) &&
		    e == tries[i])
			return e;
	e = cc_edition_of_node(snap, l->framework, l->node, NULL);
	return e ? e : tries[0] ? tries[0] : tries[1] ? tries[1] : tries[2];
}

/* How published campaign p (NULL: none) measured node, an id of version
 * edition, for unit: the rule of editions.h; the nodes read joined
 * ("a, b") in the arena. */
void cc__plan_read_node(const struct cc_snapshot *snap, const struct cc_pub *p, const char *unit,
			const char *node, const char *edition, struct cc_arena *a,
			struct cc_node_reading *r)
{
	struct cc_edition_read er;
	size_t len = 1;
	char *used;

	*r = (struct cc_node_reading){NAN, NULL, NULL, NULL, -1};
	if (!p || cc_answers_find_unit(&p->answers, unit) < 0)
		return;
	cc_edition_read(snap, p, node, edition, &er);
	r->version = er.version;
	r->mapping = er.mapping;
	r->relation = er.relation;
	r->value = cc_edition_mean(p, cc_answers_find_unit(&p->answers, unit), &er, false);
	if (!er.n)
		return;
	for (int i = 0; i < er.n; i++)
		len += strlen(p->fw.nodes[er.nodes[i]].id) + 2;
	if (!(used = cc_arena_alloc(a, len)))
		return;
	*used = '\0';
	for (int i = 0; i < er.n; i++) {
		if (i)
			strcat(used, ", ");
		strcat(used, p->fw.nodes[er.nodes[i]].id);
	}
	r->nodes_used = used;
}

static void remeasure(const struct cc_plan *pl, const struct cc_snapshot *snap,
		      const struct cc_link_rec *l, struct cc_arena *a, struct cc_plan_node *n)
{
	const char *unit = pl->p->unit;
	const struct cc_pub *before = pub_for(snap, pl->p->baseline, n->framework, unit);
	const struct cc_pub *after;
	const struct cc_framework *fw;
	int i;

	if (!before)
		before = latest_pub(snap, n->framework, unit, pl->p->created_at);
	after = latest_pub(snap, n->framework, unit, NULL);
	if (after && before && newer(after, before) <= 0)
		after = NULL;
	n->edition = edition_of(snap, l, before);
	fw = n->edition ? cc_snapshot_framework_version(snap, n->framework, n->edition) : NULL;
	if (!fw)
		fw = cc_snapshot_framework(snap, n->framework);
	i = fw ? cc_framework_find(fw, n->node) : -1;
	n->label = i >= 0 ? cc_node_label(&fw->nodes[i]) : n->node;
	cc__plan_read_node(snap, before, unit, n->node, n->edition, a, &n->rb);
	cc__plan_read_node(snap, after, unit, n->node, n->edition, a, &n->ra);
	n->before = n->rb.value;
	n->before_campaign = before ? before->c->id : NULL;
	n->after = n->ra.value;
	n->after_campaign = after ? after->c->id : NULL;
}

/* The distinct nodes of the addressing links, each with its actions. */
static int collect_nodes(const struct cc_plan *pl, const struct cc_snapshot *snap,
			 struct cc_plan_monitor *m)
{
	const struct cc_link_rec *ls = pl->links.items;

	m->nodes = cc_arena_array(&m->arena, (size_t)pl->links.n + 1, sizeof(*m->nodes));
	if (!m->nodes)
		return CC_ENOMEM;
	for (int i = 0; i < pl->links.n; i++) {
		const struct cc_link_rec *l = &ls[i];
		struct cc_plan_node *n = NULL;
		int a = cc_plan_action_index(pl, l->action);
		bool dup = false;

		if (strcmp(l->role, "addresses") || strcmp(l->kind, "node") || !l->framework ||
		    !l->node)
			continue;
		for (int k = 0; !n && k < m->nnodes; k++)
			if (!strcmp(m->nodes[k].framework, l->framework) &&
			    !strcmp(m->nodes[k].node, l->node))
				n = &m->nodes[k];
		if (!n) {
			n = &m->nodes[m->nnodes++];
			n->framework = l->framework;
			n->node = l->node;
			n->actions = cc_arena_array(&m->arena, (size_t)pl->links.n + 1, sizeof(long long));
			if (!n->actions)
				return CC_ENOMEM;
			remeasure(pl, snap, l, &m->arena, n);
		}
		for (int k = 0; k < n->nactions; k++)
			dup |= n->actions[k] == l->action;
		if (dup)
			continue;
		n->actions[n->nactions++] = l->action;
		n->ndone += a >= 0 && m->items[a].status == CC_ACT_DONE;
	}
	return CC_OK;
}

int cc_plan_monitor(const struct cc_plan *pl, const struct cc_snapshot *snap, int today,
		    bool by_budget, struct cc_plan_monitor *m, struct cc_error *err)
{
	const struct cc_action_rec *acts = pl->actions.items;
	size_t na = (size_t)pl->actions.n + 1, no = (size_t)pl->objectives.n + 1;
	struct cc_node_change *changes;
	int rc;

	memset(m, 0, sizeof(*m));
	cc_arena_init(&m->arena);
	m->today = today;
	cc_date_format(today, m->today_s);
	m->items = cc_arena_array(&m->arena, na, sizeof(*m->items));
	m->state = cc_arena_array(&m->arena, na, sizeof(*m->state));
	m->objectives = cc_arena_array(&m->arena, no, sizeof(*m->objectives));
	m->kpis = cc_arena_array(&m->arena, (size_t)pl->kpis.n + 1, sizeof(*m->kpis));
	if (!m->items || !m->state || !m->objectives || !m->kpis)
		return cc_error_set(err, CC_ENOMEM, NULL, 0, 0, "out of memory");
	for (int i = 0; i < pl->actions.n; i++) {
		int st = cc_action_status_parse(acts[i].status);
		m->items[i] = (struct cc_plan_item){
			.objective = cc_plan_objective_index(pl, acts[i].objective),
			.status = st < 0 ? CC_ACT_PROPOSED : (enum cc_action_status)st,
			.progress = acts[i].progress, .start = date_or_none(acts[i].start),
			.due = date_or_none(acts[i].due), .weight = 1};
	}
	weights(pl, by_budget, m);
	cc_plan_progress(m->items, pl->actions.n, pl->objectives.n, today, m->state,
			 m->objectives, &m->overall);
	kpi_tracks(pl, m);
	rc = collect_nodes(pl, snap, m);
	changes = rc ? NULL : cc_arena_array(&m->arena, (size_t)m->nnodes + 1, sizeof(*changes));
	if (!changes)
		return cc_error_set(err, CC_ENOMEM, NULL, 0, 0, "out of memory");
	for (int i = 0; i < m->nnodes; i++)
		changes[i] = (struct cc_node_change){m->nodes[i].before, m->nodes[i].after,
						     m->nodes[i].ndone > 0};
	cc_remeasure_count(changes, m->nnodes, &m->re);
	return CC_OK;
}

void cc_plan_monitor_free(struct cc_plan_monitor *m)
{
	cc_arena_free(&m->arena);
	memset(m, 0, sizeof(*m));
}
