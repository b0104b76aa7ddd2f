/*
 * challenges.c - a drill's challenges in and out of the store (see
 * challenges.h): the copy from the scenario when the drill is created
 * (flags given as value stored as SHA-256), loading them with every
 * solve, unlock and award for the board and the checks, and what
 * controllers change during play (challenges, awards, the board's
 * settings), each audited in the same transaction.
 */
#include "challenges.h"

#include "workflow.h"

#include "../core/drill_clock.h"
#include "../core/framework.h"
#include "../core/scenario.h"

#include <ctype.h>
#include <math.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const flag_types[] = {"static", "case_insensitive", "regex"};

/* The hash kept for a flag given as value: of the trimmed text,
 * lower-cased for case_insensitive (what cc_flag_matches compares). */
static void flag_hash(enum cc_flag_type type, const char *v, char *hex)
{
	size_t n = strlen(v);
	char *buf;

	while (n && strchr(" \t\r\n", *v))
		v++, n--;
	while (n && strchr(" \t\r\n", v[n - 1]))
		n--;
	buf = malloc(n + 1);
	if (!buf) {
		hex[0] = '\0';
		return;
	}
	for (size_t i = 0; i < n; i++)
		buf[i] = type == CC_FLAG_CASE_INSENSITIVE ? (char)tolower((unsigned char)v[i]) : v[i];
	cc_sha256_hex(buf, n, hex);
	free(buf);
}

/* Joins n strings with '|' into buf. */
static void join(const char *const *s, int n, char *buf, size_t size)
{
	size_t at = 0;

	buf[0] = '\0';
	for (int i = 0; i < n && at < size; i++)
		at += (size_t)snprintf(buf + at, size - at, "%s%s", i ? "|" : "", s[i]);
}

int cc__challenge_flags(struct cc_store *s, const char *drill, const char *id,
		     const struct cc_flag *f, int n, struct cc_error *err)
{
	struct cc_flag_rec *r = calloc((size_t)n + 1, sizeof(*r));
	char (*hex)[65] = calloc((size_t)n + 1, sizeof(*hex));
	int rc;

	if (!r || !hex) {
		free(r), free(hex);
		return cc_error_set(err, CC_ENOMEM, NULL, 0, 0, "out of memory");
	}
	for (int i = 0; i < n; i++) {
		r[i].type = flag_types[f[i].type];
		if (f[i].type == CC_FLAG_REGEX) {
			r[i].regex = f[i].value;
			continue;
		}
		if (f[i].sha256[0])
			memcpy(hex[i], f[i].sha256, 65);
		else
			flag_hash(f[i].type, f[i].value, hex[i]);
		r[i].sha256 = hex[i];
	}
	rc = cc_store_set_flags(s, drill, id, r, n, err);
	free(r), free(hex);
	return rc;
}

/* The record of ch (its strings in bufs). */
static void to_rec(const struct cc_challenge *ch, int position, const char *objective,
		   char *req, char *files, struct cc_challenge_rec *r)
{
	const char *rq[256];
	int nrq = ch->nrequires < 256 ? ch->nrequires : 256;

	for (int k = 0; k < nrq; k++)
		rq[k] = ch->requires[k].id;
	join(rq, nrq, req, 4096);
	join(ch->files, ch->nfiles, files, 4096);
	*r = (struct cc_challenge_rec){.id = ch->id, .name = ch->name,
		.category = ch->category ? ch->category : "",   /* optional in the spec */
		.description = ch->description ? ch->description : "",
		.value = ch->dynamic ? NAN : ch->value, .initial = ch->dynamic ? ch->initial : NAN,
		.minimum = ch->dynamic ? ch->minimum : NAN, .decay = ch->dynamic ? ch->decay : NAN,
		.function = ch->dynamic ? (ch->function == CC_DECAY_LINEAR ? "linear" :
					   "logarithmic") : NULL,
		.max_attempts = ch->max_attempts, .requires = req,
		.opens_at = ch->has_opens_at ? ch->opens_at : NAN, .objective = objective,
		.files = files, .position = position};
}

