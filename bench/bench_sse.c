/*
 * bench_sse.c - the drill event stream under load (bench/README.md,
 * "Drills"): 1,000 players of one drill connected over Server-Sent Events
 * to one `cybercap serve`, on the same machine.
 *
 *   bench_sse CYBERCAP [PLAYERS]
 *
 * It prepares a data directory with the library (a scenario of ten
 * injects to every team, one a second at speed 60; ten teams; PLAYERS
 * accounts with bearer tokens), starts the server with room for the
 * connections, opens every stream, starts the drill and measures, per
 * inject and player, the delay from the inject's due time (the start plus
 * its `at`) to its arrival: p50, p99 and the worst, and whether every
 * player got every inject. Then a reconnect storm: every player drops its
 * connection and reconnects at once with Last-Event-ID, while ad-hoc
 * injects go out; every player must end with every inject, once, in
 * order. The server's resident memory is read from /proc before, with the
 * streams open, and after. Prints one line per figure; exit status 1 when
 * an inject was lost or the p99 is 1 s or more.
 *
 * One thread, epoll, non-blocking sockets; each connection de-chunks the
 * HTTP body and splits it into events.
 */
#include "format/scenario_zip.h"
#include "service/auth.h"
#include "service/drills.h"
#include "service/scenarios.h"
#include "store/store.h"

#include "bench_server.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define TEAMS 10
#define INJECTS 10          /* scheduled, one a second */
#define ADHOC 5             /* during the reconnect storm */
#define MAX_EVENTS (INJECTS + ADHOC)
#define BUF 65536

struct conn {
	int fd;
	int player;
	char token[65];
	long long last_id;          /* the last event id received */
	int got[MAX_EVENTS];        /* times each inject arrived */
	double at[MAX_EVENTS];      /* when (first time) */
	int order_bad;              /* an id not above the one before */
	int open;                   /* headers sent, 200 seen */
	/* HTTP */
	char head[4096];
	size_t headlen;
	int in_body;
	long chunk_left;            /* -1: reading a chunk-size line */
	char line[64];
	size_t linelen;
	int skip_crlf;
	/* SSE */
	char *ev;
	size_t evlen, evcap;
};

/* ---- the data directory ---- */

static char *scenario_text(void)
{
	static char text[8192];
	size_t n = (size_t)snprintf(text, sizeof(text),
		"cybercap-scenario: 1\nid: bench\ntitle: Bench\n"
		"objectives: [{id: o, name: O}]\nteams:\n");

	for (int t = 0; t < TEAMS; t++)
		n += (size_t)snprintf(text + n, sizeof(text) - n, "  - {id: t%d, name: Team %d}\n", t, t);
	n += (size_t)snprintf(text + n, sizeof(text) - n, "injects:\n");
	for (int i = 0; i < INJECTS; i++)
		n += (size_t)snprintf(text + n, sizeof(text) - n,
				      "  - {id: i%d, at: %d, to: [all], channel: email, title: Inject %d, "
				      "content: \"%s\"}\n", i, i + 2, i,
				      "A message of a few hundred bytes, as injects are: the hospital "
				      "reports renamed files on two servers and asks what to isolate "
				      "first, and whether to call the police.");
	return text;
}

