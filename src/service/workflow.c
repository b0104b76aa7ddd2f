/*
 * workflow.c - campaign and assessment state machines, answers, reviews
 * and evidence, each change audited in its transaction (see workflow.h).
 */
#include "workflow.h"

#include "mappings.h"
#include "txn.h"

#include "../core/number.h"
#include "../format/csv.h"

#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---- helpers ---------------------------------------------------------- */

static int campaign_of(struct cc_store *s, const char *id, struct cc_list *l,
		       struct cc_error *err)
{
	return cc_store_campaign(s, id, l, err);
}


char *cc_workflow_audit_json3(const char *k1, const char *v1, const char *k2,
			      const char *v2, const char *k3, const char *v3)
{
	const char *k[3] = {k1, k2, k3}, *v[3] = {v1, v2, v3};
	json_t *o = json_object();
	char *t;

	for (int i = 0; i < 3; i++)
		if (k[i])
			json_object_set_new(o, k[i], v[i] ? json_string(v[i]) : json_null());
	t = json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS);
	json_decref(o);
	return t;
}

char *cc_workflow_audit_json(const char *k1, const char *v1, const char *k2,
			     const char *v2)
{
	return cc_workflow_audit_json3(k1, v1, k2, v2, NULL, NULL);
}

int cc_workflow_audit(struct cc_store *s, const char *actor, const char *action,
		      const char *entity, char *before, char *after, struct cc_error *err)
{
	int rc = cc_store_audit(s, actor, action, entity, before, after, err);

	free(before);
	free(after);
	return rc;
}


/* ---- campaigns -------------------------------------------------------- */

static int create_campaign(struct cc_store *s, const char *id, const char *framework,
			   const char *version, const char *title, int year,
			   const char *const *units, int nunits, const char *actor,
			   struct cc_error *err)
{
	struct cc_list fl;
	char hash[65], entity[200], detail[300];
	int rc = version ? cc_store_framework_version(s, framework, version, &fl, err) :
			   cc_store_framework(s, framework, NULL, &fl, err);

	if (rc == CC_ENOTFOUND && version)
		return cc_error_set(err, CC_EINPUT, "framework_version", 0, 0,
				    "framework %s has no version \"%s\"", framework, version);
	if (rc)
		return rc;
	snprintf(hash, sizeof(hash), "%s", ((struct cc_framework_rec *)fl.items)->hash);
	cc_list_free(&fl);
	for (int i = 0; i < nunits; i++)
		if (!cc_store_unit_exists(s, units[i]))
			return cc_error_set(err, CC_EINPUT, "units", 0, 0,
					    "unit \"%s\" is not known", units[i]);
	rc = cc_store_create_campaign(s, id, framework, hash, title, year, err);
	for (int i = 0; !rc && i < nunits; i++)
		rc = cc_store_add_assessment(s, id, units[i], err);
	snprintf(entity, sizeof(entity), "campaign:%s", id);
	snprintf(detail, sizeof(detail), "%d", nunits);
	if (!rc)
		rc = cc_workflow_audit(s, actor, "create", entity, NULL,
			   cc_workflow_audit_json("framework", framework, "units", detail), err);
	return rc;
}

int cc_workflow_create_campaign(struct cc_store *s, const char *id,
				const char *framework, const char *version,
				const char *title, int year,
				const char *const *units, int nunits,
				const char *actor, struct cc_error *err)
{
	if (!cc_framework_valid_id(id, strlen(id)))
		return cc_error_set(err, CC_EINPUT, "id", 0, 0,
				    "a campaign id is made of letters, digits, '_', '.', ':' or '-'");
	if (year < 1990 || year > 2999)
		return cc_error_set(err, CC_EINPUT, "year", 0, 0, "year must be a year such as 2026");
	CC_TXN(s, err, create_campaign(s, id, framework, version, title, year, units, nunits, actor,
				       err));
}

