"""Widgets that reflow instead of running off the right edge at large zoom.

A checkbox label wraps onto more lines when the form is narrow (a QCheckBox never wraps), and
drop-down lists may become narrower than their longest entry (their list still shows it whole).
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QWidget

from gui.wheel_guard import GuardedComboBox

FRAME = 8
"""Room above, below and after the label, in pixels (as much as a one-line checkbox has)."""
SPACING = 6
"""Between the box and its label."""
ROOM = 20
"""After the label in the preferred width (as much as the checkbox had when it drew its own label:
forms choose one or two columns of boxes as before)."""
_WRAP = int(Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignLeft)


class WrappingCheckBox(QCheckBox):
    """A checkbox whose label wraps onto several lines when space is short.

    The box is Qt's own, drawn without text; the label is a word-wrapping :class:`QLabel` beside
    it, in a layout, so the many size questions of a layout are answered by Qt (no Python runs for
    them, nor for painting). A click anywhere on the label toggles the box.
    """

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = QLabel(text, self)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setWordWrap(True)
        self.label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)  # clicks reach the box
        self.setAccessibleName(text)
        box = QCheckBox.sizeHint(self)  # the box alone (no text yet)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(box.width() + SPACING, FRAME, FRAME, FRAME)
        layout.addWidget(self.label)

    def text(self) -> str:  # type: ignore[override]
        """The label."""
        return self.label.text()

    def setText(self, text: str) -> None:  # type: ignore[override]
        """Change the label (and the accessible name, where it was the label)."""
        if self.accessibleName() == self.label.text():
            self.setAccessibleName(text)
        self.label.setText(text)
        self.updateGeometry()

    def sizeHint(self) -> QSize:
        """The label on one line, beside the box (a word-wrapping QLabel would prefer a narrower,
        taller shape: forms would then put two columns of boxes where one line of each fits)."""
        margins = self.layout().contentsMargins()
        line = self.label.fontMetrics().boundingRect(QRect(0, 0, 100000, 100000), _WRAP, self.label.text())
        width = margins.left() + line.width() + max(margins.right(), ROOM)
        return QSize(width, self.heightForWidth(width))

    def minimumSizeHint(self) -> QSize:
        """As narrow as the label's longest word allows."""
        return self.layout().totalMinimumSize()

    def hitButton(self, pos) -> bool:
        """A click anywhere on the label toggles the box."""
        return self.rect().contains(pos)


class ShrinkingComboBox(GuardedComboBox):
    """A drop-down list that may become narrower than its longest entry: its list, when it drops
    down, still shows every entry whole. Call :meth:`let_shrink` once the entries are in. The mouse
    wheel changes it only while it has keyboard focus (``gui.wheel_guard``)."""

    def let_shrink(self, minimum: int = 140) -> None:
        """Allow widths down to ``minimum`` (or the box's own minimum, if smaller)."""
        self.setMinimumWidth(min(minimum, self.minimumSizeHint().width()))

    def showPopup(self) -> None:
        """Entries unelided. Set here, not when built: asking for the list earlier would build it
        (a list view, its model and scroll bars) for every box at start-up, dropped down or not."""
        self.view().setTextElideMode(Qt.TextElideMode.ElideNone)
        super().showPopup()
