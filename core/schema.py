"""Strict reading of parsed YAML documents.

Every check raises an error naming the file, the key path and the line (pyHanko's
``check_config_keys`` is the model): unknown keys, missing keys and wrong types are never
silently accepted.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Iterable
from typing import Any, NoReturn

from core.errors import InputError
from core.yamlsource import KeyPath, SourceMap

_TYPE_NAMES = {
    dict: "a mapping (key: value lines)",
    list: "a list",
    str: "text",
    bool: "true or false",
    int: "a whole number",
}


def _describe(value: Any) -> str:
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, (dt.date, dt.datetime)):
        return f"the date {value.isoformat()}"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    return repr(str(value))


class Reader:
    """Typed, located accessors over one parsed document."""

    def __init__(self, smap: SourceMap, error_class: type[InputError]) -> None:
        self.smap = smap
        self.error_class = error_class

    @property
    def file(self) -> str:
        """The file being read."""
        return self.smap.file

    def fail(self, path: KeyPath, message: str) -> NoReturn:
        """Raise this reader's error class located at ``path``."""
        raise self.smap.error(self.error_class, path, message)

    def expect(self, value: Any, kind: type, path: KeyPath) -> Any:
        """Return ``value`` if it is of ``kind`` (bool is not an int), else fail."""
        ok = isinstance(value, kind) and not (kind is int and isinstance(value, bool))
        if not ok:
            self.fail(path, f"expected {_TYPE_NAMES.get(kind, kind.__name__)}, found {_describe(value)}")
        return value

    def mapping(
        self,
        value: Any,
        path: KeyPath,
        required: Iterable[str] = (),
        optional: Iterable[str] = (),
    ) -> dict[str, Any]:
        """Check ``value`` is a mapping with all ``required`` keys and no unknown key."""
        self.expect(value, dict, path)
        required = tuple(required)
        allowed = set(required) | set(optional)
        for key in value:
            if key not in allowed:
                self.fail(
                    (*path, key),
                    f"unknown key{did_you_mean(str(key), allowed)}; allowed here: {', '.join(sorted(allowed))}",
                )
        for key in required:
            if key not in value:
                self.fail(path, f"missing key '{key}'")
        return value

    def text(self, value: Any, path: KeyPath, *, allow_empty: bool = False) -> str:
        """A text value, stripped of surrounding whitespace; empty only if allowed."""
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(value)
        self.expect(value, str, path)
        if not allow_empty and not value.strip():
            self.fail(path, "must not be empty")
        return value.strip()

    def identifier(self, value: Any, path: KeyPath) -> str:
        """An id: lower-case letters, digits, '-', '_' and '.', starting with a letter or digit."""
        text = self.text(value, path)
        ok = text[0].isalnum() and all(c.isalnum() or c in "-_." for c in text)
        if not ok or text != text.lower():
            self.fail(path, f"{text!r} is not a valid id (use lower-case letters, digits, '-', '_', '.')")
        return text

    def boolean(self, value: Any, path: KeyPath) -> bool:
        """``true`` or ``false``."""
        return self.expect(value, bool, path)

    def items(self, value: Any, path: KeyPath, *, allow_empty: bool = False) -> list[Any]:
        """A list (non-empty unless allowed)."""
        self.expect(value, list, path)
        if not value and not allow_empty:
            self.fail(path, "must not be an empty list")
        return value

    def date(self, value: Any, path: KeyPath) -> dt.date:
        """A calendar date written as YYYY-MM-DD."""
        if isinstance(value, dt.datetime):
            self.fail(path, "expected a date (YYYY-MM-DD), not a date and time")
        if isinstance(value, dt.date):
            return value
        if isinstance(value, str):
            try:
                return dt.date.fromisoformat(value.strip())
            except ValueError as exc:
                if _DATE_SHAPE.match(value.strip()):
                    self.fail(path, f"{value.strip()!r} is not a real date ({exc})")
        self.fail(path, f"expected a date written as YYYY-MM-DD, found {_describe(value)}")

    def choice(self, value: Any, path: KeyPath, allowed: Iterable[str]) -> str:
        """One of ``allowed``."""
        allowed = tuple(allowed)
        text = self.text(value, path)
        if text not in allowed:
            self.fail(path, f"{text!r} is not one of: {', '.join(allowed)}")
        return text


_DATE_SHAPE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def parse_date(text: str) -> dt.date:
    """Parse a YYYY-MM-DD date typed by a user; raises :class:`InputError` with a hint."""
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError as exc:
        if _DATE_SHAPE.match(text.strip()):
            raise InputError(f"{text.strip()!r} is not a real date ({exc})") from None
        raise InputError(f"{text!r} is not a date; write it as YYYY-MM-DD, e.g. 2024-06-01") from None


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    """ " (did you mean 'x'?)" for the closest candidate, or "" if none is close."""
    close = difflib.get_close_matches(word, list(candidates), n=1, cutoff=0.75)
    return f" (did you mean {close[0]!r}?)" if close else ""
