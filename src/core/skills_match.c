/*
 * skills_match.c - the explainable greedy mentor matching (see
 * skills_match.h).
 */
#include "skills_match.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *shared(const char *const *a, int na, const char *const *b, int nb,
			  int *count, char *list, size_t size)
{
	const char *first = NULL;
	size_t used = 0;

	*count = 0;
	if (list && size)
		list[0] = '\0';
	for (int i = 0; i < na; i++)
		for (int j = 0; j < nb; j++)
			if (strcmp(a[i], b[j]) == 0) {
				if (!first)
					first = a[i];
				if (list && used < size) {
					int w = snprintf(list + used, size - used, "%s%s",
							 *count ? ", " : "", a[i]);
					used += w > 0 ? (size_t)w : 0;
				}
				++*count;
				break;
			}
	return first;
}

/* The score of (mentor, mentee); -1 when they cannot be paired. */
static int score(const struct cc_match_person *m, const struct cc_match_person *e)
{
	int langs, goals, gap = abs(m->utc_offset - e->utc_offset);
	int sc;

	if (m->load >= m->capacity || !shared(m->langs, m->nlangs, e->langs, e->nlangs, &langs,
					      NULL, 0))
		return -1;
	shared(m->goals, m->ngoals, e->goals, e->ngoals, &goals, NULL, 0);
	sc = 3 + 2 * goals - m->load;
	sc += gap <= 180 ? 2 : gap <= 360 ? 1 : 0;
	return sc < 0 ? 0 : sc;
}

static void reason(struct cc_match_result *r, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void reason(struct cc_match_result *r, const char *fmt, ...)
{
	va_list ap;

	if (r->nreasons >= CC_MATCH_MAX_REASONS)
		return;
	va_start(ap, fmt);
	vsnprintf(r->reasons[r->nreasons++], CC_MATCH_REASON, fmt, ap);
	va_end(ap);
}

static void explain(struct cc_match_result *r, const struct cc_match_person *m,
		    const struct cc_match_person *e, const char *track)
{
	char list[CC_MATCH_REASON - 40];
	int n, gap = abs(m->utc_offset - e->utc_offset);
	const char *lang = shared(m->langs, m->nlangs, e->langs, e->nlangs, &n, NULL, 0);

	if (track)
		reason(r, "same track: %s", track);
	reason(r, "shared language: %s", lang);
	if (gap % 60)
		reason(r, "time zones %d h %d min apart", gap / 60, gap % 60);
	else
		reason(r, "time zones %d h apart", gap / 60);
	shared(m->goals, m->ngoals, e->goals, e->ngoals, &n, list, sizeof(list));
	if (n)
		reason(r, "shared goals: %s", list);
	reason(r, "mentor's load with this pair: %d of %d", m->load + 1, m->capacity);
}

static void why_not(struct cc_match_result *r, const struct cc_match_person *mentors, int nm,
		    const struct cc_match_person *e)
{
	int langs, room = 0, speak = 0;

	for (int i = 0; i < nm; i++) {
		room += mentors[i].load < mentors[i].capacity;
		speak += shared(mentors[i].langs, mentors[i].nlangs, e->langs, e->nlangs, &langs,
				NULL, 0) != NULL;
	}
	if (!nm)
		reason(r, "no active mentor in the cohort");
	else if (!speak)
		reason(r, "no mentor shares a language");
	else if (!room)
		reason(r, "every mentor is at capacity");
	else
		reason(r, "every mentor sharing a language is at capacity");
}

int cc_match_propose(struct cc_match_person *mentors, int nm,
		     const struct cc_match_person *mentees, int ne, const char *track,
		     struct cc_match_result *out)
{
	bool *done = calloc((size_t)ne + 1, sizeof(*done));
	int made = 0, k = 0;

	if (!done)
		return -1;
	for (;;) {
		int bm = -1, be = -1, bs = -1;

		for (int e = 0; e < ne; e++)
			for (int m = 0; !done[e] && m < nm; m++) {
				int sc = score(&mentors[m], &mentees[e]);

				if (sc > bs || (sc == bs && sc >= 0 &&
						mentors[m].load < mentors[bm].load)) {
					bs = sc;
					bm = m;
					be = e;
				}
			}
		if (bs < 0)
			break;
		memset(&out[k], 0, sizeof(out[k]));
		out[k].mentor = bm;
		out[k].mentee = be;
		out[k].score = bs;
		explain(&out[k], &mentors[bm], &mentees[be], track);
		mentors[bm].load++;
		done[be] = true;
		k++;
		made++;
	}
	for (int e = 0; e < ne; e++)
		if (!done[e]) {
			memset(&out[k], 0, sizeof(out[k]));
			out[k].mentor = -1;
			out[k].mentee = e;
			why_not(&out[k], mentors, nm, &mentees[e]);
			k++;
		}
	free(done);
	return made;
}
