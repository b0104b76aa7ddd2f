/*
 * matrix_yaml_i18n.c - the `translations` block of a risk matrix file:
 * cybercap's extension of the matrix format, of the same kind as a
 * framework's (docs/risks.md "Translations"). Per language tag, texts that
 * replace the file's own: the title, the likelihood levels, the impact
 * dimensions and levels, the risk levels, each by id as a name or as
 * {name, description}. Every entry must name what the file has; each
 * language becomes a view of the matrix (core/matrix.h, cc_matrix_view).
 * Ids, colours and the grid never change with the language.
 */
#include "matrix_yaml.h"

#include "yaml_walk.h"
#include "../core/lang.h"

#include <string.h>

enum { T_TITLE, T_LIKELIHOOD, T_IMPACT, T_DIMENSIONS, T_LEVELS, T_NAME, T_DESCRIPTION, T_COUNT };

static const char *const names[T_COUNT] = {
	"title", "likelihood", "impact", "dimensions", "levels", "name", "description",
};

static const unsigned long long keys_lang = B(T_TITLE) | B(T_LIKELIHOOD) | B(T_IMPACT) |
	B(T_LEVELS);
static const unsigned long long keys_impact = B(T_DIMENSIONS) | B(T_LEVELS);
static const unsigned long long keys_item = B(T_NAME) | B(T_DESCRIPTION);

struct tr {
	struct ctx *c;
	const char *tag;
};

/* One item's translation: a name, or {name, description}. */
static int item(struct tr *t, const yaml_node_t *v, struct cc_mitem *it, const struct cc_mitem *own)
{
	struct keyset ks;
	int rc;

	if (v->type == YAML_SCALAR_NODE)
		return fy_get_text(t->c, v, "name", &it->name);
	if ((rc = fy_keys_read(t->c, (yaml_node_t *)v, keys_item, "a level's translation", &ks)) ||
	    (ks.val[T_NAME] && (rc = fy_get_text(t->c, ks.val[T_NAME], "name", &it->name))))
		return rc;
	if (ks.val[T_DESCRIPTION] && !own->description)
		return fy_fail(t->c, ks.key[T_DESCRIPTION], "translation \"%s\": \"%s\" has no description to translate",
			       t->tag, own->id);
	return ks.val[T_DESCRIPTION] ? fy_get_text(t->c, ks.val[T_DESCRIPTION], "description", &it->description)
				     : CC_OK;
}

/* A mapping of ids (what: the list's name) to item translations. */
static int items(struct tr *t, const yaml_node_t *v, const char *what,
		 const struct cc_mitem *own, struct cc_mitem *out, int n)
{
	if (v->type != YAML_MAPPING_NODE)
		return fy_fail(t->c, v, "\"%s\" in the translation \"%s\" must be a mapping of ids",
			       what, t->tag);
	for (yaml_node_pair_t *p = v->data.mapping.pairs.start;
	     p < v->data.mapping.pairs.top; p++) {
		yaml_node_t *k = fy_node_get(t->c, p->key, v), *val;
		const char *id;
		int i, rc;

		if (!k || !(val = fy_node_get(t->c, p->value, k)))
			return CC_EINPUT;
		if ((rc = fy_get_text(t->c, k, what, &id)))
			return rc;
		if ((i = cc_matrix_find(own, n, id)) < 0)
			return fy_fail(t->c, k, "translation \"%s\" names the %s \"%.100s\", which the matrix does not have",
				       t->tag, what, id);
		if ((rc = item(t, val, &out[i], &own[i])))
			return rc;
	}
	return CC_OK;
}

static int lang(struct tr *t, struct cc_matrix *m, const yaml_node_t *k, const yaml_node_t *v)
{
	struct cc_matrix *w;
	struct keyset ks, ik;
	int rc;

	if (!cc_lang_valid_tag(t->tag))
		return fy_fail(t->c, k, "\"%.40s\" is not a lower-case language tag (such as fr, zh, pt-br)", t->tag);
	for (int i = 0; i < m->nlangs; i++)
		if (strcmp(m->langs[i].tag, t->tag) == 0)
			return fy_fail(t->c, k, "the translation \"%s\" is given twice", t->tag);
	if (!(w = cc_matrix_view(m)))
		return fy_oom(t->c);
	if ((rc = fy_keys_read(t->c, (yaml_node_t *)v, keys_lang, "a translation", &ks)) ||
	    (ks.val[T_TITLE] && (rc = fy_get_text(t->c, ks.val[T_TITLE], "title", &w->title))) ||
	    (ks.val[T_LIKELIHOOD] && (rc = items(t, ks.val[T_LIKELIHOOD], "likelihood level",
						 m->likelihood, w->likelihood, m->nlikelihood))) ||
	    (ks.val[T_LEVELS] && (rc = items(t, ks.val[T_LEVELS], "risk level", m->levels, w->levels,
					     m->nlevels))))
		return rc;
	if (ks.val[T_IMPACT]) {
		if ((rc = fy_keys_read(t->c, ks.val[T_IMPACT], keys_impact, "an impact's translation", &ik)) ||
		    (ik.val[T_DIMENSIONS] && (rc = items(t, ik.val[T_DIMENSIONS], "impact dimension",
							 m->dimensions, w->dimensions, m->ndimensions))) ||
		    (ik.val[T_LEVELS] && (rc = items(t, ik.val[T_LEVELS], "impact level", m->impact,
						     w->impact, m->nimpact))))
			return rc;
	}
	m->langs[m->nlangs++] = (struct cc_matrix_lang){t->tag, w, cc_matrix_untranslated(m, w)};
	return CC_OK;
}

int cc__matrix_translations(struct ctx *c, struct cc_matrix *m, const yaml_node_t *v)
{
	struct tr t = {.c = c, .tag = ""};
	struct fy_names saved;
	int rc = CC_OK;

	if (v->type != YAML_MAPPING_NODE)
		return fy_fail(c, v, "\"translations\" must map language tags to translations");
	m->langs = cc_arena_array(&m->arena, (size_t)(v->data.mapping.pairs.top -
				  v->data.mapping.pairs.start) + 1, sizeof(*m->langs));
	if (!m->langs)
		return fy_oom(c);
	saved = fy_names_swap(c, names, T_COUNT);
	for (yaml_node_pair_t *p = v->data.mapping.pairs.start;
	     !rc && p < v->data.mapping.pairs.top; p++) {
		yaml_node_t *k = fy_node_get(c, p->key, v), *val;

		if (!k || !(val = fy_node_get(c, p->value, k)))
			rc = CC_EINPUT;
		else if (!(rc = fy_get_text(c, k, "translations", &t.tag)))
			rc = lang(&t, m, k, val);
	}
	fy_names_restore(c, saved);
	return rc;
}
