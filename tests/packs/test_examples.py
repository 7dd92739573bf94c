"""The bundled example scenarios give the verdicts the article and MODELLING-NOTES describe."""

from __future__ import annotations

import datetime as dt

import pytest

from core import Verdict, evaluate, load_scenario
from core.resources import examples_dir

NA, NP, PR, RE = "not_applicable", "no_prohibition_found", "prohibited", "restricted"
PACKS = ("microsoft-azure-openai", "microsoft-azure-ai-face", "eu-ai-act-article-5", "openai-usage-policies")

# example file → (overall, verdict per pack in PACKS order, findings that must be among the Azure OpenAI ones)
EXPECTED = {
    "body-cam-patrol-uk": (PR, (PR, NA, NA, NA)),
    "us-city-police-fixed-cctv": (PR, (PR, NA, NA, NA)),
    "post-event-identification-germany": (PR, (PR, RE, NP, NA)),
    "report-drafting-body-cam-audio": (NP, (NP, NA, NA, NA)),
    "gender-race-inference-images": (PR, (PR, NA, NA, NA)),
    "eu-retailer-live-face-matching": (PR, (NA, RE, PR, NA)),
}


def test_every_example_is_covered():
    """Each bundled example has its expected verdicts here."""
    assert {p.name.removesuffix(".scenario.yaml") for p in examples_dir().glob("*.scenario.yaml")} == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_example_verdicts(packs, name):
    """Overall and per-pack verdicts on the example's own date."""
    sc = load_scenario(examples_dir() / f"{name}.scenario.yaml", packs.questionnaire)
    ev = evaluate(sc, packs)
    overall, per_pack = EXPECTED[name]
    assert ev.overall.value == overall
    assert tuple(ev.pack(p).verdict.value for p in PACKS) == per_pack
    assert ev.questions == (), "examples are fully answered"


def _example(packs, name):
    return load_scenario(examples_dir() / f"{name}.scenario.yaml", packs.questionnaire)


def test_body_cam_cites_the_mobile_camera_clause_from_june_2024(packs):
    """A police force anywhere, live face matching on body cameras, June 2024: the mobile-camera clause."""
    ev = evaluate(_example(packs, "body-cam-patrol-uk"), packs)
    azure = ev.pack("microsoft-azure-openai")
    assert azure.finding("law-enforcement-mobile-real-time").verdict.value == PR
    assert "law enforcement globally" in azure.finding("law-enforcement-mobile-real-time").clauses[0].text


def test_body_cam_in_march_2024_is_prohibited_by_the_general_clause_only(packs):
    """March 2024: still prohibited, but the law-enforcement clauses were not yet in force."""
    ev = evaluate(_example(packs, "body-cam-patrol-uk"), packs, dt.date(2024, 3, 1))
    azure = ev.pack("microsoft-azure-openai")
    assert azure.version.id == "2023-01-16"
    assert [f.rule for f in azure.findings] == ["identify-or-verify"]
    assert "law-enforcement-mobile-real-time" in azure.later[0].added_clauses
    assert ("law-enforcement-mobile-real-time", Verdict.PROHIBITED) in azure.later[0].new_findings


def test_us_city_police_is_also_caught_by_the_us_police_clause(packs):
    """Under the US police clause as well, when the force is a US city police department."""
    ev = evaluate(_example(packs, "us-city-police-fixed-cctv"), packs)
    azure = ev.pack("microsoft-azure-openai")
    assert azure.finding("us-police-facial-recognition").verdict.value == PR
    assert azure.finding("law-enforcement-mobile-real-time") is None, "fixed cameras are not mobile"


def test_report_drafting_turns_on_human_oversight(packs):
    """Axon-style report drafting: no prohibition; without human review, human-oversight fires."""
    sc = _example(packs, "report-drafting-body-cam-audio")
    assert evaluate(sc, packs).overall.value == NP
    ev = evaluate(sc.with_answer("human_review", False), packs)
    assert [f.rule for f in ev.pack("microsoft-azure-openai").findings] == ["human-oversight"]


def test_gender_and_race_inference_is_prohibited_by_sensitive_attributes(packs):
    """Inferring gender or race from images with Azure OpenAI → sensitive-attributes."""
    ev = evaluate(_example(packs, "gender-race-inference-images"), packs)
    assert ev.pack("microsoft-azure-openai").finding("sensitive-attributes").verdict.value == PR
