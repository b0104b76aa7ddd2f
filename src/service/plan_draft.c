/*
 * plan_draft.c - drafting a plan from the evidence (see plans.h,
 * cc_plan_draft): the unit's largest gaps in a campaign, ranked as
 * `cybercap gaps` ranks them (core/gaps.h: points missing, with the peers
 * already at full, overall and in the unit's ITU region), and the nodes a
 * chosen target leaves unmet (core/targets.h). Each becomes a proposed
 * action titled with the node's name or question and described by its
 * guidance, linked to the node it addresses and to its source (kind gap
 * or target, with the figures it came from). Nothing is invented: no
 * owner, no dates, no budget. A node that is both among the largest gaps
 * and unmet by the target is one proposal: its source is the gap's, with
 * the target named (`target`) and its figures under detail.target.
 *
 * Published campaigns are read from the snapshot (frozen results); a
 * campaign not published yet is scored live from the unit's answers,
 * alone, so its gaps count no peers (other units' answers are not the
 * caller's to see).
 *
 * By default gaps are questions and indicators only ("nodes":
 * "questions"): a group's gap is the sum of its questions' and drafting
 * both would propose the same work twice; "nodes": "all" takes groups too.
 * Proposals go into the objective given, else into one objective per
 * top-level part of the framework (found by title, made when missing).
 * A node the plan already has a proposal for from the same campaign (a
 * gap or a target, from an earlier draft) is skipped, naming that action.
 */
#include "plans_internal.h"

#include "workflow.h"

#include "../core/gaps.h"
#include "../core/targets.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct evidence {
	const struct cc_framework *fw;
	const struct cc_answers *a;
	const struct cc_scores *sc;
	int u;
	bool live;
	unsigned char *region;          /* per unit of a published campaign, or NULL */
	/* the live case owns these */
	struct cc_list cl;
	struct cc_framework fw_live;
	struct cc_answers a_live;
	struct cc_scores sc_live;
};

static void evidence_free(struct evidence *e)
{
	free(e->region);
	if (e->live) {
		cc_scores_free(&e->sc_live);
		cc_answers_free(&e->a_live);
		cc_framework_free(&e->fw_live);
		cc_list_free(&e->cl);
	}
}

/* The unit's ITU region as a mask over the campaign's units. */
static unsigned char *region_mask(const struct cc_snapshot *snap, const struct cc_pub *p,
				  const char *unit)
{
	const struct cc_unit_rec *u = cc_snapshot_unit(snap, unit);
	const struct cc_group_rec *groups = snap->groups.items, *g = NULL;
	int ui = u ? (int)(u - (const struct cc_unit_rec *)snap->units.items) : -1;
	unsigned char *mask;

	for (const int *k = ui >= 0 ? snap->unit_groups[ui] : NULL; k && *k >= 0 && !g; k++)
		if (strncmp(groups[*k].id, "itu:", 4) == 0)
			g = &groups[*k];
	if (!g || !(mask = calloc((size_t)p->scores.nunits + 1, 1)))
		return NULL;
	for (int k = 0; k < p->scores.nunits; k++)
		mask[k] = (unsigned char)cc_snapshot_in_group(snap, p->answers.units[k], g);
	return mask;
}

static int load_evidence(struct cc_store *s, const struct cc_snapshot *snap, const char *campaign,
			 const char *unit, struct evidence *e, struct cc_error *err)
{
	const struct cc_pub *p = cc_snapshot_pub(snap, campaign);
	int rc;

	memset(e, 0, sizeof(*e));
	if (p) {
		e->fw = &p->fw, e->a = &p->answers, e->sc = &p->scores;
		e->u = cc_answers_find_unit(&p->answers, unit);
		if (e->u < 0)
			return cc_error_set(err, CC_EINPUT, "campaign", 0, 0,
					    "campaign %s has no results for %s", campaign, unit);
		e->region = region_mask(snap, p, unit);
		return CC_OK;
	}
	rc = cc_workflow_load(s, campaign, unit, &e->cl, &e->fw_live, &e->a_live, err);
	if (rc == CC_ENOTFOUND)
		return cc_error_set(err, CC_EINPUT, "campaign", 0, 0,
				    "no campaign \"%s\" that assesses %s", campaign, unit);
	if (rc)
		return rc;
	e->live = true;
	rc = cc_scores_compute(&e->sc_live, &e->fw_live, &e->a_live, err);
	e->fw = &e->fw_live, e->a = &e->a_live, e->sc = &e->sc_live;
	e->u = 0;
	return rc;
}

/* ---- one proposal ----------------------------------------------------------- */

