/*
 * framework_yaml.c - YAML framework files into struct cc_framework.
 *
 * libyaml loads the file into a document (a graph of scalar, sequence and
 * mapping nodes with their positions); yaml_walk.c walks it and this file
 * reads the tree, the levels and the top level of version 1.1 (whose
 * scales, targets and translations are framework_yaml_v11.c and
 * framework_yaml_i18n.c).
 */
#include "framework_yaml.h"
#include "framework_yaml_internal.h"

#include "fileio.h"
#include "../core/number.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const fy_key_names[K_COUNT] = {
	"cybercap", "id", "title", "version", "scale", "precision", "ranking",
	"missing", "levels", "nodes",
	"name", "weight", "aggregate", "children", "question", "type",
	"partial", "options", "thresholds", "goalposts", "indicator",
	"normalise", "direction", "when", "na", "stage", "evidence", "guidance",
	"label", "value", "min", "q", "is",
	"scales", "stage_names", "targets", "translations", "description",
	"default", "require",
};

/* Which keys each kind of mapping may hold (bit sets over enum key). */
static const unsigned long long keys_top =
	B(K_CYBERCAP) | B(K_ID) | B(K_TITLE) | B(K_VERSION) | B(K_SCALE) |
	B(K_PRECISION) | B(K_RANKING) | B(K_MISSING) | B(K_LEVELS) | B(K_NODES) |
	B(K_SCALES) | B(K_STAGE_NAMES) | B(K_TARGETS) | B(K_TRANSLATIONS);
static const unsigned long long keys_any_node =
	B(K_ID) | B(K_NAME) | B(K_WEIGHT) | B(K_WHEN) | B(K_NA) | B(K_STAGE) |
	B(K_GUIDANCE);
static const unsigned long long keys_group =
	B(K_AGGREGATE) | B(K_CHILDREN) | B(K_STAGE_NAMES);
static const unsigned long long keys_question =
	B(K_QUESTION) | B(K_TYPE) | B(K_PARTIAL) | B(K_OPTIONS) |
	B(K_THRESHOLDS) | B(K_GOALPOSTS) | B(K_EVIDENCE) | B(K_INDICATOR) |
	B(K_SCALE);
static const unsigned long long keys_indicator =
	B(K_INDICATOR) | B(K_NORMALISE) | B(K_GOALPOSTS) | B(K_DIRECTION);
static const unsigned long long keys_option = B(K_ID) | B(K_LABEL) | B(K_VALUE);
static const unsigned long long keys_threshold = B(K_MIN) | B(K_VALUE);
static const unsigned long long keys_level = B(K_ID) | B(K_NAME) | B(K_MIN);
static const unsigned long long keys_when = B(K_Q) | B(K_IS);

static int read_options(struct ctx *c, struct cc_node *n, const yaml_node_t *v)
{
	int rc = fy_get_seq(c, v, "options", 1), count;

	if (rc)
		return rc;
	count = SEQ_LEN(v);
	if (n->qtype == CC_Q_MULTI && count > CC_MULTI_MAX_OPTIONS)
		return fy_fail(c, v, "a multi question has at most %d options",
			    CC_MULTI_MAX_OPTIONS);
	n->options = cc_arena_array(&c->fw->arena, (size_t)count, sizeof(*n->options));
	if (!n->options)
		return cc_error_set(c->err, CC_ENOMEM, c->file, 0, 0, "out of memory");
	for (int i = 0; i < count; i++) {
		yaml_node_t *item = fy_node_get(c, SEQ_AT(v, i), v);
		struct cc_option *o = &n->options[i];
		struct keyset ks;

		if (!item)
			return CC_EINPUT;
		if ((rc = fy_keys_read(c, item, keys_option, "an option", &ks)) ||
		    (rc = fy_need(c, &ks, K_ID, "an option")) ||
		    (rc = fy_need(c, &ks, K_VALUE, "an option")) ||
		    (rc = fy_get_id(c, ks.val[K_ID], "id", &o->id)) ||
		    (rc = fy_get_unit_interval(c, ks.val[K_VALUE], "value", &o->value)))
			return rc;
		o->label = o->id;
		if (ks.val[K_LABEL] && (rc = fy_get_text(c, ks.val[K_LABEL], "label", &o->label)))
			return rc;
		for (int j = 0; j < i; j++)
			if (strcmp(n->options[j].id, o->id) == 0)
				return fy_fail(c, ks.val[K_ID], "option id \"%s\" is used twice",
					    o->id);
		n->noptions = i + 1;
	}
	return CC_OK;
}

