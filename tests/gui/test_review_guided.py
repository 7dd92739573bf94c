"""Guided mode: a first-time user builds the retail case with the keyboard, without leaving it."""

from __future__ import annotations

from PySide6.QtCore import Qt, QUrl
from PySide6.QtWidgets import QApplication

import core
from core.resources import examples_dir
from tests.gui.conftest import settle

RETAIL = examples_dir() / "eu-retailer-live-face-matching.scenario.yaml"


def answer_by_keyboard(qtbot, field: core.Field, widget, value) -> None:
    """Give one answer the way a keyboard user does, whatever the input's kind."""
    if field.type is core.FieldType.CHOICE:
        combo = widget.combo
        combo.setFocus()
        index = combo.findData(value)
        while combo.currentIndex() != index:
            qtbot.keyClick(combo, Qt.Key.Key_Down if combo.currentIndex() < index else Qt.Key.Key_Up)
    elif field.type is core.FieldType.BOOLEAN:
        widget.buttons[value].setFocus()
        qtbot.keyClick(widget.buttons[value], Qt.Key.Key_Space)
    elif field.type is core.FieldType.MULTICHOICE:
        boxes = [widget.boxes[v] for v in value] or [widget.none_box]
        for box in boxes:
            box.setFocus()
            qtbot.keyClick(box, Qt.Key.Key_Space)
    elif field.type is core.FieldType.COUNTRY:
        widget.picker.setFocus()
        qtbot.keyClicks(widget.picker.lineEdit(), value)
        qtbot.keyClick(widget.picker.lineEdit(), Qt.Key.Key_Return)
    else:
        for code in value:
            widget.picker.setFocus()
            qtbot.keyClicks(widget.picker.lineEdit(), code)
            qtbot.keyClick(widget.picker.lineEdit(), Qt.Key.Key_Return)
        if not value:
            widget.none_box.setFocus()
            qtbot.keyClick(widget.none_box, Qt.Key.Key_Space)


def test_build_the_retail_case_in_guided_mode_by_keyboard(qtbot, window, packs):
    """Ctrl+G, then page by page with Alt+N: the answers and the verdict equal the bundled retail example."""
    target = core.load_scenario(RETAIL, packs.questionnaire)
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
    guided = window.guided
    assert guided.isVisible() and not window.form.isVisible()
    assert guided.heading.text().startswith("Step 1 of ")
    qtbot.keyClicks(guided.title, target.title)
    steps_seen = [guided.heading.text()]
    guard = 0
    while guided.pages.currentIndex() != guided.pages.count() - 1 and guard < 12:
        guard += 1
        page = guided.pages.currentIndex()
        if page > 0:
            section = packs.questionnaire.sections[page - 1]
            for fid in section.fields:
                settle(qtbot, window)
                if fid in target.answers and not guided.rows[fid].isHidden():
                    answer_by_keyboard(
                        qtbot, packs.questionnaire.fields[fid], guided.rows[fid].input, target.answers[fid]
                    )
        settle(qtbot, window)
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)
        steps_seen.append(guided.heading.text())
        assert guided.isVisible(), "never leaves guided mode"
    settle(qtbot, window)
    assert steps_seen[-1].endswith("Review your answers")
    total = len(guided.steps())
    assert [int(s.split()[1]) for s in steps_seen] == list(range(1, total + 1)), "one step at a time, none skipped"
    assert steps_seen[-1].startswith(f"Step {total} of {total}")
    answers = window.session.scenario.answers
    assert {k: answers.get(k) for k in target.answers} == dict(target.answers)
    window.session.edit_as_of(target.as_of)
    settle(qtbot, window)
    expected = core.evaluate(target.replace(title=window.session.scenario.title, notes=""), packs)
    assert window.session.evaluation().overall is expected.overall is core.Verdict.PROHIBITED
    review = guided.review.toPlainText()
    for fid in target.answers:
        field = packs.questionnaire.fields[fid]
        if fid in guided.visible:
            assert f"{field.label}: {field.describe_answer(target.answers[fid])}" in review
    assert "Verdict: ✖ Prohibited" in review
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_B, Qt.KeyboardModifier.AltModifier)
    assert not guided.heading.text().endswith("Review your answers")
    assert window.results.verdict_banner.isVisible(), "the live findings stay beside guided mode"


def test_review_change_link_goes_back_to_that_step(qtbot, window):
    """A "change" link on the review page turns to that section with the keyboard on its first question."""
    window.guided_action.setChecked(True)
    guided = window.guided
    guided.show_page(guided.pages.count() - 1)
    assert 'href="step:1"' in guided.review.toHtml()
    guided.review.anchorClicked.emit(QUrl("step:1"))
    assert guided.pages.currentIndex() == 1 and guided.heading.text().startswith("Step 2 of")
