/*
 * test_drills.c - drills below HTTP: the rules of play (core/drill_rules),
 * SSE text (format/sse_out), wall times (format/wall_time), scenario zips
 * (format/scenario_zip: names, zip slip, limits), scenarios into the store
 * (service/scenarios), and a drill run with given wall times: creation
 * checks, every status move, the play clock with a pause, `after`,
 * deliver-now, skip (its follower never due), the store's guard against a
 * second delivery, the event log per viewer, responses, evaluations,
 * expected actions, feedback, the improvement plan, the report and the
 * audit chain (service/drills, drill_play, drill_report).
 */
#include "helpers.h"

#include "core/drill_rules.h"
#include "format/scenario_zip.h"
#include "format/sse_out.h"
#include "format/wall_time.h"
#include "service/drill_play.h"
#include "service/drills.h"
#include "service/scenarios.h"
#include "service/service.h"
#include "store/store.h"

#include <jansson.h>
#include <unistd.h>
#include <zip.h>

static const char scenario_yaml[] =
	"cybercap-scenario: 1\nid: unit-drill\ntitle: Unit drill\n"
	"objectives:\n  - {id: detect, name: Detect the incident, criteria: [A case within 1 h]}\n"
	"  - {id: inform, name: Inform the public}\n"
	"teams:\n  - {id: cirt, name: National CIRT}\n  - {id: media, name: Press office}\n"
	"injects:\n"
	"  - id: i1\n    at: 0\n    to: [cirt]\n    channel: email\n    title: First\n"
	"    content: Alarm\n    notes: secret note\n"
	"    expects:\n      - {id: e1, text: Open a case, objective: detect}\n"
	"  - {id: i2, at: 10, to: [all], channel: media, title: Second, content: News}\n"
	"  - {id: i3, at: 5, after: i2, to: [media], channel: phone, title: Third, content: Call}\n"
	"  - {id: i4, at: 20, after: i3, to: [cirt], channel: email, title: Fourth, content: Later}\n";

/* ---- pure parts ---- */

static void test_rules(void **state)
{
	(void)state;
	assert_true(cc_drill_allows(CC_DR_DIRECTOR, CC_DRILL_CONTROL));
	assert_true(cc_drill_allows(CC_DR_CONTROLLER, CC_DRILL_CONTROL));
	assert_false(cc_drill_allows(CC_DR_EVALUATOR, CC_DRILL_CONTROL));
	assert_false(cc_drill_allows(CC_DR_PLAYER, CC_DRILL_TIMELINE));
	assert_false(cc_drill_allows(CC_DR_OBSERVER, CC_DRILL_TIMELINE));
	assert_true(cc_drill_allows(CC_DR_EVALUATOR, CC_DRILL_EVALUATE));
	assert_false(cc_drill_allows(CC_DR_CONTROLLER, CC_DRILL_EVALUATE));
	assert_true(cc_drill_allows(CC_DR_PLAYER, CC_DRILL_RESPOND));
	assert_false(cc_drill_allows(CC_DR_DIRECTOR, CC_DRILL_RESPOND));
	assert_false(cc_drill_allows(CC_DR_PLAYER, CC_DRILL_REPORT));
	assert_true(cc_drill_allows(CC_DR_OBSERVER, CC_DRILL_REPORT));
	assert_false(cc_drill_allows(0, CC_DRILL_VIEW));
	assert_int_equal(cc_drill_role_parse("evaluator"), CC_DR_EVALUATOR);
	assert_int_equal(cc_drill_role_parse("admin"), 0);
	assert_string_equal(cc_drill_role_name(CC_DR_OBSERVER), "observer");
	/* a player: their team's injects and the status, nothing of staff */
	assert_true(cc_drill_event_visible(CC_EV_INJECT, "a", CC_DR_PLAYER, "a"));
	assert_true(cc_drill_event_visible(CC_EV_INJECT, NULL, CC_DR_PLAYER, "a"));
	assert_false(cc_drill_event_visible(CC_EV_INJECT, "b", CC_DR_PLAYER, "a"));
	assert_true(cc_drill_event_visible(CC_EV_STATUS, NULL, CC_DR_PLAYER, "a"));
	assert_false(cc_drill_event_visible(CC_EV_DELIVERY, NULL, CC_DR_PLAYER, "a"));
	assert_false(cc_drill_event_visible(CC_EV_SKIP, NULL, CC_DR_PLAYER, "a"));
	assert_false(cc_drill_event_visible(CC_EV_RESPONSE, NULL, CC_DR_PLAYER, "a"));
	/* staff: deliveries, not the players' copies */
	assert_false(cc_drill_event_visible(CC_EV_INJECT, "a", CC_DR_CONTROLLER, ""));
	assert_true(cc_drill_event_visible(CC_EV_DELIVERY, NULL, CC_DR_CONTROLLER, ""));
	assert_true(cc_drill_event_visible(CC_EV_DELIVERY, NULL, CC_DR_OBSERVER, ""));
	assert_false(cc_drill_event_visible(CC_EV_SKIP, NULL, CC_DR_OBSERVER, ""));
	assert_false(cc_drill_event_visible(CC_EV_COMMCHECK, NULL, CC_DR_EVALUATOR, ""));
	assert_true(cc_drill_event_visible(CC_EV_COMMCHECK, NULL, CC_DR_DIRECTOR, ""));
	assert_int_equal(cc_drill_event_kind_parse("skip"), CC_EV_SKIP);
	assert_int_equal(cc_drill_event_kind_parse("other"), -1);
	assert_int_equal(cc_drill_rating_parse("M"), 2);
	assert_int_equal(cc_drill_rating_parse("p"), -1);
	assert_int_equal(cc_drill_rating_parse("X"), -1);
}