struct draft {
	struct cc_store *s;
	const char *plan, *campaign, *actor;
	long long objective;            /* given, or 0 */
	const struct evidence *e;
	const char *target;             /* the target's id, or NULL */
	json_t **unmet;                 /* per node: the target's figures when unmet, or NULL */
	json_t *created, *skipped, *merged;
};

/* A title of at most CC_PLAN_TEXT_MAX bytes, cut at a character boundary. */
static json_t *title_json(const char *label)
{
	char buf[CC_PLAN_TEXT_MAX + 1];
	size_t n = strlen(label);

	if (n <= CC_PLAN_TEXT_MAX)
		return json_string(label);
	n = CC_PLAN_TEXT_MAX - 3;
	while (n > 0 && ((unsigned char)label[n] & 0xC0) == 0x80)
		n--;
	memcpy(buf, label, n);
	memcpy(buf + n, "...", 4);
	return json_string(buf);
}

/* The objective for node i: the one asked for, else the one named for
 * its top-level part. */
static int objective_for(struct draft *d, int i, long long *id, struct cc_error *err)
{
	const struct cc_framework *fw = d->e->fw;
	const char *title;
	struct cc_list l;
	int rc;

	if (d->objective) {
		*id = d->objective;
		return CC_OK;
	}
	while (fw->nodes[i].parent > 0)
		i = fw->nodes[i].parent;
	title = cc_node_label(&fw->nodes[i]);
	rc = cc_store_objectives(d->s, d->plan, &l, err);
	if (rc)
		return rc;
	*id = 0;
	for (int k = 0; k < l.n && !*id; k++)
		if (strcmp(((struct cc_objective_rec *)l.items)[k].title, title) == 0)
			*id = ((struct cc_objective_rec *)l.items)[k].id;
	if (!*id && l.n >= CC_PLAN_MAX_OBJECTIVES)
		rc = cc_error_set(err, CC_ELIMIT, "objective", 0, 0,
				  "a plan has at most %d objectives", CC_PLAN_MAX_OBJECTIVES);
	cc_list_free(&l);
	if (rc || *id)
		return rc;
	return cc__plan_new_objective(d->s, d->plan, title, d->actor, id, err);
}

/* The action of the plan with a source of kind gap or target on the
 * draft's campaign and node (CC_OK, *kind which), else CC_ENOTFOUND. */
static int drafted(struct draft *d, const char *node, long long *have, const char **kind,
		   struct cc_error *err)
{
	static const char *const kinds[] = {"gap", "target"};
	int rc = CC_ENOTFOUND;

	for (int k = 0; k < 2 && rc == CC_ENOTFOUND; k++) {
		rc = cc_store_find_source(d->s, d->plan, kinds[k], d->campaign, node, have, err);
		*kind = kinds[k];
	}
	if (rc == CC_ENOTFOUND)
		cc_error_clear(err);
	return rc;
}

/* Saves the proposal for node i from source kind (detail: what it came
 * from, stolen; target: the target it names, or NULL), unless the plan
 * has one from the same campaign and node already. */
static int propose(struct draft *d, int i, const char *kind, const char *target, json_t *detail,
		   long long *id, struct cc_error *err)
{
	static const char *const optional[] = {"owner", "start", "due", NULL};
	const struct cc_framework *fw = d->e->fw;
	const struct cc_node *n = &fw->nodes[i];
	const char *had;
	long long have, objective;
	json_t *body, *src;
	int rc = drafted(d, n->id, &have, &had, err);

	*id = 0;
	if (!rc) {
		char why[80];
		snprintf(why, sizeof(why), "already in the plan (action %lld, from a %s)", have, had);
		json_array_append_new(d->skipped, json_pack("{s:s,s:s,s:I,s:s}", "kind", kind,
			"node", n->id, "action", (json_int_t)have, "reason", why));
		json_decref(detail);
		return CC_OK;
	}
	if (rc != CC_ENOTFOUND)
		return rc;
	rc = objective_for(d, i, &objective, err);
	if (rc) {
		json_decref(detail);
		return rc;
	}
	src = json_pack("{s:s,s:s,s:s,s:s,s:o}", "kind", kind, "campaign", d->campaign,
			"framework", fw->id, "node", n->id, "detail", detail);
	if (target)
		json_object_set_new(src, "target", json_string(target));
	body = json_pack("{s:I,s:o,s:s,s:s,s:[{s:s,s:s,s:s}],s:o}", "objective",
			 (json_int_t)objective, "title", title_json(cc_node_label(n)),
			 "description", n->guidance ? n->guidance : "", "status", "proposed",
			 "links", "framework", fw->id, "node", n->id, "campaign", d->campaign,
			 "source", src);
	rc = body ? cc__plan_insert_action(d->s, d->plan, body, optional, d->actor, "propose", id,
					   err) : cc_error_set(err, CC_ENOMEM, NULL, 0, 0,
							       "out of memory");
	json_decref(body);
	if (!rc)
		json_array_append_new(d->created, json_integer(*id));
	return rc;
}

