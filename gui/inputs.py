"""Inputs for one field each, by type. "Not answered" is always a visible, selectable state.

Inputs never decide anything: they show values they are given (with signals blocked, so there
are no feedback loops) and emit ``changed`` when the user edits them.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QCheckBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

import core
from core import FieldType
from gui.focus_ring import WIDTH as RING
from gui.reflow import ShrinkingComboBox, WrappingCheckBox
from gui.style import style_label

NOT_ANSWERED = "— Not answered —"


class FieldInput(QWidget):
    """Base of the per-type inputs: ``value()``, ``set_value()`` and a ``changed`` signal."""

    changed = Signal()

    def __init__(self, field: core.Field) -> None:
        super().__init__()
        self.field = field
        self.setAccessibleName(field.label)
        self.setAccessibleDescription(field.help)

    def value(self) -> Any:  # pragma: no cover - abstract
        """The answer shown (None: not answered)."""
        raise NotImplementedError

    def set_value(self, value: Any) -> None:  # pragma: no cover - abstract
        """Show ``value`` without emitting ``changed``."""
        raise NotImplementedError

    def tab_stops(self) -> list[QWidget]:
        """The widgets the Tab key stops at, in order (the form puts them in its Tab order).

        This default looks through every child; the inputs below name theirs, which is the same
        list (tests/gui/test_form.py checks it for every question) without making a Python
        object for each of Qt's private children at start-up."""
        window = self.window()  # not the lists that drop down from a box: they are windows of their own
        return [
            w for w in self.findChildren(QWidget) if w.focusPolicy() & Qt.FocusPolicy.TabFocus and w.window() is window
        ]


class ChoiceInput(FieldInput):
    """A drop-down list whose first entry is "Not answered" (for lists too long for radio buttons)."""

    def __init__(self, field: core.Field) -> None:
        super().__init__(field)
        self.combo = ShrinkingComboBox()
        self.combo.setAccessibleName(field.label)
        self.combo.addItem(NOT_ANSWERED, None)
        for option in field.options:
            self.combo.addItem(option.label, option.value)
            if option.help:
                self.combo.setItemData(self.combo.count() - 1, option.help, Qt.ItemDataRole.ToolTipRole)
        self.combo.let_shrink()
        self.combo.currentIndexChanged.connect(lambda _: self.changed.emit())
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.combo)
        layout.addStretch(1)
        self.setFocusProxy(self.combo)

    def tab_stops(self) -> list[QWidget]:
        return [self.combo]

    def value(self) -> Any:
        return self.combo.currentData()

    def set_value(self, value: Any) -> None:
        self.combo.blockSignals(True)
        index = self.combo.findData(value)
        self.combo.setCurrentIndex(index if index >= 0 else 0)
        self.combo.blockSignals(False)


RADIO_MAX_OPTIONS = 4
"""A single-choice question with at most this many answers, "Not answered" included, shows its
answers as radio buttons (all in view, one arrow key apart); longer lists stay drop-down lists."""

_ARROWS = {Qt.Key.Key_Up: -1, Qt.Key.Key_Left: -1, Qt.Key.Key_Down: +1, Qt.Key.Key_Right: +1}