static bool legal_move(enum cc_campaign_status from, enum cc_campaign_status to)
{
	static const struct { enum cc_campaign_status from, to; } moves[] = {
		{CC_CAMPAIGN_DRAFT, CC_CAMPAIGN_OPEN}, {CC_CAMPAIGN_OPEN, CC_CAMPAIGN_REVIEW},
		{CC_CAMPAIGN_REVIEW, CC_CAMPAIGN_OPEN}, {CC_CAMPAIGN_REVIEW, CC_CAMPAIGN_CLOSED},
		{CC_CAMPAIGN_CLOSED, CC_CAMPAIGN_REVIEW}, {CC_CAMPAIGN_CLOSED, CC_CAMPAIGN_PUBLISHED},
	};

	for (size_t i = 0; i < sizeof(moves) / sizeof(moves[0]); i++)
		if (moves[i].from == from && moves[i].to == to)
			return true;
	return false;
}

static int set_status(struct cc_store *s, const char *campaign,
		      enum cc_campaign_status from, enum cc_campaign_status to,
		      const char *actor, const char *entity, struct cc_error *err)
{
	int rc = cc_store_set_status(s, campaign, to, err);

	if (!rc)
		rc = cc_workflow_audit(s, actor, "status", entity,
			   cc_workflow_audit_json("status", cc_campaign_status_name(from), NULL, NULL),
			   cc_workflow_audit_json("status", cc_campaign_status_name(to), NULL, NULL), err);
	return rc;
}

int cc_workflow_set_status(struct cc_store *s, const char *campaign,
			   enum cc_campaign_status to, const char *actor,
			   struct cc_error *err)
{
	struct cc_list l;
	enum cc_campaign_status from;
	char entity[200];
	int rc = campaign_of(s, campaign, &l, err);

	if (rc)
		return rc;
	from = ((struct cc_campaign_rec *)l.items)->status;
	cc_list_free(&l);
	if (!legal_move(from, to))
		return cc_error_set(err, CC_ECONFLICT, "status", 0, 0,
				    "campaign %s cannot go from %s to %s", campaign,
				    cc_campaign_status_name(from), cc_campaign_status_name(to));
	snprintf(entity, sizeof(entity), "campaign:%s", campaign);
	if (to == CC_CAMPAIGN_PUBLISHED) {
		/* Publishing freezes the results in its own transaction; the
		 * audit row follows it. */
		rc = cc_service_publish(s, campaign, err);
		if (rc)
			return rc;
		CC_TXN(s, err, cc_workflow_audit(s, actor, "status", entity, cc_workflow_audit_json("status",
			cc_campaign_status_name(from), NULL, NULL),
			cc_workflow_audit_json("status", "published", NULL, NULL), err));
	}
	CC_TXN(s, err, set_status(s, campaign, from, to, actor, entity, err));
}

/* ---- assessments ------------------------------------------------------ */

int cc_workflow_framework(struct cc_store *s, const char *campaign,
			  struct cc_framework *fw, struct cc_error *err)
{
	struct cc_list l;
	const struct cc_campaign_rec *c;
	int rc = campaign_of(s, campaign, &l, err);

	if (rc)
		return rc;
	c = l.items;
	rc = cc_service_framework(s, c->framework, c->framework_hash, fw, err);
	cc_list_free(&l);
	return rc;
}

static int add_evidence(struct cc_store *s, const char *campaign,
			const struct cc_evidence_rec *e, long long *id,
			struct cc_error *err);

int cc_workflow_load(struct cc_store *s, const char *campaign, const char *unit,
		     struct cc_list *campaign_out, struct cc_framework *fw,
		     struct cc_answers *answers, struct cc_error *err)
{
	const struct cc_campaign_rec *c;
	char status[32];
	int rc = campaign_of(s, campaign, campaign_out, err);

	if (rc)
		return rc;
	c = campaign_out->items;
	rc = cc_store_assessment_status(s, campaign, unit, status, sizeof(status), err);
	if (!rc)
		rc = cc_service_framework(s, c->framework, c->framework_hash, fw, err);
	if (rc) {
		cc_list_free(campaign_out);
		return rc;
	}
	rc = cc_workflow_unit_answers(s, campaign, unit, fw, answers, err);
	if (rc) {
		cc_framework_free(fw);
		cc_list_free(campaign_out);
	}
	return rc;
}

