"""Typed errors meant for the user, and the one error boundary both front ends share.

Core raises these with a message a person can act on. :func:`explain_error` says, for any
exception, whether it is the user's to act on (these errors, and files the operating system
refuses), an interruption, or a bug, and how it reads as one line; the CLI turns that into one
line on stderr and an exit status, the app into one dialog. Anything else escaping core is a bug.
"""

from __future__ import annotations

import enum
from pathlib import Path

from core.display import one_line
from core.value_class import value_class

EXIT_INPUT = 2
"""Exit status for bad input: a file, field, option or date that cannot be used."""
EXIT_INTERNAL = 70
"""Exit status for an internal error (a bug)."""
EXIT_INTERRUPTED = 130
"""Exit status when the user interrupted or cancelled."""


class ClausewiseError(Exception):
    """An error whose message is written for the user of the app.

    ``file``, ``key`` and ``line`` locate the problem when it comes from a file: the key is a
    dotted path such as ``rules[2].when.field`` and the line is 1-based.
    """

    def __init__(
        self,
        message: str,
        *,
        file: str | Path | None = None,
        key: str | None = None,
        line: int | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.file = str(file) if file is not None else None
        self.key = key
        self.line = line

    def __str__(self) -> str:
        where = ""
        if self.file:
            where = self.file + (f":{self.line}" if self.line else "") + ": "
        elif self.line:
            where = f"line {self.line}: "
        key = f"{_clip(self.key, 200)}: " if self.key else ""
        return _one_line(f"{where}{key}{_clip(self.message, 1000)}")


def _one_line(text: str) -> str:
    """``text`` with line breaks, bidi overrides and other hidden characters written as escapes:
    an error is always one line, and shows what it quotes as it is."""
    return one_line(text)


def _clip(text: str, limit: int) -> str:
    """``text`` shortened in the middle to ``limit`` characters (a huge value quoted by a message)."""
    if len(text) <= limit:
        return text
    half = (limit - 3) // 2
    return f"{text[:half]} … {text[-half:]}"


class InputError(ClausewiseError):
    """A file or value supplied by the user is malformed (scenario, pack, questionnaire, date)."""


class ScenarioError(InputError):
    """A scenario file does not follow the scenario vocabulary."""


class PackError(InputError):
    """A policy pack (or its test cases) is malformed or refers to something undefined."""


class QuestionnaireError(InputError):
    """The questionnaire is malformed."""


class SigningError(ClausewiseError):
    """A memo could not be signed (identity, passphrase, timestamp server)."""


class WrongPassphrase(SigningError):
    """The passphrase does not open the signing identity."""


class IdentityError(ClausewiseError):
    """A signing identity could not be created, imported, found or exported."""


class VerificationError(ClausewiseError):
    """A file could not be checked at all (not a PDF, no signature, unreadable)."""


class Cancelled(Exception):
    """The user cancelled an operation; not an error, nothing to report."""


class ErrorKind(enum.Enum):
    """Whose move an error is."""

    USER = "user"
    """Bad input or a file the system refused: the message says what to change."""
    INTERRUPTED = "interrupted"
    """The user interrupted (Ctrl+C)."""
    INTERNAL = "internal"
    """A bug: to be reported, with the details."""


@value_class
class ErrorReport:
    """An exception as the front ends show it: its kind and one line of text."""

    kind: ErrorKind
    message: str
    """One line, never a traceback."""

    @property
    def exit_status(self) -> int:
        """The command line's exit status for this error."""
        return {ErrorKind.USER: EXIT_INPUT, ErrorKind.INTERRUPTED: EXIT_INTERRUPTED}.get(self.kind, EXIT_INTERNAL)

    def terminal_line(self, program: str = "clausewise") -> str:
        """The line a terminal shows, e.g. ``clausewise: error: a.yaml:3: answers: …``."""
        if self.kind is ErrorKind.USER:
            return f"{program}: error: {self.message}"
        if self.kind is ErrorKind.INTERRUPTED:
            return f"{program}: {self.message}"
        return f"{program}: internal error: {self.message}"


def explain_error(exc: BaseException) -> ErrorReport:
    """Which kind of error ``exc`` is, and how it reads as one line.

    User errors are :class:`ClausewiseError` and :class:`OSError` (a file or folder the system
    refused: permissions, a full disk, a missing file), told by type, never by message text.
    """
    if isinstance(exc, ClausewiseError):
        return ErrorReport(ErrorKind.USER, str(exc))
    if isinstance(exc, KeyboardInterrupt | Cancelled):
        return ErrorReport(ErrorKind.INTERRUPTED, "interrupted" if isinstance(exc, KeyboardInterrupt) else "cancelled")
    if isinstance(exc, OSError):
        where = f"{exc.filename}: " if exc.filename else ""
        return ErrorReport(ErrorKind.USER, _one_line(_clip(f"{where}{exc.strerror or exc}", 1200)))
    return ErrorReport(ErrorKind.INTERNAL, _one_line(_clip(f"{type(exc).__name__}: {exc}", 1200)))
