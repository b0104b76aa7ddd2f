/*
 * pg_sql.c - the store's SQL, as PostgreSQL reads it.
 *
 * The store's queries are written once (store_internal.h). A few SQLite
 * spellings remain in them because they read best there, and this file
 * rewrites them for PostgreSQL, once per query text (pg.c keeps the
 * result with the prepared statement):
 *
 *   ?                      -> $1, $2 ... (and "? IS NULL" casts the value
 *                             to its bound type, which PostgreSQL cannot
 *                             guess there)
 *   x IS ? / x IS NOT ?    -> x IS NOT DISTINCT FROM $n / IS DISTINCT FROM
 *   INSERT OR IGNORE INTO  -> INSERT INTO ... ON CONFLICT DO NOTHING
 *   x = ? COLLATE NOCASE   -> lower(x) = lower($n)
 *   AS REAL                -> AS double precision (SQLite's REAL is 8 bytes)
 *   user, freeze           -> "user", "freeze" (reserved words there)
 *
 * Text inside quotes is copied as it is. strftime(), which the queries use
 * for the time, is a function the PostgreSQL migrations define.
 */
#include "pg_sql.h"

#include <ctype.h>
#include <stdio.h>
#include <strings.h>
#include <stdlib.h>
#include <string.h>

struct out {
	char *buf;
	size_t len, cap;
	int failed;
};

static void put(struct out *o, const char *s, size_t n)
{
	if (o->failed)
		return;
	if (o->len + n + 1 > o->cap) {
		size_t cap = (o->cap ? o->cap * 2 : 256) + n;
		char *b = realloc(o->buf, cap);
		if (!b) {
			o->failed = 1;
			return;
		}
		o->buf = b;
		o->cap = cap;
	}
	memcpy(o->buf + o->len, s, n);
	o->len += n;
	o->buf[o->len] = '\0';
}

static void puts_(struct out *o, const char *s)
{
	put(o, s, strlen(s));
}

/* 1 when sql at p starts with the words of kw (case-insensitive, any run of
 * spaces between words, a word boundary after); *end past them. */
static int words_at(const char *p, const char *kw, const char **end)
{
	while (*kw) {
		if (*kw == ' ') {
			if (!isspace((unsigned char)*p))
				return 0;
			while (isspace((unsigned char)*p))
				p++;
			kw++;
			continue;
		}
		if (toupper((unsigned char)*p) != toupper((unsigned char)*kw))
			return 0;
		p++;
		kw++;
	}
	if (isalnum((unsigned char)*p) || *p == '_')
		return 0;
	if (end)
		*end = p;
	return 1;
}

static int word_start(const char *sql, const char *p)
{
	return p == sql || !(isalnum((unsigned char)p[-1]) || p[-1] == '_' || p[-1] == '.');
}

/* Drops trailing spaces and then the word w (case-insensitive) from o's
 * end, when o ends with it; 1 when it did. */
static int drop_word(struct out *o, const char *w)
{
	size_t n = strlen(w), e = o->len;

	while (e > 0 && isspace((unsigned char)o->buf[e - 1]))
		e--;
	if (e < n || strncasecmp(o->buf + e - n, w, n) != 0)
		return 0;
	if (e > n && (isalnum((unsigned char)o->buf[e - n - 1]) || o->buf[e - n - 1] == '_'))
		return 0;
	o->len = e - n;         /* the bytes stay: ends_with_is may take them back */
	return 1;
}

/* When o ends with "IS" or "IS NOT" (before a value: SQLite's null-safe
 * comparison), drops it; *negated for IS NOT. */
static int ends_with_is(struct out *o, int *negated)
{
	size_t keep = o->len;

	*negated = drop_word(o, "NOT");
	if (drop_word(o, "IS"))
		return 1;
	o->len = keep;          /* "NOT ?" alone: leave it */
	*negated = 0;
	return 0;
}

