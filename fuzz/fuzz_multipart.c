/*
 * fuzz_multipart.c - libFuzzer harness for evidence uploads
 * (multipart/form-data): the input's first line completes the
 * Content-Type header after "multipart/form-data; " (the boundary and any
 * other parameter), the rest is the body, posted by the focal point of XAA
 * to its evidence route through libmicrohttpd's post processor and the
 * handler (fuzz/driver.h). Seeds: fuzz/corpus/multipart.
 */
#include "driver.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct fuzz_env *e = fuzz_env();
	const uint8_t *nl = memchr(data, '\n', size);
	size_t head = nl ? (size_t)(nl - data) : size;
	size_t body = nl ? size - head - 1 : 0;
	struct fuzz_buf b = {0};

	/* A header value cannot hold CR, LF or NUL. */
	for (size_t i = 0; i < head; i++)
		if (data[i] == '\r' || data[i] == '\0')
			return 0;
	fuzz_printf(&b, "POST /api/v1/campaigns/nci-2028/assessments/XAA/evidence HTTP/1.1\r\n"
		    "Host: fuzz\r\nConnection: close\r\nAuthorization: Bearer %s\r\n"
		    "Content-Type: multipart/form-data; ", e->focal);
	fuzz_put(&b, data, head);
	fuzz_printf(&b, "\r\nContent-Length: %zu\r\n\r\n", body);
	if (body)
		fuzz_put(&b, nl + 1, body);
	fuzz_send(b.p, b.len);
	free(b.p);
	return 0;
}
