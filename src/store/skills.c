/*
 * skills.c - the competencies, programmes, editions, tracks and
 * cohorts of skills programmes, and who coordinates or sponsors them
 * (see store_skills.h).
 */
#include "store_internal.h"
#include "store_skills.h"

#include <stdio.h>

/* A conflict on insert as "WHAT ID exists already", naming field id. */
static int taken(int rc, const char *what, const char *id, struct cc_error *err)
{
	if (rc == CC_ECONFLICT)
		return cc_error_set(err, CC_ECONFLICT, "id", 0, 0, "%s \"%s\" exists already",
				    what, id);
	return rc;
}

/* CC_ENOTFOUND naming field when the list came back empty. */
static int one(int rc, struct cc_list *out, const char *field, const char *what,
	       const char *id, struct cc_error *err)
{
	if (!rc && out->n == 0) {
		cc_list_free(out);
		return cc_error_set(err, CC_ENOTFOUND, field, 0, 0, "no %s \"%s\"", what, id);
	}
	return rc;
}

int cc_store_skills_put_competency(struct cc_store *s, const char *id, const char *source,
				   const char *title, struct cc_error *err)
{
	return cc__run(s, err, "INSERT INTO skills_competency (id, source, title) "
		       "VALUES (?, ?, ?) ON CONFLICT (id) DO UPDATE SET source = excluded.source, "
		       "title = excluded.title", "ttt", id, source, title);
}

int cc_store_skills_competency(struct cc_store *s, const char *id, struct cc_error *err)
{
	long long n;

	return cc__one_int64(s, cc__prepare(s, err, "SELECT 1 FROM skills_competency WHERE "
					    "id = ?", "t", id), &n, "competency", err);
}

int cc_store_skills_competency_title(struct cc_store *s, const char *id, char *buf, size_t size,
				     struct cc_error *err)
{
	cc__stmt *st = cc__prepare(s, err, "SELECT title FROM skills_competency WHERE id = ?", "t",
				   id);
	int rc;

	snprintf(buf, size, "%s", id);
	if (!st)
		return err ? err->code : CC_EIO;
	rc = cc__step(st);
	if (rc == CC__ROW && cc__text(st, 0))
		snprintf(buf, size, "%s", (const char *)cc__text(st, 0));
	cc__finish(s, st);
	return rc == CC__ROW || rc == CC__DONE ? CC_OK : cc__db_fail(s, err, "competency");
}

int cc_store_skills_create_programme(struct cc_store *s, const struct cc_sprog_rec *p,
				     struct cc_error *err)
{
	return taken(cc__run(s, err, "INSERT INTO skills_programme (id, name, sponsors, partners, "
			     "created_by, created_at) VALUES (?, ?, ?, ?, ?, " NOW ")", "ttttt",
			     p->id, p->name, p->sponsors, p->partners, p->created_by),
		     "programme", p->id, err);
}

static int prog_row(struct cc_list *l, cc__stmt *st, void *item)
{
	struct cc_sprog_rec *p = item;

	p->id = cc__col_text(l, st, 0);
	p->name = cc__col_text(l, st, 1);
	p->sponsors = cc__col_text(l, st, 2);
	p->partners = cc__col_text(l, st, 3);
	p->created_by = cc__col_text(l, st, 4);
	p->created_at = cc__col_text(l, st, 5);
	return p->id && p->name && p->sponsors && p->partners ? 0 : -1;
}

int cc_store_skills_programme(struct cc_store *s, const char *id, struct cc_list *out,
			      struct cc_error *err)
{
	return one(cc__collect(s, cc__prepare(s, err, "SELECT id, name, sponsors, partners, "
					      "created_by, created_at FROM skills_programme "
					      "WHERE id = ?", "t", id),
			       out, sizeof(struct cc_sprog_rec), prog_row, err),
		   out, "programme", "programme", id, err);
}

int cc_store_skills_create_edition(struct cc_store *s, const struct cc_sedition_rec *e,
				   struct cc_error *err)
{
	return taken(cc__run(s, err, "INSERT INTO skills_edition (programme_id, id, year, "
			     "start_date, end_date) VALUES (?, ?, ?, ?, ?)", "ttitt", e->programme,
			     e->id, e->year, e->start, e->end), "edition", e->id, err);
}

static int edition_row(struct cc_list *l, cc__stmt *st, void *item)
{
	struct cc_sedition_rec *e = item;

	e->programme = cc__col_text(l, st, 0);
	e->id = cc__col_text(l, st, 1);
	e->year = cc__int(st, 2);
	e->start = cc__col_text(l, st, 3);
	e->end = cc__col_text(l, st, 4);
	return e->id && e->start && e->end ? 0 : -1;
}

int cc_store_skills_edition(struct cc_store *s, const char *programme, const char *id,
			    struct cc_list *out, struct cc_error *err)
{
	return one(cc__collect(s, cc__prepare(s, err, "SELECT programme_id, id, year, start_date, "
					      "end_date FROM skills_edition WHERE programme_id = ? "
					      "AND id = ?", "tt", programme, id),
			       out, sizeof(struct cc_sedition_rec), edition_row, err),
		   out, "edition", "edition", id, err);
}

