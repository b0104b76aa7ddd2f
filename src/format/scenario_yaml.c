/*
 * scenario_yaml.c - reading a drill scenario (see scenario_yaml.h) with
 * the YAML walk of yaml_walk.c: objectives, teams, injects with their
 * times, recipients and expected actions, and challenges with their
 * flags, hints and files. What spans the file (ids, references, `after`
 * loops, the timeline) is cc_scenario_finish's.
 */
#include "scenario_yaml.h"

#include "fileio.h"
#include "yaml_walk.h"
#include "../core/ctf_score.h"
#include "../core/framework.h"
#include "../core/number.h"

#include <ctype.h>
#include <math.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

enum {
	S_VERSION, S_ID, S_TITLE, S_DESCRIPTION, S_OBJECTIVES, S_TEAMS, S_INJECTS,
	S_CHALLENGES, S_NAME, S_CRITERIA, S_FRAMEWORK, S_NODE, S_AT, S_TO, S_FROM,
	S_CHANNEL, S_CONTENT, S_EXPECTS, S_NOTES, S_AFTER, S_TEXT, S_OBJECTIVE,
	S_CATEGORY, S_FILES, S_VALUE, S_DYNAMIC, S_FLAGS, S_HINTS, S_MAX_ATTEMPTS,
	S_REQUIRES, S_OPENS_AT, S_INITIAL, S_MINIMUM, S_DECAY, S_FUNCTION, S_TYPE,
	S_SHA256, S_COST, S_TRANSLATIONS, S_COUNT
};

static const char *const names[S_COUNT] = {
	"cybercap-scenario", "id", "title", "description", "objectives", "teams",
	"injects", "challenges", "name", "criteria", "framework", "node", "at", "to",
	"from", "channel", "content", "expects", "notes", "after", "text", "objective",
	"category", "files", "value", "dynamic", "flags", "hints", "max_attempts",
	"requires", "opens_at", "initial", "minimum", "decay", "function", "type",
	"sha256", "cost", "translations",
};

static const unsigned long long keys_top = B(S_VERSION) | B(S_ID) | B(S_TITLE) |
	B(S_DESCRIPTION) | B(S_OBJECTIVES) | B(S_TEAMS) | B(S_INJECTS) | B(S_CHALLENGES) |
	B(S_TRANSLATIONS);
static const unsigned long long keys_objective = B(S_ID) | B(S_NAME) | B(S_CRITERIA) |
	B(S_FRAMEWORK);
static const unsigned long long keys_fwref = B(S_ID) | B(S_NODE);
static const unsigned long long keys_team = B(S_ID) | B(S_NAME);
static const unsigned long long keys_inject = B(S_ID) | B(S_AT) | B(S_TO) | B(S_FROM) |
	B(S_CHANNEL) | B(S_TITLE) | B(S_CONTENT) | B(S_EXPECTS) | B(S_NOTES) | B(S_AFTER);
static const unsigned long long keys_expect = B(S_ID) | B(S_TEXT) | B(S_OBJECTIVE);
static const unsigned long long keys_challenge = B(S_ID) | B(S_NAME) | B(S_CATEGORY) |
	B(S_DESCRIPTION) | B(S_FILES) | B(S_VALUE) | B(S_DYNAMIC) | B(S_FLAGS) |
	B(S_HINTS) | B(S_MAX_ATTEMPTS) | B(S_REQUIRES) | B(S_OPENS_AT);
static const unsigned long long keys_dynamic = B(S_INITIAL) | B(S_MINIMUM) | B(S_DECAY) |
	B(S_FUNCTION);
static const unsigned long long keys_flag = B(S_TYPE) | B(S_VALUE) | B(S_SHA256);
static const unsigned long long keys_hint = B(S_ID) | B(S_TEXT) | B(S_COST);

static const char *const channel_words[] = {"email", "phone", "media", "social",
					    "handout", "system"};
static const char *const flag_words[] = {"static", "case_insensitive", "regex"};
static const char *const decay_words[] = {"logarithmic", "linear"};

