/*
 * skills_knowledge.c - a programme's knowledge checks (see skills.h;
 * docs/skills.md, "Knowledge checks"): which modules of the learning
 * platform are knowledge checks, each with its pass mark. The scores are
 * those the progress imports keep; the dashboard counts them
 * (skills_dashboard.c).
 */
#include "skills_internal.h"
#include "txn.h"

#include <stdio.h>
#include <string.h>

#define CHECKS_MAX 50
#define MODULE_MAX 200

static int bad(struct cc_error *err, size_t i, const char *member, const char *what)
{
	char field[300];

	snprintf(field, sizeof(field), "modules[%zu]%s%s", i, member ? "." : "",
		 member ? member : "");
	return cc_error_set(err, CC_EINPUT, field, 0, 0, "%s: %s", field, what);
}

/* The checks of body's "modules" as [{"module", "pass"}], validated. */
static int read_checks(const json_t *body, json_t **out, struct cc_error *err)
{
	static const char *const top[] = {"modules", NULL}, *const item[] = {"module", "pass",
									      NULL};
	const json_t *list = json_object_get(body, "modules"), *x;
	size_t i;
	int rc;

	if ((rc = cc__sk_only(body, top, "", err)))
		return rc;
	if (!json_is_array(list))
		return cc_error_set(err, CC_EINPUT, "modules", 0, 0, "modules: a list of "
				    "{\"module\", \"pass\"} is needed (an empty list: none)");
	if (json_array_size(list) > CHECKS_MAX)
		return cc_error_set(err, CC_EINPUT, "modules", 0, 0, "modules: at most %d "
				    "knowledge checks", CHECKS_MAX);
	*out = json_array();
	json_array_foreach(list, i, x) {
		const json_t *pass = json_object_get(x, "pass");
		const char *m = json_string_value(json_object_get(x, "module"));
		size_t j;
		json_t *y;

		if (!json_is_object(x))
			rc = bad(err, i, NULL, "an object {\"module\", \"pass\"} is needed");
		else if ((rc = cc__sk_only(x, item, "", err))) {
			char key[sizeof(err->file)];

			snprintf(key, sizeof(key), "%s", err->file);
			rc = bad(err, i, key, "not a member of a knowledge check");
		}
		else if (!m || !*m || strlen(m) > MODULE_MAX)
			rc = bad(err, i, "module", "the module's name as the learning platform's "
				 "export gives it (1 to 200 characters) is needed");
		else if (!json_is_number(pass) || json_number_value(pass) < 0 ||
			 json_number_value(pass) > 100)
			rc = bad(err, i, "pass", "a pass mark from 0 to 100 (the score's scale) is "
				 "needed");
		json_array_foreach(*out, j, y)
			if (!rc && !strcmp(json_string_value(json_object_get(y, "module")), m))
				rc = bad(err, i, "module", "this module is a knowledge check already "
					 "(given twice)");
		if (rc) {
			json_decref(*out);
			*out = NULL;
			return rc;
		}
		json_array_append_new(*out, json_pack("{s:s,s:f}", "module", m, "pass",
						      json_number_value(pass)));
	}
	return CC_OK;
}

static int save(struct cc_store *s, const struct cc_scaller *c, const char *prog,
		const json_t *out, struct cc_error *err)
{
	const json_t *list = json_object_get(out, "knowledge_checks"), *x;
	char entity[100];
	size_t i;
	int rc = cc_store_skills_clear_knowledge_checks(s, prog, err);

	json_array_foreach(list, i, x)
		if (!rc)
			rc = cc_store_skills_add_knowledge_check(
				s, prog, json_string_value(json_object_get(x, "module")),
				json_real_value(json_object_get(x, "pass")), (int)i, err);
	snprintf(entity, sizeof(entity), "programme:%s", prog);
	return rc ? rc : cc__sk_audit(s, c, "skills.knowledge_checks.set", entity, out, err);
}

int cc_skills_set_knowledge_checks(struct cc_store *s, const struct cc_scaller *c,
				   const char *prog, const json_t *body, json_t **out,
				   struct cc_error *err)
{
	struct cc_list p;
	json_t *checks = NULL;
	int rc = cc_store_skills_programme(s, prog, &p, err);

	if (rc)
		return rc;
	cc_list_free(&p);
	if (!cc_scaller_team(c, prog))
		return cc__sk_forbidden(err, "changing this programme's knowledge checks (its "
					"team does)");
	if ((rc = read_checks(body, &checks, err)))
		return rc;
	*out = json_pack("{s:s,s:o}", "programme", prog, "knowledge_checks", checks);
	if (!*out)
		return CC_ENOMEM;
	CC_TXN(s, err, save(s, c, prog, *out, err));
}

json_t *cc__sk_knowledge_checks(struct cc_store *s, const char *prog)
{
	struct cc_list l;
	json_t *a = json_array();

	if (cc_store_skills_knowledge_checks(s, prog, &l, NULL))
		return a;
	for (int i = 0; i < l.n; i++) {
		const struct cc_scheck_rec *r = &((struct cc_scheck_rec *)l.items)[i];

		json_array_append_new(a, json_pack("{s:s,s:f}", "module", r->module, "pass",
						   r->pass));
	}
	cc_list_free(&l);
	return a;
}
