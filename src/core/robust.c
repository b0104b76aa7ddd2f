/*
 * robust.c - factors, the evaluator and the uncertainty analysis (see
 * robust.h).
 */
#include "robust.h"

#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const agg_words[] = {"mean", "geometric", "harmonic", "min", "max", "stage"};
static const char *const norm_words[] = {"minmax", "goalposts", "none", "zscore", "rank"};

/* Parses "a,b,c" against words; fills choices. */
static int parse_list(const char *list, const char *const *words, int nwords,
		      struct cc_factor *f, char *why, size_t whylen)
{
	char buf[160], *save = NULL;

	snprintf(buf, sizeof(buf), "%s", list);
	f->nchoices = 0;
	for (char *w = strtok_r(buf, ",", &save); w; w = strtok_r(NULL, ",", &save)) {
		int k = -1;
		for (int i = 0; i < nwords; i++)
			if (strcmp(w, words[i]) == 0)
				k = i;
		if (k < 0) {
			snprintf(why, whylen, "\"%s\" is not a choice here", w);
			return CC_EINPUT;
		}
		if (f->nchoices == CC_FACTOR_MAX_CHOICES) {
			snprintf(why, whylen, "at most %d choices", CC_FACTOR_MAX_CHOICES);
			return CC_EINPUT;
		}
		f->choices[f->nchoices++] = (unsigned char)k;
	}
	if (f->nchoices == 0) {
		snprintf(why, whylen, "no choices listed");
		return CC_EINPUT;
	}
	return CC_OK;
}

static int group_node(const struct cc_framework *fw, const char *id, char *why,
		      size_t whylen)
{
	int n = cc_framework_find(fw, id);

	if (n < 0 || fw->nodes[n].kind != CC_GROUP) {
		snprintf(why, whylen, "\"%s\" is not a group of %s", id, fw->id);
		return -1;
	}
	return n;
}

static int count_weights(const struct cc_framework *fw, int node)
{
	return node < 0 ? fw->nnodes - 1 : fw->nodes[node].nchildren;
}

static int parse_weights(const struct cc_framework *fw, const char *rest,
			 struct cc_factor *f, char *why, size_t whylen)
{
	const char *colon = strrchr(rest, ':');
	char *end;

	f->node = -1;
	if (colon) {
		char id[128];
		snprintf(id, sizeof(id), "%.*s", (int)(colon - rest), rest);
		if ((f->node = group_node(fw, id, why, whylen)) < 0)
			return CC_EINPUT;
		rest = colon + 1;
	}
	f->pct = strtod(rest, &end);
	if (!*rest || *end || !(f->pct > 0) || f->pct >= 100) {
		snprintf(why, whylen, "the weight change is a percentage above 0 and below 100");
		return CC_EINPUT;
	}
	f->dims = count_weights(fw, f->node);
	return f->dims > 0 ? CC_OK : CC_EINPUT;
}

int cc_factor_parse(const struct cc_framework *fw, const char *spec,
		    struct cc_factor *f, char *why, size_t whylen)
{
	const char *colon = strchr(spec, ':');
	char kind[32], id[128];
	const char *rest;

