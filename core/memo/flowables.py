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
            c.setFont(fonts.ITALIC, 8)
            c.drawString(8, self.height / 2 - 3, self.placeholder)
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


def make_numbered_canvas(header_left: str, header_right: str, footer_left: str):
    """A canvas class that writes the header and "Page x of y" once the page count is known."""

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
            self.saveState()
            self.setStrokeColor(RULE)
            self.setLineWidth(0.5)
            self.line(MARGIN, height - 36, width - MARGIN, height - 36)
            self.line(MARGIN, 36, width - MARGIN, 36)
            self.setFillColor(MUTED)
            self.setFont(fonts.REGULAR, 7.5)
            self.drawString(MARGIN, height - 30, header_left)
            # The scenario title, right-aligned, shortened to the room the left part leaves.
            room = width - 2 * MARGIN - self.stringWidth(header_left, fonts.REGULAR, 7.5) - 24
            right = header_right

            def fits(text: str) -> bool:
                return fonts.string_width(fonts.visual(text), fonts.REGULAR, 7.5) <= room

            if not fits(right):
                while right and not fits(right + "…"):
                    right = right[:-1]
                right = right.rstrip() + "…"
            self._draw_runs(width - MARGIN, height - 30, fonts.visual(right), align_right=True)
            self.drawString(MARGIN, 26, footer_left)
            self.drawRightString(width - MARGIN, 26, f"Page {self._pageNumber} of {total}")
            self.restoreState()

        def _draw_runs(self, x: float, y: float, text: str, *, align_right: bool) -> None:
            pieces = fonts.runs(text, fonts.REGULAR)
            total_width = sum(self.stringWidth(chunk, face, 7.5) for face, chunk in pieces)
            cursor = x - total_width if align_right else x
            for face, chunk in pieces:
                self.setFont(face, 7.5)
                self.drawString(cursor, y, chunk)
                cursor += self.stringWidth(chunk, face, 7.5)

    return NumberedCanvas


def rule_line(width: float) -> Table:
    """A thin horizontal rule."""
    t = Table([[""]], colWidths=[width], rowHeights=[2])
    t.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), fonts.REGULAR), ("LINEABOVE", (0, 0), (-1, -1), 0.5, RULE)]))
    return t


__all__ = ["SignatureBox", "SignaturePlacement", "colors", "make_numbered_canvas", "quote_block", "rule_line"]
