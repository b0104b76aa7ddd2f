/*
 * drill_load.c - a drill in memory (see drills.h): its record, the
 * scenario version it runs, its teams and members, its status changes
 * (the play clock's input), and every inject with its state, the
 * scenario's and the ad-hoc ones, in timeline order; and who holds which
 * role in it.
 */
#include "drills.h"

#include "scenario_cache.h"

#include "../core/idmap.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void cc_drill_free(struct cc_drill *d)
{
	cc_list_free(&d->rec);
	cc_list_free(&d->teams_l);
	cc_list_free(&d->members_l);
	cc_list_free(&d->statuses_l);
	cc_list_free(&d->states_l);
	cc_list_free(&d->adhocs_l);
	cc_scenario_cache_release(d->shared);
	cc_arena_free(&d->arena);
	memset(d, 0, sizeof(*d));
}

static int oom(struct cc_error *err)
{
	return cc_error_set(err, CC_ENOMEM, NULL, 0, 0, "out of memory");
}

static int load_statuses(struct cc_drill *d)
{
	const struct cc_drill_status_rec *r = d->statuses_l.items;

	d->ev = cc_arena_array(&d->arena, (size_t)d->statuses_l.n + 1, sizeof(*d->ev));
	if (!d->ev)
		return CC_ENOMEM;
	d->started_at = d->ended_at = NAN;
	for (int i = 0; i < d->statuses_l.n; i++) {
		int st = cc_drill_status_parse(r[i].status);
		d->ev[d->nev].t = r[i].at;
		d->ev[d->nev++].to = st < 0 ? CC_DRILL_SCHEDULED : (enum cc_drill_status)st;
		if (st == CC_DRILL_RUNNING && isnan(d->started_at))
			d->started_at = r[i].at;
		if (st == CC_DRILL_ENDED || st == CC_DRILL_CANCELLED)
			d->ended_at = r[i].at;
	}
	return CC_OK;
}

static int load_teams(struct cc_drill *d)
{
	const struct cc_drill_team_rec *r = d->teams_l.items;

	d->nteams = d->sc.nteams;
	d->teams = cc_arena_array(&d->arena, (size_t)d->nteams + 1, sizeof(*d->teams));
	if (!d->teams)
		return CC_ENOMEM;
	for (int t = 0; t < d->nteams; t++) {
		d->teams[t].id = d->sc.teams[t].id;
		d->teams[t].name = d->sc.teams[t].name;
		for (int k = 0; k < d->teams_l.n; k++)
			if (strcmp(r[k].team, d->teams[t].id) == 0) {
				d->teams[t].unit = r[k].unit;
				d->teams[t].hidden = r[k].hidden;
			}
	}
	return CC_OK;
}

static void scenario_inject(struct cc_drill *d, int i)
{
	const struct cc_inject *in = &d->sc.injects[i];
	struct cc_drill_inject *x = &d->injects[i];

	x->id = in->id;
	x->title = in->title;
	x->content = in->content;
	x->channel = cc_channel_name(in->channel);
	x->from = in->from;
	x->notes = in->notes;
	x->at = in->at;
	x->planned = in->planned;
	x->to_all = in->to_all;
	x->nto = in->nto;
	x->expects = in->expects;
	x->nexpects = in->nexpects;
	x->after = in->has_after ? in->after.id : NULL;
	x->scenario = i;
	for (int t = 0; x->to && t < in->nto; t++)
		x->to[t] = in->to[t].id;
}

/* to_teams as stored: "all", or ids separated by '|'. */
static int split_to(struct cc_drill *d, const char *to, struct cc_drill_inject *x)
{
	int n = 1;
	char *copy = cc_arena_strdup(&d->arena, to);

	if (!copy)
		return CC_ENOMEM;
	if (strcmp(to, "all") == 0) {
		x->to_all = true;
		return CC_OK;
	}
	for (const char *p = to; *p; p++)
		n += *p == '|';
	x->to = cc_arena_array(&d->arena, (size_t)n, sizeof(char *));
	if (!x->to)
		return CC_ENOMEM;
	for (char *save = NULL, *tok = strtok_r(copy, "|", &save); tok;
	     tok = strtok_r(NULL, "|", &save))
		x->to[x->nto++] = tok;
	return CC_OK;
}

