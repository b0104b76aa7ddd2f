/*
 * date.c - ISO dates as day counts and reporting periods (see date.h).
 * The conversions are Howard Hinnant's days_from_civil / civil_from_days
 * algorithms (public domain), exact for every Gregorian date.
 */
#include "date.h"

#include <stdio.h>
#include <string.h>

int cc_date_days(int y, int m, int d)
{
	int era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void cc_date_civil(int days, int *year, int *month, int *day)
{
	int z = days + 719468;
	int era = (z >= 0 ? z : z - 146096) / 146097;
	int doe = z - era * 146097;
	int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int mp = (5 * doy + 2) / 153;
	int m = mp + (mp < 10 ? 3 : -9);

	*day = doy - (153 * mp + 2) / 5 + 1;
	*month = m;
	*year = yoe + era * 400 + (m <= 2);
}

static int month_days(int y, int m)
{
	static const int n[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	return m == 2 && leap ? 29 : n[m - 1];
}

/* n decimal digits at s into *out; false unless all are digits. */
static bool digits(const char *s, int n, int *out)
{
	int v = 0;

	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return true;
}

bool cc_date_parse(const char *s, size_t len, int *days)
{
	int y, m, d;

	if (len != 10 || s[4] != '-' || s[7] != '-' || !digits(s, 4, &y) ||
	    !digits(s + 5, 2, &m) || !digits(s + 8, 2, &d))
		return false;
	if (y < CC_DATE_MIN_YEAR || y > CC_DATE_MAX_YEAR || m < 1 || m > 12 || d < 1 ||
	    d > month_days(y, m))
		return false;
	*days = cc_date_days(y, m, d);
	return true;
}

bool cc_date_valid(const char *s, int *days)
{
	int ignored;

	return s && cc_date_parse(s, strlen(s), days ? days : &ignored);
}

void cc_date_format(int days, char out[11])
{
	int y, m, d;

	cc_date_civil(days, &y, &m, &d);
	snprintf(out, 11, "%04u-%02u-%02u", (unsigned)y % 10000u, (unsigned)m % 100u,
		 (unsigned)d % 100u);
}

bool cc_period_parse(const char *s, int *first, int *last)
{
	size_t n = s ? strlen(s) : 0;
	int y, k, months, from;

	if (n < 4 || !digits(s, 4, &y) || y < CC_DATE_MIN_YEAR || y > CC_DATE_MAX_YEAR)
		return false;
	if (n == 4) {
		months = 12, from = 1;
	} else if (n == 7 && s[4] == '-' && (s[5] == 'Q' || s[5] == 'H') &&
		   digits(s + 6, 1, &k) && k >= 1 && k <= (s[5] == 'Q' ? 4 : 2)) {
		months = s[5] == 'Q' ? 3 : 6;
		from = (k - 1) * months + 1;
	} else {
		return false;
	}
	*first = cc_date_days(y, from, 1);
	*last = from + months > 12 ? cc_date_days(y + 1, 1, 1) - 1 :
		cc_date_days(y, from + months, 1) - 1;
	return true;
}

void cc_period_quarter(int day, char out[8], int *first, int *last)
{
	int y, m, d;

	cc_date_civil(day, &y, &m, &d);
	snprintf(out, 8, "%04u-Q%u", (unsigned)y % 10000u, (unsigned)((m - 1) / 3 + 1) % 10u);
	cc_period_parse(out, first, last);
}
