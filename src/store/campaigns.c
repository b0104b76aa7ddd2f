/*
 * campaigns.c - frameworks, campaigns, answers and published
 * results (see store.h).
 */
#include "store_internal.h"

#include <math.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>


int cc_store_put_framework(struct cc_store *s, const char *id,
			   const char *version, const char *title,
			   const char *text, size_t len, char *hash_out,
			   struct cc_error *err)
{
	unsigned char digest[crypto_hash_sha256_BYTES];

	crypto_hash_sha256(digest, (const unsigned char *)text, len);
	sodium_bin2hex(hash_out, 65, digest, sizeof(digest));
	return cc__run(s, err,
		       "INSERT OR IGNORE INTO framework (id, hash, version, title, text, added_at) "
		       "VALUES (?, ?, ?, ?, ?, " NOW ")",
		       "ttttb", id, hash_out, version ? version : "", title, text, len);
}

static int framework_row(struct cc_list *l, cc__stmt *st, void *item)
{
	struct cc_framework_rec *f = item;

	f->id = cc__col_text(l, st, 0);
	f->hash = cc__col_text(l, st, 1);
	f->version = cc__col_text(l, st, 2);
	f->title = cc__col_text(l, st, 3);
	f->text = cc__col_text(l, st, 4);
	f->len = (size_t)cc__bytes(st, 4);
	f->added_at = cc__col_text(l, st, 5);
	return f->id && f->hash && f->text && f->added_at ? 0 : -1;
}

#define FRAMEWORK_COLS "id, hash, version, title, text, added_at"
/* The latest text of an id: its highest version, then the last added. */
#define LATEST "version COLLATE cc_version DESC, added_at DESC, rowid DESC LIMIT 1"

int cc_store_frameworks(struct cc_store *s, struct cc_list *out,
			struct cc_error *err)
{
	return cc__collect(s, cc__prepare(s, err,
		"SELECT " FRAMEWORK_COLS " FROM framework f WHERE rowid = "
		"(SELECT rowid FROM framework g WHERE g.id = f.id ORDER BY " LATEST ") "
		"ORDER BY id", ""),
		out, sizeof(struct cc_framework_rec), framework_row, err);
}

int cc_store_framework_versions(struct cc_store *s, struct cc_list *out,
				struct cc_error *err)
{
	return cc__collect(s, cc__prepare(s, err,
		"SELECT " FRAMEWORK_COLS " FROM framework f WHERE rowid = "
		"(SELECT rowid FROM framework g WHERE g.id = f.id AND g.version = f.version "
		"ORDER BY added_at DESC, rowid DESC LIMIT 1) "
		"ORDER BY id, version COLLATE cc_version DESC", ""),
		out, sizeof(struct cc_framework_rec), framework_row, err);
}

int cc_store_framework_version(struct cc_store *s, const char *id, const char *version,
			       struct cc_list *out, struct cc_error *err)
{
	int rc = cc__collect(s, cc__prepare(s, err,
		"SELECT " FRAMEWORK_COLS " FROM framework WHERE id = ? AND version = ? "
		"ORDER BY added_at DESC, rowid DESC LIMIT 1", "tt", id, version),
		out, sizeof(struct cc_framework_rec), framework_row, err);

	if (!rc && out->n == 0) {
		cc_list_free(out);
		return cc_error_set(err, CC_ENOTFOUND, NULL, 0, 0,
				    "no framework \"%s\" of version \"%s\"", id, version);
	}
	return rc;
}

int cc_store_framework(struct cc_store *s, const char *id, const char *hash,
		       struct cc_list *out, struct cc_error *err)
{
	int rc = cc__collect(s, hash ?
		cc__prepare(s, err, "SELECT " FRAMEWORK_COLS " FROM framework WHERE id = ? AND hash = ?",
			    "tt", id, hash) :
		cc__prepare(s, err, "SELECT " FRAMEWORK_COLS " FROM framework WHERE id = ? "
			    "ORDER BY " LATEST, "t", id),
		out, sizeof(struct cc_framework_rec), framework_row, err);

	if (!rc && out->n == 0) {
		cc_list_free(out);
		return cc_error_set(err, CC_ENOTFOUND, NULL, 0, 0, "no framework \"%s\"", id);
	}
	return rc;
}

int cc_store_create_campaign(struct cc_store *s, const char *id,
			     const char *framework, const char *hash,
			     const char *title, int year, struct cc_error *err)
{
	int rc = cc__run(s, err,
			 "INSERT INTO campaign (id, framework_id, framework_hash, title, year, "
			 "status, created_at) VALUES (?, ?, ?, ?, ?, 'draft', " NOW ")",
			 "tttti", id, framework, hash, title, year);

	if (rc == CC_ECONFLICT)
		return cc_error_set(err, CC_ECONFLICT, NULL, 0, 0,
				    "campaign \"%s\" exists already", id);
	return rc;
}

