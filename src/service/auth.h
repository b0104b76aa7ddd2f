/*
 * auth.h - who is asking, and may they: passwords (Argon2id), sessions
 * and API tokens (random secrets stored as SHA-256 hashes), and the role
 * rules of the campaign workflow.
 *
 * Roles: admin (everything); analyst (campaigns, review, validation,
 * publication); reviewer (review and return, in a campaign or for some
 * units); focal_point (answers and evidence for one unit). A grant may be
 * limited to a unit and/or a campaign; a grant without a limit covers all.
 * respondent (a workshop's participant) allows none of the actions below:
 * it is always limited to one campaign and one unit, and the workshop's
 * routes check it with cc_auth_is_respondent, for the respondent's own
 * answers only.
 *
 * Set-password tokens: a new account made for a respondent has no
 * password; cc_auth_issue_setup gives a one-time token (stored as its
 * SHA-256, valid CC_SETUP_TTL) with which its owner chooses one.
 */
#ifndef CC_AUTH_H
#define CC_AUTH_H

#include <stdbool.h>

#include "../store/store.h"

#define CC_SESSION_TTL (8 * 3600)
#define CC_TOKEN_TTL (365 * 24 * 3600)
#define CC_MAX_GRANTS 64
#define CC_PASSWORD_MIN 10
#define CC_PASSWORD_MAX 1024
#define CC_SETUP_TTL (7 * 24 * 3600)

struct cc_grant {
	char role[16];
	char unit[16];          /* "" : any */
	char campaign[128];     /* "" : any */
};

struct cc_principal {
	long long id;           /* 0: anonymous */
	char email[256];
	char name[256];
	char csrf[65];
	bool bearer;            /* authenticated by a bearer token */
	int ngrants;
	struct cc_grant grants[CC_MAX_GRANTS];
};

enum cc_action {
	CC_DO_READ_ASSESSMENT,  /* see answers, evidence, reviews */
	CC_DO_ANSWER,           /* write answers and evidence, submit */
	CC_DO_REVIEW,           /* accept or query answers, return */
	CC_DO_VALIDATE,         /* validate a submitted assessment */
	CC_DO_MANAGE_CAMPAIGN,  /* create campaigns, move their status */
	CC_DO_MANAGE_USERS,
	CC_DO_FACILITATE,       /* run an assessment's workshop: add and remove
				   respondents, answer in their hand */
	CC_DO_PLAN,             /* write a unit's action plans and read its
				   private ones (admin, analyst, the unit's
				   focal point; a grant limited to a campaign
				   does not cover plans, which are in none) */
	CC_DO_PREFILL,          /* pre-fill an assessment from another through a
				   mapping (focal points, analysts, admins) */
	CC_DO_RISK              /* keep a unit's risk register: its risk
				   assessments, risks, workshops (the same
				   roles and scope as CC_DO_PLAN) */
};

/* Argon2id string of password into out (crypto_pwhash_STRBYTES). */
int cc_auth_hash_password(const char *password, char *out, size_t size);
bool cc_auth_check_password(const char *hash, const char *password);

/* Checks email and password; on success creates a session and fills
 * token (the secret for the cookie, 65 bytes) and p. CC_EINPUT on wrong
 * credentials (the same answer for an unknown email). */
int cc_auth_login(struct cc_store *s, const char *email, const char *password,
		  char *token, struct cc_principal *p, struct cc_error *err);
/* A bearer token for scripts, valid CC_TOKEN_TTL. */
int cc_auth_issue_token(struct cc_store *s, long long user, char *token,
			struct cc_error *err);
/* The principal of a session or bearer token; CC_ENOTFOUND when none. */
int cc_auth_resolve(struct cc_store *s, const char *token, bool bearer,
		    struct cc_principal *p, struct cc_error *err);
int cc_auth_logout(struct cc_store *s, const char *token, struct cc_error *err);
/* Loads a user's grants into p (by id). */
int cc_auth_load(struct cc_store *s, long long user, struct cc_principal *p,
		 struct cc_error *err);

/* May p do action on (campaign, unit)? NULL campaign or unit: the action
 * is not about one (e.g. creating a campaign). */
bool cc_authz(const struct cc_principal *p, enum cc_action action,
	      const char *campaign, const char *unit);

/* Plans (service/plans.h): anyone reads a public plan; a private one,
 * and every write, need CC_DO_PLAN for the plan's unit. unit NULL: may p
 * write the plans of some unit? */
bool cc_auth_plan_read(const struct cc_principal *p, const char *unit, bool is_public);
bool cc_auth_plan_write(const struct cc_principal *p, const char *unit);

/* Risk assessments (service/risks.h): CC_DO_RISK for the unit. unit
 * NULL: may p keep the register of some unit? Participants of a risk
 * workshop hold no grant; the risk routes look them up. */
bool cc_auth_risk(const struct cc_principal *p, const char *unit);

/* Whether p holds role at all (any scope). */
bool cc_auth_has_role(const struct cc_principal *p, const char *role);

bool cc_auth_valid_role(const char *role);

/* Whether p holds the respondent role for exactly (campaign, unit). */
bool cc_auth_is_respondent(const struct cc_principal *p, const char *campaign,
			   const char *unit);

/* A one-time set-password token for user (64 hex characters into token,
 * its expiry, ISO 8601 UTC, into expires_at[32]); any earlier token of the
 * user stops working. Inside the caller's transaction. */
int cc_auth_issue_setup(struct cc_store *s, long long user, char *token,
			char *expires_at, struct cc_error *err);
/* Sets the password of the token's user and burns the token, audited.
 * CC_ENOTFOUND for a token that is unknown, used or expired (err->file
 * "token"); CC_EINPUT for a password shorter than CC_PASSWORD_MIN or
 * longer than CC_PASSWORD_MAX (err->file "password"). */
int cc_auth_use_setup(struct cc_store *s, const char *token, const char *password,
		      struct cc_error *err);

#endif
