/*
 * bench_score.c - how fast the engine parses and scores.
 *
 *  (a) the bundled framework with 194 fictional units (cybercap sample's
 *      generator): parse the responses, score, rank;
 *  (b) a synthetic framework of 10 pillars x 10 groups x 10 questions
 *      (1,000 questions) with 10,000 units (10 M answers).
 * Prints answers scored per second (scoring only, one core), ranking time,
 * CSV parse speed in MB/s and the peak resident set size.
 */
#include "core/sample.h"
#include "core/score.h"
#include "format/framework_yaml.h"
#include "format/responses_csv.h"
#include "format/responses_out.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static void die(const struct cc_error *e)
{
	fprintf(stderr, "bench: %s:%ld: %s\n", e->file, e->line, e->msg);
	exit(1);
}

/* Scores every unit (no ranking) and returns seconds. */
static double time_scoring(const struct cc_framework *fw, const struct cc_answers *a)
{
	double *values = malloc((size_t)fw->nnodes * sizeof(double));
	unsigned char *state = malloc((size_t)fw->nnodes);
	struct cc_range *ranges = malloc((size_t)(fw->nleaves + 1) * sizeof(*ranges));
	double t0 = now(), sink = 0;

	cc_score_ranges(fw, a, ranges);
	for (int u = 0; u < a->nunits; u++) {
		cc_score_unit(fw, a, ranges, NULL, u, values, state);
		sink += values[0];
	}
	t0 = now() - t0;
	if (sink < 0)
		printf("impossible\n");
	free(values);
	free(state);
	free(ranges);
	return t0;
}

static void report(const char *name, const struct cc_framework *fw,
		   const struct cc_answers *a, double parse_s, size_t bytes, int reps)
{
	struct cc_scores s;
	struct cc_error err;
	double best = 1e9, t, answers = (double)a->nunits * fw->nleaves;

	for (int r = 0; r < reps; r++) {
		t = time_scoring(fw, a);
		if (t < best)
			best = t;
	}
	t = now();
	if (cc_scores_compute(&s, fw, a, &err))
		die(&err);
	t = now() - t;
	printf("%s: %d units x %d questions = %.0f answers\n", name, a->nunits,
	       fw->nleaves, answers);
	printf("%s:   parse responses     %8.3f s  %8.1f MB/s\n", name, parse_s,
	       (double)bytes / 1e6 / parse_s);
	printf("%s:   score (1 core)      %8.4f s  %8.1f M answers/s\n", name, best,
	       answers / best / 1e6);
	printf("%s:   score + rank + level %7.4f s\n", name, t);
	cc_scores_free(&s);
}

static char *synthetic_framework(void)
{
	size_t cap = 1 << 20, n = 0;
	char *y = malloc(cap);

	n += (size_t)snprintf(y + n, cap - n, "cybercap: 1\nid: synth\ntitle: Synthetic\n"
			      "levels: [{id: A, min: 50}, {id: B, min: 0}]\nnodes:\n");
	for (int p = 0; p < 10; p++) {
		n += (size_t)snprintf(y + n, cap - n, "  - id: p%d\n    name: P\n    children:\n", p);
		for (int g = 0; g < 10; g++) {
			n += (size_t)snprintf(y + n, cap - n,
					      "      - id: p%d.g%d\n        name: G\n%s        children:\n",
					      p, g, g % 3 == 0 ? "        aggregate: geometric\n" : "");
			for (int q = 0; q < 10; q++)
				n += (size_t)snprintf(y + n, cap - n,
						      "          - {id: q%d_%d_%d, question: Q, type: %s}\n",
						      p, g, q, q % 2 ? "yes_no, partial: 0.5" :
						      "choice, options: [{id: a, value: 0}, {id: b, value: 0.5}, {id: c, value: 1}]");
		}
	}
	return y;
}

static char *synthetic_responses(const struct cc_framework *fw, int units, size_t *len)
{
	size_t cap = (size_t)units * (size_t)fw->nleaves * 24 + 64, n = 0;
	char *c = malloc(cap);
	unsigned x = 12345;

	n += (size_t)snprintf(c + n, cap - n, "unit,question,answer\n");
	for (int u = 0; u < units; u++) {
		for (int l = 0; l < fw->nleaves; l++) {
			const struct cc_node *q = &fw->nodes[fw->leaves[l]];
			x = x * 1103515245u + 12345u;
			n += (size_t)snprintf(c + n, cap - n, "U%05d,%s,%s\n", u, q->id,
					      q->qtype == CC_Q_YES_NO ?
					      ((x >> 16) % 3 == 0 ? "no" : (x >> 16) % 3 == 1 ? "yes" : "partial") :
					      ((x >> 16) % 3 == 0 ? "a" : (x >> 16) % 3 == 1 ? "b" : "c"));
		}
	}
	*len = n;
	return c;
}

static void bench_bundled(const char *path)
{
	struct cc_framework fw;
	struct cc_answers a, b;
	struct cc_sample_opts o = {.units = 194, .seed = 7, .blank_rate = 0.02};
	struct cc_error err;
	char *text;
	size_t len;
	FILE *mem;
	double t;

	if (cc_framework_load(&fw, path, &err) || cc_sample_answers(&fw, &o, &a, &err))
		die(&err);
	mem = open_memstream(&text, &len);
	cc_responses_write_csv(mem, &a);
	fclose(mem);
	t = now();
	for (int r = 0; r < 20; r++) {
		if (cc_responses_parse(&b, &fw, "mem.csv", text, len, &err))
			die(&err);
		cc_answers_free(&b);
	}
	t = (now() - t) / 20;
	report("bundled", &fw, &a, t, len, 200);
	free(text);
	cc_answers_free(&a);
	cc_framework_free(&fw);
}

static void bench_synthetic(int units)
{
	struct cc_framework fw;
	struct cc_answers a;
	struct cc_error err;
	char *yaml = synthetic_framework(), *csv;
	size_t len;
	double t;

	if (cc_framework_parse(&fw, "synth.yaml", yaml, strlen(yaml), &err))
		die(&err);
	csv = synthetic_responses(&fw, units, &len);
	t = now();
	if (cc_responses_parse(&a, &fw, "synth.csv", csv, len, &err))
		die(&err);
	t = now() - t;
	free(csv);
	report("synthetic", &fw, &a, t, len, 3);
	cc_answers_free(&a);
	cc_framework_free(&fw);
	free(yaml);
}

int main(int argc, char **argv)
{
	struct rusage ru;
	int units = argc > 2 ? atoi(argv[2]) : 10000;

	bench_bundled(argc > 1 ? argv[1] : "frameworks/national-commitment.yaml");
	bench_synthetic(units);
	getrusage(RUSAGE_SELF, &ru);
	printf("peak RSS: %.1f MB\n", (double)ru.ru_maxrss / 1024);
	return 0;
}
