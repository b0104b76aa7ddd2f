/*
 * risk_input.c - the checks of a risk body against its assessment's
 * matrix and the taxonomies (see risks_internal.h). Every member is
 * checked on its own and every bad one reported with its field, so that
 * the API names the first and an import names them all.
 *
 * Levels are the matrix's ids; in spreadsheets (c->names) a level or a
 * term may also be given by its name, ignoring case.
 */
#include "risks_internal.h"

#include "../core/date.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

int cc__risk_ctx_open(struct cc__risk_ctx *c, struct cc_store *s, const struct cc_matrix *m,
		      struct cc_error *err)
{
	memset(c, 0, sizeof(*c));
	c->s = s;
	c->m = m;
	return cc_store_terms(s, NULL, &c->terms, err);
}

void cc__risk_ctx_close(struct cc__risk_ctx *c)
{
	cc_list_free(&c->terms);
	cc__fw_cache_free(&c->fws);
}

void cc__risk_bad(struct cc__risk_ctx *c, const char *field, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (!c->nbad++)
		cc_error_set(&c->first, CC_EINPUT, field, 0, 0, "%s", msg);
	if (c->bad)
		c->bad(c->ud, field, msg);
}

int cc__risk_status(const struct cc__risk_ctx *c, struct cc_error *err)
{
	if (c->fatal)
		return cc_error_set(err, c->fatal, NULL, 0, 0, "out of memory");
	if (c->nbad) {
		if (err)
			*err = c->first;
		return CC_EINPUT;
	}
	return CC_OK;
}

void cc__risk_in_init(struct cc__risk_in *in)
{
	memset(in, 0, sizeof(*in));
	cc_arena_init(&in->arena);
}

void cc__risk_in_free(struct cc__risk_in *in)
{
	for (int p = 0; p < CC_NPHASES; p++)
		free(in->ph[p].impacts_json);
	cc_arena_free(&in->arena);
}

static bool absent(const json_t *v)
{
	return !v || json_is_null(v);
}

/* ---- fields ---- */

/* A text member through the plans' check, reported to c. */
static const char *text(struct cc__risk_ctx *c, const json_t *v, const char *field,
			bool required, size_t max, bool lines)
{
	struct cc_error e;
	const char *out;

	if (cc__plan_text(v, field, required, max, lines, &out, &e)) {
		cc__risk_bad(c, e.file, "%s", e.msg);
		return NULL;
	}
	return out;
}

static bool id_valid(const char *s)
{
	size_t n = strlen(s);

	if (n == 0 || n > CC_RISK_ID_MAX)
		return false;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		      (*s >= '0' && *s <= '9') || *s == '.' || *s == '_' || *s == '-'))
			return false;
	return true;
}

/* An item of a matrix list by id (or, with c->names, by name or id in
 * any case); -1 when none. */
static int find_item(const struct cc__risk_ctx *c, const struct cc_mitem *it, int n,
		     const char *s)
{
	int k = cc_matrix_find(it, n, s);

	for (int i = 0; k < 0 && c->names && i < n; i++)
		if (strcasecmp(it[i].id, s) == 0 || strcasecmp(it[i].name, s) == 0)
			k = i;
	return k;
}

static void list_ids(const struct cc_mitem *it, int n, char *buf, size_t size)
{
	size_t used = 0;

	buf[0] = '\0';
	for (int i = 0; i < n && used < size; i++)
		used += (size_t)snprintf(buf + used, size - used, "%s%s", i ? ", " : "", it[i].id);
}

/* A level of list it (what names it in messages) from v; -1 after a report. */
static int level(struct cc__risk_ctx *c, const json_t *v, const char *field,
		 const struct cc_mitem *it, int n, const char *what)
{
	char ids[600];
	int k;

	list_ids(it, n, ids, sizeof(ids));
	if (!json_is_string(v)) {
		cc__risk_bad(c, field, "%s is %s of matrix %s (%s)", field, what, c->m->id, ids);
		return -1;
	}
	k = find_item(c, it, n, json_string_value(v));
	if (k < 0)
		cc__risk_bad(c, field, "matrix %s has no %s \"%.80s\" (%s)", c->m->id, what,
			     json_string_value(v), ids);
	return k;
}

/* The id of a term found, copied where the checked body lives. */
static const char *kept(struct cc__risk_ctx *c, const char *id)
{
	const char *k = c->keep ? cc_arena_strdup(c->keep, id) : id;

	if (!k)
		c->fatal = CC_ENOMEM;
	return k;
}

