/*
 * yaml_walk.c - walking a libyaml document, for every YAML contract the
 * platform reads (framework files, and drill scenarios, risk matrices and
 * mappings as they come): one document loaded whole with positions, each
 * node visited once (a second visit is an alias, which no contract
 * allows), mappings sorted into a known key table so that unknown and
 * repeated keys are caught in one place, and scalars checked and copied
 * into the caller's arena, every refusal as FILE:LINE:COL.
 */
#include "yaml_walk.h"

#include "../core/framework.h"
#include "../core/number.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int fy_fail(struct ctx *c, const yaml_node_t *n, const char *fmt, ...)
{
	char msg[400];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	return cc_error_set(c->err, CC_EINPUT, c->file,
			    n ? (long)n->start_mark.line + 1 : 0,
			    n ? (long)n->start_mark.column + 1 : 0, "%s", msg);
}

/* Every document node is reached once; a second visit means an alias. */
yaml_node_t *fy_node_get(struct ctx *c, int index, const yaml_node_t *from)
{
	yaml_node_t *n = yaml_document_get_node(&c->doc, index);

	if (!n || index < 1 || index > c->nseen) {
		fy_fail(c, from, "malformed YAML document");
		return NULL;
	}
	if (c->seen[index - 1]) {
		fy_fail(c, from, "aliases (*name) are not supported in framework files");
		return NULL;
	}
	c->seen[index - 1] = 1;
	return n;
}

int fy_keys_read(struct ctx *c, yaml_node_t *map, unsigned long long allowed,
		     const char *what, struct keyset *ks)
{
	memset(ks, 0, sizeof(*ks));
	ks->self = map;
	if (map->type != YAML_MAPPING_NODE)
		return fy_fail(c, map, "%s must be a mapping of keys to values", what);
	for (yaml_node_pair_t *p = map->data.mapping.pairs.start;
	     p < map->data.mapping.pairs.top; p++) {
		yaml_node_t *k = fy_node_get(c, p->key, map);
		yaml_node_t *v;
		int found = -1;

		if (!k)
			return CC_EINPUT;
		v = fy_node_get(c, p->value, k);
		if (!v)
			return CC_EINPUT;
		if (k->type != YAML_SCALAR_NODE)
			return fy_fail(c, k, "a key must be a plain word");
		for (int i = 0; i < c->nnames; i++) {
			if (strlen(c->names[i]) == k->data.scalar.length &&
			    memcmp(c->names[i], k->data.scalar.value,
				   k->data.scalar.length) == 0)
				found = i;
		}
		if (found < 0 || !(allowed & B(found)))
			return fy_fail(c, k, "unknown key \"%.*s\" in %s",
				    (int)(k->data.scalar.length > 60 ? 60 :
					  k->data.scalar.length),
				    (const char *)k->data.scalar.value, what);
		if (ks->val[found])
			return fy_fail(c, k, "key \"%s\" is given twice", c->names[found]);
		ks->val[found] = v;
		ks->key[found] = k;
	}
	return CC_OK;
}

int fy_need(struct ctx *c, const struct keyset *ks, int k,
		const char *what)
{
	if (!ks->val[k])
		return fy_fail(c, ks->self, "%s needs the key \"%s\"", what, c->names[k]);
	return CC_OK;
}

int fy_get_text(struct ctx *c, const yaml_node_t *v, const char *key,
		    const char **out)
{
	if (v->type != YAML_SCALAR_NODE)
		return fy_fail(c, v, "\"%s\" must be a single value", key);
	if (memchr(v->data.scalar.value, '\0', v->data.scalar.length))
		return fy_fail(c, v, "\"%s\" contains a NUL character", key);
	*out = cc_arena_strndup(c->arena, (const char *)v->data.scalar.value,
				v->data.scalar.length);
	if (!*out)
		return cc_error_set(c->err, CC_ENOMEM, c->file, 0, 0, "out of memory");
	return CC_OK;
}

int fy_get_number(struct ctx *c, const yaml_node_t *v, const char *key,
		      double *out)
{
	if (v->type != YAML_SCALAR_NODE ||
	    !cc_number_parse((const char *)v->data.scalar.value,
			     v->data.scalar.length, out))
		return fy_fail(c, v, "\"%s\" must be a number", key);
	return CC_OK;
}

int fy_get_unit_interval(struct ctx *c, const yaml_node_t *v,
			     const char *key, double *out)
{
	int rc = fy_get_number(c, v, key, out);

	if (!rc && (*out < 0 || *out > 1))
		return fy_fail(c, v, "\"%s\" must lie between 0 and 1", key);
	return rc;
}

int fy_get_id(struct ctx *c, const yaml_node_t *v, const char *key,
		  const char **out)
{
	int rc = fy_get_text(c, v, key, out);

	if (!rc && !cc_framework_valid_id(*out, strlen(*out)))
		return fy_fail(c, v, "\"%s\" must be made of letters, digits, '_', '.', ':' or '-' (got \"%.60s\")",
			    key, *out);
	return rc;
}

