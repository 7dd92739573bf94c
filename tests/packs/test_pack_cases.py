"""Every test case next to every pack, run by one generic test (policy knowledge as data).

A failure reads "file:line: case 'name': what differed", followed by the traces.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import core
from core.pack_loader import TESTS_SUFFIX
from core.pack_tests import PackTestCase, check_case, failure_report, load_pack_tests
from core.resources import packs_dir

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "tests" / "core" / "data"


def _collect() -> list[tuple[PackTestCase, str]]:
    out = []
    bundled = core.load_packs()
    for path in sorted(packs_dir().glob(f"*{TESTS_SUFFIX}")):
        out += [(case, "bundled") for case in load_pack_tests(path, bundled)]
    demo = core.PackSet(bundled.questionnaire, (core.load_pack(DEMO / "demo.pack.yaml", bundled.questionnaire),))
    out += [(case, "demo") for case in load_pack_tests(DEMO / "demo.tests.yaml", demo)]
    return out


CASES = _collect()


@pytest.mark.parametrize(("case", "which"), CASES, ids=[f"{c.pack_id}: {c.name}" for c, _ in CASES])
def test_pack_case(case: PackTestCase, which: str, packs, demo_packs):
    """The pack gives the expected verdicts, version, citations and questions."""
    pack_set = packs if which == "bundled" else demo_packs
    problems, evaluation = check_case(case, pack_set)
    if problems:
        pytest.fail(failure_report(case, problems, evaluation), pytrace=False)


def test_every_bundled_pack_has_test_cases(packs):
    """No pack ships without its test cases."""
    tested = {c.pack_id for c, which in CASES if which == "bundled"}
    assert tested == {p.id for p in packs}


def _one_fact_apart(a: PackTestCase, b: PackTestCase) -> bool:
    """Same date, answers that differ in exactly one field (changed, added or removed)."""
    if a.as_of != b.as_of:
        return False
    keys = set(a.scenario.answers) | set(b.scenario.answers)
    return sum(a.scenario.answers.get(k) != b.scenario.answers.get(k) for k in keys) == 1


def test_every_rule_has_a_triggering_a_just_missing_and_an_undetermined_case(packs):
    """Per rule: a case where it fires; one that just misses it (one fact changed); one where it is
    undetermined (the deciding fact unanswered, one fact away from a case where it fires)."""
    for pack in packs:
        cases = [c for c, which in CASES if which == "bundled" and c.pack_id == pack.id]
        for rule_id in {r.id for r in pack.rules}:
            fired = [c for c in cases if c.rules.get(rule_id) not in (None, core.Verdict.UNDETERMINED)]
            undetermined = [c for c in cases if c.rules.get(rule_id) is core.Verdict.UNDETERMINED]
            missed = [c for c in cases if rule_id not in c.rules and c.verdict is not core.Verdict.NOT_APPLICABLE]
            near_miss = [m for m in missed if any(_one_fact_apart(m, f) for f in fired)]
            near_open = [u for u in undetermined if any(_one_fact_apart(u, f) for f in fired)]
            where = f"{pack.id}/{rule_id}"
            assert fired, f"{where}: no case triggers it"
            assert near_miss, f"{where}: no case misses it by one fact"
            assert near_open, f"{where}: no case leaves its deciding fact unanswered"


@pytest.mark.parametrize(
    ("pack_id", "boundary"),
    [
        ("microsoft-azure-ai-face", "2022-06-21"),
        ("microsoft-azure-openai", "2024-05-01"),
        ("microsoft-azure-openai", "2025-04-16"),
        ("openai-usage-policies", "2025-01-29"),
        ("eu-ai-act-article-5", "2025-02-02"),
        ("eu-ai-act-article-5", "2026-12-02"),
        ("openai-usage-policies", "2025-10-29"),
        ("eu-ai-act-high-risk-biometrics", "2026-08-02"),
        ("eu-ai-act-high-risk-biometrics", "2027-12-02"),
        ("anthropic-usage-policy", "2026-11-12"),
        ("aws-rekognition-responsible-ai", "2020-06-10"),
        ("aws-rekognition-responsible-ai", "2023-09-28"),
        ("illinois-bipa", "2008-10-03"),
        ("gdpr-article-9", "2018-05-25"),
    ],
)
def test_version_boundaries_are_tested_on_both_sides(pack_id, boundary):
    """The day before and the day of each version change both have a case."""
    import datetime as dt

    day = dt.date.fromisoformat(boundary)
    dates = {c.as_of for c, _ in CASES if c.pack_id == pack_id}
    assert day in dates and day - dt.timedelta(days=1) in dates


def test_the_runner_reports_a_wrong_expectation(packs):
    """The generic runner can fail: a case expecting the wrong verdict is reported with its trace."""
    case, _ = next((c, w) for c, w in CASES if w == "bundled" and c.rules)
    import dataclasses

    wrong = dataclasses.replace(case, verdict=core.Verdict.RESTRICTED, rules={})
    problems, ev = check_case(wrong, packs)
    assert problems
    report = failure_report(wrong, problems, ev)
    assert case.where in report and "expected restricted" in report and "[yes]" in report
