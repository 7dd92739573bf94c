"""Country inputs: a searchable picker with suggestions from the first keystroke.

Typing "France", "fra" or "FR" suggests France first (an exact code, then names that start with
the text, then names and codes that contain it). "Not answered" and "Add a country…" are
placeholders, not text in the box, so typing never appends to them.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QSignalBlocker, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

import core
from gui.inputs import FieldInput
from gui.reflow import ShrinkingComboBox
from gui.style import style_label

CODE_ROLE = Qt.ItemDataRole.UserRole
NAME_ROLE = Qt.ItemDataRole.UserRole + 1


def rank(text: str, name: str, code: str) -> int | None:
    """How well ``text`` matches a country (lower is better; None: no match)."""
    wanted = text.strip().casefold()
    if not wanted:
        return 3
    name_cf, code_cf = name.casefold(), code.casefold()
    if wanted in (code_cf, name_cf):
        return 0
    if name_cf.startswith(wanted) or any(word.startswith(wanted) for word in name_cf.split()):
        return 1
    if wanted in name_cf or wanted in f"{name_cf} ({code_cf})":
        return 2
    return None


class CountryFilter(QSortFilterProxyModel):
    """The suggestions for the text typed so far, best first."""

    def __init__(self, parent) -> None:
        super().__init__(parent)
        self.text = ""

    def set_text(self, text: str) -> None:
        """Suggest countries for ``text``."""
        self.beginFilterChange()
        self.text = text
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        self.sort(0)

    def _rank(self, row: int) -> int | None:
        index = self.sourceModel().index(row, 0)
        return rank(self.text, index.data(NAME_ROLE), index.data(CODE_ROLE))

    def filterAcceptsRow(self, row: int, parent: QModelIndex) -> bool:
        return self._rank(row) is not None

    def lessThan(self, left: QModelIndex, right: QModelIndex) -> bool:
        a, b = self._rank(left.row()) or 0, self._rank(right.row()) or 0
        return (a, left.data(NAME_ROLE)) < (b, right.data(NAME_ROLE))


_MODELS: dict[tuple[tuple[str, str], ...], QStandardItemModel] = {}


def country_model(countries: dict[str, str]) -> QStandardItemModel:
    """The countries by name, each with its code (:data:`CODE_ROLE`) and name (:data:`NAME_ROLE`):
    one list for every picker of the same table, built once and kept while the app runs (each
    picker keeps its own choice)."""
    key = tuple(countries.items())
    model = _MODELS.get(key)
    if model is None:
        model = QStandardItemModel()
        for code, name in sorted(countries.items(), key=lambda kv: kv[1]):
            item = QStandardItem(f"{name} ({code})")
            item.setData(code, CODE_ROLE)
            item.setData(name, NAME_ROLE)
            model.appendRow(item)
        _MODELS[key] = model
    return model


class CountryPicker(ShrinkingComboBox):
    """A searchable list of countries: type any part of a name, or the code."""

    picked = Signal(object)
    """A country code chosen by the user (None: the box was emptied)."""

    def __init__(self, countries: dict[str, str], *, placeholder: str, keep_choice: bool = True) -> None:
        super().__init__()
        self.keep_choice = keep_choice
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        # Long names ("South Georgia and the South Sandwich Islands") must not widen the form.
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(12)
        self.setModel(country_model(countries))
        self.setCurrentIndex(-1)
        self.lineEdit().setPlaceholderText(placeholder)
        self.suggestions = CountryFilter(self)  # filled when the user first types (every row is ranked)
        completer = QCompleter(self.suggestions, self)
        completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        completer.setMaxVisibleItems(8)
        self.setCompleter(completer)
        self.lineEdit().textEdited.connect(self._typed)
        completer.activated[QModelIndex].connect(self._chosen)
        self.lineEdit().returnPressed.connect(lambda: self._pick_text(self.lineEdit().text()))
        self.lineEdit().editingFinished.connect(self._restore_text)
        self.let_shrink()

    def _typed(self, text: str) -> None:
        if self.suggestions.sourceModel() is None:
            self.suggestions.setSourceModel(self.model())
        self.suggestions.set_text(text)
        if text.strip():
            self.completer().complete()

    def _chosen(self, index: QModelIndex) -> None:
        self._pick(index.data(CODE_ROLE))

    def _pick_text(self, text: str) -> None:
        """Enter in the box: the best suggestion for what was typed (nothing typed: not answered)."""
        if not text.strip():
            self._pick(None)
            return
        best = [(rank(text, self.itemData(i, NAME_ROLE), self.itemData(i)), i) for i in range(self.count())]
        matches = sorted((r, i) for r, i in best if r is not None)
        if matches and (matches[0][0] == 0 or len(matches) == 1 or matches[0][0] < matches[1][0]):
            self._pick(self.itemData(matches[0][1]))
        elif not matches:
            self._restore_text()

    def _pick(self, code: str | None) -> None:
        changed = code != self.code()
        if self.keep_choice:
            self.set_code(code)
        else:
            self.set_code(None)
        if changed or not self.keep_choice:
            self.picked.emit(code)

    def _restore_text(self) -> None:
        """Leaving the box: it shows the choice (or the placeholder), never half-typed text."""
        if self.completer().popup().isVisible():
            return
        index = self.currentIndex()
        self.lineEdit().setText(self.itemText(index) if index >= 0 else "")

    def code(self) -> str | None:
        """The chosen country code, or None."""
        return self.currentData() if self.currentIndex() >= 0 else None

    def set_code(self, code: str | None) -> None:
        """Choose ``code`` (None: nothing chosen, the placeholder shows)."""
        self.blockSignals(True)
        self.setCurrentIndex(self.findData(code) if code else -1)
        self.blockSignals(False)
        self.lineEdit().setText(self.itemText(self.currentIndex()) if self.currentIndex() >= 0 else "")


class CountryInput(FieldInput):
    """One country, chosen with a searchable picker; empty means not answered."""

    def __init__(self, field: core.Field, countries: dict[str, str]) -> None:
        super().__init__(field)
        self.picker = CountryPicker(countries, placeholder="Not answered — type a country or its code")
        self.picker.setAccessibleName(field.label)
        self.picker.picked.connect(lambda _: self.changed.emit())
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.picker, 1)
        self.setFocusProxy(self.picker)

    def tab_stops(self) -> list[QWidget]:
        return [self.picker, self.picker.lineEdit()]

    def value(self) -> Any:
        return self.picker.code()

    def set_value(self, value: Any) -> None:
        self.picker.set_code(value)


class CountriesInput(FieldInput):
    """Several countries: a picker that adds, a list with Remove, and "None" for no other country."""

    def __init__(self, field: core.Field, countries: dict[str, str]) -> None:
        super().__init__(field)
        self.countries = countries
        self.picker = CountryPicker(countries, placeholder="Add a country — type its name or code", keep_choice=False)
        self.picker.setAccessibleName(f"{field.label}: add a country")
        self.picker.picked.connect(self._add)
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
        style_label(self.state, "answerState")
        row = QHBoxLayout()
        row.addWidget(self.remove)
        row.addWidget(self.none_box)
        row.addWidget(self.state)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.picker)
        layout.addLayout(row)
        layout.addWidget(self.list)
        self.setFocusProxy(self.picker)
        self._update_state()

    def tab_stops(self) -> list[QWidget]:
        return [self.picker, self.picker.lineEdit(), self.remove, self.none_box, self.list]

    def _codes(self) -> list[str]:
        return [self.list.item(i).data(CODE_ROLE) for i in range(self.list.count())]

    def _add(self, code: str | None) -> None:
        if code and code not in self._codes():
            self._append(code)
            with QSignalBlocker(self.none_box):
                self.none_box.setChecked(False)
            self._update_state()
            self.changed.emit()

    def _append(self, code: str) -> None:
        item = QListWidgetItem(f"{self.countries.get(code, code)} ({code})")
        item.setData(CODE_ROLE, code)
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
