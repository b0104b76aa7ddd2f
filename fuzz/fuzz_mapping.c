/*
 * fuzz_mapping.c - libFuzzer harness for the mapping (crosswalk) reader:
 * any bytes give a mapping or an error, never a crash, a leak or undefined
 * behaviour. A mapping that loads is bound to two fixed frameworks (which
 * fails cleanly when it names others) and, when it binds, applied to
 * fixed answers, so that coverage and pre-filling see hostile pairs.
 */
#include "core/mapping.h"
#include "format/framework_yaml.h"
#include "format/mapping_yaml.h"
#include "format/responses_csv.h"

#include <stddef.h>
#include <stdint.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char src_yaml[] =
	"cybercap: 1\nid: a\ntitle: A\nnodes:\n"
	"  - id: p\n    name: P\n    children:\n"
	"      - {id: q1, question: Q, type: yes_no, partial: 0.5}\n"
	"      - {id: q2, question: Q, type: choice, options: [{id: x, value: 0}, {id: y, value: 1}]}\n"
	"      - {id: q3, question: Q, type: yes_no, when: {q: q1, is: \"yes\"}, na: exclude}\n";
static const char dst_yaml[] =
	"cybercap: 1.1\nid: b\ntitle: B\n"
	"scales: [{id: s, levels: [{value: 1}, {value: 3}, {value: 4}]}]\n"
	"nodes:\n  - id: p\n    name: P\n    children:\n"
	"      - {id: r1, question: Q, type: rating, scale: s}\n"
	"      - {id: r2, question: Q, type: yes_no}\n"
	"      - {id: r3, question: Q, type: choice, options: [{id: u, value: 0.5}, {id: v, value: 0.5}]}\n";
static const char answers_csv[] =
	"unit,question,answer\nXAA,q1,yes\nXAA,q2,y\nXAA,q3,no\nXAB,q1,partial\nXAB,q3,yes\n";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct cc_framework src, dst;
	static struct cc_answers a;
	static int loaded;
	struct cc_mapping m;
	struct cc_error err;

	if (!loaded) {
		if (cc_framework_parse(&src, "a.yaml", src_yaml, strlen(src_yaml), &err) ||
		    cc_framework_parse(&dst, "b.yaml", dst_yaml, strlen(dst_yaml), &err) ||
		    cc_responses_parse(&a, &src, "a.csv", answers_csv, strlen(answers_csv), &err))
			__builtin_trap();
		loaded = 1;
	}
	if (size > 1 << 20 || cc_mapping_parse(&m, "fuzz.yaml", (const char *)data, size, &err))
		return 0;
	if (cc_mapping_bind(&m, &src, &dst, &err) == CC_OK) {
		struct cc_prefill *rows;
		int n;
		for (int t = 0; t < dst.nnodes; t++)
			(void)cc_mapping_cover(&m, t);
		if (cc_mapping_apply(&m, &src, &dst, &a, &rows, &n, &err) == CC_OK)
			cc_prefill_free(rows, n);
	}
	cc_mapping_free(&m);
	return 0;
}
