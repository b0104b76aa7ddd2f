/*
 * texts_yaml.c - the bundled reference texts of one language (see
 * texts_yaml.h), walked with yaml_walk.c: every scalar below a known kind
 * becomes one text, its id the path of keys and list indices below it.
 */
#include "texts_yaml.h"

#include "yaml_walk.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_TEXTS 20000

static const char *const kinds[][2] = {
	{"first_services", "first_service"}, {"sectors", "sector"}, {"threats", "threat"},
	{"actors", "actor"}, {"themes", "theme"}, {"competencies", "competency"},
	{"plan_templates", "plan_template"},
};

struct walk {
	struct ctx c;
	const char *lang, *kind;
	struct cc_text *t;
	int n;
};

static int add(struct walk *w, const yaml_node_t *v, const char *id)
{
	const char *text;
	int rc = fy_get_text(&w->c, v, id, &text);

	if (rc)
		return rc;
	if (w->n == MAX_TEXTS)
		return fy_fail(&w->c, v, "at most %d texts in a file", MAX_TEXTS);
	w->t[w->n] = (struct cc_text){w->lang, w->kind, cc_arena_strdup(w->c.arena, id), text};
	if (!w->t[w->n].id)
		return fy_oom(&w->c);
	w->n++;
	return CC_OK;
}

/* The texts below v, whose path so far is at ("" at a kind's top). */
static int below(struct walk *w, const yaml_node_t *v, const char *at, int depth)
{
	char path[700];

	if (strlen(at) > 600)
		return fy_fail(&w->c, v, "the id is too long");
	if (depth > 8)
		return fy_fail(&w->c, v, "texts nest at most 8 deep");
	if (v->type == YAML_SCALAR_NODE)
		return *at ? add(w, v, at) : fy_fail(&w->c, v, "\"%s\" must map ids to texts", w->kind);
	if (v->type == YAML_SEQUENCE_NODE) {
		for (int i = 0; i < SEQ_LEN(v); i++) {
			yaml_node_t *item = fy_node_get(&w->c, SEQ_AT(v, i), v);
			int rc;
			if (!item)
				return CC_EINPUT;
			snprintf(path, sizeof(path), "%.600s%s%d", at, *at ? "." : "", i);
			if ((rc = below(w, item, path, depth + 1)))
				return rc;
		}
		return CC_OK;
	}
	for (yaml_node_pair_t *p = v->data.mapping.pairs.start; p < v->data.mapping.pairs.top; p++) {
		yaml_node_t *k = fy_node_get(&w->c, p->key, v), *val;
		const char *key;
		int rc;

		if (!k || !(val = fy_node_get(&w->c, p->value, k)))
			return CC_EINPUT;
		if ((rc = fy_get_text(&w->c, k, "id", &key)))
			return rc;
		if (strlen(key) > 90)
			return fy_fail(&w->c, k, "the id is too long");
		snprintf(path, sizeof(path), "%.600s%s%.90s", at, *at ? "." : "", key);
		if ((rc = below(w, val, path, depth + 1)))
			return rc;
	}
	return CC_OK;
}

static int read_top(struct walk *w, const yaml_node_t *root)
{
	if (root->type != YAML_MAPPING_NODE)
		return fy_fail(&w->c, root, "the file must map kinds (sectors, themes ...) to texts");
	for (yaml_node_pair_t *p = root->data.mapping.pairs.start; p < root->data.mapping.pairs.top; p++) {
		yaml_node_t *k = fy_node_get(&w->c, p->key, root), *val;
		const char *key;
		int rc, known = -1;

		if (!k || !(val = fy_node_get(&w->c, p->value, k)))
			return CC_EINPUT;
		if ((rc = fy_get_text(&w->c, k, "kind", &key)))
			return rc;
		for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
			if (strcmp(kinds[i][0], key) == 0)
				known = (int)i;
		if (known < 0)
			return fy_fail(&w->c, k, "unknown kind \"%.60s\" (first_services, sectors, threats, actors, themes, competencies, plan_templates)",
				       key);
		if (val->type != YAML_MAPPING_NODE)
			return fy_fail(&w->c, val, "\"%s\" must map ids to texts", key);
		w->kind = kinds[known][1];
		if ((rc = below(w, val, "", 0)))
			return rc;
	}
	return CC_OK;
}

int cc_texts_parse(const char *file, const char *lang, const char *text, size_t len,
		   struct cc_arena *arena, struct cc_text **out, int *n,
		   struct cc_error *err)
{
	struct walk w = {.c = {.arena = arena, .file = file, .err = err}, .lang = lang};
	yaml_node_t *root;
	int rc;

	*out = NULL;
	*n = 0;
	if (!(w.t = cc_arena_array(arena, MAX_TEXTS, sizeof(*w.t))))
		return cc_error_set(err, CC_ENOMEM, file, 0, 0, "out of memory");
	if ((rc = fy_load(&w.c, text, len, &root)))
		return rc;
	rc = read_top(&w, root);
	fy_unload(&w.c);
	if (!rc) {
		*out = w.t;
		*n = w.n;
	}
	return rc;
}
