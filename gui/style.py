"""The app's looks without a style sheet: the label kinds (questions, help, answer states, problems),
the highlight of a question reached from a "question that would decide this" link, and zoom.

No application style sheet: restyling every widget with one cost some 70 ms at start-up
(docs/TECH-NOTES.md); fonts and palettes set on the few widgets that differ cost nothing
noticeable. The focus ring is :mod:`gui.focus_ring`.
"""

from __future__ import annotations

import contextlib

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication, QLabel, QWidget

FOCUS = "#0040C0"
"""Dark blue: contrast above 8:1 on white and on the light greys of the form (the focus ring, the
bar beside a question reached from a link)."""
REACHED = "#FFF0A8"
"""Pale yellow behind a question reached from a link."""
LOOKS: dict[str, tuple[str | None, bool, bool]] = {
    "question": (None, True, False),
    "help": ("#4a4a4a", False, False),
    "answerState": ("#5B3F8C", False, True),
    "problem": ("#A1001D", False, False),
}
"""Label kinds: text colour (None: the usual one), bold, italic."""
REACHED_BAR = 6
"""Width of the bar beside a question reached from a link, in pixels."""


def style_label(label: QLabel, kind: str) -> QLabel:
    """Give ``label`` the looks of ``kind`` (a key of :data:`LOOKS`; also its object name). Only the
    weight, slant and colour are set, so the label still follows the application's font size."""
    colour, bold, italic = LOOKS[kind]
    label.setObjectName(kind)
    if bold or italic:
        font = QFont()
        if bold:
            font.setBold(True)
        if italic:
            font.setItalic(True)
        label.setFont(font)
    if colour is not None:
        palette = QPalette()
        palette.setColor(QPalette.ColorRole.WindowText, QColor(colour))
        label.setPalette(palette)
    return label


class ReachedHighlight(QObject):
    """Marks the question reached from a link until the focus leaves it (owned by the window): a
    pale yellow background with a bar in the focus colour on its left."""

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.row: QWidget | None = None
        self.background: QWidget | None = None
        self.bar: QWidget | None = None
        app = QApplication.instance()
        if app is not None:
            app.focusChanged.connect(self._focus_changed)  # type: ignore[attr-defined]

    def mark(self, row: QWidget) -> None:
        """Highlight ``row`` (and un-highlight the previous one). The row's own palette is left alone
        (a style sheet in force at a zoom would restore a changed palette later): the colours are
        two children, a background below its widgets and a bar on its left."""
        self.clear()
        self.row = row
        row.setProperty("reachedFromLink", True)
        self.background = _filled(row, REACHED)
        self.background.lower()
        self.bar = _filled(row, FOCUS)
        self._fit()
        margins = row.contentsMargins()
        row.setContentsMargins(margins.left() + 2 * REACHED_BAR, margins.top(), margins.right(), margins.bottom())
        row.installEventFilter(self)

    def clear(self) -> None:
        """Remove the highlight."""
        row, parts = self.row, (self.background, self.bar)
        self.row = self.background = self.bar = None
        if row is None:
            return
        with contextlib.suppress(RuntimeError):  # the row was deleted with its window
            row.removeEventFilter(self)
            row.setProperty("reachedFromLink", False)
            margins = row.contentsMargins()
            row.setContentsMargins(margins.left() - 2 * REACHED_BAR, margins.top(), margins.right(), margins.bottom())
            for part in parts:
                if part is not None:
                    part.hide()
                    part.deleteLater()

    def _fit(self) -> None:
        if self.row is not None and self.background is not None and self.bar is not None:
            self.background.setGeometry(self.row.rect())
            self.bar.setGeometry(0, 0, REACHED_BAR, self.row.height())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and watched is self.row:
            self._fit()
        return False

    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        row = self.row
        if row is None or new is None:
            return
        try:
            inside = row.isAncestorOf(new) or new is row
        except RuntimeError:
            self.row = None
            return
        if not inside:
            self.clear()


def _filled(parent: QWidget, colour: str) -> QWidget:
    """A child of ``parent`` painted all ``colour``, transparent to the mouse."""
    part = QWidget(parent)
    palette = QPalette()
    palette.setColor(QPalette.ColorRole.Window, QColor(colour))
    part.setPalette(palette)
    part.setAutoFillBackground(True)
    part.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
    part.show()
    return part


ZOOM_STEPS = (0.8, 0.9, 1.0, 1.15, 1.3, 1.5, 1.75, 2.0, 2.5)


def next_zoom(current: float, step: int) -> float:
    """The zoom step ``step`` places (+1 in, -1 out) from the one nearest to ``current``."""
    here = min(range(len(ZOOM_STEPS)), key=lambda i: abs(ZOOM_STEPS[i] - current))
    return ZOOM_STEPS[max(0, min(len(ZOOM_STEPS) - 1, here + step))]


def scale_application_font(base_point_size: float, factor: float) -> QFont:
    """Set the application font to ``factor`` × the base size; returns it."""
    font = QFont(QApplication.font())
    font.setPointSizeF(base_point_size * factor)
    QApplication.setFont(font)
    return font


def window_style(point_size: float) -> str:
    """The window's style sheet at a text size, applied once the zoom leaves 100 % (and re-applied
    with each new size): every widget of the window, and every dialog opened from it, takes the size,
    whatever font of its own it was given."""
    return f"* {{ font-size: {point_size:.1f}pt; }}"
