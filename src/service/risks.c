/*
 * risks.c - creating and changing risk assessments and their risks, each
 * change audited in its transaction (see risks.h; the checks are
 * risk_input.c, treatments risk_treat.c).
 *
 * A risk's phases are written only when given and different from what
 * is stored, so that a rating agreed in the workshop keeps its mark and
 * dissent until someone changes what it says.
 */
#include "risks_internal.h"

#include "../core/date.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool absent(const json_t *v)
{
	return !v || json_is_null(v);
}

void cc__risk_entity(char *buf, size_t size, const char *assessment, const char *risk,
		     const char *what, long long id)
{
	if (!risk)
		snprintf(buf, size, "risk_assessment:%s", assessment);
	else if (what)
		snprintf(buf, size, "risk:%s/%s/%s:%lld", assessment, risk, what, id);
	else
		snprintf(buf, size, "risk:%s/%s", assessment, risk);
}

/* ---- assessments ---- */

static bool assessment_id_valid(const char *id)
{
	size_t n = strlen(id);

	if (n == 0 || n > CC_RISK_ID_MAX)
		return false;
	for (; *id; id++)
		if (!((*id >= 'a' && *id <= 'z') || (*id >= '0' && *id <= '9') || *id == '.' ||
		      *id == '_' || *id == '-'))
			return false;
	return true;
}

static int only(const json_t *body, const char *const *allowed, struct cc_error *err)
{
	const char *key;
	json_t *v;

	if (!json_is_object(body))
		return cc_error_set(err, CC_EINPUT, "", 0, 0, "the body is a JSON object");
	json_object_foreach((json_t *)body, key, v) {
		bool ok = false;
		for (int i = 0; allowed[i] && !ok; i++)
			ok = strcmp(key, allowed[i]) == 0;
		if (!ok)
			return cc_error_set(err, CC_EINPUT, key, 0, 0, "%.100s is not a member this "
					    "takes", key);
	}
	return CC_OK;
}

static json_t *assessment_audit(const struct cc_risk_assessment_rec *a)
{
	return json_pack("{s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:b}", "id", a->id, "unit", a->unit,
			 "title", a->title, "matrix", a->matrix, "matrix_hash", a->matrix_hash,
			 "start", a->start, "end", a->end, "published", a->published);
}

static int create_assessment(struct cc_store *s, const json_t *body, const char *actor,
			     struct cc_error *err)
{
	static const char *const members[] = {"id", "unit", "title", "matrix", "start", "end",
					      NULL};
	struct cc_risk_assessment_rec a = {.created_by = actor};
	struct cc_list ml;
	char entity[200];
	int ds, de, rc = only(body, members, err);

	if (!rc)
		rc = cc__plan_text(json_object_get(body, "id"), "id", true, CC_RISK_ID_MAX, false,
				   &a.id, err);
	if (!rc && !assessment_id_valid(a.id))
		rc = cc_error_set(err, CC_EINPUT, "id", 0, 0,
				  "id is 1 to %d of a-z, 0-9, '.', '_' and '-'", CC_RISK_ID_MAX);
	if (!rc)
		rc = cc__plan_text(json_object_get(body, "unit"), "unit", true, 16, false, &a.unit,
				   err);
	if (!rc && !cc_store_unit_exists(s, a.unit))
		rc = cc_error_set(err, CC_EINPUT, "unit", 0, 0, "no unit \"%s\"", a.unit);
	if (!rc)
		rc = cc__plan_text(json_object_get(body, "title"), "title", true, CC_RISK_TEXT_MAX,
				   false, &a.title, err);
	if (!rc)
		rc = cc__plan_text(json_object_get(body, "matrix"), "matrix", true, 128, false,
				   &a.matrix, err);
	if (!rc && (rc = cc_store_matrix(s, a.matrix, NULL, &ml, err)) == CC_ENOTFOUND)
		rc = cc_error_set(err, CC_EINPUT, "matrix", 0, 0, "no risk matrix \"%s\" "
				  "(GET /api/v1/matrices lists them)", a.matrix);
	if (rc)
		return rc;
	a.matrix_hash = ((struct cc_matrix_rec *)ml.items)->hash;
	rc = cc__plan_date(json_object_get(body, "start"), "start", true, &a.start, &ds, err);
	if (!rc)
		rc = cc__plan_date(json_object_get(body, "end"), "end", true, &a.end, &de, err);
	if (!rc && de < ds)
		rc = cc_error_set(err, CC_EINPUT, "end", 0, 0, "end (%s) is before start (%s)", a.end,
				  a.start);
	if (!rc)
		rc = cc_store_create_risk_assessment(s, &a, err);
	cc__risk_entity(entity, sizeof(entity), a.id, NULL, NULL, 0);
	if (!rc)
		rc = cc__plan_audit(s, actor, "create", entity, NULL, assessment_audit(&a), err);
	cc_list_free(&ml);
	return rc;
}

