/*
 * bench_attempts.c - challenge attempts under load (bench/README.md,
 * "Drills: challenge attempts"): 200 teams of a drill submitting flags
 * at once to one `cybercap serve` on the same machine, every answer
 * durable before it is acknowledged, while scoreboards are read.
 *
 *   bench_attempts CYBERCAP [SECONDS]
 *
 * It prepares a data directory with the library (a scenario of 20
 * challenges, 200 teams of one player each with a bearer token), starts
 * the server, starts the drill, and opens one keep-alive connection per
 * team, each sending its next attempt as soon as the last is answered:
 * right flags in turn over 19 of the challenges (a team's first right
 * answer to a challenge solves it, later ones are taken as "already
 * solved"), and every 100th a wrong one to the 20th, which nobody solves
 * (so it is judged wrong, not "already"; a team that reaches the rate
 * limit of 10 wrong answers a minute is refused: counted apart). Beside them, 8
 * connections read the scoreboard, one request every 20 ms each, and
 * record the latency. After SECONDS (default 10) it lets the answers in
 * flight come (up to 5 s), stops the server and counts the rows: every
 * acknowledged solve and attempt must be in the database, rows beyond
 * those only for attempts still unanswered then, and no team may have a
 * challenge twice. Prints one line per figure; exit status 1 when a row
 * is missing, attempts/s is under 10,000 or the read p99 is 50 ms or more.
 *
 * One thread, epoll, non-blocking sockets.
 */
#include "service/auth.h"
#include "service/drills.h"
#include "service/scenarios.h"
#include "store/store.h"

#include "bench_server.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/wait.h>

#define TEAMS 200
#define CHALLENGES 20
#define READ_GAP 0.02
#define WRONG_EVERY 100
#define MAX_LAT 2000000

struct conn {
	int fd;
	int team;                   /* -1: a scoreboard reader */
	char token[65];
	char out[1024];
	size_t outlen, outat;
	char in[65536];
	size_t inlen;
	long sent;                  /* requests sent */
	double started;             /* of the request in flight; 0: none */
	double next;                /* reader: when to send the next */
};

static int ep;
static long n_correct, n_wrong, n_already, n_rate, n_other, n_reads, n_read_bad;
static double *lat;
static size_t nlat;
static bool stopping;
static int READERS = 8;

/* ---- the data directory ---- */

static char *scenario_text(void)
{
	static char text[65536];
	size_t n = (size_t)snprintf(text, sizeof(text),
		"cybercap-scenario: 1\nid: bench\ntitle: Bench\n"
		"objectives: [{id: o, name: O}]\nteams:\n");

	for (int t = 0; t < TEAMS; t++)
		n += (size_t)snprintf(text + n, sizeof(text) - n, "  - {id: t%d, name: Team %d}\n", t, t);
	n += (size_t)snprintf(text + n, sizeof(text) - n, "injects: []\nchallenges:\n");
	for (int c = 0; c < CHALLENGES; c++)
		n += (size_t)snprintf(text + n, sizeof(text) - n,
			"  - {id: c%d, name: Challenge %d, category: forensics, %s, max_attempts: 1000, "
			"flags: [{type: %s, value: \"FLAG{bench-%d}\"}]}\n", c, c,
			c % 2 ? "value: 100" : "dynamic: {initial: 500, minimum: 100, decay: 50}",
			c % 3 ? "static" : "case_insensitive", c);
	return text;
}

static void prepare(const char *dir, struct conn *c, char *director)
{
	struct cc_store *s;
	struct cc_error err;
	struct cc_scenario_added out;
	struct cc_principal dp = {0};
	static struct cc_drill_team_new teams[TEAMS];
	static char mail[TEAMS][64], ids[TEAMS][8];
	static const char *emails[TEAMS];
	struct cc_drill_new n = {.id = "bench", .scenario = "bench", .title = "Bench",
				 .speed = 1, .teams = teams, .nteams = TEAMS};
	const char *text = scenario_text();

	if (cc_store_open(&s, dir, 1, &err) ||
	    cc_scenarios_add_body(s, dir, text, strlen(text), "bench", &out, &err))
		die("store", &err);
	if (cc_store_create_user(s, "director@bench", "Director", "", &dp.id, &err) ||
	    cc_auth_issue_token(s, dp.id, director, &err))
		die("director", &err);
	snprintf(dp.email, sizeof(dp.email), "director@bench");
	cc_store_begin(s, &err);
	for (int t = 0; t < TEAMS; t++) {
		long long id;
		snprintf(mail[t], 64, "player%d@bench", t);
		snprintf(ids[t], sizeof(ids[t]), "t%d", t);
		emails[t] = mail[t];
		if (cc_store_create_user(s, mail[t], mail[t], "", &id, &err) ||
		    cc_auth_issue_token(s, id, c[t].token, &err))
			die("player", &err);
		teams[t] = (struct cc_drill_team_new){.team = ids[t], .players = &emails[t],
						      .nplayers = 1};
	}
	if (cc_store_commit(s, &err))
		die("commit", &err);
	if (cc_drills_create(s, dir, &n, &dp, now_s(), &err))
		die("create", &err);
	cc_store_close(s);
}

