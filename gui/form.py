"""The scenario form, generated from the questionnaire: sections of questions, each with its
help text and an input from :mod:`gui.inputs`; questions show and hide as they are asked."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping

from PySide6.QtCore import QDate, QSize, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
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
from gui.reflow import WrappingLabel
from gui.style import style_label
from gui.wheel_guard import GuardedDateEdit


def title_edit() -> QLineEdit:
    """The scenario title's box (the same in the form and the guided steps)."""
    edit = QLineEdit()
    edit.setAccessibleName("Scenario title")
    edit.setPlaceholderText("A short name for the deployment")
    return edit


def as_of_edit() -> GuardedDateEdit:
    """The evaluation date's picker, off until a fixed date is chosen."""
    edit = GuardedDateEdit()
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
        self.question = style_label(WrappingLabel(field.question), "question")
        self.help = style_label(WrappingLabel(field.help), "help")
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
        # The form is always longer than the window: a scroll bar that comes and goes as questions
        # are asked would change the width of every row, and every wrapped line be laid out again.
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.setAccessibleName("Scenario form")
        body = FormBody()
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

        self.sections: dict[str, QGroupBox] = {}
        places: dict[str, tuple[QVBoxLayout, int]] = {}
        for section in questionnaire.sections:
            box = QGroupBox(section.title)
            box.setAccessibleName(section.title)
            layout = QVBoxLayout(box)
            if section.help:
                hint = style_label(WrappingLabel(section.help), "help")
                layout.addWidget(hint)
            places[section.id] = (layout, layout.count())
            self.sections[section.id] = box
            outer.addWidget(box)
        outer.addStretch(1)
        self.rows = FormRows(self, questionnaire, places)
        """Every question's row, built when first shown or asked for (:class:`FormRows`)."""

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
        for fid in self.rows:
            self.rows.show_value(fid, scenario.answers.get(fid))

    def show_visible(self, visible: tuple[str, ...]) -> None:
        """Show the fields that are asked, hide the others (and empty sections).

        Only what changes is shown or hidden: showing a widget that is not hidden still polishes it
        and lays it out at once, even before the window shows. Before the window first shows, only
        the first :data:`FIRST_SCREEN` asked questions are built; the others wait until the form has
        first been painted (:meth:`FormRows.wait`) and are built at once if asked for."""
        shown = set(visible)
        early = not self.window().isVisible()
        first = 0
        waiting = []
        for fid in self.rows:
            if fid in self.rows.built:
                _set_shown(self.rows.built[fid], fid in shown)
                first += fid in shown
            elif fid in shown:
                if early and first >= FIRST_SCREEN:
                    waiting.append(fid)
                else:
                    self.rows.build(fid, shown=True)
                    first += 1
        self.rows.wait(waiting)
        built = self.rows.built
        for section_id, box in self.sections.items():
            # A section shows with its first question: those still waiting show it when built.
            _set_shown(box, any(fid in shown and fid in built for fid in self.rows.section_fields[section_id]))

    def focus_field(self, field_id: str) -> bool:
        """Scroll to a field and give it keyboard focus; False if it is not shown."""
        row = self.rows[field_id] if field_id in self.rows.waiting else self.rows.built.get(field_id)
        if row is None or row.isHidden():
            return False
        self.ensureWidgetVisible(row)
        row.input.setFocus(Qt.FocusReason.OtherFocusReason)
        return True


class FormBody(QWidget):
    """The widget the form's rows sit in; says when it is first painted (``first_painted``).

    A paint handler, not an event filter: a filter would be handed every event of building and
    showing the form, and have PySide6 make the Python class of every kind of Qt event."""

    first_painted = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.painted = False

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        if not self.painted:
            self.painted = True
            self.first_painted.emit()


def _set_shown(widget: QWidget, shown: bool) -> None:
    """Show or hide ``widget`` if it is not already so."""
    if widget.isHidden() == shown:
        widget.setVisible(shown)


FIRST_SCREEN = 5
"""Asked questions built before the window first shows: about what a window of the usual size shows
(four, and the top of a fifth). The ones further down are built together once the form has first
been painted, so the window shows without waiting for questions below its edge. (Built one per
pass of the event loop instead, each would have the form laid out and the window painted again:
three times the work in all.)"""


