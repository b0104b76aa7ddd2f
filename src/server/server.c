/*
 * server.c - libmicrohttpd setup and the glue between it and the handlers
 * (see server.h): one request becomes a struct cc_req, the router fills a
 * struct cc_resp, and this file adds compression, ETags and the security
 * headers every response carries.
 */
#include "server_internal.h"
#include "store_pool.h"

#include "../service/auth.h"
#include "../service/scenario_cache.h"
#include "../service/answer_writer.h"
#include "../service/challenge_writer.h"
#include "ctf_boards.h"
#include "../service/workflow.h"
#include "router.h"
#include "sse.h"
#include "../format/csv.h"
#include "../format/fileio.h"

#include <arpa/inet.h>
#include <errno.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>
#include <zlib.h>

#define MAX_BODY (1u << 20)
/* Evidence uploads take a file of up to 20 MB and the form around it;
 * questionnaire and risk register uploads take a workbook. */
#define MAX_UPLOAD (CC_EVIDENCE_MAX_BYTES + (64u << 10))

static const char csp[] =
	"default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
	"connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
	"form-action 'self'; frame-ancestors 'none'";


/* The current snapshot with a reference; reloads it when this server
 * wrote what it holds, or when the database changed (checked at most once
 * a second) in a table it holds (not for every answer saved). */
static struct cc_snapshot *snap_get(struct cc_server *sv)
{
	struct cc_snapshot *snap;
	time_t now = time(NULL);

	pthread_mutex_lock(&sv->lock);
	if (now != sv->checked || sv->writes != sv->snap_writes) {
		long long version, model = sv->snap->model;
		sv->checked = now;
		pthread_mutex_lock(&sv->store_lock);
		version = cc_store_data_version(sv->store);
		if (version != sv->snap->version)
			model = cc_store_read_model_version(sv->store);
		pthread_mutex_unlock(&sv->store_lock);
		if (model == sv->snap->model && model >= 0)
			sv->snap->version = version;    /* nothing it holds changed */
		if (version != sv->snap->version || sv->writes != sv->snap_writes) {
			struct cc_snapshot *fresh;
			struct cc_error err;
			int writes = sv->writes;
			int rc;
			pthread_mutex_lock(&sv->store_lock);
			rc = cc_snapshot_load(sv->store, &fresh, &err);
			pthread_mutex_unlock(&sv->store_lock);
			if (rc == CC_OK) {
				sv->snap_writes = writes;
				if (--sv->snap->refs == 0)
					cc_snapshot_free(sv->snap);
				sv->snap = fresh;
				cc_cache_reset(&sv->cache, fresh);
			} else {
				fprintf(stderr, "cybercap: reload failed: %s\n", err.msg);
			}
		}
	}
	snap = sv->snap;
	snap->refs++;
	pthread_mutex_unlock(&sv->lock);
	return snap;
}

static void snap_put(struct cc_server *sv, struct cc_snapshot *snap)
{
	pthread_mutex_lock(&sv->lock);
	if (--snap->refs == 0)
		cc_snapshot_free(snap);
	pthread_mutex_unlock(&sv->lock);
}

static void wrote(void *arg)
{
	struct cc_server *sv = arg;

	pthread_mutex_lock(&sv->lock);
	sv->writes++;
	pthread_mutex_unlock(&sv->lock);
}

static struct cc_snapshot *hold(void *arg)
{
	return snap_get(arg);
}

static void release(void *arg, struct cc_snapshot *snap)
{
	snap_put(arg, snap);
}

static int compressible(const char *type)
{
	return type && (strncmp(type, "application/json", 16) == 0 ||
			strncmp(type, "text/", 5) == 0);
}

static void etag_of(const char *body, size_t len, char *out)
{
	unsigned char h[12];

	crypto_generichash(h, sizeof(h), (const unsigned char *)body, len, NULL, 0);
	out[0] = '"';
	sodium_bin2hex(out + 1, 25, h, sizeof(h));
	out[25] = '"';
	out[26] = '\0';
}

