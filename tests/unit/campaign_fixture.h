/*
 * campaign_fixture.h - what the tests of an open campaign share
 * (test_respondents.c, test_answer_writer.c): a fresh data directory on
 * either backend (cc_test_mkdata), its store opened, units and a framework
 * loaded from text, and a campaign on that framework opened for answers.
 */
#ifndef CC_CAMPAIGN_FIXTURE_H
#define CC_CAMPAIGN_FIXTURE_H

#include "helpers.h"

#include "service/service.h"
#include "service/workflow.h"
#include "store/store.h"

struct fixture {
	char dir[64];
	struct cc_store *s;
};

/* A fixture in a new directory named from prefix ("/tmp/cc-x"): units_csv's
 * units, framework_yaml's framework (its id: framework), and campaign "w"
 * of year 2026 with the units[0..nunits) open. NULL (the failure on stderr)
 * when any step fails. */
static inline struct fixture *campaign_fixture(const char *prefix, const char *framework_yaml,
					       const char *framework, const char *units_csv,
					       const char *const *units, int nunits)
{
	struct fixture *fx = calloc(1, sizeof(*fx));
	struct cc_error err;
	char fw[128], up[128], id[64];
	int added;

	if (!fx)
		return NULL;
	snprintf(fx->dir, sizeof(fx->dir), "%s-XXXXXX", prefix);
	if (!cc_test_mkdata(fx->dir)) {
		free(fx);
		return NULL;
	}
	snprintf(fw, sizeof(fw), "%s/fw.yaml", fx->dir);
	snprintf(up, sizeof(up), "%s/units.csv", fx->dir);
	write_file(fw, framework_yaml);
	write_file(up, units_csv);
	if (cc_store_open(&fx->s, fx->dir, 1, &err) ||
	    cc_service_add_units(fx->s, up, &added, &err) ||
	    cc_service_add_framework(fx->s, fw, id, sizeof(id), &err) ||
	    cc_workflow_create_campaign(fx->s, "w", framework, NULL, "W", 2026, units, nunits, "t",
					&err) ||
	    cc_workflow_set_status(fx->s, "w", CC_CAMPAIGN_OPEN, "t", &err)) {
		fprintf(stderr, "setup: %s\n", err.msg);
		return NULL;
	}
	return fx;
}

static inline int campaign_fixture_free(void **state)
{
	struct fixture *fx = *state;
	int rc;

	cc_store_close(fx->s);
	rc = remove_dir(fx->dir);
	free(fx);
	return rc;
}

#endif
