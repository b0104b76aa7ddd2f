/*
 * version.c - the natural order of version strings (see version.h).
 */
#include "version.h"

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Compares the digit runs at a[*i] and b[*j] as numbers; advances both. */
static int digits(const char *a, size_t alen, size_t *i, const char *b, size_t blen, size_t *j)
{
	size_t za = 0, zb = 0, sa, sb, na, nb;

	while (*i + za < alen && a[*i + za] == '0')
		za++;
	while (*j + zb < blen && b[*j + zb] == '0')
		zb++;
	sa = *i + za;
	sb = *j + zb;
	for (na = 0; sa + na < alen && is_digit(a[sa + na]); na++)
		;
	for (nb = 0; sb + nb < blen && is_digit(b[sb + nb]); nb++)
		;
	*i = sa + na;
	*j = sb + nb;
	if (na != nb)
		return na < nb ? -1 : 1;
	for (size_t k = 0; k < na; k++)
		if (a[sa + k] != b[sb + k])
			return a[sa + k] < b[sb + k] ? -1 : 1;
	return za == zb ? 0 : za > zb ? -1 : 1;
}

int cc_version_cmp(const char *a, size_t alen, const char *b, size_t blen)
{
	size_t i = 0, j = 0;

	while (i < alen && j < blen) {
		if (is_digit(a[i]) && is_digit(b[j])) {
			int c = digits(a, alen, &i, b, blen, &j);
			if (c)
				return c;
			continue;
		}
		if (a[i] != b[j])
			return (unsigned char)a[i] < (unsigned char)b[j] ? -1 : 1;
		i++;
		j++;
	}
	return i < alen ? 1 : j < blen ? -1 : 0;
}
