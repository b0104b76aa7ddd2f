/*
 * spread.h - how far apart the respondents of a workshop are on one
 * question: how many gave each answer, the median rating, and whether two
 * ratings lie CC_SPREAD_DIVERGENT_STEPS or more levels apart (a distance
 * in scale steps, the difference of the levels' indices, whatever the
 * levels' values).
 *
 * Pure: the caller parses the answers, gives each a canonical spelling
 * (so that "a|b" and "b|a" count as one) and owns every array.
 */
#ifndef CC_SPREAD_H
#define CC_SPREAD_H

#include <stdbool.h>

#define CC_SPREAD_DIVERGENT_STEPS 2

struct cc_spread_item {
	const char *key;    /* the answer, canonical; counted by equal text */
	int order;          /* where the answer stands among the question's
			       answers (option or level index), -1: none;
			       counts are sorted by it, then by first given */
	int level;          /* rating questions: the level's index in the
			       scale; -1 for any other answer */
	double rating;      /* rating questions: the rating given (the
			       level's value); NaN otherwise */
};

struct cc_spread_count {
	const char *key;    /* points into the items */
	int n;
	int order;
	int first;          /* index of the first item with this key */
};

struct cc_spread {
	int ncounts;        /* entries used in the caller's counts array */
	double median;      /* of the ratings; NaN when there is none */
	bool divergent;     /* two levels CC_SPREAD_DIVERGENT_STEPS apart */
	int min_level, max_level;   /* -1 when there is no rating */
};

/* Fills out and counts[0..out->ncounts) from items[0..n). counts must hold
 * n entries; scratch n doubles (the ratings, sorted there). */
void cc_spread_compute(const struct cc_spread_item *items, int n,
		       struct cc_spread_count *counts, double *scratch,
		       struct cc_spread *out);

#endif
