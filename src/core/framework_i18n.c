/*
 * framework_i18n.c - storing and looking up a framework's translations
 * (see framework_i18n.h). Items are kept sorted by (kind, index, sub) so a
 * lookup is a binary search.
 */
#include "framework_i18n.h"

#include <stdlib.h>
#include <string.h>

#define CC_MAX_LANGS 64

int cc_lang_add(struct cc_framework *fw, const char *tag, int *out)
{
	struct cc_lang *langs;

	for (int i = 0; i < fw->nlangs; i++)
		if (strcmp(fw->langs[i].tag, tag) == 0)
			return CC_EINPUT;
	if (fw->nlangs >= CC_MAX_LANGS)
		return CC_ELIMIT;
	langs = realloc(fw->langs, (size_t)(fw->nlangs + 1) * sizeof(*langs));
	if (!langs)
		return CC_ENOMEM;
	fw->langs = langs;
	memset(&langs[fw->nlangs], 0, sizeof(*langs));
	langs[fw->nlangs].tag = cc_arena_strdup(&fw->arena, tag);
	if (!langs[fw->nlangs].tag)
		return CC_ENOMEM;
	*out = fw->nlangs++;
	return CC_OK;
}

int cc_lang_put(struct cc_framework *fw, int l, int kind, int index, int sub,
		const char *text)
{
	struct cc_lang *lang = &fw->langs[l];

	if (lang->nitems == lang->cap) {
		int cap = lang->cap ? lang->cap * 2 : 32;
		struct cc_tr *items = realloc(lang->items, (size_t)cap * sizeof(*items));
		if (!items)
			return CC_ENOMEM;
		lang->items = items;
		lang->cap = cap;
	}
	lang->items[lang->nitems++] = (struct cc_tr){kind, index, sub, text};
	return CC_OK;
}

static int cmp_tr(const void *a, const void *b)
{
	const struct cc_tr *x = a, *y = b;

	if (x->kind != y->kind)
		return x->kind < y->kind ? -1 : 1;
	if (x->index != y->index)
		return x->index < y->index ? -1 : 1;
	return x->sub < y->sub ? -1 : x->sub > y->sub;
}

void cc_lang_finish(struct cc_framework *fw)
{
	for (int i = 0; i < fw->nlangs; i++)
		if (fw->langs[i].nitems > 1)
			qsort(fw->langs[i].items, (size_t)fw->langs[i].nitems,
			      sizeof(struct cc_tr), cmp_tr);
}

int cc_fw_lang_tags(const struct cc_framework *fw, const char **tags)
{
	int n = fw->nlangs < CC_LANG_MAX ? fw->nlangs : CC_LANG_MAX;

	for (int i = 0; i < n; i++)
		tags[i] = fw->langs[i].tag;
	return n;
}

int cc_fw_lang(const struct cc_framework *fw, const char *tag)
{
	const char *tags[CC_LANG_MAX];

	return cc_lang_match(tag, tags, cc_fw_lang_tags(fw, tags));
}

const char *cc_fw_text(const struct cc_framework *fw, int l, int kind,
		       int index, int sub)
{
	struct cc_tr key = {kind, index, sub, NULL};
	const struct cc_tr *hit;

	if (l < 0 || l >= fw->nlangs || !fw->langs[l].nitems)
		return NULL;
	hit = bsearch(&key, fw->langs[l].items, (size_t)fw->langs[l].nitems,
		      sizeof(struct cc_tr), cmp_tr);
	return hit ? hit->text : NULL;
}
