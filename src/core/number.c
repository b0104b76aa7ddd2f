/*
 * number.c - strict decimal number parsing (see number.h).
 */
#include "number.h"

#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

const char *cc_trim(const char *s, size_t *len)
{
	size_t n = *len;

	while (n && (*s == ' ' || *s == '\t')) {
		s++;
		n--;
	}
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	*len = n;
	return s;
}

static size_t digits(const char *s, size_t i, size_t len)
{
	size_t start = i;

	while (i < len && s[i] >= '0' && s[i] <= '9')
		i++;
	return i - start;
}

bool cc_number_parse(const char *s, size_t len, double *out)
{
	char buf[128];
	size_t i = 0, nint, nfrac = 0;
	char *end;
	double v;

	s = cc_trim(s, &len);
	if (len == 0 || len >= sizeof(buf))
		return false;
	if (s[i] == '+' || s[i] == '-')
		i++;
	nint = digits(s, i, len);
	i += nint;
	if (i < len && s[i] == '.') {
		i++;
		nfrac = digits(s, i, len);
		i += nfrac;
	}
	if (nint + nfrac == 0)
		return false;
	if (i < len && (s[i] == 'e' || s[i] == 'E')) {
		size_t nexp;

		i++;
		if (i < len && (s[i] == '+' || s[i] == '-'))
			i++;
		nexp = digits(s, i, len);
		if (nexp == 0)
			return false;
		i += nexp;
	}
	if (i != len)
		return false;
	memcpy(buf, s, len);
	buf[len] = '\0';
	v = strtod(buf, &end);
	if (*end != '\0' || !isfinite(v))
		return false;
	*out = v;
	return true;
}

bool cc_number_parse_int(const char *s, size_t len, int *out)
{
	double v;

	if (!cc_number_parse(s, len, &v))
		return false;
	if (v != floor(v) || v < INT_MIN || v > INT_MAX)
		return false;
	*out = (int)v;
	return true;
}
