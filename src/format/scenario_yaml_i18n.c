/*
 * scenario_yaml_i18n.c - the `translations` block of a scenario file:
 * cybercap's extension of the scenario format, of the same kind as a
 * framework's (docs/scenario-format.md "Translations"). Per language tag,
 * texts that replace the file's own: the title and description, the
 * objectives' names and criteria, the teams' names, the injects' sender,
 * title, content, expected actions and notes, the challenges' names,
 * categories, descriptions and hints. Read once the scenario is finished,
 * because every entry names something the file has; each language becomes
 * a view of the scenario (core/scenario.h, cc_scenario_view) with its
 * texts. Ids, times, values and flags never change with the language.
 */
#include "scenario_yaml.h"

#include "yaml_walk.h"
#include "../core/lang.h"

#include <string.h>

enum {
	T_TITLE, T_DESCRIPTION, T_OBJECTIVES, T_TEAMS, T_INJECTS, T_CHALLENGES,
	T_NAME, T_CRITERIA, T_FROM, T_CONTENT, T_EXPECTS, T_NOTES, T_CATEGORY,
	T_HINTS, T_COUNT
};

static const char *const names[T_COUNT] = {
	"title", "description", "objectives", "teams", "injects", "challenges",
	"name", "criteria", "from", "content", "expects", "notes", "category",
	"hints",
};

static const unsigned long long keys_lang = B(T_TITLE) | B(T_DESCRIPTION) |
	B(T_OBJECTIVES) | B(T_TEAMS) | B(T_INJECTS) | B(T_CHALLENGES);
static const unsigned long long keys_objective = B(T_NAME) | B(T_CRITERIA);
static const unsigned long long keys_inject = B(T_FROM) | B(T_TITLE) | B(T_CONTENT) |
	B(T_EXPECTS) | B(T_NOTES);
static const unsigned long long keys_challenge = B(T_NAME) | B(T_CATEGORY) |
	B(T_DESCRIPTION) | B(T_HINTS);

struct tr {
	struct ctx *c;
	const struct cc_scenario *root;
	struct cc_scenario *v;      /* the language's view */
	const char *tag;
	int item;                   /* the inject or challenge being read */
};

typedef int (*pair_fn)(struct tr *t, const yaml_node_t *k, const char *key,
		       const yaml_node_t *v);

/* Calls fn for each key/value pair of mapping v (what names it). */
static int each_pair(struct tr *t, const yaml_node_t *v, const char *what, pair_fn fn)
{
	if (v->type != YAML_MAPPING_NODE)
		return fy_fail(t->c, v, "\"%s\" in the translation \"%s\" must be a mapping of ids",
			       what, t->tag);
	for (yaml_node_pair_t *p = v->data.mapping.pairs.start;
	     p < v->data.mapping.pairs.top; p++) {
		yaml_node_t *k = fy_node_get(t->c, p->key, v), *val;
		const char *key;
		int rc;

		if (!k || !(val = fy_node_get(t->c, p->value, k)))
			return CC_EINPUT;
		if ((rc = fy_get_text(t->c, k, what, &key)) || (rc = fn(t, k, key, val)))
			return rc;
	}
	return CC_OK;
}

/* The text of v into *out, when the file has a text there to replace. */
static int text(struct tr *t, const yaml_node_t *v, const yaml_node_t *k, const char *key,
		const char *own, const char *whose, const char **out)
{
	if (!own)
		return fy_fail(t->c, k, "translation \"%s\": %s has no \"%s\" to translate",
			       t->tag, whose, key);
	return fy_get_text(t->c, v, key, out);
}

static int unknown(struct tr *t, const yaml_node_t *k, const char *what, const char *id)
{
	return fy_fail(t->c, k, "translation \"%s\" names the %s \"%.100s\", which the scenario does not have",
		       t->tag, what, id);
}

