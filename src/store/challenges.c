/*
 * challenges.c - the technical challenges of drills (see
 * store_challenges.h): definitions, flags, hints, attempts, solves,
 * unlocks, awards and the board's settings. The primary key of
 * drill_solve is what makes a second solve by a team impossible.
 */
#include "store_internal.h"

#include <math.h>
#include <string.h>

int cc_store_put_challenge(struct cc_store *s, const char *drill,
			   const struct cc_challenge_rec *c, struct cc_error *err)
{
	return cc__run(s, err, "INSERT INTO drill_challenge (drill_id, challenge_id, position, "
		"name, category, description, value, initial, minimum, decay, function, "
		"max_attempts, requires, opens_at, objective, files, hidden) VALUES (?, ?, ?, ?, ?, "
		"?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (drill_id, challenge_id) DO UPDATE "
		"SET name = excluded.name, category = excluded.category, description = "
		"excluded.description, value = excluded.value, initial = excluded.initial, minimum = "
		"excluded.minimum, decay = excluded.decay, function = excluded.function, "
		"max_attempts = excluded.max_attempts, requires = excluded.requires, opens_at = "
		"excluded.opens_at, objective = excluded.objective, files = excluded.files, hidden = "
		"excluded.hidden", "ttitttddddtitdtti", drill, c->id, c->position, c->name,
		c->category, c->description, c->value, c->initial, c->minimum, c->decay,
		c->function, c->max_attempts, c->requires, c->opens_at, c->objective, c->files,
		c->hidden);
}

static int challenge_row(struct cc_list *l, cc__stmt *st, void *item)
{
	struct cc_challenge_rec *c = item;

	c->id = cc__col_text(l, st, 0);
	c->position = cc__int(st, 1);
	c->name = cc__col_text(l, st, 2);
	c->category = cc__col_text(l, st, 3);
	c->description = cc__col_text(l, st, 4);
	c->value = cc__col_real(st, 5);
	c->initial = cc__col_real(st, 6);
	c->minimum = cc__col_real(st, 7);
	c->decay = cc__col_real(st, 8);
	c->function = cc__col_text(l, st, 9);
	c->max_attempts = cc__int(st, 10);
	c->requires = cc__col_text(l, st, 11);
	c->opens_at = cc__col_real(st, 12);
	c->objective = cc__col_text(l, st, 13);
	c->files = cc__col_text(l, st, 14);
	c->hidden = cc__int(st, 15);
	return c->id && c->name && c->category && c->description && c->requires && c->files ?
	       0 : -1;
}

int cc_store_challenges(struct cc_store *s, const char *drill, struct cc_list *out,
			struct cc_error *err)
{
	return cc__collect(s, cc__prepare(s, err, "SELECT challenge_id, position, name, category, "
		"description, value, initial, minimum, decay, function, max_attempts, requires, "
		"opens_at, objective, files, hidden FROM drill_challenge WHERE drill_id = ? ORDER BY "
		"position, challenge_id", "t", drill), out, sizeof(struct cc_challenge_rec),
		challenge_row, err);
}

int cc_store_set_flags(struct cc_store *s, const char *drill, const char *challenge,
		       const struct cc_flag_rec *f, int n, struct cc_error *err)
{
	int rc = cc__run(s, err, "DELETE FROM drill_flag WHERE drill_id = ? AND challenge_id = ?",
			 "tt", drill, challenge);

	for (int i = 0; !rc && i < n; i++)
		rc = cc__run(s, err, "INSERT INTO drill_flag (drill_id, challenge_id, position, type, "
			     "sha256, regex) VALUES (?, ?, ?, ?, ?, ?)", "ttittt", drill, challenge, i, f[i].type, f[i].sha256, f[i].regex);
	return rc;
}

