/*
 * workshop.c - the facilitator's view of a workshop: per question, every
 * respondent's answer and comment, the spread (core/spread.h) and the
 * consensus (the assessment's own answer); and the annex workbook made of
 * it (format/workshop_xlsx.h). See respondents.h.
 *
 * Everything the view points to lives in struct cc_workshop: the lists as
 * the store gave them, the framework, and an arena for the rest.
 */
#include "respondents.h"

#include "../core/answer.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NO_MEMORY(err) cc_error_set((err), CC_ENOMEM, NULL, 0, 0, "out of memory")

/* text's canonical spelling, its place among the question's answers,
 * level and rating (spread.h), and its label: how a person reads it. */
static int describe(struct cc_arena *ar, const struct cc_node *q, const char *text,
		    struct cc_spread_item *it, const char **label)
{
	struct cc_answer a;
	char why[200], buf[64];

	it->key = text;
	it->order = it->level = -1;
	it->rating = NAN;
	*label = text;
	if (!*text || q->qtype == CC_Q_TEXT ||
	    !cc_answer_parse(q, text, strlen(text), &a, why, sizeof(why)))
		return CC_OK;
	switch (q->qtype) {
	case CC_Q_YES_NO:
		it->order = a.bits == 1 ? 0 : a.bits == 0 ? 1 : 2;
		*label = a.bits == 1 ? "Yes" : a.bits == 0 ? "No" : "Partial";
		return CC_OK;
	case CC_Q_CHOICE:
		it->order = (int)a.bits;
		*label = q->options[a.bits].label;
		return CC_OK;
	case CC_Q_RATING:
		it->order = it->level = (int)a.bits;
		it->rating = a.num;
		*label = q->rating_scale->levels[a.bits].name;
		return CC_OK;
	case CC_Q_MULTI: {
		size_t kn = 0, ln = 0;
		char *key, *lab;

		for (int i = 0; i < q->noptions; i++) {
			kn += strlen(q->options[i].id) + 1;
			ln += strlen(q->options[i].label) + 2;
		}
		key = cc_arena_alloc(ar, kn + 1);
		lab = cc_arena_alloc(ar, ln + 1);
		if (!key || !lab)
			return CC_ENOMEM;
		for (int i = 0; i < q->noptions; i++) {
			if (!(a.bits & (1ull << i)))
				continue;
			if (*key)
				strcat(key, "|"), strcat(lab, "; ");
			strcat(key, q->options[i].id);
			strcat(lab, q->options[i].label);
		}
		it->key = key;
		*label = lab;
		return CC_OK;
	}
	default:        /* number: one spelling for 2, 2.0 and 2e0 */
		snprintf(buf, sizeof(buf), "%.15g", a.num);
		it->key = cc_arena_strdup(ar, buf);
		return it->key ? CC_OK : CC_ENOMEM;
	}
}

static const struct cc_respondent_rec *respondent_of(const struct cc_workshop *w, long long id)
{
	const struct cc_respondent_rec *r = w->respondents.items;

	for (int i = 0; i < w->respondents.n; i++)
		if (r[i].id == id)
			return &r[i];
	return NULL;
}

/* The responses of question v (whose answers are a[0..n)). */
static int fill_question(struct cc_workshop *w, struct cc_question_view *v,
			 const struct cc_respondent_answer_rec *const *a, int n,
			 bool with_removed)
{
	const struct cc_node *q = &w->fw.nodes[v->node];
	struct cc_spread_item *items = cc_arena_array(&w->arena, (size_t)n + 1, sizeof(*items));
	double *scratch = cc_arena_array(&w->arena, (size_t)n + 1, sizeof(*scratch));
	int nitems = 0;

	v->responses = cc_arena_array(&w->arena, (size_t)n + 1, sizeof(*v->responses));
	v->counts = cc_arena_array(&w->arena, (size_t)n + 1, sizeof(*v->counts));
	if (!items || !scratch || !v->responses || !v->counts)
		return CC_ENOMEM;
	for (int i = 0; i < n; i++) {
		const struct cc_respondent_rec *who = respondent_of(w, a[i]->respondent);
		struct cc_response *r;
		struct cc_spread_item it;

		if (!who || (who->removed && !with_removed))
			continue;
		r = &v->responses[v->nresponses++];
		r->who = who;
		r->a = a[i];
		if (describe(&w->arena, q, a[i]->answer, &it, &r->label))
			return CC_ENOMEM;
		if (!who->removed && *a[i]->answer)
			items[nitems++] = it;
	}
	cc_spread_compute(items, nitems, v->counts, scratch, &v->spread);
	if (v->consensus) {
		struct cc_spread_item it;
		return describe(&w->arena, q, v->consensus->answer, &it, &v->consensus_label);
	}
	return CC_OK;
}

/* view[node]: the index in w->questions of a question node, else -1. */
static int *list_questions(struct cc_workshop *w)
{
	int *view = malloc(((size_t)w->fw.nnodes + 1) * sizeof(int));

	w->questions = cc_arena_array(&w->arena, (size_t)w->fw.nleaves + 1, sizeof(*w->questions));
	if (!view || !w->questions) {
		free(view);
		return NULL;
	}
	for (int i = 0; i < w->fw.nnodes; i++)
		view[i] = -1;
	for (int l = 0; l < w->fw.nleaves; l++) {
		int node = w->fw.leaves[l];
		if (w->fw.nodes[node].kind != CC_QUESTION)
			continue;
		view[node] = w->nquestions;
		w->questions[w->nquestions++].node = node;
	}
	return view;
}

