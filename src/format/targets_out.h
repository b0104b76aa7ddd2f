/*
 * targets_out.h - writing targets as CSV or JSON (the `cybercap targets`
 * contract, docs/framework-format.md): per unit (input order) and target
 * (file order, or one), a summary row whose node is the framework's id
 * (required = nodes counted, attained = nodes met, met = yes when all
 * are), then a row per counted node in the file's order. Numbers "%.10g";
 * nothing attained is an empty cell (null in JSON).
 */
#ifndef CC_TARGETS_OUT_H
#define CC_TARGETS_OUT_H

#include <stdio.h>

#include "../core/score.h"

/* target: an index into fw->targets, or -1 for all; unit: an index into
 * the answers' units, or -1 for all. spreadsheet: as for
 * cc_results_write_csv. */
int cc_targets_write_csv(FILE *out, const struct cc_answers *a,
			 const struct cc_scores *s, int target, int unit,
			 int spreadsheet);
int cc_targets_write_json(FILE *out, const struct cc_answers *a,
			  const struct cc_scores *s, int target, int unit);

#endif
