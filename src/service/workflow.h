/*
 * workflow.h - the life of a campaign and of each unit's assessment, with
 * every change recorded in the audit trail in the same transaction.
 *
 *   campaign:   draft -> open -> review -> closed -> published
 *               (review -> open and closed -> review go back; published
 *               is final: its results never change)
 *   assessment: not_started -> in_progress -> submitted -> validated
 *               submitted -> returned -> in_progress (queries answered)
 *
 * Errors: CC_ENOTFOUND (no such campaign, unit, question), CC_ECONFLICT
 * (not allowed in the current state: the message says why), CC_EINPUT
 * (an answer the question cannot take, a missing required evidence...;
 * err->file names the field at fault).
 */
#ifndef CC_WORKFLOW_H
#define CC_WORKFLOW_H

#include "service.h"

#define CC_EVIDENCE_MAX_BYTES (20u << 20)
#define CC_ANSWER_MAX_BYTES 10000

/* A draft campaign on one version of framework (NULL: the latest, its
 * highest version); CC_EINPUT (field "framework_version") for a version
 * that is not loaded. */
int cc_workflow_create_campaign(struct cc_store *s, const char *id,
				const char *framework, const char *version,
				const char *title, int year,
				const char *const *units, int nunits,
				const char *actor, struct cc_error *err);

int cc_workflow_set_status(struct cc_store *s, const char *campaign,
			   enum cc_campaign_status to, const char *actor,
			   struct cc_error *err);

/* {"k1": v1, "k2": v2} as compact JSON for an audit row (k1 or k2 NULL:
 * left out; a NULL value: null), malloc'd. */
char *cc_workflow_audit_json(const char *k1, const char *v1, const char *k2,
			     const char *v2);
/* The same with a third key. */
char *cc_workflow_audit_json3(const char *k1, const char *v1, const char *k2,
			      const char *v2, const char *k3, const char *v3);
/* cc_store_audit, then frees before and after (from the above). */
int cc_workflow_audit(struct cc_store *s, const char *actor, const char *action,
		      const char *entity, char *before, char *after, struct cc_error *err);

/* The framework version a campaign was opened on, parsed into fw. */
int cc_workflow_framework(struct cc_store *s, const char *campaign,
			  struct cc_framework *fw, struct cc_error *err);

/* Whether the answers of (campaign, unit) may change now: the campaign is
 * open (or in review, for a returned assessment) and the assessment is not
 * submitted or validated. Fills status[32] with the assessment's status.
 * CC_ENOTFOUND (no such campaign, or unit not in it), CC_ECONFLICT (the
 * message says why, naming doing). */
int cc_workflow_check_open(struct cc_store *s, const char *campaign,
			   const char *unit, const char *doing, char *status,
			   struct cc_error *err);

/* Checks answer (trimmed into *text, *len: a view into answer) against
 * question of fw (a question or an indicator; *node its index): what
 * PUT .../answers/{q} takes. CC_ENOTFOUND (field "question"), CC_EINPUT
 * (field "answer"). */
int cc_workflow_check_answer(const struct cc_framework *fw, const char *question,
			     const char *answer, int *node, const char **text,
			     size_t *len, struct cc_error *err);

/* CC_ENOTFOUND (field "question") unless question is a question or an
 * indicator of the campaign's framework. */
int cc_workflow_question_exists(struct cc_store *s, const char *campaign,
				const char *question, struct cc_error *err);

/* Saves one answer (empty text clears it). */
int cc_workflow_answer(struct cc_store *s, const char *campaign,
		       const char *unit, const char *question, const char *answer,
		       const char *comment, const char *actor, struct cc_error *err);
/* For a batch (answer_writer.c): an answer already checked against its
 * campaign's framework (cc_workflow_check_answer: q its node, text the
 * trimmed answer), whose state was read with the batch's
 * (cc_store_answer_states, then what earlier saves of the batch changed),
 * saved inside the caller's transaction. */
int cc_workflow_answer_node(struct cc_store *s, const char *campaign, const char *unit,
			    const struct cc_node *q, const char *text, const char *comment,
			    const char *actor, const struct cc_answer_state *state,
			    struct cc_error *err);