static int flag_row(struct cc_list *l, cc__stmt *st, void *item)
{
	struct cc_flag_rec *f = item;

	f->challenge = cc__col_text(l, st, 0);
	f->type = cc__col_text(l, st, 1);
	f->sha256 = cc__col_text(l, st, 2);
	f->regex = cc__col_text(l, st, 3);
	return f->challenge && f->type ? 0 : -1;
}

int cc_store_flags(struct cc_store *s, const char *drill, struct cc_list *out,
		   struct cc_error *err)
{
	return cc__collect(s, cc__prepare(s, err, "SELECT challenge_id, type, sha256, regex FROM "
		"drill_flag WHERE drill_id = ? ORDER BY challenge_id, position", "t", drill), out,
		sizeof(struct cc_flag_rec), flag_row, err);
}

int cc_store_add_hint(struct cc_store *s, const char *drill, const struct cc_hint_rec *h,
		      int position, struct cc_error *err)
{
	return cc__run(s, err, "INSERT INTO drill_hint (drill_id, challenge_id, hint_id, position, "
		       "text, cost) VALUES (?, ?, ?, ?, ?, ?)", "tttitd", drill, h->challenge,
		       h->hint, position, h->text, h->cost);
}

int cc_store_update_hint(struct cc_store *s, const char *drill, const struct cc_hint_rec *h,
			 struct cc_error *err)
{
	return cc__run(s, err, "UPDATE drill_hint SET text = ?, cost = ? WHERE drill_id = ? AND "
		       "challenge_id = ? AND hint_id = ?", "tdttt", h->text, h->cost, drill,
		       h->challenge, h->hint);
}

static int hint_row(struct cc_list *l, cc__stmt *st, void *item)
{
	struct cc_hint_rec *h = item;

	h->challenge = cc__col_text(l, st, 0);
	h->hint = cc__col_text(l, st, 1);
	h->text = cc__col_text(l, st, 2);
	h->cost = cc__double(st, 3);
	return h->challenge && h->hint && h->text ? 0 : -1;
}

int cc_store_hints(struct cc_store *s, const char *drill, struct cc_list *out,
		   struct cc_error *err)
{
	return cc__collect(s, cc__prepare(s, err, "SELECT challenge_id, hint_id, text, cost FROM "
		"drill_hint WHERE drill_id = ? ORDER BY challenge_id, position", "t", drill), out,
		sizeof(struct cc_hint_rec), hint_row, err);
}

int cc_store_add_attempt(struct cc_store *s, const char *drill,
			 const struct cc_attempt_rec *a, long long *id, struct cc_error *err)
{
	int rc = cc__run(s, err, "INSERT INTO drill_attempt (drill_id, challenge_id, team_id, "
			 "user_id, outcome, text, at, clock) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
			 "tttIttdd", drill, a->challenge, a->team, a->user, a->outcome, a->text,
			 a->at, a->clock);

	if (!rc)
		*id = cc__last_id(s);
	return rc;
}

static int attempt_row(struct cc_list *l, cc__stmt *st, void *item)
{
	struct cc_attempt_rec *a = item;

	a->id = cc__int64(st, 0);
	a->challenge = cc__col_text(l, st, 1);
	a->team = cc__col_text(l, st, 2);
	a->user = cc__int64(st, 3);
	a->name = cc__col_text(l, st, 4);
	a->outcome = cc__col_text(l, st, 5);
	a->text = cc__col_text(l, st, 6);
	a->at = cc__double(st, 7);
	a->clock = cc__double(st, 8);
	return a->challenge && a->team && a->name && a->outcome ? 0 : -1;
}

int cc_store_attempts(struct cc_store *s, const char *drill, const char *team,
		      struct cc_list *out, struct cc_error *err)
{
	return cc__collect(s, cc__prepare(s, err, "SELECT a.id, a.challenge_id, a.team_id, "
		"a.user_id, u.name, a.outcome, a.text, a.at, a.clock FROM drill_attempt a JOIN user u "
		"ON u.id = a.user_id WHERE a.drill_id = ? AND (? IS NULL OR a.team_id = ?) ORDER BY "
		"a.id", "ttt", drill, team, team), out, sizeof(struct cc_attempt_rec), attempt_row,
		err);
}

