/*
 * prefill.c - starting an assessment from another one through a mapping,
 * and confirming what was pre-filled (see mappings.h). The rows are those
 * of cc_mapping_apply on the unit's answers in the other campaign (its
 * published answers, or the live ones); they are saved through
 * cc_workflow_answer_many, so that the workflow's rules and audit apply.
 */
#include "mappings.h"

#include "workflow.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void cc_prefill_result_free(struct cc_prefill_result *r)
{
	cc_arena_free(&r->arena);
	memset(r, 0, sizeof(*r));
}

/* The campaign c, refused (CC_EINPUT naming field) when it is not on
 * framework id (and version, when given). */
static int on_framework(struct cc_store *s, const char *campaign, const char *id,
			const char *version, const char *field, const char *what,
			struct cc_list *out, struct cc_error *err)
{
	const struct cc_campaign_rec *c;
	struct cc_list fl;
	int rc = cc_store_campaign(s, campaign, out, err);

	if (rc == CC_ENOTFOUND)
		return cc_error_set(err, CC_EINPUT, field, 0, 0, "no campaign \"%s\"", campaign);
	if (rc)
		return rc;
	c = out->items;
	if (strcmp(c->framework, id) != 0)
		rc = cc_error_set(err, CC_EINPUT, field, 0, 0,
				  "campaign %s is on framework %s, but the mapping's %s is %s",
				  campaign, c->framework, what, id);
	else if (version && *version &&
		 !(rc = cc_store_framework(s, c->framework, c->framework_hash, &fl, err))) {
		const char *v = ((struct cc_framework_rec *)fl.items)->version;
		if (strcmp(v ? v : "", version) != 0)
			rc = cc_error_set(err, CC_EINPUT, field, 0, 0,
					  "campaign %s is on %s version \"%s\", but the mapping's %s "
					  "is version \"%s\"", campaign, id, v ? v : "", what, version);
		cc_list_free(&fl);
	}
	if (rc)
		cc_list_free(out);
	return rc;
}

/* The mapping and both campaigns checked, and the mapping bound to the
 * campaigns' own framework texts. mrec gets the mapping's record. */
static int prepare(struct cc_store *s, const char *campaign, const char *unit,
		   const char *mapping, const char *from, struct cc_list *mrec,
		   struct cc_bound_mapping *b, struct cc_error *err)
{
	const struct cc_mapping_rec *r;
	struct cc_list tc = {0}, fc = {0};
	char status[32];
	int rc = cc_workflow_check_open(s, campaign, unit, "pre-filling", status, err);

	if (rc)
		return rc;
	rc = cc_store_mapping(s, mapping, mrec, err);
	if (rc)
		return rc == CC_ENOTFOUND ? cc_error_set(err, CC_EINPUT, "mapping", 0, 0,
							 "no mapping \"%s\"", mapping) : rc;
	r = mrec->items;
	rc = on_framework(s, campaign, r->target, r->target_version, "mapping", "target", &tc, err);
	if (!rc)
		rc = on_framework(s, from, r->source, r->source_version, "from_campaign", "source",
				  &fc, err);
	if (!rc && cc_store_assessment_status(s, from, unit, status, sizeof(status), NULL) != CC_OK)
		rc = cc_error_set(err, CC_EINPUT, "from_campaign", 0, 0,
				  "campaign %s has no assessment of %s", from, unit);
	if (!rc) {
		rc = cc_service_bind_mapping(s, r, ((struct cc_campaign_rec *)fc.items)->framework_hash,
					     ((struct cc_campaign_rec *)tc.items)->framework_hash, b, err);
		if (rc == CC_EINPUT) {
			char why[sizeof(err->msg)];
			snprintf(why, sizeof(why), "%s", err->msg);
			rc = cc_error_set(err, CC_EINPUT, "mapping", 0, 0,
					  "mapping %s does not fit the campaigns' frameworks: %s",
					  mapping, why);
		}
	}
	cc_list_free(&fc);
	cc_list_free(&tc);
	if (rc)
		cc_list_free(mrec);
	return rc;
}

