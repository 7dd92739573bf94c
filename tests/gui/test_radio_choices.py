"""Short option lists as radio buttons: which questions, the keyboard, "Not answered" restored by
undo / redo / revert / open / new, accessible names, the focus ring, guided mode alike."""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QRadioButton

from gui.inputs import RADIO_MAX_OPTIONS, ChoiceInput, RadioChoiceInput
from gui.style import FOCUS
from tests.gui.conftest import settle
from tests.gui.fake_view import EU_RETAILER, OPTED_IN
from tests.gui.test_review_window import colour_pixels, ring_pixels

TIMING = "processing.timing"


def _key(qtbot, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    """Press ``key`` where the keyboard is."""
    qtbot.keyClick(QApplication.focusWidget(), key, modifier)


def _chosen(window) -> dict:
    """Which answer each of the timing question's views shows: the full form's and guided mode's."""
    return {
        name: rows[TIMING].input.value() for name, rows in (("form", window.form.rows), ("guided", window.guided.rows))
    }


def test_short_single_choice_lists_are_radio_buttons_and_long_ones_drop_downs(window, packs):
    """Single-choice questions with ≤ RADIO_MAX_OPTIONS answers (Not answered included) are radio buttons."""
    choice = [f for f in packs.questionnaire.fields.values() if f.type.name == "CHOICE"]
    short = {f.id for f in choice if len([o for o in f.options if o.offered]) + 1 <= RADIO_MAX_OPTIONS}
    assert RADIO_MAX_OPTIONS == 4
    assert {TIMING, "subjects.consent", "context.sector_setting"} <= short
    assert "environment" not in short and "deployer.kind" not in short
    for rows in (window.form.rows, window.guided.rows):
        for field in choice:
            widget = rows[field.id].input
            if field.id in short:
                assert isinstance(widget, RadioChoiceInput) and not widget.findChildren(QComboBox), field.id
                labels = [b.text() for b in widget.buttons.values()]
                assert labels == [o.label for o in field.options] + ["Not answered"]
            else:
                assert isinstance(widget, ChoiceInput) and not widget.findChildren(QRadioButton), field.id


def test_one_tab_stop_on_the_chosen_answer_and_the_arrows_choose(qtbot, window):
    """Shift+Tab lands on the chosen answer; the arrows choose, wrapping round Not answered; Tab leaves."""
    window.open_path(EU_RETAILER)
    settle(qtbot, window)
    timing = window.form.rows[TIMING].input
    after = next(iter(window.form.rows["camera.platforms"].input.boxes.values()))
    window.activateWindow()
    after.setFocus()
    qtbot.waitUntil(after.hasFocus, timeout=2000)
    _key(qtbot, Qt.Key.Key_Backtab)
    assert timing.buttons["real_time"].hasFocus(), "the chosen answer takes the keyboard"
    seen = []
    for key in (Qt.Key.Key_Down, Qt.Key.Key_Down, Qt.Key.Key_Right, Qt.Key.Key_Down, Qt.Key.Key_Up, Qt.Key.Key_Left):
        _key(qtbot, key)
        seen.append((window.session.scenario.answers.get(TIMING), QApplication.focusWidget().text()))
    assert seen == [
        ("near_real_time", "Near real time (short delay)"),
        ("post_event", "After the event"),
        (None, "Not answered"),
        ("real_time", "Real time (live)"),
        (None, "Not answered"),
        ("post_event", "After the event"),
    ]
    _key(qtbot, Qt.Key.Key_Tab)
    assert after.hasFocus(), "the whole group is one Tab stop"
    _key(qtbot, Qt.Key.Key_Backtab)
    assert timing.buttons["post_event"].hasFocus()
    _key(qtbot, Qt.Key.Key_Down)
    assert TIMING not in window.session.scenario.answers, "Not answered removes the answer from the scenario"
    _key(qtbot, Qt.Key.Key_Backtab)
    assert not timing.isAncestorOf(QApplication.focusWidget()), "Shift+Tab leaves the group in one step too"


def test_not_answered_and_answers_are_restored_by_undo_redo_revert_open_and_new(qtbot, window):
    """The buttons of both views follow every way the scenario changes other than by the buttons themselves."""
    window.open_path(EU_RETAILER)
    window.guided.show_scenario(window.session.scenario)
    assert _chosen(window) == {"form": "real_time", "guided": "real_time"}
    timing = window.form.rows[TIMING].input
    window.activateWindow()
    timing.setFocus()
    qtbot.waitUntil(timing.buttons["real_time"].hasFocus, timeout=2000)
    _key(qtbot, Qt.Key.Key_Up)  # wraps round to Not answered
    assert timing.buttons[None].isChecked() and TIMING not in window.session.scenario.answers
    _key(qtbot, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert timing.buttons["real_time"].isChecked() and window.session.scenario.answers[TIMING] == "real_time"
    _key(qtbot, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert timing.buttons[None].isChecked()
    assert window.session.revert()
    assert timing.buttons["real_time"].isChecked()
    timing.buttons[None].click()
    assert window.open_path(OPTED_IN)
    assert timing.value() == "real_time" and timing.focusProxy() is timing.buttons["real_time"]
    window.new_scenario()
    settle(qtbot, window)
    window.guided_action.setChecked(True)
    assert _chosen(window) == {"form": None, "guided": None}
    assert all(rows[TIMING].input.buttons[None].isChecked() for rows in (window.form.rows, window.guided.rows))


def test_every_radio_button_is_named_for_screen_readers_with_its_help(window, packs):
    """Each button is named "question label: answer" and carries the option's help as tooltip and description."""
    radios = [row.input for row in window.form.rows.values() if isinstance(row.input, RadioChoiceInput)]
    assert len(radios) >= 3
    for widget in radios:
        field = packs.questionnaire.fields[widget.field.id]
        assert widget.accessibleName() == field.label
        for option in field.options:
            button = widget.buttons[option.value]
            assert button.accessibleName() == f"{field.label}: {option.label}"
            assert button.toolTip() == option.help == button.accessibleDescription()
        assert widget.buttons[None].accessibleName() == f"{field.label}: Not answered"


def test_the_focused_answer_wears_the_focus_ring(qtbot, body_cam):
    """No focus colour on the group until it has the keyboard; then a ring round the chosen answer only."""
    window = body_cam
    timing = window.form.rows[TIMING].input
    assert timing.isVisible()
    window.form.ensureWidgetVisible(timing)
    assert ring_pixels(timing) == 0
    window.activateWindow()
    timing.setFocus()
    button = timing.buttons[timing.value()]
    qtbot.waitUntil(button.hasFocus, timeout=2000)
    settle(qtbot, window)
    ring = ring_pixels(button)
    assert ring >= 2 * 2 * (button.width() + button.height()), "a thick ring all round"
    others = [b for value, b in timing.buttons.items() if value != timing.value()]
    assert others and all(colour_pixels(b, FOCUS) == 0 for b in others)


def test_a_withdrawn_option_shows_only_while_it_is_the_answer(qtbot, packs):
    """An option kept only for older files gets no button until a file answers with it; the answer is not lost."""
    field = packs.questionnaire.fields[TIMING]
    options = (*field.options[:2], dataclasses.replace(field.options[2], offered=False))
    widget = RadioChoiceInput(dataclasses.replace(field, options=options))
    qtbot.addWidget(widget)
    withdrawn = widget.buttons[options[2].value]
    assert withdrawn.isHidden()
    widget.set_value(options[2].value)
    assert not withdrawn.isHidden() and widget.value() == options[2].value
    widget.set_value(options[0].value)
    assert withdrawn.isHidden() and widget.value() == options[0].value
