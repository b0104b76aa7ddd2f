/*
 * drill_internal.h - what the drill service's files share (drills.c,
 * drill_events.c, drill_play.c, drill_report.c, demo_drills.c). Not for
 * use outside src/service. Writes run inside the caller's transaction.
 */
#ifndef CC_DRILL_INTERNAL_H
#define CC_DRILL_INTERNAL_H

#include "drills.h"

#include <jansson.h>

/* Runs fn(s, d, arg, err) on drill id re-read inside a transaction;
 * commits when it returns CC_OK, else rolls back. */
int cc__drill_txn(struct cc_store *s, const char *data_dir, const char *id,
		  int (*fn)(struct cc_store *, struct cc_drill *, void *, struct cc_error *),
		  void *arg, struct cc_error *err);

/* CC_EINPUT naming field unless s is text of 1..max bytes (lines: line
 * breaks and tabs allowed, no other control character). */
int cc__drill_text(const char *s, const char *field, size_t max, bool lines,
		   struct cc_error *err);

/* Delivers (or skips) pending inject i of d at wall time now: its state,
 * the events for players and staff, the audit row; d's copy follows. */
int cc__drill_deliver(struct cc_store *s, struct cc_drill *d, int i, const char *by,
		      double now, struct cc_error *err);
int cc__drill_skip(struct cc_store *s, struct cc_drill *d, int i, const char *by,
		   double now, struct cc_error *err);

/* Adds and delivers an ad-hoc inject (its id into id_out[128]). */
int cc__drill_adhoc(struct cc_store *s, struct cc_drill *d, const struct cc_adhoc_new *a,
		    const char *actor, double now, char *id_out, struct cc_error *err);

/* Sends improvement iid (row r) to plan as an action (drill_plan.c):
 * CC_EINPUT field plan when there is no such plan, it is not the unit's
 * the team plays for, or it refuses the action. *action its id. */
int cc__drill_to_plan(struct cc_store *s, const struct cc_drill *d, long long iid,
		      const struct cc_improvement_rec *r, const char *plan, const char *actor,
		      double now, long long *action, struct cc_error *err);

/* The event everyone is told when the status becomes status. */
int cc__drill_status_event(struct cc_store *s, const struct cc_drill *d, const char *status,
			   double clock, double now, struct cc_error *err);

/* Appends an event (payload: a JSON object, stolen). */
int cc__drill_event(struct cc_store *s, const char *drill, enum cc_drill_event_kind kind,
		    const char *team, json_t *payload, double now, struct cc_error *err);

/* The inject as players see it: id, title, content, channel, from, clock,
 * at. New reference. */
json_t *cc__drill_player_inject(const struct cc_drill_inject *x);

/* The technical results of drill's report (drill_technical.c): JSON null
 * without challenges, NULL on an error (err set). */
json_t *cc__drill_technical(struct cc_store *s, const char *drill, double now,
			    struct cc_error *err);
/* From those results, the challenges tied to objective with their
 * solvers: [{"challenge", "solved_by"}]. New reference. */
json_t *cc__drill_technical_evidence(const json_t *technical, const char *objective);

#endif