int cc_workflow_unit_answers(struct cc_store *s, const char *campaign, const char *unit,
			     const struct cc_framework *fw, struct cc_answers *answers,
			     struct cc_error *err)
{
	struct cc_list l;
	int u, rc;

	cc_answers_init(answers, fw);
	rc = cc_answers_unit(answers, unit, strlen(unit), &u, err);
	if (!rc)
		rc = cc_store_unit_answers(s, campaign, unit, &l, err);
	if (rc) {
		cc_answers_free(answers);
		return rc;
	}
	for (int i = 0; !rc && i < l.n; i++) {
		const struct cc_answer_rec *a = &((struct cc_answer_rec *)l.items)[i];
		rc = cc_answers_set(answers, u, a->question, strlen(a->question), a->answer,
				    strlen(a->answer), err);
	}
	cc_list_free(&l);
	if (rc)
		cc_answers_free(answers);
	return rc;
}

/* Why (campaign status cs, assessment status) allow no change, or CC_OK. */
static int refuse_closed(const char *campaign, const char *unit, enum cc_campaign_status cs,
			 const char *status, const char *doing, struct cc_error *err)
{
	if (cs != CC_CAMPAIGN_OPEN && !(cs == CC_CAMPAIGN_REVIEW && strcmp(status, "returned") == 0))
		return cc_error_set(err, CC_ECONFLICT, "status", 0, 0,
				    "campaign %s is %s: %s is not possible now", campaign,
				    cc_campaign_status_name(cs), doing);
	if (strcmp(status, "submitted") == 0 || strcmp(status, "validated") == 0)
		return cc_error_set(err, CC_ECONFLICT, "status", 0, 0,
				    "the assessment of %s is %s: %s is not possible now", unit,
				    status, doing);
	return CC_OK;
}

int cc_workflow_check_open(struct cc_store *s, const char *campaign, const char *unit,
			   const char *doing, char *status, struct cc_error *err)
{
	enum cc_campaign_status cs;
	int rc = cc_store_answer_state(s, campaign, unit, NULL, &cs, status, 32, NULL, err);

	return rc ? rc : refuse_closed(campaign, unit, cs, status, doing, err);
}

/* Saves one answer whose state (campaign status cs, assessment status,
 * the answer before it) was just read; mark NULL: written by the actor
 * (which confirms a pre-filled answer), else pre-filled from where mark
 * says (audited as "prefill"). */
static int answer_known(struct cc_store *s, const char *campaign, const char *unit,
			const struct cc_node *q, const char *answer, const char *comment,
			const struct cc_prefill_mark *mark, const char *actor,
			enum cc_campaign_status cs, const char *status, const char *before,
			struct cc_error *err)
{
	struct cc_answer_rec rec = {unit, q->id, answer, comment, NULL, {NULL, NULL, NULL}};
	char entity[400];
	int rc = refuse_closed(campaign, unit, cs, status, "answering", err);

	if (rc)
		return rc;
	snprintf(entity, sizeof(entity), "answer:%s/%s/%s", campaign, unit, q->id);
	if (mark)
		rec.prefill = *mark;
	rc = cc_store_put_answer(s, campaign, &rec, actor, err);
	if (!rc && mark) {
		char from[600];
		snprintf(from, sizeof(from), "%s %s %s", mark->mapping, mark->campaign, mark->source);
		rc = cc_workflow_audit(s, actor, "prefill", entity,
			   before ? cc_workflow_audit_json("answer", before, NULL, NULL) : NULL,
			   cc_workflow_audit_json("answer", answer, "from", from), err);
	} else if (!rc)
		rc = cc_workflow_audit(s, actor, "answer", entity,
			   before ? cc_workflow_audit_json("answer", before, NULL, NULL) : NULL,
			   cc_workflow_audit_json("answer", answer, "comment", comment ? comment : ""), err);
	if (!rc && strcmp(status, "in_progress") != 0 && strcmp(status, "returned") != 0)
		rc = cc_store_set_assessment_status(s, campaign, unit, "in_progress", err);
	return rc;
}

