"""Help → Licences: the project's licence and every third-party notice, as shipped in the bundle."""

from __future__ import annotations

from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

import core

NOTICES = "THIRD-PARTY-NOTICES.txt"


def notices_text() -> str:
    """The notices file from the resources (the MIT licence first, then every third party)."""
    path = core.resources_dir() / "licenses" / NOTICES
    try:
        return path.read_text(encoding="utf-8")
    except OSError as exc:
        return f"The licence notices could not be read ({path}: {exc.strerror})."


class LicencesDialog(QDialog):
    """A read-only, searchable (Ctrl+F in the text) view of the licence notices."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Licences and third-party notices")
        self.resize(760, 600)
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel("Clausewise is free software under the MIT License. It includes the software and fonts below.")
        )
        self.text = QPlainTextEdit(notices_text())
        self.text.setReadOnly(True)
        self.text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.text.setAccessibleName("Licence notices")
        layout.addWidget(self.text)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


def show_licences(parent: QWidget) -> None:
    """Open the licences dialog (modal)."""
    LicencesDialog(parent).exec()
