/*
 * http.h - one request and its response, independent of the HTTP library:
 * handlers read a struct cc_req and fill a struct cc_resp; server.c turns
 * that into libmicrohttpd calls (compression, ETag, security headers).
 *
 * Ownership: a response body is malloc'd and owned by the response until
 * server.c hands it to the library; cc_resp_json takes a jansson reference.
 */
#ifndef CC_HTTP_H
#define CC_HTTP_H

#include <jansson.h>
#include <pthread.h>
#include <stdbool.h>

#include "../core/lang.h"
#include <stddef.h>

#include "../service/snapshot.h"

struct cc_ctf_boards;
struct cc_ctf_writer;
struct cc_answer_writer;
struct cc_deferred;
struct cc_jobs;
struct cc_resp;
struct cc_live;
struct cc_principal;
struct cc_sse_stream;
struct cc_store;

#define CC_HTTP_MAX_PARAMS 8

struct cc_req {
	const char *method;
	const char *path;                 /* without the query */
	const char *params[CC_HTTP_MAX_PARAMS];   /* {name} parts of the route */
	int nparams;
	void *conn;                       /* the library's connection */
	const struct cc_snapshot *snap;
	const char *web_dir;
	const char *body;                 /* NUL-terminated, or NULL */
	size_t body_len;
	struct cc_jobs *jobs;             /* for handlers that start jobs */
	struct cc_principal *who;         /* the caller; id 0 when anonymous */
	struct cc_store *store;           /* for writes: hold store_lock */
	pthread_mutex_t *store_lock;
	const char *data_dir;
	const char *client_ip;
	int tls;                          /* served over TLS: cookies Secure */
	void (*wrote)(void *server);      /* call after a committed write that
					     changes the snapshot (campaigns,
					     frameworks, units, results): it is
					     reloaded on the next request */
	void *server;
	struct cc_live *live;             /* running drills (live.h) */
	struct cc_ctf_writer *writer;     /* challenge attempts (group commit) */
	struct cc_answer_writer *answers; /* answer saves (group commit) */
	struct cc_ctf_boards *boards;     /* challenge boards in memory */
	struct cc_deferred **defer;       /* where a deferred answer goes;
					     NULL: the server cannot suspend
					     (embedded): answer at once */
};

/* An answer that comes later (a challenge attempt waits for the writer's
 * commit): the handler calls cc_req_defer, hands its work on and returns;
 * whoever finishes calls cc_req_resume; the server then calls reply to
 * fill the response and free to release d. */
struct cc_deferred {
	void *conn;
	int done;                         /* atomic */
	void (*reply)(struct cc_deferred *d, struct cc_resp *resp);
	void (*free)(struct cc_deferred *d);
};

/* Whether the answer may come later (a streaming server): if so the
 * connection is suspended and d is where its answer will come from; call
 * it before the work is handed on. False (embedded): answer at once. */
bool cc_req_defer(struct cc_req *req, struct cc_resp *resp, struct cc_deferred *d);
/* Marks d done and resumes its connection (any thread). */
void cc_req_resume(struct cc_deferred *d);

struct cc_resp {
	int status;
	const char *content_type;
	char *body;                       /* malloc'd */
	size_t len;
	int fd;                           /* a file to send instead of body, or -1 */
	size_t fd_size;
	int gzipped;                      /* body or fd is gzip already */
	const char *cache;                /* Cache-Control value */
	const char *allow;                /* Allow header for 405 */
	char allow_buf[64];               /* where the router writes it */
	char disposition[256];            /* Content-Disposition, or empty */
	char cookie[300];                 /* Set-Cookie, or empty */
	int retry_after;                  /* seconds, for 429; 0: none */
	int etag;                         /* compute an ETag from the body */
	int shared;                       /* same for every caller: cacheable */
	struct cc_sse_stream *stream;     /* an event stream instead of body
					     (sse.h), owned by the response */
	int deferred;                     /* answered later (struct cc_deferred) */
	int vary_lang;                    /* depends on Accept-Language */
};

/* A query parameter, or NULL. */
const char *cc_req_query(const struct cc_req *r, const char *name);
/* A request header, or NULL. */
const char *cc_req_header(const struct cc_req *r, const char *name);

/* The reader's language among tags[0..n) (core/lang.h): ?lang=TAG when
 * given, else the request's Accept-Language; *out its index, or -1 for
 * the texts' own (English). false after filling resp with a 400 when
 * ?lang= is not a language tag. The response then varies by
 * Accept-Language (its Vary header says so). */
bool cc_req_lang(const struct cc_req *r, struct cc_resp *resp, const char *const *tags,
		 int n, int *out);
/* The same where a bad ?lang= must not fail the request (the route has
 * checked it, or it is not the route's main answer): it counts as none.
 * The index, or -1. */
int cc_req_lang_or_own(const struct cc_req *r, struct cc_resp *resp, const char *const *tags,
		       int n);

/* Adds what says which language a response's texts are in to o: lang
 * (tags[l], or null for the file's own when l is -1), languages (tags)
 * and untranslated (texts left in the file's language). */
void cc_json_lang(json_t *o, const char *const *tags, int n, int l, int untranslated);

/* Sets a JSON body (steals the reference to j) with status. */
int cc_resp_json(struct cc_resp *resp, int status, json_t *j);
/* Sets {"error": {"code", "message"[, "field"]}} with status. */
int cc_resp_error(struct cc_resp *resp, int status, const char *code,
		  const char *field, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
/* Sets a body that is not JSON (takes ownership of body). */
void cc_resp_body(struct cc_resp *resp, int status, const char *type,
		  char *body, size_t len);

/* The request body as a JSON object, or NULL after filling resp with a
 * 400 naming the problem. */
json_t *cc_req_json(const struct cc_req *r, struct cc_resp *resp);

/* The status that fits a service error: 404 not found, 409 conflict,
 * 413 too large, 422 (or bad_status for other input errors), 500. */
int cc_resp_from_error(struct cc_resp *resp, const struct cc_error *err,
		       int bad_status);

/* A text member of body: *out NULL when absent or null (when optional);
 * 1, or 0 after filling resp with 422 naming it (not text, too long). */
int cc_json_text(json_t *body, const char *name, bool optional, size_t max,
		 const char **out, struct cc_resp *resp);

/* JSON helpers: a number or null for NaN, rounded to precision. */
json_t *cc_json_num(double x);
json_t *cc_json_points(double x, int precision);

#endif
