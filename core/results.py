"""Frozen result types of an evaluation: findings, per-pack results and the whole evaluation."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from core.conditions import TraceNode
from core.packs import Clause, PackVersion, PolicyPack
from core.scenario import Scenario
from core.value_class import value_class
from core.verdicts import Verdict


class Applicability(StrEnum):
    """Whether a pack governs the scenario."""

    APPLIES = "applies"
    NOT_APPLICABLE = "not_applicable"
    UNKNOWN = "unknown"
    """Depends on unanswered questions (e.g. which services are used)."""
    NOT_IN_FORCE = "not_in_force"
    """No version of the policy was in force on the evaluation date."""


@value_class
class Fact:
    """A scenario fact that a finding rests on, in words."""

    field: str
    label: str
    answer: str


@value_class
class Finding:
    """One rule that is triggered (or could be, once questions are answered)."""

    rule: str
    title: str
    verdict: Verdict
    clauses: tuple[Clause, ...]
    """The quoted clauses the finding rests on, from the version in force."""
    explanation: str
    """Plain-language reasoning naming the facts."""
    facts: tuple[Fact, ...]
    """The answers that made the rule hold."""
    notes: tuple[str, ...]
    """Interpretation notes (where the wording is open)."""
    remedies: tuple[str, ...]
    questions: tuple[str, ...]
    """For undetermined findings: field ids whose answers would decide it."""
    trace: TraceNode
    """The evaluated condition tree."""
    case: str = ""
    """Label of the case that decided the verdict, if the rule has several."""
    could_be: tuple[Verdict, ...] = ()
    """For undetermined findings: the verdicts the rule could still give, most severe first."""

    @property
    def stands_in_the_way(self) -> bool:
        """Prohibited or unclear, or undetermined and possibly either: a finding worth removing.

        An undetermined finding that could at most allow the deployment under conditions is not.
        """
        blocking = (Verdict.PROHIBITED, Verdict.UNCLEAR)
        return self.verdict in blocking or (
            self.verdict is Verdict.UNDETERMINED and any(v in blocking for v in self.could_be)
        )


@value_class
class LaterVersion:
    """A version of the pack that came into force after the evaluation date."""

    version: PackVersion
    added_clauses: tuple[str, ...]
    """Clause ids not in the version used."""
    new_findings: tuple[tuple[str, Verdict], ...]
    """Rules (id, verdict) that this scenario would trigger under it and does not trigger now."""
    changed_clauses: tuple[str, ...] = ()
    """Clause ids present in both versions with different wording."""
    titles: tuple[tuple[str, str], ...] = ()
    """Rule id → title, for the rules in ``new_findings``."""


@value_class
class PackResult:
    """The outcome for one policy pack."""

    pack: PolicyPack
    verdict: Verdict
    applicability: Applicability
    reason: str
    """Why the pack does not apply or is not in force, or what its applicability depends on."""
    version: PackVersion | None
    findings: tuple[Finding, ...] = ()
    not_triggered: tuple[str, ...] = ()
    """Ids of the rules checked and not triggered."""
    questions: tuple[str, ...] = ()
    notices: tuple[str, ...] = ()
    scope_trace: TraceNode | None = None
    later: tuple[LaterVersion, ...] = ()
    """Versions not yet in force on the evaluation date, and what they would change."""

    @property
    def pack_id(self) -> str:
        """The pack's id."""
        return self.pack.id

    def finding(self, rule_id: str) -> Finding | None:
        """The finding of a rule, or None if the rule was not triggered."""
        for f in self.findings:
            if f.rule == rule_id:
                return f
        return None


@value_class
class Evaluation:
    """The result of evaluating one scenario against a set of packs on one date."""

    scenario: Scenario
    as_of: dt.date
    overall: Verdict
    packs: tuple[PackResult, ...]
    questions: tuple[str, ...]
    """Field ids, in questionnaire order, whose answers would decide undetermined rules."""

    def pack(self, pack_id: str) -> PackResult:
        """The result for one pack (KeyError if it was not evaluated)."""
        for p in self.packs:
            if p.pack.id == pack_id:
                return p
        raise KeyError(pack_id)

    @property
    def findings(self) -> tuple[Finding, ...]:
        """All findings of all packs."""
        return tuple(f for p in self.packs for f in p.findings)

    @property
    def evidence_caveat(self) -> str:
        """A warning when the overall verdict rests on wording not checked against the publisher
        (cross-checked or secondary); see :func:`core.evidence.evidence_caveat`."""
        from core.evidence import evidence_caveat

        return evidence_caveat(self)
