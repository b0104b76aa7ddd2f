/*
 * slow.c - the watchdog that closes connections whose request headers are
 * late (see slow.h).
 */
#include "slow.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <time.h>

/* One open connection; in the watchdog's list from libmicrohttpd's
 * "started" notification to its "closed" one (which comes before the
 * socket is closed, so the watchdog never shuts a reused descriptor). */
struct watched {
	struct watched *prev, *next;
	int fd;
	long long deadline;          /* ms; 0 while a request is handled */
};

struct cc_slow {
	pthread_mutex_t lock;
	pthread_cond_t wake;
	pthread_t thread;
	struct watched *head;
	long long timeout_ms;
	unsigned open, max;          /* connections open, allowed */
	long closed;                 /* connections shut for late headers */
	int stop;
};

long long cc_slow_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Every quarter of a second: shuts the connections past their deadline. */
static void *watch(void *arg)
{
	struct cc_slow *w = arg;

	pthread_mutex_lock(&w->lock);
	while (!w->stop) {
		struct timespec until;
		long long now = cc_slow_now_ms();

		for (struct watched *c = w->head; c; c = c->next) {
			long long d = __atomic_load_n(&c->deadline, __ATOMIC_RELAXED);
			if (d && now > d) {
				shutdown(c->fd, SHUT_RDWR);
				__atomic_store_n(&c->deadline, 0, __ATOMIC_RELAXED);
				w->closed++;
			}
		}
		clock_gettime(CLOCK_REALTIME, &until);
		until.tv_nsec += 250 * 1000000L;
		if (until.tv_nsec >= 1000000000L) {
			until.tv_sec++;
			until.tv_nsec -= 1000000000L;
		}
		pthread_cond_timedwait(&w->wake, &w->lock, &until);
	}
	pthread_mutex_unlock(&w->lock);
	return NULL;
}

struct cc_slow *cc_slow_start(unsigned timeout_s, unsigned max_connections)
{
	struct cc_slow *w = calloc(1, sizeof(*w));

	if (!w)
		return NULL;
	w->timeout_ms = (long long)timeout_s * 1000;
	w->max = max_connections;
	pthread_mutex_init(&w->lock, NULL);
	pthread_cond_init(&w->wake, NULL);
	if (pthread_create(&w->thread, NULL, watch, w) != 0) {
		pthread_cond_destroy(&w->wake);
		pthread_mutex_destroy(&w->lock);
		free(w);
		return NULL;
	}
	return w;
}

/* After MHD_stop_daemon: every connection has been closed by then. */
void cc_slow_stop(struct cc_slow *w)
{
	if (!w)
		return;
	pthread_mutex_lock(&w->lock);
	w->stop = 1;
	pthread_cond_signal(&w->wake);
	pthread_mutex_unlock(&w->lock);
	pthread_join(w->thread, NULL);
	if (w->closed)
		fprintf(stderr, "cybercap: %ld connection%s closed for headers later than %lld s\n",
			w->closed, w->closed == 1 ? "" : "s", w->timeout_ms / 1000);
	pthread_cond_destroy(&w->wake);
	pthread_mutex_destroy(&w->lock);
	free(w);
}

/* The count may pass max by a connection or two per thread (threads
 * accepting at the same moment): a margin, not a hole. */
enum MHD_Result cc_slow_admit(void *cls, const struct sockaddr *addr, socklen_t addrlen)
{
	struct cc_slow *w = cls;

	(void)addr, (void)addrlen;
	return __atomic_load_n(&w->open, __ATOMIC_RELAXED) < w->max ? MHD_YES : MHD_NO;
}

void cc_slow_notify(void *cls, struct MHD_Connection *conn, void **socket_context,
		    enum MHD_ConnectionNotificationCode code)
{
	struct cc_slow *w = cls;
	struct watched *c = *socket_context;

	if (code == MHD_CONNECTION_NOTIFY_STARTED) {
		const union MHD_ConnectionInfo *ci =
			MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CONNECTION_FD);
		if (!ci || !(c = calloc(1, sizeof(*c))))
			return;  /* neither watched nor counted: the idle timeout applies */
		__atomic_add_fetch(&w->open, 1, __ATOMIC_RELAXED);
		c->fd = ci->connect_fd;
		c->deadline = cc_slow_now_ms() + w->timeout_ms;
		pthread_mutex_lock(&w->lock);
		c->next = w->head;
		if (w->head)
			w->head->prev = c;
		w->head = c;
		pthread_mutex_unlock(&w->lock);
		*socket_context = c;
	} else if (code == MHD_CONNECTION_NOTIFY_CLOSED && c) {
		__atomic_sub_fetch(&w->open, 1, __ATOMIC_RELAXED);
		pthread_mutex_lock(&w->lock);
		if (c->prev)
			c->prev->next = c->next;
		else
			w->head = c->next;
		if (c->next)
			c->next->prev = c->prev;
		pthread_mutex_unlock(&w->lock);
		free(c);
		*socket_context = NULL;
	}
}

static struct watched *watched_of(struct MHD_Connection *conn)
{
	const union MHD_ConnectionInfo *ci =
		MHD_get_connection_info(conn, MHD_CONNECTION_INFO_SOCKET_CONTEXT);

	return ci ? ci->socket_context : NULL;
}

void cc_slow_headers_in(struct MHD_Connection *conn)
{
	struct watched *c = watched_of(conn);

	if (c)
		__atomic_store_n(&c->deadline, 0, __ATOMIC_RELAXED);
}

void cc_slow_request_done(struct cc_slow *w, struct MHD_Connection *conn)
{
	struct watched *c = w ? watched_of(conn) : NULL;

	if (c)
		__atomic_store_n(&c->deadline, cc_slow_now_ms() + w->timeout_ms,
				 __ATOMIC_RELAXED);
}
