"""Help → Licences shows the project's MIT licence and the third-party notices (real widgets, offscreen)."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QPlainTextEdit

from gui.licences import LicencesDialog


def _help_action(window, prefix: str):
    help_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Help")
    return next(a for a in help_menu.actions() if a.text().startswith(prefix))


def test_the_licences_dialog_shows_the_licence_and_the_notices(qtbot):
    """The dialog's text is the notices file: MIT licence first, then Qt's LGPL and the fonts."""
    dialog = LicencesDialog()
    qtbot.addWidget(dialog)
    text = dialog.text.toPlainText()
    assert dialog.text.isReadOnly()
    assert text.index("MIT License") < text.index("PySide6_Essentials")
    assert "GNU LESSER GENERAL PUBLIC LICENSE" in text and "SIL OPEN FONT LICENSE" in text.upper()


def test_the_help_menu_opens_the_licences(window, qtbot):
    """Help → Licences and Third-Party Notices opens the dialog over the window, which Close dismisses."""
    seen = []

    def close_it():
        dialog = QApplication.activeModalWidget()
        seen.append(dialog.findChild(QPlainTextEdit).toPlainText()[:200] if dialog else "")
        if dialog:
            dialog.reject()

    QTimer.singleShot(0, close_it)
    _help_action(window, "&Licences").trigger()
    assert seen and "MIT License" in seen[0]