/* Saves one answer (answer_known): one read, then the writes. */
static int do_answer(struct cc_store *s, const char *campaign, const char *unit,
		     const struct cc_node *q, const char *answer, const char *comment,
		     const struct cc_prefill_mark *mark, const char *actor,
		     struct cc_error *err)
{
	char *before = NULL, status[32];
	enum cc_campaign_status cs;
	int rc = cc_store_answer_state(s, campaign, unit, q->id, &cs, status, sizeof(status),
				       &before, err);

	if (!rc)
		rc = answer_known(s, campaign, unit, q, answer, comment, mark, actor, cs, status,
				  before, err);
	free(before);
	return rc;
}

int cc_workflow_answer_node(struct cc_store *s, const char *campaign, const char *unit,
			    const struct cc_node *q, const char *text, const char *comment,
			    const char *actor, const struct cc_answer_state *state,
			    struct cc_error *err)
{
	if (state->rc) {
		*err = state->err;
		return state->rc;
	}
	return answer_known(s, campaign, unit, q, text, comment, NULL, actor,
			    state->campaign_status, state->status, state->before, err);
}

int cc_workflow_check_answer(const struct cc_framework *fw, const char *question,
			     const char *answer, int *node, const char **text,
			     size_t *len, struct cc_error *err)
{
	const struct cc_node *q;
	struct cc_answer parsed;
	char why[400];

	*len = strlen(answer);
	*text = cc_trim(answer, len);
	*node = cc_framework_find(fw, question);
	if (*node < 0 || fw->nodes[*node].kind == CC_GROUP)
		return cc_error_set(err, CC_ENOTFOUND, "question", 0, 0,
				    "the questionnaire has no question \"%s\"", question);
	q = &fw->nodes[*node];
	if (*len > 0 && !(q->kind == CC_QUESTION && q->qtype == CC_Q_TEXT) &&
	    !cc_answer_parse(q, *text, *len, &parsed, why, sizeof(why)))
		return cc_error_set(err, CC_EINPUT, "answer", 0, 0, "%s", why);
	if (*len > CC_ANSWER_MAX_BYTES)
		return cc_error_set(err, CC_EINPUT, "answer", 0, 0, "an answer is at most %d bytes",
				    CC_ANSWER_MAX_BYTES);
	return CC_OK;
}

int cc_workflow_answer(struct cc_store *s, const char *campaign,
		       const char *unit, const char *question, const char *answer_text,
		       const char *comment, const char *actor, struct cc_error *err)
{
	struct cc_framework fw;
	const char *text;
	size_t len;
	char *copy;
	int node, rc = cc_workflow_framework(s, campaign, &fw, err);

	if (rc)
		return rc;
	rc = cc_workflow_check_answer(&fw, question, answer_text, &node, &text, &len, err);
	copy = rc ? NULL : strndup(text, len);
	if (!rc && !copy)
		rc = cc_error_set(err, CC_ENOMEM, NULL, 0, 0, "out of memory");
	if (!rc && !(rc = cc_store_begin(s, err))) {
		rc = do_answer(s, campaign, unit, &fw.nodes[node], copy, comment, NULL, actor, err);
		if (!rc)
			rc = cc_store_commit(s, err);
		if (rc)
			cc_store_rollback(s);
	}
	free(copy);
	cc_framework_free(&fw);
	return rc;
}

/* Whether a bulk row without a mark leaves a pre-filled answer exactly as
 * it is (an uploaded workbook that still holds it): it is then not saved,
 * so that the answer stays to be confirmed; any change confirms it. */
static bool untouched_prefill(const struct cc_list *current, const struct cc_bulk_answer *row)
{
	if (row->prefill)
		return false;
	for (int i = 0; i < current->n; i++) {
		const struct cc_answer_rec *a = &((const struct cc_answer_rec *)current->items)[i];
		if (strcmp(a->question, row->question) == 0)
			return a->prefill.source && *a->prefill.source &&
			       strcmp(a->answer, row->answer) == 0 &&
			       strcmp(a->comment ? a->comment : "", row->comment ? row->comment : "") == 0;
	}
	return false;
}

