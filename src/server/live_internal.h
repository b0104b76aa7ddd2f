/*
 * live_internal.h - what drill_hub.c (the logs and streams) and
 * drill_clock_thread.c (the clock) share of struct cc_live. Not for use
 * outside them.
 */
#ifndef CC_LIVE_INTERNAL_H
#define CC_LIVE_INTERNAL_H

#include "live.h"

#include "sse.h"

#include <stddef.h>

/* One event of a log, rendered. */
struct cc__live_event {
	long long id;
	int kind;                   /* enum cc_drill_event_kind */
	char *team;                 /* NULL: every team */
	char *text;
	size_t len;
};

/* A rendered `scoreboard` event, shared by the viewers sending it. */
struct cc__board_text {
	int refs;                   /* under the log's lock */
	size_t len;
	char *text;
};

/* The log of one watched drill. */
struct cc__live_log {
	struct cc__live_log *next;
	char drill[130];
	pthread_mutex_t lock;       /* ev, n, cap */
	pthread_mutex_t load;       /* one reader of the store at a time */
	struct cc__live_event *ev;
	int n, cap;
	long long last;             /* the last id read */
	int refs;                   /* streams (and loads) holding it */
	/* the board (board_push.c), under lock: the latest `scoreboard`
	 * event for staff (live) and for players and observers (frozen
	 * after the freeze), and how many have been made */
	struct cc__board_text *board_staff, *board_players;
	long long board_gen;
	bool board_dirty;           /* a change since the last one */
	double board_at;            /* wall time of the last one */
};

struct cc_live {
	struct cc_store *store;
	pthread_mutex_t *store_lock;
	const char *data_dir;
	struct cc_sse *sse;
	pthread_mutex_t lock;       /* logs */
	struct cc__live_log *logs;
	/* the clock thread */
	pthread_t thread;
	bool started;
	pthread_mutex_t clk;
	pthread_cond_t cond;        /* CLOCK_MONOTONIC */
	bool kicked, stop;
	bool boards_kicked;         /* a board to push (no tick needed) */
	struct cc_ctf_boards *boards;
	/* PostgreSQL: the listening thread (drill_listen_thread.c), or NULL */
	struct cc_store_listener *listener;
	pthread_t listen_thread;
};

/* Boards to push at most every CC_LIVE_BOARD_GAP seconds per drill. */
#define CC_LIVE_BOARD_GAP 0.25

/* Renders the due `scoreboard` events and wakes their streams; returns
 * the wall time at which the next is due (INFINITY: none). Clock thread. */
double cc__live_push_boards(struct cc_live *lv, double now);
/* Releases a log taken with refs++ under lv->lock. */
void cc__live_log_put(struct cc_live *lv, struct cc__live_log *g);
/* Drops a reference to t (NULL: nothing), under its log's lock. */
void cc__board_text_drop(struct cc__board_text *t);

/* Reads every log's new events and wakes their streams (after another
 * process wrote). */
void cc__live_refresh_all(struct cc_live *lv);
/* Starts (on PostgreSQL) and stops the thread hearing other servers'
 * drill events; stop after lv->stop is set. */
int cc__live_listen_start(struct cc_live *lv);
void cc__live_listen_stop(struct cc_live *lv);
/* Tells the clock thread to look again. */
void cc__live_kick(struct cc_live *lv);

#endif
