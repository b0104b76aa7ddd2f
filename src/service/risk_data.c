/*
 * risk_data.c - the reference data of risk assessments into the store
 * and out as JSON (see risks.h): matrix files (validated, stored as text
 * by id and hash, so that a changed file is a new version and an
 * assessment keeps the one it started with) and the taxonomies
 * (data/taxonomies: sectors.csv, threats.csv, actors.csv; replaced whole).
 */
#include "risks.h"

#include "service.h"
#include "txn.h"

#include "../format/csv.h"
#include "../format/fileio.h"
#include "../format/matrix_yaml.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const cc_phase_names[CC_NPHASES] = {"inherent", "current", "target"};

int cc_phase_parse(const char *s)
{
	for (int p = 0; s && p < CC_NPHASES; p++)
		if (strcmp(s, cc_phase_names[p]) == 0)
			return p;
	return -1;
}

/* ---- matrices ---- */

int cc_service_add_matrix(struct cc_store *s, const char *path, char *id, size_t idlen,
			  struct cc_error *err)
{
	struct cc_matrix m;
	char *text, hash[65];
	size_t len;
	int rc = cc_read_file(path, CC_MATRIX_MAX_BYTES, &text, &len, err);

	if (rc)
		return rc;
	rc = cc_matrix_parse(&m, path, text, len, err);
	if (!rc) {
		snprintf(id, idlen, "%s", m.id);
		rc = cc_store_put_matrix(s, m.id, m.title, text, len, hash, err);
		cc_matrix_free(&m);
	}
	free(text);
	return rc;
}

int cc_service_add_matrices_dir(struct cc_store *s, const char *dir, int *count,
				struct cc_error *err)
{
	return cc_service_add_dir(s, dir, cc_service_add_matrix, count, err);
}

int cc_service_matrix(struct cc_store *s, const char *id, const char *hash,
		      struct cc_matrix *m, struct cc_error *err)
{
	struct cc_list l;
	const struct cc_matrix_rec *r;
	char name[200];
	int rc = cc_store_matrix(s, id, hash, &l, err);

	memset(m, 0, sizeof(*m));
	if (rc)
		return rc;
	r = l.items;
	snprintf(name, sizeof(name), "matrix %s", id);
	rc = cc_matrix_parse(m, name, r->text, r->len, err);
	cc_list_free(&l);
	return rc;
}

static json_t *items_json(const struct cc_mitem *it, int n, bool color)
{
	json_t *a = json_array();

	for (int i = 0; a && i < n; i++) {
		json_t *o = json_pack("{s:s,s:s}", "id", it[i].id, "name", it[i].name);
		if (o && it[i].description)
			json_object_set_new(o, "description", json_string(it[i].description));
		if (o && color)
			json_object_set_new(o, "color", json_string(it[i].color));
		json_array_append_new(a, o);
	}
	return a;
}

json_t *cc_matrix_json(const struct cc_matrix *m, const char *hash)
{
	json_t *grid = json_array(), *o;

	for (int l = 0; grid && l < m->nlikelihood; l++) {
		json_t *row = json_array();
		for (int i = 0; row && i < m->nimpact; i++)
			json_array_append_new(row, json_string(m->levels[cc_matrix_cell(m, l, i)].id));
		json_array_append_new(grid, row);
	}
	o = json_pack("{s:s,s:s,s:o,s:{s:o,s:o},s:o,s:o}", "id", m->id, "title", m->title,
		      "likelihood", items_json(m->likelihood, m->nlikelihood, false), "impact",
		      "dimensions", items_json(m->dimensions, m->ndimensions, false), "levels",
		      items_json(m->impact, m->nimpact, false), "levels",
		      items_json(m->levels, m->nlevels, true), "grid", grid);
	if (o && hash)
		json_object_set_new(o, "hash", json_string(hash));
	return o;
}

/* ---- taxonomies ---- */

/* The terms of one file: columns id and name (and source, or for sectors
 * the MISP sector names they come from), into t[*n] (texts in ar). */
static int read_terms(const char *path, const char *kind, struct cc_arena *ar,
		      struct cc_term_rec *t, int *n, struct cc_error *err)
{
	struct cc_csv r;
	char *text;
	size_t len;
	int id = -1, name = -1, src = -1, more = 0, rc = cc_read_file(path, 1u << 20, &text, &len,
								  err);