/* ---- the connections ---- */

static void next_request(struct conn *c)
{
	char body[128];
	int k = (int)(c->sent % (CHALLENGES - 1)), n;

	if (c->team < 0) {
		n = snprintf(c->out, sizeof(c->out), "GET /api/v1/drills/bench/scoreboard HTTP/1.1\r\n"
			     "Host: b\r\nAuthorization: Bearer %s\r\n\r\n", c->token);
	} else {
		/* a team's right answer to challenge k, written as a player
		 * would (case-insensitive flags in lower case half the time) */
		if (c->sent % WRONG_EVERY == WRONG_EVERY - 1)
			k = CHALLENGES - 1;     /* the one nobody solves */
		if (k == CHALLENGES - 1)
			snprintf(body, sizeof(body), "{\"flag\":\"FLAG{guess-%ld}\"}", c->sent);
		else
			snprintf(body, sizeof(body), "{\"flag\":\"%s{bench-%d}\"}",
				 k % 3 == 0 && c->sent % 2 ? "flag" : "FLAG", k);
		n = snprintf(c->out, sizeof(c->out), "POST /api/v1/drills/bench/challenges/c%d/attempts "
			     "HTTP/1.1\r\nHost: b\r\nAuthorization: Bearer %s\r\nContent-Type: "
			     "application/json\r\nContent-Length: %zu\r\n\r\n%s", k, c->token,
			     strlen(body), body);
	}
	c->outlen = (size_t)n;
	c->outat = 0;
	c->sent++;
	c->started = now_s();
}

static void flush_out(struct conn *c)
{
	while (c->outat < c->outlen) {
		ssize_t n = write(c->fd, c->out + c->outat, c->outlen - c->outat);
		if (n <= 0) {
			if (n < 0 && errno == EAGAIN)
				return;
			die("write", NULL);
		}
		c->outat += (size_t)n;
	}
}

static void counted(const struct conn *c, int status, const char *body, double t)
{
	if (c->team < 0) {
		n_reads++;
		n_read_bad += status != 200 || !strstr(body, "\"teams\"");
		if (nlat < MAX_LAT)
			lat[nlat++] = t - c->started;
		return;
	}
	if (status == 429)
		n_rate++;
	else if (status != 200)
		n_other++;
	else if (strstr(body, "\"already_solved\": true") || strstr(body, "\"already_solved\":true"))
		n_already++;
	else if (strstr(body, "\"correct\": true") || strstr(body, "\"correct\":true"))
		n_correct++;
	else
		n_wrong++;
}

/* Takes whole answers out of c->in; true when one came. */
static bool take_answer(struct conn *c, double t)
{
	char *end, *cl;
	size_t head, len;
	int status = 0;

	c->in[c->inlen] = '\0';
	if (!(end = strstr(c->in, "\r\n\r\n")))
		return false;
	head = (size_t)(end - c->in) + 4;
	cl = strstr(c->in, "Content-Length:");
	len = cl && cl < end ? (size_t)atol(cl + 15) : 0;
	if (c->inlen < head + len)
		return false;
	sscanf(c->in, "HTTP/1.1 %d", &status);
	counted(c, status, c->in + head, t);
	memmove(c->in, c->in + head + len, c->inlen - head - len);
	c->inlen -= head + len;
	c->started = 0;
	return true;
}

static void conn_open(struct conn *c)
{
	struct epoll_event e = {.events = EPOLLIN | EPOLLOUT | EPOLLET, .data.ptr = c};

	c->fd = connect_server();
	fcntl(c->fd, F_SETFL, O_NONBLOCK);
	epoll_ctl(ep, EPOLL_CTL_ADD, c->fd, &e);
}

static void send_next(struct conn *c)
{
	next_request(c);
	flush_out(c);
}

static void on_readable(struct conn *c, double t)
{
	ssize_t n;

	while ((n = read(c->fd, c->in + c->inlen, sizeof(c->in) - 1 - c->inlen)) > 0) {
		c->inlen += (size_t)n;
		while (take_answer(c, t))
			if (!stopping && c->team >= 0)
				send_next(c);
			else if (c->team < 0)
				c->next = t + READ_GAP;
	}
	if (n == 0)
		die("the server closed a connection", NULL);
}

static void pump(struct conn *c, int nc, double secs)
{
	double end = now_s() + secs;
	struct epoll_event evs[512];

	for (double t = now_s(); t < end; t = now_s()) {
		int n = epoll_wait(ep, evs, 512, 2);
		t = now_s();
		for (int i = 0; i < n; i++) {
			struct conn *x = evs[i].data.ptr;
			if (evs[i].events & EPOLLOUT)
				flush_out(x);
			if (evs[i].events & EPOLLIN)
				on_readable(x, t);
		}
		for (int i = 0; i < nc; i++)
			if (c[i].team < 0 && !stopping && !c[i].started && c[i].next <= t)
				send_next(&c[i]);
	}
}

