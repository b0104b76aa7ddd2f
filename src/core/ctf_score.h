/*
 * ctf_score.h - the technical challenges of a drill
 * (../shared/spec/scenario-format.md, "Challenges"): whether a submission
 * matches a flag, the current value of a dynamic challenge, and the order
 * of the scoreboard. Pure: the caller keeps submissions and solves.
 */
#ifndef CC_CTF_SCORE_H
#define CC_CTF_SCORE_H

#include <stdbool.h>
#include <stddef.h>

#include "scenario.h"

/* Whether the submission s[0..len) matches flag f, after trimming ASCII
 * space, tab, CR and LF around it. */
bool cc_flag_matches(const struct cc_flag *f, const char *s, size_t len);

/* The value of challenge ch with `solves` solves (teams, hidden ones not
 * counted). */
double cc_challenge_value(const struct cc_challenge *ch, int solves);

/* Lower-case hex SHA-256 of s[0..len) into hex (65 bytes). */
void cc_sha256_hex(const char *s, size_t len, char *hex);

/* Whether s is 64 hex digits (a SHA-256 as a hashed flag gives it). */
bool cc_is_sha256_hex(const char *s);

struct cc_board_row {
	const char *team;
	double score;
	double reached;      /* wall time of the last solve, unlock or award */
	int index;           /* the caller's: carried through the sort */
};

/* Orders rows: score highest first, then who reached it first, then team id. */
void cc_board_sort(struct cc_board_row *rows, int n);

#endif
