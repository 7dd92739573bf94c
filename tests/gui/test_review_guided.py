"""Guided mode: a first-time user builds the retail case with the keyboard, without leaving it."""

from __future__ import annotations

from PySide6.QtCore import Qt, QUrl
from PySide6.QtWidgets import QApplication

import core
from core.resources import examples_dir
from tests.gui.conftest import settle

RETAIL = examples_dir() / "eu-retailer-live-face-matching.scenario.yaml"


def key(qtbot, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    """Press ``key`` wherever the keyboard is (as a user does: no widget is picked by the test)."""
    qtbot.keyClick(QApplication.focusWidget(), key, modifier)


def tab_to(qtbot, wanted, limit: int = 80) -> None:
    """Press Tab until the keyboard is on a widget for which ``wanted(widget)`` holds."""
    for _ in range(limit):
        if wanted(QApplication.focusWidget()):
            return
        key(qtbot, Qt.Key.Key_Tab)
    raise AssertionError(f"Tab never reached it; the keyboard is on {QApplication.focusWidget()!r}")


def inside(widget):
    """A test for :func:`tab_to`: the keyboard is on ``widget`` or one of its children."""
    return lambda focus: focus is not None and (focus is widget or widget.isAncestorOf(focus))


def arrow_until(qtbot, widget, value) -> None:
    """Press Down until a drop-down or radio group shows ``value`` (radio groups wrap; lists are short)."""
    for _ in range(len(widget.field.options) + 2):
        if widget.value() == value:
            return
        key(qtbot, Qt.Key.Key_Down)
    assert widget.value() == value, widget.field.id


def answer_by_keyboard(qtbot, field: core.Field, widget, value) -> None:
    """Tab to the question, then answer it with arrows, Space, typing and Enter, whatever its kind."""
    tab_to(qtbot, inside(widget))
    if field.type in (core.FieldType.CHOICE, core.FieldType.BOOLEAN):
        arrow_until(qtbot, widget, value)
    elif field.type is core.FieldType.MULTICHOICE:
        boxes = [widget.boxes[v] for v in value] or [widget.none_box]
        for box in boxes:
            tab_to(qtbot, lambda focus, box=box: focus is box)
            key(qtbot, Qt.Key.Key_Space)
    elif field.type is core.FieldType.COUNTRY:
        qtbot.keyClicks(QApplication.focusWidget(), value)
        key(qtbot, Qt.Key.Key_Return)
    else:
        for code in value:
            tab_to(qtbot, inside(widget.picker))
            qtbot.keyClicks(QApplication.focusWidget(), code)
            key(qtbot, Qt.Key.Key_Return)
        if not value:
            tab_to(qtbot, lambda focus: focus is widget.none_box)
            key(qtbot, Qt.Key.Key_Space)
    assert widget.value() == (tuple(value) if isinstance(value, list) else value), field.id


def basics_by_keyboard(qtbot, guided, target: core.Scenario) -> None:
    """Step 1: type the title, tick "Evaluate as of" and type the date."""
    assert guided.title.hasFocus(), "guided mode starts with the keyboard on the title"
    qtbot.keyClicks(QApplication.focusWidget(), target.title)
    tab_to(qtbot, lambda focus: focus is guided.use_date)
    key(qtbot, Qt.Key.Key_Space)
    tab_to(qtbot, lambda focus: focus is guided.date)  # arriving by Tab selects the year; the rest follow
    qtbot.keyClicks(QApplication.focusWidget(), target.as_of.strftime("%Y%m%d"))
    assert guided.date.date().toPython() == target.as_of


def test_build_the_retail_case_from_new_in_guided_mode_by_keyboard_only(qtbot, window, packs):
    """Ctrl+N, Ctrl+G, then Tab/arrows/Space/typing/Alt+N only: the retail example's answers, review, verdict."""
    target = core.load_scenario(RETAIL, packs.questionnaire)
    window.open_example(examples_dir() / "body-cam-patrol-uk.scenario.yaml")  # something to start afresh from
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert not window.session.scenario.answers and window.session.path is None, "File → New"
    qtbot.keyClick(window, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
    guided = window.guided
    assert guided.isVisible() and not window.form.isVisible()
    assert guided.heading.text().startswith("Step 1 of ")
    basics_by_keyboard(qtbot, guided, target)
    steps_seen = [guided.heading.text()]
    while guided.pages.currentIndex() != guided.pages.count() - 1 and len(steps_seen) < 12:
        page = guided.pages.currentIndex()
        for fid in packs.questionnaire.sections[page - 1].fields if page > 0 else ():
            settle(qtbot, window)  # an answer may bring in the next question (law-enforcement level)
            if fid in target.answers and not guided.rows[fid].isHidden():
                field = packs.questionnaire.fields[fid]
                answer_by_keyboard(qtbot, field, guided.rows[fid].input, target.answers[fid])
        settle(qtbot, window)
        key(qtbot, Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)
        steps_seen.append(guided.heading.text())
        assert guided.isVisible() and not window.form.isVisible(), "never leaves guided mode"
    settle(qtbot, window)
    total = len(guided.steps())
    assert [int(s.split()[1]) for s in steps_seen] == list(range(1, total + 1)), "one step at a time, none skipped"
    assert steps_seen[-1] == f"Step {total} of {total}: Review your answers"
    assert guided.review.hasFocus(), "the keyboard is on the review"
    answers = window.session.scenario.answers
    assert {k: answers.get(k) for k in target.answers} == dict(target.answers)
    assert window.session.scenario.as_of == target.as_of
    expected = core.evaluate(target.replace(title=window.session.scenario.title, notes=""), packs)
    assert window.session.evaluation().overall is expected.overall is core.Verdict.PROHIBITED
    review = guided.review.toPlainText()
    for fid in target.answers:
        field = packs.questionnaire.fields[fid]
        if fid in guided.visible:
            assert f"{field.label}: {field.describe_answer(target.answers[fid])}" in review
    assert "Verdict: ✖ Prohibited" in review
    tab_to(qtbot, lambda focus: focus is guided.to_findings)
    key(qtbot, Qt.Key.Key_Space)
    outline = window.results.outline
    assert outline.hasFocus(), "Show the findings puts the keyboard on the findings outline"
    key(qtbot, Qt.Key.Key_Home)
    assert outline.currentItem().text() == "✖ Overall: Prohibited"
    reached = [outline.currentItem().data(Qt.ItemDataRole.UserRole)]
    for _ in range(outline.count() - 1):
        key(qtbot, Qt.Key.Key_Down)
        reached.append(outline.currentItem().data(Qt.ItemDataRole.UserRole))
    assert reached == outline.anchors() and len(reached) == 1 + len(window.session.evaluation().findings)
    assert guided.isVisible() and window.guided_action.isChecked(), "still in guided mode"
    tab_to(qtbot, inside(guided), limit=200)  # round the window to guided mode's buttons; Alt+B steps back
    key(qtbot, Qt.Key.Key_B, Qt.KeyboardModifier.AltModifier)
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