/* "mapped:" and the source question ids of row, joined by '|'. */
static char *source_of(struct cc_arena *a, const struct cc_mapping *m,
		       const struct cc_prefill *row)
{
	size_t n = sizeof("mapped:");
	char *out;

	for (int k = 0; k < row->npairs; k++)
		n += strlen(m->pairs[row->pairs[k]].source_id) + 1;
	out = cc_arena_alloc(a, n);
	if (!out)
		return NULL;
	strcpy(out, "mapped:");
	for (int k = 0; k < row->npairs; k++) {
		if (k)
			strcat(out, "|");
		strcat(out, m->pairs[row->pairs[k]].source_id);
	}
	return out;
}

/* Splits the rows of apply into those to save (bulk, with their marks)
 * and those kept because the question is answered already. */
static int split_rows(struct cc_store *s, const char *campaign, const char *unit,
		      const char *mapping, const char *from, const struct cc_mapping *m,
		      const struct cc_framework *dst, const struct cc_prefill *rows, int n,
		      struct cc_bulk_answer *bulk, struct cc_prefill_mark *marks,
		      struct cc_prefill_result *out, struct cc_error *err)
{
	struct cc_list cur;
	int rc = cc_store_unit_answers(s, campaign, unit, &cur, err);

	if (rc)
		return rc;
	for (int i = 0; !rc && i < n; i++) {
		/* out outlives m and dst: everything it holds is copied */
		const char *q = cc_arena_strdup(&out->arena, dst->nodes[rows[i].question].id);
		const char *src = source_of(&out->arena, m, &rows[i]);
		const char *ans = cc_arena_strdup(&out->arena, rows[i].answer);
		const struct cc_answer_rec *have = NULL;

		if (!q || !src || !ans) {
			rc = cc_error_set(err, CC_ENOMEM, NULL, 0, 0, "out of memory");
			break;
		}
		for (int k = 0; k < cur.n; k++) {
			const struct cc_answer_rec *a = &((struct cc_answer_rec *)cur.items)[k];
			if (strcmp(a->question, q) == 0 && *a->answer)
				have = a;
		}
		if (have) {
			out->kept[out->nkept++] = (struct cc_prefilled){q,
				cc_arena_strdup(&out->arena, have->answer), src};
		} else {
			marks[out->n] = (struct cc_prefill_mark){mapping, from, src};
			bulk[out->n] = (struct cc_bulk_answer){q, ans, "", NULL, &marks[out->n]};
			out->rows[out->n++] = (struct cc_prefilled){q, ans, src};
		}
	}
	cc_list_free(&cur);
	return rc;
}

int cc_prefill(struct cc_store *s, const char *campaign, const char *unit,
	       const char *mapping, const char *from_campaign, const char *actor,
	       struct cc_prefill_result *out, struct cc_error *err)
{
	struct cc_list mrec;
	struct cc_bound_mapping b;
	struct cc_answers a;
	struct cc_prefill *rows = NULL;
	struct cc_bulk_answer *bulk = NULL;
	struct cc_prefill_mark *marks = NULL;
	int n = 0, saved, rc;

