/*
 * msel.h - a scenario's injects as a spreadsheet, the master scenario
 * events list (MSEL) facilitators keep: one inject a row, in the columns
 * of CC_MSEL_COLUMNS (docs/drills.md, "MSEL spreadsheets"). The table
 * itself is read and written by risk_register.h (CSV, or a workbook whose
 * sheet "MSEL" holds the table); this file gives the cells their meaning.
 *
 *   id, at        an inject id; minutes of play or "D+n H+n M+n"
 *   after         optional: the id of an inject of the same table
 *   to            team ids joined by "|", or "all"
 *   channel       email | phone | media | social | handout | system
 *   from          optional
 *   title, content
 *   expects       optional, one expected action a line:
 *                 "ID [OBJECTIVE]: TEXT" or "ID: TEXT"
 *   notes         optional, for controllers
 *
 * Cells are trimmed (the table reader does it), so a text's surrounding
 * white space does not survive a spreadsheet; a line break inside an
 * expected action's text becomes a space on export.
 */
#ifndef CC_MSEL_H
#define CC_MSEL_H

#include "risk_register.h"
#include "../core/scenario.h"

#define CC_MSEL_FORMAT "cybercap-msel 1"
#define CC_MSEL_SHEET "MSEL"
#define CC_MSEL_NCOLS 10

extern const char *const cc_msel_columns[CC_MSEL_NCOLS];

/* The injects of sc, in file order, as a table to write (its strings in
 * ar, which must outlive o). CC_OK or CC_ENOMEM. */
int cc_msel_table(const struct cc_scenario *sc, const char *hash, struct cc_arena *ar,
		  struct cc_reg_out *o);

/* Replaces the injects of sc (a finished scenario) by the rows of t, then
 * finishes it again. Every bad cell goes to errs (sheet t->sheet, the
 * row's line, its column; the message starts with the column's name):
 * a missing or unknown column, a missing value, an id or time in the
 * wrong form, a `to`, `after` or objective naming nothing, a duplicate
 * id, an `after` loop. Returns CC_OK, CC_EINPUT (errs->n >= 1, err the
 * summary) or CC_ENOMEM; on error sc must only be freed. */
int cc_msel_apply(const struct cc_reg_table *t, struct cc_scenario *sc,
		  struct cc_xlsx_errors *errs, struct cc_error *err);

/* A scenario text with its `injects` replaced by those of sc, written as
 * YAML (everything else of text kept as it was); *out is malloc'd.
 * CC_EINPUT when text is not a block mapping, CC_ENOMEM. */
int cc_msel_splice(const char *text, size_t len, const struct cc_scenario *sc,
		   char **out, size_t *outlen, struct cc_error *err);

/* A workbook (a zip) rather than CSV. */
bool cc_msel_is_xlsx(const char *data, size_t len);

/* The table of an MSEL file: CSV (name in errors) or a workbook's sheet
 * "MSEL". As cc_reg_table_csv: free t and errs whatever happens. */
int cc_msel_read_table(const char *name, const char *data, size_t len,
		       struct cc_reg_table *t, struct cc_xlsx_errors *errs, struct cc_error *err);

/* The scenario text[0..len) (file names it in errors; its challenge
 * files under base_dir, NULL when it has none) with the injects of the
 * MSEL data[0..dlen): the new text in *out (malloc'd), checked by the
 * scenario reader. Errors: CC_EINPUT with every bad cell in errs (or the
 * reader's error in err), CC_ELIMIT, CC_ENOMEM. errs is initialised here;
 * free it whatever happens. */
int cc_msel_rewrite(const char *text, size_t len, const char *file,
		    const char *name, const char *data, size_t dlen, const char *base_dir,
		    char **out, size_t *outlen, struct cc_xlsx_errors *errs,
		    struct cc_error *err);

/* sc's MSEL as CSV (CRLF) or a workbook, into *body (malloc'd). */
int cc_msel_write(const struct cc_scenario *sc, const char *hash, bool xlsx, char **body,
		  size_t *len, struct cc_error *err);

#endif
