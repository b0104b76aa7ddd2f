/*
 * risk_views.c - what a register shows beyond its risks (see risks.h):
 * filters, the heat map of a phase, risks past their review date, what
 * treatment buys (current vs target), risks by sector, and the public
 * register, which holds the public risks' public title, public summary
 * and current level and nothing else.
 */
#include "risks_internal.h"

#include "../core/date.h"
#include "../core/risk.h"

#include <stdlib.h>
#include <string.h>

static bool has_sector(const struct cc_risk_view *v, const char *sector)
{
	for (int k = 0; k < v->nsectors; k++)
		if (strcmp(v->sectors[k], sector) == 0)
			return true;
	return false;
}

int cc_register_filter(const struct cc_register *reg, const struct cc_risk_filter *f,
		       int *out)
{
	int n = 0;

	for (int k = 0; k < reg->n; k++) {
		const struct cc_risk_view *v = &reg->v[reg->order[k]];
		const struct cc_rated *cur = &v->phase[CC_PHASE_CURRENT];

		if ((f->sector && !has_sector(v, f->sector)) ||
		    (f->threat && strcmp(v->r->threat, f->threat) != 0) ||
		    (f->actor && strcmp(v->r->actor, f->actor) != 0) ||
		    (f->owner && strcmp(v->r->owner, f->owner) != 0) ||
		    (f->level && (!cur->set || strcmp(reg->m.levels[cur->level].id, f->level) != 0)))
			continue;
		out[n++] = reg->order[k];
	}
	return n;
}

/* The ratings of phase p of every risk that has one, in register order;
 * the caller frees. */
static struct cc_risk_rating *rated(const struct cc_register *reg, int p, int *n)
{
	struct cc_risk_rating *r = calloc((size_t)reg->n + 1, sizeof(*r));

	*n = 0;
	for (int k = 0; r && k < reg->n; k++)
		if (reg->v[reg->order[k]].phase[p].set)
			r[(*n)++] = cc_register_rating(reg, reg->order[k], p);
	return r;
}

json_t *cc_register_heatmap_json(const struct cc_register *reg, int phase)
{
	const struct cc_matrix *m = cc_register_matrix(reg);
	int n, *counts = calloc((size_t)m->nlikelihood * (size_t)m->nimpact, sizeof(int));
	struct cc_risk_rating *r = rated(reg, phase, &n);
	json_t *cells = json_array(), *o = NULL;

	if (counts && r && cells) {
		cc_risk_heatmap(m, r, n, counts);
		for (int l = 0; l < m->nlikelihood; l++) {
			for (int i = 0; i < m->nimpact; i++) {
				json_t *ids = json_array();
				for (int k = 0; ids && k < n; k++)
					if (r[k].likelihood == l && r[k].impact == i)
						json_array_append_new(ids, json_string(r[k].id));
				json_array_append_new(cells, json_pack("{s:s,s:s,s:s,s:i,s:o}",
					"likelihood", m->likelihood[l].id, "impact", m->impact[i].id,
					"level", m->levels[cc_matrix_cell(m, l, i)].id, "count",
					counts[l * m->nimpact + i], "risks", ids));
			}
		}
		o = json_pack("{s:s,s:s,s:O,s:i,s:i}", "assessment", reg->a->id, "phase",
			      cc_phase_names[phase], "cells", cells, "rated", n, "unrated", reg->n - n);
	}
	json_decref(cells);
	free(counts);
	free(r);
	return o;
}

static int by_date(const void *a, const void *b)
{
	const struct cc_risk_rec *x = *(const struct cc_risk_rec *const *)a;
	const struct cc_risk_rec *y = *(const struct cc_risk_rec *const *)b;
	int c = strcmp(x->review_date, y->review_date);

	return c ? c : strcmp(x->id, y->id);
}

json_t *cc_register_review_due_json(const struct cc_register *reg, int today)
{
	const struct cc_risk_rec **due = calloc((size_t)reg->n + 1, sizeof(*due));
	int n = 0;
	json_t *list = json_array(), *o = NULL;
	char day[11];

	cc_date_format(today, day);
	for (int i = 0; due && i < reg->n; i++) {
		int d;
		if (reg->v[i].r->review_date && cc_date_valid(reg->v[i].r->review_date, &d) &&
		    d < today)
			due[n++] = reg->v[i].r;
	}
	if (due && list) {
		qsort(due, (size_t)n, sizeof(*due), by_date);
		for (int k = 0; k < n; k++) {
			const struct cc_risk_view *v = &reg->v[cc_register_find(reg, due[k]->id)];
			const struct cc_rated *cur = &v->phase[CC_PHASE_CURRENT];
			int d;

			cc_date_valid(v->r->review_date, &d);
			json_array_append_new(list, json_pack("{s:s,s:s,s:s,s:s,s:i,s:s?}", "id",
				v->r->id, "title", v->r->title, "owner", v->r->owner, "review_date",
				v->r->review_date, "days_overdue", today - d, "level",
				cur->set ? reg->m.levels[cur->level].id : NULL));
		}
		o = json_pack("{s:s,s:s,s:O}", "assessment", reg->a->id, "today", day, "risks", list);
	}
	json_decref(list);
	free(due);
	return o;
}

