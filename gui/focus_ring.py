"""The focus ring: a thick, high-contrast outline round whatever has the keyboard focus, visible
from the back of a room.

One small overlay follows the focus: when it moves, a ring is drawn round the widget that has it
(just outside it, over the margin its layout leaves, so no size changes with the focus), and the
previous ring goes. No style sheet is involved: an application style sheet restyles every widget
of every window, which at start-up alone cost some 70 ms (docs/TECH-NOTES.md).
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QEvent, QObject, QPoint, QRect, Qt, Slot
from PySide6.QtWidgets import QApplication, QWidget

from gui.qt_kinds import inherits_any
from gui.style import FOCUS

WIDTH = 3
"""The ring's thickness, in pixels."""
RINGED = (
    *("QLineEdit", "QAbstractSpinBox", "QComboBox", "QAbstractButton", "QTabBar"),
    *("QAbstractItemView", "QTextEdit", "QPlainTextEdit"),
)
"""The kinds of widget that wear the ring (and labels made focusable, :func:`make_focusable_label`),
by Qt class name: asking Qt (``inherits``) makes no Python type, nor the enums PySide6 makes with one."""
_NAME = "focusRing"


def ring_target(widget: QWidget | None) -> QWidget | None:
    """The widget the ring goes round when ``widget`` has the focus (None: no ring)."""
    if widget is None or widget.window().windowType() == Qt.WindowType.Popup:
        return None  # a drop-down list or calendar: it has the keyboard only while it is open
    parent = widget.parentWidget()
    if widget.inherits("QLineEdit") and parent is not None and inherits_any(parent, ("QComboBox", "QAbstractSpinBox")):
        return parent  # the editor inside a box: the ring goes round the whole box
    if inherits_any(widget, RINGED) or (widget.inherits("QLabel") and widget.property("focusable")):
        return widget
    return None


def make_focusable_label(label: QWidget) -> None:
    """Let the keyboard reach a label (e.g. the overall verdict), with the focus ring on it."""
    label.setProperty("focusable", True)
    label.setFocusPolicy(Qt.FocusPolicy.StrongFocus)


class FocusRing(QObject):
    """Draws the ring round the focused widget of any window of the application (one per application)."""

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self.setObjectName(_NAME)
        self.ring: _Ring | None = None
        app.focusChanged.connect(self._moved)  # type: ignore[attr-defined]

    @classmethod
    def install(cls, app: QApplication | None = None) -> FocusRing | None:
        """The application's focus ring, made the first time (None without an application)."""
        app = app or QApplication.instance()  # type: ignore[assignment]
        if app is None:
            return None
        return app.findChild(FocusRing, _NAME) or cls(app)

    def _moved(self, _old: QWidget | None, new: QWidget | None) -> None:
        ring, self.ring = self.ring, None
        if ring is not None and shiboken6.isValid(ring):
            ring.hide()
            ring.deleteLater()
        target = ring_target(new)
        host = ring_host(target) if target is not None else None
        if target is not None and host is not None:
            self.ring = _Ring(target, host)


def ring_host(target: QWidget) -> QWidget | None:
    """The widget the ring round ``target`` is drawn in: the nearest ancestor with room for the ring
    outside ``target`` (a widget flush with its parent's edge would have its own edge covered),
    else its parent. Never a splitter (it makes every child widget a pane of its own), and never
    beyond the scrolled page or the window ``target`` is in (the ring would not be clipped with it)."""
    fallback = None
    host = target.parentWidget()
    while host is not None:
        if not host.inherits("QSplitter"):
            fallback = fallback or host
            if host.rect().contains(_outline(target, host)):
                return host
        if host.isWindow() or host.objectName() == "qt_scrollarea_viewport":
            break
        host = host.parentWidget()
    return fallback


def _outline(target: QWidget, host: QWidget) -> QRect:
    """Where the ring round ``target`` goes, in ``host``'s coordinates."""
    origin = target.mapTo(host, QPoint(0, 0))
    if target.inherits("QTabBar"):  # round the current tab only, inside the bar
        return target.tabRect(target.currentIndex()).translated(origin)
    return QRect(origin, target.size()).adjusted(-WIDTH, -WIDTH, WIDTH, WIDTH)


class _Ring(QWidget):
    """The outline round one widget, drawn over it from an ancestor (:func:`ring_host`), following
    its moves and resizes and those of the widgets between."""

    def __init__(self, target: QWidget, host: QWidget) -> None:
        super().__init__(host)
        self.target = target
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        widget: QWidget | None = target
        while widget is not None and widget is not host:  # the target and the widgets it is in
            widget.installEventFilter(self)
            widget = widget.parentWidget()
        target.destroyed.connect(self.deleteLater)
        if target.inherits("QTabBar"):  # a slot of the ring: disconnected when the ring goes
            target.currentChanged.connect(self._tab_changed)
        self.follow()

    @Slot(int)
    def _tab_changed(self, _index: int) -> None:
        self.follow()

    def follow(self) -> None:
        """Round the target as it is now (hidden with it)."""
        target = self.target
        if not target.isVisible():
            self.hide()
            return
        host = self.parentWidget()
        if host is None:
            return
        self.setGeometry(_outline(target, host).intersected(host.rect()))
        self.raise_()
        self.show()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.Move, QEvent.Type.Resize, QEvent.Type.Show, QEvent.Type.Hide):
            self.follow()
        return False

    def paintEvent(self, event) -> None:
        from PySide6.QtGui import QColor, QPainter, QPen  # not at start-up: nothing has the ring then

        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        pen = QPen(QColor(FOCUS), WIDTH)
        pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
        painter.setPen(pen)
        half = WIDTH // 2
        painter.drawRect(QRect(half, half, self.width() - WIDTH, self.height() - WIDTH))
        painter.end()