static int put_one(struct cc_store *s, const char *drill, const struct cc_challenge *ch,
		   int position, const char *objective, int hidden, bool hints,
		   struct cc_error *err)
{
	char req[4096], files[4096];
	struct cc_challenge_rec r;
	int rc;

	to_rec(ch, position, objective, req, files, &r);
	r.hidden = hidden;
	rc = cc_store_put_challenge(s, drill, &r, err);
	if (!rc)
		rc = cc__challenge_flags(s, drill, ch->id, ch->flags, ch->nflags, err);
	for (int h = 0; !rc && hints && h < ch->nhints; h++) {
		struct cc_hint_rec hr = {ch->id, ch->hints[h].id, ch->hints[h].text,
					 ch->hints[h].cost};
		rc = cc_store_add_hint(s, drill, &hr, h, err);
	}
	return rc;
}

int cc__challenges_copy(struct cc_store *s, const char *drill, const struct cc_scenario *sc,
			struct cc_error *err)
{
	int rc = CC_OK;

	for (int i = 0; !rc && i < sc->nchallenges; i++)
		rc = put_one(s, drill, &sc->challenges[i], i, NULL, 0, true, err);
	return rc;
}

/* ---- loading ---- */

void cc_ctf_free(struct cc_ctf *c)
{
	struct cc_list *l[] = {&c->chal_l, &c->flag_l, &c->hint_l, &c->solve_l, &c->unlock_l,
			       &c->award_l, &c->bracket_l, &c->team_l};

	for (size_t i = 0; i < sizeof(l) / sizeof(l[0]); i++)
		cc_list_free(l[i]);
	cc_arena_free(&c->arena);
	memset(c, 0, sizeof(*c));
}

int cc_ctf_challenge(const struct cc_ctf *c, const char *id)
{
	for (int i = 0; id && i < c->n; i++)
		if (strcmp(c->rec[i].id, id) == 0)
			return i;
	return -1;
}

int cc_ctf_team(const struct cc_ctf *c, const char *id)
{
	for (int t = 0; id && t < c->nteams; t++)
		if (strcmp(c->teams[t], id) == 0)
			return t;
	return -1;
}

static void core_challenge(struct cc_ctf *c, int i)
{
	const struct cc_challenge_rec *r = &c->rec[i];
	const struct cc_flag_rec *f = c->flag_l.items;
	struct cc_challenge *ch = &c->ch[i];
	int nf = 0;

	ch->id = r->id;
	ch->name = r->name;
	ch->dynamic = isnan(r->value);
	ch->value = r->value;
	ch->initial = r->initial;
	ch->minimum = r->minimum;
	ch->decay = r->decay;
	ch->function = r->function && strcmp(r->function, "linear") == 0 ? CC_DECAY_LINEAR :
		       CC_DECAY_LOGARITHMIC;
	ch->max_attempts = r->max_attempts;
	for (int k = 0; k < c->flag_l.n; k++)
		nf += strcmp(f[k].challenge, r->id) == 0;
	ch->flags = cc_arena_array(&c->arena, (size_t)nf + 1, sizeof(*ch->flags));
	for (int k = 0; ch->flags && k < c->flag_l.n; k++) {
		struct cc_flag *x;
		if (strcmp(f[k].challenge, r->id) != 0)
			continue;
		x = &ch->flags[ch->nflags++];
		x->type = strcmp(f[k].type, "regex") == 0 ? CC_FLAG_REGEX :
			  strcmp(f[k].type, "case_insensitive") == 0 ? CC_FLAG_CASE_INSENSITIVE :
			  CC_FLAG_STATIC;
		x->value = f[k].regex;
		snprintf(x->sha256, sizeof(x->sha256), "%s", f[k].sha256 ? f[k].sha256 : "");
	}
}

