/*
 * risks.c - risk assessments in the store: matrices (text by id
 * and hash), the taxonomies, assessments, risks with their sectors and
 * framework nodes, ratings and treatments (see store.h; the workshop's
 * participants are risk_workshop.c). Checks that need the matrix
 * or the taxonomies are the service's (service/risks.c); the schema's
 * CHECKs are the last guard.
 */
#include "store_internal.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>


/* ---- matrices ---- */

int cc_store_put_matrix(struct cc_store *s, const char *id, const char *title,
			const char *text, size_t len, char *hash_out, struct cc_error *err)
{
	unsigned char digest[crypto_hash_sha256_BYTES];

	crypto_hash_sha256(digest, (const unsigned char *)text, len);
	sodium_bin2hex(hash_out, 65, digest, sizeof(digest));
	return cc__run(s, err, "INSERT OR IGNORE INTO risk_matrix (id, hash, title, text, "
		       "added_at) VALUES (?, ?, ?, ?, " NOW ")", "tttb", id, hash_out, title,
		       text, len);
}

static int matrix_row(struct cc_list *l, cc__stmt *st, void *item)
{
	struct cc_matrix_rec *m = item;

	m->id = cc__col_text(l, st, 0);
	m->hash = cc__col_text(l, st, 1);
	m->title = cc__col_text(l, st, 2);
	m->text = cc__col_text(l, st, 3);
	m->len = (size_t)cc__bytes(st, 3);
	m->added_at = cc__col_text(l, st, 4);
	return m->id && m->hash && m->title && m->text && m->added_at ? 0 : -1;
}

#define MATRIX_SELECT "SELECT id, hash, title, text, added_at FROM risk_matrix "

int cc_store_matrices(struct cc_store *s, struct cc_list *out, struct cc_error *err)
{
	return cc__collect(s, cc__prepare(s, err, MATRIX_SELECT "m WHERE rowid = (SELECT rowid "
		"FROM risk_matrix g WHERE g.id = m.id ORDER BY added_at DESC, rowid DESC LIMIT 1) "
		"ORDER BY id", ""), out, sizeof(struct cc_matrix_rec), matrix_row, err);
}

int cc_store_matrix(struct cc_store *s, const char *id, const char *hash,
		    struct cc_list *out, struct cc_error *err)
{
	int rc = cc__collect(s, cc__prepare(s, err, MATRIX_SELECT "WHERE id = ? AND "
		"(? IS NULL OR hash = ?) ORDER BY added_at DESC, rowid DESC LIMIT 1", "ttt",
		id, hash, hash), out, sizeof(struct cc_matrix_rec), matrix_row, err);

	if (!rc && out->n == 0) {
		cc_list_free(out);
		return cc_error_set(err, CC_ENOTFOUND, "matrix", 0, 0, "no risk matrix \"%s\"%s",
				    id, hash ? " of that version" : "");
	}
	return rc;
}

/* ---- taxonomies ---- */

int cc_store_set_terms(struct cc_store *s, const char *kind,
		       const struct cc_term_rec *terms, int n, struct cc_error *err)
{
	int rc = cc__run(s, err, "DELETE FROM taxonomy_term WHERE kind = ?", "t", kind);

	for (int i = 0; !rc && i < n; i++) {
		rc = cc__run(s, err, "INSERT INTO taxonomy_term (kind, id, name, source, position) "
			     "VALUES (?, ?, ?, ?, ?)", "ttttI", kind, terms[i].id, terms[i].name,
			     terms[i].source ? terms[i].source : "", (long long)i);
		if (rc == CC_ECONFLICT)
			rc = cc_error_set(err, CC_EINPUT, NULL, 0, 0, "%s \"%s\" is given twice or "
					  "is not an id of a-z, 0-9, '.', '_' and '-'", kind,
					  terms[i].id);
	}
	return rc;
}