static int question_of(const struct cc_workshop *w, const int *view, const char *id)
{
	int node = cc_framework_find(&w->fw, id);

	return node >= 0 ? view[node] : -1;
}

/* Buckets the answers by question (a counting sort: question v's answers
 * are by_q[start[v] .. start[v + 1])) and fills every question's view. */
static int build(struct cc_workshop *w, bool with_removed, struct cc_error *err)
{
	const struct cc_respondent_answer_rec *ans = w->answers.items, **by_q;
	const struct cc_answer_rec *con = w->consensus.items;
	int *view = list_questions(w), *start = NULL, *next = NULL, rc = CC_OK;

	by_q = calloc((size_t)w->answers.n + 1, sizeof(*by_q));
	if (view) {
		start = calloc((size_t)w->nquestions + 1, sizeof(int));
		next = calloc((size_t)w->nquestions + 1, sizeof(int));
	}
	if (!view || !by_q || !start || !next) {
		free(view), free(by_q), free(start), free(next);
		return NO_MEMORY(err);
	}
	for (int i = 0; i < w->consensus.n; i++) {
		int v = question_of(w, view, con[i].question);
		if (v >= 0 && (*con[i].answer || (con[i].comment && *con[i].comment)))
			w->questions[v].consensus = &con[i];
	}
	for (int i = 0; i < w->answers.n; i++) {
		int v = question_of(w, view, ans[i].question);
		if (v >= 0)
			start[v + 1]++;
	}
	for (int v = 0; v < w->nquestions; v++) {
		start[v + 1] += start[v];
		next[v] = start[v];
	}
	for (int i = 0; i < w->answers.n; i++) {
		int v = question_of(w, view, ans[i].question);
		if (v >= 0)
			by_q[next[v]++] = &ans[i];
	}
	for (int v = 0; !rc && v < w->nquestions; v++)
		rc = fill_question(w, &w->questions[v], by_q + start[v], start[v + 1] - start[v],
				   with_removed);
	free(view), free(by_q), free(start), free(next);
	return rc ? NO_MEMORY(err) : CC_OK;
}

int cc_workshop_load(struct cc_store *s, const char *campaign, const char *unit,
		     bool with_removed, struct cc_workshop *w, struct cc_error *err)
{
	const struct cc_campaign_rec *c;
	char status[32];
	int rc;

	memset(w, 0, sizeof(*w));
	cc_arena_init(&w->arena);
	w->unit = cc_arena_strdup(&w->arena, unit);
	if (!w->unit)
		return NO_MEMORY(err);
	rc = cc_store_campaign(s, campaign, &w->campaign, err);
	if (rc)
		return rc;
	c = w->campaign.items;
	rc = cc_store_assessment_status(s, campaign, unit, status, sizeof(status), err);
	if (!rc)
		rc = cc_service_framework(s, c->framework, c->framework_hash, &w->fw, err);
	if (!rc)
		rc = cc_store_respondents(s, campaign, unit, &w->respondents, err);
	if (!rc)
		rc = cc_store_respondent_answers(s, campaign, unit, 0, &w->answers, err);
	if (!rc)
		rc = cc_store_unit_answers(s, campaign, unit, &w->consensus, err);
	if (rc)
		return rc;
	for (int i = 0; i < w->respondents.n; i++)
		w->active += !((struct cc_respondent_rec *)w->respondents.items)[i].removed;
	return build(w, with_removed, err);
}

void cc_workshop_free(struct cc_workshop *w)
{
	cc_list_free(&w->campaign);
	cc_list_free(&w->respondents);
	cc_list_free(&w->answers);
	cc_list_free(&w->consensus);
	cc_framework_free(&w->fw);
	cc_arena_free(&w->arena);
	w->questions = NULL;
	w->nquestions = 0;
}

int cc_workshop_annex(const struct cc_workshop *w, const char *path,
		      struct cc_error *err)
{
	const struct cc_campaign_rec *c = w->campaign.items;
	struct cc_annex_row *rows;
	int n = 0, rc;

	for (int v = 0; v < w->nquestions; v++)
		n += w->questions[v].nresponses;
	rows = calloc((size_t)n + 1, sizeof(*rows));
	if (!rows)
		return NO_MEMORY(err);
	n = 0;
	for (int v = 0; v < w->nquestions; v++) {
		const struct cc_question_view *q = &w->questions[v];
		const struct cc_node *node = &w->fw.nodes[q->node];

		for (int i = 0; i < q->nresponses; i++) {
			const struct cc_response *r = &q->responses[i];
			rows[n++] = (struct cc_annex_row){
				r->who->name, r->who->organisation, r->who->group, node->id,
				cc_node_label(node), r->a->answer, r->label, r->a->comment, r->a->at,
				r->a->author, r->who->removed,
				q->consensus ? q->consensus->answer : NULL, q->consensus_label,
				q->consensus ? q->consensus->comment : NULL,
			};
		}
	}
	rc = cc_workshop_xlsx_write(path, c->id, w->unit, w->respondents.n, rows, n, err);
	free(rows);
	return rc;
}
