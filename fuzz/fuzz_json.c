/*
 * fuzz_json.c - libFuzzer harness for JSON request bodies: the first byte
 * picks one of the routes that read a JSON body and who calls it (admin or
 * the focal point of XAA, by bearer token); the rest is the body, sent
 * through libmicrohttpd to the handler (fuzz/driver.h). Seeds:
 * fuzz/corpus/json.
 */
#include "driver.h"

#include <stdint.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define A "/api/v1/campaigns/nci-2027/assessments/XAA"

static const struct { const char *method, *path; } routes[] = {
	{"POST", "/api/v1/session"},
	{"POST", "/api/v1/campaigns"},
	{"POST", "/api/v1/campaigns/nci-2027/status"},
	{"PUT", A "/answers/legal.cybercrime.substantive.systems"},    /* choice */
	{"PUT", A "/answers/legal.cybercrime.substantive.fraud"},      /* yes_no */
	{"PUT", A "/answers/legal.data_protection.rights"},            /* multi */
	{"POST", A "/evidence"},
	{"POST", A "/submit"},
	{"POST", A "/return"},
	{"POST", A "/validate"},
	{"POST", A "/reviews"},
	{"POST", "/api/v1/campaigns/nci-2026/robustness"},
};

#define NROUTES (sizeof(routes) / sizeof(routes[0]))

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct fuzz_env *e = fuzz_env();
	struct fuzz_buf b = {0};
	size_t r;

	if (size < 1)
		return 0;
	r = (size_t)(data[0] & 0x7f) % NROUTES;
	fuzz_printf(&b, "%s %s HTTP/1.1\r\nHost: fuzz\r\nConnection: close\r\n"
		    "Authorization: Bearer %s\r\nContent-Type: application/json\r\n"
		    "Content-Length: %zu\r\n\r\n", routes[r].method, routes[r].path,
		    data[0] & 0x80 ? e->focal : e->admin, size - 1);
	fuzz_put(&b, data + 1, size - 1);
	fuzz_send(b.p, b.len);
	free(b.p);
	return 0;
}