static int term_row(struct cc_list *l, cc__stmt *st, void *item)
{
	struct cc_term_rec *t = item;

	t->kind = cc__col_text(l, st, 0);
	t->id = cc__col_text(l, st, 1);
	t->name = cc__col_text(l, st, 2);
	t->source = cc__col_text(l, st, 3);
	return t->kind && t->id && t->name && t->source ? 0 : -1;
}

int cc_store_terms(struct cc_store *s, const char *kind, struct cc_list *out,
		   struct cc_error *err)
{
	return cc__collect(s, cc__prepare(s, err, "SELECT kind, id, name, source FROM "
		"taxonomy_term WHERE ? IS NULL OR kind = ? ORDER BY kind, position", "tt",
		kind, kind), out, sizeof(struct cc_term_rec), term_row, err);
}

/* ---- assessments ---- */

int cc_store_create_risk_assessment(struct cc_store *s,
				    const struct cc_risk_assessment_rec *a,
				    struct cc_error *err)
{
	int rc = cc__run(s, err,
			 "INSERT INTO risk_assessment (id, unit_id, title, matrix_id, matrix_hash, "
			 "start_date, end_date, created_by, created_at, updated_at) VALUES "
			 "(?, ?, ?, ?, ?, ?, ?, ?, " NOW ", " NOW ")", "tttttttt", a->id, a->unit,
			 a->title, a->matrix, a->matrix_hash, a->start, a->end, a->created_by);

	if (rc == CC_ECONFLICT)
		return cc_error_set(err, CC_ECONFLICT, "id", 0, 0,
				    "risk assessment \"%s\" exists already", a->id);
	return rc;
}

int cc_store_update_risk_assessment(struct cc_store *s, const char *id, const char *title,
				    int published, struct cc_error *err)
{
	return cc__run(s, err, "UPDATE risk_assessment SET title = ?, published = ?, "
		       "published_at = CASE WHEN ? = 1 AND published_at IS NULL THEN " NOW
		       " ELSE published_at END, updated_at = " NOW " WHERE id = ?", "tiit",
		       title, published, published, id);
}

static int assessment_row(struct cc_list *l, cc__stmt *st, void *item)
{
	struct cc_risk_assessment_rec *a = item;

	a->id = cc__col_text(l, st, 0);
	a->unit = cc__col_text(l, st, 1);
	a->title = cc__col_text(l, st, 2);
	a->matrix = cc__col_text(l, st, 3);
	a->matrix_hash = cc__col_text(l, st, 4);
	a->start = cc__col_text(l, st, 5);
	a->end = cc__col_text(l, st, 6);
	a->published = cc__int(st, 7);
	a->published_at = cc__col_text(l, st, 8);
	a->created_by = cc__col_text(l, st, 9);
	a->created_at = cc__col_text(l, st, 10);
	a->updated_at = cc__col_text(l, st, 11);
	a->risks = cc__int(st, 12);
	return a->id && a->unit && a->title && a->matrix && a->matrix_hash && a->start &&
	       a->end && a->created_by && a->created_at && a->updated_at ? 0 : -1;
}

#define ASSESSMENT_SELECT \
	"SELECT id, unit_id, title, matrix_id, matrix_hash, start_date, end_date, published, " \
	"published_at, created_by, created_at, updated_at, (SELECT count(*) FROM risk r " \
	"WHERE r.assessment_id = a.id) FROM risk_assessment a "

int cc_store_risk_assessments(struct cc_store *s, const char *unit, struct cc_list *out,
			      struct cc_error *err)
{
	return cc__collect(s, cc__prepare(s, err, ASSESSMENT_SELECT
		"WHERE ? IS NULL OR unit_id = ? ORDER BY unit_id, id", "tt", unit, unit),
		out, sizeof(struct cc_risk_assessment_rec), assessment_row, err);
}

