"""Text from outside (files, certificates, the operating system) made safe to show on one line."""

from __future__ import annotations

import unicodedata

HIDDEN = frozenset({"Cc", "Cf", "Zl", "Zp", "Cs", "Co", "Cn"})
"""Unicode categories shown escaped: control characters (line breaks, escape sequences), format
characters (bidi overrides such as U+202E, zero-width characters), line and paragraph separators,
surrogates, private-use and unassigned code points."""
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def one_line(text: str, limit: int | None = None) -> str:
    """``text`` safe to show as one line: every character that could break the line, reorder it
    (a bidi override) or hide itself is written as a visible escape (``\\n``, ``\\u202e``); with
    ``limit``, the line is cut at that many characters (ending in "…")."""
    out = []
    for ch in text:
        if unicodedata.category(ch) not in HIDDEN:
            out.append(ch)
        elif ch in _NAMED:
            out.append(_NAMED[ch])
        else:
            code = ord(ch)
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}")
    line = "".join(out)
    return line if limit is None or len(line) <= limit else line[: limit - 1] + "…"
