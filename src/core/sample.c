/*
 * sample.c - the seeded generator of fictional answers (see sample.h).
 */
#include "sample.h"

#include "score.h"

#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const itu_regions[] = {
	"Africa", "Americas", "Arab States", "Asia-Pacific", "CIS", "Europe"
};
static const char *const m49_of_itu[] = {
	"Africa", "Americas", "Asia", "Asia", "Asia", "Europe"
};

/* A generator seeded for one purpose: (seed, stream, index). */
static void reseed(gsl_rng *r, unsigned long seed, unsigned long stream,
		   unsigned long index)
{
	unsigned long s = seed * 2654435761ul ^ stream * 40503ul ^ index * 97ul;

	gsl_rng_set(r, s ? s : 1);
}

void cc_sample_unit(unsigned long seed, int i, struct cc_sample_unit *out)
{
	gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
	int region;

	memset(out, 0, sizeof(*out));
	out->id[0] = 'X';
	out->id[1] = (char)('A' + (i / 26) % 26);
	out->id[2] = (char)('A' + i % 26);
	snprintf(out->name, sizeof(out->name), "Fictional country %s", out->id);
	if (!r) {
		out->itu_region = itu_regions[0];
		out->m49_region = m49_of_itu[0];
		return;
	}
	reseed(r, seed, 1, (unsigned long)i);
	region = (int)gsl_rng_uniform_int(r, 6);
	out->itu_region = itu_regions[region];
	out->m49_region = m49_of_itu[region];
	out->ldc = gsl_rng_uniform(r) < 0.25;
	out->lldc = gsl_rng_uniform(r) < 0.15;
	out->sids = !out->lldc && gsl_rng_uniform(r) < 0.2;
	out->capacity = gsl_ran_beta(r, 2, 2.2);
	if (out->ldc)
		out->capacity *= 0.6;
	gsl_rng_free(r);
}

static double clamp01(double x)
{
	return x < 0 ? 0 : x > 1 ? 1 : x;
}

/* The option whose value is nearest to level (first one on ties). */
static int nearest_option(const struct cc_node *n, double level)
{
	int best = 0;

	for (int o = 1; o < n->noptions; o++)
		if (fabs(n->options[o].value - level) <
		    fabs(n->options[best].value - level))
			best = o;
	return best;
}

static int nearest_threshold(const struct cc_node *n, double level)
{
	int best = 0;

	for (int t = 1; t < n->nthresholds; t++)
		if (fabs(n->thresholds[t].value - level) <
		    fabs(n->thresholds[best].value - level))
			best = t;
	return best;
}

/* Writes the answer text for node n into buf; returns 0 to leave it blank. */
static int answer_text(const struct cc_node *n, const char *unit, double p,
		       gsl_rng *r, char *buf, size_t size)
{
	double u = gsl_rng_uniform(r);
	double level = clamp01(p + (u - 0.5) * 0.4);
	size_t used = 0;

	if (n->kind == CC_INDICATOR) {
		snprintf(buf, size, "%.1f", 100 * clamp01(p + gsl_ran_gaussian(r, 0.1)));
		return 1;
	}
	switch (n->qtype) {
	case CC_Q_YES_NO:
		snprintf(buf, size, "%s", u < p ? "yes" :
			 n->has_partial && u < p + 0.25 ? "partial" : "no");
		return 1;
	case CC_Q_CHOICE:
		snprintf(buf, size, "%s", n->options[nearest_option(n, level)].id);
		return 1;
	case CC_Q_RATING: {
		const struct cc_scale *sc = n->rating_scale;
		int k = (int)lround(level * (sc->nlevels - 1));
		snprintf(buf, size, "%d", sc->levels[k].value);
		return 1;
	}
	case CC_Q_MULTI:
		buf[0] = '\0';
		for (int o = 0; o < n->noptions; o++) {
			if (gsl_rng_uniform(r) < p && used + 1 < size)
				used += (size_t)snprintf(buf + used, size - used, "%s%s",
							 used ? "|" : "", n->options[o].id);
		}
		return used > 0;
	case CC_Q_NUMBER:
		if (n->has_goalposts)
			snprintf(buf, size, "%.2f", n->lo + (n->hi - n->lo) * level);
		else
			snprintf(buf, size, "%.10g",
				 n->thresholds[nearest_threshold(n, level)].min);
		return 1;
	default:
		snprintf(buf, size, "Notes from %s (fictional)", unit);
		return 1;
	}
}

