"""The bundled example scenarios give the verdicts the article and MODELLING-NOTES describe."""

from __future__ import annotations

import datetime as dt

import pytest

from core import Verdict, evaluate, load_scenario
from core.resources import examples_dir

NA, NP, PR, RE = "not_applicable", "no_prohibition_found", "prohibited", "restricted"
PACKS = (
    "microsoft-azure-openai",
    "microsoft-azure-ai-face",
    "eu-ai-act-article-5",
    "eu-ai-act-high-risk-biometrics",
    "openai-usage-policies",
    "anthropic-usage-policy",
    "aws-rekognition-responsible-ai",
    "illinois-bipa",
    "gdpr-article-9",
)
UN = "unclear"

# example file → (overall, verdict per pack in PACKS order)
EXPECTED = {
    "body-cam-patrol-uk": (PR, (PR, NA, NA, NA, NA, NA, NA, NA, NA)),
    "us-city-police-fixed-cctv": (PR, (PR, NA, NA, NA, NA, NA, NA, NA, NA)),
    "post-event-identification-germany": (PR, (PR, RE, NP, NA, NA, NA, NA, NA, NA)),
    "report-drafting-body-cam-audio": (NP, (NP, NA, NA, NA, NA, NA, NA, NA, NA)),
    "gender-race-inference-images": (PR, (PR, NA, NA, NA, NA, NA, NA, NA, NA)),
    "eu-retailer-live-face-matching": (PR, (NA, RE, PR, NA, NA, NA, NA, NA, PR)),
    "illinois-supermarket-live-face-matching": (PR, (NA, NA, NA, NA, NA, NA, UN, PR, NA)),
    "post-event-identification-germany-2028": (RE, (NA, RE, NP, RE, NA, NA, NA, NA, NA)),
    "police-lead-triage-claude": (PR, (NA, NA, NA, NA, NA, PR, NA, NA, NA)),
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


def test_illinois_supermarket_is_prohibited_by_bipa_in_its_own_words(packs):
    """Live face matching of shoppers in Illinois without signed releases: BIPA 15(b) and 15(a), quoted."""
    ev = evaluate(_example(packs, "illinois-supermarket-live-face-matching"), packs)
    bipa = ev.pack("illinois-bipa")
    release = bipa.finding("written-notice-and-release")
    assert release.verdict.value == PR
    assert "(3) receives a written release executed by the subject" in release.clauses[0].text
    assert release.clauses[0].status.value == "cross_checked"
    assert bipa.finding("retention-policy").verdict.value == PR
    assert bipa.finding("disclosure").verdict.value == UN
    aws = ev.pack("aws-rekognition-responsible-ai")
    privacy = aws.finding("unlawful-tracking-or-identification")
    assert "unlawful tracking, monitoring, and identification" in privacy.clauses[0].text
    assert privacy.clauses[0].status.value == "primary"


def test_german_post_event_identification_lists_the_conditions_of_article_26_10(packs):
    """German police, post-event identification, 2028: allowed under the conditions of Art. 26(10), quoted."""
    ev = evaluate(_example(packs, "post-event-identification-germany-2028"), packs)
    high_risk = ev.pack("eu-ai-act-high-risk-biometrics")
    assert high_risk.version.id == "2027-12-02"
    authorisation = high_risk.finding("post-remote-identification-authorisation")
    assert authorisation.verdict.value == RE
    assert authorisation.clauses[0].text.startswith("10. Without prejudice to Directive (EU) 2016/680")
    assert "no later than 48 hours" in authorisation.explanation
    assert any("48 hours" in note for note in authorisation.notes), "no authorisation yet: the note says so"
    two_persons = high_risk.finding("remote-identification-high-risk")
    assert any("at least two natural persons" in c.text for c in two_persons.clauses)


def test_german_post_event_identification_before_december_2027_has_no_high_risk_finding(packs):
    """As amended by Regulation (EU) 2026/1744, the Annex III obligations apply only from 2 December 2027."""
    ev = evaluate(_example(packs, "post-event-identification-germany-2028"), packs, dt.date(2027, 12, 1))
    assert ev.pack("eu-ai-act-high-risk-biometrics").findings == ()


def test_police_lead_triage_with_claude_is_prohibited_from_november_2026(packs):
    """Anthropic's policy of 12 November 2026 forbids suggesting law-enforcement decisions; the 2025 one did not."""
    sc = _example(packs, "police-lead-triage-claude")
    assert evaluate(sc, packs).pack("anthropic-usage-policy").finding("law-enforcement-decisions").verdict.value == PR
    assert evaluate(sc, packs, dt.date(2026, 11, 11)).pack("anthropic-usage-policy").findings == ()


def test_what_if_never_suggests_moving_the_supermarket_out_of_illinois(packs):
    """The US state of use is a fact about where, locked like the countries: no 'Alabama instead of Illinois'."""
    from core import what_if

    ev = evaluate(_example(packs, "illinois-supermarket-live-face-matching"), packs)
    result = what_if(ev, packs)
    options = [*result.less_severe, *(o for f in result.findings for o in f.options)]
    assert options, "the search finds other ways out (written releases, a public policy)"
    assert all(c.field != "deployment.us_states" for o in options for c in o.changes)