/* A term of kind by id (or name) into its id; NULL after a report. */
static const char *term(struct cc__risk_ctx *c, const json_t *v, const char *field,
			const char *kind)
{
	const struct cc_term_rec *t = c->terms.items;
	const char *s = json_is_string(v) ? json_string_value(v) : NULL;

	for (int i = 0; s && i < c->terms.n; i++)
		if (strcmp(t[i].kind, kind) == 0 && strcmp(t[i].id, s) == 0)
			return kept(c, t[i].id);
	for (int i = 0; s && c->names && i < c->terms.n; i++)
		if (strcmp(t[i].kind, kind) == 0 &&
		    (strcasecmp(t[i].id, s) == 0 || strcasecmp(t[i].name, s) == 0))
			return kept(c, t[i].id);
	if (!s)
		cc__risk_bad(c, field, "%s is the id of a %s of GET /api/v1/taxonomies", field, kind);
	else
		cc__risk_bad(c, field, "\"%.80s\" is not a %s of the taxonomy "
			     "(GET /api/v1/taxonomies lists them)", s, kind);
	return NULL;
}

static const char *confidence(struct cc__risk_ctx *c, const json_t *v, const char *field)
{
	static const char *const words[] = {"low", "medium", "high"};

	if (absent(v))
		return NULL;
	for (int i = 0; json_is_string(v) && i < 3; i++)
		if (strcmp(json_string_value(v), words[i]) == 0 ||
		    (c->names && strcasecmp(json_string_value(v), words[i]) == 0))
			return words[i];
	cc__risk_bad(c, field, "%s is low, medium or high", field);
	return NULL;
}

/* Reports members of o not in allowed (NULL-terminated). */
static void only(struct cc__risk_ctx *c, const json_t *o, const char *prefix,
		 const char *const *allowed)
{
	const char *key;
	json_t *v;

	json_object_foreach((json_t *)o, key, v) {
		bool ok = false;
		for (int i = 0; allowed[i] && !ok; i++)
			ok = strcmp(key, allowed[i]) == 0;
		if (!ok) {
			char f[200];
			snprintf(f, sizeof(f), "%s%s%.100s", prefix, *prefix ? "." : "", key);
			cc__risk_bad(c, f, "%s is not a member this takes", f);
		}
	}
}

/* ---- a rating ---- */

/* "prefix.name", or name alone when prefix is "". */
static void member(char *buf, size_t size, const char *prefix, const char *name)
{
	snprintf(buf, size, "%s%s%s", prefix, *prefix ? "." : "", name);
}

static void impacts(struct cc__risk_ctx *c, const json_t *o, const char *field,
		    struct cc__phase_in *ph)
{
	const struct cc_matrix *m = c->m;
	char f[200], dims[600];
	json_t *v = json_object_get(o, m->ndimensions ? "impacts" : "impact");
	json_t *wrong = json_object_get(o, m->ndimensions ? "impact" : "impacts");
	const char *key;
	json_t *lv;
	int given = 0, unknown = 0;

	list_ids(m->dimensions, m->ndimensions, dims, sizeof(dims));
	if (wrong) {
		member(f, sizeof(f), field, m->ndimensions ? "impact" : "impacts");
		if (m->ndimensions)
			cc__risk_bad(c, f, "matrix %s judges impact along dimensions (%s): give "
				     "\"impacts\": {\"DIMENSION\": \"LEVEL\"}", m->id, dims);
		else
			cc__risk_bad(c, f, "matrix %s has no impact dimensions: give \"impact\": "
				     "\"LEVEL\"", m->id);
	}
	member(f, sizeof(f), field, m->ndimensions ? "impacts" : "impact");
	if (!m->ndimensions) {
		if (absent(v))
			cc__risk_bad(c, f, "%s is required (an impact level of matrix %s)", f, m->id);
		else
			ph->impacts[0] = level(c, v, f, m->impact, m->nimpact, "impact level");
		return;
	}
	if (!json_is_object(v)) {
		if (!wrong)
			cc__risk_bad(c, f, "%s is required: {\"DIMENSION\": \"LEVEL\"} with at least "
				     "one of the dimensions %s", f, dims);
		return;
	}
	json_object_foreach(v, key, lv) {
		char kf[320];
		int d = find_item(c, m->dimensions, m->ndimensions, key);

		snprintf(kf, sizeof(kf), "%s.%.100s", f, key);
		if (d < 0) {
			cc__risk_bad(c, kf, "matrix %s has no impact dimension \"%.80s\" (%s)", m->id,
				     key, dims);
			unknown++;
			continue;
		}
		if (absent(lv))
			continue;
		ph->impacts[d] = level(c, lv, kf, m->impact, m->nimpact, "impact level");
		given++;
	}
	if (!given && !unknown)
		cc__risk_bad(c, f, "%s needs at least one dimension (%s)", f, dims);
}

