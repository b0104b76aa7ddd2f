/*
 * campaigns.c - frameworks into the store, answers into campaigns, and
 * publication (see service.h). Every write is one transaction: a bad file
 * or a failure half-way leaves the database as it was.
 */
#include "service.h"

#include "../format/fileio.h"
#include "../format/framework_yaml.h"
#include "../format/responses_csv.h"
#include "../format/responses_out.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int cc_service_add_framework(struct cc_store *s, const char *path, char *id,
			     size_t idlen, struct cc_error *err)
{
	struct cc_framework fw;
	char *text, hash[65];
	size_t len;
	int rc = cc_read_file(path, CC_FRAMEWORK_MAX_BYTES, &text, &len, err);

	if (rc)
		return rc;
	rc = cc_framework_parse(&fw, path, text, len, err);
	if (!rc) {
		snprintf(id, idlen, "%s", fw.id);
		rc = cc_store_put_framework(s, fw.id, fw.version, fw.title, text, len,
					    hash, err);
		cc_framework_free(&fw);
	}
	free(text);
	return rc;
}

static int yaml_file(const struct dirent *e)
{
	size_t n = strlen(e->d_name);
	return n > 5 && strcmp(e->d_name + n - 5, ".yaml") == 0;
}

int cc_service_add_dir(struct cc_store *s, const char *dir, cc_service_add_fn add,
		       int *count, struct cc_error *err)
{
	struct dirent **list = NULL;
	int n = scandir(dir, &list, yaml_file, alphasort), rc = CC_OK;

	*count = 0;
	for (int i = 0; i < n; i++) {
		char path[4600], id[128];

		if (!rc) {
			snprintf(path, sizeof(path), "%s/%s", dir, list[i]->d_name);
			rc = add(s, path, id, sizeof(id), err);
			*count += !rc;
		}
		free(list[i]);
	}
	free(list);
	return rc;
}

int cc_service_add_frameworks_dir(struct cc_store *s, const char *dir, int *count,
				  struct cc_error *err)
{
	return cc_service_add_dir(s, dir, cc_service_add_framework, count, err);
}

/* Every unit of the file must be known before anything is written. */
static int check_units(struct cc_store *s, const struct cc_answers *a,
		       const char *file, struct cc_error *err)
{
	for (int u = 0; u < a->nunits; u++)
		if (!cc_store_unit_exists(s, a->units[u]))
			return cc_error_set(err, CC_EINPUT, file, 0, 0,
					    "unit \"%s\" is not known to this data directory "
					    "(add it with: cybercap init --data DIR --units FILE)",
					    a->units[u]);
	return CC_OK;
}

static int open_campaign(struct cc_store *s, struct cc_import *im,
			 const struct cc_framework *fw, const char *hash,
			 struct cc_error *err)
{
	struct cc_list l;
	const struct cc_campaign_rec *c;
	char title[400];
	int rc = cc_store_campaign(s, im->campaign, &l, err);

	if (rc == CC_ENOTFOUND) {
		snprintf(title, sizeof(title), "%s %d", fw->title, im->year);
		im->created = 1;
		return cc_store_create_campaign(s, im->campaign, fw->id, hash,
						im->title ? im->title : title, im->year, err);
	}
	if (rc)
		return rc;
	c = l.items;
	if (strcmp(c->framework, fw->id) != 0)
		rc = cc_error_set(err, CC_EINPUT, NULL, 0, 0,
				  "campaign \"%s\" uses framework \"%s\", not \"%s\"",
				  c->id, c->framework, fw->id);
	else if (c->status == CC_CAMPAIGN_PUBLISHED)
		rc = cc_error_set(err, CC_ECONFLICT, NULL, 0, 0,
				  "campaign \"%s\" is published; its results never change "
				  "(import into a new campaign instead)", c->id);
	cc_list_free(&l);
	return rc;
}

