"""GUI test fixtures: a real main window, offscreen, with the user's folders in a temp dir."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6")

from PySide6.QtWidgets import QApplication

import core
from gui.main_window import MainWindow
from gui.settings import Settings


@pytest.fixture
def window(qtbot, packs, monkeypatch):
    """The main window on an empty scenario; the application font is restored afterwards.

    pytest-qt closes the window before fixtures are torn down, so the unsaved-changes question
    is answered "discard" unless a test says otherwise (a real modal dialog would block).
    """
    font = QApplication.font()
    w = MainWindow(packs, Settings())
    monkeypatch.setattr(w, "ask_save_changes", lambda *_: "discard")
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    yield w
    QApplication.setFont(font)


@pytest.fixture
def body_cam(window):
    """The window with the body-cam example open."""
    window.open_example(core.resources_dir() / "examples" / "body-cam-patrol-uk.scenario.yaml")
    return window


def settle(qtbot, window) -> None:
    """Wait until the debounced re-evaluation has run."""
    qtbot.waitUntil(lambda: not window.refresh_timer.isActive(), timeout=2000)
