/*
 * texts.c - the bundled reference texts in other languages (see
 * store.h, "reference texts"; migration 0013): replaced whole per
 * language, read by kind and language.
 */
#include "store_internal.h"

int cc_store_set_lang_texts(struct cc_store *s, const char *lang,
			    const struct cc_text *texts, int n, struct cc_error *err)
{
	int rc = cc__run(s, err, "DELETE FROM text_i18n WHERE lang = ?", "t", lang);

	for (int i = 0; !rc && i < n; i++)
		rc = cc__run(s, err, "INSERT INTO text_i18n (lang, kind, id, text) VALUES (?, ?, ?, ?) "
			     "ON CONFLICT (kind, lang, id) DO UPDATE SET text = excluded.text", "tttt",
			     lang, texts[i].kind, texts[i].id, texts[i].text);
	return rc;
}

static int text_row(struct cc_list *l, cc__stmt *st, void *item)
{
	struct cc_text *t = item;

	t->lang = cc__col_text(l, st, 0);
	t->kind = cc__col_text(l, st, 1);
	t->id = cc__col_text(l, st, 2);
	t->text = cc__col_text(l, st, 3);
	return t->lang && t->kind && t->id && t->text ? 0 : -1;
}

int cc_store_lang_texts(struct cc_store *s, const char *kind, const char *lang,
			struct cc_list *out, struct cc_error *err)
{
	return cc__collect(s, cc__prepare(s, err, "SELECT lang, kind, id, text FROM text_i18n "
		"WHERE kind = ? AND lang = ? ORDER BY id", "tt", kind, lang), out,
		sizeof(struct cc_text), text_row, err);
}

int cc_store_text_langs(struct cc_store *s, const char *kind, struct cc_list *out,
			struct cc_error *err)
{
	return cc__collect(s, cc__prepare(s, err, "SELECT DISTINCT lang, kind, '', '' FROM "
		"text_i18n WHERE kind = ? ORDER BY lang", "t", kind), out,
		sizeof(struct cc_text), text_row, err);
}