void cc__phase_parse(struct cc__risk_ctx *c, const json_t *v, const char *field, bool agreed,
		     struct cc_arena *ar, struct cc__phase_in *ph)
{
	static const char *const plain[] = {"likelihood", "impact", "impacts", "confidence",
					    "rationale", NULL};
	static const char *const more[] = {"likelihood", "impact", "impacts", "confidence",
					   "rationale", "workshop", "dissent", NULL};
	const struct cc_matrix *m = c->m;
	int n = m->ndimensions ? m->ndimensions : 1;
	char f[200];
	json_t *w;

	memset(ph, 0, sizeof(*ph));
	ph->given = v != NULL;
	if (absent(v))
		return;
	if (!json_is_object(v)) {
		cc__risk_bad(c, field, "%s is {\"likelihood\", \"%s\", \"confidence\"?, "
			     "\"rationale\"?}", field, m->ndimensions ? "impacts" : "impact");
		return;
	}
	if (!(ph->impacts = cc_arena_array(ar, (size_t)n, sizeof(int)))) {
		c->fatal = CC_ENOMEM;
		return;
	}
	ph->set = true;
	for (int i = 0; i < n; i++)
		ph->impacts[i] = -1;
	only(c, v, field, agreed ? more : plain);
	member(f, sizeof(f), field, "likelihood");
	if (absent(json_object_get(v, "likelihood")))
		cc__risk_bad(c, f, "%s is required (a likelihood level of matrix %s)", f, m->id);
	else
		ph->likelihood = level(c, json_object_get(v, "likelihood"), f, m->likelihood,
				       m->nlikelihood, "likelihood level");
	impacts(c, v, field, ph);
	member(f, sizeof(f), field, "confidence");
	ph->confidence = confidence(c, json_object_get(v, "confidence"), f);
	member(f, sizeof(f), field, "rationale");
	ph->rationale = text(c, json_object_get(v, "rationale"), f, false, CC_RISK_LONG_MAX, true);
	member(f, sizeof(f), field, "dissent");
	ph->dissent = text(c, json_object_get(v, "dissent"), f, false, CC_RISK_LONG_MAX, true);
	w = json_object_get(v, "workshop");
	member(f, sizeof(f), field, "workshop");
	if (!absent(w) && !json_is_boolean(w))
		cc__risk_bad(c, f, "%s is true or false", f);
	ph->workshop = json_is_true(w);
	if (m->ndimensions) {
		json_t *o = json_object();
		for (int d = 0; o && d < n; d++)
			if (ph->impacts[d] >= 0)
				json_object_set_new(o, m->dimensions[d].id,
						    json_string(m->impact[ph->impacts[d]].id));
		ph->impacts_json = o ? json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
		json_decref(o);
		if (!ph->impacts_json)
			c->fatal = CC_ENOMEM;
	}
}

struct cc_rating_rec cc__phase_rec(const struct cc_matrix *m, const struct cc__phase_in *ph,
				   long long risk, int phase, const char *by)
{
	return (struct cc_rating_rec){
		.risk = risk, .phase = cc_phase_names[phase],
		.likelihood = m->likelihood[ph->likelihood].id,
		.impact = m->ndimensions ? NULL : m->impact[ph->impacts[0]].id,
		.impacts = m->ndimensions ? ph->impacts_json : NULL,
		.confidence = ph->confidence, .rationale = ph->rationale ? ph->rationale : "",
		.workshop = ph->workshop, .dissent = ph->dissent ? ph->dissent : "", .by = by,
	};
}

