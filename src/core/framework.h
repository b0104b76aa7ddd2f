/*
 * framework.h - a framework in memory: the tree of groups, questions and
 * indicators that an assessment or index is made of (the file format is in
 * docs/framework-format.md; reading it is src/format/framework_yaml.c).
 *
 * Nodes live in one array in depth-first pre-order; nodes[0] is the root,
 * whose id is the framework's id. A reader fills the framework with
 * cc_framework_init / cc_framework_add_node and the setters below, then calls
 * cc_framework_finish, which checks everything that spans nodes (duplicate
 * ids, `when` targets, stages) and computes each node's max points. After
 * finish the framework is read-only and may be shared between threads.
 *
 * Ownership: every string and array hangs off fw->arena and is released by
 * cc_framework_free.
 */
#ifndef CC_FRAMEWORK_H
#define CC_FRAMEWORK_H

#include <stdbool.h>
#include <stdint.h>

#include "arena.h"
#include "error.h"
#include "idmap.h"

#define CC_MULTI_MAX_OPTIONS 64
#define CC_FRAMEWORK_MAX_NODES 1000000
#define CC_FRAMEWORK_MAX_DEPTH 64

enum cc_kind { CC_GROUP, CC_QUESTION, CC_INDICATOR };
enum cc_qtype { CC_Q_YES_NO, CC_Q_CHOICE, CC_Q_MULTI, CC_Q_NUMBER, CC_Q_TEXT,
		CC_Q_RATING };
enum cc_agg {
	CC_AGG_MEAN, CC_AGG_GEOMETRIC, CC_AGG_HARMONIC,
	CC_AGG_MIN, CC_AGG_MAX, CC_AGG_STAGE
};
/* ZSCORE and RANK are not in framework files: the robustness analysis
 * swaps them in (see robust.h). */
enum cc_norm { CC_NORM_MINMAX, CC_NORM_GOALPOSTS, CC_NORM_NONE,
	       CC_NORM_ZSCORE, CC_NORM_RANK };
enum cc_na { CC_NA_ZERO, CC_NA_EXCLUDE };
enum cc_evidence { CC_EVIDENCE_OPTIONAL, CC_EVIDENCE_REQUIRED, CC_EVIDENCE_NONE };
enum cc_ranking { CC_RANK_DENSE, CC_RANK_COMPETITION };
enum cc_missing { CC_MISSING_ZERO, CC_MISSING_EXCLUDE };

struct cc_option {
	const char *id;
	const char *label;
	double value;
};

struct cc_threshold {
	double min;
	double value;
};

/* `when: {q: ID, is: ANSWER}`; q and the parsed answer are resolved by
 * cc_framework_finish. */
struct cc_when {
	const char *q_id;
	const char *is;
	int q;            /* node index of the question */
	double num;       /* parsed `is` for number and yes_no/choice codes */
	uint64_t bits;    /* parsed `is` for choice (index) and multi (mask) */
	long line, col;         /* where `q` is */
	long is_line, is_col;   /* where `is` is */
};

/* Format 1.1: a rating scale, levels strictly ascending by value. */
struct cc_scale_level {
	int value;
	const char *name;
	const char *description;   /* may be NULL */
};

struct cc_scale {
	const char *id;
	const char *name;
	struct cc_scale_level *levels;
	int nlevels;
	long line, col;
};

/* A target's minimum for one node; `stage` holds a stage name given
 * instead of a number, resolved by cc_framework_finish. */
struct cc_target_req {
	const char *node_id;
	int node;                  /* resolved by finish */
	double min;
	const char *stage;         /* NULL unless given as a stage name */
	long line, col;            /* the node id */
	long min_line, min_col;    /* the minimum */
};

struct cc_target {
	const char *id;
	const char *name;
	bool has_default;
	double def;
	const char *def_stage;     /* default given as a stage name */
	long def_line, def_col;
	struct cc_target_req *reqs;
	int nreqs;
	long line, col;
	/* Set by finish: the minimum per node (NaN: the target does not name
	 * or cover the node), as a rating, a stage number or a value. */
	double *min;
};

struct cc_lang;                    /* translations: framework_i18n.h */

