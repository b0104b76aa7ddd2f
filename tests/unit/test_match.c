/*
 * test_match.c - core/match: group lists of a year (spans, the fallback
 * to the current list, graduation on 1 January), the hard filters, and the
 * score's parts worked out by hand.
 */
#include "helpers.h"

#include "core/date.h"
#include "core/match.h"

#define L(...) ((struct cc_strs){(const char *const[]){__VA_ARGS__}, \
	sizeof((const char *const[]){__VA_ARGS__}) / sizeof(const char *)})
#define NONE ((struct cc_strs){NULL, 0})

static int D(const char *s)
{
	int d = 0;

	assert_true(cc_date_valid(s, &d));
	return d;
}

static void test_group_years(void **state)
{
	/* Sao Tome and Principe left the LDC list on 2024-12-13: on the 2024
	 * list (1 January), not on the 2025 one. Maldives left on 2011-01-01:
	 * not on the 2011 list. */
	struct cc_group_span stp = {CC_SPAN_OPEN_FROM, D("2024-12-13")};
	struct cc_group_span mdv = {CC_SPAN_OPEN_FROM, D("2011-01-01")};
	struct cc_group_span two[] = {{D("2001-01-01"), D("2005-01-01")},
				      {D("2010-06-01"), CC_SPAN_OPEN_TO}};

	(void)state;
	assert_true(cc_group_member_in(&stp, 1, false, 2024));
	assert_false(cc_group_member_in(&stp, 1, false, 2025));
	assert_true(cc_group_member_in(&mdv, 1, false, 2010));
	assert_false(cc_group_member_in(&mdv, 1, false, 2011));
	assert_true(cc_group_member_on(&stp, 1, false, D("2024-12-12")));
	assert_false(cc_group_member_on(&stp, 1, true, D("2024-12-13")));
	/* no spans: the current list decides */
	assert_true(cc_group_member_in(NULL, 0, true, 1990));
	assert_false(cc_group_member_in(NULL, 0, false, 2030));
	/* two spans with a gap between them */
	assert_true(cc_group_member_in(two, 2, false, 2004));
	assert_false(cc_group_member_in(two, 2, false, 2005));
	assert_false(cc_group_member_in(two, 2, false, 2010));
	assert_true(cc_group_member_in(two, 2, false, 2011));
}

static void test_theme_pairs(void **state)
{
	(void)state;
	assert_true(cc_match_theme_pair("cybercrime.legislation", "cybercrime.legislation") == 1.0);
	assert_true(cc_match_theme_pair("cybercrime.legislation", "cybercrime") == 0.5);
	assert_true(cc_match_theme_pair("cybercrime", "cybercrime.investigation") == 0.5);
	assert_true(cc_match_theme_pair("cybercrime", "cybercrime") == 1.0);
	assert_true(cc_match_theme_pair("standards.public-sector", "culture-skills.training") == 0);
	/* a prefix is not the same theme */
	assert_true(cc_match_theme_pair("standards", "standardsx.a") == 0);
}

/* The lists live in static arrays: a compound literal would not outlive
 * the function. */
#define S(a) ((struct cc_strs){a, sizeof(a) / sizeof(a[0])})

static struct cc_match_request req(void)
{
	static const char *const th[] = {"incident-management.national-cirt",
					 "culture-skills.training"};
	static const char *const mo[] = {"training", "advisory"}, *const la[] = {"fr", "en"};
	struct cc_match_request r = {
		.unit = "XAA",
		.themes = S(th),
		.modalities = S(mo),
		.languages = S(la),
		.needed_by = D("2027-06-30"),
		.visibility = "partners",
		.measured_gap = true,
	};
	return r;
}

static struct cc_match_offer offer(void)
{
	static const char *const th[] = {"incident-management.national-cirt", "culture-skills"};
	static const char *const mo[] = {"training"}, *const la[] = {"en", "fr"};
	static const char *const gr[] = {"ldc", "itu:africa"};
	struct cc_match_offer o = {
		.themes = S(th),
		.modalities = S(mo),
		.languages = S(la),
		.groups = S(gr),
		.units = NONE,
		.from = D("2027-01-01"),
		.to = D("2027-12-31"),
		.capacity = 4,
		.used = 1,
	};
	return o;
}

