/*
 * skills_pairs.c - a mentoring pair's meetings (when, how long,
 * notes) and goals (a text and open / met / dropped): see store_skills.h.
 * Erasure (skills_people.c) blanks notes and texts; the rows stay.
 */
#include "store_internal.h"
#include "store_skills.h"

int cc_store_skills_add_meeting(struct cc_store *s, long long pair, const char *at,
				int minutes, const char *notes, long long *id,
				struct cc_error *err)
{
	int rc = cc__run(s, err, "INSERT INTO skills_meeting (pair_id, at, minutes, notes) VALUES "
			 "(?, ?, ?, ?)", "Itit", pair, at, minutes, notes);

	if (!rc)
		*id = cc__last_id(s);
	return rc;
}

int cc_store_skills_add_goal(struct cc_store *s, long long pair, const char *text,
			     long long *id, struct cc_error *err)
{
	int rc = cc__run(s, err, "INSERT INTO skills_goal (pair_id, text) VALUES (?, ?)", "It",
			 pair, text);

	if (!rc)
		*id = cc__last_id(s);
	return rc;
}

static int meeting_row(struct cc_list *l, cc__stmt *st, void *item)
{
	struct cc_smeeting_rec *m = item;

	m->id = cc__int64(st, 0);
	m->pair = cc__int64(st, 1);
	m->at = cc__col_text(l, st, 2);
	m->minutes = cc__int(st, 3);
	m->notes = cc__col_text(l, st, 4);
	return m->at ? 0 : -1;
}

int cc_store_skills_meetings(struct cc_store *s, long long pair, struct cc_list *out,
			     struct cc_error *err)
{
	return cc__collect(s, cc__prepare(s, err, "SELECT id, pair_id, at, minutes, notes FROM "
					  "skills_meeting WHERE pair_id = ? ORDER BY at, id", "I",
					  pair),
			   out, sizeof(struct cc_smeeting_rec), meeting_row, err);
}

static int goal_row(struct cc_list *l, cc__stmt *st, void *item)
{
	struct cc_sgoal_rec *g = item;

	g->id = cc__int64(st, 0);
	g->pair = cc__int64(st, 1);
	g->text = cc__col_text(l, st, 2);
	g->status = cc__col_text(l, st, 3);
	return g->status ? 0 : -1;
}

int cc_store_skills_goals(struct cc_store *s, long long pair, struct cc_list *out,
			  struct cc_error *err)
{
	return cc__collect(s, cc__prepare(s, err, "SELECT id, pair_id, text, status FROM "
					  "skills_goal WHERE pair_id = ? ORDER BY id", "I", pair),
			   out, sizeof(struct cc_sgoal_rec), goal_row, err);
}

int cc_store_skills_set_goal(struct cc_store *s, long long pair, long long id,
			     const char *status, struct cc_error *err)
{
	int rc = cc__run(s, err, "UPDATE skills_goal SET status = ? WHERE id = ? AND pair_id = ?",
			 "tII", status, id, pair);

	if (!rc && cc__changes(s) == 0)
		return cc_error_set(err, CC_ENOTFOUND, "goal", 0, 0, "pair %lld has no goal %lld",
				    pair, id);
	return rc;
}
