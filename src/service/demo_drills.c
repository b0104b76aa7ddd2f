/*
 * demo_drills.c - the drills of the demonstration data (see
 * cc_service_demo): the bundled drill scenarios, a drill on the hospital
 * ransomware one (scenarios/hospital-ransomware.yaml) scheduled at a fast
 * speed for a newcomer to start as its director and follow as a player in
 * another window, and the same drill run a week ago to its end, with
 * responses, ratings, feedback and an improvement plan, so that its
 * after-action report has something to show. The scenario's first two
 * teams play, bound to the fictional units XAA and XAB; their accounts are
 * fictional people, written to demo-logins.txt with the others. Without
 * that scenario in the bundle there are no demo drills. The drills with a
 * technical track (demo_ctf.c) have the same director.
 */
#include "demo_internal.h"

#include "drill_play.h"
#include "drills.h"
#include "scenarios.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#define LIVE_DRILL "demo-hospital"
#define PAST_DRILL "demo-hospital-done"
#define DEMO_SPEED 12.0     /* three hours of play in fifteen minutes */
#define DEMO_SCENARIO "hospital-ransomware"
#define DEMO_PLAN "xaa-2026"

static const struct { const char *email, *name, *label; } people[] = {
	{"director.drill@demo.cybercap", "Dara (exercise director, fictional)", "director"},
	{"player.cirt@demo.cybercap", "Ines (CIRT duty officer, fictional)", "player"},
	{"player.hospital@demo.cybercap", "Omar (hospital IT manager, fictional)", "player"},
	{"evaluator.drill@demo.cybercap", "Lena (evaluator, fictional)", "evaluator"},
};

int cc__demo_scenarios(struct cc_store *s, const char *dir, const char *bundled,
		       struct cc_error *err)
{
	char path[4300];
	int count;

	snprintf(path, sizeof(path), "%s/../scenarios", bundled);
	return cc_scenarios_add_dir(s, dir, path, "demo", &count, err);
}

/* The scenario the drills run on, parsed, or CC_ENOTFOUND. */
static int scenario_of(struct cc_store *s, const char *dir, struct cc_scenario *sc)
{
	struct cc_list l;
	int rc;

	if (cc_store_scenario(s, DEMO_SCENARIO, NULL, &l, NULL) != CC_OK)
		return CC_ENOTFOUND;
	rc = cc_scenarios_parse(dir, l.items, sc, NULL);
	cc_list_free(&l);
	return rc;
}

/* XAA's action plan of the demo (demo_plans.c), or NULL without it. */
static const char *demo_plan(struct cc_store *s)
{
	struct cc_list l;

	if (cc_store_plan(s, DEMO_PLAN, &l, NULL) != CC_OK)
		return NULL;
	cc_list_free(&l);
	return DEMO_PLAN;
}

struct cast {
	struct cc_principal p[4];   /* director, player 1, player 2, evaluator */
};

static int create(struct cc_store *s, const char *dir, const struct cc_scenario *sc,
		  const char *id, const char *title,
		  const struct cast *c, double now, struct cc_error *err)
{
	const char *p1[] = {people[1].email}, *p2[] = {people[2].email},
		   *ev[] = {people[3].email};
	struct cc_drill_team_new teams[2] = {
		{.team = sc->teams[0].id, .unit = "XAA", .players = p1, .nplayers = 1},
		{.team = sc->nteams > 1 ? sc->teams[1].id : "", .unit = "XAB", .players = p2,
		 .nplayers = 1},
	};
	struct cc_drill_new n = {.id = id, .scenario = DEMO_SCENARIO, .title = title,
				 .speed = DEMO_SPEED, .teams = teams, .nteams = 2,
				 .evaluators = ev, .nevaluators = 1};

	return cc_drills_create(s, dir, &n, &c->p[0], now, err);
}

/* The answer to the opening inject carries a file, as teams attach logs
 * (docs/drills.md, "Attachments"). */
