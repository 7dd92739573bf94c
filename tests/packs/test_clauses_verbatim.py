"""Policy content is evidence: every quoted clause appears character for character in the sources."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import core

SOURCES = Path(__file__).resolve().parents[2] / "docs" / "sources"
SOURCE_FILES = (
    "policy-clauses.md",
    "techradar-2024-05-microsoft-police-facial-recognition.txt",
    "research-microsoft-primary.md",
    "research-eu-and-vendors.md",
)


def _normalised_sources() -> str:
    """The source texts with markdown formatting (bold, link targets) removed; words untouched."""
    text = "\n".join((SOURCES / name).read_text(encoding="utf-8") for name in SOURCE_FILES)
    text = text.replace("**", "")
    return re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", text)


SOURCE_TEXT = _normalised_sources()
CLAUSES = [
    (pack.id, version.id, clause)
    for pack in core.load_packs()
    for version in pack.versions
    for clause in version.clauses.values()
]


@pytest.mark.parametrize(("pack_id", "version_id", "clause"), CLAUSES, ids=[f"{p}/{v}/{c.id}" for p, v, c in CLAUSES])
def test_clause_is_quoted_verbatim(pack_id, version_id, clause):
    """Each line of the clause is found, unchanged and in order, in the compiled sources."""
    position = 0
    for line in clause.text.splitlines():
        found = SOURCE_TEXT.find(line, position)
        assert found >= 0, f"not found verbatim in docs/sources: {line!r}"
        position = found + len(line)


def test_sources_in_the_repository_match_the_shared_originals():
    """The vendored copies of the sources are the originals (when the originals are reachable)."""
    shared = Path(__file__).resolve().parents[3] / "shared" / "sources"
    if not shared.is_dir():
        pytest.skip("the shared sources are not present on this machine (CI clone)")
    for path in shared.iterdir():
        assert (SOURCES / path.name).read_bytes() == path.read_bytes(), path.name


def test_no_clause_is_marked_more_verified_than_its_source():
    """Press and third-party quotes are never labelled primary, archive or cross-checked."""
    press = ("WebProNews", "Mashable", "TechRadar", "A public GitHub repository")
    for pack_id, version_id, clause in CLAUSES:
        if clause.source.publisher.startswith(press):
            assert clause.status is core.VerificationStatus.SECONDARY, f"{pack_id}/{version_id}/{clause.id}"
