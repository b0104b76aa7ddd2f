/*
 * skills_activity.c - what happens in a cohort: sessions, attendance
 * (a JSON list or a CSV), and completion imported from a learning
 * platform's export (see skills.h; docs/skills.md, "Sessions and
 * attendance"). Attendance and progress are for enrolled and active
 * people of the cohort only; imports are all or nothing.
 */
#include "skills_internal.h"

#include "../core/date.h"
#include "../core/skills_rules.h"
#include "../format/csv.h"
#include "../format/skills_progress.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char *const kinds[] = {"self_paced", "live", "in_person", "webinar",
				    "mentoring_circle", "study_visit", NULL};
static const char *const states[] = {"present", "absent", "excused", NULL};

/* The cohort when c is in its team or one of its trainers. */
static int staff(struct cc_store *s, const struct cc_scaller *c, const char *cohort,
		 struct cc_list *co, struct cc_error *err)
{
	bool team;

	return cc__sk_cohort(s, c, cohort, CC_SK_TRAINER, co, &team, err);
}

int cc_skills_add_session(struct cc_store *s, const struct cc_scaller *c, const char *cohort,
			  const json_t *body, json_t **out, struct cc_error *err)
{
	static const char *const fields[] = {"id", "kind", "title", "starts", "minutes", NULL};
	struct cc_ssession_rec r = {.cohort = cohort};
	struct cc_list co;
	char id[100], entity[120];
	long long minutes = 0;
	int day, rc;

	if ((rc = staff(s, c, cohort, &co, err)))
		return rc;
	cc_list_free(&co);
	if ((rc = cc__sk_only(body, fields, "", err)) ||
	    (rc = cc__sk_id(body, "id", true, &r.id, err)) ||
	    (rc = cc__pchoice(body, "kind", false, kinds, &r.kind, err)) ||
	    (rc = cc__ptext(body, "title", false, CC_SK_TEXT_MAX, &r.title, err)) ||
	    (rc = cc__ptext(body, "starts", false, 32, &r.starts, err)) ||
	    (rc = cc__sk_int(body, "minutes", false, 1, 60 * 24 * 14, &minutes, err)))
		return rc;
	if (strlen(r.starts) < 10 || !cc_date_parse(r.starts, 10, &day))
		return cc_error_set(err, CC_EINPUT, "starts", 0, 0, "starts is a date or time "
				    "(YYYY-MM-DD or ISO 8601)");
	r.minutes = (int)minutes;
	if (!r.id) {
		long long n = 0;
		struct cc_list l;

		do {
			snprintf(id, sizeof(id), "%.60s-s%lld", cohort, ++n);
			rc = cc_store_skills_session(s, id, &l, NULL);
			if (!rc)
				cc_list_free(&l);
		} while (rc == CC_OK);
		r.id = id;
	}
	*out = json_pack("{s:s,s:s,s:s,s:s,s:s,s:i}", "id", r.id, "cohort", cohort, "kind", r.kind,
			 "title", r.title, "starts", r.starts, "minutes", r.minutes);
	snprintf(entity, sizeof(entity), "session:%s", r.id);
	if ((rc = cc_store_begin(s, err)))
		return rc;
	if (!(rc = cc_store_skills_create_session(s, &r, err)))
		rc = cc__sk_audit(s, c, "skills.session.create", entity, *out, err);
	if (rc) {
		cc_store_rollback(s);
		return rc;
	}
	return cc_store_commit(s, err);
}

/* The cohort's enrolment with id or email that takes part; NULL if none. */
static const struct cc_senrol_rec *find(const struct cc_list *en, long long id,
					const char *email, struct cc_store *s)
{
	for (int i = 0; i < en->n; i++) {
		const struct cc_senrol_rec *e = &((struct cc_senrol_rec *)en->items)[i];
		struct cc_list pl;
		bool same = false;

		if (!cc_enrol_takes_part(e->status))
			continue;
		if (!email) {
			if (e->id == id)
				return e;
			continue;
		}
		if (e->person && !cc_store_skills_person(s, e->person, &pl, NULL)) {
			same = strcasecmp(((struct cc_sperson_rec *)pl.items)->email, email) == 0;
			cc_list_free(&pl);
		}
		if (same)
			return e;
	}
	return NULL;
}

