/*
 * matrix_yaml.c - reading a risk matrix (see matrix_yaml.h) with the YAML
 * walk of yaml_walk.c: three lists of described levels (likelihood,
 * impact with its optional dimensions, risk levels with colours) and the
 * grid, one row per likelihood level, one risk level id per impact level;
 * then its translations (matrix_yaml_i18n.c).
 */
#include "matrix_yaml.h"

#include "fileio.h"
#include "yaml_walk.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum {
	M_VERSION, M_ID, M_TITLE, M_LIKELIHOOD, M_IMPACT, M_DIMENSIONS, M_LEVELS,
	M_GRID, M_NAME, M_DESCRIPTION, M_COLOR, M_TRANSLATIONS, M_COUNT
};

static const char *const names[M_COUNT] = {
	"cybercap-matrix", "id", "title", "likelihood", "impact", "dimensions", "levels",
	"grid", "name", "description", "color", "translations",
};

static const unsigned long long keys_top = B(M_VERSION) | B(M_ID) | B(M_TITLE) |
	B(M_LIKELIHOOD) | B(M_IMPACT) | B(M_LEVELS) | B(M_GRID) | B(M_TRANSLATIONS);
static const unsigned long long keys_impact = B(M_DIMENSIONS) | B(M_LEVELS);
static const unsigned long long keys_item = B(M_ID) | B(M_NAME) | B(M_DESCRIPTION);
static const unsigned long long keys_level = B(M_ID) | B(M_NAME) | B(M_DESCRIPTION) |
	B(M_COLOR);

static bool valid_id(const char *s)
{
	if (!*s || strlen(s) > 200)
		return false;
	for (; *s; s++)
		if (!isalnum((unsigned char)*s) && *s != '.' && *s != '_' && *s != '-')
			return false;
	return true;
}

static bool valid_color(const char *s)
{
	if (strlen(s) != 7 || s[0] != '#')
		return false;
	for (int i = 1; i < 7; i++)
		if (!isxdigit((unsigned char)s[i]))
			return false;
	return true;
}

/* A list of at least min described items; risk levels also carry colour. */
static int read_items(struct ctx *c, const yaml_node_t *v, const char *key, int min,
		      bool colored, struct cc_mitem **out, int *n)
{
	const char *what = colored ? "a risk level" : "a level";
	int rc = fy_get_seq(c, v, key, min);

	if (rc)
		return rc;
	*n = SEQ_LEN(v);
	if (*n > CC_MATRIX_MAX_ITEMS)
		return fy_fail(c, v, "\"%s\" lists %d items; at most %d are allowed", key, *n,
			       CC_MATRIX_MAX_ITEMS);
	*out = cc_arena_array(c->arena, (size_t)*n, sizeof(**out));
	if (!*out)
		return fy_oom(c);
	for (int i = 0; i < *n; i++) {
		yaml_node_t *y = fy_node_get(c, SEQ_AT(v, i), v);
		struct cc_mitem *it = &(*out)[i];
		struct keyset ks;

		if (!y)
			return CC_EINPUT;
		if ((rc = fy_keys_read(c, y, colored ? keys_level : keys_item, what, &ks)) ||
		    (rc = fy_need(c, &ks, M_ID, what)) || (rc = fy_need(c, &ks, M_NAME, what)) ||
		    (colored && (rc = fy_need(c, &ks, M_COLOR, what))) ||
		    (rc = fy_get_text(c, ks.val[M_ID], "id", &it->id)) ||
		    (rc = fy_get_text(c, ks.val[M_NAME], "name", &it->name)) ||
		    (ks.val[M_DESCRIPTION] &&
		     (rc = fy_get_text(c, ks.val[M_DESCRIPTION], "description", &it->description))) ||
		    (colored && (rc = fy_get_text(c, ks.val[M_COLOR], "color", &it->color))))
			return rc;
		if (!valid_id(it->id))
			return fy_fail(c, ks.val[M_ID], "\"id\" must be made of letters, digits, '.', '_' or '-' (got \"%.60s\")", it->id);
		if (colored && !valid_color(it->color))
			return fy_fail(c, ks.val[M_COLOR], "\"color\" must be written #rrggbb (got \"%.20s\")", it->color);
		it->line = (long)y->start_mark.line + 1;
		it->col = (long)y->start_mark.column + 1;
		for (int j = 0; j < i; j++)
			if (strcmp((*out)[j].id, it->id) == 0)
				return fy_fail(c, ks.val[M_ID], "duplicate id \"%s\" in \"%s\" (first at line %ld)",
					       it->id, key, (*out)[j].line);
	}
	return CC_OK;
}

