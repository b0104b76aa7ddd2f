/*
 * scenario.c - checking a drill scenario and deriving its timeline (see
 * scenario.h). Ids are unique within their kind (objectives, teams,
 * injects, challenges), a hint's within its challenge and an expected
 * action's within its inject; references resolve to something in the
 * file; an `after` chain never loops (nor does `requires`, which would
 * make challenges no team can ever open).
 */
#include "scenario.h"

#include "number.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int cc_scenario_init(struct cc_scenario *sc, const char *file)
{
	memset(sc, 0, sizeof(*sc));
	cc_arena_init(&sc->arena);
	sc->file = cc_arena_strdup(&sc->arena, file ? file : "");
	return sc->file ? CC_OK : CC_ENOMEM;
}

void cc_scenario_free(struct cc_scenario *sc)
{
	cc_arena_free(&sc->arena);
	memset(sc, 0, sizeof(*sc));
}

const char *cc_channel_name(enum cc_channel c)
{
	static const char *const names[] = {"email", "phone", "media", "social",
					    "handout", "system"};
	return names[c];
}

#define FIND(arr, n, id) do { \
		for (int i_ = 0; i_ < (n); i_++) \
			if (strcmp((arr)[i_].id, (id)) == 0) \
				return i_; \
		return -1; \
	} while (0)

int cc_scenario_team(const struct cc_scenario *sc, const char *id)
{ FIND(sc->teams, sc->nteams, id); }
int cc_scenario_inject(const struct cc_scenario *sc, const char *id)
{ FIND(sc->injects, sc->ninjects, id); }
int cc_scenario_objective(const struct cc_scenario *sc, const char *id)
{ FIND(sc->objectives, sc->nobjectives, id); }
int cc_scenario_challenge(const struct cc_scenario *sc, const char *id)
{ FIND(sc->challenges, sc->nchallenges, id); }

bool cc_inject_to(const struct cc_inject *in, int team)
{
	if (in->to_all)
		return true;
	for (int k = 0; k < in->nto; k++)
		if (in->to[k].index == team)
			return true;
	return false;
}

/* "D+1 H+2 M+30": each part once, in any order, n a number >= 0. */
static bool parse_parts(const char *s, double *minutes)
{
	static const struct { char letter; double mult; } units[] = {
		{'D', 1440}, {'H', 60}, {'M', 1},
	};
	bool seen[3] = {false, false, false}, any = false;
	double total = 0;

	while (*s) {
		int u = -1;
		const char *start;
		double n;

		while (*s == ' ')
			s++;
		if (!*s)
			break;
		for (int k = 0; k < 3; k++)
			if (s[0] == units[k].letter && s[1] == '+')
				u = k;
		if (u < 0 || seen[u])
			return false;
		s += 2;
		start = s;
		while (*s && *s != ' ')
			s++;
		if (!cc_number_parse(start, (size_t)(s - start), &n) || n < 0 ||
		    start[0] == '+' || start[0] == '-')
			return false;
		seen[u] = any = true;
		total += n * units[u].mult;
	}
	*minutes = total;
	return any;
}

bool cc_scenario_parse_time(const char *s, double *minutes)
{
	size_t len = strlen(s);
	double x;

	if (cc_number_parse(s, len, &x))
		return x >= 0 && x <= 1e9 && (*minutes = x, true);
	return parse_parts(s, minutes) && *minutes <= 1e9;
}

static int dup(struct cc_scenario *sc, struct cc_error *err, const char *what,
	       const char *id, long line, long col, long first)
{
	return cc_error_set(err, CC_EINPUT, sc->file, line, col,
			    "duplicate %s id \"%s\" (first used at line %ld)", what, id, first);
}

#define CHECK_UNIQUE(arr, n, what) do { \
		for (int i_ = 0; i_ < (n); i_++) \
			for (int j_ = 0; j_ < i_; j_++) \
				if (strcmp((arr)[i_].id, (arr)[j_].id) == 0) \
					return dup(sc, err, (what), (arr)[i_].id, (arr)[i_].line, \
						   (arr)[i_].col, (arr)[j_].line); \
	} while (0)

static int unique_ids(struct cc_scenario *sc, struct cc_error *err)
{
	CHECK_UNIQUE(sc->objectives, sc->nobjectives, "objective");
	CHECK_UNIQUE(sc->teams, sc->nteams, "team");
	CHECK_UNIQUE(sc->injects, sc->ninjects, "inject");
	CHECK_UNIQUE(sc->challenges, sc->nchallenges, "challenge");
	for (int i = 0; i < sc->ninjects; i++)
		CHECK_UNIQUE(sc->injects[i].expects, sc->injects[i].nexpects, "expected action");
	for (int i = 0; i < sc->nchallenges; i++)
		CHECK_UNIQUE(sc->challenges[i].hints, sc->challenges[i].nhints, "hint");
	return CC_OK;
}

