/*
 * review.c - the questionnaire's side of a campaign: assessment
 * status, one unit's answers and their history, reviews and evidence
 * (see store.h).
 */
#include "store_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>


int cc_store_assessment_status(struct cc_store *s, const char *campaign,
			       const char *unit, char *status, size_t size,
			       struct cc_error *err)
{
	cc__stmt *st = cc__prepare(s, err, "SELECT status FROM assessment WHERE "
				       "campaign_id = ? AND unit_id = ?", "tt", campaign, unit);
	int rc;

	if (!st)
		return err ? err->code : CC_EIO;
	rc = cc__step(st);
	if (rc == CC__ROW) {
		snprintf(status, size, "%s", (const char *)cc__text(st, 0));
		rc = CC_OK;
	} else {
		rc = rc == CC__DONE ?
			cc_error_set(err, CC_ENOTFOUND, NULL, 0, 0,
				     "unit %s is not in campaign %s", unit, campaign) :
			cc__db_fail(s, err, "read");
	}
	cc__finish(s, st);
	return rc;
}

int cc_store_set_assessment_status(struct cc_store *s, const char *campaign,
				   const char *unit, const char *status,
				   struct cc_error *err)
{
	return cc__run(s, err, "UPDATE assessment SET status = ? WHERE campaign_id = ? "
		       "AND unit_id = ?", "ttt", status, campaign, unit);
}

#define ANSWER_STATE "SELECT c.status, a.status, (SELECT n.answer FROM answer n " \
	"WHERE n.campaign_id = c.id AND n.unit_id = a.unit_id AND n.question = ?) " \
	"FROM campaign c LEFT JOIN assessment a ON a.campaign_id = c.id " \
	"AND a.unit_id = ? WHERE c.id = ?"

/* The state of st's first row (ANSWER_STATE), st finished. */
static int state_of(struct cc_store *s, cc__stmt *st, const char *campaign, const char *unit,
		    int want_before, enum cc_campaign_status *campaign_status, char *status,
		    size_t size, char **before, struct cc_error *err)
{
	const char *cs, *as, *b;
	int rc = cc__step(st);

	if (before)
		*before = NULL;
	if (rc == CC__DONE) {
		rc = cc_error_set(err, CC_ENOTFOUND, NULL, 0, 0, "no campaign \"%s\"", campaign);
	} else if (rc != CC__ROW) {
		rc = cc__db_fail(s, err, "read");
	} else if (!(as = (const char *)cc__text(st, 1))) {
		rc = cc_error_set(err, CC_ENOTFOUND, NULL, 0, 0,
				  "unit %s is not in campaign %s", unit, campaign);
	} else if (!(cs = (const char *)cc__text(st, 0)) ||
		   cc_campaign_status_parse(cs, campaign_status)) {
		rc = cc_error_set(err, CC_EIO, s->path, 0, 0, "campaign %s has an unknown status", campaign);
	} else {
		snprintf(status, size, "%s", as);
		b = want_before && before ? (const char *)cc__text(st, 2) : NULL;
		rc = b && !(*before = strdup(b)) ? cc_error_set(err, CC_ENOMEM, NULL, 0, 0, "out of memory") :
		     CC_OK;
	}
	cc__finish(s, st);
	return rc;
}

int cc_store_answer_state(struct cc_store *s, const char *campaign, const char *unit,
			  const char *question, enum cc_campaign_status *campaign_status,
			  char *status, size_t size, char **before, struct cc_error *err)
{
	cc__stmt *st = cc__prepare(s, err, ANSWER_STATE, "ttt", question ? question : "", unit,
				   campaign);

	if (before)
		*before = NULL;
	if (!st)
		return err ? err->code : CC_EIO;
	return state_of(s, st, campaign, unit, question != NULL, campaign_status, status, size,
			before, err);
}

#define STATES_AHEAD 256         /* reads sent ahead at once */

static void take_state(struct cc_store *s, cc__stmt *st, const char *campaign,
		       const char *unit, struct cc_answer_state *out)
{
	out->rc = state_of(s, st, campaign, unit, 1, &out->campaign_status, out->status,
			   sizeof(out->status), &out->before, &out->err);
}

int cc_store_answer_states(struct cc_store *s, int n, const char *const *campaign,
			   const char *const *unit, const char *const *question,
			   struct cc_answer_state *out, struct cc_error *err)
{
	cc__stmt *st[STATES_AHEAD];
	int rc = CC_OK;

	/* in chunks: a chunk's reads all sent, then read (one round trip on
	 * PostgreSQL, where a batch sends ahead); one by one elsewhere */
	for (int from = 0; from < n; from += STATES_AHEAD) {
		int m = n - from < STATES_AHEAD ? n - from : STATES_AHEAD;
		int ahead = cc__sends_ahead(s);

		for (int i = 0; i < m; i++) {
			int k = from + i;

			out[k].before = NULL;
			cc_error_clear(&out[k].err);
			st[i] = rc ? NULL : cc__prepare(s, err, ANSWER_STATE, "ttt", question[k],
							 unit[k], campaign[k]);
			if (!st[i]) {
				rc = rc ? rc : err ? err->code : CC_EIO;
			} else if (!ahead) {
				take_state(s, st[i], campaign[k], unit[k], &out[k]);
				st[i] = NULL;
			} else if (cc__send(st[i])) {
				rc = cc__db_fail(s, err, "read");
			}
		}
		for (int i = 0; i < m; i++) {
			if (st[i] && rc)
				cc__finish(s, st[i]);
			else if (st[i])
				take_state(s, st[i], campaign[from + i], unit[from + i], &out[from + i]);
		}
	}
	for (int k = 0; rc && k < n; k++) {
		free(out[k].before);
		out[k].before = NULL;
		out[k].rc = rc;
	}
	return rc;
}

