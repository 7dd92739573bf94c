"""Where the publisher's own text exists, the packs quote it: primary wording for the findings that matter."""

from __future__ import annotations

import datetime as dt
import re

import core

POLICE = re.compile(r"police|law enforcement", re.IGNORECASE)


def test_every_face_clause_about_police_or_law_enforcement_is_primary(packs):
    """Acceptance of issue 13: the Face pack's police and law-enforcement clauses are Microsoft's own words."""
    pack = packs.get("microsoft-azure-ai-face")
    police = [(v.id, c) for v in pack.versions for c in v.clauses.values() if POLICE.search(c.text)]
    assert len(police) >= 5
    for vid, clause in police:
        assert clause.status is core.VerificationStatus.PRIMARY, f"{vid}/{clause.id}"
        assert clause.source.publisher == "Microsoft"
        assert "commit" in clause.source.obtained_from, f"{vid}/{clause.id}: no commit recorded"


def test_face_identification_rests_on_microsofts_own_words_from_april_2025(packs):
    """From 2025-04-16 the Azure OpenAI face-identification finding cites the primary Transparency Note first."""
    scenario = core.parse_scenario(
        "clausewise: scenario/1\nanswers:\n  deployer.kind: private_company\n  deployer.for_law_enforcement: false\n"
        "  service: [azure_openai]\n  capabilities: [face_verification]\n",
        "inline.scenario.yaml",
        packs.questionnaire,
    )
    before = core.evaluate(scenario, packs, dt.date(2025, 4, 15)).pack("microsoft-azure-openai")
    after = core.evaluate(scenario, packs, dt.date(2025, 4, 16)).pack("microsoft-azure-openai")
    assert {c.status for c in before.finding("identify-or-verify").clauses} == {core.VerificationStatus.SECONDARY}
    first = after.finding("identify-or-verify").clauses[0]
    assert first.status is core.VerificationStatus.PRIMARY
    assert first.text.startswith("Do not use for tracking or facial recognition, identification, or verification")