	*n = 0;
	if (rc)
		return rc;
	rc = cc_csv_open(&r, path, text, len, err);
	if (!rc && (more = cc_csv_next(&r, err)) == 1) {
		id = cc_csv_find(&r, "id");
		name = cc_csv_find(&r, "name");
		src = cc_csv_find(&r, strcmp(kind, "sector") == 0 ? "misp_sector" : "source");
		rc = id < 0 || name < 0 ? cc_error_set(err, CC_EINPUT, path, r.record_line, 0,
			"the header needs the columns id and name") : CC_OK;
	} else if (!rc) {
		rc = more < 0 ? more : cc_error_set(err, CC_EINPUT, path, 1, 0, "the file is empty");
	}
	while (!rc && (more = cc_csv_next(&r, err)) == 1) {
		const struct cc_csv_field *f = r.fields;
		if (id >= r.nfields || name >= r.nfields || !f[id].len || !f[name].len) {
			rc = cc_error_set(err, CC_EINPUT, path, r.record_line, 0,
					  "every row needs an id and a name");
			break;
		}
		if (*n == CC_TAXONOMY_MAX_TERMS) {
			rc = cc_error_set(err, CC_ELIMIT, path, r.record_line, 0,
					  "at most %d terms", CC_TAXONOMY_MAX_TERMS);
			break;
		}
		t[*n] = (struct cc_term_rec){kind, cc_arena_strndup(ar, f[id].s, f[id].len),
			cc_arena_strndup(ar, f[name].s, f[name].len),
			src >= 0 && src < r.nfields ? cc_arena_strndup(ar, f[src].s, f[src].len) : ""};
		if (!t[*n].id || !t[*n].name || !t[*n].source)
			rc = cc_error_set(err, CC_ENOMEM, NULL, 0, 0, "out of memory");
		(*n)++;
	}
	if (!rc && more < 0)
		rc = more;
	if (!rc && !*n)
		rc = cc_error_set(err, CC_EINPUT, path, 2, 0, "no terms");
	cc_csv_close(&r);
	free(text);
	return rc;
}

static int set_taxonomies(struct cc_store *s, const char *dir, struct cc_arena *ar,
			  struct cc_term_rec *t, int *count, struct cc_error *err)
{
	static const char *const kinds[][2] = {
		{"sector", "sectors.csv"}, {"threat", "threats.csv"}, {"actor", "actors.csv"},
	};
	int rc = CC_OK;

	*count = 0;
	for (int k = 0; !rc && k < 3; k++) {
		char path[4400];
		int n;

		snprintf(path, sizeof(path), "%s/%s", dir, kinds[k][1]);
		rc = read_terms(path, kinds[k][0], ar, t, &n, err);
		if (!rc)
			rc = cc_store_set_terms(s, kinds[k][0], t, n, err);
		if (rc == CC_EINPUT && !err->file[0])
			snprintf(err->file, sizeof(err->file), "%.255s", path);
		*count += n;
	}
	return rc;
}

int cc_service_add_taxonomies(struct cc_store *s, const char *dir, int *count,
			      struct cc_error *err)
{
	struct cc_arena ar;
	struct cc_term_rec *t = calloc(CC_TAXONOMY_MAX_TERMS, sizeof(*t));
	int rc;

	if (!t)
		return cc_error_set(err, CC_ENOMEM, NULL, 0, 0, "out of memory");
	cc_arena_init(&ar);
	rc = cc_store_begin(s, err);
	if (!rc)
		rc = set_taxonomies(s, dir, &ar, t, count, err);
	if (!rc)
		rc = cc_store_commit(s, err);
	if (rc)
		cc_store_rollback(s);
	cc_arena_free(&ar);
	free(t);
	return rc;
}

json_t *cc_taxonomies_json(const struct cc_list *terms)
{
	const struct cc_term_rec *t = terms->items;
	json_t *o = json_pack("{s:[],s:[],s:[]}", "sectors", "threats", "actors");

	for (int i = 0; o && i < terms->n; i++) {
		const char *key = strcmp(t[i].kind, "sector") == 0 ? "sectors" :
			strcmp(t[i].kind, "threat") == 0 ? "threats" : "actors";
		json_t *e = json_pack("{s:s,s:s}", "id", t[i].id, "name", t[i].name);
		if (e && *t[i].source && strcmp(t[i].kind, "threat") == 0)
			json_object_set_new(e, "source", json_string(t[i].source));
		json_array_append_new(json_object_get(o, key), e);
	}
	return o;
}
