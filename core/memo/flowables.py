"""Page furniture and special flowables: numbered pages, quotation blocks, the signature box."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas as rl_canvas
from reportlab.platypus import Flowable, Table, TableStyle

from core.memo import fonts
from core.memo.styles import MUTED, QUOTE_BAR, QUOTE_BG, RULE

MARGIN = 50
"""Left and right page margin in points; the header and footer rules align with the text."""
WIDTH = A4[0] - 2 * MARGIN
"""Width of the text column."""


@dataclass
class SignaturePlacement:
    """Where the signature box landed: 0-based page index and its rectangle in points."""

    page_index: int = -1
    box: tuple[int, int, int, int] = (0, 0, 0, 0)


class SignatureBox(Flowable):
    """An empty framed box that records its position, so the signature widget can cover it."""

    def __init__(self, width: float, height: float, placement: SignaturePlacement, placeholder: str) -> None:
        super().__init__()
        self.width, self.height = width, height
        self.placement = placement
        self.placeholder = placeholder

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        c = self.canv
        x, y = c.absolutePosition(0, 0)
        self.placement.page_index = c.getPageNumber() - 1
        self.placement.box = (int(x), int(y), int(x + self.width), int(y + self.height))
        c.saveState()
        if self.placeholder:
            c.setStrokeColor(RULE)
            c.setLineWidth(0.6)
            c.rect(0, 0, self.width, self.height)
            c.setFillColor(MUTED)
            c.setFont(fonts.ITALIC, 8.5)
            c.drawString(8, 7, self.placeholder)
        c.restoreState()


def quote_block(paragraphs: list, width: float) -> Table:
    """A quotation block: the verbatim clause on a tinted ground with a bar on the left."""
    table = Table([[p] for p in paragraphs], colWidths=[width])
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), fonts.REGULAR),
                ("BACKGROUND", (0, 0), (-1, -1), QUOTE_BG),
                ("LINEBEFORE", (0, 0), (0, -1), 2.2, QUOTE_BAR),
                ("LEFTPADDING", (0, 0), (-1, -1), 9),
                ("RIGHTPADDING", (0, 0), (-1, -1), 7),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
                ("TOPPADDING", (0, 0), (-1, 0), 5),
                ("BOTTOMPADDING", (0, -1), (-1, -1), 5),
            ]
        )
    )
    return table


def shorten(text: str, fits) -> str:
    """``text`` if it fits, else cut at a word boundary with an ellipsis (never inside a word)."""
    if fits(text):
        return text
    words = text.split()
    while len(words) > 1:
        words.pop()
        candidate = " ".join(words).rstrip(",;:—–-") + "…"
        if fits(candidate):
            return candidate
    return "…"


def wrap_header(text: str, fits, max_lines: int = 2) -> list[str]:
    """``text`` on as few lines as fit (at most ``max_lines``), broken between words; only what
    would not fit on the last line is shortened, at a word boundary with an ellipsis."""
    words, lines = text.split(), list[str]()
    while words and len(lines) < max_lines - 1:
        n = len(words)
        while n > 1 and not fits(" ".join(words[:n])):
            n -= 1
        if n == len(words):
            break
        lines.append(" ".join(words[:n]))
        words = words[n:]
    return [*lines, shorten(" ".join(words), fits)] if words else lines


HEADER_SIZE = 8.5
HEADER_LEADING = 10


def make_numbered_canvas(
    header_left: str, header_right: str, footer_left: str, page_words: str = "Page {n} of {total}"
):
    """A canvas class that writes the running header (the memo's full title, on two lines if need
    be, and its id) and "Page x of y" once the page count is known."""

    class NumberedCanvas(rl_canvas.Canvas):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._saved: list[dict] = []

        def showPage(self):
            self._saved.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            total = len(self._saved)
            for state in self._saved:
                self.__dict__.update(state)
                self._furniture(total)
                super().showPage()
            super().save()

        def _furniture(self, total: int) -> None:
            width, height = self._pagesize
            size = HEADER_SIZE
            self.saveState()
            room = width - 2 * MARGIN - self.stringWidth(header_right, fonts.REGULAR, size) - 18

            def fits(text: str) -> bool:
                return fonts.string_width(fonts.visual(text), fonts.REGULAR, size) <= room

            lines = wrap_header(header_left, fits)
            top = height - 30 + HEADER_LEADING * (len(lines) - 1) * 0.8  # two lines: up a little, down a little
            self.setStrokeColor(RULE)
            self.setLineWidth(0.5)
            rule = min(height - 36, top - HEADER_LEADING * (len(lines) - 1) - 5)
            self.line(MARGIN, rule, width - MARGIN, rule)
            self.line(MARGIN, 36, width - MARGIN, 36)
            self.setFillColor(MUTED)
            self.setFont(fonts.REGULAR, size)
            self.drawRightString(width - MARGIN, top, header_right)
            for i, line in enumerate(lines):
                self._draw_runs(MARGIN, top - i * HEADER_LEADING, fonts.visual(line))
            self.setFont(fonts.REGULAR, size)
            self.drawString(MARGIN, 24, footer_left)
            self.drawRightString(width - MARGIN, 24, page_words.format(n=self._pageNumber, total=total))
            self.restoreState()

        def _draw_runs(self, x: float, y: float, text: str) -> None:
            cursor = x
            for face, chunk in fonts.runs(text, fonts.REGULAR):
                self.setFont(face, HEADER_SIZE)
                self.drawString(cursor, y, chunk)
                cursor += self.stringWidth(chunk, face, HEADER_SIZE)

    return NumberedCanvas


def rule_line(width: float) -> Table:
    """A thin horizontal rule."""
    t = Table([[""]], colWidths=[width], rowHeights=[2])
    t.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), fonts.REGULAR), ("LINEABOVE", (0, 0), (-1, -1), 0.5, RULE)]))
    return t


__all__ = [
    "SignatureBox",
    "SignaturePlacement",
    "colors",
    "make_numbered_canvas",
    "quote_block",
    "rule_line",
    "shorten",
    "wrap_header",
]
