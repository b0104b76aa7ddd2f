/*
 * skills_dashboard.c - a programme's figures for its team and sponsors
 * (see skills.h; docs/skills.md, "Dashboard"): the funnel, by track and
 * by country (LDCs and SIDS on the list of the edition's year), beside the
 * country's capacity results; attendance by session kind; share
 * satisfied; paired before/after per competency; knowledge checks;
 * pairs; outcomes. Counts
 * of 1 to 4 are null with "suppressed": true for anyone outside the team,
 * and a second cell where a total would give a hidden one away.
 */
#include "skills_internal.h"

#include "../core/idmap.h"
#include "../core/skills_rules.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

int cc_skills_put_count(json_t *o, const char *key, long long n, bool team)
{
	if (!team && cc_small_cell(n))
		return json_object_set_new(o, key, json_null()) ||
		       json_object_set_new(o, "suppressed", json_true()) ? CC_ENOMEM : CC_OK;
	return json_object_set_new(o, key, json_integer(n)) ? CC_ENOMEM : CC_OK;
}

static const char *const funnel_keys[] = {"applied", "selected", "waitlisted", "rejected",
					  "enrolled", "active", "completed", "withdrawn",
					  "dropped", NULL};

static int tally(struct cc_store *s, enum cc_stally w, const char *prog, const char *ed,
		 struct cc_list *l, struct cc_error *err)
{
	return cc_store_skills_tally(s, w, prog, ed, l, err);
}

#define ROW(l, i) (&((struct cc_stally_rec *)(l)->items)[i])

/* {"applied": n, ...} of the rows whose a is key (NULL: every row) with b
 * the status (or, for CC_ST_STATUS, a the status). */
static json_t *funnel(const struct cc_list *l, const char *key, bool team)
{
	json_t *o = json_object();

	for (int k = 0; funnel_keys[k]; k++) {
		long long n = 0;

		for (int i = 0; i < l->n; i++) {
			const struct cc_stally_rec *r = ROW(l, i);
			const char *status = key ? r->b : r->a;
			if ((!key || !strcmp(r->a, key)) && status && !strcmp(status, funnel_keys[k]))
				n += r->n;
		}
		cc_skills_put_count(o, funnel_keys[k], n, team);
	}
	return o;
}

/* Secondary suppression of the funnel's columns in rows (by track, by
 * country), whose totals the programme's funnel shows: in a column with
 * a shown total and one hidden cell, a second cell is hidden
 * (cc_secondary_suppress), so that no hidden count is the total less the
 * others. There are no row totals (a row's statuses overlap). */
static void secondary(json_t *rows, const json_t *total)
{
	size_t count = json_array_size(rows);
	long long *n = calloc(count + 1, sizeof(*n));
	bool *hidden = calloc(count + 1, sizeof(*hidden));

	for (int k = 0; n && hidden && funnel_keys[k]; k++) {
		const char *key = funnel_keys[k];
		int at;

		if (json_is_null(json_object_get(total, key)))
			continue;
		for (size_t i = 0; i < count; i++) {
			const json_t *v = json_object_get(json_array_get(rows, i), key);
			hidden[i] = json_is_null(v);
			n[i] = json_integer_value(v);
		}
		if ((at = cc_secondary_suppress(n, hidden, (int)count)) >= 0) {
			json_t *row = json_array_get(rows, (size_t)at);
			json_object_set_new(row, key, json_null());
			json_object_set_new(row, "suppressed", json_true());
		}
	}
	free(n);
	free(hidden);
}

/* The year whose LDC and SIDS lists count: the edition's, else the latest
 * edition of the programme's cohorts, else this year. */
