/*
 * board_push.c - the `scoreboard` events of the drill streams (see
 * live.h): after a change of a watched drill's board, the clock thread
 * renders it once for staff (live) and once for players and observers
 * (as it was at the freeze, once the play clock has passed it), at most
 * every CC_LIVE_BOARD_GAP seconds per drill however many changes came
 * (coalesced), and wakes the drill's streams; each viewer then sends the
 * latest board it has not sent (drill_hub.c), between two events. The
 * events carry no id: a reconnecting viewer gets the latest board at
 * once rather than a replay of old ones.
 */
#include "live_internal.h"

#include "ctf_boards.h"

#include "../format/sse_out.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void cc__board_text_drop(struct cc__board_text *t)
{
	if (t && --t->refs == 0) {
		free(t->text);
		free(t);
	}
}

static struct cc__board_text *render(const struct cc_ctf *c, bool live)
{
	json_t *o = cc_challenges_board_json(c, NULL, live);
	char *data = o ? json_dumps(o, JSON_COMPACT) : NULL;
	struct cc__board_text *t = data ? calloc(1, sizeof(*t)) : NULL;

	json_decref(o);
	if (t && (t->text = cc_sse_event(0, "scoreboard", data, &t->len)))
		t->refs = 1;
	else if (t) {
		free(t);
		t = NULL;
	}
	free(data);
	return t;
}

/* Renders g's board and puts it in g (the log's references). */
static void push(struct cc_live *lv, struct cc__live_log *g, double now)
{
	struct cc__board_text *staff = NULL, *players = NULL;
	struct cc_ctf_shared *ref;
	struct cc_error err;
	struct cc_ctf c;

	if (cc_ctf_boards_get(lv->boards, g->drill, now, &c, &ref, &err) != CC_OK) {
		fprintf(stderr, "cybercap: drill %s: board not read: %s\n", g->drill, err.msg);
		return;
	}
	if (c.n > 0) {              /* a drill without challenges has no board */
		staff = render(&c, true);
		players = render(&c, false);
	}
	cc_ctf_boards_put(lv->boards, ref);
	if (!staff || !players) {
		cc__board_text_drop(staff);
		cc__board_text_drop(players);
		return;
	}
	pthread_mutex_lock(&g->lock);
	cc__board_text_drop(g->board_staff);
	cc__board_text_drop(g->board_players);
	g->board_staff = staff;
	g->board_players = players;
	g->board_gen++;
	pthread_mutex_unlock(&g->lock);
	cc_sse_wake(lv->sse, g->drill);
}

double cc__live_push_boards(struct cc_live *lv, double now)
{
	struct cc__live_log *due[64];
	double next = INFINITY;
	int n = 0;

	if (!lv->boards)
		return next;
	/* the logs due, each held (refs) while it is rendered unlocked */
	pthread_mutex_lock(&lv->lock);
	for (struct cc__live_log *g = lv->logs; g && n < 64; g = g->next) {
		bool go = false;
		pthread_mutex_lock(&g->lock);
		if (g->board_dirty && now >= g->board_at + CC_LIVE_BOARD_GAP) {
			g->board_dirty = false;
			g->board_at = now;
			go = true;
		} else if (g->board_dirty && g->board_at + CC_LIVE_BOARD_GAP < next) {
			next = g->board_at + CC_LIVE_BOARD_GAP;
		}
		pthread_mutex_unlock(&g->lock);
		if (go) {
			g->refs++;
			due[n++] = g;
		}
	}
	pthread_mutex_unlock(&lv->lock);
	for (int i = 0; i < n; i++)
		push(lv, due[i], now);
	for (int i = 0; i < n; i++)
		cc__live_log_put(lv, due[i]);
	return next;
}
