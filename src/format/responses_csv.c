/*
 * responses_csv.c - response files into struct cc_answers (see
 * responses_csv.h). The CSV layer gives records with their line; this file
 * maps columns and hands each row to the answers table, adding FILE:LINE to
 * whatever the table refuses.
 */
#include "responses_csv.h"

#include "csv.h"
#include "fileio.h"

#include "../core/number.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct columns {
	int unit, question, answer, evidence, comment;
};

static int read_header(struct cc_csv *r, struct columns *col,
		       struct cc_error *err)
{
	int rc = cc_csv_next(r, err);
	static const char *const required[] = {"unit", "question", "answer"};

	if (rc < 0)
		return rc;
	if (rc == 0)
		return cc_error_set(err, CC_EINPUT, r->file, 1, 0,
				    "the file is empty; it needs the header unit,question,answer");
	for (int f = 0; f < r->nfields; f++)
		for (int g = 0; g < f; g++)
			if (r->fields[f].len == r->fields[g].len &&
			    memcmp(r->fields[f].s, r->fields[g].s, r->fields[f].len) == 0)
				return cc_error_set(err, CC_EINPUT, r->file, r->record_line, 0,
						    "column \"%.*s\" appears twice in the header",
						    (int)(r->fields[f].len > 60 ? 60 : r->fields[f].len),
						    r->fields[f].s);
	col->unit = cc_csv_find(r, "unit");
	col->question = cc_csv_find(r, "question");
	col->answer = cc_csv_find(r, "answer");
	col->evidence = cc_csv_find(r, "evidence");
	col->comment = cc_csv_find(r, "comment");
	for (int i = 0; i < 3; i++) {
		int have = i == 0 ? col->unit : i == 1 ? col->question : col->answer;
		if (have < 0)
			return cc_error_set(err, CC_EINPUT, r->file, r->record_line, 0,
					    "the header has no \"%s\" column (it needs unit,question,answer)",
					    required[i]);
	}
	return CC_OK;
}

static int read_row(struct cc_answers *a, const struct cc_csv *r,
		    const struct columns *col, int nheader, struct cc_error *err)
{
	const struct cc_csv_field *f = r->fields;
	const char *s;
	size_t len;
	int unit, rc, node;

	if (r->nfields != nheader)
		return cc_error_set(err, CC_EINPUT, r->file, r->record_line, 0,
				    "this row has %d fields; the header has %d",
				    r->nfields, nheader);
	len = f[col->unit].len;
	s = cc_trim(f[col->unit].s, &len);
	rc = cc_answers_unit(a, s, len, &unit, err);
	if (!rc) {
		len = f[col->question].len;
		s = cc_trim(f[col->question].s, &len);
		rc = cc_answers_set(a, unit, s, len, f[col->answer].s,
				    f[col->answer].len, err);
	}
	if (!rc && (col->evidence >= 0 || col->comment >= 0)) {
		node = cc_idmap_get(&a->fw->ids, s, len);
		rc = cc_answers_note(a, unit, a->fw->nodes[node].leaf,
				     col->evidence >= 0 ? f[col->evidence].s : NULL,
				     col->evidence >= 0 ? f[col->evidence].len : 0,
				     col->comment >= 0 ? f[col->comment].s : NULL,
				     col->comment >= 0 ? f[col->comment].len : 0);
		if (rc)
			cc_error_set(err, rc, NULL, 0, 0, "out of memory");
	}
	if (rc) {
		/* The table says what; this adds where. */
		snprintf(err->file, sizeof(err->file), "%s", r->file);
		err->line = r->record_line;
		err->col = 0;
	}
	return rc;
}

int cc_responses_parse(struct cc_answers *a, const struct cc_framework *fw,
		       const char *file, const char *text, size_t len,
		       struct cc_error *err)
{
	struct cc_csv r;
	struct columns col = {-1, -1, -1, -1, -1};
	int rc, nheader;

	cc_answers_init(a, fw);
	rc = cc_csv_open(&r, file, text, len, err);
	if (!rc)
		rc = read_header(&r, &col, err);
	nheader = r.nfields;
	while (!rc) {
		rc = cc_csv_next(&r, err);
		if (rc <= 0)
			break;
		rc = read_row(a, &r, &col, nheader, err);
	}
	cc_csv_close(&r);
	if (rc)
		cc_answers_free(a);
	return rc;
}

int cc_responses_load(struct cc_answers *a, const struct cc_framework *fw,
		      const char *path, struct cc_error *err)
{
	char *text;
	size_t len;
	int rc = cc_read_file(path, CC_RESPONSES_MAX_BYTES, &text, &len, err);

	if (rc) {
		cc_answers_init(a, fw);
		return rc;
	}
	rc = cc_responses_parse(a, fw, path, text, len, err);
	free(text);
	return rc;
}
