/*
 * yaml_walk.h - walking a libyaml document for the platform's YAML
 * contracts (see yaml_walk.c). Every fy_* function returns CC_OK or fills
 * c->err (FILE:LINE:COL) and returns its code.
 */
#ifndef CC_YAML_WALK_H
#define CC_YAML_WALK_H

#include <stdbool.h>
#include <string.h>
#include <yaml.h>

#include "../core/arena.h"
#include "../core/error.h"

struct cc_framework;
struct cc_scenario;
struct cc_matrix;

#define B(k) (1ull << (k))

#define CC_YAML_MAX_KEYS 64

/* One walk over one document. names/nnames is the key table of the
 * contract being read (at most CC_YAML_MAX_KEYS: keys are bits of a mask);
 * scalars are copied into arena. fw/sc: what the reader fills. */
struct ctx {
	yaml_document_t doc;
	struct cc_arena *arena;
	const char *const *names;
	int nnames;
	const char *file;
	struct cc_error *err;
	unsigned char *seen;      /* per document node: visited once already */
	int nseen;
	struct cc_framework *fw;
	struct cc_scenario *sc;
};

struct keyset {
	yaml_node_t *val[CC_YAML_MAX_KEYS];
	yaml_node_t *key[CC_YAML_MAX_KEYS];
	yaml_node_t *self;
};

#define SEQ_LEN(v) ((int)((v)->data.sequence.items.top - (v)->data.sequence.items.start))
#define SEQ_AT(v, i) ((v)->data.sequence.items.start[i])
#define SCALAR_IS(v, s) ((v)->type == YAML_SCALAR_NODE && \
	strlen(s) == (v)->data.scalar.length && \
	memcmp((s), (v)->data.scalar.value, (v)->data.scalar.length) == 0)

int fy_fail(struct ctx *c, const yaml_node_t *n, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
int fy_oom(struct ctx *c);
/* The document node at index, reached from `from`; a second visit is an
 * alias, which framework files do not allow. */
yaml_node_t *fy_node_get(struct ctx *c, int index, const yaml_node_t *from);
int fy_keys_read(struct ctx *c, yaml_node_t *map, unsigned long long allowed,
		 const char *what, struct keyset *ks);
int fy_need(struct ctx *c, const struct keyset *ks, int k, const char *what);
/* Scalars copied into fw->arena. */
int fy_get_text(struct ctx *c, const yaml_node_t *v, const char *key,
		const char **out);
int fy_get_number(struct ctx *c, const yaml_node_t *v, const char *key,
		  double *out);
int fy_get_unit_interval(struct ctx *c, const yaml_node_t *v, const char *key,
			 double *out);
int fy_get_id(struct ctx *c, const yaml_node_t *v, const char *key,
	      const char **out);
int fy_get_word(struct ctx *c, const yaml_node_t *v, const char *key,
		const char *const *words, int nwords, int *out);
int fy_get_seq(struct ctx *c, const yaml_node_t *v, const char *key,
	       int min_items);
/* A lower-case id: [a-z0-9._-]+, at most 100 bytes. */
bool fy_valid_lower_id(const char *s);
/* Loads the one document of text (a second document is an error) and
 * gives its root; fy_unload releases it. */
int fy_load(struct ctx *c, const char *text, size_t len, yaml_node_t **root);
void fy_unload(struct ctx *c);
/* A block with keys of its own (a translations block) is walked with
 * its own key table: fy_names_swap sets it and returns the one to put
 * back with fy_names_restore. */
struct fy_names {
	const char *const *names;
	int n;
};
struct fy_names fy_names_swap(struct ctx *c, const char *const *names, int n);
void fy_names_restore(struct ctx *c, struct fy_names saved);
/* Reads a list of names (stage_names) into *names (arena). */
int fy_get_names(struct ctx *c, const yaml_node_t *v, const char *key,
		 const char ***names, int *n);

/* A scenario's `translations` block (scenario_yaml_i18n.c), read once the
 * scenario is finished: each language a view in sc->langs. */
int cc__scenario_translations(struct ctx *c, struct cc_scenario *sc, const yaml_node_t *v);
/* A risk matrix's `translations` block (matrix_yaml_i18n.c), read once
 * the matrix is complete: each language a view in m->langs. */
int cc__matrix_translations(struct ctx *c, struct cc_matrix *m, const yaml_node_t *v);

#endif
