/*
 * texts.c - the bundled reference texts in other languages (see texts.h).
 */
#include "texts.h"

#include "../core/lang.h"
#include "../format/fileio.h"
#include "../format/texts_yaml.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_BYTES (4u << 20)

static int add_file(struct cc_store *s, const char *path, const char *lang, int *count,
		    struct cc_error *err)
{
	struct cc_arena ar;
	struct cc_text *t;
	char *text;
	size_t len;
	int n, rc = cc_read_file(path, MAX_BYTES, &text, &len, err);

	if (rc)
		return rc;
	cc_arena_init(&ar);
	rc = cc_texts_parse(path, lang, text, len, &ar, &t, &n, err);
	if (!rc)
		rc = cc_store_begin(s, err);
	if (!rc) {
		rc = cc_store_set_lang_texts(s, lang, t, n, err);
		if (!rc)
			rc = cc_store_commit(s, err);
		if (rc)
			cc_store_rollback(s);
	}
	if (!rc)
		*count += n;
	cc_arena_free(&ar);
	free(text);
	return rc;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int cc_service_add_texts(struct cc_store *s, const char *dir, int *count, struct cc_error *err)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char *names[64], path[4400], lang[64];
	int n = 0, rc = CC_OK;

	*count = 0;
	if (!d)
		return CC_OK;
	while ((e = readdir(d)) && n < 64) {
		size_t len = strlen(e->d_name);
		if (len > 5 && len < sizeof(lang) + 5 && strcmp(e->d_name + len - 5, ".yaml") == 0)
			if (!(names[n++] = strdup(e->d_name)))
				rc = cc_error_set(err, CC_ENOMEM, NULL, 0, 0, "out of memory");
	}
	closedir(d);
	qsort(names, (size_t)n, sizeof(*names), by_name);
	for (int i = 0; i < n; i++) {
		snprintf(lang, sizeof(lang), "%.*s", (int)(strlen(names[i]) - 5), names[i]);
		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		if (!rc && !cc_lang_valid_tag(lang))
			rc = cc_error_set(err, CC_EINPUT, path, 0, 0,
					  "a file of texts is named for its language (fr.yaml, pt-br.yaml)");
		if (!rc)
			rc = add_file(s, path, lang, count, err);
		free(names[i]);
	}
	return rc;
}

const char *cc_texts_find(const struct cc_list *texts, const char *id)
{
	const struct cc_text *t = texts->items;
	int lo = 0, hi = texts->n - 1;

	while (lo <= hi) {          /* the store gives them by id */
		int mid = (lo + hi) / 2, c = strcmp(t[mid].id, id);
		if (c == 0)
			return t[mid].text;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return NULL;
}

void cc_texts_apply(const struct cc_list *texts, json_t *array, const char *id_key,
		    const char *text_key, int *untranslated)
{
	size_t i;
	json_t *o;

	json_array_foreach(array, i, o) {
		const char *id = json_string_value(json_object_get(o, id_key));
		const char *t = id ? cc_texts_find(texts, id) : NULL;
		if (t)
			json_object_set_new(o, text_key, json_string(t));
		else if (json_is_string(json_object_get(o, text_key)))
			(*untranslated)++;
	}
}
