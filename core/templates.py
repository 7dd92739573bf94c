"""Placeholders in pack texts, written once: ``{field.id}`` stands for the answer to that field.

The pack loader checks that every placeholder names a field and that no brace is left over;
the evaluator fills them in with the answers in words.
"""

from __future__ import annotations

import re
from collections.abc import Callable

PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
"""``{name}``; the name is a field id in a valid pack."""


def placeholders(text: str) -> list[str]:
    """The names of the placeholders in ``text``, in order."""
    return PLACEHOLDER.findall(text)


def has_stray_brace(text: str) -> bool:
    """Whether a ``{`` or ``}`` is left once the placeholders are taken out."""
    stripped = PLACEHOLDER.sub("", text)
    return "{" in stripped or "}" in stripped


def fill(template: str, value_of: Callable[[str], str | None]) -> str:
    """``template`` with each placeholder replaced by ``value_of(name)`` (kept as written when None)."""

    def sub(m: re.Match[str]) -> str:
        value = value_of(m.group(1))
        return m.group(0) if value is None else value

    return PLACEHOLDER.sub(sub, template)
