/*
 * partners_requests.c - countries' requests for support (see partners.h):
 * created by the unit's focal point with the gap or plan action they come
 * from, drafted from a plan action, and listed as the caller may see
 * them (public, partners, secretariat).
 */
#include "partners.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const priorities[] = {"high", "medium", "low", NULL};
static const char *const visibilities[] = {"public", "partners", "secretariat", NULL};
static const char *const source_kinds[] = {"node", "target", "action", NULL};

bool cc__planguage_ok(void *ctx, const char *v)
{
	size_t n = strlen(v);

	(void)ctx;
	for (size_t i = 0; i < n; i++)
		if (!islower((unsigned char)v[i]))
			return false;
	return n == 2 || n == 3;
}

static bool modality_ok(void *ctx, const char *v)
{
	(void)ctx;
	for (int i = 0; cc_partner_modalities[i]; i++)
		if (strcmp(cc_partner_modalities[i], v) == 0)
			return true;
	return false;
}

bool cc__pmodality_ok(void *ctx, const char *v)
{
	return modality_ok(ctx, v);
}

bool cc__prequest_visible(const struct cc_pcaller *c, const struct cc_prequest_rec *r)
{
	if (c->secretariat || cc_pcaller_focal_of(c, r->unit) || strcmp(r->visibility, "public") == 0)
		return true;
	return strcmp(r->visibility, "partners") == 0 && c->norgs > 0;
}

int cc__pforbid(struct cc_error *err, const char *what)
{
	return cc_error_set(err, CC_EFORBIDDEN, NULL, 0, 0, "%s", what);
}

/* ---- the source of a request ---- */

struct source {
	const char *kind, *framework, *node, *campaign, *target;
	long long action;
};

static int source_node(const json_t *src, const struct cc_snapshot *snap, struct source *o,
		       struct cc_error *err)
{
	int rc = cc__ptext(src, "framework", false, 128, &o->framework, err);

	if (!rc)
		rc = cc__ptext(src, "node", false, 200, &o->node, err);
	if (!rc)
		rc = cc__ptext(src, "campaign", false, 128, &o->campaign, err);
	if (!rc && !cc_snapshot_pub(snap, o->campaign))
		rc = cc_error_set(err, CC_EINPUT, "campaign", 0, 0,
				  "campaign \"%s\" is not a published campaign", o->campaign);
	return rc;
}

static int source_action(struct cc_store *s, const json_t *src, const char *unit,
			 struct source *o, struct cc_error *err)
{
	json_t *a = json_object_get(src, "action");
	struct cc_list l;
	int rc;

	if (!json_is_integer(a) || json_integer_value(a) < 1)
		return cc_error_set(err, CC_EINPUT, "action", 0, 0,
				    "action is the id of a plan action (a number)");
	o->action = json_integer_value(a);
	rc = cc_store_action_origin(s, o->action, &l, err);
	if (rc == CC_ENOTFOUND)
		err->code = rc = CC_EINPUT;
	if (rc)
		return rc;
	if (strcmp(((struct cc_action_origin_rec *)l.items)->unit, unit))
		rc = cc_error_set(err, CC_EINPUT, "action", 0, 0,
				  "plan action %lld is not in a plan of %s", o->action, unit);
	cc_list_free(&l);
	return rc;
}

/* body's "source" (optional) into o; errors name "source.FIELD". */
static int read_source(struct cc_store *s, const struct cc_snapshot *snap, const json_t *body,
		       const char *unit, struct source *o, struct cc_error *err)
{
	json_t *src = json_object_get(body, "source");
	int rc;

	memset(o, 0, sizeof(*o));
	if (!src || json_is_null(src))
		return CC_OK;
	if (!json_is_object(src))
		return cc_error_set(err, CC_EINPUT, "source", 0, 0,
				    "source is an object {\"kind\": \"node\" | \"target\" | \"action\", ...}");
	rc = cc__pchoice(src, "kind", false, source_kinds, &o->kind, err);
	if (!rc && strcmp(o->kind, "node") == 0)
		rc = source_node(src, snap, o, err);
	else if (!rc && strcmp(o->kind, "target") == 0) {
		rc = cc__ptext(src, "campaign", false, 128, &o->campaign, err);
		if (!rc)
			rc = cc__ptext(src, "target", false, 200, &o->target, err);
		if (!rc)
			rc = cc__ptext(src, "node", true, 200, &o->node, err);
	} else if (!rc)
		rc = source_action(s, src, unit, o, err);
	if (rc)
		cc__pprefix(err, "source");
	return rc;
}

/* ---- create ---- */

