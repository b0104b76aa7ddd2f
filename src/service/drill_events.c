/*
 * drill_events.c - what a delivery, a skip, a status change or an ad-hoc
 * inject writes (see drill_internal.h): the inject's state, the events
 * each kind of viewer is told (players: `inject` per team, or one for
 * all; staff: `delivery`, `skip`; everyone: `status`), and the audit row.
 */
#include "drill_internal.h"

#include "workflow.h"

#include "../core/framework.h"
#include "../format/wall_time.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int cc__drill_event(struct cc_store *s, const char *drill, enum cc_drill_event_kind kind,
		    const char *team, json_t *payload, double now, struct cc_error *err)
{
	char *text = payload ? json_dumps(payload, JSON_COMPACT | JSON_REAL_PRECISION(10)) : NULL;
	struct cc_drill_event_rec e = {.kind = cc_drill_event_kind_name(kind), .team = team,
				       .payload = text, .at = now};
	int rc = text ? cc_store_add_drill_event(s, drill, &e, NULL, err) :
		cc_error_set(err, CC_ENOMEM, NULL, 0, 0, "out of memory");

	free(text);
	json_decref(payload);
	return rc;
}

static json_t *nullable(const char *s)
{
	return s ? json_string(s) : json_null();
}

json_t *cc__drill_player_inject(const struct cc_drill_inject *x)
{
	char at[CC_WALL_ISO_SIZE];

	cc_wall_iso(x->done_at, at);
	return json_pack("{s:s,s:s,s:s,s:s,s:o,s:f,s:s}", "id", x->id, "title", x->title,
			 "content", x->content, "channel", x->channel, "from", nullable(x->from),
			 "clock", x->clock, "at", at);
}

static json_t *team_ids(const struct cc_drill *d, const struct cc_drill_inject *x)
{
	json_t *a = json_array();

	for (int t = 0; t < (x->to_all ? d->nteams : x->nto); t++)
		json_array_append_new(a, json_string(x->to_all ? d->teams[t].id : x->to[t]));
	return a;
}

/* The staff's view of a delivery: the players' fields, and to whom, by
 * whom, whether ad-hoc. */
static json_t *delivery_json(const struct cc_drill *d, const struct cc_drill_inject *x)
{
	json_t *o = cc__drill_player_inject(x);

	json_object_set_new(o, "to", team_ids(d, x));
	json_object_set_new(o, "to_all", json_boolean(x->to_all));
	json_object_set_new(o, "by", json_string(x->by));
	json_object_set_new(o, "adhoc", json_boolean(x->scenario < 0));
	return o;
}

static int delivery_events(struct cc_store *s, const struct cc_drill *d,
			   const struct cc_drill_inject *x, double now, struct cc_error *err)
{
	int rc = CC_OK;

	if (x->to_all)
		rc = cc__drill_event(s, d->d->id, CC_EV_INJECT, NULL, cc__drill_player_inject(x),
				     now, err);
	for (int t = 0; !rc && !x->to_all && t < x->nto; t++)
		rc = cc__drill_event(s, d->d->id, CC_EV_INJECT, x->to[t],
				     cc__drill_player_inject(x), now, err);
	if (!rc)
		rc = cc__drill_event(s, d->d->id, CC_EV_DELIVERY, NULL, delivery_json(d, x), now,
				     err);
	return rc;
}

static int audit_inject(struct cc_store *s, const struct cc_drill *d,
			const struct cc_drill_inject *x, const char *action, const char *by,
			struct cc_error *err)
{
	char entity[400], clock[64];

	snprintf(entity, sizeof(entity), "drill:%s/inject:%s", d->d->id, x->id);
	snprintf(clock, sizeof(clock), "%.3f", x->clock);
	return cc_workflow_audit(s, by, action, entity, NULL,
				 cc_workflow_audit_json("clock", clock, "state", action), err);
}

static int move(struct cc_store *s, struct cc_drill *d, int i, const char *by, double now,
		enum cc_inject_state to, struct cc_error *err)
{
	struct cc_drill_inject *x = &d->injects[i];
	struct cc_inject_state_rec r = {.inject = x->id, .at = now, .by = by,
		.state = to == CC_INJECT_DELIVERED ? "delivered" : "skipped",
		.clock = cc_drill_clock_now(d, now)};
	int rc = cc_store_move_inject(s, d->d->id, &r, err);

	if (rc)
		return rc;
	x->state = to;
	x->done_at = now;
	x->clock = r.clock;
	x->by = by;
	if (x->scenario >= 0)
		d->state[x->scenario] = (unsigned char)to;
	return CC_OK;
}

int cc__drill_deliver(struct cc_store *s, struct cc_drill *d, int i, const char *by,
		      double now, struct cc_error *err)
{
	int rc = move(s, d, i, by, now, CC_INJECT_DELIVERED, err);

	if (!rc)
		rc = delivery_events(s, d, &d->injects[i], now, err);
	if (!rc)
		rc = audit_inject(s, d, &d->injects[i], "deliver", by, err);
	return rc;
}

int cc__drill_skip(struct cc_store *s, struct cc_drill *d, int i, const char *by,
		   double now, struct cc_error *err)
{
	const struct cc_drill_inject *x = &d->injects[i];
	char at[CC_WALL_ISO_SIZE];
	int rc = move(s, d, i, by, now, CC_INJECT_SKIPPED, err);

	cc_wall_iso(now, at);
	if (!rc)
		rc = cc__drill_event(s, d->d->id, CC_EV_SKIP, NULL,
				     json_pack("{s:s,s:s,s:f,s:s,s:s}", "id", x->id, "title",
					       x->title, "clock", x->clock, "at", at, "by", by),
				     now, err);
	if (!rc)
		rc = audit_inject(s, d, x, "skip", by, err);
	return rc;
}