static int answer_many(struct cc_store *s, const char *campaign, const char *unit,
		       const struct cc_framework *fw, const struct cc_bulk_answer *rows,
		       int n, const char *actor, int *saved, struct cc_error *err)
{
	struct cc_list current;
	int rc = cc_store_unit_answers(s, campaign, unit, &current, err);

	for (int i = 0; !rc && i < n; i++) {
		int node = cc_framework_find(fw, rows[i].question);

		if (node < 0 || fw->nodes[node].kind != CC_QUESTION) {
			rc = cc_error_set(err, CC_ENOTFOUND, "question", 0, 0,
					  "the questionnaire has no question \"%s\"", rows[i].question);
			break;
		}
		if (rows[i].answer && !untouched_prefill(&current, &rows[i])) {
			rc = do_answer(s, campaign, unit, &fw->nodes[node], rows[i].answer,
				       rows[i].comment ? rows[i].comment : "", rows[i].prefill,
				       actor, err);
			*saved += !rc;
		}
		if (!rc && rows[i].evidence_url) {
			struct cc_evidence_rec e = {.unit = unit, .question = rows[i].question,
						    .kind = "url", .url = rows[i].evidence_url,
						    .author = actor};
			rc = add_evidence(s, campaign, &e, NULL, err);
		}
	}
	cc_list_free(&current);
	return rc;
}

int cc_workflow_answer_many(struct cc_store *s, const char *campaign,
			    const char *unit, const struct cc_bulk_answer *rows,
			    int n, const char *actor, int *saved,
			    struct cc_error *err)
{
	struct cc_framework fw;
	int rc;

	*saved = 0;
	rc = cc_workflow_framework(s, campaign, &fw, err);
	if (rc)
		return rc;
	rc = cc_store_begin(s, err);
	if (!rc)
		rc = answer_many(s, campaign, unit, &fw, rows, n, actor, saved, err);
	if (!rc)
		rc = cc_store_commit(s, err);
	if (rc) {
		cc_store_rollback(s);
		*saved = 0;
	}
	cc_framework_free(&fw);
	return rc;
}

static int move_assessment(struct cc_store *s, const char *campaign, const char *unit,
			   const char *const *from, const char *to, const char *actor,
			   struct cc_error *err)
{
	char status[32], entity[300];
	int rc = cc_store_assessment_status(s, campaign, unit, status, sizeof(status), err), ok = 0;

	if (rc)
		return rc;
	for (int i = 0; from[i]; i++)
		ok |= strcmp(status, from[i]) == 0;
	if (!ok)
		return cc_error_set(err, CC_ECONFLICT, "status", 0, 0,
				    "the assessment of %s is %s; it cannot become %s", unit, status, to);
	snprintf(entity, sizeof(entity), "assessment:%s/%s", campaign, unit);
	rc = cc_store_set_assessment_status(s, campaign, unit, to, err);
	if (!rc)
		rc = cc_workflow_audit(s, actor, "status", entity, cc_workflow_audit_json("status", status, NULL, NULL),
			   cc_workflow_audit_json("status", to, NULL, NULL), err);
	return rc;
}

static int submit(struct cc_store *s, const char *campaign, const char *unit,
		  const char *actor, struct cc_error *err)
{
	static const char *const from[] = {"not_started", "in_progress", "returned", NULL};
	char status[32], missing[4096];
	int rc = cc_workflow_check_open(s, campaign, unit, "submitting", status, err), n;

	if (rc)
		return rc;
	n = cc_workflow_missing_evidence(s, campaign, unit, missing, sizeof(missing), err);
	if (n < 0)
		return n;
	if (n > 0)
		return cc_error_set(err, CC_EINPUT, "evidence", 0, 0,
				    "%d question%s still need%s the required evidence: %s", n,
				    n == 1 ? "" : "s", n == 1 ? "s" : "", missing);
	n = cc_prefill_pending(s, campaign, unit, missing, sizeof(missing), err);
	if (n < 0)
		return n;
	if (n > 0)
		return cc_error_set(err, CC_EINPUT, "prefilled", 0, 0,
				    "%d pre-filled answer%s %s not confirmed yet (confirm or change "
				    "each): %s", n, n == 1 ? "" : "s", n == 1 ? "is" : "are", missing);
	return move_assessment(s, campaign, unit, from, "submitted", actor, err);
}

