"""`clausewise packs diff` works across the versions added for issue 13 and shows what changed."""

from __future__ import annotations

import pytest

from core.cli.main import main
from core.pack_diff import diff_versions

DIFFS = [
    ("microsoft-azure-openai", "2024-05-01", "2025-04-16", "transparency-note-no-face-identification"),
    ("eu-ai-act-article-5", "2025-02-02", "2026-12-02", "art-5-1-ba"),
    ("eu-ai-act-high-risk-biometrics", "2026-08-02", "2027-12-02", "art-26-10"),
    ("anthropic-usage-policy", "2025-09-15", "2026-11-12", "law-enforcement-decisions"),
    ("aws-rekognition-responsible-ai", "2020-06-10", "2023-09-28", "public-safety-law-enforcement"),
]


@pytest.mark.parametrize(("pack_id", "old", "new", "added"), DIFFS)
def test_new_versions_diff_with_the_added_clause(packs, capsys, pack_id, old, new, added):
    """The diff lists the clause the new version adds, on the command line too."""
    diff = diff_versions(packs.get(pack_id), old, new)
    assert added in {c.id for c in diff.added}
    assert main(["packs", "diff", pack_id, old, new]) == 0
    assert f"[{added}]" in capsys.readouterr().out


def test_reworded_clauses_show_a_word_level_diff(packs):
    """Anthropic's November 2026 rewording of the facial-recognition bullet and the amended Art. 113(a)."""
    anthropic = diff_versions(packs.get("anthropic-usage-policy"), "2025-09-15", "2026-11-12")
    tracking = next(c for c in anthropic.changed if c.new.id == "tracking-facial-recognition")
    assert "{+" in tracking.word_diff and "facial recognition" in tracking.new.text
    eu = diff_versions(packs.get("eu-ai-act-article-5"), "2025-02-02", "2026-12-02")
    art_113 = next(c for c in eu.changed if c.new.id == "art-113")
    assert "{+2025, with the exception of Article 5(1)" in art_113.word_diff
