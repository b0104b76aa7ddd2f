/*
 * risk_workshop.c - the participants of a risk workshop and their
 * own ratings, with every change in a history table (see store.h). A
 * removed participant's ratings stay; callers decide what to show.
 */
#include "store_internal.h"

#include <stdio.h>
#include <string.h>


int cc_store_add_participant(struct cc_store *s, const char *assessment, long long user,
			     const char *name, const char *organisation, const char *group,
			     const char *created_by, long long *id, struct cc_error *err)
{
	int rc = cc__run(s, err,
			 "INSERT INTO risk_participant (assessment_id, user_id, name, organisation, "
			 "grp, created_by, at) VALUES (?, ?, ?, ?, ?, ?, " NOW ")", "tItttt",
			 assessment, user, name, organisation ? organisation : "", group, created_by);

	if (rc == CC_ECONFLICT)
		return cc_error_set(err, CC_ECONFLICT, "email", 0, 0,
				    "this person is a participant of %s already", assessment);
	if (!rc)
		*id = cc__last_id(s);
	return rc;
}

int cc_store_restore_participant(struct cc_store *s, long long id, const char *name,
				 const char *organisation, const char *group,
				 struct cc_error *err)
{
	return cc__run(s, err, "UPDATE risk_participant SET removed = 0, name = ?, "
		       "organisation = ?, grp = ? WHERE id = ?", "tttI", name,
		       organisation ? organisation : "", group, id);
}

int cc_store_remove_participant(struct cc_store *s, long long id, struct cc_error *err)
{
	return cc__run(s, err, "UPDATE risk_participant SET removed = 1 WHERE id = ?", "I", id);
}

static int participant_row(struct cc_list *l, cc__stmt *st, void *item)
{
	struct cc_participant_rec *p = item;

	p->id = cc__int64(st, 0);
	p->user_id = cc__int64(st, 1);
	p->assessment = cc__col_text(l, st, 2);
	p->email = cc__col_text(l, st, 3);
	p->name = cc__col_text(l, st, 4);
	p->organisation = cc__col_text(l, st, 5);
	p->group = cc__col_text(l, st, 6);
	p->removed = cc__int(st, 7);
	p->created_by = cc__col_text(l, st, 8);
	p->at = cc__col_text(l, st, 9);
	p->rated = cc__int(st, 10);
	return p->assessment && p->email && p->name && p->organisation && p->group &&
	       p->created_by && p->at ? 0 : -1;
}

#define PARTICIPANT_SELECT \
	"SELECT p.id, p.user_id, p.assessment_id, u.email, p.name, p.organisation, p.grp, " \
	"p.removed, p.created_by, p.at, (SELECT count(*) FROM risk_participant_rating x " \
	"WHERE x.participant_id = p.id) FROM risk_participant p JOIN user u ON u.id = p.user_id "

int cc_store_participants(struct cc_store *s, const char *assessment, struct cc_list *out,
			  struct cc_error *err)
{
	return cc__collect(s, cc__prepare(s, err, PARTICIPANT_SELECT
		"WHERE p.assessment_id = ? ORDER BY p.id", "t", assessment),
		out, sizeof(struct cc_participant_rec), participant_row, err);
}

int cc_store_participant(struct cc_store *s, const char *assessment, long long id,
			 long long user, struct cc_list *out, struct cc_error *err)
{
	int rc = cc__collect(s, cc__prepare(s, err, PARTICIPANT_SELECT
		"WHERE p.assessment_id = ? AND (p.id = ? OR p.user_id = ?)", "tII", assessment,
		id > 0 ? id : -1, id > 0 ? -1 : user),
		out, sizeof(struct cc_participant_rec), participant_row, err);

	if (!rc && out->n == 0) {
		cc_list_free(out);
		return cc_error_set(err, CC_ENOTFOUND, "participant", 0, 0,
				    "no such participant of %s", assessment);
	}
	return rc;
}

int cc_store_participations(struct cc_store *s, long long user, struct cc_list *out,
			    struct cc_error *err)
{
	return cc__collect(s, cc__prepare(s, err, PARTICIPANT_SELECT
		"WHERE p.user_id = ? AND p.removed = 0 ORDER BY p.assessment_id", "I", user),
		out, sizeof(struct cc_participant_rec), participant_row, err);
}

int cc_store_put_participant_rating(struct cc_store *s, const struct cc_rating_rec *r,
				    struct cc_error *err)
{
	const char *c = r->rationale ? r->rationale : "";
	int rc = cc__run(s, err,
			 "INSERT INTO risk_participant_rating (participant_id, risk_key, phase, "
			 "likelihood, impact, impacts, comment, author, at) VALUES (?, ?, ?, ?, ?, "
			 "?, ?, ?, " NOW ") ON CONFLICT (participant_id, risk_key, phase) DO UPDATE "
			 "SET likelihood = excluded.likelihood, impact = excluded.impact, impacts = "
			 "excluded.impacts, comment = excluded.comment, author = excluded.author, "
			 "at = excluded.at", "IItttttt", r->participant, r->risk, r->phase,
			 r->likelihood, r->impact, r->impacts, c, r->by);

	if (!rc)
		rc = cc__run(s, err,
			     "INSERT INTO risk_participant_rating_history (participant_id, risk_key, "
			     "phase, likelihood, impact, impacts, comment, author, at) VALUES (?, ?, "
			     "?, ?, ?, ?, ?, ?, " NOW ")", "IItttttt", r->participant, r->risk,
			     r->phase, r->likelihood, r->impact, r->impacts, c, r->by);
	return rc;
}

#define RATING_COLS \
	"x.risk_key, x.participant_id, x.phase, x.likelihood, x.impact, x.impacts, NULL, " \
	"x.comment, 0, '', x.author, x.at "

int cc_store_participant_ratings(struct cc_store *s, const char *assessment,
				 long long participant, struct cc_list *out,
				 struct cc_error *err)
{
	return cc__collect(s, cc__prepare(s, err, "SELECT " RATING_COLS
		"FROM risk_participant_rating x JOIN risk_participant p ON p.id = x.participant_id "
		"WHERE p.assessment_id = ? AND (? = 0 OR p.id = ?) ORDER BY x.participant_id, "
		"x.risk_key, x.phase", "tII", assessment, participant, participant),
		out, sizeof(struct cc_rating_rec), cc__rating_row, err);
}

int cc_store_participant_history(struct cc_store *s, long long participant, long long risk,
				 const char *phase, struct cc_list *out, struct cc_error *err)
{
	return cc__collect(s, cc__prepare(s, err, "SELECT " RATING_COLS
		"FROM risk_participant_rating_history x WHERE x.participant_id = ? AND "
		"x.risk_key = ? AND x.phase = ? ORDER BY x.id", "IIt", participant, risk, phase),
		out, sizeof(struct cc_rating_rec), cc__rating_row, err);
}