static void add_headers(struct MHD_Response *r, const struct cc_resp *resp, int tls)
{
	/* Served over TLS by this process: browsers are to keep to HTTPS. */
	if (tls)
		MHD_add_response_header(r, "Strict-Transport-Security", "max-age=31536000");
	MHD_add_response_header(r, "Content-Type", resp->content_type ?
				resp->content_type : "application/octet-stream");
	MHD_add_response_header(r, "Cache-Control", resp->cache ? resp->cache :
				resp->shared || resp->fd >= 0 ? "no-cache" : "no-store");
	MHD_add_response_header(r, "Vary", resp->vary_lang ? "Accept-Encoding, Accept-Language" :
				"Accept-Encoding");
	MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(r, "Referrer-Policy", "no-referrer");
	MHD_add_response_header(r, "X-Frame-Options", "DENY");
	MHD_add_response_header(r, "Content-Security-Policy", csp);
	if (resp->allow)
		MHD_add_response_header(r, "Allow", resp->allow);
	if (resp->disposition[0])
		MHD_add_response_header(r, "Content-Disposition", resp->disposition);
	if (resp->gzipped)
		MHD_add_response_header(r, "Content-Encoding", "gzip");
	if (resp->cookie[0])
		MHD_add_response_header(r, "Set-Cookie", resp->cookie);
	if (resp->retry_after > 0) {
		char ra[16];
		snprintf(ra, sizeof(ra), "%d", resp->retry_after);
		MHD_add_response_header(r, "Retry-After", ra);
	}
}

static enum MHD_Result send_resp(struct MHD_Connection *conn, struct cc_req *req,
				 struct cc_resp *resp)
{
	const char *ae = cc_req_header(req, "Accept-Encoding");
	const char *inm = cc_req_header(req, "If-None-Match");
	struct MHD_Response *r;
	char etag[32] = "";
	enum MHD_Result ok;
	int status = resp->status;

	if (resp->stream) {
		/* an event stream: no compression, no ETag; proxies must not
		 * buffer it */
		r = cc_sse_response(resp->stream, conn);
		resp->stream = NULL;
		if (r)
			MHD_add_response_header(r, "X-Accel-Buffering", "no");
	} else if (resp->fd >= 0) {
		r = MHD_create_response_from_fd(resp->fd_size, resp->fd);
		resp->fd = -1;
	} else {
		if (resp->etag && status == 200) {
			etag_of(resp->body, resp->len, etag);
			if (inm && strcmp(inm, etag) == 0) {
				status = 304;
				resp->len = 0;
			}
		}
		if (status != 304 && ae && strstr(ae, "gzip") && resp->len > 512 &&
		    compressible(resp->content_type)) {
			size_t zlen;
			char *z = cc_gzip(resp->body, resp->len, &zlen);
			if (z) {
				free(resp->body);
				resp->body = z;
				resp->len = zlen;
				resp->gzipped = 1;
			}
		}
		r = MHD_create_response_from_buffer(resp->len, resp->body,
						    MHD_RESPMEM_MUST_FREE);
		if (r)
			resp->body = NULL;
	}
	if (!r)
		return MHD_NO;
	add_headers(r, resp, req->tls);
	if (etag[0])
		MHD_add_response_header(r, "ETag", etag);
	ok = MHD_queue_response(conn, (unsigned)status, r);
	MHD_destroy_response(r);
	return ok;
}

/* A request's body as it arrives; the handlers see it whole. */
struct upload {
	char *data;
	size_t len;
	int too_big;
	long long started;              /* ms, when the headers were in */
	struct cc_deferred *wait;       /* an answer being prepared elsewhere */
};

void cc__server_on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
			 enum MHD_RequestTerminationCode toe)
{
	struct upload *up = *con_cls;

	struct cc_server *sv = cls;

	(void)toe;
	cc_slow_request_done(sv->slow, conn);
	if (up) {
		__atomic_sub_fetch(&sv->inflight, 1, __ATOMIC_SEQ_CST);
		free(up->data);
		free(up);
		*con_cls = NULL;
	}
}

static int take_body(struct upload *up, const char *data, size_t size, size_t max)
{
	char *grown;

	if (up->too_big || up->len + size > max) {
		up->too_big = 1;
		return 0;
	}
	grown = realloc(up->data, up->len + size + 1);
	if (!grown)
		return -1;
	memcpy(grown + up->len, data, size);
	up->data = grown;
	up->len += size;
	up->data[up->len] = '\0';
	return 0;
}

/* The cache key of a GET on the API: path and query, as sent. */
struct keybuf {
	char *buf;
	size_t len, cap;
	int overflow, args;
};

/* Appends s with '%', '&' and '=' escaped, so that decoded names and
 * values cannot forge another query's key. */