static void prepare(const char *dir, int players, struct conn *c, char *director)
{
	struct cc_store *s;
	struct cc_error err;
	struct cc_scenario_added out;
	struct cc_principal dp = {0};
	struct cc_drill_team_new teams[TEAMS];
	const char **emails = calloc((size_t)players, sizeof(char *));
	char (*mail)[64] = calloc((size_t)players, 64);
	struct cc_drill_new n = {.id = "bench", .scenario = "bench", .title = "Bench",
				 .speed = 60, .teams = teams, .nteams = TEAMS};
	const char *text = scenario_text();

	if (!emails || !mail)
		die("out of memory", NULL);
	if (cc_store_open(&s, dir, 1, &err) ||
	    cc_scenarios_add_body(s, dir, text, strlen(text), "bench", &out, &err))
		die("store", &err);
	if (cc_store_create_user(s, "director@bench", "Director", "", &dp.id, &err) ||
	    cc_auth_issue_token(s, dp.id, director, &err))
		die("director", &err);
	snprintf(dp.email, sizeof(dp.email), "director@bench");
	cc_store_begin(s, &err);
	for (int p = 0; p < players; p++) {
		long long id;
		snprintf(mail[p], 64, "player%d@bench", p);
		emails[p] = mail[p];
		if (cc_store_create_user(s, mail[p], mail[p], "", &id, &err) ||
		    cc_auth_issue_token(s, id, c[p].token, &err))
			die("player", &err);
	}
	if (cc_store_commit(s, &err))
		die("commit", &err);
	for (int t = 0; t < TEAMS; t++) {
		static char ids[TEAMS][8];
		int from = players * t / TEAMS, to = players * (t + 1) / TEAMS;
		snprintf(ids[t], sizeof(ids[t]), "t%d", t);
		teams[t] = (struct cc_drill_team_new){.team = ids[t], .players = emails + from,
						      .nplayers = to - from};
	}
	if (cc_drills_create(s, dir, &n, &dp, now_s(), &err))
		die("create", &err);
	cc_store_close(s);
	free(emails);
	free(mail);
}

/* ---- the server ---- */

static long rss_kb(void)
{
	char path[64], line[256];
	long kb = -1;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/status", (int)server);
	f = fopen(path, "r");
	while (f && fgets(line, sizeof(line), f))
		if (strncmp(line, "VmRSS:", 6) == 0)
			kb = atol(line + 6);
	if (f)
		fclose(f);
	return kb;
}

/* ---- the streams ---- */

static int ep;

static void stream_open(struct conn *c)
{
	struct epoll_event e = {.events = EPOLLIN, .data.ptr = c};
	char req[512], last[64] = "";
	int n;

	c->fd = connect_server();
	if (c->last_id > 0)
		snprintf(last, sizeof(last), "Last-Event-ID: %lld\r\n", c->last_id);
	n = snprintf(req, sizeof(req), "GET /api/v1/drills/bench/events HTTP/1.1\r\nHost: b\r\n"
		     "Authorization: Bearer %s\r\nAccept: text/event-stream\r\n%s\r\n", c->token,
		     last);
	if (write(c->fd, req, (size_t)n) != n)
		die("write a stream", NULL);
	fcntl(c->fd, F_SETFL, O_NONBLOCK);
	c->headlen = 0, c->in_body = 0, c->chunk_left = -1, c->linelen = 0, c->skip_crlf = 0;
	c->evlen = 0, c->open = 0;
	epoll_ctl(ep, EPOLL_CTL_ADD, c->fd, &e);
}

static void stream_close(struct conn *c)
{
	epoll_ctl(ep, EPOLL_CTL_DEL, c->fd, NULL);
	close(c->fd);
	c->fd = -1;
}

/* One whole event in c->ev (without its blank line). */
static void on_event(struct conn *c, double t)
{
	long long id = 0;
	int inject = -1;
	char *p;

	c->ev[c->evlen] = '\0';
	if ((p = strstr(c->ev, "id: ")) && (p == c->ev || p[-1] == '\n'))
		id = atoll(p + 4);
	if (!strstr(c->ev, "event: inject"))
		return;
	if ((p = strstr(c->ev, "\"id\":\"")))
		inject = p[6] == 'i' ? atoi(p + 7) : p[6] == 'a' ? INJECTS + atoi(p + 12) - 1 : -1;
	if (id <= c->last_id)
		c->order_bad++;
	c->last_id = id;
	if (inject >= 0 && inject < MAX_EVENTS) {
		if (!c->got[inject]++)
			c->at[inject] = t;
	}
}

static void body_bytes(struct conn *c, const char *b, size_t n, double t)
{
	for (size_t i = 0; i < n; i++) {
		char ch = b[i];
		if (c->evlen + 2 >= c->evcap) {
			c->evcap = c->evcap ? c->evcap * 2 : 4096;
			c->ev = realloc(c->ev, c->evcap);
		}
		c->ev[c->evlen++] = ch;
		if (ch == '\n' && c->evlen >= 2 && c->ev[c->evlen - 2] == '\n') {
			c->evlen -= 2;
			if (c->evlen)
				on_event(c, t);
			c->evlen = 0;
		}
	}
}

