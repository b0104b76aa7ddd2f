/*
 * drills.c - creating a drill, moving its status, delivering and skipping
 * injects (when due, or when a controller says so) and ad-hoc injects
 * (see drills.h). Each write re-reads the drill inside its transaction,
 * appends the events viewers are told (drill_events.c) and audits.
 */
#include "drills.h"

#include "challenges.h"
#include "drill_internal.h"
#include "workflow.h"

#include "../core/framework.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- creating ---- */

static int text_ok(const char *s, size_t max, bool lines)
{
	size_t n = s ? strlen(s) : 0;

	if (n == 0 || n > max)
		return 0;
	for (; *s; s++)
		if (((unsigned char)*s < 0x20 && !(lines && (*s == '\n' || *s == '\r' ||
							      *s == '\t'))) || *s == 0x7f)
			return 0;
	return 1;
}

int cc__drill_text(const char *s, const char *field, size_t max, bool lines,
		   struct cc_error *err)
{
	if (!text_ok(s, max, lines))
		return cc_error_set(err, CC_EINPUT, field, 0, 0, "%s is text of 1 to %zu bytes%s",
				    field, max, lines ? "" : " on one line");
	return CC_OK;
}

/* The account of email, or CC_EINPUT naming field. */
static int account(struct cc_store *s, const char *email, const char *field,
		   long long *user, struct cc_error *err)
{
	struct cc_list l;
	int rc = email ? cc_store_user(s, email, 0, &l, err) : CC_ENOTFOUND;

	if (rc == CC_ENOTFOUND)
		return cc_error_set(err, CC_EINPUT, field, 0, 0, "there is no account %.200s: "
				    "add it first", email ? email : "(none)");
	if (rc)
		return rc;
	*user = ((const struct cc_user_rec *)l.items)->id;
	cc_list_free(&l);
	return CC_OK;
}

static int add_members(struct cc_store *s, const char *drill, const char **emails, int n,
		       const char *role, const char *team, const char *field,
		       struct cc_error *err)
{
	int rc = CC_OK;

	for (int i = 0; !rc && i < n; i++) {
		long long user = 0;
		rc = account(s, emails[i], field, &user, err);
		if (!rc)
			rc = cc_store_add_drill_member(s, drill, user, role, team, err);
	}
	return rc;
}

/* A player holds no other role and plays in one team. */
static int check_players(struct cc_store *s, const char *drill, struct cc_error *err)
{
	struct cc_list l;
	const struct cc_drill_member_rec *m;
	int rc = cc_store_drill_members(s, drill, &l, err);

	if (rc)
		return rc;
	m = l.items;
	if (l.n > CC_DRILL_MAX_MEMBERS)
		rc = cc_error_set(err, CC_ELIMIT, "teams", 0, 0, "a drill has at most %d members",
				  CC_DRILL_MAX_MEMBERS);
	for (int i = 0; !rc && i < l.n; i++)
		for (int k = 0; !rc && k < l.n; k++)
			if (k != i && m[i].user == m[k].user && strcmp(m[i].role, "player") == 0)
				rc = cc_error_set(err, CC_EINPUT, "teams", 0, 0, "%.200s is a player "
						  "and %s%s%s in this drill: a player plays in one team "
						  "and holds no other role", m[i].email, m[k].role,
						  m[k].team ? " of " : "", m[k].team ? m[k].team : "");
	cc_list_free(&l);
	return rc;
}