struct rd {
	struct ctx c;
	struct cc_scenario *sc;
	const char *base_dir;
	yaml_node_t *translations;  /* read after cc_scenario_finish */
};

static long line_of(const yaml_node_t *v) { return (long)v->start_mark.line + 1; }
static long col_of(const yaml_node_t *v) { return (long)v->start_mark.column + 1; }

/* The items of a list as a freshly allocated array of count elements of
 * size bytes (arena); *n its length. */
static int list_of(struct rd *r, const yaml_node_t *v, const char *key, int min,
		   int max, size_t size, void **out, int *n)
{
	int rc = fy_get_seq(&r->c, v, key, min);

	if (rc)
		return rc;
	*n = SEQ_LEN(v);
	if (*n > max)
		return fy_fail(&r->c, v, "\"%s\" lists %d items; at most %d are allowed", key, *n, max);
	*out = cc_arena_array(r->c.arena, (size_t)(*n ? *n : 1), size);
	return *out ? CC_OK : fy_oom(&r->c);
}

static int get_ref(struct rd *r, const yaml_node_t *v, const char *key, struct cc_ref *ref)
{
	ref->index = -1;
	ref->line = line_of(v);
	ref->col = col_of(v);
	return fy_get_id(&r->c, v, key, &ref->id);
}

static int get_time(struct rd *r, const yaml_node_t *v, const char *key, double *out)
{
	const char *s;
	int rc = fy_get_text(&r->c, v, key, &s);

	if (rc)
		return rc;
	if (!cc_scenario_parse_time(s, out))
		return fy_fail(&r->c, v, "\"%s\" must be minutes of play (a number >= 0) or parts such as \"D+1 H+2 M+30\" (got \"%.60s\")",
			       key, s);
	return CC_OK;
}

static int get_min_number(struct rd *r, const yaml_node_t *v, const char *key,
			  double min, double *out)
{
	int rc = fy_get_number(&r->c, v, key, out);

	if (!rc && (*out < min || *out > 1e12))
		return fy_fail(&r->c, v, "\"%s\" must be a number of at least %g", key, min);
	return rc;
}

static int get_texts(struct rd *r, const yaml_node_t *v, const char *key,
		     const char ***out, int *n)
{
	int rc = list_of(r, v, key, 0, 1000, sizeof(**out), (void **)out, n);

	for (int i = 0; !rc && i < *n; i++) {
		yaml_node_t *item = fy_node_get(&r->c, SEQ_AT(v, i), v);
		rc = item ? fy_get_text(&r->c, item, key, &(*out)[i]) : CC_EINPUT;
	}
	return rc;
}

static int read_objective(struct rd *r, yaml_node_t *y, struct cc_objective *o)
{
	struct keyset ks;
	int rc;

	if ((rc = fy_keys_read(&r->c, y, keys_objective, "an objective", &ks)) ||
	    (rc = fy_need(&r->c, &ks, S_ID, "an objective")) ||
	    (rc = fy_need(&r->c, &ks, S_NAME, "an objective")) ||
	    (rc = fy_get_id(&r->c, ks.val[S_ID], "id", &o->id)) ||
	    (rc = fy_get_text(&r->c, ks.val[S_NAME], "name", &o->name)))
		return rc;
	o->line = line_of(y);
	o->col = col_of(y);
	if (ks.val[S_CRITERIA] &&
	    (rc = get_texts(r, ks.val[S_CRITERIA], "criteria", &o->criteria, &o->ncriteria)))
		return rc;
	if (ks.val[S_FRAMEWORK]) {
		struct keyset fk;
		if ((rc = fy_keys_read(&r->c, ks.val[S_FRAMEWORK], keys_fwref, "an objective's framework", &fk)) ||
		    (rc = fy_need(&r->c, &fk, S_ID, "an objective's framework")) ||
		    (rc = fy_need(&r->c, &fk, S_NODE, "an objective's framework")) ||
		    (rc = fy_get_text(&r->c, fk.val[S_ID], "id", &o->fw_id)) ||
		    (rc = fy_get_id(&r->c, fk.val[S_NODE], "node", &o->fw_node)))
			return rc;
		if (!fy_valid_lower_id(o->fw_id))
			return fy_fail(&r->c, fk.val[S_ID], "a framework id is made of a-z, 0-9, '.', '_' or '-'");
	}
	return CC_OK;
}

