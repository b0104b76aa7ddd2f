/*
 * framework.c - building and checking a framework tree (see framework.h).
 *
 * Readers add nodes one by one; cc_framework_finish then checks the rules
 * that span nodes and derives what scoring needs: max points per node, the
 * list of leaves that take answers, and an evaluation order in which each
 * node's applicability can be decided from nodes already decided.
 */
#include "framework.h"

#include "answer.h"
#include "framework_i18n.h"
#include "framework_internal.h"

#include <math.h>

#include <stdlib.h>
#include <string.h>

int cc_framework_init(struct cc_framework *fw, const char *file)
{
	int root;

	memset(fw, 0, sizeof(*fw));
	cc_arena_init(&fw->arena);
	cc_idmap_init(&fw->ids);
	fw->file = cc_arena_strdup(&fw->arena, file ? file : "");
	if (!fw->file)
		return CC_ENOMEM;
	fw->scale = 100;
	fw->precision = 2;
	fw->ranking = CC_RANK_DENSE;
	fw->missing = CC_MISSING_ZERO;
	return cc_framework_add_node(fw, -1, 1, 1, &root, NULL);
}

void cc_framework_free(struct cc_framework *fw)
{
	if (fw->shared) {
		cc_framework_unshare(fw->shared);
		memset(fw, 0, sizeof(*fw));
		return;
	}
	for (int i = 0; i < fw->nlangs; i++)
		free(fw->langs[i].items);
	free(fw->langs);
	free(fw->nodes);
	cc_idmap_free(&fw->ids);
	cc_arena_free(&fw->arena);
	memset(fw, 0, sizeof(*fw));
}

int cc_framework_add_node(struct cc_framework *fw, int parent, long line,
			  long col, int *out, struct cc_error *err)
{
	struct cc_node *n;

	if (fw->nnodes >= CC_FRAMEWORK_MAX_NODES)
		return cc_error_set(err, CC_ELIMIT, fw->file, line, col,
				    "more than %d nodes", CC_FRAMEWORK_MAX_NODES);
	if (fw->nnodes == fw->cap_nodes) {
		int cap = fw->cap_nodes ? fw->cap_nodes * 2 : 64;
		struct cc_node *nodes = realloc(fw->nodes, (size_t)cap * sizeof(*nodes));
		if (!nodes)
			return cc_error_set(err, CC_ENOMEM, fw->file, line, col,
					    "out of memory");
		fw->nodes = nodes;
		fw->cap_nodes = cap;
	}
	n = &fw->nodes[fw->nnodes];
	memset(n, 0, sizeof(*n));
	n->kind = CC_GROUP;
	n->weight = 1;
	n->direction = 1;
	n->parent = parent;
	n->depth = parent < 0 ? 0 : fw->nodes[parent].depth + 1;
	n->leaf = -1;
	n->scale = -1;
	n->line = line;
	n->col = col;
	if (n->depth > CC_FRAMEWORK_MAX_DEPTH)
		return cc_error_set(err, CC_ELIMIT, fw->file, line, col,
				    "nodes nested deeper than %d levels",
				    CC_FRAMEWORK_MAX_DEPTH);
	*out = fw->nnodes++;
	return CC_OK;
}

int cc_framework_set_children(struct cc_framework *fw, int node,
			      const int *children, int n)
{
	int *c = cc_arena_array(&fw->arena, (size_t)(n ? n : 1), sizeof(int));

	if (!c)
		return CC_ENOMEM;
	memcpy(c, children, (size_t)n * sizeof(int));
	fw->nodes[node].children = c;
	fw->nodes[node].nchildren = n;
	return CC_OK;
}

int cc_framework_find(const struct cc_framework *fw, const char *id)
{
	return cc_idmap_get(&fw->ids, id, strlen(id));
}

const char *cc_node_label(const struct cc_node *n)
{
	return n->question ? n->question : n->name ? n->name : n->id;
}

int cc_framework_scale(const struct cc_framework *fw, const char *id)
{
	for (int i = 0; i < fw->nscales; i++)
		if (strcmp(fw->scales[i].id, id) == 0)
			return i;
	return -1;
}

int cc_framework_target(const struct cc_framework *fw, const char *id)
{
	for (int i = 0; i < fw->ntargets; i++)
		if (strcmp(fw->targets[i].id, id) == 0)
			return i;
	return -1;
}

int cc_scale_level_index(const struct cc_scale *sc, double value)
{
	for (int i = 0; i < sc->nlevels; i++)
		if (sc->levels[i].value == value)
			return i;
	return -1;
}

const char *cc_qtype_name(enum cc_qtype t)
{
	static const char *names[] = {"yes_no", "choice", "multi", "number", "text",
				      "rating"};
	return names[t];
}

const char *cc_agg_name(enum cc_agg a)
{
	static const char *names[] = {"mean", "geometric", "harmonic",
				      "min", "max", "stage"};
	return names[a];
}

bool cc_framework_valid_id(const char *id, size_t len)
{
	if (len == 0 || len > 200)
		return false;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)id[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      (c >= '0' && c <= '9') || c == '_' || c == '.' ||
		      c == ':' || c == '-'))
			return false;
	}
	return true;
}

