/*
 * test_server.c - the HTTP server end to end without a socket: requests
 * written as raw bytes go through libmicrohttpd, the router and the
 * handlers (cc_server_embed, the way the fuzz harnesses drive it). Each
 * case here is a finding of the fuzzers (fuzz/), kept so that it stays
 * fixed: the inputs are also in fuzz/corpus/.
 */
#include "helpers.h"

#include "server/server.h"
#include "service/auth.h"
#include "service/service.h"

#include <jansson.h>
#include <unistd.h>

struct fixture {
	char dir[64];
	char focal[80];
	struct cc_server *sv;
};

static int setup(void **state)
{
	static struct cc_server_opts o;
	struct fixture *fx = calloc(1, sizeof(*fx));
	struct cc_store *s;
	struct cc_error err;
	struct cc_list l;

	snprintf(fx->dir, sizeof(fx->dir), "/tmp/cc-server-XXXXXX");
	if (!cc_test_mkdata(fx->dir))
		return -1;
	/* The tests run from the checkout's root (scripts/run-tests). */
	if (cc_service_demo(fx->dir, "data", &err) || cc_store_open(&s, fx->dir, 0, &err)) {
		fprintf(stderr, "setup: %s\n", err.msg);
		return -1;
	}
	if (cc_store_user(s, "focal.xaa@demo.cybercap", 0, &l, &err) ||
	    cc_auth_issue_token(s, ((struct cc_user_rec *)l.items)[0].id, fx->focal, &err))
		return -1;
	cc_list_free(&l);
	cc_store_close(s);
	o.data_dir = fx->dir;
	if (cc_server_embed(&o, &fx->sv, &err))
		return -1;
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *fx = *state;
	char cmd[128];

	cc_server_free(fx->sv);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", fx->dir);
	if (system(cmd) != 0)
		return -1;
	free(fx);
	return 0;
}

/* Sends req; returns the status of the first response and its body
 * parsed as JSON in *body (NULL when the body is not JSON). */
static int exchange(struct fixture *fx, const char *req, size_t len, json_t **body)
{
	char *out, *start;
	size_t outlen;
	int status = 0;

	assert_int_equal(cc_server_exchange(fx->sv, req, len, &out, &outlen), CC_OK);
	assert_int_equal(sscanf(out, "HTTP/1.1 %d", &status), 1);
	start = strstr(out, "\r\n\r\n");
	assert_non_null(start);
	if (body)
		*body = json_loads(start + 4, JSON_DISABLE_EOF_CHECK, NULL);
	free(out);
	return status;
}

static const char *error_code(json_t *body)
{
	return json_string_value(json_object_get(json_object_get(body, "error"), "code"));
}

/* Found by fuzz_http: a path with a byte that is not UTF-8 was quoted in
 * the 404 message, which jansson refused: 500 "out of memory". */
static void bad_utf8_path_is_400(void **state)
{
	static const char req[] = "GET /api/v1/c\x81x HTTP/1.1\r\nHost: x\r\n\r\n";
	json_t *body;

	assert_int_equal(exchange(*state, req, sizeof(req) - 1, &body), 400);
	assert_non_null(body);
	assert_string_equal(error_code(body), "bad_url");
	json_decref(body);
}

/* Found by fuzz_http: a question id that is not UTF-8 in the history route. */
static void bad_utf8_question_is_400(void **state)
{
	struct fixture *fx = *state;
	char req[512];
	json_t *body;
	int n = snprintf(req, sizeof(req),
			 "GET /api/v1/campaigns/nci-2028/assessments/XAA/answers/legal.cii\xff\xff/history "
			 "HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer %s\r\n\r\n", fx->focal);

	assert_int_equal(exchange(fx, req, (size_t)n, &body), 400);
	assert_string_equal(error_code(body), "bad_url");
	json_decref(body);
}

static void bad_utf8_query_is_400(void **state)
{
	static const char req[] = "GET /api/v1/units?group=%ff HTTP/1.1\r\nHost: x\r\n\r\n";
	json_t *body;

	assert_int_equal(exchange(*state, req, sizeof(req) - 1, &body), 400);
	assert_string_equal(error_code(body), "bad_url");
	json_decref(body);
}

