"""The findings panel shows the evidence level of every verdict and a badge on every quote."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6")

import core

PRESS = "on wording reported by the press, not yet checked against Microsoft's text"


def flat(text: str) -> str:
    """Whitespace (including no-break spaces) collapsed."""
    return " ".join(text.replace("\u00a0", " ").split())


def test_body_cam_verdicts_carry_press_evidence_and_quotes_a_press_badge(body_cam):
    """Overall, policy and finding verdicts each say they rest on press wording; each quote is badged "press"."""
    text = flat(body_cam.findings.toPlainText())
    assert f"{PRESS[0].upper()}{PRESS[1:]}." in text, "the overall verdict's evidence, next to it"
    assert text.count(f"PROHIBITED — {PRESS}") >= 1 + 3, "the policy and its three findings"
    assert text.count("press Microsoft, “Code of conduct") == 4, "four quotes, each with its badge"


def test_eu_retailer_quotes_are_badged_by_their_own_status(window):
    """Primary and cross-checked quotes look different: each carries its own badge."""
    window.open_example(core.resources_dir() / "examples" / "eu-retailer-live-face-matching.scenario.yaml")
    text = flat(window.findings.toPlainText())
    assert "primary Microsoft" in text
    assert "cross-checked European Union" in text
    assert "on wording matched across independent copies, not yet checked against the European Union's text" in text


def test_a_later_version_names_its_clauses_in_words_not_ids(body_cam, qtbot):
    """As of 2024-03-01 the window says what the later Microsoft version adds by the clauses' words and
    section, never by internal clause id."""
    import datetime as dt

    from tests.gui.conftest import settle

    body_cam.session.edit_as_of(dt.date(2024, 3, 1))
    settle(qtbot, body_cam)
    text = flat(body_cam.findings.toPlainText())
    assert "Not yet in force on the evaluation date: version 2024-05-01" in text
    assert "“be used for any real-time facial recognition technology…” (Integrations with Azure OpenAI" in text
    assert "law-enforcement-mobile-real-time" not in text
