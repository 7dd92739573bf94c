"""Guided mode: the questionnaire one section per page, with Back / Next and "Step 3 of 7",
then a review of every answer before the verdict — beside the live findings, as the full form.

The pages reuse the form's question rows (:class:`gui.form.FieldRow`, which builds the inputs
of :mod:`gui.inputs`); edits go through the same window handlers as the full form's.
Pages with no question asked (e.g. cameras, for a text-only service) are skipped.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt, QUrl, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

import core
from gui.findings_html import SYMBOLS
from gui.form import FieldRow, as_of_edit, title_edit
from gui.markup import escape
from gui.style import style_label


def _page(widgets: list[QWidget], intro: str) -> QScrollArea:
    body = QWidget()
    layout = QVBoxLayout(body)
    if intro:
        hint = QLabel(intro)
        style_label(hint, "help")
        hint.setWordWrap(True)
        hint.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(hint)
    for widget in widgets:
        layout.addWidget(widget)
    layout.addStretch(1)
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setWidget(body)
    return area


class GuidedForm(QWidget):
    """The questionnaire as steps; emits the same signals as :class:`gui.form.ScenarioForm`."""

    answer_changed = Signal(str, object)
    title_changed = Signal(str)
    as_of_changed = Signal(object)
    findings_requested = Signal()

    def __init__(self, questionnaire: core.Questionnaire) -> None:
        super().__init__()
        self.questionnaire = questionnaire
        self.setAccessibleName("Guided questions")
        self.rows: dict[str, FieldRow] = {}
        self.section_titles = ["About the scenario", *[s.title for s in questionnaire.sections], "Review your answers"]
        self.pages = QStackedWidget()
        self.pages.addWidget(self._basics_page())
        for section in questionnaire.sections:
            rows = []
            for fid in section.fields:
                row = FieldRow(questionnaire.fields[fid], dict(questionnaire.countries))
                row.input.changed.connect(lambda fid=fid: self.answer_changed.emit(fid, self.rows[fid].input.value()))
                self.rows[fid] = row
                rows.append(row)
            self.pages.addWidget(_page(rows, section.help))
        self.review = QTextBrowser()
        self.review.setOpenLinks(False)
        self.review.setAccessibleName("Review of your answers")
        self.review.anchorClicked.connect(self._review_link)
        self.to_findings = QPushButton("&Show the findings")
        self.to_findings.clicked.connect(self.findings_requested.emit)
        review_page = QWidget()
        review_layout = QVBoxLayout(review_page)
        review_layout.setContentsMargins(0, 0, 0, 0)
        review_layout.addWidget(self.review, 1)
        review_layout.addWidget(self.to_findings)
        self.pages.addWidget(review_page)

        self.heading = QLabel()
        style_label(self.heading, "question")
        self.heading.setWordWrap(True)
        self.back = QPushButton("Back (Alt+B)")
        self.back.setAccessibleName("Back to the previous step")
        self.back.clicked.connect(lambda: self.go(-1))
        self.next = QPushButton("Next (Alt+N)")
        self.next.setAccessibleName("Next step")
        self.next.clicked.connect(lambda: self.go(+1))
        buttons = QHBoxLayout()
        buttons.addWidget(self.back)
        buttons.addStretch(1)
        buttons.addWidget(self.next)
        for keys, step in (("Alt+N", +1), ("Alt+B", -1), ("Ctrl+PgDown", +1), ("Ctrl+PgUp", -1)):
            shortcut = QShortcut(QKeySequence(keys), self, lambda step=step: self.go(step))
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.pages, 1)
        layout.addLayout(buttons)
        self.visible: set[str] = set(questionnaire.fields)
        self.evaluation: core.Evaluation | None = None
        self.scenario = core.Scenario()
        self.show_page(0)

    def _basics_page(self) -> QScrollArea:
        self.title = title_edit()
        self.title.textEdited.connect(self.title_changed.emit)
        self.use_date = _wrapping_checkbox("Evaluate as of a fixed date (otherwise today)")
        self.date = as_of_edit()
        self.use_date.toggled.connect(self._date_edited)
        self.date.dateChanged.connect(lambda _: self._date_edited())
        box = QWidget()
        form = QFormLayout(box)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow("&Title", self.title)
        form.addRow(self.use_date)
        form.addRow("&Date", self.date)
        return _page([box], "Answer one group of questions at a time; the findings beside update as you go.")

    def _date_edited(self, *_args) -> None:
        self.date.setEnabled(self.use_date.isChecked())
        self.as_of_changed.emit(self.date.date().toPython() if self.use_date.isChecked() else None)

    # --- steps ------------------------------------------------------------------------------

    def steps(self) -> list[int]:
        """The page numbers shown as steps: the basics, sections with a question asked, the review."""
        sections = [
            i + 1 for i, s in enumerate(self.questionnaire.sections) if any(fid in self.visible for fid in s.fields)
        ]
        return [0, *sections, self.pages.count() - 1]

    def show_page(self, page: int) -> None:
        """Show page ``page`` and say which step it is; the keyboard goes to its first question."""
        self.pages.setCurrentIndex(page)
        steps = self.steps()
        number = steps.index(page) + 1 if page in steps else 1
        self.heading.setText(f"Step {number} of {len(steps)}: {self.section_titles[page]}")
        self.back.setEnabled(page != steps[0])
        last = page == steps[-1]
        self.next.setEnabled(not last)
        self.next.setText("Next: review your answers (Alt+N)" if page == steps[-2] else "Next (Alt+N)")
        if last:
            self._fill_review()

    def go(self, direction: int) -> None:
        """Back (-1) or Next (+1), skipping pages with nothing asked."""
        steps = self.steps()
        current = self.pages.currentIndex()
        later = [s for s in steps if (s > current if direction > 0 else s < current)]
        if not later:
            return
        self.show_page(later[0] if direction > 0 else later[-1])
        self.focus_first()

    def focus_first(self) -> None:
        """Put the keyboard on the page's first question (or the review)."""
        page = self.pages.currentIndex()
        if page == 0:
            self.title.setFocus(Qt.FocusReason.TabFocusReason)
        elif page == self.pages.count() - 1:
            self.review.setFocus(Qt.FocusReason.TabFocusReason)
        else:
            section = self.questionnaire.sections[page - 1]
            for fid in section.fields:
                if fid in self.visible:
                    self.rows[fid].input.setFocus(Qt.FocusReason.TabFocusReason)
                    return

    def focus_field(self, field_id: str) -> bool:
        """Turn to the page of a question and focus it; False if it is not asked."""
        if field_id not in self.rows or field_id not in self.visible:
            return False
        page = next(i + 1 for i, s in enumerate(self.questionnaire.sections) if field_id in s.fields)
        self.show_page(page)
        area = self.pages.currentWidget()
        if isinstance(area, QScrollArea):
            area.ensureWidgetVisible(self.rows[field_id])
        self.rows[field_id].input.setFocus(Qt.FocusReason.OtherFocusReason)
        return True

    # --- showing ----------------------------------------------------------------------------

    def show_scenario(self, scenario: core.Scenario) -> None:
        """Show every value of ``scenario`` (nothing is reported back)."""
        self.scenario = scenario
        for widget in (self.title, self.use_date, self.date):
            widget.blockSignals(True)
        if self.title.text() != scenario.title:
            self.title.setText(scenario.title)
        self.use_date.setChecked(scenario.as_of is not None)
        self.date.setEnabled(scenario.as_of is not None)
        self.date.setDate(QDate(scenario.as_of or dt.date.today()))
        for widget in (self.title, self.use_date, self.date):
            widget.blockSignals(False)
        for fid, row in self.rows.items():
            if row.input.value() != _normal(scenario.answers.get(fid)):
                row.input.set_value(scenario.answers.get(fid))

    def show_evaluation(self, evaluation: core.Evaluation, visible: tuple[str, ...]) -> None:
        """Which questions are asked now; the review's verdict line."""
        self.evaluation = evaluation
        self.scenario = evaluation.scenario
        self.visible = set(visible)
        for fid, row in self.rows.items():
            row.setVisible(fid in self.visible)
        page = self.pages.currentIndex()
        if page not in self.steps():
            later = [s for s in self.steps() if s > page]
            page = later[0]
        self.show_page(page)

    def _fill_review(self) -> None:
        answers = self.scenario.answers
        parts = [f"<h3>{escape(self.scenario.title or 'Untitled scenario')}</h3>"]
        for number, section in enumerate(self.questionnaire.sections, start=1):
            asked = [fid for fid in section.fields if fid in self.visible]
            if not asked:
                continue
            items = []
            for fid in asked:
                field = self.questionnaire.fields[fid]
                answer = field.describe_answer(answers[fid]) if fid in answers else "not answered"
                style = ' style="color:#5B3F8C; font-style:italic;"' if fid not in answers else ""
                items.append(f"<li>{escape(field.label)}: <span{style}>{escape(answer)}</span></li>")
            parts.append(
                f'<p><b>{escape(section.title)}</b> — <a href="step:{number}">change</a></p><ul>{"".join(items)}</ul>'
            )
        if self.evaluation is not None:
            overall = self.evaluation.overall
            parts.append(f"<p><b>Verdict: {SYMBOLS[overall]} {escape(overall.label)}</b>. ")
            parts.append(f"{escape(overall.overall_meaning)} The findings beside give the reasons.</p>")
        self.review.setHtml("".join(parts))

    def _review_link(self, url: QUrl) -> None:
        text = url.toString()
        if text.startswith("step:"):
            self.show_page(int(text.removeprefix("step:")))
            self.focus_first()


