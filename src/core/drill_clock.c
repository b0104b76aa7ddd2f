/*
 * drill_clock.c - the play clock and due injects (see drill_clock.h).
 */
#include "drill_clock.h"

#include <string.h>

static const char *const status_names[] = {"scheduled", "running", "paused", "ended",
					   "cancelled"};

bool cc_drill_may_move(enum cc_drill_status from, enum cc_drill_status to)
{
	switch (to) {
	case CC_DRILL_RUNNING:
		return from == CC_DRILL_SCHEDULED || from == CC_DRILL_PAUSED;
	case CC_DRILL_PAUSED:
		return from == CC_DRILL_RUNNING;
	case CC_DRILL_ENDED:
		return from == CC_DRILL_RUNNING || from == CC_DRILL_PAUSED;
	case CC_DRILL_CANCELLED:
		return from == CC_DRILL_SCHEDULED || from == CC_DRILL_RUNNING ||
		       from == CC_DRILL_PAUSED;
	default:
		return false;
	}
}

const char *cc_drill_status_name(enum cc_drill_status s)
{
	return status_names[s];
}

int cc_drill_status_parse(const char *word)
{
	for (int i = 0; i < 5; i++)
		if (strcmp(word, status_names[i]) == 0)
			return i;
	return -1;
}

double cc_drill_clock(const struct cc_drill_event *ev, int n, double speed, double now)
{
	double minutes = 0, since = 0;
	bool running = false;

	for (int i = 0; i < n && ev[i].t <= now; i++) {
		if (running)
			minutes += (ev[i].t - since) * speed / 60;
		running = ev[i].to == CC_DRILL_RUNNING;
		since = ev[i].t;
		if (ev[i].to == CC_DRILL_ENDED || ev[i].to == CC_DRILL_CANCELLED)
			return minutes;
	}
	if (running && now > since)
		minutes += (now - since) * speed / 60;
	return minutes;
}

double cc_drill_wall_at(double m, double c, double now, double speed)
{
	return m <= c ? now : now + (m - c) * 60 / speed;
}

bool cc_drill_due(const struct cc_scenario *sc, const unsigned char *state, int i,
		  double clock)
{
	const struct cc_inject *in = &sc->injects[i];

	if (state[i] != CC_INJECT_PENDING || in->at > clock)
		return false;
	return !in->has_after || state[in->after.index] == CC_INJECT_DELIVERED;
}

double cc_drill_next_due(const struct cc_scenario *sc, const unsigned char *state,
			 double clock)
{
	double best = -1;

	for (int i = 0; i < sc->ninjects; i++) {
		const struct cc_inject *in = &sc->injects[i];
		double when = in->at > clock ? in->at : clock;

		if (state[i] != CC_INJECT_PENDING ||
		    (in->has_after && state[in->after.index] != CC_INJECT_DELIVERED))
			continue;
		if (best < 0 || when < best)
			best = when;
	}
	return best;
}