static int read_team(struct rd *r, yaml_node_t *y, struct cc_team *t)
{
	struct keyset ks;
	int rc;

	if ((rc = fy_keys_read(&r->c, y, keys_team, "a team", &ks)) ||
	    (rc = fy_need(&r->c, &ks, S_ID, "a team")) ||
	    (rc = fy_need(&r->c, &ks, S_NAME, "a team")) ||
	    (rc = fy_get_id(&r->c, ks.val[S_ID], "id", &t->id)) ||
	    (rc = fy_get_text(&r->c, ks.val[S_NAME], "name", &t->name)))
		return rc;
	if (strcmp(t->id, "all") == 0)
		return fy_fail(&r->c, ks.val[S_ID], "\"all\" names every team in `to`; a team cannot be called so");
	t->line = line_of(y);
	t->col = col_of(y);
	return CC_OK;
}

static int read_to(struct rd *r, const yaml_node_t *v, struct cc_inject *in)
{
	int rc = list_of(r, v, "to", 1, 1000, sizeof(*in->to), (void **)&in->to, &in->nto);

	for (int k = 0; !rc && k < in->nto; k++) {
		yaml_node_t *item = fy_node_get(&r->c, SEQ_AT(v, k), v);
		if (!item)
			return CC_EINPUT;
		if (SCALAR_IS(item, "all")) {
			if (in->nto != 1)
				return fy_fail(&r->c, item, "`to: [all]` stands alone: list team ids or all, not both");
			in->to_all = true;
			in->nto = 0;
			return CC_OK;
		}
		rc = get_ref(r, item, "to", &in->to[k]);
	}
	return rc;
}

static int read_expects(struct rd *r, const yaml_node_t *v, struct cc_inject *in)
{
	int rc = list_of(r, v, "expects", 0, 1000, sizeof(*in->expects),
			 (void **)&in->expects, &in->nexpects);

	for (int k = 0; !rc && k < in->nexpects; k++) {
		yaml_node_t *item = fy_node_get(&r->c, SEQ_AT(v, k), v);
		struct cc_expect *e = &in->expects[k];
		struct keyset ks;

		if (!item)
			return CC_EINPUT;
		if ((rc = fy_keys_read(&r->c, item, keys_expect, "an expected action", &ks)) ||
		    (rc = fy_need(&r->c, &ks, S_ID, "an expected action")) ||
		    (rc = fy_need(&r->c, &ks, S_TEXT, "an expected action")) ||
		    (rc = fy_get_id(&r->c, ks.val[S_ID], "id", &e->id)) ||
		    (rc = fy_get_text(&r->c, ks.val[S_TEXT], "text", &e->text)))
			return rc;
		e->line = line_of(item);
		e->col = col_of(item);
		e->objective.index = -1;
		if (ks.val[S_OBJECTIVE]) {
			e->has_objective = true;
			rc = get_ref(r, ks.val[S_OBJECTIVE], "objective", &e->objective);
		}
	}
	return rc;
}

