/*
 * framework_yaml_internal.h - what the two halves of the framework reader
 * share: framework_yaml.c (version 1: the tree, levels) and
 * framework_yaml_v11.c (version 1.1: scales, stage names, targets,
 * translations). Not for use outside src/format.
 *
 * The reader walks a libyaml document. Each mapping is sorted into known
 * keys first (struct fy_keyset), so unknown and repeated keys are caught in
 * one place and every later check can name the exact key it refuses. Every
 * fy_* function returns CC_OK or fills c->err (FILE:LINE:COL) and returns
 * its code.
 */
#ifndef CC_FRAMEWORK_YAML_INTERNAL_H
#define CC_FRAMEWORK_YAML_INTERNAL_H

#include <yaml.h>

#include "../core/framework.h"

enum key {
	K_CYBERCAP, K_ID, K_TITLE, K_VERSION, K_SCALE, K_PRECISION, K_RANKING,
	K_MISSING, K_LEVELS, K_NODES,
	K_NAME, K_WEIGHT, K_AGGREGATE, K_CHILDREN, K_QUESTION, K_TYPE,
	K_PARTIAL, K_OPTIONS, K_THRESHOLDS, K_GOALPOSTS, K_INDICATOR,
	K_NORMALISE, K_DIRECTION, K_WHEN, K_NA, K_STAGE, K_EVIDENCE, K_GUIDANCE,
	K_LABEL, K_VALUE, K_MIN, K_Q, K_IS,
	/* format 1.1 */
	K_SCALES, K_STAGE_NAMES, K_TARGETS, K_TRANSLATIONS, K_DESCRIPTION,
	K_DEFAULT, K_REQUIRE,
	K_COUNT
};

extern const char *const fy_key_names[K_COUNT];

#define B(k) (1ull << (k))

struct ctx {
	yaml_document_t doc;
	struct cc_framework *fw;
	const char *file;
	struct cc_error *err;
	unsigned char *seen;      /* per document node: visited once already */
	int nseen;
};

struct keyset {
	yaml_node_t *val[K_COUNT];
	yaml_node_t *key[K_COUNT];
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
int fy_need(struct ctx *c, const struct keyset *ks, enum key k, const char *what);
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
/* Reads a list of names (stage_names) into *names (arena). */
int fy_get_names(struct ctx *c, const yaml_node_t *v, const char *key,
		 const char ***names, int *n);

/* Version 1.1 top-level keys (framework_yaml_v11.c). */
int fy_read_scales(struct ctx *c, const yaml_node_t *v);
int fy_read_targets(struct ctx *c, const yaml_node_t *v);
/* Translations are read after the tree is finished (they name nodes). */
int fy_read_translations(struct ctx *c, const yaml_node_t *v);

#endif