struct mark {
	long long enrolment;
	const char *state;
	char state_buf[16];
};

static int marks_json(const json_t *body, const struct cc_list *en, struct cc_store *s,
		      struct mark **out, int *n, struct cc_error *err)
{
	size_t i;
	json_t *item;

	if (!json_is_array(body) || json_array_size(body) == 0 || json_array_size(body) > 5000)
		return cc_error_set(err, CC_EINPUT, "attendance", 0, 0, "the body is a list of 1 "
				    "to 5000 {\"enrolment\", \"state\"}");
	*out = calloc(json_array_size(body), sizeof(**out));
	if (!*out)
		return CC_ENOMEM;
	json_array_foreach(body, i, item) {
		json_t *e = json_object_get(item, "enrolment");
		const char *st;
		char f[64];
		int rc;

		snprintf(f, sizeof(f), "[%zu].enrolment", i);
		if (!json_is_integer(e) || !find(en, json_integer_value(e), NULL, s))
			return cc_error_set(err, CC_EINPUT, f, 0, 0, "%s is not an enrolled or active "
					    "person of the session's cohort", f);
		if ((rc = cc__pchoice(item, "state", false, states, &st, err))) {
			snprintf(f, sizeof(f), "[%zu].state", i);
			snprintf(err->file, sizeof(err->file), "%s", f);
			return rc;
		}
		(*out)[*n].enrolment = json_integer_value(e);
		(*out)[(*n)++].state = st;
	}
	return CC_OK;
}

/* CSV "enrolment,state" or "email,state": the first bad line fails it. */
static int marks_csv(const char *csv, size_t len, const struct cc_list *en, struct cc_store *s,
		     struct mark **out, int *n, struct cc_error *err)
{
	struct cc_csv r;
	int rc = cc_csv_open(&r, "file", csv, len, err), more, ce, cm, cs, cap = 0;

	if (!rc && (more = cc_csv_next(&r, err)) != 1)
		rc = more < 0 ? more : cc_error_set(err, CC_EINPUT, "file", 1, 0, "line 1: the "
						    "header is enrolment,state or email,state");
	ce = rc ? -1 : cc_csv_find(&r, "enrolment");
	cm = rc ? -1 : cc_csv_find(&r, "email");
	cs = rc ? -1 : cc_csv_find(&r, "state");
	if (!rc && ((ce < 0 && cm < 0) || cs < 0))
		rc = cc_error_set(err, CC_EINPUT, "file", 1, 0, "line 1: the header is "
				  "enrolment,state or email,state");
	while (!rc && (more = cc_csv_next(&r, err)) == 1) {
		char key[256] = "", st[16] = "";
		int k = ce >= 0 ? ce : cm;
		const struct cc_senrol_rec *e;
		bool ok = false;

		if (k < r.nfields)
			snprintf(key, sizeof(key), "%.*s", (int)r.fields[k].len, r.fields[k].s);
		if (cs < r.nfields)
			snprintf(st, sizeof(st), "%.*s", (int)r.fields[cs].len, r.fields[cs].s);
		e = ce >= 0 ? find(en, atoll(key), NULL, s) : find(en, 0, key, s);
		for (int i = 0; states[i]; i++)
			ok |= strcmp(states[i], st) == 0;
		if (!e || !ok) {
			rc = cc_error_set(err, CC_EINPUT, "file", r.record_line, 0, "line %ld: %s",
					  r.record_line, !e ? "not an enrolled or active person of "
					  "the cohort" : "state is present, absent or excused");
			break;
		}
		if (*n == cap) {
			struct mark *m = realloc(*out, (size_t)(cap = cap ? 2 * cap : 32) * sizeof(*m));
			if (!m) {
				rc = CC_ENOMEM;
				break;
			}
			*out = m;
		}
		(*out)[*n].enrolment = e->id;
		snprintf((*out)[*n].state_buf, sizeof((*out)[*n].state_buf), "%s", st);
		(*out)[*n].state = (*out)[*n].state_buf;
		++*n;
	}
	if (!rc && more < 0)
		rc = more;
	cc_csv_close(&r);
	return rc;
}

