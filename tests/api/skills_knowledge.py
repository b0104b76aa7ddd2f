"""Knowledge checks (PUT /api/v1/programmes/{p}/knowledge-checks and the
dashboard's "knowledge_checks"), for test_skills.py, on a programme of
their own so that the other tests' counts do not move: the set-up and
every 422 naming its field, who may (the team; a coordinator of another
programme and a sponsor 403), the figures from the scores the progress
import keeps (participants with the evaluation consent in force only, in
the programme's order, the pass mark counted), a sponsor's small cells
suppressed in the JSON and the CSV, a new list replacing the old, and a
withdrawn consent taking the person out. register() adds the tests to the
suite.
"""
from harness import check, eq, expect

KP = "kc-prog"
CHECKS = "/knowledge-checks"
# in the programme's order, which is not the alphabet's
TRIAGE, LAW, ETHICS = "Triage quiz", "Law quiz", "Ethics quiz"


def register(test, who, api, grant, person, enrol, walk):
    base = f"{api}/programmes/{KP}"
    st = {}

    def put(client, body, status=200, *rest):
        return expect(who(client).call("PUT", base + CHECKS, body), status, *rest,
                      what=f"PUT knowledge checks {body}")

    def checks(client):
        return {c["module"]: c for c in
                expect(who(client).get(f"{base}/dashboard"), 200).json()["knowledge_checks"]}

    @test
    def knowledge_checks_are_set_by_the_programme_team_with_every_bad_field_named():
        expect(who("admin").post(f"{api}/programmes", {"id": KP, "name": "Knowledge checks"}),
               201)
        grant("coord", "coordinator", KP)
        grant("sponsor", "sponsor", KP)
        c = who("coord")
        expect(c.post(f"{base}/editions", {"id": "2027", "year": 2027, "start": "2027-01-01",
                                           "end": "2027-07-01"}), 201)
        expect(c.post(f"{base}/tracks", {"id": "ir", "name": "Incident response",
                                         "competencies": ["ecsf-incident-responder"]}), 201)
        expect(c.post(f"{base}/cohorts", {"id": "kc-af", "edition": "2027", "track": "ir",
                                          "name": "KC Africa", "region": "Africa",
                                          "language": "fr", "capacity": 10}), 201)
        good = {"modules": [{"module": TRIAGE, "pass": 70}, {"module": LAW, "pass": 50},
                            {"module": ETHICS, "pass": 60.5}]}
        for body, field in (
                ({}, "modules"), ({"modules": "Triage quiz"}, "modules"),
                ({"modules": [], "weights": 1}, "weights"),
                ({"modules": ["Triage quiz"]}, "modules[0]"),
                ({"modules": [{"pass": 50}]}, "modules[0].module"),
                ({"modules": [{"module": "", "pass": 50}]}, "modules[0].module"),
                ({"modules": [{"module": "x" * 201, "pass": 50}]}, "modules[0].module"),
                ({"modules": [{"module": TRIAGE}]}, "modules[0].pass"),
                ({"modules": [{"module": TRIAGE, "pass": "50"}]}, "modules[0].pass"),
                ({"modules": [{"module": TRIAGE, "pass": 100.5}]}, "modules[0].pass"),
                ({"modules": [{"module": TRIAGE, "pass": -1}]}, "modules[0].pass"),
                ({"modules": [{"module": TRIAGE, "pass": 50, "weight": 2}]},
                 "modules[0].weight"),
                ({"modules": [{"module": TRIAGE, "pass": 50}, {"module": TRIAGE, "pass": 60}]},
                 "modules[1].module"),
                ({"modules": [{"module": f"m{i}", "pass": 50} for i in range(51)]}, "modules")):
            put("coord", body, 422, "invalid", field)
        expect(c.get(base), 200)
        eq(expect(c.get(base), 200).json()["knowledge_checks"], [], "nothing saved from a "
           "refused body")
        # who may: the programme's team only
        put("other_coord", good, 403, "forbidden")
        put("sponsor", good, 403, "forbidden")
        put("ana", good, 403)
        put("anonymous", good, 401)
        expect(who("coord").call("PUT", f"{api}/programmes/nope{CHECKS}", good), 404)
        r = put("coord", good).json()
        eq([(x["module"], x["pass"]) for x in r["knowledge_checks"]],
           [(TRIAGE, 70), (LAW, 50), (ETHICS, 60.5)], "the checks in the order given")
        eq(expect(c.get(base), 200).json()["knowledge_checks"], r["knowledge_checks"],
           "the programme lists them")
        put("admin", good)

    @test
    def the_dashboard_counts_knowledge_checks_and_hides_small_cells_from_a_sponsor():
        ids = []
        for i in range(7):
            consents = ("participation", "evaluation") if i < 6 else ("participation",)
            e = enrol("coord", "kc-af", person(f"K{i}", f"kc{i}@skills.test"),
                      consents=consents).json()
            ids.append(e["id"])
            if i == 0:
                st["person0"] = e["person"]["id"]
            walk(e["id"], "selected", "enrolled", "active")
        m = enrol("coord", "kc-af", person("KM", "kcm@skills.test"), role="mentor").json()
        walk(m["id"], "selected", "enrolled", "active")
        rows = ["email,module,completed_at,score"]
        for i, score in enumerate((40, 60, 70, 80, 90, 100, 0)):
            rows.append(f"kc{i}@skills.test,{TRIAGE},2027-03-0{i + 1},{score}")
        rows += [f"kcm@skills.test,{TRIAGE},2027-03-01,100",      # a mentor: not counted
                 f"kc0@skills.test,{LAW},2027-03-02,50", f"kc1@skills.test,{LAW},2027-03-02,30",
                 f"kc2@skills.test,{LAW},2027-03-02,",              # no score: not counted
                 "kc0@skills.test,Foundations,2027-03-02,10"]       # not a check
        r = expect(who("coord").post(f"{api}/cohorts/kc-af/progress",
                                     body=("\n".join(rows) + "\n").encode(),
                                     headers={"Content-Type": "text/csv"}), 200).json()
        eq((r["format"], r["imported"]), ("plain", 12))
        d = expect(who("coord").get(f"{base}/dashboard"), 200).json()
        eq([c["module"] for c in d["knowledge_checks"]], [TRIAGE, LAW, ETHICS],
           "the programme's order")
        k = {c["module"]: c for c in d["knowledge_checks"]}
        # Triage: 40..100 of the six with the evaluation consent (not the
        # seventh, nor the mentor); 70 and above pass: 4 of 6
        eq((k[TRIAGE]["n"], k[TRIAGE]["mean"], k[TRIAGE]["share_passed"], k[TRIAGE]["pass"]),
           (6, 73.33, 0.67, 70))
        eq((k[LAW]["n"], k[LAW]["mean"], k[LAW]["share_passed"]), (2, 40, 0.5))
        eq((k[ETHICS]["n"], k[ETHICS]["mean"], k[ETHICS]["share_passed"]), (0, None, None),
           "a check without scores")
        check(all("suppressed" not in c for c in d["knowledge_checks"]), "the team sees all")
        s = checks("sponsor")
        eq((s[TRIAGE]["n"], s[TRIAGE]["mean"], s[TRIAGE]["share_passed"]), (6, 73.33, 0.67),
           "6 people are shown")
        eq((s[LAW]["n"], s[LAW]["suppressed"], s[LAW]["mean"], s[LAW]["share_passed"]),
           (None, True, None, None), "2 people are hidden, their mean and share too")
        eq((s[ETHICS]["n"], "suppressed" in s[ETHICS]), (0, False), "0 is not a small cell")
        # the files hide what the JSON hides
        csv = expect(who("sponsor").get(f"{base}/dashboard.csv"), 200).body.decode()
        lines = set(csv.splitlines())
        for line in (f"knowledge_checks,{TRIAGE},,n,6,", f"knowledge_checks,{TRIAGE},,pass,70.00,",
                     f"knowledge_checks,{TRIAGE},,share_passed,0.67,",
                     f"knowledge_checks,{LAW},,n,,yes", f"knowledge_checks,{LAW},,mean,,yes"):
            check(line in lines, f"{line!r} in the sponsor's CSV:\n{csv}")
        team = expect(who("coord").get(f"{base}/dashboard.csv"), 200).body.decode()
        check(f"knowledge_checks,{LAW},,n,2," in team.splitlines(), "the team's CSV")
        expect(who("other_coord").get(f"{base}/dashboard"), 403)
        expect(who("ana").get(f"{base}/dashboard"), 403)

    @test
    def a_new_list_replaces_the_knowledge_checks_and_withdrawn_consent_counts_no_more():
        put("coord", {"modules": [{"module": LAW, "pass": 30}, {"module": TRIAGE, "pass": 90}]})
        d = expect(who("coord").get(f"{base}/dashboard"), 200).json()["knowledge_checks"]
        eq([(c["module"], c["n"], c["share_passed"]) for c in d],
           [(LAW, 2, 1.0), (TRIAGE, 6, 0.33)], "the new order and pass marks")
        expect(who("coord").delete(f"{api}/people/{st['person0']}/consents/evaluation"), 200)
        k = checks("coord")
        eq((k[TRIAGE]["n"], k[TRIAGE]["mean"]), (5, 80), "K0 (40) no longer counts")
        eq(k[LAW]["n"], 1)
        eq(checks("sponsor")[TRIAGE]["n"], 5, "5 is shown")
        put("coord", {"modules": []})
        eq(checks("coord"), {}, "an empty list: no knowledge checks")

    return the_dashboard_counts_knowledge_checks_and_hides_small_cells_from_a_sponsor