static int year_of(struct cc_store *s, const char *prog, const char *edition)
{
	struct cc_list co, e;
	int year = 0;

	if (!cc_store_skills_cohorts(s, prog, edition, &co, NULL)) {
		for (int i = 0; i < co.n; i++) {
			const struct cc_scohort_rec *c = &((struct cc_scohort_rec *)co.items)[i];
			if (!cc_store_skills_edition(s, prog, c->edition, &e, NULL)) {
				int y = ((struct cc_sedition_rec *)e.items)->year;
				year = y > year ? y : year;
				cc_list_free(&e);
			}
		}
		cc_list_free(&co);
	}
	if (!year) {
		time_t now = time(NULL);
		struct tm tm;

		gmtime_r(&now, &tm);
		year = tm.tm_year + 1900;
	}
	return year;
}

/* The latest published campaign of framework fw_id holding unit: its id
 * and the unit's score on node (root when NULL); NULL when none. */
static json_t *capacity(const struct cc_snapshot *snap, const char *fw_id, const char *node,
			const char *unit)
{
	const struct cc_pub *best = NULL;
	int bu = -1;

	for (int i = 0; i < snap->npubs; i++) {
		const struct cc_pub *p = &snap->pubs[i];
		int u = cc_idmap_get(&p->answers.unit_ids, unit, strlen(unit));

		if (strcmp(p->c->framework, fw_id) || u < 0)
			continue;
		if (!best || p->c->year > best->c->year) {
			best = p;
			bu = u;
		}
	}
	if (!best)
		return json_null();
	{
		int n = node ? cc_framework_find(&best->fw, node) : 0;
		double v = n >= 0 ? best->scores.value[(size_t)bu * best->scores.nnodes + n] : NAN;
		char url[300];

		snprintf(url, sizeof(url), "/api/v1/campaigns/%s/results/%s", best->c->id, unit);
		return json_pack("{s:s,s:i,s:s?,s:o,s:s}", "campaign", best->c->id, "year",
				 best->c->year, "node", node, "score", isnan(v) ? json_null() :
				 json_real(round(v * 100) / 100), "results", url);
	}
}

static bool in_list(const json_t *a, const char *v)
{
	size_t i;
	json_t *x;

	json_array_foreach(a, i, x)
		if (json_is_string(x) && !strcmp(json_string_value(x), v))
			return true;
	return false;
}

static json_t *by_country(struct cc_store *s, const struct cc_snapshot *snap,
			  const struct cc_list *st, const struct cc_list *cohorts, int year,
			  bool team, json_t *reached)
{
	json_t *a = json_array();
	long long total = 0, ldc = 0, sids = 0;

	for (int i = 0; i < st->n; i++) {
		const char *unit = ROW(st, i)->a;
		const struct cc_unit_rec *u;
		json_t *o, *groups = NULL;
		long long nco = 0;

		if (i && !strcmp(unit, ROW(st, i - 1)->a))
			continue;
		for (int k = 0; k < cohorts->n; k++)
			if (!strcmp(ROW(cohorts, k)->a, unit))
				nco = ROW(cohorts, k)->n;
		u = cc_snapshot_unit(snap, unit);
		if (cc_partners_unit_groups(s, snap, unit, year, &groups, NULL))
			groups = json_array();
		o = funnel(st, unit, team);
		json_object_set_new(o, "country", json_string(unit));
		json_object_set_new(o, "name", json_string(u && u->names[0] ? u->names[0] : unit));
		json_object_set_new(o, "ldc", json_boolean(in_list(groups, "ldc")));
		json_object_set_new(o, "sids", json_boolean(in_list(groups, "sids")));
		json_object_set_new(o, "cohorts", json_integer(nco));
		json_object_set_new(o, "capacity_development", capacity(snap, "national-commitment",
									 "capacity", unit));
		json_object_set_new(o, "education_capacity", capacity(snap, "education-capacity",
								       NULL, unit));
		total++;
		ldc += in_list(groups, "ldc");
		sids += in_list(groups, "sids");
		json_decref(groups);
		json_array_append_new(a, o);
	}
	json_object_set_new(reached, "year", json_integer(year));
	json_object_set_new(reached, "countries", json_integer(total));
	json_object_set_new(reached, "ldc", json_integer(ldc));
	json_object_set_new(reached, "sids", json_integer(sids));
	return a;
}

