"""The bundled packs encode MODELLING-NOTES.md: its pack ids, versions, rule ids and verdicts."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

NOTES = Path(__file__).resolve().parents[2] / "docs" / "sources" / "MODELLING-NOTES.md"
NEW_NOTES = NOTES.with_name("READING-NEW-PACKS.md")

# Rule id → (verdicts its rows produce, versions it belongs to), as the tables of MODELLING-NOTES say.
EXPECTED = {
    "microsoft-azure-openai": {
        "versions": {
            "2023-01-16": ("2023-01-16", "2024-04-30"),
            "2024-05-01": ("2024-05-01", "2025-04-15"),
            "2025-04-16": ("2025-04-16", None),
        },
        "rules": {
            "identify-or-verify": ({"prohibited"}, {"2023-01-16", "2024-05-01", "2025-04-16"}),
            "human-oversight": ({"prohibited"}, {"2023-01-16", "2024-05-01", "2025-04-16"}),
            "sensitive-inference-consent": ({"prohibited", "restricted"}, {"2023-01-16", "2024-05-01", "2025-04-16"}),
            "us-police-facial-recognition": ({"prohibited", "unclear"}, {"2024-05-01", "2025-04-16"}),
            "law-enforcement-mobile-real-time": ({"prohibited", "unclear"}, {"2024-05-01", "2025-04-16"}),
            "surveillance-without-consent": ({"prohibited"}, {"2024-05-01", "2025-04-16"}),
            "sensitive-attributes": ({"prohibited"}, {"2024-05-01", "2025-04-16"}),
        },
    },
    "microsoft-azure-ai-face": {
        "versions": {"2020-06-11": ("2020-06-11", "2022-06-20"), "2022-06-21": ("2022-06-21", None)},
        "rules": {
            "us-police": ({"prohibited", "unclear"}, {"2020-06-11", "2022-06-21"}),
            "law-enforcement-mobile-real-time": ({"prohibited", "unclear"}, {"2022-06-21"}),
            "retired-attribute-inference": ({"prohibited", "restricted"}, {"2022-06-21"}),
            "ongoing-surveillance": ({"unclear"}, {"2022-06-21"}),
            "human-oversight": ({"prohibited"}, {"2022-06-21"}),
            "limited-access-registration": ({"restricted"}, {"2022-06-21"}),
            "law-enforcement-approved-use": ({"restricted"}, {"2022-06-21"}),
        },
    },
    "eu-ai-act-article-5": {
        "versions": {"2025-02-02": ("2025-02-02", "2026-12-01"), "2026-12-02": ("2026-12-02", None)},
        "rules": {
            "art-5-1-h": ({"prohibited", "restricted"}, {"2025-02-02", "2026-12-02"}),
            "art-5-1-g": ({"prohibited", "unclear"}, {"2025-02-02", "2026-12-02"}),
            "art-5-1-f": ({"prohibited", "restricted"}, {"2025-02-02", "2026-12-02"}),
            "art-5-1-e": ({"prohibited"}, {"2025-02-02", "2026-12-02"}),
            "art-5-1-d": ({"prohibited", "unclear"}, {"2025-02-02", "2026-12-02"}),
        },
    },
    "eu-ai-act-high-risk-biometrics": {
        "versions": {"2026-08-02": ("2026-08-02", "2027-12-01"), "2027-12-02": ("2027-12-02", None)},
        "rules": {
            "remote-identification-high-risk": ({"restricted"}, {"2027-12-02"}),
            "post-remote-identification-authorisation": ({"restricted", "unclear"}, {"2027-12-02"}),
            "categorisation-or-emotion-high-risk": ({"restricted"}, {"2027-12-02"}),
            "inform-exposed-persons": ({"restricted", "unclear"}, {"2026-08-02", "2027-12-02"}),
        },
    },
    "openai-usage-policies": {
        "versions": {
            "2024-01-10": ("2024-01-10", "2025-01-28"),
            "2025-01-29": ("2025-01-29", "2025-10-28"),
            "2025-10-29": ("2025-10-29", None),
        },
        "rules": {
            "biometric-identification": ({"prohibited"}, {"2024-01-10", "2025-01-29"}),
            "high-stakes-automated-decisions": ({"prohibited"}, {"2024-01-10", "2025-01-29", "2025-10-29"}),
            "face-database-without-consent": ({"prohibited"}, {"2025-01-29", "2025-10-29"}),
            "real-time-remote-biometric-id": ({"prohibited"}, {"2025-01-29", "2025-10-29"}),
            "emotion-at-work-or-school": ({"prohibited"}, {"2025-01-29", "2025-10-29"}),
            "biometric-categorisation": ({"prohibited"}, {"2025-01-29", "2025-10-29"}),
            "criminality-prediction": ({"prohibited"}, {"2025-01-29", "2025-10-29"}),
        },
    },
    "anthropic-usage-policy": {
        "versions": {"2025-09-15": ("2025-09-15", "2026-11-11"), "2026-11-12": ("2026-11-12", None)},
        "rules": {
            "tracking-without-consent": ({"prohibited"}, {"2025-09-15", "2026-11-12"}),
            "law-enforcement-decisions": ({"prohibited"}, {"2026-11-12"}),
            "emotion-recognition": ({"prohibited", "restricted"}, {"2025-09-15", "2026-11-12"}),
            "biometric-categorisation": ({"prohibited"}, {"2025-09-15", "2026-11-12"}),
        },
    },
    "aws-rekognition-responsible-ai": {
        "versions": {"2020-06-10": ("2020-06-10", "2023-09-27"), "2023-09-28": ("2023-09-28", None)},
        "rules": {
            "police-face-comparison-moratorium": ({"prohibited", "unclear"}, {"2020-06-10", "2023-09-28"}),
            "public-safety-requirements": ({"restricted"}, {"2023-09-28"}),
            "unlawful-tracking-or-identification": ({"unclear"}, {"2023-09-28"}),
            "consequential-decisions": ({"restricted"}, {"2023-09-28"}),
        },
    },
    "illinois-bipa": {
        "versions": {"2008-10-03": ("2008-10-03", None)},
        "rules": {
            "written-notice-and-release": ({"prohibited", "unclear"}, {"2008-10-03"}),
            "retention-policy": ({"prohibited", "restricted"}, {"2008-10-03"}),
            "no-sale-or-profit": ({"prohibited"}, {"2008-10-03"}),
            "disclosure": ({"unclear"}, {"2008-10-03"}),
        },
    },
    "gdpr-article-9": {
        "versions": {"2018-05-25": ("2018-05-25", None)},
        "rules": {
            "biometric-identification": ({"prohibited", "restricted"}, {"2018-05-25"}),
            "special-category-inference": ({"prohibited", "restricted"}, {"2018-05-25"}),
        },
    },
}


NEW_PACKS = (
    "eu-ai-act-high-risk-biometrics",
    "anthropic-usage-policy",
    "aws-rekognition-responsible-ai",
    "illinois-bipa",
    "gdpr-article-9",
)


def test_the_bundled_packs_are_those_of_the_notes(packs):
    """Pack ids as in MODELLING-NOTES and READING-NEW-PACKS, in the order the product shows them."""
    assert [p.id for p in packs] == list(EXPECTED)


@pytest.mark.parametrize("pack_id", list(EXPECTED))
def test_versions_and_dates(packs, pack_id):
    """Version ids and the days each is in force."""
    pack = packs.get(pack_id)
    got = {
        v.id: (v.effective_from.isoformat(), v.effective_to.isoformat() if v.effective_to else None)
        for v in pack.versions
    }
    assert got == EXPECTED[pack_id]["versions"]


@pytest.mark.parametrize("pack_id", list(EXPECTED))
def test_rules_and_their_verdicts(packs, pack_id):
    """Every rule id exists in the stated versions with the stated verdicts — and no other rule."""
    pack = packs.get(pack_id)
    got: dict[str, tuple[set[str], set[str]]] = {}
    for rule in pack.rules:
        verdicts, versions = got.setdefault(rule.id, (set(), set()))
        verdicts.update(c.verdict.value for c in rule.cases)
        versions.update(rule.versions)
    assert got == EXPECTED[pack_id]["rules"]


def test_every_rule_id_in_the_notes_tables_is_encoded(packs):
    """Parse the notes themselves: each backticked rule id in a rule table exists in its pack, and
    every pack's rules are all in a table."""
    current = None
    found: dict[str, set[str]] = {}
    in_rule_table = False
    text = NOTES.read_text(encoding="utf-8") + "\n" + NEW_NOTES.read_text(encoding="utf-8")
    for line in text.splitlines():
        m = re.match(r"#{2,3} (?:Pack \d+ — )?`([^`]+)`", line)
        if m or line.startswith("#"):
            current = m.group(1) if m else None
            continue
        if line.startswith("| rule |"):
            in_rule_table = True
            continue
        if not line.startswith("|"):
            in_rule_table = False
            continue
        cell = re.match(r"\| `([a-z0-9-]+)` \|", line)
        if in_rule_table and current and cell:
            found.setdefault(current, set()).add(cell.group(1))
    assert set(found) == set(EXPECTED)
    for pack_id, rule_ids in found.items():
        assert rule_ids <= {r.id for r in packs.get(pack_id).rules}, pack_id
    for pack_id in NEW_PACKS:
        assert found[pack_id] == {r.id for r in packs.get(pack_id).rules}, pack_id


def test_eu_pack_is_not_yet_in_force_before_2025_02_02(packs):
    """Article 113(a): Chapter II applies from 2 February 2025."""
    assert packs.get("eu-ai-act-article-5").version_on(dt.date(2025, 2, 1)) is None