int cc_store_risk_assessment(struct cc_store *s, const char *id, struct cc_list *out,
			     struct cc_error *err)
{
	int rc = cc__collect(s, cc__prepare(s, err, ASSESSMENT_SELECT "WHERE id = ?", "t", id),
			     out, sizeof(struct cc_risk_assessment_rec), assessment_row, err);

	if (!rc && out->n == 0) {
		cc_list_free(out);
		return cc_error_set(err, CC_ENOTFOUND, "assessment", 0, 0,
				    "no risk assessment \"%s\"", id);
	}
	return rc;
}

/* ---- risks ---- */

int cc_store_put_risk(struct cc_store *s, const struct cc_risk_rec *r, long long *key,
		      struct cc_error *err)
{
	int rc;

	if (r->key) {
		*key = r->key;
		return cc__run(s, err, "UPDATE risk SET id = ?, title = ?, scenario = ?, threat = ?, "
			       "actor = ?, owner = ?, vulnerabilities = ?, confidence = ?, public = ?, "
			       "public_title = ?, public_summary = ?, review_date = ?, updated_at = "
			       NOW " WHERE key = ?", "ttttttttitttI", r->id, r->title, r->scenario,
			       r->threat, r->actor, r->owner, r->vulnerabilities, r->confidence,
			       r->is_public ? 1 : 0, r->public_title, r->public_summary,
			       r->review_date, r->key);
	}
	rc = cc__run(s, err, "INSERT INTO risk (assessment_id, id, title, scenario, threat, actor, "
		     "owner, vulnerabilities, confidence, public, public_title, public_summary, "
		     "review_date, created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, "
		     "?, ?, ?, ?, ?, ?, ?, " NOW ", " NOW ")", "tttttttttitttt", r->assessment,
		     r->id, r->title, r->scenario, r->threat, r->actor, r->owner,
		     r->vulnerabilities, r->confidence, r->is_public ? 1 : 0, r->public_title,
		     r->public_summary, r->review_date, r->created_by);
	if (rc == CC_ECONFLICT)
		return cc_error_set(err, CC_ECONFLICT, "id", 0, 0,
				    "risk \"%s\" exists already in %s", r->id, r->assessment);
	if (!rc)
		*key = cc__last_id(s);
	return rc;
}

int cc_store_delete_risk(struct cc_store *s, long long key, struct cc_error *err)
{
	return cc__run(s, err, "DELETE FROM risk WHERE key = ?", "I", key);
}

int cc_store_set_risk_sectors(struct cc_store *s, long long key, const char *const *sectors,
			      int n, struct cc_error *err)
{
	int rc = cc__run(s, err, "DELETE FROM risk_sector WHERE risk_key = ?", "I", key);

	for (int i = 0; !rc && i < n; i++)
		rc = cc__run(s, err, "INSERT OR IGNORE INTO risk_sector (risk_key, sector, position) "
			     "VALUES (?, ?, ?)", "Iti", key, sectors[i], i);
	return rc;
}

int cc_store_set_risk_nodes(struct cc_store *s, long long key, const char *const *values,
			    int n, struct cc_error *err)
{
	int rc = cc__run(s, err, "DELETE FROM risk_node WHERE risk_key = ?", "I", key);

	for (int i = 0; !rc && i < n; i++)
		rc = cc__run(s, err, "INSERT OR IGNORE INTO risk_node (risk_key, framework, node, "
			     "position) VALUES (?, ?, ?, ?)", "Itti", key, values[2 * i],
			     values[2 * i + 1], i);
	return rc;
}

