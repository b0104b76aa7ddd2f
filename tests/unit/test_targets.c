/*
 * test_targets.c - format 1.1 in the core, against cases worked out by
 * hand from docs/framework-format.md ("Version 1.1"): rating answers
 * (cc_answer_parse, cc_answer_value), stage names and target minimums as
 * cc_framework_finish resolves them, targets per unit (cc_targets_unit,
 * cc_target_attained, cc_stage_reached), translations (cc_fw_lang,
 * cc_fw_text, cc_lang_valid_tag) and where 1.1 errors point (line and
 * column).
 */
#include "helpers.h"

#include "core/answer.h"
#include "core/framework_i18n.h"
#include "core/targets.h"

#define TOP "cybercap: 1.1\nid: t\ntitle: T\n"

/* ---- rating answers ----------------------------------------------------- */

static const char *const ratings_yaml = TOP
	"scales:\n"
	"  - id: five\n"
	"    name: One to five\n"
	"    levels:\n"
	"      - {value: 1, name: Absent}\n"
	"      - {value: 2, name: Ad hoc}\n"
	"      - {value: 3, name: Defined}\n"
	"      - {value: 4, name: Managed}\n"
	"      - {value: 5, name: Optimised}\n"
	"  - id: gappy\n"
	"    name: Gappy\n"
	"    levels: [{value: 0, name: None}, {value: 1, name: Some}, {value: 3, name: Most}, {value: 4, name: All}]\n"
	"  - id: signed\n"
	"    name: Signed\n"
	"    levels: [{value: -2, name: Worse}, {value: 0, name: Same}, {value: 2, name: Better}]\n"
	"nodes:\n"
	"  - {id: f, question: F?, type: rating, scale: five}\n"
	"  - {id: g, question: G?, type: rating, scale: gappy}\n"
	"  - {id: s, question: S?, type: rating, scale: signed}\n"
	"  - {id: y, question: Y?, type: yes_no}\n";

/* Parses text as an answer to node id and checks bits (the level's index)
 * and num (the rating) and the value (r - lo) / (hi - lo). */
static void rating_ok(const struct cc_framework *fw, const char *id,
		      const char *text, uint64_t index, double rating,
		      double value)
{
	const struct cc_node *n = &fw->nodes[node_of(fw, id)];
	struct cc_answer a;
	char why[256];

	assert_true(cc_answer_parse(n, text, strlen(text), &a, why, sizeof(why)));
	assert_int_equal(a.bits, index);
	assert_near(a.num, rating);
	assert_near(cc_answer_value(n, &a), value);
}

static void rating_bad(const struct cc_framework *fw, const char *id,
		       const char *text)
{
	const struct cc_node *n = &fw->nodes[node_of(fw, id)];
	struct cc_answer a;
	char why[256] = "";

	assert_false(cc_answer_parse(n, text, strlen(text), &a, why, sizeof(why)));
	assert_non_null(strstr(why, text));
}

static void test_rating_answers(void **state)
{
	struct cc_framework fw;

	(void)state;
	parse_framework(&fw, ratings_yaml);
	/* five: lo 1, hi 5, value (r - 1) / 4 */
	rating_ok(&fw, "f", "1", 0, 1, 0);
	rating_ok(&fw, "f", "2", 1, 2, 0.25);
	rating_ok(&fw, "f", "3", 2, 3, 0.5);
	rating_ok(&fw, "f", "5", 4, 5, 1);
	/* gappy 0, 1, 3, 4: index and rating differ from 3 on; value r / 4 */
	rating_ok(&fw, "g", "0", 0, 0, 0);
	rating_ok(&fw, "g", "1", 1, 1, 0.25);
	rating_ok(&fw, "g", "3", 2, 3, 0.75);
	rating_ok(&fw, "g", "4", 3, 4, 1);
	/* signed -2, 0, 2: value (r + 2) / 4 */
	rating_ok(&fw, "s", "-2", 0, -2, 0);
	rating_ok(&fw, "s", "0", 1, 0, 0.5);
	rating_ok(&fw, "s", "2", 2, 2, 1);
	/* anything but a level value written as an integer */
	rating_bad(&fw, "f", "0");
	rating_bad(&fw, "f", "6");
	rating_bad(&fw, "f", "2.5");
	rating_bad(&fw, "f", "3.0");
	rating_bad(&fw, "f", "two");
	rating_bad(&fw, "f", "Defined");
	rating_bad(&fw, "f", "+3");
	rating_bad(&fw, "f", "3x");
	rating_bad(&fw, "g", "2");
	rating_bad(&fw, "s", "1");
	rating_bad(&fw, "s", "-1");
	cc_framework_free(&fw);
}

