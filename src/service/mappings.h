/*
 * mappings.h - crosswalks on the platform: loading mapping files into the
 * store (each checked against the framework texts it names, which are then
 * kept with it), binding a stored mapping to framework texts again, and
 * pre-filling an assessment from another one through a mapping.
 *
 * Pre-filled answers are marked (struct cc_prefill_mark in the store) until
 * the focal point confirms them (cc_prefill_confirm), changes them or
 * saves them again one by one (PUT .../answers/{q}); while any is left,
 * the assessment cannot be submitted (cc_workflow_submit says which).
 */
#ifndef CC_MAPPINGS_H
#define CC_MAPPINGS_H

#include "service.h"

#include "../core/mapping.h"

/* Validates a mapping file against the stored frameworks it names (the
 * version it gives, else the latest of the id) and stores it with their
 * hashes; fills id (<= idlen). Errors name the mapping file: a framework
 * that is not loaded, or anything cc_mapping_bind refuses. */
int cc_service_add_mapping(struct cc_store *s, const char *path, char *id, size_t idlen,
			   struct cc_error *err);

/* Parses r's text and the framework texts of hashes src_hash and dst_hash
 * (NULL: those r was checked against) and binds them. */
int cc_service_bind_mapping(struct cc_store *s, const struct cc_mapping_rec *r,
			    const char *src_hash, const char *dst_hash,
			    struct cc_bound_mapping *out, struct cc_error *err);

/* One pre-filled answer as saved. */
struct cc_prefilled {
	const char *question, *answer, *source;   /* source: "mapped:a|b" */
};

struct cc_prefill_result {
	struct cc_prefilled *rows;  /* saved, in the target's question order */
	int n;
	struct cc_prefilled *kept;  /* answered already: left as they were */
	int nkept;
	struct cc_arena arena;      /* everything above */
};
void cc_prefill_result_free(struct cc_prefill_result *r);

/* Pre-fills the assessment of unit in campaign from its answers in
 * from_campaign (published or not) by cc_mapping_apply with mapping, and
 * saves the rows through the workflow, marked, in one transaction;
 * questions answered already are kept as they are. Errors: CC_ENOTFOUND
 * (campaign or unit), CC_ECONFLICT (not open for answers, or submitted),
 * CC_EINPUT with err->file "mapping" (unknown, or not onto the campaign's
 * framework and version) or "from_campaign" (unknown, another framework or
 * version than the mapping's source, or without the unit). */
int cc_prefill(struct cc_store *s, const char *campaign, const char *unit,
	       const char *mapping, const char *from_campaign, const char *actor,
	       struct cc_prefill_result *out, struct cc_error *err);

/* Confirms a pre-filled answer as it is (its mark goes; the history gets
 * the confirmation). CC_ENOTFOUND (field "question") for a question the
 * questionnaire does not have, CC_ECONFLICT when the answer is not
 * pre-filled (any more) or the assessment is not open. */
int cc_prefill_confirm(struct cc_store *s, const char *campaign, const char *unit,
		       const char *question, const char *actor, struct cc_error *err);

/* The questions of (campaign, unit) whose pre-filled answers await
 * confirmation, joined by ", " into buf; returns their count (or an error
 * below 0). */
int cc_prefill_pending(struct cc_store *s, const char *campaign, const char *unit,
		       char *buf, size_t size, struct cc_error *err);

#endif