static int sample_unit(const struct cc_framework *fw,
		       const struct cc_sample_opts *o, const double *difficulty,
		       int i, gsl_rng *r, struct cc_answers *a, unsigned char *state,
		       struct cc_error *err)
{
	struct cc_sample_unit prof;
	double c;
	int unit, rc;
	char buf[1024];

	i += o->first;
	cc_sample_unit(o->seed, i, &prof);
	c = prof.capacity + 0.06 * o->edition * (1 - prof.capacity);
	rc = cc_answers_unit(a, prof.id, strlen(prof.id), &unit, err);
	if (rc)
		return rc;
	for (int l = 0; l < fw->nleaves; l++) {
		const struct cc_node *n = &fw->nodes[fw->leaves[l]];
		double p = 1 / (1 + exp(-8 * (c - difficulty[l])));

		/* One stream per (unit, question): editions share the draws. */
		reseed(r, o->seed, 3 + (unsigned long)l, (unsigned long)i);
		if (!answer_text(n, prof.id, p, r, buf, sizeof(buf)) ||
		    gsl_rng_uniform(r) < o->blank_rate)
			continue;
		rc = cc_answers_set(a, unit, n->id, strlen(n->id), buf, strlen(buf), err);
		if (rc)
			return rc;
	}
	/* A focal point does not answer what does not apply. */
	cc_score_applicability(fw, a, unit, state);
	for (int l = 0; l < fw->nleaves; l++) {
		if (state[fw->leaves[l]] != CC_APPLIES) {
			struct cc_answer *cell =
				&a->cells[(size_t)unit * (size_t)fw->nleaves + (size_t)l];
			cell->num = NAN;
			cell->bits = 0;
		}
	}
	return CC_OK;
}

int cc_sample_answers(const struct cc_framework *fw,
		      const struct cc_sample_opts *o, struct cc_answers *a,
		      struct cc_error *err)
{
	gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
	double *difficulty = malloc(((size_t)fw->nleaves + 1) * sizeof(double));
	unsigned char *state = malloc((size_t)fw->nnodes);
	int rc = CC_OK;

	cc_answers_init(a, fw);
	if (o->units < 0 || o->first < 0 || o->first + o->units > CC_SAMPLE_MAX_UNITS) {
		rc = cc_error_set(err, CC_EUSAGE, NULL, 0, 0,
				  "the number of units must be from 0 to %d",
				  CC_SAMPLE_MAX_UNITS);
		goto cleanup;
	}
	if (!r || !difficulty || !state) {
		rc = cc_error_set(err, CC_ENOMEM, NULL, 0, 0, "out of memory");
		goto cleanup;
	}
	reseed(r, o->seed, 2, 0);
	for (int l = 0; l < fw->nleaves; l++) {
		const struct cc_node *n = &fw->nodes[fw->leaves[l]];
		double d = gsl_rng_uniform(r);

		/* Under a stage group a later stage is harder to reach, so
		 * fictional units climb the stages as real ones do (format 1.1
		 * files only: samples of version 1 files stay as they were). */
		if (fw->format > 1 && n->stage > 0 && n->parent >= 0)
			d = ((n->stage - 1) + d) / fw->nodes[n->parent].max_stage;
		difficulty[l] = 0.15 + 0.7 * d;
	}
	for (int i = 0; i < o->units && !rc; i++)
		rc = sample_unit(fw, o, difficulty, i, r, a, state, err);
cleanup:
	if (r)
		gsl_rng_free(r);
	free(difficulty);
	free(state);
	if (rc)
		cc_answers_free(a);
	return rc;
}
