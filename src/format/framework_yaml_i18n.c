/*
 * framework_yaml_i18n.c - the `translations` block of a framework file
 * (format 1.1): per language tag, texts that replace the file's own. Read
 * after the tree is finished, because every entry names something that
 * must exist: a node, an option, a scale and its level values, a root
 * level, a target; a `stage_names` list must be as long as the top
 * level's. Texts go into the framework's languages (core/framework_i18n.h).
 */
#include "framework_yaml_internal.h"

#include "../core/framework_i18n.h"
#include "../core/number.h"

#include <math.h>
#include <string.h>

static const unsigned long long keys_lang =
	B(K_TITLE) | B(K_NODES) | B(K_SCALES) | B(K_LEVELS) | B(K_TARGETS) |
	B(K_STAGE_NAMES);
static const unsigned long long keys_tr_node =
	B(K_NAME) | B(K_QUESTION) | B(K_GUIDANCE) | B(K_OPTIONS);
static const unsigned long long keys_tr_scale = B(K_NAME) | B(K_LEVELS);
static const unsigned long long keys_tr_level = B(K_NAME) | B(K_DESCRIPTION);

struct tr {
	struct ctx *c;
	int lang;
	const char *tag;
};

/* Reads scalar v and files it under (kind, index, sub). */
static int put(struct tr *t, const yaml_node_t *v, const char *key, int kind,
	       int index, int sub)
{
	const char *text;
	int rc = fy_get_text(t->c, v, key, &text);

	if (rc)
		return rc;
	if (cc_lang_put(t->c->fw, t->lang, kind, index, sub, text))
		return fy_oom(t->c);
	return CC_OK;
}

/* Calls fn for each key/value pair of mapping v (what names it). */
typedef int (*pair_fn)(struct tr *t, const yaml_node_t *k, const char *key,
		       const yaml_node_t *v, int ctx);

static int each_pair(struct tr *t, const yaml_node_t *v, const char *what,
		     pair_fn fn, int ctx)
{
	if (v->type != YAML_MAPPING_NODE)
		return fy_fail(t->c, v, "\"%s\" in the translation \"%s\" must be a mapping",
			       what, t->tag);
	for (yaml_node_pair_t *p = v->data.mapping.pairs.start;
	     p < v->data.mapping.pairs.top; p++) {
		yaml_node_t *k = fy_node_get(t->c, p->key, v), *val;
		const char *key;
		int rc;

		if (!k || !(val = fy_node_get(t->c, p->value, k)))
			return CC_EINPUT;
		if ((rc = fy_get_text(t->c, k, what, &key)) ||
		    (rc = fn(t, k, key, val, ctx)))
			return rc;
	}
	return CC_OK;
}

static int option_pair(struct tr *t, const yaml_node_t *k, const char *key,
		       const yaml_node_t *v, int node)
{
	const struct cc_node *n = &t->c->fw->nodes[node];

	for (int o = 0; o < n->noptions; o++)
		if (strcmp(n->options[o].id, key) == 0)
			return put(t, v, key, CC_TR_OPTION, node, o);
	return fy_fail(t->c, k, "translation \"%s\": \"%s\" is not an option of \"%s\"",
		       t->tag, key, n->id);
}

static int node_pair(struct tr *t, const yaml_node_t *k, const char *key,
		     const yaml_node_t *v, int unused)
{
	int node = cc_framework_find(t->c->fw, key), rc;
	struct keyset ks;

	(void)unused;
	if (node < 0)
		return fy_fail(t->c, k, "translation \"%s\" names the node \"%s\", which the framework does not have",
			       t->tag, key);
	if ((rc = fy_keys_read(t->c, (yaml_node_t *)v, keys_tr_node, "a node's translation", &ks)))
		return rc;
	if ((ks.val[K_NAME] && (rc = put(t, ks.val[K_NAME], "name", CC_TR_NAME, node, 0))) ||
	    (ks.val[K_QUESTION] && (rc = put(t, ks.val[K_QUESTION], "question", CC_TR_QUESTION, node, 0))) ||
	    (ks.val[K_GUIDANCE] && (rc = put(t, ks.val[K_GUIDANCE], "guidance", CC_TR_GUIDANCE, node, 0))))
		return rc;
	if (ks.val[K_OPTIONS]) {
		if (t->c->fw->nodes[node].noptions == 0)
			return fy_fail(t->c, ks.key[K_OPTIONS], "translation \"%s\": \"%s\" has no options to translate",
				       t->tag, key);
		return each_pair(t, ks.val[K_OPTIONS], "options", option_pair, node);
	}
	return CC_OK;
}

static int scale_level_pair(struct tr *t, const yaml_node_t *k, const char *key,
			    const yaml_node_t *v, int scale)
{
	const struct cc_scale *sc = &t->c->fw->scales[scale];
	double value;
	int level = -1, rc;

	if (cc_number_parse(key, strlen(key), &value))
		level = cc_scale_level_index(sc, value);
	if (level < 0)
		return fy_fail(t->c, k, "translation \"%s\": scale \"%s\" has no level with the value \"%s\"",
			       t->tag, sc->id, key);
	if (v->type == YAML_SCALAR_NODE)
		return put(t, v, "name", CC_TR_SCALE_LEVEL, scale, level);
	{
		struct keyset ks;
		if ((rc = fy_keys_read(t->c, (yaml_node_t *)v, keys_tr_level,
				       "a scale level's translation", &ks)))
			return rc;
		if (ks.val[K_NAME] && (rc = put(t, ks.val[K_NAME], "name", CC_TR_SCALE_LEVEL, scale, level)))
			return rc;
		if (ks.val[K_DESCRIPTION])
			return put(t, ks.val[K_DESCRIPTION], "description",
				   CC_TR_SCALE_LEVEL_DESC, scale, level);
	}
	return CC_OK;
}