static void key_put(struct keybuf *k, const char *s)
{
	for (; *s && !k->overflow; s++) {
		if (k->len + 4 >= k->cap) {
			k->overflow = 1;
			return;
		}
		if (*s == '%' || *s == '&' || *s == '=')
			k->len += (size_t)snprintf(k->buf + k->len, 4, "%%%02X", (unsigned char)*s);
		else
			k->buf[k->len++] = *s;
	}
	k->buf[k->len] = '\0';
}

static enum MHD_Result add_arg(void *cls, enum MHD_ValueKind kind,
			       const char *key, const char *value)
{
	struct keybuf *k = cls;

	(void)kind;
	if (k->len + 2 >= k->cap) {
		k->overflow = 1;
		return MHD_NO;
	}
	k->buf[k->len++] = k->args++ ? '&' : '?';
	key_put(k, key);
	if (value) {
		k->buf[k->len++] = '=';
		key_put(k, value);
	}
	return k->overflow ? MHD_NO : MHD_YES;
}

static int cache_key(struct MHD_Connection *conn, const char *method,
		     const char *url, char *buf, size_t cap)
{
	struct keybuf k = {buf, 0, cap, 0, 0};
	const char *al;

	if ((strcmp(method, "GET") && strcmp(method, "HEAD")) ||
	    strncmp(url, "/api/v1/", 8) != 0 || strncmp(url, "/api/v1/jobs/", 13) == 0 ||
	    strlen(url) >= cap / 2)
		return 0;
	k.len = (size_t)snprintf(buf, cap, "%s", url);
	MHD_get_connection_values(conn, MHD_GET_ARGUMENT_KIND, add_arg, &k);
	/* a response may be in the language Accept-Language asks for: the
	 * header is part of the key (after a byte no URL holds) */
	if (!k.overflow && (al = MHD_lookup_connection_value(conn, MHD_HEADER_KIND,
							      "Accept-Language"))) {
		if (k.len + strlen(al) + 2 >= cap)
			return 0;
		buf[k.len++] = '\x01';
		k.len += (size_t)snprintf(buf + k.len, cap - k.len, "%s", al);
	}
	return !k.overflow;
}

/* The cache's decorate callback (cache.h): a cached response carries the
 * same headers as one sent by send_resp, and its ETag. */
static void decorate_cached(struct MHD_Response *r, const struct cc_cache_meta *m,
			    void *arg)
{
	const struct cc_server *sv = arg;
	struct cc_resp meta = {.content_type = m->type, .gzipped = m->gzipped, .fd = -1,
			       .shared = 1, .vary_lang = m->vary_lang};

	snprintf(meta.disposition, sizeof(meta.disposition), "%s", m->disposition);
	add_headers(r, &meta, sv->opts->tls_cert != NULL);
	MHD_add_response_header(r, "ETag", m->etag);
}

static bool url_ends(const char *url, size_t n, const char *tail)
{
	size_t k = strlen(tail);

	return n > k && strcmp(url + n - k, tail) == 0;
}

static size_t max_body(const char *url)
{
	size_t n = strlen(url);

	return url_ends(url, n, "/evidence") || url_ends(url, n, "/register") ||
	       url_ends(url, n, "/questionnaire.xlsx") || url_ends(url, n, "/msel") ||
	       url_ends(url, n, "/attachments") ||
	       strcmp(url, "/api/v1/scenarios") == 0 ? MAX_UPLOAD : MAX_BODY;
}

/* Who is calling: a session cookie or a bearer token, or nobody. Unsafe
 * methods with a cookie need the session's CSRF token in X-CSRF-Token.
 * Returns 0, or -1 after filling resp (401, 403; 503 when the database
 * cannot be reached). */
static int authenticate(struct MHD_Connection *conn,
			struct cc_req *req, struct cc_principal *who,
			struct cc_resp *resp)
{
	const char *cookie = MHD_lookup_connection_value(conn, MHD_COOKIE_KIND, "cc_session");
	const char *authz = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Authorization");
	int bearer = authz && strncmp(authz, "Bearer ", 7) == 0;
	const char *token = bearer ? authz + 7 : cookie;
	struct cc_error err;
	int unsafe = strcmp(req->method, "GET") && strcmp(req->method, "HEAD") &&
		     strcmp(req->method, "OPTIONS");
	int rc;