int cc__drill_status_event(struct cc_store *s, const struct cc_drill *d, const char *status,
			   double clock, double now, struct cc_error *err)
{
	char at[CC_WALL_ISO_SIZE];

	cc_wall_iso(now, at);
	return cc__drill_event(s, d->d->id, CC_EV_STATUS, NULL,
			       json_pack("{s:s,s:f,s:s}", "status", status, "clock", clock,
					 "at", at), now, err);
}

/* ---- ad-hoc injects ---- */

static int check_adhoc(const struct cc_drill *d, const struct cc_adhoc_new *a,
		       struct cc_error *err)
{
	static const char *const channels[] = {"email", "phone", "media", "social", "handout",
					       "system"};
	bool channel = false;

	if (cc__drill_text(a->title, "title", CC_DRILL_TITLE_MAX, false, err) ||
	    cc__drill_text(a->content, "content", CC_DRILL_TEXT_MAX, true, err) ||
	    (a->from && cc__drill_text(a->from, "from", CC_DRILL_TITLE_MAX, false, err)) ||
	    (a->notes && cc__drill_text(a->notes, "notes", CC_DRILL_TEXT_MAX, true, err)))
		return CC_EINPUT;
	for (int c = 0; a->channel && c < 6; c++)
		channel |= strcmp(a->channel, channels[c]) == 0;
	if (!channel)
		return cc_error_set(err, CC_EINPUT, "channel", 0, 0, "channel is email, phone, "
				    "media, social, handout or system");
	if (a->nto == 0)
		return cc_error_set(err, CC_EINPUT, "to", 0, 0, "to names the teams, or [\"all\"]");
	for (int t = 0; t < a->nto; t++) {
		bool all = strcmp(a->to[t], "all") == 0;
		if ((all && a->nto > 1) || (!all && cc_drill_team_index(d, a->to[t]) < 0))
			return cc_error_set(err, CC_EINPUT, "to", 0, 0, "%s", all ?
					    "\"all\" stands alone in to" : "to names a team the "
					    "drill does not have");
	}
	if (a->id && (strlen(a->id) > 64 || !cc_framework_valid_id(a->id, strlen(a->id))))
		return cc_error_set(err, CC_EINPUT, "id", 0, 0, "an inject id is 1 to 64 letters, "
				    "digits, '_', '.', ':' or '-'");
	if (a->id && cc_drill_inject_index(d, a->id) >= 0)
		return cc_error_set(err, CC_ECONFLICT, "id", 0, 0, "drill %s has an inject \"%s\" "
				    "already", d->d->id, a->id);
	if (d->ninjects - d->sc.ninjects >= CC_DRILL_MAX_ADHOC)
		return cc_error_set(err, CC_ELIMIT, "id", 0, 0, "a drill has at most %d ad-hoc "
				    "injects", CC_DRILL_MAX_ADHOC);
	return CC_OK;
}

/* The teams as stored: "all" or ids joined by '|' (malloc'd). */
static char *joined(const struct cc_adhoc_new *a)
{
	size_t n = 1;
	char *out;

	for (int t = 0; t < a->nto; t++)
		n += strlen(a->to[t]) + 1;
	out = malloc(n);
	if (!out)
		return NULL;
	out[0] = '\0';
	for (int t = 0; t < a->nto; t++) {
		if (t)
			strcat(out, "|");
		strcat(out, a->to[t]);
	}
	return out;
}

int cc__drill_adhoc(struct cc_store *s, struct cc_drill *d, const struct cc_adhoc_new *a,
		    const char *actor, double now, char *id_out, struct cc_error *err)
{
	struct cc_adhoc_rec r = {.title = a->title, .content = a->content,
				 .channel = a->channel, .sender = a->from, .notes = a->notes,
				 .by = actor, .at = now};
	struct cc_inject_state_rec st = {.state = "delivered", .at = now, .by = actor,
					 .clock = cc_drill_clock_now(d, now)};
	struct cc_drill_inject x = {.title = a->title, .content = a->content,
				    .channel = a->channel, .from = a->from, .notes = a->notes,
				    .to = a->to, .nto = a->nto, .scenario = -1, .by = actor,
				    .state = CC_INJECT_DELIVERED, .done_at = now, .clock = st.clock};
	char *to;
	int rc = check_adhoc(d, a, err);

	if (rc)
		return rc;
	if (a->id)
		snprintf(id_out, 128, "%s", a->id);
	for (int n = d->ninjects - d->sc.ninjects + 1; !a->id; n++) {
		snprintf(id_out, 128, "adhoc-%d", n);
		if (cc_drill_inject_index(d, id_out) < 0)
			break;
	}
	x.to_all = strcmp(a->to[0], "all") == 0;
	x.id = r.inject = st.inject = id_out;
	if (!(to = joined(a)))
		return cc_error_set(err, CC_ENOMEM, NULL, 0, 0, "out of memory");
	r.to = to;
	rc = cc_store_add_adhoc(s, d->d->id, &r, err);
	if (!rc)
		rc = cc_store_add_inject_state(s, d->d->id, &st, err);
	if (!rc)
		rc = delivery_events(s, d, &x, now, err);
	if (!rc)
		rc = audit_inject(s, d, &x, "adhoc", actor, err);
	free(to);
	return rc;
}