static int campaign_row(struct cc_list *l, cc__stmt *st, void *item)
{
	struct cc_campaign_rec *c = item;
	const char *status = (const char *)cc__text(st, 5);

	c->id = cc__col_text(l, st, 0);
	c->framework = cc__col_text(l, st, 1);
	c->framework_hash = cc__col_text(l, st, 2);
	c->title = cc__col_text(l, st, 3);
	c->year = cc__int(st, 4);
	if (!status || cc_campaign_status_parse(status, &c->status))
		return -1;
	c->created_at = cc__col_text(l, st, 6);
	c->published_at = cc__col_text(l, st, 7);
	c->units = cc__int(st, 8);
	c->framework_version = cc__col_text(l, st, 9);
	return c->id && c->framework && c->title && c->created_at && c->framework_version ? 0 : -1;
}

#define CAMPAIGN_SELECT \
	"SELECT id, framework_id, framework_hash, title, year, status, created_at, " \
	"published_at, (SELECT count(*) FROM assessment a WHERE a.campaign_id = c.id), " \
	"coalesce((SELECT version FROM framework f WHERE f.id = c.framework_id " \
	"AND f.hash = c.framework_hash), '') FROM campaign c "

int cc_store_campaigns(struct cc_store *s, struct cc_list *out,
		       struct cc_error *err)
{
	return cc__collect(s, cc__prepare(s, err, CAMPAIGN_SELECT "ORDER BY year, id", ""),
			   out, sizeof(struct cc_campaign_rec), campaign_row, err);
}

int cc_store_campaign(struct cc_store *s, const char *id, struct cc_list *out,
		      struct cc_error *err)
{
	int rc = cc__collect(s, cc__prepare(s, err, CAMPAIGN_SELECT "WHERE id = ?", "t", id),
			     out, sizeof(struct cc_campaign_rec), campaign_row, err);

	if (!rc && out->n == 0) {
		cc_list_free(out);
		return cc_error_set(err, CC_ENOTFOUND, NULL, 0, 0, "no campaign \"%s\"", id);
	}
	return rc;
}

int cc_store_unit_campaigns(struct cc_store *s, const char *unit, struct cc_list *out,
			    struct cc_error *err)
{
	return cc__collect(s, cc__prepare(s, err, CAMPAIGN_SELECT
		"WHERE EXISTS (SELECT 1 FROM assessment a WHERE a.campaign_id = c.id AND "
		"a.unit_id = ?) ORDER BY published_at IS NULL, published_at, created_at, id",
		"t", unit), out, sizeof(struct cc_campaign_rec), campaign_row, err);
}

int cc_store_set_status(struct cc_store *s, const char *id,
			enum cc_campaign_status status, struct cc_error *err)
{
	return cc__run(s, err, "UPDATE campaign SET status = ? WHERE id = ?", "tt",
		       cc_campaign_status_name(status), id);
}

int cc_store_add_assessment(struct cc_store *s, const char *campaign,
			    const char *unit, struct cc_error *err)
{
	return cc__run(s, err,
		       "INSERT OR IGNORE INTO assessment (campaign_id, unit_id, position) "
		       "VALUES (?1, ?2, (SELECT count(*) FROM assessment WHERE campaign_id = ?1))",
		       "tt", campaign, unit);
}

static int text_row(struct cc_list *l, cc__stmt *st, void *item)
{
	const char **t = item;

	*t = cc__col_text(l, st, 0);
	return *t ? 0 : -1;
}

int cc_store_campaign_units(struct cc_store *s, const char *campaign,
			    struct cc_list *out, struct cc_error *err)
{
	return cc__collect(s, cc__prepare(s, err,
		"SELECT unit_id FROM assessment WHERE campaign_id = ? ORDER BY position",
		"t", campaign), out, sizeof(const char *), text_row, err);
}

int cc_store_put_answer(struct cc_store *s, const char *campaign,
			const struct cc_answer_rec *a, const char *author,
			struct cc_error *err)
{
	const char *c = a->comment ? a->comment : "", *e = a->evidence ? a->evidence : "";
	const struct cc_prefill_mark *p = &a->prefill;
	int marked = p->source && *p->source;
	const char *pm = marked && p->mapping ? p->mapping : "";
	const char *pc = marked && p->campaign ? p->campaign : "", *ps = marked ? p->source : "";
	int rc = cc__run(s, err,
			 "INSERT INTO answer (campaign_id, unit_id, question, answer, comment, "
			 "evidence, author, updated_at, prefill_mapping, prefill_campaign, "
			 "prefill_source) VALUES (?, ?, ?, ?, ?, ?, ?, " NOW ", ?, ?, ?) "
			 "ON CONFLICT (campaign_id, unit_id, question) DO UPDATE SET "
			 "answer = excluded.answer, comment = excluded.comment, "
			 "evidence = excluded.evidence, author = excluded.author, "
			 "updated_at = excluded.updated_at, "
			 "prefill_mapping = excluded.prefill_mapping, "
			 "prefill_campaign = excluded.prefill_campaign, "
			 "prefill_source = excluded.prefill_source",
			 "tttttttttt", campaign, a->unit, a->question, a->answer, c, e, author,
			 pm, pc, ps);

