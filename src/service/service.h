/*
 * service.h - the platform's operations, composed from store, format and
 * core: setting up a data directory, importing answers into a campaign,
 * publishing, and the in-memory snapshot that the server reads from.
 * The command line and the HTTP server both call these; neither speaks
 * SQL or parses files itself.
 */
#ifndef CC_SERVICE_H
#define CC_SERVICE_H

#include "../core/answers.h"
#include "../core/framework.h"
#include "../core/sample.h"
#include "../core/score.h"
#include "../store/store.h"

/* Adds the units of a units file (countries.csv columns: iso3, m49,
 * name_en..name_ar, m49_region, itu_region, ldc, lldc, sids; any may be
 * missing but the id) and their groups. Codes in ISO 3166's user-assigned
 * ranges (AAA-AAZ, QMA-QZZ, XAA-XZZ, ZZA-ZZZ) are marked fictional. */
int cc_service_add_units(struct cc_store *s, const char *path, int *added,
			 struct cc_error *err);

/* Validates a framework file and stores its text; fills id (<= 128). */
int cc_service_add_framework(struct cc_store *s, const char *path, char *id,
			     size_t idlen, struct cc_error *err);

/* Adds every NAME.yaml file of dir, in name order, with add (a framework,
 * a mapping, a risk matrix: fills id, <= idlen bytes); *count says how many. A folder that cannot be read
 * adds nothing; the first bad file stops with its error. */
typedef int (*cc_service_add_fn)(struct cc_store *s, const char *path, char *id,
				 size_t idlen, struct cc_error *err);
int cc_service_add_dir(struct cc_store *s, const char *dir, cc_service_add_fn add,
		       int *count, struct cc_error *err);

/* cc_service_add_dir with cc_service_add_framework. */
int cc_service_add_frameworks_dir(struct cc_store *s, const char *dir, int *count,
				  struct cc_error *err);

/* The stored framework of a campaign (or the latest of an id when hash is
 * NULL) in fw, released with cc_framework_free. Parsed once per version
 * and process (framework_cache.c): fw is then a read-only view of the
 * parse that every caller shares. */
int cc_service_framework(struct cc_store *s, const char *id, const char *hash,
			 struct cc_framework *fw, struct cc_error *err);

struct cc_import {
	const char *campaign;
	const char *framework;      /* framework id; used when creating */
	const char *version;        /* its version; NULL: the latest */
	const char *title;          /* NULL: the framework's title and year */
	int year;                   /* 0: keep / current */
	const char *author;
	int answers;                /* out: answers stored */
	int units;                  /* out: units in the file */
	int created;                /* out: the campaign was created */
};

/* Creates or fills a campaign from a responses file: all or nothing. */
int cc_service_import(struct cc_store *s, struct cc_import *im,
		      const char *responses, struct cc_error *err);

/* The same from answers in memory (a->fw must be the framework stored
 * with hash); file names the source in messages. */
int cc_service_import_answers(struct cc_store *s, struct cc_import *im,
			      const struct cc_answers *a, const char *hash,
			      const char *file, struct cc_error *err);

/* The same from the fictional sample generator (core/sample.h). */
int cc_service_import_sample(struct cc_store *s, struct cc_import *im,
			     const struct cc_sample_opts *opts,
			     struct cc_error *err);

/* Loads a campaign's current answers into a (initialised here). */
int cc_service_answers(struct cc_store *s, const struct cc_campaign_rec *c,
		       const struct cc_framework *fw, struct cc_answers *a,
		       struct cc_error *err);

/* Scores a campaign and freezes its results; it is then published. */
int cc_service_publish(struct cc_store *s, const char *campaign,
		       struct cc_error *err);

/* Prepares DIR for `cybercap demo` unless done before: the bundled units,
 * frameworks and mappings (from BUNDLED, the installation's data folder),
 * the index's campaigns nci-2025 and nci-2026 (published, on its 2026
 * edition), nci-2027 (published, on its 2027 edition) and nci-2028 (open,
 * 2027 edition) with fictional answers, the maturity and readiness
 * campaigns (demo_maturity.c), and one account per role with a random
 * password written to DIR/demo-logins.txt (mode 0600), and two action
 * plans (demo_plans.c). */
int cc_service_demo(const char *dir, const char *bundled, struct cc_error *err);

#endif