static int attach_log(struct cc_store *s, const char *dir, const struct cast *c, int team,
		      const char *tid, long long rid, double at, struct cc_error *err)
{
	static const char log[] = "EXERCISE - fictional log for the demo drill\n"
		"01:40 first alarm on the records system\n"
		"01:52 admissions share isolated at the core switch\n";
	struct cc_drill_attachment_rec a;
	char name[201], hash[65];

	return cc_drills_attach(s, dir, PAST_DRILL, rid, &c->p[1 + team], tid, "first-hour-log.txt",
				log, sizeof(log) - 1, at, name, hash, &a, err);
}

/* Plays the past drill from start: every inject when due, an answer from
 * the team it went to, then the end, the evaluation and the feedback. */
static int play(struct cc_store *s, const char *dir, const struct cc_scenario *sc,
		const struct cast *c, double start, struct cc_error *err)
{
	const char *id = PAST_DRILL, *t0 = sc->teams[0].id, *t1 = sc->teams[1].id;
	double end = start, next;
	int rc = cc_drills_move(s, dir, id, CC_DRILL_RUNNING, c->p[0].email, start, err), n;

	for (int k = 0; !rc && k < sc->ninjects; k++) {
		const struct cc_inject *in = &sc->injects[sc->timeline[k]];
		double due = start + in->planned * 60 / DEMO_SPEED;
		long long rid;
		rc = cc_drills_tick(s, dir, id, due, &n, &next, err);
		for (int team = 0; !rc && team < 2; team++) {
			bool to = in->to_all;
			for (int t = 0; t < in->nto; t++)
				to |= strcmp(in->to[t].id, team ? t1 : t0) == 0;
			if (to)
				rc = cc_drills_respond(s, dir, id, in->id, &c->p[1 + team], team ? t1 : t0,
						       team ? "EXERCISE Noted; we are acting on it and keep the "
						       "CIRT informed. EXERCISE" : "EXERCISE Case opened; advice "
						       "sent to the hospital's IT team. EXERCISE", due + 40,
						       &rid, err);
			if (!rc && to && k == 0)
				rc = attach_log(s, dir, c, team, team ? t1 : t0, rid, due + 50, err);
		}
		end = due + 60;
	}
	if (!rc)
		rc = cc_drills_move(s, dir, id, CC_DRILL_ENDED, c->p[0].email, end, err);
	return rc;
}

static int evaluate(struct cc_store *s, const char *dir, const struct cc_scenario *sc,
		    const struct cast *c, double at, struct cc_error *err)
{
	/* per team (the CIRT, the other team), per objective in turn */
	static const char *const ratings[2][5] = {{"S", "P", "S", "P", "M"},
						  {"M", "S", "S", "M", "P"}};
	static const char *const good[] = {
		"Reported with the facts known at the time and asked for help at once.",
		"Clear advice, followed without cutting off patient care.",
	};
	static const char *const poor[] = {
		"The first report went to the supplier, not the CIRT: 50 minutes were lost.",
		"Decisions were taken but not written down; the next meeting reopened them.",
	};
	long long id;
	int rc = CC_OK;

	for (int o = 0; !rc && o < sc->nobjectives; o++)
		for (int t = 0; !rc && t < 2; t++) {
			const char *r = ratings[t][o % 5];
			struct cc_eval_new e = {.team = sc->teams[t].id, .objective = sc->objectives[o].id,
						.rating = r, .observation = *r == 'M' ? poor[o % 2] :
						good[(o + t) % 2]};
			rc = cc_drills_evaluate(s, dir, PAST_DRILL, &e, &c->p[3], at, &id, err);
		}
	for (int p = 1; !rc && p <= 2; p++) {
		json_t *a = json_pack("{s:i,s:i,s:i,s:i,s:i,s:s}", "realism", 3 + p % 2,
				      "objectives", 4, "injects", 3 + p, "learned", 4, "prepared", 3,
				      "went_well", p == 1 ? "The CIRT and the hospital on one line all along"
				      : "The injects felt real");
		bool created;
		rc = cc_drills_feedback(s, dir, PAST_DRILL, a, &c->p[p], at + 60, &created, err);
		json_decref(a);
	}
	if (!rc) {
		struct cc_improvement_new imp = {
			.team = sc->teams[1].id, .objective = sc->objectives[0].id,
			.issue = "The hospital reported to the national CIRT 50 minutes after its "
				 "first alert; its first call went to the supplier.",
			.action = "Put the CIRT's reporting line first on the hospital's on-call "
				  "sheet and rehearse the first report every quarter.",
			.owner = "Head of IT of the hospital", .due = "2027-06-30"};
		rc = cc_drills_improve(s, dir, PAST_DRILL, &imp, &c->p[0], at + 120, &id, err);
	}
	if (!rc) {
		/* the CIRT's finding goes to its country's plan (the spine) */
		struct cc_improvement_new imp = {
			.team = sc->teams[0].id, .objective = sc->objectives[0].id,
			.issue = "The CIRT had one handler on duty at night; isolation advice came "
				 "only after the second call.",
			.action = "Set up a 24/7 on-call rota of two incident handlers at the "
				  "national CIRT.",
			.owner = "Head of the national CIRT", .due = "2027-03-31",
			.plan = demo_plan(s)};
		rc = cc_drills_improve(s, dir, PAST_DRILL, &imp, &c->p[0], at + 180, &id, err);
	}
	return rc;
}