static int create_rows(struct cc_store *s, const struct cc_drill_new *n,
		       const struct cc_scenario *sc, const char *hash,
		       const struct cc_principal *who, double now, struct cc_error *err)
{
	struct cc_drill_rec d = {.id = n->id, .scenario = sc->id, .scenario_hash = hash,
				 .title = n->title, .speed = n->speed, .director = who->id};
	char entity[200], speed[64];
	int rc = cc_store_create_drill(s, &d, err);

	for (int t = 0; !rc && t < sc->nteams; t++) {
		struct cc_drill_team_rec tr = {.team = sc->teams[t].id};
		for (int k = 0; k < n->nteams; k++)
			if (strcmp(n->teams[k].team, tr.team) == 0) {
				tr.unit = n->teams[k].unit;
				tr.hidden = n->teams[k].hidden;
			}
		rc = cc_store_add_drill_team(s, n->id, &tr, t, err);
	}
	for (int i = 0; !rc && i < sc->ninjects; i++) {
		struct cc_inject_state_rec r = {.inject = sc->injects[i].id, .state = "pending"};
		rc = cc_store_add_inject_state(s, n->id, &r, err);
	}
	if (!rc)
		rc = cc_store_add_drill_member(s, n->id, who->id, "director", NULL, err);
	for (int k = 0; !rc && k < n->nteams; k++) {
		char field[300];
		snprintf(field, sizeof(field), "teams.%s.players", n->teams[k].team);
		rc = add_members(s, n->id, n->teams[k].players, n->teams[k].nplayers, "player",
				 n->teams[k].team, field, err);
	}
	if (!rc)
		rc = add_members(s, n->id, n->controllers, n->ncontrollers, "controller", NULL,
				 "controllers", err);
	if (!rc)
		rc = add_members(s, n->id, n->evaluators, n->nevaluators, "evaluator", NULL,
				 "evaluators", err);
	if (!rc)
		rc = add_members(s, n->id, n->observers, n->nobservers, "observer", NULL,
				 "observers", err);
	if (!rc)
		rc = check_players(s, n->id, err);
	if (!rc)
		rc = cc__challenges_copy(s, n->id, sc, err);
	if (!rc)
		rc = cc_store_add_drill_status(s, n->id, now, "scheduled", who->email, err);
	snprintf(entity, sizeof(entity), "drill:%s", n->id);
	snprintf(speed, sizeof(speed), "%g", n->speed);
	if (!rc)
		rc = cc_workflow_audit(s, who->email, "create", entity, NULL,
				       cc_workflow_audit_json3("scenario", sc->id, "hash", hash, "speed", speed),
				       err);
	return rc;
}

static int check_new(struct cc_store *s, const struct cc_drill_new *n,
		     const struct cc_scenario *sc, struct cc_error *err)
{
	if (!n->id || strlen(n->id) > 64 || !cc_framework_valid_id(n->id, strlen(n->id)))
		return cc_error_set(err, CC_EINPUT, "id", 0, 0, "a drill id is 1 to 64 letters, "
				    "digits, '_', '.', ':' or '-'");
	if (cc__drill_text(n->title, "title", CC_DRILL_TITLE_MAX, false, err))
		return CC_EINPUT;
	if (!(n->speed > 0) || !(n->speed <= CC_DRILL_MAX_SPEED))
		return cc_error_set(err, CC_EINPUT, "speed", 0, 0, "speed is a number above 0 and "
				    "at most %g (1: real time, 60: a minute of play a second)",
				    CC_DRILL_MAX_SPEED);
	for (int k = 0; k < n->nteams; k++) {
		char field[300];
		snprintf(field, sizeof(field), "teams.%s", n->teams[k].team);
		if (cc_scenario_team(sc, n->teams[k].team) < 0)
			return cc_error_set(err, CC_EINPUT, field, 0, 0, "scenario %s has no team "
					    "\"%.100s\"", sc->id, n->teams[k].team);
		for (int j = 0; j < k; j++)
			if (strcmp(n->teams[j].team, n->teams[k].team) == 0)
				return cc_error_set(err, CC_EINPUT, field, 0, 0, "team %.100s is "
						    "given twice", n->teams[k].team);
		snprintf(field, sizeof(field), "teams.%s.unit", n->teams[k].team);
		if (n->teams[k].unit && !cc_store_unit_exists(s, n->teams[k].unit))
			return cc_error_set(err, CC_EINPUT, field, 0, 0, "unit \"%.100s\" is not "
					    "known", n->teams[k].unit);
	}
	return CC_OK;
}

