/*
 * matrix.h - a risk matrix (../shared/spec/risk-matrix-format.md): the
 * likelihood and impact scales (impact judged along optional dimensions),
 * the risk levels and the grid that gives a level to every likelihood x
 * impact. Read by src/format/matrix_yaml.c; everything hangs off m->arena.
 * Levels are indices into their lists, lowest first.
 */
#ifndef CC_MATRIX_H
#define CC_MATRIX_H

#include <stdbool.h>

#include "arena.h"
#include "error.h"

struct cc_mitem {
	const char *id, *name, *description;   /* description may be NULL */
	const char *color;                      /* risk levels: "#rrggbb" */
	long line, col;
};

struct cc_matrix;

/* The matrix in one language (its `translations` block, cybercap's
 * extension of the format; docs/risks.md "Translations"): a view with the
 * same ids, grid and order, whose texts are the translation's where it
 * gives them and the file's own elsewhere. */
struct cc_matrix_lang {
	const char *tag;
	const struct cc_matrix *m;
	int untranslated;                       /* texts left in the file's language */
};

struct cc_matrix {
	struct cc_arena arena;                  /* a view's is empty: the root owns all */
	const char *file;
	const char *id, *title;
	struct cc_mitem *likelihood;
	int nlikelihood;
	struct cc_mitem *dimensions;            /* none when the file gives none */
	int ndimensions;
	struct cc_mitem *impact;
	int nimpact;
	struct cc_mitem *levels;
	int nlevels;
	int *grid;                              /* [likelihood * nimpact + impact] -> level */
	struct cc_matrix_lang *langs;           /* the root's languages; NULL in a view */
	int nlangs;
};

int cc_matrix_init(struct cc_matrix *m, const char *file);
void cc_matrix_free(struct cc_matrix *m);

/* A view of m for a translation to fill: its own item lists in m's
 * arena, every text still m's; NULL when out of memory. */
struct cc_matrix *cc_matrix_view(struct cc_matrix *m);
/* How many texts of view v are still the root's (non-empty ones). */
int cc_matrix_untranslated(const struct cc_matrix *root, const struct cc_matrix *v);
/* The tags of m's languages (at most max) into tags; their count. */
int cc_matrix_lang_tags(const struct cc_matrix *m, const char **tags, int max);
/* m in language l of m->langs; m itself when l is -1. */
const struct cc_matrix *cc_matrix_in(const struct cc_matrix *m, int l);

/* Index of an item by id in a list, or -1. */
int cc_matrix_find(const struct cc_mitem *items, int n, const char *id);

/* The risk level of a likelihood and an impact (indices). */
int cc_matrix_cell(const struct cc_matrix *m, int likelihood, int impact);

/* One risk as assessed on m. impacts: one impact index per dimension
 * (-1 where none was given), or a single impact without dimensions. */
struct cc_risk_rating {
	const char *id;
	int likelihood;
	int impact;        /* the highest impact given */
	int level;
};

/* Fills r from a likelihood and the impacts given (n of them; at least one
 * must be >= 0). Returns CC_EINPUT when none is. */
int cc_matrix_rate(const struct cc_matrix *m, const char *id, int likelihood,
		   const int *impacts, int n, struct cc_risk_rating *r);

/* Orders risks: level, then impact, then likelihood (highest first), then id. */
void cc_matrix_sort(struct cc_risk_rating *r, int n);

#endif