static int store_answers(struct cc_store *s, struct cc_import *im,
			 const struct cc_answers *a, struct cc_error *err)
{
	const struct cc_framework *fw = a->fw;
	size_t nl = (size_t)fw->nleaves;
	char buf[8192];
	int rc = CC_OK;

	for (int u = 0; !rc && u < a->nunits; u++) {
		rc = cc_store_add_assessment(s, im->campaign, a->units[u], err);
		for (int l = 0; !rc && l < fw->nleaves; l++) {
			const struct cc_answer *ans = cc_answers_cell(a, u, l);
			const struct cc_node *n = &fw->nodes[fw->leaves[l]];
			size_t at = (size_t)u * nl + (size_t)l;
			struct cc_answer_rec rec = {0};

			if (!cc_answer_present(ans))
				continue;
			if (n->kind == CC_QUESTION && n->qtype == CC_Q_TEXT)
				rec.answer = a->texts[ans->bits];
			else {
				cc_answer_format(a, l, ans, buf, sizeof(buf));
				rec.answer = buf;
			}
			rec.unit = a->units[u];
			rec.question = n->id;
			rec.evidence = a->notes ? a->notes[at] : NULL;
			rec.comment = a->comments ? a->comments[at] : NULL;
			rc = cc_store_put_answer(s, im->campaign, &rec, im->author, err);
			im->answers += !rc;
		}
	}
	return rc;
}

/* A stored version of a framework (NULL: the latest), parsed, with its
 * hash. */
static int version_of(struct cc_store *s, const char *id, const char *version,
		      struct cc_framework *fw, char *hash, struct cc_error *err)
{
	struct cc_list fl;
	int rc = version ? cc_store_framework_version(s, id, version, &fl, err) :
			   cc_store_framework(s, id, NULL, &fl, err);

	if (rc)
		return rc;
	snprintf(hash, 65, "%s", ((struct cc_framework_rec *)fl.items)->hash);
	cc_list_free(&fl);
	return cc_service_framework(s, id, hash, fw, err);
}

int cc_service_import_answers(struct cc_store *s, struct cc_import *im,
			      const struct cc_answers *a, const char *hash,
			      const char *file, struct cc_error *err)
{
	int rc = check_units(s, a, file, err);

	im->answers = im->created = 0;
	im->units = a->nunits;
	if (!rc)
		rc = cc_store_begin(s, err);
	if (rc)
		return rc;
	rc = open_campaign(s, im, a->fw, hash, err);
	if (!rc)
		rc = store_answers(s, im, a, err);
	if (!rc)
		rc = cc_store_commit(s, err);
	if (rc) {
		cc_store_rollback(s);
		im->answers = 0;
	}
	return rc;
}

/* The framework answers are read with: an existing campaign's own version
 * (whatever the latest is now), else the version asked for (NULL: the
 * latest). A campaign on another framework is refused by open_campaign. */
static int import_framework(struct cc_store *s, const struct cc_import *im,
			    struct cc_framework *fw, char *hash, struct cc_error *err)
{
	struct cc_list l;
	const struct cc_campaign_rec *c;
	int rc;

	if (cc_store_campaign(s, im->campaign, &l, NULL) != CC_OK)
		return version_of(s, im->framework, im->version, fw, hash, err);
	c = l.items;
	if (strcmp(c->framework, im->framework) != 0 ||
	    (im->version && strcmp(c->framework_version, im->version) != 0)) {
		rc = cc_error_set(err, CC_EINPUT, NULL, 0, 0,
				  "campaign \"%s\" uses framework \"%s\" version \"%s\", not \"%s\"%s%s",
				  c->id, c->framework, c->framework_version, im->framework,
				  im->version ? " version " : "", im->version ? im->version : "");
		cc_list_free(&l);
		return rc;
	}
	snprintf(hash, 65, "%s", c->framework_hash);
	cc_list_free(&l);
	return cc_service_framework(s, im->framework, hash, fw, err);
}

int cc_service_import(struct cc_store *s, struct cc_import *im,
		      const char *responses, struct cc_error *err)
{
	struct cc_framework fw;
	struct cc_answers a;
	char hash[65];
	int rc = import_framework(s, im, &fw, hash, err);

	if (rc)
		return rc;
	rc = cc_responses_load(&a, &fw, responses, err);
	if (!rc) {
		rc = cc_service_import_answers(s, im, &a, hash, responses, err);
		cc_answers_free(&a);
	}
	cc_framework_free(&fw);
	return rc;
}

int cc_service_import_sample(struct cc_store *s, struct cc_import *im,
			     const struct cc_sample_opts *opts,
			     struct cc_error *err)
{
	struct cc_framework fw;
	struct cc_answers a;
	char hash[65];
	int rc = import_framework(s, im, &fw, hash, err);