int cc_skills_attendance(struct cc_store *s, const struct cc_scaller *c, const char *session,
			 const json_t *body, const char *csv, size_t len, json_t **out,
			 struct cc_error *err)
{
	struct cc_list se, co, en;
	struct mark *marks = NULL;
	char entity[100];
	int n = 0, rc = cc_store_skills_session(s, session, &se, err);
	const char *cohort;

	if (rc)
		return rc;
	cohort = ((struct cc_ssession_rec *)se.items)->cohort;
	if ((rc = staff(s, c, cohort, &co, err))) {
		cc_list_free(&se);
		return rc;
	}
	cc_list_free(&co);
	if (!(rc = cc_store_skills_enrolments(s, cohort, NULL, &en, err))) {
		rc = csv ? marks_csv(csv, len, &en, s, &marks, &n, err)
			 : marks_json(body, &en, s, &marks, &n, err);
		cc_list_free(&en);
	}
	if (!rc && !(rc = cc_store_begin(s, err))) {
		for (int i = 0; !rc && i < n; i++)
			rc = cc_store_skills_put_attendance(s, session, marks[i].enrolment,
							    marks[i].state, err);
		snprintf(entity, sizeof(entity), "session:%s", session);
		if (!rc)
			rc = cc__sk_audit_kv(s, c, "skills.attendance", entity, NULL, NULL,
					     err);
		rc = rc ? (cc_store_rollback(s), rc) : cc_store_commit(s, err);
	}
	if (!rc)
		*out = json_pack("{s:s,s:i}", "session", session, "recorded", n);
	free(marks);
	cc_list_free(&se);
	return rc;
}

int cc_skills_progress(struct cc_store *s, const struct cc_scaller *c, const char *cohort,
		       const char *csv, size_t len, const char *module, const char *date,
		       json_t **out, struct cc_xlsx_errors *errs, struct cc_error *err)
{
	struct cc_progress_opts o = {.module = module, .date = date};
	struct cc_progress_rows rows;
	struct cc_list co, en;
	char entity[100];
	const struct cc_senrol_rec **who = NULL;
	int rc = staff(s, c, cohort, &co, err);

	if (rc)
		return rc;
	cc_list_free(&co);
	cc_progress_rows_init(&rows);
	if ((rc = cc_progress_csv_read(csv ? csv : "", len, &o, &rows, errs, err)) ||
	    (rc = cc_store_skills_enrolments(s, cohort, NULL, &en, err))) {
		cc_progress_rows_free(&rows);
		return rc;
	}
	who = calloc((size_t)rows.n + 1, sizeof(*who));
	for (int i = 0; who && i < rows.n; i++)
		if (!(who[i] = find(&en, 0, rows.v[i].email, s)))
			rc = cc_xlsx_errors_add(errs, NULL, (int)rows.v[i].line, -1, "%s is not an "
						"enrolled or active person of cohort %s",
						rows.v[i].email, cohort) ? CC_ENOMEM : CC_EINPUT;
	if (!who)
		rc = CC_ENOMEM;
	if (rc == CC_EINPUT)
		cc_error_set(err, CC_EINPUT, "file", errs->v[0].row, 0, "line %d: %s",
			     errs->v[0].row, errs->v[0].msg);
	if (!rc && !(rc = cc_store_begin(s, err))) {
		for (int i = 0; !rc && i < rows.n; i++)
			rc = cc_store_skills_put_progress(s, who[i]->id, rows.v[i].module,
							  rows.v[i].completed_at, rows.v[i].score,
							  rows.format, err);
		snprintf(entity, sizeof(entity), "cohort:%s", cohort);
		if (!rc)
			rc = cc__sk_audit_kv(s, c, "skills.progress.import", entity,
					     "format", rows.format, err);
		rc = rc ? (cc_store_rollback(s), rc) : cc_store_commit(s, err);
	}
	if (!rc)
		*out = json_pack("{s:s,s:s,s:i}", "cohort", cohort, "format", rows.format,
				 "imported", rows.n);
	free(who);
	cc_list_free(&en);
	cc_progress_rows_free(&rows);
	return rc;
}