static int adhoc_inject(struct cc_drill *d, const struct cc_adhoc_rec *a,
			struct cc_drill_inject *x)
{
	x->id = a->inject;
	x->title = a->title;
	x->content = a->content;
	x->channel = a->channel;
	x->from = a->sender;
	x->notes = a->notes;
	x->at = x->planned = cc_drill_clock(d->ev, d->nev, d->d->speed, a->at);
	x->scenario = -1;
	return split_to(d, a->to, x);
}

/* The timeline: the scenario's order, with the ad-hoc injects (in the
 * order added, so by clock) merged in by planned time after ties. */
static void make_order(struct cc_drill *d)
{
	int ns = d->sc.ninjects, k = 0, a = ns, o = 0;

	while (k < ns || a < d->ninjects) {
		if (a >= d->ninjects ||
		    (k < ns && d->injects[d->sc.timeline[k]].planned <= d->injects[a].planned))
			d->order[o++] = d->sc.timeline[k++];
		else
			d->order[o++] = a++;
	}
}

static int load_injects(struct cc_drill *d)
{
	const struct cc_inject_state_rec *st = d->states_l.items;
	const struct cc_adhoc_rec *ad = d->adhocs_l.items;
	struct cc_idmap ids;
	int rc = CC_OK;

	d->ninjects = d->sc.ninjects + d->adhocs_l.n;
	d->injects = cc_arena_array(&d->arena, (size_t)d->ninjects + 1, sizeof(*d->injects));
	d->order = cc_arena_array(&d->arena, (size_t)d->ninjects + 1, sizeof(int));
	d->state = cc_arena_array(&d->arena, (size_t)d->sc.ninjects + 1, 1);
	if (!d->injects || !d->order || !d->state)
		return CC_ENOMEM;
	cc_idmap_init(&ids);
	for (int i = 0; !rc && i < d->sc.ninjects; i++) {
		d->injects[i].to = cc_arena_array(&d->arena, (size_t)d->sc.injects[i].nto + 1,
						  sizeof(char *));
		if (!d->injects[i].to)
			rc = CC_ENOMEM;
		else
			scenario_inject(d, i);
	}
	for (int a = 0; !rc && a < d->adhocs_l.n; a++)
		rc = adhoc_inject(d, &ad[a], &d->injects[d->sc.ninjects + a]);
	for (int i = 0; !rc && i < d->ninjects; i++) {
		d->injects[i].done_at = d->injects[i].clock = NAN;
		rc = cc_idmap_put(&ids, d->injects[i].id, strlen(d->injects[i].id), i);
	}
	for (int r = 0; !rc && r < d->states_l.n; r++) {
		int i = cc_idmap_get(&ids, st[r].inject, strlen(st[r].inject));
		struct cc_drill_inject *x = i >= 0 ? &d->injects[i] : NULL;
		if (!x)
			continue;
		x->state = strcmp(st[r].state, "delivered") == 0 ? CC_INJECT_DELIVERED :
			   strcmp(st[r].state, "skipped") == 0 ? CC_INJECT_SKIPPED : CC_INJECT_PENDING;
		x->done_at = st[r].at;
		x->clock = st[r].clock;
		x->by = st[r].by;
	}
	cc_idmap_free(&ids);
	if (rc)
		return rc;
	for (int i = 0; i < d->sc.ninjects; i++)
		d->state[i] = (unsigned char)d->injects[i].state;
	make_order(d);
	return CC_OK;
}

int cc_drill_load(struct cc_store *s, const char *data_dir, const char *id,
		  struct cc_drill *d, struct cc_error *err)
{
	int rc, st;