struct cc_node {
	const char *id;
	const char *name;       /* groups and indicators; NULL for questions */
	const char *question;   /* questions; NULL otherwise */
	const char *guidance;
	enum cc_kind kind;
	enum cc_qtype qtype;
	enum cc_agg agg;
	enum cc_norm norm;
	enum cc_na na;
	enum cc_evidence evidence;
	int direction;          /* 1 or -1, indicators */
	double weight;
	bool has_weight;         /* weight given in the file */
	int stage;              /* >= 1 under a stage group, else 0 */
	bool has_partial;
	double partial;
	struct cc_option *options;
	int noptions;
	struct cc_threshold *thresholds;
	int nthresholds;
	bool has_goalposts;
	double lo, hi;
	bool has_when;
	struct cc_when when;
	int scale;              /* rating questions: index into fw->scales, else -1 */
	const struct cc_scale *rating_scale;  /* the same as a pointer */
	const char *scale_id;   /* as written; resolved by finish */
	long scale_line, scale_col;
	/* Stage groups: the names of stages 0..max_stage (the group's own
	 * `stage_names`, else the top level's; set by finish), or none. */
	const char **stage_names;
	int nstage_names;
	bool own_stage_names;
	long stage_names_line, stage_names_col;

	int parent;             /* -1 for the root */
	int depth;              /* 0 for the root */
	int *children;
	int nchildren;
	int leaf;               /* index among leaves (answers), -1 for groups */
	double max;             /* max points, set by finish */
	int max_stage;          /* stage groups: largest stage of the children */
	long line, col;         /* where the node starts in the file */
};

struct cc_level {
	const char *id;
	const char *name;
	double min;
};

struct cc_framework {
	struct cc_arena arena;
	const char *file;       /* for error messages */
	const char *id;
	const char *title;
	const char *version;
	double scale;
	int precision;
	enum cc_ranking ranking;
	enum cc_missing missing;
	struct cc_level *levels;
	int nlevels;
	double format;          /* 1 or 1.1, as the file says */
	struct cc_scale *scales;
	int nscales;
	const char **stage_names;   /* top level, may be none */
	int nstage_names;
	long stage_names_line, stage_names_col;
	struct cc_target *targets;
	int ntargets;
	struct cc_lang *langs;  /* translations, in the file's order */
	int nlangs;

	struct cc_node *nodes;
	int nnodes;
	int cap_nodes;
	int *leaves;            /* node index of each question or indicator */
	int nleaves;
	int *order;             /* nodes in an order where every node follows
				   its parent and the question its `when` reads */
	struct cc_idmap ids;
	bool finished;
	struct cc_framework_shared *shared; /* set: a view of a shared framework
					       (below); the memory is not ours */
};

/* A parsed framework that several holders read at once, from any thread:
 * immutable once shared, reference-counted, freed with its last view.
 * cc_framework_share moves *fw (finished) into a new shared framework with
 * one reference, the caller's (fw is left empty); cc_framework_view gives
 * out a view: a struct cc_framework that reads the shared memory and that
 * the holder releases with cc_framework_free as any other (nothing in it
 * may be changed); cc_framework_unshare drops a reference taken by share. */
struct cc_framework_shared;
struct cc_framework_shared *cc_framework_share(struct cc_framework *fw);
void cc_framework_view(struct cc_framework_shared *sh, struct cc_framework *out);
void cc_framework_unshare(struct cc_framework_shared *sh);

/* Prepares an empty framework with the spec's defaults. file is copied. */
int cc_framework_init(struct cc_framework *fw, const char *file);
void cc_framework_free(struct cc_framework *fw);

/* Appends a node (pre-order: a parent before its children) and returns its
 * index in *out. The root (parent -1) is added by init. The node starts as
 * a group with weight 1; the reader sets the rest. Pointers into fw->nodes
 * are invalidated by the next add. */
int cc_framework_add_node(struct cc_framework *fw, int parent, long line,
			  long col, int *out, struct cc_error *err);

/* Sets the child list of a group (indices of nodes already added). */
int cc_framework_set_children(struct cc_framework *fw, int node,
			      const int *children, int n);

/* Checks the whole tree and computes max points, leaves and order. */
int cc_framework_finish(struct cc_framework *fw, struct cc_error *err);

/* Node index for an id, or -1. */
int cc_framework_find(const struct cc_framework *fw, const char *id);

/* The text a person reads for a node: its question, else its name. */
const char *cc_node_label(const struct cc_node *n);

/* Index of a scale, target or level by id, or -1. */
int cc_framework_scale(const struct cc_framework *fw, const char *id);
int cc_framework_target(const struct cc_framework *fw, const char *id);

/* Index of a rating's level by value in scale sc, or -1. */
int cc_scale_level_index(const struct cc_scale *sc, double value);

/* Names for enum values, as written in framework files. */
const char *cc_qtype_name(enum cc_qtype t);
const char *cc_agg_name(enum cc_agg a);

/* True when id is a valid node id: [A-Za-z0-9_.:-]+, at most 200 bytes. */
bool cc_framework_valid_id(const char *id, size_t len);

#endif
