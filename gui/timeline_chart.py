"""A small timeline chart: one lane per policy, one segment per period, labelled in words.

Each segment carries its verdict's symbol and name (when there is room), never colour alone;
the same content is listed as text under the chart.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

import core
from gui.findings_html import COLOURS, SYMBOLS

LANE = 30
LABEL_WIDTH = 210


class TimelineChart(QWidget):
    """Paints a :class:`core.Timeline`."""

    def __init__(self) -> None:
        super().__init__()
        self.timeline: core.Timeline | None = None
        self.lanes: list[tuple[str, tuple[core.Period, ...]]] = []
        self.setAccessibleName("Timeline chart")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def show_timeline(self, line: core.Timeline) -> None:
        """Show the packs that apply at some time, then the overall verdict."""
        self.timeline = line
        self.lanes = [(p.title, p.periods) for p in line.packs if not p.never_applies]
        self.lanes.append(("Overall", line.overall))
        self.setFixedHeight(LANE * (len(self.lanes) + 1) + 16)
        self.setToolTip("\n".join(line.lines()))
        self.update()

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
        left, right = LABEL_WIDTH, self.width() - 10
        days = max((end - start).days, 1)

        def x_of(day: dt.date | None, default: float) -> float:
            if day is None:
                return default
            return left + (right - left) * max(0, min(days, (day - start).days)) / days

        font = QFont(self.font())
        metrics = QFontMetrics(font)
        for row, (title, periods) in enumerate(self.lanes):
            y = 6 + row * LANE
            painter.setPen(self.palette().windowText().color())
            elided = metrics.elidedText(title, Qt.TextElideMode.ElideRight, LABEL_WIDTH - 10)
            painter.drawText(QRectF(4, y, LABEL_WIDTH - 8, LANE - 6), Qt.AlignmentFlag.AlignVCenter, elided)
            for period in periods:
                x1 = x_of(period.start, left)
                x2 = x_of(period.end + dt.timedelta(days=1) if period.end else None, right)
                rect = QRectF(x1, y + 3, max(x2 - x1, 1), LANE - 10)
                painter.fillRect(rect, QColor(COLOURS[period.verdict]))
                painter.setPen(QPen(QColor("#ffffff"), 1))
                painter.drawRect(rect)
                label = f"{SYMBOLS[period.verdict]} {period.state[:1].upper()}{period.state[1:]}"
                if metrics.horizontalAdvance(label) + 8 > rect.width():
                    label = SYMBOLS[period.verdict]
                if metrics.horizontalAdvance(label) + 4 <= rect.width():
                    painter.setPen(QColor("#ffffff"))
                    painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, label)
        # Date ticks at every change.
        axis_y = 6 + len(self.lanes) * LANE
        painter.setPen(self.palette().windowText().color())
        painter.drawLine(int(left), axis_y, int(right), axis_y)
        ticks = sorted({p.start for _, periods in self.lanes for p in periods if p.start})
        last_x = -1e9
        for day in ticks:
            x = x_of(day, left)
            painter.drawLine(int(x), axis_y, int(x), axis_y + 4)
            text = day.isoformat()
            if x - last_x > metrics.horizontalAdvance(text) + 6:
                painter.drawText(QRectF(x - 40, axis_y + 3, 80, LANE), Qt.AlignmentFlag.AlignHCenter, text)
                last_x = x
        painter.end()
