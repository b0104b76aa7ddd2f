/*
 * answer.c - parsing an answer's text and scoring a single answer.
 * Kept apart from the answers table so that framework.c can parse the
 * answer named in a `when` the same way a responses file is parsed.
 */
#include "answer.h"

#include "framework.h"
#include "number.h"

#include <stdio.h>
#include <string.h>

static bool word_is(const char *s, size_t len, const char *w)
{
	return strlen(w) == len && memcmp(s, w, len) == 0;
}

static int find_option(const struct cc_node *n, const char *s, size_t len)
{
	for (int i = 0; i < n->noptions; i++)
		if (word_is(s, len, n->options[i].id))
			return i;
	return -1;
}

static void option_list(const struct cc_node *n, char *buf, size_t size)
{
	size_t used = 0;

	buf[0] = '\0';
	for (int i = 0; i < n->noptions && used + 1 < size; i++) {
		int w = snprintf(buf + used, size - used, "%s%s",
				 i ? ", " : "", n->options[i].id);
		if (w < 0)
			break;
		used += (size_t)w;
	}
}

static bool parse_yes_no(const struct cc_node *n, const char *s, size_t len,
			 struct cc_answer *out, char *why, size_t whylen)
{
	if (word_is(s, len, "yes")) {
		out->bits = 1;
		out->num = 1;
	} else if (word_is(s, len, "no")) {
		out->bits = 0;
		out->num = 0;
	} else if (word_is(s, len, "partial") && n->has_partial) {
		out->bits = 2;
		out->num = n->partial;
	} else {
		snprintf(why, whylen, "answer \"%.*s\" is not one of %s",
			 (int)(len > 80 ? 80 : len), s,
			 n->has_partial ? "yes, no, partial" : "yes, no");
		return false;
	}
	return true;
}

static bool parse_choice(const struct cc_node *n, const char *s, size_t len,
			 struct cc_answer *out, char *why, size_t whylen)
{
	int i = find_option(n, s, len);
	char opts[256];

	if (i < 0) {
		option_list(n, opts, sizeof(opts));
		snprintf(why, whylen, "answer \"%.*s\" is not an option (%s)",
			 (int)(len > 80 ? 80 : len), s, opts);
		return false;
	}
	out->bits = (uint64_t)i;
	out->num = n->options[i].value;
	return true;
}

static bool parse_multi(const struct cc_node *n, const char *s, size_t len,
			struct cc_answer *out, char *why, size_t whylen)
{
	uint64_t mask = 0;
	double sum = 0;
	size_t start = 0;
	char opts[256];

	while (start <= len) {
		size_t end = start;
		size_t plen;
		const char *part;
		int i;

		while (end < len && s[end] != '|')
			end++;
		plen = end - start;
		part = cc_trim(s + start, &plen);
		i = find_option(n, part, plen);
		if (i < 0) {
			option_list(n, opts, sizeof(opts));
			snprintf(why, whylen,
				 "\"%.*s\" is not an option (%s)",
				 (int)(plen > 80 ? 80 : plen), part, opts);
			return false;
		}
		if (mask & (1ull << i)) {
			snprintf(why, whylen, "option \"%s\" is given twice",
				 n->options[i].id);
			return false;
		}
		mask |= 1ull << i;
		sum += n->options[i].value;
		start = end + 1;
	}
	out->bits = mask;
	out->num = sum > 1 ? 1 : sum;
	return true;
}

/* A rating: one of the scale's level values, written as an integer. The
 * node carries its scale (set by cc_framework_finish). */
static bool parse_rating(const struct cc_node *n, const char *s, size_t len,
			 struct cc_answer *out, char *why, size_t whylen)
{
	const struct cc_scale *sc = n->rating_scale;
	size_t i = (len > 0 && s[0] == '-') ? 1 : 0;
	long long v = 0;
	bool ok = len > i && len - i <= 9;
	int k = -1;

	for (size_t j = i; ok && j < len; j++) {
		ok = s[j] >= '0' && s[j] <= '9';
		v = v * 10 + (s[j] - '0');
	}
	if (ok)
		k = cc_scale_level_index(sc, (double)(i ? -v : v));
	if (k < 0) {
		char list[200];
		size_t used = 0;
		list[0] = '\0';
		for (int l = 0; l < sc->nlevels && used + 12 < sizeof(list); l++)
			used += (size_t)snprintf(list + used, sizeof(list) - used,
						 "%s%d", l ? ", " : "", sc->levels[l].value);
		snprintf(why, whylen, "answer \"%.*s\" is not a level of the scale \"%s\" (%s)",
			 (int)(len > 80 ? 80 : len), s, sc->id, list);
		return false;
	}
	out->bits = (uint64_t)k;
	out->num = sc->levels[k].value;
	return true;
}

bool cc_answer_parse(const struct cc_node *n, const char *s, size_t len,
		     struct cc_answer *out, char *why, size_t whylen)
{
	if (n->kind == CC_INDICATOR || n->qtype == CC_Q_NUMBER) {
		out->bits = 0;
		if (!cc_number_parse(s, len, &out->num)) {
			snprintf(why, whylen, "\"%.*s\" is not a number",
				 (int)(len > 80 ? 80 : len), s);
			return false;
		}
		if (n->kind == CC_INDICATOR && n->norm == CC_NORM_NONE &&
		    (out->num < 0 || out->num > 1)) {
			snprintf(why, whylen,
				 "%g is outside [0, 1], which `normalise: none` requires",
				 out->num);
			return false;
		}
		return true;
	}
	switch (n->qtype) {
	case CC_Q_YES_NO:
		return parse_yes_no(n, s, len, out, why, whylen);
	case CC_Q_CHOICE:
		return parse_choice(n, s, len, out, why, whylen);
	case CC_Q_MULTI:
		return parse_multi(n, s, len, out, why, whylen);
	case CC_Q_RATING:
		return parse_rating(n, s, len, out, why, whylen);
	default:
		snprintf(why, whylen, "text answers are stored, not parsed");
		return false;
	}
}

static double number_value(const struct cc_node *n, double x)
{
	if (n->has_goalposts) {
		double v = (x - n->lo) / (n->hi - n->lo);
		return v < 0 ? 0 : v > 1 ? 1 : v;
	}
	{
		double best_min = 0, v = 0;
		bool found = false;

		for (int i = 0; i < n->nthresholds; i++) {
			const struct cc_threshold *t = &n->thresholds[i];
			if (x >= t->min && (!found || t->min > best_min)) {
				best_min = t->min;
				v = t->value;
				found = true;
			}
		}
		return v;
	}
}

double cc_answer_value(const struct cc_node *n, const struct cc_answer *a)
{
	if (n->qtype == CC_Q_NUMBER)
		return number_value(n, a->num);
	if (n->qtype == CC_Q_RATING) {
		const struct cc_scale *sc = n->rating_scale;
		double lo = sc->levels[0].value, hi = sc->levels[sc->nlevels - 1].value;
		return (a->num - lo) / (hi - lo);
	}
	return a->num;
}
