/*
 * skills_setup.c - the caller of skills routes, the competencies data, and
 * what a programme's team sets up: programmes, editions, tracks, cohorts
 * and the surveys of the evaluation (see skills.h).
 */
#include "skills_internal.h"

#include "txn.h"

#include "../core/skills_rules.h"
#include "../format/csv.h"
#include "../format/fileio.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int cc_scaller_load(struct cc_store *s, const struct cc_principal *p, struct cc_scaller *c,
		    struct cc_error *err)
{
	int rc;

	memset(c, 0, sizeof(*c));
	cc_arena_init(&c->members.arena);
	c->p = p;
	if (!p || !p->id)
		return CC_OK;
	c->admin = cc_auth_has_role(p, "admin");
	rc = cc_store_skills_members(s, p->id, &c->members, err);
	if (rc)
		return rc;
	rc = cc_store_skills_person_of_user(s, p->id, &c->person, err);
	if (rc == CC_ENOTFOUND) {
		cc_error_clear(err);
		c->person = 0;
		rc = CC_OK;
	}
	return rc;
}

void cc_scaller_free(struct cc_scaller *c)
{
	cc_list_free(&c->members);
}

static bool member(const struct cc_scaller *c, const char *role, const char *programme)
{
	for (int i = 0; programme && i < c->members.n; i++) {
		const struct cc_smember_rec *m = &((struct cc_smember_rec *)c->members.items)[i];

		if (strcmp(m->role, role) == 0 && strcmp(m->programme, programme) == 0)
			return true;
	}
	return false;
}

bool cc_scaller_team(const struct cc_scaller *c, const char *programme)
{
	return c->admin || member(c, "coordinator", programme);
}

bool cc_scaller_sponsor(const struct cc_scaller *c, const char *programme)
{
	return member(c, "sponsor", programme);
}

/* ---- shared helpers ---- */

int cc__sk_forbidden(struct cc_error *err, const char *what)
{
	return cc_error_set(err, CC_EFORBIDDEN, NULL, 0, 0, "your role does not allow %s", what);
}

const char *cc__sk_actor(const struct cc_scaller *c)
{
	return c->p && c->p->id ? c->p->email : "demo";
}

