/*
 * respondents.c - adding and removing a workshop's respondents and saving
 * their answers, each change audited in its transaction (see
 * respondents.h; the facilitator's view is workshop.c).
 *
 * Accounts: an email that has an account is linked to it; otherwise an
 * account is made with no password (it cannot sign in) and a one-time
 * set-password token (auth.h) is handed back to the facilitator, who
 * passes it on. The token comes again whenever the account still has no
 * password (a new token replaces the old one).
 */
#include "respondents.h"

#include "auth.h"
#include "workflow.h"

#include "../core/number.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const cc_respondent_groups[] = {
	"government", "cirt", "critical_infrastructure", "law_enforcement", "academia",
	"civil_society", "private_sector", "international_partner", NULL,
};

bool cc_respondent_group_valid(const char *group)
{
	for (int i = 0; cc_respondent_groups[i]; i++)
		if (strcmp(group, cc_respondent_groups[i]) == 0)
			return true;
	return false;
}

static bool has_control(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return true;
	return false;
}

static bool email_valid(const char *e)
{
	const char *at = strchr(e, '@'), *dot;
	size_t n = strlen(e);

	if (n < 3 || n > CC_EMAIL_MAX || !at || at == e || strchr(at + 1, '@'))
		return false;
	for (const char *p = e; *p; p++)
		if ((unsigned char)*p <= ' ' || *p == 0x7f || strchr("<>()[],;:\"\\", *p))
			return false;
	dot = strrchr(at + 1, '.');
	return dot && dot > at + 1 && dot[1] && e[n - 1] != '.';
}

int cc_respondents_check(const struct cc_respondent_new *r, struct cc_error *err)
{
	if (!r->email || !email_valid(r->email))
		return cc_error_set(err, CC_EINPUT, "email", 0, 0,
				    "an email address such as name@example.org (at most %d characters)",
				    CC_EMAIL_MAX);
	if (!r->name || !r->name[0] || strlen(r->name) > CC_RESPONDENT_TEXT_MAX ||
	    has_control(r->name))
		return cc_error_set(err, CC_EINPUT, "name", 0, 0,
				    "a name of 1 to %d characters, without line breaks",
				    CC_RESPONDENT_TEXT_MAX);
	if (r->organisation && (strlen(r->organisation) > CC_RESPONDENT_TEXT_MAX ||
				has_control(r->organisation)))
		return cc_error_set(err, CC_EINPUT, "organisation", 0, 0,
				    "an organisation of at most %d characters, without line breaks",
				    CC_RESPONDENT_TEXT_MAX);
	if (!r->group || !cc_respondent_group_valid(r->group))
		return cc_error_set(err, CC_EINPUT, "group", 0, 0,
				    "group is government, cirt, critical_infrastructure, law_enforcement, "
				    "academia, civil_society, private_sector or international_partner");
	return CC_OK;
}


int cc_respondents_account(struct cc_store *s, const struct cc_respondent_new *r,
			   const char *actor, struct cc_respondent_added *out, bool *has_password,
			   struct cc_error *err)
{
	struct cc_list l;
	char entity[300];
	int rc = cc_store_user(s, r->email, 0, &l, err);

	if (!rc) {
		const struct cc_user_rec *u = l.items;
		out->user_id = u->id;
		*has_password = u->password_hash[0] != '\0';
		cc_list_free(&l);
		return CC_OK;
	}
	if (rc != CC_ENOTFOUND)
		return rc;
	cc_error_clear(err);
	*has_password = false;
	out->created = true;
	rc = cc_store_create_user(s, r->email, r->name, NULL, &out->user_id, err);
	snprintf(entity, sizeof(entity), "user:%s", r->email);
	if (!rc)
		rc = cc_workflow_audit(s, actor, "create", entity, NULL,
			   cc_workflow_audit_json("email", r->email, "name", r->name), err);
	return rc;
}

static int link_respondent(struct cc_store *s, const char *campaign, const char *unit,
			   const struct cc_respondent_new *r, const char *actor,
			   struct cc_respondent_added *out, struct cc_error *err)
{
	struct cc_list l;
	char entity[400], user[32];
	bool has_password;
	int rc = cc_respondents_account(s, r, actor, out, &has_password, err);

