/*
 * scenarios.h - drill scenarios into the platform, as frameworks are:
 * from files (`cybercap init --scenario FILE`, and every
 * NAME.yaml of the installation's scenarios folder), or from the API (the YAML as the
 * body, or a zip of the YAML and its challenge files). The text is stored
 * by id and content hash (SHA-256 of the text, and of each challenge
 * file's path and SHA-256 when there are some); the files are kept under
 * DATA/scenario-files/HASH/. A drill keeps the version it was created on.
 *
 * Errors: CC_EINPUT with FILE:LINE:COL as the reader gives them
 * (format/scenario_yaml.h), CC_ECONFLICT (an id already there, for the
 * API), CC_ELIMIT, CC_EIO. Every version added is in the audit trail.
 */
#ifndef CC_SCENARIOS_H
#define CC_SCENARIOS_H

#include <stdbool.h>

#include "../core/scenario.h"
#include "../store/store.h"

struct cc_scenario_added {
	char id[128];
	char hash[65];
	bool created;           /* false: that very version was there */
	int files;              /* challenge files stored with it */
};

/* A scenario file and the challenge files it names (beside it). A new
 * text of an id already there is stored as a new version. */
int cc_scenarios_add_file(struct cc_store *s, const char *data_dir, const char *path,
			  const char *actor, struct cc_scenario_added *out,
			  struct cc_error *err);

/* Every NAME.yaml of dir in name order (a folder that cannot be read adds
 * nothing); the first bad file stops with its error. */
int cc_scenarios_add_dir(struct cc_store *s, const char *data_dir, const char *dir,
			 const char *actor, int *count, struct cc_error *err);

/* A scenario sent over HTTP: YAML text, or a zip (format/scenario_zip.h).
 * CC_ECONFLICT when any version of its id is there already; file names in
 * errors are "scenario" for a YAML body, the entry's name for a zip. */
int cc_scenarios_add_body(struct cc_store *s, const char *data_dir, const char *body,
			  size_t len, const char *actor, struct cc_scenario_added *out,
			  struct cc_error *err);

/* A new text for the stored version base (the MSEL import's): parsed
 * with base's challenge files, which go with it, and kept as the id's
 * latest version (out->created false when that very text was there). */
int cc_scenarios_add_version(struct cc_store *s, const char *data_dir,
			     const struct cc_scenario_rec *base, const char *text, size_t len,
			     const char *actor, struct cc_scenario_added *out,
			     struct cc_error *err);

/* Parses a stored version into sc (its files looked up where they were
 * stored). */
int cc_scenarios_parse(const char *data_dir, const struct cc_scenario_rec *r,
		       struct cc_scenario *sc, struct cc_error *err);

#endif