/* An empty answer is no answer (not bad input); in a response file. */
static void test_rating_empty_answer(void **state)
{
	struct scored t;

	(void)state;
	score_text(&t, ratings_yaml, "unit,question,answer\nU1,f,\nU1,g,3\n");
	assert_false(cc_answer_present(cc_answers_cell(&t.a, 0, t.fw.nodes[node_of(&t.fw, "f")].leaf)));
	/* missing: zero: f is 0; g 0.75; s 0 (no row); y 0 */
	assert_near(VALUE(&t, "U1", "f"), 0);
	assert_near(VALUE(&t, "U1", "g"), 0.75);
	assert_near(VALUE(&t, "U1", "t"), 0.75 / 4);
	scored_free(&t);
}

static void test_scales_in_memory(void **state)
{
	struct cc_framework fw;
	const struct cc_node *g;

	(void)state;
	parse_framework(&fw, ratings_yaml);
	assert_int_equal(fw.nscales, 3);
	assert_string_equal(fw.scales[1].id, "gappy");
	assert_int_equal(fw.scales[1].nlevels, 4);
	assert_int_equal(fw.scales[1].levels[2].value, 3);
	assert_string_equal(fw.scales[1].levels[2].name, "Most");
	assert_int_equal(cc_framework_scale(&fw, "signed"), 2);
	assert_int_equal(cc_framework_scale(&fw, "sim3"), -1);
	assert_int_equal(cc_scale_level_index(&fw.scales[1], 3), 2);
	assert_int_equal(cc_scale_level_index(&fw.scales[1], 2), -1);
	g = &fw.nodes[node_of(&fw, "g")];
	assert_int_equal(g->qtype, CC_Q_RATING);
	assert_int_equal(g->scale, 1);
	assert_int_equal(fw.nodes[node_of(&fw, "y")].scale, -1);
	assert_string_equal(cc_qtype_name(CC_Q_RATING), "rating");
	cc_framework_free(&fw);
}

/* ---- targets ------------------------------------------------------------ */

static const char *const targets_yaml = TOP
	"scales:\n"
	"  - id: sim3\n"
	"    name: SIM3\n"
	"    levels: [{value: 0}, {value: 1}, {value: 2}, {value: 3}, {value: 4}]\n"
	"stage_names: [Start-up, Formative, Established]\n"
	"targets:\n"
	"  - id: basic\n"
	"    default: 1\n"
	"  - id: mid\n"
	"    require: {o1: 3, st: Established, leg: 0.5}\n"
	"  - id: both\n"
	"    default: 2\n"
	"    require: {o2: 1, st: 1}\n"
	"  - id: cond\n"
	"    require: {c1: 2, cg: 0.5}\n"
	"nodes:\n"
	"  - id: ops\n"
	"    name: Operations\n"
	"    children:\n"
	"      - {id: o1, question: O1?, type: rating, scale: sim3}\n"
	"      - {id: o2, question: O2?, type: rating, scale: sim3}\n"
	"  - id: st\n"
	"    name: Strategy\n"
	"    aggregate: stage\n"
	"    children:\n"
	"      - {id: s1, question: S1?, type: yes_no, stage: 1}\n"
	"      - {id: s2, question: S2?, type: yes_no, stage: 2}\n"
	"  - id: leg\n"
	"    name: Legal\n"
	"    children:\n"
	"      - {id: l1, question: L1?, type: yes_no}\n"
	"      - {id: l2, question: L2?, type: yes_no, partial: 0.5}\n"
	"  - {id: has, question: Has a CIRT?, type: yes_no}\n"
	"  - id: cg\n"
	"    name: CIRT\n"
	"    when: {q: has, is: yes}\n"
	"    children:\n"
	"      - {id: c1, question: C1?, type: rating, scale: sim3}\n";

static const char *const targets_csv =
	"unit,question,answer\n"
	"U1,o1,4\nU1,o2,2\nU1,s1,yes\nU1,s2,yes\nU1,l1,yes\nU1,l2,partial\nU1,has,yes\nU1,c1,3\n"
	"U2,o1,2\nU2,s1,yes\nU2,s2,no\nU2,l1,no\nU2,l2,no\nU2,has,no\nU2,c1,4\n"
	"U3,o1,0\nU3,o2,0\nU3,s1,no\nU3,s2,yes\nU3,l1,yes\nU3,l2,yes\n";

/* Evaluates target id for unit; res->nodes is malloc'd (free it). */
static void eval(const struct scored *t, const char *unit, const char *target,
		 struct cc_target_result *res)
{
	int u = cc_answers_find_unit(&t->a, unit);
	int k = cc_framework_target(&t->fw, target);
	unsigned char *state = malloc((size_t)t->fw.nnodes);

