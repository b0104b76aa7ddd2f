/*
 * sample.h - fictional answers for any framework, for demos, tests and
 * benchmarks, so that no one has to invent data about real countries.
 *
 * Units get ISO 3166 user-assigned codes XAA, XAB, ... XZZ (at most 676).
 * Each unit has a latent capacity c drawn from Beta(2, 2.2) (lower for the
 * units flagged as LDC); each question a difficulty d; the chance that a
 * unit has achieved a question is p = 1 / (1 + exp(-8 (c - d))). Every
 * (unit, question) pair has its own uniform draw u, fixed by the seed, and
 * the answer is read off p and u, so answers correlate within units and
 * pillars. An edition k raises c by 0.06 k (1 - c) with the same draws, so
 * later editions show progress for the same seed. About 2 % of answers are
 * left blank; answers whose `when` does not hold are not given.
 *
 * GSL's MT19937 generator supplies the draws: the same framework, seed,
 * unit count and edition always give the same answers.
 */
#ifndef CC_SAMPLE_H
#define CC_SAMPLE_H

#include "answers.h"

#define CC_SAMPLE_MAX_UNITS 676

struct cc_sample_opts {
	int units;
	int first;             /* index of the first unit (0: XAA); a unit's
				  answers do not depend on which others are drawn */
	unsigned long seed;
	int edition;
	double blank_rate;     /* share of answers left blank */
};

struct cc_sample_unit {
	char id[4];
	char name[48];
	const char *itu_region;
	const char *m49_region;
	int ldc, lldc, sids;
	double capacity;       /* the latent capacity before any edition */
};

/* The fictional profile of unit i (0-based) for a seed. */
void cc_sample_unit(unsigned long seed, int i, struct cc_sample_unit *out);

/* Fills out (initialised here) with answers to fw. */
int cc_sample_answers(const struct cc_framework *fw,
		      const struct cc_sample_opts *opts, struct cc_answers *out,
		      struct cc_error *err);

#endif
