/*
 * http_partners.h - what the partnership handlers share
 * (http_partners.c, http_partners_deals.c): the caller, the refusal and
 * the reply.
 */
#ifndef CC_HTTP_PARTNERS_H
#define CC_HTTP_PARTNERS_H

#include "router.h"

#include "../service/partners.h"

/* Loads the caller's partnership rights (today: ?at= or the clock);
 * 1, or 0 after filling resp. Free with cc_pcaller_free. */
int cc__partners_open(struct cc_req *req, struct cc_resp *resp, struct cc_pcaller *c);
/* The response for a service error: CC_EFORBIDDEN 401 anonymous / 403,
 * input 422 naming the field, 404, 409. */
int cc__partners_fail(struct cc_req *req, struct cc_resp *resp, const struct cc_error *err);
/* Path parameter i as an id; 1, or 0 after a 404. */
int cc__partners_id(struct cc_req *req, struct cc_resp *resp, int i, const char *what,
		    long long *id);
/* Frees c; then the error, or status with out (stolen). */
int cc__partners_reply(struct cc_req *req, struct cc_resp *resp, struct cc_pcaller *c, int rc,
		       const struct cc_error *err, int status, json_t *out);

#endif
