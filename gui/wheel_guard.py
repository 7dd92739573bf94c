"""The mouse wheel changes an input only while it has keyboard focus.

Every input the app builds whose value a wheel would change (drop-down lists, the date edit) is
one of the classes here. Over an unfocused one, the wheel scrolls the area the input sits in
instead, so scrolling a long form can never change an answer behind the user's back; and none
takes focus from the wheel (``Qt.WheelFocus`` would let a first turn focus it and the next change
it). Scroll bars are not guarded: scrolling is their job.

The inputs do it in their own wheel handler. An application-wide event filter did it before: it
was handed every event of every object of the application, and PySide6 made a Python object (and
the Python class, with its enums) for each, which before the window's first frame cost as much as
importing the whole app (docs/TECH-NOTES.md).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication, QComboBox, QDateEdit, QWidget


def no_wheel_focus(widget: QWidget) -> None:
    """Let ``widget`` take focus by click or Tab only, not from the wheel (``Qt.WheelFocus``)."""
    if widget.focusPolicy() == Qt.FocusPolicy.WheelFocus:
        widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)


class WheelWhenFocused:
    """For a wheel-sensitive Qt input (put it before the Qt class among the bases): the wheel
    changes the input only while it has keyboard focus, and never gives it focus. Without the
    focus, the wheel goes to the scroll area around the input."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        no_wheel_focus(self)  # type: ignore[arg-type]

    def wheelEvent(self, event) -> None:
        if _has_focus(self):
            super().wheelEvent(event)  # type: ignore[misc]
            return
        _scroll_instead(self, event)
        event.accept()  # taken: a real wheel event left ignored would also reach the scroll area through Qt


class GuardedComboBox(WheelWhenFocused, QComboBox):
    """A drop-down list the wheel changes only while it has keyboard focus."""

    def setEditable(self, editable: bool) -> None:
        """As Qt's, but still never taking focus from the wheel: on macOS Qt gives an editable box
        ``Qt.WheelFocus`` again when it is made editable."""
        super().setEditable(editable)
        no_wheel_focus(self)


class GuardedDateEdit(WheelWhenFocused, QDateEdit):
    """A date edit the wheel changes only while it has keyboard focus."""


GUARDED = (GuardedComboBox, GuardedDateEdit)
"""The wheel-sensitive inputs the app builds (tests check that no other kind is in its windows)."""


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