static int read_inject(struct rd *r, yaml_node_t *y, struct cc_inject *in)
{
	static const char *const what = "an inject";
	struct keyset ks;
	int rc, t = 0;

	if ((rc = fy_keys_read(&r->c, y, keys_inject, what, &ks)) ||
	    (rc = fy_need(&r->c, &ks, S_ID, what)) || (rc = fy_need(&r->c, &ks, S_AT, what)) ||
	    (rc = fy_need(&r->c, &ks, S_TO, what)) || (rc = fy_need(&r->c, &ks, S_CHANNEL, what)) ||
	    (rc = fy_need(&r->c, &ks, S_TITLE, what)) || (rc = fy_need(&r->c, &ks, S_CONTENT, what)) ||
	    (rc = fy_get_id(&r->c, ks.val[S_ID], "id", &in->id)) ||
	    (rc = get_time(r, ks.val[S_AT], "at", &in->at)) ||
	    (rc = read_to(r, ks.val[S_TO], in)) ||
	    (rc = fy_get_word(&r->c, ks.val[S_CHANNEL], "channel", channel_words, 6, &t)) ||
	    (rc = fy_get_text(&r->c, ks.val[S_TITLE], "title", &in->title)) ||
	    (rc = fy_get_text(&r->c, ks.val[S_CONTENT], "content", &in->content)))
		return rc;
	in->channel = (enum cc_channel)t;
	in->line = line_of(y);
	in->col = col_of(y);
	if ((ks.val[S_FROM] && (rc = fy_get_text(&r->c, ks.val[S_FROM], "from", &in->from))) ||
	    (ks.val[S_NOTES] && (rc = fy_get_text(&r->c, ks.val[S_NOTES], "notes", &in->notes))) ||
	    (ks.val[S_EXPECTS] && (rc = read_expects(r, ks.val[S_EXPECTS], in))))
		return rc;
	in->after.index = -1;
	if (ks.val[S_AFTER]) {
		in->has_after = true;
		rc = get_ref(r, ks.val[S_AFTER], "after", &in->after);
	}
	return rc;
}

static int read_flag(struct rd *r, yaml_node_t *y, struct cc_flag *f)
{
	struct keyset ks;
	int rc, t = 0;

	if ((rc = fy_keys_read(&r->c, y, keys_flag, "a flag", &ks)) ||
	    (rc = fy_need(&r->c, &ks, S_TYPE, "a flag")) ||
	    (rc = fy_get_word(&r->c, ks.val[S_TYPE], "type", flag_words, 3, &t)))
		return rc;
	f->type = (enum cc_flag_type)t;
	f->line = line_of(y);
	f->col = col_of(y);
	if (!ks.val[S_VALUE] == !ks.val[S_SHA256])
		return fy_fail(&r->c, y, "a flag gives \"value\" or \"sha256\": %s",
			       ks.val[S_VALUE] ? "not both" : "neither is here");
	if (ks.val[S_SHA256]) {
		const char *h;
		if (f->type == CC_FLAG_REGEX)
			return fy_fail(&r->c, ks.key[S_SHA256], "a regex flag gives its pattern as \"value\", not a sha256");
		if ((rc = fy_get_text(&r->c, ks.val[S_SHA256], "sha256", &h)))
			return rc;
		if (!cc_is_sha256_hex(h))
			return fy_fail(&r->c, ks.val[S_SHA256], "\"sha256\" must be 64 hexadecimal digits");
		for (int i = 0; i < 64; i++)
			f->sha256[i] = (char)tolower((unsigned char)h[i]);
		return CC_OK;
	}
	if ((rc = fy_get_text(&r->c, ks.val[S_VALUE], "value", &f->value)))
		return rc;
	if (f->type == CC_FLAG_REGEX) {
		regex_t re;
		int e = regcomp(&re, f->value, REG_EXTENDED | REG_NOSUB);
		if (e) {
			char why[200];
			regerror(e, &re, why, sizeof(why));
			return fy_fail(&r->c, ks.val[S_VALUE], "the regex does not compile: %s", why);
		}
		regfree(&re);
	}
	return CC_OK;
}

static int read_hint(struct rd *r, yaml_node_t *y, struct cc_hint *h)
{
	struct keyset ks;
	int rc;

	if ((rc = fy_keys_read(&r->c, y, keys_hint, "a hint", &ks)) ||
	    (rc = fy_need(&r->c, &ks, S_ID, "a hint")) ||
	    (rc = fy_need(&r->c, &ks, S_TEXT, "a hint")) ||
	    (rc = fy_get_id(&r->c, ks.val[S_ID], "id", &h->id)) ||
	    (rc = fy_get_text(&r->c, ks.val[S_TEXT], "text", &h->text)))
		return rc;
	h->line = line_of(y);
	h->col = col_of(y);
	return ks.val[S_COST] ? get_min_number(r, ks.val[S_COST], "cost", 0, &h->cost) : CC_OK;
}

