/*
 * lang.h - which language a reader gets: the language tags a text comes
 * in (a framework's, scenario's or matrix's `translations`, the web
 * catalogues) matched against what the reader asked for, as ?lang=TAG or
 * as an HTTP Accept-Language list. Used by every route that serves
 * bundled texts; knows nothing of where the texts are.
 */
#ifndef CC_LANG_H
#define CC_LANG_H

#include <stdbool.h>

/* At most this many languages a file's translations are matched over. */
#define CC_LANG_MAX 64

/* True when tag is a lower-case BCP 47 tag: [a-z]{2,8}(-[a-z0-9]{1,8})*. */
bool cc_lang_valid_tag(const char *tag);

/* Index in tags[0..n) of tag: the exact tag, else its primary subtag
 * ("fr-ca" -> "fr"); -1 when neither is there. Case-insensitive. */
int cc_lang_match(const char *tag, const char *const *tags, int n);

/* The reader's choice among tags[0..n) from an Accept-Language value
 * ("fr-CH, fr;q=0.9, en;q=0.5"): the first of its ranges by quality (ties
 * in their order) that matches a tag; a range naming own (the texts' own
 * language, "en" for the bundled files) or "*" stops the search with -1,
 * as does a header that matches nothing or is absent. Malformed parts
 * are skipped. */
int cc_lang_accept(const char *accept, const char *const *tags, int n, const char *own);

#endif