static int resolve(struct cc_scenario *sc, struct cc_ref *r, int index, const char *what,
		   const char *owner, struct cc_error *err)
{
	r->index = index;
	if (index < 0)
		return cc_error_set(err, CC_EINPUT, sc->file, r->line, r->col,
				    "%s names the %s \"%s\", which the scenario does not have",
				    owner, what, r->id);
	return CC_OK;
}

static int resolve_refs(struct cc_scenario *sc, struct cc_error *err)
{
	char owner[300];
	int rc = CC_OK;

	for (int i = 0; !rc && i < sc->ninjects; i++) {
		struct cc_inject *in = &sc->injects[i];

		snprintf(owner, sizeof(owner), "inject \"%.200s\"", in->id);
		for (int k = 0; !rc && k < in->nto; k++)
			rc = resolve(sc, &in->to[k], cc_scenario_team(sc, in->to[k].id), "team",
				     owner, err);
		if (!rc && in->has_after)
			rc = resolve(sc, &in->after, cc_scenario_inject(sc, in->after.id),
				     "inject", owner, err);
		for (int k = 0; !rc && k < in->nexpects; k++)
			if (in->expects[k].has_objective)
				rc = resolve(sc, &in->expects[k].objective,
					     cc_scenario_objective(sc, in->expects[k].objective.id),
					     "objective", owner, err);
	}
	for (int i = 0; !rc && i < sc->nchallenges; i++) {
		struct cc_challenge *ch = &sc->challenges[i];

		snprintf(owner, sizeof(owner), "challenge \"%.200s\"", ch->id);
		for (int k = 0; !rc && k < ch->nrequires; k++)
			rc = resolve(sc, &ch->requires[k], cc_scenario_challenge(sc, ch->requires[k].id),
				     "challenge", owner, err);
	}
	return rc;
}

/* `after` forms chains (one predecessor each): walking back from every
 * inject must end within ninjects steps. */
static int after_loops(struct cc_scenario *sc, struct cc_error *err)
{
	for (int i = 0; i < sc->ninjects; i++) {
		int at = i, steps = 0;

		while (sc->injects[at].has_after && steps <= sc->ninjects) {
			at = sc->injects[at].after.index;
			steps++;
			if (at == i)
				return cc_error_set(err, CC_EINPUT, sc->file,
						    sc->injects[i].after.line, sc->injects[i].after.col,
						    "inject \"%s\" comes `after` a chain that leads back to itself",
						    sc->injects[i].id);
		}
	}
	return CC_OK;
}

/* `requires` may name several challenges: a depth-first search for a
 * cycle (0 unseen, 1 on the path, 2 done). */
static int requires_cycle(struct cc_scenario *sc, int i, unsigned char *mark,
			  struct cc_error *err)
{
	struct cc_challenge *ch = &sc->challenges[i];

	mark[i] = 1;
	for (int k = 0; k < ch->nrequires; k++) {
		int j = ch->requires[k].index;
		if (mark[j] == 1)
			return cc_error_set(err, CC_EINPUT, sc->file, ch->requires[k].line,
					    ch->requires[k].col,
					    "challenge \"%s\" requires \"%s\", which requires it in turn: no team could ever open them",
					    ch->id, ch->requires[k].id);
		if (mark[j] == 0) {
			int rc = requires_cycle(sc, j, mark, err);
			if (rc)
				return rc;
		}
	}
	mark[i] = 2;
	return CC_OK;
}

/* planned = max(at, planned of its `after`): each inject has at most one
 * predecessor and there are no loops, so walk back to an inject already
 * planned (or one without `after`), then forward again. stack holds
 * ninjects entries. */
static void plan_all(struct cc_scenario *sc, unsigned char *done, int *stack)
{
	for (int i = 0; i < sc->ninjects; i++) {
		int top = 0, at = i;

		while (!done[at]) {
			stack[top++] = at;
			if (!sc->injects[at].has_after)
				break;
			at = sc->injects[at].after.index;
		}
		while (top) {
			struct cc_inject *c = &sc->injects[stack[--top]];
			double before = c->has_after ? sc->injects[c->after.index].planned : 0;
			c->planned = c->at > before ? c->at : before;
			done[stack[top]] = 1;
		}
	}
}

struct slot {
	double planned;
	int index;
};

static int by_planned(const void *a, const void *b)
{
	const struct slot *x = a, *y = b;

	if (x->planned != y->planned)
		return x->planned < y->planned ? -1 : 1;
	return (x->index > y->index) - (x->index < y->index);
}

