/*
 * test_skills.c - the pure parts of skills programmes: the enrolment and
 * pair lifecycles (core/skills_rules.h), the explainable mentor matching
 * (core/skills_match.h), small-cell suppression (service/skills.h
 * cc_skills_put_count) and the Moodle / Open edX / plain completion
 * readers (format/skills_progress.h).
 */
#include "helpers.h"

#include "core/skills_match.h"
#include "core/skills_rules.h"
#include "format/skills_progress.h"
#include "service/skills.h"

static void test_enrolment_moves(void **state)
{
	(void)state;
	assert_true(cc_enrol_move_ok("applied", "selected"));
	assert_true(cc_enrol_move_ok("applied", "waitlisted"));
	assert_true(cc_enrol_move_ok("waitlisted", "selected"));
	assert_true(cc_enrol_move_ok("selected", "enrolled"));
	assert_true(cc_enrol_move_ok("enrolled", "active"));
	assert_true(cc_enrol_move_ok("active", "completed"));
	assert_true(cc_enrol_move_ok("active", "dropped"));
	/* skipping a step, going back, leaving a final state */
	assert_false(cc_enrol_move_ok("applied", "enrolled"));
	assert_false(cc_enrol_move_ok("applied", "completed"));
	assert_false(cc_enrol_move_ok("active", "selected"));
	assert_false(cc_enrol_move_ok("completed", "active"));
	assert_false(cc_enrol_move_ok("rejected", "selected"));
	assert_false(cc_enrol_move_ok("withdrawn", "applied"));
	assert_false(cc_enrol_move_ok("applied", "applied"));
	assert_false(cc_enrol_move_ok("applied", "nonsense"));
	assert_false(cc_enrol_move_ok(NULL, "selected"));
	assert_true(cc_enrol_needs_reason("rejected"));
	assert_true(cc_enrol_needs_reason("dropped"));
	assert_false(cc_enrol_needs_reason("selected"));
	assert_true(cc_enrol_takes_part("active"));
	assert_false(cc_enrol_takes_part("selected"));
	assert_true(cc_enrol_holds_place("selected"));
	assert_false(cc_enrol_holds_place("waitlisted"));
	assert_true(cc_enrol_status_valid("waitlisted"));
	assert_false(cc_enrol_status_valid("graduated"));
}

static void test_pair_moves(void **state)
{
	(void)state;
	assert_true(cc_pair_move_ok("proposed", "accepted"));
	assert_true(cc_pair_move_ok("proposed", "declined"));
	assert_true(cc_pair_move_ok("accepted", "completed"));
	assert_false(cc_pair_move_ok("proposed", "completed"));
	assert_false(cc_pair_move_ok("declined", "accepted"));
	assert_false(cc_pair_move_ok("completed", "cancelled"));
}

static struct cc_match_person person(long long id, const char *lang, int offset,
				     const char *goal, int capacity)
{
	struct cc_match_person p = {.id = id, .nlangs = 1, .utc_offset = offset,
				    .capacity = capacity};

	p.langs[0] = lang;
	if (goal) {
		p.goals[0] = goal;
		p.ngoals = 1;
	}
	return p;
}

static bool has_reason(const struct cc_match_result *r, const char *text)
{
	for (int i = 0; i < r->nreasons; i++)
		if (strcmp(r->reasons[i], text) == 0)
			return true;
	return false;
}

