/*
 * plan_progress.h - the figures of an action plan's monitoring: progress
 * per objective and overall, overdue and blocked actions, a red / amber /
 * green status, KPIs against a straight line from baseline to target, and
 * how many re-measured nodes rose. docs/plans.md states the rules for
 * readers; this header states them for callers.
 *
 * Counted actions: planned, in_progress, done and blocked. Proposed ones
 * (not accepted yet) and cancelled ones take no part in progress or RAG.
 *
 * Progress of an action: 100 when done, else its recorded percent.
 * Progress of a set (an objective, the plan): the weighted mean over its
 * counted actions; weights are what the caller gives (1 each: "equal"; the
 * budget: "budget"). A set whose counted actions all weigh 0 falls back to
 * equal weights (fallback set).
 *
 * Expected progress of an action with a start and a due date: the share of
 * that span elapsed on `today` (0 before the start, 100 from the due date).
 * Behind: the weighted mean of expected - progress over the counted
 * actions that have both dates.
 *
 * Overdue: a due date before today, and not done or cancelled.
 *
 * RAG of a set with counted actions: red when one of them is blocked or
 * overdue, or the set is behind by more than CC_RAG_RED_BEHIND points;
 * amber when behind by more than CC_RAG_AMBER_BEHIND; green otherwise.
 * None when nothing is counted.
 *
 * Pure: dates are day numbers (core/date.h), today is given.
 */
#ifndef CC_PLAN_PROGRESS_H
#define CC_PLAN_PROGRESS_H

#include <limits.h>
#include <stdbool.h>

#define CC_NO_DATE INT_MIN
#define CC_RAG_RED_BEHIND 25.0
#define CC_RAG_AMBER_BEHIND 10.0

enum cc_action_status {
	CC_ACT_PROPOSED, CC_ACT_PLANNED, CC_ACT_IN_PROGRESS, CC_ACT_DONE,
	CC_ACT_BLOCKED, CC_ACT_CANCELLED, CC_ACT_NSTATUS
};

enum cc_rag { CC_RAG_NONE, CC_RAG_GREEN, CC_RAG_AMBER, CC_RAG_RED };

/* "proposed", "planned", "in_progress", "done", "blocked", "cancelled". */
extern const char *const cc_action_status_names[CC_ACT_NSTATUS];
/* The status named s, or -1. */
int cc_action_status_parse(const char *s);
/* "green", "amber", "red"; NULL for none. */
const char *cc_rag_name(enum cc_rag r);

struct cc_plan_item {          /* one action as the computation sees it */
	int objective;             /* 0 .. nobjectives-1 */
	enum cc_action_status status;
	int progress;              /* 0..100 as recorded */
	int start, due;            /* day numbers, CC_NO_DATE when not set */
	double weight;             /* NaN or <= 0: weighs nothing */
};

struct cc_plan_item_state {
	bool counted;
	bool overdue;
	double progress;           /* 100 when done */
	double expected;           /* NaN without both dates */
};

struct cc_plan_summary {
	int actions;               /* all actions of the set */
	int by_status[CC_ACT_NSTATUS];
	int counted;
	int overdue;               /* every overdue action, counted or not */
	int blocked;
	double progress;           /* NaN when nothing is counted */
	double expected;           /* NaN when no counted action has dates */
	double behind;             /* NaN likewise */
	bool fallback;             /* weights all 0: equal weights used */
	enum cc_rag rag;
};

/* Computes every action's state (state[n]), each objective's summary
 * (objectives[nobjectives]) and the plan's (overall). Items whose
 * objective is out of range count in overall only. */
void cc_plan_progress(const struct cc_plan_item *items, int n, int nobjectives,
		      int today, struct cc_plan_item_state *state,
		      struct cc_plan_summary *objectives, struct cc_plan_summary *overall);

/* A KPI of an action: baseline and target, the action's dates, and its
 * latest measurement (date CC_NO_DATE: none). */
struct cc_kpi_input {
	double baseline, target;
	int start, due;
	int latest_date;
	double latest;
};

struct cc_kpi_state {
	double expected;   /* the straight line's value on the latest date;
			      NaN without measurement or dates */
	double progress;   /* percent of the way from baseline to target
			      (NaN without measurement, or when they are equal) */
	bool reached;      /* the latest value is at or beyond the target */
	int on_track;      /* 1, 0, or -1 when it cannot be said (no
			      measurement; no dates and target not reached) */
};

/* On track: the target is reached, or the latest value is at least (for a
 * target above the baseline; at most, below it) where the straight line
 * from baseline on the start date to target on the due date stands on
 * the date of that measurement. */
void cc_kpi_track(const struct cc_kpi_input *k, struct cc_kpi_state *out);

/* Re-measurement of one node addressed by a plan: its value before and
 * after (NaN: none) and whether an action linked to it is done. */
struct cc_node_change {
	double before, after;
	bool done;
};

struct cc_remeasure {
	int nodes;         /* all nodes given */
	int compared;      /* with both values */
	int rose, fell, same;
	int rose_done;     /* rose, with a done action linked */
};

/* Rose / fell compare values rounded to 1e-9. */
void cc_remeasure_count(const struct cc_node_change *c, int n, struct cc_remeasure *out);

#endif
