/*
 * http_texts.c - the bundled reference lists in the reader's language
 * (service/texts.h): which language the reader gets among those
 * data/i18n has for a kind, and the lists served with it: the risk
 * taxonomies, the partnership themes, the FIRST services catalogue, the
 * plan templates. Each response says lang, languages and untranslated as
 * frameworks do.
 */
#include "router.h"

#include "../service/texts.h"

#include <stdio.h>
#include <string.h>

#define MAX_LANGS 64

/* The texts of kind in the reader's language into *texts (empty for
 * English); *lang its index among *tags (-1: English). false after a 400. */
static bool reader_texts(struct cc_req *req, struct cc_resp *resp, const char *kind,
			 struct cc_list *langs, const char **tags, int *n, int *lang,
			 struct cc_list *texts)
{
	struct cc_error err;
	int rc;

	memset(texts, 0, sizeof(*texts));
	memset(langs, 0, sizeof(*langs));
	*n = 0;
	*lang = -1;
	cc_error_clear(&err);
	pthread_mutex_lock(req->store_lock);
	rc = cc_store_text_langs(req->store, kind, langs, &err);
	pthread_mutex_unlock(req->store_lock);
	if (rc) {
		cc_resp_from_error(resp, &err, 400);
		return false;
	}
	for (int i = 0; i < langs->n && *n < MAX_LANGS; i++)
		tags[(*n)++] = ((const struct cc_text *)langs->items)[i].lang;
	if (!cc_req_lang(req, resp, tags, *n, lang)) {
		cc_list_free(langs);
		return false;
	}
	if (*lang < 0)
		return true;
	pthread_mutex_lock(req->store_lock);
	rc = cc_store_lang_texts(req->store, kind, tags[*lang], texts, &err);
	pthread_mutex_unlock(req->store_lock);
	if (rc) {
		cc_list_free(langs);
		cc_resp_from_error(resp, &err, 400);
		return false;
	}
	return true;
}

struct reader {
	struct cc_list langs, texts;
	const char *tags[MAX_LANGS];
	int n, lang, untranslated;
};

static bool reader_open(struct cc_req *req, struct cc_resp *resp, const char *kind,
			struct reader *r)
{
	r->untranslated = 0;
	return reader_texts(req, resp, kind, &r->langs, r->tags, &r->n, &r->lang, &r->texts);
}

/* Says which language o is in, and releases r. */
static void reader_close(struct reader *r, json_t *o)
{
	if (o)
		cc_json_lang(o, r->tags, r->n, r->lang, r->untranslated);
	cc_list_free(&r->texts);
	cc_list_free(&r->langs);
}

void cc__texts_taxonomies(struct cc_req *req, struct cc_resp *resp, json_t *o, bool *ok)
{
	static const char *const kinds[][2] = {
		{"sector", "sectors"}, {"threat", "threats"}, {"actor", "actors"},
	};
	struct reader r;
	int untranslated = 0;

	/* three kinds, one answer: it says the last kind's languages and the
	 * texts left over all three */
	for (int k = 0; k < 3; k++) {
		if (!(*ok = reader_open(req, resp, kinds[k][0], &r)))
			return;
		if (r.lang >= 0)
			cc_texts_apply(&r.texts, json_object_get(o, kinds[k][1]), "id", "name",
				       &untranslated);
		r.untranslated = untranslated;
		reader_close(&r, k == 2 ? o : NULL);
	}
}

void cc__texts_themes(struct cc_req *req, struct cc_resp *resp, json_t *o, bool *ok)
{
	struct reader r;

	if (!(*ok = reader_open(req, resp, "theme", &r)))
		return;
	if (r.lang >= 0)
		cc_texts_apply(&r.texts, json_object_get(o, "themes"), "id", "name", &r.untranslated);
	reader_close(&r, o);
}

void cc__texts_csirt_services(struct cc_req *req, struct cc_resp *resp, json_t *o, bool *ok)
{
	struct reader r;
	json_t *area, *svc;
	size_t i, j;

	if (!(*ok = reader_open(req, resp, "first_service", &r)))
		return;
	if (r.lang >= 0) {
		json_t *areas = json_object_get(o, "areas");
		cc_texts_apply(&r.texts, areas, "id", "name", &r.untranslated);
		json_array_foreach(areas, i, area) {
			json_t *svcs = json_object_get(area, "services");
			cc_texts_apply(&r.texts, svcs, "id", "name", &r.untranslated);
			json_array_foreach(svcs, j, svc)
				cc_texts_apply(&r.texts, json_object_get(svc, "functions"), "id", "name",
					       &r.untranslated);
		}
	}
	reader_close(&r, o);
}

/* A plan template's text at path (service/texts.h: dotted paths). */
static void template_text(struct reader *r, json_t *o, const char *key, const char *path)
{
	const char *t;

	if (!json_is_string(json_object_get(o, key)))
		return;
	if ((t = cc_texts_find(&r->texts, path)))
		json_object_set_new(o, key, json_string(t));
	else
		r->untranslated++;
}

void cc__texts_plan_templates(struct cc_req *req, struct cc_resp *resp, json_t *o, bool *ok)
{
	struct reader r;
	json_t *tpl, *obj, *act;
	size_t i, j, k;
	char path[400];

	if (!(*ok = reader_open(req, resp, "plan_template", &r)))
		return;
	json_array_foreach(r.lang >= 0 ? json_object_get(o, "templates") : NULL, i, tpl) {
		const char *id = json_string_value(json_object_get(tpl, "id"));
		if (!id)
			continue;
		snprintf(path, sizeof(path), "%.100s.name", id);
		template_text(&r, tpl, "name", path);
		snprintf(path, sizeof(path), "%.100s.description", id);
		template_text(&r, tpl, "description", path);
		json_array_foreach(json_object_get(tpl, "objectives"), j, obj) {
			snprintf(path, sizeof(path), "%.100s.objectives.%zu.title", id, j);
			template_text(&r, obj, "title", path);
			json_array_foreach(json_object_get(obj, "actions"), k, act) {
				snprintf(path, sizeof(path), "%.100s.objectives.%zu.actions.%zu.title", id, j, k);
				template_text(&r, act, "title", path);
				snprintf(path, sizeof(path), "%.100s.objectives.%zu.actions.%zu.description",
					 id, j, k);
				template_text(&r, act, "description", path);
			}
		}
	}
	reader_close(&r, o);
}
