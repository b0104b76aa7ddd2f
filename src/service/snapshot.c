/*
 * snapshot.c - loading the read model from the store (see snapshot.h).
 */
#include "snapshot.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* The answers behind published results, for the profile's answer column. */
static int load_answers_into(struct cc_store *s, const struct cc_campaign_rec *c,
			     struct cc_pub *p, struct cc_error *err)
{
	struct cc_list answers;
	int rc = cc_store_answers(s, c->id, &answers, err);

	if (rc)
		return rc;
	for (int i = 0; !rc && i < answers.n; i++) {
		const struct cc_answer_rec *r = &((struct cc_answer_rec *)answers.items)[i];
		int u = cc_answers_find_unit(&p->answers, r->unit);

		if (u >= 0)
			rc = cc_answers_set(&p->answers, u, r->question, strlen(r->question),
					    r->answer, strlen(r->answer), err);
	}
	cc_list_free(&answers);
	return rc;
}

static int load_pub(struct cc_store *s, const struct cc_campaign_rec *c,
		    struct cc_pub *p, struct cc_error *err)
{
	struct cc_list runits, results;
	size_t nn;
	int rc, unit;

	memset(p, 0, sizeof(*p));
	p->c = c;
	rc = cc_service_framework(s, c->framework, c->framework_hash, &p->fw, err);
	if (rc)
		return rc;
	cc_answers_init(&p->answers, &p->fw);
	rc = cc_store_result_units(s, c->id, &runits, err);
	if (rc)
		return rc;
	nn = (size_t)p->fw.nnodes;
	p->scores.fw = &p->fw;
	p->scores.nnodes = p->fw.nnodes;
	p->scores.nunits = runits.n;
	p->scores.value = malloc(nn * (size_t)runits.n * sizeof(double) + 1);
	p->scores.rank = calloc(nn * (size_t)runits.n + 1, sizeof(int32_t));
	p->scores.level = malloc((size_t)runits.n * sizeof(int) + 1);
	if (!p->scores.value || !p->scores.rank || !p->scores.level)
		rc = cc_error_set(err, CC_ENOMEM, NULL, 0, 0, "out of memory");
	for (int u = 0; !rc && u < runits.n; u++) {
		const struct cc_result_unit_rec *r = &((struct cc_result_unit_rec *)runits.items)[u];
		rc = cc_answers_unit(&p->answers, r->unit, strlen(r->unit), &unit, err);
		p->scores.level[u] = -1;
		for (int l = 0; r->level && l < p->fw.nlevels; l++)
			if (strcmp(p->fw.levels[l].id, r->level) == 0)
				p->scores.level[u] = l;
		for (size_t i = 0; i < nn; i++)
			p->scores.value[(size_t)u * nn + i] = NAN;
	}
	cc_list_free(&runits);
	if (!rc)
		rc = cc_store_results(s, c->id, &results, err);
	if (rc)
		return rc;
	for (int i = 0; i < results.n; i++) {
		const struct cc_result_rec *r = &((struct cc_result_rec *)results.items)[i];
		int u = cc_answers_find_unit(&p->answers, r->unit);
		int node = cc_framework_find(&p->fw, r->node);

		if (u < 0 || node < 0)
			continue;
		p->scores.value[(size_t)u * nn + (size_t)node] = r->value;
		p->scores.rank[(size_t)u * nn + (size_t)node] = r->rank;
	}
	cc_list_free(&results);
	return load_answers_into(s, c, p, err);
}

