/*
 * plan_templates.c - plans that start from a template: its phases become
 * objectives and each phase's usual deliverables proposed actions, linked
 * to the nodes of a bundled framework they serve (links to a framework
 * that is not installed are left out).
 *
 *   cirt-establishment  the ITU lifecycle of a national CIRT: readiness
 *                       assessment, design, establishment, enhancement.
 *                       When the unit has cirt-readiness results, the
 *                       readiness action is done (published results) or
 *                       in progress (an assessment under way), and every
 *                       node the results leave short of the target
 *                       ready-to-establish is linked, with what it needs
 *                       and what it has, to the action of its part.
 *   ncs-development     the lifecycle of a national cybersecurity
 *                       strategy: initiation; stocktaking and analysis;
 *                       production; implementation; monitoring and
 *                       evaluation.
 *
 * Content: the phases follow the ITU's published lifecycles (the national
 * CIRT programme; the Guide to Developing a National Cybersecurity
 * Strategy); every title and description below is cybercap's own wording,
 * not the ITU's, and the ITU has neither reviewed nor endorsed it.
 */
#include "plans_internal.h"

#include "workflow.h"

#include "../core/targets.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define READINESS "cirt-readiness"
#define READINESS_TARGET "ready-to-establish"

struct tmpl_action {
	const char *title, *description;
	const char *framework;
	const char *nodes[7];
	const char *part;       /* the cirt-readiness part whose unmet nodes it takes */
	bool readiness;         /* the readiness assessment itself */
};

struct tmpl_objective {
	const char *title;
	struct tmpl_action actions[6];
};

struct tmpl {
	const char *id, *name, *description;
	struct tmpl_objective objectives[5];
};

