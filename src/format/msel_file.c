/*
 * msel_file.c - MSEL files whole (see msel.h): telling a workbook from
 * CSV, a scenario text rewritten with a table's injects and checked
 * again by the scenario reader, and a scenario's table written out.
 */
#include "msel.h"

#include "fileio.h"
#include "scenario_yaml.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

bool cc_msel_is_xlsx(const char *data, size_t len)
{
	return len >= 4 && memcmp(data, "PK\x03\x04", 4) == 0;
}

int cc_msel_read_table(const char *name, const char *data, size_t len,
		       struct cc_reg_table *t, struct cc_xlsx_errors *errs, struct cc_error *err)
{
	if (cc_msel_is_xlsx(data, len))
		return cc_reg_table_xlsx_sheet(data, len, CC_MSEL_SHEET, t, errs, err);
	return cc_reg_table_csv(name, data, len, t, errs, err);
}

int cc_msel_rewrite(const char *text, size_t len, const char *file,
		    const char *name, const char *data, size_t dlen, const char *base_dir,
		    char **out, size_t *outlen, struct cc_xlsx_errors *errs,
		    struct cc_error *err)
{
	struct cc_reg_table t;
	struct cc_scenario sc, check;
	int rc;

	*out = NULL;
	rc = cc_msel_read_table(name, data, dlen, &t, errs, err);
	/* a fresh copy of the scenario to take the table's injects */
	if (!rc && !(rc = cc_scenario_parse(&sc, file, base_dir, text, len, err))) {
		rc = cc_msel_apply(&t, &sc, errs, err);
		if (!rc)
			rc = cc_msel_splice(text, len, &sc, out, outlen, err);
		cc_scenario_free(&sc);
	}
	cc_reg_table_free(&t);
	if (!rc && !(rc = cc_scenario_parse(&check, file, base_dir, *out, *outlen, err)))
		cc_scenario_free(&check);
	if (rc) {
		free(*out);
		*out = NULL;
	}
	return rc;
}

int cc_msel_write(const struct cc_scenario *sc, const char *hash, bool xlsx, char **body,
		  size_t *len, struct cc_error *err)
{
	struct cc_reg_out o;
	struct cc_arena ar;
	int rc;

	*body = NULL;
	*len = 0;
	cc_arena_init(&ar);
	rc = cc_msel_table(sc, hash, &ar, &o);
	if (rc)
		rc = cc_error_set(err, rc, NULL, 0, 0, "out of memory");
	if (!rc && xlsx) {
		char path[] = "/tmp/cybercap-msel-XXXXXX";
		int fd = mkstemp(path);
		rc = fd < 0 ? cc_error_set(err, CC_EIO, path, 0, 0, "cannot make a file") : CC_OK;
		if (fd >= 0) {
			close(fd);
			rc = cc_reg_write_xlsx(path, &o, err);
			if (!rc)
				rc = cc_read_file(path, 100u << 20, body, len, err);
			unlink(path);
		}
	} else if (!rc) {
		FILE *mem = open_memstream(body, len);
		rc = mem ? cc_reg_write_csv(mem, &o) : CC_ENOMEM;
		if (mem && fclose(mem) && !rc)
			rc = CC_EIO;
		if (rc)
			cc_error_set(err, rc, NULL, 0, 0, "cannot write the MSEL");
	}
	cc_arena_free(&ar);
	if (rc) {
		free(*body);
		*body = NULL;
	}
	return rc;
}