	memset(who, 0, sizeof(*who));
	req->who = who;
	if (!token)
		return 0;
	pthread_mutex_lock(req->store_lock);
	rc = cc_auth_resolve(req->store, token, bearer, who, &err);
	pthread_mutex_unlock(req->store_lock);
	if (rc == CC_EUNAVAIL) {
		/* the database is away: not "signed out", but "try again" */
		cc_resp_from_error(resp, &err, 400);
		resp->retry_after = 2;
		return -1;
	}
	if (rc != CC_OK)
		memset(who, 0, sizeof(*who));
	if (bearer && !who->id) {
		cc_resp_error(resp, 401, "unauthenticated", NULL, "the bearer token is not valid");
		return -1;
	}
	if (who->id && !bearer && unsafe &&
	    !(strcmp(req->method, "POST") == 0 && strcmp(req->path, "/api/v1/session") == 0)) {
		const char *sent = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "X-CSRF-Token");
		if (!sent || strlen(sent) != strlen(who->csrf) ||
		    sodium_memcmp(sent, who->csrf, strlen(who->csrf)) != 0) {
			cc_resp_error(resp, 403, "csrf", NULL,
				      "send the session's CSRF token in the X-CSRF-Token header");
			return -1;
		}
	}
	return 0;
}

static enum MHD_Result utf8_arg(void *cls, enum MHD_ValueKind kind,
				const char *key, const char *value)
{
	int *bad = cls;

	(void)kind;
	if ((key && cc_utf8_invalid(key, strlen(key)) < strlen(key)) ||
	    (value && cc_utf8_invalid(value, strlen(value)) < strlen(value))) {
		*bad = 1;
		return MHD_NO;
	}
	return MHD_YES;
}

/* Decodes %XX in a path or query part, in place, as libmicrohttpd would,
 * but turns a decoded NUL into 0x01: a NUL would cut the string short,
 * making /campaigns/x%00/results read as /campaigns/x; 0x01 is a control
 * character that sane_url refuses with 400. */
size_t cc__server_unescape(void *cls, struct MHD_Connection *conn, char *uri)
{
	size_t n = MHD_http_unescape(uri);

	(void)cls, (void)conn;
	for (size_t i = 0; i < n; i++)
		if (uri[i] == '\0')
			uri[i] = '\x01';
	return n;
}

/* Whether the decoded path and query are UTF-8 (and the path holds no
 * control character): handlers quote them in JSON, which takes nothing
 * else. */
static int sane_url(struct MHD_Connection *conn, const char *url)
{
	size_t n = strlen(url);
	int bad = 0;

	for (size_t i = 0; i < n; i++)
		if ((unsigned char)url[i] < 0x20 || url[i] == 0x7f)
			return 0;
	if (cc_utf8_invalid(url, n) < n)
		return 0;
	MHD_get_connection_values(conn, MHD_GET_ARGUMENT_KIND, utf8_arg, &bad);
	return !bad;
}

static void client_ip(struct MHD_Connection *conn, char *buf, size_t size)
{
	const union MHD_ConnectionInfo *ci =
		MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);

	snprintf(buf, size, "?");
	if (!ci || !ci->client_addr)
		return;
	if (ci->client_addr->sa_family == AF_INET)
		inet_ntop(AF_INET, &((const struct sockaddr_in *)ci->client_addr)->sin_addr, buf, (socklen_t)size);
	else if (ci->client_addr->sa_family == AF_INET6)
		inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)ci->client_addr)->sin6_addr, buf, (socklen_t)size);
}

bool cc_req_defer(struct cc_req *req, struct cc_resp *resp, struct cc_deferred *d)
{
	if (!req->defer)
		return false;
	MHD_suspend_connection(req->conn);
	*req->defer = d;
	resp->deferred = 1;
	return true;
}

void cc_req_resume(struct cc_deferred *d)
{
	void *conn = d->conn;

	__atomic_store_n(&d->done, 1, __ATOMIC_RELEASE);
	MHD_resume_connection(conn);
}

/* The answer of a request that was suspended while its work was done
 * elsewhere (struct cc_deferred), now that it is done. */
static enum MHD_Result send_deferred(struct MHD_Connection *conn, struct cc_req *req,
				     struct upload *up)
{
	struct cc_deferred *d = up->wait;
	struct cc_resp resp = {.fd = -1};
	enum MHD_Result ok;

	if (!__atomic_load_n(&d->done, __ATOMIC_ACQUIRE)) {
		MHD_suspend_connection(conn);   /* not yet: wait for the resume */
		return MHD_YES;
	}
	up->wait = NULL;
	d->reply(d, &resp);
	d->free(d);
	ok = send_resp(conn, req, &resp);
	free(resp.body);
	return ok;
}