static const struct tmpl templates[] = {
{"cirt-establishment", "National CIRT establishment programme",
 "Setting up a national computer incident response team in four phases: assess readiness, "
 "design the team and its service catalogue, establish it, then enhance it.",
 {
  {"Readiness assessment", {
    {"Readiness assessment report",
     "Find out whether the country is ready to set up a national CIRT: mandate, host, "
     "constituency, today's incident handling, facilities, people, funding and partners. "
     "Write the findings up in a report the steering group accepts, naming the gaps the "
     "design has to close.", READINESS, {READINESS}, NULL, true},
    {"Decision to proceed and project lead",
     "Obtain a recorded decision to go ahead and name the person who leads the project until "
     "the team has a head of its own.", READINESS,
     {"mandate.decision", "governance.project_lead"}, NULL, false},
  }},
  {"Design", {
    {"Design document with the service catalogue",
     "Describe the team to be built: its mission and constituency, the services it offers "
     "first and those it adds later (chosen from the FIRST CSIRT Services Framework and "
     "recorded as the plan's service catalogue), its organisation and its place in national "
     "incident response.", READINESS,
     {"constituency.defined", "constituency.needs", "constituency.priority_sectors",
      "constituency.services"}, "constituency", false},
    {"Legal mandate",
     "Draft and adopt the instrument that creates the team and states its mandate: what it "
     "may require and what it may only recommend, how it receives, keeps and shares incident "
     "information, and to whom it reports.", READINESS,
     {"mandate.instrument", "mandate.authority", "mandate.information_sharing",
      "mandate.reporting"}, "mandate", false},
    {"Host organisation and governance",
     "Settle where the team sits, how free it is in its daily work, who oversees it and how it "
     "reports; adopt its first internal policies.", READINESS,
     {"governance.host", "governance.autonomy", "governance.oversight",
      "governance.reporting_line", "governance.policies"}, "governance", false},
    {"Business plan and budget",
     "Cost the set-up and the first years of running, agree who pays for what, and plan how "
     "the money continues after the first budget cycle or donor project.", READINESS,
     {"funding.costed_plan", "funding.setup", "funding.running", "funding.continuity",
      "funding.model"}, "funding", false},
  }},
  {"Establishment", {
    {"Facilities",
     "Provide premises with controlled access, resilient connectivity and secure channels to "
     "the constituency, and a way to keep working when the main site is lost.", READINESS,
     {"infrastructure.premises", "infrastructure.connectivity", "infrastructure.channels",
      "infrastructure.continuity", "infrastructure.procurement"}, "infrastructure", false},
    {"Staffing and training",
     "Appoint the head of the team, recruit to the staffing plan, vet the staff, train them in "
     "incident handling and in the team's own procedures, and offer conditions that keep "
     "skilled people.", READINESS,
     {"people.head", "people.staffing_plan", "people.available_skills", "people.training",
      "people.conditions", "people.vetting"}, "people", false},
    {"Processes and tools",
     "Write and rehearse the incident handling procedures from report to closure, set up case "
     "tracking and analysis tools, keep records from the first day, and agree how the team "
     "works with crisis management and law enforcement.", READINESS,
     {"incidents.procedures", "incidents.records", "incidents.crisis",
      "incidents.law_enforcement", "infrastructure.tools"}, "incidents", false},
    {"Constituency engagement",
     "Tell the constituency what the team offers and how to reach it, set up contact points "
     "with agencies, operators and sector bodies, and agree how information flows both ways.",
     READINESS,
     {"constituency.stakeholder_map", "constituency.contacts", "cooperation.agencies",
      "cooperation.private", "cooperation.sectoral"}, "cooperation", false},
    {"Launch",
     "Open the reporting point and the first services, announce the team publicly, and review "
     "the first months of operation.", READINESS, {"incidents.reporting_point"}, NULL, false},
  }},
  {"Enhancement", {
    {"Added services",
     "Extend the service catalogue as the team matures and the constituency asks for more: "
     "add the services to the plan's catalogue and plan each as an action.", NULL, {NULL},
     NULL, false},
    {"International cooperation and membership",
     "Join regional and international incident response communities, find a mentor team and "
     "take part in cross-border exercises.", READINESS,
     {"cooperation.regional", "cooperation.international", "cooperation.mentor"}, NULL, false},
    {"Maturity self-assessment",
     "Once the team has run for a year, assess its maturity with the csirt-maturity framework "
     "and plan the next improvements from the results.", "csirt-maturity", {"csirt-maturity"},
     NULL, false},
  }},
 }},
{"ncs-development", "Developing a national cybersecurity strategy",
 "The lifecycle of a national cybersecurity strategy: initiation; stocktaking and analysis; "
 "production; implementation; monitoring and evaluation.",
 {
  {"Initiation", {
    {"Lead authority and mandate",
     "Designate the body that leads the work on the strategy and give it the mandate and the "
     "means to do so.", NULL, {NULL}, NULL, false},
    {"Steering committee and project team",
     "Set up a steering committee of the ministries and agencies concerned and a small team to "
     "do the work, each with terms of reference.", NULL, {NULL}, NULL, false},
    {"Stakeholder map and engagement plan",
     "List who must be heard (government, operators of essential services, business, "
     "academia, civil society, international partners) and how and when each is involved.",
     NULL, {NULL}, NULL, false},
    {"Development plan and timeline",
     "Agree the steps, the calendar and the budget of the strategy's development.", NULL,
     {NULL}, NULL, false},
  }},
  {"Stocktaking and analysis", {
    {"Review of the current strategy and policies",
     "Evaluate the strategy in force (or the last one), the laws and the policies against good "
     "practice with the ncs-evaluation framework, and note what worked and what did not.",
     "ncs-evaluation", {"ncs-evaluation"}, NULL, false},
    {"Capacity assessment",
     "Measure the country's cybersecurity capacity with a recognised model, such as the "
     "national-maturity framework, to know where it stands.", "national-maturity",
     {"national-maturity"}, NULL, false},
    {"National cyber risk assessment",
     "Identify the threats, the weaknesses and the essential services at stake, and rank the "
     "risks the strategy has to address.", NULL, {NULL}, NULL, false},
  }},
  {"Production", {
    {"Vision, goals and objectives",
     "Draft the strategy's vision, its goals and the objectives under each, across the focus "
     "areas it covers.", NULL, {NULL}, NULL, false},
    {"Consultation on the draft",
     "Consult the stakeholders and the public on the draft and record how each comment was "
     "handled.", NULL, {NULL}, NULL, false},
    {"Action plan with owners, budget and indicators",
     "Turn the objectives into actions with a lead agency, dates, a budget and indicators; a "
     "plan such as this one can hold them.", NULL, {NULL}, NULL, false},
    {"Adoption and publication",
     "Have the strategy adopted at the right level of government and publish it.", NULL,
     {NULL}, NULL, false},
  }},
  {"Implementation", {
    {"Governance of implementation",
     "Give one body the task of steering implementation, with regular meetings and the "
     "authority to clear blockages.", NULL, {NULL}, NULL, false},
    {"Funding of the action plan",
     "Secure the budget lines and the partner funding the action plan needs.", NULL, {NULL},
     NULL, false},
    {"Communication and awareness",
     "Make the strategy known to those who must act on it and to the public.", NULL, {NULL},
     NULL, false},
  }},
  {"Monitoring and evaluation", {
    {"Monitoring framework",
     "Decide what is measured, by whom and how often, with baselines and targets.", NULL,
     {NULL}, NULL, false},
    {"Periodic progress reports",
     "Report progress every quarter or half-year to the steering body (this plan's progress "
     "report).", NULL, {NULL}, NULL, false},
    {"Evaluation and revision",
     "Evaluate the strategy at mid-term and at its end against good practice with the "
     "ncs-evaluation framework, and carry the findings into the next strategy.",
     "ncs-evaluation", {"ncs-evaluation"}, NULL, false},
  }},
 }},
};

