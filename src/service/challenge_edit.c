/*
 * challenge_edit.c - what controllers change in a drill's challenges
 * during play (see challenges.h): add a challenge, change or hide one
 * (only the keys given change; flags, when given, replace the old ones;
 * hints, when given, add those with new ids and change the text and
 * cost of those already there; a team that unlocked one keeps what it
 * paid), award or deduct points
 * with a reason, set the freeze and the teams' brackets. Each is one
 * transaction with its audit row; no flag text ever reaches the audit.
 */
#include "challenges.h"

#include "workflow.h"

#include "../core/ctf_score.h"
#include "../core/framework.h"
#include "../core/scenario.h"

#include <ctype.h>
#include <math.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TEXT_MAX 10000

static int bad(struct cc_error *err, const char *field, const char *msg)
{
	return cc_error_set(err, CC_EINPUT, field, 0, 0, "%s", msg);
}

static int text(json_t *o, const char *key, size_t max, bool lines, const char **out,
		struct cc_error *err)
{
	json_t *v = json_object_get(o, key);
	const char *s;

	if (!v)
		return CC_OK;
	s = json_string_value(v);
	if (!s || !*s || strlen(s) > max)
		return cc_error_set(err, CC_EINPUT, key, 0, 0, "%s is text of 1 to %zu bytes", key,
				    max);
	for (const char *p = s; *p; p++)
		if ((unsigned char)*p < 0x20 && !(lines && strchr("\n\r\t", *p)))
			return cc_error_set(err, CC_EINPUT, key, 0, 0, "%s holds a control character",
					    key);
	*out = s;
	return CC_OK;
}

static int number(json_t *o, const char *key, const char *field, double lo, double *out,
		  struct cc_error *err)
{
	json_t *v = json_object_get(o, key);

	if (!v)
		return CC_OK;
	if (!json_is_number(v) || !(json_number_value(v) >= lo) ||
	    !(json_number_value(v) < 1e9))
		return cc_error_set(err, CC_EINPUT, field, 0, 0, "%s is a number of at least %g",
				    field, lo);
	*out = json_number_value(v);
	return CC_OK;
}

/* "dynamic": {initial, minimum, decay, function}. */
static int dynamic(json_t *d, struct cc_challenge *ch, struct cc_error *err)
{
	const char *fn = NULL;
	int rc;

	if (!json_is_object(d) || !json_object_get(d, "initial") || !json_object_get(d, "minimum") ||
	    !json_object_get(d, "decay"))
		return bad(err, "dynamic", "dynamic is {\"initial\", \"minimum\", \"decay\", "
			   "\"function\"?}");
	ch->dynamic = true;
	ch->function = CC_DECAY_LOGARITHMIC;
	rc = number(d, "initial", "dynamic.initial", 0, &ch->initial, err);
	if (!rc)
		rc = number(d, "minimum", "dynamic.minimum", 0, &ch->minimum, err);
	if (!rc)
		rc = number(d, "decay", "dynamic.decay", 0, &ch->decay, err);
	if (!rc)
		rc = text(d, "function", 20, false, &fn, err);
	if (!rc && fn && strcmp(fn, "linear") && strcmp(fn, "logarithmic"))
		return bad(err, "dynamic.function", "function is logarithmic or linear");
	if (fn && strcmp(fn, "linear") == 0)
		ch->function = CC_DECAY_LINEAR;
	return rc;
}

