/*
 * fuzz_matrix.c - libFuzzer harness for the risk matrix reader: any bytes
 * give a valid matrix or an error, never a crash, a leak or undefined
 * behaviour. A matrix that loads also rates and orders a risk per cell.
 */
#include "core/matrix.h"
#include "format/matrix_yaml.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct cc_matrix m;
	struct cc_error err;
	struct cc_risk_rating *r;
	int n = 0;

	if (size > 1 << 20 || cc_matrix_parse(&m, "fuzz.yaml", (const char *)data, size, &err))
		return 0;
	r = malloc((size_t)(m.nlikelihood * m.nimpact + 1) * sizeof(*r));
	for (int l = 0; r && l < m.nlikelihood; l++)
		for (int i = 0; i < m.nimpact; i++) {
			int imp[2] = {i, -1};
			if (cc_matrix_rate(&m, m.likelihood[l].id, l, imp, 2, &r[n]) == CC_OK)
				n++;
		}
	if (r)
		cc_matrix_sort(r, n);
	free(r);
	cc_matrix_free(&m);
	return 0;
}
