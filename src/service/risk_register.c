/*
 * risk_register.c - one assessment's register read whole (see risks.h):
 * the record, its frozen matrix, every risk with its sectors, nodes,
 * ratings resolved against the matrix (levels as the spec computes them)
 * and treatments, and the order the spec gives the current ratings.
 *
 * Everything the views point to lives in struct cc_register: the lists as
 * the store gave them, the matrix, and an arena for the rest.
 */
#include "risks_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NO_MEMORY(err) cc_error_set((err), CC_ENOMEM, NULL, 0, 0, "out of memory")

int cc_register_find(const struct cc_register *reg, const char *id)
{
	for (int i = 0; i < reg->n; i++)
		if (strcmp(reg->v[i].r->id, id) == 0)
			return i;
	return -1;
}

/* The view of the risk with key (risks come by key: a binary search). */
static struct cc_risk_view *view_of(struct cc_register *reg, long long key)
{
	int lo = 0, hi = reg->n - 1;

	while (lo <= hi) {
		int mid = (lo + hi) / 2;
		long long k = reg->v[mid].r->key;
		if (k == key)
			return &reg->v[mid];
		if (k < key)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return NULL;
}

int cc__rating_resolve(const struct cc_matrix *m, struct cc_arena *ar,
		       const struct cc_rating_rec *rec, struct cc_rated *out)
{
	int n = m->ndimensions ? m->ndimensions : 1;
	struct cc_risk_rating r;

	memset(out, 0, sizeof(*out));
	if (!(out->impacts = cc_arena_array(ar, (size_t)n, sizeof(int))))
		return CC_ENOMEM;
	for (int i = 0; i < n; i++)
		out->impacts[i] = -1;
	out->likelihood = cc_matrix_find(m->likelihood, m->nlikelihood, rec->likelihood);
	if (rec->impacts) {
		json_t *o = json_loads(rec->impacts, 0, NULL);
		const char *key;
		json_t *v;

		json_object_foreach(o, key, v) {
			int d = cc_matrix_find(m->dimensions, m->ndimensions, key);
			if (d >= 0 && json_is_string(v))
				out->impacts[d] = cc_matrix_find(m->impact, m->nimpact,
								 json_string_value(v));
		}
		json_decref(o);
	} else if (rec->impact && !m->ndimensions) {
		out->impacts[0] = cc_matrix_find(m->impact, m->nimpact, rec->impact);
	}
	out->rec = rec;
	if (cc_matrix_rate(m, "", out->likelihood, out->impacts, n, &r) == CC_OK) {
		out->set = true;
		out->impact = r.impact;
		out->level = r.level;
	}
	return CC_OK;
}

struct cc_risk_rating cc_register_rating(const struct cc_register *reg, int i, int p)
{
	const struct cc_rated *x = &reg->v[i].phase[p];

