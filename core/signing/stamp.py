"""The visible signature: a box on the last page showing who signed, when, and why.

The appearance is drawn with reportlab (so any script renders, with embedded fonts) into a
one-page PDF the size of the box, then imported by pyHanko as the signature widget's
appearance.
"""

from __future__ import annotations

import binascii
import io
import uuid

from pyhanko.pdf_utils import content, layout
from pyhanko.pdf_utils.layout import BoxConstraints
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.stamp import StaticStampStyle
from reportlab.pdfgen import canvas

from core.memo import fonts
from core.memo.styles import MUTED


class _ImportedPdfBytes(content.PdfContent):
    """Like pyHanko's ImportedPdfPage, but from bytes in memory instead of a file."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        super().__init__()

    def render(self) -> bytes:
        writer = self._ensure_writer
        xobj = writer.import_page_as_xobject(PdfFileReader(io.BytesIO(self.data)), page_ix=0)
        name = "/Stamp" + binascii.hexlify(uuid.uuid4().bytes).decode("ascii")
        self.resources.xobject[name] = xobj
        x1, y1, x2, y2 = xobj.get_object()["/BBox"]
        self.box = BoxConstraints(width=abs(x1 - x2), height=abs(y1 - y2))
        return name.encode("ascii") + b" Do"


def _line(c: canvas.Canvas, x: float, y: float, text: str, face: str, size: float) -> None:
    for run_face, chunk in fonts.runs(fonts.visual(text), face):
        c.setFont(run_face, size)
        c.drawString(x, y, chunk)
        x += c.stringWidth(chunk, run_face, size)


def appearance_pdf(width: float, height: float, lines: list[tuple[str, str, float]]) -> bytes:
    """A one-page PDF of ``width`` × ``height`` points with the given (text, face, size) lines."""
    fonts.register_base_fonts()
    buffer = io.BytesIO()
    c = canvas.Canvas(buffer, pagesize=(width, height), initialFontName=fonts.REGULAR)
    c.setFillColorRGB(0.96, 0.97, 0.99)
    c.setStrokeColorRGB(0.16, 0.34, 0.62)
    c.setLineWidth(1)
    c.rect(0.5, 0.5, width - 1, height - 1, fill=1, stroke=1)
    # Spread the lines evenly over the box, so that the last one is never clipped.
    gap = max(1.0, (height - 10 - sum(size for _, _, size in lines)) / max(len(lines), 1))
    y = height - 5
    for text, face, size in lines:
        y -= size
        c.setFillColor(MUTED if face == fonts.ITALIC else (0.1, 0.1, 0.1))
        _line(c, 8, y, text, face, size)
        y -= gap
    c.showPage()
    c.save()
    return buffer.getvalue()


def stamp_style(width: float, height: float, lines: list[tuple[str, str, float]]) -> StaticStampStyle:
    """A pyHanko stamp style whose appearance is the reportlab drawing of ``lines``."""
    return StaticStampStyle(
        background=_ImportedPdfBytes(appearance_pdf(width, height, lines)),
        border_width=0,
        background_layout=layout.SimpleBoxLayoutRule(
            x_align=layout.AxisAlignment.ALIGN_MIN,
            y_align=layout.AxisAlignment.ALIGN_MIN,
            margins=layout.Margins.uniform(0),
            inner_content_scaling=layout.InnerScaling.NO_SCALING,
        ),
    )
