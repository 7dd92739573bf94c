"""The view a :class:`gui.session.Session` drives: a few verbs to show things and ask questions.

The main window implements it with widgets and dialogs; the session tests with a fake that
records what it was told and answers questions from a script.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, Literal, Protocol

import core
from gui.autosave import Draft
from gui.verdict_change import VerdictChange

SaveChoice = Literal["save", "discard", "cancel"]
SigningField = Literal["passphrase", "output"]


class SessionView(Protocol):
    """What the session needs from a window: a few verbs to show things and ask questions."""

    def show_scenario(self, scenario: core.Scenario) -> None:
        """Show every value of ``scenario`` in the form (after open, undo, apply…)."""

    def show_evaluation(self, evaluation: core.Evaluation) -> None:
        """Show the findings, which questions are asked and the verdict."""

    def show_new_document(self) -> None:
        """Another document is open (new, open, example, restored draft): start at its overall verdict."""

    def show_title(self, title: str, dirty: bool) -> None:
        """Show the window title and whether there are unsaved changes."""

    def show_verdict_change(self, change: VerdictChange | None) -> None:
        """Say which verdicts the last edits changed (None: hide the notice)."""

    def show_history(self, undo: str | None, redo: str | None) -> None:
        """What Undo and Redo would do (None: nothing)."""

    def show_error(self, title: str, text: str) -> None:
        """An error, in a dialog."""

    def show_status(self, text: str) -> None:
        """A passing message."""

    def ask_save_changes(self, name: str) -> SaveChoice:
        """Save the changes to ``name``, discard them, or cancel?"""

    def ask_open_path(self) -> Path | None:
        """Which scenario file to open (None: cancelled)."""

    def ask_save_path(self, suggested: str) -> Path | None:
        """Where to save, starting from the file name ``suggested`` (None: cancelled)."""

    def ask_restore_draft(self, draft: Draft) -> bool:
        """Restore this draft left by a run that did not close cleanly?"""

    def ask_pdf_path(self) -> Path | None:
        """Which signed memo (to verify or countersign; None: cancelled)."""

    def ask_signing(self, form: SigningForm, chosen: Callable[[SigningChoice], None]) -> None:
        """Open the signing dialog for ``form``; call ``chosen`` when the user confirms (never on cancel)."""

    def ask_signing_again(self, problem: str, field: SigningField) -> None:
        """Reopen the last signing dialog with everything entered, saying ``problem`` at ``field``."""

    def ask_overwrite(self, path: Path) -> bool:
        """Replace the existing file ``path``?"""

    def run_signing(
        self, text: str, work: Callable[[], Any], done: Callable[[Any], None], failed: Callable[[BaseException], None]
    ) -> None:
        """Run ``work`` off the UI thread (saying ``text`` meanwhile); then ``done(result)`` or ``failed(error)``."""

    def show_memo_written(self, written: MemoWritten) -> None:
        """Say that a memo was written, and where (with a way to open its folder)."""

    def show_locks(self, locked: frozenset[str]) -> None:
        """Show which facts the what-if search keeps as they are (and search again if shown)."""

    def schedule_refresh(self) -> None:
        """Call :meth:`Session.refresh` soon (edits come in bursts)."""

    def schedule_autosave(self, seconds: float) -> None:
        """Call :meth:`Session.autosave` in ``seconds`` (replacing any earlier schedule)."""


@core.value_class
class ExportRequest:
    """What the export dialog starts from."""

    evaluation: core.Evaluation
    suggested: Path
    """The memo's suggested path (last export folder, else next to the scenario, else home)."""


@core.value_class
class SigningForm:
    """What a signing dialog starts from: export (``memo`` None) or countersign ``memo``."""

    suggested: Path
    timestamp_url: str
    last_identity: str
    memo: Path | None = None


@core.value_class
class SigningChoice:
    """What the user confirmed in a signing dialog."""

    identity: str
    passphrase: str | None
    timestamp_url: str
    output: Path
    lta: bool = False
    role: str = "Approver"
    """The signer's role on a countersignature."""


@core.value_class
class MemoWritten:
    """A memo written: the message's title and text, and the file."""

    title: str
    text: str
    path: Path