/* A challenge file: relative, inside the scenario's folder, present. */
static int check_file(struct rd *r, const yaml_node_t *v, const char *path)
{
	char full[4600];
	struct stat st;

	if (!*path || path[0] == '/' || strstr(path, "..") || strchr(path, '\\'))
		return fy_fail(&r->c, v, "challenge file \"%.100s\" must be a path inside the scenario's folder", path);
	if (!r->base_dir)
		return fy_fail(&r->c, v, "challenge file \"%.100s\" is not here: send the scenario as a zip with its files", path);
	snprintf(full, sizeof(full), "%s/%s", r->base_dir, path);
	if (stat(full, &st) != 0 || !S_ISREG(st.st_mode))
		return fy_fail(&r->c, v, "challenge file \"%.100s\" is missing", path);
	return CC_OK;
}

static int read_dynamic(struct rd *r, const yaml_node_t *v, struct cc_challenge *ch)
{
	struct keyset ks;
	int rc, t = 0;

	if ((rc = fy_keys_read(&r->c, (yaml_node_t *)v, keys_dynamic, "\"dynamic\"", &ks)) ||
	    (rc = fy_need(&r->c, &ks, S_INITIAL, "\"dynamic\"")) ||
	    (rc = fy_need(&r->c, &ks, S_MINIMUM, "\"dynamic\"")) ||
	    (rc = fy_need(&r->c, &ks, S_DECAY, "\"dynamic\"")) ||
	    (rc = get_min_number(r, ks.val[S_INITIAL], "initial", 0, &ch->initial)) ||
	    (rc = get_min_number(r, ks.val[S_MINIMUM], "minimum", 0, &ch->minimum)) ||
	    (rc = get_min_number(r, ks.val[S_DECAY], "decay", 0, &ch->decay)))
		return rc;
	if (ch->minimum > ch->initial)
		return fy_fail(&r->c, ks.val[S_MINIMUM], "\"minimum\" cannot be above \"initial\"");
	if (ks.val[S_FUNCTION]) {
		if ((rc = fy_get_word(&r->c, ks.val[S_FUNCTION], "function", decay_words, 2, &t)))
			return rc;
		ch->function = (enum cc_decay)t;
	}
	ch->dynamic = true;
	return CC_OK;
}

typedef int (*item_fn)(struct rd *r, yaml_node_t *item, void *elem);

/* Reads list v (min..max items of size bytes) into *out, each by fn. */
static int read_list(struct rd *r, const yaml_node_t *v, const char *key, int min, int max,
		     size_t size, void **out, int *n, item_fn fn)
{
	int rc = list_of(r, v, key, min, max, size, out, n);

	for (int i = 0; !rc && i < *n; i++) {
		yaml_node_t *item = fy_node_get(&r->c, SEQ_AT(v, i), v);
		rc = item ? fn(r, item, (char *)*out + (size_t)i * size) : CC_EINPUT;
	}
	return rc;
}

static int flag_item(struct rd *r, yaml_node_t *y, void *e) { return read_flag(r, y, e); }
static int hint_item(struct rd *r, yaml_node_t *y, void *e) { return read_hint(r, y, e); }
static int require_item(struct rd *r, yaml_node_t *y, void *e)
{
	return get_ref(r, y, "requires", e);
}
static int file_item(struct rd *r, yaml_node_t *y, void *e)
{
	const char **path = e;
	int rc = fy_get_text(&r->c, y, "files", path);
	return rc ? rc : check_file(r, y, *path);
}

