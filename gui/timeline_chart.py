"""A small timeline chart: one lane per policy, one segment per period, labelled in words.

Each segment carries its verdict's symbol and name (when there is room), never colour alone;
the same content is listed as text under the chart.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QEvent, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

import core
from gui.findings_html import COLOURS, SYMBOLS

BAR = 22
"""Bar height at the default font; bars grow with the font (zoom)."""
GAP = 6


class TimelineChart(QWidget):
    """Paints a :class:`core.Timeline`: per lane, the policy's name on its own line (wrapped,
    never cut off), then its bar across the whole width; the dates of every change below."""

    def __init__(self) -> None:
        super().__init__()
        self.timeline: core.Timeline | None = None
        self.lanes: list[tuple[str, tuple[core.Period, ...]]] = []
        self.setAccessibleName("Timeline chart")
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def show_timeline(self, line: core.Timeline) -> None:
        """Show the packs that apply at some time, then the overall verdict."""
        self.timeline = line
        self.lanes = [(p.title, p.periods) for p in line.packs if not p.never_applies]
        self.lanes.append(("Overall", line.overall))
        self.setToolTip("\n".join(line.lines()))
        self.updateGeometry()
        self.update()

    def bar_height(self) -> int:
        """Height of a bar: room for a line of text at the current font."""
        return max(BAR, int(QFontMetrics(self.font()).height() * 1.4))

    def title_rect(self, title: str, width: int) -> QRectF:
        """The space a policy's name takes when wrapped to ``width``."""
        flags = int(Qt.TextFlag.TextWordWrap)
        return QRectF(QFontMetrics(self.font()).boundingRect(0, 0, max(width - 8, 1), 100000, flags, title))

    def layout_lanes(self, width: int) -> list[tuple[QRectF, QRectF]]:
        """Per lane: where its name and its bar go."""
        out, y = [], 4.0
        for title, _ in self.lanes:
            text = self.title_rect(title, width)
            name = QRectF(4, y, width - 8, text.height())
            bar = QRectF(4, name.bottom() + 2, width - 14, self.bar_height())
            out.append((name, bar))
            y = bar.bottom() + GAP
        return out

    def hasHeightForWidth(self) -> bool:
        """Names wrap, so the height depends on the width."""
        return True

    def heightForWidth(self, width: int) -> int:
        """All lanes and the date axis."""
        lanes = self.layout_lanes(width)
        bottom = lanes[-1][1].bottom() if lanes else 0
        return int(bottom + QFontMetrics(self.font()).height() * 1.6 + 10)

    def sizeHint(self) -> QSize:
        """As wide as offered; as tall as the lanes need."""
        return QSize(400, self.heightForWidth(400))

    def changeEvent(self, event) -> None:
        """A zoom changes the font: lanes and labels grow with it."""
        if event.type() == QEvent.Type.FontChange:
            self.updateGeometry()
        super().changeEvent(event)

    def resizeEvent(self, event) -> None:
        """Wrapped names need more or less height at a new width."""
        wanted = self.heightForWidth(self.width())
        if self.minimumHeight() != wanted:
            self.setMinimumHeight(wanted)
        super().resizeEvent(event)

    def _span(self) -> tuple[dt.date, dt.date]:
        starts = [p.start for _, periods in self.lanes for p in periods if p.start]
        first = min(starts) if starts else dt.date.today()
        return first - dt.timedelta(days=180), max(dt.date.today(), first) + dt.timedelta(days=120)

    def paintEvent(self, event) -> None:
        if not self.lanes:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        start, end = self._span()
        lanes = self.layout_lanes(self.width())
        left, right = 4.0, self.width() - 10.0
        days = max((end - start).days, 1)

        def x_of(day: dt.date | None, default: float) -> float:
            if day is None:
                return default
            return left + (right - left) * max(0, min(days, (day - start).days)) / days

        metrics = QFontMetrics(self.font())
        for (title, periods), (name, bar) in zip(self.lanes, lanes, strict=True):
            painter.setPen(self.palette().windowText().color())
            painter.drawText(name, int(Qt.TextFlag.TextWordWrap), title)
            for period in periods:
                x1 = x_of(period.start, left)
                x2 = x_of(period.end + dt.timedelta(days=1) if period.end else None, right)
                rect = QRectF(x1, bar.top(), max(x2 - x1, 1), bar.height())
                painter.fillRect(rect, QColor(COLOURS[period.verdict]))
                painter.setPen(QPen(QColor("#ffffff"), 1))
                painter.drawRect(rect)
                label = f"{SYMBOLS[period.verdict]} {period.state[:1].upper()}{period.state[1:]}"
                if metrics.horizontalAdvance(label) + 8 > rect.width():
                    label = SYMBOLS[period.verdict]
                if metrics.horizontalAdvance(label) + 4 <= rect.width():
                    painter.setPen(QColor("#ffffff"))
                    painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, label)
        self._paint_axis(painter, lanes[-1][1].bottom() + GAP, x_of, metrics)
        painter.end()

    def _paint_axis(self, painter: QPainter, axis_y: float, x_of, metrics: QFontMetrics) -> None:
        """The date of every change, each written whole (a date that would overlap is left out)."""
        painter.setPen(self.palette().windowText().color())
        painter.drawLine(4, int(axis_y), self.width() - 10, int(axis_y))
        ticks = sorted({p.start for _, periods in self.lanes for p in periods if p.start})
        last_x = -1e9
        for day in ticks:
            x = x_of(day, 4)
            painter.drawLine(int(x), int(axis_y), int(x), int(axis_y) + 4)
            text = day.isoformat()
            width = metrics.horizontalAdvance(text) + 6
            box = QRectF(min(max(x - width / 2, 0), self.width() - width), axis_y + 5, width, metrics.height() + 4)
            if box.left() > last_x:
                painter.drawText(box, Qt.AlignmentFlag.AlignHCenter, text)
                last_x = box.right()
