/*
 * server.h - the HTTP server: libmicrohttpd with a thread pool, serving
 * the JSON API (router.c and the http_*.c handlers) and the web interface
 * from one process. It reads a snapshot of the data directory (see
 * service/snapshot.h) and reloads it when the database changes, so that a
 * `cybercap publish` run beside it shows up without a restart.
 *
 * cc_server_run blocks until SIGINT or SIGTERM, stops accepting new
 * connections, lets requests in flight finish (up to 10 s) and returns.
 */
#ifndef CC_SERVER_H
#define CC_SERVER_H

#include "../core/error.h"

struct cc_server_opts {
	const char *data_dir;
	const char *listen;          /* "127.0.0.1:8080", "[::1]:8080", ":8080" */
	const char *web_dir;         /* built web interface, or NULL */
	unsigned threads;            /* 0: one per core */
	unsigned max_connections;    /* 0: 1024 */
	unsigned timeout_s;          /* idle connection timeout; 0: 30 */
	const char *tls_cert;        /* PEM files: serve HTTPS (GnuTLS) */
	const char *tls_key;
	void (*ready)(const char *url, void *arg);   /* called once listening */
	void *ready_arg;
};

int cc_server_run(const struct cc_server_opts *opts, struct cc_error *err);

#endif
