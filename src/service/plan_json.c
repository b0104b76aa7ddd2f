/*
 * plan_json.c - a plan, its actions and its monitoring as the API shows
 * them (docs/api.md "Action plans"). With no monitoring (m NULL) an
 * action's JSON holds what is stored only: that is what the audit chain
 * keeps as before and after.
 */
#include "plans_internal.h"

#include "../format/csirt_services.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* Numbers as computed (node values equal the results endpoints'); NaN
 * is null and -0 is 0. */
static json_t *num(double x)
{
	return isnan(x) ? json_null() : json_real(x == 0 ? 0 : x);
}

static json_t *text_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

static json_t *tristate(int v)
{
	return v < 0 ? json_null() : json_boolean(v);
}

/* A stored detail (JSON text) back as JSON; text that does not parse
 * stays text. */
static json_t *detail_json(const char *d)
{
	json_t *j;

	if (!d)
		return json_null();
	j = json_loads(d, JSON_DECODE_ANY, NULL);
	return j ? j : json_string(d);
}

static const struct cc_plan_node *node_of(const struct cc_plan_monitor *m, const char *fw,
					  const char *node)
{
	for (int i = 0; m && fw && node && i < m->nnodes; i++)
		if (!strcmp(m->nodes[i].framework, fw) && !strcmp(m->nodes[i].node, node))
			return &m->nodes[i];
	return NULL;
}

static json_t *link_json(const struct cc_link_rec *l, const struct cc_plan_monitor *m)
{
	const struct cc_plan_node *n = node_of(m, l->framework, l->node);
	json_t *o = json_pack("{s:s,s:o,s:o,s:o,s:o,s:o,s:o}", "kind", l->kind,
			      "framework", text_or_null(l->framework), "node", text_or_null(l->node),
			      "campaign", text_or_null(l->campaign), "target", text_or_null(l->target),
			      "ref", text_or_null(l->ref), "detail", detail_json(l->detail));

	if (o && n && strcmp(l->role, "addresses") == 0) {
		json_object_set_new(o, "label", json_string(n->label));
		json_object_set_new(o, "before", num(n->before));
		json_object_set_new(o, "after", num(n->after));
	}
	return o;
}

static json_t *kpi_json(const struct cc_plan *pl, const struct cc_plan_monitor *m, int i)
{
	const struct cc_kpi_rec *k = &((struct cc_kpi_rec *)pl->kpis.items)[i];
	const struct cc_measurement_rec *ms = pl->measurements.items;
	json_t *list = json_array(), *o;

	for (int j = 0; j < pl->measurements.n; j++)
		if (ms[j].kpi == k->id)
			json_array_append_new(list, json_pack("{s:s,s:o}", "date", ms[j].date,
							      "value", num(ms[j].value)));
	o = json_pack("{s:I,s:s,s:s,s:o,s:o,s:o}", "id", (json_int_t)k->id, "name", k->name,
		      "unit", k->unit, "baseline", num(k->baseline), "target", num(k->target),
		      "measurements", list);
	if (o && m) {
		const struct cc_plan_kpi *t = &m->kpis[i];
		json_object_set_new(o, "latest", t->nm ? json_pack("{s:s,s:o}", "date",
			t->m[t->nm - 1].date, "value", num(t->m[t->nm - 1].value)) : json_null());
		json_object_set_new(o, "expected", num(t->st.expected));
		json_object_set_new(o, "progress", num(t->st.progress));
		json_object_set_new(o, "reached", json_boolean(t->st.reached));
		json_object_set_new(o, "on_track", tristate(t->st.on_track));
	}
	return o;
}

json_t *cc_plan_action_json(const struct cc_plan *pl, const struct cc_plan_monitor *m, int i)
{
	const struct cc_action_rec *a = &((struct cc_action_rec *)pl->actions.items)[i];
	const struct cc_link_rec *ls = pl->links.items;
	const struct cc_action_evidence_rec *ev = pl->evidence.items;
	json_t *kpis = json_array(), *links = json_array(), *evidence = json_array();
	json_t *src = json_null(), *o;

	for (int k = 0; k < pl->kpis.n; k++)
		if (((struct cc_kpi_rec *)pl->kpis.items)[k].action == a->id)
			json_array_append_new(kpis, kpi_json(pl, m, k));
	for (int k = 0; k < pl->links.n; k++) {
		if (ls[k].action != a->id)
			continue;
		if (strcmp(ls[k].role, "source") == 0) {
			json_decref(src);
			src = link_json(&ls[k], m);
		} else {
			json_array_append_new(links, link_json(&ls[k], m));
		}
	}
	for (int k = 0; k < pl->evidence.n; k++)
		if (ev[k].action == a->id)
			json_array_append_new(evidence, json_string(ev[k].url));
	o = json_pack("{s:I,s:I,s:s,s:s,s:s,s:s,s:s,s:o,s:o,s:o,s:s,s:s,s:i,s:o,s:o,s:o,s:o,"
		      "s:s,s:s,s:s}",
		      "id", (json_int_t)a->id, "objective", (json_int_t)a->objective,
		      "title", a->title, "description", a->description,
		      "lead_agency", a->lead_agency, "owner", a->owner, "partners", a->partners,
		      "start", text_or_null(a->start), "due", text_or_null(a->due),
		      "budget", a->currency ? json_pack("{s:o,s:s}", "amount", num(a->budget),
							"currency", a->currency) : json_null(),
		      "funding_source", a->funding_source, "status", a->status,
		      "progress", a->progress, "kpis", kpis, "links", links, "source", src,
		      "evidence", evidence, "created_by", a->created_by,
		      "created_at", a->created_at, "updated_at", a->updated_at);
	if (o && m) {
		json_object_set_new(o, "overdue", json_boolean(m->state[i].overdue));
		json_object_set_new(o, "counted", json_boolean(m->state[i].counted));
		json_object_set_new(o, "expected", num(m->state[i].expected));
	}
	return o;
}

