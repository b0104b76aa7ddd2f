/*
 * drills.c - stored scenarios and drills: teams, members, status
 * changes, inject states, ad-hoc injects and the event log (see
 * store_drills.h). What happens in play is drill_play.c.
 */
#include "store_internal.h"

#include <math.h>
#include <stdio.h>
#include <string.h>


double cc__col_real(cc__stmt *st, int col)
{
	return cc__is_null(st, col) ? NAN : cc__double(st, col);
}

/* ---- scenarios ---- */

int cc_store_put_scenario(struct cc_store *s, const struct cc_scenario_rec *r,
			  int *created, struct cc_error *err)
{
	int rc = cc__run(s, err, "INSERT OR IGNORE INTO scenario (id, hash, title, text, files, "
			 "added_by, added_at) VALUES (?, ?, ?, ?, ?, ?, " NOW ")", "tttbit",
			 r->id, r->hash, r->title, r->text, r->len, r->files, r->added_by);

	*created = !rc && cc__changes(s) > 0;
	return rc;
}

int cc_store_put_scenario_file(struct cc_store *s, const char *id, const char *hash,
			       const struct cc_scenario_file_rec *f, struct cc_error *err)
{
	return cc__run(s, err, "INSERT OR IGNORE INTO scenario_file (scenario_id, scenario_hash, "
		       "path, sha256, size) VALUES (?, ?, ?, ?, ?)", "ttttI", id, hash, f->path,
		       f->sha256, f->size);
}

static int scenario_row(struct cc_list *l, cc__stmt *st, void *item)
{
	struct cc_scenario_rec *r = item;

	r->id = cc__col_text(l, st, 0);
	r->hash = cc__col_text(l, st, 1);
	r->title = cc__col_text(l, st, 2);
	r->text = cc__col_text(l, st, 3);
	r->len = (size_t)cc__bytes(st, 3);
	r->files = cc__int(st, 4);
	r->added_by = cc__col_text(l, st, 5);
	r->added_at = cc__col_text(l, st, 6);
	return r->id && r->hash && r->title && r->text && r->added_by && r->added_at ? 0 : -1;
}

#define SCENARIO_COLS "id, hash, title, text, files, added_by, added_at"

int cc_store_scenarios(struct cc_store *s, struct cc_list *out, struct cc_error *err)
{
	return cc__collect(s, cc__prepare(s, err,
		"SELECT " SCENARIO_COLS " FROM scenario f WHERE rowid = (SELECT max(rowid) FROM "
		"scenario g WHERE g.id = f.id) ORDER BY id", ""),
		out, sizeof(struct cc_scenario_rec), scenario_row, err);
}

int cc_store_scenario(struct cc_store *s, const char *id, const char *hash,
		      struct cc_list *out, struct cc_error *err)
{
	int rc = cc__collect(s, hash ?
		cc__prepare(s, err, "SELECT " SCENARIO_COLS " FROM scenario WHERE id = ? AND "
			    "hash = ?", "tt", id, hash) :
		cc__prepare(s, err, "SELECT " SCENARIO_COLS " FROM scenario WHERE id = ? "
			    "ORDER BY rowid DESC LIMIT 1", "t", id),
		out, sizeof(struct cc_scenario_rec), scenario_row, err);

	if (!rc && out->n == 0) {
		cc_list_free(out);
		return cc_error_set(err, CC_ENOTFOUND, "scenario", 0, 0, "no scenario \"%s\"", id);
	}
	return rc;
}

static int file_row(struct cc_list *l, cc__stmt *st, void *item)
{
	struct cc_scenario_file_rec *f = item;

	f->path = cc__col_text(l, st, 0);
	f->sha256 = cc__col_text(l, st, 1);
	f->size = cc__int64(st, 2);
	return f->path && f->sha256 ? 0 : -1;
}

int cc_store_scenario_files(struct cc_store *s, const char *id, const char *hash,
			    struct cc_list *out, struct cc_error *err)
{
	return cc__collect(s, cc__prepare(s, err, "SELECT path, sha256, size FROM scenario_file "
		"WHERE scenario_id = ? AND scenario_hash = ? ORDER BY path", "tt", id, hash),
		out, sizeof(struct cc_scenario_file_rec), file_row, err);
}

/* ---- drills ---- */

