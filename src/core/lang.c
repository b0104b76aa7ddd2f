/*
 * lang.c - language tags and the choice of a reader's language (see
 * lang.h).
 */
#include "lang.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static bool lower_alnum(char c, bool digits)
{
	return (c >= 'a' && c <= 'z') || (digits && c >= '0' && c <= '9');
}

bool cc_lang_valid_tag(const char *tag)
{
	size_t run = 0;
	bool first = true;

	if (!tag || strlen(tag) > 35)
		return false;
	for (const char *p = tag;; p++) {
		if (*p == '-' || *p == '\0') {
			if (run == 0 || run > 8 || (first && run < 2))
				return false;
			if (*p == '\0')
				return true;
			first = false;
			run = 0;
		} else if (lower_alnum(*p, !first)) {
			run++;
		} else {
			return false;
		}
	}
}

/* Whether a (len bytes) equals b, ignoring ASCII case. */
static bool same(const char *a, size_t len, const char *b)
{
	return strlen(b) == len && strncasecmp(a, b, len) == 0;
}

static int match_n(const char *tag, size_t len, const char *const *tags, int n)
{
	size_t primary = 0;

	if (len == 0)
		return -1;
	for (int i = 0; i < n; i++)
		if (same(tag, len, tags[i]))
			return i;
	while (primary < len && tag[primary] != '-')
		primary++;
	for (int i = 0; i < n; i++)
		if (same(tag, primary, tags[i]))
			return i;
	return -1;
}

int cc_lang_match(const char *tag, const char *const *tags, int n)
{
	return tag ? match_n(tag, strlen(tag), tags, n) : -1;
}

/* One range of an Accept-Language list. */
struct range {
	const char *tag;
	size_t len;
	double q;
	int order;
};

static int by_quality(const void *a, const void *b)
{
	const struct range *x = a, *y = b;

	if (x->q != y->q)
		return x->q > y->q ? -1 : 1;
	return x->order - y->order;
}

/* Parses "tag[;q=N]" from p (up to the next comma); false when malformed. */
static bool parse_range(const char *p, size_t len, struct range *r)
{
	size_t t = 0, i;
	char q[16];

	while (len && isspace((unsigned char)*p))
		p++, len--;
	while (t < len && (isalnum((unsigned char)p[t]) || p[t] == '-' || p[t] == '*'))
		t++;
	if (t == 0 || t > 35)
		return false;
	r->tag = p;
	r->len = t;
	r->q = 1;
	for (i = t; i < len && isspace((unsigned char)p[i]); i++)
		;
	if (i == len)
		return true;
	if (p[i] != ';')
		return false;
	for (i++; i < len && isspace((unsigned char)p[i]); i++)
		;
	if (len - i < 3 || (p[i] != 'q' && p[i] != 'Q') || p[i + 1] != '=' || len - i - 2 >= sizeof(q))
		return false;
	memcpy(q, p + i + 2, len - i - 2);
	q[len - i - 2] = '\0';
	{
		char *end;
		double v = strtod(q, &end);
		while (isspace((unsigned char)*end))
			end++;
		if (*end || v < 0 || v > 1)
			return false;
		r->q = v;
	}
	return true;
}

#define MAX_RANGES 32

int cc_lang_accept(const char *accept, const char *const *tags, int n, const char *own)
{
	struct range r[MAX_RANGES];
	int nr = 0;

	if (!accept)
		return -1;
	for (const char *p = accept; *p && nr < MAX_RANGES;) {
		size_t len = strcspn(p, ",");
		if (parse_range(p, len, &r[nr]) && r[nr].q > 0) {
			r[nr].order = nr;
			nr++;
		}
		p += len;
		if (*p == ',')
			p++;
	}
	qsort(r, (size_t)nr, sizeof(*r), by_quality);
	for (int k = 0; k < nr; k++) {
		int i;
		if (same(r[k].tag, r[k].len, "*"))
			return -1;
		if ((i = match_n(r[k].tag, r[k].len, tags, n)) >= 0)
			return i;
		if (own && match_n(r[k].tag, r[k].len, &own, 1) == 0)
			return -1;
	}
	return -1;
}
