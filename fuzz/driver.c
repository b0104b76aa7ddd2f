/*
 * driver.c - the embedded server the HTTP fuzz harnesses share (see
 * driver.h). The data directory lives under /dev/shm when it can, where
 * SQLite's fsync costs nothing, and is removed at exit.
 */
#define _XOPEN_SOURCE 700
#include "driver.h"

#include "server/server.h"
#include "service/auth.h"
#include "service/service.h"

#include <errno.h>
#include <ftw.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define RESET_EVERY 4000

static struct fuzz_env env;
static char root[256], pristine[300], live[300], web[300];
static struct cc_server_opts opts;
static struct cc_server *server;
static int sent;

static void die(const char *what, const struct cc_error *err)
{
	fprintf(stderr, "fuzz driver: %s%s%s\n", what, err ? ": " : "", err ? err->msg : "");
	abort();
}

static int rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st, (void)flag, (void)ftw;
	return remove(path);
}

static void rm_tree(const char *dir)
{
	nftw(dir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	if (!f || fputs(text, f) == EOF || fclose(f) != 0)
		die(path, NULL);
}

static void copy_file(const char *from, const char *to)
{
	FILE *in = fopen(from, "rb"), *out = fopen(to, "wb");
	char buf[65536];
	size_t n;

	if (!in || !out)
		die(from, NULL);
	while ((n = fread(buf, 1, sizeof(buf), in)) > 0)
		if (fwrite(buf, 1, n, out) != n)
			die(to, NULL);
	fclose(in);
	if (fclose(out) != 0)
		die(to, NULL);
}

/* The password of one demo account, from DIR/demo-logins.txt. */
static void demo_password(const char *email, char *pw, size_t size)
{
	char path[400], line[400], role[64], mail[256], word[128];
	FILE *f;

	snprintf(path, sizeof(path), "%s/demo-logins.txt", pristine);
	f = fopen(path, "r");
	if (!f)
		die(path, NULL);
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "%63s %255s %127s", role, mail, word) == 3 && strcmp(mail, email) == 0)
			snprintf(pw, size, "%s", word);
	fclose(f);
}

static void token_of(struct cc_store *s, const char *email, char *token)
{
	struct cc_error err;
	struct cc_list l;
	long long id;

	if (cc_store_user(s, email, 0, &l, &err) != CC_OK)
		die(email, &err);
	id = ((struct cc_user_rec *)l.items)[0].id;
	cc_list_free(&l);
	if (cc_auth_issue_token(s, id, token, &err) != CC_OK)
		die("token", &err);
}

static void start_live(void)
{
	char from[400], to[400];
	struct cc_error err;

	rm_tree(live);
	snprintf(to, sizeof(to), "%s/evidence", live);
	if (mkdir(live, 0700) || mkdir(to, 0700))
		die(live, NULL);
	snprintf(from, sizeof(from), "%s/cybercap.db", pristine);
	snprintf(to, sizeof(to), "%s/cybercap.db", live);
	copy_file(from, to);
	if (cc_server_embed(&opts, &server, &err) != CC_OK)
		die("embed", &err);
}

static void cleanup(void)
{
	cc_server_free(server);
	server = NULL;
	if (root[0])
		rm_tree(root);
}

