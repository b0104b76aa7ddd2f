/*
 * http_risks.h - what the risk assessment handlers share (http_risks.c,
 * http_risk_views.c, http_risk_workshop.c): loading an assessment's
 * register for a caller and deciding who may see it. Not for use outside
 * src/server.
 *
 * Who may (docs/api.md "Risk assessments"):
 *   team         admins, analysts and the unit's focal points (auth.h
 *                cc_auth_risk): everything;
 *   participant  an active participant of the assessment's workshop: the
 *                assessment record, their own record and ratings;
 *   anyone       once published: the assessment record (without who made
 *                it) and the public register.
 * Anonymous callers get 401 where signing in could help, others 403.
 */
#ifndef CC_HTTP_RISKS_H
#define CC_HTTP_RISKS_H

#include "router.h"

#include "../service/risks.h"

enum cc_risk_need {
	CC_RISK_TEAM,           /* the register's team */
	CC_RISK_MEMBER,         /* the team or an active participant */
	CC_RISK_PUBLIC,         /* the team, or anyone once published */
	CC_RISK_VISIBLE,        /* the team, a participant, or anyone once published */
};

struct cc_risk_call {
	struct cc_register reg;
	bool team;
	long long participant;          /* the caller's participant id, 0: none */
};

/* Loads the assessment named by the first path parameter for a caller
 * with need. Returns 1 (x filled: free with cc__risk_close), else 0 after
 * filling resp (404, 401, 403, 500). */
int cc__risk_open(struct cc_req *req, struct cc_resp *resp, enum cc_risk_need need,
		  struct cc_risk_call *x);
void cc__risk_close(struct cc_risk_call *x);

/* 1 when the caller is signed in and keeps some unit's register, else 0
 * after filling resp (401, 403): checked before a body is read. */
int cc__risk_team_somewhere(struct cc_req *req, struct cc_resp *resp);

/* "YYYY-MM-DD" of today (UTC) or of ?at=, into out[11] and *days; -1
 * after filling resp with 400 for another ?at=. */
int cc__risk_today(struct cc_req *req, struct cc_resp *resp, char *out, int *days);

#endif