static int index_units(struct cc_snapshot *snap, struct cc_error *err)
{
	const struct cc_unit_rec *units = snap->units.items;
	const struct cc_group_rec *groups = snap->groups.items;
	int *count;

	snap->unit_groups = calloc((size_t)snap->units.n + 1, sizeof(int *));
	count = calloc((size_t)snap->units.n + 1, sizeof(int));
	if (!snap->unit_groups || !count) {
		free(count);
		return cc_error_set(err, CC_ENOMEM, NULL, 0, 0, "out of memory");
	}
	for (int u = 0; u < snap->units.n; u++) {
		if (cc_idmap_put(&snap->unit_ids, units[u].id, strlen(units[u].id), u) == CC_ENOMEM ||
		    !(snap->unit_groups[u] = malloc(((size_t)snap->groups.n + 1) * sizeof(int)))) {
			free(count);
			return cc_error_set(err, CC_ENOMEM, NULL, 0, 0, "out of memory");
		}
	}
	for (int g = 0; g < snap->groups.n; g++) {
		for (int m = 0; m < groups[g].nmembers; m++) {
			int u = cc_idmap_get(&snap->unit_ids, groups[g].members[m],
					     strlen(groups[g].members[m]));
			if (u >= 0)
				snap->unit_groups[u][count[u]++] = g;
		}
	}
	for (int u = 0; u < snap->units.n; u++)
		snap->unit_groups[u][count[u]] = -1;
	free(count);
	return CC_OK;
}

/* Parses every framework record of l into *fws (one per record). */
static int parse_all(struct cc_store *s, const struct cc_list *l, struct cc_framework **fws,
		     struct cc_error *err)
{
	const struct cc_framework_rec *f = l->items;
	int rc = CC_OK;

	*fws = calloc((size_t)l->n + 1, sizeof(**fws));
	if (!*fws)
		return cc_error_set(err, CC_ENOMEM, NULL, 0, 0, "out of memory");
	for (int i = 0; !rc && i < l->n; i++)
		rc = cc_service_framework(s, f[i].id, f[i].hash, &(*fws)[i], err);
	return rc;
}

static int load_frameworks(struct cc_store *s, struct cc_snapshot *snap,
			   struct cc_error *err)
{
	int rc = cc_store_frameworks(s, &snap->frameworks, err);

	if (!rc)
		rc = parse_all(s, &snap->frameworks, &snap->fws, err);
	if (!rc)
		rc = cc_store_framework_versions(s, &snap->versions, err);
	if (!rc)
		rc = parse_all(s, &snap->versions, &snap->vfws, err);
	return rc;
}

static int load_mappings(struct cc_store *s, struct cc_snapshot *snap, struct cc_error *err)
{
	const struct cc_mapping_rec *m;
	int rc = cc_store_mappings(s, &snap->mappings, err);

	if (rc)
		return rc;
	m = snap->mappings.items;
	snap->maps = calloc((size_t)snap->mappings.n + 1, sizeof(*snap->maps));
	if (!snap->maps)
		return cc_error_set(err, CC_ENOMEM, NULL, 0, 0, "out of memory");
	for (int i = 0; !rc && i < snap->mappings.n; i++)
		rc = cc_service_bind_mapping(s, &m[i], NULL, NULL, &snap->maps[i], err);
	return rc;
}

int cc_snapshot_load(struct cc_store *s, struct cc_snapshot **out,
		     struct cc_error *err)
{
	struct cc_snapshot *snap = calloc(1, sizeof(*snap));
	const struct cc_campaign_rec *c;
	int rc;

	*out = NULL;
	if (!snap)
		return cc_error_set(err, CC_ENOMEM, NULL, 0, 0, "out of memory");
	cc_idmap_init(&snap->unit_ids);
	snap->version = cc_store_data_version(s);
	snap->model = cc_store_read_model_version(s);
	rc = cc_store_units(s, &snap->units, err);
	if (!rc)
		rc = cc_store_groups(s, &snap->groups, err);
	if (!rc)
		rc = index_units(snap, err);
	if (!rc)
		rc = load_frameworks(s, snap, err);
	if (!rc)
		rc = load_mappings(s, snap, err);
	if (!rc)
		rc = cc_store_campaigns(s, &snap->campaigns, err);
	if (!rc) {
		snap->pubs = calloc((size_t)snap->campaigns.n + 1, sizeof(*snap->pubs));
		if (!snap->pubs)
			rc = cc_error_set(err, CC_ENOMEM, NULL, 0, 0, "out of memory");
	}
	c = snap->campaigns.items;
	for (int i = 0; !rc && i < snap->campaigns.n; i++)
		if (c[i].status == CC_CAMPAIGN_PUBLISHED)
			rc = load_pub(s, &c[i], &snap->pubs[snap->npubs++], err);
	if (rc) {
		cc_snapshot_free(snap);
		return rc;
	}
	snap->refs = 1;
	*out = snap;
	return CC_OK;
}