static int drills(struct cc_store *s, const char *dir, FILE *f, struct cc_error *err)
{
	struct cc_scenario sc;
	struct cast c;
	double now = (double)time(NULL), past = now - 7 * 86400;
	int rc;

	if (scenario_of(s, dir, &sc) != CC_OK)
		return CC_OK;   /* no scenario: no drills */
	memset(&c, 0, sizeof(c));
	rc = sc.nteams >= 2 && sc.nobjectives >= 1 ? CC_OK : CC_ENOTFOUND;
	for (int i = 0; !rc && i < 4; i++) {
		char note[300];
		if (i == 1 || i == 2)
			snprintf(note, sizeof(note), "team %s of drills %s, %s", sc.teams[i - 1].id,
				 LIVE_DRILL, PAST_DRILL);
		else
			snprintf(note, sizeof(note), "drills %s, %s, demo-ctf, demo-ctf-done",
				 LIVE_DRILL, PAST_DRILL);
		rc = cc__demo_user(s, f, people[i].email, people[i].name, NULL, NULL, NULL,
				   people[i].label, note, &c.p[i].id, err);
		snprintf(c.p[i].email, sizeof(c.p[i].email), "%s", people[i].email);
		snprintf(c.p[i].name, sizeof(c.p[i].name), "%s", people[i].name);
	}
	if (rc == CC_ENOTFOUND) {
		cc_scenario_free(&sc);
		return CC_OK;   /* a scenario of another shape: no drills */
	}
	if (!rc)
		rc = create(s, dir, &sc, PAST_DRILL, "Hospital ransomware drill, last week "
			    "(fictional demo)", &c, past - 3600, err);
	if (!rc)
		rc = play(s, dir, &sc, &c, past, err);
	if (!rc)
		rc = evaluate(s, dir, &sc, &c, past + 2 * 3600, err);
	if (!rc)
		rc = create(s, dir, &sc, LIVE_DRILL, "Hospital ransomware drill (fictional "
			    "demo: start it)", &c, now, err);
	if (!rc)
		rc = cc__demo_ctf(s, dir, f, &c.p[0], &c.p[3], now, err);
	cc_scenario_free(&sc);
	return rc;
}

int cc__demo_drills(struct cc_store *s, const char *dir, struct cc_error *err)
{
	char path[4300];
	FILE *f;
	int rc;

	snprintf(path, sizeof(path), "%s/demo-logins.txt", dir);
	if (!(f = fopen(path, "a")))
		return cc_error_set(err, CC_EIO, path, 0, 0, "cannot write");
	rc = drills(s, dir, f, err);
	if (fclose(f) != 0 && !rc)
		rc = cc_error_set(err, CC_EIO, path, 0, 0, "cannot write");
	return rc;
}