int cc_risk_assessment_create(struct cc_store *s, const json_t *body, const char *actor,
			      struct cc_error *err)
{
	CC_TXN(s, err, create_assessment(s, body, actor, err));
}

static int update_assessment(struct cc_store *s, const char *id, const json_t *body,
			     const char *actor, struct cc_error *err)
{
	static const char *const members[] = {"title", "published", NULL};
	struct cc_list l;
	struct cc_risk_assessment_rec a;
	const char *title = NULL;
	json_t *pub = json_object_get(body, "published"), *before;
	char entity[200];
	int rc = only(body, members, err);

	if (!rc)
		rc = cc__plan_text(json_object_get(body, "title"), "title", false, CC_RISK_TEXT_MAX,
				   false, &title, err);
	if (!rc && !absent(pub) && !json_is_boolean(pub))
		rc = cc_error_set(err, CC_EINPUT, "published", 0, 0, "published is true or false");
	if (!rc)
		rc = cc_store_risk_assessment(s, id, &l, err);
	if (rc)
		return rc;
	a = *(struct cc_risk_assessment_rec *)l.items;
	before = assessment_audit(&a);
	a.title = title ? title : a.title;
	a.published = absent(pub) ? a.published : json_is_true(pub);
	rc = cc_store_update_risk_assessment(s, id, a.title, a.published, err);
	cc__risk_entity(entity, sizeof(entity), id, NULL, NULL, 0);
	if (!rc)
		rc = cc__plan_audit(s, actor, a.published && json_is_true(pub) ? "publish" : "update",
				    entity, before, assessment_audit(&a), err);
	else
		json_decref(before);
	cc_list_free(&l);
	return rc;
}

int cc_risk_assessment_update(struct cc_store *s, const char *id, const json_t *body,
			      const char *actor, struct cc_error *err)
{
	CC_TXN(s, err, update_assessment(s, id, body, actor, err));
}

/* ---- risks ---- */

void cc__risk_new_id(const struct cc_register *reg, const char *const *taken, int n, char *out)
{
	for (int k = reg->n + 1;; k++) {
		bool used = false;

		snprintf(out, CC_RISK_ID_MAX + 1, "r%d", k);
		used = cc_register_find(reg, out) >= 0;
		for (int i = 0; !used && i < n; i++)
			used = taken[i] && strcmp(taken[i], out) == 0;
		if (!used)
			return;
	}
}

int cc__risk_write(struct cc_store *s, const struct cc_register *reg, struct cc__risk_in *in,
		   json_t *before, const char *actor, long long *key, struct cc_error *err)
{
	int at = in->rec.key ? cc_register_find(reg, in->rec.id) : -1;
	char entity[300];
	int rc;

	in->rec.assessment = reg->a->id;
	in->rec.created_by = actor;
	rc = cc_store_put_risk(s, &in->rec, key, err);
	if (!rc)
		rc = cc_store_set_risk_sectors(s, *key, in->sectors, in->nsectors, err);
	if (!rc)
		rc = cc_store_set_risk_nodes(s, *key, in->nodes, in->nnodes, err);
	for (int p = 0; !rc && p < CC_NPHASES; p++) {
		const struct cc__phase_in *ph = &in->ph[p];
		const struct cc_rating_rec *old = at >= 0 ? reg->v[at].phase[p].rec : NULL;
		struct cc_rating_rec r;

		if (!ph->given && old)
			continue;
		if (!ph->set) {
			if (old)
				rc = cc_store_delete_rating(s, *key, cc_phase_names[p], err);
			continue;
		}
		r = cc__phase_rec(&reg->m, ph, *key, p, actor);
		if (!old || !cc__phase_same(old, &r) || (ph->workshop && !old->workshop) ||
		    (ph->dissent && strcmp(ph->dissent, old->dissent) != 0))
			rc = cc_store_put_rating(s, &r, err);
	}
	cc__risk_entity(entity, sizeof(entity), reg->a->id, in->rec.id, NULL, 0);
	if (!rc)
		rc = cc__plan_audit(s, actor, before ? "update" : "create", entity, before,
				    cc__risk_in_json(&reg->m, in), err);
	else
		json_decref(before);
	return rc;
}

