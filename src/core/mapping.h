/*
 * mapping.h - a crosswalk between two frameworks
 * (../shared/spec/mapping-format.md): pairs of nodes with an OLIR-style
 * relation. Read by src/format/mapping_yaml.c, bound to the two
 * frameworks by cc_mapping_bind, then used to say what covers each target
 * node (cc_mapping_cover) and to pre-fill answers to the target from
 * answers to the source (cc_mapping_apply). Everything hangs off m->arena.
 */
#ifndef CC_MAPPING_H
#define CC_MAPPING_H

#include <stdbool.h>

#include "answers.h"
#include "arena.h"
#include "error.h"
#include "framework.h"

/* In the order of strength the check reports (equal strongest). */
enum cc_relation { CC_REL_EQUAL, CC_REL_SUPERSET, CC_REL_SUBSET, CC_REL_INTERSECT,
		   CC_REL_NOT_RELATED };

struct cc_mapping_pair {
	const char *source_id, *target_id, *rationale;
	enum cc_relation relation;
	int source, target;          /* node indices, set by cc_mapping_bind */
	long line, col;              /* the pair */
	long source_line, source_col, target_line, target_col;
};

struct cc_mapping {
	struct cc_arena arena;
	const char *file;
	const char *id, *title;
	const char *source, *target;                 /* framework ids */
	const char *source_version, *target_version; /* NULL when not given */
	long source_line, source_col, target_line, target_col;
	long sv_line, sv_col, tv_line, tv_col;
	struct cc_mapping_pair *pairs;
	int npairs;
};

int cc_mapping_init(struct cc_mapping *m, const char *file);
void cc_mapping_free(struct cc_mapping *m);
const char *cc_relation_name(enum cc_relation r);

/* A mapping with the two frameworks it is bound to, as loaded together
 * (by `cybercap mapping` and the service); free releases what loaded says
 * is there: 1 the mapping, 2 and the source, 3 and the target. */
struct cc_bound_mapping {
	struct cc_mapping m;
	struct cc_framework src, dst;
	int loaded;
};
void cc_bound_mapping_free(struct cc_bound_mapping *b);

/* Checks the mapping against its two frameworks (ids, versions, every
 * node) and resolves the node indices; errors name the mapping file. */
int cc_mapping_bind(struct cc_mapping *m, const struct cc_framework *src,
		    const struct cc_framework *dst, struct cc_error *err);

/* The strongest relation (enum cc_relation) any pair gives target node t,
 * or -1 for none. */
int cc_mapping_cover(const struct cc_mapping *m, int t);

/* The pairs that give target node t its strongest relation (the sources
 * of `mapping check`), in the file's order: the indices into m->pairs of
 * the first max of them go to out; returns how many there are (0 when t
 * has none). */
int cc_mapping_sources(const struct cc_mapping *m, int t, int *out, int max);

/* One pre-filled answer: a target question, the answer text (arena or
 * static) and the source pairs used (indices into m->pairs). */
struct cc_prefill {
	int unit;
	int question;                /* target node */
	char *answer;                /* malloc'd */
	int *pairs;
	int npairs;
};

/* Pre-fills the target's yes_no, choice and rating questions from the
 * source answers a (scored on src) by the equal and superset pairs. *out
 * (malloc'd, with pairs inside; free with cc_prefill_free) holds the rows
 * unit by unit, questions in the target's order; units are a's. */
int cc_mapping_apply(const struct cc_mapping *m, const struct cc_framework *src,
		     const struct cc_framework *dst, const struct cc_answers *a,
		     struct cc_prefill **out, int *n, struct cc_error *err);
void cc_prefill_free(struct cc_prefill *p, int n);

#endif