int cc_store_count_wrong(struct cc_store *s, const char *drill, const char *challenge,
			 const char *team, int *n, struct cc_error *err)
{
	long long c = 0;
	int rc = cc__scalar(s, cc__prepare(s, err, "SELECT count(*) FROM drill_attempt WHERE "
		"drill_id = ? AND challenge_id = ? AND team_id = ? AND outcome = 'wrong'", "ttt",
		drill, challenge, team), &c, err);

	*n = (int)c;
	return rc;
}

int cc_store_recent_wrong(struct cc_store *s, const char *drill, const char *team,
			  double since, int *n, double *tenth, struct cc_error *err)
{
	cc__stmt *st = cc__prepare(s, err, "SELECT at FROM drill_attempt WHERE drill_id = ? "
		"AND team_id = ? AND outcome = 'wrong' AND at > ? ORDER BY at DESC", "ttd", drill,
		team, since);
	int rc;

	*n = 0;
	*tenth = NAN;
	if (!st)
		return err->code;
	while ((rc = cc__step(st)) == CC__ROW)
		if (++*n == 10)
			*tenth = cc__double(st, 0);
	rc = rc == CC__DONE ? CC_OK : cc__db_fail(s, err, "read");
	cc__finish(s, st);
	return rc;
}

int cc_store_add_solve(struct cc_store *s, const char *drill, const struct cc_solve_rec *r,
		       long long attempt, struct cc_error *err)
{
	return cc__run(s, err, "INSERT INTO drill_solve (drill_id, challenge_id, team_id, user_id, "
		       "attempt_id, at, clock) VALUES (?, ?, ?, ?, ?, ?, ?)", "tttIIdd", drill,
		       r->challenge, r->team, r->user, attempt, r->at, r->clock);
}

static int solve_row(struct cc_list *l, cc__stmt *st, void *item)
{
	struct cc_solve_rec *r = item;

	r->challenge = cc__col_text(l, st, 0);
	r->team = cc__col_text(l, st, 1);
	r->user = cc__int64(st, 2);
	r->at = cc__double(st, 3);
	r->clock = cc__double(st, 4);
	return r->challenge && r->team ? 0 : -1;
}

int cc_store_solves(struct cc_store *s, const char *drill, struct cc_list *out,
		    struct cc_error *err)
{
	return cc__collect(s, cc__prepare(s, err, "SELECT challenge_id, team_id, user_id, at, clock "
		"FROM drill_solve WHERE drill_id = ? ORDER BY at, attempt_id", "t", drill), out,
		sizeof(struct cc_solve_rec), solve_row, err);
}

int cc_store_add_unlock(struct cc_store *s, const char *drill, const struct cc_unlock_rec *r,
			struct cc_error *err)
{
	return cc__run(s, err, "INSERT INTO drill_hint_unlock (drill_id, challenge_id, hint_id, "
		       "team_id, user_id, cost, at, clock) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
		       "ttttIddd", drill, r->challenge, r->hint, r->team, r->user, r->cost, r->at,
		       r->clock);
}

static int unlock_row(struct cc_list *l, cc__stmt *st, void *item)
{
	struct cc_unlock_rec *r = item;

	r->challenge = cc__col_text(l, st, 0);
	r->hint = cc__col_text(l, st, 1);
	r->team = cc__col_text(l, st, 2);
	r->user = cc__int64(st, 3);
	r->cost = cc__double(st, 4);
	r->at = cc__double(st, 5);
	r->clock = cc__double(st, 6);
	return r->challenge && r->hint && r->team ? 0 : -1;
}

