"""The evaluator's semantics (DESIGN §3–4), shown on the small demonstration pack."""

from __future__ import annotations

import datetime as dt

from core import Applicability, Scenario, Verdict, evaluate

PUBLIC_ID = {
    "service": ("self_hosted_model",),
    "capabilities": ("face_identification",),
    "processing.timing": "real_time",
    "environment": "uncontrolled_public",
    "purpose": ("investigation",),
}
D2025 = dt.date(2025, 6, 1)


def scenario(**changes):
    answers = dict(PUBLIC_ID)
    for key, value in changes.items():
        field = key.replace("__", ".")
        if value is None:
            answers.pop(field, None)
        else:
            answers[field] = value
    return Scenario(title="demo", answers=answers)


def test_a_missing_answer_is_undetermined_and_answering_settles_it(demo_packs):
    """Undetermined names the question; answering it gives a definite verdict."""
    open_ = evaluate(scenario(purpose=None), demo_packs, D2025)
    assert open_.overall is Verdict.UNDETERMINED
    assert open_.questions == ("purpose",)
    finding = open_.pack("demo").finding("face-id")
    assert finding.questions == ("purpose",)
    assert "Purposes" in finding.explanation
    settled = evaluate(scenario(purpose=("other",)), demo_packs, D2025)
    assert settled.overall is Verdict.PROHIBITED
    assert settled.questions == ()


def test_exception_wins_when_it_holds(demo_packs):
    """A rule with an exception gives the exception's verdict when its facts hold."""
    ev = evaluate(scenario(purpose=("victim_or_missing_person_search", "other")), demo_packs, D2025)
    finding = ev.pack("demo").finding("face-id")
    assert finding.verdict is Verdict.RESTRICTED
    assert finding.case == "exception: missing persons"
    assert finding.notes == (
        "Other purposes (searching for victims or missing persons and other purpose) are not covered.",
    )
    alone = evaluate(scenario(purpose=("victim_or_missing_person_search",)), demo_packs, D2025)
    assert alone.pack("demo").finding("face-id").notes == (), "the note shows only for mixed purposes"


def test_crossing_a_version_boundary_switches_version_and_clauses(demo_packs):
    """The version in force on the date is used, and its wording is cited."""
    before = evaluate(scenario(), demo_packs, dt.date(2024, 11, 30)).pack("demo")
    after = evaluate(scenario(), demo_packs, dt.date(2025, 1, 1)).pack("demo")
    assert before.version.id == "v1" and after.version.id == "v2"
    assert before.finding("face-id").clauses[0].text == "Do not identify people from their faces."
    assert after.finding("face-id").clauses[0].text == "Do not identify people from their faces in public places."
    assert before.later[0].version.id == "v2"
    assert before.later[0].added_clauses == ("tracking",)


def test_before_the_first_version_the_pack_is_not_yet_in_force(demo_packs):
    """Not yet in force: not applicable, with the first version's date in the reason."""
    result = evaluate(scenario(), demo_packs, dt.date(2023, 12, 31)).pack("demo")
    assert result.verdict is Verdict.NOT_APPLICABLE
    assert result.applicability is Applicability.NOT_IN_FORCE
    assert "not yet in force" in result.reason.lower() and "2024-01-01" in result.reason


def test_a_gap_between_versions_is_reported(demo_packs):
    """A date no version covers is not applicable, and says so."""
    result = evaluate(scenario(), demo_packs, dt.date(2024, 12, 15)).pack("demo")
    assert result.applicability is Applicability.NOT_IN_FORCE
    assert "2024-12-15" in result.reason


def test_unknown_scope_makes_rules_that_could_fire_undetermined(demo_packs):
    """With the service unanswered, the scope is part of every rule's condition."""
    result = evaluate(scenario(service=None), demo_packs, D2025).pack("demo")
    assert result.applicability is Applicability.UNKNOWN
    assert result.verdict is Verdict.UNDETERMINED
    assert result.finding("face-id").questions == ("service",)
    quiet = evaluate(scenario(service=None, environment="controlled_facility"), demo_packs, D2025).pack("demo")
    assert quiet.verdict is Verdict.NO_PROHIBITION_FOUND
    assert quiet.applicability is Applicability.UNKNOWN
    assert "AI services" in quiet.reason


def test_out_of_scope_is_not_applicable_with_the_packs_reason(demo_packs):
    """A false scope gives the pack's own not-applicable reason."""
    result = evaluate(scenario(service=("openai_api",)), demo_packs, D2025).pack("demo")
    assert result.verdict is Verdict.NOT_APPLICABLE
    assert result.reason == "The demonstration policy covers only self-hosted models."


def test_findings_name_the_facts_and_carry_a_trace(demo_packs):
    """A finding's facts come from its trace; the explanation fills in the answers."""
    finding = evaluate(scenario(), demo_packs, D2025).pack("demo").finding("face-id")
    assert {f.field for f in finding.facts} >= {"capabilities", "environment"}
    assert finding.explanation == 'The deployment identifies faces in public places ("in the wild").'
    assert finding.trace.value is True
    assert [n.value for n in finding.trace.walk() if n.kind == "case"] == [False, True]


def test_notices_and_overall_verdict(demo_packs):
    """Pack notices appear when their condition holds; overall is the most severe pack verdict."""
    ev = evaluate(scenario(**{"processing__timing": "post_event"}), demo_packs, D2025)
    assert ev.pack("demo").notices == ("Processing after the event is outside this policy's live rules.",)
    assert ev.overall is ev.pack("demo").verdict


def test_evaluation_date_defaults(demo_packs):
    """The date is --as-of if given, else the file's as_of, else today."""
    sc = scenario().replace(as_of=dt.date(2024, 6, 1))
    assert evaluate(sc, demo_packs).as_of == dt.date(2024, 6, 1)
    assert evaluate(sc, demo_packs, D2025).as_of == D2025
    assert evaluate(scenario(), demo_packs).as_of == dt.date.today()


def test_an_undetermined_finding_names_no_case_and_only_possible_verdicts(demo_packs):
    """Unknown scope: no case label; "could be" lists only verdicts not already ruled out."""
    exempt = evaluate(scenario(service=None, purpose=("victim_or_missing_person_search",)), demo_packs, D2025)
    finding = exempt.pack("demo").finding("face-id")
    assert finding.verdict is Verdict.UNDETERMINED and finding.case == ""
    assert finding.explanation.startswith("Could be restricted, depending on: AI services.")
    open_purpose = evaluate(scenario(purpose=None), demo_packs, D2025).pack("demo").finding("face-id")
    assert open_purpose.explanation.startswith(
        "Could be prohibited or restricted"
    ) or open_purpose.explanation.startswith("Could be restricted or prohibited")


def test_out_of_scope_is_said_before_not_in_force(demo_packs):
    """A pack that would not apply anyway says why, rather than "not yet in force"."""
    result = evaluate(scenario(service=("openai_api",)), demo_packs, dt.date(2023, 6, 1)).pack("demo")
    assert result.reason == "The demonstration policy covers only self-hosted models."