/* Ids are unique across the file, the framework's own id included. */
static int check_ids(struct cc_framework *fw, struct cc_error *err)
{
	for (int i = 0; i < fw->nnodes; i++) {
		struct cc_node *n = &fw->nodes[i];
		int rc = cc_idmap_put(&fw->ids, n->id, strlen(n->id), i);

		if (rc == CC_EINPUT) {
			const struct cc_node *first =
				&fw->nodes[cc_framework_find(fw, n->id)];
			return cc_error_set(err, CC_EINPUT, fw->file, n->line, n->col,
					    "duplicate id \"%s\" (first used at line %ld)",
					    n->id, first->line);
		}
		if (rc)
			return cc_error_set(err, rc, fw->file, n->line, n->col,
					    "out of memory");
	}
	return CC_OK;
}

static int check_leaf(struct cc_framework *fw, struct cc_node *n,
		      struct cc_error *err)
{
	if (n->kind == CC_QUESTION) {
		if ((n->qtype == CC_Q_CHOICE || n->qtype == CC_Q_MULTI) &&
		    n->noptions == 0)
			return cc_error_set(err, CC_EINPUT, fw->file, n->line, n->col,
					    "question \"%s\" of type %s needs `options`",
					    n->id, cc_qtype_name(n->qtype));
		if (n->qtype == CC_Q_NUMBER && !n->has_goalposts &&
		    n->nthresholds == 0)
			return cc_error_set(err, CC_EINPUT, fw->file, n->line, n->col,
					    "number question \"%s\" needs `thresholds` or `goalposts`",
					    n->id);
		if (n->qtype == CC_Q_TEXT && !n->has_weight)
			n->weight = 0;
	} else if (n->kind == CC_INDICATOR) {
		if (n->norm == CC_NORM_GOALPOSTS && !n->has_goalposts)
			return cc_error_set(err, CC_EINPUT, fw->file, n->line, n->col,
					    "indicator \"%s\" has `normalise: goalposts` but no `goalposts`",
					    n->id);
		if (n->norm != CC_NORM_GOALPOSTS && n->has_goalposts)
			return cc_error_set(err, CC_EINPUT, fw->file, n->line, n->col,
					    "indicator \"%s\" has `goalposts` but `normalise` is not goalposts",
					    n->id);
	} else if (n->nchildren == 0) {
		return cc_error_set(err, CC_EINPUT, fw->file, n->line, n->col,
				    "node \"%s\" needs `children`, `question` or `indicator: true`",
				    n->id);
	}
	if (n->kind != CC_GROUP) {
		n->leaf = fw->nleaves++;
	}
	return CC_OK;
}

/* Stage groups: every child carries a stage; elsewhere none does. */
static int check_stages(struct cc_framework *fw, struct cc_node *n,
			struct cc_error *err)
{
	for (int c = 0; c < n->nchildren; c++) {
		struct cc_node *ch = &fw->nodes[n->children[c]];

		if (n->agg == CC_AGG_STAGE && ch->stage < 1)
			return cc_error_set(err, CC_EINPUT, fw->file, ch->line, ch->col,
					    "\"%s\" is a child of the stage group \"%s\" and needs `stage` (an integer >= 1)",
					    ch->id, n->id);
		if (n->agg != CC_AGG_STAGE && ch->stage != 0)
			return cc_error_set(err, CC_EINPUT, fw->file, ch->line, ch->col,
					    "\"%s\" has `stage` but its parent \"%s\" does not use `aggregate: stage`",
					    ch->id, n->id);
		if (ch->stage > n->max_stage)
			n->max_stage = ch->stage;
	}
	return CC_OK;
}

static bool is_descendant_or_self(const struct cc_framework *fw, int node,
				  int ancestor)
{
	while (node >= 0) {
		if (node == ancestor)
			return true;
		node = fw->nodes[node].parent;
	}
	return false;
}

static int resolve_when(struct cc_framework *fw, int i, struct cc_error *err)
{
	struct cc_node *n = &fw->nodes[i];
	struct cc_when *w = &n->when;
	const struct cc_node *q;
	struct cc_answer a;
	char why[300];
	size_t len = strlen(w->is);

	w->q = cc_framework_find(fw, w->q_id);
	if (w->q < 0 || fw->nodes[w->q].kind != CC_QUESTION)
		return cc_error_set(err, CC_EINPUT, fw->file, w->line, w->col,
				    "`when` of \"%s\" names \"%s\", which is not a question",
				    n->id, w->q_id);
	if (is_descendant_or_self(fw, w->q, i))
		return cc_error_set(err, CC_EINPUT, fw->file, w->line, w->col,
				    "`when` of \"%s\" names \"%s\", which lies inside \"%s\" itself",
				    n->id, w->q_id, n->id);
	q = &fw->nodes[w->q];
	if (q->qtype == CC_Q_TEXT)
		return CC_OK;
	if (q->qtype == CC_Q_MULTI) {
		int k = -1;
		for (int o = 0; o < q->noptions; o++)
			if (strcmp(q->options[o].id, w->is) == 0)
				k = o;
		if (k < 0)
			return cc_error_set(err, CC_EINPUT, fw->file, w->is_line, w->is_col,
					    "`when` of \"%s\": \"%s\" is not an option of \"%s\"",
					    n->id, w->is, q->id);
		w->bits = 1ull << k;
		return CC_OK;
	}
	if (!cc_answer_parse(q, w->is, len, &a, why, sizeof(why)))
		return cc_error_set(err, CC_EINPUT, fw->file, w->is_line, w->is_col,
				    "`when` of \"%s\" can never hold: for \"%s\", %s",
				    n->id, q->id, why);
	w->bits = a.bits;
	w->num = a.num;
	return CC_OK;
}

