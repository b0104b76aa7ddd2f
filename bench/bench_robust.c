/*
 * bench_robust.c - speed of the robustness analyses:
 *  (a) the bundled framework with 194 fictional units, 3 factors;
 *  (b) a synthetic index of 200 units x 100 indicators (5 pillars of 20)
 *      with 5 factors: 10,000 uncertainty runs [target < 2 s on 2 cores]
 *      and a Sobol analysis with N = 4,096 [target < 10 s].
 */
#include "core/sample.h"
#include "core/sensitivity.h"
#include "format/framework_yaml.h"
#include "format/responses_csv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static void die(const char *what, const struct cc_error *e)
{
	fprintf(stderr, "bench: %s: %s\n", what, e->msg);
	exit(1);
}

static void setup(struct cc_robust *r, const struct cc_framework *fw,
		  const struct cc_answers *a, const char *const *specs, int n)
{
	struct cc_factor f[8];
	struct cc_error err;
	char why[200];

	for (int i = 0; i < n; i++)
		if (cc_factor_parse(fw, specs[i], &f[i], why, sizeof(why))) {
			fprintf(stderr, "bench: %s: %s\n", specs[i], why);
			exit(1);
		}
	if (cc_robust_init(r, fw, a, f, n, &err))
		die("init", &err);
}

static void uncertainty(const char *name, const struct cc_robust *r, int runs,
			int threads)
{
	int32_t *ranks = malloc((size_t)runs * (size_t)r->a->nunits * sizeof(int32_t));
	struct cc_uncertainty o = {.runs = runs, .seed = 1, .threads = threads};
	struct cc_error err;
	double t = now();

	if (cc_robust_uncertainty(r, &o, ranks, &err))
		die("uncertainty", &err);
	t = now() - t;
	printf("%s: uncertainty %d runs, %d thread%s: %.3f s (%.0f runs/s)\n", name, runs,
	       threads, threads > 1 ? "s" : "", t, runs / t);
	free(ranks);
}

static void sobol(const char *name, const struct cc_robust *r, int n, int threads)
{
	struct cc_sobol_index *shift = calloc(8, sizeof(*shift));
	struct cc_sobol_index *units = calloc((size_t)r->a->nunits * 8, sizeof(*units));
	struct cc_sensitivity o = {.n = n, .seed = 1, .threads = threads, .resamples = 100};
	struct cc_error err;
	double t = now();

	if (cc_robust_sensitivity(r, &o, shift, units, &err))
		die("sobol", &err);
	t = now() - t;
	printf("%s: Sobol N = %d, %d factors (%d runs), %d threads, bootstrap 100: %.3f s\n",
	       name, n, r->nfactors, n * (r->nfactors + 2), threads, t);
	for (int i = 0; i < r->nfactors; i++)
		printf("%s:   %-40s S1 %6.3f  ST %6.3f (mean |rank shift|)\n", name,
		       r->factors[i].spec, shift[i].first, shift[i].total);
	free(shift);
	free(units);
}

static char *synthetic_yaml(void)
{
	size_t cap = 1 << 16, n = 0;
	char *y = malloc(cap);

	n += (size_t)snprintf(y + n, cap - n, "cybercap: 1\nid: synth\ntitle: Synthetic\nnodes:\n");
	for (int p = 0; p < 5; p++) {
		n += (size_t)snprintf(y + n, cap - n, "  - id: p%d\n    name: P%d\n    children:\n", p, p);
		for (int i = 0; i < 20; i++)
			n += (size_t)snprintf(y + n, cap - n,
					      "      - {id: i%d_%d, name: I, indicator: true%s}\n",
					      p, i, i % 5 == 4 ? ", direction: -1" : "");
	}
	return y;
}

static char *synthetic_csv(int units, size_t *len)
{
	size_t cap = (size_t)units * 100 * 32 + 64, n = 0;
	char *c = malloc(cap);
	unsigned x = 7;

	n += (size_t)snprintf(c + n, cap - n, "unit,question,answer\n");
	for (int u = 0; u < units; u++) {
		double level = (u * 37 % 200) / 200.0;
		for (int p = 0; p < 5; p++)
			for (int i = 0; i < 20; i++) {
				x = x * 1103515245u + 12345u;
				n += (size_t)snprintf(c + n, cap - n, "U%03d,i%d_%d,%.3f\n", u, p, i,
						      100 * level + (double)((x >> 16) % 4000) / 100);
			}
	}
	*len = n;
	return c;
}

int main(int argc, char **argv)
{
	long cores = sysconf(_SC_NPROCESSORS_ONLN);
	int threads = cores > 0 ? (int)cores : 1;
	struct cc_framework fw, sfw;
	struct cc_answers a, sa;
	struct cc_robust r;
	struct cc_sample_opts so = {.units = 194, .seed = 7, .blank_rate = 0.02};
	struct cc_error err;
	static const char *const bundled[] = {"weights:20", "aggregate:*:mean,geometric",
					      "drop:legal"};
	static const char *const synth[] = {"weights:20", "aggregate:*:mean,geometric,harmonic",
					    "normalise:minmax,zscore,rank", "drop:p0", "drop:p3"};
	char *yaml, *csv;
	size_t len;

	if (cc_framework_load(&fw, argc > 1 ? argv[1] : "frameworks/national-commitment.yaml", &err) ||
	    cc_sample_answers(&fw, &so, &a, &err))
		die("bundled", &err);
	setup(&r, &fw, &a, bundled, 3);
	uncertainty("bundled (194 units)", &r, 10000, threads);
	sobol("bundled (194 units)", &r, 1024, threads);
	cc_robust_free(&r);

	yaml = synthetic_yaml();
	csv = synthetic_csv(200, &len);
	if (cc_framework_parse(&sfw, "synth.yaml", yaml, strlen(yaml), &err) ||
	    cc_responses_parse(&sa, &sfw, "synth.csv", csv, len, &err))
		die("synthetic", &err);
	setup(&r, &sfw, &sa, synth, 5);
	uncertainty("synthetic 200 x 100", &r, 10000, 1);
	uncertainty("synthetic 200 x 100", &r, 10000, threads);
	sobol("synthetic 200 x 100", &r, 4096, threads);
	cc_robust_free(&r);
	cc_answers_free(&sa);
	cc_framework_free(&sfw);
	cc_answers_free(&a);
	cc_framework_free(&fw);
	free(yaml);
	free(csv);
	return 0;
}
