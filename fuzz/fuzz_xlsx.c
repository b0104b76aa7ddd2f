/*
 * fuzz_xlsx.c - libFuzzer harness for the questionnaire workbook reader
 * (libzip + expat under it): any bytes must give rows or cell errors, never
 * a crash, a leak or unbounded memory. The framework, campaign and unit are
 * those of tests/fixtures/xlsx/libreoffice-mini.xlsx, the seed, so that
 * mutations reach the cell checks and not only the zip layer.
 */
#include "format/framework_yaml.h"
#include "format/questionnaire_xlsx.h"

#include <stddef.h>
#include <stdint.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char yaml[] =
	"cybercap: 1\nid: mini\ntitle: Mini index\nversion: \"2024\"\nnodes:\n"
	"  - id: legal\n    name: Legal\n    children:\n"
	"      - {id: legal.law, question: Is there a cybercrime law?, type: yes_no, evidence: required, guidance: Count laws in force.}\n"
	"      - {id: legal.partial, question: Data protection?, type: yes_no, partial: 0.5}\n"
	"      - id: legal.sub\n        name: Regulation\n        children:\n"
	"          - {id: legal.level, question: Maturity level, type: choice, options: [{id: low, label: Low, value: 0}, {id: mid, label: Medium, value: 0.5}, {id: high, label: High, value: 1}]}\n"
	"          - {id: legal.areas, question: Areas covered, type: multi, options: [{id: a, value: 0.5}, {id: b, value: 0.5}]}\n"
	"  - id: tech\n    name: \"Technical: CIRT/[ops]?\"\n    children:\n"
	"      - {id: tech.staff, question: CIRT staff, type: number, thresholds: [{min: 0, value: 0}, {min: 10, value: 1}]}\n"
	"      - {id: tech.notes, question: Notes, type: text, evidence: none}\n"
	"      - {id: tech.ind, name: Broadband, indicator: true}\n"
	"  - {id: top, question: Top-level question, type: yes_no}\n";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct cc_framework fw;
	static int loaded;
	struct cc_xlsx_rows rows;
	struct cc_xlsx_errors errs;
	struct cc_error err;

	if (!loaded) {
		if (cc_framework_parse(&fw, "mini.yaml", yaml, strlen(yaml), &err))
			__builtin_trap();
		loaded = 1;
	}
	cc_questionnaire_xlsx_read((const char *)data, size, &fw, "2025 round", "ZZA",
				   &rows, &errs, &err);
	cc_xlsx_rows_free(&rows);
	cc_xlsx_errors_free(&errs);
	return 0;
}
