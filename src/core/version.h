/*
 * version.h - ordering the `version` strings of frameworks, so that "the
 * latest version" of a framework id means the highest version, not the
 * one loaded last: "2027" after "2026", "1.10" after "1.9", "2" after
 * "" (no version). Pure; used by the store to pick the latest text of an id.
 */
#ifndef CC_VERSION_H
#define CC_VERSION_H

#include <stddef.h>

/* <0, 0, >0 as a sorts before, with or after b: runs of digits compare as
 * numbers (leading zeros ignored, then more zeros first), everything else
 * byte by byte, a shorter string before a longer one it begins. */
int cc_version_cmp(const char *a, size_t alen, const char *b, size_t blen);

#endif
