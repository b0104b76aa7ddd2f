/*
 * challenges.h - the technical challenges of a drill
 * (../shared/spec/scenario-format.md, "Challenges"; docs/drills.md,
 * "Technical challenges"): copied from the scenario when the drill is
 * created (flags hashed where the type allows), changed by controllers
 * during play, attempted by players' teams, hints unlocked, points
 * awarded, and the scoreboard (challenges.c, challenge_play.c,
 * challenge_board.c).
 *
 * A write is one transaction that reads what it decides on (the drill's
 * status, the team's solves and wrong answers) and takes the server's
 * clock once, inside it; a solve is kept once per team and challenge by
 * the store's primary key. Controllers' changes are audited. Roles are
 * checked by the caller (server/http_challenges.c).
 *
 * Errors: CC_ENOTFOUND (drill, challenge, hint, team: err->file names the
 * field), CC_ECONFLICT, CC_EINPUT (a bad field, named), CC_EFORBIDDEN is
 * not used: refusals are outcomes (struct cc_attempt_result).
 */
#ifndef CC_CHALLENGES_H
#define CC_CHALLENGES_H

#include <jansson.h>
#include <stdbool.h>

#include "../core/ctf_board.h"
#include "../core/drill_clock.h"
#include "auth.h"

#define CC_CTF_RATE_WINDOW 60.0         /* seconds */
#define CC_CTF_RATE_WRONG 10            /* wrong answers in the window */
#define CC_CTF_SERIES_TEAMS 10          /* teams in the score-over-time series */
#define CC_CTF_MAX 1000                 /* challenges in a drill */

struct cc_scenario;

/* Everything about a drill's challenges, loaded (cc_ctf_load). */
struct cc_ctf {
	struct cc_list chal_l, flag_l, hint_l, solve_l, unlock_l, award_l, bracket_l, team_l;
	struct cc_arena arena;
	const struct cc_challenge_rec *rec;    /* by position */
	struct cc_challenge *ch;               /* the same for core (values, flags) */
	int n;
	const char **teams;                    /* the drill's, in order */
	bool *hidden;
	const char **bracket;                  /* per team, NULL: none */
	int nteams;
	struct cc_ctf_event *ev;               /* solves, unlocks, awards by time */
	int nev;
	double freeze;                         /* play minutes, NaN: none */
	const char *status;                    /* the drill's */
	double clock;                          /* play minutes at the load */
	struct cc_drill_event *moves;          /* status moves, for the clock later */
	int nmoves;
	double speed;
};

/* Copies the scenario's challenges into drill (inside the caller's
 * transaction: drills.c, when the drill is created). */
int cc__challenges_copy(struct cc_store *s, const char *drill, const struct cc_scenario *sc,
			struct cc_error *err);

/* Replaces the flags of challenge id by f[0..n) (hashed where the type
 * allows). */
struct cc_flag;
int cc__challenge_flags(struct cc_store *s, const char *drill, const char *id,
			const struct cc_flag *f, int n, struct cc_error *err);

/* Loads drill's challenges and events at wall time now. */
int cc_ctf_load(struct cc_store *s, const char *drill, double now, struct cc_ctf *c,
		struct cc_error *err);
void cc_ctf_free(struct cc_ctf *c);
/* The play clock at wall time now (the load's status moves). */
double cc_ctf_clock_at(const struct cc_ctf *c, double now);
int cc_ctf_challenge(const struct cc_ctf *c, const char *id);
int cc_ctf_team(const struct cc_ctf *c, const char *id);
/* Whether team t may see challenge i now (not hidden, opened, what it
 * requires solved). */
bool cc_ctf_visible(const struct cc_ctf *c, int i, int t);
bool cc_ctf_solved(const struct cc_ctf *c, int i, int t);
/* The team's score now (every event). */
double cc_ctf_score(const struct cc_ctf *c, int t);

/* ---- what players do (challenge_play.c) ---- */

enum cc_attempt_outcome {
	CC_AT_CORRECT, CC_AT_WRONG, CC_AT_ALREADY,      /* taken */
	CC_AT_NOT_RUNNING, CC_AT_HIDDEN, CC_AT_LOCKED, CC_AT_RATE   /* refused */
};

struct cc_attempt_result {
	enum cc_attempt_outcome outcome;
	double value;               /* correct: the challenge's value now */
	int attempts_left;          /* -1: unlimited */
	int retry_after;            /* CC_AT_RATE: seconds */
};

/* One submission of flag by who for team. */
int cc_challenges_attempt(struct cc_store *s, const char *drill, const char *challenge,
			  const struct cc_principal *who, const char *team, const char *flag,
			  double now, struct cc_attempt_result *r, struct cc_error *err);

/* Unlocks a hint: CC_ENOTFOUND when the team may not see it,
 * CC_ECONFLICT (field "cost") when its score is below the cost or the
 * drill is not running; *text its text (into the caller's buffer). */
int cc_challenges_unlock(struct cc_store *s, const char *drill, const char *challenge,
			 const char *hint, const struct cc_principal *who, const char *team,
			 double now, char **text, struct cc_error *err);

/* The challenges team may see now, as players get them (no flag).
 * New reference, or NULL. */
json_t *cc_challenges_player_json(const struct cc_ctf *c, int t);
/* Every challenge as controllers see it (flag types, regex patterns). */
json_t *cc_challenges_staff_json(const struct cc_ctf *c);

/* The list as its route sends it: team's (players; attempts_left
 * filled) or, team NULL, every challenge as staff see it. */
int cc_challenges_list(struct cc_store *s, const char *drill, const char *team, double now,
		       json_t **out, struct cc_error *err);

/* ---- what controllers do (challenges.c) ---- */

/* Adds (create) or changes a challenge from its JSON (the scenario's
 * keys; flags given as value are hashed here). */
int cc_challenges_put(struct cc_store *s, const char *drill, const char *id, json_t *body,
		      bool create, const char *actor, double now, struct cc_error *err);
int cc_challenges_award(struct cc_store *s, const char *drill, const char *team,
			double value, const char *reason, const char *actor, double now,
			long long *id, struct cc_error *err);
/* freeze: play minutes or NaN; brackets: {team: bracket|null} or NULL. */
int cc_challenges_settings(struct cc_store *s, const char *drill, double freeze,
			   bool set_freeze, json_t *brackets, const char *actor,
			   struct cc_error *err);

/* ---- the board (challenge_board.c) ---- */

/* The board as {"frozen", "bracket", "teams": [{"team", "name"?, "score",
 * "rank", "solves", "bracket"}], "first_solves": {challenge: team}};
 * live: every event (staff), else cut at the freeze. bracket NULL: all. */
json_t *cc_challenges_board_json(const struct cc_ctf *c, const char *bracket, bool live);
/* Score over time of the leading teams: {"teams": [{"team", "points":
 * [{"at", "clock", "score"}]}]}. */
json_t *cc_challenges_series_json(const struct cc_ctf *c, bool live);

#endif
