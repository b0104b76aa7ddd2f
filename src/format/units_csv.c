/*
 * units_csv.c - units files into a small table (see units_csv.h).
 */
#include "units_csv.h"

#include "csv.h"
#include "fileio.h"

#include <stdlib.h>
#include <string.h>

void cc_units_free(struct cc_units *u)
{
	free(u->cells);
	cc_idmap_free(&u->ids);
	cc_arena_free(&u->arena);
	memset(u, 0, sizeof(*u));
}

static int add_row(struct cc_units *u, const struct cc_csv *r, int *cap,
		   struct cc_error *err)
{
	const char **row;

	if (r->nfields != u->ncols)
		return cc_error_set(err, CC_EINPUT, r->file, r->record_line, 0,
				    "this row has %d fields; the header has %d",
				    r->nfields, u->ncols);
	if (u->nrows == *cap) {
		int ncap = *cap ? *cap * 2 : 256;
		const char **cells = realloc(u->cells, (size_t)ncap * (size_t)u->ncols *
					     sizeof(*cells));
		if (!cells)
			return cc_error_set(err, CC_ENOMEM, r->file, 0, 0, "out of memory");
		u->cells = cells;
		*cap = ncap;
	}
	row = u->cells + (size_t)u->nrows * (size_t)u->ncols;
	for (int c = 0; c < u->ncols; c++) {
		row[c] = cc_arena_strndup(&u->arena, r->fields[c].s, r->fields[c].len);
		if (!row[c])
			return cc_error_set(err, CC_ENOMEM, r->file, 0, 0, "out of memory");
	}
	switch (cc_idmap_put(&u->ids, row[u->id_col], strlen(row[u->id_col]), u->nrows)) {
	case CC_OK:
		break;
	case CC_EINPUT:
		return cc_error_set(err, CC_EINPUT, r->file, r->record_line, 0,
				    "unit \"%s\" appears twice", row[u->id_col]);
	default:
		return cc_error_set(err, CC_ENOMEM, r->file, 0, 0, "out of memory");
	}
	u->nrows++;
	return CC_OK;
}

int cc_units_parse(struct cc_units *u, const char *file, const char *text,
		   size_t len, struct cc_error *err)
{
	struct cc_csv r;
	int rc, cap = 0;

	memset(u, 0, sizeof(*u));
	cc_arena_init(&u->arena);
	cc_idmap_init(&u->ids);
	rc = cc_csv_open(&r, file, text, len, err);
	if (!rc) {
		rc = cc_csv_next(&r, err);
		if (rc == 0)
			rc = cc_error_set(err, CC_EINPUT, file, 1, 0, "the units file is empty");
		else if (rc > 0)
			rc = CC_OK;
	}
	if (!rc) {
		u->ncols = r.nfields;
		u->columns = cc_arena_array(&u->arena, (size_t)u->ncols, sizeof(char *));
		for (int c = 0; u->columns && c < u->ncols; c++)
			u->columns[c] = cc_arena_strndup(&u->arena, r.fields[c].s,
							 r.fields[c].len);
		if (!u->columns || !u->columns[u->ncols - 1])
			rc = cc_error_set(err, CC_ENOMEM, file, 0, 0, "out of memory");
	}
	if (!rc) {
		u->id_col = cc_units_column(u, "unit");
		if (u->id_col < 0)
			u->id_col = cc_units_column(u, "iso3");
		if (u->id_col < 0)
			u->id_col = 0;
	}
	while (!rc) {
		rc = cc_csv_next(&r, err);
		if (rc <= 0)
			break;
		rc = add_row(u, &r, &cap, err);
	}
	cc_csv_close(&r);
	if (rc)
		cc_units_free(u);
	return rc;
}

int cc_units_load(struct cc_units *u, const char *path, struct cc_error *err)
{
	char *text;
	size_t len;
	int rc = cc_read_file(path, CC_UNITS_MAX_BYTES, &text, &len, err);

	if (rc) {
		memset(u, 0, sizeof(*u));
		return rc;
	}
	rc = cc_units_parse(u, path, text, len, err);
	free(text);
	return rc;
}

int cc_units_column(const struct cc_units *u, const char *name)
{
	for (int c = 0; c < u->ncols; c++)
		if (strcmp(u->columns[c], name) == 0)
			return c;
	return -1;
}

int cc_units_row(const struct cc_units *u, const char *id)
{
	return cc_idmap_get(&u->ids, id, strlen(id));
}

const char *cc_units_cell(const struct cc_units *u, int row, int col)
{
	if (row < 0 || col < 0 || row >= u->nrows || col >= u->ncols)
		return NULL;
	return u->cells[(size_t)row * (size_t)u->ncols + (size_t)col];
}

const char *cc_units_name(const struct cc_units *u, const char *id)
{
	int row = cc_units_row(u, id);
	int col = cc_units_column(u, "name_en");
	const char *name;

	if (col < 0)
		col = cc_units_column(u, "name");
	name = cc_units_cell(u, row, col);
	return name && *name ? name : id;
}
