"""The questions the app asks and the messages it shows, as Qt dialogs.

One small object with the verbs of :class:`gui.session_view.SessionView` that need a dialog
(``ask_*``, ``show_*``); the window delegates to it. Tests replace the whole object with a
scripted one instead of clicking through modal dialogs.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

import core
from gui.autosave import Draft
from gui.session_view import MemoWritten

SCENARIO_FILTER = f"Clausewise scenarios (*{core.SCENARIO_SUFFIX} *.yaml);;All files (*)"


class DialogPrompts:
    """Dialogs parented to ``parent``; ``folder()`` says where file dialogs start."""

    def __init__(self, parent: QWidget, folder: Callable[[], Path]) -> None:
        self.parent = parent
        self.folder = folder
        self.last_message: QMessageBox | None = None
        """The last message box shown (tests and the window read it)."""

    def ask_open_path(self) -> Path | None:
        """Ask which scenario file to open."""
        path, _ = QFileDialog.getOpenFileName(self.parent, "Open scenario", str(self.folder()), SCENARIO_FILTER)
        return Path(path) if path else None

    def ask_save_path(self, suggested: str) -> Path | None:
        """Ask where to save the scenario."""
        start = self.folder() / suggested
        path, _ = QFileDialog.getSaveFileName(self.parent, "Save scenario as", str(start), SCENARIO_FILTER)
        if not path:
            return None
        return Path(path if path.endswith(".yaml") else path + core.SCENARIO_SUFFIX)

    def ask_folder(self) -> Path | None:
        """Ask which folder of scenarios to open as a portfolio."""
        path = QFileDialog.getExistingDirectory(self.parent, "Open portfolio folder", str(self.folder()))
        return Path(path) if path else None

    def ask_pdf_path(self) -> Path | None:
        """Ask which memo to verify."""
        path, _ = QFileDialog.getOpenFileName(self.parent, "Verify memo", str(Path.home()), "PDF (*.pdf)")
        return Path(path) if path else None

    def ask_save_changes(self, name: str) -> str:
        """Save, discard or cancel? Returns ``save``, ``discard`` or ``cancel``."""
        box = QMessageBox(self.parent)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle("Unsaved changes")
        box.setText(f"Save the changes to {name}?")
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
            self.parent,
            "Restore unsaved work?",
            f"Clausewise did not close normally last time. Restore the unsaved draft{where} "
            f"({draft.scenario.title or 'untitled'}, saved {draft.saved_at[:16].replace('T', ' ')})?",
        )
        return answer == QMessageBox.StandardButton.Yes

    def show_error(self, title: str, text: str) -> None:
        """An error dialog (window-modal, does not block the event loop)."""
        self.message(QMessageBox.Icon.Critical, title, text)

    def show_info(self, title: str, text: str) -> None:
        """An information dialog."""
        self.message(QMessageBox.Icon.Information, title, text)

    def ask_overwrite(self, path: Path) -> bool:
        """Replace the existing file ``path``?"""
        answer = QMessageBox.question(
            self.parent,
            "Replace file?",
            f"{path.name} already exists in {path.parent}. Replace it?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def show_memo_written(self, written: MemoWritten) -> None:
        """Say where the memo is, with a button to open its folder."""
        box = self.message(QMessageBox.Icon.Information, written.title, written.text)
        folder = box.addButton("Open &Folder", QMessageBox.ButtonRole.ActionRole)
        folder.clicked.connect(lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(written.path.parent))))

    def message(self, icon, title: str, text: str) -> QMessageBox:
        """Open a message box (not modal to the event loop) and remember it as ``last_message``."""
        box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, self.parent)
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.last_message = box
        box.open()
        return box
