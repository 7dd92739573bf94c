"""Verdicts, ordered from most to least severe (DESIGN §4)."""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum


class Verdict(StrEnum):
    """The outcome of a rule, a pack or a whole evaluation."""

    PROHIBITED = "prohibited"
    UNDETERMINED = "undetermined"
    UNCLEAR = "unclear"
    RESTRICTED = "restricted"
    NO_PROHIBITION_FOUND = "no_prohibition_found"
    NOT_APPLICABLE = "not_applicable"

    @property
    def severity(self) -> int:
        """Higher is more severe: prohibited 5 … not_applicable 0."""
        return _SEVERITY[self]

    @property
    def label(self) -> str:
        """Short wording for people."""
        return _LABELS[self]

    @property
    def meaning(self) -> str:
        """One sentence saying what the verdict means."""
        return _MEANINGS[self]

    @property
    def overall_meaning(self) -> str:
        """What the verdict means as the overall verdict over several policies."""
        return _OVERALL_MEANINGS.get(self, _MEANINGS[self])

    @property
    def symbol(self) -> str:
        """A plain-text mark that does not rely on colour."""
        return _SYMBOLS[self]

    @property
    def mark(self) -> str:
        """The symbol the window shows next to the label (never colour alone)."""
        return _MARKS[self]

    @property
    def colour(self) -> str:
        """The verdict's colour (``#RRGGBB``), the same in the window and the memo."""
        return _COLOURS[self]


_ORDER = list(Verdict)
_SEVERITY = {v: len(_ORDER) - 1 - i for i, v in enumerate(_ORDER)}
_LABELS = {
    Verdict.PROHIBITED: "Prohibited",
    Verdict.UNDETERMINED: "Undetermined",
    Verdict.UNCLEAR: "Unclear",
    Verdict.RESTRICTED: "Restricted",
    Verdict.NO_PROHIBITION_FOUND: "No prohibition found",
    Verdict.NOT_APPLICABLE: "Not applicable",
}
_MEANINGS = {
    Verdict.PROHIBITED: "A clause in force expressly prohibits this scenario.",
    Verdict.UNDETERMINED: "The outcome depends on questions not yet answered.",
    Verdict.UNCLEAR: "The wording leaves this case open; legal review is needed.",
    Verdict.RESTRICTED: "Allowed only under conditions (registration, approval, authorisation, safeguards).",
    Verdict.NO_PROHIBITION_FOUND: "The policy applies and none of its rules is triggered.",
    Verdict.NOT_APPLICABLE: "The policy does not govern this scenario.",
}
_OVERALL_MEANINGS = {
    Verdict.NO_PROHIBITION_FOUND: "The policies that apply trigger none of their rules.",
    Verdict.NOT_APPLICABLE: "None of the policies evaluated governs this scenario.",
}
_SYMBOLS = {
    Verdict.PROHIBITED: "[X]",
    Verdict.UNDETERMINED: "[?]",
    Verdict.UNCLEAR: "[!]",
    Verdict.RESTRICTED: "[~]",
    Verdict.NO_PROHIBITION_FOUND: "[ok]",
    Verdict.NOT_APPLICABLE: "[-]",
}

_MARKS = {
    Verdict.PROHIBITED: "✖",
    Verdict.UNDETERMINED: "?",
    Verdict.UNCLEAR: "⚠",
    Verdict.RESTRICTED: "◐",
    Verdict.NO_PROHIBITION_FOUND: "✔",
    Verdict.NOT_APPLICABLE: "–",
}
_COLOURS = {
    Verdict.PROHIBITED: "#A1001D",
    Verdict.UNDETERMINED: "#5B3F8C",
    Verdict.UNCLEAR: "#8A5300",
    Verdict.RESTRICTED: "#1456A8",
    Verdict.NO_PROHIBITION_FOUND: "#24692A",
    Verdict.NOT_APPLICABLE: "#5A5A5A",
}

RULE_VERDICTS = (Verdict.PROHIBITED, Verdict.UNCLEAR, Verdict.RESTRICTED)
"""Verdicts a rule's case may produce (undetermined arises from unanswered questions)."""


def most_severe(verdicts: Iterable[Verdict], default: Verdict = Verdict.NOT_APPLICABLE) -> Verdict:
    """The most severe of ``verdicts``, or ``default`` when there are none."""
    best = default
    for v in verdicts:
        if _SEVERITY[v] > _SEVERITY[best]:
            best = v
    return best
