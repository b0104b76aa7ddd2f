/*
 * risk_workshop.h - workshops of a risk assessment, as maturity
 * assessments have them (respondents.h): the facilitator (whoever keeps
 * the register, auth.h cc_auth_risk) adds participants (stakeholder
 * groups: an account, new or existing, with a one-time set-password
 * token when it has no password), each rates likelihood and impact per
 * scenario and phase in their own sign-in, the facilitator sees the
 * spread (core/risk.h cc_risk_spread) and records the agreed rating as
 * the risk's own (risks.h cc_risk_set_rating, "workshop": true) with the
 * dissent noted. Participants' ratings stay on record, every change in a
 * history table and the audit chain; they are never published.
 *
 * A participant holds no role grant: a risk assessment is in no campaign,
 * and role_grant's scope is a campaign's. The risk routes look the caller
 * up among the assessment's participants (cc_store_participant by user).
 *
 * Errors as risks.h; CC_ECONFLICT for a participant twice, CC_ELIMIT
 * past CC_RESPONDENTS_MAX participants.
 */
#ifndef CC_RISK_WORKSHOP_H
#define CC_RISK_WORKSHOP_H

#include "respondents.h"
#include "risks.h"

/* Adds a participant {"email", "name", "organisation"?, "group"} (the
 * respondents' rules, cc_respondents_check); a removed one comes back. */
int cc_risk_participant_add(struct cc_store *s, const char *assessment,
			    const struct cc_respondent_new *r, const char *actor,
			    struct cc_respondent_added *out, struct cc_error *err);
/* Marks a participant removed; their ratings stay (and no longer count). */
int cc_risk_participant_remove(struct cc_store *s, const char *assessment, long long id,
			       const char *actor, struct cc_error *err);
/* A participant's rating of risk {"phase"? (default current),
 * "likelihood", "impacts" | "impact", "comment"?}, checked against the
 * assessment's matrix as the risk's own ratings are. */
int cc_risk_participant_rate(struct cc_store *s, const char *assessment, long long id,
			     const char *risk, const json_t *body, const char *actor,
			     struct cc_error *err);

/* A participant record as JSON (no ratings). */
json_t *cc_participant_json(const struct cc_participant_rec *p);
/* What a participant sees: their record, every scenario to rate (id,
 * title, scenario, sectors, threat, actor, vulnerabilities; no ratings
 * but their own, no treatments, no owner) and their own ratings. */
int cc_risk_participant_view(struct cc_store *s, const struct cc_register *reg,
			     const struct cc_participant_rec *p, json_t **out,
			     struct cc_error *err);
/* The facilitator's view: per risk and phase, every active participant's
 * rating, the spread of likelihood, impact, level and each dimension, and
 * the risk's own (agreed) rating. */
int cc_risk_workshop_view(struct cc_store *s, const struct cc_register *reg, json_t **out,
			  struct cc_error *err);

#endif
