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