static json_t *by_track(struct cc_store *s, const char *prog, const struct cc_list *st,
			bool team)
{
	struct cc_list t;
	json_t *a = json_array();

	if (cc_store_skills_tracks(s, prog, &t, NULL))
		return a;
	for (int i = 0; i < t.n; i++) {
		const struct cc_strack_rec *tr = &((struct cc_strack_rec *)t.items)[i];
		json_t *o = funnel(st, tr->id, team);

		json_object_set_new(o, "track", json_string(tr->id));
		json_object_set_new(o, "name", json_string(tr->name));
		json_object_set_new(o, "competencies", cc__sk_list(tr->competencies));
		json_array_append_new(a, o);
	}
	cc_list_free(&t);
	return a;
}

/* Rows (a, b, n) as [{ka: a, kb: b, kn: n}] with n suppressed. */
static json_t *pairs_of(const struct cc_list *l, const char *ka, const char *kb,
			const char *kn, bool team)
{
	json_t *a = json_array();

	for (int i = 0; i < l->n; i++) {
		const struct cc_stally_rec *r = ROW(l, i);
		json_t *o = json_object();

		json_object_set_new(o, ka, json_string(r->a));
		if (kb)
			json_object_set_new(o, kb, r->b ? json_string(r->b) : json_null());
		cc_skills_put_count(o, kn, r->n, team);
		json_array_append_new(a, o);
	}
	return a;
}

static json_t *mean(double x, bool hide)
{
	return hide || isnan(x) ? json_null() : json_real(round(x * 100) / 100);
}

static json_t *satisfaction(const struct cc_list *l, bool team)
{
	json_t *a = json_array();

	for (int i = 0; i < l->n; i++) {
		const struct cc_stally_rec *r = ROW(l, i);
		json_t *o = json_pack("{s:s,s:s}", "kind", r->b, "question", r->a);

		cc_skills_put_count(o, "answers", r->n, team);
		json_object_set_new(o, "share_satisfied", mean(r->x, !team && cc_small_cell(r->n)));
		json_array_append_new(a, o);
	}
	return a;
}

static json_t *learning(const struct cc_list *l, bool team)
{
	json_t *a = json_array();

	for (int i = 0; i < l->n; i++) {
		const struct cc_stally_rec *r = ROW(l, i);
		bool hide = !team && cc_small_cell(r->n);
		json_t *o = json_pack("{s:s}", "competency", r->a);

		cc_skills_put_count(o, "n", r->n, team);
		json_object_set_new(o, "before", mean(r->x, hide));
		json_object_set_new(o, "after", mean(r->y, hide));
		json_object_set_new(o, "change", mean(r->y - r->x, hide));
		json_array_append_new(a, o);
	}
	return a;
}

/* Per knowledge check of the programme (in its order), from the tally
 * rows (a module, n people with a score, x mean, y share passed):
 * {"module", "pass", "n", "mean", "share_passed"}; a check nobody has a
 * score for has n 0. No total is shown, so nothing is hidden beside. */
static json_t *knowledge(struct cc_store *s, const char *prog, const struct cc_list *l,
			 bool team)
{
	json_t *a = cc__sk_knowledge_checks(s, prog), *o;
	size_t i;

	json_array_foreach(a, i, o) {
		const char *m = json_string_value(json_object_get(o, "module"));
		const struct cc_stally_rec *r = NULL;
		bool hide;

		for (int k = 0; k < l->n && !r; k++)
			if (!strcmp(ROW(l, k)->a, m))
				r = ROW(l, k);
		hide = !r || (!team && cc_small_cell(r->n));
		cc_skills_put_count(o, "n", r ? r->n : 0, team);
		json_object_set_new(o, "mean", mean(r ? r->x : NAN, hide));
		json_object_set_new(o, "share_passed", mean(r ? r->y : NAN, hide));
	}
	return a;
}