int cc_scenario_finish(struct cc_scenario *sc, struct cc_error *err)
{
	size_t n = (size_t)sc->ninjects + (size_t)sc->nchallenges + 1;
	unsigned char *mark;
	int *stack;
	struct slot *slots;
	int rc;

	if ((rc = unique_ids(sc, err)) || (rc = resolve_refs(sc, err)) ||
	    (rc = after_loops(sc, err)))
		return rc;
	mark = calloc(n, 1);
	stack = malloc(n * sizeof(int));
	slots = malloc(n * sizeof(*slots));
	sc->timeline = cc_arena_array(&sc->arena, n, sizeof(int));
	if (!mark || !stack || !slots || !sc->timeline) {
		rc = cc_error_set(err, CC_ENOMEM, sc->file, 0, 0, "out of memory");
		goto cleanup;
	}
	for (int i = 0; !rc && i < sc->nchallenges; i++)
		if (!mark[i])
			rc = requires_cycle(sc, i, mark, err);
	if (rc)
		goto cleanup;
	memset(mark, 0, n);
	plan_all(sc, mark, stack);
	for (int i = 0; i < sc->ninjects; i++)
		slots[i] = (struct slot){sc->injects[i].planned, i};
	qsort(slots, (size_t)sc->ninjects, sizeof(*slots), by_planned);
	for (int i = 0; i < sc->ninjects; i++)
		sc->timeline[i] = slots[i].index;
cleanup:
	free(mark);
	free(stack);
	free(slots);
	return rc;
}

/* ---- languages: views of the scenario with a translation's texts ---- */

#define COPY(dst, src, n) do { \
		if ((n) > 0) { \
			(dst) = cc_arena_array(&root->arena, (size_t)(n), sizeof(*(src))); \
			if (!(dst)) \
				return NULL; \
			memcpy((dst), (src), (size_t)(n) * sizeof(*(src))); \
		} \
	} while (0)

struct cc_scenario *cc_scenario_view(struct cc_scenario *root)
{
	struct cc_scenario *v = cc_arena_array(&root->arena, 1, sizeof(*v));

	if (!v)
		return NULL;
	*v = *root;
	memset(&v->arena, 0, sizeof(v->arena));
	v->langs = NULL;
	v->nlangs = 0;
	COPY(v->objectives, root->objectives, root->nobjectives);
	for (int i = 0; i < root->nobjectives; i++)
		COPY(v->objectives[i].criteria, root->objectives[i].criteria,
		     root->objectives[i].ncriteria);
	COPY(v->teams, root->teams, root->nteams);
	COPY(v->injects, root->injects, root->ninjects);
	for (int i = 0; i < root->ninjects; i++)
		COPY(v->injects[i].expects, root->injects[i].expects, root->injects[i].nexpects);
	COPY(v->challenges, root->challenges, root->nchallenges);
	for (int i = 0; i < root->nchallenges; i++)
		COPY(v->challenges[i].hints, root->challenges[i].hints, root->challenges[i].nhints);
	return v;
}

static int same(const char *a, const char *b)
{
	return a && *a && a == b;
}

int cc_scenario_untranslated(const struct cc_scenario *r, const struct cc_scenario *v)
{
	int n = same(r->title, v->title) + same(r->description, v->description);

	for (int i = 0; i < r->nobjectives; i++) {
		n += same(r->objectives[i].name, v->objectives[i].name);
		for (int k = 0; k < r->objectives[i].ncriteria; k++)
			n += same(r->objectives[i].criteria[k], v->objectives[i].criteria[k]);
	}
	for (int i = 0; i < r->nteams; i++)
		n += same(r->teams[i].name, v->teams[i].name);
	for (int i = 0; i < r->ninjects; i++) {
		const struct cc_inject *a = &r->injects[i], *b = &v->injects[i];
		n += same(a->from, b->from) + same(a->title, b->title) +
		     same(a->content, b->content) + same(a->notes, b->notes);
		for (int k = 0; k < a->nexpects; k++)
			n += same(a->expects[k].text, b->expects[k].text);
	}
	for (int i = 0; i < r->nchallenges; i++) {
		const struct cc_challenge *a = &r->challenges[i], *b = &v->challenges[i];
		n += same(a->name, b->name) + same(a->category, b->category) +
		     same(a->description, b->description);
		for (int k = 0; k < a->nhints; k++)
			n += same(a->hints[k].text, b->hints[k].text);
	}
	return n;
}

const struct cc_scenario *cc_scenario_in(const struct cc_scenario *sc, int l)
{
	return l >= 0 && l < sc->nlangs ? sc->langs[l].sc : sc;
}

int cc_scenario_lang_tags(const struct cc_scenario *sc, const char **tags, int max)
{
	int n = sc->nlangs < max ? sc->nlangs : max;

	for (int l = 0; l < n; l++)
		tags[l] = sc->langs[l].tag;
	return n;
}
