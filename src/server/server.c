/*
 * server.c - libmicrohttpd setup and the glue between it and the handlers
 * (see server.h): one request becomes a struct cc_req, the router fills a
 * struct cc_resp, and this file adds compression, ETags and the security
 * headers every response carries.
 */
#include "server.h"

#include "cache.h"
#include "jobs.h"
#include "router.h"

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
#include <time.h>
#include <unistd.h>
#include <zlib.h>

#define MAX_BODY (1u << 20)

static const char csp[] =
	"default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
	"connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
	"form-action 'self'; frame-ancestors 'none'";

struct server {
	const struct cc_server_opts *opts;
	struct cc_store *store;
	pthread_mutex_t lock;
	struct cc_snapshot *snap;
	time_t checked;
	struct cc_jobs jobs;
	struct cc_cache cache;
};

/* The current snapshot with a reference; reloads it when the database
 * changed (checked at most once a second). */
static struct cc_snapshot *snap_get(struct server *sv)
{
	struct cc_snapshot *snap;
	time_t now = time(NULL);

	pthread_mutex_lock(&sv->lock);
	if (now != sv->checked) {
		sv->checked = now;
		if (cc_store_data_version(sv->store) != sv->snap->version) {
			struct cc_snapshot *fresh;
			struct cc_error err;
			if (cc_snapshot_load(sv->store, &fresh, &err) == CC_OK) {
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

static void snap_put(struct server *sv, struct cc_snapshot *snap)
{
	pthread_mutex_lock(&sv->lock);
	if (--snap->refs == 0)
		cc_snapshot_free(snap);
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

static void add_headers(struct MHD_Response *r, const struct cc_resp *resp)
{
	MHD_add_response_header(r, "Content-Type", resp->content_type ?
				resp->content_type : "application/octet-stream");
	MHD_add_response_header(r, "Cache-Control", resp->cache ? resp->cache : "no-cache");
	MHD_add_response_header(r, "Vary", "Accept-Encoding");
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

	if (resp->fd >= 0) {
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
	add_headers(r, resp);
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
};

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
			 enum MHD_RequestTerminationCode toe)
{
	struct upload *up = *con_cls;

	(void)cls;
	(void)conn;
	(void)toe;
	if (up) {
		free(up->data);
		free(up);
		*con_cls = NULL;
	}
}

static int take_body(struct upload *up, const char *data, size_t size)
{
	char *grown;

	if (up->too_big || up->len + size > MAX_BODY) {
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
	int overflow;
};

static enum MHD_Result add_arg(void *cls, enum MHD_ValueKind kind,
			       const char *key, const char *value)
{
	struct keybuf *k = cls;
	int n;

	(void)kind;
	n = snprintf(k->buf + k->len, k->cap - k->len, "%c%s=%s",
		     k->len && strchr(k->buf, '?') ? '&' : '?', key, value ? value : "");
	if (n < 0 || (size_t)n >= k->cap - k->len) {
		k->overflow = 1;
		return MHD_NO;
	}
	k->len += (size_t)n;
	return MHD_YES;
}

static int cache_key(struct MHD_Connection *conn, const char *method,
		     const char *url, char *buf, size_t cap)
{
	struct keybuf k = {buf, 0, cap, 0};

	if ((strcmp(method, "GET") && strcmp(method, "HEAD")) ||
	    strncmp(url, "/api/v1/", 8) != 0 || strncmp(url, "/api/v1/jobs/", 13) == 0 ||
	    strlen(url) >= cap / 2)
		return 0;
	k.len = (size_t)snprintf(buf, cap, "%s", url);
	MHD_get_connection_values(conn, MHD_GET_ARGUMENT_KIND, add_arg, &k);
	return !k.overflow;
}

static enum MHD_Result send_cached(struct MHD_Connection *conn, struct cc_req *req,
				   struct cc_cache_entry *e)
{
	const char *inm = cc_req_header(req, "If-None-Match");
	struct cc_resp meta = {.content_type = e->type, .gzipped = e->gz != NULL, .fd = -1};
	struct MHD_Response *r;
	enum MHD_Result ok;
	int status = 200;

	snprintf(meta.disposition, sizeof(meta.disposition), "%s", e->disposition);
	if (inm && strcmp(inm, e->etag) == 0) {
		status = 304;
		free(e->body), free(e->gz);
		r = MHD_create_response_from_buffer(0, NULL, MHD_RESPMEM_PERSISTENT);
	} else if (e->gz) {
		r = MHD_create_response_from_buffer(e->gzlen, e->gz, MHD_RESPMEM_MUST_FREE);
	} else {
		r = MHD_create_response_from_buffer(e->len, e->body, MHD_RESPMEM_MUST_FREE);
	}
	if (!r)
		return MHD_NO;
	add_headers(r, &meta);
	MHD_add_response_header(r, "ETag", e->etag);
	ok = MHD_queue_response(conn, (unsigned)status, r);
	MHD_destroy_response(r);
	return ok;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn,
				  const char *url, const char *method,
				  const char *version, const char *upload_data,
				  size_t *upload_size, void **con_cls)
{
	struct server *sv = cls;
	struct cc_req req = {0};
	struct cc_resp resp = {.fd = -1};
	struct upload *up = *con_cls;
	const char *clen;
	char buf[1024], key[1024];
	int cacheable = 0;
	enum MHD_Result ok;

	(void)version;
	req.conn = conn;
	if (!up) {
		clen = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Content-Length");
		if (clen && strtoull(clen, NULL, 10) > MAX_BODY) {
			cc_resp_error(&resp, 413, "too_large", NULL,
				      "the request body is larger than %u bytes", MAX_BODY);
			return send_resp(conn, &req, &resp);
		}
		up = calloc(1, sizeof(*up));
		if (!up)
			return MHD_NO;
		*con_cls = up;
		/* Answering on the first call makes libmicrohttpd close the
		 * connection; answer on the last one, after any body. */
		return MHD_YES;
	}
	if (*upload_size) {
		if (take_body(up, upload_data, *upload_size))
			return MHD_NO;
		*upload_size = 0;
		return MHD_YES;
	}
	if (up->too_big) {
		cc_resp_error(&resp, 413, "too_large", NULL,
			      "the request body is larger than %u bytes", MAX_BODY);
		return send_resp(conn, &req, &resp);
	}
	req.method = method;
	req.path = url;
	req.body = up->data;
	req.body_len = up->len;
	req.web_dir = sv->opts->web_dir;
	req.jobs = &sv->jobs;
	req.snap = snap_get(sv);
	if (cache_key(conn, method, url, key, sizeof(key))) {
		const char *ae = cc_req_header(&req, "Accept-Encoding");
		struct cc_cache_entry hit;
		if (cc_cache_get(&sv->cache, req.snap, key, ae && strstr(ae, "gzip"), &hit) == 0) {
			ok = send_cached(conn, &req, &hit);
			snap_put(sv, (struct cc_snapshot *)req.snap);
			return ok;
		}
		cacheable = 1;
	}
	cc_route(&req, &resp, buf, sizeof(buf));
	if (cacheable && resp.status == 200 && resp.etag && resp.body) {
		char etag[32];
		etag_of(resp.body, resp.len, etag);
		cc_cache_put(&sv->cache, req.snap, key, resp.body, resp.len, resp.content_type,
			     etag, resp.disposition, compressible(resp.content_type));
	}
	ok = send_resp(conn, &req, &resp);
	snap_put(sv, (struct cc_snapshot *)req.snap);
	free(resp.body);
	if (resp.fd >= 0)
		close(resp.fd);
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

static void drain(struct MHD_Daemon *d)
{
	for (int i = 0; i < 100; i++) {
		const union MHD_DaemonInfo *info =
			MHD_get_daemon_info(d, MHD_DAEMON_INFO_CURRENT_CONNECTIONS);
		if (!info || info->num_connections == 0)
			return;
		usleep(100000);
	}
}

int cc_server_run(const struct cc_server_opts *o, struct cc_error *err)
{
	struct server sv = {.opts = o};
	struct sockaddr_storage ss;
	socklen_t sslen;
	struct MHD_Daemon *d;
	const union MHD_DaemonInfo *info;
	sigset_t set;
	char url[200];
	long cores = sysconf(_SC_NPROCESSORS_ONLN);
	int rc = parse_listen(o->listen ? o->listen : "127.0.0.1:8080", &ss, &sslen, err);

	if (rc)
		return rc;
	rc = cc_store_open(&sv.store, o->data_dir, 0, err);
	if (rc)
		return rc;
	rc = cc_snapshot_load(sv.store, &sv.snap, err);
	if (rc) {
		cc_store_close(sv.store);
		return rc;
	}
	pthread_mutex_init(&sv.lock, NULL);
	sv.checked = time(NULL);
	cc_jobs_init(&sv.jobs);
	cc_cache_init(&sv.cache);
	cc_cache_reset(&sv.cache, sv.snap);
	sv.jobs.hold = hold;
	sv.jobs.release = release;
	sv.jobs.arg = &sv;
	/* Threads started from here on leave the signals to sigwait. */
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	signal(SIGPIPE, SIG_IGN);
	d = MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL |
			     (ss.ss_family == AF_INET6 ? MHD_USE_IPv6 : 0),
			     0, NULL, NULL, on_request, &sv,
			     MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&ss,
			     MHD_OPTION_THREAD_POOL_SIZE,
			     (unsigned)(o->threads ? o->threads : (cores > 0 ? 2 * cores : 4)),
			     MHD_OPTION_CONNECTION_LIMIT,
			     (unsigned)(o->max_connections ? o->max_connections : 1024),
			     MHD_OPTION_CONNECTION_TIMEOUT,
			     (unsigned)(o->timeout_s ? o->timeout_s : 30),
			     MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(64 * 1024),
			     MHD_OPTION_PER_IP_CONNECTION_LIMIT, (unsigned)256,
			     MHD_OPTION_NOTIFY_COMPLETED, on_completed, NULL,
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
		snprintf(url, sizeof(url), ss.ss_family == AF_INET6 ? "http://[%s]:%u/" :
			 "http://%s:%u/", host, info ? info->port : 0);
	}
	if (o->ready)
		o->ready(url, o->ready_arg);
	wait_for_signal();
	fprintf(stderr, "cybercap: stopping (letting requests in flight finish)\n");
	MHD_quiesce_daemon(d);
	drain(d);
	MHD_stop_daemon(d);
cleanup:
	cc_jobs_free(&sv.jobs);
	cc_cache_free(&sv.cache);
	pthread_mutex_lock(&sv.lock);
	if (--sv.snap->refs == 0)
		cc_snapshot_free(sv.snap);
	pthread_mutex_unlock(&sv.lock);
	pthread_mutex_destroy(&sv.lock);
	cc_store_close(sv.store);
	return rc;
}
