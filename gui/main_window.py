"""The main window: the scenario form, the live findings panel, menus, files, export, verify.

A passive view over :class:`gui.session.Session`: it forwards edits to the session, shows the
session's evaluation, and asks the user questions through a few small methods (``ask_*``,
``show_*``) that tests replace instead of clicking through modal dialogs.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QSplitter

import core
from gui.findings_html import SYMBOLS
from gui.focus_ring import FocusRing
from gui.form import ScenarioForm
from gui.geometry import WindowPlacement
from gui.memo_actions import MemoActions
from gui.menus import build_menus, guided_mode_action
from gui.results_panel import ResultsPanel
from gui.session import Draft, Session
from gui.settings import Settings
from gui.style import ReachedHighlight, next_zoom, scale_application_font, window_style
from gui.verdict_banner import VerdictBanner
from gui.verdict_change import VerdictChange

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMessageBox, QTextBrowser

    from gui.guided import GuidedForm
    from gui.prompts import DialogPrompts


class MainWindow(MemoActions, QMainWindow):
    """Clausewise's only top-level window: the passive view of a :class:`Session`.

    What the first screen does not show is built when first needed: guided mode (``guided``),
    the what-if and timeline tabs, the dialogs and the portfolio.
    """

    def __init__(self, packs: core.PackSet, settings: Settings | None = None, *, show_empty: bool = True) -> None:
        """``show_empty``: evaluate and show the empty scenario now (False when a file is opened next)."""
        super().__init__()
        self.packs = packs
        self.settings = settings or Settings.load()
        self.session = Session(packs, self, settings=self.settings)
        self._prompts: DialogPrompts | None = None
        self.base_point_size = QApplication.font().pointSizeF()
        self.export_dialog = None
        self.countersign_dialog = None
        self.signing_dialog = None
        self.last_dialog = None
        self.busy = None
        self.last_export = None
        self.reached = ReachedHighlight(self)
        FocusRing.install()
        self.setAnimated(False)  # no docks to animate; the animation's timer would cost ≈20 ms (TECH-NOTES)

        self.form = ScenarioForm(packs.questionnaire)
        self.results = ResultsPanel(packs)
        self.results.question_activated.connect(self._question)
        self.results.apply_requested.connect(self.apply_change_set)
        self.results.copy_requested.connect(lambda cs: self.session.apply(cs, as_copy=True))
        self.banner = VerdictBanner()
        self.banner.undo_requested.connect(self.session.undo_verdict_change)
        self.results.lock_toggled.connect(self.session.set_locked)
        self.portfolio = None
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.form)
        right = self.results.pinned_pane()
        right.layout().insertWidget(1, self.banner)  # a verdict change shows under the verdict, above the findings
        splitter.addWidget(right)
        splitter.setSizes([560, 800])
        splitter.setChildrenCollapsible(False)
        self.setCentralWidget(splitter)
        self._splitter, self._guided = splitter, None
        self.guided_action = guided_mode_action(self, splitter)
        self.placement = WindowPlacement(self, splitter)
        self.verdict_label = QLabel()
        self.verdict_label.setAccessibleName("Overall verdict")
        self.statusBar().addPermanentWidget(self.verdict_label)

        self.refresh_timer = QTimer(self, singleShot=True, interval=60)
        self.refresh_timer.timeout.connect(self.refresh)
        self.autosave_timer = QTimer(self, singleShot=True)
        self.autosave_timer.timeout.connect(self._autosave)
        self.form.answer_changed.connect(self.session.edit_answer)
        self.form.title_changed.connect(self.session.edit_title)
        self.form.notes_changed.connect(self.session.edit_notes)
        self.form.as_of_changed.connect(self.session.edit_as_of)
        build_menus(self)
        self.findings.document().setDefaultFont(self._zoom_style(self.settings.zoom))
        if show_empty:
            self.show_session()

    def setVisible(self, visible: bool) -> None:
        """The placement follows the window from when it shows."""
        super().setVisible(visible)
        if visible:
            self.placement.shown()

    @property
    def findings(self) -> QTextBrowser:
        """The findings page."""
        return self.results.findings

    @property
    def prompts(self) -> DialogPrompts:
        """The dialogs that ask and tell (built when first needed; tests replace them)."""
        if self._prompts is None:
            from gui.prompts import DialogPrompts

            self._prompts = DialogPrompts(self, lambda: self.session.path.parent if self.session.path else Path.home())
        return self._prompts

    @prompts.setter
    def prompts(self, prompts: DialogPrompts) -> None:
        self._prompts = prompts

    @property
    def guided(self) -> GuidedForm:
        """Guided mode, built the first time it is needed and then showing the open scenario."""
        if self._guided is None:
            from gui.guided import install_guided_mode

            self._guided = install_guided_mode(self, self._splitter)
            self._guided.show_scenario(self.session.scenario)
            self._guided.show_evaluation(self.session.evaluation(), self.session.visible_fields())
        return self._guided

    # --- the view the session drives (gui.session_view.SessionView) ---------------------------

    def show_session(self) -> None:
        """Show the whole scenario (form and findings), from the top of the findings."""
        self.show_locks(self.session.locked)
        self.show_scenario(self.session.scenario)
        self.session.refresh()
        self.show_new_document()

    def show_new_document(self) -> None:
        """Another document is open: the findings start at the overall verdict."""
        self.results.scroll_to_top()

    def refresh(self) -> None:
        """Re-evaluate and show (the debounced refresh)."""
        self.session.refresh()

    def show_scenario(self, scenario: core.Scenario) -> None:
        """Put every value of ``scenario`` in the form and in guided mode."""
        self.form.show_scenario(scenario)
        if self._guided is not None:
            self._guided.show_scenario(scenario)

    def show_evaluation(self, evaluation: core.Evaluation) -> None:
        """Findings, which questions are asked, and the verdict in the status bar."""
        self.results.show_evaluation(evaluation)
        self.form.show_visible(self.session.visible_fields())
        if self._guided is not None:
            self._guided.show_evaluation(evaluation, self.session.visible_fields())
        overall = evaluation.overall
        counts: dict[core.Verdict, int] = {}
        for finding in evaluation.findings:
            counts[finding.verdict] = counts.get(finding.verdict, 0) + 1
        summary = ", ".join(f"{n} {v.label.lower()}" for v, n in sorted(counts.items(), key=lambda kv: -kv[0].severity))
        self.verdict_label.setText(
            f"Overall: {SYMBOLS[overall]} {overall.label} · {summary or 'no findings'} · "
            f"as of {evaluation.as_of.isoformat()}"
        )

    def show_title(self, title: str, dirty: bool) -> None:
        """Window title with file name and unsaved marker."""
        self.setWindowTitle(title)
        self.setWindowModified(dirty)

    def update_title(self) -> None:
        """Show the session's title and unsaved state."""
        self.show_title(self.session.window_title(), self.session.dirty)

    def show_locks(self, locked: frozenset[str]) -> None:
        """The ticks in What would change."""
        self.results.show_locks(locked)

    def show_verdict_change(self, change: VerdictChange | None) -> None:
        """The notice above the findings."""
        self.banner.show_change(change)

    def show_history(self, undo: str | None, redo: str | None) -> None:
        """Edit → Undo / Redo say what they would do."""
        for action, verb, label in ((self.undo_action, "&Undo", undo), (self.redo_action, "&Redo", redo)):
            action.setEnabled(label is not None)
            action.setText(f"{verb} {label.replace('&', '&&')}" if label else verb)

    def show_status(self, text: str) -> None:
        """A passing message in the status bar."""
        self.statusBar().showMessage(text, 8000)

    def schedule_refresh(self) -> None:
        """Re-evaluate once a burst of edits is over."""
        self.refresh_timer.start()

    def schedule_autosave(self, seconds: float) -> None:
        """Write the draft in ``seconds`` (the session bounds the wait)."""
        self.autosave_timer.start(max(0, round(seconds * 1000)))

    def ask_save_changes(self, name: str) -> str:
        """Save, discard or cancel?"""
        return self.prompts.ask_save_changes(name)

    def ask_open_path(self) -> Path | None:
        """Which scenario to open."""
        return self.prompts.ask_open_path()

    def ask_save_path(self, suggested: str) -> Path | None:
        """Where to save."""
        return self.prompts.ask_save_path(suggested)

    def ask_restore_draft(self, draft: Draft) -> bool:
        """Restore a draft after a crash?"""
        return self.prompts.ask_restore_draft(draft)

    def ask_folder(self) -> Path | None:
        """Which folder to open as a portfolio."""
        return self.prompts.ask_folder()

    def ask_pdf_path(self) -> Path | None:
        """Which memo to verify."""
        return self.prompts.ask_pdf_path()

    def show_error(self, title: str, text: str) -> None:
        """An error dialog."""
        self.prompts.show_error(title, text)

    def show_info(self, title: str, text: str) -> None:
        """An information dialog."""
        self.prompts.show_info(title, text)

    @property
    def last_message(self) -> QMessageBox | None:
        """The last message box shown."""
        return self.prompts.last_message

    # --- what the user does ---------------------------------------------------------------------

    def _autosave(self) -> None:
        self.session.autosave()

    def _question(self, field_id: str) -> None:
        if self._guided is not None and self.guided.isVisible() and self.guided.focus_field(field_id):
            self.reached.mark(self.guided.rows[field_id])
        elif self.form.focus_field(field_id):
            self.reached.mark(self.form.rows[field_id])
        else:
            self.statusBar().showMessage("That question is not shown: answer the questions above it first.", 6000)

    def apply_change_set(self, change_set: core.ChangeSet) -> None:
        """ "Apply" in What would change: make the suggested answer changes (one undo step)."""
        self.session.apply(change_set)

    def open_portfolio(self) -> None:
        """File → Open Portfolio…: a folder's scenarios as a table of verdicts."""
        folder = self.ask_folder()
        if folder is None:
            return
        from gui.portfolio import PortfolioWindow  # built on first use, not at start-up

        self.portfolio = PortfolioWindow(self, self.packs, folder)
        self.portfolio.open_requested.connect(self.open_from_portfolio)
        self.portfolio.show()

    def open_from_portfolio(self, path: Path) -> None:
        """A scenario chosen in the portfolio: open it and bring this window forward, keyboard on the findings."""
        if self.open_path(Path(path)):
            self.raise_()
            self.activateWindow()
            self.results.setCurrentIndex(0)
            self.results.outline.setFocus(Qt.FocusReason.OtherFocusReason)

    # --- files (the flows are the session's) ---------------------------------------------------

    def maybe_save(self) -> bool:
        """If there are unsaved changes, ask; True when it is fine to go on."""
        return self.session.maybe_save()

    def new_scenario(self) -> None:
        """File → New."""
        self.session.new()

    def open_scenario(self) -> None:
        """File → Open…"""
        self.session.open()

    def open_path(self, path: Path, *, asked: bool = False) -> bool:
        """Open ``path``; on an invalid file show the error and keep the current scenario."""
        return self.session.open(Path(path), asked=asked)

    def open_example(self, path: Path) -> bool:
        """File → Open Example; False if it could not be read (the error is shown)."""
        return self.session.open_example(path)

    def save(self) -> bool:
        """File → Save (Save As when there is no file yet)."""
        return self.session.save()

    def save_as(self) -> bool:
        """File → Save As…"""
        return self.session.save_as()

    # --- zoom -------------------------------------------------------------------------------

    def zoom(self, step: int) -> None:
        """Zoom the whole window's text in (+1) or out (-1)."""
        self.apply_zoom(next_zoom(self.settings.zoom, step))

    def apply_zoom(self, factor: float) -> None:
        """Set the text scale of the whole application, and remember it."""
        font = self._zoom_style(factor)
        self.findings.document().setDefaultFont(font)
        self.statusBar().showMessage(f"Zoom {round(factor * 100)}%", 2000)
        self._save_settings()

    def _zoom_style(self, factor: float):
        self.settings.zoom = factor
        font = scale_application_font(self.base_point_size, factor)
        if factor != 1.0 or self.styleSheet():  # at 100 % the application font is the size: no second styling pass
            self.setStyleSheet(window_style(font.pointSizeF()))
        return font

    # --- help -------------------------------------------------------------------------------

    def explain_verdicts(self) -> None:
        """Help → What the verdicts mean."""
        text = "\n".join(f"{SYMBOLS[v]} {v.label}: {v.meaning}" for v in core.Verdict)
        self.show_info("What the verdicts mean", text)

    def about(self) -> None:
        """Help → About."""
        packs = "\n".join(f"• {p.title} (versions {', '.join(v.id for v in p.versions)})" for p in self.packs)
        self.show_info(
            "About Clausewise",
            f"Clausewise {core.__version__}\n\nPolicy packs:\n{packs}\n\nClausewise records how encoded "
            "policies read a deployment. It is not legal advice.",
        )

    # --- closing and recovery ---------------------------------------------------------------

    def offer_restore(self) -> None:
        """At start-up: if the last run did not close cleanly, offer its autosaved draft."""
        self.session.offer_restore()

    def closeEvent(self, event) -> None:
        """Remember the window's placement; ask about unsaved changes; remove the autosaved draft on
        a clean exit."""
        self.placement.save()
        if not self.session.close():
            event.ignore()
            return
        self.autosave_timer.stop()
        event.accept()

    def _save_settings(self) -> None:
        with contextlib.suppress(core.ClausewiseError):  # settings are a convenience; never block on them
            self.settings.save()
