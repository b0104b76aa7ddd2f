/*
 * cmd_user.c - `cybercap user add|grant|token|list --data DIR ...`:
 * accounts from the command line, the way the first admin comes to be.
 * Every change is written to the audit trail.
 */
#include "cli.h"

#include "../service/auth.h"
#include "../service/partners.h"
#include "../store/store_skills.h"

#include <getopt.h>
#include <jansson.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char help[] =
	"Usage: cybercap user add   --data DIR --email E --name N [--password-file F]\n"
	"       cybercap user grant --data DIR --email E --role R [--unit U] [--campaign C]\n"
	"       cybercap user grant --data DIR --email E --role secretariat|partner [--organisation O]\n"
	"       cybercap user grant --data DIR --email E --role coordinator|sponsor --programme P\n"
	"       cybercap user token --data DIR --email E\n"
	"       cybercap user list  --data DIR\n\n"
	"add creates an account; the password (at least 10 characters) is read from\n"
	"F's first line, or standard input, and stored as an Argon2id hash.\n"
	"grant gives a role: admin, analyst, reviewer, focal_point (which needs\n"
	"--unit) or respondent (a workshop's participant: needs --campaign and --unit,\n"
	"and sees only their own answers there); --unit and --campaign limit the role\n"
	"to that unit or campaign. The partnership roles: secretariat (sees every\n"
	"request, proposes matches, verifies) and partner (acts for organisation O:\n"
	"its offers and pledges). coordinator and sponsor are roles in one skills\n"
	"programme (--programme): a coordinator runs it, a sponsor reads its dashboard\n"
	"with small counts suppressed.\n"
	"token prints a bearer token for scripts (Authorization: Bearer TOKEN),\n"
	"valid for a year.\n";

struct args {
	const char *data, *email, *name, *password_file, *role, *unit, *campaign, *org, *programme;
};

static int read_password(const char *file, char *buf, size_t size)
{
	FILE *f = file ? fopen(file, "r") : stdin;
	size_t n;

	if (!f)
		return -1;
	if (!fgets(buf, (int)size, f)) {
		if (f != stdin)
			fclose(f);
		return -1;
	}
	if (f != stdin)
		fclose(f);
	n = strlen(buf);
	while (n && (buf[n - 1] == '\n' || buf[n - 1] == '\r'))
		buf[--n] = '\0';
	return 0;
}

static char *audit_detail(const char *k1, const char *v1, const char *k2, const char *v2)
{
	json_t *o = json_pack("{s:s?,s:s?}", k1, v1, k2, v2);
	char *t = o ? json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS) : NULL;

	json_decref(o);
	return t;
}

static int add(struct cc_store *s, const struct args *a)
{
	char pw[1100], hash[200], *detail;
	struct cc_error err;
	long long id;
	int rc;

	if (!a->email || !a->name || !strchr(a->email, '@'))
		return cli_usage("user", "add needs --email (an address) and --name");
	if (read_password(a->password_file, pw, sizeof(pw)) || strlen(pw) < CC_PASSWORD_MIN)
		return cli_usage("user", "a password of at least %d characters is needed (--password-file F)",
				 CC_PASSWORD_MIN);
	if (cc_auth_hash_password(pw, hash, sizeof(hash))) {
		fprintf(stderr, "cybercap: error: cannot hash the password\n");
		return CLI_FAIL;
	}
	sodium_memzero(pw, sizeof(pw));
	cc_error_clear(&err);
	detail = audit_detail("email", a->email, "name", a->name);
	rc = cc_store_begin(s, &err);
	if (!rc)
		rc = cc_store_create_user(s, a->email, a->name, hash, &id, &err);
	if (!rc) {
		char entity[300];
		snprintf(entity, sizeof(entity), "user:%s", a->email);
		rc = cc_store_audit(s, "cli", "create", entity, NULL, detail, &err);
	}
	if (!rc)
		rc = cc_store_commit(s, &err);
	free(detail);
	if (rc) {
		cc_store_rollback(s);
		return cli_report(&err);
	}
	printf("user %s created\n", a->email);
	return CLI_OK;
}

static int user_id(struct cc_store *s, const char *email, long long *id)
{
	struct cc_list l;
	struct cc_error err;
	int rc = cc_store_user(s, email, 0, &l, &err);

	if (rc == CC_ENOTFOUND)
		return cli_usage("user", "no user with email %s (cybercap user add first)", email);
	if (rc)
		return cli_report(&err);
	*id = ((struct cc_user_rec *)l.items)->id;
	cc_list_free(&l);
	return CLI_OK;
}