/* Matches a scalar against a list of words; returns the index. */
int fy_get_word(struct ctx *c, const yaml_node_t *v, const char *key,
		    const char *const *words, int nwords, int *out)
{
	char list[200] = "";
	size_t used = 0;

	if (v->type == YAML_SCALAR_NODE) {
		for (int i = 0; i < nwords; i++) {
			if (strlen(words[i]) == v->data.scalar.length &&
			    memcmp(words[i], v->data.scalar.value,
				   v->data.scalar.length) == 0) {
				*out = i;
				return CC_OK;
			}
		}
	}
	for (int i = 0; i < nwords && used < sizeof(list); i++)
		used += (size_t)snprintf(list + used, sizeof(list) - used, "%s%s",
					 i ? ", " : "", words[i]);
	return fy_fail(c, v, "\"%s\" must be one of: %s", key, list);
}

int fy_oom(struct ctx *c)
{
	return cc_error_set(c->err, CC_ENOMEM, c->file, 0, 0, "out of memory");
}

int fy_get_names(struct ctx *c, const yaml_node_t *v, const char *key,
		 const char ***names, int *n)
{
	int rc = fy_get_seq(c, v, key, 1), count;

	if (rc)
		return rc;
	count = SEQ_LEN(v);
	*names = cc_arena_array(c->arena, (size_t)count, sizeof(**names));
	if (!*names)
		return fy_oom(c);
	for (int i = 0; i < count; i++) {
		yaml_node_t *item = fy_node_get(c, SEQ_AT(v, i), v);
		if (!item)
			return CC_EINPUT;
		if ((rc = fy_get_text(c, item, key, &(*names)[i])))
			return rc;
		if (!*(*names)[i])
			return fy_fail(c, item, "a name in \"%s\" is empty", key);
	}
	*n = count;
	return CC_OK;
}

int fy_get_seq(struct ctx *c, const yaml_node_t *v, const char *key,
		   int min_items)
{
	long n;

	if (v->type != YAML_SEQUENCE_NODE)
		return fy_fail(c, v, "\"%s\" must be a list", key);
	n = v->data.sequence.items.top - v->data.sequence.items.start;
	if (n < min_items)
		return fy_fail(c, v, "\"%s\" must list at least %d item%s", key,
			    min_items, min_items == 1 ? "" : "s");
	return CC_OK;
}


bool fy_valid_lower_id(const char *s)
{
	if (!*s || strlen(s) > 100)
		return false;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
		      *s == '.' || *s == '_' || *s == '-'))
			return false;
	return true;
}

static int yaml_fail(struct ctx *c, const yaml_parser_t *p)
{
	const yaml_mark_t *m = p->problem ? &p->problem_mark : &p->context_mark;

	if (p->error == YAML_MEMORY_ERROR)
		return cc_error_set(c->err, CC_ENOMEM, c->file, 0, 0, "out of memory");
	return cc_error_set(c->err, CC_EINPUT, c->file, (long)m->line + 1,
			    (long)m->column + 1, "YAML does not parse: %s%s%s",
			    p->problem ? p->problem : "syntax error",
			    p->context ? " " : "", p->context ? p->context : "");
}

static int parse_doc(struct ctx *c, const char *text, size_t len)
{
	yaml_parser_t parser;
	yaml_document_t extra;
	yaml_node_t *root;
	int rc = CC_OK;

	if (!yaml_parser_initialize(&parser))
		return cc_error_set(c->err, CC_ENOMEM, c->file, 0, 0, "out of memory");
	yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
	if (!yaml_parser_load(&parser, &c->doc)) {
		rc = yaml_fail(c, &parser);
		yaml_parser_delete(&parser);
		return rc;
	}
	root = yaml_document_get_root_node(&c->doc);
	if (!root) {
		rc = cc_error_set(c->err, CC_EINPUT, c->file, 1, 1, "the file is empty");
	} else if (!yaml_parser_load(&parser, &extra)) {
		rc = yaml_fail(c, &parser);
	} else {
		if (yaml_document_get_root_node(&extra)) {
			yaml_node_t *r = yaml_document_get_root_node(&extra);
			rc = cc_error_set(c->err, CC_EINPUT, c->file,
					  (long)r->start_mark.line + 1, 1,
					  "a framework file holds one YAML document; found a second");
		}
		yaml_document_delete(&extra);
	}
	yaml_parser_delete(&parser);
	if (rc)
		yaml_document_delete(&c->doc);
	return rc;
}


int fy_load(struct ctx *c, const char *text, size_t len, yaml_node_t **root)
{
	int rc = parse_doc(c, text, len);

	if (rc)
		return rc;
	c->nseen = (int)(c->doc.nodes.top - c->doc.nodes.start);
	c->seen = calloc((size_t)c->nseen + 1, 1);
	if (!c->seen) {
		yaml_document_delete(&c->doc);
		return cc_error_set(c->err, CC_ENOMEM, c->file, 0, 0, "out of memory");
	}
	*root = fy_node_get(c, 1, NULL);
	if (!*root) {
		fy_unload(c);
		return CC_EINPUT;
	}
	return CC_OK;
}

void fy_unload(struct ctx *c)
{
	free(c->seen);
	c->seen = NULL;
	yaml_document_delete(&c->doc);
}

struct fy_names fy_names_swap(struct ctx *c, const char *const *names, int n)
{
	struct fy_names saved = {c->names, c->nnames};

	c->names = names;
	c->nnames = n;
	return saved;
}

void fy_names_restore(struct ctx *c, struct fy_names saved)
{
	c->names = saved.names;
	c->nnames = saved.n;
}