static int read_challenge_lists(struct rd *r, const struct keyset *ks, struct cc_challenge *ch)
{
	int rc = read_list(r, ks->val[S_FLAGS], "flags", 1, 100, sizeof(*ch->flags),
			   (void **)&ch->flags, &ch->nflags, flag_item);

	if (!rc && ks->val[S_HINTS])
		rc = read_list(r, ks->val[S_HINTS], "hints", 0, 100, sizeof(*ch->hints),
			       (void **)&ch->hints, &ch->nhints, hint_item);
	if (!rc && ks->val[S_FILES])
		rc = read_list(r, ks->val[S_FILES], "files", 0, 100, sizeof(*ch->files),
			       (void **)&ch->files, &ch->nfiles, file_item);
	if (!rc && ks->val[S_REQUIRES])
		rc = read_list(r, ks->val[S_REQUIRES], "requires", 0, 1000, sizeof(*ch->requires),
			       (void **)&ch->requires, &ch->nrequires, require_item);
	return rc;
}

static int read_challenge(struct rd *r, yaml_node_t *y, struct cc_challenge *ch)
{
	static const char *const what = "a challenge";
	struct keyset ks;
	int rc;

	if ((rc = fy_keys_read(&r->c, y, keys_challenge, what, &ks)) ||
	    (rc = fy_need(&r->c, &ks, S_ID, what)) || (rc = fy_need(&r->c, &ks, S_NAME, what)) ||
	    (rc = fy_need(&r->c, &ks, S_FLAGS, what)) ||
	    (rc = fy_get_id(&r->c, ks.val[S_ID], "id", &ch->id)) ||
	    (rc = fy_get_text(&r->c, ks.val[S_NAME], "name", &ch->name)))
		return rc;
	ch->line = line_of(y);
	ch->col = col_of(y);
	if (!ks.val[S_VALUE] == !ks.val[S_DYNAMIC])
		return fy_fail(&r->c, y, "challenge \"%s\" has %s of \"value\" and \"dynamic\": give exactly one",
			       ch->id, ks.val[S_VALUE] ? "both" : "neither");
	if ((ks.val[S_CATEGORY] && (rc = fy_get_text(&r->c, ks.val[S_CATEGORY], "category", &ch->category))) ||
	    (ks.val[S_DESCRIPTION] &&
	     (rc = fy_get_text(&r->c, ks.val[S_DESCRIPTION], "description", &ch->description))) ||
	    (ks.val[S_VALUE] && (rc = get_min_number(r, ks.val[S_VALUE], "value", 0, &ch->value))) ||
	    (ks.val[S_DYNAMIC] && (rc = read_dynamic(r, ks.val[S_DYNAMIC], ch))) ||
	    (ks.val[S_OPENS_AT] && (rc = get_time(r, ks.val[S_OPENS_AT], "opens_at", &ch->opens_at))))
		return rc;
	ch->has_opens_at = ks.val[S_OPENS_AT] != NULL;
	if (ks.val[S_MAX_ATTEMPTS]) {
		double m;
		if ((rc = fy_get_number(&r->c, ks.val[S_MAX_ATTEMPTS], "max_attempts", &m)))
			return rc;
		if (m < 1 || m > 1e6 || m != floor(m))
			return fy_fail(&r->c, ks.val[S_MAX_ATTEMPTS], "\"max_attempts\" must be a whole number of 1 or more");
		ch->max_attempts = (int)m;
	}
	return read_challenge_lists(r, &ks, ch);
}

static int objective_item(struct rd *r, yaml_node_t *y, void *e) { return read_objective(r, y, e); }
static int team_item(struct rd *r, yaml_node_t *y, void *e) { return read_team(r, y, e); }
static int inject_item(struct rd *r, yaml_node_t *y, void *e) { return read_inject(r, y, e); }
static int challenge_item(struct rd *r, yaml_node_t *y, void *e) { return read_challenge(r, y, e); }

