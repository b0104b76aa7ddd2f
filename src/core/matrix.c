/*
 * matrix.c - levels of risks on a matrix and their order (see matrix.h).
 */
#include "matrix.h"

#include <stdlib.h>
#include <string.h>

int cc_matrix_init(struct cc_matrix *m, const char *file)
{
	memset(m, 0, sizeof(*m));
	cc_arena_init(&m->arena);
	m->file = cc_arena_strdup(&m->arena, file ? file : "");
	return m->file ? CC_OK : CC_ENOMEM;
}

void cc_matrix_free(struct cc_matrix *m)
{
	cc_arena_free(&m->arena);
	memset(m, 0, sizeof(*m));
}

int cc_matrix_find(const struct cc_mitem *items, int n, const char *id)
{
	for (int i = 0; i < n; i++)
		if (strcmp(items[i].id, id) == 0)
			return i;
	return -1;
}

int cc_matrix_cell(const struct cc_matrix *m, int likelihood, int impact)
{
	return m->grid[likelihood * m->nimpact + impact];
}

int cc_matrix_rate(const struct cc_matrix *m, const char *id, int likelihood,
		   const int *impacts, int n, struct cc_risk_rating *r)
{
	int best = -1;

	for (int k = 0; k < n; k++)
		if (impacts[k] > best)
			best = impacts[k];
	if (best < 0 || likelihood < 0 || likelihood >= m->nlikelihood || best >= m->nimpact)
		return CC_EINPUT;
	r->id = id;
	r->likelihood = likelihood;
	r->impact = best;
	r->level = cc_matrix_cell(m, likelihood, best);
	return CC_OK;
}

static int by_risk(const void *a, const void *b)
{
	const struct cc_risk_rating *x = a, *y = b;

	if (x->level != y->level)
		return y->level - x->level;
	if (x->impact != y->impact)
		return y->impact - x->impact;
	if (x->likelihood != y->likelihood)
		return y->likelihood - x->likelihood;
	return strcmp(x->id, y->id);
}

void cc_matrix_sort(struct cc_risk_rating *r, int n)
{
	qsort(r, (size_t)n, sizeof(*r), by_risk);
}

/* ---- languages: views of the matrix with a translation's texts ---- */

static struct cc_mitem *copy_items(struct cc_matrix *root, const struct cc_mitem *items, int n,
				   bool *ok)
{
	struct cc_mitem *out;

	if (n <= 0)
		return NULL;
	if (!(out = cc_arena_array(&root->arena, (size_t)n, sizeof(*out)))) {
		*ok = false;
		return NULL;
	}
	memcpy(out, items, (size_t)n * sizeof(*out));
	return out;
}

struct cc_matrix *cc_matrix_view(struct cc_matrix *root)
{
	struct cc_matrix *v = cc_arena_array(&root->arena, 1, sizeof(*v));
	bool ok = true;

	if (!v)
		return NULL;
	*v = *root;
	memset(&v->arena, 0, sizeof(v->arena));
	v->langs = NULL;
	v->nlangs = 0;
	v->likelihood = copy_items(root, root->likelihood, root->nlikelihood, &ok);
	v->dimensions = copy_items(root, root->dimensions, root->ndimensions, &ok);
	v->impact = copy_items(root, root->impact, root->nimpact, &ok);
	v->levels = copy_items(root, root->levels, root->nlevels, &ok);
	return ok ? v : NULL;
}

static int same(const char *a, const char *b)
{
	return a && *a && a == b;
}

static int items_untranslated(const struct cc_mitem *a, const struct cc_mitem *b, int n)
{
	int k = 0;

	for (int i = 0; i < n; i++)
		k += same(a[i].name, b[i].name) + same(a[i].description, b[i].description);
	return k;
}

int cc_matrix_untranslated(const struct cc_matrix *r, const struct cc_matrix *v)
{
	return same(r->title, v->title) +
	       items_untranslated(r->likelihood, v->likelihood, r->nlikelihood) +
	       items_untranslated(r->dimensions, v->dimensions, r->ndimensions) +
	       items_untranslated(r->impact, v->impact, r->nimpact) +
	       items_untranslated(r->levels, v->levels, r->nlevels);
}

const struct cc_matrix *cc_matrix_in(const struct cc_matrix *m, int l)
{
	return l >= 0 && l < m->nlangs ? m->langs[l].m : m;
}

int cc_matrix_lang_tags(const struct cc_matrix *m, const char **tags, int max)
{
	int n = m->nlangs < max ? m->nlangs : max;

	for (int l = 0; l < n; l++)
		tags[l] = m->langs[l].tag;
	return n;
}