static void test_score_by_hand(void **state)
{
	struct cc_match_request r = req();
	struct cc_match_offer o = offer();
	struct cc_match_ctx c = {.today = D("2026-12-02"), .unit_groups = L("itu:africa", "sids")};
	struct cc_match_score s;

	(void)state;
	cc_match_score(&r, &o, &c, &s);
	assert_null(s.excluded);
	assert_string_equal(s.group, "itu:africa");
	/* themes: the CIRT subtopic exactly (1), training by its theme (0.5):
	 * mean 0.75 */
	assert_true(fabs(s.theme - 0.75) < 1e-12);
	assert_int_equal(s.subtopics, 1);
	assert_int_equal(s.themes, 1);
	assert_true(s.modality == 0.5);
	/* the preferred language, fr, is offered */
	assert_true(s.language == 0.25);
	/* the offer names the unit's ITU region */
	assert_true(s.region == 0.25);
	/* 3 of 4 places left: 0.25 * 3 / 4 */
	assert_true(fabs(s.capacity - 0.1875) < 1e-12);
	assert_true(s.gap == 0.25);
	assert_true(fabs(s.total - 2.1875) < 1e-12);
	assert_int_equal(cc_match_list_year(&c, &o), 2027);
}

static void test_lesser_parts(void **state)
{
	struct cc_match_request r = req();
	struct cc_match_offer o = offer();
	struct cc_match_ctx c = {.today = D("2027-03-01"), .unit_groups = L("ldc")};
	struct cc_match_score s;

	(void)state;
	r.languages = L("es", "en");
	r.modalities = L("equipment");
	r.measured_gap = false;
	o.used = 0;
	cc_match_score(&r, &o, &c, &s);
	assert_null(s.excluded);
	assert_string_equal(s.group, "ldc");
	assert_true(s.modality == 0 && s.language == 0 && s.region == 0 && s.gap == 0);
	assert_true(s.capacity == 0.25);
	assert_true(fabs(s.total - 1.0) < 1e-12);
	assert_int_equal(cc_match_list_year(&c, &o), 2027);
}

static void test_filters(void **state)
{
	struct cc_match_ctx c = {.today = D("2026-12-02"), .unit_groups = L("sids")};
	struct cc_match_score s;
	struct cc_match_request r;
	struct cc_match_offer o;

	(void)state;
	r = req(), o = offer();
	cc_match_score(&r, &o, &c, &s);
	assert_string_equal(s.excluded, "eligibility");
	o.units = L("XAA");
	cc_match_score(&r, &o, &c, &s);
	assert_null(s.excluded);
	assert_string_equal(s.group, "unit");
	r.visibility = "secretariat";
	cc_match_score(&r, &o, &c, &s);
	assert_string_equal(s.excluded, "visibility");
	c.by_secretariat = true;
	cc_match_score(&r, &o, &c, &s);
	assert_null(s.excluded);
	r.languages = L("ar");
	cc_match_score(&r, &o, &c, &s);
	assert_string_equal(s.excluded, "language");
	r = req();
	r.needed_by = D("2026-12-31");      /* before the offer opens */
	cc_match_score(&r, &o, &c, &s);
	assert_string_equal(s.excluded, "dates");
	r = req();
	c.today = D("2028-01-01");          /* after it closed */
	cc_match_score(&r, &o, &c, &s);
	assert_string_equal(s.excluded, "dates");
	c.today = D("2026-12-02");
	o.used = 4;
	cc_match_score(&r, &o, &c, &s);
	assert_string_equal(s.excluded, "capacity");
	o = offer(), o.units = L("XAA"), o.themes = L("standards");
	cc_match_score(&r, &o, &c, &s);
	assert_string_equal(s.excluded, "theme");
	o.groups = NONE, o.units = NONE, o.themes = L("culture-skills.training");
	cc_match_score(&r, &o, &c, &s);
	assert_null(s.excluded);
	assert_string_equal(s.group, "everyone");
	assert_true(s.theme == 0.5);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_group_years),
		cmocka_unit_test(test_theme_pairs),
		cmocka_unit_test(test_score_by_hand),
		cmocka_unit_test(test_lesser_parts),
		cmocka_unit_test(test_filters),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
