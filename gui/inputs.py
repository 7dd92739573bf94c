"""Inputs for one field each, by type. "Not answered" is always a visible, selectable state.

Inputs never decide anything: they show values they are given (with signals blocked, so there
are no feedback loops) and emit ``changed`` when the user edits them.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QWidget,
)

import core
from core import FieldType
from gui.reflow import WrappingCheckBox

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


class ChoiceInput(FieldInput):
    """A drop-down list whose first entry is "Not answered"."""

    def __init__(self, field: core.Field) -> None:
        super().__init__(field)
        self.combo = QComboBox()
        self.combo.setAccessibleName(field.label)
        self.combo.addItem(NOT_ANSWERED, None)
        for option in field.options:
            self.combo.addItem(option.label, option.value)
            if option.help:
                self.combo.setItemData(self.combo.count() - 1, option.help, Qt.ItemDataRole.ToolTipRole)
        self.combo.currentIndexChanged.connect(lambda _: self.changed.emit())
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.combo)
        layout.addStretch(1)
        self.setFocusProxy(self.combo)

    def value(self) -> Any:
        return self.combo.currentData()

    def set_value(self, value: Any) -> None:
        self.combo.blockSignals(True)
        index = self.combo.findData(value)
        self.combo.setCurrentIndex(index if index >= 0 else 0)
        self.combo.blockSignals(False)


class BooleanInput(FieldInput):
    """Yes / No / Not answered."""

    def __init__(self, field: core.Field) -> None:
        super().__init__(field)
        self.group = QButtonGroup(self)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.buttons: dict[Any, QRadioButton] = {}
        for value, text in ((True, "&Yes"), (False, "N&o"), (None, "Not answered")):
            button = QRadioButton(text.replace("&", "") if value is None else text)
            button.setAccessibleName(f"{field.label}: {text.replace('&', '')}")
            self.group.addButton(button)
            self.buttons[value] = button
            layout.addWidget(button)
        layout.addStretch(1)
        self.buttons[None].setChecked(True)
        self.group.buttonToggled.connect(self._toggled)
        self.setFocusProxy(self.buttons[True])

    def _toggled(self, button: QAbstractButton, checked: bool) -> None:
        if checked:
            self.changed.emit()

    def value(self) -> Any:
        for value, button in self.buttons.items():
            if button.isChecked():
                return value
        return None

    def set_value(self, value: Any) -> None:
        self.group.blockSignals(True)
        self.buttons[value if value in (True, False) else None].setChecked(True)
        self.group.blockSignals(False)


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
        self.state.setObjectName("answerState")
        self.columns = 0
        self._lay_out(2)
        self._update_state()
        first = next(iter(self.boxes.values()))
        self.setFocusProxy(first)

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
        return ChoiceInput(field)
    if field.type is FieldType.BOOLEAN:
        return BooleanInput(field)
    if field.type is FieldType.MULTICHOICE:
        return MultiChoiceInput(field)
    if field.type is FieldType.COUNTRY:
        return CountryInput(field, countries)
    return CountriesInput(field, countries)
