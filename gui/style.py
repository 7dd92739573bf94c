"""The focus ring: one application style sheet that makes keyboard focus visible from the back
of a room (3-pixel, high-contrast outline on every focusable kind of widget), and the highlight
of a question reached from a "question that would decide this" link.

Sizes are kept the same with and without focus (a thin border plus padding becomes a thick border
without padding), so moving the focus never shifts the layout.
"""

from __future__ import annotations

import contextlib

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QWidget

FOCUS = "#0040C0"
"""Dark blue: contrast above 8:1 on white and on the light greys of the form."""
REACHED = "#FFF0A8"
"""Pale yellow behind a question reached from a link."""

FOCUS_RING = f"""
QLineEdit, QPlainTextEdit, QTextEdit, QAbstractItemView, QComboBox, QAbstractSpinBox {{
    border: 1px solid #7a7a7a; padding: 2px;
}}
QLineEdit:focus, QPlainTextEdit:focus, QTextEdit:focus, QAbstractItemView:focus, QComboBox:focus,
QAbstractSpinBox:focus {{
    border: 3px solid {FOCUS}; padding: 0px;
}}
QComboBox QAbstractItemView {{ border: 1px solid #7a7a7a; padding: 0px; }}
QCheckBox, QRadioButton {{ border: 3px solid transparent; border-radius: 4px; padding: 1px 3px; }}
QCheckBox:focus, QRadioButton:focus {{ border-color: {FOCUS}; }}
QPushButton, QToolButton {{
    border: 1px solid #6a6a6a; border-radius: 4px; padding: 5px 12px; background-color: #f2f2f2;
}}
QPushButton:focus, QToolButton:focus {{ border: 3px solid {FOCUS}; padding: 3px 10px; }}
QPushButton:pressed, QToolButton:pressed {{ background-color: #d8d8d8; }}
QPushButton:disabled {{ color: #8a8a8a; }}
QTabBar::tab {{
    border: 1px solid #8a8a8a; border-bottom: none; padding: 6px 12px; margin-right: 2px;
    background-color: #e8e8e8;
}}
QTabBar::tab:selected {{ background-color: #ffffff; font-weight: bold; }}
QTabBar::tab:focus {{ border: 3px solid {FOCUS}; padding: 4px 10px; }}
QLabel[focusable="true"] {{ border: 3px solid transparent; padding: 2px; }}
QLabel[focusable="true"]:focus {{ border-color: {FOCUS}; }}
*[reachedFromLink="true"] {{ background-color: {REACHED}; border-left: 6px solid {FOCUS}; }}
"""


def install_focus_ring(app: QApplication | None = None) -> None:
    """Apply the focus-ring style sheet, and the labels' looks (``STYLE``), to the whole application
    (once; later calls do nothing): one styling pass over the widgets."""
    app = app or QApplication.instance()  # type: ignore[assignment]
    if app is None or FOCUS_RING in app.styleSheet():
        return
    app.setStyleSheet(app.styleSheet() + FOCUS_RING + STYLE)


def make_focusable_label(label: QWidget) -> None:
    """Let the keyboard reach a label (e.g. the overall verdict), with the focus ring on it."""
    label.setProperty("focusable", True)
    label.setFocusPolicy(Qt.FocusPolicy.StrongFocus)


class ReachedHighlight(QObject):
    """Marks the question reached from a link until the focus leaves it (owned by the window)."""

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.row: QWidget | None = None
        app = QApplication.instance()
        if app is not None:
            app.focusChanged.connect(self._focus_changed)  # type: ignore[attr-defined]

    def mark(self, row: QWidget) -> None:
        """Highlight ``row`` (and un-highlight the previous one)."""
        self.clear()
        self.row = row
        row.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        _set(row, True)

    def clear(self) -> None:
        """Remove the highlight."""
        if self.row is not None:
            with contextlib.suppress(RuntimeError):  # the row was deleted with its window
                _set(self.row, False)
            self.row = None

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


def _set(widget: QWidget, on: bool) -> None:
    widget.setProperty("reachedFromLink", on)
    widget.style().unpolish(widget)
    widget.style().polish(widget)
    widget.update()


ZOOM_STEPS = (0.8, 0.9, 1.0, 1.15, 1.3, 1.5, 1.75, 2.0, 2.5)
STYLE = """
QLabel#question { font-weight: bold; }
QLabel#help { color: #4a4a4a; }
QLabel#answerState { color: #5B3F8C; font-style: italic; }
QLabel#problem { color: #A1001D; }
QMainWindow > * { widget-animation-duration: 0; }
"""
# The last rule: the window has no docks or tool bars to animate, yet Qt would move its central
# widget and status bar with a 0 ms animation on each layout; that animation's private timer
# object, seen by the application-wide event filter (gui.wheel_guard), makes PySide6 load every
# Qt class and enum looking for its type (some 20 ms, once, on the first pass of the event loop).


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
    """The window's style sheet at a text size, applied once the zoom leaves 100 %. Under the
    application's style sheet widgets no longer follow the application font, so this is re-applied
    with each new size to make every widget (and every dialog opened from the window) follow."""
    return f"* {{ font-size: {point_size:.1f}pt; }}"
