/*
 * drill_hub.c - the event logs of watched drills and the viewers' streams
 * (see live.h). A log lives while a stream holds it; a viewer reads it
 * from its own place (event index and byte offset, so an event larger
 * than the connection's buffer goes in pieces), skipping what its roles
 * are not told.
 */
#include "live_internal.h"

#include "../core/drill_rules.h"
#include "../format/sse_out.h"
#include "../store/store.h"
#include "ctf_boards.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define LOAD_PAGE 2000

double cc_live_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

struct cc_live *cc_live_new(struct cc_store *s, pthread_mutex_t *store_lock,
			    const char *data_dir, bool streaming)
{
	struct cc_live *lv = calloc(1, sizeof(*lv));
	pthread_condattr_t ca;

	if (!lv || !(lv->sse = cc_sse_new(streaming))) {
		free(lv);
		return NULL;
	}
	lv->store = s;
	lv->store_lock = store_lock;
	lv->data_dir = data_dir;
	pthread_mutex_init(&lv->lock, NULL);
	pthread_mutex_init(&lv->clk, NULL);
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_cond_init(&lv->cond, &ca);
	pthread_condattr_destroy(&ca);
	return lv;
}

static void log_free(struct cc__live_log *g)
{
	cc__board_text_drop(g->board_staff);
	cc__board_text_drop(g->board_players);
	for (int i = 0; i < g->n; i++) {
		free(g->ev[i].team);
		free(g->ev[i].text);
	}
	free(g->ev);
	pthread_mutex_destroy(&g->lock);
	pthread_mutex_destroy(&g->load);
	free(g);
}

void cc_live_free(struct cc_live *lv)
{
	if (!lv)
		return;
	while (lv->logs) {
		struct cc__live_log *next = lv->logs->next;
		log_free(lv->logs);
		lv->logs = next;
	}
	cc_sse_free(lv->sse);
	pthread_cond_destroy(&lv->cond);
	pthread_mutex_destroy(&lv->clk);
	pthread_mutex_destroy(&lv->lock);
	free(lv);
}

/* The log of drill with a reference (made when create), or NULL. */
static struct cc__live_log *log_get(struct cc_live *lv, const char *drill, bool create)
{
	struct cc__live_log *g;

	pthread_mutex_lock(&lv->lock);
	for (g = lv->logs; g && strcmp(g->drill, drill) != 0; g = g->next)
		;
	if (!g && create && (g = calloc(1, sizeof(*g)))) {
		snprintf(g->drill, sizeof(g->drill), "%s", drill);
		pthread_mutex_init(&g->lock, NULL);
		pthread_mutex_init(&g->load, NULL);
		g->next = lv->logs;
		lv->logs = g;
	}
	if (g)
		g->refs++;
	pthread_mutex_unlock(&lv->lock);
	return g;
}

static void log_put(struct cc_live *lv, struct cc__live_log *g)
{
	struct cc__live_log **p;

	pthread_mutex_lock(&lv->lock);
	if (--g->refs > 0) {
		pthread_mutex_unlock(&lv->lock);
		return;
	}
	for (p = &lv->logs; *p && *p != g; p = &(*p)->next)
		;
	if (*p)
		*p = g->next;
	pthread_mutex_unlock(&lv->lock);
	log_free(g);
}

void cc__live_log_put(struct cc_live *lv, struct cc__live_log *g)
{
	log_put(lv, g);
}