	if (rc)
		return rc;
	rc = cc_store_respondent(s, campaign, unit, 0, out->user_id, &l, err);
	if (!rc) {
		const struct cc_respondent_rec *old = l.items;
		out->id = old->id;
		out->restored = old->removed;
		cc_list_free(&l);
		if (!out->restored)
			return cc_error_set(err, CC_ECONFLICT, "email", 0, 0,
					    "%s is a respondent of %s in %s already", r->email,
					    unit, campaign);
		rc = cc_store_restore_respondent(s, out->id, r->name, r->organisation, r->group, err);
	} else if (rc == CC_ENOTFOUND) {
		cc_error_clear(err);
		rc = cc_store_respondents(s, campaign, unit, &l, err);
		if (!rc) {
			int n = l.n;
			cc_list_free(&l);
			if (n >= CC_RESPONDENTS_MAX)
				rc = cc_error_set(err, CC_ELIMIT, "email", 0, 0,
						  "an assessment has at most %d respondents",
						  CC_RESPONDENTS_MAX);
		}
		if (!rc)
			rc = cc_store_add_respondent(s, campaign, unit, out->user_id, r->name,
						     r->organisation, r->group, actor, &out->id, err);
	}
	if (!rc)
		rc = cc_store_grant(s, out->user_id, "respondent", unit, campaign, err);
	snprintf(entity, sizeof(entity), "grant:%s", r->email);
	if (!rc)
		rc = cc_workflow_audit(s, actor, "respondent", entity, NULL,
			   cc_workflow_audit_json("campaign", campaign, "unit", unit), err);
	if (!rc && !has_password)
		rc = cc_auth_issue_setup(s, out->user_id, out->token, out->expires_at, err);
	snprintf(entity, sizeof(entity), "respondent:%s/%s/%lld", campaign, unit, out->id);
	snprintf(user, sizeof(user), "%lld", out->user_id);
	if (!rc)
		rc = cc_workflow_audit(s, actor, out->restored ? "restore" : "add", entity, NULL,
			   cc_workflow_audit_json("group", r->group, "user", user), err);
	return rc;
}

/* s without the spaces around it, copied into buf; s itself when it does
 * not fit (the length check then refuses it). */
static const char *trim_into(const char *s, char *buf, size_t size)
{
	size_t n;
	const char *t;

	if (!s)
		return NULL;
	n = strlen(s);
	t = cc_trim(s, &n);
	if (n >= size)
		return s;
	memcpy(buf, t, n);
	buf[n] = '\0';
	return buf;
}

int cc_respondents_clean(const struct cc_respondent_new *given, struct cc_respondent_clean *c,
			 struct cc_error *err)
{
	c->r = (struct cc_respondent_new){
		trim_into(given->email, c->email, sizeof(c->email)),
		trim_into(given->name, c->name, sizeof(c->name)),
		trim_into(given->organisation, c->organisation, sizeof(c->organisation)),
		given->group,
	};
	return cc_respondents_check(&c->r, err);
}

int cc_respondents_add(struct cc_store *s, const char *campaign, const char *unit,
		       const struct cc_respondent_new *given, const char *actor,
		       struct cc_respondent_added *out, struct cc_error *err)
{
	struct cc_respondent_clean c;
	char status[32];
	int rc = cc_respondents_clean(given, &c, err);

	memset(out, 0, sizeof(*out));
	if (rc)
		return rc;
	rc = cc_store_begin(s, err);
	if (!rc)
		rc = cc_workflow_check_open(s, campaign, unit, "adding respondents", status, err);
	if (!rc)
		rc = link_respondent(s, campaign, unit, &c.r, actor, out, err);
	if (!rc)
		rc = cc_store_commit(s, err);
	if (rc) {
		cc_store_rollback(s);
		memset(out->token, 0, sizeof(out->token));
	}
	return rc;
}

/* The respondent id of (campaign, unit), which must not be removed. */
static int current(struct cc_store *s, const char *campaign, const char *unit, long long id,
		   struct cc_list *l, struct cc_error *err)
{
	int rc = cc_store_respondent(s, campaign, unit, id, 0, l, err);