static json_t *brief(const struct cc_matrix *m, const struct cc_rated *x)
{
	if (!x->set)
		return json_null();
	return json_pack("{s:s,s:s,s:s}", "likelihood", m->likelihood[x->likelihood].id,
			 "impact", m->impact[x->impact].id, "level", m->levels[x->level].id);
}

static json_t *level_counts(const struct cc_matrix *m, const int *counts)
{
	json_t *o = json_object();

	for (int l = 0; o && l < m->nlevels; l++)
		json_object_set_new(o, m->levels[l].id, json_integer(counts[l]));
	return o;
}

json_t *cc_register_gain_json(const struct cc_register *reg)
{
	const struct cc_matrix *m = cc_register_matrix(reg);
	int *before = calloc((size_t)m->nlevels, sizeof(int)), *after = calloc((size_t)m->nlevels,
										sizeof(int));
	json_t *list = json_array(), *o = NULL;

	for (int k = 0; before && after && list && k < reg->n; k++) {
		int i = reg->order[k];
		const struct cc_risk_view *v = &reg->v[i];
		const struct cc_rated *cur = &v->phase[CC_PHASE_CURRENT], *tgt = &v->phase[CC_PHASE_TARGET];
		struct cc_risk_rating a, b = {0};
		json_t *options = json_array();

		if (!cur->set)
			continue;
		a = cc_register_rating(reg, i, CC_PHASE_CURRENT);
		before[a.level]++;
		if (tgt->set) {
			b = cc_register_rating(reg, i, CC_PHASE_TARGET);
			after[b.level]++;
		} else {
			after[a.level]++;
		}
		for (int t = 0; options && t < v->ntreatments; t++)
			json_array_append_new(options, json_string(v->treatments[t]->option));
		json_array_append_new(list, json_pack("{s:s,s:s,s:o,s:o,s:o,s:o}", "id", v->r->id,
			"title", v->r->title, "current", brief(m, cur), "target", brief(m, tgt),
			"levels_off", tgt->set ? json_integer(cc_risk_levels_off(&a, &b)) : json_null(),
			"treatments", options));
	}
	if (before && after && list)
		o = json_pack("{s:s,s:O,s:o,s:o}", "assessment", reg->a->id, "risks", list,
			      "current", level_counts(m, before), "target", level_counts(m, after));
	json_decref(list);
	free(before);
	free(after);
	return o;
}

json_t *cc_register_sectors_json(const struct cc_register *reg, const struct cc_list *terms)
{
	const struct cc_term_rec *t = terms->items;
	const struct cc_matrix *m = cc_register_matrix(reg);
	int *counts = calloc((size_t)m->nlevels, sizeof(int));
	json_t *list = json_array(), *o = NULL;

	for (int k = 0; counts && list && k < terms->n; k++) {
		json_t *ids = json_array();
		int unrated = 0;

		if (strcmp(t[k].kind, "sector") != 0)
			continue;
		memset(counts, 0, (size_t)m->nlevels * sizeof(int));
		for (int j = 0; ids && j < reg->n; j++) {
			const struct cc_risk_view *v = &reg->v[reg->order[j]];
			if (!has_sector(v, t[k].id))
				continue;
			json_array_append_new(ids, json_string(v->r->id));
			if (v->phase[CC_PHASE_CURRENT].set)
				counts[v->phase[CC_PHASE_CURRENT].level]++;
			else
				unrated++;
		}
		json_array_append_new(list, json_pack("{s:s,s:s,s:o,s:o,s:i}", "id", t[k].id, "name",
			t[k].name, "risks", ids, "levels", level_counts(m, counts), "unrated", unrated));
	}
	if (counts && list)
		o = json_pack("{s:s,s:O}", "assessment", reg->a->id, "sectors", list);
	json_decref(list);
	free(counts);
	return o;
}

json_t *cc_register_public_json(const struct cc_register *reg)
{
	const struct cc_matrix *m = cc_register_matrix(reg);
	const struct cc_risk_assessment_rec *a = reg->a;
	int *counts = calloc((size_t)m->nlevels, sizeof(int));
	json_t *list = json_array(), *levels = json_array(), *o = NULL;

	for (int l = 0; levels && l < m->nlevels; l++)
		json_array_append_new(levels, json_pack("{s:s,s:s,s:s}", "id", m->levels[l].id, "name",
							m->levels[l].name, "color", m->levels[l].color));
	for (int k = 0; counts && list && k < reg->n; k++) {
		const struct cc_risk_view *v = &reg->v[reg->order[k]];
		const struct cc_rated *cur = &v->phase[CC_PHASE_CURRENT];

		if (!v->r->is_public)
			continue;
		if (cur->set)
			counts[cur->level]++;
		json_array_append_new(list, json_pack("{s:s,s:s,s:s?}", "public_title",
			v->r->public_title, "public_summary", v->r->public_summary, "level",
			cur->set ? m->levels[cur->level].id : NULL));
	}
	if (counts && list && levels)
		o = json_pack("{s:s,s:s,s:s,s:s,s:s,s:s?,s:b,s:{s:s,s:s,s:O},s:O,s:o}", "id", a->id,
			      "unit", a->unit, "title", a->title, "start", a->start, "end", a->end,
			      "published_at", a->published_at, "published", a->published, "matrix",
			      "id", m->id, "title", m->title, "levels", levels, "risks", list,
			      "counts", level_counts(m, counts));
	json_decref(list);
	json_decref(levels);
	free(counts);
	return o;
}
