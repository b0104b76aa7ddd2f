/*
 * test_scenario.c - drill scenarios (core/scenario.c, format/scenario_yaml.c),
 * the play clock and due injects (core/drill_clock.c), flags, dynamic
 * values and the scoreboard (core/ctf_score.c), on hand-worked cases from
 * ../shared/spec/scenario-format.md.
 */
#include "helpers.h"

#include "core/ctf_score.h"
#include "core/drill_clock.h"
#include "format/scenario_yaml.h"

static const char *const base =
	"cybercap-scenario: 1\nid: s\ntitle: S\n"
	"objectives: [{id: o, name: O}]\n"
	"teams: [{id: a, name: A}, {id: b, name: B}]\n"
	"injects:\n"
	"  - {id: i1, at: 10, to: [a], channel: email, title: T, content: C}\n"
	"  - {id: i2, at: 5, after: i1, to: [all], channel: media, title: T, content: C}\n"
	"  - {id: i3, at: \"H+1 M+30\", to: [a, b], channel: phone, title: T, content: C}\n"
	"  - {id: i4, at: 0, after: i3, to: [b], channel: system, title: T, content: C}\n";

static void parse(struct cc_scenario *sc, const char *yaml)
{
	struct cc_error err;
	int rc = cc_scenario_parse(sc, "s.yaml", NULL, yaml, strlen(yaml), &err);

	if (rc)
		print_error("%s:%ld:%ld: %s\n", err.file, err.line, err.col, err.msg);
	assert_int_equal(rc, CC_OK);
}

static void test_time_forms(void **state)
{
	double m;

	(void)state;
	assert_true(cc_scenario_parse_time("0", &m));
	assert_near(m, 0);
	assert_true(cc_scenario_parse_time("12.5", &m));
	assert_near(m, 12.5);
	assert_true(cc_scenario_parse_time("D+1 H+2 M+30", &m));
	assert_near(m, 1590);
	assert_true(cc_scenario_parse_time("M+5 D+1", &m));
	assert_near(m, 1445);
	assert_false(cc_scenario_parse_time("-1", &m));
	assert_false(cc_scenario_parse_time("H+1 H+2", &m));
	assert_false(cc_scenario_parse_time("X+1", &m));
	assert_false(cc_scenario_parse_time("H+", &m));
	assert_false(cc_scenario_parse_time("H+-1", &m));
	assert_false(cc_scenario_parse_time("", &m));
}

static void test_timeline(void **state)
{
	struct cc_scenario sc;

	(void)state;
	parse(&sc, base);
	/* planned: i1 10, i2 max(5, 10) = 10, i3 90, i4 max(0, 90) = 90 */
	assert_near(sc.injects[1].planned, 10);
	assert_near(sc.injects[3].planned, 90);
	assert_int_equal(sc.timeline[0], 0);
	assert_int_equal(sc.timeline[1], 1);
	assert_int_equal(sc.timeline[2], 2);
	assert_int_equal(sc.timeline[3], 3);
	assert_true(sc.injects[1].to_all);
	assert_true(cc_inject_to(&sc.injects[2], 1));
	assert_false(cc_inject_to(&sc.injects[0], 1));
	cc_scenario_free(&sc);
}

static void test_clock_with_pauses(void **state)
{
	/* speed 60: a minute of play per second. Start at 100 s, pause at
	 * 110 s (10 min), resume at 200 s, end at 205 s (15 min). */
	const struct cc_drill_event ev[] = {
		{100, CC_DRILL_RUNNING}, {110, CC_DRILL_PAUSED},
		{200, CC_DRILL_RUNNING}, {205, CC_DRILL_ENDED},
	};

	(void)state;
	assert_near(cc_drill_clock(ev, 4, 60, 50), 0);
	assert_near(cc_drill_clock(ev, 4, 60, 105), 5);
	assert_near(cc_drill_clock(ev, 4, 60, 150), 10);
	assert_near(cc_drill_clock(ev, 4, 60, 202), 12);
	assert_near(cc_drill_clock(ev, 4, 60, 1000), 15);
	assert_near(cc_drill_clock(ev, 4, 1, 170), 10.0 / 60);
	assert_near(cc_drill_wall_at(20, 12, 202, 60), 210);
	assert_near(cc_drill_wall_at(5, 12, 202, 60), 202);
}

static void test_state_machine(void **state)
{
	enum cc_drill_status S = CC_DRILL_SCHEDULED, R = CC_DRILL_RUNNING, P = CC_DRILL_PAUSED,
			     E = CC_DRILL_ENDED, C = CC_DRILL_CANCELLED;

	(void)state;
	assert_true(cc_drill_may_move(S, R));
	assert_true(cc_drill_may_move(R, P));
	assert_true(cc_drill_may_move(P, R));
	assert_true(cc_drill_may_move(R, E));
	assert_true(cc_drill_may_move(P, E));
	assert_true(cc_drill_may_move(S, C) && cc_drill_may_move(R, C) && cc_drill_may_move(P, C));
	assert_false(cc_drill_may_move(S, P));
	assert_false(cc_drill_may_move(S, E));
	assert_false(cc_drill_may_move(E, R));
	assert_false(cc_drill_may_move(C, R));
	assert_false(cc_drill_may_move(E, C));
	assert_false(cc_drill_may_move(R, R));
	assert_false(cc_drill_may_move(R, S));
	assert_int_equal(cc_drill_status_parse("paused"), CC_DRILL_PAUSED);
	assert_int_equal(cc_drill_status_parse("stopped"), -1);
}