/* De-chunks what came. */
static void on_data(struct conn *c, const char *d, size_t n, double t)
{
	size_t i = 0;

	while (i < n && !c->in_body) {
		if (c->headlen < sizeof(c->head) - 1)
			c->head[c->headlen++] = d[i];
		i++;
		if (c->headlen >= 4 && memcmp(c->head + c->headlen - 4, "\r\n\r\n", 4) == 0) {
			c->head[c->headlen] = '\0';
			c->open = strncmp(c->head, "HTTP/1.1 200", 12) == 0 ? 1 : -1;
			c->in_body = 1;
		}
	}
	while (i < n) {
		if (c->skip_crlf) {
			i++;
			c->skip_crlf--;
		} else if (c->chunk_left < 0) {
			char ch = d[i++];
			if (ch == '\n') {
				c->line[c->linelen] = '\0';
				c->chunk_left = strtol(c->line, NULL, 16);
				c->linelen = 0;
			} else if (ch != '\r' && c->linelen < sizeof(c->line) - 1) {
				c->line[c->linelen++] = ch;
			}
		} else {
			size_t take = n - i < (size_t)c->chunk_left ? n - i : (size_t)c->chunk_left;
			body_bytes(c, d + i, take, t);
			i += take;
			c->chunk_left -= (long)take;
			if (c->chunk_left == 0) {
				c->chunk_left = -1;
				c->skip_crlf = 2;
			}
		}
	}
}

/* Reads what is there on every stream for up to secs. */
static void pump(double secs)
{
	double end = now_s() + secs;
	struct epoll_event evs[256];
	char buf[BUF];

	for (;;) {
		double left = end - now_s();
		int n;
		if (left <= 0)
			return;
		n = epoll_wait(ep, evs, 256, (int)(left * 1000) + 1);
		for (int k = 0; k < n; k++) {
			struct conn *c = evs[k].data.ptr;
			ssize_t got;
			while ((got = read(c->fd, buf, sizeof(buf))) > 0)
				on_data(c, buf, (size_t)got, now_s());
			if (got == 0 || (got < 0 && errno != EAGAIN))
				stream_close(c);
		}
	}
}

static double iso_at(const char *json)
{
	const char *p = strstr(json, "\"at\":\"");
	struct tm tm = {0};
	double frac = 0;

	if (!p)
		return NAN;
	p += 6;
	if (sscanf(p, "%d-%d-%dT%d:%d:%d.", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour,
		   &tm.tm_min, &tm.tm_sec) != 6)
		return NAN;
	tm.tm_year -= 1900, tm.tm_mon -= 1;
	frac = atof(p + 19);
	return (double)timegm(&tm) + frac;
}

