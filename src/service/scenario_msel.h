/*
 * scenario_msel.h - a stored scenario's injects as an MSEL spreadsheet
 * (format/msel.h; docs/drills.md, "MSEL spreadsheets"): exported from any
 * version, imported as the id's new version (the text kept as it was but
 * for its injects, its challenge files going with it), all or nothing.
 *
 * Errors: CC_ENOTFOUND (no such scenario or version), CC_EINPUT (every
 * bad cell in errs, or the scenario reader's error in err), CC_ELIMIT,
 * CC_ENOMEM, CC_EIO. An import is in the audit trail as any new version.
 */
#ifndef CC_SCENARIO_MSEL_H
#define CC_SCENARIO_MSEL_H

#include "scenarios.h"

#include "../format/msel.h"

/* data: CSV or a workbook. errs: free it whatever happens. */
int cc_scenarios_msel_import(struct cc_store *s, const char *data_dir, const char *id,
			     const char *data, size_t len, const char *actor,
			     struct cc_scenario_added *out, struct cc_xlsx_errors *errs,
			     struct cc_error *err);

/* The MSEL of version hash (NULL: the latest) into *body (malloc'd). */
int cc_scenarios_msel_export(struct cc_store *s, const char *data_dir, const char *id,
			     const char *hash, bool xlsx, char **body, size_t *len,
			     struct cc_error *err);

#endif