static void test_feedback_tally(void **state)
{
	struct cc_feedback_tally t;

	(void)state;
	cc_feedback_tally_init(&t);
	assert_nan(t.mean);
	cc_feedback_tally_add(&t, 5);
	cc_feedback_tally_add(&t, 2);
	cc_feedback_tally_add(&t, 0);   /* ignored */
	cc_feedback_tally_add(&t, 6);   /* ignored */
	cc_feedback_tally_add(&t, 2);
	assert_int_equal(t.n, 3);
	assert_int_equal(t.counts[1], 2);
	assert_near(t.mean, 3.0);
	assert_true(cc_feedback_question("went_well") >= 0);
	assert_int_equal(cc_feedback_question("nope"), -1);
}

static void test_sse_text(void **state)
{
	size_t n;
	char *e;

	(void)state;
	e = cc_sse_event(7, "inject", "{\"a\":1}", &n);
	assert_string_equal(e, "id: 7\nevent: inject\ndata: {\"a\":1}\n\n");
	assert_int_equal(n, strlen(e));
	free(e);
	/* a line break in data cannot end the event or forge a field */
	e = cc_sse_event(8, "x", "one\n\nid: 99\r\ntwo\rthree", &n);
	assert_string_equal(e, "id: 8\nevent: x\ndata: one\ndata: \ndata: id: 99\ndata: two\n"
			    "data: three\n\n");
	free(e);
	e = cc_sse_event(0, NULL, "", &n);
	assert_string_equal(e, "data: \n\n");
	free(e);
	assert_null(cc_sse_event(1, "bad\nname", "x", &n));
}

static void test_wall_time(void **state)
{
	char out[CC_WALL_ISO_SIZE];

	(void)state;
	cc_wall_iso(0, out);
	assert_string_equal(out, "1970-01-01T00:00:00.000Z");
	cc_wall_iso(1764667800.25, out);
	assert_string_equal(out, "2025-12-02T09:30:00.250Z");
	cc_wall_iso(59.9996, out);
	assert_string_equal(out, "1970-01-01T00:01:00.000Z");
	cc_wall_iso(NAN, out);
	assert_string_equal(out, "");
	cc_wall_iso(-1, out);
	assert_string_equal(out, "");
}

/* A zip in memory with the given (name, text) entries. */
static char *make_zip(const char *const *entries, int n, size_t *len)
{
	char path[] = "/tmp/cc-zip-XXXXXX";
	int fd = mkstemp(path), err;
	zip_t *z;
	char *buf;
	FILE *f;

	close(fd);
	z = zip_open(path, ZIP_TRUNCATE | ZIP_CREATE, &err);
	for (int i = 0; i < n; i++) {
		zip_source_t *src = zip_source_buffer(z, entries[2 * i + 1],
						      strlen(entries[2 * i + 1]), 0);
		zip_file_add(z, entries[2 * i], src, ZIP_FL_OVERWRITE | ZIP_FL_ENC_UTF_8);
	}
	zip_close(z);
	f = fopen(path, "rb");
	fseek(f, 0, SEEK_END);
	*len = (size_t)ftell(f);
	rewind(f);
	buf = malloc(*len);
	assert_int_equal(fread(buf, 1, *len, f), *len);
	fclose(f);
	unlink(path);
	return buf;
}

static void test_zip_names(void **state)
{
	struct cc_szip z;
	struct cc_error err;
	size_t len;
	char *zip;

	(void)state;
	assert_true(cc_szip_safe_name("files/a.bin"));
	assert_false(cc_szip_safe_name("../a"));
	assert_false(cc_szip_safe_name("files/../../a"));
	assert_false(cc_szip_safe_name("/etc/passwd"));
	assert_false(cc_szip_safe_name("a//b"));
	assert_false(cc_szip_safe_name("a\\b"));
	assert_false(cc_szip_safe_name("./a"));
	assert_false(cc_szip_safe_name(""));
	{
		const char *e[] = {"pack/s.yaml", "x: 1\n", "pack/files/f.txt", "F"};
		zip = make_zip(e, 2, &len);
		assert_true(cc_szip_is_zip(zip, len));
		assert_int_equal(cc_szip_read(&z, zip, len, &err), CC_OK);
		assert_string_equal(z.yaml_name, "s.yaml");   /* the one folder is dropped */
		assert_int_equal(z.nfiles, 1);
		assert_string_equal(z.files[0].name, "files/f.txt");
		assert_string_equal(z.files[0].data, "F");
		cc_szip_free(&z);
		free(zip);
	}
	{
		const char *e[] = {"s.yaml", "x: 1\n", "../evil", "E"};
		zip = make_zip(e, 2, &len);
		assert_int_equal(cc_szip_read(&z, zip, len, &err), CC_EINPUT);
		assert_non_null(strstr(err.msg, "../evil"));
		free(zip);
	}
	{
		const char *e[] = {"a.yaml", "x: 1\n", "b.yml", "y: 2\n"};
		zip = make_zip(e, 2, &len);
		assert_int_equal(cc_szip_read(&z, zip, len, &err), CC_EINPUT);
		assert_non_null(strstr(err.msg, "two scenario files"));
		free(zip);
	}
	{
		const char *e[] = {"files/f.txt", "F"};
		zip = make_zip(e, 1, &len);
		assert_int_equal(cc_szip_read(&z, zip, len, &err), CC_EINPUT);
		assert_non_null(strstr(err.msg, "no scenario file"));
		free(zip);
	}
	assert_int_equal(cc_szip_read(&z, "PK\3\4garbage", 11, &err), CC_EINPUT);
}