int main(int argc, char **argv)
{
	int players = argc > 2 ? atoi(argv[2]) : 1000, opened = 0, lost = 0, twice = 0, bad = 0,
	    order;
	char dir[] = "/tmp/cybercap-bench-sse-XXXXXX", director[65], body[4096];
	struct conn *c;
	struct rlimit rl;
	double t0, t1, *lat;
	long rss0, rss1, rss2;
	size_t nlat = 0;

	if (argc < 2 || players < 1 || players > 20000) {
		fprintf(stderr, "usage: bench_sse CYBERCAP [PLAYERS]\n");
		return 2;
	}
	signal(SIGPIPE, SIG_IGN);
	getrlimit(RLIMIT_NOFILE, &rl);
	rl.rlim_cur = rl.rlim_max;
	setrlimit(RLIMIT_NOFILE, &rl);
	if (!mkdtemp(dir) || !(c = calloc((size_t)players, sizeof(*c))))
		die("setup", NULL);
	lat = calloc((size_t)players * MAX_EVENTS, sizeof(double));
	prepare(dir, players, c, director);
	start_server(argv[1], dir, players * 2 + 200);
	usleep(200000);
	rss0 = rss_kb();
	ep = epoll_create1(0);
	t0 = now_s();
	for (int p = 0; p < players; p++) {
		c[p].player = p;
		stream_open(&c[p]);
		if (p % 100 == 99)
			pump(0.01);
	}
	for (int tries = 0; tries < 200 && opened < players; tries++) {
		pump(0.05);
		opened = 0;
		for (int p = 0; p < players; p++)
			opened += c[p].open == 1;
	}
	printf("streams: %d of %d open in %.2f s\n", opened, players, now_s() - t0);
	rss1 = rss_kb();
	if (http("POST", "/api/v1/drills/bench/status", director, "{\"status\":\"running\"}", body,
		 sizeof(body)) != 200)
		die("start", NULL);
	t0 = iso_at(body);
	pump(INJECTS + 3.0);
	for (int p = 0; p < players; p++)
		for (int i = 0; i < INJECTS; i++) {
			if (!c[p].got[i]) {
				lost++;
				continue;
			}
			lat[nlat++] = c[p].at[i] - (t0 + (i + 2));
		}
	qsort(lat, nlat, sizeof(double), cmp_double);
	printf("scheduled: %d injects to all, %zu deliveries received, %d lost\n", INJECTS, nlat,
	       lost);
	if (nlat)
		printf("delay from due time to arrival: p50 %.1f ms, p99 %.1f ms, max %.1f ms\n",
		       lat[nlat / 2] * 1000, lat[(size_t)((double)nlat * 0.99)] * 1000,
		       lat[nlat - 1] * 1000);
	bad |= lost > 0 || !nlat || lat[(size_t)((double)nlat * 0.99)] >= 1.0;
	rss2 = rss_kb();
	printf("server RSS: %ld KB idle, %ld KB with %d streams, %ld KB after the injects\n",
	       rss0, rss1, opened, rss2);
	/* the reconnect storm: everyone drops and comes back at once while
	 * ad-hoc injects go out */
	t0 = now_s();
	for (int p = 0; p < players; p++)
		stream_close(&c[p]);
	for (int p = 0; p < players; p++) {
		stream_open(&c[p]);
		if (p == players / 2)
			for (int a = 0; a < ADHOC; a++) {
				char json[256];
				snprintf(json, sizeof(json), "{\"title\":\"Storm %d\",\"content\":\"During "
					 "the storm\",\"channel\":\"system\",\"to\":[\"all\"]}", a);
				if (http("POST", "/api/v1/drills/bench/injects", director, json, NULL, 0) != 201)
					die("ad hoc", NULL);
			}
	}
	/* until every player has every inject (or 10 s) */
	for (double until = now_s() + 10; now_s() < until;) {
		pump(0.02);
		lost = 0;
		for (int p = 0; p < players && !lost; p++)
			for (int i = 0; i < MAX_EVENTS; i++)
				lost += c[p].got[i] == 0;
		if (!lost)
			break;
	}
	t1 = now_s() - t0;
	pump(0.5);   /* anything sent twice would come now */
	lost = twice = opened = order = 0;
	for (int p = 0; p < players; p++) {
		opened += c[p].open == 1;
		for (int i = 0; i < MAX_EVENTS; i++) {
			lost += c[p].got[i] == 0;
			twice += c[p].got[i] > 1;
		}
		order += c[p].order_bad > 0;
	}
	printf("reconnect storm: %d of %d back with Last-Event-ID, every inject (%d scheduled, %d "
	       "sent during the storm) with every player %.2f s after the drop; %d lost, %d "
	       "received twice, %d players out of order\n", opened, players, INJECTS, ADHOC, t1,
	       lost, twice, order);
	bad |= order > 0;
	bad |= lost > 0 || twice > 0;
	printf("server RSS after the storm: %ld KB\n", rss_kb());
	for (int p = 0; p < players; p++)
		if (c[p].fd >= 0)
			stream_close(&c[p]);
	fflush(stdout);
	kill(server, SIGTERM);
	waitpid(server, NULL, 0);
	{
		char cmd[200];
		snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
		if (system(cmd) != 0)
			fprintf(stderr, "bench_sse: %s left behind\n", dir);
	}
	printf("result: %s\n", bad ? "FAILED" : "ok");
	fflush(stdout);
	return bad;
}
