/*
 * http_audit.c - GET /api/v1/campaigns/{id}/audit: the statistical audit
 * (core/stats.h) of a published campaign's frozen results, as the JSON of
 * format/audit_json.h with the campaign added. Computed per request over
 * the snapshot, which is read-only; server.c caches the response, so a
 * campaign is audited about once per snapshot.
 */
#include "router.h"

#include "../core/stats.h"
#include "../format/audit_json.h"

int cc_h_audit(struct cc_req *req, struct cc_resp *resp)
{
	const struct cc_pub *p = cc__pub(req, resp);
	struct cc_stats_audit audit;
	json_t *body = NULL, *o;

	if (!p)
		return CC_OK;
	if (cc_stats_audit(&audit, &p->scores) == CC_OK) {
		o = cc_audit_json(&audit);
		/* "campaign" first, as in the other answers about a campaign. */
		body = o ? json_pack("{s:o}", "campaign", cc__campaign_json(p->c)) : NULL;
		if (body && json_object_update(body, o) != 0) {
			json_decref(body);
			body = NULL;
		}
		json_decref(o);
	}
	cc_stats_audit_free(&audit);
	return cc_resp_json(resp, 200, body);  /* NULL: 500 out of memory */
}
