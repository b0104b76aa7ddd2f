/*
 * framework_i18n.h - a framework's translations (format 1.1
 * `translations`): per language tag, the texts that replace the file's
 * own. The reader adds them once the tree is finished (they name nodes,
 * options, scales, levels and targets by index); cc_lang_finish sorts them
 * for lookup. Everything a translation leaves out falls back to the file's
 * text: cc_fw_text returns NULL and the caller uses its own.
 *
 * Ownership: the item arrays are malloc'd and released by
 * cc_framework_free; the strings hang off fw->arena.
 */
#ifndef CC_FRAMEWORK_I18N_H
#define CC_FRAMEWORK_I18N_H

#include "framework.h"
#include "lang.h"

enum cc_tr_kind {
	CC_TR_TITLE,            /* index 0 */
	CC_TR_NAME,             /* index: node */
	CC_TR_QUESTION,         /* index: node */
	CC_TR_GUIDANCE,         /* index: node */
	CC_TR_OPTION,           /* index: node, sub: option */
	CC_TR_SCALE_NAME,       /* index: scale */
	CC_TR_SCALE_LEVEL,      /* index: scale, sub: level index */
	CC_TR_SCALE_LEVEL_DESC, /* index: scale, sub: level index */
	CC_TR_LEVEL,            /* index: root level */
	CC_TR_TARGET,           /* index: target */
	CC_TR_STAGE_NAME        /* index: stage 0..S of the top-level names */
};

struct cc_tr {
	int kind;
	int index;
	int sub;
	const char *text;
};

struct cc_lang {
	const char *tag;
	struct cc_tr *items;
	int nitems, cap;
};

/* Adds a language (tag copied); returns its index in *out. CC_EINPUT when
 * the tag is there already. */
int cc_lang_add(struct cc_framework *fw, const char *tag, int *out);
/* Adds one text (already in fw->arena) to language l. */
int cc_lang_put(struct cc_framework *fw, int l, int kind, int index, int sub,
		const char *text);
/* Sorts every language's items; call once after the last put. */
void cc_lang_finish(struct cc_framework *fw);

/* Index of the language for tag: the exact tag, else its primary subtag
 * ("fr-ca" -> "fr"); -1 when the file has neither (cc_lang_match). */
int cc_fw_lang(const struct cc_framework *fw, const char *tag);
/* The tags of fw's languages (at most CC_LANG_MAX) into tags; their count. */
int cc_fw_lang_tags(const struct cc_framework *fw, const char **tags);
/* The translated text, or NULL (use the file's own). l may be -1. */
const char *cc_fw_text(const struct cc_framework *fw, int l, int kind,
		       int index, int sub);


#endif