static int risk_row(struct cc_list *l, cc__stmt *st, void *item)
{
	struct cc_risk_rec *r = item;

	r->key = cc__int64(st, 0);
	r->assessment = cc__col_text(l, st, 1);
	r->id = cc__col_text(l, st, 2);
	r->title = cc__col_text(l, st, 3);
	r->scenario = cc__col_text(l, st, 4);
	r->threat = cc__col_text(l, st, 5);
	r->actor = cc__col_text(l, st, 6);
	r->owner = cc__col_text(l, st, 7);
	r->vulnerabilities = cc__col_text(l, st, 8);
	r->confidence = cc__col_text(l, st, 9);
	r->is_public = cc__int(st, 10);
	r->public_title = cc__col_text(l, st, 11);
	r->public_summary = cc__col_text(l, st, 12);
	r->review_date = cc__col_text(l, st, 13);
	r->created_by = cc__col_text(l, st, 14);
	r->created_at = cc__col_text(l, st, 15);
	r->updated_at = cc__col_text(l, st, 16);
	return r->assessment && r->id && r->title && r->scenario && r->threat && r->actor &&
	       r->owner && r->vulnerabilities && r->public_title && r->public_summary &&
	       r->created_by && r->created_at && r->updated_at ? 0 : -1;
}

int cc_store_risks(struct cc_store *s, const char *assessment, struct cc_list *out,
		   struct cc_error *err)
{
	return cc__collect(s, cc__prepare(s, err,
		"SELECT key, assessment_id, id, title, scenario, threat, actor, owner, "
		"vulnerabilities, confidence, public, public_title, public_summary, review_date, "
		"created_by, created_at, updated_at FROM risk WHERE assessment_id = ? ORDER BY key",
		"t", assessment), out, sizeof(struct cc_risk_rec), risk_row, err);
}

static int item_row(struct cc_list *l, cc__stmt *st, void *item)
{
	struct cc_risk_item_rec *it = item;

	it->risk = cc__int64(st, 0);
	it->framework = cc__col_text(l, st, 1);
	it->value = cc__col_text(l, st, 2);
	return it->value ? 0 : -1;
}

int cc_store_risk_sectors(struct cc_store *s, const char *assessment, struct cc_list *out,
			  struct cc_error *err)
{
	return cc__collect(s, cc__prepare(s, err,
		"SELECT x.risk_key, NULL, x.sector FROM risk_sector x JOIN risk r ON r.key = "
		"x.risk_key WHERE r.assessment_id = ? ORDER BY x.risk_key, x.position", "t",
		assessment), out, sizeof(struct cc_risk_item_rec), item_row, err);
}

int cc_store_risk_nodes(struct cc_store *s, const char *assessment, struct cc_list *out,
			struct cc_error *err)
{
	return cc__collect(s, cc__prepare(s, err,
		"SELECT x.risk_key, x.framework, x.node FROM risk_node x JOIN risk r ON r.key = "
		"x.risk_key WHERE r.assessment_id = ? ORDER BY x.risk_key, x.position", "t",
		assessment), out, sizeof(struct cc_risk_item_rec), item_row, err);
}

/* ---- ratings ---- */

int cc_store_put_rating(struct cc_store *s, const struct cc_rating_rec *r,
			struct cc_error *err)
{
	return cc__run(s, err,
		       "INSERT INTO risk_rating (risk_key, phase, likelihood, impact, impacts, "
		       "confidence, rationale, workshop, dissent, updated_by, updated_at) VALUES "
		       "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, " NOW ") ON CONFLICT (risk_key, phase) DO "
		       "UPDATE SET likelihood = excluded.likelihood, impact = excluded.impact, "
		       "impacts = excluded.impacts, confidence = excluded.confidence, rationale = "
		       "excluded.rationale, workshop = excluded.workshop, dissent = excluded.dissent, "
		       "updated_by = excluded.updated_by, updated_at = excluded.updated_at",
		       "Ittttttitt", r->risk, r->phase, r->likelihood, r->impact, r->impacts,
		       r->confidence, r->rationale ? r->rationale : "", r->workshop ? 1 : 0,
		       r->dissent ? r->dissent : "", r->by);
}

int cc_store_delete_rating(struct cc_store *s, long long risk, const char *phase,
			   struct cc_error *err)
{
	return cc__run(s, err, "DELETE FROM risk_rating WHERE risk_key = ? AND phase = ?", "It",
		       risk, phase);
}

