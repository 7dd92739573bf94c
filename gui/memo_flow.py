"""File → Export Signed Memo and Countersign Memo, as flows the session runs — with no Qt at all.

The flow decides what to ask (which identity and file, whether to replace a file), what runs off
the UI thread (the signing), and what follows: a wrong passphrase brings the dialog back with
everything entered; any other failure is an error dialog and leaves the scenario, its unsaved
state and its autosaved draft as they were; success says where the memo is. The view only
shows the dialogs (:class:`gui.session_view.SessionView`).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import core
from gui.error_text import error_text
from gui.session_view import ExportRequest, MemoWritten, SigningChoice, SigningForm
from gui.settings import save_settings

if TYPE_CHECKING:
    from gui.session import Session

WRONG_PASSPHRASE = "The passphrase does not open this signing identity. Try again."
KEEP_ORIGINAL = "Save the countersigned memo as a new file: the signed original stays as it is."
MEMO_SUFFIX = ".memo.pdf"
"""The memo's file name ending (``body-cam.memo.pdf``)."""


def memo_file_name(scenario_file_name: str) -> str:
    """The memo's file name for a scenario file's name: ``x.scenario.yaml`` → ``x.memo.pdf``."""
    return scenario_file_name.removesuffix(core.SCENARIO_SUFFIX).removesuffix(".yaml") + MEMO_SUFFIX


@core.value_class
class _Job:
    """One signing: what runs, what it says meanwhile, how it reads when it worked or failed."""

    work: Callable[[SigningChoice], Any]
    busy: str
    failed_title: str
    written: Callable[[Any], MemoWritten]
    memo: Path | None = None
    """Countersign: the signed original, which is never overwritten."""


class MemoFlow:
    """Export and countersign for ``session``; ``last`` is the last memo written."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.last: MemoWritten | None = None

    def request(self) -> ExportRequest:
        """The evaluation to sign and where to suggest writing it: the export folder last used,
        else next to the scenario's file, else the home folder."""
        session = self.session
        if session.settings.export_dir:
            folder = Path(session.settings.export_dir)
        else:
            folder = session.path.parent if session.path else Path.home()
        return ExportRequest(session.evaluation(), folder / memo_file_name(session.suggested_file_name()))

    def export(self) -> None:
        """File → Export Signed Memo…: the evaluation shown now, signed into the file the user chooses."""
        request = self.request()
        packs = self.session.packs

        def work(choice: SigningChoice) -> core.SignedMemo:
            identity = core.find_identity(choice.identity)
            return core.export_signed_memo(
                request.evaluation,
                packs,
                choice.output,
                identity,
                choice.passphrase,
                timestamp_url=choice.timestamp_url or None,
                lta=choice.lta,
            )

        def written(result: core.SignedMemo) -> MemoWritten:
            text = f"The signed memo {result.memo_id} was written to:\n{result.path}"
            return MemoWritten("Memo written", text, Path(result.path))

        job = _Job(work, "Signing the memo…", "The memo was not written", written)
        self._ask(job, SigningForm(request.suggested, *self._remembered()))

    def countersign(self) -> None:
        """File → Countersign Memo…: which memo, then identity, role and a new file for the result."""
        memo = self.session.view.ask_pdf_path()
        if memo is None:
            return

        def work(choice: SigningChoice) -> Any:  # core.Countersigned (not in the public API)
            identity = core.find_identity(choice.identity)
            return core.countersign_memo(
                memo,
                choice.output,
                identity,
                choice.passphrase,
                role=choice.role or "Approver",
                timestamp_url=choice.timestamp_url or None,
                lta=choice.lta,
            )

        def written(result: Any) -> MemoWritten:
            text = f"Memo {result.memo_id} now carries {result.signatures} signatures; written to:\n{result.path}"
            return MemoWritten("Memo countersigned", text, Path(result.path))

        suggested = memo.with_name(memo.stem + "-countersigned.pdf")
        job = _Job(work, "Countersigning the memo…", "The memo was not countersigned", written, memo=memo)
        self._ask(job, SigningForm(suggested, *self._remembered(), memo=memo))

    def _remembered(self) -> tuple[str, str]:
        settings = self.session.settings
        return settings.timestamp_url, settings.last_identity

    def _ask(self, job: _Job, form: SigningForm) -> None:
        self.session.view.ask_signing(form, lambda choice: self._confirmed(job, choice))

    def _confirmed(self, job: _Job, choice: SigningChoice) -> None:
        """The user pressed Sign: check the file, remember the choices, sign off the UI thread."""
        view = self.session.view
        if job.memo is not None and choice.output.resolve() == job.memo.resolve():
            view.ask_signing_again(KEEP_ORIGINAL, "output")
            return
        if choice.output.exists() and not view.ask_overwrite(choice.output):
            view.ask_signing_again(f"{choice.output.name} is kept: choose another file name.", "output")
            return
        self._remember(choice, export=job.memo is None)
        view.run_signing(job.busy, lambda: job.work(choice), lambda r: self._done(job, r), self._failed(job))

    def _remember(self, choice: SigningChoice, *, export: bool) -> None:
        settings = self.session.settings
        settings.timestamp_url = choice.timestamp_url
        settings.last_identity = choice.identity
        if export:
            settings.export_dir = str(choice.output.parent)
        save_settings(settings)

    def _done(self, job: _Job, result: Any) -> None:
        self.last = job.written(result)
        self.session.view.show_memo_written(self.last)

    def _failed(self, job: _Job) -> Callable[[BaseException], None]:
        def failed(exc: BaseException) -> None:
            if isinstance(exc, core.WrongPassphrase):
                self.session.view.ask_signing_again(WRONG_PASSPHRASE, "passphrase")
            else:
                self.session.view.show_error(job.failed_title, error_text(exc))

        return failed