#define NTEMPLATES (sizeof(templates) / sizeof(templates[0]))
#define NOBJ(t) (sizeof((t)->objectives) / sizeof((t)->objectives[0]))
#define NACT(o) (sizeof((o)->actions) / sizeof((o)->actions[0]))
#define NNODES(a) (sizeof((a)->nodes) / sizeof((a)->nodes[0]))

static const struct tmpl *find(const char *id)
{
	for (size_t i = 0; id && i < NTEMPLATES; i++)
		if (strcmp(templates[i].id, id) == 0)
			return &templates[i];
	return NULL;
}

bool cc_plan_template_known(const char *id)
{
	return find(id) != NULL;
}

json_t *cc_plan_templates_json(void)
{
	json_t *list = json_array();

	for (size_t t = 0; t < NTEMPLATES; t++) {
		const struct tmpl *tp = &templates[t];
		json_t *objs = json_array();

		for (size_t o = 0; o < NOBJ(tp) && tp->objectives[o].title; o++) {
			const struct tmpl_objective *ob = &tp->objectives[o];
			json_t *acts = json_array();

			for (size_t a = 0; a < NACT(ob) && ob->actions[a].title; a++) {
				const struct tmpl_action *ac = &ob->actions[a];
				json_t *links = json_array();
				for (size_t n = 0; n < NNODES(ac) && ac->nodes[n]; n++)
					json_array_append_new(links, json_pack("{s:s,s:s}", "framework",
						ac->framework, "node", ac->nodes[n]));
				json_array_append_new(acts, json_pack("{s:s,s:s,s:o}", "title", ac->title,
					"description", ac->description, "links", links));
			}
			json_array_append_new(objs, json_pack("{s:s,s:o}", "title", ob->title,
							      "actions", acts));
		}
		json_array_append_new(list, json_pack("{s:s,s:s,s:s,s:o}", "id", tp->id, "name",
						       tp->name, "description", tp->description,
						       "objectives", objs));
	}
	return json_pack("{s:o}", "templates", list);
}

/* ---- what a unit's cirt-readiness results say -------------------------------- */

struct readiness {
	char campaign[130];
	bool published;
	char start[11], due[11];
	json_t *unmet;          /* [{node, part, required, attained}] */
	int counted, met;
};

/* The cirt-readiness campaign the plan starts from: its baseline when
 * that is one, else the unit's latest published one, else one under
 * way; r->campaign "" when none. */
static int find_readiness(struct cc_store *s, const struct cc_plan_rec *p, struct readiness *r,
			  struct cc_error *err)
{
	struct cc_list l;
	bool fixed = false;
	int rc = cc_store_unit_campaigns(s, p->unit, &l, err);