/* ---- the store and the service ---- */

struct fixture {
	char dir[64];
	struct cc_store *s;
	struct cc_principal director, controller, evaluator, cirt, media, observer, outsider;
};

static void account(struct fixture *fx, struct cc_principal *p, const char *email)
{
	struct cc_error err;

	memset(p, 0, sizeof(*p));
	assert_int_equal(cc_store_create_user(fx->s, email, email, "x", &p->id, &err), CC_OK);
	snprintf(p->email, sizeof(p->email), "%s", email);
	snprintf(p->name, sizeof(p->name), "Name of %s", email);
}

static int setup(void **state)
{
	struct fixture *fx = calloc(1, sizeof(*fx));
	struct cc_scenario_added out;
	struct cc_error err;
	char units[128];
	int added;

	snprintf(fx->dir, sizeof(fx->dir), "/tmp/cc-drills-XXXXXX");
	if (!cc_test_mkdata(fx->dir))
		return -1;
	snprintf(units, sizeof(units), "%s/units.csv", fx->dir);
	write_file(units, "iso3,name_en\nXAA,Fictional A\n");
	if (cc_store_open(&fx->s, fx->dir, 1, &err) ||
	    cc_service_add_units(fx->s, units, &added, &err) ||
	    cc_scenarios_add_body(fx->s, fx->dir, scenario_yaml, strlen(scenario_yaml), "t",
				  &out, &err)) {
		fprintf(stderr, "setup: %s\n", err.msg);
		return -1;
	}
	account(fx, &fx->director, "director@t");
	account(fx, &fx->controller, "controller@t");
	account(fx, &fx->evaluator, "evaluator@t");
	account(fx, &fx->cirt, "cirt@t");
	account(fx, &fx->media, "media@t");
	account(fx, &fx->observer, "observer@t");
	account(fx, &fx->outsider, "outsider@t");
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *fx = *state;
	int rc;

	cc_store_close(fx->s);
	rc = remove_dir(fx->dir);
	free(fx);
	return rc;
}

static void test_scenario_store(void **state)
{
	struct fixture *fx = *state;
	struct cc_scenario_added out;
	struct cc_error err;
	struct cc_list l;
	const char *bad = "cybercap-scenario: 1\nid: b\ntitle: B\nobjectives: [{id: o, name: O}]\n"
			  "teams: [{id: a, name: A}]\ninjects:\n"
			  "  - {id: i, at: 0, to: [zz], channel: email, title: T, content: C}\n";

	/* the same id again: a conflict for the API */
	assert_int_equal(cc_scenarios_add_body(fx->s, fx->dir, scenario_yaml,
					       strlen(scenario_yaml), "t", &out, &err), CC_ECONFLICT);
	assert_string_equal(err.file, "id");
	/* the reader's error, with its line and column */
	assert_int_equal(cc_scenarios_add_body(fx->s, fx->dir, bad, strlen(bad), "t", &out, &err),
			 CC_EINPUT);
	assert_string_equal(err.file, "scenario");
	assert_int_equal(err.line, 7);
	assert_true(err.col > 0);
	assert_int_equal(cc_store_scenario(fx->s, "b", NULL, &l, &err), CC_ENOTFOUND);
	assert_int_equal(cc_store_scenario(fx->s, "unit-drill", NULL, &l, &err), CC_OK);
	assert_int_equal(strlen(((struct cc_scenario_rec *)l.items)->hash), 64);
	cc_list_free(&l);
}

static void create(struct fixture *fx, const char *id, double now)
{
	const char *cirt[] = {"cirt@t"}, *media[] = {"media@t"}, *ctl[] = {"controller@t"},
		   *ev[] = {"evaluator@t"}, *obs[] = {"observer@t"};
	struct cc_drill_team_new teams[] = {
		{.team = "cirt", .unit = "XAA", .players = cirt, .nplayers = 1},
		{.team = "media", .players = media, .nplayers = 1, .hidden = true},
	};
	struct cc_drill_new n = {.id = id, .scenario = "unit-drill", .title = "Run", .speed = 60,
				 .teams = teams, .nteams = 2, .controllers = ctl, .ncontrollers = 1,
				 .evaluators = ev, .nevaluators = 1, .observers = obs,
				 .nobservers = 1};
	struct cc_error err;
	int rc = cc_drills_create(fx->s, fx->dir, &n, &fx->director, now, &err);

	if (rc)
		print_error("create: %s (%s)\n", err.msg, err.file);
	assert_int_equal(rc, CC_OK);
}

