/*
 * partners_measure.c - what a pledge did to the gap it was made for (see
 * partners.h): the value of the request's framework node for the
 * recipient in the campaign the gap was measured in (before), and in the
 * first campaign on the same framework published after the pledge was
 * delivered in full (after). Nodes are read as the plans read them
 * (cc__plan_read_node: across editions through their mapping).
 */
#include "partners.h"

#include "plans_internal.h"

#include <math.h>
#include <string.h>

static const char *published(const struct cc_pub *p)
{
	return p->c->published_at ? p->c->published_at : "";
}

/* The first pub on framework holding unit published after `after`
 * (and after `before`'s campaign). */
static const struct cc_pub *next_pub(const struct cc_snapshot *snap, const char *framework,
				     const char *unit, const char *after,
				     const struct cc_pub *before)
{
	const struct cc_pub *best = NULL;

	for (int i = 0; i < snap->npubs; i++) {
		const struct cc_pub *p = &snap->pubs[i];
		if (p == before || strcmp(p->fw.id, framework) ||
		    cc_answers_find_unit(&p->answers, unit) < 0 || strcmp(published(p), after) <= 0 ||
		    (before && strcmp(published(p), published(before)) < 0))
			continue;
		if (!best || strcmp(published(p), published(best)) < 0)
			best = p;
	}
	return best;
}

static json_t *value_json(double v)
{
	return isnan(v) ? json_null() : json_real(v);
}

/* The request's node: its own source, or its plan action's. */
static int node_of(struct cc_store *s, const struct cc_prequest_rec *r, const char **fw,
		   const char **node, const char **campaign, struct cc_list *ol)
{
	*fw = *node = *campaign = NULL;
	if (r->source_kind && strcmp(r->source_kind, "node") == 0) {
		*fw = r->source_framework;
		*node = r->source_node;
		*campaign = r->source_campaign;
	} else if (r->source_kind && strcmp(r->source_kind, "action") == 0 && r->source_action &&
		   cc_store_action_origin(s, r->source_action, ol, NULL) == CC_OK) {
		const struct cc_action_origin_rec *o = ol->items;
		*fw = o->framework;
		*node = o->node;
		*campaign = o->campaign;
	}
	return *fw && *node;
}

int cc_partners_pledge_measure(struct cc_store *s, const struct cc_snapshot *snap,
			       long long pledge, json_t **out, struct cc_error *err)
{
	struct cc_list pl, rl, ol = {0};
	const struct cc_pledge_rec *p;
	const char *fw, *node, *campaign;
	int rc = cc_store_pledge(s, pledge, &pl, err);

	*out = NULL;
	if (rc)
		return rc;
	p = pl.items;
	if (!p->request || cc_store_request(s, p->request, &rl, NULL) != CC_OK) {
		cc_list_free(&pl);
		return CC_OK;
	}
	if (node_of(s, rl.items, &fw, &node, &campaign, &ol)) {
		const struct cc_pub *before = campaign ? cc_snapshot_pub(snap, campaign) : NULL;
		const struct cc_pub *after = NULL;
		struct cc_node_reading rb = {NAN, NULL, NULL, NULL, -1}, ra = rb;
		struct cc_arena a;
		if (before && strcmp(before->fw.id, fw))
			before = NULL;
		if (strcmp(p->delivery, "complete") == 0 && p->completed_at && !p->cancelled)
			after = next_pub(snap, fw, p->unit, p->completed_at, before);
		cc_arena_init(&a);
		cc__plan_read_node(snap, before, p->unit, node, before ? before->fw.version : NULL,
				   &a, &rb);
		cc__plan_read_node(snap, after, p->unit, node, before ? before->fw.version : NULL,
				   &a, &ra);
		*out = json_pack("{s:s,s:s,s:o,s:s?,s:o,s:s?}", "framework", fw, "node", node,
				 "before", value_json(rb.value), "before_campaign",
				 before ? before->c->id : NULL, "after", value_json(ra.value),
				 "after_campaign", after ? after->c->id : NULL);
		cc_arena_free(&a);
	}
	if (ol.items)
		cc_list_free(&ol);
	cc_list_free(&rl);
	cc_list_free(&pl);
	return CC_OK;
}
