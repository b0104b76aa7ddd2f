/*
 * test_ctf_board.c - the scoreboard of a drill's challenges
 * (core/ctf_board.c): scores with values that fall as others solve, the
 * spec's order, first solves, the freeze cut-off, and the score-over-time
 * series, on a hand-worked case and against the one-score-at-a-time
 * reference (cc_ctf_score_at) on many random event lists.
 */
#include "helpers.h"

#include "core/ctf_board.h"

static const char *const teams[] = {"a", "b", "c", "h"};
static const bool hidden[] = {false, false, false, true};

/* Two challenges: x dynamic (linear 300 - 100 per solve after the
 * first, minimum 100), y fixed at 50. */
static struct cc_challenge chals[2] = {
	{.id = "x", .dynamic = true, .initial = 300, .minimum = 100, .decay = 100,
	 .function = CC_DECAY_LINEAR},
	{.id = "y", .value = 50},
};

static struct cc_ctf_input input_of(const struct cc_ctf_event *ev, int n, double cutoff)
{
	return (struct cc_ctf_input){chals, 2, teams, hidden, 4, ev, n, cutoff};
}

static void test_hand_worked(void **state)
{
	/* a solves x (300), the hidden team h solves x (no change), b solves
	 * x (x now 200 for both), c solves y (50), a unlocks a hint (20), c
	 * gets an award of 150 */
	const struct cc_ctf_event ev[] = {
		{CC_CTF_SOLVE, 0, 0, 0, 10, 1}, {CC_CTF_SOLVE, 3, 0, 0, 11, 2},
		{CC_CTF_SOLVE, 1, 0, 0, 12, 3}, {CC_CTF_SOLVE, 2, 1, 0, 13, 4},
		{CC_CTF_UNLOCK, 0, 0, 20, 14, 5}, {CC_CTF_AWARD, 2, -1, 150, 15, 6},
	};
	struct cc_ctf_input in = input_of(ev, 6, INFINITY);
	struct cc_ctf_team_score out[4];
	int first[2], track[3] = {0, 1, 2}, n;
	double sc[6 * 3];

	(void)state;
	n = cc_ctf_board(&in, NULL, NULL, out, first);
	assert_int_equal(n, 3);
	/* b 200 reached at 12 before c 200 at 15; a 180 */
	assert_int_equal(out[0].team, 1);
	assert_near(out[0].score, 200);
	assert_int_equal(out[1].team, 2);
	assert_near(out[1].score, 200);
	assert_int_equal(out[2].team, 0);
	assert_near(out[2].score, 180);
	assert_int_equal(out[2].rank, 3);
	assert_int_equal(first[0], 0);
	assert_int_equal(first[1], 2);
	/* frozen at play minute 3: only a's and h's solves */
	in = input_of(ev, 6, 3);
	n = cc_ctf_board(&in, NULL, NULL, out, first);
	assert_int_equal(out[0].team, 0);
	assert_near(out[0].score, 300);
	assert_int_equal(first[1], -1);
	/* series: a 300, 300, 200, 200, 180, 180; b 0, 0, 200, ... */
	in = input_of(ev, 6, INFINITY);
	assert_int_equal(cc_ctf_series(&in, track, 3, sc), 6);
	assert_near(sc[0 * 3 + 0], 300);
	assert_near(sc[1 * 3 + 0], 300);
	assert_near(sc[2 * 3 + 0], 200);
	assert_near(sc[2 * 3 + 1], 200);
	assert_near(sc[4 * 3 + 0], 180);
	assert_near(sc[5 * 3 + 2], 200);
	in = input_of(ev, 6, 3);
	assert_int_equal(cc_ctf_series(&in, track, 3, sc), 2);
}

/* The series agrees with the reference at every event, for random lists
 * (each team solves a challenge at most once). */
static void test_series_matches_reference(void **state)
{
	struct cc_ctf_event ev[60];
	double sc[60 * 4];
	int track[4] = {3, 0, 1, 2};

	(void)state;
	srand(7);
	for (int round = 0; round < 200; round++) {
		bool done[4][2] = {{false}};
		int n = 0;
		while (n < 60) {
			int t = rand() % 4, c = rand() % 2, k = rand() % 3;
			if (k == 0 && done[t][c])
				continue;
			if (k == 0)
				done[t][c] = true;
			ev[n] = (struct cc_ctf_event){k == 0 ? CC_CTF_SOLVE : k == 1 ? CC_CTF_UNLOCK :
						      CC_CTF_AWARD, t, k == 2 ? -1 : c,
						      (double)(rand() % 40), n, n};
			n++;
		}
		struct cc_ctf_input in = input_of(ev, n, round % 2 ? INFINITY : 40);
		int m = cc_ctf_series(&in, track, 4, sc);
		assert_int_equal(m, round % 2 ? 60 : 40);
		for (int e = 0; e < m; e++)
			for (int k = 0; k < 4; k++)
				assert_near(sc[e * 4 + k], cc_ctf_score_at(&in, track[k], e + 1));
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hand_worked),
		cmocka_unit_test(test_series_matches_reference),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