static int one_flag(json_t *f, struct cc_flag *x, struct cc_error *err)
{
	const char *type = json_string_value(json_object_get(f, "type"));
	const char *v = json_string_value(json_object_get(f, "value"));
	const char *h = json_string_value(json_object_get(f, "sha256"));
	regex_t re;

	if (!type || (strcmp(type, "static") && strcmp(type, "case_insensitive") &&
		      strcmp(type, "regex")))
		return bad(err, "flags", "a flag's type is static, case_insensitive or regex");
	if (!v == !h || (v && (!*v || strlen(v) > 4096)))
		return bad(err, "flags", "a flag has a value or a sha256, not both");
	x->type = strcmp(type, "regex") == 0 ? CC_FLAG_REGEX : strcmp(type, "static") == 0 ?
		  CC_FLAG_STATIC : CC_FLAG_CASE_INSENSITIVE;
	if (h && (x->type == CC_FLAG_REGEX || !cc_is_sha256_hex(h)))
		return bad(err, "flags", "a sha256 is 64 hex digits (not for a regex)");
	if (x->type == CC_FLAG_REGEX) {
		if (regcomp(&re, v, REG_EXTENDED | REG_NOSUB))
			return bad(err, "flags", "the regex does not compile (POSIX extended)");
		regfree(&re);
	}
	x->value = v;
	x->sha256[0] = '\0';
	for (int i = 0; h && i < 64; i++)
		x->sha256[i] = (char)tolower((unsigned char)h[i]);
	x->sha256[h ? 64 : 0] = '\0';
	return CC_OK;
}

static int flags(json_t *a, struct cc_arena *ar, struct cc_challenge *ch, struct cc_error *err)
{
	size_t i;
	json_t *f;

	if (!json_is_array(a) || json_array_size(a) < 1 || json_array_size(a) > 50)
		return bad(err, "flags", "flags is a list of 1 to 50 flags");
	ch->flags = cc_arena_array(ar, json_array_size(a), sizeof(*ch->flags));
	if (!ch->flags)
		return cc_error_set(err, CC_ENOMEM, NULL, 0, 0, "out of memory");
	ch->nflags = 0;
	json_array_foreach(a, i, f) {
		int rc = one_flag(f, &ch->flags[ch->nflags++], err);
		if (rc)
			return rc;
	}
	return CC_OK;
}

static int hints(json_t *a, struct cc_arena *ar, struct cc_challenge *ch, struct cc_error *err)
{
	size_t i;
	json_t *h;

	if (!json_is_array(a) || json_array_size(a) > 50)
		return bad(err, "hints", "hints is a list of {\"id\", \"text\", \"cost\"}");
	ch->hints = cc_arena_array(ar, json_array_size(a) + 1, sizeof(*ch->hints));
	if (!ch->hints)
		return cc_error_set(err, CC_ENOMEM, NULL, 0, 0, "out of memory");
	json_array_foreach(a, i, h) {
		struct cc_hint *x = &ch->hints[ch->nhints++];
		const char *id = json_string_value(json_object_get(h, "id"));
		int rc;
		if (!id || !cc_framework_valid_id(id, strlen(id)) || strlen(id) > 64)
			return bad(err, "hints", "a hint's id is 1 to 64 letters, digits, '_', '.', "
				   "':' or '-'");
		x->id = id;
		x->text = NULL;
		rc = text(h, "text", TEXT_MAX, true, &x->text, err);
		if (!rc && !x->text)
			rc = bad(err, "hints", "a hint has a text");
		x->cost = 0;
		if (!rc)
			rc = number(h, "cost", "hints.cost", 0, &x->cost, err);
		if (rc)
			return rc;
	}
	return CC_OK;
}

/* requires: a list of ids of the drill's challenges (not itself). */
static int requires(json_t *a, const struct cc_ctf *c, const char *self, char *out,
		    size_t size, struct cc_error *err)
{
	size_t i, at = 0;
	json_t *r;

	if (!json_is_array(a) || json_array_size(a) > 100)
		return bad(err, "requires", "requires is a list of challenge ids");
	out[0] = '\0';
	json_array_foreach(a, i, r) {
		const char *id = json_string_value(r);
		if (!id || cc_ctf_challenge(c, id) < 0 || strcmp(id, self) == 0)
			return cc_error_set(err, CC_EINPUT, "requires", 0, 0, "requires names "
					    "\"%.100s\", which is no other challenge of this drill",
					    id ? id : "");
		at += (size_t)snprintf(out + at, size - at, "%s%s", i ? "|" : "", id);
		if (at >= size)
			return bad(err, "requires", "requires is too long");
	}
	return CC_OK;
}

struct put_ctx {
	struct cc_challenge_rec r;
	struct cc_challenge ch;         /* flags and hints given */
	bool has_flags, has_hints;
	char req[4096];
};

