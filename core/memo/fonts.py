"""Fonts for the memo: embedded TrueType fonts, per-character fallback, right-to-left text.

reportlab has no font fallback: a character missing from the current font is drawn blank,
silently. So text is split into runs by which font has a glyph for each character, and each
run is wrapped in its own ``<font face>``. Arabic is shaped (arabic-reshaper) and put in visual
order (python-bidi). All text is escaped, so user input can never inject markup.
"""

from __future__ import annotations

import unicodedata
from functools import cache
from xml.sax.saxutils import escape

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from core.resources import fonts_dir

FILES = {
    "NotoSans": "NotoSans-Regular.ttf",
    "NotoSans-Bold": "NotoSans-Bold.ttf",
    "NotoSans-Italic": "NotoSans-Italic.ttf",
    "NotoSans-BoldItalic": "NotoSans-BoldItalic.ttf",
    "DejaVuSans": "DejaVuSans.ttf",
    "DejaVuSans-Bold": "DejaVuSans-Bold.ttf",
    "DejaVuSansMono": "DejaVuSansMono.ttf",
    "DroidSansFallback": "DroidSansFallbackFull.ttf",
}
REGULAR, BOLD, ITALIC, BOLD_ITALIC, MONO = (
    "NotoSans",
    "NotoSans-Bold",
    "NotoSans-Italic",
    "NotoSans-BoldItalic",
    "DejaVuSansMono",
)
FALLBACKS = {
    "NotoSans": ("DejaVuSans", "DroidSansFallback"),
    "NotoSans-Bold": ("DejaVuSans-Bold", "DejaVuSans", "DroidSansFallback"),
    "NotoSans-Italic": ("DejaVuSans", "DroidSansFallback"),
    "NotoSans-BoldItalic": ("DejaVuSans-Bold", "DejaVuSans", "DroidSansFallback"),
    "DejaVuSansMono": ("DejaVuSans", "DroidSansFallback"),
    "DejaVuSans": ("DroidSansFallback",),
    "DejaVuSans-Bold": ("DejaVuSans", "DroidSansFallback"),
    "DroidSansFallback": (),
}


@cache
def font(name: str) -> TTFont:
    """Register (once) and return the TrueType font ``name``."""
    ttf = TTFont(name, str(fonts_dir() / FILES[name]))
    pdfmetrics.registerFont(ttf)
    return ttf


@cache
def register_base_fonts() -> None:
    """Register the body fonts and the NotoSans family (bold/italic mapping for <b>, <i>)."""
    for name in (REGULAR, BOLD, ITALIC, BOLD_ITALIC, MONO):
        font(name)
    addMapping(REGULAR, 0, 0, REGULAR)
    addMapping(REGULAR, 1, 0, BOLD)
    addMapping(REGULAR, 0, 1, ITALIC)
    addMapping(REGULAR, 1, 1, BOLD_ITALIC)


def _covers(name: str, char: str) -> bool:
    return ord(char) in font(name).face.charToGlyph


def _face_for(char: str, base: str) -> str:
    if char.isspace() or _covers(base, char):
        return base
    for candidate in FALLBACKS[base]:
        if _covers(candidate, char):
            return candidate
    return base


def is_rtl_char(char: str) -> bool:
    """Whether a character is strongly right-to-left (Arabic, Hebrew, …)."""
    return unicodedata.bidirectional(char) in ("R", "AL")


def has_rtl(text: str) -> bool:
    """Whether any character is right-to-left."""
    return any(is_rtl_char(c) for c in text)


def starts_rtl(text: str) -> bool:
    """Whether the first strongly directional character is right-to-left (paragraph direction)."""
    for c in text:
        kind = unicodedata.bidirectional(c)
        if kind in ("R", "AL"):
            return True
        if kind == "L":
            return False
    return False


def has_cjk(text: str) -> bool:
    """Whether the text has ideographs or kana (which wrap without spaces)."""
    return any(unicodedata.east_asian_width(c) in ("W", "F") and not c.isspace() for c in text)


def visual(text: str) -> str:
    """Shape Arabic and reorder one line into visual order; other text is returned unchanged."""
    if not has_rtl(text):
        return text
    import arabic_reshaper
    from bidi import get_display

    return get_display(arabic_reshaper.reshape(text))


def runs(text: str, base: str = REGULAR) -> list[tuple[str, str]]:
    """Split ``text`` into (face, substring) runs by glyph coverage."""
    out: list[tuple[str, str]] = []
    for char in text:
        face = _face_for(char, base)
        if out and out[-1][0] == face:
            out[-1] = (face, out[-1][1] + char)
        else:
            out.append((face, char))
    return out


def markup(text: str, base: str = REGULAR) -> str:
    """Paragraph markup for plain ``text``: escaped, font runs, line breaks, visual RTL order.

    The result is safe to embed in reportlab paragraph markup: ``<``, ``>`` and ``&`` typed by a
    user appear literally.
    """
    lines = [visual(line) for line in text.split("\n")]
    parts = []
    for line in lines:
        pieces = []
        for face, chunk in runs(line, base):
            chunk = escape(chunk)
            pieces.append(chunk if face == base else f'<font face="{face}">{chunk}</font>')
        parts.append("".join(pieces))
    return "<br/>".join(parts)


def string_width(text: str, base: str, size: float) -> float:
    """Width of plain ``text`` in points, measuring each run in its own font."""
    return sum(pdfmetrics.stringWidth(chunk, face, size) for face, chunk in runs(text, base))


def wrap_rtl(text: str, base: str, size: float, width: float) -> list[str]:
    """Break right-to-left text into lines in logical order (before reordering each line).

    reportlab wraps after reordering, which would put the end of an Arabic sentence on the
    first line; wrapping first and reordering each line keeps the reading order.
    """
    lines: list[str] = []
    for paragraph in text.split("\n"):
        current = ""
        for word in paragraph.split(" "):
            candidate = f"{current} {word}" if current else word
            if current and string_width(visual(candidate), base, size) > width:
                lines.append(current)
                current = word
            else:
                current = candidate
        lines.append(current)
    return lines
