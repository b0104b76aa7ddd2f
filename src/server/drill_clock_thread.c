/*
 * drill_clock_thread.c - the server's drill clock (see live.h): one
 * thread that delivers injects when they fall due. It sleeps on a
 * condition variable (CLOCK_MONOTONIC) until the earliest of: the wall
 * time at which an inject of a running drill can fall due, a kick (a
 * drill changed), the next heartbeat of the streams, or the next check
 * (each second) of whether another process committed to the database;
 * then it ticks every running drill (cc_drills_tick) and tells the hub
 * what it delivered.
 */
#include "live_internal.h"

#include "../service/drills.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#define POLL_S 1.0

void cc__live_kick(struct cc_live *lv)
{
	pthread_mutex_lock(&lv->clk);
	lv->kicked = true;
	pthread_cond_signal(&lv->cond);
	pthread_mutex_unlock(&lv->clk);
}

/* Sleeps until wall time until (or a kick, a board to push, or stop);
 * false on stop. *kicked: whether a kick woke it. */
static bool sleep_until(struct cc_live *lv, double until, bool *kicked)
{
	bool go;

	pthread_mutex_lock(&lv->clk);
	while (!lv->stop && !lv->kicked && !lv->boards_kicked) {
		double left = until - cc_live_now();
		struct timespec ts;
		if (left <= 0)
			break;
		clock_gettime(CLOCK_MONOTONIC, &ts);
		ts.tv_sec += (time_t)left;
		ts.tv_nsec += (long)((left - floor(left)) * 1e9);
		if (ts.tv_nsec >= 1000000000L) {
			ts.tv_sec++;
			ts.tv_nsec -= 1000000000L;
		}
		pthread_cond_timedwait(&lv->cond, &lv->clk, &ts);
	}
	*kicked = lv->kicked;
	lv->kicked = lv->boards_kicked = false;
	go = !lv->stop;
	pthread_mutex_unlock(&lv->clk);
	return go;
}

/* Ticks every running drill; the earliest next due time, or INFINITY. */
static double tick_all(struct cc_live *lv)
{
	struct cc_list l;
	struct cc_error err;
	double next = INFINITY;
	int rc;

	pthread_mutex_lock(lv->store_lock);
	rc = cc_store_live_drills(lv->store, &l, &err);
	pthread_mutex_unlock(lv->store_lock);
	if (rc) {
		fprintf(stderr, "cybercap: drill clock: %s\n", err.msg);
		return cc_live_now() + POLL_S;
	}
	for (int i = 0; i < l.n; i++) {
		const struct cc_drill_rec *d = &((const struct cc_drill_rec *)l.items)[i];
		double due;
		int delivered;

		if (strcmp(d->status, "running") != 0)
			continue;
		pthread_mutex_lock(lv->store_lock);
		rc = cc_drills_tick(lv->store, lv->data_dir, d->id, cc_live_now(), &delivered, &due,
				    &err);
		pthread_mutex_unlock(lv->store_lock);
		if (rc) {
			/* try again soon rather than at once */
			fprintf(stderr, "cybercap: drill %s: %s\n", d->id, err.msg);
			due = cc_live_now() + POLL_S;
		} else if (delivered) {
			cc_live_changed(lv, d->id);
		}
		if (due >= 0 && due < next)
			next = due;
	}
	cc_list_free(&l);
	return next;
}

static void *run(void *arg)
{
	struct cc_live *lv = arg;
	double now = cc_live_now(), beat = now + CC_SSE_HEARTBEAT_S, poll = now + POLL_S,
	       due = now, boards = INFINITY;
	long long version;

	pthread_mutex_lock(lv->store_lock);
	version = cc_store_data_version(lv->store);
	pthread_mutex_unlock(lv->store_lock);
	for (;;) {
		double until = fmin(fmin(due, boards), fmin(beat, poll));
		bool tick = false, kicked;

		if (!sleep_until(lv, until, &kicked))
			break;
		now = cc_live_now();
		/* a kick, or the time something falls due */
		tick = kicked || now >= due;
		boards = cc__live_push_boards(lv, now);
		if (now >= beat) {
			cc_sse_heartbeat(lv->sse);
			beat = now + CC_SSE_HEARTBEAT_S;
		}
		if (now >= poll) {
			long long v;
			poll = now + POLL_S;
			pthread_mutex_lock(lv->store_lock);
			v = cc_store_data_version(lv->store);
			pthread_mutex_unlock(lv->store_lock);
			if (v != version) {
				version = v;
				cc__live_refresh_all(lv);
				tick = true;
			}
		}
		if (tick)
			due = tick_all(lv);
	}
	return NULL;
}

int cc_live_start(struct cc_live *lv)
{
	if (pthread_create(&lv->thread, NULL, run, lv) != 0)
		return CC_ENOMEM;
	lv->started = true;
	return cc__live_listen_start(lv);
}

void cc_live_stop(struct cc_live *lv)
{
	if (lv->started) {
		pthread_mutex_lock(&lv->clk);
		lv->stop = true;
		pthread_cond_signal(&lv->cond);
		pthread_mutex_unlock(&lv->clk);
		pthread_join(lv->thread, NULL);
		cc__live_listen_stop(lv);
		lv->started = false;
	}
	cc_sse_close_all(lv->sse);
}