static void test_create_checks(void **state)
{
	struct fixture *fx = *state;
	const char *nobody[] = {"nobody@t"}, *twice[] = {"cirt@t"};
	struct cc_drill_team_new t1[] = {{.team = "cirt", .players = twice, .nplayers = 1}};
	struct cc_drill_team_new t2[] = {{.team = "nope"}};
	struct cc_drill_team_new t3[] = {{.team = "cirt", .unit = "ZZZ"}};
	struct cc_drill_new n = {.id = "c1", .scenario = "unit-drill", .title = "T", .speed = 60};
	struct cc_error err;

	n.speed = 0;
	assert_int_equal(cc_drills_create(fx->s, fx->dir, &n, &fx->director, 1, &err), CC_EINPUT);
	assert_string_equal(err.file, "speed");
	n.speed = 60;
	n.scenario = "none";
	assert_int_equal(cc_drills_create(fx->s, fx->dir, &n, &fx->director, 1, &err), CC_EINPUT);
	assert_string_equal(err.file, "scenario");
	n.scenario = "unit-drill";
	n.id = "bad id";
	assert_int_equal(cc_drills_create(fx->s, fx->dir, &n, &fx->director, 1, &err), CC_EINPUT);
	assert_string_equal(err.file, "id");
	n.id = "c1";
	n.controllers = nobody, n.ncontrollers = 1;
	assert_int_equal(cc_drills_create(fx->s, fx->dir, &n, &fx->director, 1, &err), CC_EINPUT);
	assert_string_equal(err.file, "controllers");
	assert_non_null(strstr(err.msg, "nobody@t"));
	/* a player who is a controller too */
	n.controllers = twice;
	n.teams = t1, n.nteams = 1;
	assert_int_equal(cc_drills_create(fx->s, fx->dir, &n, &fx->director, 1, &err), CC_EINPUT);
	assert_string_equal(err.file, "teams");
	n.controllers = NULL, n.ncontrollers = 0;
	n.teams = t2;
	assert_int_equal(cc_drills_create(fx->s, fx->dir, &n, &fx->director, 1, &err), CC_EINPUT);
	assert_string_equal(err.file, "teams.nope");
	n.teams = t3;
	assert_int_equal(cc_drills_create(fx->s, fx->dir, &n, &fx->director, 1, &err), CC_EINPUT);
	assert_string_equal(err.file, "teams.cirt.unit");
	/* nothing was left of the failed attempts */
	{
		struct cc_list l;
		assert_int_equal(cc_store_drill(fx->s, "c1", &l, &err), CC_ENOTFOUND);
	}
	create(fx, "c1", 1);
	{
		struct cc_drill_new again = {.id = "c1", .scenario = "unit-drill", .title = "T",
					     .speed = 1};
		assert_int_equal(cc_drills_create(fx->s, fx->dir, &again, &fx->director, 1, &err),
				 CC_ECONFLICT);
	}
}

static int state_of(struct fixture *fx, const char *drill, const char *inject)
{
	struct cc_drill d;
	struct cc_error err;
	int i, st;

	assert_int_equal(cc_drill_load(fx->s, fx->dir, drill, &d, &err), CC_OK);
	i = cc_drill_inject_index(&d, inject);
	assert_true(i >= 0);
	st = (int)d.injects[i].state;
	cc_drill_free(&d);
	return st;
}

static void tick(struct fixture *fx, const char *drill, double now, int want, double next)
{
	struct cc_error err;
	double got_next;
	int got;

	assert_int_equal(cc_drills_tick(fx->s, fx->dir, drill, now, &got, &got_next, &err), CC_OK);
	assert_int_equal(got, want);
	cc_test_near(got_next, next, 1e-6, "next", __FILE__, __LINE__);
}