static int read_thresholds(struct ctx *c, struct cc_node *n, const yaml_node_t *v)
{
	int rc = fy_get_seq(c, v, "thresholds", 1), count;

	if (rc)
		return rc;
	count = SEQ_LEN(v);
	n->thresholds = cc_arena_array(&c->fw->arena, (size_t)count,
				       sizeof(*n->thresholds));
	if (!n->thresholds)
		return cc_error_set(c->err, CC_ENOMEM, c->file, 0, 0, "out of memory");
	for (int i = 0; i < count; i++) {
		yaml_node_t *item = fy_node_get(c, SEQ_AT(v, i), v);
		struct cc_threshold *t = &n->thresholds[i];
		struct keyset ks;

		if (!item)
			return CC_EINPUT;
		if ((rc = fy_keys_read(c, item, keys_threshold, "a threshold", &ks)) ||
		    (rc = fy_need(c, &ks, K_MIN, "a threshold")) ||
		    (rc = fy_need(c, &ks, K_VALUE, "a threshold")) ||
		    (rc = fy_get_number(c, ks.val[K_MIN], "min", &t->min)) ||
		    (rc = fy_get_unit_interval(c, ks.val[K_VALUE], "value", &t->value)))
			return rc;
		for (int j = 0; j < i; j++)
			if (n->thresholds[j].min == t->min)
				return fy_fail(c, ks.val[K_MIN], "two thresholds have min %g",
					    t->min);
		n->nthresholds = i + 1;
	}
	return CC_OK;
}

static int read_goalposts(struct ctx *c, struct cc_node *n, const yaml_node_t *v)
{
	int rc = fy_get_seq(c, v, "goalposts", 2);
	yaml_node_t *lo, *hi;

	if (rc)
		return rc;
	if (SEQ_LEN(v) != 2)
		return fy_fail(c, v, "\"goalposts\" must be a list of two numbers [lo, hi]");
	lo = fy_node_get(c, SEQ_AT(v, 0), v);
	hi = lo ? fy_node_get(c, SEQ_AT(v, 1), v) : NULL;
	if (!hi)
		return CC_EINPUT;
	if ((rc = fy_get_number(c, lo, "goalposts", &n->lo)) ||
	    (rc = fy_get_number(c, hi, "goalposts", &n->hi)))
		return rc;
	if (n->lo == n->hi)
		return fy_fail(c, v, "the two goalposts must differ");
	n->has_goalposts = true;
	return CC_OK;
}

static int read_when(struct ctx *c, struct cc_node *n, const yaml_node_t *v)
{
	struct keyset ks;
	int rc;

	if ((rc = fy_keys_read(c, (yaml_node_t *)v, keys_when, "when", &ks)) ||
	    (rc = fy_need(c, &ks, K_Q, "when")) ||
	    (rc = fy_need(c, &ks, K_IS, "when")) ||
	    (rc = fy_get_text(c, ks.val[K_Q], "q", &n->when.q_id)) ||
	    (rc = fy_get_text(c, ks.val[K_IS], "is", &n->when.is)))
		return rc;
	n->has_when = true;
	n->when.line = (long)ks.val[K_Q]->start_mark.line + 1;
	n->when.col = (long)ks.val[K_Q]->start_mark.column + 1;
	n->when.is_line = (long)ks.val[K_IS]->start_mark.line + 1;
	n->when.is_col = (long)ks.val[K_IS]->start_mark.column + 1;
	return CC_OK;
}

static const char *const qtype_words[] = {"yes_no", "choice", "multi", "number", "text", "rating"};
static const char *const agg_words[] = {"mean", "geometric", "harmonic", "min", "max", "stage"};
static const char *const norm_words[] = {"minmax", "goalposts", "none"};
static const char *const na_words[] = {"zero", "exclude"};
static const char *const evidence_words[] = {"optional", "required", "none"};
static const char *const bool_words[] = {"false", "true"};

