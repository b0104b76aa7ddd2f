/*
 * http.c - request accessors and response builders (see http.h).
 */
#include "http.h"

#include "../core/lang.h"

#include "../format/csv.h"

#include <math.h>
#include <microhttpd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *cc_req_query(const struct cc_req *r, const char *name)
{
	return MHD_lookup_connection_value((struct MHD_Connection *)r->conn,
					   MHD_GET_ARGUMENT_KIND, name);
}

const char *cc_req_header(const struct cc_req *r, const char *name)
{
	return MHD_lookup_connection_value((struct MHD_Connection *)r->conn,
					   MHD_HEADER_KIND, name);
}

void cc_resp_body(struct cc_resp *resp, int status, const char *type,
		  char *body, size_t len)
{
	free(resp->body);
	resp->status = status;
	resp->content_type = type;
	resp->body = body;
	resp->len = len;
}

int cc_resp_json(struct cc_resp *resp, int status, json_t *j)
{
	char *text = j ? json_dumps(j, JSON_COMPACT | JSON_REAL_PRECISION(12)) : NULL;

	json_decref(j);
	if (!text)
		return cc_resp_error(resp, 500, "internal", NULL, "out of memory");
	cc_resp_body(resp, status, "application/json; charset=utf-8", text, strlen(text));
	resp->etag = status == 200;
	return CC_OK;
}

/* s with every byte that is not part of valid UTF-8 replaced by '?', in
 * place: messages quote what the client sent (a path, a field name), and
 * truncation may cut a character in two; JSON takes only UTF-8. */
static char *utf8_mend(char *s)
{
	size_t n = strlen(s), at = 0;

	while ((at += cc_utf8_invalid(s + at, n - at)) < n)
		s[at++] = '?';
	return s;
}

int cc_resp_error(struct cc_resp *resp, int status, const char *code,
		  const char *field, const char *fmt, ...)
{
	char msg[512], fld[256];
	json_t *e;
	char *text;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	e = json_pack("{s:{s:s,s:s}}", "error", "code", code, "message", utf8_mend(msg));
	if (e && field) {
		snprintf(fld, sizeof(fld), "%s", field);
		json_object_set_new(json_object_get(e, "error"), "field", json_string(utf8_mend(fld)));
	}
	text = e ? json_dumps(e, JSON_COMPACT) : NULL;
	json_decref(e);
	if (!text) {
		static const char oom[] = "{\"error\":{\"code\":\"internal\",\"message\":\"out of memory\"}}";
		text = strdup(oom);
		status = 500;
	}
	cc_resp_body(resp, status, "application/json; charset=utf-8", text,
		     text ? strlen(text) : 0);
	resp->etag = 0;
	resp->cache = "no-store";
	return CC_OK;
}

json_t *cc_json_num(double x)
{
	return isnan(x) ? json_null() : json_real(x == 0 ? 0 : x);
}

json_t *cc_json_points(double x, int precision)
{
	double p = 1;

	if (isnan(x))
		return json_null();
	for (int i = 0; i < precision; i++)
		p *= 10;
	x = round(x * p) / p;
	return json_real(x == 0 ? 0 : x);
}

json_t *cc_req_json(const struct cc_req *r, struct cc_resp *resp)
{
	json_error_t jerr;
	json_t *j;

	if (!r->body || r->body_len == 0) {
		cc_resp_error(resp, 400, "bad_json", NULL, "send a JSON object in the body");
		return NULL;
	}
	if (r->body_len > 65536) {
		cc_resp_error(resp, 413, "too_large", NULL, "a JSON body is at most 64 KB");
		return NULL;
	}
	j = json_loadb(r->body, r->body_len, JSON_REJECT_DUPLICATES, &jerr);
	if (!json_is_object(j)) {
		json_decref(j);
		cc_resp_error(resp, 400, "bad_json", NULL, "the body is not a JSON object (%s)",
			      jerr.text);
		return NULL;
	}
	return j;
}

int cc_resp_from_error(struct cc_resp *resp, const struct cc_error *err,
		       int bad_status)
{
	const char *field = err->file[0] ? err->file : NULL;

	switch (err->code) {
	case CC_ENOTFOUND:
		return cc_resp_error(resp, 404, "not_found", field, "%s", err->msg);
	case CC_ECONFLICT:
		return cc_resp_error(resp, 409, "conflict", field, "%s", err->msg);
	case CC_ELIMIT:
		return cc_resp_error(resp, 413, "too_large", field, "%s", err->msg);
	case CC_EUNAVAIL:
		return cc_resp_error(resp, 503, "unavailable", NULL, "the database cannot be reached; try again shortly");
	case CC_EINPUT:
	case CC_EUSAGE:
		return cc_resp_error(resp, bad_status, bad_status == 422 ? "invalid" : "bad_request",
				     field, "%s", err->msg);
	default:
		return cc_resp_error(resp, 500, "internal", NULL, "%s", err->msg[0] ? err->msg :
				     "internal error");
	}
}

int cc_json_text(json_t *body, const char *name, bool optional, size_t max,
		 const char **out, struct cc_resp *resp)
{
	json_t *v = json_object_get(body, name);

	*out = NULL;
	if ((!v || json_is_null(v)) && optional)
		return 1;
	if (!json_is_string(v)) {
		cc_resp_error(resp, 422, "invalid", name, "%s is text", name);
		return 0;
	}
	if (json_string_length(v) > max) {
		cc_resp_error(resp, 422, "invalid", name, "%s is at most %zu bytes", name, max);
		return 0;
	}
	*out = json_string_value(v);
	return 1;
}

bool cc_req_lang(const struct cc_req *r, struct cc_resp *resp, const char *const *tags,
		 int n, int *out)
{
	const char *lang = cc_req_query(r, "lang");

	*out = -1;
	if (lang && !cc_lang_valid_tag(lang)) {
		cc_resp_error(resp, 400, "bad_parameter", "lang",
			      "lang must be a lower-case language tag such as fr or pt-br");
		return false;
	}
	if (lang) {
		*out = cc_lang_match(lang, tags, n);
		return true;
	}
	resp->vary_lang = 1;
	*out = cc_lang_accept(cc_req_header(r, "Accept-Language"), tags, n, "en");
	return true;
}

int cc_req_lang_or_own(const struct cc_req *r, struct cc_resp *resp, const char *const *tags,
		       int n)
{
	const char *q = cc_req_query(r, "lang");
	int l = -1;

	if (!q || cc_lang_valid_tag(q))
		cc_req_lang(r, resp, tags, n, &l);
	return l;
}

void cc_json_lang(json_t *o, const char *const *tags, int n, int l, int untranslated)
{
	json_t *langs = json_array();

	for (int k = 0; k < n; k++)
		json_array_append_new(langs, json_string(tags[k]));
	json_object_set_new(o, "lang", l >= 0 && l < n ? json_string(tags[l]) : json_null());
	json_object_set_new(o, "languages", langs);
	json_object_set_new(o, "untranslated", json_integer(l >= 0 ? untranslated : 0));
}