static int read_top(struct rd *r, yaml_node_t *root)
{
	struct cc_scenario *sc = r->sc;
	struct keyset ks;
	double version;
	int rc;

	if ((rc = fy_keys_read(&r->c, root, keys_top, "the scenario", &ks)) ||
	    (rc = fy_need(&r->c, &ks, S_VERSION, "the scenario")) ||
	    (rc = fy_need(&r->c, &ks, S_ID, "the scenario")) ||
	    (rc = fy_need(&r->c, &ks, S_TITLE, "the scenario")) ||
	    (rc = fy_need(&r->c, &ks, S_OBJECTIVES, "the scenario")) ||
	    (rc = fy_need(&r->c, &ks, S_TEAMS, "the scenario")) ||
	    (rc = fy_get_number(&r->c, ks.val[S_VERSION], "cybercap-scenario", &version)))
		return rc;
	if (version != 1)
		return fy_fail(&r->c, ks.val[S_VERSION], "this is scenario format version %g; cybercap reads version 1", version);
	if ((rc = fy_get_text(&r->c, ks.val[S_ID], "id", &sc->id)))
		return rc;
	if (!fy_valid_lower_id(sc->id))
		return fy_fail(&r->c, ks.val[S_ID], "\"id\" must be made of a-z, 0-9, '.', '_' or '-'");
	if ((rc = fy_get_text(&r->c, ks.val[S_TITLE], "title", &sc->title)) ||
	    (ks.val[S_DESCRIPTION] &&
	     (rc = fy_get_text(&r->c, ks.val[S_DESCRIPTION], "description", &sc->description))))
		return rc;
	r->translations = ks.val[S_TRANSLATIONS];
	rc = read_list(r, ks.val[S_OBJECTIVES], "objectives", 1, 1000, sizeof(*sc->objectives),
		       (void **)&sc->objectives, &sc->nobjectives, objective_item);
	if (!rc)
		rc = read_list(r, ks.val[S_TEAMS], "teams", 1, 1000, sizeof(*sc->teams),
			       (void **)&sc->teams, &sc->nteams, team_item);
	if (!rc && ks.val[S_INJECTS])
		rc = read_list(r, ks.val[S_INJECTS], "injects", 0, CC_SCENARIO_MAX_INJECTS,
			       sizeof(*sc->injects), (void **)&sc->injects, &sc->ninjects, inject_item);
	if (!rc && ks.val[S_CHALLENGES])
		rc = read_list(r, ks.val[S_CHALLENGES], "challenges", 0, CC_SCENARIO_MAX_CHALLENGES,
			       sizeof(*sc->challenges), (void **)&sc->challenges, &sc->nchallenges,
			       challenge_item);
	return rc;
}

int cc_scenario_parse(struct cc_scenario *sc, const char *file, const char *base_dir,
		      const char *text, size_t len, struct cc_error *err)
{
	struct rd r = {.sc = sc, .base_dir = base_dir};
	yaml_node_t *root;
	int rc = cc_scenario_init(sc, file);

	if (rc) {
		cc_scenario_free(sc);
		return cc_error_set(err, rc, file, 0, 0, "out of memory");
	}
	r.c = (struct ctx){.arena = &sc->arena, .names = names, .nnames = S_COUNT,
			   .file = sc->file, .err = err, .sc = sc};
	rc = fy_load(&r.c, text, len, &root);
	if (rc) {
		cc_scenario_free(sc);
		return rc;
	}
	rc = read_top(&r, root);
	if (!rc)
		rc = cc_scenario_finish(sc, err);
	if (!rc && r.translations)
		rc = cc__scenario_translations(&r.c, sc, r.translations);
	fy_unload(&r.c);
	if (rc)
		cc_scenario_free(sc);
	return rc;
}

int cc_scenario_load(struct cc_scenario *sc, const char *path, struct cc_error *err)
{
	char *text, dir[4096];
	const char *slash = strrchr(path, '/');
	size_t len;
	int rc = cc_read_file(path, CC_SCENARIO_MAX_BYTES, &text, &len, err);

	if (rc) {
		memset(sc, 0, sizeof(*sc));
		return rc;
	}
	if (slash)
		snprintf(dir, sizeof(dir), "%.*s", (int)(slash - path), path);
	else
		snprintf(dir, sizeof(dir), ".");
	if (!dir[0])
		snprintf(dir, sizeof(dir), "/");
	rc = cc_scenario_parse(sc, path, dir, text, len, err);
	free(text);
	return rc;
}