/* Keys a node of each kind may carry, with the kind named for messages. */
static int check_kind_keys(struct ctx *c, const struct keyset *ks,
			   unsigned long long allowed, const char *kind)
{
	for (int k = 0; k < K_COUNT; k++)
		if (ks->val[k] && !(allowed & B(k)))
			return fy_fail(c, ks->key[k], "key \"%s\" does not apply to %s",
				    fy_key_names[k], kind);
	return CC_OK;
}

static int read_node(struct ctx *c, int parent, yaml_node_t *y, int *out);

static int read_children(struct ctx *c, int node, const yaml_node_t *seq,
			 const char *key)
{
	int rc = fy_get_seq(c, seq, key, 1);
	int count, *kids;

	if (rc)
		return rc;
	count = SEQ_LEN(seq);
	kids = malloc((size_t)count * sizeof(int));
	if (!kids)
		return cc_error_set(c->err, CC_ENOMEM, c->file, 0, 0, "out of memory");
	for (int i = 0; i < count && !rc; i++) {
		yaml_node_t *item = fy_node_get(c, SEQ_AT(seq, i), seq);
		rc = item ? read_node(c, node, item, &kids[i]) : CC_EINPUT;
	}
	if (!rc && cc_framework_set_children(c->fw, node, kids, count))
		rc = cc_error_set(c->err, CC_ENOMEM, c->file, 0, 0, "out of memory");
	free(kids);
	return rc;
}

static int read_question(struct ctx *c, struct cc_node *n, const struct keyset *ks)
{
	int rc, t = 0;

	if ((rc = check_kind_keys(c, ks, keys_any_node | keys_question, "a question")) ||
	    (rc = fy_need(c, ks, K_TYPE, "a question")) ||
	    (rc = fy_get_text(c, ks->val[K_QUESTION], "question", &n->question)) ||
	    (rc = fy_get_word(c, ks->val[K_TYPE], "type", qtype_words, 6, &t)))
		return rc;
	n->kind = CC_QUESTION;
	n->qtype = (enum cc_qtype)t;
	if (ks->val[K_INDICATOR])
		return fy_fail(c, ks->key[K_INDICATOR], "a node is a question or an indicator, not both");
	if (ks->val[K_PARTIAL]) {
		if (n->qtype != CC_Q_YES_NO)
			return fy_fail(c, ks->key[K_PARTIAL], "\"partial\" applies only to yes_no questions");
		if ((rc = fy_get_unit_interval(c, ks->val[K_PARTIAL], "partial", &n->partial)))
			return rc;
		n->has_partial = true;
	}
	if (ks->val[K_OPTIONS]) {
		if (n->qtype != CC_Q_CHOICE && n->qtype != CC_Q_MULTI)
			return fy_fail(c, ks->key[K_OPTIONS], "\"options\" applies only to choice and multi questions");
		if ((rc = read_options(c, n, ks->val[K_OPTIONS])))
			return rc;
	}
	if ((ks->val[K_THRESHOLDS] || ks->val[K_GOALPOSTS]) && n->qtype != CC_Q_NUMBER)
		return fy_fail(c, ks->key[ks->val[K_THRESHOLDS] ? K_THRESHOLDS : K_GOALPOSTS],
			    "\"%s\" applies only to number questions",
			    ks->val[K_THRESHOLDS] ? "thresholds" : "goalposts");
	if (ks->val[K_THRESHOLDS] && ks->val[K_GOALPOSTS])
		return fy_fail(c, ks->key[K_GOALPOSTS], "a number question takes \"thresholds\" or \"goalposts\", not both");
	if (ks->val[K_THRESHOLDS] && (rc = read_thresholds(c, n, ks->val[K_THRESHOLDS])))
		return rc;
	if (ks->val[K_GOALPOSTS] && (rc = read_goalposts(c, n, ks->val[K_GOALPOSTS])))
		return rc;
	if (ks->val[K_SCALE]) {
		if (n->qtype != CC_Q_RATING)
			return fy_fail(c, ks->key[K_SCALE], "\"scale\" applies only to rating questions");
		if ((rc = fy_get_text(c, ks->val[K_SCALE], "scale", &n->scale_id)))
			return rc;
		n->scale_line = (long)ks->val[K_SCALE]->start_mark.line + 1;
		n->scale_col = (long)ks->val[K_SCALE]->start_mark.column + 1;
	} else if (n->qtype == CC_Q_RATING) {
		return fy_fail(c, ks->self, "rating question \"%s\" needs the key \"scale\" (the id of one of the file's scales)", n->id);
	}
	if (ks->val[K_EVIDENCE]) {
		if ((rc = fy_get_word(c, ks->val[K_EVIDENCE], "evidence", evidence_words, 3, &t)))
			return rc;
		n->evidence = (enum cc_evidence)t;
	}
	return CC_OK;
}

