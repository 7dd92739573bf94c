"""Every verdict label in the text and JSON output carries the evidence it rests on."""

from __future__ import annotations

import json

import core
from core.evidence import finding_evidence, overall_evidence, verdict_evidence
from core.resources import examples_dir

PACKS = core.load_packs()
BODY_CAM = examples_dir() / "body-cam-patrol-uk.scenario.yaml"
EU_RETAILER = examples_dir() / "eu-retailer-live-face-matching.scenario.yaml"
PRESS = "on wording reported by the press, not yet checked against Microsoft's text"


def _evaluate(path):
    return core.evaluate(core.load_scenario(path, PACKS.questionnaire), PACKS)


def test_a_finding_rests_on_its_weakest_quote_and_a_verdict_on_its_strongest_finding():
    """EU retailer: Article 5(1)(h) quotes two cross-checked clauses; the restricted finding is primary."""
    ev = _evaluate(EU_RETAILER)
    prohibited = next(f for f in ev.findings if f.verdict is core.Verdict.PROHIBITED)
    assert finding_evidence(prohibited) is core.VerificationStatus.CROSS_CHECKED
    assert overall_evidence(ev) is core.VerificationStatus.CROSS_CHECKED
    assert verdict_evidence(ev.findings, core.Verdict.RESTRICTED) is core.VerificationStatus.PRIMARY
    assert verdict_evidence(ev.findings, core.Verdict.NOT_APPLICABLE) is None


def test_text_output_labels_verdicts_with_evidence_and_badges_quotes():
    """Overall, policy and finding lines say "on wording reported by the press"; quotes say [press]."""
    text = " ".join(core.evaluation_to_text(_evaluate(BODY_CAM), PACKS).split())
    assert f"Overall: [X] PROHIBITED — {PRESS}." in text
    assert f"Verdict: [X] PROHIBITED — {PRESS}" in text
    assert text.count(f"[X] PROHIBITED — {PRESS}: ") == 3
    assert text.count("[press]:") == 4


def test_json_output_has_evidence_and_labels_at_every_level():
    """overall_evidence/overall_label, and evidence/verdict_label on packs and findings; null when not wording."""
    doc = json.loads(core.evaluation_to_json(_evaluate(BODY_CAM), PACKS))
    assert doc["overall_evidence"] == "secondary" and doc["overall_label"] == f"PROHIBITED — {PRESS}"
    pack = doc["packs"]["microsoft-azure-openai"]
    assert pack["evidence"] == "secondary" and pack["verdict_label"] == f"PROHIBITED — {PRESS}"
    assert all(f["evidence"] == "secondary" for f in pack["findings"])
    face = doc["packs"]["microsoft-azure-ai-face"]
    assert face["evidence"] is None and face["verdict_label"] == "NOT APPLICABLE"
