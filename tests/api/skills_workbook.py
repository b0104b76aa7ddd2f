"""The reaction survey answered through the questionnaire workbook (GET and
PUT /api/v1/enrolments/{e}/surveys/{kind}/questionnaire.xlsx), for
test_skills.py: the round trip (the answers so far pre-filled, the filled
ones saved where the browser's go), every bad cell named with 422 and
nothing saved, and who may. register() adds the test to the suite.
"""
import io
import re
import zipfile

from harness import check, eq, expect

XLSX = {"Content-Type": "application/octet-stream"}


def sheet_xml(body, name="xl/worksheets/sheet2.xml"):
    return zipfile.ZipFile(io.BytesIO(body)).read(name).decode()


def set_cells(body, cells, name="xl/worksheets/sheet2.xml"):
    """The workbook body with each cell REF of the question sheet set to a
    value: a number (a number cell) or a str (an inline text cell)."""
    src = zipfile.ZipFile(io.BytesIO(body))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == name:
                xml = data.decode()
                for ref, v in cells.items():
                    cell = (f'<c r="{ref}" t="inlineStr"><is><t>{v}</t></is></c>'
                            if isinstance(v, str) else f'<c r="{ref}"><v>{v}</v></c>')
                    xml, n = re.subn(rf'<c r="{ref}"[^>]*?(/>|>.*?</c>)', cell, xml, count=1)
                    check(n == 1, f"cell {ref} in the sheet")
                data = xml.encode()
            dst.writestr(item, data)
    return out.getvalue()


def answer_cells(xml):
    """{question id: row} of the question sheet (ids are shared strings,
    so by row order: the rows after the header)."""
    return [int(r) for r in re.findall(r'<row r="(\d+)"', xml) if int(r) > 1]


def register(test, who, st, api):
    def mine(role, e, kind):
        en = next(x for x in expect(who(role).get(f"{api}/skills/me"), 200).json()["enrolments"]
                  if x["id"] == e)
        return en["answers"].get(kind, {})

    @test
    def the_reaction_survey_round_trips_through_the_workbook():
        a, e = who("ana"), st["ana"]
        path = f"{api}/enrolments/{e}/surveys/reaction_end/questionnaire.xlsx"
        r = expect(a.get(path), 200)
        check(r.body[:2] == b"PK", "an xlsx is a zip")
        check("attachment" in (r.header("Content-Disposition") or ""), "an attachment")
        xml = sheet_xml(r.body)
        rows = answer_cells(xml)
        eq(len(rows), 5, "five rating questions, a row each")
        before = mine("ana", e, "reaction_end")
        eq(before, {"reaction.satisfied": 5, "reaction.relevant": 4}, "answered in the browser")
        check('<v>5</v></c>' in xml and '<v>4</v></c>' in xml, "the answers so far pre-filled")
        good = set_cells(r.body, {f"F{rows[2]}": 2, f"F{rows[3]}": 3, f"F{rows[4]}": 1})
        # bad cells: every one named, and nothing saved
        bad = set_cells(good, {f"F{rows[0]}": 9, f"F{rows[1]}": "lots"})
        r = expect(a.put(path, body=bad, headers=XLSX), 422, "invalid_workbook", "file")
        errs = r.json()["errors"]
        eq(sorted((x["sheet"], x["row"], x["column"]) for x in errs),
           [("Reaction", rows[0], "F"), ("Reaction", rows[1], "F")], "each bad cell named")
        check(any("9" in x["message"] for x in errs), f"what is wrong with 9: {errs}")
        eq(mine("ana", e, "reaction_end"), before, "nothing saved from a bad workbook")
        expect(a.put(path, body=b"not a workbook", headers=XLSX), 422, "invalid_workbook")
        expect(a.put(path, body=b"", headers=XLSX), 400)
        # the good one lands where the browser's answers are
        r = expect(a.put(path, body=good, headers=XLSX), 200).json()
        eq((r["kind"], r["saved"]), ("reaction_end", 5), "saved")
        after = mine("ana", e, "reaction_end")
        eq(len(after), 5, "five answers now")
        eq((after["reaction.satisfied"], after["reaction.relevant"]), (5, 4), "kept")
        eq(sorted(after.values()), [1, 2, 3, 4, 5], "the workbook's ratings")
        # the coordinator for a person of their programme; one enrolment's
        # workbook does not answer for another, nor for another survey
        c = who("coord")
        r = expect(c.get(path), 200)
        eq(len(answer_cells(sheet_xml(r.body))), 5, "the coordinator's copy")
        other = f"{api}/enrolments/{st['bo']}/surveys/reaction_end/questionnaire.xlsx"
        r = expect(c.put(other, body=good, headers=XLSX), 422, "invalid_workbook")
        eq(r.json()["errors"][0]["sheet"], "meta", "the meta sheet names the enrolment")
        expect(a.get(f"{api}/enrolments/{e}/surveys/reaction_module/questionnaire.xlsx"), 404)
        expect(a.get(f"{api}/enrolments/{e}/surveys/self_before/questionnaire.xlsx"), 404)
        expect(who("bo").get(path), 403)
        expect(who("trainer").get(path), 403)
        expect(who("other_coord").put(path, body=good, headers=XLSX), 403)

    return the_reaction_survey_round_trips_through_the_workbook