int cc_workflow_submit(struct cc_store *s, const char *campaign,
		       const char *unit, const char *actor, struct cc_error *err)
{
	CC_TXN(s, err, submit(s, campaign, unit, actor, err));
}

int cc_workflow_return(struct cc_store *s, const char *campaign,
		       const char *unit, const char *actor, struct cc_error *err)
{
	static const char *const from[] = {"submitted", NULL};
	CC_TXN(s, err, move_assessment(s, campaign, unit, from, "returned", actor, err));
}

int cc_workflow_validate(struct cc_store *s, const char *campaign,
			 const char *unit, const char *actor, struct cc_error *err)
{
	static const char *const from[] = {"submitted", NULL};
	CC_TXN(s, err, move_assessment(s, campaign, unit, from, "validated", actor, err));
}

int cc_workflow_question_exists(struct cc_store *s, const char *campaign,
				const char *question, struct cc_error *err)
{
	struct cc_framework fw;
	int node, rc = cc_workflow_framework(s, campaign, &fw, err);

	if (rc)
		return rc;
	node = cc_framework_find(&fw, question);
	rc = node < 0 || fw.nodes[node].kind == CC_GROUP ?
		cc_error_set(err, CC_ENOTFOUND, "question", 0, 0,
			     "the questionnaire has no question \"%s\"", question) : CC_OK;
	cc_framework_free(&fw);
	return rc;
}

static int review(struct cc_store *s, const char *campaign, const char *unit,
		  const char *question, const char *verdict, const char *comment,
		  const char *actor, struct cc_error *err)
{
	struct cc_review_rec r = {unit, question, verdict, comment, actor, NULL};
	char status[32], entity[400];
	int rc = cc_store_assessment_status(s, campaign, unit, status, sizeof(status), err);

	if (rc)
		return rc;
	if (strcmp(status, "submitted") != 0)
		return cc_error_set(err, CC_ECONFLICT, "status", 0, 0,
				    "the assessment of %s is %s; answers are reviewed once submitted",
				    unit, status);
	snprintf(entity, sizeof(entity), "review:%s/%s/%s", campaign, unit, question);
	rc = cc_store_put_review(s, campaign, &r, err);
	if (!rc)
		rc = cc_workflow_audit(s, actor, "review", entity, NULL,
			   cc_workflow_audit_json("verdict", verdict, "comment", comment ? comment : ""), err);
	return rc;
}

int cc_workflow_review(struct cc_store *s, const char *campaign,
		       const char *unit, const char *question, const char *verdict,
		       const char *comment, const char *actor, struct cc_error *err)
{
	int rc;

	if (strcmp(verdict, "accepted") != 0 && strcmp(verdict, "query") != 0)
		return cc_error_set(err, CC_EINPUT, "verdict", 0, 0,
				    "verdict is \"accepted\" or \"query\"");
	if (strcmp(verdict, "query") == 0 && (!comment || !*comment))
		return cc_error_set(err, CC_EINPUT, "comment", 0, 0,
				    "a query needs a comment saying what is missing");
	rc = cc_workflow_question_exists(s, campaign, question, err);
	if (rc)
		return rc;
	CC_TXN(s, err, review(s, campaign, unit, question, verdict, comment, actor, err));
}

/* ---- evidence --------------------------------------------------------- */

int cc_workflow_missing_evidence(struct cc_store *s, const char *campaign,
				 const char *unit, char *buf, size_t size,
				 struct cc_error *err)
{
	struct cc_list c, ev;
	struct cc_framework fw;
	struct cc_answers a;
	unsigned char *state;
	size_t used = 0;
	int rc = cc_workflow_load(s, campaign, unit, &c, &fw, &a, err), n = 0;

