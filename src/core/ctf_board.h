/*
 * ctf_board.h - the scoreboard of a drill's technical challenges
 * (../shared/spec/scenario-format.md, "Challenges"): from the solves,
 * hint unlocks and awards in time order, each team's score (the current
 * value of each challenge it solved, minus its unlocks, plus its
 * awards), the spec's order (core/ctf_score.h), first solves, and the
 * score over time of the leading teams. Pure: the caller loads the
 * events; a cutoff on the play clock gives the board as it was (the
 * freeze).
 */
#ifndef CC_CTF_BOARD_H
#define CC_CTF_BOARD_H

#include <stdbool.h>

#include "ctf_score.h"

enum cc_ctf_kind { CC_CTF_SOLVE, CC_CTF_UNLOCK, CC_CTF_AWARD };

struct cc_ctf_event {
	enum cc_ctf_kind kind;
	int team, challenge;        /* indices; challenge -1 for awards */
	double points;              /* unlock: its cost; award: its value */
	double at, clock;           /* wall time, minutes of play */
};

struct cc_ctf_input {
	const struct cc_challenge *challenges;
	int nchallenges;
	const char *const *teams;   /* ids */
	const bool *hidden;         /* on no board, not counted in values */
	int nteams;
	const struct cc_ctf_event *events;   /* in time order */
	int nevents;
	double cutoff;              /* play minutes: events at or after it are left out */
};

struct cc_ctf_team_score {
	int team;
	double score, reached;      /* reached: wall time of the last event, 0 for none */
	int solves;
	int rank;                   /* 1-based, in board order */
};

/* Solves per challenge (hidden teams left out) into counts[nchallenges]. */
void cc_ctf_counts(const struct cc_ctf_input *in, int *counts);

/* Every team not hidden into out[nteams], in board order, ranked;
 * returns how many (-1: out of memory). include(team, arg) selects teams (a
 * bracket; NULL: all). first[nchallenges] gets the team that solved each
 * first (-1: none). */
int cc_ctf_board(const struct cc_ctf_input *in, bool (*include)(int team, void *arg),
		 void *arg, struct cc_ctf_team_score *out, int *first);

/* The score of team after events [0, upto) (with values at that time). */
double cc_ctf_score_at(const struct cc_ctf_input *in, int team, int upto);

/* Scores over time of the teams track[0..ntrack): scores[e * ntrack + k]
 * is track[k]'s score just after event e (values as they were then).
 * Events stop at the first one at or after the cutoff; returns how many
 * were taken (scores needs that many rows; nevents at most), -1 when out
 * of memory. One pass: a solve changes the value of its challenge for
 * every tracked solver of it, so the cost is events x tracked teams. */
int cc_ctf_series(const struct cc_ctf_input *in, const int *track, int ntrack,
		  double *scores);

#endif
