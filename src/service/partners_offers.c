/*
 * partners_offers.c - organisations (partners and donors), who acts for
 * them, and their offers of support (see partners.h). The secretariat
 * records organisations and their members; a partner offers for its own
 * organisation (the secretariat for any).
 */
#include "partners.h"

#include "../core/date.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const org_kinds[] = {"government", "private", "academia", "civil_society",
					"international", NULL};
static const char *const member_roles[] = {"secretariat", "partner", NULL};

static bool id_ok(const char *id)
{
	size_t n = strlen(id);

	if (n < 1 || n > 64)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!strchr("abcdefghijklmnopqrstuvwxyz0123456789._-", id[i]))
			return false;
	return true;
}

int cc_partners_create_org(struct cc_store *s, const struct cc_pcaller *c, const json_t *body,
			   struct cc_error *err)
{
	struct cc_org_rec o = {0};
	int rc;

	if (!c->secretariat)
		return cc__pforbid(err, "only the secretariat records organisations");
	rc = cc__ptext(body, "id", false, 64, &o.id, err);
	if (!rc && !id_ok(o.id))
		rc = cc_error_set(err, CC_EINPUT, "id", 0, 0,
				  "id is 1 to 64 of a-z, 0-9, '.', '_' and '-'");
	if (!rc)
		rc = cc__ptext(body, "name", false, CC_PARTNER_TEXT_MAX, &o.name, err);
	if (!rc)
		rc = cc__pchoice(body, "kind", false, org_kinds, &o.kind, err);
	if (rc)
		return rc;
	o.fictional = json_is_true(json_object_get(body, "fictional"));
	o.created_by = cc__pactor(c);
	rc = cc_store_begin(s, err);
	if (!rc)
		rc = cc_store_create_org(s, &o, err);
	if (!rc) {
		char entity[100];
		snprintf(entity, sizeof(entity), "organisation:%s", o.id);
		rc = cc__paudit(s, c, "create", entity, NULL, body, err);
	}
	if (!rc)
		rc = cc_store_commit(s, err);
	if (rc)
		cc_store_rollback(s);
	return rc;
}

json_t *cc__porg_json(const struct cc_org_rec *o)
{
	return json_pack("{s:s,s:s,s:s,s:b}", "id", o->id, "name", o->name, "kind", o->kind,
			 "fictional", o->fictional);
}

int cc_partners_orgs_json(struct cc_store *s, json_t **out, struct cc_error *err)
{
	struct cc_list l;
	int rc = cc_store_orgs(s, &l, err);

	if (rc)
		return rc;
	*out = json_array();
	for (int i = 0; i < l.n; i++)
		json_array_append_new(*out, cc__porg_json(&((struct cc_org_rec *)l.items)[i]));
	cc_list_free(&l);
	return CC_OK;
}

static bool role_ok(const char *role)
{
	for (int i = 0; member_roles[i]; i++)
		if (strcmp(member_roles[i], role) == 0)
			return true;
	return false;
}

int cc_partners_add_member(struct cc_store *s, const struct cc_pcaller *c, const char *actor,
			   const char *email, const char *role, const char *org,
			   struct cc_error *err)
{
	struct cc_list u, o;
	char entity[320];
	long long uid;
	int rc;

	if (c && !c->secretariat)
		return cc__pforbid(err, "only the secretariat grants partnership roles");
	if (!role_ok(role))
		return cc_error_set(err, CC_EINPUT, "role", 0, 0, "role is secretariat or partner");
	if ((strcmp(role, "partner") == 0) != (org != NULL))
		return cc_error_set(err, CC_EINPUT, "organisation", 0, 0, strcmp(role, "partner") ?
				    "the secretariat is of no organisation" :
				    "a partner acts for an organisation: give it");
	if (org) {
		rc = cc_store_org(s, org, &o, err);
		if (rc == CC_ENOTFOUND)
			return cc_error_set(err, CC_EINPUT, "organisation", 0, 0,
					    "no organisation \"%s\"", org);
		if (rc)
			return rc;
		cc_list_free(&o);
	}
	rc = cc_store_user(s, email, 0, &u, err);
	if (rc == CC_ENOTFOUND)
		return cc_error_set(err, CC_EINPUT, "email", 0, 0, "no account with e-mail %s", email);
	if (rc)
		return rc;
	uid = ((struct cc_user_rec *)u.items)->id;
	cc_list_free(&u);
	snprintf(entity, sizeof(entity), "partnership_member:%s", email);
	rc = cc_store_begin(s, err);
	if (!rc)
		rc = cc_store_add_partnership_member(s, uid, role, org, err);
	if (!rc) {
		json_t *after = json_pack("{s:s,s:s?}", "role", role, "organisation", org);
		char *a = json_dumps(after, JSON_COMPACT | JSON_SORT_KEYS);
		rc = cc_store_audit(s, actor, "grant", entity, NULL, a, err);
		free(a);
		json_decref(after);
	}
	if (!rc)
		rc = cc_store_commit(s, err);
	if (rc)
		cc_store_rollback(s);
	return rc;
}

