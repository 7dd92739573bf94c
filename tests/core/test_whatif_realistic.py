"""What would change: only realistic options (design choices), risks as well as remedies, and what
remains when nothing helps — every consequence carried as fields, never parsed from text."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

import core
from core.cli.main import main
from core.resources import examples_dir
from core.whatif import default_locked, what_if
from tests.core.strategies import answer_sets, dates

PACKS = core.load_packs()
Q = PACKS.questionnaire
FACTS = {f.id for f in Q.fields.values() if f.kind is core.FieldKind.FACT}
DRIFT = {f.id for f in Q.fields.values() if f.drift}
RETAILER = examples_dir() / "eu-retailer-live-face-matching.scenario.yaml"
ART_5_1_H = ("eu-ai-act-article-5", "art-5-1-h")
REGISTRATION = ("microsoft-azure-ai-face", "limited-access-registration")
ROOT = Path(__file__).resolve().parents[2]


def _retailer_not_sharing() -> core.Scenario:
    """The bundled retail case as first built for opted-in members: alerts not (yet) passed to the police,
    everyone processed has given explicit consent (otherwise GDPR Article 9(1) alone prohibits it)."""
    scenario = core.load_scenario(RETAILER, Q)
    assert scenario.answers["deployer.for_law_enforcement"] is True
    return scenario.with_answer("deployer.for_law_enforcement", False).with_answer("subjects.consent", "all_consented")


def _all_options(result: core.WhatIf):
    yield from result.less_severe
    for finding in result.findings:
        yield from finding.options


def test_the_questionnaire_marks_who_where_why_and_who_is_affected_as_facts():
    """The classification a procurement lawyer would make: context facts vs design choices."""
    assert {
        "deployer.kind",
        "deployer.for_law_enforcement",
        "law_enforcement.level",
        "deployer.country",
        "deployment.countries",
        "purpose",
        "context.sector_setting",
        "subjects.minors_possible",
        "environment",
    } <= FACTS
    design = {f.id for f in Q.fields.values() if f.kind is core.FieldKind.DESIGN}
    assert {
        "service",
        "capabilities",
        "inferred_attributes",
        "match_database",
        "processing.timing",
        "camera.platforms",
        "subjects.consent",
        "human_review",
        "authorisation.prior",
    } <= design
    assert design | FACTS == set(Q.fields) and not design & FACTS
    assert {"deployer.for_law_enforcement", "subjects.minors_possible"} <= DRIFT <= FACTS
    assert default_locked(Q) == FACTS


def test_every_field_line_of_the_questionnaire_states_its_kind():
    """The file itself says fact or design for every field (the loader requires it)."""
    text = (ROOT / "resources" / "questionnaire.yaml").read_text(encoding="utf-8")
    assert len(re.findall(r"^      - id: ", text, re.M)) == len(Q.fields)
    assert len(re.findall(r"^        kind: (fact|design)\b", text, re.M)) == len(Q.fields)


@pytest.mark.parametrize("path", core.example_paths(), ids=lambda p: p.name)
def test_no_option_in_any_bundled_example_changes_a_fact_of_the_context(path):
    """Acceptance: every remedy changes design choices only; every risk a design choice or a drifting fact."""
    ev = core.evaluate(core.load_scenario(path, Q), PACKS)
    result = what_if(ev, PACKS)
    for option in _all_options(result):
        assert not set(option.fields) & FACTS, option.text
        assert all(c.kind is core.FieldKind.DESIGN for c in option.changes)
    for risk in result.more_severe:
        assert all(c.field not in FACTS or c.field in DRIFT for c in risk.changes), risk.text
    data = json.loads(json.dumps(result.to_dict()))
    changed = [c["field"] for o in data["less_severe"] for c in o["changes"]]
    changed += [c["field"] for f in data["findings"] for o in f["options"] for c in o["changes"]]
    assert not set(changed) & FACTS


def test_the_retail_case_warns_that_sharing_alerts_with_police_makes_it_prohibited():
    """Acceptance: the risks of the retail case (alerts not shared) include sharing them with the police."""
    scenario = _retailer_not_sharing()
    day = dt.date(2025, 6, 1)
    ev = core.evaluate(scenario, PACKS, day)
    assert ev.overall is core.Verdict.RESTRICTED
    result = what_if(ev, PACKS)
    sharing = next(r for r in result.more_severe if r.fields == ("deployer.for_law_enforcement",))
    assert (sharing.changes[0].old, sharing.changes[0].new) == (False, True)
    assert sharing.before is core.Verdict.RESTRICTED and sharing.overall is core.Verdict.PROHIBITED
    assert ART_5_1_H in [r.key for r in sharing.added] and not sharing.removed
    assert sharing.changes[0].label == "Operated for law enforcement"
    after = core.evaluate(sharing.apply(scenario), PACKS, day)
    assert after.overall is core.Verdict.PROHIBITED
    assert after.pack("eu-ai-act-article-5").finding("art-5-1-h").verdict is core.Verdict.PROHIBITED
    assert result.more_severe == tuple(sorted(result.more_severe, key=lambda o: len(o.changes)))


def test_risks_are_shown_on_the_command_line_and_in_json(capsys, tmp_path):
    """`evaluate --what-if` prints the risks in words and lists them under more_severe in JSON."""
    path = tmp_path / "retail.scenario.yaml"
    core.save_scenario(_retailer_not_sharing(), path, Q)
    assert main(["evaluate", str(path), "--what-if"]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "What would make the verdict more severe than allowed only under conditions (restricted):" in out
    assert (
        "Operated for law enforcement: yes instead of no — newly applies: “Real-time remote biometric "
        "identification in public spaces for law enforcement” → overall prohibited"
    ) in out
    assert "--" not in out[out.index("What would change the outcome") :], "no command-line flags in the words"
    assert main(["evaluate", str(path), "--what-if", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)["what_if"]
    risk = next(
        o for o in data["more_severe"] if [c["field"] for c in o["changes"]] == ["deployer.for_law_enforcement"]
    )
    assert (risk["overall_before"], risk["overall"]) == ("restricted", "prohibited")
    assert risk["changes"][0] == {
        "field": "deployer.for_law_enforcement",
        "label": "Operated for law enforcement",
        "kind": "fact",
        "from": False,
        "to": True,
        "from_words": "no",
        "to_words": "yes",
    }
    assert {"pack": ART_5_1_H[0], "rule": ART_5_1_H[1]}.items() <= risk["adds"][0].items()


def test_a_prohibited_verdict_has_no_risks_and_says_why():
    """Nothing is more severe than prohibited: no risks, and the words say so."""
    ev = core.evaluate(core.load_scenario(RETAILER, Q), PACKS)
    result = what_if(ev, PACKS)
    assert ev.overall is core.Verdict.PROHIBITED and result.more_severe == ()
    assert result.no_risk == "The verdict is already prohibited, the most severe."


def test_a_locked_design_choice_is_not_tried_for_risks_but_a_drifting_fact_is():
    """Locks say what will not change; drifting facts are tried even though they are locked."""
    ev = core.evaluate(_retailer_not_sharing(), PACKS, dt.date(2025, 6, 1))
    result = what_if(ev, PACKS, locked=default_locked(Q) | {"human_review"})
    fields = {c.field for r in result.more_severe for c in r.changes}
    assert "human_review" not in fields
    assert "deployer.for_law_enforcement" in fields


def test_the_empty_state_explains_the_conditions_that_remain_as_the_findings_state_them(capsys, tmp_path):
    """Acceptance: no change lowers a restricted verdict → the conditions to meet, in the findings' own words."""
    scenario = _retailer_not_sharing()
    ev = core.evaluate(scenario, PACKS, dt.date(2025, 6, 1))
    result = what_if(ev, PACKS, locked=default_locked(Q) | {"capabilities"})
    assert result.less_severe == () and result.overall is core.Verdict.RESTRICTED
    registration = ev.pack(REGISTRATION[0]).finding(REGISTRATION[1])
    assert registration is not None and registration.remedies
    required = {r.finding.key: r for r in result.requirements}
    assert REGISTRATION in required, "the Limited Access registration is a condition to meet"
    assert required[REGISTRATION].steps == registration.remedies
    assert result.remains.startswith("The verdict is allowed only under conditions (restricted)")
    assert "What remains is to meet these conditions: " in result.remains
    assert all(step.rstrip(".") in result.remains for step in registration.remedies)
    assert "nothing to change" not in result.remains
    path = tmp_path / "retail.scenario.yaml"
    core.save_scenario(scenario.replace(as_of=dt.date(2025, 6, 1)), path, Q)
    main(["evaluate", str(path), "--what-if", "--lock", "capabilities", "--format", "json"])
    data = json.loads(capsys.readouterr().out)["what_if"]
    assert data["less_severe"] == [] and data["what_remains"] == result.remains
    assert data["requirements"][0]["steps"] == list(registration.remedies)