	if (rc)
		return rc;
	rc = cc_sample_answers(&fw, opts, &a, err);
	if (!rc) {
		rc = cc_service_import_answers(s, im, &a, hash, "sample", err);
		cc_answers_free(&a);
	}
	cc_framework_free(&fw);
	return rc;
}

int cc_service_answers(struct cc_store *s, const struct cc_campaign_rec *c,
		       const struct cc_framework *fw, struct cc_answers *a,
		       struct cc_error *err)
{
	struct cc_list units, answers;
	int rc, unit;

	cc_answers_init(a, fw);
	rc = cc_store_campaign_units(s, c->id, &units, err);
	if (rc)
		return rc;
	for (int u = 0; !rc && u < units.n; u++) {
		const char *id = ((const char **)units.items)[u];
		rc = cc_answers_unit(a, id, strlen(id), &unit, err);
	}
	cc_list_free(&units);
	if (!rc)
		rc = cc_store_answers(s, c->id, &answers, err);
	else
		return rc;
	for (int i = 0; !rc && i < answers.n; i++) {
		const struct cc_answer_rec *r = &((struct cc_answer_rec *)answers.items)[i];
		unit = cc_answers_find_unit(a, r->unit);
		rc = cc_answers_set(a, unit, r->question, strlen(r->question), r->answer,
				    strlen(r->answer), err);
		if (!rc && ((r->evidence && *r->evidence) || (r->comment && *r->comment))) {
			int node = cc_framework_find(fw, r->question);
			rc = cc_answers_note(a, unit, fw->nodes[node].leaf,
					     r->evidence, r->evidence ? strlen(r->evidence) : 0,
					     r->comment, r->comment ? strlen(r->comment) : 0);
		}
	}
	cc_list_free(&answers);
	if (rc)
		cc_answers_free(a);
	return rc;
}

static int freeze(struct cc_store *s, const char *campaign,
		  const struct cc_answers *a, const struct cc_scores *sc,
		  struct cc_error *err)
{
	const struct cc_framework *fw = a->fw;
	int rc = CC_OK;

	for (int u = 0; !rc && u < sc->nunits; u++) {
		struct cc_result_unit_rec ru = {a->units[u],
			sc->level[u] >= 0 ? fw->levels[sc->level[u]].id : NULL};

		rc = cc_store_put_result_unit(s, campaign, u, &ru, err);
		for (int i = 0; !rc && i < fw->nnodes; i++) {
			size_t at = (size_t)u * (size_t)fw->nnodes + (size_t)i;
			struct cc_result_rec r = {a->units[u], fw->nodes[i].id,
						  sc->value[at], sc->rank[at]};
			rc = cc_store_put_result(s, campaign, &r, err);
		}
	}
	return rc;
}

int cc_service_publish(struct cc_store *s, const char *campaign,
		       struct cc_error *err)
{
	struct cc_list l;
	const struct cc_campaign_rec *c;
	struct cc_framework fw;
	struct cc_answers a;
	struct cc_scores sc;
	int rc = cc_store_campaign(s, campaign, &l, err);

	if (rc)
		return rc;
	c = l.items;
	if (c->status == CC_CAMPAIGN_PUBLISHED) {
		cc_list_free(&l);
		return cc_error_set(err, CC_ECONFLICT, NULL, 0, 0,
				    "campaign \"%s\" is published already", campaign);
	}
	rc = cc_service_framework(s, c->framework, c->framework_hash, &fw, err);
	if (rc) {
		cc_list_free(&l);
		return rc;
	}
	rc = cc_service_answers(s, c, &fw, &a, err);
	if (!rc) {
		rc = cc_scores_compute(&sc, &fw, &a, err);
		if (!rc) {
			rc = cc_store_begin(s, err);
			if (!rc)
				rc = freeze(s, campaign, &a, &sc, err);
			if (!rc)
				rc = cc_store_mark_published(s, campaign, err);
			if (!rc)
				rc = cc_store_commit(s, err);
			if (rc)
				cc_store_rollback(s);
			cc_scores_free(&sc);
		}
		cc_answers_free(&a);
	}
	cc_framework_free(&fw);
	cc_list_free(&l);
	return rc;
}