	if (!rc && ((struct cc_respondent_rec *)l->items)->removed) {
		cc_list_free(l);
		rc = cc_error_set(err, CC_ENOTFOUND, "respondent", 0, 0,
				  "respondent %lld of %s in %s was removed", id, unit, campaign);
	}
	return rc;
}

static int remove_respondent(struct cc_store *s, const char *campaign, const char *unit,
			     long long id, const char *actor, struct cc_error *err)
{
	struct cc_list l;
	char status[32], entity[400];
	long long user;
	int rc = cc_workflow_check_open(s, campaign, unit, "removing respondents", status, err);

	if (!rc)
		rc = current(s, campaign, unit, id, &l, err);
	if (rc)
		return rc;
	user = ((struct cc_respondent_rec *)l.items)->user_id;
	cc_list_free(&l);
	rc = cc_store_revoke(s, user, "respondent", unit, campaign, err);
	if (!rc)
		rc = cc_store_remove_respondent(s, id, err);
	snprintf(entity, sizeof(entity), "respondent:%s/%s/%lld", campaign, unit, id);
	if (!rc)
		rc = cc_workflow_audit(s, actor, "remove", entity, NULL, NULL, err);
	return rc;
}

int cc_respondents_remove(struct cc_store *s, const char *campaign, const char *unit,
			  long long id, const char *actor, struct cc_error *err)
{
	int rc = cc_store_begin(s, err);

	if (!rc)
		rc = remove_respondent(s, campaign, unit, id, actor, err);
	if (!rc)
		rc = cc_store_commit(s, err);
	if (rc)
		cc_store_rollback(s);
	return rc;
}

static int answer(struct cc_store *s, const char *campaign, const char *unit, long long id,
		  const char *question, const char *text, const char *comment,
		  const char *actor, struct cc_error *err)
{
	struct cc_list l, ans;
	char status[32], entity[500];
	const char *before = NULL;
	int rc = cc_workflow_check_open(s, campaign, unit, "answering", status, err);

	if (!rc)
		rc = current(s, campaign, unit, id, &l, err);
	if (rc)
		return rc;
	cc_list_free(&l);
	rc = cc_store_respondent_answers(s, campaign, unit, id, &ans, err);
	if (rc)
		return rc;
	for (int i = 0; i < ans.n; i++)
		if (strcmp(((struct cc_respondent_answer_rec *)ans.items)[i].question, question) == 0)
			before = ((struct cc_respondent_answer_rec *)ans.items)[i].answer;
	snprintf(entity, sizeof(entity), "respondent_answer:%s/%s/%lld/%s", campaign, unit, id,
		 question);
	rc = cc_store_put_respondent_answer(s, id, question, text, comment, actor, err);
	if (!rc)
		rc = cc_workflow_audit(s, actor, "answer", entity, before ? cc_workflow_audit_json("answer", before, NULL, NULL) : NULL,
			   cc_workflow_audit_json("answer", text, "comment", comment), err);
	cc_list_free(&ans);
	return rc;
}

int cc_respondents_answer(struct cc_store *s, const char *campaign, const char *unit,
			  long long id, const char *question, const char *text,
			  const char *comment, const char *actor, struct cc_error *err)
{
	struct cc_framework fw;
	const char *t;
	char *copy = NULL;
	size_t len;
	int node, rc = cc_workflow_framework(s, campaign, &fw, err);

	if (rc)
		return rc;
	rc = cc_workflow_check_answer(&fw, question, text, &node, &t, &len, err);
	if (!rc && fw.nodes[node].kind != CC_QUESTION)
		rc = cc_error_set(err, CC_ENOTFOUND, "question", 0, 0,
				  "\"%s\" is an indicator: its value comes from data, not from "
				  "respondents", question);
	if (!rc && !(copy = strndup(t, len)))
		rc = cc_error_set(err, CC_ENOMEM, NULL, 0, 0, "out of memory");
	if (!rc)
		rc = cc_store_begin(s, err);
	if (!rc) {
		rc = answer(s, campaign, unit, id, fw.nodes[node].id, copy, comment ? comment : "",
			    actor, err);
		if (!rc)
			rc = cc_store_commit(s, err);
		if (rc)
			cc_store_rollback(s);
	}
	free(copy);
	cc_framework_free(&fw);
	return rc;
}
