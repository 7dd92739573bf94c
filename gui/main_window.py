"""The main window: the scenario form, the live findings panel, menus, files, export, verify.

A passive view over :class:`gui.session.Session`: it forwards edits to the session, shows the
session's evaluation, and asks the user questions through a few small methods (``ask_*``,
``show_*``) that tests replace instead of clicking through modal dialogs.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressDialog,
    QSplitter,
)

import core
from gui.dialogs import ExportDialog, VerificationDialog
from gui.findings_html import SYMBOLS
from gui.form import ScenarioForm
from gui.inputs import install_wheel_guard
from gui.menus import build_menus
from gui.portfolio import PortfolioWindow
from gui.prompts import UserPrompts
from gui.results_panel import ResultsPanel
from gui.session import Session
from gui.settings import Settings
from gui.worker import run_in_background

ZOOM_STEPS = (0.8, 0.9, 1.0, 1.15, 1.3, 1.5, 1.75, 2.0, 2.5)
STYLE = """
QLabel#question { font-weight: bold; }
QLabel#help { color: #4a4a4a; }
QLabel#answerState { color: #5B3F8C; font-style: italic; }
QLabel#problem { color: #A1001D; }
"""


class MainWindow(UserPrompts, QMainWindow):
    """Clausewise's only top-level window."""

    def __init__(self, packs: core.PackSet, settings: Settings | None = None) -> None:
        super().__init__()
        install_wheel_guard(QApplication.instance())  # no wheel changes an unfocused input, app-wide
        self.packs = packs
        self.settings = settings or Settings.load()
        self.session = Session(packs)
        self.base_point_size = QApplication.font().pointSizeF()
        self.export_dialog: ExportDialog | None = None
        self.last_message: QMessageBox | None = None
        self.last_dialog = None
        self.busy: QProgressDialog | None = None
        self.last_export = None
        self.setWindowIcon(QApplication.windowIcon())
        self.resize(QSize(1360, 860))

        self.form = ScenarioForm(packs.questionnaire)
        self.results = ResultsPanel(packs)
        self.findings = self.results.findings
        self.results.question_activated.connect(self._question)
        self.results.apply_requested.connect(self.apply_change_set)
        self.results.locks_changed.connect(self.refresh)
        self.portfolio: PortfolioWindow | None = None
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.form)
        splitter.addWidget(self.results)
        splitter.setSizes([560, 800])
        splitter.setChildrenCollapsible(False)
        self.setCentralWidget(splitter)
        self.verdict_label = QLabel()
        self.verdict_label.setAccessibleName("Overall verdict")
        self.statusBar().addPermanentWidget(self.verdict_label)

        self.refresh_timer = QTimer(self, singleShot=True, interval=60)
        self.refresh_timer.timeout.connect(self.refresh)
        self.autosave_timer = QTimer(self, singleShot=True, interval=1500)
        self.autosave_timer.timeout.connect(self._autosave)
        self.form.answer_changed.connect(self._answer_changed)
        self.form.title_changed.connect(lambda t: self._edited(self.session.set_title, t, evaluate=False))
        self.form.notes_changed.connect(lambda t: self._edited(self.session.set_notes, t, evaluate=False))
        self.form.as_of_changed.connect(lambda d: self._edited(self.session.set_as_of, d))
        build_menus(self)
        self.apply_zoom(self.settings.zoom)
        self.show_session()

    # --- showing ----------------------------------------------------------------------------

    def show_session(self) -> None:
        """Show the whole scenario (after New, Open, restore)."""
        self.form.show_scenario(self.session.scenario)
        self.refresh()

    def refresh(self) -> None:
        """Re-evaluate and show: findings, which questions are asked, title, verdict."""
        evaluation = self.session.evaluation()
        self.results.show_evaluation(evaluation)
        self.form.show_visible(self.session.visible_fields())
        self.update_title()
        overall = evaluation.overall
        counts: dict[core.Verdict, int] = {}
        for finding in evaluation.findings:
            counts[finding.verdict] = counts.get(finding.verdict, 0) + 1
        summary = ", ".join(f"{n} {v.label.lower()}" for v, n in sorted(counts.items(), key=lambda kv: -kv[0].severity))
        self.verdict_label.setText(
            f"Overall: {SYMBOLS[overall]} {overall.label} · {summary or 'no findings'} · "
            f"as of {evaluation.as_of.isoformat()}"
        )

    def update_title(self) -> None:
        """Window title with file name and unsaved marker."""
        self.setWindowTitle(self.session.window_title())
        self.setWindowModified(self.session.dirty)

    # --- edits ------------------------------------------------------------------------------

    def _answer_changed(self, field_id: str, value) -> None:
        self._edited(lambda v: self.session.set_answer(field_id, v), value)

    def _edited(self, setter, value, *, evaluate: bool = True) -> None:
        setter(value)
        self.update_title()
        if evaluate:
            self.refresh_timer.start()
        self.autosave_timer.start()

    def _autosave(self) -> None:
        try:
            self.session.autosave()
        except core.ClausewiseError as exc:
            self.statusBar().showMessage(f"Autosave failed: {exc}", 8000)

    def _question(self, field_id: str) -> None:
        if not self.form.focus_field(field_id):
            self.statusBar().showMessage("That question is not shown: answer the questions above it first.", 6000)

    def apply_change_set(self, change_set: core.ChangeSet) -> None:
        """ "Apply" in What would change: make the suggested answer changes."""
        for change in change_set.changes:
            self.session.set_answer(change.field, change.new)
        self.form.show_scenario(self.session.scenario)
        self.refresh()
        self.autosave_timer.start()
        self.statusBar().showMessage("Applied: " + "; ".join(c.text for c in change_set.changes), 8000)

    def open_portfolio(self) -> None:
        """File → Open Portfolio…: a folder's scenarios as a table of verdicts."""
        folder = self.ask_folder()
        if folder is None:
            return
        self.portfolio = PortfolioWindow(self, self.packs, folder)
        self.portfolio.open_requested.connect(lambda path: self.open_path(Path(path)))
        self.portfolio.show()

    # --- files ------------------------------------------------------------------------------

    def maybe_save(self) -> bool:
        """If there are unsaved changes, ask; True when it is fine to go on."""
        if not self.session.dirty:
            return True
        choice = self.ask_save_changes()
        if choice == "cancel":
            return False
        if choice == "save":
            return self.save()
        return True

    def new_scenario(self) -> None:
        """File → New."""
        if self.maybe_save():
            self.session.new()
            self.show_session()

    def open_scenario(self) -> None:
        """File → Open…"""
        if self.maybe_save():
            path = self.ask_open_path()
            if path:
                self.open_path(path, asked=True)

    def open_path(self, path: Path, *, asked: bool = False) -> bool:
        """Open ``path``; on an invalid file show the error and keep the current scenario."""
        if not asked and not self.maybe_save():
            return False
        try:
            self.session.open(Path(path))
        except core.ClausewiseError as exc:
            self.show_error("Cannot open this scenario", str(exc))
            return False
        self.settings.add_recent(Path(path))
        self._save_settings()
        self.show_session()
        return True

    def open_example(self, path: Path) -> None:
        """File → Open Example."""
        if self.maybe_save():
            self.session.open_example(path)
            self.show_session()

    def save(self) -> bool:
        """File → Save (Save As when there is no file yet)."""
        if self.session.path is None:
            return self.save_as()
        return self._save_to(self.session.path)

    def save_as(self) -> bool:
        """File → Save As…"""
        path = self.ask_save_path(self.session.suggested_file_name())
        return self._save_to(path) if path else False

    def _save_to(self, path: Path) -> bool:
        try:
            self.session.save(path)
        except core.ClausewiseError as exc:
            self.show_error("Cannot save", str(exc))
            return False
        self.session.discard_draft()
        self.settings.add_recent(path)
        self._save_settings()
        self.update_title()
        self.statusBar().showMessage(f"Saved {path}", 5000)
        return True

    # --- export and verify --------------------------------------------------------------------

    def export_memo(self) -> None:
        """File → Export Signed Memo…: choose identity and file, then sign off the UI thread."""
        folder = (
            Path(self.settings.export_dir)
            if self.settings.export_dir
            else (self.session.path.parent if self.session.path else Path.home())
        )
        self.export_dialog = ExportDialog(
            self,
            suggested=folder / self.session.suggested_memo_name(),
            timestamp_url=self.settings.timestamp_url,
            last_identity=self.settings.last_identity,
        )
        self.export_dialog.accepted.connect(self._start_export)
        self.export_dialog.open()

    def _start_export(self) -> None:
        dialog = self.export_dialog
        assert dialog is not None
        name, passphrase, tsa, output = dialog.values()
        evaluation = self.session.evaluation()
        packs = self.packs

        def work():
            identity = core.find_identity(name)
            return core.export_signed_memo(evaluation, packs, output, identity, passphrase, timestamp_url=tsa or None)

        self.settings.timestamp_url = tsa
        self.settings.last_identity = name
        self.settings.export_dir = str(output.parent)
        self._save_settings()
        self._busy("Signing the memo…")
        run_in_background(work, self._export_done, self._export_failed)

    def _export_done(self, result) -> None:
        self._not_busy()
        self.last_export = result
        self.show_memo_written(result)

    def _export_failed(self, exc: BaseException) -> None:
        self._not_busy()
        if isinstance(exc, core.WrongPassphrase) and self.export_dialog is not None:
            self.export_dialog.show_problem("The passphrase does not open this signing identity. Try again.")
            self.export_dialog.passphrase.selectAll()
            self.export_dialog.open()
            return
        self.show_error("The memo was not written", _describe(exc))

    def verify_memo(self) -> None:
        """File → Verify Memo…"""
        path = self.ask_pdf_path()
        if not path:
            return
        self._busy("Verifying the memo…")
        run_in_background(lambda: core.verify_memo(path), self._verified, self._verify_failed)

    def _verified(self, report) -> None:
        self._not_busy()
        self.last_dialog = VerificationDialog(self, report)
        self.last_dialog.open()

    def _verify_failed(self, exc: BaseException) -> None:
        self._not_busy()
        self.show_error("The memo could not be checked", _describe(exc))

    def _busy(self, text: str) -> None:
        self.busy = QProgressDialog(text, "", 0, 0, self)
        self.busy.setCancelButton(None)
        self.busy.setWindowModality(Qt.WindowModality.WindowModal)
        self.busy.setMinimumDuration(0)
        self.busy.setWindowTitle("Clausewise")
        self.busy.show()

    def _not_busy(self) -> None:
        if self.busy is not None:
            self.busy.close()
            self.busy = None

    # --- zoom -------------------------------------------------------------------------------

    def zoom(self, step: int) -> None:
        """Zoom the whole window's text in (+1) or out (-1)."""
        current = min(range(len(ZOOM_STEPS)), key=lambda i: abs(ZOOM_STEPS[i] - self.settings.zoom))
        self.apply_zoom(ZOOM_STEPS[max(0, min(len(ZOOM_STEPS) - 1, current + step))])

    def apply_zoom(self, factor: float) -> None:
        """Set the text scale of the whole application."""
        self.settings.zoom = factor
        font = QFont(QApplication.font())
        font.setPointSizeF(self.base_point_size * factor)
        QApplication.setFont(font)
        # The style sheet fixes its widgets' fonts when it is applied; re-applying it with the
        # new size makes every widget (and every dialog opened from the window) follow.
        self.setStyleSheet(STYLE + f"* {{ font-size: {font.pointSizeF():.1f}pt; }}")
        self.findings.document().setDefaultFont(font)
        self.statusBar().showMessage(f"Zoom {round(factor * 100)}%", 2000)
        self._save_settings()

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
        draft = self.session.pending_draft()
        if draft is None:
            return
        if self.ask_restore_draft(draft):
            self.session.restore(draft)
            self.show_session()
        else:
            self.session.discard_draft()

    def closeEvent(self, event) -> None:
        """Ask about unsaved changes; remove the autosaved draft on a clean exit."""
        if not self.maybe_save():
            event.ignore()
            return
        self.autosave_timer.stop()
        self.session.discard_draft()
        self._save_settings()
        event.accept()

    def _save_settings(self) -> None:
        with contextlib.suppress(core.ClausewiseError):  # settings are a convenience; never block on them
            self.settings.save()


def _describe(exc: BaseException) -> str:
    if isinstance(exc, core.ClausewiseError):
        return str(exc)
    return f"Unexpected error ({type(exc).__name__}: {exc}). Nothing was lost; please report this."
