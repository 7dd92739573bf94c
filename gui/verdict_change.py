"""Which verdicts an edit changed, in words ("PROHIBITED → RESTRICTED because …"). No Qt.

The window shows this above the findings, so a verdict never changes with only a ``*`` in the
title to show for it.
"""

from __future__ import annotations

import core


@core.value_class
class VerdictSnapshot:
    """The verdicts a user sees: the overall one and each policy's."""

    overall: core.Verdict
    packs: tuple[tuple[str, core.Verdict], ...]
    """(pack title, verdict) in evaluation order."""


def snapshot(evaluation: core.Evaluation) -> VerdictSnapshot:
    """The verdicts of ``evaluation``."""
    return VerdictSnapshot(evaluation.overall, tuple((p.pack.title, p.verdict) for p in evaluation.packs))


@core.value_class
class VerdictChange:
    """Verdicts before and after some edits, and the edits."""

    before: VerdictSnapshot
    after: VerdictSnapshot
    because: tuple[str, ...]
    """The edits, in words ("*When are images processed?* changed to *After the event*")."""
    scenario_before: core.Scenario
    """The scenario that had the earlier verdicts (what the banner's Undo goes back to)."""

    def headline(self) -> str:
        """One sentence: the overall verdict's change, or the first policy's, and why."""
        changed = self.pack_changes()
        if self.before.overall != self.after.overall:
            what = f"{_upper(self.before.overall)} → {_upper(self.after.overall)}"
        elif changed:
            title, old, new = changed[0]
            what = f"{title}: {_upper(old)} → {_upper(new)}"
        else:
            what = "The verdicts changed"
        return f"{what} because {'; '.join(self.because)}"

    def pack_changes(self) -> list[tuple[str, core.Verdict, core.Verdict]]:
        """(pack title, before, after) for each policy whose verdict changed."""
        old = dict(self.before.packs)
        return [(t, old[t], v) for t, v in self.after.packs if t in old and old[t] != v]


def _upper(verdict: core.Verdict) -> str:
    return verdict.label.upper()


def describe_answer_edit(field: core.Field, value: object) -> str:
    """E.g. "*When are images processed?* changed to *After the event*"."""
    words = "Not answered" if value is None else field.describe_answer(value)
    return f"*{field.question}* changed to *{words}*"
