/*
 * snapshot.h - everything the server shows, read once from the store and
 * held in memory: units, groups, frameworks, campaigns and the frozen
 * results of every published campaign. Requests read a snapshot without
 * locks; when the database changes, a new snapshot replaces the old one and
 * the old one is freed when its last reader lets go (reference counted).
 */
#ifndef CC_SNAPSHOT_H
#define CC_SNAPSHOT_H

#include "mappings.h"

/* A published campaign with its results as frozen in the store. */
struct cc_pub {
	const struct cc_campaign_rec *c;
	struct cc_framework fw;
	struct cc_answers answers;   /* units in result order, their answers */
	struct cc_scores scores;     /* frozen values and ranks */
};

struct cc_snapshot {
	struct cc_list units;        /* struct cc_unit_rec */
	struct cc_list groups;       /* struct cc_group_rec */
	struct cc_list frameworks;   /* struct cc_framework_rec (latest) */
	struct cc_list campaigns;    /* struct cc_campaign_rec */
	struct cc_framework *fws;    /* parsed, same order as frameworks */
	struct cc_list versions;     /* struct cc_framework_rec: every (id, version) */
	struct cc_framework *vfws;   /* parsed, same order as versions */
	struct cc_list mappings;     /* struct cc_mapping_rec, by id */
	struct cc_bound_mapping *maps;  /* parsed and bound, same order */
	struct cc_pub *pubs;
	int npubs;
	struct cc_idmap unit_ids;    /* unit id -> index in units */
	int **unit_groups;           /* per unit: group indices, -1 ended */
	long long version;           /* the store's data version it reflects */
	long long model;             /* the store's read model version, read before it */
	int refs;
};

int cc_snapshot_load(struct cc_store *s, struct cc_snapshot **out,
		     struct cc_error *err);
void cc_snapshot_free(struct cc_snapshot *snap);

const struct cc_unit_rec *cc_snapshot_unit(const struct cc_snapshot *snap,
					   const char *id);
const struct cc_group_rec *cc_snapshot_group(const struct cc_snapshot *snap,
					     const char *id);
const struct cc_campaign_rec *cc_snapshot_campaign(const struct cc_snapshot *snap,
						   const char *id);
/* The published data of a campaign, or NULL when it is not published. */
const struct cc_pub *cc_snapshot_pub(const struct cc_snapshot *snap,
				     const char *campaign);
/* The latest framework of an id, parsed, or NULL. */
const struct cc_framework *cc_snapshot_framework(const struct cc_snapshot *snap,
						 const char *id);
/* The latest text of one version of a framework, parsed, or NULL. */
const struct cc_framework *cc_snapshot_framework_version(const struct cc_snapshot *snap,
							 const char *id, const char *version);
/* The index in snap->mappings (and maps) of a mapping, or -1. */
int cc_snapshot_mapping(const struct cc_snapshot *snap, const char *id);
/* True when unit is a member of group. */
int cc_snapshot_in_group(const struct cc_snapshot *snap, const char *unit,
			 const struct cc_group_rec *g);

#endif