static void test_run(void **state)
{
	struct fixture *fx = *state;
	struct cc_error err;
	struct cc_drill d;

	create(fx, "r1", 1000);
	/* nothing is due before the start */
	tick(fx, "r1", 1000, 0, -1);
	assert_int_equal(cc_drills_deliver(fx->s, fx->dir, "r1", "i1", "c", 1000, &err),
			 CC_ECONFLICT);
	assert_int_equal(cc_drills_move(fx->s, fx->dir, "r1", CC_DRILL_PAUSED, "c", 1000, &err),
			 CC_ECONFLICT);
	assert_int_equal(cc_drills_move(fx->s, fx->dir, "r1", CC_DRILL_RUNNING, "c", 1000, &err),
			 CC_OK);
	/* speed 60: a minute of play a second; i1 (at 0) at once, i2 (at 10) at 1010 */
	tick(fx, "r1", 1000, 1, 1010);
	tick(fx, "r1", 1009.9, 0, 1010);
	/* a pause from 1005 to 1015 holds the clock at 5: i2 falls due at 1020 */
	assert_int_equal(cc_drills_move(fx->s, fx->dir, "r1", CC_DRILL_PAUSED, "c", 1005, &err),
			 CC_OK);
	tick(fx, "r1", 1012, 0, -1);
	assert_int_equal(cc_drills_move(fx->s, fx->dir, "r1", CC_DRILL_PAUSED, "c", 1012, &err),
			 CC_ECONFLICT);
	assert_int_equal(cc_drills_move(fx->s, fx->dir, "r1", CC_DRILL_RUNNING, "c", 1015, &err),
			 CC_OK);
	tick(fx, "r1", 1019.99, 0, 1020);
	/* i2, then i3 (at 5, after i2) in the same tick; i4 (at 20) at 1030 */
	tick(fx, "r1", 1020, 2, 1030);
	assert_int_equal(state_of(fx, "r1", "i3"), CC_INJECT_DELIVERED);
	assert_int_equal(cc_drill_load(fx->s, fx->dir, "r1", &d, &err), CC_OK);
	cc_test_near(d.injects[cc_drill_inject_index(&d, "i2")].clock, 10, 1e-9, "clock i2",
		     __FILE__, __LINE__);
	cc_test_near(d.injects[cc_drill_inject_index(&d, "i2")].done_at, 1020, 1e-9, "at i2",
		     __FILE__, __LINE__);
	assert_string_equal(d.injects[cc_drill_inject_index(&d, "i1")].by, "clock");
	cc_test_near(cc_drill_clock_now(&d, 1025), 15, 1e-9, "clock", __FILE__, __LINE__);
	cc_drill_free(&d);
	/* deliver now: before it is due, then never again */
	assert_int_equal(cc_drills_deliver(fx->s, fx->dir, "r1", "i4", "controller@t", 1021, &err),
			 CC_OK);
	assert_int_equal(cc_drills_deliver(fx->s, fx->dir, "r1", "i4", "controller@t", 1022, &err),
			 CC_ECONFLICT);
	assert_int_equal(cc_drills_skip(fx->s, fx->dir, "r1", "i4", "controller@t", 1022, &err),
			 CC_ECONFLICT);
	assert_int_equal(cc_drills_deliver(fx->s, fx->dir, "r1", "zz", "c", 1022, &err),
			 CC_ENOTFOUND);
	tick(fx, "r1", 1040, 0, -1);
	/* the store refuses a second delivery by itself */
	{
		struct cc_inject_state_rec r = {.inject = "i1", .state = "delivered", .at = 1,
						.clock = 1, .by = "x"};
		assert_int_equal(cc_store_move_inject(fx->s, "r1", &r, &err), CC_ECONFLICT);
		r.inject = "nope";
		assert_int_equal(cc_store_move_inject(fx->s, "r1", &r, &err), CC_ENOTFOUND);
	}
	/* the moves that are left */
	assert_int_equal(cc_drills_move(fx->s, fx->dir, "r1", CC_DRILL_SCHEDULED, "c", 1050, &err),
			 CC_ECONFLICT);
	assert_int_equal(cc_drills_move(fx->s, fx->dir, "r1", CC_DRILL_ENDED, "c", 1050, &err),
			 CC_OK);
	assert_int_equal(cc_drills_move(fx->s, fx->dir, "r1", CC_DRILL_RUNNING, "c", 1051, &err),
			 CC_ECONFLICT);
	assert_int_equal(cc_drills_move(fx->s, fx->dir, "r1", CC_DRILL_CANCELLED, "c", 1051, &err),
			 CC_ECONFLICT);
	assert_int_equal(cc_drill_load(fx->s, fx->dir, "r1", &d, &err), CC_OK);
	cc_test_near(cc_drill_clock_now(&d, 5000), 40, 1e-9, "clock after the end", __FILE__,
		     __LINE__);
	cc_drill_free(&d);
}

/* On PostgreSQL a delivered inject notifies "cybercap_drill" with the
 * drill's id (migration 0021), heard by a listener of its own connection;
 * on SQLite there is no listener (one process tells itself). */
static void test_notify(void **state)
{
	struct fixture *fx = *state;
	struct cc_store_listener *l;
	struct cc_error err;
	char drill[130] = "";
	int got, r = 1;
	double next;

	assert_int_equal(cc_store_listener_open(&l, fx->s, "cybercap_drill", &err), CC_OK);
	if (db_on_pg()) {
		assert_non_null(l);
		assert_int_equal(cc_store_listener_wait(l, 0, drill, sizeof(drill)), 0);
	} else {
		assert_null(l);
	}
	create(fx, "n1", 2000);
	assert_int_equal(cc_drills_move(fx->s, fx->dir, "n1", CC_DRILL_RUNNING, "c", 2000, &err),
			 CC_OK);
	assert_int_equal(cc_drills_tick(fx->s, fx->dir, "n1", 2000, &got, &next, &err), CC_OK);
	assert_int_equal(got, 1);
	if (!l)
		return;
	/* the status event and the inject: one notification per transaction */
	do
		r = cc_store_listener_wait(l, 5000, drill, sizeof(drill));
	while (r > 0 && strcmp(drill, "n1") != 0);
	assert_int_equal(r, 1);
	assert_string_equal(drill, "n1");
	cc_store_listener_close(l);
}

