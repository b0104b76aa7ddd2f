/*
 * ctf_boards.c - the challenge boards of drills in memory (see
 * ctf_boards.h): one entry per drill read, each with its latest loaded
 * state and the generation of the changes it has seen.
 */
#include "ctf_boards.h"

#include "live.h"

#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

struct cc_ctf_shared {
	struct cc_ctf c;
	int refs;                   /* readers, and the entry while it is its latest */
	long long gen;              /* of the entry, when it was read */
	double loaded;              /* wall time */
	char *view[4];              /* rendered: [series * 2 + frozen], under the lock */
};

struct entry {
	struct entry *next;
	char drill[130];
	long long gen;              /* changes so far */
	bool loading;
	struct cc_ctf_shared *latest;
};

struct cc_ctf_boards {
	struct cc_store *store;
	pthread_mutex_t *store_lock;
	pthread_mutex_t lock;
	struct entry *entries;
};

struct cc_ctf_boards *cc_ctf_boards_new(struct cc_store *s, pthread_mutex_t *store_lock)
{
	struct cc_ctf_boards *b = calloc(1, sizeof(*b));

	if (!b)
		return NULL;
	b->store = s;
	b->store_lock = store_lock;
	pthread_mutex_init(&b->lock, NULL);
	return b;
}

static void shared_drop(struct cc_ctf_shared *sh)
{
	if (sh && --sh->refs == 0) {
		for (int i = 0; i < 4; i++)
			free(sh->view[i]);
		cc_ctf_free(&sh->c);
		free(sh);
	}
}

void cc_ctf_boards_free(struct cc_ctf_boards *b)
{
	if (!b)
		return;
	while (b->entries) {
		struct entry *next = b->entries->next;
		shared_drop(b->entries->latest);
		free(b->entries);
		b->entries = next;
	}
	pthread_mutex_destroy(&b->lock);
	free(b);
}

/* The entry of drill (made when missing), under b->lock; NULL: no memory. */
static struct entry *entry_of(struct cc_ctf_boards *b, const char *drill)
{
	struct entry *e;

	for (e = b->entries; e && strcmp(e->drill, drill) != 0; e = e->next)
		;
	if (!e && (e = calloc(1, sizeof(*e)))) {
		snprintf(e->drill, sizeof(e->drill), "%s", drill);
		e->next = b->entries;
		b->entries = e;
	}
	return e;
}

void cc_ctf_boards_changed(struct cc_ctf_boards *b, const char *drill)
{
	struct entry *e;

	if (!b)
		return;
	pthread_mutex_lock(&b->lock);
	if ((e = entry_of(b, drill)))
		e->gen++;
	pthread_mutex_unlock(&b->lock);
}

static bool fresh(const struct entry *e, double now)
{
	return e->latest && e->latest->gen == e->gen &&
	       now - e->latest->loaded < CC_CTF_BOARDS_MAX_AGE;
}

/* Loads drill's state as of generation gen (store lock taken here). */
static int load(struct cc_ctf_boards *b, const char *drill, long long gen, double now,
		struct cc_ctf_shared **out, struct cc_error *err)
{
	struct cc_ctf_shared *sh = calloc(1, sizeof(*sh));
	int rc;

	*out = NULL;
	if (!sh)
		return cc_error_set(err, CC_ENOMEM, NULL, 0, 0, "out of memory");
	pthread_mutex_lock(b->store_lock);
	rc = cc_ctf_load(b->store, drill, now, &sh->c, err);
	pthread_mutex_unlock(b->store_lock);
	if (rc) {
		cc_ctf_free(&sh->c);
		free(sh);
		return rc;
	}
	sh->gen = gen;
	sh->loaded = now;
	sh->refs = 1;
	*out = sh;
	return CC_OK;
}

int cc_ctf_boards_get(struct cc_ctf_boards *b, const char *drill, double now,
		      struct cc_ctf *out, struct cc_ctf_shared **ref, struct cc_error *err)
{
	struct cc_ctf_shared *sh = NULL;
	struct entry *e;
	long long gen;
	int rc = CC_OK;

	*ref = NULL;
	pthread_mutex_lock(&b->lock);
	if (!(e = entry_of(b, drill))) {
		pthread_mutex_unlock(&b->lock);
		return cc_error_set(err, CC_ENOMEM, NULL, 0, 0, "out of memory");
	}
	if (!fresh(e, now) && !(e->loading && e->latest)) {
		/* this reader loads; the others meanwhile take the one before */
		e->loading = true;
		gen = e->gen;
		pthread_mutex_unlock(&b->lock);
		rc = load(b, drill, gen, now, &sh, err);
		pthread_mutex_lock(&b->lock);
		e->loading = false;
		if (!rc) {
			shared_drop(e->latest);
			e->latest = sh;
		}
	}
	if (!rc && (sh = e->latest))
		sh->refs++;
	pthread_mutex_unlock(&b->lock);
	if (rc)
		return rc;
	if (!sh)
		return cc_error_set(err, CC_ENOMEM, NULL, 0, 0, "the board is being read");
	*out = sh->c;
	out->clock = cc_ctf_clock_at(&sh->c, now);
	*ref = sh;
	return CC_OK;
}

void cc_ctf_boards_put(struct cc_ctf_boards *b, struct cc_ctf_shared *ref)
{
	if (!ref)
		return;
	pthread_mutex_lock(&b->lock);
	shared_drop(ref);
	pthread_mutex_unlock(&b->lock);
}

static char *render(const struct cc_ctf *c, bool live, const char *bracket, bool series)
{
	json_t *o = series ? cc_challenges_series_json(c, live) :
			     cc_challenges_board_json(c, bracket, live);
	char *text = o ? json_dumps(o, JSON_COMPACT | JSON_REAL_PRECISION(12)) : NULL;

	json_decref(o);
	return text;
}

int cc_ctf_boards_text(struct cc_ctf_boards *b, const char *drill, double now, bool staff,
		       const char *bracket, bool series, char **text, size_t *len,
		       struct cc_error *err)
{
	struct cc_ctf_shared *ref;
	struct cc_ctf c;
	int rc = cc_ctf_boards_get(b, drill, now, &c, &ref, err), v;
	/* what the reader sees: players the frozen board past the freeze */
	bool frozen = !staff && !isnan(c.freeze) && c.clock >= c.freeze;
	char *made = NULL;

	*text = NULL;
	if (rc)
		return rc;
	v = (series ? 2 : 0) + frozen;
	pthread_mutex_lock(&b->lock);
	if (!bracket && ref->view[v])
		*text = strdup(ref->view[v]);
	pthread_mutex_unlock(&b->lock);
	if (!*text && (made = render(&c, !frozen, bracket, series))) {
		*text = bracket ? made : strdup(made);
		pthread_mutex_lock(&b->lock);
		if (!bracket && !ref->view[v])
			ref->view[v] = made, made = NULL;
		pthread_mutex_unlock(&b->lock);
		if (!bracket)
			free(made);
	}
	cc_ctf_boards_put(b, ref);
	if (!*text)
		return cc_error_set(err, CC_ENOMEM, NULL, 0, 0, "out of memory");
	*len = strlen(*text);
	return CC_OK;
}
