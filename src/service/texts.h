/*
 * texts.h - the bundled reference texts in other languages: loading
 * data/i18n/LANG.yaml (each file replaces its language's texts) and
 * reading one kind's texts in the reader's language, for the routes that
 * serve sectors, threats, actors, partnership themes, skills
 * competencies, the FIRST services and the plan templates.
 */
#ifndef CC_SERVICE_TEXTS_H
#define CC_SERVICE_TEXTS_H

#include <jansson.h>

#include "../store/store.h"

/* Loads every DIR/LANG.yaml (LANG a language tag; a missing DIR loads
 * nothing); *count the texts loaded. A bad file stops with its line and
 * changes nothing of its language. */
int cc_service_add_texts(struct cc_store *s, const char *dir, int *count, struct cc_error *err);

/* The text of id in texts (a kind's texts in one language, by id, as
 * cc_store_lang_texts gives them), or NULL. */
const char *cc_texts_find(const struct cc_list *texts, const char *id);

/* Replaces in every object of array the member text_key by its text in
 * texts for the object's id_key (the English text stays where texts has
 * none); *untranslated counts the texts left. */
void cc_texts_apply(const struct cc_list *texts, json_t *array, const char *id_key,
		    const char *text_key, int *untranslated);

#endif
