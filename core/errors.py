"""Typed errors meant for the user.

Core raises these with a message a person can act on; each front end turns them into one
line (CLI) or one dialog (GUI) in a single place. Anything else escaping core is a bug.
"""

from __future__ import annotations

from pathlib import Path


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


_LINE_BREAKS = {ord(c): repr(c)[1:-1] for c in "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"}


def _one_line(text: str) -> str:
    """``text`` with line breaks written as escapes: an error is always one line."""
    return text.translate(_LINE_BREAKS)


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
