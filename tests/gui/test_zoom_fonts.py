"""Zoom reaches every widget although the window starts without a style sheet of its own."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication


def test_zoom_in_and_back_resizes_labels_inputs_and_findings(qtbot, window):
    """At 200 % the question, help, input, verdict and findings double; back at 100 % they return."""
    row = next(iter(window.form.rows.values()))
    base = QApplication.font().pointSizeF()
    assert window.styleSheet() == "", "at 100 % the window adds no second styling pass"

    def sizes() -> set[float]:
        widgets = (row.question, row.help, row.input, window.verdict_label)
        return {w.font().pointSizeF() for w in widgets} | {window.findings.document().defaultFont().pointSizeF()}

    assert sizes() == {base}
    window.apply_zoom(2.0)
    qtbot.wait(10)
    assert sizes() == {2 * base}
    assert row.question.font().bold(), "the question stays bold at every size"
    window.apply_zoom(1.0)
    qtbot.wait(10)
    assert sizes() == {base}