static void test_skip(void **state)
{
	struct fixture *fx = *state;
	struct cc_error err;

	create(fx, "s1", 2000);
	assert_int_equal(cc_drills_move(fx->s, fx->dir, "s1", CC_DRILL_RUNNING, "c", 2000, &err),
			 CC_OK);
	assert_int_equal(cc_drills_skip(fx->s, fx->dir, "s1", "i2", "controller@t", 2001, &err),
			 CC_OK);
	/* i1 due; i3 comes after a skipped inject, i4 after i3: never due */
	tick(fx, "s1", 2100, 1, -1);
	assert_int_equal(state_of(fx, "s1", "i2"), CC_INJECT_SKIPPED);
	assert_int_equal(state_of(fx, "s1", "i3"), CC_INJECT_PENDING);
	assert_int_equal(state_of(fx, "s1", "i4"), CC_INJECT_PENDING);
	assert_int_equal(cc_drills_deliver(fx->s, fx->dir, "s1", "i2", "c", 2101, &err),
			 CC_ECONFLICT);
	/* cancelled: nothing more is delivered, not even by hand */
	assert_int_equal(cc_drills_move(fx->s, fx->dir, "s1", CC_DRILL_CANCELLED, "c", 2102, &err),
			 CC_OK);
	assert_int_equal(cc_drills_deliver(fx->s, fx->dir, "s1", "i3", "c", 2103, &err),
			 CC_ECONFLICT);
	tick(fx, "s1", 9999, 0, -1);
}

/* Kinds of the events (comma-separated) a viewer is told, in order. */
static void events_for(struct fixture *fx, const char *drill, unsigned roles, const char *team,
		       char *out, size_t size)
{
	struct cc_list l;
	struct cc_error err;
	size_t at = 0;

	out[0] = '\0';
	assert_int_equal(cc_store_drill_events(fx->s, drill, 0, 1000, &l, &err), CC_OK);
	for (int i = 0; i < l.n; i++) {
		const struct cc_drill_event_rec *e = &((struct cc_drill_event_rec *)l.items)[i];
		int k = cc_drill_event_kind_parse(e->kind);
		json_t *p;
		if (!cc_drill_event_visible((enum cc_drill_event_kind)k, e->team, roles, team))
			continue;
		p = json_loads(e->payload, 0, NULL);
		at += (size_t)snprintf(out + at, size - at, "%s%s:%s", at ? "," : "", e->kind,
				       json_string_value(json_object_get(p, k == CC_EV_STATUS ?
								"status" : "id")));
		/* controllers' notes never reach an event */
		assert_null(strstr(e->payload, "secret note"));
		json_decref(p);
	}
	cc_list_free(&l);
}

static void test_events(void **state)
{
	struct fixture *fx = *state;
	char got[2000];

	events_for(fx, "r1", CC_DR_PLAYER, "cirt", got, sizeof(got));
	assert_string_equal(got, "status:running,inject:i1,status:paused,status:running,"
			    "inject:i2,inject:i4,status:ended");
	events_for(fx, "r1", CC_DR_PLAYER, "media", got, sizeof(got));
	assert_string_equal(got, "status:running,status:paused,status:running,inject:i2,"
			    "inject:i3,status:ended");
	events_for(fx, "r1", CC_DR_OBSERVER, "", got, sizeof(got));
	assert_string_equal(got, "status:running,delivery:i1,status:paused,status:running,"
			    "delivery:i2,delivery:i3,delivery:i4,status:ended");
	events_for(fx, "s1", CC_DR_CONTROLLER, "", got, sizeof(got));
	assert_string_equal(got, "status:running,skip:i2,delivery:i1,status:cancelled");
}