/* Attendance by session kind: {"kind", "present", "absent", "excused"}. */
static json_t *attendance(const struct cc_list *l, bool team)
{
	static const char *const states[] = {"present", "absent", "excused"};
	json_t *a = json_array();

	for (int i = 0; i < l->n; i++) {
		json_t *o;

		if (i && !strcmp(ROW(l, i)->a, ROW(l, i - 1)->a))
			continue;
		o = json_pack("{s:s}", "kind", ROW(l, i)->a);
		for (int k = 0; k < 3; k++) {
			long long n = 0;

			for (int j = i; j < l->n && !strcmp(ROW(l, j)->a, ROW(l, i)->a); j++)
				if (!strcmp(ROW(l, j)->b, states[k]))
					n = ROW(l, j)->n;
			cc_skills_put_count(o, states[k], n, team);
		}
		json_array_append_new(a, o);
	}
	return a;
}

int cc_skills_dashboard(struct cc_store *s, const struct cc_scaller *c,
			const struct cc_snapshot *snap, const char *prog, const char *edition,
			json_t **out, struct cc_error *err)
{
	struct cc_list p, l[CC_ST_KNOWLEDGE + 1];
	json_t *reached, *pairs;
	bool team;
	int rc = cc_store_skills_programme(s, prog, &p, err), k = 0;

	if (rc)
		return rc;
	cc_list_free(&p);
	team = cc_scaller_team(c, prog);
	if (!team && !cc_scaller_sponsor(c, prog))
		return cc__sk_forbidden(err, "reading this programme's dashboard (its team and "
					"sponsors do)");
	if (edition && (rc = cc_store_skills_edition(s, prog, edition, &p, err)))
		return rc == CC_ENOTFOUND ? cc_error_set(err, CC_ENOTFOUND, "edition", 0, 0, "no "
							 "edition \"%s\"", edition) : rc;
	if (edition)
		cc_list_free(&p);
	for (; k <= CC_ST_KNOWLEDGE && !rc; k++)
		rc = tally(s, (enum cc_stally)k, prog, edition, &l[k], err);
	if (rc) {
		for (int i = 0; i < k - 1; i++)
			cc_list_free(&l[i]);
		return rc;
	}
	reached = json_object();
	pairs = json_object();
	for (int i = 0; cc_pair_statuses[i]; i++) {
		long long n = 0;

		for (int j = 0; j < l[CC_ST_PAIRS].n; j++)
			if (!strcmp(ROW(&l[CC_ST_PAIRS], j)->a, cc_pair_statuses[i]))
				n = ROW(&l[CC_ST_PAIRS], j)->n;
		cc_skills_put_count(pairs, cc_pair_statuses[i], n, team);
	}
	*out = json_pack("{s:s,s:s?,s:b,s:o,s:o,s:o,s:o,s:o,s:o,s:o,s:o}", "programme", prog,
			 "edition", edition, "suppressed_cells", !team,
			 "funnel", funnel(&l[CC_ST_STATUS], NULL, team),
			 "by_track", by_track(s, prog, &l[CC_ST_TRACK_STATUS], team),
			 "by_country", by_country(s, snap, &l[CC_ST_COUNTRY_STATUS],
						  &l[CC_ST_COHORT_COUNTRY], year_of(s, prog, edition),
						  team, reached),
			 "attendance", attendance(&l[CC_ST_ATTENDANCE], team),
			 "satisfaction", satisfaction(&l[CC_ST_SATISFIED], team),
			 "learning", learning(&l[CC_ST_PAIRED], team),
			 "pairs", pairs,
			 "outcomes", pairs_of(&l[CC_ST_OUTCOMES], "months", "outcome", "people", team));
	json_object_set_new(*out, "countries_reached", reached);
	json_object_set_new(*out, "knowledge_checks", knowledge(s, prog, &l[CC_ST_KNOWLEDGE],
								 team));
	if (*out && !team) {
		secondary(json_object_get(*out, "by_track"), json_object_get(*out, "funnel"));
		secondary(json_object_get(*out, "by_country"), json_object_get(*out, "funnel"));
	}
	for (int i = 0; i <= CC_ST_KNOWLEDGE; i++)
		cc_list_free(&l[i]);
	return *out ? CC_OK : CC_ENOMEM;
}