/* The campaign exists (and has unit, when given). */
static int campaign_has(struct cc_store *s, const char *campaign, const char *unit)
{
	struct cc_list l;
	struct cc_error err;
	char status[32];
	int rc = cc_store_campaign(s, campaign, &l, &err);

	if (rc == CC_ENOTFOUND)
		return cli_usage("user", "campaign %s is not known", campaign);
	if (rc)
		return cli_report(&err);
	cc_list_free(&l);
	if (!unit)
		return CLI_OK;
	rc = cc_store_assessment_status(s, campaign, unit, status, sizeof(status), &err);
	if (rc == CC_ENOTFOUND)
		return cli_usage("user", "unit %s is not in campaign %s", unit, campaign);
	return rc ? cli_report(&err) : CLI_OK;
}

/* secretariat or partner: partnership_member (service/partners.h). */
static int partnership_grant(struct cc_store *s, const struct args *a)
{
	struct cc_error err;

	cc_error_clear(&err);
	if (cc_partners_add_member(s, NULL, "cli", a->email, a->role, a->org, &err)) {
		if (err.code == CC_EINPUT)
			return cli_usage("user", "%s", err.msg);
		return cli_report(&err);
	}
	printf("%s is %s%s%s\n", a->email, a->role, a->org ? " of " : "", a->org ? a->org : "");
	return CLI_OK;
}

/* Writes the grant (a role in a skills programme when programme) with its
 * audit entry, in one transaction; CLI status. */
static int save_grant(struct cc_store *s, const struct args *a, long long id, bool programme)
{
	struct cc_error err;
	char entity[300], *detail;
	int rc;

	cc_error_clear(&err);
	snprintf(entity, sizeof(entity), "grant:%s", a->email);
	detail = programme ? audit_detail("programme", a->programme, "unit", NULL)
			   : audit_detail("unit", a->unit, "campaign", a->campaign);
	rc = cc_store_begin(s, &err);
	if (!rc)
		rc = programme ? cc_store_skills_add_member(s, id, a->role, a->programme, &err)
			       : cc_store_grant(s, id, a->role, a->unit, a->campaign, &err);
	if (!rc)
		rc = cc_store_audit(s, "cli", a->role, entity, NULL, detail, &err);
	if (!rc)
		rc = cc_store_commit(s, &err);
	free(detail);
	if (rc) {
		cc_store_rollback(s);
		return cli_report(&err);
	}
	return CLI_OK;
}

static int grant_programme(struct cc_store *s, const struct args *a);

static int grant(struct cc_store *s, const struct args *a)
{
	long long id;
	int rc;

	if (!a->email || !a->role)
		return cli_usage("user", "grant needs --email and --role");
	if (!strcmp(a->role, "coordinator") || !strcmp(a->role, "sponsor") || a->programme)
		return grant_programme(s, a);
	if (strcmp(a->role, "secretariat") == 0 || strcmp(a->role, "partner") == 0)
		return partnership_grant(s, a);
	if (a->org)
		return cli_usage("user", "--organisation goes with --role partner");
	if (!cc_auth_valid_role(a->role))
		return cli_usage("user", "--role is admin, analyst, reviewer, focal_point, respondent, "
				 "secretariat, partner, coordinator or sponsor");
	if (strcmp(a->role, "focal_point") == 0 && !a->unit)
		return cli_usage("user", "a focal point answers for one unit: give --unit");
	if (strcmp(a->role, "respondent") == 0 && (!a->unit || !a->campaign))
		return cli_usage("user", "a respondent answers in one assessment: give --campaign and --unit");
	if (a->unit && !cc_store_unit_exists(s, a->unit))
		return cli_usage("user", "unit %s is not known", a->unit);
	if (strcmp(a->role, "respondent") == 0 && (rc = campaign_has(s, a->campaign, a->unit)))
		return rc;
	if ((rc = user_id(s, a->email, &id)))
		return rc;
	if ((rc = save_grant(s, a, id, false)))
		return rc;
	printf("%s is %s%s%s%s%s\n", a->email, a->role, a->unit ? " for " : "",
	       a->unit ? a->unit : "", a->campaign ? " in " : "", a->campaign ? a->campaign : "");
	return CLI_OK;
}

