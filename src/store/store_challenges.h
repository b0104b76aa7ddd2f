/*
 * store_challenges.h - the part of store.h (included from there, the one
 * door) for the technical challenges of drills (0008_challenges): the
 * challenges with their flags and hints, attempts, solves, hint unlocks,
 * awards, and the board's settings (challenges.c).
 *
 * Wall times are seconds since 1970 UTC; clock: minutes of play. Writes
 * go inside the caller's transaction; nothing here audits
 * (service/challenges.c does, in the same transaction).
 */
#ifndef CC_STORE_CHALLENGES_H
#define CC_STORE_CHALLENGES_H

#include <stdbool.h>

struct cc_challenge_rec {
	const char *id, *name, *category, *description;
	double value;                   /* NaN when dynamic */
	double initial, minimum, decay; /* NaN when fixed */
	const char *function;           /* logarithmic, linear; NULL when fixed */
	int max_attempts;               /* 0: unlimited */
	const char *requires;           /* ids separated by '|', "" for none */
	double opens_at;                /* NaN: from the start */
	const char *objective;          /* NULL: none */
	const char *files;              /* paths separated by '|' */
	int hidden;
	int position;
};

struct cc_flag_rec {
	const char *challenge, *type;   /* static, case_insensitive, regex */
	const char *sha256, *regex;     /* one of them, by type */
};

struct cc_hint_rec {
	const char *challenge, *hint, *text;
	double cost;
};

struct cc_attempt_rec {
	long long id;
	const char *challenge, *team;
	long long user;
	const char *name;               /* the player's (lists only) */
	const char *outcome;            /* correct, wrong, already */
	const char *text;               /* wrong answers only, else NULL */
	double at, clock;
};

struct cc_solve_rec {
	const char *challenge, *team;
	long long user;
	double at, clock;
};

struct cc_unlock_rec {
	const char *challenge, *hint, *team;
	long long user;
	double cost, at, clock;
};

struct cc_award_rec {
	long long id;
	const char *team;
	double value;
	const char *reason, *by;
	double at, clock;
};

struct cc_bracket_rec {
	const char *team, *bracket;
};

/* Adds or replaces a challenge (its flags and hints stay). */
int cc_store_put_challenge(struct cc_store *s, const char *drill,
			   const struct cc_challenge_rec *c, struct cc_error *err);
/* By position. */
int cc_store_challenges(struct cc_store *s, const char *drill, struct cc_list *out,
			struct cc_error *err);
/* Replaces the flags of a challenge by these. */
int cc_store_set_flags(struct cc_store *s, const char *drill, const char *challenge,
		       const struct cc_flag_rec *f, int n, struct cc_error *err);
/* Every flag of the drill, by challenge and position. */
int cc_store_flags(struct cc_store *s, const char *drill, struct cc_list *out,
		   struct cc_error *err);
/* CC_ECONFLICT when the challenge has that hint. */
int cc_store_add_hint(struct cc_store *s, const char *drill, const struct cc_hint_rec *h,
		      int position, struct cc_error *err);
/* The text and cost of a hint that is there (unlocks keep what they cost). */
int cc_store_update_hint(struct cc_store *s, const char *drill, const struct cc_hint_rec *h,
			 struct cc_error *err);
int cc_store_hints(struct cc_store *s, const char *drill, struct cc_list *out,
		   struct cc_error *err);

int cc_store_add_attempt(struct cc_store *s, const char *drill,
			 const struct cc_attempt_rec *a, long long *id, struct cc_error *err);
/* Every attempt (team NULL) or one team's, in the order taken. */
int cc_store_attempts(struct cc_store *s, const char *drill, const char *team,
		      struct cc_list *out, struct cc_error *err);
/* Wrong answers of team to challenge. */
int cc_store_count_wrong(struct cc_store *s, const char *drill, const char *challenge,
			 const char *team, int *n, struct cc_error *err);
/* Wrong answers of team after wall time since; *tenth the time of the
 * tenth latest (NaN when fewer). */
int cc_store_recent_wrong(struct cc_store *s, const char *drill, const char *team,
			  double since, int *n, double *tenth, struct cc_error *err);

/* CC_ECONFLICT when the team solved it already (the primary key). */
int cc_store_add_solve(struct cc_store *s, const char *drill, const struct cc_solve_rec *r,
		       long long attempt, struct cc_error *err);
/* In the order solved. */
int cc_store_solves(struct cc_store *s, const char *drill, struct cc_list *out,
		    struct cc_error *err);

/* CC_ECONFLICT when the team unlocked it already. */
int cc_store_add_unlock(struct cc_store *s, const char *drill, const struct cc_unlock_rec *r,
			struct cc_error *err);
int cc_store_unlocks(struct cc_store *s, const char *drill, struct cc_list *out,
		     struct cc_error *err);

int cc_store_add_award(struct cc_store *s, const char *drill, const struct cc_award_rec *r,
		       long long *id, struct cc_error *err);
int cc_store_awards(struct cc_store *s, const char *drill, struct cc_list *out,
		    struct cc_error *err);

/* ---- the attempt writer's batches (attempts.c) ---- */

/* One attempt of a batch: its drill, the row, and whether it solves (a
 * drill_solve row beside it). The store fills id. */
struct cc_attempt_write {
	const char *drill;
	struct cc_attempt_rec a;
	bool solve;
	long long id;
};

/* Inserts w[0..n) (and their solves) with one prepared statement each,
 * inside the caller's transaction. CC_ECONFLICT when a solve was there
 * already (the caller rolls the batch back). */
int cc_store_attempt_batch(struct cc_store *s, struct cc_attempt_write *w, int n,
			   struct cc_error *err);

struct cc_wrong_count_rec {
	const char *team, *challenge;
	int n;
};
/* Wrong answers per team and challenge. */
int cc_store_wrong_counts(struct cc_store *s, const char *drill, struct cc_list *out,
			  struct cc_error *err);

struct cc_wrong_at_rec {
	const char *team;
	double at;
};
/* Wrong answers after wall time since, by team then time. */
int cc_store_wrongs_since(struct cc_store *s, const char *drill, double since,
			  struct cc_list *out, struct cc_error *err);

/* The freeze (minutes of play, NaN: none). */
int cc_store_board_freeze(struct cc_store *s, const char *drill, double *freeze,
			  struct cc_error *err);
int cc_store_set_board_freeze(struct cc_store *s, const char *drill, double freeze,
			      struct cc_error *err);
int cc_store_brackets(struct cc_store *s, const char *drill, struct cc_list *out,
		      struct cc_error *err);
/* bracket NULL: the team is in none. */
int cc_store_set_bracket(struct cc_store *s, const char *drill, const char *team,
			 const char *bracket, struct cc_error *err);

#endif