/* Appends the rendered rows of l to g. */
static int append(struct cc__live_log *g, const struct cc_list *l)
{
	const struct cc_drill_event_rec *r = l->items;
	int rc = CC_OK;

	pthread_mutex_lock(&g->lock);
	for (int i = 0; i < l->n && !rc; i++) {
		struct cc__live_event *e;
		if (r[i].id <= g->last)
			continue;
		if (g->n == g->cap) {
			int cap = g->cap ? g->cap * 2 : 64;
			struct cc__live_event *grown = realloc(g->ev, (size_t)cap * sizeof(*grown));
			if (!grown) {
				rc = CC_ENOMEM;
				break;
			}
			g->ev = grown;
			g->cap = cap;
		}
		e = &g->ev[g->n];
		e->id = r[i].id;
		e->kind = cc_drill_event_kind_parse(r[i].kind);
		e->team = r[i].team ? strdup(r[i].team) : NULL;
		e->text = cc_sse_event(r[i].id, r[i].kind, r[i].payload, &e->len);
		if (!e->text || (r[i].team && !e->team)) {
			free(e->team);
			free(e->text);
			rc = CC_ENOMEM;
			break;
		}
		g->n++;
		g->last = r[i].id;
	}
	pthread_mutex_unlock(&g->lock);
	return rc;
}

/* Reads g's new events from the store. */
static int refresh(struct cc_live *lv, struct cc__live_log *g, struct cc_error *err)
{
	int rc = CC_OK, n = LOAD_PAGE;

	pthread_mutex_lock(&g->load);
	while (!rc && n == LOAD_PAGE) {
		struct cc_list l;
		pthread_mutex_lock(lv->store_lock);
		rc = cc_store_drill_events(lv->store, g->drill, g->last, LOAD_PAGE, &l, err);
		pthread_mutex_unlock(lv->store_lock);
		if (rc)
			break;
		n = l.n;
		rc = append(g, &l);
		if (rc)
			cc_error_set(err, rc, NULL, 0, 0, "out of memory");
		cc_list_free(&l);
	}
	pthread_mutex_unlock(&g->load);
	return rc;
}

void cc_live_set_boards(struct cc_live *lv, struct cc_ctf_boards *b)
{
	lv->boards = b;
}

/* Marks drill's board changed; whether someone watches it. */
static bool board_dirty(struct cc_live *lv, const char *drill)
{
	struct cc__live_log *g = log_get(lv, drill, false);

	cc_ctf_boards_changed(lv->boards, drill);
	if (!g)
		return false;
	pthread_mutex_lock(&g->lock);
	g->board_dirty = true;
	pthread_mutex_unlock(&g->lock);
	log_put(lv, g);
	return true;
}

static void boards_kick(struct cc_live *lv)
{
	pthread_mutex_lock(&lv->clk);
	lv->boards_kicked = true;
	pthread_cond_signal(&lv->cond);
	pthread_mutex_unlock(&lv->clk);
}

void cc_live_board_changed(struct cc_live *lv, const char *drill)
{
	if (board_dirty(lv, drill))
		boards_kick(lv);
}

void cc_live_changed(struct cc_live *lv, const char *drill)
{
	struct cc__live_log *g = log_get(lv, drill, false);
	struct cc_error err;

	board_dirty(lv, drill);
	if (g) {
		if (refresh(lv, g, &err))
			fprintf(stderr, "cybercap: drill %s: events not read: %s\n", drill, err.msg);
		log_put(lv, g);
		cc_sse_wake(lv->sse, drill);
	}
	cc__live_kick(lv);
}

void cc__live_refresh_all(struct cc_live *lv)
{
	char names[64][130];
	int n = 0;

	/* a snapshot of the names: refresh takes the store lock */
	pthread_mutex_lock(&lv->lock);
	for (struct cc__live_log *g = lv->logs; g && n < 64; g = g->next)
		snprintf(names[n++], sizeof(names[0]), "%s", g->drill);
	pthread_mutex_unlock(&lv->lock);
	for (int i = 0; i < n; i++)
		cc_live_changed(lv, names[i]);
}

/* ---- a viewer's stream ---- */

struct viewer {
	struct cc_live *lv;
	struct cc__live_log *log;
	unsigned roles;
	char team[129];
	int at;                     /* the next event to look at */
	size_t offset;              /* bytes of it sent */
	long long board_gen;        /* the last board taken */
	struct cc__board_text *board;   /* the board being sent */
	size_t board_off;
};