static int apply_numbers(json_t *b, struct put_ctx *p, struct cc_error *err)
{
	json_t *v = json_object_get(b, "value"), *d = json_object_get(b, "dynamic");
	json_t *oa = json_object_get(b, "opens_at"), *ma = json_object_get(b, "max_attempts");
	int rc = CC_OK;

	if (v && d && !json_is_null(v) && !json_is_null(d))
		return bad(err, "value", "a challenge has value or dynamic, not both");
	if (v && !json_is_null(v)) {
		rc = number(b, "value", "value", -1e9, &p->r.value, err);
		p->r.initial = p->r.minimum = p->r.decay = NAN;
		p->r.function = NULL;
	} else if (d && !json_is_null(d)) {
		rc = dynamic(d, &p->ch, err);
		p->r.value = NAN;
		p->r.initial = p->ch.initial;
		p->r.minimum = p->ch.minimum;
		p->r.decay = p->ch.decay;
		p->r.function = p->ch.function == CC_DECAY_LINEAR ? "linear" : "logarithmic";
	}
	if (!rc && isnan(p->r.value) && isnan(p->r.initial))
		return bad(err, "value", "a challenge has value or dynamic");
	if (!rc && ma && (!json_is_integer(ma) || json_integer_value(ma) < 0 ||
			  json_integer_value(ma) > 1000000))
		return bad(err, "max_attempts", "max_attempts is a whole number >= 0 (0: no limit)");
	if (!rc && ma)
		p->r.max_attempts = (int)json_integer_value(ma);
	if (!rc && oa && json_is_null(oa))
		p->r.opens_at = NAN;
	else if (!rc && oa && json_is_number(oa) && json_number_value(oa) >= 0)
		p->r.opens_at = json_number_value(oa);
	else if (!rc && oa && !(json_is_string(oa) &&
				cc_scenario_parse_time(json_string_value(oa), &p->r.opens_at)))
		return bad(err, "opens_at", "opens_at is minutes of play (>= 0) or \"D+n H+n M+n\"");
	return rc;
}

static int apply(json_t *b, const struct cc_ctf *c, struct cc_arena *ar, struct put_ctx *p,
		 struct cc_error *err)
{
	json_t *h = json_object_get(b, "hidden"), *obj = json_object_get(b, "objective");
	int rc = text(b, "name", 300, false, &p->r.name, err);

	if (!rc)
		rc = text(b, "category", 100, false, &p->r.category, err);
	if (!rc && json_object_get(b, "description")) {
		const char *d = json_string_value(json_object_get(b, "description"));
		if (d && !*d)
			p->r.description = "";
		else
			rc = text(b, "description", TEXT_MAX, true, &p->r.description, err);
	}
	if (!rc && (!p->r.name || !p->r.category))
		return bad(err, p->r.name ? "category" : "name", "a challenge has a name and a "
			   "category");
	if (!rc)
		rc = apply_numbers(b, p, err);
	if (!rc && h && !json_is_boolean(h))
		return bad(err, "hidden", "hidden is true or false");
	if (h)
		p->r.hidden = json_is_true(h);
	if (!rc && obj && !json_is_null(obj))
		rc = text(b, "objective", 200, false, &p->r.objective, err);
	else if (obj)
		p->r.objective = NULL;
	if (!rc && json_object_get(b, "requires")) {
		rc = requires(json_object_get(b, "requires"), c, p->r.id, p->req, sizeof(p->req),
			      err);
		p->r.requires = p->req;
	}
	if (!rc && (p->has_flags = json_object_get(b, "flags") != NULL))
		rc = flags(json_object_get(b, "flags"), ar, &p->ch, err);
	if (!rc && (p->has_hints = json_object_get(b, "hints") != NULL))
		rc = hints(json_object_get(b, "hints"), ar, &p->ch, err);
	return rc;
}

static int has_hint(const struct cc_ctf *c, const char *chal, const char *hint)
{
	const struct cc_hint_rec *h = c->hint_l.items;

	for (int i = 0; i < c->hint_l.n; i++)
		if (strcmp(h[i].challenge, chal) == 0 && strcmp(h[i].hint, hint) == 0)
			return 1;
	return 0;
}