	return (struct cc_risk_rating){reg->v[i].r->id, x->likelihood, x->impact, x->level};
}

/* Hands each list's items to their risk's view (lists come by risk key):
 * counts first, then the arrays, then the items. */
static int attach(struct cc_register *reg)
{
	const struct cc_risk_item_rec *sec = reg->sectors.items, *nod = reg->nodes.items;
	const struct cc_rating_rec *rat = reg->ratings.items;
	const struct cc_treatment_rec *tr = reg->treatments.items;
	struct cc_risk_view *v;

	for (int k = 0; k < reg->sectors.n; k++)
		if ((v = view_of(reg, sec[k].risk)))
			v->nsectors++;
	for (int k = 0; k < reg->nodes.n; k++)
		if ((v = view_of(reg, nod[k].risk)))
			v->nnodes++;
	for (int k = 0; k < reg->treatments.n; k++)
		if ((v = view_of(reg, tr[k].risk)))
			v->ntreatments++;
	for (int i = 0; i < reg->n; i++) {
		v = &reg->v[i];
		v->sectors = cc_arena_array(&reg->arena, (size_t)v->nsectors + 1, sizeof(char *));
		v->nodes = cc_arena_array(&reg->arena, (size_t)v->nnodes + 1, sizeof(void *));
		v->treatments = cc_arena_array(&reg->arena, (size_t)v->ntreatments + 1,
					       sizeof(void *));
		if (!v->sectors || !v->nodes || !v->treatments)
			return CC_ENOMEM;
		v->nsectors = v->nnodes = v->ntreatments = 0;
	}
	for (int k = 0; k < reg->sectors.n; k++)
		if ((v = view_of(reg, sec[k].risk)))
			v->sectors[v->nsectors++] = sec[k].value;
	for (int k = 0; k < reg->nodes.n; k++)
		if ((v = view_of(reg, nod[k].risk)))
			v->nodes[v->nnodes++] = &nod[k];
	for (int k = 0; k < reg->treatments.n; k++)
		if ((v = view_of(reg, tr[k].risk)))
			v->treatments[v->ntreatments++] = &tr[k];
	for (int k = 0; k < reg->ratings.n; k++) {
		int p = cc_phase_parse(rat[k].phase);
		if ((v = view_of(reg, rat[k].risk)) && p >= 0 && cc__rating_resolve(&reg->m, &reg->arena, &rat[k], &v->phase[p]))
			return CC_ENOMEM;
	}
	return CC_OK;
}

struct keyed {
	const char *id;
	int at;
};

static int by_id(const void *a, const void *b)
{
	return strcmp(((const struct keyed *)a)->id, ((const struct keyed *)b)->id);
}

/* reg->order: the rated risks in the spec's order, then the others by id. */
static int order(struct cc_register *reg)
{
	struct cc_risk_rating *r = calloc((size_t)reg->n + 1, sizeof(*r));
	struct keyed *rest = calloc((size_t)reg->n + 1, sizeof(*rest));
	int nr = 0, nrest = 0;

	reg->order = cc_arena_array(&reg->arena, (size_t)reg->n + 1, sizeof(int));
	if (!r || !rest || !reg->order) {
		free(r), free(rest);
		return CC_ENOMEM;
	}
	for (int i = 0; i < reg->n; i++) {
		if (reg->v[i].phase[CC_PHASE_CURRENT].set)
			r[nr++] = cc_register_rating(reg, i, CC_PHASE_CURRENT);
		else
			rest[nrest++] = (struct keyed){reg->v[i].r->id, i};
	}
	cc_matrix_sort(r, nr);
	for (int k = 0; k < nr; k++)
		reg->order[k] = cc_register_find(reg, r[k].id);
	qsort(rest, (size_t)nrest, sizeof(*rest), by_id);
	for (int k = 0; k < nrest; k++)
		reg->order[nr + k] = rest[k].at;
	free(r);
	free(rest);
	return CC_OK;
}

int cc_register_load(struct cc_store *s, const char *id, struct cc_register *reg,
		     struct cc_error *err)
{
	int rc;

	memset(reg, 0, sizeof(*reg));
	reg->lang = -1;
	cc_arena_init(&reg->arena);
	rc = cc_store_risk_assessment(s, id, &reg->assessment, err);
	if (rc)
		return rc;
	reg->a = reg->assessment.items;
	rc = cc_service_matrix(s, reg->a->matrix, reg->a->matrix_hash, &reg->m, err);
	if (!rc)
		rc = cc_store_risks(s, id, &reg->risks, err);
	if (!rc)
		rc = cc_store_risk_sectors(s, id, &reg->sectors, err);
	if (!rc)
		rc = cc_store_risk_nodes(s, id, &reg->nodes, err);
	if (!rc)
		rc = cc_store_ratings(s, id, &reg->ratings, err);
	if (!rc)
		rc = cc_store_treatments(s, id, &reg->treatments, err);
	if (rc)
		return rc;
	reg->n = reg->risks.n;
	reg->v = cc_arena_array(&reg->arena, (size_t)reg->n + 1, sizeof(*reg->v));
	if (!reg->v)
		return NO_MEMORY(err);
	for (int i = 0; i < reg->n; i++)
		reg->v[i].r = &((struct cc_risk_rec *)reg->risks.items)[i];
	if (attach(reg) || order(reg))
		return NO_MEMORY(err);
	return CC_OK;
}

void cc_register_free(struct cc_register *reg)
{
	cc_list_free(&reg->assessment);
	cc_list_free(&reg->risks);
	cc_list_free(&reg->sectors);
	cc_list_free(&reg->nodes);
	cc_list_free(&reg->ratings);
	cc_list_free(&reg->treatments);
	cc_matrix_free(&reg->m);
	cc_arena_free(&reg->arena);
	reg->v = NULL;
	reg->n = 0;
}

const struct cc_matrix *cc_register_matrix(const struct cc_register *reg)
{
	return cc_matrix_in(&reg->m, reg->lang);
}