class RadioGroupInput(FieldInput):
    """A radio button per answer, "Not answered" last, as one Tab stop.

    Tab (or Shift+Tab, or the question's buddy) lands on the chosen answer; the arrow keys move to
    the previous / next answer and choose it, wrapping round, whatever way the buttons are laid out.
    """

    def __init__(self, field: core.Field, answers: list[tuple[Any, str, str]], vertical: bool) -> None:
        super().__init__(field)
        self.group = QButtonGroup(self)
        layout = QVBoxLayout(self) if vertical else QHBoxLayout(self)
        layout.setContentsMargins(RING, RING, RING, RING)  # room for the focus ring round each answer
        layout.setSpacing(2 * RING)
        self.buttons: dict[Any, QRadioButton] = {}
        for value, text, help_text in answers:
            button = QRadioButton(text)
            button.setAccessibleName(f"{field.label}: {text.replace('&', '')}")
            if help_text:
                button.setToolTip(help_text)
                button.setAccessibleDescription(help_text)
            button.installEventFilter(self)
            self.group.addButton(button)
            self.buttons[value] = button
            layout.addWidget(button, 0, Qt.AlignmentFlag.AlignLeft)  # the focus ring hugs the answer
        if not vertical:
            layout.addStretch(1)
        self.buttons[None].setChecked(True)
        self.setFocusProxy(self.buttons[None])
        self.group.buttonToggled.connect(self._toggled)

    def tab_stops(self) -> list[QWidget]:
        return list(self.buttons.values())

    def _toggled(self, button: QAbstractButton, checked: bool) -> None:
        if checked:
            self.setFocusProxy(button)
            self.changed.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Tab into the group lands on the chosen answer; the arrow keys choose the next one."""
        if not isinstance(watched, QRadioButton):
            return False
        if event.type() == QEvent.Type.FocusIn and not watched.isChecked():
            reason = event.reason()  # type: ignore[attr-defined]
            if reason in (Qt.FocusReason.TabFocusReason, Qt.FocusReason.BacktabFocusReason):
                chosen = self.group.checkedButton()
                if chosen is not None and not chosen.isHidden():
                    chosen.setFocus(reason)
        elif event.type() == QEvent.Type.KeyPress:
            step = _ARROWS.get(event.key())  # type: ignore[attr-defined]
            if step is not None and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:  # type: ignore[attr-defined]
                self._step(watched, step)
                return True
        return False

    def _step(self, button: QRadioButton, step: int) -> None:
        shown = [b for b in self.buttons.values() if not b.isHidden()]
        target = shown[(shown.index(button) + step) % len(shown)] if button in shown else shown[0]
        target.setChecked(True)  # first: focus arriving by keyboard on an unchosen answer moves to the chosen one
        target.setFocus(Qt.FocusReason.TabFocusReason)

    def value(self) -> Any:
        for value, button in self.buttons.items():
            if button.isChecked():
                return value
        return None

    def set_value(self, value: Any) -> None:
        button = self.buttons.get(value, self.buttons[None]) if _hashable(value) else self.buttons[None]
        self.group.blockSignals(True)
        button.setChecked(True)
        self.group.blockSignals(False)
        self.setFocusProxy(button)


def _hashable(value: Any) -> bool:
    try:
        hash(value)
    except TypeError:
        return False
    return True


class BooleanInput(RadioGroupInput):
    """Yes / No / Not answered, side by side (Alt+Y and Alt+O as mnemonics)."""

    def __init__(self, field: core.Field) -> None:
        super().__init__(field, [(True, "&Yes", ""), (False, "N&o", ""), (None, "Not answered", "")], vertical=False)


class RadioChoiceInput(RadioGroupInput):
    """A short list of options (see :data:`RADIO_MAX_OPTIONS`) as radio buttons, one a line.

    An option no longer offered (kept so that older files load) has a button that shows only while
    it is the answer, so opening such a file neither hides nor loses the answer.
    """

    def __init__(self, field: core.Field) -> None:
        answers = [(o.value, o.label, o.help) for o in field.options]
        super().__init__(field, [*answers, (None, "Not answered", "")], vertical=True)
        self.withdrawn = {o.value for o in field.options if not o.offered}
        self._show_withdrawn()

    def _show_withdrawn(self) -> None:
        for value in self.withdrawn:
            self.buttons[value].setVisible(self.buttons[value].isChecked())

    def set_value(self, value: Any) -> None:
        super().set_value(value)
        self._show_withdrawn()


def shows_as_radio_buttons(field: core.Field) -> bool:
    """Whether a single-choice question is short enough for radio buttons (see :data:`RADIO_MAX_OPTIONS`)."""
    offered = [o for o in field.options if o.offered]
    return field.type is FieldType.CHOICE and len(offered) + 1 <= RADIO_MAX_OPTIONS


class MultiChoiceInput(FieldInput):
    """A checkbox per option, plus "None of these"; nothing ticked means not answered."""

    def __init__(self, field: core.Field) -> None:
        super().__init__(field)
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.boxes: dict[str, QCheckBox] = {}
        self.kept: tuple[str, ...] = ()
        """Answers loaded from a file that the form no longer offers; kept until the user changes the answer."""
        for option in field.options:
            if not option.offered:
                continue
            box = WrappingCheckBox(option.label)
            box.setToolTip(option.help)
            box.setAccessibleName(f"{field.label}: {option.label}")
            box.toggled.connect(self._option_toggled)
            self.boxes[option.value] = box
        self.none_box = QCheckBox("None of these")
        self.none_box.setAccessibleName(f"{field.label}: none of these")
        self.none_box.toggled.connect(self._none_toggled)
        self.state = QLabel()
        style_label(self.state, "answerState")
        self.columns = 0
        self._lay_out(2)
        self._update_state()
        first = next(iter(self.boxes.values()))
        self.setFocusProxy(first)

    def tab_stops(self) -> list[QWidget]:
        return [*self.boxes.values(), self.none_box]

    def _lay_out(self, columns: int) -> None:
        """Put the checkboxes in ``columns`` columns (two when there is room, else one)."""
        if columns == self.columns:
            return
        self.columns = columns
        widgets = [*self.boxes.values(), self.none_box, self.state]
        for w in widgets:
            self.grid.removeWidget(w)
        for i, box in enumerate(self.boxes.values()):
            self.grid.addWidget(box, i // columns, i % columns)
        row = (len(self.boxes) + columns - 1) // columns
        self.grid.addWidget(self.none_box, row, 0)
        self.grid.addWidget(self.state, row + (1 if columns == 1 else 0), 1 if columns == 2 else 0)

    def _two_column_width(self) -> int:
        widest = max(b.sizeHint().width() for b in (*self.boxes.values(), self.none_box))
        return 2 * widest + self.grid.horizontalSpacing() + 8

    def resizeEvent(self, event) -> None:
        """Fall back to one column when the form is narrow (small windows, large zoom)."""
        self._lay_out(2 if event.size().width() >= self._two_column_width() else 1)
        super().resizeEvent(event)

    def minimumSizeHint(self):
        """Narrow enough for one column, so the form never needs to scroll sideways."""
        hint = super().minimumSizeHint()
        widest = max(b.minimumSizeHint().width() for b in (*self.boxes.values(), self.none_box))
        hint.setWidth(min(hint.width(), widest + 8))
        return hint

    def _option_toggled(self, checked: bool) -> None:
        self.kept = ()
        if checked and self.none_box.isChecked():
            self.none_box.blockSignals(True)
            self.none_box.setChecked(False)
            self.none_box.blockSignals(False)
        self._update_state()
        self.changed.emit()

    def _none_toggled(self, checked: bool) -> None:
        self.kept = ()
        if checked:
            for box in self.boxes.values():
                box.blockSignals(True)
                box.setChecked(False)
                box.blockSignals(False)
        self._update_state()
        self.changed.emit()

    def _update_state(self) -> None:
        answered = self.none_box.isChecked() or any(b.isChecked() for b in self.boxes.values())
        self.state.setText("" if answered else "Not answered")

    def value(self) -> Any:
        chosen = [v for v, b in self.boxes.items() if b.isChecked()]
        if chosen or self.kept:
            return tuple(o.value for o in self.field.options if o.value in chosen or o.value in self.kept)
        return () if self.none_box.isChecked() else None

    def set_value(self, value: Any) -> None:
        chosen = set(value or ())
        self.kept = tuple(v for v in (value or ()) if v not in self.boxes)
        for v, box in self.boxes.items():
            box.blockSignals(True)
            box.setChecked(v in chosen)
            box.blockSignals(False)
        self.none_box.blockSignals(True)
        self.none_box.setChecked(value is not None and not (chosen - set(self.kept)))
        self.none_box.blockSignals(False)
        self._update_state()


def make_input(field: core.Field, countries: dict[str, str]) -> FieldInput:
    """The input widget for a field's type."""
    from gui.country_picker import CountriesInput, CountryInput  # they build on FieldInput

    if field.type is FieldType.CHOICE:
        return RadioChoiceInput(field) if shows_as_radio_buttons(field) else ChoiceInput(field)
    if field.type is FieldType.BOOLEAN:
        return BooleanInput(field)
    if field.type is FieldType.MULTICHOICE:
        return MultiChoiceInput(field)
    if field.type is FieldType.COUNTRY:
        return CountryInput(field, countries)
    return CountriesInput(field, countries)
