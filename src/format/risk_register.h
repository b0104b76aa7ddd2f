/*
 * risk_register.h - a risk register as a table, to and from files: CSV
 * (RFC 4180, a header row, one risk a row) and an Excel workbook (a
 * sheet "Register" holding the same table, a sheet "Matrix" with the
 * levels to choose from, a hidden sheet "meta" with key in A and value
 * in B: `format` (CC_REGISTER_FORMAT), `assessment`, `matrix`, `matrix
 * hash`). Written with libxlsxwriter, read with the workbook cells of
 * questionnaire_xlsx_sheets.h (libzip + expat, its limits and checks).
 *
 * This layer knows cells, not risks: the columns and what a cell must
 * hold are the service's (service/risk_import.c, docs/risks.md). Reading
 * keeps every row with its number as a spreadsheet shows it (the header
 * is row 1) and records every problem with its sheet, row and column in
 * a struct cc_xlsx_errors, so that the caller can refuse an upload whole
 * and name every bad cell.
 */
#ifndef CC_RISK_REGISTER_H
#define CC_RISK_REGISTER_H

#include <stdio.h>

#include "questionnaire_xlsx.h"

#define CC_REGISTER_FORMAT "cybercap-risk-register 1"
#define CC_REGISTER_SHEET "Register"
#define CC_REGISTER_MAX_ROWS 2000       /* risks in one upload */
#define CC_REGISTER_MAX_COLS 200
#define CC_REGISTER_MAX_BYTES (10u << 20)

struct cc_reg_row {
	int row;                        /* 1-based; the header is row 1 */
	int line;                       /* CSV: the line the record starts on; a workbook: row */
	const char **cells;             /* one per header column, trimmed, "" when empty */
};

struct cc_reg_table {
	struct cc_arena arena;
	const char *sheet;              /* where the rows come from, for errors */
	const char **header;            /* trimmed names, in column order */
	int *col;                       /* each header's column (0-based) */
	int ncols;
	struct cc_reg_row *rows;        /* rows with at least one cell */
	int nrows;
	const char **meta;              /* key, value pairs of the meta sheet */
	int nmeta;
};

void cc_reg_table_init(struct cc_reg_table *t);
void cc_reg_table_free(struct cc_reg_table *t);

/* Reads a CSV register (sheet: its name in errors, e.g. "register.csv")
 * or a workbook into t (initialised here; free it whatever happens).
 * Problems of the table itself go to errs (initialised here): an empty
 * or duplicate header, a cell beyond the header's columns, no sheet
 * "Register", a damaged file, a limit. Returns CC_OK (t filled), CC_EINPUT
 * (errs->n >= 1, err the summary), CC_ELIMIT, CC_ENOMEM. */
int cc_reg_table_csv(const char *sheet, const char *data, size_t len, struct cc_reg_table *t,
		     struct cc_xlsx_errors *errs, struct cc_error *err);
int cc_reg_table_xlsx(const char *data, size_t len, struct cc_reg_table *t,
		      struct cc_xlsx_errors *errs, struct cc_error *err);
/* The same table from the workbook's sheet named sheet (the MSEL's, say). */
int cc_reg_table_xlsx_sheet(const char *data, size_t len, const char *sheet,
			    struct cc_reg_table *t, struct cc_xlsx_errors *errs,
			    struct cc_error *err);

/* The value of a meta key, or NULL. */
const char *cc_reg_table_meta(const struct cc_reg_table *t, const char *key);

/* A register to write: header[ncols], cells[nrows * ncols] (NULL is
 * empty), meta key/value pairs[2 * nmeta] for the workbook, and for the
 * "Matrix" sheet the lines help[nhelp] (each "label\tvalue"). */
struct cc_reg_out {
	const char *const *header;
	int ncols;
	const char *const *cells;
	int nrows;
	const char *const *meta;
	int nmeta;
	const char *const *help;
	int nhelp;
	const char *sheet;              /* NULL: "Register" */
	const char *help_sheet;         /* NULL: "Matrix" */
	const char *format;             /* meta `format`; NULL: CC_REGISTER_FORMAT */
};

/* CSV with CRLF line ends, quoted where needed. */
int cc_reg_write_csv(FILE *f, const struct cc_reg_out *o);
/* The workbook at path: CC_OK, CC_ELIMIT (a text past Excel's cell
 * limit), CC_EIO. */
int cc_reg_write_xlsx(const char *path, const struct cc_reg_out *o, struct cc_error *err);

#endif