static void test_play(void **state)
{
	struct fixture *fx = *state;
	struct cc_eval_new ev = {.team = "cirt", .objective = "detect", .rating = "S",
				 .observation = "Case opened after 40 minutes"};
	struct cc_improvement_new imp = {.team = "cirt", .objective = "detect",
					 .issue = "Slow triage", .action = "Write a triage runbook",
					 .owner = "CIRT lead", .due = "2027-03-31"};
	struct cc_adhoc_new ad = {.title = "Extra", .content = "More", .channel = "social"};
	const char *media_only[] = {"media"}, *all[] = {"all"}, *bad_to[] = {"all", "cirt"};
	struct cc_error err;
	long long id;
	double at;
	bool created;
	char aid[128];

	create(fx, "p1", 3000);
	/* the communication check: before the start */
	assert_int_equal(cc_drills_commcheck(fx->s, fx->dir, "p1", &fx->cirt, "cirt", 2990, &at,
					     &err), CC_OK);
	assert_int_equal(cc_drills_commcheck(fx->s, fx->dir, "p1", &fx->cirt, "cirt", 2995, &at,
					     &err), CC_OK);
	cc_test_near(at, 2990, 1e-9, "first confirmation", __FILE__, __LINE__);
	/* no response before the start (the inject went nowhere yet) */
	assert_int_equal(cc_drills_respond(fx->s, fx->dir, "p1", "i1", &fx->cirt, "cirt", "ok",
					   3000, &id, &err), CC_ENOTFOUND);
	assert_int_equal(cc_drills_move(fx->s, fx->dir, "p1", CC_DRILL_RUNNING, "c", 3000, &err),
			 CC_OK);
	tick(fx, "p1", 3000, 1, 3010);
	assert_int_equal(cc_drills_respond(fx->s, fx->dir, "p1", "i1", &fx->cirt, "cirt",
					   "We opened a case", 3001, &id, &err), CC_OK);
	/* media did not get i1 */
	assert_int_equal(cc_drills_respond(fx->s, fx->dir, "p1", "i1", &fx->media, "media", "x",
					   3001, &id, &err), CC_ENOTFOUND);
	assert_int_equal(cc_drills_respond(fx->s, fx->dir, "p1", "i1", &fx->cirt, "cirt", "",
					   3001, &id, &err), CC_EINPUT);
	/* ad-hoc injects */
	ad.to = media_only, ad.nto = 1;
	assert_int_equal(cc_drills_adhoc(fx->s, fx->dir, "p1", &ad, "controller@t", 3002, aid,
					 &err), CC_OK);
	assert_string_equal(aid, "adhoc-1");
	ad.id = "i1";
	assert_int_equal(cc_drills_adhoc(fx->s, fx->dir, "p1", &ad, "controller@t", 3002, aid,
					 &err), CC_ECONFLICT);
	ad.id = "extra", ad.to = bad_to, ad.nto = 2;
	assert_int_equal(cc_drills_adhoc(fx->s, fx->dir, "p1", &ad, "c", 3002, aid, &err),
			 CC_EINPUT);
	assert_string_equal(err.file, "to");
	ad.to = all, ad.nto = 1, ad.channel = "fax";
	assert_int_equal(cc_drills_adhoc(fx->s, fx->dir, "p1", &ad, "c", 3002, aid, &err),
			 CC_EINPUT);
	assert_string_equal(err.file, "channel");
	ad.channel = "system";
	assert_int_equal(cc_drills_adhoc(fx->s, fx->dir, "p1", &ad, "c", 3003, aid, &err), CC_OK);
	assert_string_equal(aid, "extra");
	assert_int_equal(cc_drills_respond(fx->s, fx->dir, "p1", "extra", &fx->media, "media",
					   "Seen", 3004, &id, &err), CC_OK);
	/* evaluations */
	assert_int_equal(cc_drills_evaluate(fx->s, fx->dir, "p1", &ev, &fx->evaluator, 3005, &id,
					    &err), CC_OK);
	ev.rating = "X";
	assert_int_equal(cc_drills_evaluate(fx->s, fx->dir, "p1", &ev, &fx->evaluator, 3005, &id,
					    &err), CC_EINPUT);
	assert_string_equal(err.file, "rating");
	ev.rating = "P", ev.objective = "nope";
	assert_int_equal(cc_drills_evaluate(fx->s, fx->dir, "p1", &ev, &fx->evaluator, 3005, &id,
					    &err), CC_EINPUT);
	assert_string_equal(err.file, "objective");
	ev.objective = "detect", ev.rating = NULL, ev.observation = "Good log review",
	ev.kind = "strength";
	assert_int_equal(cc_drills_evaluate(fx->s, fx->dir, "p1", &ev, &fx->evaluator, 3006, &id,
					    &err), CC_OK);
	assert_int_equal(cc_drills_mark(fx->s, fx->dir, "p1", "i1", "cirt", "e1", true,
					&fx->evaluator, 3007, &err), CC_OK);
	assert_int_equal(cc_drills_mark(fx->s, fx->dir, "p1", "i1", "media", "e1", true,
					&fx->evaluator, 3007, &err), CC_EINPUT);
	assert_int_equal(cc_drills_mark(fx->s, fx->dir, "p1", "i1", "cirt", "e9", true,
					&fx->evaluator, 3007, &err), CC_EINPUT);
	/* feedback only after the end */
	{
		json_t *a = json_pack("{s:i,s:s}", "realism", 4, "went_well", "Clear injects");
		json_t *bad = json_pack("{s:i}", "realism", 6);
		json_t *unknown = json_pack("{s:i}", "colour", 1);
		assert_int_equal(cc_drills_feedback(fx->s, fx->dir, "p1", a, &fx->cirt, 3008,
						    &created, &err), CC_ECONFLICT);
		assert_int_equal(cc_drills_move(fx->s, fx->dir, "p1", CC_DRILL_ENDED, "c", 3010,
						&err), CC_OK);
		assert_int_equal(cc_drills_feedback(fx->s, fx->dir, "p1", a, &fx->cirt, 3011,
						    &created, &err), CC_OK);
		assert_true(created);
		assert_int_equal(cc_drills_feedback(fx->s, fx->dir, "p1", bad, &fx->cirt, 3011,
						    &created, &err), CC_EINPUT);
		assert_string_equal(err.file, "answers.realism");
		assert_int_equal(cc_drills_feedback(fx->s, fx->dir, "p1", unknown, &fx->cirt, 3011,
						    &created, &err), CC_EINPUT);
		json_decref(a), json_decref(bad), json_decref(unknown);
	}
	/* responses end with play */
	assert_int_equal(cc_drills_respond(fx->s, fx->dir, "p1", "i1", &fx->cirt, "cirt", "late",
					   3012, &id, &err), CC_ECONFLICT);
	assert_int_equal(cc_drills_improve(fx->s, fx->dir, "p1", &imp, &fx->director, 3013, &id,
					   &err), CC_OK);
	imp.due = "2027-02-30";
	assert_int_equal(cc_drills_improve(fx->s, fx->dir, "p1", &imp, &fx->director, 3013, &id,
					   &err), CC_EINPUT);
	assert_string_equal(err.file, "due");
	imp.due = "2027-03-31", imp.start = "2027-04-01";
	assert_int_equal(cc_drills_improve(fx->s, fx->dir, "p1", &imp, &fx->director, 3013, &id,
					   &err), CC_EINPUT);
	assert_string_equal(err.file, "start");
}