	memset(f, 0, sizeof(*f));
	snprintf(f->spec, sizeof(f->spec), "%s", spec);
	f->node = -1;
	f->dims = 1;
	if (!colon || colon == spec || (size_t)(colon - spec) >= sizeof(kind)) {
		snprintf(why, whylen, "a factor looks like weights:20, aggregate:NODE:mean,geometric, "
			 "normalise:minmax,zscore,rank, missing:zero,exclude or drop:NODE");
		return CC_EINPUT;
	}
	snprintf(kind, sizeof(kind), "%.*s", (int)(colon - spec), spec);
	rest = colon + 1;
	if (strcmp(kind, "weights") == 0) {
		f->kind = CC_FACTOR_WEIGHTS;
		return parse_weights(fw, rest, f, why, whylen);
	}
	if (strcmp(kind, "aggregate") == 0) {
		const char *c2 = strchr(rest, ':');
		f->kind = CC_FACTOR_AGGREGATE;
		if (!c2) {
			snprintf(why, whylen, "aggregate:NODE:LIST or aggregate:*:LIST");
			return CC_EINPUT;
		}
		snprintf(id, sizeof(id), "%.*s", (int)(c2 - rest), rest);
		if (strcmp(id, "*") != 0 && (f->node = group_node(fw, id, why, whylen)) < 0)
			return CC_EINPUT;
		if (parse_list(c2 + 1, agg_words, 6, f, why, whylen))
			return CC_EINPUT;
		for (int i = 0; i < f->nchoices; i++)
			if (f->choices[i] == CC_AGG_STAGE) {
				snprintf(why, whylen, "stage needs stages in the file; it cannot be drawn");
				return CC_EINPUT;
			}
		return CC_OK;
	}
	if (strcmp(kind, "normalise") == 0 || strcmp(kind, "normalize") == 0) {
		f->kind = CC_FACTOR_NORMALISE;
		if (parse_list(rest, norm_words, 5, f, why, whylen))
			return CC_EINPUT;
		for (int i = 0; i < f->nchoices; i++)
			if (f->choices[i] == CC_NORM_GOALPOSTS || f->choices[i] == CC_NORM_NONE) {
				snprintf(why, whylen, "normalise draws from minmax, zscore and rank");
				return CC_EINPUT;
			}
		return CC_OK;
	}
	if (strcmp(kind, "missing") == 0) {
		static const char *const words[] = {"zero", "exclude"};
		f->kind = CC_FACTOR_MISSING;
		return parse_list(rest, words, 2, f, why, whylen);
	}
	if (strcmp(kind, "drop") == 0) {
		f->kind = CC_FACTOR_DROP;
		if ((f->node = group_node(fw, rest, why, whylen)) < 0)
			return CC_EINPUT;
		f->nchoices = fw->nodes[f->node].nchildren + 1;
		return CC_OK;
	}
	snprintf(why, whylen, "unknown factor \"%s\" (weights, aggregate, normalise, missing, drop)", kind);
	return CC_EINPUT;
}

void cc_robust_point(gsl_rng *rng, unsigned long seed, unsigned long stream,
		     long k, int dims, double *u)
{
	/* splitmix64 of (seed, stream, k) gives well-separated seeds. */
	uint64_t z = (uint64_t)seed * 0x9E3779B97F4A7C15ull ^
		     (uint64_t)stream * 0xBF58476D1CE4E5B9ull ^ (uint64_t)k;

	z += 0x9E3779B97F4A7C15ull;
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
	z ^= z >> 31;
	gsl_rng_set(rng, (unsigned long)(z ? z : 1));
	for (int d = 0; d < dims; d++)
		u[d] = gsl_rng_uniform(rng);
}

static int pick(double u, int n)
{
	int k = (int)(u * n);
	return k >= n ? n - 1 : k;
}

/* Turns the point u into the workspace's model; returns the leaf table
 * variant (see robust.h). */
static int apply_point(const struct cc_robust *r, const double *u,
		       struct cc_robust_ws *ws, struct cc_model *m)
{
	int variant = 0;

	const struct cc_framework *fw = r->fw;

	for (int i = 0; i < fw->nnodes; i++) {
		ws->weight[i] = fw->nodes[i].weight;
		ws->agg[i] = (unsigned char)fw->nodes[i].agg;
		ws->norm[i] = (unsigned char)fw->nodes[i].norm;
	}
	m->weight = ws->weight;
	m->agg = ws->agg;
	m->norm = ws->norm;
	m->missing = -1;
	for (int f = 0; f < r->nfactors; f++) {
		const struct cc_factor *fa = &r->factors[f];
		const double *x = u + fa->first_dim;
		int k = 0;

		switch (fa->kind) {
		case CC_FACTOR_WEIGHTS:
			if (fa->node < 0) {
				for (int i = 1; i < fw->nnodes; i++)
					ws->weight[i] *= 1 + (2 * x[k++] - 1) * fa->pct / 100;
			} else {
				const struct cc_node *n = &fw->nodes[fa->node];
				for (int c = 0; c < n->nchildren; c++)
					ws->weight[n->children[c]] *= 1 + (2 * x[k++] - 1) * fa->pct / 100;
			}
			break;
		case CC_FACTOR_AGGREGATE: {
			unsigned char a = fa->choices[pick(x[0], fa->nchoices)];
			for (int i = 0; i < fw->nnodes; i++)
				if (fw->nodes[i].kind == CC_GROUP && (fa->node < 0 || fa->node == i) &&
				    fw->nodes[i].agg != CC_AGG_STAGE)
					ws->agg[i] = a;
			break;
		}
		case CC_FACTOR_NORMALISE: {
			unsigned char nm = fa->choices[pick(x[0], fa->nchoices)];
			variant = nm == CC_NORM_MINMAX ? 1 : nm == CC_NORM_ZSCORE ? 2 : 3;
			for (int i = 0; i < fw->nnodes; i++)
				if (fw->nodes[i].kind == CC_INDICATOR)
					ws->norm[i] = nm;
			break;
		}
		case CC_FACTOR_MISSING:
			m->missing = fa->choices[pick(x[0], fa->nchoices)];
			break;
		case CC_FACTOR_DROP: {
			int c = pick(x[0], fa->nchoices);
			if (c < fw->nodes[fa->node].nchildren)
				ws->weight[fw->nodes[fa->node].children[c]] = 0;
			break;
		}
		}
	}
	return variant;
}