/* The cast PostgreSQL needs for a value bound by type t where it cannot
 * infer one. */
static const char *cast_of(char t)
{
	switch (t) {
	case 'i':
	case 'I':
		return "::bigint";
	case 'd':
		return "::double precision";
	default:
		return "::text";
	}
}

/* The identifier before o's end ("x" or "t.x"), moved into lower(): for
 * "x = ? COLLATE NOCASE". */
static void lower_last_operand(struct out *o)
{
	size_t e = o->len, b;
	char *ident;

	while (e > 0 && isspace((unsigned char)o->buf[e - 1]))
		e--;
	if (e == 0 || o->buf[e - 1] != '=')
		return;
	e--;
	while (e > 0 && isspace((unsigned char)o->buf[e - 1]))
		e--;
	b = e;
	while (b > 0 && (isalnum((unsigned char)o->buf[b - 1]) || o->buf[b - 1] == '_' ||
			 o->buf[b - 1] == '.'))
		b--;
	if (b == e || !(ident = strndup(o->buf + b, e - b))) {
		o->failed = o->failed || b != e;
		return;
	}
	o->len = b;
	o->buf[b] = '\0';
	puts_(o, "lower(");
	puts_(o, ident);
	puts_(o, ") = ");
	free(ident);
}

char *cc__pg_sql(const char *sql, const char *types)
{
	struct out o = {0};
	const char *p = sql, *end;
	int n = 0, ignore = 0;
	size_t ntypes = types ? strlen(types) : 0;

	put(&o, "", 0);
	while (*p && !o.failed) {
		if (*p == '\'' || *p == '"') {
			const char *q = p + 1;
			while (*q && !(*q == *p && q[1] != *p))
				q += (*q == *p) ? 2 : 1;
			put(&o, p, (size_t)(q - p) + (*q ? 1 : 0));
			p = *q ? q + 1 : q;
			continue;
		}
		if (*p == '?') {
			char num[48];
			int at = n, casted = 0, negated = 0;
			const char *after = p + 1;
			char t;

			if (isdigit((unsigned char)*after)) {       /* ?NNN: that value */
				at = (int)strtol(after, (char **)&after, 10) - 1;
				n = at;
			}
			t = at >= 0 && at < (int)ntypes ? types[at] : 't';
			p = after - 1;

			while (isspace((unsigned char)*after))
				after++;
			if (ends_with_is(&o, &negated))
				puts_(&o, negated ? " IS DISTINCT FROM " : " IS NOT DISTINCT FROM ");
			n++;
			if (words_at(after, "COLLATE NOCASE", &end)) {
				lower_last_operand(&o);
				snprintf(num, sizeof(num), "lower($%d)", n);
				puts_(&o, num);
				p = end;
				continue;
			}
			casted = words_at(after, "IS NULL", NULL) || words_at(after, "IS NOT NULL", NULL);
			snprintf(num, sizeof(num), "$%d%s", n, casted ? cast_of(t) : "");
			puts_(&o, num);
			p++;
			continue;
		}
		if (word_start(sql, p)) {
			if (words_at(p, "INSERT OR IGNORE INTO", &end)) {
				puts_(&o, "INSERT INTO");
				ignore = 1;
				p = end;
				continue;
			}
			if (words_at(p, "AS REAL", &end)) {
				puts_(&o, "AS double precision");
				p = end;
				continue;
			}
			if (words_at(p, "user", &end) || words_at(p, "freeze", &end)) {
				put(&o, "\"", 1);
				put(&o, p, (size_t)(end - p));
				put(&o, "\"", 1);
				p = end;
				continue;
			}
		}
		put(&o, p, 1);
		p++;
	}
	if (ignore)
		puts_(&o, " ON CONFLICT DO NOTHING");
	if (o.failed) {
		free(o.buf);
		return NULL;
	}
	o.buf[o.len] = '\0';
	return o.buf;
}
