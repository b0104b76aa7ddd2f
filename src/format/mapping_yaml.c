/*
 * mapping_yaml.c - reading a crosswalk (see mapping_yaml.h) with the YAML
 * walk of yaml_walk.c. A repeated (source, target) pair is refused here;
 * whether the ids are nodes of the frameworks is cc_mapping_bind's.
 */
#include "mapping_yaml.h"

#include "fileio.h"
#include "yaml_walk.h"
#include "../core/idmap.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum {
	P_VERSION, P_ID, P_TITLE, P_SOURCE, P_TARGET, P_SOURCE_VERSION, P_TARGET_VERSION,
	P_MAPPINGS, P_RELATION, P_RATIONALE, P_COUNT
};

static const char *const names[P_COUNT] = {
	"cybercap-mapping", "id", "title", "source", "target", "source_version",
	"target_version", "mappings", "relation", "rationale",
};

static const unsigned long long keys_top = B(P_VERSION) | B(P_ID) | B(P_TITLE) |
	B(P_SOURCE) | B(P_TARGET) | B(P_SOURCE_VERSION) | B(P_TARGET_VERSION) | B(P_MAPPINGS);
static const unsigned long long keys_pair = B(P_SOURCE) | B(P_TARGET) | B(P_RELATION) |
	B(P_RATIONALE);

static const char *const relation_words[] = {"equal", "superset", "subset", "intersect",
					     "not_related"};

static long line_of(const yaml_node_t *v) { return (long)v->start_mark.line + 1; }
static long col_of(const yaml_node_t *v) { return (long)v->start_mark.column + 1; }

static int read_pair(struct ctx *c, yaml_node_t *y, struct cc_mapping_pair *p)
{
	struct keyset ks;
	int rc, t = 0;

	if ((rc = fy_keys_read(c, y, keys_pair, "a mapping", &ks)) ||
	    (rc = fy_need(c, &ks, P_SOURCE, "a mapping")) ||
	    (rc = fy_need(c, &ks, P_TARGET, "a mapping")) ||
	    (rc = fy_need(c, &ks, P_RELATION, "a mapping")) ||
	    (rc = fy_get_text(c, ks.val[P_SOURCE], "source", &p->source_id)) ||
	    (rc = fy_get_text(c, ks.val[P_TARGET], "target", &p->target_id)) ||
	    (rc = fy_get_word(c, ks.val[P_RELATION], "relation", relation_words, 5, &t)) ||
	    (ks.val[P_RATIONALE] && (rc = fy_get_text(c, ks.val[P_RATIONALE], "rationale", &p->rationale))))
		return rc;
	p->relation = (enum cc_relation)t;
	p->line = line_of(y);
	p->col = col_of(y);
	p->source_line = line_of(ks.val[P_SOURCE]);
	p->source_col = col_of(ks.val[P_SOURCE]);
	p->target_line = line_of(ks.val[P_TARGET]);
	p->target_col = col_of(ks.val[P_TARGET]);
	p->source = p->target = -1;
	return CC_OK;
}

/* The same (source, target) pair at most once: keyed "source\ntarget". */
static int check_repeats(struct ctx *c, struct cc_mapping *m)
{
	struct cc_idmap seen;
	int rc = CC_OK;

	cc_idmap_init(&seen);
	for (int i = 0; !rc && i < m->npairs; i++) {
		const struct cc_mapping_pair *p = &m->pairs[i];
		size_t a = strlen(p->source_id), b = strlen(p->target_id);
		char *key = cc_arena_alloc(c->arena, a + b + 2);

		if (!key) {
			rc = fy_oom(c);
			break;
		}
		memcpy(key, p->source_id, a);
		key[a] = '\n';
		memcpy(key + a + 1, p->target_id, b + 1);
		rc = cc_idmap_put(&seen, key, a + b + 1, i);
		if (rc == CC_EINPUT) {
			int first = cc_idmap_get(&seen, key, a + b + 1);
			rc = cc_error_set(c->err, CC_EINPUT, m->file, p->line, p->col,
					  "the pair %s -> %s is given twice (first at line %ld)",
					  p->source_id, p->target_id, m->pairs[first].line);
		} else if (rc) {
			rc = fy_oom(c);
		}
	}
	cc_idmap_free(&seen);
	return rc;
}

