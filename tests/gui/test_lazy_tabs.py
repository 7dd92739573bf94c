"""The what-if and timeline tabs are computed when shown, and always show the current evaluation."""

from __future__ import annotations

from core.resources import examples_dir


def test_hidden_tabs_are_computed_only_when_shown(body_cam):
    """On the findings tab nothing is searched; showing a tab fills it for the scenario on screen."""
    results = body_cam.results
    assert results.currentIndex() == 0
    assert results.whatif.toPlainText() == "" and results.change_sets == []
    assert results.timeline_text.toPlainText() == ""
    results.setCurrentIndex(1)
    assert "Timing of processing" in results.whatif.toPlainText() and results.change_sets
    results.setCurrentIndex(2)
    assert results.chart.lanes and "Overall" in [title for title, _ in results.chart.lanes]
    assert results.timeline_text.toPlainText()


def test_a_shown_tab_follows_every_new_evaluation(window):
    """While the timeline tab is showing, opening another scenario redraws it at once."""
    window.results.setCurrentIndex(2)
    window.open_example(examples_dir() / "body-cam-patrol-uk.scenario.yaml")
    before = window.results.timeline_text.toPlainText()
    window.open_example(examples_dir() / "eu-retailer-live-face-matching.scenario.yaml")
    after = window.results.timeline_text.toPlainText()
    assert before and after and before != after
    assert "2025-02-02" in after
