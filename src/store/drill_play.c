/*
 * drill_play.c - what happens in a drill's play (see
 * store_drills.h): players' responses, the communication check,
 * evaluators' observations and ratings, expected actions met or not, the
 * participants' feedback and the improvement plan.
 */
#include "store_internal.h"

#include <stdio.h>
#include <string.h>

int cc_store_add_drill_response(struct cc_store *s, const char *drill,
				const struct cc_drill_response_rec *r, long long *id,
				struct cc_error *err)
{
	int rc = cc__run(s, err, "INSERT INTO drill_response (drill_id, inject_id, team_id, "
			 "user_id, text, at) VALUES (?, ?, ?, ?, ?, ?)", "tttItd", drill,
			 r->inject, r->team, r->user, r->text, r->at);

	if (!rc)
		*id = cc__last_id(s);
	return rc;
}

static int response_row(struct cc_list *l, cc__stmt *st, void *item)
{
	struct cc_drill_response_rec *r = item;

	r->id = cc__int64(st, 0);
	r->inject = cc__col_text(l, st, 1);
	r->team = cc__col_text(l, st, 2);
	r->user = cc__int64(st, 3);
	r->name = cc__col_text(l, st, 4);
	r->text = cc__col_text(l, st, 5);
	r->at = cc__double(st, 6);
	return r->inject && r->team && r->name && r->text ? 0 : -1;
}

int cc_store_drill_responses(struct cc_store *s, const char *drill, const char *team,
			     struct cc_list *out, struct cc_error *err)
{
	return cc__collect(s, cc__prepare(s, err, "SELECT r.id, r.inject_id, r.team_id, r.user_id, "
		"u.name, r.text, r.at FROM drill_response r JOIN user u ON u.id = r.user_id WHERE "
		"r.drill_id = ? AND (? IS NULL OR r.team_id = ?) ORDER BY r.id", "ttt", drill, team,
		team), out, sizeof(struct cc_drill_response_rec), response_row, err);
}

int cc_store_drill_response(struct cc_store *s, const char *drill, long long id,
			    struct cc_list *out, struct cc_error *err)
{
	int rc = cc__collect(s, cc__prepare(s, err, "SELECT r.id, r.inject_id, r.team_id, "
		"r.user_id, u.name, r.text, r.at FROM drill_response r JOIN user u ON u.id = "
		"r.user_id WHERE r.drill_id = ? AND r.id = ?", "tI", drill, id), out,
		sizeof(struct cc_drill_response_rec), response_row, err);

	if (!rc && out->n == 0) {
		cc_list_free(out);
		return cc_error_set(err, CC_ENOTFOUND, "response", 0, 0, "drill %.100s has no "
				    "response %lld", drill, id);
	}
	return rc;
}

int cc_store_add_drill_attachment(struct cc_store *s, const char *drill,
				  const struct cc_drill_attachment_rec *a, long long *id,
				  struct cc_error *err)
{
	int rc = cc__run(s, err, "INSERT INTO drill_attachment (drill_id, response_id, sha256, "
			 "filename, mime, size, user_id, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
			 "tItttIId", drill, a->response, a->sha256, a->filename, a->mime, a->size,
			 a->user, a->at);

	if (!rc)
		*id = cc__last_id(s);
	return rc;
}

static int attachment_row(struct cc_list *l, cc__stmt *st, void *item)
{
	struct cc_drill_attachment_rec *a = item;

	a->id = cc__int64(st, 0);
	a->response = cc__int64(st, 1);
	a->team = cc__col_text(l, st, 2);
	a->sha256 = cc__col_text(l, st, 3);
	a->filename = cc__col_text(l, st, 4);
	a->mime = cc__col_text(l, st, 5);
	a->size = cc__int64(st, 6);
	a->user = cc__int64(st, 7);
	a->at = cc__double(st, 8);
	return a->team && a->sha256 && a->filename && a->mime ? 0 : -1;
}

int cc_store_drill_attachments(struct cc_store *s, const char *drill, long long response,
			       struct cc_list *out, struct cc_error *err)
{
	return cc__collect(s, cc__prepare(s, err, "SELECT a.id, a.response_id, r.team_id, "
		"a.sha256, a.filename, a.mime, a.size, a.user_id, a.at FROM drill_attachment a "
		"JOIN drill_response r ON r.id = a.response_id WHERE a.drill_id = ? AND "
		"(? = 0 OR a.response_id = ?) ORDER BY a.id", "tII", drill, response, response),
		out, sizeof(struct cc_drill_attachment_rec), attachment_row, err);
}

