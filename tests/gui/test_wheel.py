"""The mouse wheel never changes an answer unless the input has keyboard focus."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import (
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QRadioButton,
    QScrollBar,
    QWidget,
)

from core.resources import examples_dir
from tests.gui.conftest import settle

EU_RETAILER = examples_dir() / "eu-retailer-live-face-matching.scenario.yaml"


def wheel(widget: QWidget, notches: int) -> bool:
    """Turn the wheel ``notches`` steps (negative: towards the user) over the middle of ``widget``;
    whether the widget accepted the event."""
    centre = QPointF(widget.rect().center())
    event = QWheelEvent(
        centre,
        QPointF(widget.mapToGlobal(centre.toPoint())),
        QPoint(0, 0),
        QPoint(0, 120 * notches),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(widget, event)
    return event.isAccepted()


def wheel_sensitive_inputs(root: QWidget) -> list[QWidget]:
    """Every drop-down, spin box, date edit and slider under ``root`` (scroll bars excepted)."""
    found = root.findChildren(QWidget)
    return [
        w
        for w in found
        if isinstance(w, (QComboBox, QAbstractSpinBox, QAbstractSlider)) and not isinstance(w, QScrollBar)
    ]


def test_wheel_over_every_unfocused_input_changes_no_answer_and_no_verdict(qtbot, window):
    """EU retailer: wheel up and down over every unfocused input and radio button; answers, date and verdicts stay."""
    window.open_example(EU_RETAILER)
    window.form.use_date.setChecked(True)  # the date edit is enabled, as a user who set a date has it
    settle(qtbot, window)
    before = window.session.scenario
    verdicts = window.session.evaluation().overall, [p.verdict for p in window.session.evaluation().packs]
    window.findings.setFocus()
    assert len(list(window.form.rows.values())) == len(window.packs.questionnaire.fields)  # every row, asked or not
    inputs = wheel_sensitive_inputs(window.form)
    assert len(inputs) >= 7, "the form's long drop-downs, country pickers and the date edit"
    radios = window.form.findChildren(QRadioButton)
    assert len(radios) >= 3 * 11 + 4 + 3, "Yes/No/Not answered of each boolean, the short option lists"
    for widget in [*inputs, *radios]:
        assert not widget.hasFocus()
        for notches in (-1, -3, 2, 5, -1):
            wheel(widget, notches)
    settle(qtbot, window)
    assert window.session.scenario == before
    assert [row.input.value() for row in window.form.rows.values()] == [
        before.answers.get(fid) for fid in window.form.rows
    ]
    after = window.session.evaluation().overall, [p.verdict for p in window.session.evaluation().packs]
    assert after == verdicts


def test_the_wheel_over_an_unfocused_input_scrolls_the_form_instead(qtbot, window):
    """The wheel event goes to the form's scroll area: the form scrolls, the drop-down keeps its value."""
    window.resize(900, 500)
    combo = window.form.rows["environment"].input.combo
    window.form.ensureWidgetVisible(combo)
    bar = window.form.verticalScrollBar()
    start = bar.value()
    assert start > 0, "the form is long enough to scroll"
    window.findings.setFocus()
    wheel(combo, +3)
    assert bar.value() < start
    assert combo.currentIndex() == 0


def test_a_focused_drop_down_still_follows_the_wheel(qtbot, window):
    """With keyboard focus the wheel works as usual (the guard is not a blanket block)."""
    combo = window.form.rows["environment"].input.combo
    combo.setFocus()
    qtbot.waitUntil(combo.hasFocus, timeout=2000)
    wheel(combo, -1)
    assert combo.currentIndex() == 1
    assert window.session.scenario.answers["environment"] == combo.currentData()


def test_no_input_takes_focus_from_the_wheel(window):
    """Qt.WheelFocus would let a spontaneous wheel focus an input and the next turn change it:
    none in the whole window, those built before the wheel guard included."""
    window.open_example(EU_RETAILER)
    for widget in wheel_sensitive_inputs(window):
        assert widget.focusPolicy() != Qt.FocusPolicy.WheelFocus, widget.accessibleName()


def test_radio_buttons_pass_the_wheel_on_and_never_change_the_answer(qtbot, window):
    """A short option list is radio buttons: they ignore the wheel (Qt hands it to the form), focused or not."""
    window.open_example(EU_RETAILER)
    timing = window.form.rows["processing.timing"].input
    window.activateWindow()
    for focused in (False, True):
        if focused:
            timing.setFocus()
            qtbot.waitUntil(timing.buttons["real_time"].hasFocus, timeout=2000)
        for button in timing.buttons.values():
            for notches in (-1, -3, 2):
                assert not wheel(button, notches), "ignored, so a real wheel goes on to the scroll area"
    assert timing.value() == "real_time" and window.session.scenario.answers["processing.timing"] == "real_time"


