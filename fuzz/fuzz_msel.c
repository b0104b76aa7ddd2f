/*
 * fuzz_msel.c - libFuzzer harness for the MSEL reader (format/msel.h):
 * any bytes, read as an MSEL CSV (or a workbook when they start as a
 * zip) into a fixed scenario, give a list of bad cells or new injects,
 * never a crash, a leak or undefined behaviour. When the table is
 * accepted, the scenario written with its injects must load again with
 * the scenario reader and hold the same number of injects: anything else
 * is a finding (abort).
 */
#include "format/msel.h"
#include "format/scenario_yaml.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char base[] =
	"cybercap-scenario: 1\n"
	"id: fuzz\n"
	"title: Fuzz\n"
	"objectives:\n"
	"  - {id: coordinate, name: Coordinate}\n"
	"  - {id: a:b, name: With a colon}\n"
	"teams:\n"
	"  - {id: cirt, name: CIRT}\n"
	"  - {id: ministry, name: Ministry}\n"
	"injects:\n"
	"  - {id: old, at: 0, to: [all], channel: email, title: T, content: C}\n"
	"# a comment after the injects\n"
	"challenges: []\n";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct cc_scenario sc, again;
	struct cc_reg_table t;
	struct cc_xlsx_errors errs;
	struct cc_error err;
	char *out = NULL;
	size_t outlen = 0;
	int rc;

	if (size > 1 << 20)
		return 0;
	rc = cc_msel_read_table("fuzz.csv", (const char *)data, size, &t, &errs, &err);
	if (!rc && cc_scenario_parse(&sc, "fuzz.yaml", NULL, base, sizeof(base) - 1, &err))
		abort();
	if (!rc) {
		if (!cc_msel_apply(&t, &sc, &errs, &err)) {
			if (cc_msel_splice(base, sizeof(base) - 1, &sc, &out, &outlen, &err))
				abort();
			if (cc_scenario_parse(&again, "out.yaml", NULL, out, outlen, &err) ||
			    again.ninjects != sc.ninjects)
				abort();
			for (int i = 0; i < sc.ninjects; i++)
				if (strcmp(again.injects[i].content, sc.injects[i].content) != 0 ||
				    strcmp(again.injects[i].id, sc.injects[i].id) != 0)
					abort();
			cc_scenario_free(&again);
			free(out);
		}
		cc_scenario_free(&sc);
	}
	cc_reg_table_free(&t);
	cc_xlsx_errors_free(&errs);
	return 0;
}
