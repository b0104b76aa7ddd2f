/*
 * fuzz_responses.c - libFuzzer harness for the responses reader, against a
 * fixed framework that has every question type, an indicator of each
 * normalisation, conditions, a stage group with stage names and (format
 * 1.1) rating questions with targets; what parses is also scored, checked
 * against the targets and written back out, so the scorer and writers see
 * hostile answers too.
 */
#include "core/answers.h"
#include "core/score.h"
#include "format/framework_yaml.h"
#include "format/responses_csv.h"
#include "format/responses_out.h"
#include "format/results_out.h"
#include "format/targets_out.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char framework[] =
	"cybercap: 1.1\nid: fz\ntitle: Fuzz\nprecision: 1\nranking: competition\n"
	"levels: [{id: A, min: 50}, {id: B, min: 0}]\n"
	"scales: [{id: s, levels: [{value: -1, name: L}, {value: 2, name: M}, {value: 7, name: H}]}]\n"
	"stage_names: [S0, S1, S2]\n"
	"targets: [{id: t, default: 2, require: {p1: 0.5, p2: S1, r1: 7}}]\n"
	"nodes:\n"
	"  - id: p1\n    name: P1\n    aggregate: geometric\n    children:\n"
	"      - {id: yn, question: Q, type: yes_no, partial: 0.5}\n"
	"      - id: ch\n        question: Q\n        type: choice\n"
	"        options: [{id: a, label: A, value: 0}, {id: b, label: B, value: 1}]\n"
	"      - id: mu\n        question: Q\n        type: multi\n"
	"        options: [{id: x, label: X, value: 0.6}, {id: y, label: Y, value: 0.6}]\n"
	"        when: {q: yn, is: yes}\n        na: exclude\n"
	"  - id: p2\n    name: P2\n    aggregate: stage\n    children:\n"
	"      - {id: nt, question: Q, type: number, stage: 1, thresholds: [{min: 1, value: 0.5}, {min: 5, value: 1}]}\n"
	"      - {id: ng, question: Q, type: number, stage: 2, goalposts: [10, 0]}\n"
	"      - {id: tx, question: Q, type: text, stage: 2}\n"
	"  - id: p3\n    name: P3\n    aggregate: harmonic\n    children:\n"
	"      - {id: i1, name: I, indicator: true}\n"
	"      - {id: i2, name: I, indicator: true, normalise: none, direction: -1}\n"
	"      - {id: i3, name: I, indicator: true, normalise: goalposts, goalposts: [0, 100]}\n"
	"  - id: p4\n    name: P4\n    children:\n"
	"      - {id: r1, question: Q, type: rating, scale: s}\n"
	"      - {id: r2, question: Q, type: rating, scale: s, when: {q: r1, is: 2}}\n";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct cc_framework fw;
	static int loaded;
	struct cc_answers a;
	struct cc_scores s;
	struct cc_error err;
	FILE *sink;

	if (!loaded) {
		if (cc_framework_parse(&fw, "fz.yaml", framework, strlen(framework), &err))
			__builtin_trap();
		loaded = 1;
	}
	if (cc_responses_parse(&a, &fw, "fuzz.csv", (const char *)data, size, &err))
		return 0;
	if (!cc_scores_compute(&s, &fw, &a, &err)) {
		sink = fopen("/dev/null", "w");
		if (sink) {
			cc_results_write_csv(sink, &a, &s, (int)(size & 1));
			cc_responses_write_csv(sink, &a);
			cc_targets_write_csv(sink, &a, &s, -1, -1, (int)(size & 2));
			fclose(sink);
		}
		cc_scores_free(&s);
	}
	cc_answers_free(&a);
	return 0;
}
