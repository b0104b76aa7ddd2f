/*
 * plan_progress.c - progress, RAG, KPI tracks and re-measurement counts
 * of an action plan (the rules are in plan_progress.h).
 */
#include "plan_progress.h"

#include <math.h>
#include <string.h>

const char *const cc_action_status_names[CC_ACT_NSTATUS] = {
	"proposed", "planned", "in_progress", "done", "blocked", "cancelled",
};

int cc_action_status_parse(const char *s)
{
	for (int i = 0; s && i < CC_ACT_NSTATUS; i++)
		if (strcmp(s, cc_action_status_names[i]) == 0)
			return i;
	return -1;
}

const char *cc_rag_name(enum cc_rag r)
{
	static const char *const names[] = {NULL, "green", "amber", "red"};

	return names[r];
}

/* Share of [start, due] elapsed on day, 0..1. */
static double elapsed(int start, int due, int day)
{
	if (day >= due)
		return 1;
	if (day <= start)
		return 0;
	return (double)(day - start) / (double)(due - start);
}

static bool dated(int start, int due)
{
	return start != CC_NO_DATE && due != CC_NO_DATE;
}

static void item_state(const struct cc_plan_item *it, int today, struct cc_plan_item_state *st)
{
	enum cc_action_status s = it->status;

	st->counted = s == CC_ACT_PLANNED || s == CC_ACT_IN_PROGRESS || s == CC_ACT_DONE ||
		      s == CC_ACT_BLOCKED;
	st->overdue = it->due != CC_NO_DATE && it->due < today && s != CC_ACT_DONE &&
		      s != CC_ACT_CANCELLED;
	st->progress = s == CC_ACT_DONE ? 100 : it->progress;
	st->expected = dated(it->start, it->due) ? 100 * elapsed(it->start, it->due, today) : NAN;
}

/* Running sums of one set. */
struct acc {
	double w, wp, ew, we, wb;    /* weight; weighted progress; the same for dated */
	double n, np, en, ne, nb;    /* unweighted, for the fallback */
	bool red;
};

static void add(struct acc *a, const struct cc_plan_item *it, const struct cc_plan_item_state *st)
{
	double w = isnan(it->weight) || it->weight <= 0 ? 0 : it->weight;

	a->w += w, a->wp += w * st->progress;
	a->n += 1, a->np += st->progress;
	if (!isnan(st->expected)) {
		a->ew += w, a->we += w * st->expected, a->wb += w * (st->expected - st->progress);
		a->en += 1, a->ne += st->expected, a->nb += st->expected - st->progress;
	}
	if (it->status == CC_ACT_BLOCKED || st->overdue)
		a->red = true;
}

static void finish(struct cc_plan_summary *sum, const struct acc *a)
{
	bool equal = a->w <= 0;
	double ew = equal ? a->en : a->ew;

	sum->fallback = equal && a->n > 0;
	sum->progress = a->n > 0 ? (equal ? a->np / a->n : a->wp / a->w) : NAN;
	/* dated actions that all weigh 0 under budget weights: equal too */
	if (!equal && a->ew <= 0)
		ew = a->en, equal = true;
	sum->expected = ew > 0 ? (equal ? a->ne : a->we) / ew : NAN;
	sum->behind = ew > 0 ? (equal ? a->nb : a->wb) / ew : NAN;
	if (sum->counted == 0)
		sum->rag = CC_RAG_NONE;
	else if (a->red || (!isnan(sum->behind) && sum->behind > CC_RAG_RED_BEHIND))
		sum->rag = CC_RAG_RED;
	else if (!isnan(sum->behind) && sum->behind > CC_RAG_AMBER_BEHIND)
		sum->rag = CC_RAG_AMBER;
	else
		sum->rag = CC_RAG_GREEN;
}

static void tally(struct cc_plan_summary *sum, struct acc *a, const struct cc_plan_item *it,
		  const struct cc_plan_item_state *st)
{
	sum->actions++;
	sum->by_status[it->status]++;
	sum->overdue += st->overdue;
	sum->blocked += it->status == CC_ACT_BLOCKED;
	if (st->counted) {
		sum->counted++;
		add(a, it, st);
	}
}

void cc_plan_progress(const struct cc_plan_item *items, int n, int nobjectives,
		      int today, struct cc_plan_item_state *state,
		      struct cc_plan_summary *objectives, struct cc_plan_summary *overall)
{
	struct acc all = {0};

	memset(overall, 0, sizeof(*overall));
	memset(objectives, 0, (size_t)(nobjectives > 0 ? nobjectives : 0) * sizeof(*objectives));
	for (int i = 0; i < n; i++) {
		item_state(&items[i], today, &state[i]);
		tally(overall, &all, &items[i], &state[i]);
	}
	finish(overall, &all);
	/* plans are small (hundreds of actions): one pass per objective */
	for (int o = 0; o < nobjectives; o++) {
		struct acc a = {0};

		for (int i = 0; i < n; i++)
			if (items[i].objective == o)
				tally(&objectives[o], &a, &items[i], &state[i]);
		finish(&objectives[o], &a);
	}
}

void cc_kpi_track(const struct cc_kpi_input *k, struct cc_kpi_state *out)
{
	double dir = k->target >= k->baseline ? 1 : -1;

	out->expected = NAN;
	out->progress = NAN;
	out->reached = false;
	out->on_track = -1;
	if (k->latest_date == CC_NO_DATE || isnan(k->latest))
		return;
	if (k->target != k->baseline)
		out->progress = 100 * (k->latest - k->baseline) / (k->target - k->baseline);
	out->reached = dir * (k->latest - k->target) >= -1e-9;
	if (dated(k->start, k->due))
		out->expected = k->baseline + (k->target - k->baseline) *
				elapsed(k->start, k->due, k->latest_date);
	if (out->reached)
		out->on_track = 1;
	else if (!isnan(out->expected))
		out->on_track = dir * (k->latest - out->expected) >= -1e-9;
}

void cc_remeasure_count(const struct cc_node_change *c, int n, struct cc_remeasure *out)
{
	memset(out, 0, sizeof(*out));
	out->nodes = n;
	for (int i = 0; i < n; i++) {
		double d;

		if (isnan(c[i].before) || isnan(c[i].after))
			continue;
		out->compared++;
		d = c[i].after - c[i].before;
		if (d > 1e-9) {
			out->rose++;
			out->rose_done += c[i].done;
		} else if (d < -1e-9) {
			out->fell++;
		} else {
			out->same++;
		}
	}
}
