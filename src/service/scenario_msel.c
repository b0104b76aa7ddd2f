/*
 * scenario_msel.c - a stored scenario's injects as an MSEL spreadsheet
 * and back (see scenario_msel.h). An import is all or nothing: every bad
 * cell is named and nothing is stored, or the scenario with the table's
 * injects (and everything else as it was) becomes the id's new version,
 * after the scenario reader has checked the whole text again.
 */
#include "scenario_msel.h"

#include "scenarios.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int cc_scenarios_msel_import(struct cc_store *s, const char *data_dir, const char *id,
			     const char *data, size_t len, const char *actor,
			     struct cc_scenario_added *out, struct cc_xlsx_errors *errs,
			     struct cc_error *err)
{
	struct cc_list l;
	const struct cc_scenario_rec *r;
	char dir[4400], name[200], *text = NULL;
	size_t tlen = 0;
	int rc = cc_store_scenario(s, id, NULL, &l, err);

	cc_xlsx_errors_init(errs);
	memset(out, 0, sizeof(*out));
	if (rc)
		return rc;
	r = l.items;
	snprintf(dir, sizeof(dir), "%s/scenario-files/%s", data_dir, r->hash);
	snprintf(name, sizeof(name), "scenario %s", r->id);   /* as cc_scenarios_parse names it */
	cc_xlsx_errors_free(errs);
	rc = cc_msel_rewrite(r->text, r->len, name, "msel.csv", data, len, r->files ? dir : NULL,
			     &text, &tlen, errs, err);
	if (!rc)
		rc = cc_scenarios_add_version(s, data_dir, r, text, tlen, actor, out, err);
	free(text);
	cc_list_free(&l);
	return rc;
}

int cc_scenarios_msel_export(struct cc_store *s, const char *data_dir, const char *id,
			     const char *hash, bool xlsx, char **body, size_t *len,
			     struct cc_error *err)
{
	struct cc_list l;
	struct cc_scenario sc;
	int rc = cc_store_scenario(s, id, hash, &l, err);

	*body = NULL;
	if (rc)
		return rc;
	rc = cc_scenarios_parse(data_dir, l.items, &sc, err);
	if (!rc) {
		rc = cc_msel_write(&sc, ((const struct cc_scenario_rec *)l.items)->hash, xlsx, body,
				   len, err);
		cc_scenario_free(&sc);
	}
	cc_list_free(&l);
	return rc;
}