static json_t *points(const struct cc_framework *fw, double x)
{
	double scale = pow(10, fw->precision);

	return isnan(x) ? json_null() : json_real(round(x * scale) / scale);
}

/* The gap's proposal for node i; when the target leaves the node unmet
 * too, one proposal naming both (the target's figures under
 * detail.target), listed in merged, and the target proposes nothing more
 * for the node. */
static int propose_gap(struct draft *d, int i, json_t *detail, struct cc_error *err)
{
	json_t *unmet = d->unmet ? d->unmet[i] : NULL;
	long long id;
	int rc;

	if (unmet) {
		json_object_set(detail, "target", unmet);
		d->unmet[i] = NULL;
	}
	rc = propose(d, i, "gap", unmet ? d->target : NULL, detail, &id, err);
	if (!rc && unmet && id)
		json_array_append_new(d->merged, json_pack("{s:s,s:I,s:[ss]}", "node",
			d->e->fw->nodes[i].id, "action", (json_int_t)id, "sources", "gap", "target"));
	json_decref(unmet);
	return rc;
}

static int draft_gaps(struct draft *d, int top, bool all_nodes, struct cc_error *err)
{
	const struct evidence *e = d->e;
	struct cc_gap *gaps = NULL;
	int n = 0, taken = 0, rc;

	if (cc_gaps_compute(e->sc, e->u, e->region, &gaps, &n))
		return cc_error_set(err, CC_ENOMEM, NULL, 0, 0, "out of memory");
	rc = CC_OK;
	for (int k = 0; !rc && k < n && taken < top; k++) {
		const struct cc_gap *g = &gaps[k];
		double v = e->sc->value[(size_t)e->u * (size_t)e->fw->nnodes + (size_t)g->node];
		json_t *detail;

		if (!all_nodes && e->fw->nodes[g->node].kind == CC_GROUP)
			continue;
		taken++;
		detail = json_pack("{s:i,s:o,s:o,s:o,s:o,s:b}", "rank", k + 1,
				   "missing", points(e->fw, g->missing), "points", points(e->fw, g->points),
				   "max", points(e->fw, g->max), "value", json_real(v), "live", e->live);
		json_object_set_new(detail, "peers", e->live ? json_null() : json_integer(g->peers));
		json_object_set_new(detail, "peers_full", e->live ? json_null() :
				    json_integer(g->peers_full));
		json_object_set_new(detail, "region_peers", e->region ? json_integer(g->region_peers)
				    : json_null());
		json_object_set_new(detail, "region_full", e->region ? json_integer(g->region_full)
				    : json_null());
		rc = propose_gap(d, g->node, detail, err);
	}
	free(gaps);
	return rc;
}

/* The nodes target t leaves unmet, each with its figures, into d->unmet
 * (file order: the order of the proposals left after the gaps). */
static int unmet_nodes(struct draft *d, int t, struct cc_error *err)
{
	const struct evidence *e = d->e;
	const struct cc_framework *fw = e->fw;
	struct cc_target_result res = {.nodes = malloc(((size_t)fw->nnodes + 1) * sizeof(*res.nodes))};
	unsigned char *state = malloc((size_t)fw->nnodes + 1);

	d->unmet = calloc((size_t)fw->nnodes + 1, sizeof(*d->unmet));
	if (!res.nodes || !state || !d->unmet) {
		free(res.nodes);
		free(state);
		return cc_error_set(err, CC_ENOMEM, NULL, 0, 0, "out of memory");
	}
	cc_score_applicability(fw, e->a, e->u, state);
	cc_targets_unit(fw, e->a, e->u, e->sc->value + (size_t)e->u * (size_t)fw->nnodes, state, t,
			&res);
	for (int k = 0; k < res.counted; k++) {
		const struct cc_target_node *n = &res.nodes[k];
		if (n->met)
			continue;
		json_decref(d->unmet[n->node]);
		d->unmet[n->node] = json_pack("{s:s,s:s,s:f,s:o,s:b}", "target", fw->targets[t].id,
					      "target_name", fw->targets[t].name, "required",
					      n->required, "attained", isnan(n->attained) ?
					      json_null() : json_real(n->attained), "met", 0);
	}
	free(res.nodes);
	free(state);
	return CC_OK;
}

