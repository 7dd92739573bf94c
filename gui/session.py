"""The presenter: the open scenario and every flow the window runs on it — with no Qt at all.

The window is a passive view (:class:`SessionView`): it shows what the session tells it to and
forwards what the user does. Opening, saving, the unsaved-changes question, revert, what-if
*Apply* and the what-if locks, undo and redo, when to autosave and whether to offer a draft after
a crash are decided here, and export and countersign in :mod:`gui.memo_flow`; all tested with a
fake view and no window (STYLE.md, practice 3; mu's ``Editor``).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

import core
from gui.autosave import AUTOSAVE_NAME, AutosaveClock, Draft, DraftStore, UnreadableDraft
from gui.files import read_scenario
from gui.history import History, Step
from gui.settings import Settings, save_settings
from gui.verdict_change import VerdictChange, VerdictSnapshot, describe_answer_edit, snapshot

if TYPE_CHECKING:  # export and the view's questions are imported when first used (start-up)
    from gui.memo_flow import MemoFlow
    from gui.session_view import SessionView

__all__ = ["AUTOSAVE_NAME", "Draft", "Session", "read_scenario"]

SUFFIX = core.SCENARIO_SUFFIX


class Session:
    """One scenario being edited: its file, its unsaved state, its history, its evaluation."""

    def __init__(
        self,
        packs: core.PackSet,
        view: SessionView,
        *,
        settings: Settings | None = None,
        autosave_dir: Path | None = None,
        clock: AutosaveClock | None = None,
    ) -> None:
        self.packs = packs
        self.view = view
        self.questionnaire = packs.questionnaire
        self.settings = settings if settings is not None else Settings()
        self.drafts = DraftStore(autosave_dir or (core.data_dir() / "autosave"))
        self.clock = clock or AutosaveClock()
        self.history = History()
        self.scenario = core.Scenario()
        self.saved: core.Scenario | None = self.scenario
        """The scenario as last saved or opened; None when it has never been saved (a restored draft)."""
        self.path: Path | None = None
        self.example: str | None = None
        """The bundled example this scenario was opened from, if any (it has no file of its own)."""
        self._evaluation: tuple[core.Scenario, core.Evaluation] | None = None
        self._shown: tuple[VerdictSnapshot, core.Scenario] | None = None
        self._because: list[str] = []
        self.locked: frozenset[str] = core.default_locked(self.questionnaire)
        """What would change: the facts the search keeps as they are (the view's ticks only show this)."""
        self._memos: MemoFlow | None = None

    # --- state the view shows -----------------------------------------------------------------

    @property
    def dirty(self) -> bool:
        """Whether there are changes not saved to the file."""
        return self.saved is None or self.scenario != self.saved

    @property
    def display_name(self) -> str:
        """The file name, "NAME (example)", or "Untitled"."""
        if self.path:
            return self.path.name
        return f"{self.example} (example)" if self.example else "Untitled"

    @property
    def autosave_dir(self) -> Path:
        """The folder of the autosaved draft."""
        return self.drafts.folder

    def window_title(self) -> str:
        """E.g. ``body-cam.scenario.yaml[*] — Clausewise``: Qt shows ``[*]`` as the unsaved marker."""
        return f"{self.display_name}[*] — Clausewise"

    def evaluation(self) -> core.Evaluation:
        """The evaluation of the current scenario (computed once per change)."""
        if self._evaluation is None or self._evaluation[0] is not self.scenario:
            self._evaluation = (self.scenario, core.evaluate(self.scenario, self.packs))
        return self._evaluation[1]

    def visible_fields(self) -> tuple[str, ...]:
        """Fields the form shows now."""
        return self.questionnaire.visible_fields(self.questionnaire.resolve(self.scenario.answers))

    def suggested_file_name(self) -> str:
        """A file name for Save As: the file's, the example's, else one made from the title."""
        if self.path:
            return self.path.name
        if self.example:
            return f"{self.example}{SUFFIX}"
        words = "".join(c if c.isalnum() else "-" for c in (self.scenario.title or "scenario").lower())
        stem = "-".join(w for w in words.split("-") if w)[:60] or "scenario"
        return f"{stem}{SUFFIX}"

    @property
    def memos(self) -> MemoFlow:
        """Export Signed Memo and Countersign Memo (imported when first used)."""
        if self._memos is None:
            from gui.memo_flow import MemoFlow

            self._memos = MemoFlow(self)
        return self._memos

    def set_locked(self, field_id: str, locked: bool) -> None:
        """What would change: keep a fact as it is (``locked``) or let the search change it.

        The locks are the reviewer's question, not the scenario: they are no edit (no undo step, no
        unsaved change) and outlive re-evaluation, undo and redo; a new document starts from the
        questionnaire's facts (:func:`core.default_locked`); a what-if copy keeps them.
        """
        locks = self.locked | {field_id} if locked else self.locked - {field_id}
        if locks != self.locked:
            self.locked = locks
            self.view.show_locks(locks)

    # --- edits (each one undoable) --------------------------------------------------------------

    def edit_answer(self, field_id: str, value: object) -> None:
        """The user answered a field (None: not answered). Hidden fields keep their answers."""
        field = self.questionnaire.fields[field_id]
        new = self.scenario.with_answer(field_id, value)  # type: ignore[arg-type]
        self._change(new, Step(field.label, self.scenario, new), describe_answer_edit(field, value))

    def edit_title(self, title: str) -> None:
        """The user typed in the title (one undo step per run of typing)."""
        new = self.scenario.replace(title=title)
        self._change(new, Step("Title", self.scenario, new, merge_key="title"), evaluate=False)

    def edit_notes(self, notes: str) -> None:
        """The user typed in the notes (one undo step per run of typing)."""
        new = self.scenario.replace(notes=notes)
        self._change(new, Step("Notes", self.scenario, new, merge_key="notes"), evaluate=False)

    def edit_as_of(self, day: dt.date | None) -> None:
        """The user set the evaluation date (None: today)."""
        new = self.scenario.replace(as_of=day)
        words = day.isoformat() if day else "today"
        self._change(new, Step("Evaluation date", self.scenario, new), f"*Evaluate as of* changed to *{words}*")

    def apply(self, change_set: core.ChangeSet, *, as_copy: bool = False) -> bool:
        """What would change → Apply: one undo step; or a new, unsaved copy with the changes."""
        words = "; ".join(c.text for c in change_set.changes)
        if as_copy:
            if not self.maybe_save():
                return False
            copy = change_set.apply(self.scenario)
            title = f"{self.scenario.title} (what-if copy)" if self.scenario.title else "What-if copy"
            locked = self.locked
            self._load(copy.replace(title=title), path=None, example=None, saved=None)
            self.locked = locked  # the copy continues the same what-if question
            self.view.show_locks(locked)
            self.view.show_status(f"A copy with: {words}. The original is unchanged; save the copy to keep it.")
            return True
        new = change_set.apply(self.scenario)
        self._change(new, Step(f"Apply “{words}”", self.scenario, new), f"the change *{words}* was applied")
        self.view.show_scenario(self.scenario)
        self.view.show_status(f"Applied: {words}")
        return True

    def revert(self) -> bool:
        """Edit → Revert to Saved: back to the file as saved (one undo step; nothing to do if clean)."""
        if self.saved is None or not self.dirty:
            return False
        new = self.saved
        self._change(new, Step("Revert to Saved", self.scenario, new), "the scenario was reverted to the saved file")
        self.view.show_scenario(self.scenario)
        return True

    def undo(self) -> bool:
        """Edit → Undo: take back the last edit."""
        step = self.history.undo()
        if step is None:
            return False
        self._restore_step(step.before, f"*{step.label}* was undone")
        return True

    def redo(self) -> bool:
        """Edit → Redo: make the last undone edit again."""
        step = self.history.redo()
        if step is None:
            return False
        self._restore_step(step.after, f"*{step.label}* was redone")
        return True

    def undo_verdict_change(self, change: VerdictChange) -> None:
        """The notice's Undo: take back edits until the verdicts are as before ``change``."""
        while self.scenario != change.scenario_before and self.history.undo_label is not None:
            self.undo()

    def seal_typing(self) -> None:
        """A text field lost focus: further typing is a new undo step."""
        self.history.seal()

    def _restore_step(self, scenario: core.Scenario, because: str) -> None:
        self.scenario = scenario
        self._after_change(because)
        self.view.show_scenario(scenario)

    def _change(self, new: core.Scenario, step: Step, because: str | None = None, *, evaluate: bool = True) -> None:
        if new == self.scenario:
            return
        self.history.record(step)
        self.scenario = new
        self._after_change(because, evaluate=evaluate)

    def _after_change(self, because: str | None, *, evaluate: bool = True) -> None:
        """Every change of the scenario: title bar, Edit menu, re-evaluation (not for text), autosave."""
        if because:
            self._because.append(because)
        self.view.show_title(self.window_title(), self.dirty)
        self.view.show_history(self.history.undo_label, self.history.redo_label)
        if evaluate:  # title and notes change no verdict: no re-evaluation at every keystroke
            self.view.schedule_refresh()
        self.view.schedule_autosave(self.clock.edited())

    def refresh(self) -> core.Evaluation:
        """Evaluate, show the result, and say which verdicts the edits since last time changed."""
        evaluation = self.evaluation()
        now = snapshot(evaluation)
        if self._shown is not None and self._shown[0] != now and self._because:
            self.view.show_verdict_change(VerdictChange(self._shown[0], now, tuple(self._because), self._shown[1]))
        if self._shown is None or self._shown[0] != now:
            self._shown = (now, self.scenario)
        self._because = []
        self.view.show_evaluation(evaluation)
        self.view.show_title(self.window_title(), self.dirty)
        return evaluation

    # --- files ---------------------------------------------------------------------------------

    def maybe_save(self) -> bool:
        """If there are unsaved changes, ask; True when it is fine to go on."""
        if not self.dirty:
            return True
        choice = self.view.ask_save_changes(self.display_name)
        if choice == "save":
            return self.save()
        return choice == "discard"

    def new(self) -> bool:
        """File → New: an empty scenario (after asking about unsaved changes)."""
        if not self.maybe_save():
            return False
        self._load(core.Scenario(), path=None, example=None, saved=core.Scenario())
        return True

    def open(self, path: Path | None = None, *, asked: bool = False) -> bool:
        """File → Open (``path`` None: ask which). An unreadable file leaves everything as it was."""
        if not asked and not self.maybe_save():
            return False
        if path is None:
            path = self.view.ask_open_path()
            if path is None:
                return False
        try:
            scenario = read_scenario(Path(path), self.questionnaire)
        except core.ClausewiseError as exc:
            self.view.show_error("Cannot open this scenario", str(exc))
            return False
        self._load(scenario, path=Path(path), example=None, saved=scenario)
        self._remember(Path(path))
        return True

    def open_example(self, path: Path) -> bool:
        """File → Open Example: a bundled example as a new scenario without a file (never overwritten)."""
        if not self.maybe_save():
            return False
        try:
            scenario = read_scenario(Path(path), self.questionnaire)
        except core.ClausewiseError as exc:
            self.view.show_error("Cannot open this example", str(exc))
            return False
        self._load(scenario, path=None, example=Path(path).name.removesuffix(SUFFIX), saved=scenario)
        return True

    def save(self) -> bool:
        """File → Save (Save As when there is no file yet)."""
        return self._save_to(self.path) if self.path else self.save_as()

    def save_as(self) -> bool:
        """File → Save As: ask where, then save."""
        path = self.view.ask_save_path(self.suggested_file_name())
        return self._save_to(path) if path else False

    def _save_to(self, path: Path) -> bool:
        try:
            core.save_scenario(self.scenario, path, self.questionnaire)
        except core.ClausewiseError as exc:
            self.view.show_error("Cannot save", str(exc))
            return False
        self.saved, self.path, self.example = self.scenario, Path(path), None
        self.drafts.discard()
        self.clock.written()
        self._remember(Path(path))
        self.view.show_title(self.window_title(), self.dirty)
        self.view.show_status(f"Saved {path}")
        return True

    def _load(
        self, scenario: core.Scenario, *, path: Path | None, example: str | None, saved: core.Scenario | None
    ) -> None:
        """Make ``scenario`` the open document (``saved``: as in its file, None if never saved)."""
        self.scenario, self.saved = scenario, saved
        self.path, self.example = path, example
        self.history.clear()
        self._shown, self._because = None, []
        self.locked = core.default_locked(self.questionnaire)
        self.view.show_locks(self.locked)
        self.view.show_verdict_change(None)
        self.view.show_history(None, None)
        self.view.show_scenario(scenario)
        self.refresh()
        self.view.show_new_document()
        if self.dirty:
            self.view.schedule_autosave(self.clock.edited())

    def _remember(self, path: Path) -> None:
        self.settings.add_recent(path)
        save_settings(self.settings)

    # --- autosave, crash recovery, closing -------------------------------------------------------

    def autosave(self) -> None:
        """Write the draft now (only with unsaved changes; without, there must be no draft)."""
        try:
            if self.dirty:
                self.drafts.write(self.scenario, self.path, self.questionnaire)
            else:
                self.drafts.discard()
        except (core.ClausewiseError, OSError) as exc:
            self.view.show_status(f"Autosave failed: {exc}")
            return
        self.clock.written()

    def pending_draft(self) -> Draft | None:
        """A draft left by a run that did not close cleanly, if any.

        A corrupt or hostile draft (deep nesting, a huge file, an invalid scenario…) never stops the
        app: it is set aside as ``draft-unreadable-….json``, the user is told, and None is returned.
        """
        try:
            return self.drafts.read(self.questionnaire)
        except UnreadableDraft as exc:
            kept = self.drafts.set_aside()
            where = f"It was kept as {kept}." if kept else "It could not be kept and was removed."
            self.view.show_error(
                "The autosaved draft could not be restored",
                f"{str(exc)[:1].upper()}{str(exc)[1:]}. {where} You can keep working.",
            )
            return None

    def discard_draft(self) -> None:
        """Remove the autosaved draft."""
        self.drafts.discard()

    def offer_restore(self) -> bool:
        """At start-up: if the last run left a draft, offer it; restore it or remove it."""
        draft = self.pending_draft()
        if draft is None:
            return False
        if not self.view.ask_restore_draft(draft):
            self.drafts.discard()
            return False
        self.restore(draft)
        return True

    def restore(self, draft: Draft) -> None:
        """Continue editing a recovered draft, as its own document: its title, its file or none, its date.

        It never takes the identity of what was open before (an example's name, a file): an
        untitled draft stays untitled, and it stays unsaved until the user saves it.
        """
        saved = None
        try:
            if draft.path and draft.path.is_file():
                saved = read_scenario(draft.path, self.questionnaire)
        except (core.ClausewiseError, OSError, ValueError):
            saved = None
        self._load(draft.scenario, path=draft.path, example=None, saved=saved)

    def close(self) -> bool:
        """The window is closing: ask about unsaved changes; on a clean exit, no draft is left."""
        if not self.maybe_save():
            return False
        self.drafts.discard()
        self.clock.written()
        save_settings(self.settings)
        return True
