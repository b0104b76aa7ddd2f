/*
 * partners_out.h - the partnerships donor report (the JSON of
 * service/partners_report.c) as an Excel workbook, and the public pledges
 * as IATI-style XML (docs/partnerships.md); the report as CSV too.
 *
 * XML: <iati-activities version="2.03">, one <iati-activity> per pledge
 * (the elements in the schema's order): activity-status 2 (implementation)
 * or 3 (finalisation, delivered in full), the planned dates, the
 * recipient-country as its ISO 3166-1 alpha-2 code ("recipient_iso2";
 * left out for a unit without one, which the description names),
 * default-flow-type 10 (ODA: government and international providers) or 30
 * (private development finance: the others), default-finance-type 110
 * (standard grant), default-aid-type by kind of support (DAC vocabulary 1:
 * D02 other technical assistance, D01 donor country personnel, E01
 * scholarships, C01 project-type for goods, licences, credits and funds);
 * transactions 12 (outgoing pledge) always, 2 (outgoing commitment) once
 * confirmed, and 4 (expenditure) per delivery on its date, sharing the
 * amount by quantity once delivered in full (0 until then); values in the
 * pledge's currency with the exchange-rate date as value-date.
 * "IATI-style": cybercap's reading of the standard, not validated
 * publishing.
 * Workbook: sheets Summary, Value (by partner, theme, modality, region,
 * valuation basis), Who does what where; cells are text or numbers,
 * never formulas.
 */
#ifndef CC_PARTNERS_OUT_H
#define CC_PARTNERS_OUT_H

#include <jansson.h>
#include <stdio.h>

/* pledges: cc__ppledge_json objects with "provider_org", "recipient_iso2"
 * and "deliveries"; 0 or -1. */
int cc_partners_iati_xml(FILE *out, const json_t *pledges, const char *generated);

/* CSV, one row per fact: section,which,theme,value,usd,pledges,
 * open_requests; sections summary (which: ldc_supported, ldc_of,
 * ldc_list_year, ldc_share, the same for sids, pledges, usd,
 * fulfilment_rate, beneficiaries, open_requests; the figure in value),
 * value_by_partner / _theme / _modality / _region / _valuation, matrix
 * (which the unit), gap (which the unit, theme the title, value the
 * request). Text a spreadsheet would run as a formula gets a leading '. */
int cc_partners_report_csv(FILE *out, const json_t *report);

/* Fills wb (a libxlsxwriter lxw_workbook *); 0 or -1. */
int cc_partners_report_xlsx(void *wb, const json_t *report);

#endif