	buf[0] = '\0';
	if (rc)
		return rc;
	cc_list_free(&c);
	rc = cc_store_evidence(s, campaign, unit, &ev, err);
	state = malloc((size_t)fw.nnodes + 1);
	if (!rc && !state)
		rc = cc_error_set(err, CC_ENOMEM, NULL, 0, 0, "out of memory");
	if (!rc) {
		cc_score_applicability(&fw, &a, 0, state);
		for (int l = 0; l < fw.nleaves; l++) {
			const struct cc_node *q = &fw.nodes[fw.leaves[l]];
			int have = 0;

			if (q->kind != CC_QUESTION || q->evidence != CC_EVIDENCE_REQUIRED ||
			    state[fw.leaves[l]] != CC_APPLIES ||
			    !cc_answer_present(cc_answers_cell(&a, 0, l)))
				continue;
			for (int e = 0; e < ev.n; e++)
				have |= strcmp(((struct cc_evidence_rec *)ev.items)[e].question, q->id) == 0;
			if (have)
				continue;
			if (used + strlen(q->id) + 3 < size)
				used += (size_t)snprintf(buf + used, size - used, "%s%s",
							 n ? ", " : "", q->id);
			n++;
		}
		cc_list_free(&ev);
	}
	free(state);
	cc_answers_free(&a);
	cc_framework_free(&fw);
	return rc ? rc : n;
}

static int add_evidence(struct cc_store *s, const char *campaign,
			const struct cc_evidence_rec *e, long long *id,
			struct cc_error *err)
{
	char status[32], entity[400];
	int rc = cc_workflow_check_open(s, campaign, e->unit, "adding evidence", status, err);

	if (rc)
		return rc;
	snprintf(entity, sizeof(entity), "evidence:%s/%s/%s", campaign, e->unit, e->question);
	rc = cc_store_add_evidence(s, campaign, e, id, err);
	if (!rc)
		rc = cc_workflow_audit(s, e->author, "evidence", entity, NULL,
			   cc_workflow_audit_json(e->url && *e->url ? "url" : "sha256",
				     e->url && *e->url ? e->url : e->sha256,
				     "filename", e->filename ? e->filename : ""), err);
	return rc;
}

int cc_workflow_check_url(const char *url, const char *field, struct cc_error *err)
{
	size_t n = strlen(url);

	if ((strncmp(url, "https://", 8) != 0 && strncmp(url, "http://", 7) != 0) ||
	    n > 2000 || n < 10)
		return cc_error_set(err, CC_EINPUT, field, 0, 0,
				    "evidence links start with https:// or http://");
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)url[i] <= ' ' || url[i] == '"' || url[i] == '<' || url[i] == '>')
			return cc_error_set(err, CC_EINPUT, field, 0, 0,
					    "a link cannot hold spaces, quotes or angle brackets");
	return CC_OK;
}

int cc_workflow_evidence_url(struct cc_store *s, const char *campaign,
			     const char *unit, const char *question,
			     const char *url, const char *actor, long long *id,
			     struct cc_error *err)
{
	struct cc_evidence_rec e = {0};
	int rc = cc_workflow_check_url(url, "url", err);

	if (!rc)
		rc = cc_workflow_question_exists(s, campaign, question, err);
	if (rc)
		return rc;
	e.unit = unit;
	e.question = question;
	e.kind = "url";
	e.url = url;
	e.author = actor;
	CC_TXN(s, err, add_evidence(s, campaign, &e, id, err));
}

struct filetype {
	const char *ext, *mime;
	const char *magic;
	size_t magic_len;
};

