/*
 * fuzz_register.c - libFuzzer harness for the risk register's readers
 * (format/risk_register.h): the first byte picks the CSV reader or the
 * workbook reader (libzip + expat under it), the rest is the file. Any
 * bytes must give a table or named problems, never a crash, a leak or
 * unbounded memory. Seeds: fuzz/corpus/register (the demo register as a
 * workbook and as CSV).
 */
#include "format/risk_register.h"

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct cc_reg_table t;
	struct cc_xlsx_errors errs;
	struct cc_error err;

	if (size < 1)
		return 0;
	if (data[0] & 1)
		cc_reg_table_xlsx((const char *)data + 1, size - 1, &t, &errs, &err);
	else
		cc_reg_table_csv("register.csv", (const char *)data + 1, size - 1, &t, &errs, &err);
	for (int r = 0; r < t.nrows; r++)
		for (int c = 0; c < t.ncols; c++)
			if (!t.rows[r].cells[c])
				__builtin_trap();
	cc_reg_table_free(&t);
	cc_xlsx_errors_free(&errs);
	return 0;
}