/* One unit under the model: leaves from the precomputed table, then the
 * groups, children before parents (what cc_score_unit does, minus the
 * work that is the same in every run). */
static double eval_unit(const struct cc_robust *r, const struct cc_model *m,
			int variant, int unit, double *values)
{
	const struct cc_framework *fw = r->fw;
	size_t nn = (size_t)fw->nnodes, nu = (size_t)r->a->nunits;
	int missing = m->missing >= 0 ? m->missing : (int)fw->missing;
	size_t at = (((size_t)variant * 2 + (size_t)missing) * nu + (size_t)unit) * nn;
	const unsigned char *st = r->state + (size_t)unit * nn;
	const double *logs = r->baselog + at;

	memcpy(values, r->base + at, nn * sizeof(double));
	for (int k = 0; k < r->ngroups; k++) {
		int g = r->groups[k];

		if (st[g] == CC_NA_EXCLUDE_STATE)
			values[g] = NAN;
		else if (st[g] == CC_NA_ZERO_STATE)
			values[g] = 0;
		else
			values[g] = cc_group_value(fw, &fw->nodes[g], (enum cc_agg)m->agg[g],
						   values, m->weight, logs);
	}
	return values[0];
}

void cc_robust_eval(const struct cc_robust *r, const double *u,
		    struct cc_robust_ws *ws, int32_t *ranks)
{
	const struct cc_framework *fw = r->fw;
	struct cc_model m;
	int n = 0, variant = apply_point(r, u, ws, &m);

	for (int unit = 0; unit < r->a->nunits; unit++) {
		double root = eval_unit(r, &m, variant, unit, ws->values);

		ranks[unit] = 0;
		if (!isnan(root)) {
			ws->items[n].key = cc_round_points(fw, root * fw->scale);
			ws->items[n].unit = unit;
			n++;
		}
	}
	cc_rank_items(ws->items, n, fw->ranking, ranks, 1, 0);
}

int cc_robust_ws_init(const struct cc_robust *r, struct cc_robust_ws *ws)
{
	size_t nn = (size_t)r->fw->nnodes, nu = (size_t)r->a->nunits + 1;

	ws->weight = malloc(nn * sizeof(double));
	ws->agg = malloc(nn);
	ws->norm = malloc(nn);
	ws->state = malloc(nn);
	ws->values = malloc(nn * sizeof(double));
	ws->items = malloc(nu * sizeof(*ws->items));
	if (!ws->weight || !ws->agg || !ws->norm || !ws->state || !ws->values ||
	    !ws->items) {
		cc_robust_ws_free(ws);
		return CC_ENOMEM;
	}
	return CC_OK;
}

void cc_robust_ws_free(struct cc_robust_ws *ws)
{
	free(ws->weight);
	free(ws->agg);
	free(ws->norm);
	free(ws->state);
	free(ws->values);
	free(ws->items);
	memset(ws, 0, sizeof(*ws));
}

/* The tables of robust.h: applicability, and leaf values and logs for
 * every normalisation variant and missing rule, by the engine itself. */