/* ---- offers ---- */

static bool group_ok(void *snap, const char *id)
{
	return cc_snapshot_group(snap, id) != NULL;
}

static bool unit_ok(void *snap, const char *id)
{
	return cc_snapshot_unit(snap, id) != NULL;
}

/* "capacity": a number of countries, or {"countries", "beneficiaries"?}. */
static int read_capacity(const json_t *body, struct cc_offer_rec *o, struct cc_error *err)
{
	json_t *v = json_object_get(body, "capacity"), *n = v, *b = NULL;

	o->beneficiaries = -1;
	if (json_is_object(v)) {
		n = json_object_get(v, "countries");
		b = json_object_get(v, "beneficiaries");
	}
	if (!json_is_integer(n) || json_integer_value(n) < 1 || json_integer_value(n) > 10000)
		return cc_error_set(err, CC_EINPUT, json_is_object(v) ? "capacity.countries" :
				    "capacity", 0, 0, "capacity is a number of countries (1 to 10000) "
				    "or {\"countries\", \"beneficiaries\"}");
	o->capacity = (int)json_integer_value(n);
	if (b && !json_is_null(b)) {
		if (!json_is_integer(b) || json_integer_value(b) < 0)
			return cc_error_set(err, CC_EINPUT, "capacity.beneficiaries", 0, 0,
					    "capacity.beneficiaries is a whole number, 0 or more");
		o->beneficiaries = json_integer_value(b);
	}
	return CC_OK;
}

static int read_eligible(const json_t *body, const struct cc_snapshot *snap, char **groups,
			 char **units, struct cc_error *err)
{
	json_t *e = json_object_get(body, "eligible");
	int rc;

	*groups = *units = NULL;
	if (e && !json_is_null(e) && !json_is_object(e))
		return cc_error_set(err, CC_EINPUT, "eligible", 0, 0,
				    "eligible is {\"groups\"?: [...], \"units\"?: [...]}");
	if (!e || json_is_null(e))
		e = json_object();
	else
		json_incref(e);
	rc = cc__plist(e, "groups", true, 0, group_ok, (void *)snap, groups, err);
	if (!rc)
		rc = cc__plist(e, "units", true, 0, unit_ok, (void *)snap, units, err);
	json_decref(e);
	if (rc)
		cc__pprefix(err, "eligible");
	return rc;
}

static int read_offer(struct cc_store *s, const struct cc_snapshot *snap, const json_t *body,
		      struct cc_offer_rec *o, char **owned, struct cc_error *err)
{
	json_t *v = json_object_get(body, "unit_value");
	int from, to;
	int rc = cc__ptext(body, "title", false, CC_PARTNER_TEXT_MAX, &o->title, err);