static int in_flight(const struct conn *c, int nc)
{
	int n = 0;

	for (int i = 0; i < nc; i++)
		n += c[i].started != 0;
	return n;
}

/* ---- after ---- */

static void count_rows(const char *dir, int *solves, int *attempts)
{
	struct cc_store *s;
	struct cc_error err;
	struct cc_list l;

	if (cc_store_open(&s, dir, 0, &err) || cc_store_solves(s, "bench", &l, &err))
		die("read the rows", &err);
	*solves = l.n;
	cc_list_free(&l);
	if (cc_store_attempts(s, "bench", NULL, &l, &err))
		die("read the rows", &err);
	*attempts = l.n;
	cc_list_free(&l);
	cc_store_close(s);
}

int main(int argc, char **argv)
{
	double secs = argc > 2 ? atof(argv[2]) : 10, t0, t1, rate;
	char dir[] = "/tmp/cybercap-bench-attempts-XXXXXX", director[65], body[4096];
	int nc, solves, attempts, bad = 0;
	struct conn *c;
	long answered, unanswered;

	if (argc > 3)
		READERS = atoi(argv[3]);
	nc = TEAMS + READERS;
	c = calloc((size_t)nc, sizeof(*c));
	if (argc < 2 || secs <= 0 || READERS < 0 || READERS > 100) {
		fprintf(stderr, "usage: bench_attempts CYBERCAP [SECONDS]\n");
		return 2;
	}
	signal(SIGPIPE, SIG_IGN);
	lat = calloc(MAX_LAT, sizeof(double));
	if (!mkdtemp(dir) || !c || !lat)
		die("setup", NULL);
	prepare(dir, c, director);
	start_server(argv[1], dir, nc + 100);
	if (http("POST", "/api/v1/drills/bench/status", director, "{\"status\":\"running\"}", body,
		 sizeof(body)) != 200)
		die("start the drill", NULL);
	ep = epoll_create1(0);
	for (int i = 0; i < nc; i++) {
		c[i].team = i < TEAMS ? i : -1;
		if (i >= TEAMS)         /* readers read as players of some teams */
			memcpy(c[i].token, c[(i - TEAMS) * 7].token, sizeof(c[i].token));
		conn_open(&c[i]);
	}
	t0 = now_s();
	for (int i = 0; i < TEAMS; i++)
		send_next(&c[i]);
	pump(c, nc, secs);
	stopping = true;
	t1 = now_s();
	for (int tries = 0; tries < 500 && in_flight(c, nc); tries++)
		pump(c, nc, 0.01);
	unanswered = in_flight(c, nc);
	answered = n_correct + n_wrong + n_already + n_rate + n_other;
	rate = (double)answered / (t1 - t0);
	qsort(lat, nlat, sizeof(double), cmp_double);
	printf("attempts: %ld answered in %.1f s by %d teams at once: %.0f attempts/s\n", answered,
	       t1 - t0, TEAMS, rate);
	printf("outcomes: %ld solved, %ld already solved, %ld wrong, %ld refused by the rate "
	       "limit (429), %ld other\n", n_correct, n_already, n_wrong, n_rate, n_other);
	printf("scoreboard reads under that load: %ld (%d connections), p50 %.1f ms, p99 %.1f ms, "
	       "max %.1f ms, %ld bad\n", n_reads, READERS, quantile(lat, nlat, 0.5) * 1000,
	       quantile(lat, nlat, 0.99) * 1000, nlat ? lat[nlat - 1] * 1000 : NAN, n_read_bad);
	for (int i = 0; i < nc; i++)
		close(c[i].fd);
	fflush(stdout);
	kill(server, SIGTERM);
	waitpid(server, NULL, 0);
	count_rows(dir, &solves, &attempts);
	printf("rows after the server stopped: %d solves (%ld acknowledged), %d attempts (%ld "
	       "acknowledged, %ld sent but not answered when the run stopped)\n", solves, n_correct,
	       attempts, n_correct + n_wrong + n_already, unanswered);
	/* every acknowledged row is there; a row beyond them can only be an
	 * attempt whose answer had not come back when the run stopped */
	bad |= solves < n_correct || solves > n_correct + unanswered;
	bad |= attempts < n_correct + n_wrong + n_already ||
	       attempts > n_correct + n_wrong + n_already + unanswered;
	bad |= n_other > 0 || n_read_bad > 0 || solves > TEAMS * CHALLENGES;
	bad |= rate < 10000 || quantile(lat, nlat, 0.99) >= 0.05;
	{
		char cmd[200];
		snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
		if (system(cmd) != 0)
			fprintf(stderr, "bench_attempts: %s left behind\n", dir);
	}
	printf("result: %s\n", bad ? "FAILED" : "ok");
	free(c);
	free(lat);
	return bad;
}
