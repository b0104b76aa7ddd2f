/*
 * results_out.h - writing scores as CSV or JSON (the `cybercap score`
 * contract): one row per unit and node, units in their input order, nodes
 * in pre-order with the root first; columns unit,node,value,points,max,
 * rank,level. Numbers use "%.10g"; an excluded node has empty value,
 * points and rank (null in JSON). The ids are written as they are (the
 * contract); the spreadsheet download of the server asks for cells that
 * cannot run as formulas instead (see cc_csv_write_cell).
 */
#ifndef CC_RESULTS_OUT_H
#define CC_RESULTS_OUT_H

#include <stdio.h>

#include "../core/score.h"

/* Formats x as "%.10g" into buf (never "-0"). */
void cc_format_number(char *buf, size_t size, double x);

/* Writes s as a CSV field, quoted when it needs to be, as it is: for data
 * files that are read back (responses). */
int cc_csv_write_field(FILE *out, const char *s);

/* The same for CSV meant for spreadsheets (results, summaries, gaps): text
 * starting with = + - @, a tab or a carriage return, which Excel and
 * LibreOffice would run as a formula (formula injection through a unit id
 * or a name), is written with a leading ' so that it stays text. */
int cc_csv_write_cell(FILE *out, const char *s);

/* spreadsheet: write ids with cc_csv_write_cell rather than as they are. */
int cc_results_write_csv(FILE *out, const struct cc_answers *a,
			 const struct cc_scores *s, int spreadsheet);
int cc_results_write_json(FILE *out, const struct cc_answers *a,
			  const struct cc_scores *s);

#endif
