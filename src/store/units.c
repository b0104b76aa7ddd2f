/*
 * units.c - units and groups of units (see store.h).
 */
#include "store_internal.h"

#include <stdio.h>

#include <stdlib.h>
#include <string.h>

int cc_store_put_unit(struct cc_store *s, const struct cc_unit_rec *u,
		      struct cc_error *err)
{
	const char *const *n = u->names;

	return cc__run(s, err,
		       "INSERT INTO unit (id, m49, name_en, name_fr, name_es, name_ru, "
		       "name_zh, name_ar, fictional, iso2) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
		       "ON CONFLICT(id) DO UPDATE SET m49 = excluded.m49, "
		       "name_en = excluded.name_en, name_fr = excluded.name_fr, "
		       "name_es = excluded.name_es, name_ru = excluded.name_ru, "
		       "name_zh = excluded.name_zh, name_ar = excluded.name_ar, "
		       "fictional = excluded.fictional, iso2 = excluded.iso2",
		       "ttttttttit", u->id, u->m49 ? u->m49 : "", n[0] ? n[0] : u->id,
		       n[1] ? n[1] : "", n[2] ? n[2] : "", n[3] ? n[3] : "",
		       n[4] ? n[4] : "", n[5] ? n[5] : "", u->fictional, u->iso2 ? u->iso2 : "");
}

int cc_store_put_group(struct cc_store *s, const char *id, const char *name,
		       const char *kind, struct cc_error *err)
{
	return cc__run(s, err,
		       "INSERT INTO unit_group (id, name, kind) VALUES (?, ?, ?) "
		       "ON CONFLICT(id) DO UPDATE SET name = excluded.name, kind = excluded.kind",
		       "ttt", id, name, kind);
}

int cc_store_add_member(struct cc_store *s, const char *group,
			const char *unit, struct cc_error *err)
{
	return cc__run(s, err,
		       "INSERT OR IGNORE INTO unit_group_member (group_id, unit_id) VALUES (?, ?)",
		       "tt", group, unit);
}

int cc_store_unit_exists(struct cc_store *s, const char *id)
{
	cc__stmt *st = cc__prepare(s, NULL, "SELECT 1 FROM unit WHERE id = ?", "t", id);
	int found;

	if (!st)
		return 0;
	found = cc__step(st) == CC__ROW;
	cc__finish(s, st);
	return found;
}

int cc_store_unit_name(struct cc_store *s, const char *id, char *out, size_t size)
{
	cc__stmt *st = cc__prepare(s, NULL, "SELECT name_en FROM unit WHERE id = ?", "t", id);
	const unsigned char *t;
	int found = 0;

	out[0] = '\0';
	if (!st)
		return 0;
	if (cc__step(st) == CC__ROW && (t = cc__text(st, 0))) {
		snprintf(out, size, "%s", (const char *)t);
		found = 1;
	}
	cc__finish(s, st);
	return found;
}

static int unit_row(struct cc_list *l, cc__stmt *st, void *item)
{
	struct cc_unit_rec *u = item;

	u->id = cc__col_text(l, st, 0);
	u->m49 = cc__col_text(l, st, 1);
	for (int i = 0; i < CC_NLANGS; i++)
		u->names[i] = cc__col_text(l, st, 2 + i);
	u->fictional = cc__int(st, 8);
	u->iso2 = cc__col_text(l, st, 9);
	return u->id && u->m49 && u->names[CC_NLANGS - 1] && u->iso2 ? 0 : -1;
}

int cc_store_units(struct cc_store *s, struct cc_list *out, struct cc_error *err)
{
	return cc__collect(s, cc__prepare(s, err,
		"SELECT id, m49, name_en, name_fr, name_es, name_ru, name_zh, name_ar, "
		"fictional, iso2 FROM unit ORDER BY fictional, name_en", ""),
		out, sizeof(struct cc_unit_rec), unit_row, err);
}

/* Groups come in two queries: the groups, then every membership. */
static int group_row(struct cc_list *l, cc__stmt *st, void *item)
{
	struct cc_group_rec *g = item;

	g->id = cc__col_text(l, st, 0);
	g->name = cc__col_text(l, st, 1);
	g->kind = cc__col_text(l, st, 2);
	g->nmembers = cc__int(st, 3);
	g->members = cc_arena_array(&l->arena, (size_t)g->nmembers + 1, sizeof(char *));
	g->nmembers = 0;
	return g->id && g->name && g->kind && g->members ? 0 : -1;
}

int cc_store_groups(struct cc_store *s, struct cc_list *out, struct cc_error *err)
{
	struct cc_group_rec *groups;
	cc__stmt *st;
	int own_txn = !cc__in_txn(s), rc;

	/* One read snapshot for both queries, so the counts match the rows
	 * (on PostgreSQL, whose statements each see their own otherwise). */
	if (own_txn && (rc = cc__run(s, err, s->pg ? "BEGIN ISOLATION LEVEL REPEATABLE READ" :
				      "BEGIN", "")))
		return rc;
	rc = cc__collect(s, cc__prepare(s, err,
		"SELECT g.id, g.name, g.kind, (SELECT count(*) FROM unit_group_member m "
		"WHERE m.group_id = g.id) FROM unit_group g ORDER BY g.kind, g.id", ""),
		out, sizeof(struct cc_group_rec), group_row, err);

	if (rc)
		goto done;
	groups = out->items;
	st = cc__prepare(s, err, "SELECT m.group_id, m.unit_id FROM unit_group_member m "
			 "JOIN unit u ON u.id = m.unit_id ORDER BY m.group_id, u.name_en", "");
	if (!st) {
		cc_list_free(out);
		rc = err->code;
		goto done;
	}
	while ((rc = cc__step(st)) == CC__ROW) {
		const char *gid = (const char *)cc__text(st, 0);
		for (int g = 0; g < out->n; g++) {
			if (strcmp(groups[g].id, gid) == 0) {
				groups[g].members[groups[g].nmembers++] = cc__col_text(out, st, 1);
				break;
			}
		}
	}
	rc = rc == CC__DONE ? CC_OK : cc__db_fail(s, err, "read groups");
	cc__finish(s, st);
	if (rc)
		cc_list_free(out);
done:
	if (own_txn)
		cc__run(s, NULL, "COMMIT", "");
	return rc;
}
