"""Result types of "what would change the outcome": each change and its consequence as fields.

Front ends (the window's tab, the text and JSON output, the memo) render from these fields; the
sentences in :mod:`core.whatif_text` are built from the same fields and are never parsed.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from core.questionnaire import FieldKind
from core.scenario import Scenario
from core.value_class import value_class
from core.verdicts import Verdict

RuleKey = tuple[str, str]
"""(pack id, rule id)."""


@value_class
class FindingRef:
    """A finding named in a consequence: which rule of which policy, before and after a change."""

    pack_id: str
    rule: str
    title: str
    """The rule's title, e.g. "Identifying or verifying people from their faces"."""
    pack_title: str
    """The policy's title, e.g. "Microsoft code of conduct for Azure OpenAI Service"."""
    before: Verdict | None
    """The finding's verdict before the change; None: the rule was not triggered."""
    after: Verdict | None
    """The finding's verdict after the change; None: the rule is no longer triggered."""

    @property
    def key(self) -> RuleKey:
        """(pack id, rule id)."""
        return (self.pack_id, self.rule)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "pack": self.pack_id,
            "rule": self.rule,
            "title": self.title,
            "policy": self.pack_title,
            "before": self.before.value if self.before else None,
            "after": self.after.value if self.after else None,
        }


@value_class
class Change:
    """One answer changed, with the words for both answers."""

    field: str
    old: Any
    """The current answer (None: unanswered)."""
    new: Any
    label: str
    """The field's label, e.g. "Timing of processing"."""
    old_words: str
    """The current answer in words, e.g. "real time (live)"."""
    new_words: str
    """The new answer in words, e.g. "after the event"."""
    kind: FieldKind
    """Whether the field is a design choice or a fact of the context (unlocked, or drifting)."""

    @property
    def text(self) -> str:
        """E.g. "Timing of processing: after the event instead of real time (live)"."""
        return f"{self.label}: {self.new_words} instead of {self.old_words}"

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "field": self.field,
            "label": self.label,
            "kind": self.kind.value,
            "from": _json_value(self.old),
            "to": _json_value(self.new),
            "from_words": self.old_words,
            "to_words": self.new_words,
        }


@value_class
class ChangeSet:
    """A set of changes and what it achieves, as fields."""

    changes: tuple[Change, ...]
    before: Verdict
    """The overall verdict before the changes."""
    overall: Verdict
    """The overall verdict after the changes."""
    removed: tuple[FindingRef, ...]
    """Findings that go away."""
    added: tuple[FindingRef, ...]
    """Findings that the changes bring in."""
    remaining: tuple[FindingRef, ...]
    """Findings that stood in the way and still apply (perhaps with another verdict)."""

    @property
    def after(self) -> Verdict:
        """The overall verdict after the changes (the same as :attr:`overall`)."""
        return self.overall

    @property
    def fields(self) -> tuple[str, ...]:
        """The ids of the fields changed."""
        return tuple(c.field for c in self.changes)

    @property
    def summary(self) -> str:
        """The changes in words, e.g. "Timing of processing: after the event instead of real time (live)"."""
        return "; ".join(c.text for c in self.changes)

    @property
    def consequence(self) -> str:
        """What the changes do to the findings, in words (empty if nothing is named)."""
        from core.whatif_text import consequence

        return consequence(self)

    @property
    def text(self) -> str:
        """One sentence: the changes, then their consequence."""
        consequence = self.consequence
        return f"{self.summary} — {consequence}" if consequence else self.summary

    def apply(self, scenario: Scenario) -> Scenario:
        """The scenario with these changes made."""
        for change in self.changes:
            scenario = scenario.with_answer(change.field, change.new)
        return scenario

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "changes": [c.to_dict() for c in self.changes],
            "overall_before": self.before.value,
            "overall": self.overall.value,
            "removes": [f.to_dict() for f in self.removed],
            "adds": [f.to_dict() for f in self.added],
            "still_applies": [f.to_dict() for f in self.remaining],
            "text": self.text,
        }


@value_class
class FindingOptions:
    """The ways to make one finding go away."""

    pack_id: str
    rule: str
    title: str
    verdict: Verdict
    options: tuple[ChangeSet, ...]
    pack_title: str = ""
    remedies: tuple[str, ...] = ()
    """What the policy pack itself says would change this finding (as in the findings)."""


@value_class
class Requirement:
    """A finding that allows the deployment only under conditions, and what it asks for."""

    finding: FindingRef
    steps: tuple[str, ...]
    """The conditions in words, as the policy pack states them (e.g. "Register the use case with
    Microsoft and keep the registration consistent with this deployment.")."""


@value_class
class WhatIf:
    """Per finding, and for the overall verdict, the smallest change sets that help — and those
    that would make the verdict more severe."""

    as_of: dt.date
    overall: Verdict
    locked: frozenset[str]
    """Ids of the fields never changed in the search for remedies."""
    findings: tuple[FindingOptions, ...]
    less_severe: tuple[ChangeSet, ...]
    """Change sets that make the overall verdict less severe, best first."""
    more_severe: tuple[ChangeSet, ...] = ()
    """Risks: the smallest changes to design choices or drifting facts that would make the overall
    verdict more severe, most severe result first."""
    requirements: tuple[Requirement, ...] = ()
    """The conditions the current verdict rests on (findings that allow only under conditions)."""
    locked_labels: tuple[str, ...] = ()
    """Labels of the locked fields, in questionnaire order."""
    unlocked_facts: tuple[str, ...] = ()
    """Labels of facts of the context the user allowed to change."""
    drift_labels: tuple[str, ...] = ()
    """Labels of the facts that may drift, tried for risks."""
    open_questions: tuple[str, ...] = ()
    """Questions (labels) whose answers would decide an undetermined verdict."""

    @property
    def remains(self) -> str:
        """When nothing makes the verdict less severe: what remains to do, in words (consistent
        with the findings: their own remedies and the conditions to meet)."""
        from core.whatif_text import what_remains

        return what_remains(self)

    @property
    def conditions(self) -> str:
        """The conditions the verdict rests on, in words (empty if there are none)."""
        from core.whatif_text import conditions

        return conditions(self) if self.requirements else ""

    @property
    def no_risk(self) -> str:
        """Why no change that makes the verdict more severe is listed, in words."""
        from core.whatif_text import risks_empty

        return risks_empty(self)

    @property
    def searched(self) -> str:
        """What the search may change, in words ("design choices", "design choices or purposes")."""
        from core.whatif_text import searched

        return searched(self)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "overall": self.overall.value,
            "locked": sorted(self.locked),
            "less_severe": [o.to_dict() for o in self.less_severe],
            "more_severe": [o.to_dict() for o in self.more_severe],
            "what_remains": "" if self.less_severe else self.remains,
            "requirements": [{**r.finding.to_dict(), "steps": list(r.steps)} for r in self.requirements],
            "findings": [
                {
                    "pack": f.pack_id,
                    "rule": f.rule,
                    "title": f.title,
                    "verdict": f.verdict.value,
                    "options": [o.to_dict() for o in f.options],
                }
                for f in self.findings
            ],
        }

    def lines(self) -> list[str]:
        """The options and risks in words (unwrapped lines)."""
        from core.whatif_text import whatif_lines

        return whatif_lines(self)


def _json_value(value: Any) -> Any:
    return list(value) if isinstance(value, tuple) else value
