/*
 * drill_clock.h - the play clock of a drill and what is due on it
 * (../shared/spec/scenario-format.md, "Time"): a pure function of the
 * drill's status changes, its speed and the wall clock, so that every
 * server of a deployment, and every test, computes the same clock.
 *
 * Wall times are seconds (any epoch); play time is minutes.
 */
#ifndef CC_DRILL_CLOCK_H
#define CC_DRILL_CLOCK_H

#include <stdbool.h>

#include "scenario.h"

enum cc_drill_status { CC_DRILL_SCHEDULED, CC_DRILL_RUNNING, CC_DRILL_PAUSED,
		       CC_DRILL_ENDED, CC_DRILL_CANCELLED };

/* One status change, at wall time t. */
struct cc_drill_event {
	double t;
	enum cc_drill_status to;
};

/* Whether the contract allows moving from `from` to `to`. */
bool cc_drill_may_move(enum cc_drill_status from, enum cc_drill_status to);
const char *cc_drill_status_name(enum cc_drill_status s);
/* -1 for a word that is no status. */
int cc_drill_status_parse(const char *word);

/* Minutes of play at wall time now, given the changes in time order (the
 * clock runs at speed while running and stands still otherwise; after the
 * end it stays where the end left it). */
double cc_drill_clock(const struct cc_drill_event *ev, int n, double speed, double now);

/* Wall time at which the clock reaches minute m, from a running drill
 * whose clock reads c at wall time now (for timers). */
double cc_drill_wall_at(double m, double c, double now, double speed);

enum cc_inject_state { CC_INJECT_PENDING, CC_INJECT_DELIVERED, CC_INJECT_SKIPPED };

/* Whether inject i is due at play minute clock: pending, its `at`
 * reached, and its `after` (if any) delivered. An inject after a skipped
 * one is never due. */
bool cc_drill_due(const struct cc_scenario *sc, const unsigned char *state, int i,
		  double clock);

/* The earliest play minute >= clock at which a pending inject can become
 * due without any other delivery (its `after` delivered already), or -1
 * when none can. */
double cc_drill_next_due(const struct cc_scenario *sc, const unsigned char *state,
			 double clock);

#endif