	if (rc)
		return rc;
	for (int i = 0; i < l.n && !fixed; i++) {
		const struct cc_campaign_rec *c = &((struct cc_campaign_rec *)l.items)[i];
		bool pub = c->status == CC_CAMPAIGN_PUBLISHED;

		if (strcmp(c->framework, READINESS) != 0 || (r->published && !pub))
			continue;
		fixed = pub && p->baseline && strcmp(p->baseline, c->id) == 0;
		/* published ones come first, oldest first: the last wins */
		snprintf(r->campaign, sizeof(r->campaign), "%s", c->id);
		snprintf(r->start, sizeof(r->start), "%.10s", c->created_at);
		snprintf(r->due, sizeof(r->due), "%.10s", pub && c->published_at ? c->published_at :
			 c->created_at);
		r->published = pub;
	}
	cc_list_free(&l);
	return CC_OK;
}

/* The frozen values of unit in a published campaign, by node index. */
static int frozen_values(struct cc_store *s, const char *campaign, const char *unit,
			 const struct cc_framework *fw, double *values, struct cc_error *err)
{
	struct cc_list l;
	int rc = cc_store_results(s, campaign, &l, err);

	for (int i = 0; i < fw->nnodes; i++)
		values[i] = NAN;
	if (rc)
		return rc;
	for (int i = 0; i < l.n; i++) {
		const struct cc_result_rec *r = &((struct cc_result_rec *)l.items)[i];
		int k = strcmp(r->unit, unit) ? -1 : cc_framework_find(fw, r->node);
		if (k >= 0)
			values[k] = r->value;
	}
	cc_list_free(&l);
	return CC_OK;
}

/* The part (top-level group) a node belongs to. */
static const char *part_of(const struct cc_framework *fw, int i)
{
	while (i > 0 && fw->nodes[i].parent > 0)
		i = fw->nodes[i].parent;
	return fw->nodes[i].id;
}

static int unmet_nodes(struct cc_store *s, const char *unit, struct readiness *r,
		       struct cc_error *err)
{
	struct cc_list cl;
	struct cc_framework fw;
	struct cc_answers a;
	struct cc_target_result res = {0};
	double *values = NULL;
	unsigned char *state = NULL;
	int t, u, rc = cc_workflow_load(s, r->campaign, unit, &cl, &fw, &a, err);

	if (rc)
		return rc;
	t = cc_framework_target(&fw, READINESS_TARGET);
	u = cc_answers_find_unit(&a, unit);
	values = malloc(((size_t)fw.nnodes + 1) * sizeof(*values));
	state = malloc((size_t)fw.nnodes + 1);
	res.nodes = malloc(((size_t)fw.nnodes + 1) * sizeof(*res.nodes));
	if (!values || !state || !res.nodes)
		rc = cc_error_set(err, CC_ENOMEM, NULL, 0, 0, "out of memory");
	if (!rc)
		rc = frozen_values(s, r->campaign, unit, &fw, values, err);
	if (!rc && t >= 0 && u >= 0) {
		cc_score_applicability(&fw, &a, u, state);
		cc_targets_unit(&fw, &a, u, values, state, t, &res);
		r->counted = res.counted;
		r->met = res.met;
		for (int k = 0; k < res.counted; k++) {
			const struct cc_target_node *n = &res.nodes[k];
			if (!n->met)
				json_array_append_new(r->unmet, json_pack("{s:s,s:s,s:f,s:o}",
					"node", fw.nodes[n->node].id, "part", part_of(&fw, n->node),
					"required", n->required, "attained", isnan(n->attained) ?
					json_null() : json_real(n->attained)));
		}
	}
	free(values);
	free(state);
	free(res.nodes);
	cc_answers_free(&a);
	cc_framework_free(&fw);
	cc_list_free(&cl);
	return rc;
}

/* ---- filling the plan ----------------------------------------------------------- */

static bool framework_stored(struct cc_store *s, const char *id)
{
	struct cc_list l;

	if (!id || cc_store_framework(s, id, NULL, &l, NULL) != CC_OK)
		return false;
	cc_list_free(&l);
	return true;
}

static json_t *link(const char *fw, const char *node, const char *campaign, json_t *detail)
{
	json_t *o = json_pack("{s:s,s:s}", "framework", fw, "node", node);

	if (campaign)
		json_object_set_new(o, "campaign", json_string(campaign));
	if (detail)
		json_object_set(o, "detail", detail);
	return o;
}