/* Checks body as a whole risk of reg into in. */
static int check_risk(struct cc_store *s, const struct cc_register *reg, const json_t *body,
		      struct cc__risk_in *in, struct cc_error *err)
{
	struct cc__risk_ctx c;
	int rc = cc__risk_ctx_open(&c, s, &reg->m, err);

	if (!rc) {
		cc__risk_parse(&c, body, in);
		rc = cc__risk_status(&c, err);
	}
	cc__risk_ctx_close(&c);
	return rc;
}

static int create_risk(struct cc_store *s, const char *assessment, const json_t *body,
		       const char *actor, char *id_out, struct cc_error *err)
{
	struct cc_register reg;
	struct cc__risk_in in;
	long long key;
	int rc = cc_register_load(s, assessment, &reg, err);

	cc__risk_in_init(&in);
	if (!rc && reg.n >= CC_RISK_MAX_RISKS)
		rc = cc_error_set(err, CC_ELIMIT, "id", 0, 0, "an assessment holds at most %d risks",
				  CC_RISK_MAX_RISKS);
	if (!rc)
		rc = check_risk(s, &reg, body, &in, err);
	if (!rc && !in.rec.id) {
		cc__risk_new_id(&reg, NULL, 0, id_out);
		in.rec.id = id_out;
	} else if (!rc) {
		snprintf(id_out, CC_RISK_ID_MAX + 1, "%s", in.rec.id);
	}
	if (!rc && cc_register_find(&reg, in.rec.id) >= 0)
		rc = cc_error_set(err, CC_ECONFLICT, "id", 0, 0, "risk \"%s\" exists already in %s",
				  in.rec.id, assessment);
	if (!rc)
		rc = cc__risk_write(s, &reg, &in, NULL, actor, &key, err);
	cc__risk_in_free(&in);
	cc_register_free(&reg);
	return rc;
}

int cc_risk_create(struct cc_store *s, const char *assessment, const json_t *body,
		   const char *actor, char *id_out, struct cc_error *err)
{
	CC_TXN(s, err, create_risk(s, assessment, body, actor, id_out, err));
}

/* The risk's input form with body's members over it (a phase given
 * replaces the stored one). */
static json_t *merged(const struct cc_register *reg, int at, const json_t *body,
		      struct cc_error *err)
{
	json_t *o = cc_risk_input_json(reg, at);

	if (!o || !json_is_object(body)) {
		json_decref(o);
		cc_error_set(err, o ? CC_EINPUT : CC_ENOMEM, "", 0, 0,
			     o ? "the body is a JSON object" : "out of memory");
		return NULL;
	}
	json_object_update(o, (json_t *)body);
	return o;
}

static int find_risk(const struct cc_register *reg, const char *risk, int *at,
		     struct cc_error *err)
{
	*at = cc_register_find(reg, risk);
	return *at >= 0 ? CC_OK : cc_error_set(err, CC_ENOTFOUND, "risk", 0, 0,
					       "no risk \"%s\" in %s", risk, reg->a->id);
}