static void test_match_explains_and_balances(void **state)
{
	struct cc_match_person mentors[] = {
		person(1, "fr", 60, "leadership", 1),
		person(2, "fr", 540, NULL, 2),
		person(3, "es", -300, NULL, 2),
	};
	struct cc_match_person mentees[] = {
		person(10, "fr", 0, "leadership", 0),
		person(11, "fr", 120, NULL, 0),
		person(12, "ar", 180, NULL, 0),
	};
	struct cc_match_result out[3];
	int n;

	(void)state;
	n = cc_match_propose(mentors, 3, mentees, 3, "incident-response", out);
	assert_int_equal(n, 2);
	/* the best pair first: shared goal and close time zones */
	assert_int_equal(out[0].mentor, 0);
	assert_int_equal(out[0].mentee, 0);
	assert_true(has_reason(&out[0], "same track: incident-response"));
	assert_true(has_reason(&out[0], "shared language: fr"));
	assert_true(has_reason(&out[0], "time zones 1 h apart"));
	assert_true(has_reason(&out[0], "shared goals: leadership"));
	assert_true(has_reason(&out[0], "mentor's load with this pair: 1 of 1"));
	/* mentor 1 is full: the second French speaker goes to mentor 2 */
	assert_int_equal(out[1].mentor, 1);
	assert_int_equal(out[1].mentee, 1);
	assert_true(has_reason(&out[1], "time zones 7 h apart"));
	assert_int_equal(mentors[0].load, 1);
	assert_int_equal(mentors[1].load, 1);
	assert_int_equal(mentors[2].load, 0);
	/* no one speaks Arabic: unmatched, with the reason */
	assert_int_equal(out[2].mentor, -1);
	assert_int_equal(out[2].mentee, 2);
	assert_true(has_reason(&out[2], "no mentor shares a language"));
}

static void test_match_capacity_and_load(void **state)
{
	struct cc_match_person mentors[] = {person(1, "en", 0, NULL, 1)};
	struct cc_match_person mentees[] = {person(10, "en", 0, NULL, 0),
					    person(11, "en", 0, NULL, 0)};
	struct cc_match_result out[2];

	(void)state;
	mentors[0].load = 0;
	assert_int_equal(cc_match_propose(mentors, 1, mentees, 2, NULL, out), 1);
	assert_int_equal(out[1].mentor, -1);
	assert_true(has_reason(&out[1], "every mentor is at capacity"));
	assert_false(has_reason(&out[0], "same track: (null)"));
	/* a mentor already full from earlier pairs takes no one */
	mentors[0].load = 1;
	assert_int_equal(cc_match_propose(mentors, 1, mentees, 1, NULL, out), 0);
	/* no mentors at all */
	assert_int_equal(cc_match_propose(mentors, 0, mentees, 1, NULL, out), 0);
	assert_true(has_reason(&out[0], "no active mentor in the cohort"));
}

static void test_secondary_suppression(void **state)
{
	const long long n[] = {3, 0, 9, 6, 6};
	bool hidden[] = {true, false, false, false, false};
	bool two[] = {true, false, true, false, false};
	const long long only[] = {2, 0};
	bool alone[] = {true, false};

	(void)state;
	/* one hidden: the smallest above zero (the first 6) goes too, not the 0 */
	assert_int_equal(cc_secondary_suppress(n, hidden, 5), 3);
	assert_true(hidden[3] && !hidden[4] && !hidden[1]);
	/* two hidden already: nothing more */
	assert_int_equal(cc_secondary_suppress(n, two, 5), -1);
	assert_false(two[3] || two[4]);
	/* nothing else to hide (the total is the hidden cell itself, hidden too) */
	assert_int_equal(cc_secondary_suppress(only, alone, 2), -1);
}

static void test_small_cells_suppressed(void **state)
{
	json_t *o = json_object();

	(void)state;
	for (long long n = 0; n <= 6; n++)
		assert_int_equal(cc_small_cell(n), n >= 1 && n <= 4);
	assert_int_equal(cc_skills_put_count(o, "zero", 0, false), CC_OK);
	assert_int_equal(json_integer_value(json_object_get(o, "zero")), 0);
	assert_null(json_object_get(o, "suppressed"));
	assert_int_equal(cc_skills_put_count(o, "five", 5, false), CC_OK);
	assert_int_equal(json_integer_value(json_object_get(o, "five")), 5);
	assert_null(json_object_get(o, "suppressed"));
	assert_int_equal(cc_skills_put_count(o, "three", 3, false), CC_OK);
	assert_true(json_is_null(json_object_get(o, "three")));
	assert_true(json_is_true(json_object_get(o, "suppressed")));
	json_decref(o);
	/* the programme team sees every count */
	o = json_object();
	assert_int_equal(cc_skills_put_count(o, "one", 1, true), CC_OK);
	assert_int_equal(json_integer_value(json_object_get(o, "one")), 1);
	assert_null(json_object_get(o, "suppressed"));
	json_decref(o);
}