static int store_put(struct cc_store *s, const char *drill, const struct cc_ctf *c,
		     struct put_ctx *p, bool create, const char *actor, struct cc_error *err)
{
	char entity[300], val[64];
	int rc = cc_store_put_challenge(s, drill, &p->r, err);

	if (!rc && p->has_flags)
		rc = cc__challenge_flags(s, drill, p->r.id, p->ch.flags, p->ch.nflags, err);
	snprintf(entity, sizeof(entity), "drill:%s/challenge:%s", drill, p->r.id);
	for (int i = 0; !rc && p->has_hints && i < p->ch.nhints; i++) {
		struct cc_hint_rec hr = {p->r.id, p->ch.hints[i].id, p->ch.hints[i].text,
					 p->ch.hints[i].cost};
		bool old = has_hint(c, p->r.id, hr.hint);
		char cost[64];
		rc = old ? cc_store_update_hint(s, drill, &hr, err) :
		     cc_store_add_hint(s, drill, &hr, c->hint_l.n + i, err);
		snprintf(cost, sizeof(cost), "%g", hr.cost);
		if (!rc)
			rc = cc_workflow_audit(s, actor, old ? "challenge.hint.edit" :
					       "challenge.hint.add", entity, NULL,
					       cc_workflow_audit_json3("hint", hr.hint, "cost", cost,
								       "text", hr.text), err);
	}
	snprintf(val, sizeof(val), "%g", isnan(p->r.value) ? p->r.initial : p->r.value);
	if (!rc)
		rc = cc_workflow_audit(s, actor, create ? "challenge.add" : "challenge.edit", entity,
				       NULL, cc_workflow_audit_json3("name", p->r.name, "value", val,
				       "hidden", p->r.hidden ? "true" : "false"), err);
	return rc;
}

static int put_in(struct cc_store *s, const char *drill, const char *id, json_t *body,
		  bool create, const char *actor, double now, struct cc_error *err)
{
	struct cc_ctf c;
	struct cc_arena ar;
	struct put_ctx p;
	int rc = cc_ctf_load(s, drill, now, &c, err), i;

	cc_arena_init(&ar);
	memset(&p, 0, sizeof(p));
	i = rc ? -1 : cc_ctf_challenge(&c, id);
	if (!rc && create && i >= 0)
		rc = cc_error_set(err, CC_ECONFLICT, "id", 0, 0, "drill %s has a challenge %s "
				  "already", drill, id);
	else if (!rc && !create && i < 0)
		rc = cc_error_set(err, CC_ENOTFOUND, "challenge", 0, 0, "drill %s has no challenge "
				  "\"%.100s\"", drill, id);
	else if (!rc && create && c.n >= CC_CTF_MAX)
		rc = cc_error_set(err, CC_ELIMIT, "id", 0, 0, "a drill has at most %d challenges",
				  CC_CTF_MAX);
	if (!rc) {
		if (create)
			p.r = (struct cc_challenge_rec){.id = id, .description = "", .value = NAN,
				.initial = NAN, .minimum = NAN, .decay = NAN, .requires = "",
				.opens_at = NAN, .files = "", .position = c.n};
		else
			p.r = c.rec[i];
		rc = apply(body, &c, &ar, &p, err);
	}
	if (!rc && create && !p.has_flags)
		rc = bad(err, "flags", "a challenge has at least one flag");
	if (!rc)
		rc = store_put(s, drill, &c, &p, create, actor, err);
	cc_arena_free(&ar);
	cc_ctf_free(&c);
	return rc;
}

int cc_challenges_put(struct cc_store *s, const char *drill, const char *id, json_t *body,
		      bool create, const char *actor, double now, struct cc_error *err)
{
	int rc;

	if (!id || strlen(id) > 64 || !cc_framework_valid_id(id, strlen(id)))
		return bad(err, "id", "a challenge id is 1 to 64 letters, digits, '_', '.', ':' "
			   "or '-'");
	if ((rc = cc_store_begin(s, err)))
		return rc;
	rc = put_in(s, drill, id, body, create, actor, now, err);
	if (!rc)
		rc = cc_store_commit(s, err);
	if (rc)
		cc_store_rollback(s);
	return rc;
}

