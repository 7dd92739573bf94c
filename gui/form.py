"""The scenario form, generated from the questionnaire: sections of questions, each with its
help text and an input from :mod:`gui.inputs`; questions show and hide as they are asked."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QSize, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

import core
from gui.inputs import make_input
from gui.style import style_label


def title_edit() -> QLineEdit:
    """The scenario title's box (the same in the form and the guided steps)."""
    edit = QLineEdit()
    edit.setAccessibleName("Scenario title")
    edit.setPlaceholderText("A short name for the deployment")
    return edit


def as_of_edit() -> QDateEdit:
    """The evaluation date's picker, off until a fixed date is chosen."""
    edit = QDateEdit()
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    edit.setAccessibleName("Evaluation date")
    edit.setEnabled(False)
    return edit


class FieldRow(QWidget):
    """A question, its help text and its input."""

    def __init__(self, field: core.Field, countries: dict[str, str]) -> None:
        super().__init__()
        self.field = field
        self.question = QLabel(field.question)
        self.question.setTextFormat(Qt.TextFormat.PlainText)
        style_label(self.question, "question")
        self.question.setWordWrap(True)
        self.help = QLabel(field.help)
        self.help.setTextFormat(Qt.TextFormat.PlainText)
        self.help.setWordWrap(True)
        style_label(self.help, "help")
        self.input = make_input(field, countries)
        self.question.setBuddy(self.input)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 6)
        layout.setSpacing(2)
        layout.addWidget(self.question)
        layout.addWidget(self.help)
        layout.addWidget(self.input)


class ScenarioForm(QScrollArea):
    """The whole form: title, evaluation date, notes, then the questionnaire's sections."""

    answer_changed = Signal(str, object)
    title_changed = Signal(str)
    notes_changed = Signal(str)
    as_of_changed = Signal(object)

    def __init__(self, questionnaire: core.Questionnaire) -> None:
        super().__init__()
        self.setWidgetResizable(True)
        # Sideways scrolling only as a last resort (very narrow windows at high zoom).
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setAccessibleName("Scenario form")
        body = QWidget()
        outer = QVBoxLayout(body)
        self.setWidget(body)  # before the rows: they are polished and laid out when shown, the hidden ones not at all

        basics = QGroupBox("Scenario")
        form = QFormLayout(basics)
        self.title = title_edit()
        self.title.textEdited.connect(self.title_changed.emit)
        self.use_date = QCheckBox("Evaluate as of")
        self.use_date.setAccessibleName("Evaluate as of a fixed date (otherwise today)")
        self.date = as_of_edit()
        self.use_date.toggled.connect(self._date_toggled)
        self.date.dateChanged.connect(lambda _: self._emit_date())
        date_row = QHBoxLayout()
        date_row.addWidget(self.use_date)
        date_row.addWidget(self.date)
        self.today_label = QLabel("(today)")
        date_row.addWidget(self.today_label)
        date_row.addStretch(1)
        self.notes = QPlainTextEdit()
        self.notes.setAccessibleName("Notes")
        self.notes.setPlaceholderText("Context for reviewers: proposal number, vendor, assumptions…")
        self.notes.setFixedHeight(64)
        self.notes.setTabChangesFocus(True)
        self.notes.textChanged.connect(lambda: self.notes_changed.emit(self.notes.toPlainText()))
        form.addRow("&Title", self.title)
        form.addRow("Date", date_row)
        form.addRow("Notes", self.notes)
        outer.addWidget(basics)

        self.rows: dict[str, FieldRow] = {}
        self.sections: dict[str, QGroupBox] = {}
        countries = dict(questionnaire.countries)
        for section in questionnaire.sections:
            box = QGroupBox(section.title)
            box.setAccessibleName(section.title)
            layout = QVBoxLayout(box)
            if section.help:
                hint = QLabel(section.help)
                hint.setTextFormat(Qt.TextFormat.PlainText)
                style_label(hint, "help")
                hint.setWordWrap(True)
                layout.addWidget(hint)
            for fid in section.fields:
                row = FieldRow(questionnaire.fields[fid], countries)
                row.input.changed.connect(lambda fid=fid: self.answer_changed.emit(fid, self.rows[fid].input.value()))
                self.rows[fid] = row
                layout.addWidget(row)
            self.sections[section.id] = box
            outer.addWidget(box)
        outer.addStretch(1)

    def sizeHint(self) -> QSize:
        """Qt's largest hint for a scroll area (36 × 24 lines), which a form this long always reaches,
        without measuring every row: that would polish and lay out questions that are never shown."""
        line = self.fontMetrics().height()
        return QSize(36 * line, 24 * line)

    def _date_toggled(self, checked: bool) -> None:
        self.date.setEnabled(checked)
        self.today_label.setVisible(not checked)
        self._emit_date()

    def _emit_date(self) -> None:
        if self.use_date.isChecked():
            self.as_of_changed.emit(self.date.date().toPython())
        else:
            self.as_of_changed.emit(None)

    def show_scenario(self, scenario: core.Scenario) -> None:
        """Show every value of ``scenario`` (signals blocked: nothing is reported back)."""
        for widget in (self.title, self.notes, self.use_date, self.date):
            widget.blockSignals(True)
        self.title.setText(scenario.title)
        if self.notes.toPlainText() != scenario.notes:
            self.notes.setPlainText(scenario.notes)
        self.use_date.setChecked(scenario.as_of is not None)
        self.date.setEnabled(scenario.as_of is not None)
        self.today_label.setVisible(scenario.as_of is None)
        self.date.setDate(QDate(scenario.as_of or dt.date.today()))
        for widget in (self.title, self.notes, self.use_date, self.date):
            widget.blockSignals(False)
        for fid, row in self.rows.items():
            row.input.set_value(scenario.answers.get(fid))

    def show_visible(self, visible: tuple[str, ...]) -> None:
        """Show the fields that are asked, hide the others (and empty sections).

        Only what changes is shown or hidden: showing a widget that is not hidden still polishes it
        and lays it out at once, even before the window shows (at start-up, every asked question)."""
        shown = set(visible)
        for fid, row in self.rows.items():
            _set_shown(row, fid in shown)
        for box in self.sections.values():
            _set_shown(box, any(not r.isHidden() for r in box.findChildren(FieldRow)))

    def focus_field(self, field_id: str) -> bool:
        """Scroll to a field and give it keyboard focus; False if it is not shown."""
        row = self.rows.get(field_id)
        if row is None or row.isHidden():
            return False
        self.ensureWidgetVisible(row)
        row.input.setFocus(Qt.FocusReason.OtherFocusReason)
        return True


def _set_shown(widget: QWidget, shown: bool) -> None:
    """Show or hide ``widget`` if it is not already so."""
    if widget.isHidden() == shown:
        widget.setVisible(shown)