/* Whether some action of tp links node of framework fw already. */
static bool in_template(const struct tmpl *tp, const char *fw, const char *node)
{
	for (size_t o = 0; o < NOBJ(tp) && tp->objectives[o].title; o++)
		for (size_t a = 0; a < NACT(&tp->objectives[o]) && tp->objectives[o].actions[a].title;
		     a++) {
			const struct tmpl_action *ac = &tp->objectives[o].actions[a];
			for (size_t n = 0; ac->framework && n < NNODES(ac) && ac->nodes[n]; n++)
				if (!strcmp(ac->framework, fw) && !strcmp(ac->nodes[n], node))
					return true;
		}
	return false;
}

/* The body of one template action, with what the readiness results add:
 * its unmet nodes with what they need and have, and the unmet nodes of
 * its part that no action of the template names. */
static json_t *action_body(struct cc_store *s, const struct tmpl *tp, const struct tmpl_action *ac,
			   long long objective, const struct readiness *r)
{
	json_t *links = json_array(), *u;
	json_t *b = json_pack("{s:I,s:s,s:s,s:s}", "objective", (json_int_t)objective, "title",
			      ac->title, "description", ac->description, "status", "proposed");
	bool have_fw = framework_stored(s, ac->framework), results = r->campaign[0] && r->unmet;
	size_t i;

	for (size_t n = 0; have_fw && n < NNODES(ac) && ac->nodes[n]; n++) {
		json_t *d = NULL;
		json_array_foreach(results ? r->unmet : NULL, i, u)
			if (!strcmp(json_string_value(json_object_get(u, "node")), ac->nodes[n]))
				d = u;
		json_array_append_new(links, link(ac->framework, ac->nodes[n],
						  (d || ac->readiness) && r->campaign[0] ?
						  r->campaign : NULL, d));
	}
	json_array_foreach(results && ac->part ? r->unmet : NULL, i, u) {
		const char *node = json_string_value(json_object_get(u, "node"));
		if (!in_template(tp, READINESS, node) &&
		    !strcmp(json_string_value(json_object_get(u, "part")), ac->part))
			json_array_append_new(links, link(READINESS, node, r->campaign, u));
	}
	json_object_set_new(b, "links", links);
	if (ac->readiness && r->campaign[0]) {
		json_object_set_new(b, "status", json_string(r->published ? "done" : "in_progress"));
		json_object_set_new(b, "start", json_string(r->start));
		if (r->published)
			json_object_set_new(b, "due", json_string(r->due));
		if (r->published)
			json_object_set_new(b, "source", json_pack("{s:s,s:s,s:s,s:s,s:{s:i,s:i,s:O}}",
				"kind", "target", "framework", READINESS, "campaign", r->campaign,
				"target", READINESS_TARGET, "detail", "counted", r->counted, "met",
				r->met, "unmet", r->unmet));
	}
	return b;
}

int cc__plan_from_template(struct cc_store *s, const struct cc_plan_rec *p,
			   const char *actor, struct cc_error *err)
{
	static const char *const optional[] = {"owner", "start", "due", NULL};
	const struct tmpl *tp = find(p->template_id);
	struct readiness r = {.unmet = json_array()};
	int rc = tp ? CC_OK : cc_error_set(err, CC_EINPUT, "template", 0, 0, "no such template");

	if (!rc && strcmp(tp->id, "cirt-establishment") == 0 && framework_stored(s, READINESS))
		rc = find_readiness(s, p, &r, err);
	if (!rc && r.published)
		rc = unmet_nodes(s, p->unit, &r, err);
	for (size_t o = 0; !rc && o < NOBJ(tp) && tp->objectives[o].title; o++) {
		const struct tmpl_objective *ob = &tp->objectives[o];
		long long oid, aid;

		rc = cc__plan_new_objective(s, p->id, ob->title, actor, &oid, err);
		for (size_t a = 0; !rc && a < NACT(ob) && ob->actions[a].title; a++) {
			json_t *body = action_body(s, tp, &ob->actions[a], oid, &r);
			rc = body ? cc__plan_insert_action(s, p->id, body, optional, actor, "create",
							   &aid, err) :
				cc_error_set(err, CC_ENOMEM, NULL, 0, 0, "out of memory");
			json_decref(body);
		}
	}
	json_decref(r.unmet);
	return rc;
}
