"""Start the desktop app (or, on a machine without a display, write the example's memo)."""

from __future__ import annotations

import gc
import os
import sys
from pathlib import Path

import core
from gui.source_scan import mark_app_modules

EXAMPLE_NAME = "body-cam-patrol-uk"
"""The example the app opens with (its file is ``EXAMPLE_NAME + core.SCENARIO_SUFFIX``)."""


def default_example() -> Path:
    """The bundled example the app opens with."""
    return core.resources_dir() / "examples" / f"{EXAMPLE_NAME}{core.SCENARIO_SUFFIX}"


def has_display() -> bool:
    """Whether a window can be shown (Linux needs X11 or Wayland; other systems always can)."""
    if not sys.platform.startswith("linux"):
        return True
    if os.environ.get("QT_QPA_PLATFORM"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def headless_memo(path: Path | None = None) -> int:
    """No display: write the signed memo of ``path`` (or the body-cam example) and say where it is.

    The memo is signed with a temporary key that exists only in memory: no identity is created
    in the user's name and nothing is added to the trusted list.
    """
    from gui.memo_flow import memo_file_name

    packs = core.load_packs()
    source = path or default_example()
    scenario = core.load_scenario(source, packs.questionnaire)
    identity = core.ephemeral_identity("Clausewise demonstration (temporary key)", "not a personal signature")
    out_dir = core.data_dir() / "memos"
    out_dir.mkdir(parents=True, exist_ok=True)
    out = out_dir / memo_file_name(source.name)
    result = core.export_signed_memo(core.evaluate(scenario, packs), packs, out, identity)
    print(
        "clausewise: no display found (DISPLAY and WAYLAND_DISPLAY are not set), so the window cannot open.\n"
        f"Instead, the memo of “{scenario.title or source.name}” was written, signed with a temporary key "
        "that is not tied to a person, to:\n"
        f"{result.path}\n"
        "Check it with: clausewise verify " + str(result.path)
    )
    return 0


def _file_open_filter_class():
    from PySide6.QtCore import QEvent, QObject

    class FileOpenFilter(QObject):
        """Opens files that the system hands over as QFileOpenEvent (macOS Finder, Dock)."""

        def __init__(self, window) -> None:
            super().__init__(window)
            self.window = window

        def eventFilter(self, watched, event) -> bool:
            if event.type() == QEvent.Type.FileOpen:
                self.window.open_path(Path(event.file()))
                return True
            return False

    return FileOpenFilter


def _FileOpenFilter(window):
    return _file_open_filter_class()(window)


def run_app(argv: list[str] | None = None) -> int:
    """Open the main window with ``argv[0]`` (a scenario file) or the body-cam example.

    If the file cannot be opened, its error is shown over a new, empty scenario.
    """
    argv = list(argv or [])
    if not has_display():
        try:
            return headless_memo(Path(argv[0]) if argv else None)
        except Exception as exc:  # one line, never a traceback: the CLI's error boundary
            report = core.explain_error(exc)
            print(report.terminal_line(), file=sys.stderr)
            return report.exit_status

    # Start-up makes thousands of objects that live as long as the window: the garbage collector
    # would scan them again and again while they are made (some 15 ms) and find little. It is off
    # until the window shows; then they are set aside (gc.freeze) and handed back to the collector
    # after the first pass of the event loop, for its next full collection.
    gc.disable()
    try:
        app, window = _open_window(argv)
    finally:
        gc.freeze()
        gc.enable()
    if window is None:
        gc.unfreeze()
        return 2
    from PySide6.QtCore import QTimer

    QTimer.singleShot(0, gc.unfreeze)
    window.offer_restore()
    return app.exec()


def _open_window(argv: list[str]):
    """The application and its shown window on ``argv[0]`` or the example (None: no packs)."""
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    mark_app_modules()  # before the app's modules are imported (gui.source_scan)

    from gui.crash import install_crash_reporter
    from gui.main_window import MainWindow

    app = QApplication.instance() or QApplication([sys.argv[0]])
    app.setApplicationName("Clausewise")
    app.setOrganizationName("Clausewise")
    icon = core.resources_dir() / "icons" / "clausewise.png"
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    try:
        packs = core.load_packs()
    except core.ClausewiseError as exc:
        from PySide6.QtWidgets import QMessageBox

        gc.enable()  # the message box runs its own event loop: collect as usual while it is open
        QMessageBox.critical(None, "Clausewise cannot start", f"The policy packs could not be loaded:\n{exc}")
        return app, None
    window = MainWindow(packs, show_empty=False)  # the empty scenario is evaluated only if no file opens
    install_crash_reporter(window, window.session.autosave)
    if not argv:
        if not window.open_example(default_example()):
            window.show_session()
        window.show()  # once, with the example in place: the window is laid out once
        accept_file_open_events(app, window)
    else:
        window.show()
        accept_file_open_events(app, window)
        if not window.open_path(Path(argv[0]), asked=True):
            # Never leave an example on screen that the user might take for their file.
            window.show_session()
            window.statusBar().showMessage(f"Could not open {argv[0]}; this is a new, empty scenario.")
    return app, window


def accept_file_open_events(app, window, platform: str = sys.platform) -> None:
    """macOS passes double-clicked files as events, not arguments. There the filter (which sees every
    event of the application) is installed once the window has shown: those events come from the
    event loop, and the thousands of events of building and showing the window need not pass through
    Python. No other system sends them: there no filter is installed at all (it made building the
    form's later questions, or any other change of the window, take half as long again)."""
    if platform != "darwin":
        return
    window.file_open_filter = _FileOpenFilter(window)
    app.installEventFilter(window.file_open_filter)
