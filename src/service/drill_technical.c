/*
 * drill_technical.c - the technical results of a drill's after-action
 * report (drill_report.c; docs/drills.md, "After-action report"): the
 * final board as controllers see it (live, every event), per challenge
 * its solves, the time to its first solve (minutes of play) and the
 * hints unlocked, and, for challenges a controller tied to an objective
 * (the challenge editor's "objective"; the scenario format defines no
 * such key), the teams whose solves count as evidence for it.
 */
#include "drill_internal.h"

#include "challenges.h"

#include <math.h>
#include <string.h>

/* The first solve of challenge i by a team on the board, or -1. */
static int first_solve(const struct cc_ctf *c, int i)
{
	for (int e = 0; e < c->nev; e++)
		if (c->ev[e].kind == CC_CTF_SOLVE && c->ev[e].challenge == i &&
		    !c->hidden[c->ev[e].team])
			return e;
	return -1;
}

static int count(const struct cc_ctf *c, int i, enum cc_ctf_kind kind)
{
	int n = 0;

	for (int e = 0; e < c->nev; e++)
		n += c->ev[e].kind == kind && c->ev[e].challenge == i && !c->hidden[c->ev[e].team];
	return n;
}

/* The teams on the board that solved challenge i, in solve order. */
static json_t *solvers(const struct cc_ctf *c, int i)
{
	json_t *a = json_array();

	for (int e = 0; a && e < c->nev; e++)
		if (c->ev[e].kind == CC_CTF_SOLVE && c->ev[e].challenge == i &&
		    !c->hidden[c->ev[e].team])
			json_array_append_new(a, json_string(c->teams[c->ev[e].team]));
	return a;
}

static json_t *challenge(const struct cc_ctf *c, int i)
{
	const struct cc_challenge_rec *r = &c->rec[i];
	int f = first_solve(c, i);

	return json_pack("{s:s,s:s,s:s,s:o,s:i,s:o,s:o,s:i}", "id", r->id, "name", r->name,
			 "category", r->category, "objective", r->objective ?
			 json_string(r->objective) : json_null(), "solves",
			 count(c, i, CC_CTF_SOLVE), "solved_by", solvers(c, i), "first_solve",
			 f < 0 ? json_null() : json_pack("{s:s,s:f}", "team",
			 c->teams[c->ev[f].team], "minutes", c->ev[f].clock), "hints_unlocked",
			 count(c, i, CC_CTF_UNLOCK));
}

json_t *cc__drill_technical(struct cc_store *s, const char *drill, double now,
			    struct cc_error *err)
{
	struct cc_ctf c;
	json_t *chal, *out;
	int hints = 0, awards = 0;

	if (cc_ctf_load(s, drill, now, &c, err) != CC_OK)
		return NULL;
	if (c.n == 0) {
		cc_ctf_free(&c);
		return json_null();
	}
	chal = json_array();
	for (int i = 0; chal && i < c.n; i++)
		json_array_append_new(chal, challenge(&c, i));
	for (int e = 0; e < c.nev; e++) {
		hints += c.ev[e].kind == CC_CTF_UNLOCK && !c.hidden[c.ev[e].team];
		awards += c.ev[e].kind == CC_CTF_AWARD && !c.hidden[c.ev[e].team];
	}
	out = json_pack("{s:o,s:o,s:i,s:i}", "board", cc_challenges_board_json(&c, NULL, true),
			"challenges", chal, "hints_used", hints, "awards", awards);
	cc_ctf_free(&c);
	if (!out)
		cc_error_set(err, CC_ENOMEM, NULL, 0, 0, "out of memory");
	return out;
}

/* The challenges tied to objective and their solvers: evidence beside the
 * evaluators' ratings. */
json_t *cc__drill_technical_evidence(const json_t *technical, const char *objective)
{
	json_t *out = json_array(), *ch = json_object_get(technical, "challenges"), *x;
	size_t i;

	json_array_foreach(ch, i, x) {
		const char *o = json_string_value(json_object_get(x, "objective"));
		if (out && o && strcmp(o, objective) == 0)
			json_array_append_new(out, json_pack("{s:O,s:O}", "challenge",
				json_object_get(x, "id"), "solved_by", json_object_get(x, "solved_by")));
	}
	return out;
}