/* A role in one skills programme (skills_member). */
static int grant_programme(struct cc_store *s, const struct args *a)
{
	struct cc_error err;
	struct cc_list l;
	long long id;
	int rc;

	if (strcmp(a->role, "coordinator") && strcmp(a->role, "sponsor"))
		return cli_usage("user", "--programme goes with --role coordinator or sponsor");
	if (!a->programme)
		return cli_usage("user", "a %s belongs to one programme: give --programme", a->role);
	cc_error_clear(&err);
	if (cc_store_skills_programme(s, a->programme, &l, &err))
		return cli_usage("user", "programme %s is not known", a->programme);
	cc_list_free(&l);
	if ((rc = user_id(s, a->email, &id)))
		return rc;
	if ((rc = save_grant(s, a, id, true)))
		return rc;
	printf("%s is %s of programme %s\n", a->email, a->role, a->programme);
	return CLI_OK;
}

static int token(struct cc_store *s, const struct args *a)
{
	struct cc_error err;
	char tok[65];
	long long id;
	int rc;

	if (!a->email)
		return cli_usage("user", "token needs --email");
	if ((rc = user_id(s, a->email, &id)))
		return rc;
	if (cc_auth_issue_token(s, id, tok, &err))
		return cli_report(&err);
	printf("%s\n", tok);
	return CLI_OK;
}

static int list(struct cc_store *s)
{
	struct cc_list users;
	struct cc_error err;

	if (cc_store_users(s, &users, &err))
		return cli_report(&err);
	for (int i = 0; i < users.n; i++) {
		const struct cc_user_rec *u = &((struct cc_user_rec *)users.items)[i];
		struct cc_list grants;
		printf("%s\t%s%s", u->email, u->name, u->disabled ? " (disabled)" : "");
		if (cc_store_grants(s, u->id, &grants, &err) == CC_OK) {
			for (int g = 0; g < grants.n; g++) {
				const struct cc_grant_rec *r = &((struct cc_grant_rec *)grants.items)[g];
				printf("\t%s%s%s%s%s", r->role, r->unit ? ":" : "", r->unit ? r->unit : "",
				       r->campaign ? "@" : "", r->campaign ? r->campaign : "");
			}
			cc_list_free(&grants);
		}
		if (cc_store_partnership_roles(s, u->id, &grants, &err) == CC_OK) {
			for (int g = 0; g < grants.n; g++) {
				const struct cc_pmember_rec *m = &((struct cc_pmember_rec *)grants.items)[g];
				printf("\t%s%s%s", m->role, m->org ? ":" : "", m->org ? m->org : "");
			}
			cc_list_free(&grants);
		}
		putchar('\n');
	}
	cc_list_free(&users);
	return CLI_OK;
}

int cmd_user(int argc, char **argv)
{
	static const struct option opts[] = {
		{"data", required_argument, NULL, 'd'},
		{"email", required_argument, NULL, 'e'},
		{"name", required_argument, NULL, 'n'},
		{"password-file", required_argument, NULL, 'p'},
		{"role", required_argument, NULL, 'r'},
		{"unit", required_argument, NULL, 'u'},
		{"campaign", required_argument, NULL, 'c'},
		{"organisation", required_argument, NULL, 'o'},
		{"programme", required_argument, NULL, 'P'},
		{NULL, 0, NULL, 0},
	};
	struct args a = {0};
	struct cc_store *s;
	struct cc_error err;
	const char *verb;
	int c, rc;

	if (cli_wants_help(argc, argv) || argc < 2) {
		fputs(help, argc < 2 ? stderr : stdout);
		return argc < 2 ? CLI_BAD : CLI_OK;
	}
	verb = argv[1];
	opterr = 0;
	optind = 2;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'd': a.data = optarg; break;
		case 'e': a.email = optarg; break;
		case 'n': a.name = optarg; break;
		case 'p': a.password_file = optarg; break;
		case 'r': a.role = optarg; break;
		case 'u': a.unit = optarg; break;
		case 'c': a.campaign = optarg; break;
		case 'o': a.org = optarg; break;
		case 'P': a.programme = optarg; break;
		default: return cli_usage("user", "unknown option \"%s\"", argv[optind - 1]);
		}
	}
	if (!a.data)
		return cli_usage("user", "needs --data DIR");
	cc_error_clear(&err);
	if (cc_store_open(&s, a.data, 0, &err))
		return cli_report(&err);
	rc = strcmp(verb, "add") == 0 ? add(s, &a) : strcmp(verb, "grant") == 0 ? grant(s, &a) :
		strcmp(verb, "token") == 0 ? token(s, &a) : strcmp(verb, "list") == 0 ? list(s) :
		cli_usage("user", "add, grant, token or list, not \"%s\"", verb);
	cc_store_close(s);
	return rc;
}
