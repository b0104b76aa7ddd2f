/*
 * drill_report_out.h - a drill's after-action report (the JSON of
 * service/drill_report.c) as CSV and as an Excel workbook, so that the
 * three forms always say the same.
 *
 * CSV: one table, a row per fact, with the header
 *   section,team,objective,item,rating,at,clock,text,action,owner,
 *   organisation,start,due
 * where section is one of: rating (the latest per team and objective;
 * text its name), strength, improvement, note (observations), delivery,
 * skipped (injects; item the inject, text its title), response (item the
 * inject), feedback (item the question; rating the mean of a scale
 * question, or text one answer), plan (the improvement-plan matrix: text
 * the issue, action the corrective action). Text that a spreadsheet would
 * run as a formula is written with a leading '.
 *
 * Workbook: sheets Overview, Timeline, Findings (objective by team:
 * rating, strengths, areas for improvement), Feedback, Improvement plan;
 * every cell written as text or a number, never a formula.
 */
#ifndef CC_DRILL_REPORT_OUT_H
#define CC_DRILL_REPORT_OUT_H

#include <jansson.h>
#include <stdio.h>

int cc_drill_report_csv(FILE *out, const json_t *report);

/* Fills wb (a libxlsxwriter lxw_workbook *); 0 or -1. */
int cc_drill_report_xlsx(void *wb, const json_t *report);

#endif