int cc_store_create_drill(struct cc_store *s, const struct cc_drill_rec *d,
			  struct cc_error *err)
{
	int rc = cc__run(s, err, "INSERT INTO drill (id, scenario_id, scenario_hash, title, speed, "
			 "status, director, created_at) VALUES (?, ?, ?, ?, ?, 'scheduled', ?, "
			 NOW ")", "ttttdI", d->id, d->scenario, d->scenario_hash, d->title,
			 d->speed, d->director);

	if (rc == CC_ECONFLICT)
		return cc_error_set(err, CC_ECONFLICT, "id", 0, 0, "there is a drill \"%s\" already",
				    d->id);
	return rc;
}

static int drill_row(struct cc_list *l, cc__stmt *st, void *item)
{
	struct cc_drill_rec *d = item;

	d->id = cc__col_text(l, st, 0);
	d->scenario = cc__col_text(l, st, 1);
	d->scenario_hash = cc__col_text(l, st, 2);
	d->title = cc__col_text(l, st, 3);
	d->speed = cc__double(st, 4);
	d->status = cc__col_text(l, st, 5);
	d->director = cc__int64(st, 6);
	d->created_at = cc__col_text(l, st, 7);
	return d->id && d->scenario && d->scenario_hash && d->title && d->status &&
	       d->created_at ? 0 : -1;
}

#define DRILL_COLS "d.id, d.scenario_id, d.scenario_hash, d.title, d.speed, d.status, " \
	"d.director, d.created_at"

int cc_store_drill(struct cc_store *s, const char *id, struct cc_list *out,
		   struct cc_error *err)
{
	int rc = cc__collect(s, cc__prepare(s, err, "SELECT " DRILL_COLS " FROM drill d "
		"WHERE d.id = ?", "t", id), out, sizeof(struct cc_drill_rec), drill_row, err);

	if (!rc && out->n == 0) {
		cc_list_free(out);
		return cc_error_set(err, CC_ENOTFOUND, "drill", 0, 0, "no drill \"%s\"", id);
	}
	return rc;
}

int cc_store_drills(struct cc_store *s, long long user, struct cc_list *out,
		    struct cc_error *err)
{
	return cc__collect(s, user ?
		cc__prepare(s, err, "SELECT " DRILL_COLS " FROM drill d WHERE d.id IN (SELECT "
			    "drill_id FROM drill_member WHERE user_id = ?) ORDER BY d.rowid DESC",
			    "I", user) :
		cc__prepare(s, err, "SELECT " DRILL_COLS " FROM drill d ORDER BY d.rowid DESC", ""),
		out, sizeof(struct cc_drill_rec), drill_row, err);
}

int cc_store_live_drills(struct cc_store *s, struct cc_list *out, struct cc_error *err)
{
	return cc__collect(s, cc__prepare(s, err, "SELECT " DRILL_COLS " FROM drill d WHERE "
		"d.status IN ('running', 'paused') ORDER BY d.id", ""),
		out, sizeof(struct cc_drill_rec), drill_row, err);
}

int cc_store_set_drill_status(struct cc_store *s, const char *id, const char *status,
			      struct cc_error *err)
{
	return cc__run(s, err, "UPDATE drill SET status = ? WHERE id = ?", "tt", status, id);
}

int cc_store_add_drill_status(struct cc_store *s, const char *drill, double at,
			      const char *status, const char *by, struct cc_error *err)
{
	return cc__run(s, err, "INSERT INTO drill_status_event (drill_id, at, status, by) "
		       "VALUES (?, ?, ?, ?)", "tdtt", drill, at, status, by);
}

static int status_row(struct cc_list *l, cc__stmt *st, void *item)
{
	struct cc_drill_status_rec *r = item;

	r->at = cc__double(st, 0);
	r->status = cc__col_text(l, st, 1);
	r->by = cc__col_text(l, st, 2);
	return r->status && r->by ? 0 : -1;
}

int cc_store_drill_statuses(struct cc_store *s, const char *drill, struct cc_list *out,
			    struct cc_error *err)
{
	return cc__collect(s, cc__prepare(s, err, "SELECT at, status, by FROM drill_status_event "
		"WHERE drill_id = ? ORDER BY id", "t", drill),
		out, sizeof(struct cc_drill_status_rec), status_row, err);
}

int cc_store_add_drill_team(struct cc_store *s, const char *drill,
			    const struct cc_drill_team_rec *t, int position,
			    struct cc_error *err)
{
	return cc__run(s, err, "INSERT INTO drill_team (drill_id, team_id, unit_id, hidden, "
		       "position) VALUES (?, ?, ?, ?, ?)", "tttii", drill, t->team, t->unit,
		       t->hidden, position);
}