int cc__rating_row(struct cc_list *l, cc__stmt *st, void *item)
{
	struct cc_rating_rec *r = item;

	r->risk = cc__int64(st, 0);
	r->participant = cc__int64(st, 1);
	r->phase = cc__col_text(l, st, 2);
	r->likelihood = cc__col_text(l, st, 3);
	r->impact = cc__col_text(l, st, 4);
	r->impacts = cc__col_text(l, st, 5);
	r->confidence = cc__col_text(l, st, 6);
	r->rationale = cc__col_text(l, st, 7);
	r->workshop = cc__int(st, 8);
	r->dissent = cc__col_text(l, st, 9);
	r->by = cc__col_text(l, st, 10);
	r->at = cc__col_text(l, st, 11);
	return r->phase && r->likelihood && r->rationale && r->dissent && r->by && r->at ? 0 : -1;
}

int cc_store_ratings(struct cc_store *s, const char *assessment, struct cc_list *out,
		     struct cc_error *err)
{
	return cc__collect(s, cc__prepare(s, err,
		"SELECT x.risk_key, 0, x.phase, x.likelihood, x.impact, x.impacts, x.confidence, "
		"x.rationale, x.workshop, x.dissent, x.updated_by, x.updated_at FROM risk_rating x "
		"JOIN risk r ON r.key = x.risk_key WHERE r.assessment_id = ? ORDER BY x.risk_key, "
		"x.phase", "t", assessment), out, sizeof(struct cc_rating_rec), cc__rating_row, err);
}

/* ---- treatments ---- */

int cc_store_add_treatment(struct cc_store *s, const struct cc_treatment_rec *t,
			   long long *id, struct cc_error *err)
{
	int rc = t->action ?
		cc__run(s, err, "INSERT INTO risk_treatment (risk_key, option, justification, "
			"plan_id, action_id, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, "
			NOW ")", "ItttIt", t->risk, t->option, t->justification, t->plan,
			t->action, t->created_by) :
		cc__run(s, err, "INSERT INTO risk_treatment (risk_key, option, justification, "
			"plan_id, created_by, created_at) VALUES (?, ?, ?, ?, ?, " NOW ")",
			"Itttt", t->risk, t->option, t->justification, t->plan, t->created_by);

	if (!rc)
		*id = cc__last_id(s);
	return rc;
}

static int treatment_row(struct cc_list *l, cc__stmt *st, void *item)
{
	struct cc_treatment_rec *t = item;

	t->id = cc__int64(st, 0);
	t->risk = cc__int64(st, 1);
	t->option = cc__col_text(l, st, 2);
	t->justification = cc__col_text(l, st, 3);
	t->plan = cc__col_text(l, st, 4);
	t->action = cc__int64(st, 5);
	t->action_title = cc__col_text(l, st, 6);
	t->action_status = cc__col_text(l, st, 7);
	t->action_due = cc__col_text(l, st, 8);
	t->action_progress = cc__int(st, 9);
	t->created_by = cc__col_text(l, st, 10);
	t->created_at = cc__col_text(l, st, 11);
	return t->option && t->justification && t->created_by && t->created_at ? 0 : -1;
}

int cc_store_treatments(struct cc_store *s, const char *assessment, struct cc_list *out,
			struct cc_error *err)
{
	return cc__collect(s, cc__prepare(s, err,
		"SELECT t.id, t.risk_key, t.option, t.justification, t.plan_id, "
		"coalesce(a.id, 0), a.title, a.status, a.due_date, coalesce(a.progress, 0), "
		"t.created_by, t.created_at FROM risk_treatment t JOIN risk r ON r.key = t.risk_key "
		"LEFT JOIN action a ON a.id = t.action_id WHERE r.assessment_id = ? ORDER BY "
		"t.risk_key, t.id", "t", assessment),
		out, sizeof(struct cc_treatment_rec), treatment_row, err);
}
