/*
 * drills.h - running a drill from a stored scenario
 * (../shared/spec/scenario-format.md, "Time"; docs/drills.md): creating
 * it with its teams bound to units and people, moving its status,
 * delivering injects when they are due (cc_drills_tick, called by the
 * server's clock thread) or when a controller says so, skipping them,
 * adding ad-hoc ones; then play (drill_play.c: responses, the
 * communication check, evaluations, expected actions, feedback,
 * improvements) and the after-action report (drill_report.c).
 *
 * Every write is one transaction that first re-reads the drill (so what
 * it checks is what it changes), appends what viewers are told to the
 * event log, and audits each change. Wall times (now) are seconds since
 * 1970 UTC given by the caller, so that tests and the demo can set them.
 *
 * Roles are the drill's own (core/drill_rules.h); callers check them with
 * cc_drill_roles before calling. Errors: CC_ENOTFOUND (drill, inject,
 * team, objective, account: err->file names the field), CC_ECONFLICT (a
 * move or an action the drill's status or the inject's state does not
 * allow: the message says why), CC_EINPUT (a bad field, named),
 * CC_ELIMIT.
 */
#ifndef CC_DRILLS_H
#define CC_DRILLS_H

#include <stdbool.h>

#include "../core/drill_clock.h"
#include "../core/drill_rules.h"
#include "auth.h"
#include "scenarios.h"

#define CC_DRILL_MAX_SPEED 10000.0
#define CC_DRILL_TITLE_MAX 300
#define CC_DRILL_TEXT_MAX 10000         /* a response, an observation, an inject's content */
#define CC_DRILL_MAX_MEMBERS 5000
#define CC_DRILL_MAX_RESPONSES 200      /* per team and inject */
#define CC_DRILL_MAX_ADHOC 1000

/* One inject of a drill: of the scenario, or added during play. */
struct cc_drill_inject {
	const char *id, *title, *content, *channel, *from, *notes;   /* from, notes may be NULL */
	double at;                  /* scenario: its `at`; ad-hoc: the clock when added */
	double planned;             /* the timeline's planned minute */
	bool to_all;
	const char **to;            /* team ids, unless to_all */
	int nto;
	const struct cc_expect *expects;
	int nexpects;
	const char *after;          /* the inject it comes after, or NULL */
	int scenario;               /* index in the scenario, -1 when ad-hoc */
	enum cc_inject_state state;
	double done_at, clock;      /* when delivered or skipped (wall, play); NaN: pending */
	const char *by;             /* who delivered or skipped it ("clock": when due) */
};

struct cc_drill_team {
	const char *id, *name;
	const char *unit;           /* NULL: none */
	bool hidden;
};

struct cc_drill {
	struct cc_arena arena;
	struct cc_list rec, teams_l, members_l, statuses_l, states_l, adhocs_l;
	const struct cc_drill_rec *d;
	struct cc_scenario sc;       /* a read-only view of *shared (its arena empty) */
	const struct cc_scenario *shared;    /* service/scenario_cache.h holds it */
	enum cc_drill_status status;
	struct cc_drill_event *ev;   /* status changes, for the play clock */
	int nev;
	double started_at, ended_at; /* wall; NaN when not yet */
	struct cc_drill_team *teams; /* the scenario's, in its order */
	int nteams;
	const struct cc_drill_member_rec *members;
	int nmembers;
	struct cc_drill_inject *injects;   /* the scenario's in file order, then ad-hoc */
	int ninjects;
	int *order;                  /* injects by planned time (ties: file order) */
	unsigned char *state;        /* per scenario inject, for core/drill_clock.h */
};

/* Gives d (loaded) the texts of language l of its scenario's
 * translations (cc_scenario_in; -1: the file's own): the teams' names and
 * the scenario's injects. Ad-hoc injects stay as their authors wrote them. */
void cc_drill_in_lang(struct cc_drill *d, int l);

/* Loads drill id with its scenario version. Freed by cc_drill_free, also
 * after an error. */
int cc_drill_load(struct cc_store *s, const char *data_dir, const char *id,
		  struct cc_drill *d, struct cc_error *err);
void cc_drill_free(struct cc_drill *d);

/* Minutes of play at wall time now. */
double cc_drill_clock_now(const struct cc_drill *d, double now);
/* Index by id, or -1. */
int cc_drill_inject_index(const struct cc_drill *d, const char *id);
int cc_drill_team_index(const struct cc_drill *d, const char *id);
/* Whether inject i goes to team (an id). */
bool cc_drill_inject_goes_to(const struct cc_drill *d, int i, const char *team);
/* The roles p holds in a loaded drill (core/drill_rules.h bits; an admin
 * is a director of every drill) and, for a player, the team (into
 * team[129], "" otherwise). */
unsigned cc_drill_roles(const struct cc_drill *d, const struct cc_principal *p, char *team);

/* The same from the store, without loading the scenario (the cheap check
 * a route makes first). CC_ENOTFOUND when there is no such drill. */
int cc_drill_roles_of(struct cc_store *s, const char *id, const struct cc_principal *p,
		      unsigned *roles, char *team, struct cc_error *err);

/* ---- creating and running ---- */

struct cc_drill_team_new {
	const char *team, *unit;    /* unit NULL: none */
	bool hidden;
	const char **players;       /* emails */
	int nplayers;
};

struct cc_drill_new {
	const char *id, *scenario, *title;
	double speed;
	struct cc_drill_team_new *teams;   /* teams named; the others play with no one */
	int nteams;
	const char **controllers, **evaluators, **observers;   /* emails */
	int ncontrollers, nevaluators, nobservers;
};

/* Creates a drill (status scheduled) on the latest version of its
 * scenario; who becomes its director. Accounts named must exist
 * (CC_EINPUT naming the field and the email); a player is in one team
 * and holds no other role. */
int cc_drills_create(struct cc_store *s, const char *data_dir, const struct cc_drill_new *n,
		     const struct cc_principal *who, double now, struct cc_error *err);

/* Moves the status (CC_ECONFLICT for a move the contract does not allow). */
int cc_drills_move(struct cc_store *s, const char *data_dir, const char *id,
		   enum cc_drill_status to, const char *actor, double now,
		   struct cc_error *err);

/* Delivers or skips an inject now, while the drill is running or paused
 * (CC_ECONFLICT otherwise, or when it was delivered or skipped). */
int cc_drills_deliver(struct cc_store *s, const char *data_dir, const char *id,
		      const char *inject, const char *actor, double now, struct cc_error *err);
int cc_drills_skip(struct cc_store *s, const char *data_dir, const char *id,
		   const char *inject, const char *actor, double now, struct cc_error *err);

struct cc_adhoc_new {
	const char *id;             /* NULL: adhoc-N */
	const char *title, *content, *channel;
	const char *from, *notes;   /* may be NULL */
	const char **to;            /* team ids, or one "all" */
	int nto;
};

/* Adds an inject during play (running or paused) and delivers it at
 * once; its id into id_out[128]. */
int cc_drills_adhoc(struct cc_store *s, const char *data_dir, const char *id,
		    const struct cc_adhoc_new *a, const char *actor, double now, char *id_out,
		    struct cc_error *err);

/* Delivers every inject of a running drill that is due at now, in the
 * timeline's order and once each (an inject whose `after` this delivers
 * follows in the same call). *delivered says how many; *next the wall
 * time at which the next one can fall due (-1: none, or not running). */
int cc_drills_tick(struct cc_store *s, const char *data_dir, const char *id, double now,
		   int *delivered, double *next, struct cc_error *err);

#endif
