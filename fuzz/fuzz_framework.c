/*
 * fuzz_framework.c - libFuzzer harness for the framework reader: any bytes
 * must give either a valid framework or an error, never a crash, a leak or
 * undefined behaviour. A framework that loads is also given fictional
 * answers for three units (the sample generator: every question type,
 * ratings on their scales, stage groups), scored, checked against every
 * target, and its translations looked up and its levels named, which walks
 * every cross-reference that finish resolved.
 */
#include "core/framework_i18n.h"
#include "core/sample.h"
#include "core/score.h"
#include "core/targets.h"
#include "format/framework_yaml.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void exercise(const struct cc_framework *fw, const struct cc_answers *a)
{
	struct cc_scores s;
	struct cc_error err;
	struct cc_target_result res = {.nodes = malloc(((size_t)fw->nnodes + 1) * sizeof(*res.nodes))};
	unsigned char *state = malloc((size_t)fw->nnodes + 1);

	if (res.nodes && state && !cc_scores_compute(&s, fw, a, &err)) {
		for (int u = 0; u < a->nunits; u++) {
			cc_score_applicability(fw, a, u, state);
			for (int i = 0; i < fw->nnodes; i++)
				(void)cc_scores_level(&s, u, i);
			for (int t = 0; t < fw->ntargets; t++)
				cc_targets_unit(fw, a, u, s.value + (size_t)u * (size_t)fw->nnodes,
						state, t, &res);
		}
		cc_scores_free(&s);
	}
	for (int l = 0; l < fw->nlangs; l++)
		for (int i = 0; i < fw->nnodes; i++)
			(void)cc_fw_text(fw, l, CC_TR_NAME, i, 0);
	free(res.nodes);
	free(state);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct cc_framework fw;
	struct cc_error err;
	struct cc_answers a;
	struct cc_sample_opts so = {.units = 3, .seed = 7, .blank_rate = 0.2};

	if (size > 1 << 20)
		return 0;
	if (cc_framework_parse(&fw, "fuzz.yaml", (const char *)data, size, &err))
		return 0;
	if (fw.nnodes < 5000 && !cc_sample_answers(&fw, &so, &a, &err)) {
		exercise(&fw, &a);
		cc_answers_free(&a);
	}
	cc_framework_free(&fw);
	return 0;
}