/* Found while testing traversal: libmicrohttpd decodes %00 into a NUL
 * that cut the path short (/campaigns/nci-2026%00/results was answered as
 * /campaigns/nci-2026); a NUL in a path or query is now refused. */
static void nul_in_path_is_400(void **state)
{
	static const char req[] = "GET /api/v1/campaigns/nci-2026%00/results HTTP/1.1\r\nHost: x\r\n\r\n";
	json_t *body;

	assert_int_equal(exchange(*state, req, sizeof(req) - 1, &body), 400);
	assert_string_equal(error_code(body), "bad_url");
	json_decref(body);
}

/* A message cut at its 512-byte limit in the middle of a character is
 * mended rather than refused: still a 404 with a JSON body. */
static void long_multibyte_path_is_404(void **state)
{
	char req[2048];
	size_t n = (size_t)snprintf(req, sizeof(req), "GET /api/v1/");
	json_t *body;

	for (int i = 0; i < 301; i++)
		n += (size_t)snprintf(req + n, sizeof(req) - n, "\xc3\xa9");
	n += (size_t)snprintf(req + n, sizeof(req) - n, " HTTP/1.1\r\nHost: x\r\n\r\n");
	assert_int_equal(exchange(*state, req, n, &body), 404);
	assert_non_null(body);
	assert_string_equal(error_code(body), "not_found");
	json_decref(body);
}

/* Found by fuzz_multipart: a form part without a name reached strcmp
 * with NULL (undefined behaviour); now it is ignored. */
static void unnamed_form_part_is_ignored(void **state)
{
	struct fixture *fx = *state;
	static const char form[] =
		"--bnd\r\nContent-Disposition: form-data; hame=\"file\"; filename=\"x.png\"\r\n\r\n"
		"\x89PNG\r\n\x1a\n\r\n"
		"--bnd\r\nContent-Disposition: form-data; name=\"question\"\r\n\r\nlegal.cii.identified\r\n"
		"--bnd--\r\n";
	char req[1024];
	json_t *body;
	int n = snprintf(req, sizeof(req),
			 "POST /api/v1/campaigns/nci-2028/assessments/XAA/evidence HTTP/1.1\r\n"
			 "Host: x\r\nAuthorization: Bearer %s\r\n"
			 "Content-Type: multipart/form-data; boundary=bnd\r\nContent-Length: %zu\r\n\r\n",
			 fx->focal, sizeof(form) - 1);

	memcpy(req + n, form, sizeof(form) - 1);
	assert_int_equal(exchange(fx, req, (size_t)n + sizeof(form) - 1, &body), 422);
	assert_string_equal(json_string_value(json_object_get(json_object_get(body, "error"),
							      "field")), "file");
	json_decref(body);
}

/* The embedding itself: pipelined requests each get their answer. */
static void pipelined_requests_are_answered_in_order(void **state)
{
	static const char req[] = "GET /api/v1/campaigns HTTP/1.1\r\nHost: x\r\n\r\n"
				  "GET /api/v1/nothing HTTP/1.1\r\nHost: x\r\n\r\n";
	char *out;
	size_t len;

	assert_int_equal(cc_server_exchange(((struct fixture *)*state)->sv, req, sizeof(req) - 1,
					    &out, &len), CC_OK);
	assert_true(strncmp(out, "HTTP/1.1 200", 12) == 0);
	assert_non_null(strstr(out + 12, "HTTP/1.1 404"));
	free(out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(bad_utf8_path_is_400),
		cmocka_unit_test(bad_utf8_question_is_400),
		cmocka_unit_test(bad_utf8_query_is_400),
		cmocka_unit_test(nul_in_path_is_400),
		cmocka_unit_test(long_multibyte_path_is_404),
		cmocka_unit_test(unnamed_form_part_is_ignored),
		cmocka_unit_test(pipelined_requests_are_answered_in_order),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
