/*
 * test_plan_progress.c - the pure computations of action plans:
 * core/date (ISO dates that exist, day numbers, reporting periods) and
 * core/plan_progress (counted actions, progress with equal and budget
 * weights and the fallback, expected progress and behind, overdue, the
 * RAG thresholds, KPIs against their straight line, re-measurement
 * counts).
 */
#include "helpers.h"

#include "core/date.h"
#include "core/plan_progress.h"

static int D(const char *s)
{
	int d = 0;

	assert_true(cc_date_valid(s, &d));
	return d;
}

/* ---- dates ------------------------------------------------------------- */

static void test_dates_that_exist(void **state)
{
	static const char *const good[] = {"2026-01-01", "2024-02-29", "2000-02-29", "1900-01-01",
					   "2999-12-31", "2026-12-31"};
	static const char *const bad[] = {"2026-02-29", "1900-02-29", "2026-13-01", "2026-00-10",
					  "2026-04-31", "2026-1-01", "26-01-01", "2026/01/01",
					  "2026-01-01T00:00:00Z", " 2026-01-01", "1899-12-31",
					  "3000-01-01", "", "2026-01-0a"};
	char out[11];

	(void)state;
	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		int d;
		assert_true(cc_date_valid(good[i], &d));
		cc_date_format(d, out);
		assert_string_equal(out, good[i]);
	}
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_false(cc_date_valid(bad[i], NULL));
	assert_false(cc_date_valid(NULL, NULL));
	assert_int_equal(D("1970-01-01"), 0);
	assert_int_equal(D("1970-01-02"), 1);
	assert_int_equal(D("2026-03-01") - D("2026-02-28"), 1);
	assert_int_equal(D("2024-03-01") - D("2024-02-28"), 2);
	assert_int_equal(D("2027-01-01") - D("2026-01-01"), 365);
	assert_true(D("1969-12-31") == -1);
}

static void test_periods(void **state)
{
	int f, l;
	char q[8];

	(void)state;
	assert_true(cc_period_parse("2026-Q3", &f, &l));
	assert_int_equal(f, D("2026-07-01"));
	assert_int_equal(l, D("2026-09-30"));
	assert_true(cc_period_parse("2026-Q4", &f, &l));
	assert_int_equal(l, D("2026-12-31"));
	assert_true(cc_period_parse("2024-Q1", &f, &l));
	assert_int_equal(l, D("2024-03-31"));
	assert_true(cc_period_parse("2026-H2", &f, &l));
	assert_int_equal(f, D("2026-07-01"));
	assert_int_equal(l, D("2026-12-31"));
	assert_true(cc_period_parse("2026-H1", &f, &l));
	assert_int_equal(l, D("2026-06-30"));
	assert_true(cc_period_parse("2026", &f, &l));
	assert_int_equal(f, D("2026-01-01"));
	assert_int_equal(l, D("2026-12-31"));
	assert_false(cc_period_parse("2026-Q5", &f, &l));
	assert_false(cc_period_parse("2026-Q0", &f, &l));
	assert_false(cc_period_parse("2026-H3", &f, &l));
	assert_false(cc_period_parse("2026-q3", &f, &l));
	assert_false(cc_period_parse("2026-Q3x", &f, &l));
	assert_false(cc_period_parse("26-Q3", &f, &l));
	assert_false(cc_period_parse(NULL, &f, &l));
	cc_period_quarter(D("2026-08-15"), q, &f, &l);
	assert_string_equal(q, "2026-Q3");
	assert_int_equal(f, D("2026-07-01"));
	cc_period_quarter(D("2026-12-31"), q, &f, &l);
	assert_string_equal(q, "2026-Q4");
}

static void test_status_names(void **state)
{
	(void)state;
	for (int i = 0; i < CC_ACT_NSTATUS; i++)
		assert_int_equal(cc_action_status_parse(cc_action_status_names[i]), i);
	assert_int_equal(cc_action_status_parse("started"), -1);
	assert_int_equal(cc_action_status_parse("Done"), -1);
	assert_int_equal(cc_action_status_parse(NULL), -1);
	assert_null(cc_rag_name(CC_RAG_NONE));
	assert_string_equal(cc_rag_name(CC_RAG_RED), "red");
}