static int read_indicator(struct ctx *c, struct cc_node *n, const struct keyset *ks)
{
	int rc, t = 0;

	if ((rc = check_kind_keys(c, ks, keys_any_node | keys_indicator, "an indicator")) ||
	    (rc = fy_need(c, ks, K_NAME, "an indicator")))
		return rc;
	n->kind = CC_INDICATOR;
	if (ks->val[K_NORMALISE]) {
		if ((rc = fy_get_word(c, ks->val[K_NORMALISE], "normalise", norm_words, 3, &t)))
			return rc;
		n->norm = (enum cc_norm)t;
	}
	if (ks->val[K_GOALPOSTS] && (rc = read_goalposts(c, n, ks->val[K_GOALPOSTS])))
		return rc;
	if (ks->val[K_DIRECTION]) {
		double d;
		if ((rc = fy_get_number(c, ks->val[K_DIRECTION], "direction", &d)))
			return rc;
		if (d != 1 && d != -1)
			return fy_fail(c, ks->val[K_DIRECTION], "\"direction\" must be 1 or -1");
		n->direction = (int)d;
	}
	return CC_OK;
}

static int read_group(struct ctx *c, int node, const struct keyset *ks)
{
	int rc, t = 0;

	if ((rc = check_kind_keys(c, ks, keys_any_node | keys_group, "a group")) ||
	    (rc = fy_need(c, ks, K_NAME, "a group")))
		return rc;
	if (ks->val[K_AGGREGATE]) {
		if ((rc = fy_get_word(c, ks->val[K_AGGREGATE], "aggregate", agg_words, 6, &t)))
			return rc;
		c->fw->nodes[node].agg = (enum cc_agg)t;
	}
	if (ks->val[K_STAGE_NAMES]) {
		struct cc_node *n = &c->fw->nodes[node];
		if (n->agg != CC_AGG_STAGE)
			return fy_fail(c, ks->key[K_STAGE_NAMES], "\"stage_names\" applies only to a group with \"aggregate: stage\"");
		if ((rc = fy_get_names(c, ks->val[K_STAGE_NAMES], "stage_names",
				       &n->stage_names, &n->nstage_names)))
			return rc;
		n->own_stage_names = true;
		n->stage_names_line = (long)ks->val[K_STAGE_NAMES]->start_mark.line + 1;
		n->stage_names_col = (long)ks->val[K_STAGE_NAMES]->start_mark.column + 1;
	}
	return read_children(c, node, ks->val[K_CHILDREN], "children");
}

/* The keys every node may carry. */
static int read_common(struct ctx *c, struct cc_node *n, const struct keyset *ks)
{
	int rc, t = 0;

	if ((rc = fy_get_id(c, ks->val[K_ID], "id", &n->id)))
		return rc;
	if (ks->val[K_NAME] && (rc = fy_get_text(c, ks->val[K_NAME], "name", &n->name)))
		return rc;
	if (ks->val[K_GUIDANCE] && (rc = fy_get_text(c, ks->val[K_GUIDANCE], "guidance", &n->guidance)))
		return rc;
	if (ks->val[K_WEIGHT]) {
		if ((rc = fy_get_number(c, ks->val[K_WEIGHT], "weight", &n->weight)))
			return rc;
		if (n->weight < 0)
			return fy_fail(c, ks->val[K_WEIGHT], "\"weight\" must be 0 or more");
		n->has_weight = true;
	}
	if (ks->val[K_STAGE]) {
		double s;
		if ((rc = fy_get_number(c, ks->val[K_STAGE], "stage", &s)))
			return rc;
		if (s < 1 || s > 1000000 || s != (int)s)
			return fy_fail(c, ks->val[K_STAGE], "\"stage\" must be a whole number of 1 or more");
		n->stage = (int)s;
	}
	if (ks->val[K_WHEN] && (rc = read_when(c, n, ks->val[K_WHEN])))
		return rc;
	if (ks->val[K_NA]) {
		if (!ks->val[K_WHEN])
			return fy_fail(c, ks->key[K_NA], "\"na\" says what happens when \"when\" does not hold; this node has no \"when\"");
		if ((rc = fy_get_word(c, ks->val[K_NA], "na", na_words, 2, &t)))
			return rc;
		n->na = (enum cc_na)t;
	}
	return CC_OK;
}