	assert_true(u >= 0);
	assert_true(k >= 0);
	assert_non_null(state);
	res->nodes = malloc((size_t)t->fw.nnodes * sizeof(*res->nodes));
	assert_non_null(res->nodes);
	cc_score_applicability(&t->fw, &t->a, u, state);
	cc_targets_unit(&t->fw, &t->a, u, t->s.value + (size_t)u * (size_t)t->s.nnodes,
			state, k, res);
	free(state);
}

/* Row k of res: node id, required, attained (NaN: nothing), met. */
#define ROW(t, res, k, id, req, att, ok) do { \
	assert_true((k) < (res)->counted); \
	assert_int_equal((res)->nodes[k].node, node_of(&(t)->fw, (id))); \
	assert_near((res)->nodes[k].required, (req)); \
	assert_near((res)->nodes[k].attained, (att)); \
	assert_int_equal((res)->nodes[k].met, (ok)); \
} while (0)

#define SUMMARY(res, n, m, all) do { \
	assert_int_equal((res)->counted, (n)); \
	assert_int_equal((res)->met, (m)); \
	assert_int_equal((res)->all_met, (all)); \
} while (0)

static void test_target_minimums(void **state)
{
	struct cc_framework fw;
	const struct cc_target *basic, *mid, *both, *cond;

	(void)state;
	parse_framework(&fw, targets_yaml);
	assert_int_equal(fw.ntargets, 4);
	basic = &fw.targets[cc_framework_target(&fw, "basic")];
	mid = &fw.targets[cc_framework_target(&fw, "mid")];
	both = &fw.targets[cc_framework_target(&fw, "both")];
	cond = &fw.targets[cc_framework_target(&fw, "cond")];
	assert_int_equal(cc_framework_target(&fw, "advanced"), -1);
	assert_string_equal(basic->name, "basic");   /* name defaults to the id */
	/* default: every rating question and stage group, nothing else */
	assert_near(basic->min[node_of(&fw, "o1")], 1);
	assert_near(basic->min[node_of(&fw, "o2")], 1);
	assert_near(basic->min[node_of(&fw, "st")], 1);
	assert_near(basic->min[node_of(&fw, "c1")], 1);
	assert_nan(basic->min[0]);
	assert_nan(basic->min[node_of(&fw, "ops")]);
	assert_nan(basic->min[node_of(&fw, "leg")]);
	assert_nan(basic->min[node_of(&fw, "s1")]);
	assert_nan(basic->min[node_of(&fw, "has")]);
	/* require only; a stage name becomes its stage number */
	assert_near(mid->min[node_of(&fw, "o1")], 3);
	assert_near(mid->min[node_of(&fw, "st")], 2);
	assert_near(mid->min[node_of(&fw, "leg")], 0.5);
	assert_nan(mid->min[node_of(&fw, "o2")]);
	assert_nan(mid->min[node_of(&fw, "c1")]);
	/* require overrides the default */
	assert_near(both->min[node_of(&fw, "o1")], 2);
	assert_near(both->min[node_of(&fw, "o2")], 1);
	assert_near(both->min[node_of(&fw, "st")], 1);
	assert_near(both->min[node_of(&fw, "c1")], 2);
	assert_near(cond->min[node_of(&fw, "cg")], 0.5);
	assert_near(cond->min[node_of(&fw, "c1")], 2);
	assert_nan(cond->min[node_of(&fw, "o1")]);
	/* the top-level stage names are st's */
	assert_int_equal(fw.nstage_names, 3);
	assert_int_equal(fw.nodes[node_of(&fw, "st")].nstage_names, 3);
	assert_string_equal(fw.nodes[node_of(&fw, "st")].stage_names[2], "Established");
	assert_int_equal(fw.nodes[node_of(&fw, "ops")].nstage_names, 0);
	cc_framework_free(&fw);
}

