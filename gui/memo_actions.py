"""The window's memo flows: export a signed memo and verify one, signing and checking off the UI
thread with a busy indicator meanwhile (mixed into :class:`gui.main_window.MainWindow`)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QProgressDialog

import core
from gui.worker import run_in_background


class MemoActions:
    """File → Export Signed Memo… and File → Verify Memo… of the main window."""

    def export_memo(self) -> None:
        """File → Export Signed Memo…: choose identity and file, then sign off the UI thread."""
        from gui.dialogs import ExportDialog  # built on first use, not at start-up

        request = self.session.export_request()
        self.export_dialog = ExportDialog(
            self,
            suggested=request.suggested,
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
        lta = dialog.lta.isChecked()

        def work():
            identity = core.find_identity(name)
            return core.export_signed_memo(
                evaluation, packs, output, identity, passphrase, timestamp_url=tsa or None, lta=lta
            )

        self.settings.timestamp_url = tsa
        self.settings.last_identity = name
        self.settings.export_dir = str(output.parent)
        self._save_settings()
        self._busy("Signing the memo…")
        run_in_background(work, self._export_done, self._export_failed)

    def _export_done(self, result) -> None:
        self._not_busy()
        self.last_export = result
        self.prompts.show_memo_written(result)

    def _export_failed(self, exc: BaseException) -> None:
        self._not_busy()
        if isinstance(exc, core.WrongPassphrase) and self.export_dialog is not None:
            self.export_dialog.show_problem("The passphrase does not open this signing identity. Try again.")
            self.export_dialog.passphrase.selectAll()
            self.export_dialog.open()
            return
        self.show_error("The memo was not written", describe_error(exc))

    def verify_memo(self) -> None:
        """File → Verify Memo…"""
        path = self.ask_pdf_path()
        if not path:
            return
        self._busy("Verifying the memo…")
        run_in_background(lambda: core.verify_memo(path), self._verified, self._verify_failed)

    def _verified(self, report) -> None:
        from gui.dialogs import VerificationDialog

        self._not_busy()
        self.last_dialog = VerificationDialog(self, report)
        self.last_dialog.open()

    def _verify_failed(self, exc: BaseException) -> None:
        self._not_busy()
        self.show_error("The memo could not be checked", describe_error(exc))

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


def describe_error(exc: BaseException) -> str:
    """A Clausewise error's own message; anything else as unexpected, with its type."""
    if isinstance(exc, core.ClausewiseError):
        return str(exc)
    return f"Unexpected error ({type(exc).__name__}: {exc}). Nothing was lost; please report this."