static int read_node(struct ctx *c, int parent, yaml_node_t *y, int *out)
{
	struct keyset ks;
	int rc, node, indicator = 0;
	unsigned long long all = keys_any_node | keys_group | keys_question | keys_indicator;

	if ((rc = fy_keys_read(c, y, all, "a node", &ks)) ||
	    (rc = fy_need(c, &ks, K_ID, "a node")))
		return rc;
	if ((rc = cc_framework_add_node(c->fw, parent, (long)y->start_mark.line + 1,
					(long)y->start_mark.column + 1, &node, c->err)))
		return rc;
	*out = node;
	if ((rc = read_common(c, &c->fw->nodes[node], &ks)))
		return rc;
	if (ks.val[K_INDICATOR] &&
	    (rc = fy_get_word(c, ks.val[K_INDICATOR], "indicator", bool_words, 2, &indicator)))
		return rc;
	if (ks.val[K_CHILDREN])
		return read_group(c, node, &ks);
	if (ks.val[K_QUESTION])
		return read_question(c, &c->fw->nodes[node], &ks);
	if (indicator)
		return read_indicator(c, &c->fw->nodes[node], &ks);
	return fy_fail(c, y, "node \"%s\" needs \"children\" (a group), \"question\" (a question) or \"indicator: true\"",
		    c->fw->nodes[node].id);
}

static int read_levels(struct ctx *c, const yaml_node_t *v)
{
	struct cc_framework *fw = c->fw;
	int rc = fy_get_seq(c, v, "levels", 1), count;

	if (rc)
		return rc;
	count = SEQ_LEN(v);
	fw->levels = cc_arena_array(&fw->arena, (size_t)count, sizeof(*fw->levels));
	if (!fw->levels)
		return cc_error_set(c->err, CC_ENOMEM, c->file, 0, 0, "out of memory");
	for (int i = 0; i < count; i++) {
		yaml_node_t *item = fy_node_get(c, SEQ_AT(v, i), v);
		struct cc_level *l = &fw->levels[i];
		struct keyset ks;

		if (!item)
			return CC_EINPUT;
		if ((rc = fy_keys_read(c, item, keys_level, "a level", &ks)) ||
		    (rc = fy_need(c, &ks, K_ID, "a level")) ||
		    (rc = fy_need(c, &ks, K_MIN, "a level")) ||
		    (rc = fy_get_id(c, ks.val[K_ID], "id", &l->id)) ||
		    (rc = fy_get_number(c, ks.val[K_MIN], "min", &l->min)))
			return rc;
		l->name = l->id;
		if (ks.val[K_NAME] && (rc = fy_get_text(c, ks.val[K_NAME], "name", &l->name)))
			return rc;
		for (int j = 0; j < i; j++)
			if (strcmp(fw->levels[j].id, l->id) == 0)
				return fy_fail(c, ks.val[K_ID], "level id \"%s\" is used twice", l->id);
		fw->nlevels = i + 1;
	}
	return CC_OK;
}