static void test_targets_unit(void **state)
{
	struct cc_target_result r;
	struct scored t;

	(void)state;
	score_text(&t, targets_yaml, targets_csv);

	/* basic (default 1): o1, o2, st, and c1 where cg applies */
	eval(&t, "U1", "basic", &r);
	SUMMARY(&r, 4, 4, true);
	ROW(&t, &r, 0, "o1", 1, 4, true);
	ROW(&t, &r, 1, "o2", 1, 2, true);
	ROW(&t, &r, 2, "st", 1, 2, true);     /* s1, s2 yes: s = 2 */
	ROW(&t, &r, 3, "c1", 1, 3, true);
	free(r.nodes);
	eval(&t, "U2", "basic", &r);          /* has = no: c1 left out */
	SUMMARY(&r, 3, 2, false);
	ROW(&t, &r, 0, "o1", 1, 2, true);
	ROW(&t, &r, 1, "o2", 1, NAN, false);  /* unanswered: nothing */
	ROW(&t, &r, 2, "st", 1, 1, true);     /* s2 no: s = 1 */
	free(r.nodes);
	eval(&t, "U3", "basic", &r);          /* has unanswered: c1 left out */
	SUMMARY(&r, 3, 0, false);
	ROW(&t, &r, 0, "o1", 1, 0, false);
	ROW(&t, &r, 1, "o2", 1, 0, false);
	ROW(&t, &r, 2, "st", 1, 0, false);    /* s1 no: s = 0 */
	free(r.nodes);

	/* mid: file order o1, st, leg */
	eval(&t, "U1", "mid", &r);
	SUMMARY(&r, 3, 3, true);
	ROW(&t, &r, 0, "o1", 3, 4, true);
	ROW(&t, &r, 1, "st", 2, 2, true);
	ROW(&t, &r, 2, "leg", 0.5, 0.75, true);   /* (1 + 0.5) / 2 */
	free(r.nodes);
	eval(&t, "U2", "mid", &r);
	SUMMARY(&r, 3, 0, false);
	ROW(&t, &r, 0, "o1", 3, 2, false);
	ROW(&t, &r, 1, "st", 2, 1, false);
	ROW(&t, &r, 2, "leg", 0.5, 0, false);
	free(r.nodes);
	eval(&t, "U3", "mid", &r);
	SUMMARY(&r, 3, 1, false);
	ROW(&t, &r, 2, "leg", 0.5, 1, true);
	free(r.nodes);

	/* both: o1 by default 2, o2 and st by require, c1 by default */
	eval(&t, "U1", "both", &r);
	SUMMARY(&r, 4, 4, true);
	ROW(&t, &r, 0, "o1", 2, 4, true);
	ROW(&t, &r, 1, "o2", 1, 2, true);
	ROW(&t, &r, 2, "st", 1, 2, true);
	ROW(&t, &r, 3, "c1", 2, 3, true);
	free(r.nodes);

	/* cond: cg (value, na zero) and c1 count only where has = yes */
	eval(&t, "U1", "cond", &r);
	SUMMARY(&r, 2, 2, true);
	ROW(&t, &r, 0, "cg", 0.5, 0.75, true);   /* c1 = 3: 3 / 4 */
	ROW(&t, &r, 1, "c1", 2, 3, true);
	free(r.nodes);
	eval(&t, "U2", "cond", &r);              /* nothing counted: met */
	SUMMARY(&r, 0, 0, true);
	free(r.nodes);
	eval(&t, "U3", "cond", &r);
	SUMMARY(&r, 0, 0, true);
	free(r.nodes);
	scored_free(&t);
}

static const char *const exclude_yaml = TOP
	"missing: exclude\n"
	"scales:\n"
	"  - {id: sim3, name: SIM3, levels: [{value: 0}, {value: 2}, {value: 4}]}\n"
	"targets:\n"
	"  - id: t\n"
	"    default: 2\n"
	"    require: {g: 0.5, q: 1}\n"
	"nodes:\n"
	"  - id: g\n"
	"    name: G\n"
	"    children:\n"
	"      - {id: r1, question: R1?, type: rating, scale: sim3}\n"
	"      - {id: r2, question: R2?, type: rating, scale: sim3}\n"
	"  - {id: q, question: Q?, type: yes_no}\n"
	"  - id: st\n"
	"    name: Stages\n"
	"    aggregate: stage\n"
	"    children:\n"
	"      - {id: s1, question: S1?, type: yes_no, stage: 1}\n"
	"      - {id: s2, question: S2?, type: yes_no, stage: 2}\n"
	"      - {id: s3, question: S3?, type: yes_no, stage: 3}\n";

