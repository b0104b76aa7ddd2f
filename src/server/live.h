/*
 * live.h - drills while they run, inside the server: the event log of
 * each drill someone watches, held in memory and handed to every viewer's
 * stream (sse.h) filtered by what that viewer may see
 * (core/drill_rules.h); and the clock thread that delivers injects when
 * they fall due.
 *
 * The log in memory follows the store's inject_event table, which is the
 * truth: after a committed change, cc_live_changed reads what is new and
 * wakes the drill's streams. Each event is rendered once
 * (format/sse_out.h) and the same bytes go to every viewer, so a
 * delivery to 1,000 players costs one render and 1,000 copies.
 *
 * The clock thread (drill_clock_thread.c) sleeps until the earliest
 * wall time at which an inject of a running drill can fall due
 * (core/drill_clock.h via cc_drills_tick), a change (cc_live_changed), a
 * heartbeat (15 s), or a commit by another process on the database
 * (checked every second), and delivers what is due; the store makes a
 * second delivery impossible, so several servers may share a database.
 *
 * Locks: never call these holding the store lock; they take it.
 */
#ifndef CC_LIVE_H
#define CC_LIVE_H

#include <pthread.h>
#include <stdbool.h>

#include "../core/error.h"

struct cc_store;
struct cc_live;
struct cc_sse_stream;

/* streaming: suspend and resume are available (cc_server_run); without,
 * streams send what there is and end (the embedded server). */
struct cc_live *cc_live_new(struct cc_store *s, pthread_mutex_t *store_lock,
			    const char *data_dir, bool streaming);
/* After the daemon is stopped. */
void cc_live_free(struct cc_live *lv);

/* The clock thread (cc_server_run). */
int cc_live_start(struct cc_live *lv);
/* Stops the clock thread and ends every stream (shutdown). */
void cc_live_stop(struct cc_live *lv);

/* Drill id changed (committed): its new events reach its streams, its
 * board in memory is read again and pushed (a `scoreboard` event,
 * coalesced: at most every CC_LIVE_BOARD_GAP s), and the clock looks
 * again. */
void cc_live_changed(struct cc_live *lv, const char *drill);
/* The board only (a solve): no inject can have fallen due. */
void cc_live_board_changed(struct cc_live *lv, const char *drill);

/* The boards in memory (ctf_boards.h) the streams' `scoreboard` events
 * are made from; set once, before cc_live_start. */
struct cc_ctf_boards;
void cc_live_set_boards(struct cc_live *lv, struct cc_ctf_boards *b);

/* A stream of drill's events for a viewer holding roles (a player of
 * team), from the event after id after (0: all). NULL after filling err
 * (CC_ENOMEM, CC_EIO). */
struct cc_sse_stream *cc_live_stream(struct cc_live *lv, const char *drill, unsigned roles,
				     const char *team, long long after, struct cc_error *err);

/* Seconds since 1970 UTC, with fractions. */
double cc_live_now(void);

#endif
