/*
 * ctf_boards.h - the challenge boards of drills held in memory, so that
 * scoreboard reads (and the `scoreboard` events of the drill streams) do
 * not read every solve from the store each time: per drill, everything
 * the board is made of (service/challenges.h, struct cc_ctf: challenges,
 * teams, brackets, solves, unlocks, awards, the freeze, the status
 * moves), read once after each change and shared by every reader.
 *
 * A change (cc_ctf_boards_changed: a solve committed by the attempt
 * writer, an unlock, an award, an edit, a status move) makes the next
 * reader load it again; readers that come while it is being loaded get
 * the one before, at most a load old. A state older than
 * CC_CTF_BOARDS_MAX_AGE seconds is read again too (another server on
 * the database). The play clock, hence the freeze, is the reader's own
 * (cc_ctf_clock_at).
 *
 * Locks: takes the store lock to load; never call holding it.
 */
#ifndef CC_CTF_BOARDS_H
#define CC_CTF_BOARDS_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>

#include "../service/challenges.h"

#define CC_CTF_BOARDS_MAX_AGE 2.0

struct cc_ctf_boards;
struct cc_ctf_shared;            /* one loaded state, with a reference count */

struct cc_ctf_boards *cc_ctf_boards_new(struct cc_store *s, pthread_mutex_t *store_lock);
void cc_ctf_boards_free(struct cc_ctf_boards *b);

/* Drill changed (committed). */
void cc_ctf_boards_changed(struct cc_ctf_boards *b, const char *drill);

/* Drill's state at wall time now into *out (a copy of the shared one
 * with the clock of now; read-only), held by *ref until
 * cc_ctf_boards_put. CC_ENOTFOUND and other errors of cc_ctf_load. */
int cc_ctf_boards_get(struct cc_ctf_boards *b, const char *drill, double now,
		      struct cc_ctf *out, struct cc_ctf_shared **ref, struct cc_error *err);
void cc_ctf_boards_put(struct cc_ctf_boards *b, struct cc_ctf_shared *ref);

/* The board (series false) or the score-over-time series of drill as
 * JSON text (malloc'd, *len its length), live for staff, else as the
 * players see it (frozen after the freeze); bracket NULL: every team.
 * Each state renders each of its views once (the whole board: brackets
 * are rendered each time) and later readers copy the text. */
int cc_ctf_boards_text(struct cc_ctf_boards *b, const char *drill, double now, bool staff,
		       const char *bracket, bool series, char **text, size_t *len,
		       struct cc_error *err);

#endif
