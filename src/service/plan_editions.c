/*
 * plan_editions.c - how the re-measurement of a plan reads a framework
 * node in a published campaign on another edition (version) of the
 * framework than the one the node id belongs to (plan_monitor.c).
 *
 * A plan made on the 2026 edition of the index names 2026 node ids; a
 * campaign on the 2027 edition scores 2027 nodes, some renamed or split.
 * The value of a 2026 node in a 2027 campaign is read through a mapping
 * between the two versions of the framework (mappings/, core/mapping.h):
 * the nodes the 2026 node relates to most strongly (equal before superset,
 * subset, intersect), averaged when there are several (a question split
 * in two is measured by both halves). A mapping in the other direction
 * (2027 -> 2026) is read backwards the same way. Without a mapping between
 * the two versions, the node with the same id is read, as the trend views
 * do. A mapping that leaves the node out gives no value: the two editions
 * do not measure it alike.
 */
#include "plans_internal.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static const char *ver(const char *v)
{
	return v ? v : "";
}

static double value_at(const struct cc_pub *p, int u, const char *node)
{
	int i = cc_framework_find(&p->fw, node);

	return i < 0 ? NAN : p->scores.value[(size_t)u * (size_t)p->fw.nnodes + (size_t)i];
}

/* The mapping of framework fw from version a to version b, or -1. */
static int find_mapping(const struct cc_snapshot *snap, const char *fw, const char *a,
			const char *b)
{
	const struct cc_mapping_rec *m = snap->mappings.items;

	for (int i = 0; i < snap->mappings.n; i++) {
		const struct cc_bound_mapping *bm = &snap->maps[i];
		if (strcmp(m[i].source, fw) == 0 && strcmp(m[i].target, fw) == 0 &&
		    strcmp(ver(bm->src.version), a) == 0 && strcmp(ver(bm->dst.version), b) == 0)
			return i;
	}
	return -1;
}

/* Reads node through mapping mi, forwards (node is a source id) or
 * backwards (node is a target id): the mean over the related nodes of
 * the strongest relation that p scored for unit u. */
static void through(const struct cc_snapshot *snap, int mi, bool forward, const struct cc_pub *p,
		    int u, const char *node, struct cc_arena *a, struct cc_node_reading *r)
{
	const struct cc_mapping *m = &snap->maps[mi].m;
	int best = CC_REL_NOT_RELATED, k = 0;
	double sum = 0;
	char *used = "";

	r->mapping = ((const struct cc_mapping_rec *)snap->mappings.items)[mi].id;
	for (int i = 0; i < m->npairs; i++) {
		const struct cc_mapping_pair *q = &m->pairs[i];
		if (strcmp(forward ? q->source_id : q->target_id, node) == 0 && (int)q->relation < best)
			best = (int)q->relation;
	}
	if (best == CC_REL_NOT_RELATED)
		return;
	r->relation = best;
	for (int i = 0; i < m->npairs; i++) {
		const struct cc_mapping_pair *q = &m->pairs[i];
		const char *other = forward ? q->target_id : q->source_id;
		double v;
		char *s;

		if ((int)q->relation != best || strcmp(forward ? q->source_id : q->target_id, node))
			continue;
		s = cc_arena_alloc(a, strlen(used) + strlen(other) + 3);
		if (s) {
			sprintf(s, "%s%s%s", used, *used ? ", " : "", other);
			used = s;
		}
		v = value_at(p, u, other);
		if (!isnan(v)) {
			sum += v;
			k++;
		}
	}
	r->nodes_used = used;
	r->value = k ? sum / k : NAN;
}

void cc__plan_read_node(const struct cc_snapshot *snap, const struct cc_pub *p,
			const char *unit, const char *node, const char *edition,
			struct cc_arena *a, struct cc_node_reading *r)
{
	int u = p ? cc_answers_find_unit(&p->answers, unit) : -1, mi;
	const char *pv;

	*r = (struct cc_node_reading){NAN, NULL, NULL, NULL, -1};
	if (u < 0)
		return;
	pv = ver(p->fw.version);
	r->version = p->fw.version;
	if (edition && strcmp(edition, pv) != 0) {
		if ((mi = find_mapping(snap, p->fw.id, edition, pv)) >= 0) {
			through(snap, mi, true, p, u, node, a, r);
			return;
		}
		if ((mi = find_mapping(snap, p->fw.id, pv, edition)) >= 0) {
			through(snap, mi, false, p, u, node, a, r);
			return;
		}
	}
	r->value = value_at(p, u, node);
	r->nodes_used = isnan(r->value) && cc_framework_find(&p->fw, node) < 0 ? NULL : node;
}