int cc_store_unlocks(struct cc_store *s, const char *drill, struct cc_list *out,
		     struct cc_error *err)
{
	return cc__collect(s, cc__prepare(s, err, "SELECT challenge_id, hint_id, team_id, user_id, "
		"cost, at, clock FROM drill_hint_unlock WHERE drill_id = ? ORDER BY at", "t", drill),
		out, sizeof(struct cc_unlock_rec), unlock_row, err);
}

int cc_store_add_award(struct cc_store *s, const char *drill, const struct cc_award_rec *r,
		       long long *id, struct cc_error *err)
{
	int rc = cc__run(s, err, "INSERT INTO drill_award (drill_id, team_id, value, reason, by, "
			 "at, clock) VALUES (?, ?, ?, ?, ?, ?, ?)", "ttdttdd", drill, r->team,
			 r->value, r->reason, r->by, r->at, r->clock);

	if (!rc)
		*id = cc__last_id(s);
	return rc;
}

static int award_row(struct cc_list *l, cc__stmt *st, void *item)
{
	struct cc_award_rec *r = item;

	r->id = cc__int64(st, 0);
	r->team = cc__col_text(l, st, 1);
	r->value = cc__double(st, 2);
	r->reason = cc__col_text(l, st, 3);
	r->by = cc__col_text(l, st, 4);
	r->at = cc__double(st, 5);
	r->clock = cc__double(st, 6);
	return r->team && r->reason && r->by ? 0 : -1;
}

int cc_store_awards(struct cc_store *s, const char *drill, struct cc_list *out,
		    struct cc_error *err)
{
	return cc__collect(s, cc__prepare(s, err, "SELECT id, team_id, value, reason, by, at, clock "
		"FROM drill_award WHERE drill_id = ? ORDER BY id", "t", drill), out,
		sizeof(struct cc_award_rec), award_row, err);
}

int cc_store_board_freeze(struct cc_store *s, const char *drill, double *freeze,
			  struct cc_error *err)
{
	cc__stmt *st = cc__prepare(s, err, "SELECT freeze FROM drill_board WHERE drill_id = ?",
				       "t", drill);
	int rc;

	*freeze = NAN;
	if (!st)
		return err->code;
	rc = cc__step(st);
	if (rc == CC__ROW)
		*freeze = cc__col_real(st, 0);
	rc = rc == CC__ROW || rc == CC__DONE ? CC_OK : cc__db_fail(s, err, "read");
	cc__finish(s, st);
	return rc;
}

int cc_store_set_board_freeze(struct cc_store *s, const char *drill, double freeze,
			      struct cc_error *err)
{
	return cc__run(s, err, "INSERT INTO drill_board (drill_id, freeze) VALUES (?, ?) ON "
		       "CONFLICT (drill_id) DO UPDATE SET freeze = excluded.freeze", "td", drill,
		       freeze);
}

static int bracket_row(struct cc_list *l, cc__stmt *st, void *item)
{
	struct cc_bracket_rec *r = item;

	r->team = cc__col_text(l, st, 0);
	r->bracket = cc__col_text(l, st, 1);
	return r->team && r->bracket ? 0 : -1;
}

int cc_store_brackets(struct cc_store *s, const char *drill, struct cc_list *out,
		      struct cc_error *err)
{
	return cc__collect(s, cc__prepare(s, err, "SELECT team_id, bracket FROM drill_bracket "
		"WHERE drill_id = ? ORDER BY team_id", "t", drill), out,
		sizeof(struct cc_bracket_rec), bracket_row, err);
}

int cc_store_set_bracket(struct cc_store *s, const char *drill, const char *team,
			 const char *bracket, struct cc_error *err)
{
	if (!bracket)
		return cc__run(s, err, "DELETE FROM drill_bracket WHERE drill_id = ? AND team_id = ?",
			       "tt", drill, team);
	return cc__run(s, err, "INSERT INTO drill_bracket (drill_id, team_id, bracket) VALUES "
		       "(?, ?, ?) ON CONFLICT (drill_id, team_id) DO UPDATE SET bracket = "
		       "excluded.bracket", "ttt", drill, team, bracket);
}
