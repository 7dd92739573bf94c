"""The window's timeline words and verification headline take their parts from core's structured values
and its one verdict presentation table (no string positions, no colours of their own)."""

from __future__ import annotations

import core
from gui.dialogs import VerificationDialog, verification_look
from tests.gui.fake_view import EU_RETAILER


def test_the_timeline_in_words_starts_with_the_overall_line_then_names_sections(packs):
    """Title and overall verdicts from Timeline.heading(); each pack's changes name clauses by their
    words and section."""
    scenario = core.load_scenario(EU_RETAILER, packs.questionnaire)
    line = core.timeline(scenario, packs)
    words = line.lines()
    assert words[:2] == line.heading()
    assert words[1] == "  Overall: not applicable until 2018-05-24; prohibited from 2018-05-25"
    assert any(
        "now cited: “1. The following AI practices shall be prohibited:” (Article 5(1)), “(h)" in w for w in words[2:]
    )


def _html(qtbot, report) -> str:
    dialog = VerificationDialog(None, report)
    qtbot.addWidget(dialog)
    return dialog.browser.toHtml().lower()


def test_verification_headlines_use_the_verdict_colours_and_marks(qtbot, packs, tmp_path):
    """Verified: the green ✔ of "no prohibition found"; untrusted signer: the amber ⚠ of "unclear"; broken: red ✖."""
    evaluation = core.evaluate(core.load_scenario(EU_RETAILER, packs.questionnaire), packs)
    trusted, untrusted, broken = tmp_path / "t.pdf", tmp_path / "u.pdf", tmp_path / "b.pdf"
    core.export_signed_memo(evaluation, packs, trusted, core.create_identity("Jane Doe", passphrase=None))
    core.export_signed_memo(evaluation, packs, untrusted, core.ephemeral_identity("Someone Else"))
    broken.write_bytes(trusted.read_bytes()[:-4000])
    expected = {
        trusted: core.Verdict.NO_PROHIBITION_FOUND,
        untrusted: core.Verdict.UNCLEAR,
        broken: core.Verdict.PROHIBITED,
    }
    for path, verdict in expected.items():
        report = core.verify_memo(path)
        assert verification_look(report) is verdict, path.name
        html = _html(qtbot, report)
        assert verdict.colour.lower() in html and verdict.mark in html, path.name
