"""Paragraph styles, colours and the helper that turns any text into a safe paragraph."""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph

from core.evidence import badge_colour
from core.memo import fonts
from core.packs import VerificationStatus
from core.verdicts import Verdict

INK = colors.HexColor("#1A1A1A")
MUTED = colors.HexColor("#3D3D3D")
RULE = colors.HexColor("#BBBBBB")
QUOTE_BAR = colors.HexColor("#7A7A7A")
QUOTE_BG = colors.HexColor("#F3F3F0")

VERDICT_COLOURS = {v: colors.HexColor(v.colour) for v in Verdict}  # the table is core.verdicts


def _style(name: str, **kw) -> ParagraphStyle:
    base = dict(fontName=fonts.REGULAR, fontSize=10.5, leading=13.6, textColor=INK, spaceAfter=2.5)
    base.update(kw)
    return ParagraphStyle(name, **base)


# Sizes: body 10.5 pt; citations, tables and notes at least 8.5 pt in dark grey (contrast > 9:1).
TITLE = _style("title", fontName=fonts.BOLD, fontSize=17, leading=21, spaceAfter=4)
SUBTITLE = _style("subtitle", fontSize=10.5, textColor=MUTED, spaceAfter=6)
H1 = _style("h1", fontName=fonts.BOLD, fontSize=12.5, leading=16, spaceBefore=9, spaceAfter=4, keepWithNext=1)
H1_OPEN = ParagraphStyle("h1", parent=H1, keepWithNext=0)
"""A section heading whose table may split right after it (a CondPageBreak keeps a few rows with it)."""
H2 = _style("h2", fontName=fonts.BOLD, fontSize=11, leading=14, spaceBefore=6, spaceAfter=2, keepWithNext=1)
FINDING = _style("finding", fontName=fonts.BOLD, fontSize=10.5, leading=14, spaceBefore=5, spaceAfter=2)
VERDICT = _style("verdict", fontName=fonts.BOLD, fontSize=12, leading=15.5, spaceAfter=3)
BODY = _style("body")
SMALL = _style("small", fontSize=8.5, leading=11, textColor=MUTED, spaceAfter=3)
CELL = _style("cell", fontSize=9.5, leading=12.2, spaceAfter=0)
CELL_BOLD = _style("cell-bold", fontName=fonts.BOLD, fontSize=9.5, leading=12.2, spaceAfter=0)
QUOTE = _style("quote", fontSize=10, leading=13.2, spaceAfter=0)
MONO = _style("mono", fontName=fonts.MONO, fontSize=8, leading=10.5, spaceAfter=0, textColor=MUTED)
DIGEST = _style("digest", fontName=fonts.MONO, fontSize=7.5, leading=10, spaceAfter=0, textColor=MUTED)
LABEL = _style("label", fontName=fonts.BOLD, fontSize=9, leading=12, textColor=MUTED, spaceAfter=0)


def para(text: str, style: ParagraphStyle, *, face: str | None = None, width: float | None = None) -> Paragraph:
    """A paragraph of plain ``text`` (escaped; any script; right-to-left aware).

    ``width`` is needed to wrap right-to-left text correctly; without it, such text is wrapped
    by reportlab after reordering, which is only right for single lines.
    """
    base = face or style.fontName
    if fonts.starts_rtl(text):
        style = ParagraphStyle(f"{style.name}-rtl", parent=style, alignment=TA_RIGHT)
        if width:
            text = "\n".join(fonts.wrap_rtl(text, base, style.fontSize, width))
    elif style.alignment != TA_LEFT:
        pass
    if fonts.has_cjk(text):
        style = ParagraphStyle(f"{style.name}-cjk", parent=style, wordWrap="CJK")
    return Paragraph(fonts.markup(text, base), style)


STATUS_COLOURS = {s: colors.HexColor(badge_colour(s)) for s in VerificationStatus}
"""Badge grounds of a quote's verification status (the table is core.evidence)."""
