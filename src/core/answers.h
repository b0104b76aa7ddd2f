/*
 * answers.h - the answers of many units to one framework's questions.
 *
 * A dense table: one struct cc_answer per unit and leaf (question or
 * indicator), unit-major, so that scoring one unit reads one contiguous row.
 * Units keep the order in which they were first added. Text answers, and the
 * optional evidence and comment of each answer, sit in side tables.
 *
 * A reader (src/format/responses_csv.c) calls cc_answers_unit and
 * cc_answers_set for each row; every error says what is wrong with the row
 * and the reader adds the file and line.
 *
 * Ownership: everything is owned by the struct and freed by
 * cc_answers_free. The framework must outlive it.
 */
#ifndef CC_ANSWERS_H
#define CC_ANSWERS_H

#include <stddef.h>

#include "answer.h"
#include "arena.h"
#include "error.h"
#include "framework.h"
#include "idmap.h"

#define CC_ANSWERS_MAX_UNITS 1000000
#define CC_UNIT_ID_MAX 64

struct cc_answers {
	const struct cc_framework *fw;
	struct cc_arena arena;
	struct cc_idmap unit_ids;
	const char **units;        /* unit ids, in order of first appearance */
	int nunits;
	int cap_units;
	struct cc_answer *cells;   /* [unit * fw->nleaves + leaf] */
	const char **texts;        /* text answers, indexed by answer bits */
	int ntexts;
	int cap_texts;
	const char **notes;        /* per cell: evidence, or NULL; lazily made */
	const char **comments;     /* per cell: comment, or NULL; lazily made */
};

int cc_answers_init(struct cc_answers *a, const struct cc_framework *fw);
void cc_answers_free(struct cc_answers *a);

/* Finds or adds the unit id[0..len) and returns its index in *out.
 * Errors (CC_EINPUT: an empty or too long id; CC_ELIMIT; CC_ENOMEM) fill
 * err->msg; the caller adds where. */
int cc_answers_unit(struct cc_answers *a, const char *id, size_t len, int *out,
		    struct cc_error *err);

/* Records the answer of unit to the question or indicator named
 * question[0..qlen) from its text (an empty text is no answer). Fails with
 * CC_EINPUT when the framework has no such question, the unit answered it
 * already, or the question cannot take the answer. */
int cc_answers_set(struct cc_answers *a, int unit, const char *question,
		   size_t qlen, const char *text, size_t len,
		   struct cc_error *err);

/* Keeps the evidence and/or comment of an answer (either may be NULL). */
int cc_answers_note(struct cc_answers *a, int unit, int leaf,
		    const char *evidence, size_t elen,
		    const char *comment, size_t clen);

/* Index of a unit, or -1. */
int cc_answers_find_unit(const struct cc_answers *a, const char *id);

static inline const struct cc_answer *
cc_answers_cell(const struct cc_answers *a, int unit, int leaf)
{
	return &a->cells[(size_t)unit * (size_t)a->fw->nleaves + (size_t)leaf];
}

#endif
