"""Text put into the HTML that the findings, the verdict banner and the dialogs show.

:func:`escape` is ``html.escape`` without importing :mod:`html`: that module builds the table of
2,231 named character references (``html.entities``) for ``html.unescape`` when it is imported,
about 2.5 ms of start-up for a function nothing here uses.
"""

from __future__ import annotations

_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;"})


def escape(text: str) -> str:
    """``text`` with the characters special in HTML replaced, exactly as ``html.escape(text)`` does."""
    return text.translate(_ESCAPES)
