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


HEIGHTS_KEPT = 64
"""Widths a :class:`WrappingLabel` remembers its height for (a window resized by hand asks about
many; they are forgotten together beyond this)."""


class WrappingLabel(QLabel):
    """A word-wrapping plain-text label that remembers its height for each width it was asked about
    (and the width of its text on one line).

    Qt lays a wrapping label's text out anew each time a layout asks its height for a width: as
    the window shows, the form's layouts ask each label about some eight widths, three or four
    times each (and again when the window has settled), which made laying out the questions'
    text the costliest part of showing the window. What it remembers is forgotten on any change
    of font, style or other state Qt reports (``changeEvent``) and by every setter of the label
    that changes what it measures (text, number, margin, indent, wrapping, text format), so it is
    what Qt would answer. (Setting the ``text`` property through ``setProperty`` is not seen: use
    :meth:`setText`.)
    """

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._heights: dict[int, int] = {}
        self._line: int | None = None
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(True)
        self.setText(text)

    def forget(self) -> None:
        """Measure anew from now on."""
        self._heights.clear()
        self._line = None

    def setText(self, text: str) -> None:  # type: ignore[override]
        self.forget()
        super().setText(text)

    def setNum(self, number) -> None:  # type: ignore[override]
        self.forget()
        super().setNum(number)

    def clear(self) -> None:
        self.forget()
        super().clear()

    def setMargin(self, margin: int) -> None:
        self.forget()
        super().setMargin(margin)

    def setIndent(self, indent: int) -> None:
        self.forget()
        super().setIndent(indent)

    def setWordWrap(self, on: bool) -> None:
        self.forget()
        super().setWordWrap(on)

    def setTextFormat(self, text_format: Qt.TextFormat) -> None:
        self.forget()
        super().setTextFormat(text_format)

    def heightForWidth(self, width: int) -> int:
        """Qt's height for ``width``, measured once per width."""
        height = self._heights.get(width)
        if height is None:
            if len(self._heights) >= HEIGHTS_KEPT:
                self._heights.clear()
            height = self._heights[width] = super().heightForWidth(width)
        return height

    def line_width(self) -> int:
        """The width of the text on one line (its longest line), measured once."""
        if self._line is None:
            line = self.fontMetrics().boundingRect(QRect(0, 0, 100000, 100000), _WRAP, self.text())
            self._line = line.width()
        return self._line

    def changeEvent(self, event) -> None:
        self.forget()  # a font, style, palette or other change
        super().changeEvent(event)


class WrappingCheckBox(QCheckBox):
    """A checkbox whose label wraps onto several lines when space is short.

    The box is Qt's own, drawn without text; the label is a word-wrapping :class:`QLabel` beside
    it, in a layout, so the many size questions of a layout are answered by Qt (no Python runs for
    them, nor for painting). A click anywhere on the label toggles the box.
    """

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = WrappingLabel(text, self)
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
        taller shape: forms would then put two columns of boxes where one line of each fits).
        From what the label remembers (:class:`WrappingLabel`)."""
        margins = self.layout().contentsMargins()
        width = margins.left() + self.label.line_width() + max(margins.right(), ROOM)
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
