/*
 * texts_yaml.h - reading data/i18n/LANG.yaml, the bundled reference texts
 * in one language (written by scripts/i18n-content merge): top-level
 * kinds (first_services, sectors, threats, actors, themes, competencies,
 * plan_templates), each mapping ids to texts; a plan template's texts are
 * nested (name, description, objectives: [{title, actions: [...]}]) and
 * come out as dotted paths ("cirt-establishment.objectives.0.title").
 */
#ifndef CC_TEXTS_YAML_H
#define CC_TEXTS_YAML_H

#include <stddef.h>

#include "../core/arena.h"
#include "../core/error.h"

#include "../core/texts.h"

/* Parses text (file names it in errors) into *out (n texts, strings and
 * array in arena; lang set to lang). Bad input: an unknown kind, a value
 * that is not text, an alias, with its line. */
int cc_texts_parse(const char *file, const char *lang, const char *text, size_t len,
		   struct cc_arena *arena, struct cc_text **out, int *n,
		   struct cc_error *err);

#endif