int cc_drills_create(struct cc_store *s, const char *data_dir, const struct cc_drill_new *n,
		     const struct cc_principal *who, double now, struct cc_error *err)
{
	struct cc_list l;
	struct cc_scenario sc;
	const struct cc_scenario_rec *r;
	int rc = n->scenario ? cc_store_scenario(s, n->scenario, NULL, &l, err) : CC_ENOTFOUND;

	if (rc == CC_ENOTFOUND)
		return cc_error_set(err, CC_EINPUT, "scenario", 0, 0, "there is no scenario "
				    "\"%.100s\"", n->scenario ? n->scenario : "");
	if (rc)
		return rc;
	r = l.items;
	rc = cc_scenarios_parse(data_dir, r, &sc, err);
	if (rc) {
		cc_list_free(&l);
		return rc;
	}
	rc = check_new(s, n, &sc, err);
	if (!rc)
		rc = cc_store_begin(s, err);
	if (!rc) {
		rc = create_rows(s, n, &sc, r->hash, who, now, err);
		if (!rc)
			rc = cc_store_commit(s, err);
		if (rc)
			cc_store_rollback(s);
	}
	cc_scenario_free(&sc);
	cc_list_free(&l);
	return rc;
}

/* ---- running ---- */

int cc__drill_txn(struct cc_store *s, const char *data_dir, const char *id,
		  int (*fn)(struct cc_store *, struct cc_drill *, void *, struct cc_error *),
		  void *arg, struct cc_error *err)
{
	struct cc_drill d;
	int rc = cc_store_begin(s, err);

	if (rc)
		return rc;
	rc = cc_drill_load(s, data_dir, id, &d, err);
	if (!rc)
		rc = fn(s, &d, arg, err);
	if (!rc)
		rc = cc_store_commit(s, err);
	if (rc)
		cc_store_rollback(s);
	cc_drill_free(&d);
	return rc;
}

struct move_arg {
	enum cc_drill_status to;
	const char *actor;
	double now;
};

static int do_move(struct cc_store *s, struct cc_drill *d, void *arg, struct cc_error *err)
{
	struct move_arg *m = arg;
	const char *from = cc_drill_status_name(d->status), *to = cc_drill_status_name(m->to);
	char entity[200];
	double clock;
	int rc;

	if (!cc_drill_may_move(d->status, m->to))
		return cc_error_set(err, CC_ECONFLICT, "status", 0, 0, "a drill that is %s cannot "
				    "become %s", from, to);
	rc = cc_store_add_drill_status(s, d->d->id, m->now, to, m->actor, err);
	if (!rc)
		rc = cc_store_set_drill_status(s, d->d->id, to, err);
	d->ev[d->nev].t = m->now;
	d->ev[d->nev++].to = m->to;
	clock = cc_drill_clock_now(d, m->now);
	if (!rc)
		rc = cc__drill_status_event(s, d, to, clock, m->now, err);
	snprintf(entity, sizeof(entity), "drill:%s", d->d->id);
	if (!rc)
		rc = cc_workflow_audit(s, m->actor, "status", entity,
				       cc_workflow_audit_json("status", from, NULL, NULL),
				       cc_workflow_audit_json("status", to, NULL, NULL), err);
	return rc;
}

int cc_drills_move(struct cc_store *s, const char *data_dir, const char *id,
		   enum cc_drill_status to, const char *actor, double now,
		   struct cc_error *err)
{
	struct move_arg m = {to, actor, now};

	return cc__drill_txn(s, data_dir, id, do_move, &m, err);
}

static int live(const struct cc_drill *d, const char *doing, struct cc_error *err)
{
	if (d->status == CC_DRILL_RUNNING || d->status == CC_DRILL_PAUSED)
		return CC_OK;
	return cc_error_set(err, CC_ECONFLICT, "status", 0, 0, "the drill is %s: %s only while "
			    "it runs or is paused", cc_drill_status_name(d->status), doing);
}

struct inject_arg {
	const char *inject, *actor;
	double now;
	bool skip;
};