static int by_time(const void *a, const void *b)
{
	const struct cc_ctf_event *x = a, *y = b;

	return x->at < y->at ? -1 : x->at > y->at;
}

static void load_events(struct cc_ctf *c)
{
	const struct cc_solve_rec *so = c->solve_l.items;
	const struct cc_unlock_rec *un = c->unlock_l.items;
	const struct cc_award_rec *aw = c->award_l.items;
	int n = c->solve_l.n + c->unlock_l.n + c->award_l.n;

	c->ev = cc_arena_array(&c->arena, (size_t)n + 1, sizeof(*c->ev));
	if (!c->ev)
		return;
	for (int i = 0; i < c->solve_l.n; i++) {
		int t = cc_ctf_team(c, so[i].team), k = cc_ctf_challenge(c, so[i].challenge);
		if (t >= 0 && k >= 0)
			c->ev[c->nev++] = (struct cc_ctf_event){CC_CTF_SOLVE, t, k, 0, so[i].at,
								so[i].clock};
	}
	for (int i = 0; i < c->unlock_l.n; i++) {
		int t = cc_ctf_team(c, un[i].team), k = cc_ctf_challenge(c, un[i].challenge);
		if (t >= 0 && k >= 0)
			c->ev[c->nev++] = (struct cc_ctf_event){CC_CTF_UNLOCK, t, k, un[i].cost,
								un[i].at, un[i].clock};
	}
	for (int i = 0; i < c->award_l.n; i++) {
		int t = cc_ctf_team(c, aw[i].team);
		if (t >= 0)
			c->ev[c->nev++] = (struct cc_ctf_event){CC_CTF_AWARD, t, -1, aw[i].value,
								aw[i].at, aw[i].clock};
	}
	/* stable enough: ties keep solve, unlock, award order within a kind */
	qsort(c->ev, (size_t)c->nev, sizeof(*c->ev), by_time);
}

static int load_teams(struct cc_store *s, const char *drill, struct cc_ctf *c,
		      struct cc_error *err)
{
	const struct cc_drill_team_rec *t;
	const struct cc_bracket_rec *b;
	int rc = cc_store_drill_teams(s, drill, &c->team_l, err);

	if (!rc)
		rc = cc_store_brackets(s, drill, &c->bracket_l, err);
	if (rc)
		return rc;
	t = c->team_l.items;
	b = c->bracket_l.items;
	c->nteams = c->team_l.n;
	c->teams = cc_arena_array(&c->arena, (size_t)c->nteams + 1, sizeof(*c->teams));
	c->hidden = cc_arena_array(&c->arena, (size_t)c->nteams + 1, sizeof(*c->hidden));
	c->bracket = cc_arena_array(&c->arena, (size_t)c->nteams + 1, sizeof(*c->bracket));
	if (!c->teams || !c->hidden || !c->bracket)
		return cc_error_set(err, CC_ENOMEM, NULL, 0, 0, "out of memory");
	for (int i = 0; i < c->nteams; i++) {
		c->teams[i] = t[i].team;
		c->hidden[i] = t[i].hidden;
		for (int k = 0; k < c->bracket_l.n; k++)
			if (strcmp(b[k].team, t[i].team) == 0)
				c->bracket[i] = b[k].bracket;
	}
	return CC_OK;
}

/* The drill's status and play clock at now (its status moves kept). */
static int load_clock(struct cc_store *s, const char *drill, double now, struct cc_ctf *c,
		      struct cc_error *err)
{
	struct cc_list rec, st;
	const struct cc_drill_status_rec *r;
	int rc = cc_store_drill(s, drill, &rec, err);

