/*
 * server_internal.h - what server.c (the daemon that listens) shares with
 * embed.c (the same server driven without a socket, for the fuzzers and
 * test_server): the server's state and libmicrohttpd's callbacks.
 */
#ifndef CC_SERVER_INTERNAL_H
#define CC_SERVER_INTERNAL_H

#include "server.h"

#include "cache.h"
#include "jobs.h"
#include "live.h"
#include "slow.h"

#include <microhttpd.h>
#include <pthread.h>
#include <time.h>

struct cc_server {
	const struct cc_server_opts *opts;
	struct cc_store *store;
	pthread_mutex_t lock;
	struct cc_snapshot *snap;
	time_t checked;
	struct cc_jobs jobs;
	struct cc_cache cache;
	pthread_mutex_t store_lock;     /* one writer on the connection */
	struct cc_store_pool *pool;     /* the requests' connections */
	int writes, snap_writes;        /* our own commits (data_version
					   does not count them) */
	int inflight;                   /* requests begun and not completed */
	struct cc_slow *slow;           /* cc_server_run's watchdog (slow.h) */
	long long timeout_ms;           /* slow request bodies: 0 (embedded) */
	struct MHD_Daemon *daemon;      /* cc_server_embed's daemon */
	struct cc_live *live;           /* running drills and their streams */
	struct cc_ctf_writer *writer;   /* challenge attempts, group commit */
	struct cc_answer_writer *answers; /* answer saves, group commit */
	struct cc_ctf_boards *boards;   /* challenge boards in memory */
	bool streaming;                 /* connections may be suspended */
};

/* Opens the store and the first snapshot and sets up the rest of sv;
 * undone by cc__server_close. streaming: event streams stay open
 * (suspend and resume, cc_server_run); else they send what there is. */
int cc__server_open(struct cc_server *sv, const struct cc_server_opts *o,
		    bool streaming, struct cc_error *err);
void cc__server_close(struct cc_server *sv);

/* libmicrohttpd's callbacks, with the server as cls. */
enum MHD_Result cc__server_on_request(void *cls, struct MHD_Connection *conn,
				      const char *url, const char *method,
				      const char *version, const char *upload_data,
				      size_t *upload_size, void **con_cls);
void cc__server_on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
			     enum MHD_RequestTerminationCode toe);
size_t cc__server_unescape(void *cls, struct MHD_Connection *conn, char *uri);

#endif