/* ---- progress and RAG ---------------------------------------------------- */

#define ITEM(o, st, pr, s, d, w) \
	((struct cc_plan_item){.objective = (o), .status = (st), .progress = (pr), .start = (s), \
			       .due = (d), .weight = (w)})

static void run(const struct cc_plan_item *it, int n, int nobj, int today,
		struct cc_plan_item_state *st, struct cc_plan_summary *obj,
		struct cc_plan_summary *all)
{
	cc_plan_progress(it, n, nobj, today, st, obj, all);
}

static void test_counted_and_equal_weights(void **state)
{
	int s = D("2026-01-01"), d = D("2026-12-31");
	struct cc_plan_item it[] = {
		ITEM(0, CC_ACT_PLANNED, 20, s, d, 1),
		ITEM(0, CC_ACT_IN_PROGRESS, 40, s, d, 1),
		ITEM(0, CC_ACT_DONE, 30, s, d, 1),         /* done counts 100 */
		ITEM(0, CC_ACT_PROPOSED, 90, s, d, 1),     /* not counted */
		ITEM(0, CC_ACT_CANCELLED, 90, s, d, 1),    /* not counted */
		ITEM(1, CC_ACT_PROPOSED, 0, CC_NO_DATE, CC_NO_DATE, 1),
	};
	struct cc_plan_item_state st[6];
	struct cc_plan_summary obj[2], all;

	(void)state;
	run(it, 6, 2, D("2026-01-01"), st, obj, &all);
	assert_int_equal(obj[0].actions, 5);
	assert_int_equal(obj[0].counted, 3);
	assert_near(obj[0].progress, (20 + 40 + 100) / 3.0);
	assert_near(st[2].progress, 100);
	assert_false(st[3].counted);
	assert_false(st[4].counted);
	assert_int_equal(obj[0].by_status[CC_ACT_DONE], 1);
	assert_int_equal(obj[0].by_status[CC_ACT_CANCELLED], 1);
	/* an objective with nothing counted has no progress and no RAG */
	assert_int_equal(obj[1].counted, 0);
	assert_nan(obj[1].progress);
	assert_int_equal(obj[1].rag, CC_RAG_NONE);
	assert_int_equal(all.actions, 6);
	assert_near(all.progress, (20 + 40 + 100) / 3.0);
	assert_false(all.fallback);
}

static void test_budget_weights_and_fallback(void **state)
{
	int s = D("2026-01-01"), d = D("2026-12-31");
	struct cc_plan_item it[] = {
		ITEM(0, CC_ACT_IN_PROGRESS, 10, s, d, 1000),
		ITEM(0, CC_ACT_IN_PROGRESS, 50, s, d, 3000),
		ITEM(0, CC_ACT_PLANNED, 0, s, d, NAN),     /* no budget: weighs 0 */
		ITEM(1, CC_ACT_IN_PROGRESS, 30, s, d, 0),
		ITEM(1, CC_ACT_IN_PROGRESS, 60, s, d, NAN),
	};
	struct cc_plan_item_state st[5];
	struct cc_plan_summary obj[2], all;

	(void)state;
	run(it, 5, 2, s, st, obj, &all);
	assert_near(obj[0].progress, (10 * 1000 + 50 * 3000) / 4000.0);
	assert_false(obj[0].fallback);
	/* objective 1: every counted action weighs 0, so equal weights */
	assert_true(obj[1].fallback);
	assert_near(obj[1].progress, 45);
	assert_near(all.progress, (10 * 1000 + 50 * 3000) / 4000.0);
}

