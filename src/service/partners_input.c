/*
 * partners_input.c - what the partnership files share (see partners.h):
 * the caller and its rights, the checks of body fields (each error names
 * its field), JSON array text both ways, and the audit entry.
 */
#include "partners.h"

#include "../core/date.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const cc_partner_modalities[] = {
	"training", "advisory", "expert-secondment", "exercise", "software-licence",
	"equipment", "cloud-credit", "funding", "scholarship", NULL};
const char *const cc_partner_valuations[] = {
	"list_price", "staff_day_rate", "market_quote", "declared", NULL};

int cc_pcaller_load(struct cc_store *s, const struct cc_principal *p, int today,
		    struct cc_pcaller *c, struct cc_error *err)
{
	int rc;

	memset(c, 0, sizeof(*c));
	c->p = p;
	c->today = today;
	if (!p || !p->id)
		return CC_OK;
	c->admin = cc_auth_has_role(p, "admin");
	c->secretariat = c->admin;
	rc = cc_store_partnership_roles(s, p->id, &c->roles, err);
	if (rc)
		return rc;
	for (int i = 0; i < c->roles.n; i++) {
		const struct cc_pmember_rec *m = &((struct cc_pmember_rec *)c->roles.items)[i];
		if (strcmp(m->role, "secretariat") == 0)
			c->secretariat = true;
		else if (m->org && c->norgs < CC_PARTNER_MAX_ORGS)
			c->orgs[c->norgs++] = m->org;
	}
	return CC_OK;
}

void cc_pcaller_free(struct cc_pcaller *c)
{
	if (c->p && c->p->id)
		cc_list_free(&c->roles);
}

bool cc_pcaller_partner_of(const struct cc_pcaller *c, const char *org)
{
	for (int i = 0; i < c->norgs; i++)
		if (strcmp(c->orgs[i], org) == 0)
			return true;
	return false;
}

bool cc_pcaller_focal_of(const struct cc_pcaller *c, const char *unit)
{
	if (!c->p || !c->p->id)
		return false;
	for (int i = 0; i < c->p->ngrants; i++) {
		const struct cc_grant *g = &c->p->grants[i];
		if (strcmp(g->role, "focal_point") == 0 && strcmp(g->unit, unit) == 0 &&
		    !g->campaign[0])
			return true;
	}
	return false;
}

const char *cc__pactor(const struct cc_pcaller *c)
{
	return c->p && c->p->id ? c->p->email : "demo";
}

int cc__ptext(const json_t *body, const char *name, bool optional, size_t max,
	      const char **out, struct cc_error *err)
{
	json_t *v = json_object_get(body, name);

	*out = NULL;
	/* an optional text left empty (a form's blank field) is one not given */
	if (!v || json_is_null(v) || (optional && json_is_string(v) && !json_string_length(v))) {
		if (optional)
			return CC_OK;
		return cc_error_set(err, CC_EINPUT, name, 0, 0, "%s is required", name);
	}
	if (!json_is_string(v) || json_string_length(v) == 0)
		return cc_error_set(err, CC_EINPUT, name, 0, 0, "%s is a text that is not empty",
				    name);
	if (json_string_length(v) > max)
		return cc_error_set(err, CC_EINPUT, name, 0, 0, "%s is longer than %zu characters",
				    name, max);
	*out = json_string_value(v);
	return CC_OK;
}

int cc__pdate(const json_t *body, const char *name, bool optional, const char **text,
	      int *day, struct cc_error *err)
{
	int rc = cc__ptext(body, name, optional, 10, text, err);

	if (rc || !*text)
		return rc;
	if (!cc_date_valid(*text, day))
		return cc_error_set(err, CC_EINPUT, name, 0, 0,
				    "%s is a date YYYY-MM-DD that exists", name);
	return CC_OK;
}

int cc__pchoice(const json_t *body, const char *name, bool optional,
		const char *const *allowed, const char **out, struct cc_error *err)
{
	char list[400];
	size_t n = 0;
	int rc = cc__ptext(body, name, optional, 64, out, err);

	if (rc || !*out)
		return rc;
	for (int i = 0; allowed[i]; i++)
		if (strcmp(allowed[i], *out) == 0)
			return CC_OK;
	list[0] = '\0';
	for (int i = 0; allowed[i] && n < sizeof(list) - 1; i++)
		n += (size_t)snprintf(list + n, sizeof(list) - n, "%s%s", i ? ", " : "", allowed[i]);
	return cc_error_set(err, CC_EINPUT, name, 0, 0, "%s is one of %s", name, list);
}

int cc__plist(const json_t *body, const char *name, bool optional, int min,
	      bool (*check)(void *ctx, const char *v), void *ctx, char **out,
	      struct cc_error *err)
{
	json_t *v = json_object_get(body, name), *item;
	size_t i;

	*out = NULL;
	if (!v || json_is_null(v)) {
		if (optional && min == 0) {
			*out = strdup("[]");
			return *out ? CC_OK : cc_error_set(err, CC_ENOMEM, NULL, 0, 0, "out of memory");
		}
		return cc_error_set(err, CC_EINPUT, name, 0, 0, "%s is required", name);
	}
	if (!json_is_array(v) || json_array_size(v) < (size_t)min ||
	    json_array_size(v) > CC_PARTNER_LIST_MAX)
		return cc_error_set(err, CC_EINPUT, name, 0, 0, "%s is a list of %d to %d texts",
				    name, min, CC_PARTNER_LIST_MAX);
	json_array_foreach(v, i, item) {
		char field[80];
		snprintf(field, sizeof(field), "%s[%zu]", name, i);
		if (!json_is_string(item) || json_string_length(item) == 0 ||
		    json_string_length(item) > 64)
			return cc_error_set(err, CC_EINPUT, field, 0, 0,
					    "%s is a text of 1 to 64 characters", field);
		if (check && !check(ctx, json_string_value(item)))
			return cc_error_set(err, CC_EINPUT, field, 0, 0, "%s: \"%s\" is not known",
					    field, json_string_value(item));
	}
	*out = json_dumps(v, JSON_COMPACT);
	return *out ? CC_OK : cc_error_set(err, CC_ENOMEM, NULL, 0, 0, "out of memory");
}

int cc__pstrs(const char *text, json_t **arr, const char ***v, int *n)
{
	size_t i;
	json_t *item;

	*arr = json_loads(text ? text : "[]", 0, NULL);
	*v = NULL;
	*n = 0;
	if (!json_is_array(*arr)) {
		json_decref(*arr);
		*arr = json_array();
		return CC_OK;
	}
	*v = calloc(json_array_size(*arr) + 1, sizeof(char *));
	if (!*v)
		return CC_ENOMEM;
	json_array_foreach(*arr, i, item)
		if (json_is_string(item))
			(*v)[(*n)++] = json_string_value(item);
	return CC_OK;
}

int cc__paudit(struct cc_store *s, const struct cc_pcaller *c, const char *action,
	       const char *entity, const json_t *before, const json_t *after,
	       struct cc_error *err)
{
	char *b = before ? json_dumps(before, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
	char *a = after ? json_dumps(after, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
	int rc = cc_store_audit(s, cc__pactor(c), action, entity, b, a, err);

	free(b);
	free(a);
	return rc;
}

void cc__pprefix(struct cc_error *err, const char *prefix)
{
	size_t p = strlen(prefix), n = strlen(err->file);

	if (!err->file[0] || p + 1 + n >= sizeof(err->file))
		return;
	memmove(err->file + p + 1, err->file, n + 1);
	memcpy(err->file, prefix, p);
	err->file[p] = '.';
}
