"""Undo and redo of scenario edits, with no Qt: a list of steps, each a scenario before and after.

Every answer change is one step; typing in one text field (title, notes) merges into one step
until another field is edited; *Apply* of a what-if change set and *Revert to saved* are one
step each, however many answers they change.
"""

from __future__ import annotations

import core

LIMIT = 500


@core.value_class
class Step:
    """One undoable edit."""

    label: str
    """What the edit did, for the Edit menu ("Undo Timing of processing")."""
    before: core.Scenario
    after: core.Scenario
    merge_key: str | None = None
    """Consecutive edits with the same key (typing in one text field) merge into one step."""


class History:
    """The undo and redo stacks of one open scenario."""

    def __init__(self, limit: int = LIMIT) -> None:
        self.limit = limit
        self._undo: list[Step] = []
        self._redo: list[Step] = []

    def record(self, step: Step) -> None:
        """Remember an edit (no-op if it changed nothing); a new edit forgets what could be redone."""
        if step.before == step.after:
            return
        top = self._undo[-1] if self._undo else None
        if top and step.merge_key and top.merge_key == step.merge_key and top.after == step.before:
            self._undo[-1] = Step(top.label, top.before, step.after, step.merge_key)
        else:
            self._undo.append(step)
            del self._undo[: -self.limit]
        self._redo.clear()

    def seal(self) -> None:
        """End the current typing step: the next edit starts a new one."""
        if self._undo and self._undo[-1].merge_key:
            top = self._undo[-1]
            self._undo[-1] = Step(top.label, top.before, top.after, None)

    def undo(self) -> Step | None:
        """Take back the last step (None if there is none); it can then be redone."""
        return _move_last(self._undo, self._redo)

    def redo(self) -> Step | None:
        """Make the last undone step again (None if there is none)."""
        return _move_last(self._redo, self._undo)

    def clear(self) -> None:
        """Forget everything (another scenario was opened)."""
        self._undo.clear()
        self._redo.clear()

    @property
    def undo_label(self) -> str | None:
        """What Undo would take back, or None."""
        return self._undo[-1].label if self._undo else None

    @property
    def redo_label(self) -> str | None:
        """What Redo would make again, or None."""
        return self._redo[-1].label if self._redo else None


def _move_last(source: list[Step], target: list[Step]) -> Step | None:
    """Move the last step of ``source`` onto ``target`` and return it (None if ``source`` is empty)."""
    if not source:
        return None
    step = source.pop()
    target.append(step)
    return step
