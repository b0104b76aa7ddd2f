/*
 * slow.h - the connection watchdog: slow clients and the connection limit.
 *
 * Slow clients (slowloris). libmicrohttpd's timeout
 * closes a connection only once it has been idle that long, so a client
 * that sends one byte of its headers every second would hold a connection
 * (and its 64 KB of memory) for ever. A watchdog thread closes every
 * connection whose request headers have not all arrived within the timeout
 * of its accept or of the end of its previous request (shutdown(2) on its
 * socket: libmicrohttpd then sees the end of the stream and lets go of
 * it). Request bodies are watched by server.c (CC_SLOW_BODY_RATE).
 *
 * The connection limit. libmicrohttpd splits its limit evenly between its
 * threads, and a thread that reaches its share stops serving the
 * connections it holds until they time out (libmicrohttpd 0.9.75, seen
 * under load when one thread happened to accept half of 1,000 connections
 * at once: bench/README.md, "Load"). So libmicrohttpd is given a limit no
 * thread reaches, and cc_slow_admit refuses (closes) a new connection once
 * --max-connections are open.
 *
 * Used by cc_server_run only; the embedded server (fuzzing) has none.
 */
#ifndef CC_SLOW_H
#define CC_SLOW_H

#include <microhttpd.h>

/* After the timeout, a request body must have come at this many bytes a
 * second on average since its headers, or the connection is closed. */
#define CC_SLOW_BODY_RATE 1024

struct cc_slow;

/* Starts the watchdog; NULL when out of memory or threads. */
struct cc_slow *cc_slow_start(unsigned timeout_s, unsigned max_connections);
void cc_slow_stop(struct cc_slow *w);

/* MHD_start_daemon's accept policy, with the watchdog as cls: MHD_NO when
 * max_connections are open (counted from the notifications below). */
enum MHD_Result cc_slow_admit(void *cls, const struct sockaddr *addr, socklen_t addrlen);

/* MHD_OPTION_NOTIFY_CONNECTION's callback, with the watchdog as cls. */
void cc_slow_notify(void *cls, struct MHD_Connection *conn, void **socket_context,
		    enum MHD_ConnectionNotificationCode code);

/* A request's headers are in (the first call of the access handler): no
 * deadline while it is handled. */
void cc_slow_headers_in(struct MHD_Connection *conn);
/* A request is over (sent): the next one's headers are due within the
 * timeout. */
void cc_slow_request_done(struct cc_slow *w, struct MHD_Connection *conn);

/* Milliseconds on the monotonic clock. */
long long cc_slow_now_ms(void);

#endif