	memset(out, 0, sizeof(*out));
	cc_arena_init(&out->arena);
	rc = prepare(s, campaign, unit, mapping, from_campaign, &mrec, &b, err);
	if (rc)
		return rc;
	rc = cc_workflow_unit_answers(s, from_campaign, unit, &b.src, &a, err);
	if (!rc) {
		rc = cc_mapping_apply(&b.m, &b.src, &b.dst, &a, &rows, &n, err);
		cc_answers_free(&a);
	}
	if (!rc) {
		out->rows = cc_arena_array(&out->arena, (size_t)n + 1, sizeof(*out->rows));
		out->kept = cc_arena_array(&out->arena, (size_t)n + 1, sizeof(*out->kept));
		bulk = calloc((size_t)n + 1, sizeof(*bulk));
		marks = calloc((size_t)n + 1, sizeof(*marks));
		rc = out->rows && out->kept && bulk && marks ? CC_OK :
			cc_error_set(err, CC_ENOMEM, NULL, 0, 0, "out of memory");
	}
	if (!rc)
		rc = split_rows(s, campaign, unit, mapping, from_campaign, &b.m, &b.dst, rows, n,
				bulk, marks, out, err);
	if (!rc && out->n)
		rc = cc_workflow_answer_many(s, campaign, unit, bulk, out->n, actor, &saved, err);
	free(bulk);
	free(marks);
	cc_prefill_free(rows, n);
	cc_bound_mapping_free(&b);
	cc_list_free(&mrec);
	if (rc)
		cc_prefill_result_free(out);
	return rc;
}

/* ---- what is left to confirm ------------------------------------------ */

int cc_prefill_pending(struct cc_store *s, const char *campaign, const char *unit,
		       char *buf, size_t size, struct cc_error *err)
{
	struct cc_list l;
	size_t used = 0;
	int rc = cc_store_unit_answers(s, campaign, unit, &l, err), n = 0;

	buf[0] = '\0';
	if (rc)
		return rc;
	for (int i = 0; i < l.n; i++) {
		const struct cc_answer_rec *a = &((struct cc_answer_rec *)l.items)[i];

		if (!a->prefill.source || !*a->prefill.source)
			continue;
		if (used + strlen(a->question) + 3 < size)
			used += (size_t)snprintf(buf + used, size - used, "%s%s", n ? ", " : "",
						 a->question);
		n++;
	}
	cc_list_free(&l);
	return n;
}

static int confirm(struct cc_store *s, const char *campaign, const char *unit,
		   const char *question, const char *actor, struct cc_error *err)
{
	struct cc_list l;
	const struct cc_answer_rec *found = NULL;
	char status[32], entity[400];
	int rc = cc_workflow_check_open(s, campaign, unit, "confirming answers", status, err);

	if (rc || (rc = cc_store_unit_answers(s, campaign, unit, &l, err)))
		return rc;
	for (int i = 0; i < l.n; i++) {
		const struct cc_answer_rec *a = &((struct cc_answer_rec *)l.items)[i];
		if (strcmp(a->question, question) == 0 && a->prefill.source && *a->prefill.source)
			found = a;
	}
	if (!found) {
		cc_list_free(&l);
		return cc_error_set(err, CC_ECONFLICT, "question", 0, 0,
				    "the answer to %s is not a pre-filled answer awaiting confirmation",
				    question);
	}
	{
		struct cc_answer_rec rec = {unit, question, found->answer, found->comment, NULL,
					    {NULL, NULL, NULL}};
		snprintf(entity, sizeof(entity), "answer:%s/%s/%s", campaign, unit, question);
		rc = cc_store_put_answer(s, campaign, &rec, actor, err);
		if (!rc)
			rc = cc_workflow_audit(s, actor, "confirm", entity,
				cc_workflow_audit_json("answer", found->answer, "from", found->prefill.source),
				cc_workflow_audit_json("answer", found->answer, NULL, NULL), err);
	}
	cc_list_free(&l);
	return rc;
}

int cc_prefill_confirm(struct cc_store *s, const char *campaign, const char *unit,
		       const char *question, const char *actor, struct cc_error *err)
{
	int rc = cc_workflow_question_exists(s, campaign, question, err);

	if (rc || (rc = cc_store_begin(s, err)))
		return rc;
	rc = confirm(s, campaign, unit, question, actor, err);
	if (!rc)
		rc = cc_store_commit(s, err);
	if (rc)
		cc_store_rollback(s);
	return rc;
}
