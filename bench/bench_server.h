/*
 * bench_server.h - what the server benchmarks (bench_sse.c,
 * bench_attempts.c) share: the clock, failing, starting `cybercap serve`
 * on a free port with room for the benchmark's connections, one blocking
 * request, and sorting latencies. Each benchmark is one program; these
 * are static so each includes its own copy.
 */
#ifndef CC_BENCH_SERVER_H
#define CC_BENCH_SERVER_H

#include "core/error.h"

#include <arpa/inet.h>
#include <math.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

static pid_t server;
static int port;

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void die(const char *what, const struct cc_error *err)
{
	fprintf(stderr, "bench: %s%s%s\n", what, err ? ": " : "", err ? err->msg : "");
	exit(2);
}

/* Starts bin serve on dir with room for conns connections; sets server
 * and port. */
static void start_server(const char *bin, const char *dir, int conns)
{
	int out[2];
	char n[32], line[512];
	FILE *f;

	if (pipe(out))
		die("pipe", NULL);
	snprintf(n, sizeof(n), "%d", conns);
	server = fork();
	if (server == 0) {
		dup2(out[1], 1);
		close(out[0]);
		execl(bin, bin, "serve", "--data", dir, "--listen", "127.0.0.1:0", "--max-connections",
		      n, "--per-ip", n, (char *)NULL);
		_exit(127);
	}
	close(out[1]);
	f = fdopen(out[0], "r");
	while (f && fgets(line, sizeof(line), f)) {
		char *p = strstr(line, "127.0.0.1:");
		if (p) {
			port = atoi(p + 10);
			break;
		}
	}
	if (!port)
		die("the server did not start", NULL);
}

/* A connected socket to the server (blocking). */
static int connect_server(void)
{
	struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
	int fd = socket(AF_INET, SOCK_STREAM, 0);

	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (fd < 0 || connect(fd, (struct sockaddr *)&a, sizeof(a)) != 0)
		die("connect", NULL);
	return fd;
}

/* A request on its own connection, blocking; the status, or -1. The body
 * of the answer into body (size bytes) when given. */
static int http(const char *method, const char *path, const char *token, const char *json,
		char *body, size_t size)
{
	char req[4096], resp[65536];
	size_t got = 0;
	int fd = connect_server(), status = -1;
	ssize_t n;

	n = snprintf(req, sizeof(req), "%s %s HTTP/1.1\r\nHost: b\r\nConnection: close\r\n"
		     "Authorization: Bearer %s\r\nContent-Type: application/json\r\n"
		     "Content-Length: %zu\r\n\r\n%s", method, path, token, json ? strlen(json) : 0,
		     json ? json : "");
	if (write(fd, req, (size_t)n) != n)
		die("write", NULL);
	while (got < sizeof(resp) - 1 && (n = read(fd, resp + got, sizeof(resp) - 1 - got)) > 0)
		got += (size_t)n;
	resp[got] = '\0';
	close(fd);
	sscanf(resp, "HTTP/1.1 %d", &status);
	if (body) {
		char *b = strstr(resp, "\r\n\r\n");
		snprintf(body, size, "%s", b ? b + 4 : "");
	}
	return status;
}

static inline int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* The p-quantile (0..1) of sorted v[0..n). */
static inline double quantile(const double *v, size_t n, double p)
{
	size_t i = (size_t)((double)n * p);

	return n ? v[i < n ? i : n - 1] : NAN;
}

#endif