/* Reads text; returns the status, rows and errors left for the caller. */
static int read_csv(const char *text, const struct cc_progress_opts *o,
		    struct cc_progress_rows *rows, struct cc_xlsx_errors *errs,
		    struct cc_error *err)
{
	cc_progress_rows_init(rows);
	cc_xlsx_errors_init(errs);
	cc_error_clear(err);
	return cc_progress_csv_read(text, strlen(text), o, rows, errs, err);
}

static void done(struct cc_progress_rows *rows, struct cc_xlsx_errors *errs)
{
	cc_progress_rows_free(rows);
	cc_xlsx_errors_free(errs);
}

static void test_plain_csv(void **state)
{
	struct cc_progress_rows rows;
	struct cc_xlsx_errors errs;
	struct cc_error err;

	(void)state;
	assert_int_equal(read_csv("email,module,completed_at,score\n"
				  "a@x.test,M1,2027-03-01,80\n"
				  "b@x.test,M1,2027-03-02T10:00:00Z,\n", NULL, &rows, &errs, &err),
			 CC_OK);
	assert_string_equal(rows.format, "plain");
	assert_int_equal(rows.n, 2);
	assert_string_equal(rows.v[0].email, "a@x.test");
	assert_string_equal(rows.v[0].module, "M1");
	assert_string_equal(rows.v[0].completed_at, "2027-03-01");
	assert_true(rows.v[0].score == 80);
	assert_int_equal(rows.v[1].line, 3);
	assert_string_equal(rows.v[1].completed_at, "2027-03-02");
	assert_true(isnan(rows.v[1].score));
	done(&rows, &errs);
}

static void test_plain_csv_every_bad_row_named(void **state)
{
	struct cc_progress_rows rows;
	struct cc_xlsx_errors errs;
	struct cc_error err;

	(void)state;
	assert_int_equal(read_csv("email,module,completed_at,score\n"
				  "a@x.test,M1,2027-03-01,80\n"
				  "not-an-email,M1,2027-03-01,\n"
				  "c@x.test,M2,2027-02-30,\n"
				  "d@x.test,M3,2027-03-01,101\n", NULL, &rows, &errs, &err),
			 CC_EINPUT);
	assert_int_equal(rows.n, 0);            /* all or nothing */
	assert_int_equal(errs.n, 3);
	assert_int_equal(errs.v[0].row, 3);
	assert_non_null(strstr(errs.v[0].msg, "email"));
	assert_int_equal(errs.v[1].row, 4);
	assert_non_null(strstr(errs.v[1].msg, "completed_at"));
	assert_int_equal(errs.v[2].row, 5);
	assert_non_null(strstr(errs.v[2].msg, "score"));
	assert_int_equal(err.line, 3);
	assert_non_null(strstr(err.msg, "line 3"));
	done(&rows, &errs);
}

static void test_unknown_header_is_line_1(void **state)
{
	struct cc_progress_rows rows;
	struct cc_xlsx_errors errs;
	struct cc_error err;

	(void)state;
	assert_int_equal(read_csv("who,what\nx,y\n", NULL, &rows, &errs, &err), CC_EINPUT);
	assert_int_equal(errs.n, 1);
	assert_int_equal(errs.v[0].row, 1);
	done(&rows, &errs);
	assert_int_equal(read_csv("", NULL, &rows, &errs, &err), CC_EINPUT);
	assert_int_equal(err.line, 1);
	done(&rows, &errs);
}

