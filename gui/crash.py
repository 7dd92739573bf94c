"""Unexpected errors: shown in a dialog with "Copy details", written to a log file, work kept.

The app's error boundary for what is not caught where it happens. Which errors are the user's and
how they read in one line is :func:`core.explain_error`, shared with the CLI. Errors in worker
threads are handed to the UI thread by a signal.
"""

from __future__ import annotations

import datetime as dt
import sys
import threading
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication, QWidget

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMessageBox

import core
from gui.error_text import error_text as error_text  # the wording's home; kept importable from here

LOG_NAME = "clausewise.log"


def log_dir() -> Path:
    """Where the log is: the platform's user log folder, or ``$CLAUSEWISE_HOME/logs`` (tests)."""
    return core.log_dir()


def write_log(details: str) -> Path:
    """Append ``details`` with a time stamp to the log file; returns its path."""
    folder = log_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / LOG_NAME
    with path.open("a", encoding="utf-8") as log:
        log.write(f"--- {dt.datetime.now().isoformat(timespec='seconds')}\n{details}\n")
    return path


class CrashReporter(QObject):
    """Installed as ``sys.excepthook`` and ``threading.excepthook``."""

    reported = Signal(str, str)

    def __init__(self, parent: QWidget | None, keep_work: Callable[[], None]) -> None:
        super().__init__(parent)
        self.parent_widget = parent
        self.keep_work = keep_work
        self.last_box: QMessageBox | None = None
        self.log_path: Path | None = None
        self.reported.connect(self._show)  # queued when emitted from another thread

    def excepthook(self, kind, value, tb) -> None:
        """Log the error, keep the draft, and show the dialog (on the UI thread)."""
        details = "".join(traceback.format_exception(kind, value, tb))
        try:
            self.log_path = write_log(details)
        except OSError:
            self.log_path = None
        report = core.explain_error(value)
        if report.kind is core.ErrorKind.USER:  # a user error nobody caught: its own words are enough
            self.reported.emit(report.message, details)
        else:
            self.reported.emit(f"Clausewise met an unexpected error: {report.message}", details)

    def thread_excepthook(self, args: threading.ExceptHookArgs) -> None:
        """``threading.excepthook``: the same, for errors in other threads."""
        self.excepthook(args.exc_type, args.exc_value, args.exc_traceback)

    def _show(self, headline: str, details: str) -> None:
        kept = "Your unsaved work was kept as a draft."
        try:
            self.keep_work()
        except Exception:  # the error may be in the very thing that saves; say so, do not recurse
            kept = "Your unsaved work could not be saved as a draft: save it now if you can."
        where = f"Details were written to {self.log_path}." if self.log_path else "The log could not be written."
        from PySide6.QtWidgets import QMessageBox  # here: its type and enums are made on first use (start-up)

        box = QMessageBox(QMessageBox.Icon.Critical, "Unexpected error", "", QMessageBox.StandardButton.Ok)
        box.setParent(self.parent_widget, box.windowFlags())
        box.setText(headline)
        box.setInformativeText(f"{kept} {where} Please report this, with the details.")
        box.setDetailedText(details)
        copy = box.addButton("&Copy details", QMessageBox.ButtonRole.ActionRole)
        copy.clicked.disconnect()  # copying must not close the dialog
        copy.clicked.connect(lambda: QApplication.clipboard().setText(details))
        self.last_box = box
        box.open()


def install_crash_reporter(parent: QWidget | None, keep_work: Callable[[], None]) -> CrashReporter:
    """Route every unexpected error of the app to a :class:`CrashReporter`."""
    reporter = CrashReporter(parent, keep_work)
    sys.excepthook = reporter.excepthook
    threading.excepthook = reporter.thread_excepthook
    return reporter
