/*
 * http_drill_control.c - live control of a drill (docs/api.md, "Drills"):
 * the timeline of what is due and delivered (staff), delivering or
 * skipping an inject now and adding an ad-hoc one (director and
 * controllers), and the event stream every participant follows
 * (text/event-stream; each viewer gets only what they may see).
 */
#include "http_drill.h"

#include "live.h"
#include "sse.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define D(req) ((req)->params[0])
#define I(req) ((req)->params[1])

int cc_h_drill_timeline(struct cc_req *req, struct cc_resp *resp)
{
	struct cc_drill d;
	unsigned roles;
	char team[129];
	double now = cc_live_now(), clock, due;
	json_t *injects;

	if (!cc__drill_may(req, resp, CC_DRILL_TIMELINE, &roles, team))
		return CC_OK;
	if (!cc__drill_load(req, resp, &d)) {
		cc_drill_free(&d);
		return CC_OK;
	}
	clock = cc_drill_clock_now(&d, now);
	due = d.status == CC_DRILL_RUNNING ? cc_drill_next_due(&d.sc, d.state, clock) : -1;
	injects = json_array();
	for (int k = 0; k < d.ninjects; k++)
		json_array_append_new(injects, cc__drill_inject_staff(&d, &d.injects[d.order[k]]));
	cc_resp_json(resp, 200, json_pack("{s:s,s:s,s:f,s:f,s:o,s:o}", "id", d.d->id, "status",
		cc_drill_status_name(d.status), "speed", d.d->speed, "clock", clock, "next_due_at",
		due < 0 ? json_null() : cc__json_wall(cc_drill_wall_at(due, clock, now, d.d->speed)),
		"injects", injects));
	cc_drill_free(&d);
	resp->etag = 0;
	return CC_OK;
}

/* The inject's timeline entry after a change, as 200 (201 when added). */
static int send_inject(struct cc_req *req, struct cc_resp *resp, const char *id, int status)
{
	struct cc_drill d;
	int i;

	if (!cc__drill_load(req, resp, &d)) {
		cc_drill_free(&d);
		return CC_OK;
	}
	i = cc_drill_inject_index(&d, id);
	if (i < 0)
		cc_resp_error(resp, 500, "internal", NULL, "the inject is gone");
	else
		cc_resp_json(resp, status, cc__drill_inject_staff(&d, &d.injects[i]));
	cc_drill_free(&d);
	resp->etag = 0;
	return CC_OK;
}

static int deliver_or_skip(struct cc_req *req, struct cc_resp *resp, bool skip)
{
	struct cc_error err;
	unsigned roles;
	char team[129];
	int rc;

	if (!cc__drill_may(req, resp, CC_DRILL_CONTROL, &roles, team))
		return CC_OK;
	cc_error_clear(&err);
	pthread_mutex_lock(req->store_lock);
	rc = (skip ? cc_drills_skip : cc_drills_deliver)(req->store, req->data_dir, D(req), I(req),
						       req->who->email, cc_live_now(), &err);
	pthread_mutex_unlock(req->store_lock);
	if (rc)
		return cc_resp_from_error(resp, &err, 422);
	cc__drill_changed(req);
	return send_inject(req, resp, I(req), 200);
}

int cc_h_drill_deliver(struct cc_req *req, struct cc_resp *resp)
{
	return deliver_or_skip(req, resp, false);
}

int cc_h_drill_skip(struct cc_req *req, struct cc_resp *resp)
{
	return deliver_or_skip(req, resp, true);
}

int cc_h_drill_adhoc(struct cc_req *req, struct cc_resp *resp)
{
	struct cc_adhoc_new a = {0};
	struct cc_error err;
	unsigned roles;
	char team[129], id[128];
	json_t *body;
	int rc;

	if (!cc__drill_may(req, resp, CC_DRILL_CONTROL, &roles, team))
		return CC_OK;
	if (!(body = cc_req_json(req, resp)))
		return CC_OK;
	if (!cc_json_text(body, "id", true, 200, &a.id, resp) ||
	    !cc_json_text(body, "title", false, 20000, &a.title, resp) ||
	    !cc_json_text(body, "content", false, 60000, &a.content, resp) ||
	    !cc_json_text(body, "channel", false, 100, &a.channel, resp) ||
	    !cc_json_text(body, "from", true, 20000, &a.from, resp) ||
	    !cc_json_text(body, "notes", true, 60000, &a.notes, resp) ||
	    !cc__json_strings(body, "to", "to", false, 1000, &a.to, &a.nto, resp)) {
		json_decref(body);
		return CC_OK;
	}
	cc_error_clear(&err);
	pthread_mutex_lock(req->store_lock);
	rc = cc_drills_adhoc(req->store, req->data_dir, D(req), &a, req->who->email, cc_live_now(),
			     id, &err);
	pthread_mutex_unlock(req->store_lock);
	free((void *)a.to);
	json_decref(body);
	if (rc)
		return cc_resp_from_error(resp, &err, 422);
	cc__drill_changed(req);
	return send_inject(req, resp, id, 201);
}

/* ---- the event stream ---- */

/* Last-Event-ID: the id of the last event the viewer has (digits). */
static int last_event_id(struct cc_req *req, struct cc_resp *resp, long long *after)
{
	const char *h = cc_req_header(req, "Last-Event-ID");
	char *end;

	*after = 0;
	if (!h || !*h)
		return 1;
	errno = 0;
	*after = strtoll(h, &end, 10);
	if (*end || errno || *after < 0 || h[0] == '-' || h[0] == '+' || h[0] == ' ') {
		cc_resp_error(resp, 400, "bad_parameter", "Last-Event-ID", "Last-Event-ID is the id "
			      "of an event (a whole number)");
		return 0;
	}
	return 1;
}

int cc_h_drill_events(struct cc_req *req, struct cc_resp *resp)
{
	struct cc_error err;
	unsigned roles;
	char team[129];
	long long after;

	if (!cc__drill_may(req, resp, CC_DRILL_VIEW, &roles, team) ||
	    !last_event_id(req, resp, &after))
		return CC_OK;
	if (!req->live)
		return cc_resp_error(resp, 500, "internal", NULL, "no event streams here");
	cc_error_clear(&err);
	resp->stream = cc_live_stream(req->live, D(req), roles, team, after, &err);
	if (!resp->stream)
		return cc_resp_from_error(resp, &err, 400);
	resp->status = 200;
	resp->content_type = "text/event-stream; charset=utf-8";
	resp->cache = "no-store";
	return CC_OK;
}