	if (rc)
		return rc;
	c->status = cc_arena_strdup(&c->arena, ((const struct cc_drill_rec *)rec.items)->status);
	c->speed = ((const struct cc_drill_rec *)rec.items)->speed;
	cc_list_free(&rec);
	if ((rc = cc_store_drill_statuses(s, drill, &st, err)))
		return rc;
	r = st.items;
	c->moves = cc_arena_array(&c->arena, (size_t)st.n + 1, sizeof(*c->moves));
	for (int i = 0; c->moves && i < st.n; i++) {
		int k = cc_drill_status_parse(r[i].status);
		c->moves[i].t = r[i].at;
		c->moves[i].to = k < 0 ? CC_DRILL_SCHEDULED : (enum cc_drill_status)k;
	}
	c->nmoves = c->moves ? st.n : 0;
	cc_list_free(&st);
	if (!c->status || !c->moves)
		return cc_error_set(err, CC_ENOMEM, NULL, 0, 0, "out of memory");
	c->clock = cc_ctf_clock_at(c, now);
	return CC_OK;
}

double cc_ctf_clock_at(const struct cc_ctf *c, double now)
{
	return cc_drill_clock(c->moves, c->nmoves, c->speed, now);
}

int cc_ctf_load(struct cc_store *s, const char *drill, double now, struct cc_ctf *c,
		struct cc_error *err)
{
	int rc;

	memset(c, 0, sizeof(*c));
	cc_arena_init(&c->arena);
	rc = load_clock(s, drill, now, c, err);
	if (!rc)
		rc = cc_store_challenges(s, drill, &c->chal_l, err);
	if (!rc)
		rc = cc_store_flags(s, drill, &c->flag_l, err);
	if (!rc)
		rc = cc_store_hints(s, drill, &c->hint_l, err);
	if (!rc)
		rc = cc_store_solves(s, drill, &c->solve_l, err);
	if (!rc)
		rc = cc_store_unlocks(s, drill, &c->unlock_l, err);
	if (!rc)
		rc = cc_store_awards(s, drill, &c->award_l, err);
	if (!rc)
		rc = cc_store_board_freeze(s, drill, &c->freeze, err);
	if (!rc)
		rc = load_teams(s, drill, c, err);
	if (rc)
		return rc;
	c->rec = c->chal_l.items;
	c->n = c->chal_l.n;
	c->ch = cc_arena_array(&c->arena, (size_t)c->n + 1, sizeof(*c->ch));
	if (!c->ch)
		return cc_error_set(err, CC_ENOMEM, NULL, 0, 0, "out of memory");
	for (int i = 0; i < c->n; i++)
		core_challenge(c, i);
	load_events(c);
	return c->ev ? CC_OK : cc_error_set(err, CC_ENOMEM, NULL, 0, 0, "out of memory");
}

bool cc_ctf_solved(const struct cc_ctf *c, int i, int t)
{
	for (int k = 0; k < c->nev; k++)
		if (c->ev[k].kind == CC_CTF_SOLVE && c->ev[k].team == t && c->ev[k].challenge == i)
			return true;
	return false;
}

/* Whether the '|'-list has id. */
static bool in_list(const char *list, const char *id)
{
	size_t n = strlen(id);

	for (const char *p = list; p && *p; p = strchr(p, '|') ? strchr(p, '|') + 1 : NULL)
		if (strncmp(p, id, n) == 0 && (p[n] == '|' || p[n] == '\0'))
			return true;
	return false;
}

bool cc_ctf_visible(const struct cc_ctf *c, int i, int t)
{
	const struct cc_challenge_rec *r = &c->rec[i];

	if (r->hidden || (!isnan(r->opens_at) && c->clock < r->opens_at))
		return false;
	for (int k = 0; k < c->n; k++)
		if (in_list(r->requires, c->rec[k].id) && !cc_ctf_solved(c, k, t))
			return false;
	return true;
}

double cc_ctf_score(const struct cc_ctf *c, int t)
{
	struct cc_ctf_input in = {c->ch, c->n, c->teams, c->hidden, c->nteams, c->ev, c->nev,
				  INFINITY};

	return cc_ctf_score_at(&in, t, c->nev);
}
