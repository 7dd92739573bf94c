"""A fake view for driving :class:`gui.session.Session` without Qt: it records what it is told
and answers the session's questions from a script (as mu's tests do with ``mocked_view``)."""

from __future__ import annotations

from collections import deque
from pathlib import Path
from typing import Any

import core
from gui.autosave import AutosaveClock
from gui.session import Session
from gui.settings import Settings

EXAMPLES = core.resources_dir() / "examples"
BODY_CAM = EXAMPLES / "body-cam-patrol-uk.scenario.yaml"
EU_RETAILER = EXAMPLES / "eu-retailer-live-face-matching.scenario.yaml"
OPTED_IN = Path(__file__).parent / "data" / "retailer-opted-in-members.scenario.yaml"
"""The retail case for opted-in members: prohibited live (Article 5(1)(h)), restricted after the event
(the bundled example stays prohibited after the event: GDPR Article 9 without explicit consent)."""


class FakeTime:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


class FakeView:
    """Implements :class:`gui.session_view.SessionView`; ``answers`` scripts the questions."""

    def __init__(self) -> None:
        self.session: Session | None = None
        self.answers: dict[str, deque[Any]] = {}
        self.asked: list[tuple[str, Any]] = []
        self.shown: list[core.Scenario] = []
        self.evaluations: list[core.Evaluation] = []
        self.new_documents = 0
        self.title: tuple[str, bool] = ("", False)
        self.verdict_change: Any = None
        self.history: tuple[str | None, str | None] = (None, None)
        self.errors: list[tuple[str, str]] = []
        self.statuses: list[str] = []
        self.autosave_in: float | None = None
        self.refresh_now = True
        self.signing: Any = None
        self.problems: list[tuple[str, str]] = []
        self.busy: list[str] = []
        self.written: list[Any] = []
        self.locks: list[frozenset[str]] = []

    def script(self, question: str, *replies: Any) -> None:
        """Queue the replies to ``question`` (``save_changes``, ``open_path``, ``save_path``, ``restore``,
        ``pdf_path``, ``signing`` (a SigningChoice, or None to cancel), ``overwrite``)."""
        self.answers.setdefault(question, deque()).extend(replies)

    def _reply(self, question: str, detail: Any) -> Any:
        self.asked.append((question, detail))
        queue = self.answers.get(question)
        assert queue, f"the session asked {question!r} ({detail}) but the test scripted no reply"
        return queue.popleft()

    def show_scenario(self, scenario):
        self.shown.append(scenario)

    def show_evaluation(self, evaluation):
        self.evaluations.append(evaluation)

    def show_new_document(self):
        self.new_documents += 1

    def show_title(self, title, dirty):
        self.title = (title, dirty)

    def show_verdict_change(self, change):
        self.verdict_change = change

    def show_history(self, undo, redo):
        self.history = (undo, redo)

    def show_error(self, title, text):
        self.errors.append((title, text))

    def show_status(self, text):
        self.statuses.append(text)

    def ask_save_changes(self, name):
        return self._reply("save_changes", name)

    def ask_open_path(self):
        return self._reply("open_path", None)

    def ask_save_path(self, suggested):
        return self._reply("save_path", suggested)

    def ask_restore_draft(self, draft):
        return self._reply("restore", draft)

    def ask_pdf_path(self):
        return self._reply("pdf_path", None)

    def ask_signing(self, form, chosen):
        self.signing = (form, chosen)
        self._sign(self._reply("signing", form))

    def ask_signing_again(self, problem, field):
        self.problems.append((problem, field))
        self._sign(self._reply("signing", problem))

    def _sign(self, choice):
        """A scripted SigningChoice presses Sign; None presses Cancel."""
        if choice is not None:
            self.signing[1](choice)

    def ask_overwrite(self, path):
        return self._reply("overwrite", path)

    def run_signing(self, text, work, done, failed):
        """Runs the work at once, on this thread (the real view uses a worker thread)."""
        self.busy.append(text)
        try:
            result = work()
        except Exception as exc:
            failed(exc)
        else:
            done(result)

    def show_memo_written(self, written):
        self.written.append(written)

    def show_locks(self, locked):
        self.locks.append(locked)

    def schedule_refresh(self):
        if self.refresh_now and self.session is not None:
            self.session.refresh()

    def schedule_autosave(self, seconds):
        self.autosave_in = seconds


def make_session(packs: core.PackSet, tmp_path: Path, time: FakeTime | None = None) -> tuple[Session, FakeView]:
    """A session on a fake view, drafts under ``tmp_path``, the autosave clock on ``time``."""
    view = FakeView()
    clock = AutosaveClock(now=time or FakeTime())
    session = Session(packs, view, settings=Settings(), autosave_dir=tmp_path / "autosave", clock=clock)
    view.session = session
    session.refresh()
    return session, view