static bool same_text(const char *a, const char *b)
{
	return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

bool cc__phase_same(const struct cc_rating_rec *a, const struct cc_rating_rec *b)
{
	return same_text(a->likelihood, b->likelihood) && same_text(a->impact, b->impact) &&
	       same_text(a->impacts, b->impacts) && same_text(a->confidence, b->confidence) &&
	       same_text(a->rationale, b->rationale);
}

json_t *cc__rating_input_json(const struct cc_rating_rec *r)
{
	json_t *o;

	if (!r)
		return json_null();
	o = json_pack("{s:s,s:s?,s:s}", "likelihood", r->likelihood, "confidence", r->confidence,
		      "rationale", r->rationale);
	if (o && r->impacts)
		json_object_set_new(o, "impacts", json_loads(r->impacts, 0, NULL));
	else if (o)
		json_object_set_new(o, "impact", json_string(r->impact));
	return o;
}

/* ---- a risk ---- */

static void sectors(struct cc__risk_ctx *c, const json_t *v, struct cc__risk_in *in)
{
	size_t i;
	json_t *s;

	if (!json_is_array(v) || json_array_size(v) == 0 ||
	    json_array_size(v) > CC_RISK_MAX_SECTORS) {
		cc__risk_bad(c, "sectors", "sectors is a list of 1 to %d sector ids "
			     "(GET /api/v1/taxonomies)", CC_RISK_MAX_SECTORS);
		return;
	}
	in->sectors = cc_arena_array(&in->arena, json_array_size(v), sizeof(char *));
	if (!in->sectors) {
		c->fatal = CC_ENOMEM;
		return;
	}
	json_array_foreach(v, i, s) {
		char f[32];
		const char *id;
		bool dup = false;

		snprintf(f, sizeof(f), "sectors[%zu]", i);
		if (!(id = term(c, s, f, "sector")))
			continue;
		for (int k = 0; k < in->nsectors; k++)
			dup |= strcmp(in->sectors[k], id) == 0;
		if (!dup)
			in->sectors[in->nsectors++] = id;
	}
}

static void nodes(struct cc__risk_ctx *c, const json_t *v, struct cc__risk_in *in)
{
	size_t i;
	json_t *o;

	if (absent(v))
		return;
	if (!json_is_array(v) || json_array_size(v) > CC_RISK_MAX_NODES) {
		cc__risk_bad(c, "nodes", "nodes is a list of at most %d {\"framework\", \"node\"}",
			     CC_RISK_MAX_NODES);
		return;
	}
	in->nodes = cc_arena_array(&in->arena, 2 * json_array_size(v) + 1, sizeof(char *));
	if (!in->nodes) {
		c->fatal = CC_ENOMEM;
		return;
	}
	json_array_foreach(v, i, o) {
		static const char *const members[] = {"framework", "node", NULL};
		const struct cc_framework *fw;
		struct cc_error e;
		char ff[48], fn[48], p[32];
		const char *f, *n;

		snprintf(p, sizeof(p), "nodes[%zu]", i);
		snprintf(ff, sizeof(ff), "%s.framework", p);
		snprintf(fn, sizeof(fn), "%s.node", p);
		if (!json_is_object(o)) {
			cc__risk_bad(c, p, "%s is {\"framework\", \"node\"}", p);
			continue;
		}
		only(c, o, p, members);
		f = text(c, json_object_get(o, "framework"), ff, true, 128, false);
		n = text(c, json_object_get(o, "node"), fn, true, 200, false);
		if (!f || !n)
			continue;
		if (cc__plan_framework(c->s, &c->fws, f, ff, &fw, &e)) {
			if (e.code != CC_EINPUT)
				c->fatal = e.code;
			cc__risk_bad(c, ff, "%s", e.msg);
		} else if (cc__plan_node(c->s, fw, n, fn, &e)) {
			if (e.code != CC_EINPUT)
				c->fatal = e.code;
			cc__risk_bad(c, fn, "%s", e.msg);
		} else {
			in->nodes[2 * in->nnodes] = f;
			in->nodes[2 * in->nnodes + 1] = n;
			in->nnodes++;
		}
	}
}

static void public_fields(struct cc__risk_ctx *c, const json_t *body, struct cc__risk_in *in)
{
	json_t *p = json_object_get(body, "public");
	struct cc_risk_rec *r = &in->rec;

	if (!absent(p) && !json_is_boolean(p))
		cc__risk_bad(c, "public", "public is true or false");
	r->is_public = json_is_true(p);
	r->public_title = text(c, json_object_get(body, "public_title"), "public_title",
			       r->is_public, CC_RISK_TEXT_MAX, false);
	r->public_summary = text(c, json_object_get(body, "public_summary"), "public_summary",
				 r->is_public, CC_RISK_LONG_MAX, true);
	r->public_title = r->public_title ? r->public_title : "";
	r->public_summary = r->public_summary ? r->public_summary : "";
}

void cc__risk_parse(struct cc__risk_ctx *c, const json_t *body, struct cc__risk_in *in)
{
	static const char *const members[] = {
		"id", "title", "scenario", "sectors", "threat", "actor", "owner", "vulnerabilities",
		"nodes", "confidence", "public", "public_title", "public_summary", "review_date",
		"inherent", "current", "target", NULL,
	};
	struct cc_risk_rec *r = &in->rec;
	const char *date;
	int days;
	struct cc_error e;

	c->keep = &in->arena;
	if (!json_is_object(body)) {
		cc__risk_bad(c, "", "a risk is a JSON object");
		return;
	}
	only(c, body, "", members);
	r->id = text(c, json_object_get(body, "id"), "id", false, CC_RISK_ID_MAX, false);
	if (r->id && !id_valid(r->id))
		cc__risk_bad(c, "id", "id is 1 to %d of A-Z, a-z, 0-9, '.', '_' and '-'",
			     CC_RISK_ID_MAX);
	r->title = text(c, json_object_get(body, "title"), "title", true, CC_RISK_TEXT_MAX, false);
	r->scenario = text(c, json_object_get(body, "scenario"), "scenario", true,
			   CC_RISK_LONG_MAX, true);
	sectors(c, json_object_get(body, "sectors"), in);
	r->threat = term(c, json_object_get(body, "threat"), "threat", "threat");
	r->actor = term(c, json_object_get(body, "actor"), "actor", "actor");
	r->owner = text(c, json_object_get(body, "owner"), "owner", true, CC_RISK_TEXT_MAX, false);
	r->vulnerabilities = text(c, json_object_get(body, "vulnerabilities"), "vulnerabilities",
				  false, CC_RISK_LONG_MAX, true);
	r->vulnerabilities = r->vulnerabilities ? r->vulnerabilities : "";
	nodes(c, json_object_get(body, "nodes"), in);
	r->confidence = confidence(c, json_object_get(body, "confidence"), "confidence");
	public_fields(c, body, in);
	if (cc__plan_date(json_object_get(body, "review_date"), "review_date", false, &date, &days,
			  &e))
		cc__risk_bad(c, e.file, "%s", e.msg);
	r->review_date = date;
	for (int p = 0; p < CC_NPHASES; p++) {
		json_t *v = json_object_get(body, cc_phase_names[p]);

		if (p != CC_PHASE_TARGET && absent(v))
			cc__risk_bad(c, cc_phase_names[p], "%s is required (the %s rating)",
				     cc_phase_names[p], cc_phase_names[p]);
		cc__phase_parse(c, v, cc_phase_names[p], false, &in->arena, &in->ph[p]);
	}
}

json_t *cc__risk_in_json(const struct cc_matrix *m, const struct cc__risk_in *in)
{
	const struct cc_risk_rec *r = &in->rec;
	json_t *o = json_pack("{s:s,s:s,s:s,s:[],s:s,s:s,s:s,s:s,s:[],s:s?,s:b,s:s,s:s,s:s?}",
			      "id", r->id, "title", r->title, "scenario", r->scenario, "sectors",
			      "threat", r->threat, "actor", r->actor, "owner", r->owner,
			      "vulnerabilities", r->vulnerabilities, "nodes", "confidence",
			      r->confidence, "public", r->is_public, "public_title",
			      r->public_title, "public_summary", r->public_summary,
			      "review_date", r->review_date);

	for (int i = 0; o && i < in->nsectors; i++)
		json_array_append_new(json_object_get(o, "sectors"), json_string(in->sectors[i]));
	for (int i = 0; o && i < in->nnodes; i++)
		json_array_append_new(json_object_get(o, "nodes"), json_pack("{s:s,s:s}",
				      "framework", in->nodes[2 * i], "node", in->nodes[2 * i + 1]));
	for (int p = 0; o && p < CC_NPHASES; p++) {
		struct cc_rating_rec rr;
		if (!in->ph[p].set)
			continue;
		rr = cc__phase_rec(m, &in->ph[p], 0, p, "");
		json_object_set_new(o, cc_phase_names[p], cc__rating_input_json(&rr));
	}
	return o;
}
