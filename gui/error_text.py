"""How an error reads in a dialog (no Qt: the presenter and the crash handler share it)."""

from __future__ import annotations

import core


def error_text(exc: BaseException) -> str:
    """The text of an error dialog for ``exc``: a user error's own line, else "Unexpected error (…)"."""
    report = core.explain_error(exc)
    if report.kind is core.ErrorKind.USER:
        return report.message
    return f"Unexpected error ({report.message}). Nothing was lost; please report this."
