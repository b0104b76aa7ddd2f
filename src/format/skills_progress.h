/*
 * skills_progress.h - completion of self-paced modules from a learning
 * platform's CSV export (docs/skills.md, "Progress imports"), read with
 * csv.h. Three shapes, told apart by the header (line 1):
 *
 *   plain    email,module,completed_at,score (score may be empty;
 *            completed_at YYYY-MM-DD or an ISO 8601 time);
 *   moodle   Moodle's activity completion report: an "Email address"
 *            column, then per activity a column named after it holding
 *            the state ("Completed", "Completed (achieved pass grade)",
 *            "Not completed", ...) and the next column, with an empty
 *            header, the date ("Monday, 3 March 2025, 10:15 AM" or
 *            YYYY-MM-DD); each completed activity is a row;
 *   openedx  Open edX's grade report: "Email", "Grade" (0..1) and
 *            "Certificate Eligible" (Y/N) columns; an eligible learner
 *            completed the module the caller names, on the date the
 *            caller gives, with score Grade x 100.
 *
 * Reading is all or nothing: every bad row is recorded with its line (the
 * header is line 1) and column, and then no row is returned. This is
 * cybercap's reading of those exports; columns it does not know are
 * ignored.
 */
#ifndef CC_SKILLS_PROGRESS_H
#define CC_SKILLS_PROGRESS_H

#include <stddef.h>

#include "../core/arena.h"
#include "../core/error.h"
#include "questionnaire_xlsx.h"

struct cc_progress_rec {
	long line;
	const char *email, *module;
	char completed_at[11];          /* YYYY-MM-DD */
	double score;                   /* NaN: none */
};

struct cc_progress_rows {
	struct cc_arena arena;
	struct cc_progress_rec *v;
	int n, cap;
	const char *format;             /* "plain", "moodle", "openedx" */
};

struct cc_progress_opts {
	const char *module;             /* openedx: the module's name */
	const char *date;               /* openedx: YYYY-MM-DD */
};

void cc_progress_rows_init(struct cc_progress_rows *r);
void cc_progress_rows_free(struct cc_progress_rows *r);

/* Reads text[0..len). CC_EINPUT (err summarising, errs listing every bad
 * row; rows empty) when any row is bad; CC_ELIMIT past the limits of
 * csv.h. */
int cc_progress_csv_read(const char *text, size_t len, const struct cc_progress_opts *o,
			 struct cc_progress_rows *rows, struct cc_xlsx_errors *errs,
			 struct cc_error *err);

#endif
