"""Scenario files: strict loading, stable and atomic saving, YAML pitfalls."""

from __future__ import annotations

import datetime as dt
import os

import pytest

from core import Scenario, ScenarioError, load_scenario, parse_scenario, save_scenario, scenario_to_yaml
from core.resources import example_paths

BODY_CAM = """\
clausewise: scenario/1
title: Body-worn camera face matching on patrol
as_of: 2024-06-01
answers:
  deployer.kind: law_enforcement
  deployer.country: GB
  law_enforcement.level: non_us_regional
  service: [azure_openai]
  capabilities: [face_identification]
  processing.timing: real_time
  camera.platforms: [dash_mounted, body_worn]
  environment: uncontrolled_public
notes: Vendor proposal 2024-117, section 3.
"""


def test_the_design_example_loads(questionnaire):
    """The example of DESIGN §2 is a valid scenario with the values it states."""
    sc = parse_scenario(BODY_CAM, "body-cam.scenario.yaml", questionnaire)
    assert sc.title == "Body-worn camera face matching on patrol"
    assert sc.as_of == dt.date(2024, 6, 1)
    assert sc.answers["camera.platforms"] == ("body_worn", "dash_mounted")
    assert sc.answers["deployer.country"] == "GB"
    assert sc.notes == "Vendor proposal 2024-117, section 3."


def test_load_save_load_round_trips_with_stable_order(questionnaire, tmp_path):
    """Saving writes answers in questionnaire order, so a second save is byte-identical."""
    sc = parse_scenario(BODY_CAM, "x", questionnaire)
    path = tmp_path / "a.scenario.yaml"
    save_scenario(sc, path, questionnaire)
    first = path.read_bytes()
    again = load_scenario(path, questionnaire)
    assert again == sc
    save_scenario(again, path, questionnaire)
    assert path.read_bytes() == first
    keys = [line.split(":")[0].strip() for line in first.decode().splitlines() if line.startswith("  ")]
    assert keys == [f for f in questionnaire.fields if f in sc.answers]


@pytest.mark.parametrize("path", example_paths(), ids=lambda p: p.name)
def test_bundled_examples_are_saved_in_the_canonical_layout(questionnaire, path):
    """The example files diff cleanly: saving them changes nothing."""
    sc = load_scenario(path, questionnaire)
    assert scenario_to_yaml(sc, questionnaire) == path.read_text(encoding="utf-8")


def test_null_is_the_same_as_unanswered(questionnaire):
    """An explicit null answer is dropped, exactly like an absent one."""
    sc = parse_scenario("clausewise: scenario/1\nanswers:\n  environment: null\n  service: ~\n", "x", questionnaire)
    assert dict(sc.answers) == {}


def test_unquoted_no_is_read_as_norway_and_written_quoted(questionnaire):
    """YAML 1.1 reads NO as false; the loader knows the text said NO, and the writer quotes it."""
    sc = parse_scenario("clausewise: scenario/1\nanswers:\n  deployer.country: NO\n", "x", questionnaire)
    assert sc.answers["deployer.country"] == "NO"
    text = scenario_to_yaml(sc, questionnaire)
    assert "deployer.country: 'NO'" in text
    assert parse_scenario(text, "x", questionnaire) == sc


def test_false_is_never_silently_turned_into_a_country(questionnaire):
    """An unquoted false (or off) is rejected with a hint to quote the code."""
    with pytest.raises(ScenarioError) as err:
        parse_scenario("clausewise: scenario/1\nanswers:\n  deployment.countries: [FR, off]\n", "x.yaml", questionnaire)
    assert err.value.key == "answers.deployment.countries[1]"
    assert err.value.line == 3
    assert "quotes" in err.value.message


def test_unicode_and_multiline_text_survive_a_round_trip(questionnaire, tmp_path):
    """Titles in any script and multi-line notes come back exactly."""
    sc = Scenario(title="Αναγνώριση προσώπων — التعرف على الوجه — 人脸识别", notes="line one\nline two: «quoted»")
    path = tmp_path / "u.scenario.yaml"
    save_scenario(sc, path, questionnaire)
    assert load_scenario(path, questionnaire) == sc


def test_with_answer_replaces_and_removes(questionnaire):
    """Scenario is immutable; with_answer returns a changed copy."""
    sc = Scenario().with_answer("service", ["azure_openai"])
    assert sc.answers["service"] == ("azure_openai",)
    assert "service" not in sc.with_answer("service", None).answers
    assert Scenario().answers == {}


def test_saving_is_atomic_and_a_failed_save_keeps_the_old_file(questionnaire, tmp_path, monkeypatch):
    """If the final rename fails, the previous file is intact and no temporary file is left."""
    path = tmp_path / "keep.scenario.yaml"
    save_scenario(Scenario(title="old"), path, questionnaire)
    before = path.read_bytes()

    def broken_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(Exception, match="No space left"):
        save_scenario(Scenario(title="new"), path, questionnaire)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["keep.scenario.yaml"]


def test_answers_built_in_code_are_checked_when_evaluated(questionnaire, packs):
    """A string where a list belongs, or a misspelt option, is an error — never another answer."""
    import core

    for answers, fragment in (
        ({"service": "azure_openai"}, "service"),
        ({"deployer.kind": "law_enforcment"}, "deployer.kind"),
        ({"processing.timing": ["real_time"]}, "processing.timing"),
        ({"no.such.field": True}, "unknown field"),
    ):
        with pytest.raises(ScenarioError) as err:
            core.evaluate(Scenario(answers=answers), packs)
        assert fragment in str(err.value)


def test_lower_case_no_is_not_norway(questionnaire):
    """Only the text NO is read as Norway; a lower-case no is rejected like 'gb'."""
    with pytest.raises(ScenarioError, match="quotes"):
        parse_scenario("clausewise: scenario/1\nanswers:\n  deployer.country: no\n", "x", questionnaire)