static enum MHD_Result route(struct cc_server *sv, struct MHD_Connection *conn,
			     struct cc_req *req, struct cc_resp *resp, struct cc_principal *who,
			     char *buf, size_t bufsize);

enum MHD_Result cc__server_on_request(void *cls, struct MHD_Connection *conn,
				  const char *url, const char *method,
				  const char *version, const char *upload_data,
				  size_t *upload_size, void **con_cls)
{
	struct cc_server *sv = cls;
	struct cc_req req = {.tls = sv->opts->tls_cert != NULL};
	struct cc_resp resp = {.fd = -1};
	struct upload *up = *con_cls;
	const char *clen;
	char buf[1024], ip[64];
	struct cc_principal who;
	struct cc_pooled *pooled;
	enum MHD_Result ok;

	(void)version;
	req.conn = conn;
	if (!up) {
		cc_slow_headers_in(conn);
		clen = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Content-Length");
		if (clen && strtoull(clen, NULL, 10) > max_body(url)) {
			cc_resp_error(&resp, 413, "too_large", NULL,
				      "the request body is larger than %zu bytes", max_body(url));
			return send_resp(conn, &req, &resp);
		}
		up = calloc(1, sizeof(*up));
		if (!up)
			return MHD_NO;
		*con_cls = up;
		up->started = cc_slow_now_ms();
		__atomic_add_fetch(&sv->inflight, 1, __ATOMIC_SEQ_CST);
		/* Answering on the first call makes libmicrohttpd close the
		 * connection; answer on the last one, after any body. */
		return MHD_YES;
	}
	if (*upload_size) {
		/* A body trickling in (slow.h): after the timeout, at least
		 * CC_SLOW_BODY_RATE bytes a second on average, or closed. */
		if (sv->timeout_ms) {
			long long ms = cc_slow_now_ms() - up->started;
			if (ms > sv->timeout_ms &&
			    (double)(up->len + *upload_size) * 1000 / (double)ms < CC_SLOW_BODY_RATE)
				return MHD_NO;
		}
		if (take_body(up, upload_data, *upload_size, max_body(url)))
			return MHD_NO;
		*upload_size = 0;
		return MHD_YES;
	}
	if (up->wait)
		return send_deferred(conn, &req, up);
	if (up->too_big) {
		cc_resp_error(&resp, 413, "too_large", NULL,
			      "the request body is larger than %zu bytes", max_body(url));
		return send_resp(conn, &req, &resp);
	}
	if (!sane_url(conn, url)) {
		cc_resp_error(&resp, 400, "bad_url", NULL,
			      "the path and query must be UTF-8 without control characters");
		return send_resp(conn, &req, &resp);
	}
	req.method = method;
	req.path = url;
	req.body = up->data;
	req.body_len = up->len;
	req.web_dir = sv->opts->web_dir;
	req.jobs = &sv->jobs;
	req.data_dir = sv->opts->data_dir;
	req.wrote = wrote;
	req.server = sv;
	req.live = sv->live;
	req.writer = sv->writer;
	req.answers = sv->answers;
	req.boards = sv->boards;
	req.defer = sv->streaming ? &up->wait : NULL;
	client_ip(conn, ip, sizeof(ip));
	req.client_ip = ip;
	pooled = cc_store_pool_take(sv->pool);
	req.store = pooled->store;
	req.store_lock = &pooled->lock;
	ok = route(sv, conn, &req, &resp, &who, buf, sizeof(buf));
	cc_store_pool_give(sv->pool, pooled);
	return ok;
}

/* Authenticates req, then answers it from the cache or its route. */
static enum MHD_Result route(struct cc_server *sv, struct MHD_Connection *conn,
			     struct cc_req *req, struct cc_resp *resp, struct cc_principal *who,
			     char *buf, size_t bufsize)
{
	char key[1024];
	enum MHD_Result ok;
	int cacheable = 0;

	if (authenticate(conn, req, who, resp))
		return send_resp(conn, req, resp);
	req->snap = snap_get(sv);
	if (cache_key(conn, req->method, req->path, key, sizeof(key))) {
		const char *ae = cc_req_header(req, "Accept-Encoding");
		if (cc_cache_send(&sv->cache, req->snap, key, ae && strstr(ae, "gzip"),
				  cc_req_header(req, "If-None-Match"), conn, &ok)) {
			snap_put(sv, (struct cc_snapshot *)req->snap);
			return ok;
		}
		cacheable = 1;
	}
	cc_route(req, resp, buf, bufsize);
	if (resp->deferred) {
		/* suspended: answered when resumed (send_deferred) */
		snap_put(sv, (struct cc_snapshot *)req->snap);
		return MHD_YES;
	}
	if (cacheable && resp->shared && resp->status == 200 && resp->etag && resp->body) {
		char etag[32];
		etag_of(resp->body, resp->len, etag);
		cc_cache_put(&sv->cache, req->snap, key, resp->body, resp->len, resp->content_type,
			     etag, resp->disposition, compressible(resp->content_type), resp->vary_lang);
	}
	ok = send_resp(conn, req, resp);
	snap_put(sv, (struct cc_snapshot *)req->snap);
	free(resp->body);
	if (resp->fd >= 0)
		close(resp->fd);
	return ok;
}

