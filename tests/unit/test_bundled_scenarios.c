/*
 * test_bundled_scenarios.c - the drill scenarios shipped in scenarios/
 * (docs/scenarios.md): each loads, has the shape the bundle promises (12+
 * injects over 2 to 4 hours of play, every channel, objectives with
 * criteria whose framework node exists in the bundled framework it names),
 * and the regional drill's flags accept their intended answers and refuse
 * near misses. Run from the repository root (scripts/run-tests does).
 */
#include "helpers.h"

#include "core/ctf_score.h"
#include "format/framework_yaml.h"
#include "format/scenario_yaml.h"

static const char *const bundled[] = {
	"scenarios/hospital-ransomware.yaml",
	"scenarios/election-ddos.yaml",
	"scenarios/regional-cross-border.yaml",
};

static void load(struct cc_scenario *sc, const char *path)
{
	struct cc_error err;
	int rc = cc_scenario_load(sc, path, &err);

	if (rc)
		print_error("%s:%ld:%ld: %s\n", err.file, err.line, err.col, err.msg);
	assert_int_equal(rc, CC_OK);
}

/* Whether node `id` exists in frameworks/<fw>.yaml. */
static bool framework_has(const char *fw, const char *id)
{
	char path[256];
	struct cc_framework f;
	struct cc_error err;
	bool found;

	snprintf(path, sizeof path, "frameworks/%s.yaml", fw);
	if (cc_framework_load(&f, path, &err)) {
		print_error("%s:%ld: %s\n", err.file, err.line, err.msg);
		return false;
	}
	found = cc_framework_find(&f, id) >= 0;
	cc_framework_free(&f);
	return found;
}

static void test_shape(void **state)
{
	(void)state;
	for (size_t k = 0; k < sizeof bundled / sizeof *bundled; k++) {
		struct cc_scenario sc;
		bool channel[CC_CH_SYSTEM + 1] = {false};
		bool to_all = false, to_some = false, after = false;
		double first = 1e9, last = -1;

		load(&sc, bundled[k]);
		assert_true(sc.ninjects >= 12);
		assert_true(sc.nobjectives >= 3 && sc.nobjectives <= 5);
		for (int i = 0; i < sc.ninjects; i++) {
			const struct cc_inject *in = &sc.injects[i];

			channel[in->channel] = true;
			to_all |= in->to_all;
			to_some |= !in->to_all;
			after |= in->has_after;
			assert_non_null(in->from);
			assert_true(in->nexpects >= 1);
			for (int e = 0; e < in->nexpects; e++)
				assert_true(in->expects[e].has_objective);
			first = in->planned < first ? in->planned : first;
			last = in->planned > last ? in->planned : last;
		}
		/* 2 to 4 hours of play from the first inject to the last */
		assert_true(last - first >= 120 && last - first <= 240);
		for (int c = 0; c <= CC_CH_SYSTEM; c++)
			assert_true(channel[c]);
		assert_true(to_all && to_some && after);
		for (int o = 0; o < sc.nobjectives; o++) {
			const struct cc_objective *ob = &sc.objectives[o];

			assert_true(ob->ncriteria >= 1);
			assert_non_null(ob->fw_id);
			assert_true(strcmp(ob->fw_id, "national-commitment") == 0 ||
				    strcmp(ob->fw_id, "national-maturity") == 0);
			if (!framework_has(ob->fw_id, ob->fw_node))
				fail_msg("%s: objective %s: no node %s in %s", bundled[k],
					 ob->id, ob->fw_node, ob->fw_id);
		}
		cc_scenario_free(&sc);
	}
}

static const struct cc_flag *flag_of(const struct cc_scenario *sc, const char *ch)
{
	int c = cc_scenario_challenge(sc, ch);

	assert_true(c >= 0);
	assert_int_equal(sc->challenges[c].nflags, 1);
	return &sc->challenges[c].flags[0];
}

static bool match(const struct cc_flag *f, const char *s)
{
	return cc_flag_matches(f, s, strlen(s));
}

static void test_regional_flags(void **state)
{
	struct cc_scenario sc;
	const struct cc_flag *f;
	int c;

	(void)state;
	load(&sc, "scenarios/regional-cross-border.yaml");
	assert_int_equal(sc.nchallenges, 4);

	f = flag_of(&sc, "beacon-domain");
	assert_int_equal(f->type, CC_FLAG_STATIC);
	assert_true(match(f, "cdn-helixforge-update.example\n"));
	assert_false(match(f, "update.helixforge.example"));

	f = flag_of(&sc, "trojan-file");
	assert_true(f->value == NULL && f->type == CC_FLAG_STATIC);
	assert_true(match(f, "hfx_bridge.dll"));
	assert_false(match(f, "HFX_BRIDGE.DLL"));
	assert_false(match(f, "hfx_client.exe"));

	f = flag_of(&sc, "mule-account");
	assert_true(f->value == NULL && f->type == CC_FLAG_CASE_INSENSITIVE);
	assert_true(match(f, "VR88-MULE-4410-2291"));
	assert_true(match(f, "vr88-mule-4410-2291"));
	assert_false(match(f, "VR88-MULE-4410-2292"));

	f = flag_of(&sc, "defang");
	assert_int_equal(f->type, CC_FLAG_REGEX);
	assert_true(match(f, "cdn-helixforge-update[.]example"));
	assert_true(match(f, "hxxps://cdn-helixforge-update[dot]example"));
	assert_false(match(f, "cdn-helixforge-update.example"));

	/* one dynamic challenge, one that requires another and opens later */
	c = cc_scenario_challenge(&sc, "trojan-file");
	assert_true(sc.challenges[c].dynamic);
	c = cc_scenario_challenge(&sc, "mule-account");
	assert_int_equal(sc.challenges[c].nrequires, 1);
	assert_true(sc.challenges[c].has_opens_at);
	assert_near(sc.challenges[c].opens_at, 65);
	cc_scenario_free(&sc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_shape),
		cmocka_unit_test(test_regional_flags),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