static int criteria(struct tr *t, const yaml_node_t *v, struct cc_objective *o)
{
	int rc = fy_get_seq(t->c, v, "criteria", 0);

	if (rc)
		return rc;
	if (SEQ_LEN(v) != o->ncriteria)
		return fy_fail(t->c, v, "translation \"%s\": objective \"%s\" has %d criteria; this list has %d",
			       t->tag, o->id, o->ncriteria, SEQ_LEN(v));
	for (int i = 0; i < o->ncriteria; i++) {
		yaml_node_t *item = fy_node_get(t->c, SEQ_AT(v, i), v);
		if (!item)
			return CC_EINPUT;
		if ((rc = fy_get_text(t->c, item, "criteria", &o->criteria[i])))
			return rc;
	}
	return CC_OK;
}

static int objective_pair(struct tr *t, const yaml_node_t *k, const char *key,
			  const yaml_node_t *v)
{
	int i = cc_scenario_objective(t->root, key), rc;
	struct cc_objective *o;
	struct keyset ks;

	if (i < 0)
		return unknown(t, k, "objective", key);
	o = &t->v->objectives[i];
	if ((rc = fy_keys_read(t->c, (yaml_node_t *)v, keys_objective, "an objective's translation", &ks)))
		return rc;
	if (ks.val[T_NAME] && (rc = fy_get_text(t->c, ks.val[T_NAME], "name", &o->name)))
		return rc;
	return ks.val[T_CRITERIA] ? criteria(t, ks.val[T_CRITERIA], o) : CC_OK;
}

static int team_pair(struct tr *t, const yaml_node_t *k, const char *key, const yaml_node_t *v)
{
	int i = cc_scenario_team(t->root, key);

	if (i < 0)
		return unknown(t, k, "team", key);
	return fy_get_text(t->c, v, "name", &t->v->teams[i].name);
}

static int expect_pair(struct tr *t, const yaml_node_t *k, const char *key, const yaml_node_t *v)
{
	struct cc_inject *in = &t->v->injects[t->item];

	for (int x = 0; x < in->nexpects; x++)
		if (strcmp(in->expects[x].id, key) == 0)
			return fy_get_text(t->c, v, "expects", &in->expects[x].text);
	return fy_fail(t->c, k, "translation \"%s\": inject \"%s\" has no expected action \"%.100s\"",
		       t->tag, in->id, key);
}

static int inject_pair(struct tr *t, const yaml_node_t *k, const char *key, const yaml_node_t *v)
{
	int i = cc_scenario_inject(t->root, key), rc;
	const struct cc_inject *own;
	struct cc_inject *in;
	struct keyset ks;
	char whose[140];

	if (i < 0)
		return unknown(t, k, "inject", key);
	own = &t->root->injects[i];
	in = &t->v->injects[i];
	snprintf(whose, sizeof(whose), "inject \"%s\"", own->id);
	if ((rc = fy_keys_read(t->c, (yaml_node_t *)v, keys_inject, "an inject's translation", &ks)))
		return rc;
	if ((ks.val[T_FROM] && (rc = text(t, ks.val[T_FROM], ks.key[T_FROM], "from", own->from, whose, &in->from))) ||
	    (ks.val[T_TITLE] && (rc = text(t, ks.val[T_TITLE], ks.key[T_TITLE], "title", own->title, whose, &in->title))) ||
	    (ks.val[T_CONTENT] && (rc = text(t, ks.val[T_CONTENT], ks.key[T_CONTENT], "content", own->content, whose, &in->content))) ||
	    (ks.val[T_NOTES] && (rc = text(t, ks.val[T_NOTES], ks.key[T_NOTES], "notes", own->notes, whose, &in->notes))))
		return rc;
	t->item = i;
	return ks.val[T_EXPECTS] ? each_pair(t, ks.val[T_EXPECTS], "expects", expect_pair) : CC_OK;
}

static int hint_pair(struct tr *t, const yaml_node_t *k, const char *key, const yaml_node_t *v)
{
	struct cc_challenge *ch = &t->v->challenges[t->item];

	for (int h = 0; h < ch->nhints; h++)
		if (strcmp(ch->hints[h].id, key) == 0)
			return fy_get_text(t->c, v, "hints", &ch->hints[h].text);
	return fy_fail(t->c, k, "translation \"%s\": challenge \"%s\" has no hint \"%.100s\"",
		       t->tag, ch->id, key);
}