static void test_moodle_csv(void **state)
{
	struct cc_progress_rows rows;
	struct cc_xlsx_errors errs;
	struct cc_error err;
	const char *csv =
		"First name / Surname,Email address,Welcome,,Incident basics,,Quiz,\n"
		"Ana Example,ana@x.test,Completed,\"Monday, 3 March 2025, 10:15 AM\","
		"Not completed,,\"Completed (achieved pass grade)\",2025-03-05\n"
		"Bo Example,bo@x.test,Completed,\"4 March 2025\",,,Not completed,\n";

	(void)state;
	assert_int_equal(read_csv(csv, NULL, &rows, &errs, &err), CC_OK);
	assert_string_equal(rows.format, "moodle");
	assert_int_equal(rows.n, 3);
	assert_string_equal(rows.v[0].email, "ana@x.test");
	assert_string_equal(rows.v[0].module, "Welcome");
	assert_string_equal(rows.v[0].completed_at, "2025-03-03");
	assert_string_equal(rows.v[1].module, "Quiz");
	assert_string_equal(rows.v[1].completed_at, "2025-03-05");
	assert_string_equal(rows.v[2].email, "bo@x.test");
	assert_string_equal(rows.v[2].completed_at, "2025-03-04");
	assert_int_equal(rows.v[2].line, 3);
	done(&rows, &errs);
	/* a completed activity without a date, a state it does not know */
	assert_int_equal(read_csv("Name,Email address,Welcome,\n"
				  "A,a@x.test,Completed,soon\n"
				  "B,b@x.test,Maybe,\n", NULL, &rows, &errs, &err), CC_EINPUT);
	assert_int_equal(errs.n, 2);
	assert_int_equal(errs.v[0].row, 2);
	assert_int_equal(errs.v[1].row, 3);
	assert_non_null(strstr(errs.v[1].msg, "Welcome"));
	done(&rows, &errs);
}

static void test_openedx_csv(void **state)
{
	struct cc_progress_rows rows;
	struct cc_xlsx_errors errs;
	struct cc_error err;
	struct cc_progress_opts o = {.module = "Policy MOOC", .date = "2027-04-30"};
	const char *csv = "Student ID,Email,Username,Grade,Homework 1,Certificate Eligible,"
			  "Enrollment Status\n"
			  "1,ana@x.test,ana,0.85,1.0,Y,enrolled\n"
			  "2,bo@x.test,bo,0.3,0.2,N,enrolled\n";

	(void)state;
	assert_int_equal(read_csv(csv, &o, &rows, &errs, &err), CC_OK);
	assert_string_equal(rows.format, "openedx");
	assert_int_equal(rows.n, 1);
	assert_string_equal(rows.v[0].module, "Policy MOOC");
	assert_string_equal(rows.v[0].completed_at, "2027-04-30");
	assert_true(fabs(rows.v[0].score - 85) < 1e-9);
	done(&rows, &errs);
	/* without the module's name and date: refused on line 1 */
	assert_int_equal(read_csv(csv, NULL, &rows, &errs, &err), CC_EINPUT);
	assert_int_equal(errs.v[0].row, 1);
	done(&rows, &errs);
	assert_int_equal(read_csv("Student ID,Email,Grade,Certificate Eligible\n"
				  "1,ana@x.test,1.5,Y\n2,bo@x.test,0.5,maybe\n", &o, &rows, &errs,
				  &err), CC_EINPUT);
	assert_int_equal(errs.n, 2);
	assert_int_equal(errs.v[0].row, 2);
	assert_non_null(strstr(errs.v[0].msg, "Grade"));
	assert_int_equal(errs.v[1].row, 3);
	done(&rows, &errs);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_enrolment_moves),
		cmocka_unit_test(test_pair_moves),
		cmocka_unit_test(test_match_explains_and_balances),
		cmocka_unit_test(test_match_capacity_and_load),
		cmocka_unit_test(test_small_cells_suppressed),
		cmocka_unit_test(test_plain_csv),
		cmocka_unit_test(test_plain_csv_every_bad_row_named),
		cmocka_unit_test(test_secondary_suppression),
		cmocka_unit_test(test_unknown_header_is_line_1),
		cmocka_unit_test(test_moodle_csv),
		cmocka_unit_test(test_openedx_csv),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