static int read_version(struct ctx *c, const yaml_node_t *v, const char *key,
			const char **out, long *line, long *col)
{
	*line = line_of(v);
	*col = col_of(v);
	return fy_get_text(c, v, key, out);
}

static int read_top(struct ctx *c, struct cc_mapping *m, yaml_node_t *root)
{
	struct keyset ks;
	yaml_node_t *list;
	double version;
	int rc;

	if ((rc = fy_keys_read(c, root, keys_top, "the mapping", &ks)) ||
	    (rc = fy_need(c, &ks, P_VERSION, "the mapping")) ||
	    (rc = fy_need(c, &ks, P_ID, "the mapping")) ||
	    (rc = fy_need(c, &ks, P_TITLE, "the mapping")) ||
	    (rc = fy_need(c, &ks, P_SOURCE, "the mapping")) ||
	    (rc = fy_need(c, &ks, P_TARGET, "the mapping")) ||
	    (rc = fy_need(c, &ks, P_MAPPINGS, "the mapping")) ||
	    (rc = fy_get_number(c, ks.val[P_VERSION], "cybercap-mapping", &version)))
		return rc;
	if (version != 1)
		return fy_fail(c, ks.val[P_VERSION], "this is mapping format version %g; cybercap reads version 1", version);
	if ((rc = fy_get_text(c, ks.val[P_ID], "id", &m->id)))
		return rc;
	if (!fy_valid_lower_id(m->id))
		return fy_fail(c, ks.val[P_ID], "\"id\" must be made of a-z, 0-9, '.', '_' or '-'");
	if ((rc = fy_get_text(c, ks.val[P_TITLE], "title", &m->title)) ||
	    (rc = read_version(c, ks.val[P_SOURCE], "source", &m->source, &m->source_line,
			       &m->source_col)) ||
	    (rc = read_version(c, ks.val[P_TARGET], "target", &m->target, &m->target_line,
			       &m->target_col)) ||
	    (ks.val[P_SOURCE_VERSION] &&
	     (rc = read_version(c, ks.val[P_SOURCE_VERSION], "source_version", &m->source_version,
				&m->sv_line, &m->sv_col))) ||
	    (ks.val[P_TARGET_VERSION] &&
	     (rc = read_version(c, ks.val[P_TARGET_VERSION], "target_version", &m->target_version,
				&m->tv_line, &m->tv_col))) ||
	    (rc = fy_get_seq(c, ks.val[P_MAPPINGS], "mappings", 1)))
		return rc;
	list = ks.val[P_MAPPINGS];
	if (SEQ_LEN(list) > CC_MAPPING_MAX_PAIRS)
		return fy_fail(c, list, "more than %d mappings", CC_MAPPING_MAX_PAIRS);
	m->pairs = cc_arena_array(c->arena, (size_t)SEQ_LEN(list), sizeof(*m->pairs));
	if (!m->pairs)
		return fy_oom(c);
	for (int i = 0; i < SEQ_LEN(list); i++) {
		yaml_node_t *y = fy_node_get(c, SEQ_AT(list, i), list);
		if (!y)
			return CC_EINPUT;
		if ((rc = read_pair(c, y, &m->pairs[i])))
			return rc;
		m->npairs = i + 1;
	}
	return check_repeats(c, m);
}

int cc_mapping_parse(struct cc_mapping *m, const char *file, const char *text, size_t len,
		     struct cc_error *err)
{
	struct ctx c;
	yaml_node_t *root;
	int rc = cc_mapping_init(m, file);

	if (rc) {
		cc_mapping_free(m);
		return cc_error_set(err, rc, file, 0, 0, "out of memory");
	}
	c = (struct ctx){.arena = &m->arena, .names = names, .nnames = P_COUNT,
			 .file = m->file, .err = err};
	rc = fy_load(&c, text, len, &root);
	if (!rc) {
		rc = read_top(&c, m, root);
		fy_unload(&c);
	}
	if (rc)
		cc_mapping_free(m);
	return rc;
}

static int parse_any(void *obj, const char *file, const char *text, size_t len,
		     struct cc_error *err)
{
	return cc_mapping_parse(obj, file, text, len, err);
}

int cc_mapping_load(struct cc_mapping *m, const char *path, struct cc_error *err)
{
	return cc_load_file(path, CC_MAPPING_MAX_BYTES, parse_any, m, sizeof(*m), err);
}
