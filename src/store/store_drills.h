/*
 * store_drills.h - the part of store.h (included from there, the one
 * door) for drills (0005_drills): stored scenarios and their files, drills
 * with their teams, members, status changes, inject states, ad-hoc
 * injects and event log (drills.c), and what happens in play:
 * responses, the communication check, evaluations, expected actions,
 * feedback and the improvement plan (drill_play.c).
 *
 * Wall times are seconds since 1970 UTC (double, with fractions; NaN for
 * none); play times are minutes. Writes go inside the caller's
 * transaction when there is one; nothing here audits (service/drills.c
 * does, in the same transaction).
 */
#ifndef CC_STORE_DRILLS_H
#define CC_STORE_DRILLS_H

#include <stdbool.h>

struct cc_scenario_rec {
	const char *id, *hash, *title, *text;
	size_t len;
	int files;                  /* challenge files stored beside it */
	const char *added_by, *added_at;
};

struct cc_scenario_file_rec {
	const char *path, *sha256;
	long long size;
};

/* Stores a scenario version; *created 0 when that (id, hash) was there. */
int cc_store_put_scenario(struct cc_store *s, const struct cc_scenario_rec *r,
			  int *created, struct cc_error *err);
int cc_store_put_scenario_file(struct cc_store *s, const char *id, const char *hash,
			       const struct cc_scenario_file_rec *f, struct cc_error *err);
/* The latest version of each id, by id (text included). */
int cc_store_scenarios(struct cc_store *s, struct cc_list *out, struct cc_error *err);
/* One version (hash NULL: the latest); CC_ENOTFOUND when none. */
int cc_store_scenario(struct cc_store *s, const char *id, const char *hash,
		      struct cc_list *out, struct cc_error *err);
int cc_store_scenario_files(struct cc_store *s, const char *id, const char *hash,
			    struct cc_list *out, struct cc_error *err);

struct cc_drill_rec {
	const char *id, *scenario, *scenario_hash, *title;
	double speed;
	const char *status;
	long long director;
	const char *created_at;
};

/* CC_ECONFLICT when the id is taken. */
int cc_store_create_drill(struct cc_store *s, const struct cc_drill_rec *d,
			  struct cc_error *err);
/* CC_ENOTFOUND when there is none. */
int cc_store_drill(struct cc_store *s, const char *id, struct cc_list *out,
		   struct cc_error *err);
/* The drills user takes part in (user 0: every drill), newest first. */
int cc_store_drills(struct cc_store *s, long long user, struct cc_list *out,
		    struct cc_error *err);
/* Drills whose status is running or paused. */
int cc_store_live_drills(struct cc_store *s, struct cc_list *out, struct cc_error *err);
int cc_store_set_drill_status(struct cc_store *s, const char *id, const char *status,
			      struct cc_error *err);

struct cc_drill_status_rec {
	double at;
	const char *status, *by;
};

int cc_store_add_drill_status(struct cc_store *s, const char *drill, double at,
			      const char *status, const char *by, struct cc_error *err);
/* In the order they happened. */
int cc_store_drill_statuses(struct cc_store *s, const char *drill, struct cc_list *out,
			    struct cc_error *err);

struct cc_drill_team_rec {
	const char *team, *unit;    /* unit NULL: none */
	int hidden;
};

int cc_store_add_drill_team(struct cc_store *s, const char *drill,
			    const struct cc_drill_team_rec *t, int position,
			    struct cc_error *err);
/* In the scenario's order. */
int cc_store_drill_teams(struct cc_store *s, const char *drill, struct cc_list *out,
			 struct cc_error *err);

struct cc_drill_member_rec {
	long long user;
	const char *email, *name;   /* the account's */
	const char *role;           /* director, controller, evaluator, player, observer */
	const char *team;           /* players only, else NULL */
};

int cc_store_add_drill_member(struct cc_store *s, const char *drill, long long user,
			      const char *role, const char *team, struct cc_error *err);
/* By role, then as added. */
int cc_store_drill_members(struct cc_store *s, const char *drill, struct cc_list *out,
			   struct cc_error *err);
/* The rows of drill_member for one user (the role check of a request). */
int cc_store_drill_member_of(struct cc_store *s, const char *drill, long long user,
			     struct cc_list *out, struct cc_error *err);

struct cc_inject_state_rec {
	const char *inject, *state;  /* pending, delivered, skipped */
	double at, clock;           /* NaN while pending */
	const char *by;             /* NULL while pending */
};

/* A pending inject (made with the drill), or one delivered at once (an
 * ad-hoc inject): state "pending" or "delivered". CC_ECONFLICT when the id
 * is there already. */
int cc_store_add_inject_state(struct cc_store *s, const char *drill,
			      const struct cc_inject_state_rec *r, struct cc_error *err);
/* Moves a pending inject to delivered or skipped; CC_ECONFLICT when it is
 * not pending (delivered or skipped already: this is what makes a second
 * delivery impossible), CC_ENOTFOUND when there is no such inject. */
int cc_store_move_inject(struct cc_store *s, const char *drill,
			 const struct cc_inject_state_rec *r, struct cc_error *err);
int cc_store_inject_states(struct cc_store *s, const char *drill, struct cc_list *out,
			   struct cc_error *err);