static json_t *by_status(const struct cc_plan_summary *s)
{
	json_t *o = json_object();

	for (int i = 0; i < CC_ACT_NSTATUS; i++)
		json_object_set_new(o, cc_action_status_names[i], json_integer(s->by_status[i]));
	return o;
}

static json_t *summary_json(const struct cc_plan_summary *s)
{
	const char *rag = cc_rag_name(s->rag);

	return json_pack("{s:o,s:o,s:o,s:o,s:i,s:i,s:i,s:i,s:o,s:b}",
			 "progress", num(s->progress), "expected", num(s->expected),
			 "behind", num(s->behind), "rag", rag ? json_string(rag) : json_null(),
			 "total", s->actions, "counted", s->counted, "overdue", s->overdue,
			 "blocked", s->blocked, "by_status", by_status(s), "equal_fallback",
			 s->fallback);
}

json_t *cc_plan_summary_json(const struct cc_plan_rec *p)
{
	return json_pack("{s:s,s:s,s:s,s:s,s:s,s:o,s:o,s:b,s:s,s:s,s:s}", "id", p->id,
			 "unit", p->unit, "title", p->title, "start", p->start, "end", p->end,
			 "baseline", text_or_null(p->baseline), "template",
			 text_or_null(p->template_id), "public", p->is_public,
			 "created_by", p->created_by, "created_at", p->created_at,
			 "updated_at", p->updated_at);
}

json_t *cc_plan_services_json(const struct cc_plan *pl)
{
	struct cc_csirt_catalogue cat;
	json_t *list = json_array();

	if (pl->services.n == 0 || cc_csirt_catalogue_load(&cat, NULL, NULL) != CC_OK) {
		for (int i = 0; i < pl->services.n; i++)
			json_array_append_new(list, json_pack("{s:s}", "id",
							      ((const char **)pl->services.items)[i]));
		if (pl->services.n)
			cc_csirt_catalogue_free(&cat);
		return list;
	}
	for (int a = 0; a < cat.nareas; a++)
		for (int s = 0; s < cat.areas[a].nservices; s++) {
			const struct cc_csirt_service *sv = &cat.areas[a].services[s];
			for (int i = 0; i < pl->services.n; i++)
				if (strcmp(((const char **)pl->services.items)[i], sv->id) == 0)
					json_array_append_new(list, json_pack("{s:s,s:s,s:s,s:s}",
						"id", sv->id, "name", sv->name, "area", cat.areas[a].id,
						"area_name", cat.areas[a].name));
		}
	cc_csirt_catalogue_free(&cat);
	return list;
}

json_t *cc_plan_json(const struct cc_plan *pl, const struct cc_plan_monitor *m)
{
	const struct cc_objective_rec *os = pl->objectives.items;
	const struct cc_action_rec *as = pl->actions.items;
	json_t *o = cc_plan_summary_json(pl->p), *objs = json_array(), *overall;

	for (int i = 0; i < pl->objectives.n; i++) {
		json_t *acts = json_array(), *ob = summary_json(&m->objectives[i]);

		for (int k = 0; k < pl->actions.n; k++)
			if (as[k].objective == os[i].id)
				json_array_append_new(acts, cc_plan_action_json(pl, m, k));
		json_object_set_new(ob, "id", json_integer(os[i].id));
		json_object_set_new(ob, "title", json_string(os[i].title));
		json_object_set_new(ob, "position", json_integer(os[i].position));
		json_object_set_new(ob, "actions", acts);
		json_array_append_new(objs, ob);
	}
	/* the plan's figures: "overall" is its progress */
	overall = summary_json(&m->overall);
	json_object_set(overall, "overall", json_object_get(overall, "progress"));
	json_object_del(overall, "progress");
	json_object_set_new(overall, "weighting", json_string(m->weighting));
	json_object_set_new(overall, "weighting_note", text_or_null(m->weighting_note));
	json_object_set_new(o, "at", json_string(m->today_s));
	json_object_set_new(o, "progress", overall);
	json_object_set_new(o, "objectives", objs);
	json_object_set_new(o, "services", cc_plan_services_json(pl));
	return o;
}