static int parse_listen(const char *listen, struct sockaddr_storage *ss,
			socklen_t *len, struct cc_error *err)
{
	char host[128] = "127.0.0.1";
	const char *colon = strrchr(listen, ':');
	long port;
	char *end;

	memset(ss, 0, sizeof(*ss));
	if (!colon)
		return cc_error_set(err, CC_EUSAGE, NULL, 0, 0, "--listen takes HOST:PORT");
	port = strtol(colon + 1, &end, 10);
	if (*end || port < 0 || port > 65535)
		return cc_error_set(err, CC_EUSAGE, NULL, 0, 0, "bad port in \"%s\"", listen);
	if (colon > listen) {
		size_t n = (size_t)(colon - listen);
		if (listen[0] == '[' && n >= 2 && listen[n - 1] == ']') {
			listen++;
			n -= 2;
		}
		if (n >= sizeof(host))
			return cc_error_set(err, CC_EUSAGE, NULL, 0, 0, "bad host in --listen");
		memcpy(host, listen, n);
		host[n] = '\0';
	}
	if (strchr(host, ':')) {
		struct sockaddr_in6 *a = (struct sockaddr_in6 *)ss;
		a->sin6_family = AF_INET6;
		a->sin6_port = htons((uint16_t)port);
		if (inet_pton(AF_INET6, host, &a->sin6_addr) != 1)
			return cc_error_set(err, CC_EUSAGE, NULL, 0, 0, "bad address \"%s\"", host);
		*len = sizeof(*a);
	} else {
		struct sockaddr_in *a = (struct sockaddr_in *)ss;
		a->sin_family = AF_INET;
		a->sin_port = htons((uint16_t)port);
		if (inet_pton(AF_INET, host, &a->sin_addr) != 1)
			return cc_error_set(err, CC_EUSAGE, NULL, 0, 0, "bad address \"%s\"", host);
		*len = sizeof(*a);
	}
	return CC_OK;
}

static void wait_for_signal(void)
{
	sigset_t set;
	int sig;

	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	sigwait(&set, &sig);
}

/* Waits (up to 10 s) for requests in flight; idle keep-alive connections
 * do not count, stopping the daemon closes them. */
static void drain(struct cc_server *sv)
{
	for (int i = 0; i < 1000 && __atomic_load_n(&sv->inflight, __ATOMIC_SEQ_CST) > 0; i++)
		usleep(10000);
}

/* The attempt writer committed a solve of drill: its board and streams. */
static void on_solved(const char *drill, void *arg)
{
	struct cc_server *sv = arg;

	cc_live_board_changed(sv->live, drill);
}

/* libmicrohttpd's worker threads: --threads, or two per core. */
static unsigned worker_threads(const struct cc_server_opts *o)
{
	long cores = sysconf(_SC_NPROCESSORS_ONLN);

	return o->threads ? o->threads : (cores > 0 ? 2 * (unsigned)cores : 4);
}

/* Opens the store and the first snapshot; the rest of sv is set up here
 * too. Undone by cc__server_close. */