static void test_target_attained(void **state)
{
	struct cc_target_result r;
	struct scored t;
	const double *v;
	int u;

	(void)state;
	score_text(&t, exclude_yaml,
		   "unit,question,answer\n"
		   "U1,r1,2\nU1,q,no\nU1,s1,yes\nU1,s2,no\n"
		   "U2,r2,\n");
	u = cc_answers_find_unit(&t.a, "U1");
	v = t.s.value + (size_t)u * (size_t)t.s.nnodes;
	/* rating: the rating, not its value 0.5 */
	assert_near(cc_target_attained(&t.fw, &t.a, u, v, node_of(&t.fw, "r1")), 2);
	/* unanswered and excluded (missing: exclude) */
	assert_nan(cc_target_attained(&t.fw, &t.a, u, v, node_of(&t.fw, "r2")));
	/* a mean group: its value, over r1 alone */
	assert_near(cc_target_attained(&t.fw, &t.a, u, v, node_of(&t.fw, "g")), 0.5);
	/* a yes_no question: its value */
	assert_near(cc_target_attained(&t.fw, &t.a, u, v, node_of(&t.fw, "q")), 0);
	/* a stage group: the stage reached (s1 yes, s2 no, s3 excluded): 1 */
	assert_near(cc_target_attained(&t.fw, &t.a, u, v, node_of(&t.fw, "st")), 1);
	/* rows in file order: g (require), r1, r2 (default), q (require),
	 * st (default) */
	eval(&t, "U1", "t", &r);
	SUMMARY(&r, 5, 2, false);
	ROW(&t, &r, 0, "g", 0.5, 0.5, true);
	ROW(&t, &r, 1, "r1", 2, 2, true);
	ROW(&t, &r, 2, "r2", 2, NAN, false);
	ROW(&t, &r, 3, "q", 1, 0, false);
	ROW(&t, &r, 4, "st", 2, 1, false);
	free(r.nodes);

	/* U2 answered nothing: every node excluded, nothing attained */
	u = cc_answers_find_unit(&t.a, "U2");
	v = t.s.value + (size_t)u * (size_t)t.s.nnodes;
	assert_nan(cc_target_attained(&t.fw, &t.a, u, v, node_of(&t.fw, "g")));
	assert_nan(cc_target_attained(&t.fw, &t.a, u, v, node_of(&t.fw, "st")));
	assert_nan(cc_target_attained(&t.fw, &t.a, u, v, node_of(&t.fw, "q")));
	eval(&t, "U2", "t", &r);
	SUMMARY(&r, 5, 0, false);
	free(r.nodes);
	scored_free(&t);
}

/* The same target for a unit that meets it: s3 no still leaves s = 2. */
static void test_target_all_met(void **state)
{
	struct cc_target_result r;
	struct scored t;

	(void)state;
	score_text(&t, exclude_yaml,
		   "unit,question,answer\nU1,r1,4\nU1,r2,4\nU1,q,yes\n"
		   "U1,s1,yes\nU1,s2,yes\nU1,s3,no\n");
	eval(&t, "U1", "t", &r);
	SUMMARY(&r, 5, 5, true);
	ROW(&t, &r, 0, "g", 0.5, 1, true);
	ROW(&t, &r, 1, "r1", 2, 4, true);
	ROW(&t, &r, 2, "r2", 2, 4, true);
	ROW(&t, &r, 3, "q", 1, 1, true);
	ROW(&t, &r, 4, "st", 2, 2, true);
	free(r.nodes);
	scored_free(&t);
}

static void test_stage_reached(void **state)
{
	struct cc_framework fw;
	const struct cc_node *st;

	(void)state;
	parse_framework(&fw, exclude_yaml);
	st = &fw.nodes[node_of(&fw, "st")];
	assert_int_equal(st->max_stage, 3);
	assert_near(cc_stage_reached(st, 0), 0);
	assert_near(cc_stage_reached(st, 1.0 / 3), 1);
	assert_near(cc_stage_reached(st, 2.0 / 3), 2);
	assert_near(cc_stage_reached(st, 1), 3);
	assert_nan(cc_stage_reached(st, NAN));
	cc_framework_free(&fw);
}

/* ---- stage names -------------------------------------------------------- */

static void test_stage_names(void **state)
{
	static const char *const yaml = TOP
		"stage_names: [Zero, One, Two]\n"
		"nodes:\n"
		"  - id: a\n"
		"    name: A\n"
		"    aggregate: stage\n"
		"    children:\n"
		"      - {id: a1, question: A1?, type: yes_no, stage: 1}\n"
		"      - {id: a2, question: A2?, type: yes_no, stage: 2}\n"
		"  - id: b\n"
		"    name: B\n"
		"    aggregate: stage\n"
		"    stage_names: [Not yet, Done]\n"
		"    children:\n"
		"      - {id: b1, question: B1?, type: yes_no, stage: 1}\n";
	struct cc_framework fw;
	const struct cc_node *a, *b;

	(void)state;
	parse_framework(&fw, yaml);
	a = &fw.nodes[node_of(&fw, "a")];
	b = &fw.nodes[node_of(&fw, "b")];
	assert_int_equal(a->nstage_names, 3);
	assert_string_equal(a->stage_names[0], "Zero");
	assert_int_equal(b->nstage_names, 2);
	assert_string_equal(b->stage_names[0], "Not yet");
	assert_string_equal(b->stage_names[1], "Done");
	cc_framework_free(&fw);
}