static bool visible(const struct viewer *v, const struct cc__live_event *e)
{
	return e->kind >= 0 &&
	       cc_drill_event_visible((enum cc_drill_event_kind)e->kind, e->team, v->roles,
				      v->team);
}

/* The latest board for v when it has not had it; under g->lock. */
static size_t board_next(struct viewer *v, struct cc__live_log *g, char *buf, size_t max)
{
	size_t n;

	if (!v->board && v->board_gen != g->board_gen) {
		v->board = v->roles & CC_DR_STAFF ? g->board_staff : g->board_players;
		v->board_gen = g->board_gen;
		v->board_off = 0;
		if (v->board)
			v->board->refs++;
	}
	if (!v->board || !max)
		return 0;
	n = v->board->len - v->board_off < max ? v->board->len - v->board_off : max;
	memcpy(buf, v->board->text + v->board_off, n);
	v->board_off += n;
	if (v->board_off == v->board->len) {
		cc__board_text_drop(v->board);
		v->board = NULL;
	}
	return n;
}

static size_t viewer_next(void *arg, char *buf, size_t max)
{
	struct viewer *v = arg;
	struct cc__live_log *g = v->log;
	size_t used = 0;

	pthread_mutex_lock(&g->lock);
	if (v->board)               /* a board half sent goes first */
		used = board_next(v, g, buf, max);
	while (!v->board && v->at < g->n && used < max) {
		const struct cc__live_event *e = &g->ev[v->at];
		size_t n;
		if (!visible(v, e)) {
			v->at++;
			continue;
		}
		n = e->len - v->offset < max - used ? e->len - v->offset : max - used;
		memcpy(buf + used, e->text + v->offset, n);
		used += n;
		v->offset += n;
		if (v->offset == e->len) {
			v->offset = 0;
			v->at++;
		}
	}
	/* between events only: a board never cuts one */
	if (v->offset == 0)
		used += board_next(v, g, buf + used, max - used);
	pthread_mutex_unlock(&g->lock);
	return used;
}

static void viewer_free(void *arg)
{
	struct viewer *v = arg;

	if (v->board) {
		pthread_mutex_lock(&v->log->lock);
		cc__board_text_drop(v->board);
		pthread_mutex_unlock(&v->log->lock);
	}
	log_put(v->lv, v->log);
	free(v);
}

struct cc_sse_stream *cc_live_stream(struct cc_live *lv, const char *drill, unsigned roles,
				     const char *team, long long after, struct cc_error *err)
{
	struct viewer *v = calloc(1, sizeof(*v));
	struct cc_sse_source src = {viewer_next, viewer_free, v};
	struct cc_sse_stream *st;
	bool first;

	if (!v || !(v->log = log_get(lv, drill, true))) {
		free(v);
		cc_error_set(err, CC_ENOMEM, NULL, 0, 0, "out of memory");
		return NULL;
	}
	v->lv = lv;
	v->roles = roles;
	snprintf(v->team, sizeof(v->team), "%s", team ? team : "");
	if (refresh(lv, v->log, err)) {
		viewer_free(v);
		return NULL;
	}
	/* from the first event after `after` */
	pthread_mutex_lock(&v->log->lock);
	{
		int lo = 0, hi = v->log->n;
		while (lo < hi) {
			int mid = (lo + hi) / 2;
			if (v->log->ev[mid].id <= after)
				lo = mid + 1;
			else
				hi = mid;
		}
		v->at = lo;
	}
	/* the first viewer asks for a board; later ones get the latest */
	first = v->log->board_gen == 0;
	v->log->board_dirty |= first;
	pthread_mutex_unlock(&v->log->lock);
	if (first)
		boards_kick(lv);
	st = cc_sse_open(lv->sse, drill, src);
	if (!st)
		cc_error_set(err, CC_ENOMEM, NULL, 0, 0, "out of memory");
	return st;
}
