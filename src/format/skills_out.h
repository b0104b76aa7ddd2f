/*
 * skills_out.h - a skills programme's dashboard (the JSON of
 * service/skills_dashboard.c, suppressed as the caller may see it) as
 * files for sponsors (docs/skills.md, "Exports"): CSV and an Excel
 * workbook, one row per figure:
 *
 *   section,key,name,measure,value,suppressed
 *
 * section: funnel (key the programme), by_track (the track's id and
 * name), by_country (the country's id and name; measures the statuses and
 * cohorts), attendance (the session kind; present, absent, excused),
 * satisfaction (the question, name the survey kind; answers,
 * share_satisfied), learning (the competency; n, before, after, change),
 * pairs (the status; pairs), outcomes (months, name the outcome; people),
 * countries_reached (the year; countries, ldc, sids). A value the caller
 * may not see is empty with suppressed "yes"; no figure is ever worked
 * out here, so the files hide exactly what the JSON hides. Text a
 * spreadsheet would run as a formula gets a leading '.
 */
#ifndef CC_SKILLS_OUT_H
#define CC_SKILLS_OUT_H

#include <jansson.h>
#include <stdio.h>

/* 0, or -1 when writing failed. */
int cc_skills_dashboard_csv(FILE *out, const json_t *dash);
/* Fills wb (a libxlsxwriter lxw_workbook *): sheets Figures (the rows
 * above, numbers as numbers) and About; 0 or -1. */
int cc_skills_dashboard_xlsx(void *wb, const json_t *dash);

#endif