static int precompute(struct cc_robust *r, struct cc_robust_ws *ws)
{
	static const unsigned char variant_norm[4] = {0, CC_NORM_MINMAX, CC_NORM_ZSCORE, CC_NORM_RANK};
	const struct cc_framework *fw = r->fw;
	size_t nn = (size_t)fw->nnodes, nu = (size_t)r->a->nunits;

	r->state = malloc(nu * nn + 1);
	r->base = malloc(8 * nu * nn * sizeof(double) + 1);
	r->baselog = malloc(8 * nu * nn * sizeof(double) + 1);
	r->groups = malloc((nn + 1) * sizeof(int));
	if (!r->state || !r->base || !r->baselog || !r->groups)
		return CC_ENOMEM;
	for (int i = fw->nnodes - 1; i >= 0; i--)
		if (fw->nodes[i].kind == CC_GROUP)
			r->groups[r->ngroups++] = i;
	for (size_t u = 0; u < nu; u++)
		cc_score_applicability(fw, r->a, (int)u, r->state + u * nn);
	for (int v = 0; v < 4; v++) {
		for (int miss = 0; miss < 2; miss++) {
			struct cc_model m = {.norm = ws->norm, .missing = miss};
			for (size_t i = 0; i < nn; i++)
				ws->norm[i] = v && fw->nodes[i].kind == CC_INDICATOR ?
					variant_norm[v] : (unsigned char)fw->nodes[i].norm;
			for (size_t u = 0; u < nu; u++) {
				size_t at = (((size_t)v * 2 + (size_t)miss) * nu + u) * nn;
				double *b = r->base + at, *bl = r->baselog + at;

				cc_score_unit(fw, r->a, r->ranges, &m, (int)u, b, ws->state);
				for (size_t i = 0; i < nn; i++)
					bl[i] = fw->nodes[i].kind != CC_GROUP && b[i] > 0 ? log(b[i]) : NAN;
			}
		}
	}
	return CC_OK;
}

int cc_robust_init(struct cc_robust *r, const struct cc_framework *fw,
		   const struct cc_answers *a, const struct cc_factor *factors,
		   int nfactors, struct cc_error *err)
{
	struct cc_robust_ws ws;
	double *none = NULL;

	memset(r, 0, sizeof(*r));
	r->fw = fw;
	r->a = a;
	if (nfactors > CC_ROBUST_MAX_FACTORS)
		return cc_error_set(err, CC_ELIMIT, NULL, 0, 0, "at most %d factors",
				    CC_ROBUST_MAX_FACTORS);
	for (int f = 0; f < nfactors; f++) {
		r->factors[f] = factors[f];
		r->factors[f].first_dim = r->dims;
		r->dims += factors[f].dims;
	}
	r->nfactors = nfactors;
	r->ranges = malloc(((size_t)fw->nleaves + 1) * sizeof(*r->ranges));
	r->nominal = malloc(((size_t)a->nunits + 1) * sizeof(int32_t));
	if (!r->ranges || !r->nominal ||
	    cc_score_ranges_full(fw, a, r->ranges, &r->sorted) ||
	    cc_robust_ws_init(r, &ws) || precompute(r, &ws)) {
		cc_robust_free(r);
		return cc_error_set(err, CC_ENOMEM, NULL, 0, 0, "out of memory");
	}
	/* The nominal ranking: no factor applied. */
	{
		int nf = r->nfactors;
		r->nfactors = 0;
		cc_robust_eval(r, none, &ws, r->nominal);
		r->nfactors = nf;
	}
	cc_robust_ws_free(&ws);
	return CC_OK;
}

void cc_robust_free(struct cc_robust *r)
{
	free(r->state);
	free(r->base);
	free(r->baselog);
	free(r->groups);
	free(r->ranges);
	free(r->sorted);
	free(r->nominal);
	memset(r, 0, sizeof(*r));
}

struct job {
	const struct cc_robust *r;
	const struct cc_uncertainty *o;
	int32_t *ranks;
	int first, last;           /* runs [first, last) */
	int rc;
	pthread_mutex_t *lock;
	int *done;
};

static void continue_progress(struct job *j, int k)
{
	if (j->o->progress && (k - j->first) % 64 == 63) {
		pthread_mutex_lock(j->lock);
		*j->done += 64;
		j->o->progress(*j->done, j->o->runs, j->o->arg);
		pthread_mutex_unlock(j->lock);
	}
}