static void test_expected_behind_and_overdue(void **state)
{
	int s = D("2026-01-01"), d = D("2026-12-31"), today = D("2026-07-02");
	double e = 100.0 * (today - s) / (d - s);
	struct cc_plan_item it[] = {
		ITEM(0, CC_ACT_IN_PROGRESS, 30, s, d, 1),
		ITEM(0, CC_ACT_PLANNED, 0, D("2026-08-01"), D("2026-09-01"), 1),    /* not started */
		ITEM(0, CC_ACT_IN_PROGRESS, 50, D("2026-02-01"), D("2026-03-01"), 1), /* overdue */
		ITEM(0, CC_ACT_DONE, 100, D("2026-02-01"), D("2026-03-01"), 1),      /* done: not */
		ITEM(0, CC_ACT_CANCELLED, 0, D("2026-02-01"), D("2026-03-01"), 1),   /* not */
		ITEM(0, CC_ACT_PROPOSED, 0, D("2026-02-01"), D("2026-03-01"), 1),    /* overdue */
		ITEM(0, CC_ACT_PLANNED, 0, CC_NO_DATE, D("2026-09-01"), 1),         /* no start */
		ITEM(0, CC_ACT_PLANNED, 0, D("2026-07-02"), D("2026-07-02"), 1),     /* one day */
	};
	struct cc_plan_item_state st[8];
	struct cc_plan_summary obj[1], all;

	(void)state;
	run(it, 8, 1, today, st, obj, &all);
	assert_near(st[0].expected, e);
	assert_near(st[1].expected, 0);
	assert_near(st[2].expected, 100);
	assert_true(st[2].overdue);
	assert_false(st[3].overdue);
	assert_false(st[4].overdue);
	assert_true(st[5].overdue);
	assert_nan(st[6].expected);
	assert_false(st[6].overdue);
	assert_near(st[7].expected, 100);     /* the due day has come */
	assert_int_equal(obj[0].overdue, 2);
	assert_int_equal(obj[0].counted, 6);
	/* behind over the dated counted actions: 0, 1, 2, 3 and 7 */
	assert_near(obj[0].behind, ((e - 30) + (0 - 0) + (100 - 50) + (100 - 100) + (100 - 0)) / 5);
	assert_near(obj[0].expected, (e + 0 + 100 + 100 + 100) / 5);
	assert_int_equal(obj[0].rag, CC_RAG_RED);    /* an overdue counted action */
}

/* One in-progress action a year long, seen on day `at` with progress p. */
static enum cc_rag rag_of(int p, const char *at)
{
	struct cc_plan_item it[] = {ITEM(0, CC_ACT_IN_PROGRESS, p, D("2026-01-01"),
					 D("2026-12-31"), 1)};
	struct cc_plan_item_state st[1];
	struct cc_plan_summary obj[1], all;

	cc_plan_progress(it, 1, 1, D(at), st, obj, &all);
	assert_int_equal(obj[0].rag, all.rag);
	return obj[0].rag;
}

static void test_rag_thresholds(void **state)
{
	(void)state;
	/* on the due day the expected progress is 100: behind = 100 - p */
	assert_int_equal(rag_of(90, "2026-12-31"), CC_RAG_GREEN);   /* behind 10 */
	assert_int_equal(rag_of(89, "2026-12-31"), CC_RAG_AMBER);   /* 11 */
	assert_int_equal(rag_of(75, "2026-12-31"), CC_RAG_AMBER);   /* 25 */
	assert_int_equal(rag_of(74, "2026-12-31"), CC_RAG_RED);     /* 26 */
	assert_int_equal(rag_of(100, "2026-12-31"), CC_RAG_GREEN);
	/* ahead of time is green */
	assert_int_equal(rag_of(60, "2026-03-01"), CC_RAG_GREEN);
	/* one day after the due date it is overdue: red whatever the progress */
	assert_int_equal(rag_of(99, "2027-01-01"), CC_RAG_RED);
}

static void test_blocked_is_red_and_undated_is_green(void **state)
{
	struct cc_plan_item it[] = {
		ITEM(0, CC_ACT_BLOCKED, 80, CC_NO_DATE, CC_NO_DATE, 1),
		ITEM(1, CC_ACT_PLANNED, 0, CC_NO_DATE, CC_NO_DATE, 1),
		ITEM(7, CC_ACT_PLANNED, 0, CC_NO_DATE, CC_NO_DATE, 1),   /* no such objective */
	};
	struct cc_plan_item_state st[3];
	struct cc_plan_summary obj[2], all;

	(void)state;
	cc_plan_progress(it, 3, 2, D("2026-06-01"), st, obj, &all);
	assert_int_equal(obj[0].rag, CC_RAG_RED);
	assert_int_equal(obj[0].blocked, 1);
	assert_int_equal(obj[1].rag, CC_RAG_GREEN);
	assert_nan(obj[1].behind);
	assert_int_equal(all.actions, 3);      /* the stray counts in overall only */
	assert_int_equal(obj[0].actions + obj[1].actions, 2);
	assert_int_equal(all.rag, CC_RAG_RED);
}

