"""The window's side of the memo flows (mixed into :class:`gui.main_window.MainWindow`).

Export and countersign are decided by the session's :class:`gui.memo_flow.MemoFlow`; the window
only shows its dialogs and runs the signing off the UI thread behind a busy indicator. Verify is
run by the window. The dialogs are imported on first use, not at start-up.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt

import core
from gui.error_text import error_text

if TYPE_CHECKING:
    from gui.session_view import MemoWritten, SigningChoice, SigningField, SigningForm


class MemoActions:
    """File → Export Signed Memo…, Countersign Memo… and Verify Memo… of the main window."""

    def export_memo(self) -> None:
        """File → Export Signed Memo… (the flow is the session's)."""
        self.session.memos.export()

    def countersign_memo(self) -> None:
        """File → Countersign Memo… (the flow is the session's)."""
        self.session.memos.countersign()

    def ask_signing(self, form: SigningForm, chosen: Callable[[SigningChoice], None]) -> None:
        """The export or countersign dialog; ``chosen`` gets what the user confirmed."""
        from gui.dialogs import signing_dialog

        self.signing_dialog = dialog = signing_dialog(self, form)
        if form.memo is None:
            self.export_dialog = dialog
        else:
            self.countersign_dialog = dialog
        dialog.accepted.connect(lambda: chosen(dialog.choice()))
        dialog.open()

    def ask_signing_again(self, problem: str, field: SigningField) -> None:
        """The last signing dialog again, with what was entered and the problem named."""
        if self.signing_dialog is not None:
            self.signing_dialog.show_problem(problem, field)
            self.signing_dialog.open()

    def ask_overwrite(self, path: Path) -> bool:
        """Replace an existing file?"""
        return self.prompts.ask_overwrite(path)

    def run_signing(self, text, work, done, failed) -> None:
        """Sign off the UI thread behind a busy indicator."""
        from gui.worker import run_in_background  # with the first export, not at start-up

        self._busy(text)
        run_in_background(
            work, lambda result: (self._not_busy(), done(result)), lambda exc: (self._not_busy(), failed(exc))
        )

    def show_memo_written(self, written: MemoWritten) -> None:
        """Where the memo is, with a button to open its folder."""
        self.last_export = written
        self.prompts.show_memo_written(written)

    def verify_memo(self) -> None:
        """File → Verify Memo…"""
        path = self.ask_pdf_path()
        if not path:
            return
        from gui.worker import run_in_background  # with the first check, not at start-up

        self._busy("Verifying the memo…")
        run_in_background(lambda: core.verify_memo(path), self._verified, self._verify_failed)

    def _verified(self, report) -> None:
        from gui.dialogs import VerificationDialog

        self._not_busy()
        self.last_dialog = VerificationDialog(self, report)
        self.last_dialog.open()

    def _verify_failed(self, exc: BaseException) -> None:
        self._not_busy()
        self.show_error("The memo could not be checked", error_text(exc))

    def _busy(self, text: str) -> None:
        from PySide6.QtWidgets import QProgressDialog

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
