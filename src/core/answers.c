/*
 * answers.c - the table of answers (see answers.h).
 */
#include "answers.h"

#include "number.h"

#include <stdlib.h>
#include <string.h>

int cc_answers_init(struct cc_answers *a, const struct cc_framework *fw)
{
	memset(a, 0, sizeof(*a));
	a->fw = fw;
	cc_arena_init(&a->arena);
	cc_idmap_init(&a->unit_ids);
	return CC_OK;
}

void cc_answers_free(struct cc_answers *a)
{
	free(a->units);
	free(a->cells);
	free(a->texts);
	free(a->notes);
	free(a->comments);
	cc_idmap_free(&a->unit_ids);
	cc_arena_free(&a->arena);
	memset(a, 0, sizeof(*a));
}

static int grow_units(struct cc_answers *a)
{
	size_t nl = (size_t)a->fw->nleaves;
	int cap = a->cap_units ? a->cap_units * 2 : 16;
	const char **units;
	struct cc_answer *cells;

	if (cap > CC_ANSWERS_MAX_UNITS)
		cap = CC_ANSWERS_MAX_UNITS;
	units = realloc(a->units, (size_t)cap * sizeof(*units));
	if (!units)
		return CC_ENOMEM;
	a->units = units;
	if (nl && (size_t)cap > SIZE_MAX / nl / sizeof(*cells))
		return CC_ENOMEM;
	cells = realloc(a->cells, (size_t)cap * nl * sizeof(*cells) + 1);
	if (!cells)
		return CC_ENOMEM;
	a->cells = cells;
	for (int n = 0; n < 2; n++) {
		const char ***side = n ? &a->comments : &a->notes;
		const char **p;

		if (!*side)
			continue;
		p = realloc(*side, (size_t)cap * nl * sizeof(*p) + 1);
		if (!p)
			return CC_ENOMEM;
		memset(p + (size_t)a->cap_units * nl, 0,
		       (size_t)(cap - a->cap_units) * nl * sizeof(*p));
		*side = p;
	}
	a->cap_units = cap;
	return CC_OK;
}

int cc_answers_unit(struct cc_answers *a, const char *id, size_t len, int *out,
		    struct cc_error *err)
{
	int i = cc_idmap_get(&a->unit_ids, id, len);
	const char *copy;
	size_t nl = (size_t)a->fw->nleaves;

	if (i >= 0) {
		*out = i;
		return CC_OK;
	}
	if (len == 0)
		return cc_error_set(err, CC_EINPUT, NULL, 0, 0, "the unit is empty");
	if (len > CC_UNIT_ID_MAX)
		return cc_error_set(err, CC_EINPUT, NULL, 0, 0,
				    "unit id longer than %d bytes", CC_UNIT_ID_MAX);
	if (a->nunits >= CC_ANSWERS_MAX_UNITS)
		return cc_error_set(err, CC_ELIMIT, NULL, 0, 0,
				    "more than %d units", CC_ANSWERS_MAX_UNITS);
	if (a->nunits == a->cap_units && grow_units(a))
		return cc_error_set(err, CC_ENOMEM, NULL, 0, 0, "out of memory");
	copy = cc_arena_strndup(&a->arena, id, len);
	if (!copy || cc_idmap_put(&a->unit_ids, copy, len, a->nunits))
		return cc_error_set(err, CC_ENOMEM, NULL, 0, 0, "out of memory");
	i = a->nunits++;
	a->units[i] = copy;
	for (size_t l = 0; l < nl; l++) {
		a->cells[(size_t)i * nl + l].num = NAN;
		a->cells[(size_t)i * nl + l].bits = 0;
	}
	*out = i;
	return CC_OK;
}

int cc_answers_find_unit(const struct cc_answers *a, const char *id)
{
	return cc_idmap_get(&a->unit_ids, id, strlen(id));
}

static int add_text(struct cc_answers *a, const char *s, size_t len,
		    uint64_t *index)
{
	const char *copy;

	if (a->ntexts == a->cap_texts) {
		int cap = a->cap_texts ? a->cap_texts * 2 : 64;
		const char **t = realloc(a->texts, (size_t)cap * sizeof(*t));
		if (!t)
			return CC_ENOMEM;
		a->texts = t;
		a->cap_texts = cap;
	}
	copy = cc_arena_strndup(&a->arena, s, len);
	if (!copy)
		return CC_ENOMEM;
	a->texts[a->ntexts] = copy;
	*index = (uint64_t)a->ntexts++;
	return CC_OK;
}

int cc_answers_set(struct cc_answers *a, int unit, const char *question,
		   size_t qlen, const char *text, size_t len,
		   struct cc_error *err)
{
	const struct cc_framework *fw = a->fw;
	int node = cc_idmap_get(&fw->ids, question, qlen);
	const struct cc_node *n;
	struct cc_answer *cell, parsed;
	char why[400];

	if (node < 0 || fw->nodes[node].kind == CC_GROUP)
		return cc_error_set(err, CC_EINPUT, NULL, 0, 0,
				    "the framework has no question or indicator \"%.*s\"",
				    (int)(qlen > 100 ? 100 : qlen), question);
	n = &fw->nodes[node];
	cell = &a->cells[(size_t)unit * (size_t)fw->nleaves + (size_t)n->leaf];
	if (cc_answer_present(cell) || cell->bits == 1)
		return cc_error_set(err, CC_EINPUT, NULL, 0, 0,
				    "unit %s answers \"%s\" a second time",
				    a->units[unit], n->id);
	text = cc_trim(text, &len);
	if (len == 0) {
		cell->bits = 1;
		return CC_OK;
	}
	if (n->kind == CC_QUESTION && n->qtype == CC_Q_TEXT) {
		if (add_text(a, text, len, &parsed.bits))
			return cc_error_set(err, CC_ENOMEM, NULL, 0, 0, "out of memory");
		parsed.num = 0;
	} else if (!cc_answer_parse(n, text, len, &parsed, why, sizeof(why))) {
		return cc_error_set(err, CC_EINPUT, NULL, 0, 0,
				    "unit %s, \"%s\": %s", a->units[unit], n->id, why);
	}
	*cell = parsed;
	return CC_OK;
}

static int note_side(struct cc_answers *a, const char ***side, size_t at,
		     const char *s, size_t len)
{
	if (!s || len == 0)
		return CC_OK;
	if (!*side) {
		size_t n = (size_t)a->cap_units * (size_t)a->fw->nleaves;
		*side = calloc(n ? n : 1, sizeof(**side));
		if (!*side)
			return CC_ENOMEM;
	}
	(*side)[at] = cc_arena_strndup(&a->arena, s, len);
	return (*side)[at] ? CC_OK : CC_ENOMEM;
}

int cc_answers_note(struct cc_answers *a, int unit, int leaf,
		    const char *evidence, size_t elen,
		    const char *comment, size_t clen)
{
	size_t at = (size_t)unit * (size_t)a->fw->nleaves + (size_t)leaf;
	int rc = note_side(a, &a->notes, at, evidence, elen);

	return rc ? rc : note_side(a, &a->comments, at, comment, clen);
}