int cc__server_open(struct cc_server *sv, const struct cc_server_opts *o,
		    bool streaming, struct cc_error *err)
{
	int rc;

	memset(sv, 0, sizeof(*sv));
	sv->opts = o;
	rc = cc_store_open(&sv->store, o->data_dir, 0, err);
	if (rc)
		return rc;
	rc = cc_snapshot_load(sv->store, &sv->snap, err);
	/* a connection per worker thread for the requests (one embedded) */
	if (!rc && (rc = cc_store_pool_open(&sv->pool, o->data_dir,
					    streaming ? (int)worker_threads(o) : 1, err)))
		cc_snapshot_free(sv->snap);
	if (rc) {
		cc_store_close(sv->store);
		return rc;
	}
	pthread_mutex_init(&sv->lock, NULL);
	pthread_mutex_init(&sv->store_lock, NULL);
	sv->live = cc_live_new(sv->store, &sv->store_lock, o->data_dir, streaming);
	if (!sv->live) {
		cc_snapshot_free(sv->snap);
		pthread_mutex_destroy(&sv->lock);
		pthread_mutex_destroy(&sv->store_lock);
		cc_store_pool_close(sv->pool);
		cc_store_close(sv->store);
		return cc_error_set(err, CC_ENOMEM, NULL, 0, 0, "out of memory");
	}
	sv->streaming = streaming;
	sv->boards = cc_ctf_boards_new(sv->store, &sv->store_lock);
	cc_live_set_boards(sv->live, sv->boards);
	rc = sv->boards ? cc_ctf_writer_open(&sv->writer, o->data_dir, on_solved, sv, err) :
	     cc_error_set(err, CC_ENOMEM, NULL, 0, 0, "out of memory");
	if (!rc && (rc = cc_answer_writer_open(&sv->answers, o->data_dir, err)))
		cc_ctf_writer_close(sv->writer);
	if (rc) {
		cc_ctf_boards_free(sv->boards);
		cc_live_free(sv->live);
		cc_snapshot_free(sv->snap);
		pthread_mutex_destroy(&sv->lock);
		pthread_mutex_destroy(&sv->store_lock);
		cc_store_pool_close(sv->pool);
		cc_store_close(sv->store);
		return rc;
	}
	sv->checked = time(NULL);
	cc_jobs_init(&sv->jobs);
	cc_cache_init(&sv->cache, decorate_cached, sv);
	cc_cache_reset(&sv->cache, sv->snap);
	sv->jobs.hold = hold;
	sv->jobs.release = release;
	sv->jobs.arg = sv;
	if (cc_jobs_attach(&sv->jobs, sv->store, &sv->store_lock)) {
		cc__server_close(sv);
		return cc_error_set(err, CC_ENOMEM, NULL, 0, 0, "cannot start the job claimer");
	}
	return CC_OK;
}

void cc__server_close(struct cc_server *sv)
{
	cc_answer_writer_close(sv->answers);
	cc_ctf_writer_close(sv->writer);
	cc_live_free(sv->live);
	cc_ctf_boards_free(sv->boards);
	cc_jobs_free(&sv->jobs);
	cc_cache_free(&sv->cache);
	pthread_mutex_lock(&sv->lock);
	if (--sv->snap->refs == 0)
		cc_snapshot_free(sv->snap);
	pthread_mutex_unlock(&sv->lock);
	pthread_mutex_destroy(&sv->lock);
	pthread_mutex_destroy(&sv->store_lock);
	cc_store_pool_close(sv->pool);
	cc_store_close(sv->store);
	cc_scenario_cache_clear();
}

/* Raises the soft limit on open files to cover the connections (each is a
 * descriptor) plus the store, evidence and static files; warns when the
 * hard limit is lower. */
static void ensure_fds(unsigned connections)
{
	rlim_t want = (rlim_t)connections + 128;
	struct rlimit rl;

	if (getrlimit(RLIMIT_NOFILE, &rl) != 0 || rl.rlim_cur >= want)
		return;
	rl.rlim_cur = rl.rlim_max == RLIM_INFINITY || rl.rlim_max >= want ? want : rl.rlim_max;
	if (setrlimit(RLIMIT_NOFILE, &rl) != 0 || rl.rlim_cur < want)
		fprintf(stderr, "cybercap: warning: only %llu open files allowed (ulimit -n); "
			"fewer than %u connections will be served\n",
			(unsigned long long)rl.rlim_cur, connections);
}