struct cc_adhoc_rec {
	const char *inject, *title, *content, *channel, *sender, *to, *notes, *by;
	double at;
};

int cc_store_add_adhoc(struct cc_store *s, const char *drill, const struct cc_adhoc_rec *a,
		       struct cc_error *err);
/* In the order they were added. */
int cc_store_adhocs(struct cc_store *s, const char *drill, struct cc_list *out,
		    struct cc_error *err);

struct cc_drill_event_rec {
	long long id;
	const char *kind;           /* inject, delivery, skip, status, response, commcheck */
	const char *team;           /* inject events: the team, NULL for all */
	const char *payload;        /* JSON */
	double at;
};

/* Appends to the event log; *id its id (greater than every earlier one). */
int cc_store_add_drill_event(struct cc_store *s, const char *drill,
			     const struct cc_drill_event_rec *e, long long *id,
			     struct cc_error *err);
/* Events with id > after, at most limit of them, in id order. */
int cc_store_drill_events(struct cc_store *s, const char *drill, long long after,
			  int limit, struct cc_list *out, struct cc_error *err);

/* ---- play (drill_play.c) ---- */

struct cc_drill_response_rec {
	long long id;
	const char *inject, *team;
	long long user;
	const char *name;           /* the player's */
	const char *text;
	double at;
};

int cc_store_add_drill_response(struct cc_store *s, const char *drill,
				const struct cc_drill_response_rec *r, long long *id,
				struct cc_error *err);
/* Every response (team NULL) or one team's, in the order given. */
int cc_store_drill_responses(struct cc_store *s, const char *drill, const char *team,
			     struct cc_list *out, struct cc_error *err);
/* How many responses a team gave to an inject. */
int cc_store_count_drill_responses(struct cc_store *s, const char *drill,
				   const char *inject, const char *team, int *n,
				   struct cc_error *err);

/* A file attached to a response (migration 0012). */
struct cc_drill_attachment_rec {
	long long id, response;
	const char *team;           /* the response's */
	const char *sha256, *filename, *mime;
	long long size, user;
	double at;
};

int cc_store_add_drill_attachment(struct cc_store *s, const char *drill,
				  const struct cc_drill_attachment_rec *a, long long *id,
				  struct cc_error *err);
/* The attachments of one response (response 0: of the whole drill), by id. */
int cc_store_drill_attachments(struct cc_store *s, const char *drill, long long response,
			       struct cc_list *out, struct cc_error *err);
/* One response by id (within drill); CC_ENOTFOUND when not there. */
int cc_store_drill_response(struct cc_store *s, const char *drill, long long id,
			    struct cc_list *out, struct cc_error *err);

struct cc_commcheck_rec {
	long long user;
	double at;
};

/* The first confirmation stands; *created 0 when there was one. */
int cc_store_put_commcheck(struct cc_store *s, const char *drill, long long user,
			   double at, int *created, struct cc_error *err);
int cc_store_commchecks(struct cc_store *s, const char *drill, struct cc_list *out,
			struct cc_error *err);

struct cc_drill_eval_rec {
	long long id;
	const char *team, *objective;
	const char *rating;         /* P, S, M, U or NULL */
	const char *kind;           /* strength, improvement, note */
	const char *observation;
	long long evaluator;
	const char *evaluator_name;
	double at;
};

int cc_store_add_drill_eval(struct cc_store *s, const char *drill,
			    const struct cc_drill_eval_rec *e, long long *id,
			    struct cc_error *err);
/* In the order recorded. */
int cc_store_drill_evals(struct cc_store *s, const char *drill, struct cc_list *out,
			 struct cc_error *err);

struct cc_expect_mark_rec {
	const char *team, *inject, *expect;
	int met;
	long long evaluator;
	double at;
};

/* Replaces the earlier mark of (team, inject, expect). */
int cc_store_put_expect_mark(struct cc_store *s, const char *drill,
			     const struct cc_expect_mark_rec *m, struct cc_error *err);
int cc_store_expect_marks(struct cc_store *s, const char *drill, struct cc_list *out,
			  struct cc_error *err);

struct cc_drill_feedback_rec {
	long long user;
	const char *answers;        /* JSON */
	double at;
};

/* Replaces the person's earlier answers; *created 0 when there were some. */
int cc_store_put_drill_feedback(struct cc_store *s, const char *drill,
				const struct cc_drill_feedback_rec *f, int *created,
				struct cc_error *err);
int cc_store_drill_feedback(struct cc_store *s, const char *drill, struct cc_list *out,
			    struct cc_error *err);

struct cc_improvement_rec {
	long long id;
	const char *team, *objective, *issue, *action, *organisation, *owner;
	const char *start, *due;    /* ISO dates; start may be NULL */
	const char *plan;           /* NULL until sent to a plan */
	long long plan_action;      /* 0 until then */
	const char *by;
	double at;
};

int cc_store_add_improvement(struct cc_store *s, const char *drill,
			     const struct cc_improvement_rec *r, long long *id,
			     struct cc_error *err);
int cc_store_set_improvement_plan(struct cc_store *s, long long id, const char *plan,
				  long long plan_action, struct cc_error *err);
/* In the order recorded. */
int cc_store_improvements(struct cc_store *s, const char *drill, struct cc_list *out,
			  struct cc_error *err);

#endif
