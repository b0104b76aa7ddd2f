/*
 * texts.h - one bundled reference text in a language other than the
 * file's own (data/i18n/LANG.yaml): what the reader (format/texts_yaml.c)
 * gives, the store keeps (text_i18n) and routes serve in place of the
 * English name of a sector, a theme, a FIRST service, a plan template's
 * title.
 */
#ifndef CC_TEXTS_H
#define CC_TEXTS_H

struct cc_text {
	const char *lang;
	const char *kind;   /* first_service, sector, threat, actor, theme, competency, plan_template */
	const char *id;     /* the item's id; a dotted path inside a plan template */
	const char *text;
};

#endif
