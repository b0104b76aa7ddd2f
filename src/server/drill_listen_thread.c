/*
 * drill_listen_thread.c - on PostgreSQL, the thread that hears what other
 * servers of the database committed to a drill (see live.h): migration
 * 0021 notifies "cybercap_drill" with the drill's id when an event is
 * added or its board moves; this thread reads that drill's new events from
 * the database and wakes its streams here, as the server that wrote them
 * did for its own. A stream that connects again gets what it missed from
 * the database (Last-Event-ID), and when the listening connection broke,
 * every watched drill is read again. No thread on SQLite.
 */
#include "live_internal.h"

#include "../store/store.h"

#include <stdio.h>

#define WAIT_MS 500             /* how soon a stop is seen */

static bool stopping(struct cc_live *lv)
{
	bool stop;

	pthread_mutex_lock(&lv->clk);
	stop = lv->stop;
	pthread_mutex_unlock(&lv->clk);
	return stop;
}

static void *run(void *arg)
{
	struct cc_live *lv = arg;
	char drill[130];

	while (!stopping(lv)) {
		int r = cc_store_listener_wait(lv->listener, WAIT_MS, drill, sizeof(drill));

		if (r > 0)
			cc_live_changed(lv, drill);
		else if (r < 0)
			cc__live_refresh_all(lv);
	}
	return NULL;
}

int cc__live_listen_start(struct cc_live *lv)
{
	struct cc_error err;

	if (cc_store_listener_open(&lv->listener, lv->store, "cybercap_drill", &err)) {
		fprintf(stderr, "cybercap: drill events of other servers come by polling: %s\n",
			err.msg);
		return CC_OK;
	}
	if (!lv->listener)
		return CC_OK;
	if (pthread_create(&lv->listen_thread, NULL, run, lv) != 0) {
		cc_store_listener_close(lv->listener);
		lv->listener = NULL;
		return CC_ENOMEM;
	}
	return CC_OK;
}

void cc__live_listen_stop(struct cc_live *lv)
{
	if (!lv->listener)
		return;
	pthread_join(lv->listen_thread, NULL);
	cc_store_listener_close(lv->listener);
	lv->listener = NULL;
}
