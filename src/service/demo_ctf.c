/*
 * demo_ctf.c - the drills with a technical track in the demonstration data
 * (see cc_service_demo, demo_drills.c): on the bundled scenario
 * scenarios/cirt-ctf-warmup.yaml, one drill played to its end a week ago
 * (three teams' solves, wrong answers, two hints unlocked, an award, three
 * challenges tied to objectives, the evaluator's ratings: a board and an after-action report to
 * look at) and one ready for a
 * newcomer to start as its director and play as a team's player in
 * another window. The players are fictional people, written to
 * demo-logins.txt with the others. Without that scenario in the bundle
 * there are no such drills.
 */
#include "demo_internal.h"

#include "challenges.h"
#include "drill_play.h"
#include "drills.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CTF_SCENARIO "cirt-ctf-warmup"
#define CTF_LIVE "demo-ctf"
#define CTF_PAST "demo-ctf-done"

static const char *const teams[3] = {"caelum", "ilyndor", "quenari"};

static const struct { const char *email, *name; } players[3] = {
	{"player.caelum@demo.cybercap", "Aurel (Caelum CIRT analyst, fictional)"},
	{"player.ilyndor@demo.cybercap", "Mira (Ilyndor CIRT analyst, fictional)"},
	{"player.quenari@demo.cybercap", "Tobin (Quenari CIRT analyst, fictional)"},
};

/* What happened in the past drill, by play minute (speed 1): a flag
 * submitted (hint NULL) or a hint unlocked. */
static const struct step {
	double at;
	int team;
	const char *challenge, *flag, *hint;
} steps[] = {
	{5, 0, "briefing", "FLAG{read-the-brief}", NULL},
	{8, 1, "briefing", "  FLAG{read-the-brief}\n", NULL},
	{12, 0, "beacon", "FLAG{beacon-7731}", NULL},
	{15, 2, "briefing", "FLAG{read-the-brief}", NULL},
	{20, 0, "sender", "FLAG{Caelum-Ops}", NULL},
	{22, 1, "sender", "flag{caelum}", NULL},                 /* wrong */
	{25, 1, "sender", "flag{caelum-ops}", NULL},
	{30, 1, "beacon", NULL, "h1"},
	{30.5, 2, "beacon", "FLAG{beacon-4444}", NULL},          /* wrong */
	{32, 2, "beacon", NULL, "h1"},
	{33, 2, "ticket", "CASE-204611", NULL},
	{35, 0, "ticket", "CASE-204612", NULL},
	{40, 0, "logs", "09:14", NULL},
	{50, 1, "beacon", "FLAG{beacon-7731}", NULL},
};

static int step(struct cc_store *s, const struct step *st, const struct cc_principal *p,
		double start, struct cc_error *err)
{
	double at = start + st->at * 60;
	struct cc_attempt_result r;
	char *text = NULL;
	int rc;

	if (!st->hint)
		return cc_challenges_attempt(s, CTF_PAST, st->challenge, &p[st->team],
					     teams[st->team], st->flag, at, &r, err);
	rc = cc_challenges_unlock(s, CTF_PAST, st->challenge, st->hint, &p[st->team],
				  teams[st->team], at, &text, err);
	free(text);
	return rc;
}

static int create(struct cc_store *s, const char *dir, const char *id, const char *title,
		  const struct cc_principal *director, const struct cc_principal *evaluator,
		  double now, struct cc_error *err)
{
	const char *p[3][1] = {{players[0].email}, {players[1].email}, {players[2].email}};
	const char *ev[] = {evaluator->email};
	struct cc_drill_team_new t[3];
	struct cc_drill_new n = {.id = id, .scenario = CTF_SCENARIO, .title = title,
				 .speed = 1.0, .teams = t, .nteams = 3, .evaluators = ev,
				 .nevaluators = 1};

	for (int i = 0; i < 3; i++)
		t[i] = (struct cc_drill_team_new){.team = teams[i], .players = p[i], .nplayers = 1};
	return cc_drills_create(s, dir, &n, director, now, err);
}

/* A controller ties two challenges to objectives in the challenge editor
 * (the scenario format has no such key), so that their solves count as
 * evidence in the after-action report. */
static int tie(struct cc_store *s, const struct cc_principal *director, double at,
	       struct cc_error *err)
{
	static const char *const ties[][2] = {{"beacon", "detect"}, {"logs", "detect"},
					      {"ticket", "share"}};
	int rc = CC_OK;

