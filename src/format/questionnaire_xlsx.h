/*
 * questionnaire_xlsx.h - the offline round trip of one unit's questionnaire
 * as an Excel workbook: written with libxlsxwriter, read back with libzip
 * and expat.
 *
 * The workbook (what the writer makes and the reader expects):
 *   "Instructions"  first and active: campaign, unit, how to fill, the
 *                   allowed answers by question type.
 *   one sheet per pillar (each child of the root that has questions under
 *                   it, in the file's order; questions directly under the
 *                   root go to a last sheet "General"). The name is the
 *                   pillar's name made valid for Excel: at most 31
 *                   characters, none of []:*?/\, unique ignoring ASCII case.
 *                   Row 1 is the header
 *                     A id | B question | C guidance | D type |
 *                     E allowed answers | F answer | G comment |
 *                     H evidence | I evidence URL
 *                   then, depth first, a bold section row per group (name
 *                   in B, no id, no input) and a row per question (not
 *                   indicators: their values come from data, not from the
 *                   focal point). F, G and I are pre-filled with the
 *                   unit's answer, comment and evidence when there are
 *                   some; answers are text cells (so Excel keeps "1.10"
 *                   as typed) except for number questions. yes_no and
 *                   choice questions get a drop-down list (a data
 *                   validation) when their option ids fit in Excel's 255
 *                   characters for an inline list.
 *   "meta"          hidden: key in A, value in B for the keys `format`
 *                   (CC_XLSX_FORMAT), `framework`, `framework version`,
 *                   `campaign` and `unit`.
 *
 * Protection: every sheet is protected WITHOUT a password (Excel's sheet
 * passwords are a courtesy, not security, and a fixed one in the source
 * would be one too). Only the answer, comment and evidence URL cells of
 * question rows are unlocked (the evidence URL stays locked for questions
 * with `evidence: none`); columns and rows may be resized. The reader
 * never trusts the protection: it checks every cell as if it were not
 * there.
 *
 * Reading: the reader finds the columns of a question sheet by their header
 * names in row 1 (`id` and `answer` required; `comment` and `evidence URL`
 * optional), so a sheet's columns may be moved. Every sheet but meta whose
 * row 1 has an `id` cell is a question sheet; other sheets are ignored. It
 * collects every error with its sheet, row and column, and returns either
 * all the rows or only errors: nothing is half-read.
 */
#ifndef CC_QUESTIONNAIRE_XLSX_H
#define CC_QUESTIONNAIRE_XLSX_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

#include "../core/answers.h"
#include "../core/arena.h"
#include "../core/error.h"
#include "../core/framework.h"

/* The value of the `format` key in the meta sheet. */
#define CC_XLSX_FORMAT "cybercap-questionnaire 1"

/* Limits of the reader. Each is checked before the work it bounds. */
#define CC_XLSX_MAX_BYTES (20u << 20)          /* the uploaded file */
#define CC_XLSX_MAX_ENTRIES 2000               /* files in the zip */
#define CC_XLSX_MAX_ENTRY_BYTES (50u << 20)    /* one file, uncompressed,
						  as declared and as read */
