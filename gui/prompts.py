"""The questions the main window asks the user, and the messages it shows.

Kept apart from the window's logic, as a small set of verbs (``ask_*``, ``show_*``) that tests
replace instead of clicking through modal dialogs.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox

from gui.session import Draft

SCENARIO_FILTER = "Clausewise scenarios (*.scenario.yaml *.yaml);;All files (*)"


class UserPrompts:
    """Mixed into the main window (which provides ``session`` and is the dialogs' parent)."""

    last_message: QMessageBox | None = None

    def ask_open_path(self) -> Path | None:
        """Ask which scenario file to open."""
        start = str(self.session.path.parent) if self.session.path else str(Path.home())
        path, _ = QFileDialog.getOpenFileName(self, "Open scenario", start, SCENARIO_FILTER)
        return Path(path) if path else None

    def ask_save_path(self, suggested: str) -> Path | None:
        """Ask where to save the scenario."""
        start = (self.session.path.parent if self.session.path else Path.home()) / suggested
        path, _ = QFileDialog.getSaveFileName(self, "Save scenario as", str(start), SCENARIO_FILTER)
        if not path:
            return None
        return Path(path if path.endswith(".yaml") else path + ".scenario.yaml")

    def ask_folder(self) -> Path | None:
        """Ask which folder of scenarios to open as a portfolio."""
        start = str(self.session.path.parent) if self.session.path else str(Path.home())
        path = QFileDialog.getExistingDirectory(self, "Open portfolio folder", start)
        return Path(path) if path else None

    def ask_pdf_path(self) -> Path | None:
        """Ask which memo to verify."""
        path, _ = QFileDialog.getOpenFileName(self, "Verify memo", str(Path.home()), "PDF (*.pdf)")
        return Path(path) if path else None

    def ask_save_changes(self) -> str:
        """Save, discard or cancel? Returns ``save``, ``discard`` or ``cancel``."""
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle("Unsaved changes")
        box.setText(f"Save the changes to {self.session.display_name}?")
        box.setInformativeText("Your changes are lost if you don't save them.")
        box.setStandardButtons(
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel
        )
        box.setDefaultButton(QMessageBox.StandardButton.Save)
        for button, label in (("Save", "&Save"), ("Discard", "&Don't Save"), ("Cancel", "&Cancel")):
            box.button(getattr(QMessageBox.StandardButton, button)).setText(label)
        answer = box.exec()
        return {
            QMessageBox.StandardButton.Save: "save",
            QMessageBox.StandardButton.Discard: "discard",
        }.get(QMessageBox.StandardButton(answer), "cancel")

    def ask_restore_draft(self, draft: Draft) -> bool:
        """Offer to restore an autosaved draft."""
        where = f" of {draft.path.name}" if draft.path else ""
        answer = QMessageBox.question(
            self,
            "Restore unsaved work?",
            f"Clausewise did not close normally last time. Restore the unsaved draft{where} "
            f"({draft.scenario.title or 'untitled'}, saved {draft.saved_at[:16].replace('T', ' ')})?",
        )
        return answer == QMessageBox.StandardButton.Yes

    def show_error(self, title: str, text: str) -> None:
        """An error dialog (window-modal, does not block the event loop)."""
        self._message(QMessageBox.Icon.Critical, title, text)

    def show_info(self, title: str, text: str) -> None:
        """An information dialog."""
        self._message(QMessageBox.Icon.Information, title, text)

    def show_memo_written(self, result) -> None:
        """Say where the memo is, with a button to open its folder."""
        box = self._message(
            QMessageBox.Icon.Information,
            "Memo written",
            f"The signed memo {result.memo_id} was written to:\n{result.path}",
        )
        folder = box.addButton("Open &Folder", QMessageBox.ButtonRole.ActionRole)
        folder.clicked.connect(lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(Path(result.path).parent))))

    def _message(self, icon, title: str, text: str) -> QMessageBox:
        box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, self)
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.last_message = box
        box.open()
        return box
