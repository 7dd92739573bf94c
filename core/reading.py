"""Reading a file the user named, with the operating system's refusals as one-line user errors."""

from __future__ import annotations

from pathlib import Path

from core.errors import ClausewiseError, InputError

MAX_BYTES = 4 * 1024 * 1024
"""Larger files are refused: no scenario, pack or questionnaire comes near this."""


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


def read_text(path: Path, error_class: type[InputError] = InputError) -> str:
    """Read a UTF-8 text file (line endings made "\\n"), turning OS and decoding errors into user errors.

    At most :data:`MAX_BYTES` are read, so a device or a pipe that never ends (``/dev/zero``) is
    refused rather than read until memory runs out.
    """
    return decode_text(read_bytes(path, error_class, limit=MAX_BYTES), path, error_class)


def decode_text(raw: bytes, file: str | Path, error_class: type[InputError] = InputError) -> str:
    """UTF-8 bytes as text with "\\n" line endings; other encodings are named as the problem."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise error_class("saved as UTF-16 text; save it as UTF-8", file=file, line=1)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise error_class(
            f"not UTF-8 text: byte 0x{raw[exc.start]:02X} at column {column} cannot be read"
            " (is it a binary file, or saved in another encoding?)",
            file=file,
            line=line,
        ) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")