static int award_in(struct cc_store *s, const char *drill, const char *team, double value,
		    const char *reason, const char *actor, double now, long long *id,
		    struct cc_error *err)
{
	struct cc_ctf c;
	char entity[300], v[64];
	int rc = cc_ctf_load(s, drill, now, &c, err);

	if (!rc && cc_ctf_team(&c, team) < 0)
		rc = cc_error_set(err, CC_EINPUT, "team", 0, 0, "drill %s has no team \"%.100s\"",
				  drill, team);
	if (!rc) {
		struct cc_award_rec a = {0, team, value, reason, actor, now, c.clock};
		rc = cc_store_add_award(s, drill, &a, id, err);
	}
	snprintf(entity, sizeof(entity), "drill:%s/team:%s", drill, team);
	snprintf(v, sizeof(v), "%g", value);
	if (!rc)
		rc = cc_workflow_audit(s, actor, value >= 0 ? "award" : "deduct", entity, NULL,
				       cc_workflow_audit_json("value", v, "reason", reason), err);
	cc_ctf_free(&c);
	return rc;
}

int cc_challenges_award(struct cc_store *s, const char *drill, const char *team,
			double value, const char *reason, const char *actor, double now,
			long long *id, struct cc_error *err)
{
	int rc;

	if (!reason || !*reason || strlen(reason) > 2000)
		return bad(err, "reason", "reason is text of 1 to 2000 bytes");
	if (!(value == value) || value == 0 || fabs(value) > 1e7)
		return bad(err, "value", "value is a number other than 0 (negative: a deduction)");
	if ((rc = cc_store_begin(s, err)))
		return rc;
	rc = award_in(s, drill, team, value, reason, actor, now, id, err);
	if (!rc)
		rc = cc_store_commit(s, err);
	if (rc)
		cc_store_rollback(s);
	return rc;
}

static int brackets_in(struct cc_store *s, const char *drill, json_t *b, struct cc_error *err)
{
	struct cc_list l;
	const char *team;
	json_t *v;
	int rc = cc_store_drill_teams(s, drill, &l, err);

	if (rc)
		return rc;
	json_object_foreach(b, team, v) {
		bool known = false;
		for (int i = 0; i < l.n; i++)
			known |= strcmp(((const struct cc_drill_team_rec *)l.items)[i].team, team) == 0;
		if (!known || !(json_is_null(v) || (json_is_string(v) && json_string_length(v) > 0 &&
						    json_string_length(v) <= 100))) {
			rc = cc_error_set(err, CC_EINPUT, "brackets", 0, 0, "brackets maps a team of "
					  "the drill to a bracket name (or null): \"%.100s\"", team);
			break;
		}
		if ((rc = cc_store_set_bracket(s, drill, team, json_string_value(v), err)))
			break;
	}
	cc_list_free(&l);
	return rc;
}

int cc_challenges_settings(struct cc_store *s, const char *drill, double freeze,
			   bool set_freeze, json_t *brackets, const char *actor,
			   struct cc_error *err)
{
	char entity[300], f[64];
	int rc;

	if (brackets && !json_is_object(brackets))
		return bad(err, "brackets", "brackets is an object: team -> bracket");
	if (set_freeze && !isnan(freeze) && !(freeze >= 0))
		return bad(err, "freeze", "freeze is minutes of play (>= 0), or null");
	if ((rc = cc_store_begin(s, err)))
		return rc;
	if (set_freeze)
		rc = cc_store_set_board_freeze(s, drill, freeze, err);
	if (!rc && brackets)
		rc = brackets_in(s, drill, brackets, err);
	snprintf(entity, sizeof(entity), "drill:%s/board", drill);
	snprintf(f, sizeof(f), "%g", freeze);
	if (!rc)
		rc = cc_workflow_audit(s, actor, "board", entity, NULL, cc_workflow_audit_json(
				       "freeze", set_freeze ? f : "unchanged", "brackets",
				       brackets ? "set" : "unchanged"), err);
	if (!rc)
		rc = cc_store_commit(s, err);
	if (rc)
		cc_store_rollback(s);
	return rc;
}
