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

/* Replaces in every object of array (recursively through each object's
 * member below, when not NULL) the member text_key by kind's text in lang
 * for the object's id_key (the kept English text when lang has none);
 * *untranslated counts the texts left. */
void cc_texts_apply(const struct cc_list *texts, json_t *array, const char *id_key,
		    const char *text_key, const char *below, int *untranslated);

#endif
