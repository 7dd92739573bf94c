"""The memo's ruled grid table."""

from __future__ import annotations

from reportlab.platypus import Table, TableStyle

from core.memo import fonts
from core.memo.styles import MUTED, RULE


def grid(rows: list[list], widths: list[float], *, header: bool = True) -> Table:
    """Rows with thin rules between them; the first row is a repeated header when ``header``."""
    table = Table(rows, colWidths=widths, repeatRows=1 if header else 0)
    style = [
        ("FONTNAME", (0, 0), (-1, -1), fonts.REGULAR),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        ("LINEBELOW", (0, 0), (-1, -1), 0.3, RULE),
    ]
    if header:
        style += [("LINEBELOW", (0, 0), (-1, 0), 0.8, MUTED)]
    table.setStyle(TableStyle(style))
    return table
