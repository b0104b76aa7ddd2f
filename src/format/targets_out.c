/*
 * targets_out.c - the rows of `cybercap targets` (see targets_out.h). One
 * walk (each_row) produces the rows; the CSV and JSON writers only format
 * them, so both outputs always hold the same figures.
 */
#include "targets_out.h"

#include "results_out.h"
#include "../core/targets.h"

#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

struct row {
	const char *unit, *target, *node;
	double required, attained;   /* attained NaN: empty */
	int met;
};

typedef int (*row_fn)(void *ctx, const struct row *r);

static int each_row(const struct cc_answers *a, const struct cc_scores *s,
		    int target, int unit, row_fn fn, void *ctx)
{
	const struct cc_framework *fw = s->fw;
	unsigned char *state = malloc((size_t)fw->nnodes);
	struct cc_target_result res = {.nodes = malloc((size_t)fw->nnodes * sizeof(*res.nodes))};
	int rc = state && res.nodes ? CC_OK : CC_ENOMEM;

	for (int u = 0; u < s->nunits && !rc; u++) {
		const double *values = s->value + (size_t)u * (size_t)s->nnodes;

		if (unit >= 0 && u != unit)
			continue;
		cc_score_applicability(fw, a, u, state);
		for (int t = 0; t < fw->ntargets && !rc; t++) {
			struct row r = {a->units[u], fw->targets[t].id, fw->id, 0, 0, 0};

			if (target >= 0 && t != target)
				continue;
			cc_targets_unit(fw, a, u, values, state, t, &res);
			r.required = res.counted;
			r.attained = res.met;
			r.met = res.all_met;
			rc = fn(ctx, &r);
			for (int k = 0; k < res.counted && !rc; k++) {
				r.node = fw->nodes[res.nodes[k].node].id;
				r.required = res.nodes[k].required;
				r.attained = res.nodes[k].attained;
				r.met = res.nodes[k].met;
				rc = fn(ctx, &r);
			}
		}
	}
	free(state);
	free(res.nodes);
	return rc;
}

struct csv_ctx {
	FILE *out;
	int (*cell)(FILE *, const char *);
};

static int csv_row(void *ctx, const struct row *r)
{
	struct csv_ctx *c = ctx;
	char req[64], att[64] = "";

	cc_format_number(req, sizeof(req), r->required);
	if (!isnan(r->attained))
		cc_format_number(att, sizeof(att), r->attained);
	if (c->cell(c->out, r->unit) || fputc(',', c->out) == EOF ||
	    c->cell(c->out, r->target) || fputc(',', c->out) == EOF ||
	    c->cell(c->out, r->node) ||
	    fprintf(c->out, ",%s,%s,%s\n", req, att, r->met ? "yes" : "no") < 0)
		return CC_EIO;
	return CC_OK;
}

int cc_targets_write_csv(FILE *out, const struct cc_answers *a,
			 const struct cc_scores *s, int target, int unit,
			 int spreadsheet)
{
	struct csv_ctx c = {out, spreadsheet ? cc_csv_write_cell : cc_csv_write_field};

	if (fputs("unit,target,node,required,attained,met\n", out) < 0)
		return CC_EIO;
	return each_row(a, s, target, unit, csv_row, &c);
}

struct json_ctx {
	FILE *out;
	int first;
};

static int json_row(void *ctx, const struct row *r)
{
	struct json_ctx *c = ctx;
	json_t *o = json_pack("{s:s,s:s,s:s,s:f,s:o,s:s}", "unit", r->unit,
			      "target", r->target, "node", r->node,
			      "required", r->required,
			      "attained", isnan(r->attained) ? json_null() :
					  json_real(r->attained),
			      "met", r->met ? "yes" : "no");
	char *text = o ? json_dumps(o, JSON_COMPACT | JSON_REAL_PRECISION(10)) : NULL;
	int rc;

	json_decref(o);
	if (!text)
		return CC_ENOMEM;
	rc = fprintf(c->out, "%s\n  %s", c->first ? "" : ",", text) < 0 ? CC_EIO : CC_OK;
	c->first = 0;
	free(text);
	return rc;
}

int cc_targets_write_json(FILE *out, const struct cc_answers *a,
			  const struct cc_scores *s, int target, int unit)
{
	struct json_ctx c = {out, 1};
	int rc;

	if (fputs("[", out) < 0)
		return CC_EIO;
	rc = each_row(a, s, target, unit, json_row, &c);
	if (!rc && fputs(c.first ? "]\n" : "\n]\n", out) < 0)
		rc = CC_EIO;
	return rc;
}
