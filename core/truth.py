"""Three-valued logic, written once: ``True``, ``False`` or ``None`` (unknown, a needed answer is missing).

``all_of`` is false as soon as one value is false, unknown if any is unknown, else true; ``any_of``
is its dual, written through it (De Morgan). Both stop at the first value that decides, so a
generator of lazily computed values is evaluated only as far as needed.
"""

from __future__ import annotations

from collections.abc import Iterable

Truth = bool | None
"""Three-valued truth: True, False, or None for unknown."""


def all_of(values: Iterable[Truth]) -> Truth:
    """Three-valued AND (True for no values)."""
    unknown = False
    for value in values:
        if value is False:
            return False
        if value is None:
            unknown = True
    return None if unknown else True


def negate(value: Truth) -> Truth:
    """Three-valued NOT: unknown stays unknown."""
    return None if value is None else not value


def any_of(values: Iterable[Truth]) -> Truth:
    """Three-valued OR (False for no values): not all of the negations."""
    return negate(all_of(negate(value) for value in values))


def both(a: Truth, b: Truth) -> Truth:
    """Three-valued AND of two values."""
    return all_of((a, b))
