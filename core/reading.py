"""Reading a file the user named, with the operating system's refusals as one-line user errors."""

from __future__ import annotations

from pathlib import Path

from core.errors import ClausewiseError


def read_bytes(
    path: str | Path,
    error_class: type[ClausewiseError],
    *,
    limit: int | None = None,
    folder: str = "is a directory, not a file",
) -> bytes:
    """The bytes of ``path``; a missing file, a folder (``folder`` says it) or an unreadable one
    raise ``error_class`` naming the file. With ``limit``, at most that many bytes are read and a
    longer file (or a device that never ends, ``/dev/zero``) is refused as too large."""
    try:
        with open(path, "rb") as stream:
            raw = stream.read(-1 if limit is None else limit + 1)
    except FileNotFoundError:
        raise error_class("no such file", file=path) from None
    except IsADirectoryError:
        raise error_class(folder, file=path) from None
    except OSError as exc:
        raise error_class(f"cannot read: {exc.strerror or exc}", file=path) from None
    except ValueError as exc:  # e.g. a NUL character in the path
        raise error_class(f"cannot read: {exc}", file=path) from None
    if limit is not None and len(raw) > limit:
        raise error_class(f"too large (more than {limit:,} bytes, the limit)", file=path)
    return raw