	if (!rc)
		rc = cc__ptext(body, "description", true, CC_PARTNER_LONG_MAX, &o->description, err);
	if (!rc)
		rc = cc__plist(body, "themes", false, 1, cc__ptheme_ok, s, &owned[0], err);
	if (!rc)
		rc = cc__plist(body, "modalities", false, 1, cc__pmodality_ok, NULL, &owned[1], err);
	if (!rc)
		rc = cc__plist(body, "languages", false, 1, cc__planguage_ok, NULL, &owned[2], err);
	if (!rc)
		rc = read_eligible(body, snap, &owned[3], &owned[4], err);
	if (!rc)
		rc = read_capacity(body, o, err);
	if (!rc)
		rc = cc__pdate(body, "available_from", false, &o->from, &from, err);
	if (!rc)
		rc = cc__pdate(body, "available_to", false, &o->to, &to, err);
	if (!rc && to < from)
		rc = cc_error_set(err, CC_EINPUT, "available_to", 0, 0,
				  "available_to is on or after available_from");
	if (!rc && (!json_is_number(v) || json_number_value(v) < 0))
		rc = cc_error_set(err, CC_EINPUT, "unit_value", 0, 0,
				  "unit_value is a number, 0 or more");
	if (!rc)
		rc = cc__pcurrency(body, "currency", &o->currency, err);
	if (!rc)
		rc = cc__pchoice(body, "valuation", false, cc_partner_valuations, &o->valuation, err);
	if (rc)
		return rc;
	o->unit_value = json_number_value(v);
	o->description = o->description ? o->description : "";
	o->themes = owned[0];
	o->modalities = owned[1];
	o->languages = owned[2];
	o->groups = owned[3];
	o->units = owned[4];
	return CC_OK;
}

int cc__pcurrency(const json_t *body, const char *name, const char **out, struct cc_error *err)
{
	int rc = cc__ptext(body, name, false, 3, out, err);

	if (!rc && (strlen(*out) != 3 || strspn(*out, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") != 3))
		rc = cc_error_set(err, CC_EINPUT, name, 0, 0,
				  "%s is an ISO 4217 code of three capital letters", name);
	return rc;
}

int cc_partners_create_offer(struct cc_store *s, const struct cc_snapshot *snap,
			     const struct cc_pcaller *c, const json_t *body, long long *id,
			     struct cc_error *err)
{
	struct cc_offer_rec o = {0};
	struct cc_list l;
	char *owned[5] = {NULL};
	int rc = cc__ptext(body, "partner", false, 64, &o.org, err);

	if (!rc && (rc = cc_store_org(s, o.org, &l, err)) == CC_ENOTFOUND)
		err->code = rc = CC_EINPUT;
	else if (!rc)
		cc_list_free(&l);
	if (!rc && !c->secretariat && !cc_pcaller_partner_of(c, o.org))
		return cc__pforbid(err, "a partner offers for its own organisation only");
	if (!rc)
		rc = read_offer(s, snap, body, &o, owned, err);
	if (!rc) {
		o.created_by = cc__pactor(c);
		rc = cc_store_begin(s, err);
		if (!rc)
			rc = cc_store_create_offer(s, &o, id, err);
		if (!rc) {
			char entity[40];
			snprintf(entity, sizeof(entity), "offer:%lld", *id);
			rc = cc__paudit(s, c, "create", entity, NULL, body, err);
		}
		if (!rc)
			rc = cc_store_commit(s, err);
		if (rc)
			cc_store_rollback(s);
	}
	for (int i = 0; i < 5; i++)
		free(owned[i]);
	return rc;
}

json_t *cc__poffer_json(const struct cc_offer_rec *o)
{
	json_t *cap = json_pack("{s:i,s:i}", "countries", o->capacity, "used", o->used);

	if (o->beneficiaries >= 0)
		json_object_set_new(cap, "beneficiaries", json_integer(o->beneficiaries));
	return json_pack("{s:I,s:s,s:s,s:s,s:o,s:o,s:o,s:{s:o,s:o},s:o,s:s,s:s,s:f,s:s,s:s,s:s}",
			 "id", o->id, "partner", o->org, "title", o->title, "description",
			 o->description, "themes", cc__pjson_list(o->themes), "modalities",
			 cc__pjson_list(o->modalities), "languages", cc__pjson_list(o->languages),
			 "eligible", "groups", cc__pjson_list(o->groups), "units",
			 cc__pjson_list(o->units), "capacity", cap, "available_from", o->from,
			 "available_to", o->to, "unit_value", o->unit_value, "currency",
			 o->currency, "valuation", o->valuation, "status", o->status);
}

/* Offers are public: what is offered, to whom, by whom. */
int cc_partners_offers_json(struct cc_store *s, const char *org, json_t **out,
			    struct cc_error *err)
{
	struct cc_list l;
	int rc = cc_store_offers(s, org, &l, err);

	if (rc)
		return rc;
	*out = json_array();
	for (int i = 0; i < l.n; i++)
		json_array_append_new(*out, cc__poffer_json(&((struct cc_offer_rec *)l.items)[i]));
	cc_list_free(&l);
	return CC_OK;
}
