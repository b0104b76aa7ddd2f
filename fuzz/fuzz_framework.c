/*
 * fuzz_framework.c - libFuzzer harness for the framework reader: any bytes
 * must give either a valid framework or an error, never a crash, a leak or
 * undefined behaviour. A framework that loads is also scored on no units,
 * which walks every cross-reference that finish resolved.
 */
#include "core/answers.h"
#include "core/score.h"
#include "format/framework_yaml.h"

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct cc_framework fw;
	struct cc_error err;

	if (size > 1 << 20)
		return 0;
	if (cc_framework_parse(&fw, "fuzz.yaml", (const char *)data, size, &err))
		return 0;
	{
		struct cc_answers a;
		struct cc_scores s;
		int unit;

		cc_answers_init(&a, &fw);
		if (!cc_answers_unit(&a, "XAA", 3, &unit, &err) &&
		    !cc_scores_compute(&s, &fw, &a, &err))
			cc_scores_free(&s);
		cc_answers_free(&a);
	}
	cc_framework_free(&fw);
	return 0;
}
