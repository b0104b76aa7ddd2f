/*
 * editions.c - reading a framework node across editions of its framework
 * (the one rule of editions.h, shared by the trend views and the plans'
 * re-measurement), and which editions hold a node id.
 */
#include "editions.h"

#include "service.h"

#include "../format/framework_yaml.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static const char *ver(const char *v)
{
	return v ? v : "";
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
 * backwards (a target id): the nodes of p->fw of the strongest relation. */
static void through(const struct cc_snapshot *snap, int mi, bool forward, const struct cc_pub *p,
		    const char *node, struct cc_edition_read *r)
{
	const struct cc_mapping *m = &snap->maps[mi].m;
	int best = CC_REL_NOT_RELATED;

	r->mapping = ((const struct cc_mapping_rec *)snap->mappings.items)[mi].id;
	for (int i = 0; i < m->npairs; i++) {
		const struct cc_mapping_pair *q = &m->pairs[i];
		if (strcmp(forward ? q->source_id : q->target_id, node) == 0 && (int)q->relation < best)
			best = (int)q->relation;
	}
	if (best == CC_REL_NOT_RELATED)
		return;
	r->relation = best;
	for (int i = 0; i < m->npairs && r->n < CC_EDITION_MAX_NODES; i++) {
		const struct cc_mapping_pair *q = &m->pairs[i];
		int k;

		if ((int)q->relation != best || strcmp(forward ? q->source_id : q->target_id, node))
			continue;
		k = cc_framework_find(&p->fw, forward ? q->target_id : q->source_id);
		if (k >= 0)
			r->nodes[r->n++] = k;
	}
}

void cc_edition_read(const struct cc_snapshot *snap, const struct cc_pub *p, const char *node,
		     const char *edition, struct cc_edition_read *r)
{
	const char *pv = ver(p->fw.version);
	int mi, k;

	memset(r, 0, sizeof(*r));
	r->version = p->fw.version;
	r->relation = -1;
	if (edition && strcmp(edition, pv) != 0) {
		if ((mi = find_mapping(snap, p->fw.id, edition, pv)) >= 0) {
			through(snap, mi, true, p, node, r);
			return;
		}
		if ((mi = find_mapping(snap, p->fw.id, pv, edition)) >= 0) {
			through(snap, mi, false, p, node, r);
			return;
		}
	}
	if ((k = cc_framework_find(&p->fw, node)) >= 0)
		r->nodes[r->n++] = k;
}

double cc_edition_mean(const struct cc_pub *p, int u, const struct cc_edition_read *r,
		       bool points)
{
	double sum = 0;
	int k = 0;

	if (u < 0)
		return NAN;
	for (int i = 0; i < r->n; i++) {
		double v = points ? cc_scores_points(&p->scores, u, r->nodes[i]) :
			   p->scores.value[(size_t)u * (size_t)p->fw.nnodes + (size_t)r->nodes[i]];
		if (!isnan(v)) {
			sum += v;
			k++;
		}
	}
	return k ? sum / k : NAN;
}

const char *cc_edition_of_node(const struct cc_snapshot *snap, const char *fw, const char *node,
			       const char *prefer)
{
	const struct cc_framework_rec *f = snap->versions.items;
	const struct cc_framework *pf = prefer ? cc_snapshot_framework_version(snap, fw, prefer) : NULL;

	if (pf && cc_framework_find(pf, node) >= 0)
		return prefer;
	/* versions are by id, highest version first */
	for (int i = 0; i < snap->versions.n; i++)
		if (strcmp(f[i].id, fw) == 0 && cc_framework_find(&snap->vfws[i], node) >= 0)
			return f[i].version;
	return NULL;
}

int cc_service_framework_node(struct cc_store *s, const char *fw, const char *node,
			      char *version, size_t size, struct cc_error *err)
{
	struct cc_list l;
	int rc = cc_store_framework_versions(s, &l, err), found = CC_ENOTFOUND;

	if (rc)
		return rc;
	for (int i = 0; i < l.n && found == CC_ENOTFOUND; i++) {
		const struct cc_framework_rec *f = &((const struct cc_framework_rec *)l.items)[i];
		struct cc_framework parsed;
		char name[200];

		if (strcmp(f->id, fw) != 0)
			continue;
		snprintf(name, sizeof(name), "framework %s %s", fw, ver(f->version));
		if ((rc = cc_framework_parse(&parsed, name, f->text, f->len, err)))
			break;
		if (cc_framework_find(&parsed, node) >= 0) {
			snprintf(version, size, "%s", ver(f->version));
			found = CC_OK;
		}
		cc_framework_free(&parsed);
	}
	cc_list_free(&l);
	return rc ? rc : found;
}