int cc_store_count_drill_responses(struct cc_store *s, const char *drill,
				   const char *inject, const char *team, int *n,
				   struct cc_error *err)
{
	long long c;
	int rc = cc__scalar(s, cc__prepare(s, err, "SELECT count(*) FROM drill_response WHERE "
		"drill_id = ? AND inject_id = ? AND team_id = ?", "ttt", drill, inject, team), &c, err);

	*n = (int)c;
	return rc;
}

int cc_store_put_commcheck(struct cc_store *s, const char *drill, long long user,
			   double at, int *created, struct cc_error *err)
{
	int rc = cc__run(s, err, "INSERT OR IGNORE INTO drill_commcheck (drill_id, user_id, "
			 "confirmed_at) VALUES (?, ?, ?)", "tId", drill, user, at);

	*created = !rc && cc__changes(s) > 0;
	return rc;
}

static int commcheck_row(struct cc_list *l, cc__stmt *st, void *item)
{
	struct cc_commcheck_rec *c = item;

	(void)l;
	c->user = cc__int64(st, 0);
	c->at = cc__double(st, 1);
	return 0;
}

int cc_store_commchecks(struct cc_store *s, const char *drill, struct cc_list *out,
			struct cc_error *err)
{
	return cc__collect(s, cc__prepare(s, err, "SELECT user_id, confirmed_at FROM "
		"drill_commcheck WHERE drill_id = ? ORDER BY confirmed_at", "t", drill),
		out, sizeof(struct cc_commcheck_rec), commcheck_row, err);
}

int cc_store_add_drill_eval(struct cc_store *s, const char *drill,
			    const struct cc_drill_eval_rec *e, long long *id,
			    struct cc_error *err)
{
	int rc = cc__run(s, err, "INSERT INTO drill_evaluation (drill_id, team_id, objective_id, "
			 "rating, kind, observation, evaluator, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
			 "ttttttId", drill, e->team, e->objective, e->rating, e->kind,
			 e->observation, e->evaluator, e->at);

	if (!rc)
		*id = cc__last_id(s);
	return rc;
}

static int eval_row(struct cc_list *l, cc__stmt *st, void *item)
{
	struct cc_drill_eval_rec *e = item;

	e->id = cc__int64(st, 0);
	e->team = cc__col_text(l, st, 1);
	e->objective = cc__col_text(l, st, 2);
	e->rating = cc__col_text(l, st, 3);
	e->kind = cc__col_text(l, st, 4);
	e->observation = cc__col_text(l, st, 5);
	e->evaluator = cc__int64(st, 6);
	e->evaluator_name = cc__col_text(l, st, 7);
	e->at = cc__double(st, 8);
	return e->team && e->objective && e->kind && e->observation && e->evaluator_name ? 0 : -1;
}

int cc_store_drill_evals(struct cc_store *s, const char *drill, struct cc_list *out,
			 struct cc_error *err)
{
	return cc__collect(s, cc__prepare(s, err, "SELECT e.id, e.team_id, e.objective_id, e.rating, "
		"e.kind, e.observation, e.evaluator, u.name, e.at FROM drill_evaluation e JOIN user u "
		"ON u.id = e.evaluator WHERE e.drill_id = ? ORDER BY e.id", "t", drill),
		out, sizeof(struct cc_drill_eval_rec), eval_row, err);
}

int cc_store_put_expect_mark(struct cc_store *s, const char *drill,
			     const struct cc_expect_mark_rec *m, struct cc_error *err)
{
	return cc__run(s, err, "INSERT INTO drill_expect_mark (drill_id, team_id, inject_id, "
		       "expect_id, met, evaluator, at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT "
		       "(drill_id, team_id, inject_id, expect_id) DO UPDATE SET met = excluded.met, "
		       "evaluator = excluded.evaluator, at = excluded.at", "ttttiId", drill, m->team,
		       m->inject, m->expect, m->met, m->evaluator, m->at);
}

static int mark_row(struct cc_list *l, cc__stmt *st, void *item)
{
	struct cc_expect_mark_rec *m = item;

	m->team = cc__col_text(l, st, 0);
	m->inject = cc__col_text(l, st, 1);
	m->expect = cc__col_text(l, st, 2);
	m->met = cc__int(st, 3);
	m->evaluator = cc__int64(st, 4);
	m->at = cc__double(st, 5);
	return m->team && m->inject && m->expect ? 0 : -1;
}