static int team_row(struct cc_list *l, cc__stmt *st, void *item)
{
	struct cc_drill_team_rec *t = item;

	t->team = cc__col_text(l, st, 0);
	t->unit = cc__col_text(l, st, 1);
	t->hidden = cc__int(st, 2);
	return t->team ? 0 : -1;
}

int cc_store_drill_teams(struct cc_store *s, const char *drill, struct cc_list *out,
			 struct cc_error *err)
{
	return cc__collect(s, cc__prepare(s, err, "SELECT team_id, unit_id, hidden FROM drill_team "
		"WHERE drill_id = ? ORDER BY position", "t", drill),
		out, sizeof(struct cc_drill_team_rec), team_row, err);
}

int cc_store_add_drill_member(struct cc_store *s, const char *drill, long long user,
			      const char *role, const char *team, struct cc_error *err)
{
	return cc__run(s, err, "INSERT OR IGNORE INTO drill_member (drill_id, user_id, role, "
		       "team_id) VALUES (?, ?, ?, ?)", "tItt", drill, user, role, team);
}

static int member_row(struct cc_list *l, cc__stmt *st, void *item)
{
	struct cc_drill_member_rec *m = item;

	m->user = cc__int64(st, 0);
	m->email = cc__col_text(l, st, 1);
	m->name = cc__col_text(l, st, 2);
	m->role = cc__col_text(l, st, 3);
	m->team = cc__col_text(l, st, 4);
	return m->email && m->name && m->role ? 0 : -1;
}

int cc_store_drill_members(struct cc_store *s, const char *drill, struct cc_list *out,
			   struct cc_error *err)
{
	return cc__collect(s, cc__prepare(s, err, "SELECT m.user_id, u.email, u.name, m.role, "
		"m.team_id FROM drill_member m JOIN user u ON u.id = m.user_id WHERE m.drill_id = ? "
		"ORDER BY CASE m.role WHEN 'director' THEN 0 WHEN 'controller' THEN 1 WHEN "
		"'evaluator' THEN 2 WHEN 'observer' THEN 3 ELSE 4 END, m.rowid", "t", drill),
		out, sizeof(struct cc_drill_member_rec), member_row, err);
}

int cc_store_drill_member_of(struct cc_store *s, const char *drill, long long user,
			     struct cc_list *out, struct cc_error *err)
{
	return cc__collect(s, cc__prepare(s, err, "SELECT m.user_id, u.email, u.name, m.role, "
		"m.team_id FROM drill_member m JOIN user u ON u.id = m.user_id WHERE m.user_id = ? "
		"AND m.drill_id = ? ORDER BY m.rowid", "It", user, drill), out,
		sizeof(struct cc_drill_member_rec), member_row, err);
}

/* ---- injects ---- */

int cc_store_add_inject_state(struct cc_store *s, const char *drill,
			      const struct cc_inject_state_rec *r, struct cc_error *err)
{
	bool pending = strcmp(r->state, "pending") == 0;
	int rc = cc__run(s, err, "INSERT INTO inject_state (drill_id, inject_id, state, at, clock, "
			 "by) VALUES (?, ?, ?, ?, ?, ?)", "tttddt", drill, r->inject, r->state,
			 pending ? NAN : r->at, pending ? NAN : r->clock, pending ? NULL : r->by);

	if (rc == CC_ECONFLICT)
		return cc_error_set(err, CC_ECONFLICT, "id", 0, 0,
				    "drill %s has an inject \"%s\" already", drill, r->inject);
	return rc;
}

int cc__scalar(struct cc_store *s, cc__stmt *st, long long *out, struct cc_error *err)
{
	int rc;

	*out = 0;
	if (!st)
		return err ? err->code : CC_EIO;
	rc = cc__step(st);
	if (rc == CC__ROW)
		*out = cc__int64(st, 0);
	rc = rc == CC__ROW || rc == CC__DONE ? CC_OK : cc__db_fail(s, err, "read");
	cc__finish(s, st);
	return rc;
}

