/*
 * editions.h - reading a framework node across editions (versions) of its
 * framework: the one rule the trend views (server/http_trends.c) and the
 * re-measurement of a plan (plan_monitor.c) share, and which editions
 * hold a node id (the link checks of plans, risks and drills).
 *
 * A node id belongs to one edition. A published campaign on the same
 * edition reads the node itself. A campaign on another edition reads it
 * through the mapping between the two versions (mappings/, source and
 * target the same framework), forwards (the node is a source id) or
 * backwards (a target id): the nodes the mapping relates to it most
 * strongly (equal before superset, subset, intersect), their mean when
 * there are several (a question split in two is measured by both halves).
 * A mapping that leaves the node out gives no value: the two editions do
 * not measure it alike. Without any mapping between the two versions, the
 * node with the same id is read.
 */
#ifndef CC_EDITIONS_H
#define CC_EDITIONS_H

#include "snapshot.h"

#include <stdbool.h>

#define CC_EDITION_MAX_NODES 32

/* How published campaign p reads a node: p's framework version, the
 * mapping read (NULL: the node itself, on its own edition or without a
 * mapping), the relation it gives (enum cc_relation, -1: none) and the
 * nodes of p->fw read (indices, the first CC_EDITION_MAX_NODES; n 0: p
 * does not measure the node). */
struct cc_edition_read {
	const char *version, *mapping;
	int relation;
	int n;
	int nodes[CC_EDITION_MAX_NODES];
};

/* How p reads node, an id of framework version `edition` (NULL: p's own);
 * strings in snap. */
void cc_edition_read(const struct cc_snapshot *snap, const struct cc_pub *p, const char *node,
		     const char *edition, struct cc_edition_read *r);

/* The mean over r's nodes of unit u's values (0..1; points: the
 * published points) in p, NaN when none has one (u < 0: NaN). */
double cc_edition_mean(const struct cc_pub *p, int u, const struct cc_edition_read *r,
		       bool points);

/* The edition of framework fw that holds node: prefer when that version
 * has it, else the highest version that has it; NULL when none does (or
 * when prefer is NULL and no version does). */
const char *cc_edition_of_node(const struct cc_snapshot *snap, const char *fw, const char *node,
			       const char *prefer);

/* Whether a stored version of framework fw (the latest first) has node:
 * CC_OK with that version into version[size] ("" when it has none),
 * CC_ENOTFOUND (nothing set in err) when no version has it or there is no
 * such framework. */
int cc_service_framework_node(struct cc_store *s, const char *fw, const char *node,
			      char *version, size_t size, struct cc_error *err);

#endif
