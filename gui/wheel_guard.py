"""One mechanism, app-wide: the mouse wheel changes an input only while it has keyboard focus."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtWidgets import QApplication, QWidget

from gui.qt_kinds import inherits_any

WHEEL_SENSITIVE = ("QComboBox", "QAbstractSpinBox", "QAbstractSlider")
"""Inputs whose value a mouse wheel would change (scroll bars excepted: scrolling is their job),
by Qt class name: asking Qt needs none of these classes made in Python at start-up."""


def wheel_sensitive(widget: QObject) -> bool:
    """Whether a wheel turned over ``widget`` would change a value (a drop-down, spin box, slider)."""
    return inherits_any(widget, WHEEL_SENSITIVE) and not widget.inherits("QScrollBar")


def no_wheel_focus(widget: QWidget) -> None:
    """Let ``widget`` take focus by click or Tab only, not from the wheel (``Qt.WheelFocus``).

    For inputs built before the guard is installed (the first window's): those built later are
    changed by the guard when they are first polished."""
    if widget.focusPolicy() == Qt.FocusPolicy.WheelFocus:
        widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)


_POLISH, _WHEEL = QEvent.Type.Polish, QEvent.Type.Wheel


class WheelGuard(QObject):
    """Application-wide: the wheel changes an input only while it has keyboard focus.

    Over an unfocused drop-down, spin box, date edit or slider, the wheel scrolls the area the
    input sits in instead, so scrolling a long form can never change an answer behind the
    user's back. Inputs also stop taking focus from the wheel (``Qt.WheelFocus``), which would
    otherwise let the first turn of the wheel focus them and the next one change them.
    """

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Guard wheel events; make wheel-sensitive inputs take focus by click or Tab only."""
        kind = event.type()  # every event of the application comes here: the kinds are looked up once
        if kind is _POLISH and wheel_sensitive(watched):
            no_wheel_focus(watched)  # type: ignore[arg-type]
        elif kind is _WHEEL and wheel_sensitive(watched) and not _has_focus(watched):
            _scroll_instead(watched, event)  # type: ignore[arg-type]
            return True
        return False


def _has_focus(widget) -> bool:
    focus = QApplication.focusWidget()
    return focus is not None and (focus is widget or widget.isAncestorOf(focus))


def _scroll_instead(widget, event) -> None:
    """Hand the wheel to the nearest scroll area around ``widget`` (if any)."""
    from PySide6.QtGui import QWheelEvent

    area = widget.parentWidget()
    while area is not None and not area.inherits("QAbstractScrollArea"):
        area = area.parentWidget()
    if area is None:
        return
    viewport = area.viewport()
    position = viewport.mapFromGlobal(event.globalPosition().toPoint())
    copy = QWheelEvent(
        position.toPointF(),
        event.globalPosition(),
        event.pixelDelta(),
        event.angleDelta(),
        event.buttons(),
        event.modifiers(),
        event.phase(),
        event.inverted(),
    )
    QCoreApplication.sendEvent(viewport, copy)


WHEEL_GUARD_NAME = "clausewiseWheelGuard"


def install_wheel_guard(app: QCoreApplication) -> WheelGuard:
    """Install the one :class:`WheelGuard` of ``app`` (again: the same one)."""
    guard = app.findChild(QObject, WHEEL_GUARD_NAME)
    if not isinstance(guard, WheelGuard):
        guard = WheelGuard(app)
        guard.setObjectName(WHEEL_GUARD_NAME)
        app.installEventFilter(guard)
    return guard
