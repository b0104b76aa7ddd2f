/*
 * fuzz_scenario.c - libFuzzer harness for the drill scenario reader: any
 * bytes give a valid scenario or an error, never a crash, a leak or
 * undefined behaviour. A scenario that loads is also played: every inject
 * checked for being due along the clock, delivered in timeline order, and
 * every flag tried against the input, so that the clock, `after` and the
 * flag checks see hostile data too.
 */
#include "core/ctf_score.h"
#include "core/drill_clock.h"
#include "format/scenario_yaml.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void play(const struct cc_scenario *sc, const uint8_t *data, size_t size)
{
	unsigned char *state = calloc((size_t)sc->ninjects + 1, 1);
	double clock = 0;

	if (!state)
		return;
	for (int k = 0; k < sc->ninjects; k++) {
		int i = sc->timeline[k];
		double next = cc_drill_next_due(sc, state, clock);

		if (next >= 0)
			clock = next;
		if (cc_drill_due(sc, state, i, sc->injects[i].planned))
			state[i] = (k & 1) ? CC_INJECT_DELIVERED : CC_INJECT_SKIPPED;
	}
	for (int c = 0; c < sc->nchallenges; c++) {
		const struct cc_challenge *ch = &sc->challenges[c];
		for (int f = 0; f < ch->nflags; f++)
			(void)cc_flag_matches(&ch->flags[f], (const char *)data, size > 256 ? 256 : size);
		(void)cc_challenge_value(ch, (int)(size % 50));
	}
	free(state);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct cc_scenario sc;
	struct cc_error err;

	if (size > 1 << 20)
		return 0;
	if (cc_scenario_parse(&sc, "fuzz.yaml", NULL, (const char *)data, size, &err))
		return 0;
	play(&sc, data, size);
	cc_scenario_free(&sc);
	return 0;
}
