/*
 * respondents.h - workshops of respondents: a maturity review hears many
 * people on one assessment (one unit in one campaign). The facilitator
 * adds respondents (an account, new or existing, granted the role
 * `respondent` for exactly that assessment), each answers in their own
 * sign-in or in the facilitator's hand, and the facilitator records the
 * consensus as the assessment's own answer (workflow.h). Respondents'
 * answers (dissent) stay on record, with every change in a history table
 * and the audit trail, in the same transaction.
 *
 * Writes follow the answers' rule (cc_workflow_check_open): only while the
 * assessment takes answers. Errors: CC_ENOTFOUND (campaign, unit,
 * respondent, question), CC_ECONFLICT (state, a respondent twice),
 * CC_EINPUT (err->file names the field), CC_ELIMIT (too many respondents).
 */
#ifndef CC_RESPONDENTS_H
#define CC_RESPONDENTS_H

#include <stdbool.h>

#include "../core/spread.h"
#include "../format/workshop_xlsx.h"
#include "service.h"

#define CC_RESPONDENTS_MAX 200          /* per assessment, removed ones too */
#define CC_RESPONDENT_TEXT_MAX 200      /* name and organisation, bytes */
#define CC_EMAIL_MAX 254

/* The stakeholder groups, NULL-terminated. */
extern const char *const cc_respondent_groups[];
bool cc_respondent_group_valid(const char *group);

struct cc_respondent_new {
	const char *email, *name, *organisation, *group;
};

struct cc_respondent_added {
	long long id, user_id;
	bool created;           /* a new account was made */
	bool restored;          /* a removed respondent came back */
	char token[65];         /* set-password token, "" when the account
				   has a password already */
	char expires_at[32];
};

/* Checks r (field-named CC_EINPUT) without touching the store. */
int cc_respondents_check(const struct cc_respondent_new *r, struct cc_error *err);

/* given with the spaces around its texts trimmed (into c's buffers; c->r
 * points there), then checked as cc_respondents_check does. */
struct cc_respondent_clean {
	struct cc_respondent_new r;
	char email[CC_EMAIL_MAX + 1], name[CC_RESPONDENT_TEXT_MAX + 1],
	     organisation[CC_RESPONDENT_TEXT_MAX + 1];
};
int cc_respondents_clean(const struct cc_respondent_new *given, struct cc_respondent_clean *c,
			 struct cc_error *err);

/* The account of r->email (out->user_id), made (audited, out->created)
 * when there is none; *has_password says whether it can sign in already.
 * Inside the caller's transaction; shared with the risk workshops
 * (risk_workshop.h), whose participants are accounts of the same kind. */
int cc_respondents_account(struct cc_store *s, const struct cc_respondent_new *r,
			   const char *actor, struct cc_respondent_added *out, bool *has_password,
			   struct cc_error *err);

int cc_respondents_add(struct cc_store *s, const char *campaign, const char *unit,
		       const struct cc_respondent_new *r, const char *actor,
		       struct cc_respondent_added *out, struct cc_error *err);
/* Takes the grant back and marks the respondent removed; answers stay. */
int cc_respondents_remove(struct cc_store *s, const char *campaign, const char *unit,
			  long long id, const char *actor, struct cc_error *err);
/* Saves a respondent's answer, checked as the assessment's answers are
 * (cc_workflow_check_answer; indicators are not theirs to answer). An
 * empty answer with an empty comment clears it. */
int cc_respondents_answer(struct cc_store *s, const char *campaign, const char *unit,
			  long long id, const char *question, const char *answer,
			  const char *comment, const char *actor, struct cc_error *err);

/* ---- the facilitator's view ---- */

struct cc_response {
	const struct cc_respondent_rec *who;
	const struct cc_respondent_answer_rec *a;
	const char *label;      /* the answer in words ("" for none) */
};

struct cc_question_view {
	int node;
	const struct cc_answer_rec *consensus;   /* NULL: none recorded */
	const char *consensus_label;
	struct cc_response *responses;
	int nresponses;
	struct cc_spread spread;
	struct cc_spread_count *counts;
};

struct cc_workshop {
	const char *unit;
	struct cc_list campaign, respondents, answers, consensus;
	struct cc_framework fw;
	struct cc_arena arena;
	struct cc_question_view *questions;   /* every question, framework order */
	int nquestions;
	int active;                           /* respondents not removed */
};

/* Loads the workshop of (campaign, unit): respondents, their answers and
 * the consensus per question, with the spread. with_removed: removed
 * respondents' answers are in the responses too (they never count in the
 * spread). Freed by cc_workshop_free, also after an error. */
int cc_workshop_load(struct cc_store *s, const char *campaign, const char *unit,
		     bool with_removed, struct cc_workshop *w, struct cc_error *err);
void cc_workshop_free(struct cc_workshop *w);

/* The annex workbook of a loaded workshop (removed respondents too). */
int cc_workshop_annex(const struct cc_workshop *w, const char *path,
		      struct cc_error *err);

#endif