static int scale_pair(struct tr *t, const yaml_node_t *k, const char *key,
		      const yaml_node_t *v, int unused)
{
	int scale = cc_framework_scale(t->c->fw, key), rc;
	struct keyset ks;

	(void)unused;
	if (scale < 0)
		return fy_fail(t->c, k, "translation \"%s\" names the scale \"%s\", which the framework does not have",
			       t->tag, key);
	if ((rc = fy_keys_read(t->c, (yaml_node_t *)v, keys_tr_scale, "a scale's translation", &ks)))
		return rc;
	if (ks.val[K_NAME] && (rc = put(t, ks.val[K_NAME], "name", CC_TR_SCALE_NAME, scale, 0)))
		return rc;
	if (ks.val[K_LEVELS])
		return each_pair(t, ks.val[K_LEVELS], "levels", scale_level_pair, scale);
	return CC_OK;
}

static int level_pair(struct tr *t, const yaml_node_t *k, const char *key,
		      const yaml_node_t *v, int unused)
{
	const struct cc_framework *fw = t->c->fw;

	(void)unused;
	for (int l = 0; l < fw->nlevels; l++)
		if (strcmp(fw->levels[l].id, key) == 0)
			return put(t, v, key, CC_TR_LEVEL, l, 0);
	return fy_fail(t->c, k, "translation \"%s\" names the level \"%s\", which the framework does not have",
		       t->tag, key);
}

static int target_pair(struct tr *t, const yaml_node_t *k, const char *key,
		       const yaml_node_t *v, int unused)
{
	int target = cc_framework_target(t->c->fw, key);

	(void)unused;
	if (target < 0)
		return fy_fail(t->c, k, "translation \"%s\" names the target \"%s\", which the framework does not have",
			       t->tag, key);
	return put(t, v, key, CC_TR_TARGET, target, 0);
}

static int read_stage_names(struct tr *t, const yaml_node_t *v)
{
	const struct cc_framework *fw = t->c->fw;
	int rc = fy_get_seq(t->c, v, "stage_names", 1);

	if (rc)
		return rc;
	if (SEQ_LEN(v) != fw->nstage_names)
		return fy_fail(t->c, v, "translation \"%s\": \"stage_names\" has %d names; the top-level list has %d",
			       t->tag, SEQ_LEN(v), fw->nstage_names);
	for (int i = 0; i < SEQ_LEN(v); i++) {
		yaml_node_t *item = fy_node_get(t->c, SEQ_AT(v, i), v);
		if (!item)
			return CC_EINPUT;
		if ((rc = put(t, item, "stage_names", CC_TR_STAGE_NAME, i, 0)))
			return rc;
	}
	return CC_OK;
}

static int lang_pair(struct tr *t, const yaml_node_t *k, const char *key,
		     const yaml_node_t *v, int unused)
{
	struct keyset ks;
	int rc;

	(void)unused;
	if (!cc_lang_valid_tag(key))
		return fy_fail(t->c, k, "\"%.40s\" is not a lower-case language tag (such as fr, zh, pt-br)", key);
	rc = cc_lang_add(t->c->fw, key, &t->lang);
	if (rc == CC_EINPUT)
		return fy_fail(t->c, k, "the translation \"%s\" is given twice", key);
	if (rc)
		return fy_oom(t->c);
	t->tag = key;
	if ((rc = fy_keys_read(t->c, (yaml_node_t *)v, keys_lang, "a translation", &ks)))
		return rc;
	if ((ks.val[K_TITLE] && (rc = put(t, ks.val[K_TITLE], "title", CC_TR_TITLE, 0, 0))) ||
	    (ks.val[K_NODES] && (rc = each_pair(t, ks.val[K_NODES], "nodes", node_pair, 0))) ||
	    (ks.val[K_SCALES] && (rc = each_pair(t, ks.val[K_SCALES], "scales", scale_pair, 0))) ||
	    (ks.val[K_LEVELS] && (rc = each_pair(t, ks.val[K_LEVELS], "levels", level_pair, 0))) ||
	    (ks.val[K_TARGETS] && (rc = each_pair(t, ks.val[K_TARGETS], "targets", target_pair, 0))) ||
	    (ks.val[K_STAGE_NAMES] && (rc = read_stage_names(t, ks.val[K_STAGE_NAMES]))))
		return rc;
	return CC_OK;
}

int fy_read_translations(struct ctx *c, const yaml_node_t *v)
{
	struct tr t = {.c = c, .lang = -1, .tag = ""};
	int rc;

	if (v->type != YAML_MAPPING_NODE)
		return fy_fail(c, v, "\"translations\" must map language tags to translations");
	rc = each_pair(&t, v, "translations", lang_pair, 0);
	if (!rc)
		cc_lang_finish(c->fw);
	return rc;
}
