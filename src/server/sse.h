/*
 * sse.h - Server-Sent Events over libmicrohttpd: long-lived responses
 * whose body is written as events come, for any number of connections,
 * without a thread each.
 *
 * A stream is a response body read by libmicrohttpd (a content reader
 * callback) from a source: next() copies whole or partial events into the
 * connection's buffer. When the source has nothing, the connection is
 * suspended (MHD_suspend_connection: it costs no thread and no poll) until
 * cc_sse_wake names its topic, cc_sse_heartbeat asks every stream for a
 * comment line (15 s: it keeps proxies and the idle timeout from closing
 * a quiet stream, and finds clients that went away), or cc_sse_close_all
 * ends every stream (shutdown: libmicrohttpd may not be stopped with
 * suspended connections). Waking never races with suspending: a stream
 * that is about to suspend when woken resumes itself at once.
 *
 * Without live (the embedded server of the fuzzers, which has no
 * suspend/resume), a stream sends what its source has and ends.
 *
 * Locks: the hub's lock is held only to look at or change a stream's
 * flags; libmicrohttpd functions are called without it, and source
 * callbacks never run under it.
 */
#ifndef CC_SSE_H
#define CC_SSE_H

#include <stdbool.h>
#include <stddef.h>

#define CC_SSE_HEARTBEAT_S 15
#define CC_SSE_BLOCK 16384

struct MHD_Connection;
struct MHD_Response;

struct cc_sse;
struct cc_sse_stream;

struct cc_sse_source {
	/* Copies the next bytes of events (at most max) into buf; 0 when
	 * there are none now. */
	size_t (*next)(void *arg, char *buf, size_t max);
	void (*free)(void *arg);
	void *arg;
};

struct cc_sse *cc_sse_new(bool live);
/* Once no stream is left (after the daemon is stopped). */
void cc_sse_free(struct cc_sse *h);

/* A stream on topic (copied; at most 128 bytes) reading src, which it
 * owns from here (also on failure: NULL when out of memory). */
struct cc_sse_stream *cc_sse_open(struct cc_sse *h, const char *topic,
				  struct cc_sse_source src);
/* The response that sends the stream on conn, with its headers to add;
 * the response owns the stream (freed with it; NULL: freed here). */
struct MHD_Response *cc_sse_response(struct cc_sse_stream *st, struct MHD_Connection *conn);

/* New events on topic (NULL: every stream). */
void cc_sse_wake(struct cc_sse *h, const char *topic);
void cc_sse_heartbeat(struct cc_sse *h);
/* Every stream ends (and streams opened later end at once). */
void cc_sse_close_all(struct cc_sse *h);
/* Streams open now. */
int cc_sse_count(struct cc_sse *h);

#endif