static int do_inject(struct cc_store *s, struct cc_drill *d, void *arg, struct cc_error *err)
{
	struct inject_arg *a = arg;
	int i = cc_drill_inject_index(d, a->inject), rc = live(d, a->skip ? "injects are skipped" :
							       "injects are delivered", err);

	if (rc)
		return rc;
	if (i < 0)
		return cc_error_set(err, CC_ENOTFOUND, "inject", 0, 0, "drill %s has no inject "
				    "\"%.100s\"", d->d->id, a->inject);
	if (d->injects[i].state != CC_INJECT_PENDING)
		return cc_error_set(err, CC_ECONFLICT, "inject", 0, 0, "inject %s was %s already",
				    d->injects[i].id, d->injects[i].state == CC_INJECT_DELIVERED ?
				    "delivered" : "skipped");
	return a->skip ? cc__drill_skip(s, d, i, a->actor, a->now, err) :
			 cc__drill_deliver(s, d, i, a->actor, a->now, err);
}

int cc_drills_deliver(struct cc_store *s, const char *data_dir, const char *id,
		      const char *inject, const char *actor, double now, struct cc_error *err)
{
	struct inject_arg a = {inject, actor, now, false};

	return cc__drill_txn(s, data_dir, id, do_inject, &a, err);
}

int cc_drills_skip(struct cc_store *s, const char *data_dir, const char *id,
		   const char *inject, const char *actor, double now, struct cc_error *err)
{
	struct inject_arg a = {inject, actor, now, true};

	return cc__drill_txn(s, data_dir, id, do_inject, &a, err);
}

struct adhoc_arg {
	const struct cc_adhoc_new *a;
	const char *actor;
	double now;
	char *id_out;
};

static int do_adhoc(struct cc_store *s, struct cc_drill *d, void *arg, struct cc_error *err)
{
	struct adhoc_arg *a = arg;
	int rc = live(d, "ad-hoc injects are added", err);

	return rc ? rc : cc__drill_adhoc(s, d, a->a, a->actor, a->now, a->id_out, err);
}

int cc_drills_adhoc(struct cc_store *s, const char *data_dir, const char *id,
		    const struct cc_adhoc_new *a, const char *actor, double now, char *id_out,
		    struct cc_error *err)
{
	struct adhoc_arg arg = {a, actor, now, id_out};

	id_out[0] = '\0';
	return cc__drill_txn(s, data_dir, id, do_adhoc, &arg, err);
}

/* ---- when due ---- */

struct due_arg {
	int delivered;
	double now;
};

/* Delivers what is due now, in timeline order, until nothing more is. */
static int deliver_due(struct cc_store *s, struct cc_drill *d, void *arg,
		       struct cc_error *err)
{
	struct due_arg *a = arg;
	bool more = d->status == CC_DRILL_RUNNING;
	int rc = CC_OK;

	while (!rc && more) {
		double clock = cc_drill_clock_now(d, a->now);
		more = false;
		for (int k = 0; !rc && k < d->sc.ninjects; k++) {
			int i = d->sc.timeline[k];
			if (!cc_drill_due(&d->sc, d->state, i, clock))
				continue;
			rc = cc__drill_deliver(s, d, i, "clock", a->now, err);
			a->delivered += !rc;
			more = true;
		}
	}
	return rc;
}

int cc_drills_tick(struct cc_store *s, const char *data_dir, const char *id, double now,
		   int *delivered, double *next, struct cc_error *err)
{
	struct cc_drill d;
	struct due_arg a = {0, now};
	double clock, due;
	bool any = false;
	int rc = cc_drill_load(s, data_dir, id, &d, err);

	*delivered = 0;
	*next = -1;
	if (rc) {
		cc_drill_free(&d);
		return rc;
	}
	clock = cc_drill_clock_now(&d, now);
	for (int i = 0; d.status == CC_DRILL_RUNNING && !any && i < d.sc.ninjects; i++)
		any = cc_drill_due(&d.sc, d.state, i, clock);
	cc_drill_free(&d);
	if (any) {
		rc = cc__drill_txn(s, data_dir, id, deliver_due, &a, err);
		*delivered = rc ? 0 : a.delivered;
	}
	if (rc)
		return rc;
	rc = cc_drill_load(s, data_dir, id, &d, err);
	if (!rc && d.status == CC_DRILL_RUNNING) {
		clock = cc_drill_clock_now(&d, now);
		due = cc_drill_next_due(&d.sc, d.state, clock);
		*next = due < 0 ? -1 : cc_drill_wall_at(due, clock, now, d.d->speed);
	}
	cc_drill_free(&d);
	return rc;
}
