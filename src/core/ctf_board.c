/*
 * ctf_board.c - scores, board order, first solves and scores over time
 * (see ctf_board.h). Values are a function of the solve counts at the
 * moment looked at, so a score is recomputed from the events rather than
 * accumulated: every solver holds a challenge's current value.
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

static double score_with(const struct cc_ctf_input *in, int team, int upto,
			 const int *counts, double *reached, int *solves)
{
	double score = 0;

	*reached = 0;
	*solves = 0;
	for (int i = 0; i < in->nevents; i++) {
		const struct cc_ctf_event *e = &in->events[i];
		if (!counted(in, i, upto) || e->team != team)
			continue;
		*reached = e->at;
		if (e->kind == CC_CTF_SOLVE) {
			score += cc_challenge_value(&in->challenges[e->challenge], counts[e->challenge]);
			++*solves;
		} else if (e->kind == CC_CTF_UNLOCK) {
			score -= e->points;
		} else {
			score += e->points;
		}
	}
	return score;
}

double cc_ctf_score_at(const struct cc_ctf_input *in, int team, int upto)
{
	int *counts = malloc(sizeof(int) * (size_t)(in->nchallenges + 1)), solves;
	double reached, score;

	if (!counts)
		return 0;
	counts_upto(in, upto, counts);
	score = score_with(in, team, upto, counts, &reached, &solves);
	free(counts);
	return score;
}

int cc_ctf_board(const struct cc_ctf_input *in, bool (*include)(int team, void *arg),
		 void *arg, struct cc_ctf_team_score *out, int *first)
{
	int *counts = malloc(sizeof(int) * (size_t)(in->nchallenges + 1)), n = 0;
	struct cc_board_row *rows = malloc(sizeof(*rows) * (size_t)(in->nteams + 1));

	if (!counts || !rows) {
		free(counts);
		free(rows);
		return -1;
	}
	counts_upto(in, in->nevents, counts);
	for (int c = 0; c < in->nchallenges; c++)
		first[c] = -1;
	for (int i = 0; i < in->nevents; i++) {
		const struct cc_ctf_event *e = &in->events[i];
		if (counted(in, i, in->nevents) && e->kind == CC_CTF_SOLVE && !in->hidden[e->team] &&
		    first[e->challenge] < 0)
			first[e->challenge] = e->team;
	}
	for (int t = 0; t < in->nteams; t++) {
		if (in->hidden[t] || (include && !include(t, arg)))
			continue;
		out[n].team = t;
		out[n].score = score_with(in, t, in->nevents, counts, &out[n].reached, &out[n].solves);
		rows[n].team = in->teams[t];
		rows[n].score = out[n].score;
		rows[n].reached = out[n].reached;
		n++;
	}
	cc_board_sort(rows, n);
	{
		/* rows are sorted; put out in the same order */
		struct cc_ctf_team_score *tmp = malloc(sizeof(*tmp) * (size_t)(n + 1));
		if (tmp) {
			for (int k = 0; k < n; k++)
				for (int j = 0; j < n; j++)
					if (in->teams[out[j].team] == rows[k].team) {
						tmp[k] = out[j];
						tmp[k].rank = k + 1;
					}
			memcpy(out, tmp, sizeof(*tmp) * (size_t)n);
			free(tmp);
		} else {
			n = -1;
		}
	}
	free(counts);
	free(rows);
	return n;
}