	if (!rc)
		rc = cc__run(s, err,
			     "INSERT INTO answer_history (campaign_id, unit_id, question, answer, "
			     "comment, evidence, author, at, prefill_mapping, prefill_campaign, "
			     "prefill_source) VALUES (?, ?, ?, ?, ?, ?, ?, " NOW ", ?, ?, ?)",
			     "tttttttttt", campaign, a->unit, a->question, a->answer, c, e, author,
			     pm, pc, ps);
	return rc;
}

int cc__answer_row(struct cc_list *l, cc__stmt *st, void *item)
{
	struct cc_answer_rec *a = item;

	a->unit = cc__col_text(l, st, 0);
	a->question = cc__col_text(l, st, 1);
	a->answer = cc__col_text(l, st, 2);
	a->comment = cc__col_text(l, st, 3);
	a->evidence = cc__col_text(l, st, 4);
	a->prefill.mapping = cc__col_text(l, st, 5);
	a->prefill.campaign = cc__col_text(l, st, 6);
	a->prefill.source = cc__col_text(l, st, 7);
	return a->unit && a->question && a->answer ? 0 : -1;
}

int cc_store_answers(struct cc_store *s, const char *campaign,
		     struct cc_list *out, struct cc_error *err)
{
	return cc__collect(s, cc__prepare(s, err,
		"SELECT a.unit_id, a.question, a.answer, a.comment, a.evidence, a.prefill_mapping, "
		"a.prefill_campaign, a.prefill_source FROM answer a "
		"JOIN assessment m ON m.campaign_id = a.campaign_id AND m.unit_id = a.unit_id "
		"WHERE a.campaign_id = ? ORDER BY m.position, a.rowid", "t", campaign),
		out, sizeof(struct cc_answer_rec), cc__answer_row, err);
}

int cc_store_put_result(struct cc_store *s, const char *campaign,
			const struct cc_result_rec *r, struct cc_error *err)
{
	return cc__run(s, err,
		       "INSERT INTO result (campaign_id, unit_id, node, value, rank) "
		       "VALUES (?, ?, ?, ?, ?)", "tttdi", campaign, r->unit, r->node,
		       r->value, r->rank);
}

int cc_store_put_result_unit(struct cc_store *s, const char *campaign,
			     int position, const struct cc_result_unit_rec *u,
			     struct cc_error *err)
{
	return cc__run(s, err,
		       "INSERT INTO result_unit (campaign_id, unit_id, position, level) "
		       "VALUES (?, ?, ?, ?)", "ttit", campaign, u->unit, position, u->level);
}

int cc_store_mark_published(struct cc_store *s, const char *campaign,
			    struct cc_error *err)
{
	return cc__run(s, err,
		       "UPDATE campaign SET status = 'published', published_at = " NOW
		       " WHERE id = ?", "t", campaign);
}

static int result_unit_row(struct cc_list *l, cc__stmt *st, void *item)
{
	struct cc_result_unit_rec *u = item;

	u->unit = cc__col_text(l, st, 0);
	u->level = cc__col_text(l, st, 1);
	return u->unit ? 0 : -1;
}

int cc_store_result_units(struct cc_store *s, const char *campaign,
			  struct cc_list *out, struct cc_error *err)
{
	return cc__collect(s, cc__prepare(s, err,
		"SELECT unit_id, level FROM result_unit WHERE campaign_id = ? ORDER BY position",
		"t", campaign), out, sizeof(struct cc_result_unit_rec), result_unit_row, err);
}

static int result_row(struct cc_list *l, cc__stmt *st, void *item)
{
	struct cc_result_rec *r = item;

	r->unit = cc__col_text(l, st, 0);
	r->node = cc__col_text(l, st, 1);
	r->value = cc__is_null(st, 2) ? NAN :
		   cc__double(st, 2);
	r->rank = cc__int(st, 3);
	return r->unit && r->node ? 0 : -1;
}

int cc_store_results(struct cc_store *s, const char *campaign,
		     struct cc_list *out, struct cc_error *err)
{
	return cc__collect(s, cc__prepare(s, err,
		"SELECT unit_id, node, value, coalesce(rank, 0) FROM result "
		"WHERE campaign_id = ? ORDER BY rowid", "t", campaign),
		out, sizeof(struct cc_result_rec), result_row, err);
}