	memset(d, 0, sizeof(*d));
	cc_arena_init(&d->arena);
	rc = cc_store_drill(s, id, &d->rec, err);
	if (rc)
		return rc;
	d->d = d->rec.items;
	rc = cc_scenario_cache_get(s, data_dir, d->d->scenario, d->d->scenario_hash, &d->shared,
				   err);
	if (!rc) {
		/* a view of the shared scenario: its memory is the cache's */
		d->sc = *d->shared;
		memset(&d->sc.arena, 0, sizeof(d->sc.arena));
	}
	if (!rc)
		rc = cc_store_drill_statuses(s, id, &d->statuses_l, err);
	if (!rc)
		rc = cc_store_drill_teams(s, id, &d->teams_l, err);
	if (!rc)
		rc = cc_store_drill_members(s, id, &d->members_l, err);
	if (!rc)
		rc = cc_store_inject_states(s, id, &d->states_l, err);
	if (!rc)
		rc = cc_store_adhocs(s, id, &d->adhocs_l, err);
	if (rc)
		return rc;
	st = cc_drill_status_parse(d->d->status);
	d->status = st < 0 ? CC_DRILL_SCHEDULED : (enum cc_drill_status)st;
	d->members = d->members_l.items;
	d->nmembers = d->members_l.n;
	if (load_statuses(d) || load_teams(d) || load_injects(d))
		return oom(err);
	return CC_OK;
}

void cc_drill_in_lang(struct cc_drill *d, int l)
{
	const struct cc_scenario *v = cc_scenario_in(d->shared, l);

	d->sc = *v;
	memset(&d->sc.arena, 0, sizeof(d->sc.arena));
	for (int t = 0; t < d->nteams && t < v->nteams; t++)
		d->teams[t].name = v->teams[t].name;
	for (int i = 0; i < d->ninjects; i++) {
		struct cc_drill_inject *x = &d->injects[i];
		const struct cc_inject *in;
		if (x->scenario < 0 || x->scenario >= v->ninjects)
			continue;
		in = &v->injects[x->scenario];
		x->title = in->title;
		x->content = in->content;
		x->from = in->from;
		x->notes = in->notes;
		x->expects = in->expects;
	}
}

double cc_drill_clock_now(const struct cc_drill *d, double now)
{
	return cc_drill_clock(d->ev, d->nev, d->d->speed, now);
}

int cc_drill_inject_index(const struct cc_drill *d, const char *id)
{
	for (int i = 0; i < d->ninjects; i++)
		if (strcmp(d->injects[i].id, id) == 0)
			return i;
	return -1;
}

int cc_drill_team_index(const struct cc_drill *d, const char *id)
{
	for (int t = 0; t < d->nteams; t++)
		if (strcmp(d->teams[t].id, id) == 0)
			return t;
	return -1;
}

bool cc_drill_inject_goes_to(const struct cc_drill *d, int i, const char *team)
{
	const struct cc_drill_inject *x = &d->injects[i];

	if (x->to_all)
		return cc_drill_team_index(d, team) >= 0;
	for (int t = 0; t < x->nto; t++)
		if (strcmp(x->to[t], team) == 0)
			return true;
	return false;
}

static unsigned roles_in(const struct cc_drill_member_rec *m, int n,
			 const struct cc_principal *p, char *team)
{
	unsigned roles = 0;

	team[0] = '\0';
	if (!p || p->id == 0)
		return 0;
	for (int i = 0; i < n; i++) {
		if (m[i].user != p->id)
			continue;
		roles |= cc_drill_role_parse(m[i].role);
		if (m[i].team)
			snprintf(team, 129, "%s", m[i].team);
	}
	if (cc_auth_has_role(p, "admin") && !(roles & CC_DR_PLAYER))
		roles |= CC_DR_DIRECTOR;
	return roles;
}

unsigned cc_drill_roles(const struct cc_drill *d, const struct cc_principal *p, char *team)
{
	return roles_in(d->members, d->nmembers, p, team);
}

int cc_drill_roles_of(struct cc_store *s, const char *id, const struct cc_principal *p,
		      unsigned *roles, char *team, struct cc_error *err)
{
	struct cc_list rec, members;
	int rc = cc_store_drill(s, id, &rec, err);

	*roles = 0;
	team[0] = '\0';
	if (rc)
		return rc;
	cc_list_free(&rec);
	/* only the caller's rows: a drill of 1,000 players is read on every
	 * request of each */
	rc = p && p->id ? cc_store_drill_member_of(s, id, p->id, &members, err) :
	     cc_store_drill_members(s, id, &members, err);
	if (rc)
		return rc;
	*roles = roles_in(members.items, members.n, p, team);
	cc_list_free(&members);
	return CC_OK;
}