static void test_report(void **state)
{
	struct fixture *fx = *state;
	struct cc_error err;
	json_t *r = cc_drills_report(fx->s, fx->dir, "p1", 4000, &err), *o, *team, *tl;
	long long bad, count;

	assert_non_null(r);
	assert_string_equal(json_string_value(json_object_get(json_object_get(r, "drill"),
							      "status")), "ended");
	assert_true(json_is_true(json_object_get(json_object_get(r, "drill"), "final")));
	/* the organisation of a team bound to a unit is the unit's name */
	team = json_array_get(json_object_get(r, "teams"), 0);
	assert_string_equal(json_string_value(json_object_get(team, "organisation")), "Fictional A");
	o = json_array_get(json_object_get(r, "objectives"), 0);
	assert_string_equal(json_string_value(json_object_get(o, "id")), "detect");
	team = json_array_get(json_object_get(o, "teams"), 0);
	assert_string_equal(json_string_value(json_object_get(team, "rating")), "S");
	assert_int_equal(json_array_size(json_object_get(team, "strengths")), 2);
	assert_int_equal(json_integer_value(json_object_get(json_object_get(team, "expects"),
							    "met")), 1);
	tl = json_object_get(r, "timeline");
	assert_int_equal(json_array_size(tl), 6);   /* 4 of the scenario, 2 ad-hoc */
	assert_string_equal(json_string_value(json_object_get(json_array_get(tl, 0), "id")), "i1");
	assert_int_equal(json_array_size(json_object_get(json_array_get(tl, 0), "responses")), 1);
	assert_int_equal(json_integer_value(json_object_get(json_object_get(r, "feedback"),
							    "answered")), 1);
	assert_int_equal(json_array_size(json_object_get(r, "improvements")), 1);
	json_decref(r);
	/* every change above is in an intact chain */
	assert_int_equal(cc_store_audit_verify(fx->s, &bad, &count, &err), CC_OK);
	assert_int_equal(bad, 0);
	/* 1 scenario; c1: 1; r1: create, 4 moves, 4 deliveries; s1: create, 2 moves,
	 * a skip, a delivery; n1: create, a move, a delivery; p1: create, commcheck,
	 * 2 moves, a delivery, 2 responses, 2 ad-hoc, 2 evaluations, a mark,
	 * feedback, an improvement */
	assert_int_equal(count, 1 + 1 + 9 + 5 + 3 + 14);
}

static void test_roles(void **state)
{
	struct fixture *fx = *state;
	struct cc_error err;
	unsigned roles;
	char team[129];
	struct cc_principal admin = fx->outsider;

	assert_int_equal(cc_drill_roles_of(fx->s, "p1", &fx->cirt, &roles, team, &err), CC_OK);
	assert_int_equal(roles, CC_DR_PLAYER);
	assert_string_equal(team, "cirt");
	assert_int_equal(cc_drill_roles_of(fx->s, "p1", &fx->director, &roles, team, &err), CC_OK);
	assert_int_equal(roles, CC_DR_DIRECTOR);
	assert_int_equal(cc_drill_roles_of(fx->s, "p1", &fx->outsider, &roles, team, &err), CC_OK);
	assert_int_equal(roles, 0);
	admin.ngrants = 1;
	snprintf(admin.grants[0].role, sizeof(admin.grants[0].role), "admin");
	assert_int_equal(cc_drill_roles_of(fx->s, "p1", &admin, &roles, team, &err), CC_OK);
	assert_int_equal(roles, CC_DR_DIRECTOR);
	assert_int_equal(cc_drill_roles_of(fx->s, "nope", &admin, &roles, team, &err), CC_ENOTFOUND);
}

int main(void)
{
	const struct CMUnitTest pure[] = {
		cmocka_unit_test(test_rules),
		cmocka_unit_test(test_feedback_tally),
		cmocka_unit_test(test_sse_text),
		cmocka_unit_test(test_wall_time),
		cmocka_unit_test(test_zip_names),
	};
	/* in order: each builds on the drills of the one before */
	const struct CMUnitTest stored[] = {
		cmocka_unit_test(test_scenario_store),
		cmocka_unit_test(test_create_checks),
		cmocka_unit_test(test_run),
		cmocka_unit_test(test_skip),
		cmocka_unit_test(test_notify),
		cmocka_unit_test(test_events),
		cmocka_unit_test(test_play),
		cmocka_unit_test(test_report),
		cmocka_unit_test(test_roles),
	};

	return cmocka_run_group_tests(pure, NULL, NULL) |
	       cmocka_run_group_tests(stored, setup, teardown);
}
