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
/* cc__partners_open, then the request's JSON body into *body (free with
 * json_decref); 1, or 0 after filling resp (c then freed). */
int cc__partners_open_body(struct cc_req *req, struct cc_resp *resp, struct cc_pcaller *c,
			   json_t **body);
/* Path parameter i as an id; 1, or 0 after a 404. */
int cc__partners_id(struct cc_req *req, struct cc_resp *resp, int i, const char *what,
		    long long *id);
/* Frees c; then the error, or status with out (stolen). */
int cc__partners_reply(struct cc_req *req, struct cc_resp *resp, struct cc_pcaller *c, int rc,
		       const struct cc_error *err, int status, json_t *out);

/* A store call under the server's store lock, its status into rc. */
#define CALL(expr) do { \
		pthread_mutex_lock(req->store_lock); \
		rc = (expr); \
		pthread_mutex_unlock(req->store_lock); \
	} while (0)

#endif
