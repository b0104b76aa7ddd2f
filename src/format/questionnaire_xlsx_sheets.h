/*
 * questionnaire_xlsx_sheets.h - internal to the questionnaire reader: the
 * cells of an .xlsx workbook, sheet by sheet and row by row, from a zip in
 * memory (libzip) and its XML parts (expat). It knows the package (which
 * part holds which sheet, shared strings, cell types) and nothing of
 * questionnaires; questionnaire_xlsx_read.c gives the cells their meaning.
 *
 * Every problem goes into the caller's struct cc_xlsx_errors with its
 * sheet, row and column; the limits of questionnaire_xlsx.h are checked
 * here. x->fatal is set when reading must stop (CC_ELIMIT, CC_ENOMEM).
 *
 * Ownership: sheet names and shared strings live in x->tmp until
 * cc__xlsx_close; the cells passed to a row callback only during the call.
 */
#ifndef CC_QUESTIONNAIRE_XLSX_SHEETS_H
#define CC_QUESTIONNAIRE_XLSX_SHEETS_H

#include <stdbool.h>
#include <stddef.h>

#include "questionnaire_xlsx.h"

struct zip;
struct cc__xlsx_rel;

struct cc__xlsx_sheet {
	const char *name;
	const char *part;          /* its zip entry, NULL when not found */
};

struct cc__xlsx {
	struct zip *zip;
	struct cc_arena tmp;
	struct cc_xlsx_errors *errs;
	int fatal;                 /* CC_ELIMIT or CC_ENOMEM once reading stops */
	size_t total;              /* bytes inflated so far, all parts */
	struct cc__xlsx_sheet *sheets;
	int nsheets;
	const char **sst;          /* shared strings */
	int nsst, capsst;
	struct cc__xlsx_rel *rels;
	int nrels, caprels;
};

/* A cell as stored: the text of its value (a shared string, an inline
 * string, a number as written, TRUE/FALSE), untrimmed; empty cells are
 * not given. */
struct cc__xlsx_cell {
	int col;                   /* 0-based */
	const char *text;
	size_t len;
};

/* Which columns of the current sheet to keep (others are dropped as they
 * are read), and what to do with a row once it ends. A row callback
 * returns CC_OK or a status that stops the reading (CC_ENOMEM). */
typedef bool (*cc__xlsx_want_fn)(void *ud, int col);
typedef int (*cc__xlsx_row_fn)(void *ud, int row,
			       const struct cc__xlsx_cell *cells, int n);

/* Opens the zip data[0..len) (not copied: it must outlive x), reads the
 * workbook's sheet list, its relationships and the shared strings.
 * Returns CC_OK, or the status after recording why in errs. Call
 * cc__xlsx_close whatever it returns. */
int cc__xlsx_open(struct cc__xlsx *x, const char *data, size_t len,
		  struct cc_xlsx_errors *errs);

/* Streams the rows of sheet i (an index in x->sheets) to row. Returns
 * CC_OK, CC_EINPUT (recorded: the sheet is missing or damaged), or
 * x->fatal. */
int cc__xlsx_read_sheet(struct cc__xlsx *x, int i, cc__xlsx_want_fn want,
			cc__xlsx_row_fn row, void *ud);

void cc__xlsx_close(struct cc__xlsx *x);

/* Records an error (sheet NULL, row 0, col -1 when not known); past
 * CC_XLSX_MAX_ERRORS it is only counted. Sets x->fatal on CC_ENOMEM. */
void cc__xlsx_error(struct cc__xlsx *x, const char *sheet, int row, int col,
		    const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* Column letters ("A".."XFD") of a 0-based column. */
void cc__xlsx_col_name(int col, char out[4]);

/* s[0..n) equals the NUL-terminated w, ignoring ASCII case. */
bool cc__xlsx_word_case(const char *s, size_t n, const char *w);

#endif
