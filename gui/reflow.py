"""Widgets that reflow instead of running off the right edge at large zoom.

A checkbox label wraps onto more lines when the form is narrow (a QCheckBox never wraps), and
drop-down lists may become narrower than their longest entry (their list still shows it whole).
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QCheckBox, QComboBox, QStyle, QStyleOptionButton, QWidget

from gui.wheel_guard import no_wheel_focus

FRAME = 10
"""Room for the focus ring's border and padding (gui.style) on each side, in pixels."""
_WRAP = Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignLeft


class WrappingCheckBox(QCheckBox):
    """A checkbox whose label wraps onto several lines when space is short."""

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        policy = self.sizePolicy()
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self._measured: dict[tuple, int | QSize] = {}
        """Indicator and label sizes by font, style (and width): layouts ask for them thousands of
        times while a form is built. Keyed, not cleared on change events: a Python changeEvent()
        would leak a reference to None per event in PySide6 6.12 (see _option)."""

    def _option(self) -> QStyleOptionButton:
        # Not initStyleOption(): in PySide6 6.12 it releases a reference to None on every call,
        # which crashes the interpreter after some thousand repaints (tests/gui/test_review_zoom.py).
        # Nor initFrom(), for the same reason: the option is filled in here.
        option = QStyleOptionButton()
        option.rect = self.rect()
        option.palette = self.palette()
        option.fontMetrics = self.fontMetrics()
        option.direction = self.layoutDirection()
        flag = QStyle.StateFlag
        state = flag.State_On if self.isChecked() else flag.State_Off
        if self.isEnabled():
            state |= flag.State_Enabled
        if self.hasFocus():
            state |= flag.State_HasFocus | flag.State_KeyboardFocusChange
        if self.underMouse():
            state |= flag.State_MouseOver
        if self.isActiveWindow():
            state |= flag.State_Active
        option.state = state
        if self.isDown():
            option.state |= flag.State_Sunken
        return option

    def _indicator(self) -> QSize:
        key = ("indicator", self.font().key(), id(self.style()))
        size = self._measured.get(key)
        if size is None:
            option = self._option()
            style = self.style()
            width = style.pixelMetric(QStyle.PixelMetric.PM_IndicatorWidth, option, self)
            height = style.pixelMetric(QStyle.PixelMetric.PM_IndicatorHeight, option, self)
            spacing = style.pixelMetric(QStyle.PixelMetric.PM_CheckBoxLabelSpacing, option, self)
            size = self._remember(key, QSize(width + spacing, height))
        return QSize(size)  # type: ignore[arg-type]

    def _text_height(self, text_width: int) -> int:
        font, text = self.font().key(), self.text()
        line = self._measured.get(("line", font, text))
        if line is None:  # the label on one line: its width, and its height wherever it fits
            bounds = self.fontMetrics().boundingRect(QRect(0, 0, 100000, 100000), _WRAP, text)
            line = self._remember(("line", font, text), (bounds.width(), bounds.height()))
        if text_width >= line[0]:  # type: ignore[index]
            return line[1]  # type: ignore[index]
        key = ("text", font, max(text_width, 1), text)
        height = self._measured.get(key)
        if height is None:
            height = self.fontMetrics().boundingRect(QRect(0, 0, key[2], 100000), _WRAP, text).height()
            self._remember(key, height)
        return height  # type: ignore[return-value]

    def _remember(self, key: tuple, value):
        if len(self._measured) > 500:  # many widths or fonts (a window resized at length): start again
            self._measured.clear()
        self._measured[key] = value
        return value

    def hasHeightForWidth(self) -> bool:
        """The height depends on the width (the label wraps)."""
        return True

    def heightForWidth(self, width: int) -> int:
        """Lines needed at ``width`` (remembered: layouts ask again and again for the same widths)."""
        key = ("height", self.font().key(), id(self.style()), width, self.text())
        height = self._measured.get(key)
        if height is None:
            indicator = self._indicator()
            text_height = self._text_height(width - indicator.width() - 2 * FRAME)
            height = self._remember(key, max(indicator.height(), text_height) + 2 * FRAME - 4)
        return height  # type: ignore[return-value]

    def sizeHint(self) -> QSize:
        """The label on one line."""
        return self._hint("line", lambda metrics, text: metrics.horizontalAdvance(text))

    def minimumSizeHint(self) -> QSize:
        """As narrow as the longest word."""
        return self._hint("word", lambda metrics, text: max(metrics.horizontalAdvance(w) for w in text.split() or [""]))

    def _hint(self, kind: str, text_width) -> QSize:
        key = (kind, self.font().key(), id(self.style()), self.text())
        hint = self._measured.get(key)
        if hint is None:
            width = self._indicator().width() + text_width(self.fontMetrics(), key[3]) + 2 * FRAME
            hint = self._remember(key, QSize(width, self.heightForWidth(width)))
        return QSize(hint)  # type: ignore[arg-type]

    def hitButton(self, pos) -> bool:
        """A click anywhere on the label toggles the box."""
        return self.rect().contains(pos)

    def paintEvent(self, event) -> None:
        """The box (and focus ring) from the style, then the wrapped label."""
        option = self._option()
        painter = QPainter(self)
        self.style().drawControl(QStyle.ControlElement.CE_CheckBox, option, painter, self)
        indicator = self.style().subElementRect(QStyle.SubElement.SE_CheckBoxIndicator, option, self)
        spacing = self._indicator().width() - indicator.width()
        left = indicator.right() + 1 + max(spacing, 4)
        rect = QRect(left, FRAME - 3, self.width() - left - FRAME + 3, self.height() - 2 * (FRAME - 3))
        painter.setPen(self.palette().color(self.foregroundRole()))
        flags = Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        painter.drawText(rect, int(flags), self.text())
        painter.end()


class ShrinkingComboBox(QComboBox):
    """A drop-down list that may become narrower than its longest entry: its list, when it drops
    down, still shows every entry whole. Call :meth:`let_shrink` once the entries are in. It takes
    focus by click or Tab only (the mouse wheel changes it only when focused: ``gui.wheel_guard``)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        no_wheel_focus(self)

    def let_shrink(self, minimum: int = 140) -> None:
        """Allow widths down to ``minimum`` (or the box's own minimum, if smaller)."""
        self.setMinimumWidth(min(minimum, self.minimumSizeHint().width()))

    def showPopup(self) -> None:
        """Entries unelided. Set here, not when built: asking for the list earlier would build it
        (a list view, its model and scroll bars) for every box at start-up, dropped down or not."""
        self.view().setTextElideMode(Qt.TextElideMode.ElideNone)
        super().showPopup()
