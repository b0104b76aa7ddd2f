/*
 * bench_drill_load.c - what loading a drill costs per request, with the
 * scenario parsed once per version (service/scenario_cache.h) and, for
 * comparison, parsed again every time (the cache emptied before each
 * load, as every request did before the cache). bench/README.md,
 * "Drills".
 *
 *   bench_drill_load SCENARIO.yaml [LOADS]
 *
 * Prepares a data directory in /tmp with the scenario and a drill of
 * every team of it (one player each), then times LOADS calls of
 * cc_drill_load each way. Prints one line per figure.
 */
#include "format/scenario_yaml.h"
#include "service/drills.h"
#include "service/scenario_cache.h"
#include "service/scenarios.h"
#include "store/store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void die(const char *what, const struct cc_error *err)
{
	fprintf(stderr, "bench_drill_load: %s%s%s\n", what, err ? ": " : "", err ? err->msg : "");
	exit(2);
}

static void prepare(struct cc_store *s, const char *dir, const char *path)
{
	struct cc_error err;
	struct cc_scenario_added out;
	struct cc_scenario sc;
	struct cc_principal dp = {0};
	struct cc_drill_team_new teams[64];
	static char mails[64][64];
	static const char *emails[64];
	struct cc_drill_new n = {.id = "bench", .title = "Bench", .speed = 60, .teams = teams};

	cc_error_clear(&err);
	if (cc_scenarios_add_file(s, dir, path, "bench", &out, &err))
		die("scenario", &err);
	if (cc_store_create_user(s, "director@bench", "Director", "", &dp.id, &err))
		die("director", &err);
	snprintf(dp.email, sizeof(dp.email), "director@bench");
	if (cc_scenario_load(&sc, path, &err))
		die("scenario", &err);
	n.scenario = out.id;
	for (int t = 0; t < sc.nteams && t < 64; t++) {
		long long id;
		snprintf(mails[t], sizeof(mails[t]), "p%d@bench", t);
		emails[t] = mails[t];
		if (cc_store_create_user(s, mails[t], mails[t], "", &id, &err))
			die("player", &err);
		teams[t] = (struct cc_drill_team_new){.team = sc.teams[t].id, .players = &emails[t],
						      .nplayers = 1};
		n.nteams++;
	}
	if (cc_drills_create(s, dir, &n, &dp, 0, &err))
		die("create", &err);
	cc_scenario_free(&sc);
}

/* Seconds per load; cold empties the cache before each. */
static double loads(struct cc_store *s, const char *dir, int count, int cold)
{
	struct cc_error err;
	double t0 = now_s();

	for (int i = 0; i < count; i++) {
		struct cc_drill d;
		if (cold)
			cc_scenario_cache_clear();
		if (cc_drill_load(s, dir, "bench", &d, &err))
			die("load", &err);
		cc_drill_free(&d);
	}
	return (now_s() - t0) / count;
}

int main(int argc, char **argv)
{
	char dir[] = "/tmp/cybercap-bench-load-XXXXXX", cmd[200];
	struct cc_store *s;
	struct cc_error err;
	int count = argc > 2 ? atoi(argv[2]) : 2000;
	long before;
	double warm, cold;

	if (argc < 2 || count < 1)
		die("usage: bench_drill_load SCENARIO.yaml [LOADS]", NULL);
	if (!mkdtemp(dir))
		die("mkdtemp", NULL);
	if (cc_store_open(&s, dir, 1, &err))
		die("store", &err);
	prepare(s, dir, argv[1]);
	cold = loads(s, dir, count, 1);
	before = cc_scenario_cache_parses();
	warm = loads(s, dir, count, 0);
	printf("drill load, scenario parsed every time (%s): %.0f us\n", argv[1], cold * 1e6);
	printf("drill load, scenario parsed once per version: %.0f us (%.1fx faster; %ld parses "
	       "in %d loads)\n", warm * 1e6, cold / warm, cc_scenario_cache_parses() - before,
	       count);
	cc_store_close(s);
	cc_scenario_cache_clear();
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	return system(cmd) != 0;
}
