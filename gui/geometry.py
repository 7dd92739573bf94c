"""Where the main window opens and how big it is: within the available screen (maximised when
the screen is small, e.g. a 1280×720 projector), as the user left it on that screen last time
(size, position, maximised, splitter), and never larger than the screen, whatever the zoom.

Placements are remembered per screen (its name and size) in ``window.ini`` in the user's
configuration directory (``CLAUSEWISE_HOME`` redirects it, as for the other settings).
"""

from __future__ import annotations

import re

from PySide6.QtCore import QObject, QRect, QSettings, QSize, Qt, QTimer
from PySide6.QtWidgets import QMainWindow, QSplitter, QWidget

import core

PREFERRED = QSize(1360, 860)
"""The size on a screen with room for it."""
MARGIN = 40
"""A screen with less than this to spare around the preferred size counts as small."""


def initial_geometry(available: QRect, saved: QRect | None, preferred: QSize = PREFERRED) -> tuple[QRect, bool]:
    """The window's first geometry on a screen whose free area is ``available``, and whether to
    maximise it: the saved geometry moved and shrunk into the screen, else the preferred size
    centred, else (small screen) maximised."""
    if saved is not None and saved.isValid() and saved.width() >= 200 and saved.height() >= 150:
        return fit_rect(saved, available), False
    if preferred.width() + MARGIN > available.width() or preferred.height() + MARGIN > available.height():
        return QRect(available), True
    rect = QRect(0, 0, preferred.width(), preferred.height())
    rect.moveCenter(available.center())
    return rect, False


def fit_rect(rect: QRect, available: QRect) -> QRect:
    """``rect`` shrunk to at most ``available``'s size and moved inside it."""
    width = min(rect.width(), available.width())
    height = min(rect.height(), available.height())
    left = max(available.left(), min(rect.left(), available.right() + 1 - width))
    top = max(available.top(), min(rect.top(), available.bottom() + 1 - height))
    return QRect(left, top, width, height)


def screen_key(widget: QWidget) -> str:
    """A settings group per screen: its name and size (a projector and a laptop differ)."""
    screen = widget.screen()
    size = screen.geometry().size()
    name = re.sub(r"[^A-Za-z0-9_.-]+", "_", screen.name() or "screen")
    return f"{name}_{size.width()}x{size.height()}"


def placement_store() -> QSettings:
    """The file the placements are kept in."""
    return QSettings(str(core.config_dir() / "window.ini"), QSettings.Format.IniFormat)


class WindowPlacement(QObject):
    """Places ``window`` when created, keeps it within its screen, remembers it when closed.

    The window tells it when it first shows (:meth:`shown`) and when it closes (:meth:`save`); it
    follows the window's size through the signals of its native window. No event filter: one on the
    window would hand every event of building and showing it to Python (and have PySide6 make the
    Python class of every kind of Qt event, some 5 ms, before the first frame)."""

    def __init__(self, window: QMainWindow, splitter: QSplitter, store: QSettings | None = None) -> None:
        super().__init__(window)
        self.window = window
        self.splitter = splitter
        self.store = store or placement_store()
        self.key = screen_key(window)
        self._native = None
        self._restore()

    def shown(self) -> None:
        """The window has shown: from now on, check after every resize that it still fits its screen
        (after a zoom made its content grow)."""
        native = self.window.windowHandle()
        if native is not None and native is not self._native:
            self._native = native
            native.widthChanged.connect(self._resized)
            native.heightChanged.connect(self._resized)

    def _resized(self, _size: int) -> None:
        QTimer.singleShot(0, self, self.keep_on_screen)

    def _restore(self) -> None:
        saved = self.store.value(f"{self.key}/geometry")
        rect, maximised = initial_geometry(self.available(), saved if isinstance(saved, QRect) else None, PREFERRED)
        self.window.setGeometry(rect)
        if maximised or _truthy(self.store.value(f"{self.key}/maximised")):
            self.window.setWindowState(self.window.windowState() | Qt.WindowState.WindowMaximized)
        sizes = self.store.value(f"{self.key}/splitter")
        if isinstance(sizes, list) and len(sizes) == self.splitter.count():
            try:
                values = [int(s) for s in sizes]
            except (TypeError, ValueError):
                return
            if any(v > 0 for v in values) and all(v >= 0 for v in values):
                # Before the window shows: the splitter keeps them and shares out its width by them
                # when it first gets it, so the window is laid out once, not again with these sizes.
                self.splitter.setSizes(values)

    def available(self) -> QRect:
        """The screen area free for windows (without task bars and docks)."""
        return self.window.screen().availableGeometry()

    def save(self) -> None:
        """Remember size, position, maximised state and splitter for this screen."""
        self.store.setValue(f"{self.key}/geometry", self.window.normalGeometry())
        self.store.setValue(f"{self.key}/maximised", self.window.isMaximized())
        self.store.setValue(f"{self.key}/splitter", [str(s) for s in self.splitter.sizes()])
        self.store.sync()

    def keep_on_screen(self) -> None:
        """Shrink and move the window back within the screen (after a zoom made its content grow)."""
        if self.window.isMaximized() or self.window.isFullScreen():
            return
        available = self.available()
        frame = self.window.frameGeometry()
        extra = QSize(frame.width() - self.window.width(), frame.height() - self.window.height())
        inner = QRect(
            available.topLeft(), QSize(available.width() - extra.width(), available.height() - extra.height())
        )
        rect = self.window.geometry()
        fitted = fit_rect(rect, inner)
        if fitted != rect:
            self.window.setGeometry(fitted)


def _truthy(value: object) -> bool:
    return value is True or (isinstance(value, str) and value.lower() == "true")
