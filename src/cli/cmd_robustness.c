/*
 * cmd_robustness.c - `cybercap robustness FRAMEWORK RESPONSES --vary SPEC
 * ...`: the uncertainty analysis (--runs) of each unit's rank, and with
 * --sobol N the sensitivity analysis that says which choice moves ranks.
 */
#include "cli.h"

#include "../core/sensitivity.h"
#include "../format/results_out.h"

#include <getopt.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char help[] =
	"Usage: cybercap robustness FRAMEWORK RESPONSES --vary SPEC [--vary SPEC]...\n"
	"                           [--runs N] [--seed S] [--threads T]\n"
	"                           [--sobol N] [--bootstrap R] [--format csv|json]\n\n"
	"Recomputes the index under uncertain choices and reports how each unit's\n"
	"rank (of the root, as the framework ranks it) moves. Each SPEC is one factor:\n"
	"  weights:P              every weight times (1 + U(-P%, +P%)), independently\n"
	"  weights:NODE:P         only the weights of NODE's children\n"
	"  aggregate:NODE:A,B,..  NODE's aggregation drawn from the list\n"
	"  aggregate:*:A,B,..     every group's aggregation at once (one draw)\n"
	"  normalise:minmax,zscore,rank   the normalisation of data indicators\n"
	"  missing:zero,exclude   the treatment of unanswered questions\n"
	"  drop:NODE              leave out one of NODE's children (or none)\n\n"
	"Uncertainty analysis (default): CSV unit,nominal,mean,median,p5,p95,mean_abs_shift\n"
	"over --runs random runs (default 1000; percentiles by the nearest-rank rule).\n"
	"With --sobol N: first-order and total Sobol indices (Saltelli design, N (k + 2)\n"
	"runs; Saltelli 2010 and Jansen estimators) of the mean absolute rank shift and\n"
	"of each unit's rank, with --bootstrap R resamples (default 100) for 95 %\n"
	"intervals: CSV target,factor,first,first_lo,first_hi,total,total_lo,total_hi.\n"
	"Results depend on the seed only, never on --threads (default: all cores).\n";

struct opts {
	const char *vary[CC_ROBUST_MAX_FACTORS];
	int nvary, runs, sobol, bootstrap, threads, json;
	unsigned long seed;
};

static void progress(int done, int total, void *arg)
{
	(void)arg;
	fprintf(stderr, "\rrobustness: %d / %d runs (%3d %%)", done, total,
		total ? (int)(100.0 * done / total) : 100);
	if (done >= total)
		fputc('\n', stderr);
}

static int parse(int argc, char **argv, struct opts *o)
{
	static const struct option opts[] = {
		{"vary", required_argument, NULL, 'v'},
		{"runs", required_argument, NULL, 'r'},
		{"seed", required_argument, NULL, 's'},
		{"threads", required_argument, NULL, 't'},
		{"sobol", required_argument, NULL, 'S'},
		{"bootstrap", required_argument, NULL, 'b'},
		{"format", required_argument, NULL, 'f'},
		{NULL, 0, NULL, 0},
	};
	long cores = sysconf(_SC_NPROCESSORS_ONLN);
	char *end;
	long v;
	int c;

	*o = (struct opts){.runs = 1000, .bootstrap = 100, .seed = 1,
			   .threads = cores > 0 ? (int)cores : 1};
	opterr = 0;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		v = c != 'v' && c != 'f' && c != '?' ? strtol(optarg, &end, 10) : 0;
		switch (c) {
		case 'v':
			if (o->nvary == CC_ROBUST_MAX_FACTORS)
				return cli_usage("robustness", "at most %d --vary", CC_ROBUST_MAX_FACTORS);
			o->vary[o->nvary++] = optarg;
			break;
		case 'r':
			if (*end || v < 1 || v > 10000000)
				return cli_usage("robustness", "--runs takes 1 to 10000000");
			o->runs = (int)v;
			break;
		case 's':
			if (*end || v < 0)
				return cli_usage("robustness", "--seed takes a whole number >= 0");
			o->seed = (unsigned long)v;
			break;
		case 't':
			if (*end || v < 1 || v > 64)
				return cli_usage("robustness", "--threads takes 1 to 64");
			o->threads = (int)v;
			break;
		case 'S':
			if (*end || v < 2 || v > 1000000)
				return cli_usage("robustness", "--sobol takes N from 2 to 1000000");
			o->sobol = (int)v;
			break;
		case 'b':
			if (*end || v < 0 || v > 100000)
				return cli_usage("robustness", "--bootstrap takes 0 to 100000");
			o->bootstrap = (int)v;
			break;
		case 'f':
			if (strcmp(optarg, "csv") && strcmp(optarg, "json"))
				return cli_usage("robustness", "--format must be csv or json");
			o->json = strcmp(optarg, "json") == 0;
			break;
		default:
			return cli_usage("robustness", "unknown option \"%s\"", argv[optind - 1]);
		}
	}
	if (argc - optind != 2)
		return cli_usage("robustness", "needs FRAMEWORK and RESPONSES");
	if (o->nvary == 0)
		return cli_usage("robustness", "needs at least one --vary SPEC");
	return CLI_OK;
}