int cc_store_unit_answers(struct cc_store *s, const char *campaign,
			  const char *unit, struct cc_list *out,
			  struct cc_error *err)
{
	return cc__collect(s, cc__prepare(s, err,
		"SELECT unit_id, question, answer, comment, updated_at, prefill_mapping, "
		"prefill_campaign, prefill_source FROM answer "
		"WHERE campaign_id = ? AND unit_id = ? ORDER BY rowid", "tt", campaign, unit),
		out, sizeof(struct cc_answer_rec), cc__answer_row, err);
}

static int history_row(struct cc_list *l, cc__stmt *st, void *item)
{
	struct cc_history_rec *h = item;

	h->answer = cc__col_text(l, st, 0);
	h->comment = cc__col_text(l, st, 1);
	h->author = cc__col_text(l, st, 2);
	h->at = cc__col_text(l, st, 3);
	h->prefill.mapping = cc__col_text(l, st, 4);
	h->prefill.campaign = cc__col_text(l, st, 5);
	h->prefill.source = cc__col_text(l, st, 6);
	return h->answer && h->at ? 0 : -1;
}

int cc_store_answer_history(struct cc_store *s, const char *campaign,
			    const char *unit, const char *question,
			    struct cc_list *out, struct cc_error *err)
{
	return cc__collect(s, cc__prepare(s, err,
		"SELECT answer, comment, author, at, prefill_mapping, prefill_campaign, "
		"prefill_source FROM answer_history WHERE campaign_id = ? "
		"AND unit_id = ? AND question = ? ORDER BY id", "ttt", campaign, unit, question),
		out, sizeof(struct cc_history_rec), history_row, err);
}

int cc_store_put_review(struct cc_store *s, const char *campaign,
			const struct cc_review_rec *r, struct cc_error *err)
{
	return cc__run(s, err,
		       "INSERT INTO review (campaign_id, unit_id, question, verdict, comment, "
		       "reviewer, at) VALUES (?, ?, ?, ?, ?, ?, " NOW ") ON CONFLICT "
		       "(campaign_id, unit_id, question) DO UPDATE SET verdict = excluded.verdict, "
		       "comment = excluded.comment, reviewer = excluded.reviewer, at = excluded.at",
		       "tttttt", campaign, r->unit, r->question, r->verdict,
		       r->comment ? r->comment : "", r->reviewer);
}

static int review_row(struct cc_list *l, cc__stmt *st, void *item)
{
	struct cc_review_rec *r = item;

	r->unit = cc__col_text(l, st, 0);
	r->question = cc__col_text(l, st, 1);
	r->verdict = cc__col_text(l, st, 2);
	r->comment = cc__col_text(l, st, 3);
	r->reviewer = cc__col_text(l, st, 4);
	r->at = cc__col_text(l, st, 5);
	return r->unit && r->question && r->verdict ? 0 : -1;
}

int cc_store_reviews(struct cc_store *s, const char *campaign,
		     const char *unit, struct cc_list *out, struct cc_error *err)
{
	return cc__collect(s, cc__prepare(s, err,
		"SELECT unit_id, question, verdict, comment, reviewer, at FROM review "
		"WHERE campaign_id = ? AND unit_id = ? ORDER BY rowid", "tt", campaign, unit),
		out, sizeof(struct cc_review_rec), review_row, err);
}

int cc_store_add_evidence(struct cc_store *s, const char *campaign,
			  const struct cc_evidence_rec *e, long long *id,
			  struct cc_error *err)
{
	char size[32];
	int rc;

	snprintf(size, sizeof(size), "%lld", e->size);
	rc = cc__run(s, err,
		     "INSERT INTO evidence (campaign_id, unit_id, question, kind, url, sha256, "
		     "filename, mime, size, author, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, " NOW ")",
		     "tttttttttt", campaign, e->unit, e->question, e->kind, e->url ? e->url : "",
		     e->sha256 ? e->sha256 : "", e->filename ? e->filename : "",
		     e->mime ? e->mime : "", size, e->author);
	if (!rc && id)
		*id = cc__last_id(s);
	return rc;
}

static int evidence_row(struct cc_list *l, cc__stmt *st, void *item)
{
	struct cc_evidence_rec *e = item;

	e->id = cc__int64(st, 0);
	e->unit = cc__col_text(l, st, 1);
	e->question = cc__col_text(l, st, 2);
	e->kind = cc__col_text(l, st, 3);
	e->url = cc__col_text(l, st, 4);
	e->sha256 = cc__col_text(l, st, 5);
	e->filename = cc__col_text(l, st, 6);
	e->mime = cc__col_text(l, st, 7);
	e->size = cc__int64(st, 8);
	e->author = cc__col_text(l, st, 9);
	e->at = cc__col_text(l, st, 10);
	return e->unit && e->question && e->kind ? 0 : -1;
}

int cc_store_evidence(struct cc_store *s, const char *campaign,
		      const char *unit, struct cc_list *out, struct cc_error *err)
{
	return cc__collect(s, cc__prepare(s, err,
		"SELECT id, unit_id, question, kind, url, sha256, filename, mime, size, author, at "
		"FROM evidence WHERE campaign_id = ? AND unit_id = ? ORDER BY id", "tt",
		campaign, unit), out, sizeof(struct cc_evidence_rec), evidence_row, err);
}