int cc_partners_create_request(struct cc_store *s, const struct cc_snapshot *snap,
			       const struct cc_pcaller *c, const json_t *body, long long *id,
			       struct cc_error *err)
{
	struct cc_prequest_rec r = {0};
	struct source src;
	char *themes = NULL, *mods = NULL, *langs = NULL, entity[40];
	int day, rc;

	rc = cc__ptext(body, "unit", false, 16, &r.unit, err);
	if (!rc && !cc_snapshot_unit(snap, r.unit))
		rc = cc_error_set(err, CC_EINPUT, "unit", 0, 0, "unit \"%s\" is not known", r.unit);
	if (!rc && !cc_pcaller_focal_of(c, r.unit))
		return cc__pforbid(err, "only the focal point of the unit asks for support");
	if (!rc)
		rc = cc__ptext(body, "title", false, CC_PARTNER_TEXT_MAX, &r.title, err);
	if (!rc)
		rc = cc__ptext(body, "description", true, CC_PARTNER_LONG_MAX, &r.description, err);
	if (!rc)
		rc = cc__plist(body, "themes", false, 1, cc__ptheme_ok, s, &themes, err);
	if (!rc)
		rc = cc__plist(body, "modalities", false, 1, modality_ok, NULL, &mods, err);
	if (!rc)
		rc = cc__plist(body, "languages", false, 1, cc__planguage_ok, NULL, &langs, err);
	if (!rc)
		rc = cc__pdate(body, "needed_by", false, &r.needed_by, &day, err);
	if (!rc)
		rc = cc__pchoice(body, "priority", true, priorities, &r.priority, err);
	if (!rc)
		rc = cc__pchoice(body, "visibility", false, visibilities, &r.visibility, err);
	if (!rc)
		rc = read_source(s, snap, body, r.unit, &src, err);
	if (!rc) {
		r.description = r.description ? r.description : "";
		r.priority = r.priority ? r.priority : "medium";
		r.themes = themes;
		r.modalities = mods;
		r.languages = langs;
		r.source_kind = src.kind;
		r.source_framework = src.framework;
		r.source_node = src.node;
		r.source_campaign = src.campaign;
		r.source_target = src.target;
		r.source_action = src.action;
		r.created_by = cc__pactor(c);
		rc = cc_store_begin(s, err);
		if (!rc)
			rc = cc_store_create_request(s, &r, id, err);
		if (!rc) {
			snprintf(entity, sizeof(entity), "request:%lld", *id);
			rc = cc__paudit(s, c, "create", entity, NULL, body, err);
		}
		if (!rc)
			rc = cc_store_commit(s, err);
		if (rc)
			cc_store_rollback(s);
	}
	free(themes);
	free(mods);
	free(langs);
	return rc;
}

/* ---- JSON ---- */

json_t *cc__pjson_list(const char *text)
{
	json_t *a = json_loads(text ? text : "[]", 0, NULL);

	return json_is_array(a) ? a : (json_decref(a), json_array());
}

static json_t *source_json(const struct cc_prequest_rec *r)
{
	if (!r->source_kind)
		return json_null();
	if (strcmp(r->source_kind, "action") == 0)
		return json_pack("{s:s,s:I}", "kind", "action", "action", r->source_action);
	return json_pack("{s:s,s:s?,s:s?,s:s?,s:s?}", "kind", r->source_kind, "framework",
			 r->source_framework, "node", r->source_node, "campaign",
			 r->source_campaign, "target", r->source_target);
}

int cc__prequest_gap(struct cc_store *s, const struct cc_prequest_rec *r)
{
	struct cc_list l;
	int gap;

	if (!r->source_kind)
		return 0;
	if (strcmp(r->source_kind, "action"))
		return 1;
	if (!r->source_action || cc_store_action_origin(s, r->source_action, &l, NULL))
		return 0;
	gap = ((struct cc_action_origin_rec *)l.items)->from_gap;
	cc_list_free(&l);
	return gap;
}

json_t *cc__prequest_json(struct cc_store *s, const struct cc_pcaller *c,
			  const struct cc_prequest_rec *r)
{
	json_t *o = json_pack("{s:I,s:s,s:s,s:s,s:o,s:o,s:o,s:s,s:s,s:s,s:s,s:o,s:b,s:s}",
			      "id", r->id, "unit", r->unit, "title", r->title, "description",
			      r->description, "themes", cc__pjson_list(r->themes), "modalities",
			      cc__pjson_list(r->modalities), "languages",
			      cc__pjson_list(r->languages), "needed_by", r->needed_by,
			      "priority", r->priority, "visibility", r->visibility, "status",
			      r->status, "source", source_json(r), "measured_gap",
			      cc__prequest_gap(s, r), "created_at", r->created_at);

	if (o && (c->secretariat || cc_pcaller_focal_of(c, r->unit)))
		json_object_set_new(o, "created_by", json_string(r->created_by));
	return o;
}