#define CC_XLSX_MAX_TOTAL_BYTES (200u << 20)   /* all files read, inflated */
#define CC_XLSX_MAX_XML_DEPTH 64               /* element nesting */
#define CC_XLSX_MAX_SHEETS 256                 /* sheets in the workbook */
#define CC_XLSX_MAX_TEXT 32767                 /* characters in a kept cell
						  (Excel's own cell limit) */
#define CC_XLSX_MAX_ERRORS 200                 /* errors kept; more counted */

/* One question row of an uploaded workbook. Strings are trimmed, NUL-
 * terminated and owned by the rows' arena; answer, comment and
 * evidence_url are NULL when their cell is empty (an empty answer is no
 * answer: the caller decides whether that clears a stored one). The
 * answer's text is as cc_answers_set takes it: yes_no words and option ids
 * typed in another case (Excel's drop-downs ignore case) are given in the
 * framework's spelling. */
struct cc_xlsx_row {
	const char *question;      /* the question's id */
	const char *answer;
	const char *comment;
	const char *evidence_url;  /* http:// or https:// */
	const char *sheet;
	int row;                   /* 1-based, as Excel shows it */
	int node;                  /* the question's index in fw->nodes */
};

struct cc_xlsx_rows {
	struct cc_arena arena;
	struct cc_xlsx_row *v;
	int n;
	int cap;
};

/* One thing wrong with an upload. sheet is NULL, row 0 and col "" when the
 * error concerns the whole file (not a zip, no meta sheet, a limit). */
struct cc_xlsx_error {
	const char *sheet;
	int row;                   /* 1-based, 0 when none */
	char col[4];               /* "A".."XFD", "" when none */
	const char *msg;
};

struct cc_xlsx_errors {
	struct cc_arena arena;
	struct cc_xlsx_error v[CC_XLSX_MAX_ERRORS];
	int n;                     /* kept, at most CC_XLSX_MAX_ERRORS */
	int dropped;               /* found beyond the kept ones */
};

void cc_xlsx_rows_init(struct cc_xlsx_rows *r);
void cc_xlsx_rows_free(struct cc_xlsx_rows *r);
void cc_xlsx_errors_init(struct cc_xlsx_errors *e);
void cc_xlsx_errors_free(struct cc_xlsx_errors *e);

/* Records an error (sheet NULL, row 0, col -1 when not known; col
 * 0-based); past CC_XLSX_MAX_ERRORS it is only counted. CC_ENOMEM when
 * it cannot be kept. For readers of other tables (the risk register's
 * CSV) that report as the workbook readers do. */
int cc_xlsx_errors_add(struct cc_xlsx_errors *e, const char *sheet, int row, int col,
		       const char *fmt, ...) __attribute__((format(printf, 5, 6)));
int cc_xlsx_errors_vadd(struct cc_xlsx_errors *e, const char *sheet, int row, int col,
			const char *fmt, va_list ap);

/* Fills err (code rc) from errs: the first error (for CC_ELIMIT, the last:
 * the one that stopped the reading) and how many more there are. */
void cc_xlsx_errors_summary(int rc, const struct cc_xlsx_errors *errs, struct cc_error *err);

/* Writes "SHEET, row R, column C: MSG" (the parts that are known) into
 * buf[0..size), always NUL-terminated. */
void cc_xlsx_error_format(const struct cc_xlsx_error *e, char *buf,
			  size_t size);

/* Writes the questionnaire of fw for one unit to the file at path.
 * a (may be NULL) and unit (an index in a, or -1) give the answers,
 * comments and evidence to pre-fill; campaign and unit_id (NULL is "")
 * go to the Instructions and meta sheets. lang (NULL: English) is the
 * language of the workbook's words (xlsx_words.h) and of the framework's
 * texts where its translations have them. Returns CC_OK, CC_EUSAGE for a
 * bad argument, CC_ELIMIT when a text is longer than Excel allows, or
 * CC_EIO when the file cannot be written (err says why). */
int cc_questionnaire_xlsx_write(const char *path, const struct cc_framework *fw,
				const struct cc_answers *a, int unit,
				const char *campaign, const char *unit_id, const char *lang,
				struct cc_error *err);

/* Reads an uploaded workbook data[0..len) made by the writer for fw,
 * campaign and unit_id (NULL is ""). out and errs are initialised here;
 * free both with their _free whatever the result.
 *
 * Every non-empty answer is checked as cc_answers_set would check it (text
 * questions take any text), every evidence URL must be http(s), every id
 * must name a question of fw, once. The meta sheet must name fw's id and
 * version, campaign and unit_id.
 *
 * Returns CC_OK with out->n rows and no errors; CC_EINPUT with errs->n >= 1
 * and out->n == 0 when anything is wrong (err holds the first error and the
 * count); CC_ELIMIT when the file breaks a limit above, the limit's error
 * last in errs (a zip bomb fails here, having inflated no more than
 * CC_XLSX_MAX_ENTRY_BYTES and 64 KiB more); CC_ENOMEM; CC_EUSAGE for a
 * bad argument. */
int cc_questionnaire_xlsx_read(const char *data, size_t len,
			       const struct cc_framework *fw,
			       const char *campaign, const char *unit_id,
			       struct cc_xlsx_rows *out,
			       struct cc_xlsx_errors *errs,
			       struct cc_error *err);

#endif
