/*
 * fuzz_json.c - libFuzzer harness for JSON request bodies: the first byte
 * picks one of the routes that read a JSON body and who calls it (admin or
 * the focal point of XAA, by bearer token); the rest is the body, sent
 * through libmicrohttpd to the handler (fuzz/driver.h). Besides crashes
 * and 5xx, a success for the focal point where its role or unit does not
 * reach is a finding (an action plan of another unit too). The risk
 * routes work on the demo's register of XAA (xaa-ncra-2026). Seeds:
 * fuzz/corpus/json.
 */
#include "driver.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define A "/api/v1/campaigns/nci-2028/assessments/XAA"
#define B "/api/v1/campaigns/nci-2028/assessments/XAB"
#define PA "/api/v1/plans/xaa-2026"
#define PC "/api/v1/plans/xac-cirt"

/* focal: whether the focal point of XAA may succeed there; when not, a
 * 2xx for it is an authorisation gap and a finding. */
static const struct { const char *method, *path; int focal; } routes[] = {
	{"POST", "/api/v1/session", 1},
	{"POST", "/api/v1/campaigns", 0},
	{"POST", "/api/v1/campaigns/nci-2028/status", 0},
	{"PUT", A "/answers/legal.cybercrime.substantive.systems", 1},    /* choice */
	{"PUT", A "/answers/legal.cybercrime.substantive.fraud", 1},      /* yes_no */
	{"PUT", A "/answers/legal.data_protection.rights", 1},            /* multi */
	{"POST", A "/evidence", 1},
	{"POST", A "/submit", 1},
	{"POST", A "/return", 0},
	{"POST", A "/validate", 0},
	{"POST", A "/reviews", 0},
	{"POST", "/api/v1/campaigns/nci-2026/robustness", 1},
	{"PUT", B "/answers/legal.cybercrime.substantive.fraud", 0},
	{"POST", B "/evidence", 0},
	{"POST", B "/submit", 0},
	/* workshops: the focal point facilitates XAA, not XAB; a set-password
	 * token the fuzzer cannot guess never succeeds */
	{"POST", A "/respondents", 1},
	{"PUT", A "/respondents/1/answers/legal.cybercrime.substantive.fraud", 1},
	{"POST", B "/respondents", 0},
	{"PUT", B "/respondents/1/answers/legal.cybercrime.substantive.fraud", 0},
	{"POST", "/api/v1/password", 0},
	/* action plans: the focal point changes XAA's (xaa-2026), not XAC's
	 * (xac-cirt); a new plan may be XAA's */
	{"POST", "/api/v1/plans", 1},
	{"PATCH", PA, 1},
	{"PATCH", PC, 0},
	{"POST", PA "/objectives", 1},
	{"POST", PC "/objectives", 0},
	{"POST", PA "/actions", 1},
	{"POST", PC "/actions", 0},
	{"PATCH", PA "/actions/1", 1},
	{"PATCH", PC "/actions/12", 0},
	{"POST", PA "/draft", 1},
	{"POST", PC "/draft", 0},
	{"PUT", PA "/services", 1},
	{"PUT", PC "/services", 0},
	/* drills (the demo's): the admin directs every drill; the focal point
	 * of XAA takes part in none, so every drill route is closed to it */
	{"POST", "/api/v1/scenarios", 0},
	{"POST", "/api/v1/drills", 0},
	{"POST", "/api/v1/drills/demo-hospital/status", 0},
	{"POST", "/api/v1/drills/demo-hospital/injects", 0},
	{"POST", "/api/v1/drills/demo-hospital-done/injects/h02/responses", 0},
	{"POST", "/api/v1/drills/demo-hospital-done/injects/h02/expects", 0},
	{"POST", "/api/v1/drills/demo-hospital-done/evaluations", 0},
	{"POST", "/api/v1/drills/demo-hospital-done/feedback", 0},
	{"POST", "/api/v1/drills/demo-hospital-done/improvements", 0},
	{"POST", "/api/v1/drills/demo-hospital/commcheck", 0},
	/* risk assessments: the focal point of XAA keeps the demo's register */
#define R "/api/v1/risk-assessments/xaa-ncra-2026"
	{"POST", "/api/v1/risk-assessments", 1},
	{"PATCH", R, 1},
	{"POST", R "/risks", 1},
	{"PATCH", R "/risks/hospital-ransomware", 1},
	{"PUT", R "/risks/hospital-ransomware/ratings/current", 1},
	{"POST", R "/risks/hospital-ransomware/treatments", 1},
	{"POST", R "/participants", 1},
	{"PUT", R "/participants/1/ratings/hospital-ransomware", 1},
#undef R
};

#define NROUTES (sizeof(routes) / sizeof(routes[0]))

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct fuzz_env *e = fuzz_env();
	struct fuzz_buf b = {0};
	size_t r;
	int status;

	if (size < 1)
		return 0;
	r = (size_t)(data[0] & 0x7f) % NROUTES;
	fuzz_printf(&b, "%s %s HTTP/1.1\r\nHost: fuzz\r\nConnection: close\r\n"
		    "Authorization: Bearer %s\r\nContent-Type: application/json\r\n"
		    "Content-Length: %zu\r\n\r\n", routes[r].method, routes[r].path,
		    data[0] & 0x80 ? e->focal : e->admin, size - 1);
	fuzz_put(&b, data + 1, size - 1);
	status = fuzz_send(b.p, b.len);
	if (data[0] & 0x80 && !routes[r].focal && status >= 200 && status < 300) {
		fprintf(stderr, "fuzz_json: the focal point of XAA got %d on %s %s\n", status,
			routes[r].method, routes[r].path);
		abort();
	}
	free(b.p);
	return 0;
}