static void num(char *buf, size_t n, double x)
{
	if (x != x)
		buf[0] = '\0';
	else
		cc_format_number(buf, n, x);
}

static int print_uncertainty(const struct cc_robust *r, const struct cc_rank_summary *s,
			     int json)
{
	const struct cc_answers *a = r->a;
	char m[5][32];

	if (json) {
		json_t *list = json_array();
		for (int u = 0; u < a->nunits; u++)
			json_array_append_new(list, json_pack("{s:s,s:o,s:o,s:o,s:o,s:o,s:o}",
				"unit", a->units[u],
				"nominal", r->nominal[u] ? json_integer(r->nominal[u]) : json_null(),
				"mean", s[u].mean == s[u].mean ? json_real(s[u].mean) : json_null(),
				"median", s[u].median == s[u].median ? json_real(s[u].median) : json_null(),
				"p5", s[u].p5 == s[u].p5 ? json_real(s[u].p5) : json_null(),
				"p95", s[u].p95 == s[u].p95 ? json_real(s[u].p95) : json_null(),
				"mean_abs_shift", s[u].mean_abs_shift == s[u].mean_abs_shift ?
				json_real(s[u].mean_abs_shift) : json_null()));
		return json_dumpf(list, stdout, JSON_INDENT(1) | JSON_REAL_PRECISION(10)) ||
		       putchar('\n') == EOF || (json_decref(list), 0);
	}
	if (printf("unit,nominal,mean,median,p5,p95,mean_abs_shift\n") < 0)
		return 1;
	for (int u = 0; u < a->nunits; u++) {
		num(m[0], 32, s[u].mean);
		num(m[1], 32, s[u].median);
		num(m[2], 32, s[u].p5);
		num(m[3], 32, s[u].p95);
		num(m[4], 32, s[u].mean_abs_shift);
		if (cc_csv_write_cell(stdout, a->units[u]) ||
		    (r->nominal[u] ? printf(",%d", r->nominal[u]) : printf(",")) < 0 ||
		    printf(",%s,%s,%s,%s,%s\n", m[0], m[1], m[2], m[3], m[4]) < 0)
			return 1;
	}
	return 0;
}

static int print_index_row(const char *target, const struct cc_factor *f,
			   const struct cc_sobol_index *x)
{
	char v[6][32];

	num(v[0], 32, x->first);
	num(v[1], 32, x->first_lo);
	num(v[2], 32, x->first_hi);
	num(v[3], 32, x->total);
	num(v[4], 32, x->total_lo);
	num(v[5], 32, x->total_hi);
	return cc_csv_write_cell(stdout, target) || putchar(',') == EOF ||
	       cc_csv_write_cell(stdout, f->spec) ||
	       printf(",%s,%s,%s,%s,%s,%s\n", v[0], v[1], v[2], v[3], v[4], v[5]) < 0;
}

static json_t *cc_json_or_null(double x)
{
	return x == x ? json_real(x) : json_null();
}

static json_t *index_json(const struct cc_factor *f, const struct cc_sobol_index *x)
{
	return json_pack("{s:s,s:o,s:o,s:o,s:o,s:o,s:o}", "factor", f->spec,
		"first", cc_json_or_null(x->first), "first_lo", cc_json_or_null(x->first_lo),
		"first_hi", cc_json_or_null(x->first_hi), "total", cc_json_or_null(x->total),
		"total_lo", cc_json_or_null(x->total_lo), "total_hi", cc_json_or_null(x->total_hi));
}

