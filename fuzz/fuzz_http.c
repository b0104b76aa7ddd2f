/*
 * fuzz_http.c - libFuzzer harness for the request line, URL, query string,
 * headers and cookies: the input is one connection's raw bytes, sent
 * through libmicrohttpd to the router and handlers (fuzz/driver.h). So
 * that the fuzzer reaches the routes behind sign-in, the markers @A@
 * (admin's bearer token), @F@ (a focal point's bearer token), @S@ (an
 * admin session cookie) and @C@ (its CSRF token) are replaced before
 * sending. Seeds: fuzz/corpus/http.
 */
#include "driver.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct fuzz_env *e = fuzz_env();
	struct fuzz_buf b = {0};
	size_t i = 0;

	while (i < size) {
		if (i + 3 <= size && data[i] == '@' && data[i + 2] == '@' &&
		    strchr("AFSC", data[i + 1]) && data[i + 1]) {
			char m = (char)data[i + 1];
			fuzz_puts(&b, m == 'A' ? e->admin : m == 'F' ? e->focal :
				  m == 'S' ? e->session : e->csrf);
			i += 3;
		} else {
			fuzz_put(&b, data + i, 1);
			i++;
		}
	}
	fuzz_send(b.p ? b.p : "", b.len);
	free(b.p);
	return 0;
}
