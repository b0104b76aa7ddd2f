/*
 * results_out.c - scores to CSV and JSON (see results_out.h). JSON is built
 * with jansson one unit at a time, so memory stays bounded by one unit's
 * rows whatever the number of units.
 */
#include "results_out.h"

#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

void cc_format_number(char *buf, size_t size, double x)
{
	if (x == 0)
		x = 0; /* turns -0 into 0 */
	snprintf(buf, size, "%.10g", x);
}

int cc_csv_write_field(FILE *out, const char *s)
{
	if (!strpbrk(s, ",\"\r\n"))
		return fputs(s, out) < 0 ? CC_EIO : CC_OK;
	if (fputc('"', out) == EOF)
		return CC_EIO;
	for (; *s; s++) {
		if (*s == '"' && fputc('"', out) == EOF)
			return CC_EIO;
		if (fputc(*s, out) == EOF)
			return CC_EIO;
	}
	return fputc('"', out) == EOF ? CC_EIO : CC_OK;
}

int cc_csv_write_cell(FILE *out, const char *s)
{
	/* What a spreadsheet reads as the start of a formula (OWASP's list). */
	if (*s && strchr("=+-@\t\r", *s)) {
		size_t n = strlen(s);
		char *text = malloc(n + 2);
		int rc;

		if (!text)
			return CC_ENOMEM;
		text[0] = '\'';
		memcpy(text + 1, s, n + 1);
		rc = cc_csv_write_field(out, text);
		free(text);
		return rc;
	}
	return cc_csv_write_field(out, s);
}

int cc_results_write_csv(FILE *out, const struct cc_answers *a,
			 const struct cc_scores *s, int spreadsheet)
{
	int (*cell)(FILE *, const char *) = spreadsheet ? cc_csv_write_cell : cc_csv_write_field;
	const struct cc_framework *fw = s->fw;
	char v[64], p[64], m[64];

	if (fputs("unit,node,value,points,max,rank,level\n", out) < 0)
		return CC_EIO;
	for (int u = 0; u < s->nunits; u++) {
		for (int i = 0; i < s->nnodes; i++) {
			size_t at = (size_t)u * (size_t)s->nnodes + (size_t)i;
			double val = s->value[at];
			const char *level = cc_scores_level(s, u, i);

			cc_format_number(m, sizeof(m), fw->nodes[i].max);
			if (isnan(val)) {
				v[0] = p[0] = '\0';
			} else {
				cc_format_number(v, sizeof(v), val);
				cc_format_number(p, sizeof(p), val * fw->nodes[i].max);
			}
			if (!level)
				level = "";
			if (cell(out, a->units[u]) || fputc(',', out) == EOF ||
			    cell(out, fw->nodes[i].id))
				return CC_EIO;
			if (s->rank[at] != CC_RANK_NONE) {
				if (fprintf(out, ",%s,%s,%s,%d,", v, p, m, (int)s->rank[at]) < 0)
					return CC_EIO;
			} else if (fprintf(out, ",%s,%s,%s,,", v, p, m) < 0) {
				return CC_EIO;
			}
			if (cell(out, level) || fputc('\n', out) == EOF)
				return CC_EIO;
		}
	}
	return CC_OK;
}

static json_t *number_or_null(double x)
{
	return isnan(x) ? json_null() : json_real(x == 0 ? 0 : x);
}

int cc_results_write_json(FILE *out, const struct cc_answers *a,
			  const struct cc_scores *s)
{
	const struct cc_framework *fw = s->fw;
	int first = 1;

	if (fputs("[", out) < 0)
		return CC_EIO;
	for (int u = 0; u < s->nunits; u++) {
		for (int i = 0; i < s->nnodes; i++) {
			size_t at = (size_t)u * (size_t)s->nnodes + (size_t)i;
			double val = s->value[at];
			json_t *row = json_object();
			char *text;
			int rc = 0;

			if (!row)
				return CC_ENOMEM;
			rc |= json_object_set_new(row, "unit", json_string(a->units[u]));
			rc |= json_object_set_new(row, "node", json_string(fw->nodes[i].id));
			rc |= json_object_set_new(row, "value", number_or_null(val));
			rc |= json_object_set_new(row, "points",
						  number_or_null(val * fw->nodes[i].max));
			rc |= json_object_set_new(row, "max", json_real(fw->nodes[i].max));
			rc |= json_object_set_new(row, "rank", s->rank[at] == CC_RANK_NONE ?
						  json_null() : json_integer(s->rank[at]));
			rc |= json_object_set_new(row, "level", cc_scores_level(s, u, i) ?
						  json_string(cc_scores_level(s, u, i)) :
						  json_null());
			text = rc ? NULL : json_dumps(row, JSON_COMPACT | JSON_REAL_PRECISION(10));
			json_decref(row);
			if (!text)
				return CC_ENOMEM;
			rc = fprintf(out, "%s\n  %s", first ? "" : ",", text) < 0;
			free(text);
			if (rc)
				return CC_EIO;
			first = 0;
		}
	}
	return fputs(first ? "]\n" : "\n]\n", out) < 0 ? CC_EIO : CC_OK;
}
