/*
 * workshop_xlsx.h - the annex of a workshop as an Excel workbook, for the
 * assessment team (never published): every respondent's answer to every
 * question they answered, beside the consensus that was recorded.
 *
 * Sheets: "Responses" (first, active; row 1 the header
 *   A respondent | B organisation | C group | D question id |
 *   E question | F answer | G answer label | H comment | I time |
 *   J by | K removed | L consensus | M consensus label | N consensus note
 * then one row per row given, in the given order; every cell a text cell,
 * so that nothing is read as a formula or a number Excel may reshape) and
 * "About" (campaign, unit, counts, what the sheet is).
 */
#ifndef CC_WORKSHOP_XLSX_H
#define CC_WORKSHOP_XLSX_H

#include "../core/error.h"

struct cc_annex_row {
	const char *name, *organisation, *group;
	const char *question, *question_text;
	const char *answer, *label, *comment, *at, *by;
	int removed;
	const char *consensus, *consensus_label, *consensus_note;   /* "" or NULL: none */
};

/* Writes the workbook to path. CC_EIO (or CC_ELIMIT for a cell past
 * Excel's limits) with err filled. */
int cc_workshop_xlsx_write(const char *path, const char *campaign, const char *unit,
			   int nrespondents, const struct cc_annex_row *rows, int n,
			   struct cc_error *err);

#endif