int cc__sk_audit(struct cc_store *s, const struct cc_scaller *c, const char *action,
		 const char *entity, const json_t *after, struct cc_error *err)
{
	char *a = after ? json_dumps(after, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
	int rc = cc_store_audit(s, cc__sk_actor(c), action, entity, NULL, a, err);

	free(a);
	return rc;
}

int cc__sk_audit_kv(struct cc_store *s, const struct cc_scaller *c, const char *action,
		    const char *entity, const char *key, const char *value, struct cc_error *err)
{
	json_t *o = value ? json_pack("{s:s}", key, value) : NULL;
	int rc = cc__sk_audit(s, c, action, entity, o, err);

	json_decref(o);
	return rc;
}

int cc__sk_id(const json_t *body, const char *name, bool optional, const char **out,
	      struct cc_error *err)
{
	int rc = cc__ptext(body, name, optional, 64, out, err);

	for (const char *p = rc ? NULL : *out; p && *p; p++)
		if (!islower((unsigned char)*p) && !isdigit((unsigned char)*p) && !strchr("-_.", *p))
			return cc_error_set(err, CC_EINPUT, name, 0, 0, "%s is 1 to 64 of a-z, 0-9, "
					    "'-', '_' and '.'", name);
	return rc;
}

int cc__sk_int(const json_t *body, const char *name, bool optional, long long lo,
	       long long hi, long long *out, struct cc_error *err)
{
	json_t *v = json_object_get(body, name);

	if ((!v || json_is_null(v)) && optional)
		return CC_OK;
	if (!json_is_integer(v) || json_integer_value(v) < lo || json_integer_value(v) > hi)
		return cc_error_set(err, CC_EINPUT, name, 0, 0, "%s is a whole number from %lld "
				    "to %lld", name, lo, hi);
	*out = json_integer_value(v);
	return CC_OK;
}

int cc__sk_only(const json_t *body, const char *const *allowed, const char *prefix,
		struct cc_error *err)
{
	const char *key;
	json_t *v;

	json_object_foreach((json_t *)body, key, v) {
		bool ok = false;
		char field[128];

		for (int i = 0; allowed[i] && !ok; i++)
			ok = strcmp(allowed[i], key) == 0;
		if (ok)
			continue;
		snprintf(field, sizeof(field), "%s%s", prefix, key);
		return cc_error_set(err, CC_EINPUT, field, 0, 0, "%s is not kept: a person "
				    "record holds only what the programme needs", field);
	}
	return CC_OK;
}

json_t *cc__sk_list(const char *text)
{
	json_t *v = json_loads(text ? text : "[]", 0, NULL);

	if (json_is_array(v))
		return v;
	json_decref(v);
	return json_array();
}

bool cc__sk_has(const char *json_list, const char *v)
{
	json_t *a = cc__sk_list(json_list), *item;
	size_t i;
	bool yes = false;

	json_array_foreach(a, i, item)
		yes |= json_is_string(item) && strcmp(json_string_value(item), v) == 0;
	json_decref(a);
	return yes;
}

/* ---- competencies ---- */

int cc_skills_load_data(struct cc_store *s, const char *dir, struct cc_error *err)
{
	char path[4200];
	char *text = NULL;
	size_t len = 0;
	struct cc_csv csv;
	int rc, more, id, src, title;

	snprintf(path, sizeof(path), "%s/competencies.csv", dir);
	if ((rc = cc_read_file(path, 1u << 22, &text, &len, err)))
		return rc;
	rc = cc_csv_open(&csv, path, text, len, err);
	if (!rc && (more = cc_csv_next(&csv, err)) != 1)
		rc = more < 0 ? more : cc_error_set(err, CC_EINPUT, path, 1, 0, "empty file");
	id = rc ? -1 : cc_csv_find(&csv, "id");
	src = rc ? -1 : cc_csv_find(&csv, "source");
	title = rc ? -1 : cc_csv_find(&csv, "title");
	if (!rc && (id < 0 || src < 0 || title < 0))
		rc = cc_error_set(err, CC_EINPUT, path, 1, 0, "the header is id,source,title");
	while (!rc && (more = cc_csv_next(&csv, err)) == 1) {
		char v[3][512];
		int cols[3] = {id, src, title};

		for (int k = 0; k < 3; k++) {
			const struct cc_csv_field *f = cols[k] < csv.nfields ? &csv.fields[cols[k]]
									     : NULL;
			snprintf(v[k], sizeof(v[k]), "%.*s", f ? (int)f->len : 0, f ? f->s : "");
		}
		if (!v[0][0] || !v[2][0])
			rc = cc_error_set(err, CC_EINPUT, path, csv.record_line, 0,
					  "id and title may not be empty");
		else
			rc = cc_store_skills_put_competency(s, v[0], v[1], v[2], err);
	}
	if (!rc && more < 0)
		rc = more;
	cc_csv_close(&csv);
	free(text);
	return rc;
}

static bool competency_ok(void *store, const char *id)
{
	return cc_store_skills_competency(store, id, NULL) == CC_OK;
}

/* ---- programmes and what is in them ---- */

/* The programme exists and c is in its team. */
static int team_of(struct cc_store *s, const struct cc_scaller *c, const char *prog,
		   struct cc_error *err)
{
	struct cc_list l;
	int rc = cc_store_skills_programme(s, prog, &l, err);

	if (rc)
		return rc;
	cc_list_free(&l);
	return cc_scaller_team(c, prog) ? CC_OK : cc__sk_forbidden(err, "changing this programme");
}

/* Ends the transaction of a write (rc_write its status) of something in
 * programme prog, with its audit entry "programme:PROG". */
static int finish(struct cc_store *s, const struct cc_scaller *c, const char *action,
		 const char *prog, json_t *after, int rc_write, struct cc_error *err)
{
	char entity[100];
	int rc;

	snprintf(entity, sizeof(entity), "programme:%s", prog);
	rc = rc_write ? rc_write : cc__sk_audit(s, c, action, entity, after, err);

	if (rc) {
		cc_store_rollback(s);
		return rc;
	}
	return cc_store_commit(s, err);
}

static const char *const programme_fields[] = {"id", "name", "sponsors", "partners", NULL};

int cc_skills_create_programme(struct cc_store *s, const struct cc_scaller *c,
			       const json_t *body, json_t **out, struct cc_error *err)
{
	struct cc_sprog_rec p = {.created_by = cc__sk_actor(c)};
	char *sponsors = NULL, *partners = NULL;
	int rc;

	if (!c->admin)
		return cc__sk_forbidden(err, "creating a programme (admins do)");
	if ((rc = cc__sk_only(body, programme_fields, "", err)) ||
	    (rc = cc__sk_id(body, "id", false, &p.id, err)) ||
	    (rc = cc__ptext(body, "name", false, CC_SK_TEXT_MAX, &p.name, err)) ||
	    (rc = cc__plist(body, "sponsors", true, 0, NULL, NULL, &sponsors, err)) ||
	    (rc = cc__plist(body, "partners", true, 0, NULL, NULL, &partners, err)))
		goto out;
	p.sponsors = sponsors;
	p.partners = partners;
	*out = json_pack("{s:s,s:s,s:o,s:o}", "id", p.id, "name", p.name, "sponsors",
			 cc__sk_list(sponsors), "partners", cc__sk_list(partners));
	rc = cc_store_begin(s, err);
	if (!rc)
		rc = finish(s, c, "skills.programme.create", p.id, *out,
			   cc_store_skills_create_programme(s, &p, err), err);
out:
	free(sponsors);
	free(partners);
	return rc;
}

int cc_skills_create_edition(struct cc_store *s, const struct cc_scaller *c, const char *prog,
			     const json_t *body, json_t **out, struct cc_error *err)
{
	static const char *const fields[] = {"id", "year", "start", "end", NULL};
	struct cc_sedition_rec e = {.programme = prog};
	long long year = 0;
	int d0, d1, rc;

	if ((rc = team_of(s, c, prog, err)) || (rc = cc__sk_only(body, fields, "", err)) ||
	    (rc = cc__sk_id(body, "id", false, &e.id, err)) ||
	    (rc = cc__sk_int(body, "year", false, 2000, 2100, &year, err)) ||
	    (rc = cc__pdate(body, "start", false, &e.start, &d0, err)) ||
	    (rc = cc__pdate(body, "end", false, &e.end, &d1, err)))
		return rc;
	if (d1 < d0)
		return cc_error_set(err, CC_EINPUT, "end", 0, 0, "end is on or after start");
	e.year = (int)year;
	*out = json_pack("{s:s,s:s,s:I,s:s,s:s}", "programme", prog, "id", e.id, "year", year,
			 "start", e.start, "end", e.end);
	if ((rc = cc_store_begin(s, err)))
		return rc;
	return finish(s, c, "skills.edition.create", prog, *out,
		     cc_store_skills_create_edition(s, &e, err), err);
}

int cc_skills_create_track(struct cc_store *s, const struct cc_scaller *c, const char *prog,
			   const json_t *body, json_t **out, struct cc_error *err)
{
	static const char *const fields[] = {"id", "name", "competencies", NULL};
	struct cc_strack_rec t = {.programme = prog};
	char *comps = NULL;
	int rc;

	if ((rc = team_of(s, c, prog, err)) || (rc = cc__sk_only(body, fields, "", err)) ||
	    (rc = cc__sk_id(body, "id", false, &t.id, err)) ||
	    (rc = cc__ptext(body, "name", false, CC_SK_TEXT_MAX, &t.name, err)) ||
	    (rc = cc__plist(body, "competencies", false, 1, competency_ok, s, &comps, err)))
		return rc;
	t.competencies = comps;
	*out = json_pack("{s:s,s:s,s:s,s:o}", "programme", prog, "id", t.id, "name", t.name,
			 "competencies", cc__sk_list(comps));
	rc = cc_store_begin(s, err);
	if (!rc)
		rc = finish(s, c, "skills.track.create", prog, *out,
			   cc_store_skills_create_track(s, &t, err), err);
	free(comps);
	return rc;
}

int cc_skills_create_cohort(struct cc_store *s, const struct cc_scaller *c, const char *prog,
			    const json_t *body, json_t **out, struct cc_error *err)
{
	static const char *const fields[] = {"id", "edition", "track", "name", "region",
					     "language", "capacity", NULL};
	struct cc_scohort_rec co = {.programme = prog};
	struct cc_list l;
	long long cap = 0;
	int rc;

	if ((rc = team_of(s, c, prog, err)) || (rc = cc__sk_only(body, fields, "", err)) ||
	    (rc = cc__sk_id(body, "id", false, &co.id, err)) ||
	    (rc = cc__sk_id(body, "edition", false, &co.edition, err)) ||
	    (rc = cc__sk_id(body, "track", false, &co.track, err)) ||
	    (rc = cc__ptext(body, "name", false, CC_SK_TEXT_MAX, &co.name, err)) ||
	    (rc = cc__ptext(body, "region", false, 64, &co.region, err)) ||
	    (rc = cc__ptext(body, "language", false, 16, &co.language, err)) ||
	    (rc = cc__sk_int(body, "capacity", false, 1, 10000, &cap, err)))
		return rc;
	co.capacity = (int)cap;
	if ((rc = cc_store_skills_edition(s, prog, co.edition, &l, err)))
		return rc == CC_ENOTFOUND ? cc_error_set(err, CC_EINPUT, "edition", 0, 0, "the "
							 "programme has no edition \"%s\"",
							 co.edition) : rc;
	cc_list_free(&l);
	if ((rc = cc_store_skills_track(s, prog, co.track, &l, err)))
		return rc == CC_ENOTFOUND ? cc_error_set(err, CC_EINPUT, "track", 0, 0, "the "
							 "programme has no track \"%s\"", co.track)
					  : rc;
	cc_list_free(&l);
	*out = json_pack("{s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:i}", "id", co.id, "programme", prog,
			 "edition", co.edition, "track", co.track, "name", co.name, "region",
			 co.region, "language", co.language, "capacity", co.capacity);
	if ((rc = cc_store_begin(s, err)))
		return rc;
	return finish(s, c, "skills.cohort.create", prog, *out,
		     cc_store_skills_create_cohort(s, &co, err), err);
}