void cc_snapshot_free(struct cc_snapshot *snap)
{
	if (!snap)
		return;
	for (int i = 0; i < snap->npubs; i++) {
		cc_scores_free(&snap->pubs[i].scores);
		cc_answers_free(&snap->pubs[i].answers);
		cc_framework_free(&snap->pubs[i].fw);
	}
	free(snap->pubs);
	for (int i = 0; snap->fws && i < snap->frameworks.n; i++)
		cc_framework_free(&snap->fws[i]);
	free(snap->fws);
	for (int i = 0; snap->vfws && i < snap->versions.n; i++)
		cc_framework_free(&snap->vfws[i]);
	free(snap->vfws);
	for (int i = 0; snap->maps && i < snap->mappings.n; i++)
		cc_bound_mapping_free(&snap->maps[i]);
	free(snap->maps);
	cc_list_free(&snap->versions);
	cc_list_free(&snap->mappings);
	for (int u = 0; snap->unit_groups && u < snap->units.n; u++)
		free(snap->unit_groups[u]);
	free(snap->unit_groups);
	cc_idmap_free(&snap->unit_ids);
	cc_list_free(&snap->units);
	cc_list_free(&snap->groups);
	cc_list_free(&snap->frameworks);
	cc_list_free(&snap->campaigns);
	free(snap);
}

const struct cc_unit_rec *cc_snapshot_unit(const struct cc_snapshot *snap,
					   const char *id)
{
	int u = cc_idmap_get(&snap->unit_ids, id, strlen(id));

	return u < 0 ? NULL : &((const struct cc_unit_rec *)snap->units.items)[u];
}

const struct cc_group_rec *cc_snapshot_group(const struct cc_snapshot *snap,
					     const char *id)
{
	const struct cc_group_rec *g = snap->groups.items;

	for (int i = 0; i < snap->groups.n; i++)
		if (strcmp(g[i].id, id) == 0)
			return &g[i];
	return NULL;
}

const struct cc_campaign_rec *cc_snapshot_campaign(const struct cc_snapshot *snap,
						   const char *id)
{
	const struct cc_campaign_rec *c = snap->campaigns.items;

	for (int i = 0; i < snap->campaigns.n; i++)
		if (strcmp(c[i].id, id) == 0)
			return &c[i];
	return NULL;
}

const struct cc_pub *cc_snapshot_pub(const struct cc_snapshot *snap,
				     const char *campaign)
{
	for (int i = 0; i < snap->npubs; i++)
		if (strcmp(snap->pubs[i].c->id, campaign) == 0)
			return &snap->pubs[i];
	return NULL;
}

const struct cc_framework *cc_snapshot_framework(const struct cc_snapshot *snap,
						 const char *id)
{
	for (int i = 0; i < snap->frameworks.n; i++)
		if (strcmp(snap->fws[i].id, id) == 0)
			return &snap->fws[i];
	return NULL;
}

const struct cc_framework *cc_snapshot_framework_version(const struct cc_snapshot *snap,
							 const char *id, const char *version)
{
	const struct cc_framework_rec *f = snap->versions.items;

	for (int i = 0; i < snap->versions.n; i++)
		if (strcmp(f[i].id, id) == 0 && strcmp(f[i].version ? f[i].version : "", version) == 0)
			return &snap->vfws[i];
	return NULL;
}

int cc_snapshot_mapping(const struct cc_snapshot *snap, const char *id)
{
	const struct cc_mapping_rec *m = snap->mappings.items;

	for (int i = 0; i < snap->mappings.n; i++)
		if (strcmp(m[i].id, id) == 0)
			return i;
	return -1;
}

int cc_snapshot_in_group(const struct cc_snapshot *snap, const char *unit,
			 const struct cc_group_rec *g)
{
	int u = cc_idmap_get(&snap->unit_ids, unit, strlen(unit));
	int gi = (int)(g - (const struct cc_group_rec *)snap->groups.items);

	if (u < 0)
		return 0;
	for (const int *p = snap->unit_groups[u]; *p >= 0; p++)
		if (*p == gi)
			return 1;
	return 0;
}