static void test_due_after_and_skip(void **state)
{
	struct cc_scenario sc;
	unsigned char st[4] = {0, 0, 0, 0};

	(void)state;
	parse(&sc, base);
	assert_false(cc_drill_due(&sc, st, 0, 9.9));
	assert_true(cc_drill_due(&sc, st, 0, 10));
	/* i2 is at 5 but comes after i1 */
	assert_false(cc_drill_due(&sc, st, 1, 20));
	assert_near(cc_drill_next_due(&sc, st, 0), 10);
	st[0] = CC_INJECT_DELIVERED;
	assert_true(cc_drill_due(&sc, st, 1, 10));
	assert_near(cc_drill_next_due(&sc, st, 10), 10);
	st[1] = CC_INJECT_DELIVERED;
	assert_near(cc_drill_next_due(&sc, st, 10), 90);
	/* i3 skipped: i4, after it, is never due */
	st[2] = CC_INJECT_SKIPPED;
	assert_false(cc_drill_due(&sc, st, 3, 1000));
	assert_near(cc_drill_next_due(&sc, st, 100), -1);
	cc_scenario_free(&sc);
}

static void test_dynamic_values(void **state)
{
	struct cc_challenge log = {.dynamic = true, .initial = 500, .minimum = 100, .decay = 10,
				   .function = CC_DECAY_LOGARITHMIC};
	struct cc_challenge lin = {.dynamic = true, .initial = 500, .minimum = 100, .decay = 30,
				   .function = CC_DECAY_LINEAR};
	struct cc_challenge fixed = {.value = 250};
	struct cc_challenge zero = {.dynamic = true, .initial = 10, .minimum = 2, .decay = 0};

	(void)state;
	/* n = max(s - 1, 0); ceil((100 - 500) / 100 * n^2 + 500) */
	assert_near(cc_challenge_value(&log, 0), 500);
	assert_near(cc_challenge_value(&log, 1), 500);
	assert_near(cc_challenge_value(&log, 2), 496);
	assert_near(cc_challenge_value(&log, 6), 400);
	assert_near(cc_challenge_value(&log, 11), 100);
	assert_near(cc_challenge_value(&log, 50), 100);
	/* ceil(500 - 30 n) */
	assert_near(cc_challenge_value(&lin, 2), 470);
	assert_near(cc_challenge_value(&lin, 14), 110);
	assert_near(cc_challenge_value(&lin, 15), 100);
	assert_near(cc_challenge_value(&fixed, 9), 250);
	/* decay 0: d = 1; (2 - 10) n^2 + 10: n = 1 gives 2 */
	assert_near(cc_challenge_value(&zero, 2), 2);
}

static void test_flags(void **state)
{
	struct cc_flag st = {.type = CC_FLAG_STATIC, .value = "FLAG{abc}"};
	struct cc_flag ci = {.type = CC_FLAG_CASE_INSENSITIVE, .value = "Flag{ABC}"};
	struct cc_flag re = {.type = CC_FLAG_REGEX, .value = "FLAG\\{[0-9]{4}\\}"};
	struct cc_flag hs = {.type = CC_FLAG_STATIC}, hci = {.type = CC_FLAG_CASE_INSENSITIVE};

	(void)state;
	cc_sha256_hex("FLAG{abc}", 9, hs.sha256);
	cc_sha256_hex("flag{abc}", 9, hci.sha256);
	assert_true(cc_flag_matches(&st, " FLAG{abc}\r\n", 12));
	assert_false(cc_flag_matches(&st, "flag{abc}", 9));
	assert_false(cc_flag_matches(&st, "FLAG{abc} x", 11));
	assert_true(cc_flag_matches(&ci, "fLaG{aBc}", 9));
	assert_false(cc_flag_matches(&ci, "fLaG{aBcd}", 10));
	assert_true(cc_flag_matches(&re, "FLAG{1234}", 10));
	assert_false(cc_flag_matches(&re, "xFLAG{1234}", 11));
	assert_false(cc_flag_matches(&re, "FLAG{1234}x", 11));
	assert_true(cc_flag_matches(&hs, "\tFLAG{abc} ", 11));
	assert_false(cc_flag_matches(&hs, "flag{abc}", 9));
	assert_true(cc_flag_matches(&hci, "FLAG{ABC}", 9));
	assert_false(cc_flag_matches(&st, "FLAG{a\0bc}", 10));
}

static void test_board_order(void **state)
{
	struct cc_board_row rows[] = {
		{"c", 100, 50, 0}, {"a", 300, 90, 1}, {"b", 300, 40, 2}, {"d", 100, 50, 3},
	};

	(void)state;
	cc_board_sort(rows, 4);
	assert_string_equal(rows[0].team, "b");
	assert_string_equal(rows[1].team, "a");
	assert_string_equal(rows[2].team, "c");
	assert_string_equal(rows[3].team, "d");
}

static void test_body_files_refused(void **state)
{
	static const char *const y =
		"cybercap-scenario: 1\nid: s\ntitle: S\nobjectives: [{id: o, name: O}]\n"
		"teams: [{id: a, name: A}]\n"
		"challenges:\n  - id: c\n    name: C\n    value: 10\n    files: [f.zip]\n"
		"    flags: [{type: static, value: x}]\n";
	struct cc_scenario sc;
	struct cc_error err;

	(void)state;
	assert_int_equal(cc_scenario_parse(&sc, "s.yaml", NULL, y, strlen(y), &err), CC_EINPUT);
	assert_int_equal(err.line, 10);
	assert_non_null(strstr(err.msg, "f.zip"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_time_forms),
		cmocka_unit_test(test_timeline),
		cmocka_unit_test(test_clock_with_pauses),
		cmocka_unit_test(test_state_machine),
		cmocka_unit_test(test_due_after_and_skip),
		cmocka_unit_test(test_dynamic_values),
		cmocka_unit_test(test_flags),
		cmocka_unit_test(test_board_order),
		cmocka_unit_test(test_body_files_refused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