int cc_server_run(const struct cc_server_opts *o, struct cc_error *err)
{
	struct cc_server sv;
	struct sockaddr_storage ss;
	socklen_t sslen;
	struct MHD_Daemon *d;
	const union MHD_DaemonInfo *info;
	sigset_t set;
	char url[200];
	unsigned threads = worker_threads(o);
	unsigned max_conn = o->max_connections ? o->max_connections : CC_SERVER_MAX_CONNECTIONS;
	char *cert = NULL, *key = NULL;
	int rc = parse_listen(o->listen ? o->listen : "127.0.0.1:8080", &ss, &sslen, err);

	if (rc)
		return rc;
	if ((o->tls_cert != NULL) != (o->tls_key != NULL))
		return cc_error_set(err, CC_EUSAGE, NULL, 0, 0, "--tls-cert and --tls-key go together");
	if (o->tls_cert) {
		size_t n;
		rc = cc_read_file(o->tls_cert, 1 << 20, &cert, &n, err);
		if (!rc)
			rc = cc_read_file(o->tls_key, 1 << 20, &key, &n, err);
		if (rc) {
			free(cert);
			return rc;
		}
	}
	/* Threads started from here on (the writers' too, which
	 * cc__server_open starts) leave the signals to sigwait: a SIGTERM
	 * delivered to a thread that does not block it would end the process
	 * at once. */
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	signal(SIGPIPE, SIG_IGN);
	rc = cc__server_open(&sv, o, true, err);
	if (rc) {
		free(cert);
		free(key);
		return rc;
	}
	ensure_fds(max_conn);
	sv.timeout_ms = 1000LL * (o->timeout_s ? o->timeout_s : CC_SERVER_TIMEOUT);
	sv.slow = cc_slow_start(o->timeout_s ? o->timeout_s : CC_SERVER_TIMEOUT, max_conn);
	if (!sv.slow) {
		rc = cc_error_set(err, CC_ENOMEM, NULL, 0, 0, "cannot start the connection watchdog");
		goto cleanup;
	}
	d = MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ITC |
			     MHD_ALLOW_SUSPEND_RESUME |
			     (ss.ss_family == AF_INET6 ? MHD_USE_IPv6 : 0) |
			     (cert ? MHD_USE_TLS : 0),
			     0, cc_slow_admit, sv.slow, cc__server_on_request, &sv,
			     MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&ss,
			     MHD_OPTION_THREAD_POOL_SIZE, threads,
			     /* each thread may hold them all; cc_slow_admit keeps
			      * the total to max_conn (slow.h) */
			     MHD_OPTION_CONNECTION_LIMIT, max_conn * threads,
			     MHD_OPTION_CONNECTION_TIMEOUT,
			     (unsigned)(o->timeout_s ? o->timeout_s : CC_SERVER_TIMEOUT),
			     MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(64 * 1024),
			     MHD_OPTION_PER_IP_CONNECTION_LIMIT,
			     (unsigned)(o->per_ip ? o->per_ip : CC_SERVER_PER_IP),
			     MHD_OPTION_NOTIFY_COMPLETED, cc__server_on_completed, &sv,
			     MHD_OPTION_UNESCAPE_CALLBACK, cc__server_unescape, NULL,
			     MHD_OPTION_NOTIFY_CONNECTION, cc_slow_notify, sv.slow,
			     cert ? MHD_OPTION_HTTPS_MEM_CERT : MHD_OPTION_END, cert,
			     MHD_OPTION_HTTPS_MEM_KEY, key,
			     MHD_OPTION_END);
	if (!d) {
		rc = cc_error_set(err, CC_EIO, NULL, 0, 0, "cannot listen on %s: %s",
				  o->listen ? o->listen : "127.0.0.1:8080", strerror(errno));
		goto cleanup;
	}
	info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
	{
		char host[INET6_ADDRSTRLEN] = "127.0.0.1";
		if (ss.ss_family == AF_INET6)
			inet_ntop(AF_INET6, &((struct sockaddr_in6 *)&ss)->sin6_addr, host, sizeof(host));
		else
			inet_ntop(AF_INET, &((struct sockaddr_in *)&ss)->sin_addr, host, sizeof(host));
		snprintf(url, sizeof(url), ss.ss_family == AF_INET6 ? "%s://[%s]:%u/" :
			 "%s://%s:%u/", cert ? "https" : "http", host, info ? info->port : 0);
	}
	if (cc_live_start(sv.live)) {
		MHD_stop_daemon(d);
		rc = cc_error_set(err, CC_ENOMEM, NULL, 0, 0, "cannot start the drill clock");
		goto cleanup;
	}
	if (o->ready)
		o->ready(url, o->ready_arg);
	wait_for_signal();
	fprintf(stderr, "cybercap: stopping (letting requests in flight finish)\n");
	MHD_quiesce_daemon(d);
	/* event streams end (none may stay suspended when the daemon stops),
	 * then their requests complete like the others */
	cc_live_stop(sv.live);
	drain(&sv);
	MHD_stop_daemon(d);
cleanup:
	cc_slow_stop(sv.slow);
	cc__server_close(&sv);
	if (key)
		sodium_memzero(key, strlen(key));
	free(cert);
	free(key);
	return rc;
}