static void setup(void)
{
	const char *base = access("/dev/shm", W_OK) == 0 ? "/dev/shm" :
			   getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
	struct cc_principal who;
	struct cc_store *s;
	struct cc_error err;
	char pw[128] = "", path[400];

	snprintf(root, sizeof(root), "%s/cybercap-fuzz.XXXXXX", base);
	if (!mkdtemp(root))
		die(root, NULL);
	atexit(cleanup);
	snprintf(pristine, sizeof(pristine), "%s/pristine", root);
	snprintf(live, sizeof(live), "%s/live", root);
	snprintf(web, sizeof(web), "%s/web", root);
	/* The harness runs from the checkout's root (fuzz/run). */
	if (cc_service_demo(pristine, "data", &err) != CC_OK)
		die("demo data", &err);
	if (cc_store_open(&s, pristine, 0, &err) != CC_OK)
		die("store", &err);
	token_of(s, "admin@demo.cybercap", env.admin);
	token_of(s, "focal.xaa@demo.cybercap", env.focal);
	demo_password("admin@demo.cybercap", pw, sizeof(pw));
	if (cc_auth_login(s, "admin@demo.cybercap", pw, env.session, &who, &err) != CC_OK)
		die("login", &err);
	snprintf(env.csrf, sizeof(env.csrf), "%s", who.csrf);
	cc_store_close(s);
	/* A small web directory for the static route. */
	snprintf(path, sizeof(path), "%s/assets", web);
	if (mkdir(web, 0700) || mkdir(path, 0700))
		die(web, NULL);
	snprintf(path, sizeof(path), "%s/index.html", web);
	write_file(path, "<!doctype html><title>cybercap</title>");
	snprintf(path, sizeof(path), "%s/assets/app.js", web);
	write_file(path, "console.log(1)");
	snprintf(path, sizeof(path), "%s/secret.txt", root);
	write_file(path, "outside the web directory");
	opts.data_dir = live;
	opts.web_dir = web;
	start_live();
}

const struct fuzz_env *fuzz_env(void)
{
	if (!server)
		setup();
	return &env;
}

int fuzz_send(const char *req, size_t len)
{
	char *out;
	size_t outlen;
	int status;

	fuzz_env();
	if (++sent % RESET_EVERY == 0) {
		cc_server_free(server);
		server = NULL;
		start_live();
	}
	if (cc_server_exchange(server, req, len, &out, &outlen) != CC_OK) {
		fprintf(stderr, "fuzz driver: the exchange did not end\n");
		abort();
	}
	/* Several responses may follow one another (pipelining): check the
	 * status of each one found by skipping Content-Length bytes (a HEAD
	 * or 304 response has none; the walk stops where it loses track). */
	if (outlen && strncmp(out, "HTTP/1.", 7) != 0) {
		fprintf(stderr, "fuzz driver: not an HTTP response: %.40s\n", out);
		abort();
	}
	for (const char *p = out; p && (size_t)(out + outlen - p) >= 12 &&
	     strncmp(p, "HTTP/1.", 7) == 0;) {
		const char *end = strstr(p, "\r\n\r\n"), *cl = strstr(p, "\r\nContent-Length: ");
		/* 501 and 505 are libmicrohttpd refusing a method or version it
		 * does not speak; every other 5xx is the server failing. */
		if (p[9] == '5' && !(p[10] == '0' && (p[11] == '1' || p[11] == '5'))) {
			fprintf(stderr, "fuzz driver: server error: %.2000s\n", p);
			abort();
		}
		if (!end || !cl || cl > end)
			break;
		p = end + 4 + strtoul(cl + 18, NULL, 10);
		if (p > out + outlen)
			break;
	}
	status = outlen >= 12 ? atoi(out + 9) : 0;
	free(out);
	return status;
}

void fuzz_put(struct fuzz_buf *b, const void *data, size_t len)
{
	if (b->len + len + 1 > b->cap) {
		size_t want = (b->cap ? b->cap * 2 : 4096) + len;
		char *grown = realloc(b->p, want);
		if (!grown)
			abort();
		b->p = grown;
		b->cap = want;
	}
	memcpy(b->p + b->len, data, len);
	b->len += len;
	b->p[b->len] = '\0';
}

void fuzz_puts(struct fuzz_buf *b, const char *s)
{
	fuzz_put(b, s, strlen(s));
}

void fuzz_printf(struct fuzz_buf *b, const char *fmt, ...)
{
	char tmp[1024];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= sizeof(tmp))
		abort();
	fuzz_put(b, tmp, (size_t)n);
}
