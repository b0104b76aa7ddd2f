/*
 * wall_time.h - wall-clock times (seconds since 1970 UTC, with fractions,
 * as drills keep them) as ISO 8601 text with milliseconds, the form every
 * drill route and export writes: 2026-12-02T09:30:00.250Z.
 */
#ifndef CC_WALL_TIME_H
#define CC_WALL_TIME_H

#define CC_WALL_ISO_SIZE 32

/* t as ISO 8601 UTC into out; "" for NaN or a time before 1970. */
void cc_wall_iso(double t, char out[CC_WALL_ISO_SIZE]);

#endif
