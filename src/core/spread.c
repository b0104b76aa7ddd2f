/*
 * spread.c - counts, median rating and divergence of a workshop's answers
 * to one question (see spread.h).
 */
#include "spread.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static int cmp_count(const void *a, const void *b)
{
	const struct cc_spread_count *x = a, *y = b;

	/* Answers with a place among the question's come first, in it. */
	if (x->order != y->order) {
		if (x->order < 0 || y->order < 0)
			return x->order < 0 ? 1 : -1;
		return x->order < y->order ? -1 : 1;
	}
	return x->first < y->first ? -1 : x->first > y->first;
}

static void count(const struct cc_spread_item *items, int n,
		  struct cc_spread_count *counts, int *ncounts)
{
	*ncounts = 0;
	for (int i = 0; i < n; i++) {
		int c = 0;

		while (c < *ncounts && strcmp(counts[c].key, items[i].key) != 0)
			c++;
		if (c == *ncounts) {
			counts[c].key = items[i].key;
			counts[c].n = 0;
			counts[c].order = items[i].order;
			counts[c].first = i;
			(*ncounts)++;
		}
		counts[c].n++;
	}
	if (*ncounts > 1)
		qsort(counts, (size_t)*ncounts, sizeof(*counts), cmp_count);
}

void cc_spread_compute(const struct cc_spread_item *items, int n,
		       struct cc_spread_count *counts, double *scratch,
		       struct cc_spread *out)
{
	int nr = 0;

	count(items, n, counts, &out->ncounts);
	out->min_level = out->max_level = -1;
	for (int i = 0; i < n; i++) {
		if (!isnan(items[i].rating))
			scratch[nr++] = items[i].rating;
		if (items[i].level < 0)
			continue;
		if (out->min_level < 0 || items[i].level < out->min_level)
			out->min_level = items[i].level;
		if (items[i].level > out->max_level)
			out->max_level = items[i].level;
	}
	if (nr > 1)
		qsort(scratch, (size_t)nr, sizeof(*scratch), cmp_double);
	out->median = nr == 0 ? NAN : nr % 2 ? scratch[nr / 2] :
		(scratch[nr / 2 - 1] + scratch[nr / 2]) / 2;
	out->divergent = out->min_level >= 0 &&
		out->max_level - out->min_level >= CC_SPREAD_DIVERGENT_STEPS;
}