/* ---- translations ------------------------------------------------------- */

static const char *const i18n_yaml = TOP
	"levels: [{id: T1, name: High, min: 50}, {id: T2, name: Low, min: 0}]\n"
	"scales:\n"
	"  - id: sim3\n"
	"    name: SIM3\n"
	"    levels:\n"
	"      - {value: 0, name: None, description: Nothing}\n"
	"      - {value: 2, name: Half}\n"
	"      - {value: 4, name: Full}\n"
	"stage_names: [Zero, One]\n"
	"targets:\n"
	"  - {id: basic, name: Basic, default: 0}\n"
	"nodes:\n"
	"  - id: g\n"
	"    name: Group\n"
	"    guidance: Help\n"
	"    children:\n"
	"      - {id: ch, question: Choose?, type: choice, options: [{id: a, label: A, value: 0}, {id: b, label: B, value: 1}]}\n"
	"      - {id: r, question: Rate?, type: rating, scale: sim3}\n"
	"  - id: st\n"
	"    name: Stages\n"
	"    aggregate: stage\n"
	"    children:\n"
	"      - {id: s1, question: S1?, type: yes_no, stage: 1}\n"
	"translations:\n"
	"  fr:\n"
	"    title: Titre\n"
	"    nodes:\n"
	"      g: {name: Groupe, guidance: Aide}\n"
	"      ch: {question: Choisir ?, options: {b: B\xc3\xa9}}\n"
	"    scales:\n"
	"      sim3: {name: Niveau, levels: {4: {name: Plein, description: Tout}}}\n"
	"    levels: {T2: Bas}\n"
	"    targets: {basic: Base}\n"
	"    stage_names: [Z\xc3\xa9ro, Un]\n"
	"  pt-br:\n"
	"    title: T\xc3\xadtulo\n"
	"  es: {}\n";

static void text_is(const char *got, const char *want)
{
	if (!want)
		assert_null(got);
	else
		assert_string_equal(got, want);
}

static void test_fw_lang(void **state)
{
	struct cc_framework fw;

	(void)state;
	parse_framework(&fw, i18n_yaml);
	assert_int_equal(fw.nlangs, 3);
	assert_int_equal(cc_fw_lang(&fw, "fr"), 0);
	assert_int_equal(cc_fw_lang(&fw, "fr-ca"), 0);    /* primary subtag */
	assert_int_equal(cc_fw_lang(&fw, "fr-be"), 0);
	assert_int_equal(cc_fw_lang(&fw, "pt-br"), 1);    /* exact */
	assert_int_equal(cc_fw_lang(&fw, "pt"), -1);      /* only pt-br given */
	assert_int_equal(cc_fw_lang(&fw, "pt-pt"), -1);
	assert_int_equal(cc_fw_lang(&fw, "es"), 2);
	assert_int_equal(cc_fw_lang(&fw, "es-419"), 2);
	assert_int_equal(cc_fw_lang(&fw, "de"), -1);
	assert_int_equal(cc_fw_lang(&fw, "f"), -1);
	assert_int_equal(cc_fw_lang(&fw, ""), -1);
	assert_int_equal(cc_fw_lang(&fw, NULL), -1);
	cc_framework_free(&fw);
}