class FormRows(Mapping[str, FieldRow]):
    """The form's question rows by field id, each built the first time it is shown or asked for.

    A scenario asks about half the questions; the others are not made at start-up, and of those it
    asks, the ones below the first screen are made once the form has first been painted (:meth:`wait`).
    A row built after the rest of the window joins the Tab order where it stands in the form (Qt
    would put it last), and the values shown before it existed are put in it.
    """

    def __init__(self, form: ScenarioForm, questionnaire: core.Questionnaire, places) -> None:
        self.form = form
        self.questionnaire = questionnaire
        self.countries = dict(questionnaire.countries)
        self.places: dict[str, tuple[QVBoxLayout, int]] = places
        """Each section's layout and the index of its first row in it."""
        self.section_fields = {s.id: s.fields for s in questionnaire.sections}
        self.section_of = {fid: s.id for s in questionnaire.sections for fid in s.fields}
        self.order = [fid for s in questionnaire.sections for fid in s.fields]
        self.built: dict[str, FieldRow] = {}
        self.waiting: list[str] = []
        """Asked questions, in form order, to be built once the form has first been painted."""
        self._watching = False
        self.pending: dict[str, object] = {}
        """Values shown while a row did not exist yet."""
        self.last_stop: dict[str, QWidget] = {}

    def __getitem__(self, field_id: str) -> FieldRow:
        row = self.built.get(field_id)
        if row is not None:
            return row
        if field_id in self.waiting:  # asked for before its turn: built now, shown (it is asked)
            self.waiting.remove(field_id)
            return self.build(field_id, shown=True)
        return self.build(field_id, shown=False)

    def __contains__(self, field_id: object) -> bool:
        return field_id in self.section_of  # without building the row

    def __iter__(self) -> Iterator[str]:
        return iter(self.order)

    def __len__(self) -> int:
        return len(self.order)

    def wait(self, waiting: list[str]) -> None:
        """Build the asked questions ``waiting`` (in form order) in the pass of the event loop after
        the form is first painted (any still waiting from an earlier call are dropped)."""
        self.waiting = list(waiting)
        body = self.form.widget()
        if not self.waiting or self._watching:
            return
        if body.painted:  # already on screen: the next pass
            QTimer.singleShot(0, body, self.build_waiting)
            return
        self._watching = True
        body.first_painted.connect(self._first_painted, Qt.ConnectionType.SingleShotConnection)

    def _first_painted(self) -> None:
        # the pass of the event loop after the first paint (dropped if the form goes first)
        QTimer.singleShot(0, self.form.widget(), self.build_waiting)

    def build_waiting(self) -> None:
        """Build every waiting question, in form order."""
        self._watching = False
        while self.waiting:
            self.build(self.waiting.pop(0), shown=True)

    def show_value(self, field_id: str, value: object) -> None:
        """Show ``value`` in the row, now or when it is built."""
        row = self.built.get(field_id)
        if row is None:
            self.pending[field_id] = value
        else:
            row.input.set_value(value)

    def build(self, field_id: str, *, shown: bool) -> FieldRow:
        """Build the row of ``field_id``, hidden or shown. Before the window first shows, a row to be
        shown is left as it is: it is polished and laid out once, with the window, not now."""
        if field_id not in self.section_of:
            raise KeyError(field_id)
        row = FieldRow(self.questionnaire.fields[field_id], self.countries)
        row.input.set_value(self.pending.pop(field_id, None))
        row.input.changed.connect(lambda: self.form.answer_changed.emit(field_id, row.input.value()))
        section = self.section_of[field_id]
        layout, first = self.places[section]
        fields = self.section_fields[section]
        before = fields[: fields.index(field_id)]
        layout.insertWidget(first + sum(1 for f in before if f in self.built), row)
        self.built[field_id] = row
        self._join_tab_order(field_id, row)
        if not shown:
            row.hide()
        else:
            _set_shown(self.form.sections[section], True)
            if self.form.isVisible():
                row.show()
        return row

    def _join_tab_order(self, field_id: str, row: FieldRow) -> None:
        stops = row.input.tab_stops()
        if not stops:
            return
        previous: QWidget = self.form.notes  # the last field before the questions
        for fid in reversed(self.order[: self.order.index(field_id)]):
            if fid in self.last_stop:
                previous = self.last_stop[fid]
                break
        for stop in stops:
            QWidget.setTabOrder(previous, stop)
            previous = stop
        self.last_stop[field_id] = stops[-1]
