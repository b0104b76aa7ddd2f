/*
 * sse.c - event streams over libmicrohttpd with suspend and resume (see
 * sse.h).
 *
 * A stream's flags, under the hub's lock: suspended (the connection is,
 * and only a waker may resume it: it clears the flag first, so each
 * suspension is resumed once), woken (news came while it was not
 * suspended: the reader checks it after suspending and resumes itself),
 * beat (a heartbeat is owed).
 */
#include "sse.h"

#include "../format/sse_out.h"

#include <microhttpd.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct cc_sse_stream {
	struct cc_sse_stream *prev, *next;
	struct cc_sse *hub;
	struct MHD_Connection *conn;
	struct cc_sse_source src;
	char topic[129];
	bool suspended, woken, beat;
	const char *pending;          /* preamble or heartbeat being sent */
	size_t pending_at;
};

struct cc_sse {
	pthread_mutex_t lock;
	struct cc_sse_stream *head;
	int count;
	bool live, closing;
};

struct cc_sse *cc_sse_new(bool live)
{
	struct cc_sse *h = calloc(1, sizeof(*h));

	if (!h)
		return NULL;
	pthread_mutex_init(&h->lock, NULL);
	h->live = live;
	return h;
}

void cc_sse_free(struct cc_sse *h)
{
	if (!h)
		return;
	pthread_mutex_destroy(&h->lock);
	free(h);
}

struct cc_sse_stream *cc_sse_open(struct cc_sse *h, const char *topic,
				  struct cc_sse_source src)
{
	struct cc_sse_stream *st = calloc(1, sizeof(*st));

	if (!st) {
		src.free(src.arg);
		return NULL;
	}
	st->hub = h;
	st->src = src;
	snprintf(st->topic, sizeof(st->topic), "%s", topic);
	st->pending = CC_SSE_PREAMBLE;
	pthread_mutex_lock(&h->lock);
	st->next = h->head;
	if (h->head)
		h->head->prev = st;
	h->head = st;
	h->count++;
	pthread_mutex_unlock(&h->lock);
	return st;
}

static void stream_free(void *cls)
{
	struct cc_sse_stream *st = cls;
	struct cc_sse *h = st->hub;

	pthread_mutex_lock(&h->lock);
	if (st->prev)
		st->prev->next = st->next;
	else
		h->head = st->next;
	if (st->next)
		st->next->prev = st->prev;
	h->count--;
	pthread_mutex_unlock(&h->lock);
	st->src.free(st->src.arg);
	free(st);
}

/* Copies what is left of st->pending. */
static size_t send_pending(struct cc_sse_stream *st, char *buf, size_t max)
{
	size_t left = strlen(st->pending + st->pending_at), n = left < max ? left : max;

	memcpy(buf, st->pending + st->pending_at, n);
	st->pending_at += n;
	if (st->pending_at == strlen(st->pending))
		st->pending = NULL, st->pending_at = 0;
	return n;
}

static ssize_t reader(void *cls, uint64_t pos, char *buf, size_t max)
{
	struct cc_sse_stream *st = cls;
	struct cc_sse *h = st->hub;
	bool closing, beat, resume = false;
	size_t n;

	(void)pos;
	pthread_mutex_lock(&h->lock);
	closing = h->closing;
	beat = st->beat;
	st->woken = st->beat = false;
	pthread_mutex_unlock(&h->lock);
	if (closing)
		return MHD_CONTENT_READER_END_OF_STREAM;
	if (st->pending)
		return (ssize_t)send_pending(st, buf, max);
	if ((n = st->src.next(st->src.arg, buf, max)) > 0)
		return (ssize_t)n;
	if (!h->live)
		return MHD_CONTENT_READER_END_OF_STREAM;
	if (beat) {
		st->pending = CC_SSE_HEARTBEAT;
		return (ssize_t)send_pending(st, buf, max);
	}
	MHD_suspend_connection(st->conn);
	pthread_mutex_lock(&h->lock);
	if (st->woken || st->beat || h->closing)
		resume = true;
	else
		st->suspended = true;
	pthread_mutex_unlock(&h->lock);
	if (resume)
		MHD_resume_connection(st->conn);
	return 0;
}

struct MHD_Response *cc_sse_response(struct cc_sse_stream *st, struct MHD_Connection *conn)
{
	struct MHD_Response *r;

	st->conn = conn;
	r = MHD_create_response_from_callback(MHD_SIZE_UNKNOWN, CC_SSE_BLOCK, reader, st,
					      stream_free);
	if (!r)
		stream_free(st);
	return r;
}

/* Resumes the suspended streams that match (topic NULL: all), after
 * setting their flags. */
static void wake(struct cc_sse *h, const char *topic, bool beat, bool close)
{
	struct MHD_Connection **conns = NULL;
	int n = 0, cap = 0;

	pthread_mutex_lock(&h->lock);
	while (cap < h->count + 1) {
		/* the list may grow while unlocked: size again */
		struct MHD_Connection **grown;
		cap = h->count + 64;
		pthread_mutex_unlock(&h->lock);
		grown = realloc(conns, (size_t)cap * sizeof(*conns));
		pthread_mutex_lock(&h->lock);
		if (!grown) {
			cap = 0;
			break;
		}
		conns = grown;
	}
	if (close)
		h->closing = true;
	for (struct cc_sse_stream *st = h->head; st; st = st->next) {
		if (topic && strcmp(st->topic, topic) != 0)
			continue;
		st->beat |= beat;
		if (st->suspended && n < cap) {
			st->suspended = false;
			conns[n++] = st->conn;
		} else {
			/* not suspended (yet): it looks at the flag after suspending */
			st->woken = true;
		}
	}
	pthread_mutex_unlock(&h->lock);
	/* resumed outside the lock: each was suspended until now, so its
	 * connection (and stream) is still there */
	for (int i = 0; i < n; i++)
		MHD_resume_connection(conns[i]);
	free(conns);
}

void cc_sse_wake(struct cc_sse *h, const char *topic)
{
	wake(h, topic, false, false);
}

void cc_sse_heartbeat(struct cc_sse *h)
{
	wake(h, NULL, true, false);
}

void cc_sse_close_all(struct cc_sse *h)
{
	wake(h, NULL, false, true);
}

int cc_sse_count(struct cc_sse *h)
{
	int n;

	pthread_mutex_lock(&h->lock);
	n = h->count;
	pthread_mutex_unlock(&h->lock);
	return n;
}