static int update_risk(struct cc_store *s, const char *assessment, const char *risk,
		       const json_t *body, const char *actor, struct cc_error *err)
{
	struct cc_register reg;
	struct cc__risk_in in;
	json_t *all = NULL, *id = json_object_get(body, "id");
	long long key;
	int at = -1, rc = cc_register_load(s, assessment, &reg, err);

	cc__risk_in_init(&in);
	if (!rc)
		rc = find_risk(&reg, risk, &at, err);
	if (!rc && id && !(json_is_string(id) && strcmp(json_string_value(id), risk) == 0))
		rc = cc_error_set(err, CC_EINPUT, "id", 0, 0, "a risk's id does not change");
	if (!rc && !(all = merged(&reg, at, body, err)))
		rc = err->code;
	if (!rc)
		rc = check_risk(s, &reg, all, &in, err);
	if (!rc) {
		for (int p = 0; p < CC_NPHASES; p++)
			in.ph[p].given = json_object_get(body, cc_phase_names[p]) != NULL;
		in.rec.key = reg.v[at].r->key;
		rc = cc__risk_write(s, &reg, &in, cc_risk_input_json(&reg, at), actor, &key, err);
	}
	json_decref(all);
	cc__risk_in_free(&in);
	cc_register_free(&reg);
	return rc;
}

int cc_risk_update(struct cc_store *s, const char *assessment, const char *risk,
		   const json_t *body, const char *actor, struct cc_error *err)
{
	CC_TXN(s, err, update_risk(s, assessment, risk, body, actor, err));
}

static int delete_risk(struct cc_store *s, const char *assessment, const char *risk,
		       const char *actor, struct cc_error *err)
{
	struct cc_register reg;
	char entity[300];
	int at = -1, rc = cc_register_load(s, assessment, &reg, err);

	if (!rc)
		rc = find_risk(&reg, risk, &at, err);
	if (!rc)
		rc = cc_store_delete_risk(s, reg.v[at].r->key, err);
	cc__risk_entity(entity, sizeof(entity), assessment, risk, NULL, 0);
	if (!rc)
		rc = cc__plan_audit(s, actor, "delete", entity, cc_risk_input_json(&reg, at), NULL,
				    err);
	cc_register_free(&reg);
	return rc;
}

int cc_risk_delete(struct cc_store *s, const char *assessment, const char *risk,
		   const char *actor, struct cc_error *err)
{
	CC_TXN(s, err, delete_risk(s, assessment, risk, actor, err));
}

static int set_rating(struct cc_store *s, const char *assessment, const char *risk,
		      const char *phase, const json_t *body, const char *actor,
		      struct cc_error *err)
{
	struct cc_register reg;
	struct cc__risk_ctx c;
	struct cc__phase_in ph = {0};
	struct cc_rating_rec r = {0};
	struct cc_arena ar;
	char entity[300];
	int p = cc_phase_parse(phase), at = -1, rc = cc_register_load(s, assessment, &reg, err);

	cc_arena_init(&ar);
	if (!rc)
		rc = find_risk(&reg, risk, &at, err);
	if (!rc && p < 0)
		rc = cc_error_set(err, CC_ENOTFOUND, "phase", 0, 0,
				  "the phases are inherent, current and target");
	if (!rc && !json_is_object(body))
		rc = cc_error_set(err, CC_EINPUT, "", 0, 0, "the body is a JSON object");
	if (!rc && !(rc = cc__risk_ctx_open(&c, s, &reg.m, err))) {
		cc__phase_parse(&c, body, "", true, &ar, &ph);
		rc = cc__risk_status(&c, err);
		cc__risk_ctx_close(&c);
	}
	if (!rc) {
		r = cc__phase_rec(&reg.m, &ph, reg.v[at].r->key, p, actor);
		rc = cc_store_put_rating(s, &r, err);
	}
	cc__risk_entity(entity, sizeof(entity), assessment, risk, NULL, 0);
	if (!rc) {
		const struct cc_rating_rec *old = reg.v[at].phase[p].rec;
		json_t *after = cc__rating_input_json(&r);

		json_object_set_new(after, "phase", json_string(phase));
		json_object_set_new(after, "workshop", json_boolean(r.workshop));
		json_object_set_new(after, "dissent", json_string(r.dissent));
		rc = cc__plan_audit(s, actor, r.workshop ? "agree" : "rate", entity,
				    old ? cc__rating_input_json(old) : NULL, after, err);
	}
	free(ph.impacts_json);
	cc_arena_free(&ar);
	cc_register_free(&reg);
	return rc;
}

int cc_risk_set_rating(struct cc_store *s, const char *assessment, const char *risk,
		       const char *phase, const json_t *body, const char *actor,
		       struct cc_error *err)
{
	CC_TXN(s, err, set_rating(s, assessment, risk, phase, body, actor, err));
}
