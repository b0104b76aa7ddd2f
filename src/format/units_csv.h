/*
 * units_csv.h - reading a units file: one row per unit (a country or a
 * fictional unit) with any number of columns, such as data/countries.csv
 * (iso3, names in six languages, regions, ldc, lldc, sids).
 *
 * The unit id is the column `unit` if there is one, else `iso3`, else the
 * first column. Every column can serve as a grouping (`--by itu_region`).
 */
#ifndef CC_UNITS_CSV_H
#define CC_UNITS_CSV_H

#include "../core/arena.h"
#include "../core/error.h"
#include "../core/idmap.h"

#define CC_UNITS_MAX_BYTES (64u << 20)

struct cc_units {
	struct cc_arena arena;
	struct cc_idmap ids;
	const char **columns;
	int ncols;
	const char **cells;     /* [row * ncols + col] */
	int nrows;
	int id_col;
};

int cc_units_load(struct cc_units *u, const char *path, struct cc_error *err);
int cc_units_parse(struct cc_units *u, const char *file, const char *text,
		   size_t len, struct cc_error *err);
void cc_units_free(struct cc_units *u);

/* Column index by name, or -1. */
int cc_units_column(const struct cc_units *u, const char *name);
/* Row of a unit id, or -1. */
int cc_units_row(const struct cc_units *u, const char *id);
/* A cell, or NULL when row or col is -1. */
const char *cc_units_cell(const struct cc_units *u, int row, int col);
/* The unit's English name (name_en or name column), else its id. */
const char *cc_units_name(const struct cc_units *u, const char *id);

#endif