static int read_top(struct ctx *c, yaml_node_t *root, yaml_node_t **translations)
{
	struct cc_framework *fw = c->fw;
	struct keyset ks;
	double version;
	int rc, t = 0;

	if ((rc = fy_keys_read(c, root, keys_top, "the framework", &ks)) ||
	    (rc = fy_need(c, &ks, K_CYBERCAP, "the framework")) ||
	    (rc = fy_need(c, &ks, K_ID, "the framework")) ||
	    (rc = fy_need(c, &ks, K_TITLE, "the framework")) ||
	    (rc = fy_need(c, &ks, K_NODES, "the framework")) ||
	    (rc = fy_get_number(c, ks.val[K_CYBERCAP], "cybercap", &version)))
		return rc;
	if (version != 1 && version != 1.1)
		return fy_fail(c, ks.val[K_CYBERCAP], "this is format version %g; cybercap reads versions 1 and 1.1", version);
	fw->format = version;
	if ((rc = fy_get_text(c, ks.val[K_ID], "id", &fw->id)))
		return rc;
	if (!fy_valid_lower_id(fw->id))
		return fy_fail(c, ks.val[K_ID], "\"id\" must be made of a-z, 0-9, '.', '_' or '-'");
	if ((rc = fy_get_text(c, ks.val[K_TITLE], "title", &fw->title)))
		return rc;
	if (ks.val[K_VERSION] && (rc = fy_get_text(c, ks.val[K_VERSION], "version", &fw->version)))
		return rc;
	if (ks.val[K_SCALE]) {
		if ((rc = fy_get_number(c, ks.val[K_SCALE], "scale", &fw->scale)))
			return rc;
		if (fw->scale <= 0 || fw->scale > 1e9)
			return fy_fail(c, ks.val[K_SCALE], "\"scale\" must be above 0 and at most 1e9");
	}
	if (ks.val[K_PRECISION]) {
		double p;
		if ((rc = fy_get_number(c, ks.val[K_PRECISION], "precision", &p)))
			return rc;
		if (p < 0 || p > 6 || p != (int)p)
			return fy_fail(c, ks.val[K_PRECISION], "\"precision\" must be a whole number from 0 to 6");
		fw->precision = (int)p;
	}
	if (ks.val[K_RANKING]) {
		static const char *const words[] = {"dense", "competition"};
		if ((rc = fy_get_word(c, ks.val[K_RANKING], "ranking", words, 2, &t)))
			return rc;
		fw->ranking = (enum cc_ranking)t;
	}
	if (ks.val[K_MISSING]) {
		static const char *const words[] = {"zero", "exclude"};
		if ((rc = fy_get_word(c, ks.val[K_MISSING], "missing", words, 2, &t)))
			return rc;
		fw->missing = (enum cc_missing)t;
	}
	if (ks.val[K_LEVELS] && (rc = read_levels(c, ks.val[K_LEVELS])))
		return rc;
	if (ks.val[K_SCALES] && (rc = fy_read_scales(c, ks.val[K_SCALES])))
		return rc;
	if (ks.val[K_STAGE_NAMES]) {
		if ((rc = fy_get_names(c, ks.val[K_STAGE_NAMES], "stage_names",
				       &fw->stage_names, &fw->nstage_names)))
			return rc;
		fw->stage_names_line = (long)ks.val[K_STAGE_NAMES]->start_mark.line + 1;
		fw->stage_names_col = (long)ks.val[K_STAGE_NAMES]->start_mark.column + 1;
	}
	if (ks.val[K_TARGETS] && (rc = fy_read_targets(c, ks.val[K_TARGETS])))
		return rc;
	*translations = ks.val[K_TRANSLATIONS];
	return read_children(c, 0, ks.val[K_NODES], "nodes");
}

int cc_framework_parse(struct cc_framework *fw, const char *file,
		       const char *text, size_t len, struct cc_error *err)
{
	struct ctx c = {.fw = fw, .file = file, .err = err,
			.names = fy_key_names, .nnames = K_COUNT};
	yaml_node_t *translations = NULL, *root;
	int rc = cc_framework_init(fw, file);

	if (rc) {
		cc_framework_free(fw);
		return cc_error_set(err, rc, file, 0, 0, "out of memory");
	}
	c.arena = &fw->arena;
	rc = fy_load(&c, text, len, &root);
	if (rc) {
		cc_framework_free(fw);
		return rc;
	}
	rc = read_top(&c, root, &translations);
	if (!rc)
		rc = cc_framework_finish(fw, err);
	if (!rc && translations)
		rc = fy_read_translations(&c, translations);
	fy_unload(&c);
	if (rc)
		cc_framework_free(fw);
	return rc;
}

static int parse_any(void *obj, const char *file, const char *text, size_t len,
		     struct cc_error *err)
{
	return cc_framework_parse(obj, file, text, len, err);
}

int cc_framework_load(struct cc_framework *fw, const char *path, struct cc_error *err)
{
	return cc_load_file(path, CC_FRAMEWORK_MAX_BYTES, parse_any, fw, sizeof(*fw), err);
}