int cc_store_expect_marks(struct cc_store *s, const char *drill, struct cc_list *out,
			  struct cc_error *err)
{
	return cc__collect(s, cc__prepare(s, err, "SELECT team_id, inject_id, expect_id, met, "
		"evaluator, at FROM drill_expect_mark WHERE drill_id = ? ORDER BY rowid", "t", drill),
		out, sizeof(struct cc_expect_mark_rec), mark_row, err);
}

int cc_store_put_drill_feedback(struct cc_store *s, const char *drill,
				const struct cc_drill_feedback_rec *f, int *created,
				struct cc_error *err)
{
	long long had;
	int rc = cc__scalar(s, cc__prepare(s, err, "SELECT count(*) FROM drill_feedback WHERE "
		"drill_id = ? AND user_id = ?", "tI", drill, f->user), &had, err);

	if (!rc)
		rc = cc__run(s, err, "INSERT INTO drill_feedback (drill_id, user_id, answers, at) "
			     "VALUES (?, ?, ?, ?) ON CONFLICT (drill_id, user_id) DO UPDATE SET "
			     "answers = excluded.answers, at = excluded.at", "tItd", drill, f->user,
			     f->answers, f->at);
	*created = !rc && had == 0;
	return rc;
}

static int feedback_row(struct cc_list *l, cc__stmt *st, void *item)
{
	struct cc_drill_feedback_rec *f = item;

	f->user = cc__int64(st, 0);
	f->answers = cc__col_text(l, st, 1);
	f->at = cc__double(st, 2);
	return f->answers ? 0 : -1;
}

int cc_store_drill_feedback(struct cc_store *s, const char *drill, struct cc_list *out,
			    struct cc_error *err)
{
	return cc__collect(s, cc__prepare(s, err, "SELECT user_id, answers, at FROM drill_feedback "
		"WHERE drill_id = ? ORDER BY rowid", "t", drill),
		out, sizeof(struct cc_drill_feedback_rec), feedback_row, err);
}

int cc_store_add_improvement(struct cc_store *s, const char *drill,
			     const struct cc_improvement_rec *r, long long *id,
			     struct cc_error *err)
{
	int rc = cc__run(s, err, "INSERT INTO drill_improvement (drill_id, team_id, objective_id, "
			 "issue, action, organisation, owner, start, due, by, at) VALUES (?, ?, ?, ?, "
			 "?, ?, ?, ?, ?, ?, ?)", "ttttttttttd", drill, r->team, r->objective,
			 r->issue, r->action, r->organisation ? r->organisation : "", r->owner,
			 r->start, r->due, r->by, r->at);

	if (!rc)
		*id = cc__last_id(s);
	return rc;
}

int cc_store_set_improvement_plan(struct cc_store *s, long long id, const char *plan,
				  long long plan_action, struct cc_error *err)
{
	return cc__run(s, err, "UPDATE drill_improvement SET plan_id = ?, plan_action = ? "
		       "WHERE id = ?", "tII", plan, plan_action, id);
}

static int improvement_row(struct cc_list *l, cc__stmt *st, void *item)
{
	struct cc_improvement_rec *r = item;

	r->id = cc__int64(st, 0);
	r->team = cc__col_text(l, st, 1);
	r->objective = cc__col_text(l, st, 2);
	r->issue = cc__col_text(l, st, 3);
	r->action = cc__col_text(l, st, 4);
	r->organisation = cc__col_text(l, st, 5);
	r->owner = cc__col_text(l, st, 6);
	r->start = cc__col_text(l, st, 7);
	r->due = cc__col_text(l, st, 8);
	r->plan = cc__col_text(l, st, 9);
	r->plan_action = cc__int64(st, 10);
	r->by = cc__col_text(l, st, 11);
	r->at = cc__double(st, 12);
	return r->team && r->objective && r->issue && r->action && r->organisation && r->owner &&
	       r->due && r->by ? 0 : -1;
}

int cc_store_improvements(struct cc_store *s, const char *drill, struct cc_list *out,
			  struct cc_error *err)
{
	return cc__collect(s, cc__prepare(s, err, "SELECT id, team_id, objective_id, issue, action, "
		"organisation, owner, start, due, plan_id, plan_action, by, at FROM drill_improvement "
		"WHERE drill_id = ? ORDER BY id", "t", drill),
		out, sizeof(struct cc_improvement_rec), improvement_row, err);
}