static void test_fw_text(void **state)
{
	struct cc_framework fw;
	int fr, frca, pt, es, g, ch, r;

	(void)state;
	parse_framework(&fw, i18n_yaml);
	fr = cc_fw_lang(&fw, "fr");
	frca = cc_fw_lang(&fw, "fr-ca");
	pt = cc_fw_lang(&fw, "pt-br");
	es = cc_fw_lang(&fw, "es");
	g = node_of(&fw, "g");
	ch = node_of(&fw, "ch");
	r = node_of(&fw, "r");
	text_is(cc_fw_text(&fw, fr, CC_TR_TITLE, 0, 0), "Titre");
	text_is(cc_fw_text(&fw, frca, CC_TR_TITLE, 0, 0), "Titre");
	text_is(cc_fw_text(&fw, frca, CC_TR_NAME, g, 0), "Groupe");
	text_is(cc_fw_text(&fw, fr, CC_TR_GUIDANCE, g, 0), "Aide");
	text_is(cc_fw_text(&fw, fr, CC_TR_QUESTION, g, 0), NULL);
	text_is(cc_fw_text(&fw, fr, CC_TR_QUESTION, ch, 0), "Choisir ?");
	text_is(cc_fw_text(&fw, fr, CC_TR_NAME, ch, 0), NULL);
	text_is(cc_fw_text(&fw, fr, CC_TR_GUIDANCE, ch, 0), NULL);
	text_is(cc_fw_text(&fw, fr, CC_TR_OPTION, ch, 1), "B\xc3\xa9");
	text_is(cc_fw_text(&fw, fr, CC_TR_OPTION, ch, 0), NULL);
	text_is(cc_fw_text(&fw, fr, CC_TR_QUESTION, r, 0), NULL);
	text_is(cc_fw_text(&fw, fr, CC_TR_SCALE_NAME, 0, 0), "Niveau");
	/* level value 4 is the scale's level index 2 */
	text_is(cc_fw_text(&fw, fr, CC_TR_SCALE_LEVEL, 0, 2), "Plein");
	text_is(cc_fw_text(&fw, fr, CC_TR_SCALE_LEVEL_DESC, 0, 2), "Tout");
	text_is(cc_fw_text(&fw, fr, CC_TR_SCALE_LEVEL, 0, 0), NULL);
	text_is(cc_fw_text(&fw, fr, CC_TR_SCALE_LEVEL_DESC, 0, 0), NULL);
	text_is(cc_fw_text(&fw, fr, CC_TR_SCALE_LEVEL, 0, 4), NULL);
	text_is(cc_fw_text(&fw, fr, CC_TR_LEVEL, 1, 0), "Bas");
	text_is(cc_fw_text(&fw, fr, CC_TR_LEVEL, 0, 0), NULL);
	text_is(cc_fw_text(&fw, fr, CC_TR_TARGET, 0, 0), "Base");
	text_is(cc_fw_text(&fw, fr, CC_TR_STAGE_NAME, 0, 0), "Z\xc3\xa9ro");
	text_is(cc_fw_text(&fw, fr, CC_TR_STAGE_NAME, 1, 0), "Un");
	text_is(cc_fw_text(&fw, pt, CC_TR_TITLE, 0, 0), "T\xc3\xadtulo");
	text_is(cc_fw_text(&fw, pt, CC_TR_NAME, g, 0), NULL);
	text_is(cc_fw_text(&fw, es, CC_TR_TITLE, 0, 0), NULL);
	text_is(cc_fw_text(&fw, -1, CC_TR_TITLE, 0, 0), NULL);
	text_is(cc_fw_text(&fw, cc_fw_lang(&fw, "de"), CC_TR_NAME, g, 0), NULL);
	/* the file's own texts are untouched */
	assert_string_equal(fw.title, "T");
	assert_string_equal(fw.nodes[g].name, "Group");
	assert_string_equal(fw.scales[0].levels[2].name, "Full");
	assert_string_equal(fw.stage_names[0], "Zero");
	cc_framework_free(&fw);
}

/* Translations never change a value, a point, a rank or a level id. */
static void test_translations_keep_scores(void **state)
{
	static const char *const csv =
		"unit,question,answer\n"
		"U1,ch,b\nU1,r,2\nU1,s1,yes\n"
		"U2,ch,a\nU2,r,4\nU2,s1,no\n";
	struct scored with, without;
	char *plain = strdup(i18n_yaml);

	(void)state;
	assert_non_null(plain);
	*strstr(plain, "translations:\n") = '\0';
	score_text(&with, i18n_yaml, csv);
	score_text(&without, plain, csv);
	assert_int_equal(with.s.nnodes, without.s.nnodes);
	for (int u = 0; u < 2; u++) {
		for (int i = 0; i < with.s.nnodes; i++) {
			size_t at = (size_t)u * (size_t)with.s.nnodes + (size_t)i;
			assert_near(with.s.value[at], without.s.value[at]);
			assert_int_equal(with.s.rank[at], without.s.rank[at]);
			text_is(cc_scores_level(&with.s, u, i), cc_scores_level(&without.s, u, i));
		}
		assert_int_equal(with.s.level[u], without.s.level[u]);
	}
	/* U1: ch 1, r 0.5, g 0.75; st 1; root 0.875 -> T1; st's level "One" */
	assert_near(VALUE(&with, "U1", "t"), 0.875);
	assert_string_equal(cc_scores_level(&with.s, 0, 0), "T1");
	assert_string_equal(cc_scores_level(&with.s, 0, node_of(&with.fw, "st")), "One");
	assert_null(cc_scores_level(&with.s, 0, node_of(&with.fw, "g")));
	scored_free(&with);
	scored_free(&without);
	free(plain);
}

