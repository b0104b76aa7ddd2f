/*
 * challenge_board.c - the scoreboard of a drill's challenges as JSON (see
 * challenges.h): the spec's order (core/ctf_board.h), per bracket, cut
 * at the freeze for those who see the frozen board, with first solves
 * marked; and the score over time of the leading teams.
 */
#include "challenges.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

struct bracket_arg {
	const struct cc_ctf *c;
	const char *bracket;
};

static bool in_bracket(int t, void *arg)
{
	const struct bracket_arg *b = arg;

	return b->c->bracket[t] && strcmp(b->c->bracket[t], b->bracket) == 0;
}

static bool frozen(const struct cc_ctf *c, bool live)
{
	return !live && !isnan(c->freeze) && c->clock >= c->freeze;
}

static void input(const struct cc_ctf *c, bool live, struct cc_ctf_input *in)
{
	*in = (struct cc_ctf_input){c->ch, c->n, c->teams, c->hidden, c->nteams, c->ev, c->nev,
				    frozen(c, live) ? c->freeze : INFINITY};
}

static json_t *firsts(const struct cc_ctf *c, const int *first)
{
	json_t *o = json_object();

	for (int i = 0; o && i < c->n; i++)
		if (first[i] >= 0)
			json_object_set_new(o, c->rec[i].id, json_string(c->teams[first[i]]));
	return o;
}

json_t *cc_challenges_board_json(const struct cc_ctf *c, const char *bracket, bool live)
{
	struct cc_ctf_team_score *rows = calloc((size_t)c->nteams + 1, sizeof(*rows));
	int *first = calloc((size_t)c->n + 1, sizeof(*first)), n;
	struct bracket_arg arg = {c, bracket};
	struct cc_ctf_input in;
	json_t *teams, *o = NULL;

	input(c, live, &in);
	n = rows && first ? cc_ctf_board(&in, bracket ? in_bracket : NULL, &arg, rows, first) : -1;
	if (n >= 0 && (teams = json_array())) {
		for (int k = 0; k < n; k++) {
			int t = rows[k].team;
			json_array_append_new(teams, json_pack("{s:s,s:f,s:i,s:i,s:o}", "team",
				c->teams[t], "score", rows[k].score, "rank", rows[k].rank, "solves",
				rows[k].solves, "bracket", c->bracket[t] ? json_string(c->bracket[t]) :
				json_null()));
		}
		o = json_pack("{s:b,s:o,s:o,s:o,s:o}", "frozen", frozen(c, live), "freeze",
			      isnan(c->freeze) ? json_null() : json_real(c->freeze), "bracket",
			      bracket ? json_string(bracket) : json_null(), "teams", teams,
			      "first_solves", firsts(c, first));
	}
	free(rows);
	free(first);
	return o;
}

/* The points of tracked team k: where its score moved. */
static json_t *team_points(const struct cc_ctf *c, const double *scores, int n, int ntrack,
			   int k)
{
	json_t *pts = json_array();
	double last = 0;

	for (int e = 0; pts && e < n; e++) {
		double v = scores[(size_t)e * (size_t)ntrack + (size_t)k];
		if (v == last)
			continue;
		last = v;
		json_array_append_new(pts, json_pack("{s:f,s:f,s:f}", "at", c->ev[e].at, "clock",
						     c->ev[e].clock, "score", v));
	}
	return pts;
}

json_t *cc_challenges_series_json(const struct cc_ctf *c, bool live)
{
	struct cc_ctf_team_score *rows = calloc((size_t)c->nteams + 1, sizeof(*rows));
	int *first = calloc((size_t)c->n + 1, sizeof(*first)), track[CC_CTF_SERIES_TEAMS], n, m = 0;
	double *scores = NULL;
	struct cc_ctf_input in;
	json_t *teams = json_array();

	input(c, live, &in);
	n = rows && first && teams ? cc_ctf_board(&in, NULL, NULL, rows, first) : -1;
	for (int k = 0; k < n && k < CC_CTF_SERIES_TEAMS; k++)
		track[m++] = rows[k].team;
	if (n >= 0 && !(scores = malloc(sizeof(double) * ((size_t)c->nev * (size_t)m + 1))))
		n = -1;
	if (n >= 0)
		n = cc_ctf_series(&in, track, m, scores);
	for (int k = 0; n >= 0 && k < m; k++)
		json_array_append_new(teams, json_pack("{s:s,s:o}", "team", c->teams[track[k]],
						       "points", team_points(c, scores, n, m, k)));
	free(rows);
	free(first);
	free(scores);
	if (n < 0) {
		json_decref(teams);
		return NULL;
	}
	return json_pack("{s:b,s:o}", "frozen", frozen(c, live), "teams", teams);
}
