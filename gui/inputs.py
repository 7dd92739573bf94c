"""Inputs for one field each, by type. "Not answered" is always a visible, selectable state.

Inputs never decide anything: they show values they are given (with signals blocked, so there
are no feedback loops) and emit ``changed`` when the user edits them.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QCompleter,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

import core
from core import FieldType

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
        for option in field.options:
            box = QCheckBox(option.label)
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
        widest = max(b.sizeHint().width() for b in (*self.boxes.values(), self.none_box))
        hint.setWidth(min(hint.width(), widest + 8))
        return hint

    def _option_toggled(self, checked: bool) -> None:
        if checked and self.none_box.isChecked():
            self.none_box.blockSignals(True)
            self.none_box.setChecked(False)
            self.none_box.blockSignals(False)
        self._update_state()
        self.changed.emit()

    def _none_toggled(self, checked: bool) -> None:
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
        if chosen:
            return tuple(chosen)
        return () if self.none_box.isChecked() else None

    def set_value(self, value: Any) -> None:
        chosen = set(value or ())
        for v, box in self.boxes.items():
            box.blockSignals(True)
            box.setChecked(v in chosen)
            box.blockSignals(False)
        self.none_box.blockSignals(True)
        self.none_box.setChecked(value is not None and not chosen)
        self.none_box.blockSignals(False)
        self._update_state()


class CountryPicker(QComboBox):
    """A searchable list of countries: type any part of a name or code."""

    def __init__(self, countries: dict[str, str], *, first: str) -> None:
        super().__init__()
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        # Long names ("South Georgia and the South Sandwich Islands") must not widen the form.
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(22)
        model = QStandardItemModel(self)
        head = QStandardItem(first)
        head.setData(None, Qt.ItemDataRole.UserRole)
        model.appendRow(head)
        for code, name in sorted(countries.items(), key=lambda kv: kv[1]):
            item = QStandardItem(f"{name} ({code})")
            item.setData(code, Qt.ItemDataRole.UserRole)
            model.appendRow(item)
        self.setModel(model)
        proxy = QSortFilterProxyModel(self)
        proxy.setSourceModel(model)
        completer = QCompleter(proxy, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.setCompleter(completer)
        completer.activated[str].connect(self._pick_text)
        self.lineEdit().editingFinished.connect(lambda: self._pick_text(self.lineEdit().text()))

    def _pick_text(self, text: str) -> None:
        index = self.findText(text, Qt.MatchFlag.MatchFixedString)
        if index < 0:
            wanted = text.strip().upper()
            index = self.findData(wanted) if len(wanted) == 2 else -1
        if index >= 0 and index != self.currentIndex():
            self.setCurrentIndex(index)
        elif index < 0:
            self.lineEdit().setText(self.itemText(self.currentIndex()))

    def code(self) -> str | None:
        """The chosen country code, or None."""
        return self.currentData()

    def set_code(self, code: str | None) -> None:
        """Choose ``code`` (None: the first entry)."""
        index = self.findData(code) if code else 0
        self.setCurrentIndex(max(index, 0))


class CountryInput(FieldInput):
    """One country, chosen with a searchable picker."""

    def __init__(self, field: core.Field, countries: dict[str, str]) -> None:
        super().__init__(field)
        self.picker = CountryPicker(countries, first=NOT_ANSWERED)
        self.picker.setAccessibleName(field.label)
        self.picker.currentIndexChanged.connect(lambda _: self.changed.emit())
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.picker)
        layout.addStretch(1)
        self.setFocusProxy(self.picker)

    def value(self) -> Any:
        return self.picker.code()

    def set_value(self, value: Any) -> None:
        self.picker.blockSignals(True)
        self.picker.set_code(value)
        self.picker.blockSignals(False)


class CountriesInput(FieldInput):
    """Several countries: a list with Add and Remove, and "None" for no other country."""

    def __init__(self, field: core.Field, countries: dict[str, str]) -> None:
        super().__init__(field)
        self.countries = countries
        self.picker = CountryPicker(countries, first="Add a country…")
        self.picker.setAccessibleName(f"{field.label}: add a country")
        self.picker.activated.connect(self._add)
        self.list = QListWidget()
        self.list.setAccessibleName(field.label)
        self.list.setMaximumHeight(80)
        self.remove = QPushButton("Remove")
        self.remove.setAccessibleName(f"{field.label}: remove the selected country")
        self.remove.clicked.connect(self._remove)
        self.none_box = QCheckBox("None")
        self.none_box.setAccessibleName(f"{field.label}: none")
        self.none_box.toggled.connect(self._none_toggled)
        self.state = QLabel()
        self.state.setObjectName("answerState")
        row = QHBoxLayout()
        row.addWidget(self.picker, 1)
        row.addWidget(self.remove)
        row.addWidget(self.none_box)
        row.addWidget(self.state)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.list)
        self.setFocusProxy(self.picker)
        self._update_state()

    def _codes(self) -> list[str]:
        return [self.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.list.count())]

    def _add(self, index: int) -> None:
        code = self.picker.itemData(index)
        if code and code not in self._codes():
            self._append(code)
            self.none_box.blockSignals(True)
            self.none_box.setChecked(False)
            self.none_box.blockSignals(False)
            self._update_state()
            self.changed.emit()
        self.picker.setCurrentIndex(0)

    def _append(self, code: str) -> None:
        item = QListWidgetItem(f"{self.countries.get(code, code)} ({code})")
        item.setData(Qt.ItemDataRole.UserRole, code)
        self.list.addItem(item)

    def _remove(self) -> None:
        for item in self.list.selectedItems() or ([self.list.item(self.list.count() - 1)] if self.list.count() else []):
            self.list.takeItem(self.list.row(item))
        self._update_state()
        self.changed.emit()

    def _none_toggled(self, checked: bool) -> None:
        if checked:
            self.list.clear()
        self._update_state()
        self.changed.emit()

    def _update_state(self) -> None:
        self.state.setText("" if (self.list.count() or self.none_box.isChecked()) else "Not answered")
        self.list.setVisible(self.list.count() > 0)

    def value(self) -> Any:
        codes = self._codes()
        if codes:
            return tuple(codes)
        return () if self.none_box.isChecked() else None

    def set_value(self, value: Any) -> None:
        self.list.clear()
        for code in value or ():
            self._append(code)
        self.none_box.blockSignals(True)
        self.none_box.setChecked(value is not None and not value)
        self.none_box.blockSignals(False)
        self._update_state()


def make_input(field: core.Field, countries: dict[str, str]) -> FieldInput:
    """The input widget for a field's type."""
    if field.type is FieldType.CHOICE:
        return ChoiceInput(field)
    if field.type is FieldType.BOOLEAN:
        return BooleanInput(field)
    if field.type is FieldType.MULTICHOICE:
        return MultiChoiceInput(field)
    if field.type is FieldType.COUNTRY:
        return CountryInput(field, countries)
    return CountriesInput(field, countries)