def test_a_finding_no_option_removes_points_to_what_the_policy_itself_says():
    """With every design choice locked, the words repeat the finding's own remedies, never "nothing to change"."""
    ev = core.evaluate(core.load_scenario(examples_dir() / "gender-race-inference-images.scenario.yaml", Q), PACKS)
    result = what_if(ev, PACKS, locked=set(Q.fields))
    finding = result.findings[0]
    assert finding.options == () and finding.remedies
    assert all(remedy in result.remains for remedy in finding.remedies)
    text = " ".join(result.lines())
    assert all(remedy in text for remedy in finding.remedies)


def test_remedies_carry_verdicts_and_findings_as_fields():
    """The gender/race example: dropping the inferred attributes removes the finding → no prohibition found."""
    ev = core.evaluate(core.load_scenario(examples_dir() / "gender-race-inference-images.scenario.yaml", Q), PACKS)
    best = what_if(ev, PACKS).less_severe[0]
    assert best.fields == ("inferred_attributes",) and best.changes[0].new == ()
    assert (best.before, best.overall) == (core.Verdict.PROHIBITED, core.Verdict.NO_PROHIBITION_FOUND)
    assert [r.key for r in best.removed] == [("microsoft-azure-openai", "sensitive-attributes")]
    assert best.removed[0].before is core.Verdict.PROHIBITED and best.removed[0].after is None
    assert best.consequence == "no longer applies: “Inferring gender, race or specific age from images”"
    assert best.text == f"{best.summary} — {best.consequence}"


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(answers=answer_sets(), day=dates)
def test_every_risk_really_makes_the_verdict_more_severe_and_its_fields_tell_the_truth(answers, day):
    """Property: an applied risk gives its verdict (more severe, never undetermined); for risks and
    remedies alike, the findings named as removed, added and remaining are exactly those."""
    scenario = core.Scenario(answers=answers)
    ev = core.evaluate(scenario, PACKS, day)
    result = what_if(ev, PACKS)
    before = {(p.pack.id, f.rule): f.verdict for p in ev.packs for f in p.findings}
    for risk in result.more_severe:
        after_ev = core.evaluate(risk.apply(scenario), PACKS, day)
        after = {(p.pack.id, f.rule): f.verdict for p in after_ev.packs for f in p.findings}
        assert after_ev.overall is risk.overall is not core.Verdict.UNDETERMINED
        assert risk.before is ev.overall and risk.overall.severity > ev.overall.severity
        assert {r.key for r in risk.added} == set(after) - set(before)
        assert {r.key for r in risk.removed} == set(before) - set(after)
        assert all(after[r.key] is r.after for r in risk.added)
        assert all(c.field not in result.locked or c.field in DRIFT for c in risk.changes)
    for option in _all_options(result):
        assert not set(option.fields) & FACTS
        after_ev = core.evaluate(option.apply(scenario), PACKS, day)
        after = {(p.pack.id, f.rule): f.verdict for p in after_ev.packs for f in p.findings}
        assert (option.before, option.overall) == (ev.overall, after_ev.overall)
        assert {r.key for r in option.removed} == set(before) - set(after)
        assert {r.key for r in option.added} == set(after) - set(before)
        assert all(after[r.key] is r.after and before[r.key] is r.before for r in option.remaining)


def test_nothing_splits_what_if_text_to_recover_its_parts():
    """The window, the text output and the memo render from fields: no code splits on " — "."""
    offenders = [
        str(p.relative_to(ROOT))
        for folder in ("core", "gui")
        for p in sorted((ROOT / folder).rglob("*.py"))
        if re.search(r"""split\(\s*["'] — ["']""", p.read_text(encoding="utf-8"))
    ]
    assert offenders == []
