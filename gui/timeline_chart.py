"""A small timeline chart: one lane per policy, one segment per period, labelled in words.

Each segment carries its verdict's symbol and name (when there is room), never colour alone;
the same content is listed as text under the chart.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QEvent, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

import core
from gui.findings_html import COLOURS, SYMBOLS

LANE = 30
"""Lane height at the default font; lanes grow with the font (zoom)."""
LABEL_WIDTH = 210
"""Width of the policy names at the default font; grows with the font, up to 40 % of the chart."""


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
        self._fit_height()
        self.setToolTip("\n".join(line.lines()))
        self.update()

    def lane_height(self) -> int:
        """Height of one lane: room for a line of text at the current font."""
        return max(LANE, int(QFontMetrics(self.font()).height() * 1.8))

    def label_width(self) -> int:
        """Width of the policy-name column: the longest name, within 40 % of the chart."""
        metrics = QFontMetrics(self.font())
        widest = max((metrics.horizontalAdvance(title) for title, _ in self.lanes), default=0) + 16
        return int(max(min(widest, self.width() * 0.4), min(LABEL_WIDTH, self.width() * 0.3)))

    def _fit_height(self) -> None:
        self.setFixedHeight(self.lane_height() * (len(self.lanes) + 1) + 16)

    def changeEvent(self, event) -> None:
        """A zoom changes the font: lanes and labels grow with it."""
        if event.type() == QEvent.Type.FontChange and self.lanes:
            self._fit_height()
        super().changeEvent(event)

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
        lane, label_width = self.lane_height(), self.label_width()
        left, right = label_width, self.width() - 10
        days = max((end - start).days, 1)

        def x_of(day: dt.date | None, default: float) -> float:
            if day is None:
                return default
            return left + (right - left) * max(0, min(days, (day - start).days)) / days

        font = QFont(self.font())
        metrics = QFontMetrics(font)
        for row, (title, periods) in enumerate(self.lanes):
            y = 6 + row * lane
            painter.setPen(self.palette().windowText().color())
            elided = metrics.elidedText(title, Qt.TextElideMode.ElideRight, label_width - 10)
            painter.drawText(QRectF(4, y, label_width - 8, lane - 6), Qt.AlignmentFlag.AlignVCenter, elided)
            for period in periods:
                x1 = x_of(period.start, left)
                x2 = x_of(period.end + dt.timedelta(days=1) if period.end else None, right)
                rect = QRectF(x1, y + 3, max(x2 - x1, 1), lane - 10)
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
        axis_y = 6 + len(self.lanes) * lane
        painter.setPen(self.palette().windowText().color())
        painter.drawLine(int(left), axis_y, int(right), axis_y)
        ticks = sorted({p.start for _, periods in self.lanes for p in periods if p.start})
        last_x = -1e9
        for day in ticks:
            x = x_of(day, left)
            painter.drawLine(int(x), axis_y, int(x), axis_y + 4)
            text = day.isoformat()
            width = metrics.horizontalAdvance(text) + 6
            box = QRectF(min(max(x - width / 2, 0), self.width() - width), axis_y + 3, width, lane)
            if box.left() > last_x:
                painter.drawText(box, Qt.AlignmentFlag.AlignHCenter, text)
                last_x = box.right()
        painter.end()


def timeline_in_words(line: core.Timeline, packs: core.PackSet) -> list[str]:
    """The timeline as text for people: clauses named by their section in the policy
    (e.g. “Article 5(1)(h)”), not by their identifiers in the packs."""
    out = line.lines()[:2]  # the heading and the overall line have no clause in them
    for pt in line.packs:
        if pt.never_applies:
            continue
        out.append(f"  {pt.title}: " + pt.summary())
        pack = next((p for p in packs if p.id == pt.pack_id), None)
        for before, after in zip(pt.periods, pt.periods[1:], strict=False):
            out.append("    - " + _change_in_words(before, after, pack))
    never = [pt.title for pt in line.packs if pt.never_applies]
    if never:
        out.append("  Never applicable to this scenario: " + "; ".join(never))
    return out


def _change_in_words(before: core.Period, after: core.Period, pack: core.PolicyPack | None) -> str:
    if before.state == after.state:
        text = f"{after.start}: still {after.state}"
    else:
        text = f"{after.start}: {before.state} → {after.state}"
    if before.version != after.version and after.version:
        text += f" (version of {after.version})"
    added = [_clause_name(pack, after, c) for c in after.clauses if c not in before.clauses]
    removed = [_clause_name(pack, before, c) for c in before.clauses if c not in after.clauses]
    if added:
        text += "; now cited: " + ", ".join(added)
    if removed:
        text += "; no longer cited: " + ", ".join(removed)
    return text


def _clause_name(pack: core.PolicyPack | None, period: core.Period, clause_id: str) -> str:
    """The clause's section as the policy labels it, e.g. “Limited Access to Face API”."""
    try:
        assert pack is not None and period.version is not None
        return f"“{pack.version(period.version).clauses[clause_id].section}”"
    except (AssertionError, KeyError):
        return f"“{clause_id}”"
