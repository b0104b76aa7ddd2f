/*
 * respondents.c - workshops of respondents: who is heard in an
 * assessment, their answers and every change to them (see store.h). The
 * answers of a removed respondent stay; callers decide what to show.
 */
#include "store_internal.h"

#include <stdio.h>
#include <string.h>


int cc_store_add_respondent(struct cc_store *s, const char *campaign,
			    const char *unit, long long user, const char *name,
			    const char *organisation, const char *group,
			    const char *created_by, long long *id,
			    struct cc_error *err)
{
	int rc = cc__run(s, err,
			 "INSERT INTO respondent (campaign_id, unit_id, user_id, name, organisation, "
			 "grp, created_by, at) VALUES (?, ?, ?, ?, ?, ?, ?, " NOW ")", "ttItttt",
			 campaign, unit, user, name, organisation ? organisation : "", group,
			 created_by);

	if (rc == CC_ECONFLICT)
		return cc_error_set(err, CC_ECONFLICT, NULL, 0, 0,
				    "this person is a respondent of %s in %s already", unit, campaign);
	if (!rc)
		*id = cc__last_id(s);
	return rc;
}

int cc_store_restore_respondent(struct cc_store *s, long long id,
				const char *name, const char *organisation,
				const char *group, struct cc_error *err)
{
	return cc__run(s, err, "UPDATE respondent SET removed = 0, name = ?, organisation = ?, "
		       "grp = ? WHERE id = ?", "tttI", name, organisation ? organisation : "",
		       group, id);
}

int cc_store_remove_respondent(struct cc_store *s, long long id,
			       struct cc_error *err)
{
	return cc__run(s, err, "UPDATE respondent SET removed = 1 WHERE id = ?", "I", id);
}

static int respondent_row(struct cc_list *l, cc__stmt *st, void *item)
{
	struct cc_respondent_rec *r = item;

	r->id = cc__int64(st, 0);
	r->user_id = cc__int64(st, 1);
	r->campaign = cc__col_text(l, st, 2);
	r->unit = cc__col_text(l, st, 3);
	r->email = cc__col_text(l, st, 4);
	r->name = cc__col_text(l, st, 5);
	r->organisation = cc__col_text(l, st, 6);
	r->group = cc__col_text(l, st, 7);
	r->removed = cc__int(st, 8);
	r->created_by = cc__col_text(l, st, 9);
	r->at = cc__col_text(l, st, 10);
	r->answered = cc__int(st, 11);
	return r->campaign && r->unit && r->email && r->name && r->organisation &&
	       r->group && r->created_by && r->at ? 0 : -1;
}

#define RESPONDENT_SELECT \
	"SELECT r.id, r.user_id, r.campaign_id, r.unit_id, u.email, r.name, r.organisation, " \
	"r.grp, r.removed, r.created_by, r.at, (SELECT count(*) FROM respondent_answer a " \
	"WHERE a.respondent_id = r.id AND a.answer <> '') FROM respondent r " \
	"JOIN user u ON u.id = r.user_id "

int cc_store_respondents(struct cc_store *s, const char *campaign,
			 const char *unit, struct cc_list *out,
			 struct cc_error *err)
{
	return cc__collect(s, cc__prepare(s, err, RESPONDENT_SELECT
		"WHERE r.campaign_id = ? AND r.unit_id = ? ORDER BY r.id", "tt", campaign, unit),
		out, sizeof(struct cc_respondent_rec), respondent_row, err);
}

int cc_store_respondent(struct cc_store *s, const char *campaign,
			const char *unit, long long id, long long user,
			struct cc_list *out, struct cc_error *err)
{
	int rc = cc__collect(s, cc__prepare(s, err, RESPONDENT_SELECT
		"WHERE r.campaign_id = ? AND r.unit_id = ? AND (r.id = ? OR r.user_id = ?)",
		"ttII", campaign, unit, id > 0 ? id : -1, id > 0 ? -1 : user),
		out, sizeof(struct cc_respondent_rec), respondent_row, err);

	if (!rc && out->n == 0) {
		cc_list_free(out);
		return cc_error_set(err, CC_ENOTFOUND, "respondent", 0, 0,
				    "no such respondent of %s in %s", unit, campaign);
	}
	return rc;
}

int cc_store_put_respondent_answer(struct cc_store *s, long long respondent,
				   const char *question, const char *answer,
				   const char *comment, const char *author,
				   struct cc_error *err)
{
	const char *c = comment ? comment : "";
	int rc = *answer || *c ?
		cc__run(s, err,
			"INSERT INTO respondent_answer (respondent_id, question, answer, comment, "
			"author, at) VALUES (?, ?, ?, ?, ?, " NOW ") ON CONFLICT (respondent_id, "
			"question) DO UPDATE SET answer = excluded.answer, comment = excluded.comment, "
			"author = excluded.author, at = excluded.at", "Itttt",
			respondent, question, answer, c, author) :
		cc__run(s, err, "DELETE FROM respondent_answer WHERE respondent_id = ? AND "
			"question = ?", "It", respondent, question);

	if (!rc)
		rc = cc__run(s, err,
			     "INSERT INTO respondent_answer_history (respondent_id, question, answer, "
			     "comment, author, at) VALUES (?, ?, ?, ?, ?, " NOW ")", "Itttt",
			     respondent, question, answer, c, author);
	return rc;
}

static int answer_row(struct cc_list *l, cc__stmt *st, void *item)
{
	struct cc_respondent_answer_rec *a = item;

	a->respondent = cc__int64(st, 0);
	a->question = cc__col_text(l, st, 1);
	a->answer = cc__col_text(l, st, 2);
	a->comment = cc__col_text(l, st, 3);
	a->author = cc__col_text(l, st, 4);
	a->at = cc__col_text(l, st, 5);
	return a->question && a->answer && a->comment && a->author && a->at ? 0 : -1;
}

int cc_store_respondent_answers(struct cc_store *s, const char *campaign,
				const char *unit, long long respondent,
				struct cc_list *out, struct cc_error *err)
{
	return cc__collect(s, cc__prepare(s, err,
		"SELECT a.respondent_id, a.question, a.answer, a.comment, a.author, a.at "
		"FROM respondent_answer a JOIN respondent r ON r.id = a.respondent_id "
		"WHERE r.campaign_id = ? AND r.unit_id = ? AND (? = 0 OR r.id = ?) "
		"ORDER BY r.id, a.rowid", "ttII", campaign, unit, respondent, respondent),
		out, sizeof(struct cc_respondent_answer_rec), answer_row, err);
}

int cc_store_respondent_history(struct cc_store *s, long long respondent,
				const char *question, struct cc_list *out,
				struct cc_error *err)
{
	return cc__collect(s, cc__prepare(s, err,
		"SELECT respondent_id, question, answer, comment, author, at FROM "
		"respondent_answer_history WHERE respondent_id = ? AND question = ? ORDER BY id",
		"It", respondent, question),
		out, sizeof(struct cc_respondent_answer_rec), answer_row, err);
}
