/*
 * ctf_score.c - flags, dynamic values and the scoreboard order (see
 * ctf_score.h). SHA-256 is libsodium's; regular expressions are POSIX
 * extended (regcomp/regexec from libc), matched against the whole
 * submission.
 */
#include "ctf_score.h"

#include <ctype.h>
#include <math.h>
#include <regex.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#define CC_FLAG_MAX 4096

static bool space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

void cc_sha256_hex(const char *s, size_t len, char *hex)
{
	unsigned char h[crypto_hash_sha256_BYTES];

	crypto_hash_sha256(h, (const unsigned char *)s, len);
	sodium_bin2hex(hex, 65, h, sizeof(h));
}

static bool regex_whole(const char *pattern, const char *s)
{
	regex_t re;
	regmatch_t m;
	bool ok;

	if (regcomp(&re, pattern, REG_EXTENDED))
		return false;
	ok = regexec(&re, s, 1, &m, 0) == 0 && m.rm_so == 0 &&
	     (size_t)m.rm_eo == strlen(s);
	regfree(&re);
	return ok;
}

bool cc_flag_matches(const struct cc_flag *f, const char *s, size_t len)
{
	char buf[CC_FLAG_MAX + 1], hex[65];

	while (len && space(*s))
		s++, len--;
	while (len && space(s[len - 1]))
		len--;
	if (len > CC_FLAG_MAX || memchr(s, '\0', len))
		return false;
	memcpy(buf, s, len);
	buf[len] = '\0';
	if (f->type == CC_FLAG_CASE_INSENSITIVE)
		for (size_t i = 0; i < len; i++)
			buf[i] = (char)tolower((unsigned char)buf[i]);
	if (f->type == CC_FLAG_REGEX)
		return regex_whole(f->value, buf);
	if (f->sha256[0]) {
		cc_sha256_hex(buf, len, hex);
		return sodium_memcmp(hex, f->sha256, 64) == 0;
	}
	if (f->type == CC_FLAG_CASE_INSENSITIVE) {
		size_t n = strlen(f->value);
		if (n != len)
			return false;
		for (size_t i = 0; i < n; i++)
			if (tolower((unsigned char)f->value[i]) != (unsigned char)buf[i])
				return false;
		return true;
	}
	return strlen(f->value) == len && memcmp(f->value, buf, len) == 0;
}

double cc_challenge_value(const struct cc_challenge *ch, int solves)
{
	double n, v;

	if (!ch->dynamic)
		return ch->value;
	n = solves > 1 ? solves - 1 : 0;
	if (ch->function == CC_DECAY_LINEAR) {
		v = ceil(ch->initial - ch->decay * n);
	} else {
		double d = ch->decay == 0 ? 1 : ch->decay;
		v = ceil(((ch->minimum - ch->initial) / (d * d)) * n * n + ch->initial);
	}
	return v < ch->minimum ? ch->minimum : v;
}

static int by_board(const void *a, const void *b)
{
	const struct cc_board_row *x = a, *y = b;

	if (x->score != y->score)
		return x->score > y->score ? -1 : 1;
	if (x->reached != y->reached)
		return x->reached < y->reached ? -1 : 1;
	return strcmp(x->team, y->team);
}

void cc_board_sort(struct cc_board_row *rows, int n)
{
	qsort(rows, (size_t)n, sizeof(*rows), by_board);
}

bool cc_is_sha256_hex(const char *s)
{
	if (strlen(s) != 64)
		return false;
	for (; *s; s++)
		if (!isxdigit((unsigned char)*s))
			return false;
	return true;
}