def test_every_wheel_sensitive_input_the_app_builds_is_guarded(qtbot, window, tmp_path):
    """The guard lives in the inputs' own classes (no application-wide filter): every drop-down and
    date edit of the form (every question built), of guided mode and of the signing dialogs is one."""
    from gui.dialogs import CountersignDialog, ExportDialog
    from gui.wheel_guard import GUARDED

    window.open_example(EU_RETAILER)
    list(window.form.rows.values())  # every question's row, asked or not
    export = ExportDialog(window, suggested=tmp_path / "memo.pdf", timestamp_url="", last_identity="")
    countersign = CountersignDialog(window, memo=tmp_path / "memo.pdf", timestamp_url="", last_identity="")
    roots = [window.form, window.guided, export, countersign]
    found = [w for root in roots for w in wheel_sensitive_inputs(root)]
    assert len(found) >= 10
    unguarded = [f"{type(w).__name__} {w.accessibleName()!r}" for w in found if not isinstance(w, GUARDED)]
    assert not unguarded


def test_the_wheel_over_the_unfocused_identity_list_of_the_export_dialog_changes_nothing(qtbot, window, tmp_path):
    """A dialog has no scroll area to hand the wheel to: an unfocused drop-down just keeps its value."""
    from gui.dialogs import ExportDialog

    dialog = ExportDialog(window, suggested=tmp_path / "memo.pdf", timestamp_url="", last_identity="")
    qtbot.addWidget(dialog)
    for name in ("first", "second", "third"):
        dialog.identity.addItem(name, name)
    dialog.identity.setCurrentIndex(1)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.output.setFocus()
    qtbot.waitUntil(dialog.output.hasFocus, timeout=2000)
    for notches in (-1, 2, -3):
        wheel(dialog.identity, notches)
    assert dialog.identity.currentIndex() == 1
    dialog.identity.setFocus()
    qtbot.waitUntil(dialog.identity.hasFocus, timeout=2000)
    wheel(dialog.identity, -1)
    assert dialog.identity.currentIndex() == 2, "focused, the wheel works as usual"


def test_a_real_wheel_over_unfocused_inputs_scrolls_the_form_once_and_changes_nothing(qtbot, window):
    """Spontaneous wheel events through the window, as the system delivers them (Qt passes an
    ignored one on to the parent widgets): over an unfocused drop-down, the country picker's text
    box and the date edit, the form scrolls by one turn's distance, exactly as over a question's
    text, and no value changes and nothing takes the focus."""
    from PySide6.QtTest import QTest

    window.open_example(EU_RETAILER)
    window.form.use_date.setChecked(True)
    window.resize(900, 500)
    settle(qtbot, window)
    window.findings.setFocus()
    qtbot.waitUntil(window.findings.hasFocus, timeout=2000)
    bar = window.form.verticalScrollBar()
    combo = window.form.rows["environment"].input.combo
    picker = window.form.rows["deployer.country"].input.picker
    targets = {
        "question text": window.form.rows["environment"].question,
        "drop-down": combo,
        "country picker's text box": picker.lineEdit(),
        "date edit": window.form.date,
    }
    values = (combo.currentIndex(), picker.code(), window.form.date.date())

    def turn_over(widget) -> int:
        """Scroll the form so ``widget`` is in view, turn the wheel once (down) over it; how far the
        form scrolled (it is long: there is always room below)."""
        window.form.ensureWidgetVisible(widget, 0, 120)
        start = bar.value()
        centre = widget.mapTo(window, widget.rect().center())
        QTest.wheelEvent(window.windowHandle(), centre, QPoint(0, -120))
        qtbot.wait(20)
        return bar.value() - start

    scrolled = {name: turn_over(widget) for name, widget in targets.items()}
    assert scrolled["question text"] > 0, scrolled
    assert set(scrolled.values()) == {scrolled["question text"]}, scrolled
    assert (combo.currentIndex(), picker.code(), window.form.date.date()) == values
    assert window.findings.hasFocus()


def test_an_editable_drop_down_still_takes_no_focus_from_the_wheel():
    """Qt on macOS gives a drop-down made editable (the country pickers) Qt.WheelFocus again:
    the guarded box takes it back, on every system."""
    from gui.wheel_guard import GuardedComboBox

    box = GuardedComboBox()
    box.setFocusPolicy(Qt.FocusPolicy.WheelFocus)  # as Qt's macOS style leaves it
    box.setEditable(True)
    assert box.focusPolicy() == Qt.FocusPolicy.StrongFocus
