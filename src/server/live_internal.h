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
};

/* Reads every log's new events and wakes their streams (after another
 * process wrote). */
void cc__live_refresh_all(struct cc_live *lv);
/* Tells the clock thread to look again. */
void cc__live_kick(struct cc_live *lv);

#endif
