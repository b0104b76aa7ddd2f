/*
 * drill_play.h - what people do in a drill besides running it (see
 * drills.h for the rules every call keeps): players answer injects and
 * confirm the communication check; evaluators record observations with
 * HSEEP ratings and mark expected actions met or not; everyone answers
 * the feedback survey after play (core/drill_rules.h); the director and
 * evaluators write the improvement plan; and the after-action report is
 * made from all of it (drill_report.c).
 *
 * Callers check the caller's role (cc_drill_roles) first; these check
 * the drill's status (CC_ECONFLICT) and the fields (CC_EINPUT naming the
 * field, CC_ENOTFOUND for an inject that is not there).
 */
#ifndef CC_DRILL_PLAY_H
#define CC_DRILL_PLAY_H

#include <jansson.h>

#include "drills.h"

/* A player's response to inject, for their team, while the drill runs or
 * is paused. The inject must have gone to the team (CC_ENOTFOUND field
 * "inject" otherwise: the route answers 403). */
int cc_drills_respond(struct cc_store *s, const char *data_dir, const char *id,
		      const char *inject, const struct cc_principal *who, const char *team,
		      const char *text, double now, long long *rid, struct cc_error *err);

#define CC_DRILL_ATTACH_MAX_BYTES (10u << 20)     /* one attached file */
#define CC_DRILL_ATTACH_MAX 10                      /* files on one response */

/* A file attached to response rid by a player of its team (team), while
 * the drill runs or is paused: the types evidence takes (PDF, PNG, JPEG,
 * DOCX, XLSX, ODT, ODS, TXT, CSV, content matching the name), at most
 * CC_DRILL_ATTACH_MAX_BYTES, CC_DRILL_ATTACH_MAX a response. Stored as
 * evidence files are (DATA/evidence/). CC_ENOTFOUND (field "response")
 * for a response that is not the team's, CC_EINPUT / CC_ELIMIT naming
 * "file", CC_ECONFLICT for the status. *out is filled; its strings
 * point into team, name and hash (the cleaned name and the file's hash,
 * both the caller's buffers) or are static. */
int cc_drills_attach(struct cc_store *s, const char *data_dir, const char *id, long long rid,
		     const struct cc_principal *who, const char *team, const char *filename,
		     const char *data, size_t len, double now, char name[201],
		     char hash[65], struct cc_drill_attachment_rec *out, struct cc_error *err);

/* A player confirms they receive (before the end); the first time stands,
 * its wall time into *at. */
int cc_drills_commcheck(struct cc_store *s, const char *data_dir, const char *id,
			const struct cc_principal *who, const char *team, double now,
			double *at, struct cc_error *err);

struct cc_eval_new {
	const char *team, *objective;
	const char *rating;         /* P, S, M, U, or NULL: an observation only */
	const char *kind;           /* strength, improvement, note; NULL: from the rating */
	const char *observation;    /* may be "" with a rating */
};

/* An evaluator's observation and rating, during play or after. */
int cc_drills_evaluate(struct cc_store *s, const char *data_dir, const char *id,
		       const struct cc_eval_new *e, const struct cc_principal *who, double now,
		       long long *eid, struct cc_error *err);

/* Whether team did expected action expect of inject (the latest mark
 * stands), during play or after. */
int cc_drills_mark(struct cc_store *s, const char *data_dir, const char *id,
		   const char *inject, const char *team, const char *expect, bool met,
		   const struct cc_principal *who, double now, struct cc_error *err);

/* A participant's answers to the survey ({"realism": 4, "went_well":
 * "..."}), after the drill ended; *created false when they replace
 * earlier ones. */
int cc_drills_feedback(struct cc_store *s, const char *data_dir, const char *id,
		       const json_t *answers, const struct cc_principal *who, double now,
		       bool *created, struct cc_error *err);

struct cc_improvement_new {
	const char *team, *objective, *issue, *action, *owner, *due;
	const char *organisation;   /* NULL: the organisation the team plays for */
	const char *start;          /* NULL: none */
	const char *plan;           /* NULL, or a plan of the team's unit: the row
				       becomes an action there (drill_plan.c) */
};

/* A row of the improvement plan, during play or after (dates YYYY-MM-DD);
 * with n->plan, also an action of that plan whose source is the finding,
 * in the same transaction. */
int cc_drills_improve(struct cc_store *s, const char *data_dir, const char *id,
		      const struct cc_improvement_new *n, const struct cc_principal *who,
		      double now, long long *iid, struct cc_error *err);

/* The after-action report as JSON (docs/drills.md, "After-action
 * report"): overview, timeline with responses, per objective the ratings
 * with strengths and areas for improvement, the feedback summary, the
 * improvement plan. NULL after filling err. */
json_t *cc_drills_report(struct cc_store *s, const char *data_dir, const char *id,
			 double now, struct cc_error *err);

/* The organisation team t of d plays for: the English name of its unit,
 * else the team's name (copied into out[size]). */
void cc_drills_organisation(struct cc_store *s, const struct cc_drill *d, int t, char *out,
			    size_t size);

#endif
