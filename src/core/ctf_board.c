/*
 * ctf_board.c - scores, board order, first solves and scores over time
 * (see ctf_board.h). Values are a function of the solve counts at the
 * moment looked at, so a score is the sum of its solves' values at that
 * moment rather than accumulated: every solver holds a challenge's
 * current value. The board is one pass over the events (counts, then
 * each team's sum) and a sort; the series one pass that moves the
 * tracked solvers of a challenge when its value moves.
 */
#include "ctf_board.h"

#include <stdlib.h>
#include <string.h>

static bool counted(const struct cc_ctf_input *in, int i, int upto)
{
	return i < upto && in->events[i].clock < in->cutoff;
}

static void counts_upto(const struct cc_ctf_input *in, int upto, int *counts)
{
	memset(counts, 0, sizeof(*counts) * (size_t)(in->nchallenges ? in->nchallenges : 1));
	for (int i = 0; i < in->nevents; i++) {
		const struct cc_ctf_event *e = &in->events[i];
		if (counted(in, i, upto) && e->kind == CC_CTF_SOLVE && !in->hidden[e->team])
			counts[e->challenge]++;
	}
}

void cc_ctf_counts(const struct cc_ctf_input *in, int *counts)
{
	counts_upto(in, in->nevents, counts);
}

/* What event e does to its team's score, with the values of counts. */
static double points_of(const struct cc_ctf_input *in, const struct cc_ctf_event *e,
			const int *counts)
{
	if (e->kind == CC_CTF_SOLVE)
		return cc_challenge_value(&in->challenges[e->challenge], counts[e->challenge]);
	return e->kind == CC_CTF_UNLOCK ? -e->points : e->points;
}

double cc_ctf_score_at(const struct cc_ctf_input *in, int team, int upto)
{
	int *counts = malloc(sizeof(int) * (size_t)(in->nchallenges + 1));
	double score = 0;

	if (!counts)
		return 0;
	counts_upto(in, upto, counts);
	for (int i = 0; i < in->nevents; i++)
		if (counted(in, i, upto) && in->events[i].team == team)
			score += points_of(in, &in->events[i], counts);
	free(counts);
	return score;
}

/* Each team's score, reached and solves after every counted event. */
static void sums(const struct cc_ctf_input *in, const int *counts,
		 struct cc_ctf_team_score *all)
{
	for (int t = 0; t < in->nteams; t++)
		all[t] = (struct cc_ctf_team_score){.team = t};
	for (int i = 0; i < in->nevents; i++) {
		const struct cc_ctf_event *e = &in->events[i];
		if (!counted(in, i, in->nevents) || e->team < 0 || e->team >= in->nteams)
			continue;
		all[e->team].score += points_of(in, e, counts);
		all[e->team].reached = e->at;
		all[e->team].solves += e->kind == CC_CTF_SOLVE;
	}
}

static void first_solves(const struct cc_ctf_input *in, int *first)
{
	for (int c = 0; c < in->nchallenges; c++)
		first[c] = -1;
	for (int i = 0; i < in->nevents; i++) {
		const struct cc_ctf_event *e = &in->events[i];
		if (counted(in, i, in->nevents) && e->kind == CC_CTF_SOLVE && !in->hidden[e->team] &&
		    first[e->challenge] < 0)
			first[e->challenge] = e->team;
	}
}

int cc_ctf_board(const struct cc_ctf_input *in, bool (*include)(int team, void *arg),
		 void *arg, struct cc_ctf_team_score *out, int *first)
{
	int *counts = malloc(sizeof(int) * (size_t)(in->nchallenges + 1)), n = 0;
	struct cc_ctf_team_score *all = malloc(sizeof(*all) * (size_t)(in->nteams + 1));
	struct cc_board_row *rows = malloc(sizeof(*rows) * (size_t)(in->nteams + 1));

	if (!counts || !rows || !all) {
		free(counts), free(rows), free(all);
		return -1;
	}
	counts_upto(in, in->nevents, counts);
	first_solves(in, first);
	sums(in, counts, all);
	for (int t = 0; t < in->nteams; t++) {
		if (in->hidden[t] || (include && !include(t, arg)))
			continue;
		rows[n++] = (struct cc_board_row){in->teams[t], all[t].score, all[t].reached, t};
	}
	cc_board_sort(rows, n);
	for (int k = 0; k < n; k++) {
		out[k] = all[rows[k].index];
		out[k].rank = k + 1;
	}
	free(counts), free(rows), free(all);
	return n;
}

/* ---- the series ---- */

struct series {
	int *counts;            /* solves per challenge so far (not hidden) */
	char *solved;           /* [ntrack * nchallenges]: tracked k solved c */
	double *score;          /* [ntrack] */
	int *slot;              /* team -> k, or -1 */
};

static void series_free(struct series *s)
{
	free(s->counts), free(s->solved), free(s->score), free(s->slot);
}

static int series_init(struct series *s, const struct cc_ctf_input *in, const int *track,
		       int ntrack)
{
	size_t nc = (size_t)in->nchallenges + 1;

	s->counts = calloc(nc, sizeof(*s->counts));
	s->solved = calloc(nc * (size_t)(ntrack + 1), 1);
	s->score = calloc((size_t)ntrack + 1, sizeof(*s->score));
	s->slot = malloc(sizeof(*s->slot) * (size_t)(in->nteams + 1));
	if (!s->counts || !s->solved || !s->score || !s->slot)
		return -1;
	for (int t = 0; t < in->nteams; t++)
		s->slot[t] = -1;
	for (int k = 0; k < ntrack; k++)
		if (track[k] >= 0 && track[k] < in->nteams)
			s->slot[track[k]] = k;
	return 0;
}

/* Applies solve e: its challenge's value moves for every tracked solver. */
static void series_solve(struct series *s, const struct cc_ctf_input *in, int ntrack,
			 const struct cc_ctf_event *e)
{
	const struct cc_challenge *ch = &in->challenges[e->challenge];
	int c = e->challenge, k = s->slot[e->team];
	double before = cc_challenge_value(ch, s->counts[c]), after;

	s->counts[c] += !in->hidden[e->team];
	after = cc_challenge_value(ch, s->counts[c]);
	for (int j = 0; after != before && j < ntrack; j++)
		if (s->solved[(size_t)j * (size_t)in->nchallenges + (size_t)c])
			s->score[j] += after - before;
	if (k >= 0 && !s->solved[(size_t)k * (size_t)in->nchallenges + (size_t)c]) {
		s->solved[(size_t)k * (size_t)in->nchallenges + (size_t)c] = 1;
		s->score[k] += after;
	}
}

int cc_ctf_series(const struct cc_ctf_input *in, const int *track, int ntrack,
		  double *scores)
{
	struct series s = {0};
	int n = 0;

	if (series_init(&s, in, track, ntrack)) {
		series_free(&s);
		return -1;
	}
	for (; n < in->nevents && in->events[n].clock < in->cutoff; n++) {
		const struct cc_ctf_event *e = &in->events[n];
		int k = e->team >= 0 && e->team < in->nteams ? s.slot[e->team] : -1;
		if (e->kind == CC_CTF_SOLVE)
			series_solve(&s, in, ntrack, e);
		else if (k >= 0)
			s.score[k] += e->kind == CC_CTF_UNLOCK ? -e->points : e->points;
		memcpy(scores + (size_t)n * (size_t)ntrack, s.score, sizeof(double) * (size_t)ntrack);
	}
	series_free(&s);
	return n;
}