static int print_sobol(const struct cc_robust *r, const struct cc_sobol_index *shift,
		       const struct cc_sobol_index *units, int json)
{
	int k = r->nfactors, bad = 0;

	if (json) {
		json_t *o = json_object(), *sh = json_array(), *us = json_array();
		for (int i = 0; i < k; i++)
			json_array_append_new(sh, index_json(&r->factors[i], &shift[i]));
		for (int u = 0; u < r->a->nunits; u++) {
			json_t *l = json_array();
			for (int i = 0; i < k; i++)
				json_array_append_new(l, index_json(&r->factors[i], &units[u * k + i]));
			json_array_append_new(us, json_pack("{s:s,s:o}", "unit", r->a->units[u],
							    "indices", l));
		}
		json_object_set_new(o, "mean_abs_shift", sh);
		json_object_set_new(o, "units", us);
		bad = json_dumpf(o, stdout, JSON_INDENT(1) | JSON_REAL_PRECISION(10)) ||
		      putchar('\n') == EOF;
		json_decref(o);
		return bad;
	}
	bad |= printf("target,factor,first,first_lo,first_hi,total,total_lo,total_hi\n") < 0;
	for (int i = 0; i < k; i++)
		bad |= print_index_row("mean_abs_shift", &r->factors[i], &shift[i]);
	for (int u = 0; u < r->a->nunits; u++)
		for (int i = 0; i < k; i++)
			bad |= print_index_row(r->a->units[u], &r->factors[i], &units[u * k + i]);
	return bad;
}

static int run(struct cli_scored *s, const struct opts *o)
{
	struct cc_factor factors[CC_ROBUST_MAX_FACTORS];
	struct cc_robust r;
	struct cc_error err;
	char why[300];
	int rc, bad, tty = isatty(2);

	for (int i = 0; i < o->nvary; i++)
		if (cc_factor_parse(&s->fw, o->vary[i], &factors[i], why, sizeof(why)))
			return cli_usage("robustness", "--vary %s: %s", o->vary[i], why);
	cc_error_clear(&err);
	if ((rc = cc_robust_init(&r, &s->fw, &s->answers, factors, o->nvary, &err)))
		return cli_report(&err);
	if (o->sobol) {
		int k = r.nfactors;
		struct cc_sobol_index *shift = calloc((size_t)k, sizeof(*shift));
		struct cc_sobol_index *units = calloc((size_t)k * ((size_t)r.a->nunits + 1), sizeof(*units));
		struct cc_sensitivity so = {.n = o->sobol, .seed = o->seed, .threads = o->threads,
					    .resamples = o->bootstrap, .progress = tty ? progress : NULL};
		rc = !shift || !units ? cc_error_set(&err, CC_ENOMEM, NULL, 0, 0, "out of memory") :
			cc_robust_sensitivity(&r, &so, shift, units, &err);
		bad = rc ? 0 : print_sobol(&r, shift, units, o->json);
		free(shift);
		free(units);
	} else {
		int32_t *ranks = malloc((size_t)o->runs * ((size_t)r.a->nunits + 1) * sizeof(int32_t));
		struct cc_rank_summary *sum = malloc(((size_t)r.a->nunits + 1) * sizeof(*sum));
		struct cc_uncertainty uo = {.runs = o->runs, .seed = o->seed, .threads = o->threads,
					    .progress = tty ? progress : NULL};
		rc = !ranks || !sum ? cc_error_set(&err, CC_ENOMEM, NULL, 0, 0, "out of memory") :
			cc_robust_uncertainty(&r, &uo, ranks, &err);
		if (!rc)
			cc_robust_summarise(&r, ranks, o->runs, sum);
		bad = rc ? 0 : print_uncertainty(&r, sum, o->json);
		free(ranks);
		free(sum);
	}
	cc_robust_free(&r);
	if (rc)
		return cli_report(&err);
	return bad || fflush(stdout) ? cli_write_failed() : CLI_OK;
}

int cmd_robustness(int argc, char **argv)
{
	struct cli_scored s;
	struct opts o;
	int rc;

	if (cli_wants_help(argc, argv)) {
		fputs(help, stdout);
		return CLI_OK;
	}
	if ((rc = parse(argc, argv, &o)))
		return rc;
	if ((rc = cli_load_scored(argv[optind], argv[optind + 1], &s)))
		return rc;
	rc = run(&s, &o);
	cli_scored_free(&s);
	return rc;
}
