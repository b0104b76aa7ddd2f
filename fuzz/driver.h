/*
 * driver.h - what the HTTP fuzz harnesses (fuzz_http, fuzz_json,
 * fuzz_multipart) share: a demo data directory on tmpfs, credentials, and
 * the server embedded in the harness (src/server/server.h) to send raw
 * requests through libmicrohttpd and the handlers.
 */
#ifndef CC_FUZZ_DRIVER_H
#define CC_FUZZ_DRIVER_H

#include <stddef.h>

struct fuzz_env {
	char admin[80];      /* bearer token of admin@demo.cybercap */
	char focal[80];      /* bearer token of focal.xaa@demo.cybercap */
	char session[80];    /* cc_session cookie of an admin session */
	char csrf[80];       /* its CSRF token */
};

/* Prepared on the first call (aborts when that fails). */
const struct fuzz_env *fuzz_env(void);

/* Sends one connection's bytes and reads the answer. Aborts (a finding)
 * when the server answers 5xx, answers something that is not HTTP, or the
 * exchange does not end. Every few thousand calls the data directory is
 * restored from a pristine copy, so that the state the fuzzer drives the
 * campaign into (submitted, closed, evidence stored) does not pile up.
 * Returns the status of the first response (0 when there was none). */
int fuzz_send(const char *req, size_t len);

/* A growing buffer for building requests. */
struct fuzz_buf {
	char *p;
	size_t len, cap;
};
void fuzz_put(struct fuzz_buf *b, const void *data, size_t len);
void fuzz_puts(struct fuzz_buf *b, const char *s);
void fuzz_printf(struct fuzz_buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#endif