/* Saves many answers (and evidence links) at once, all or nothing: the
 * offline workbook's upload, and pre-filling (mappings.h). Rows whose
 * answer is NULL keep the current answer. A row with a prefill mark is
 * saved as pre-filled; a row without one that leaves a pre-filled answer
 * and its comment as they are is not saved (a workbook that still holds
 * the pre-filled answer leaves it to be confirmed); any change confirms. */
struct cc_bulk_answer {
	const char *question, *answer, *comment, *evidence_url;
	const struct cc_prefill_mark *prefill;
};
int cc_workflow_answer_many(struct cc_store *s, const char *campaign,
			    const char *unit, const struct cc_bulk_answer *rows,
			    int n, const char *actor, int *saved,
			    struct cc_error *err);

/* Refuses (CC_EINPUT, field "evidence" or "prefilled") while required
 * evidence is missing or pre-filled answers are not confirmed. */
int cc_workflow_submit(struct cc_store *s, const char *campaign,
		       const char *unit, const char *actor, struct cc_error *err);
int cc_workflow_return(struct cc_store *s, const char *campaign,
		       const char *unit, const char *actor, struct cc_error *err);
int cc_workflow_validate(struct cc_store *s, const char *campaign,
			 const char *unit, const char *actor, struct cc_error *err);

int cc_workflow_review(struct cc_store *s, const char *campaign,
		       const char *unit, const char *question, const char *verdict,
		       const char *comment, const char *actor, struct cc_error *err);

/* An evidence link: http(s)://, 10 to 2000 bytes, no spaces, quotes or
 * angle brackets; CC_EINPUT naming field otherwise. */
int cc_workflow_check_url(const char *url, const char *field, struct cc_error *err);

int cc_workflow_evidence_url(struct cc_store *s, const char *campaign,
			     const char *unit, const char *question,
			     const char *url, const char *actor, long long *id,
			     struct cc_error *err);
/* An uploaded file's name made safe to show and send: its last path
 * part, control characters, quotes, backslashes and bytes that are not
 * UTF-8 as '_', at most 200 bytes. */
void cc_workflow_clean_name(const char *filename, char name[201]);
/* CC_OK with *mime (static) when data is an accepted type for its name
 * (PDF, PNG, JPEG, DOCX, XLSX, ODT, ODS, TXT, CSV: by extension and first
 * bytes) and 1..max bytes; CC_EINPUT / CC_ELIMIT naming field "file". */
int cc_workflow_check_file(const char *name, const char *data, size_t len, size_t max,
			   const char **mime, struct cc_error *err);
/* Keeps data content-addressed (cc_store_keep_file: under DATA/evidence/
 * on SQLite, in the database on PostgreSQL) unless it is there (*created:
 * whether this call wrote it); sha its hex hash. */
int cc_workflow_keep_file(struct cc_store *s, const char *data_dir, const char *data,
			  size_t len, char sha[65], int *created, struct cc_error *err);
/* The accepted type's own (static) string for a stored mime, or
 * application/octet-stream. */
const char *cc_workflow_mime(const char *mime);

/* Stores data content-addressed under DATA/evidence/ after checking its
 * size and type (by extension and first bytes). */
int cc_workflow_evidence_file(struct cc_store *s, const char *data_dir,
			      const char *campaign, const char *unit,
			      const char *question, const char *filename,
			      const char *data, size_t len, const char *actor,
			      long long *id, struct cc_error *err);

/* Questions whose required evidence is missing (applicable and answered),
 * as ids joined by ", " into buf; returns their count. */
int cc_workflow_missing_evidence(struct cc_store *s, const char *campaign,
				 const char *unit, char *buf, size_t size,
				 struct cc_error *err);

/* One unit's current answers in campaign, read into answers (initialised
 * here on fw, the campaign's framework). */
int cc_workflow_unit_answers(struct cc_store *s, const char *campaign, const char *unit,
			     const struct cc_framework *fw, struct cc_answers *answers,
			     struct cc_error *err);

/* The campaign, its framework (parsed) and one unit's answers, for
 * callers that show an assessment. */
int cc_workflow_load(struct cc_store *s, const char *campaign, const char *unit,
		     struct cc_list *campaign_out, struct cc_framework *fw,
		     struct cc_answers *answers, struct cc_error *err);

#endif