int cc_store_move_inject(struct cc_store *s, const char *drill,
			 const struct cc_inject_state_rec *r, struct cc_error *err)
{
	long long n;
	int rc = cc__run(s, err, "UPDATE inject_state SET state = ?, at = ?, clock = ?, by = ? "
			 "WHERE drill_id = ? AND inject_id = ? AND state = 'pending'", "tddttt",
			 r->state, r->at, r->clock, r->by, drill, r->inject);

	if (rc || cc__changes(s) == 1)
		return rc;
	rc = cc__scalar(s, cc__prepare(s, err, "SELECT count(*) FROM inject_state WHERE "
		"drill_id = ? AND inject_id = ?", "tt", drill, r->inject), &n, err);
	if (rc)
		return rc;
	return n ? cc_error_set(err, CC_ECONFLICT, "inject", 0, 0,
				"inject %s was delivered or skipped already", r->inject) :
		   cc_error_set(err, CC_ENOTFOUND, "inject", 0, 0, "no inject \"%s\" in drill %s",
				r->inject, drill);
}

static int state_row(struct cc_list *l, cc__stmt *st, void *item)
{
	struct cc_inject_state_rec *r = item;

	r->inject = cc__col_text(l, st, 0);
	r->state = cc__col_text(l, st, 1);
	r->at = cc__col_real(st, 2);
	r->clock = cc__col_real(st, 3);
	r->by = cc__col_text(l, st, 4);
	return r->inject && r->state ? 0 : -1;
}

int cc_store_inject_states(struct cc_store *s, const char *drill, struct cc_list *out,
			   struct cc_error *err)
{
	return cc__collect(s, cc__prepare(s, err, "SELECT inject_id, state, at, clock, by FROM "
		"inject_state WHERE drill_id = ? ORDER BY rowid", "t", drill),
		out, sizeof(struct cc_inject_state_rec), state_row, err);
}

int cc_store_add_adhoc(struct cc_store *s, const char *drill, const struct cc_adhoc_rec *a,
		       struct cc_error *err)
{
	return cc__run(s, err, "INSERT INTO drill_adhoc (drill_id, inject_id, title, content, "
		       "channel, sender, to_teams, notes, by, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, "
		       "?, ?)", "tttttttttd", drill, a->inject, a->title, a->content, a->channel,
		       a->sender, a->to, a->notes, a->by, a->at);
}

static int adhoc_row(struct cc_list *l, cc__stmt *st, void *item)
{
	struct cc_adhoc_rec *a = item;

	a->inject = cc__col_text(l, st, 0);
	a->title = cc__col_text(l, st, 1);
	a->content = cc__col_text(l, st, 2);
	a->channel = cc__col_text(l, st, 3);
	a->sender = cc__col_text(l, st, 4);
	a->to = cc__col_text(l, st, 5);
	a->notes = cc__col_text(l, st, 6);
	a->by = cc__col_text(l, st, 7);
	a->at = cc__double(st, 8);
	return a->inject && a->title && a->content && a->channel && a->to && a->by ? 0 : -1;
}

int cc_store_adhocs(struct cc_store *s, const char *drill, struct cc_list *out,
		    struct cc_error *err)
{
	return cc__collect(s, cc__prepare(s, err, "SELECT inject_id, title, content, channel, "
		"sender, to_teams, notes, by, at FROM drill_adhoc WHERE drill_id = ? ORDER BY rowid",
		"t", drill), out, sizeof(struct cc_adhoc_rec), adhoc_row, err);
}

/* ---- the event log ---- */

int cc_store_add_drill_event(struct cc_store *s, const char *drill,
			     const struct cc_drill_event_rec *e, long long *id,
			     struct cc_error *err)
{
	int rc = cc__run(s, err, "INSERT INTO inject_event (drill_id, kind, team_id, payload, at) "
			 "VALUES (?, ?, ?, ?, ?)", "ttttd", drill, e->kind, e->team, e->payload,
			 e->at);

	if (!rc && id)
		*id = cc__last_id(s);
	return rc;
}

static int event_row(struct cc_list *l, cc__stmt *st, void *item)
{
	struct cc_drill_event_rec *e = item;

	e->id = cc__int64(st, 0);
	e->kind = cc__col_text(l, st, 1);
	e->team = cc__col_text(l, st, 2);
	e->payload = cc__col_text(l, st, 3);
	e->at = cc__double(st, 4);
	return e->kind && e->payload ? 0 : -1;
}

int cc_store_drill_events(struct cc_store *s, const char *drill, long long after,
			  int limit, struct cc_list *out, struct cc_error *err)
{
	return cc__collect(s, cc__prepare(s, err, "SELECT id, kind, team_id, payload, at FROM "
		"inject_event WHERE drill_id = ? AND id > ? ORDER BY id LIMIT ?", "tIi", drill,
		after, limit), out, sizeof(struct cc_drill_event_rec), event_row, err);
}