static json_t *ids_where(const struct cc_plan *pl, const struct cc_plan_monitor *m, bool blocked)
{
	json_t *a = json_array();

	for (int i = 0; i < pl->actions.n; i++)
		if (blocked ? m->items[i].status == CC_ACT_BLOCKED : m->state[i].overdue)
			json_array_append_new(a, json_integer(((struct cc_action_rec *)
							       pl->actions.items)[i].id));
	return a;
}

/* How a campaign on another edition than the node's was read, or null. */
static json_t *reading_json(const struct cc_node_reading *r)
{
	if (!r->mapping)
		return json_null();
	return json_pack("{s:o,s:s,s:o,s:o}", "version", text_or_null(r->version), "mapping",
			 r->mapping, "relation", r->relation < 0 ? json_null() :
			 json_string(cc_relation_name((enum cc_relation)r->relation)), "nodes",
			 text_or_null(r->nodes_used));
}

static json_t *node_json(const struct cc_plan_node *n)
{
	json_t *acts = json_array();
	double d = n->after - n->before;

	for (int k = 0; k < n->nactions; k++)
		json_array_append_new(acts, json_integer(n->actions[k]));
	return json_pack("{s:s,s:s,s:s,s:o,s:o,s:o,s:o,s:o,s:o,s:o,s:o,s:o,s:o,s:i}", "framework",
			 n->framework, "node", n->node, "label", n->label, "edition",
			 text_or_null(n->edition), "before", num(n->before), "before_campaign",
			 text_or_null(n->before_campaign), "before_read", reading_json(&n->rb), "after",
			 num(n->after), "after_campaign", text_or_null(n->after_campaign), "after_read",
			 reading_json(&n->ra), "change", num(d),
			 "rose", isnan(d) ? json_null() : json_boolean(d > 1e-9), "actions", acts,
			 "done_actions", n->ndone);
}

json_t *cc_plan_remeasure_json(const struct cc_plan_monitor *m)
{
	char summary[120];

	snprintf(summary, sizeof(summary), "actions done on %d of %d nodes that rose",
		 m->re.rose_done, m->re.rose);
	return json_pack("{s:i,s:i,s:i,s:i,s:i,s:i,s:s}", "nodes", m->re.nodes, "compared",
			 m->re.compared, "rose", m->re.rose, "fell", m->re.fell, "same", m->re.same,
			 "rose_done", m->re.rose_done, "summary", summary);
}

json_t *cc_plan_monitoring_json(const struct cc_plan *pl, const struct cc_plan_monitor *m)
{
	const struct cc_objective_rec *os = pl->objectives.items;
	json_t *objs = json_array(), *kpis = json_array(), *nodes = json_array(), *actions, *o;

	for (int i = 0; i < pl->objectives.n; i++) {
		json_t *ob = summary_json(&m->objectives[i]);
		json_object_set_new(ob, "id", json_integer(os[i].id));
		json_object_set_new(ob, "title", json_string(os[i].title));
		json_array_append_new(objs, ob);
	}
	for (int i = 0; i < pl->kpis.n; i++) {
		json_t *k = kpi_json(pl, m, i);
		json_object_set_new(k, "action", json_integer(m->kpis[i].k->action));
		json_object_del(k, "measurements");
		json_array_append_new(kpis, k);
	}
	for (int i = 0; i < m->nnodes; i++)
		json_array_append_new(nodes, node_json(&m->nodes[i]));
	actions = json_pack("{s:i,s:o,s:i,s:i,s:i,s:o,s:o}", "total", m->overall.actions,
			    "by_status", by_status(&m->overall), "counted", m->overall.counted,
			    "overdue", m->overall.overdue, "blocked", m->overall.blocked,
			    "overdue_actions", ids_where(pl, m, false),
			    "blocked_actions", ids_where(pl, m, true));
	o = summary_json(&m->overall);
	json_object_set(o, "overall", json_object_get(o, "progress"));
	json_object_del(o, "progress");
	return json_pack("{s:s,s:s,s:s,s:o,s:o,s:o,s:o,s:o,s:o,s:o}", "plan", pl->p->id,
			 "at", m->today_s, "weighting", m->weighting,
			 "weighting_note", text_or_null(m->weighting_note), "actions", actions,
			 "progress", o, "objectives", objs, "kpis", kpis, "nodes", nodes,
			 "remeasurement", cc_plan_remeasure_json(m));
}