	for (size_t i = 0; !rc && i < sizeof(ties) / sizeof(ties[0]); i++) {
		json_t *b = json_pack("{s:s}", "objective", ties[i][1]);
		rc = b ? cc_challenges_put(s, CTF_PAST, ties[i][0], b, false, director->email, at,
					   err) : CC_ENOMEM;
		json_decref(b);
	}
	return rc;
}

/* Plays the past drill from start to its end at minute 70. */
static int play(struct cc_store *s, const char *dir, const struct cc_principal *director,
		const struct cc_principal *p, double start, struct cc_error *err)
{
	double next;
	long long award;
	int n, rc = tie(s, director, start - 600, err);

	if (!rc)
		rc = cc_drills_move(s, dir, CTF_PAST, CC_DRILL_RUNNING, director->email, start, err);

	if (!rc)
		rc = cc_drills_tick(s, dir, CTF_PAST, start, &n, &next, err);
	for (size_t i = 0; !rc && i < sizeof(steps) / sizeof(steps[0]); i++)
		rc = step(s, &steps[i], p, start, err);
	if (!rc)
		rc = cc_drills_tick(s, dir, CTF_PAST, start + 45 * 60, &n, &next, err);
	if (!rc)
		rc = cc_challenges_award(s, CTF_PAST, teams[2], 25, "First to share indicators "
					 "with the neighbouring CIRTs (inject w02)", director->email,
					 start + 55 * 60, &award, err);
	if (!rc)
		rc = cc_drills_move(s, dir, CTF_PAST, CC_DRILL_ENDED, director->email,
				    start + 70 * 60, err);
	return rc;
}

/* The evaluator's ratings of the tabletop part, per team and objective,
 * for the report to set beside the board. */
static int evaluate(struct cc_store *s, const char *dir, const struct cc_principal *evaluator,
		    double at, struct cc_error *err)
{
	static const char *const objectives[2] = {"detect", "share"};
	static const char *const ratings[3][2] = {{"S", "P"}, {"P", "P"}, {"M", "S"}};
	static const char *const notes[3][2] = {
		{"Asked for the email headers and the memory dump at once.",
		 "Shared the beacon only when asked; the sender came later."},
		{"Scoped the laptops well but took 40 minutes to ask for memory.",
		 "Indicators shared in time, without the portal's address."},
		{"Started from the portal, not the laptop; the beacon was never found.",
		 "First to send indicators to the neighbours, in a usable form."},
	};
	long long id;
	int rc = CC_OK;

	for (int t = 0; !rc && t < 3; t++)
		for (int o = 0; !rc && o < 2; o++) {
			struct cc_eval_new e = {.team = teams[t], .objective = objectives[o],
						.rating = ratings[t][o], .observation = notes[t][o]};
			rc = cc_drills_evaluate(s, dir, CTF_PAST, &e, evaluator, at, &id, err);
		}
	return rc;
}

int cc__demo_ctf(struct cc_store *s, const char *dir, FILE *f,
		 const struct cc_principal *director, const struct cc_principal *evaluator,
		 double now, struct cc_error *err)
{
	struct cc_principal p[3];
	struct cc_list l;
	int rc = CC_OK;

	if (cc_store_scenario(s, CTF_SCENARIO, NULL, &l, NULL) != CC_OK)
		return CC_OK;   /* not bundled: no such drills */
	cc_list_free(&l);
	memset(p, 0, sizeof(p));
	for (int i = 0; !rc && i < 3; i++) {
		char note[200];
		snprintf(note, sizeof(note), "team %s of drills %s, %s", teams[i], CTF_LIVE, CTF_PAST);
		rc = cc__demo_user(s, f, players[i].email, players[i].name, NULL, NULL, NULL,
				   "player", note, &p[i].id, err);
		snprintf(p[i].email, sizeof(p[i].email), "%s", players[i].email);
		snprintf(p[i].name, sizeof(p[i].name), "%s", players[i].name);
	}
	if (!rc)
		rc = create(s, dir, CTF_PAST, "Regional CIRT warm-up with challenges, last week "
			    "(fictional demo)", director, evaluator, now - 7 * 86400 - 3600, err);
	if (!rc)
		rc = play(s, dir, director, p, now - 7 * 86400, err);
	if (!rc)
		rc = evaluate(s, dir, evaluator, now - 7 * 86400 + 90 * 60, err);
	if (!rc)
		rc = create(s, dir, CTF_LIVE, "Regional CIRT warm-up with challenges (fictional "
			    "demo: start it, then play)", director, evaluator, now, err);
	return rc;
}