/* ---- KPIs ------------------------------------------------------------------- */

static struct cc_kpi_state kpi(double base, double target, const char *s, const char *d,
			       const char *at, double v)
{
	struct cc_kpi_input in = {base, target, s ? D(s) : CC_NO_DATE, d ? D(d) : CC_NO_DATE,
				  at ? D(at) : CC_NO_DATE, v};
	struct cc_kpi_state out;

	cc_kpi_track(&in, &out);
	return out;
}

static void test_kpi_tracks(void **state)
{
	struct cc_kpi_state k;
	double half = 10.0 * (D("2026-07-02") - D("2026-01-01")) / (D("2026-12-31") - D("2026-01-01"));

	(void)state;
	k = kpi(0, 10, "2026-01-01", "2026-12-31", "2026-07-02", 6);
	assert_near(k.expected, half);
	assert_int_equal(k.on_track, 1);
	assert_near(k.progress, 60);
	assert_false(k.reached);
	k = kpi(0, 10, "2026-01-01", "2026-12-31", "2026-07-02", 4);
	assert_int_equal(k.on_track, 0);
	/* exactly on the line is on track */
	k = kpi(0, 10, "2026-01-01", "2026-12-31", "2026-07-02", half);
	assert_int_equal(k.on_track, 1);
	/* a target below the baseline: lower is better */
	k = kpi(100, 50, "2026-01-01", "2026-12-31", "2026-12-31", 55);
	assert_near(k.expected, 50);
	assert_int_equal(k.on_track, 0);
	k = kpi(100, 50, "2026-01-01", "2026-12-31", "2026-12-31", 40);
	assert_true(k.reached);
	assert_int_equal(k.on_track, 1);
	assert_near(k.progress, 120);
	/* reached is on track even without dates; not reached without dates is unknown */
	k = kpi(0, 5, NULL, NULL, "2026-03-01", 5);
	assert_true(k.reached);
	assert_int_equal(k.on_track, 1);
	assert_nan(k.expected);
	k = kpi(0, 5, NULL, NULL, "2026-03-01", 4);
	assert_int_equal(k.on_track, -1);
	/* no measurement: nothing can be said */
	k = kpi(0, 5, "2026-01-01", "2026-12-31", NULL, NAN);
	assert_int_equal(k.on_track, -1);
	assert_nan(k.progress);
	/* a measurement before the start stands at the baseline */
	k = kpi(2, 10, "2026-03-01", "2026-12-31", "2026-02-01", 2);
	assert_near(k.expected, 2);
	assert_int_equal(k.on_track, 1);
	/* baseline equal to target: no progress share, reached */
	k = kpi(3, 3, "2026-01-01", "2026-12-31", "2026-02-01", 3);
	assert_nan(k.progress);
	assert_true(k.reached);
}

/* ---- re-measurement ------------------------------------------------------------ */

static void test_remeasure_counts(void **state)
{
	struct cc_node_change c[] = {
		{0.0, 0.25, true}, {0.5, 0.75, false}, {0.5, 0.5, true}, {0.75, 0.5, true},
		{NAN, 0.5, true}, {0.5, NAN, false}, {0.2, 0.2 + 1e-12, true},
	};
	struct cc_remeasure r;

	(void)state;
	cc_remeasure_count(c, 7, &r);
	assert_int_equal(r.nodes, 7);
	assert_int_equal(r.compared, 5);
	assert_int_equal(r.rose, 2);
	assert_int_equal(r.rose_done, 1);
	assert_int_equal(r.fell, 1);
	assert_int_equal(r.same, 2);      /* a difference of 1e-12 is no change */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dates_that_exist),
		cmocka_unit_test(test_periods),
		cmocka_unit_test(test_status_names),
		cmocka_unit_test(test_counted_and_equal_weights),
		cmocka_unit_test(test_budget_weights_and_fallback),
		cmocka_unit_test(test_expected_behind_and_overdue),
		cmocka_unit_test(test_rag_thresholds),
		cmocka_unit_test(test_blocked_is_red_and_undated_is_green),
		cmocka_unit_test(test_kpi_tracks),
		cmocka_unit_test(test_remeasure_counts),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