/*
 * Orders nodes so that each comes after its parent and after the question
 * its `when` reads (whose applicability it depends on). A cycle through
 * `when` references is an error. Iterative depth-first search: 0 unseen,
 * 1 on the stack, 2 placed.
 */
static int dep_of(const struct cc_framework *fw, int i, int k)
{
	const struct cc_node *n = &fw->nodes[i];

	if (k == 0)
		return n->parent;
	if (k == 1 && n->has_when)
		return n->when.q;
	return -1;
}

static int build_order(struct cc_framework *fw, struct cc_error *err)
{
	int nn = fw->nnodes, placed = 0, rc = CC_OK;
	size_t count = (size_t)(unsigned)nn + 1;
	unsigned char *mark = calloc(count, 1);
	int *stack = malloc(count * sizeof(int));
	int *next = malloc(count * sizeof(int));

	fw->order = cc_arena_array(&fw->arena, count, sizeof(int));
	if (!mark || !stack || !next || !fw->order) {
		rc = cc_error_set(err, CC_ENOMEM, fw->file, 0, 0, "out of memory");
		goto cleanup;
	}
	for (int s = 0; s < nn; s++) {
		int top = 0;

		if (mark[s])
			continue;
		stack[top++] = s;
		mark[s] = 1;
		next[s] = 0;
		while (top) {
			int i = stack[top - 1];
			int d = -1;

			while (next[i] < 2 && d < 0)
				d = dep_of(fw, i, next[i]++);
			if (d < 0) {
				fw->order[placed++] = i;
				mark[i] = 2;
				top--;
			} else if (mark[d] == 1) {
				const struct cc_node *n = &fw->nodes[i];
				rc = cc_error_set(err, CC_EINPUT, fw->file,
						  n->when.line, n->when.col,
						  "`when` of \"%s\" depends on itself through other conditions",
						  n->id);
				goto cleanup;
			} else if (mark[d] == 0) {
				mark[d] = 1;
				next[d] = 0;
				stack[top++] = d;
			}
		}
	}
cleanup:
	free(mark);
	free(stack);
	free(next);
	return rc;
}

static void compute_max(struct cc_framework *fw)
{
	fw->nodes[0].max = fw->scale;
	for (int i = 0; i < fw->nnodes; i++) {
		struct cc_node *n = &fw->nodes[i];
		double w = 0;

		for (int c = 0; c < n->nchildren; c++)
			w += fw->nodes[n->children[c]].weight;
		for (int c = 0; c < n->nchildren; c++) {
			struct cc_node *ch = &fw->nodes[n->children[c]];
			ch->max = w > 0 ? n->max * ch->weight / w : 0;
		}
	}
}

int cc_framework_finish(struct cc_framework *fw, struct cc_error *err)
{
	int rc;

	fw->nodes[0].id = fw->id;
	fw->nodes[0].name = fw->title;
	if (fw->nodes[0].nchildren == 0)
		return cc_error_set(err, CC_EINPUT, fw->file, 1, 1,
				    "`nodes` must list at least one node");
	rc = check_ids(fw, err);
	if (rc)
		return rc;
	fw->nleaves = 0;
	for (int i = 0; i < fw->nnodes; i++) {
		rc = cc__framework_resolve_scale(fw, &fw->nodes[i], err);
		if (!rc)
			rc = check_leaf(fw, &fw->nodes[i], err);
		if (!rc)
			rc = check_stages(fw, &fw->nodes[i], err);
		if (rc)
			return rc;
	}
	fw->leaves = cc_arena_array(&fw->arena, (size_t)(fw->nleaves + 1), sizeof(int));
	if (!fw->leaves)
		return cc_error_set(err, CC_ENOMEM, fw->file, 0, 0, "out of memory");
	for (int i = 0; i < fw->nnodes; i++)
		if (fw->nodes[i].leaf >= 0)
			fw->leaves[fw->nodes[i].leaf] = i;
	for (int i = 0; i < fw->nnodes; i++) {
		if (fw->nodes[i].has_when) {
			rc = resolve_when(fw, i, err);
			if (rc)
				return rc;
		}
	}
	rc = build_order(fw, err);
	if (!rc)
		rc = cc__framework_finish_v11(fw, err);
	if (rc)
		return rc;
	compute_max(fw);
	fw->finished = true;
	return CC_OK;
}
