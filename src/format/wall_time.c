/*
 * wall_time.c - wall-clock times as ISO 8601 text (see wall_time.h).
 */
#include "wall_time.h"

#include <math.h>
#include <stdio.h>
#include <time.h>

void cc_wall_iso(double t, char out[CC_WALL_ISO_SIZE])
{
	time_t secs;
	struct tm tm;
	long ms;

	out[0] = '\0';
	if (!(t >= 0) || t > 253402300799.0)  /* NaN, before 1970, after 9999 */
		return;
	secs = (time_t)floor(t);
	ms = lround((t - (double)secs) * 1000);
	if (ms >= 1000) {
		secs++;
		ms -= 1000;
	}
	if (!gmtime_r(&secs, &tm))
		return;
	{
		char date[24];
		/* strftime bounds the fields the compiler cannot */
		strftime(date, sizeof(date), "%Y-%m-%dT%H:%M:%S", &tm);
		snprintf(out, CC_WALL_ISO_SIZE, "%.19s.%03dZ", date, (int)(ms % 1000));
	}
}
