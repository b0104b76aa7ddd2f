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

#include <stddef.h>

#define CC_SERVER_MAX_CONNECTIONS 2048
#define CC_SERVER_PER_IP 256
#define CC_SERVER_TIMEOUT 30

struct cc_server_opts {
	const char *data_dir;
	const char *listen;          /* "127.0.0.1:8080", "[::1]:8080", ":8080" */
	const char *web_dir;         /* built web interface, or NULL */
	unsigned threads;            /* 0: one per core */
	unsigned max_connections;    /* 0: CC_SERVER_MAX_CONNECTIONS */
	unsigned per_ip;             /* connections from one address; 0: CC_SERVER_PER_IP */
	unsigned timeout_s;          /* idle connection timeout; 0: CC_SERVER_TIMEOUT */
	const char *tls_cert;        /* PEM files: serve HTTPS (GnuTLS) */
	const char *tls_key;
	void (*ready)(const char *url, void *arg);   /* called once listening */
	void *ready_arg;
};

int cc_server_run(const struct cc_server_opts *opts, struct cc_error *err);

/* The same server without a socket or threads of its own, for the fuzz
 * harnesses: cc_server_exchange writes one connection's bytes (then closes
 * its sending side), runs libmicrohttpd and the handlers in the calling
 * thread until the server closes the connection, and returns everything it
 * sent back (malloc'd, NUL-terminated). CC_EIO when the exchange did not
 * end. Only opts' data_dir and web_dir are used. */
struct cc_server;
int cc_server_embed(const struct cc_server_opts *opts, struct cc_server **out,
		    struct cc_error *err);
int cc_server_exchange(struct cc_server *sv, const char *in, size_t len,
		       char **out, size_t *outlen);
void cc_server_free(struct cc_server *sv);

#endif