int cc_store_skills_create_track(struct cc_store *s, const struct cc_strack_rec *t,
				 struct cc_error *err)
{
	return taken(cc__run(s, err, "INSERT INTO skills_track (programme_id, id, name, "
			     "competencies) VALUES (?, ?, ?, ?)", "tttt", t->programme, t->id,
			     t->name, t->competencies), "track", t->id, err);
}

static int track_row(struct cc_list *l, cc__stmt *st, void *item)
{
	struct cc_strack_rec *t = item;

	t->programme = cc__col_text(l, st, 0);
	t->id = cc__col_text(l, st, 1);
	t->name = cc__col_text(l, st, 2);
	t->competencies = cc__col_text(l, st, 3);
	return t->id && t->name && t->competencies ? 0 : -1;
}

#define TRACK_SELECT "SELECT programme_id, id, name, competencies FROM skills_track "

int cc_store_skills_track(struct cc_store *s, const char *programme, const char *id,
			  struct cc_list *out, struct cc_error *err)
{
	return one(cc__collect(s, cc__prepare(s, err, TRACK_SELECT "WHERE programme_id = ? AND "
					      "id = ?", "tt", programme, id),
			       out, sizeof(struct cc_strack_rec), track_row, err),
		   out, "track", "track", id, err);
}

int cc_store_skills_tracks(struct cc_store *s, const char *programme, struct cc_list *out,
			   struct cc_error *err)
{
	return cc__collect(s, cc__prepare(s, err, TRACK_SELECT "WHERE programme_id = ? ORDER BY "
					  "id", "t", programme),
			   out, sizeof(struct cc_strack_rec), track_row, err);
}

int cc_store_skills_create_cohort(struct cc_store *s, const struct cc_scohort_rec *c,
				  struct cc_error *err)
{
	return taken(cc__run(s, err, "INSERT INTO skills_cohort (id, programme_id, edition_id, "
			     "track_id, name, region, language, capacity) VALUES (?, ?, ?, ?, ?, "
			     "?, ?, ?)", "tttttttI", c->id, c->programme, c->edition, c->track,
			     c->name, c->region, c->language, (long long)c->capacity),
		     "cohort", c->id, err);
}

static int cohort_row(struct cc_list *l, cc__stmt *st, void *item)
{
	struct cc_scohort_rec *c = item;

	c->id = cc__col_text(l, st, 0);
	c->programme = cc__col_text(l, st, 1);
	c->edition = cc__col_text(l, st, 2);
	c->track = cc__col_text(l, st, 3);
	c->name = cc__col_text(l, st, 4);
	c->region = cc__col_text(l, st, 5);
	c->language = cc__col_text(l, st, 6);
	c->capacity = cc__int(st, 7);
	return c->id && c->programme && c->edition && c->track && c->name ? 0 : -1;
}

#define COHORT_SELECT "SELECT id, programme_id, edition_id, track_id, name, region, " \
	"language, capacity FROM skills_cohort "

int cc_store_skills_cohort(struct cc_store *s, const char *id, struct cc_list *out,
			   struct cc_error *err)
{
	return one(cc__collect(s, cc__prepare(s, err, COHORT_SELECT "WHERE id = ?", "t", id),
			       out, sizeof(struct cc_scohort_rec), cohort_row, err),
		   out, "cohort", "cohort", id, err);
}

int cc_store_skills_cohorts(struct cc_store *s, const char *programme, const char *edition,
			    struct cc_list *out, struct cc_error *err)
{
	return cc__collect(s, cc__prepare(s, err, COHORT_SELECT "WHERE programme_id = ? AND "
					  "(? IS NULL OR edition_id = ?) ORDER BY id", "ttt",
					  programme, edition, edition),
			   out, sizeof(struct cc_scohort_rec), cohort_row, err);
}

int cc_store_skills_add_member(struct cc_store *s, long long user, const char *role,
			       const char *programme, struct cc_error *err)
{
	return cc__run(s, err, "INSERT OR IGNORE INTO skills_member (user_id, role, programme_id) "
		       "VALUES (?, ?, ?)", "Itt", user, role, programme);
}

static int member_row(struct cc_list *l, cc__stmt *st, void *item)
{
	struct cc_smember_rec *m = item;

	m->role = cc__col_text(l, st, 0);
	m->programme = cc__col_text(l, st, 1);
	return m->role && m->programme ? 0 : -1;
}

int cc_store_skills_members(struct cc_store *s, long long user, struct cc_list *out,
			    struct cc_error *err)
{
	return cc__collect(s, cc__prepare(s, err, "SELECT role, programme_id FROM skills_member "
					  "WHERE user_id = ? ORDER BY role, programme_id", "I", user),
			   out, sizeof(struct cc_smember_rec), member_row, err);
}