int cc_partners_requests_json(struct cc_store *s, const struct cc_pcaller *c,
			      const char *unit, json_t **out, struct cc_error *err)
{
	struct cc_list l;
	int rc = cc_store_requests(s, unit, &l, err);

	if (rc)
		return rc;
	*out = json_array();
	for (int i = 0; i < l.n; i++) {
		const struct cc_prequest_rec *r = &((struct cc_prequest_rec *)l.items)[i];
		if (cc__prequest_visible(c, r))
			json_array_append_new(*out, cc__prequest_json(s, c, r));
	}
	cc_list_free(&l);
	return CC_OK;
}

int cc__prequest_load(struct cc_store *s, const struct cc_pcaller *c, long long id,
		      struct cc_list *l, struct cc_error *err)
{
	int rc = cc_store_request(s, id, l, err);

	if (!rc && !cc__prequest_visible(c, l->items)) {
		cc_list_free(l);
		return cc_error_set(err, CC_ENOTFOUND, "request", 0, 0, "no request %lld", id);
	}
	return rc;
}

/* ---- drafting from a plan action ---- */

/* The most specific theme whose nodes hold framework:node or a node above
 * it; NULL when none. */
static const char *theme_for(const struct cc_list *themes, const char *fw, const char *node)
{
	const char *best = NULL;
	size_t best_len = 0;
	char key[400];

	if (!fw || !node)
		return NULL;
	snprintf(key, sizeof(key), "%s:%s", fw, node);
	for (int i = 0; i < themes->n; i++) {
		const struct cc_theme_rec *t = &((struct cc_theme_rec *)themes->items)[i];
		json_t *arr;
		const char **v;
		int n;
		if (cc__pstrs(t->nodes, &arr, &v, &n))
			continue;
		for (int k = 0; k < n; k++) {
			size_t len = strlen(v[k]);
			bool hit = strncmp(key, v[k], len) == 0 && (key[len] == '\0' || key[len] == '.');
			if (hit && len > best_len) {
				best = t->id;
				best_len = len;
			}
		}
		free(v);
		json_decref(arr);
	}
	return best;
}

int cc_partners_draft_request(struct cc_store *s, const struct cc_pcaller *c, long long action,
			      json_t **out, struct cc_error *err)
{
	struct cc_list l, themes;
	const struct cc_action_origin_rec *o;
	const char *theme;
	int rc = cc_store_action_origin(s, action, &l, err);

	if (rc)
		return rc;
	o = l.items;
	if (!cc_pcaller_focal_of(c, o->unit)) {
		cc_list_free(&l);
		return cc__pforbid(err, "only the focal point of the plan's unit drafts its requests");
	}
	rc = cc_store_themes(s, &themes, err);
	if (rc) {
		cc_list_free(&l);
		return rc;
	}
	theme = theme_for(&themes, o->framework, o->node);
	*out = json_pack("{s:s,s:s,s:s,s:[],s:[s],s:[s],s:s,s:s,s:{s:s,s:I},s:b,s:s?}",
			 "unit", o->unit, "title", o->title, "description",
			 o->description ? o->description : "", "themes", "modalities", "advisory",
			 "languages", "en", "priority", "medium", "visibility", "partners",
			 "source", "kind", "action", "action", o->action, "measured_gap",
			 o->from_gap, "plan", o->plan);
	if (*out && theme)
		json_array_append_new(json_object_get(*out, "themes"), json_string(theme));
	cc_list_free(&themes);
	cc_list_free(&l);
	return *out ? CC_OK : cc_error_set(err, CC_ENOMEM, NULL, 0, 0, "out of memory");
}

int cc_partners_request_json(struct cc_store *s, const struct cc_pcaller *c, long long id,
			     json_t **out, struct cc_error *err)
{
	struct cc_list l;
	json_t *matches = NULL, *pledges = NULL, *mine;
	int rc = cc__prequest_load(s, c, id, &l, err);

	if (rc)
		return rc;
	rc = cc_partners_matches_json(s, c, id, NULL, NULL, &matches, err);
	if (!rc)
		rc = cc_partners_pledges_json(s, c, ((struct cc_prequest_rec *)l.items)->unit, NULL,
					      &pledges, NULL, err);
	if (!rc) {
		size_t i;
		json_t *p;
		mine = json_array();
		json_array_foreach(pledges, i, p)
			if (json_integer_value(json_object_get(p, "request")) == id)
				json_array_append(mine, p);
		*out = cc__prequest_json(s, c, l.items);
		json_object_set_new(*out, "matches", matches);
		json_object_set_new(*out, "pledges", mine);
		matches = NULL;
	}
	json_decref(matches);
	json_decref(pledges);
	cc_list_free(&l);
	return rc;
}