static void *run_job(void *arg)
{
	struct job *j = arg;
	const struct cc_robust *r = j->r;
	struct cc_robust_ws ws;
	gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
	double *u = malloc(((size_t)r->dims + 1) * sizeof(double));

	if (!rng || !u || cc_robust_ws_init(r, &ws)) {
		j->rc = CC_ENOMEM;
		goto out;
	}
	for (int k = j->first; k < j->last; k++) {
		if (j->o->cancel && *j->o->cancel)
			break;
		if (j->o->points) {
			cc_robust_eval(r, j->o->points + (size_t)k * (size_t)r->dims, &ws,
				       j->ranks + (size_t)k * (size_t)r->a->nunits);
			continue_progress(j, k);
			continue;
		}
		cc_robust_point(rng, j->o->seed, 1, k, r->dims, u);
		cc_robust_eval(r, u, &ws, j->ranks + (size_t)k * (size_t)r->a->nunits);
		continue_progress(j, k);
	}
	cc_robust_ws_free(&ws);
out:
	if (rng)
		gsl_rng_free(rng);
	free(u);
	return NULL;
}

int cc_robust_uncertainty(const struct cc_robust *r,
			  const struct cc_uncertainty *o, int32_t *ranks,
			  struct cc_error *err)
{
	int threads = o->threads > 0 ? o->threads : 1, done = 0, rc = CC_OK;
	pthread_t tid[64];
	int started[64] = {0};
	struct job jobs[64];
	pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

	if (threads > 64)
		threads = 64;
	if (threads > o->runs)
		threads = o->runs > 0 ? o->runs : 1;
	for (int t = 0; t < threads; t++) {
		jobs[t] = (struct job){r, o, ranks, (int)((long)o->runs * t / threads),
				       (int)((long)o->runs * (t + 1) / threads), CC_OK, &lock, &done};
		if (t > 0)
			started[t] = pthread_create(&tid[t], NULL, run_job, &jobs[t]) == 0;
	}
	run_job(&jobs[0]);
	for (int t = 1; t < threads; t++) {
		if (started[t])
			pthread_join(tid[t], NULL);
		else
			run_job(&jobs[t]);  /* no thread to be had: run it here */
	}
	for (int t = 0; t < threads; t++)
		if (jobs[t].rc)
			rc = jobs[t].rc;
	if (o->progress)
		o->progress(o->runs, o->runs, o->arg);
	return rc ? cc_error_set(err, rc, NULL, 0, 0, "out of memory") : CC_OK;
}

double cc_percentile_nearest(const double *sorted, int n, double p)
{
	int k;

	if (n <= 0)
		return NAN;
	k = (int)ceil(p / 100.0 * n);
	if (k < 1)
		k = 1;
	if (k > n)
		k = n;
	return sorted[k - 1];
}

static int cmp_dbl(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

void cc_robust_summarise(const struct cc_robust *r, const int32_t *ranks,
			 int runs, struct cc_rank_summary *out)
{
	int nu = r->a->nunits;
	double *v = malloc(((size_t)runs + 1) * sizeof(double));

	for (int u = 0; u < nu; u++) {
		double sum = 0, shift = 0;
		int n = 0;

		for (int k = 0; v && k < runs; k++) {
			int32_t rk = ranks[(size_t)k * (size_t)nu + (size_t)u];
			if (!rk)
				continue;
			v[n++] = rk;
			sum += rk;
			if (r->nominal[u])
				shift += fabs((double)rk - r->nominal[u]);
		}
		if (!v || n == 0) {
			out[u] = (struct cc_rank_summary){NAN, NAN, NAN, NAN, NAN};
			continue;
		}
		qsort(v, (size_t)n, sizeof(double), cmp_dbl);
		out[u].mean = sum / n;
		out[u].median = cc_percentile_nearest(v, n, 50);
		out[u].p5 = cc_percentile_nearest(v, n, 5);
		out[u].p95 = cc_percentile_nearest(v, n, 95);
		out[u].mean_abs_shift = r->nominal[u] ? shift / n : NAN;
	}
	free(v);
}