static int challenge_pair(struct tr *t, const yaml_node_t *k, const char *key,
			  const yaml_node_t *v)
{
	int i = cc_scenario_challenge(t->root, key), rc;
	const struct cc_challenge *own;
	struct cc_challenge *ch;
	struct keyset ks;
	char whose[140];

	if (i < 0)
		return unknown(t, k, "challenge", key);
	own = &t->root->challenges[i];
	ch = &t->v->challenges[i];
	snprintf(whose, sizeof(whose), "challenge \"%s\"", own->id);
	if ((rc = fy_keys_read(t->c, (yaml_node_t *)v, keys_challenge, "a challenge's translation", &ks)))
		return rc;
	if ((ks.val[T_NAME] && (rc = text(t, ks.val[T_NAME], ks.key[T_NAME], "name", own->name, whose, &ch->name))) ||
	    (ks.val[T_CATEGORY] && (rc = text(t, ks.val[T_CATEGORY], ks.key[T_CATEGORY], "category", own->category, whose, &ch->category))) ||
	    (ks.val[T_DESCRIPTION] && (rc = text(t, ks.val[T_DESCRIPTION], ks.key[T_DESCRIPTION], "description", own->description, whose, &ch->description))))
		return rc;
	t->item = i;
	return ks.val[T_HINTS] ? each_pair(t, ks.val[T_HINTS], "hints", hint_pair) : CC_OK;
}

static int lang_pair(struct tr *t, const yaml_node_t *k, const char *key, const yaml_node_t *v)
{
	struct cc_scenario *root = (struct cc_scenario *)t->root;
	struct cc_scenario_lang *l;
	struct keyset ks;
	int rc;

	if (!cc_lang_valid_tag(key))
		return fy_fail(t->c, k, "\"%.40s\" is not a lower-case language tag (such as fr, zh, pt-br)", key);
	for (int i = 0; i < root->nlangs; i++)
		if (strcmp(root->langs[i].tag, key) == 0)
			return fy_fail(t->c, k, "the translation \"%s\" is given twice", key);
	if (!(t->v = cc_scenario_view(root)))
		return fy_oom(t->c);
	t->tag = key;
	if ((rc = fy_keys_read(t->c, (yaml_node_t *)v, keys_lang, "a translation", &ks)))
		return rc;
	if ((ks.val[T_TITLE] && (rc = fy_get_text(t->c, ks.val[T_TITLE], "title", &t->v->title))) ||
	    (ks.val[T_DESCRIPTION] && (rc = text(t, ks.val[T_DESCRIPTION], ks.key[T_DESCRIPTION], "description",
						 root->description, "the scenario", &t->v->description))) ||
	    (ks.val[T_OBJECTIVES] && (rc = each_pair(t, ks.val[T_OBJECTIVES], "objectives", objective_pair))) ||
	    (ks.val[T_TEAMS] && (rc = each_pair(t, ks.val[T_TEAMS], "teams", team_pair))) ||
	    (ks.val[T_INJECTS] && (rc = each_pair(t, ks.val[T_INJECTS], "injects", inject_pair))) ||
	    (ks.val[T_CHALLENGES] && (rc = each_pair(t, ks.val[T_CHALLENGES], "challenges", challenge_pair))))
		return rc;
	l = &root->langs[root->nlangs++];
	*l = (struct cc_scenario_lang){key, t->v, cc_scenario_untranslated(root, t->v)};
	return CC_OK;
}

int cc__scenario_translations(struct ctx *c, struct cc_scenario *sc, const yaml_node_t *v)
{
	struct tr t = {.c = c, .root = sc, .tag = ""};
	struct fy_names saved;
	int rc;

	if (v->type != YAML_MAPPING_NODE)
		return fy_fail(c, v, "\"translations\" must map language tags to translations");
	sc->langs = cc_arena_array(&sc->arena, (size_t)(v->data.mapping.pairs.top -
					v->data.mapping.pairs.start) + 1, sizeof(*sc->langs));
	if (!sc->langs)
		return fy_oom(c);
	saved = fy_names_swap(c, names, T_COUNT);
	rc = each_pair(&t, v, "translations", lang_pair);
	fy_names_restore(c, saved);
	return rc;
}
