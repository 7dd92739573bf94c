"""The keys a file may use for a model object, derived from the model's dataclass fields.

A loader names only which keys are required (and the few that are not fields, or fields that
are computed); every other field is an optional key. Adding a field to a model thus allows
its key in files, and a key can no longer be allowed that the model does not have.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from typing import Any, NamedTuple


class Keys(NamedTuple):
    """Required and optional keys, in the order :meth:`core.schema.Reader.mapping` takes them."""

    required: tuple[str, ...]
    optional: tuple[str, ...]


def keys_of(
    model: Any, required: Iterable[str] | None = None, *, exclude: Iterable[str] = (), extra: Iterable[str] = ()
) -> Keys:
    """The keys of ``model`` (a dataclass): ``required`` (default: every field), the other fields optional.

    ``exclude`` names fields a file never sets (computed when loading); ``extra`` names keys that
    are not fields (a format marker, a shorthand).
    """
    skipped = set(exclude)
    names = [f.name for f in dataclasses.fields(model) if f.name not in skipped]
    names += [k for k in extra if k not in names]
    wanted = tuple(names if required is None else required)
    unknown = [k for k in wanted if k not in names]
    if unknown:
        raise ValueError(f"{model.__name__} has no field {unknown[0]!r}")
    return Keys(wanted, tuple(k for k in names if k not in wanted))