static int read_grid(struct ctx *c, struct cc_matrix *m, const yaml_node_t *v)
{
	int rc = fy_get_seq(c, v, "grid", 1);

	if (rc)
		return rc;
	if (SEQ_LEN(v) != m->nlikelihood)
		return fy_fail(c, v, "\"grid\" has %d rows; it needs one per likelihood level (%d)",
			       SEQ_LEN(v), m->nlikelihood);
	m->grid = cc_arena_array(c->arena, (size_t)m->nlikelihood * (size_t)m->nimpact, sizeof(int));
	if (!m->grid)
		return fy_oom(c);
	for (int l = 0; l < m->nlikelihood; l++) {
		yaml_node_t *row = fy_node_get(c, SEQ_AT(v, l), v);

		if (!row)
			return CC_EINPUT;
		if (row->type != YAML_SEQUENCE_NODE)
			return fy_fail(c, row, "each row of \"grid\" is a list of risk level ids");
		if (SEQ_LEN(row) != m->nimpact)
			return fy_fail(c, row, "row %d of \"grid\" (likelihood %s) has %d cells; it needs one per impact level (%d)",
				       l + 1, m->likelihood[l].id, SEQ_LEN(row), m->nimpact);
		for (int i = 0; i < m->nimpact; i++) {
			yaml_node_t *cell = fy_node_get(c, SEQ_AT(row, i), row);
			const char *id;
			int k;

			if (!cell)
				return CC_EINPUT;
			if ((rc = fy_get_text(c, cell, "grid", &id)))
				return rc;
			k = cc_matrix_find(m->levels, m->nlevels, id);
			if (k < 0)
				return fy_fail(c, cell, "grid cell \"%.60s\" (likelihood %s, impact %s) names no risk level",
					       id, m->likelihood[l].id, m->impact[i].id);
			m->grid[l * m->nimpact + i] = k;
		}
	}
	return CC_OK;
}

static int read_top(struct ctx *c, struct cc_matrix *m, yaml_node_t *root)
{
	struct keyset ks, ik;
	double version;
	int rc;

	if ((rc = fy_keys_read(c, root, keys_top, "the matrix", &ks)) ||
	    (rc = fy_need(c, &ks, M_VERSION, "the matrix")) ||
	    (rc = fy_need(c, &ks, M_ID, "the matrix")) ||
	    (rc = fy_need(c, &ks, M_TITLE, "the matrix")) ||
	    (rc = fy_need(c, &ks, M_LIKELIHOOD, "the matrix")) ||
	    (rc = fy_need(c, &ks, M_IMPACT, "the matrix")) ||
	    (rc = fy_need(c, &ks, M_LEVELS, "the matrix")) ||
	    (rc = fy_need(c, &ks, M_GRID, "the matrix")) ||
	    (rc = fy_get_number(c, ks.val[M_VERSION], "cybercap-matrix", &version)))
		return rc;
	if (version != 1)
		return fy_fail(c, ks.val[M_VERSION], "this is matrix format version %g; cybercap reads version 1", version);
	if ((rc = fy_get_text(c, ks.val[M_ID], "id", &m->id)))
		return rc;
	if (!fy_valid_lower_id(m->id))
		return fy_fail(c, ks.val[M_ID], "\"id\" must be made of a-z, 0-9, '.', '_' or '-'");
	if ((rc = fy_get_text(c, ks.val[M_TITLE], "title", &m->title)) ||
	    (rc = read_items(c, ks.val[M_LIKELIHOOD], "likelihood", 2, false, &m->likelihood,
			     &m->nlikelihood)) ||
	    (rc = fy_keys_read(c, ks.val[M_IMPACT], keys_impact, "\"impact\"", &ik)) ||
	    (rc = fy_need(c, &ik, M_LEVELS, "\"impact\"")) ||
	    (ik.val[M_DIMENSIONS] &&
	     (rc = read_items(c, ik.val[M_DIMENSIONS], "dimensions", 1, false, &m->dimensions,
			      &m->ndimensions))) ||
	    (rc = read_items(c, ik.val[M_LEVELS], "levels", 2, false, &m->impact, &m->nimpact)) ||
	    (rc = read_items(c, ks.val[M_LEVELS], "levels", 2, true, &m->levels, &m->nlevels)))
		return rc;
	if ((rc = read_grid(c, m, ks.val[M_GRID])))
		return rc;
	return ks.val[M_TRANSLATIONS] ? cc__matrix_translations(c, m, ks.val[M_TRANSLATIONS]) : CC_OK;
}

int cc_matrix_parse(struct cc_matrix *m, const char *file, const char *text, size_t len,
		    struct cc_error *err)
{
	struct ctx c;
	yaml_node_t *root;
	int rc = cc_matrix_init(m, file);

	if (rc) {
		cc_matrix_free(m);
		return cc_error_set(err, rc, file, 0, 0, "out of memory");
	}
	c = (struct ctx){.arena = &m->arena, .names = names, .nnames = M_COUNT,
			 .file = m->file, .err = err};
	rc = fy_load(&c, text, len, &root);
	if (!rc) {
		rc = read_top(&c, m, root);
		fy_unload(&c);
	}
	if (rc)
		cc_matrix_free(m);
	return rc;
}

static int parse_any(void *obj, const char *file, const char *text, size_t len,
		     struct cc_error *err)
{
	return cc_matrix_parse(obj, file, text, len, err);
}

int cc_matrix_load(struct cc_matrix *m, const char *path, struct cc_error *err)
{
	return cc_load_file(path, CC_MATRIX_MAX_BYTES, parse_any, m, sizeof(*m), err);
}