static void test_lang_valid_tag(void **state)
{
	static const char *const good[] = {
		"ar", "zh", "en", "fr", "ru", "es", "pt", "fr-ca", "pt-br",
		"zh-hant", "es-419", "sr-latn-rs", "ast", "abcdefgh",
	};
	static const char *const bad[] = {
		"", "f", "FR", "Fr", "fr-CA", "fr_ca", "fr-", "-fr", "fr--ca",
		"fr ca", " fr", "abcdefghi", "fr-abcdefghi", "1fr", "fr.ca",
		"\xc3\xa9s",
	};

	(void)state;
	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++)
		if (!cc_lang_valid_tag(good[i]))
			fail_msg("\"%s\" should be a valid tag", good[i]);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (cc_lang_valid_tag(bad[i]))
			fail_msg("\"%s\" should not be a valid tag", bad[i]);
	assert_false(cc_lang_valid_tag(NULL));
}

/* ---- where 1.1 errors point --------------------------------------------- */

#define SIM3 \
	"scales:\n" \
	"  - id: sim3\n" \
	"    name: SIM3\n" \
	"    levels: [{value: 0}, {value: 1}, {value: 2}, {value: 3}, {value: 4}]\n"
#define NODES \
	"nodes:\n" \
	"  - {id: r, question: R?, type: rating, scale: sim3}\n" \
	"  - id: st\n" \
	"    name: S\n" \
	"    aggregate: stage\n" \
	"    children:\n" \
	"      - {id: s1, question: S1?, type: yes_no, stage: 1}\n" \
	"      - {id: s2, question: S2?, type: yes_no, stage: 2}\n"

static void test_error_positions(void **state)
{
	(void)state;
	/* lines 1-3 TOP, 4-7 SIM3 */
	assert_framework_error(TOP SIM3 "targets:\n  - id: a\n    require:\n      rr: 1\n" NODES,
			       11, 7, "rr");
	assert_framework_error(TOP SIM3 "targets:\n  - id: a\n    require:\n      r: 5\n" NODES,
			       11, 10, "r");
	assert_framework_error(TOP SIM3 "targets:\n  - id: a\n    require:\n      st: 3\n" NODES,
			       11, 11, "st");
	assert_framework_error(TOP SIM3 "targets:\n  - id: a\n    require:\n      st: Late\n" NODES,
			       11, 11, "Late");
	assert_framework_error(TOP SIM3 "targets:\n  - id: a\n    default: 5\n" NODES,
			       10, 14, "default");
	assert_framework_error(TOP SIM3 "targets:\n  - id: a\n    name: A\n" NODES,
			       9, 5, "a");
	assert_framework_error(TOP SIM3 "targets:\n  - {id: a, default: 1}\n  - {id: a, default: 2}\n" NODES,
			       10, 10, "a");
	/* scale named by a question: the value */
	assert_framework_error(TOP SIM3 "nodes:\n  - {id: r, question: R?, type: rating, scale: sim4}\n",
			       9, 48, "sim4");
	/* scale levels: the value out of order */
	assert_framework_error(TOP "scales:\n  - {id: s, levels: [{value: 1}, {value: 0}]}\n"
			       "nodes:\n  - {id: r, question: R?, type: rating, scale: s}\n",
			       5, 42, "ascending");
	/* stage_names of the wrong length: the list */
	assert_framework_error(TOP "nodes:\n  - id: st\n    name: S\n    aggregate: stage\n"
			       "    stage_names: [A, B]\n    children:\n"
			       "      - {id: s1, question: S1?, type: yes_no, stage: 1}\n"
			       "      - {id: s2, question: S2?, type: yes_no, stage: 2}\n",
			       8, 18, "stage_names");
	/* translations: the offending key */
	assert_framework_error(TOP "nodes:\n  - {id: q, question: Q?, type: yes_no}\n"
			       "translations:\n  fr:\n    nodes:\n      p: {name: P}\n",
			       9, 7, "p");
	assert_framework_error(TOP "nodes:\n  - {id: q, question: Q?, type: yes_no}\n"
			       "translations:\n  Fr:\n    title: X\n",
			       7, 3, "Fr");
	/* version */
	assert_framework_error("cybercap: 2\nid: t\ntitle: T\nnodes:\n  - {id: q, question: Q?, type: yes_no}\n",
			       1, 11, NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rating_answers),
		cmocka_unit_test(test_rating_empty_answer),
		cmocka_unit_test(test_scales_in_memory),
		cmocka_unit_test(test_target_minimums),
		cmocka_unit_test(test_targets_unit),
		cmocka_unit_test(test_target_attained),
		cmocka_unit_test(test_target_all_met),
		cmocka_unit_test(test_stage_reached),
		cmocka_unit_test(test_stage_names),
		cmocka_unit_test(test_fw_lang),
		cmocka_unit_test(test_fw_text),
		cmocka_unit_test(test_translations_keep_scores),
		cmocka_unit_test(test_lang_valid_tag),
		cmocka_unit_test(test_error_positions),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