def _normal(value):
    return tuple(value) if isinstance(value, list) else value


def _wrapping_checkbox(text: str) -> QCheckBox:
    """A checkbox whose label wraps, taking the width the page gives it (so the page reflows at 200 %)."""
    from gui.reflow import WrappingCheckBox

    box = WrappingCheckBox(text)
    policy = box.sizePolicy()
    policy.setHorizontalPolicy(policy.Policy.Ignored)
    box.setSizePolicy(policy)
    return box


def install_guided_mode(window, splitter: QSplitter) -> GuidedForm:
    """Build guided mode into the window's splitter, in place of the hidden placeholder at index 1
    (see :func:`gui.menus.guided_mode_action`): built on first use, not at start-up."""
    guided = GuidedForm(window.packs.questionnaire)
    guided.setVisible(False)
    splitter.replaceWidget(1, guided).deleteLater()
    guided.answer_changed.connect(window.form.answer_changed.emit)
    guided.title_changed.connect(window.form.title_changed.emit)
    guided.as_of_changed.connect(window.form.as_of_changed.emit)
    guided.findings_requested.connect(lambda: window.results.outline.setFocus(Qt.FocusReason.OtherFocusReason))
    return guided


def set_guided(window, on: bool) -> None:
    """Switch between guided mode and the full form; both show the same scenario."""
    scenario = window.session.scenario
    if on:
        window.guided.show_scenario(scenario)
        window.guided.show_evaluation(window.session.evaluation(), window.session.visible_fields())
    else:
        window.form.show_scenario(scenario)
    splitter = window.guided.parentWidget()
    sizes = splitter.sizes() if isinstance(splitter, QSplitter) else []
    window.form.setVisible(not on)
    window.guided.setVisible(on)
    if len(sizes) == 3:  # the side being shown takes the room of the side being hidden
        left = max(sizes[0], sizes[1])
        splitter.setSizes([0, left, sizes[2]] if on else [left, 0, sizes[2]])
    if window.guided_action.isChecked() != on:
        window.guided_action.setChecked(on)
    if on:
        window.guided.focus_first()
    else:
        window.form.setFocus(Qt.FocusReason.OtherFocusReason)