/* The target's unmet nodes no gap proposal took, in the file's order. */
static int draft_target(struct draft *d, struct cc_error *err)
{
	int rc = CC_OK;
	long long id;

	for (int i = 0; !rc && i < d->e->fw->nnodes; i++)
		if (d->unmet[i]) {
			rc = propose(d, i, "target", d->target, d->unmet[i], &id, err);
			d->unmet[i] = NULL;
		}
	return rc;
}

static void unmet_free(struct draft *d)
{
	for (int i = 0; d->unmet && i < d->e->fw->nnodes; i++)
		json_decref(d->unmet[i]);
	free(d->unmet);
	d->unmet = NULL;
}

/* ---- the request -------------------------------------------------------------- */

struct draft_args {
	const char *campaign, *target, *nodes;
	long long top, objective;
};

static int draft_args(const json_t *body, struct draft_args *a, struct cc_error *err)
{
	json_t *v;
	int rc = cc__plan_text(json_object_get(body, "campaign"), "campaign", true, 128, false,
			       &a->campaign, err);

	a->top = CC_DRAFT_TOP_DEFAULT;
	a->objective = 0;
	if (!rc && (v = json_object_get(body, "top")) && !json_is_null(v))
		rc = cc__plan_int(v, "top", 0, CC_DRAFT_TOP_MAX, &a->top, err);
	if (!rc)
		rc = cc__plan_text(json_object_get(body, "target"), "target", false, 128, false,
				   &a->target, err);
	if (!rc)
		rc = cc__plan_text(json_object_get(body, "nodes"), "nodes", false, 16, false,
				   &a->nodes, err);
	if (!rc && a->nodes && strcmp(a->nodes, "questions") && strcmp(a->nodes, "all"))
		rc = cc_error_set(err, CC_EINPUT, "nodes", 0, 0, "nodes is questions or all");
	if (!rc && (v = json_object_get(body, "objective")) && !json_is_null(v))
		rc = cc__plan_int(v, "objective", 1, 1LL << 53, &a->objective, err);
	return rc;
}

static int run_draft(struct draft *d, const struct draft_args *a, int t, struct cc_error *err)
{
	int rc = t >= 0 ? unmet_nodes(d, t, err) : CC_OK;

	if (!rc)
		rc = draft_gaps(d, (int)a->top, a->nodes && strcmp(a->nodes, "all") == 0, err);
	if (!rc && t >= 0)
		rc = draft_target(d, err);
	unmet_free(d);
	return rc;
}

int cc_plan_draft(struct cc_store *s, const struct cc_snapshot *snap, const char *plan,
		  const json_t *body, const char *actor, json_t **out, struct cc_error *err)
{
	struct draft_args a;
	struct evidence e;
	struct cc_plan pl;
	struct draft d = {.s = s, .plan = plan, .actor = actor};
	int t = -1, rc = cc_plan_load(s, plan, &pl, err);

	*out = NULL;
	memset(&e, 0, sizeof(e));
	if (!rc)
		rc = draft_args(body, &a, err);
	if (!rc && a.objective && cc_plan_objective_index(&pl, a.objective) < 0)
		rc = cc_error_set(err, CC_EINPUT, "objective", 0, 0, "plan %s has no objective %lld",
				  plan, a.objective);
	if (!rc)
		rc = load_evidence(s, snap, a.campaign, pl.p->unit, &e, err);
	if (!rc && a.target && (t = cc_framework_target(e.fw, a.target)) < 0)
		rc = cc_error_set(err, CC_EINPUT, "target", 0, 0, "framework %s has no target \"%s\"",
				  e.fw->id, a.target);
	if (!rc) {
		d.campaign = a.campaign;
		d.objective = a.objective;
		d.e = &e;
		d.created = json_array();
		d.skipped = json_array();
		d.merged = json_array();
		d.target = t >= 0 ? e.fw->targets[t].id : NULL;
		rc = cc_store_begin(s, err);
		if (!rc)
			rc = run_draft(&d, &a, t, err);
		if (!rc)
			rc = cc_store_commit(s, err);
		if (rc)
			cc_store_rollback(s);
		if (!rc)
			*out = json_pack("{s:O,s:O,s:O,s:s,s:s,s:b}", "created", d.created,
					 "skipped", d.skipped, "merged", d.merged, "campaign",
					 a.campaign, "framework", e.fw->id, "live", e.live);
		json_decref(d.created);
		json_decref(d.skipped);
		json_decref(d.merged);
	}
	evidence_free(&e);
	cc_plan_free(&pl);
	return rc;
}