static const struct filetype filetypes[] = {
	{".pdf", "application/pdf", "%PDF-", 5},
	{".png", "image/png", "\x89PNG\r\n\x1a\n", 8},
	{".jpg", "image/jpeg", "\xFF\xD8\xFF", 3},
	{".jpeg", "image/jpeg", "\xFF\xD8\xFF", 3},
	{".docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "PK\x03\x04", 4},
	{".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "PK\x03\x04", 4},
	{".odt", "application/vnd.oasis.opendocument.text", "PK\x03\x04", 4},
	{".ods", "application/vnd.oasis.opendocument.spreadsheet", "PK\x03\x04", 4},
	{".txt", "text/plain", NULL, 0},
	{".csv", "text/csv", NULL, 0},
};

static const struct filetype *type_of(const char *name, const char *data, size_t len)
{
	const char *dot = strrchr(name, '.');

	for (size_t i = 0; dot && i < sizeof(filetypes) / sizeof(filetypes[0]); i++) {
		const struct filetype *t = &filetypes[i];
		if (strcasecmp(dot, t->ext) != 0)
			continue;
		if (t->magic)
			return len >= t->magic_len && memcmp(data, t->magic, t->magic_len) == 0 ? t : NULL;
		/* Text: no NUL bytes. */
		return memchr(data, '\0', len) ? NULL : t;
	}
	return NULL;
}

const char *cc_workflow_mime(const char *mime)
{
	for (size_t i = 0; mime && i < sizeof(filetypes) / sizeof(filetypes[0]); i++)
		if (strcmp(filetypes[i].mime, mime) == 0)
			return filetypes[i].mime;
	return "application/octet-stream";
}

void cc_workflow_clean_name(const char *filename, char name[201])
{
	const char *base = strrchr(filename, '/');
	size_t n = 0;

	base = base ? base + 1 : filename;
	for (const char *p = base; *p && n < 200; p++)
		name[n++] = (unsigned char)*p < ' ' || *p == '"' || *p == '\\' ? '_' : *p;
	name[n] = '\0';
	/* The name is shown and sent as JSON, which takes UTF-8 only: a byte
	 * that is not (%c0%af...), or a character cut by the length limit,
	 * becomes '_' too. */
	for (size_t at = 0; (at += cc_utf8_invalid(name + at, n - at)) < n; at++)
		name[at] = '_';
}

int cc_workflow_check_file(const char *name, const char *data, size_t len, size_t max,
			   const char **mime, struct cc_error *err)
{
	const struct filetype *t;

	if (len == 0)
		return cc_error_set(err, CC_EINPUT, "file", 0, 0, "the file is empty");
	if (len > max)
		return cc_error_set(err, CC_ELIMIT, "file", 0, 0, "files are at most %zu MB",
				    max >> 20);
	t = type_of(name, data, len);
	if (!t)
		return cc_error_set(err, CC_EINPUT, "file", 0, 0,
				    "\"%s\" is not an accepted file: PDF, PNG, JPEG, DOCX, XLSX, ODT, "
				    "ODS, TXT or CSV whose content matches its name", name);
	*mime = t->mime;
	return CC_OK;
}

int cc_workflow_keep_file(struct cc_store *s, const char *data_dir, const char *data,
			  size_t len, char sha[65], int *created, struct cc_error *err)
{
	unsigned char digest[crypto_hash_sha256_BYTES];

	crypto_hash_sha256(digest, (const unsigned char *)data, len);
	sodium_bin2hex(sha, 65, digest, sizeof(digest));
	return cc_store_keep_file(s, data_dir, sha, data, len, created, err);
}

int cc_workflow_evidence_file(struct cc_store *s, const char *data_dir,
			      const char *campaign, const char *unit,
			      const char *question, const char *filename,
			      const char *data, size_t len, const char *actor,
			      long long *id, struct cc_error *err)
{
	char sha[65], name[201];
	const char *mime = NULL;
	struct cc_evidence_rec e = {0};
	int rc, created = 0;

	cc_workflow_clean_name(filename, name);
	rc = cc_workflow_check_file(name, data, len, CC_EVIDENCE_MAX_BYTES, &mime, err);
	if (!rc)
		rc = cc_workflow_question_exists(s, campaign, question, err);
	if (!rc) {
		char status[32];
		/* Refuse before writing anything (checked again in the
		 * transaction). */
		rc = cc_workflow_check_open(s, campaign, unit, "adding evidence", status, err);
	}
	if (rc)
		return rc;
	rc = cc_workflow_keep_file(s, data_dir, data, len, sha, &created, err);
	if (rc)
		return rc;
	e.unit = unit;
	e.question = question;
	e.kind = "file";
	e.sha256 = sha;
	e.filename = name;
	e.mime = mime;
	e.size = (long long)len;
	e.author = actor;
	rc = cc_store_begin(s, err);
	if (!rc)
		rc = add_evidence(s, campaign, &e, id, err);
	if (!rc)
		rc = cc_store_commit(s, err);
	if (rc) {
		cc_store_rollback(s);
		/* No row names the file this call wrote: take it back. */
		if (created)
			cc_store_drop_file(s, data_dir, sha);
	}
	return rc;
}
